"""Generator of the embedded default Korean corpus (pure Python: no Kedro, no MXNet).

``generate_corpus`` returns tagged rows, ``write_corpus`` writes ``trainset.txt`` and
``test_hidden.txt``, ``corpus_statistics``/``statistics_markdown`` describe them, and
``entity_lexicon`` lists every entity string the generator can emit.
"""

from joint_nlu.corpus.generator import (
    DEFAULT_SEED,
    INTENTS,
    entity_lexicon,
    format_rows,
    generate_corpus,
    write_corpus,
)
from joint_nlu.corpus.statistics import corpus_statistics, skeleton, statistics_markdown

__all__ = [
    "DEFAULT_SEED",
    "INTENTS",
    "corpus_statistics",
    "entity_lexicon",
    "format_rows",
    "generate_corpus",
    "skeleton",
    "statistics_markdown",
    "write_corpus",
]
