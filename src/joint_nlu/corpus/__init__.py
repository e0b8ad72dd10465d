"""Generator of the embedded default Korean corpus (pure Python: no Kedro, no MXNet).

``generate_corpus`` returns tagged rows, ``write_corpus`` writes ``trainset.txt`` and
``test_hidden.txt``, ``corpus_report``/``report_markdown`` describe any corpus file (rows, entity
kinds, share of names Kiwi's dictionaries know, phrasing families, noise, lengths, contradictions),
``corpus_statistics``/``statistics_markdown`` compare a train and a hidden split, and
``build_entity_pools`` returns the entity names by kind.
"""

from joint_nlu.corpus.generator import (
    DEFAULT_SEED,
    FIRST_CORPUS,
    INTENTS,
    entity_lexicon,
    format_rows,
    generate_corpus,
    generate_corpus_with_report,
    read_first_corpus,
    write_corpus,
)
from joint_nlu.corpus.kiwi_dicts import KiwiModelMismatch, check_kiwi_model
from joint_nlu.corpus.lexicon import build_entity_pools
from joint_nlu.corpus.statistics import corpus_statistics, skeleton, statistics_markdown

__all__ = [
    "DEFAULT_SEED",
    "FIRST_CORPUS",
    "INTENTS",
    "KiwiModelMismatch",
    "build_entity_pools",
    "check_kiwi_model",
    "corpus_statistics",
    "entity_lexicon",
    "format_rows",
    "generate_corpus",
    "generate_corpus_with_report",
    "skeleton",
    "read_first_corpus",
    "statistics_markdown",
    "write_corpus",
]
