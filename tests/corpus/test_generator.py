"""Tests of the default-corpus generator: format, determinism, splits and committed files."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from joint_nlu.corpus import (
    DEFAULT_SEED,
    INTENTS,
    corpus_statistics,
    entity_lexicon,
    generate_corpus,
    skeleton,
    statistics_markdown,
    write_corpus,
)
from joint_nlu.corpus.hangul import attach, copula_forms, verb_forms

RAW_DIR = Path(__file__).resolve().parents[2] / "data" / "01_raw"
EXPECTED_INTENTS = (
    "age", "area", "belong_to", "birth_date", "birth_place",
    "definition", "height", "length", "weight", "width",
)  # fmt: skip


@pytest.fixture(scope="module")
def corpus() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    return generate_corpus()


def _entity(row: tuple[str, str, str]) -> str:
    _, tags, sentence = row
    (match,) = re.finditer(r"E+", tags)
    return sentence[match.start() : match.end()]


def test_intents_are_the_ten_sorted() -> None:
    assert INTENTS == EXPECTED_INTENTS


def test_same_seed_same_rows_other_seed_other_rows(corpus) -> None:
    assert generate_corpus(DEFAULT_SEED) == corpus
    other_train, _ = generate_corpus(DEFAULT_SEED + 1, train_per_intent=20, hidden_per_intent=5)
    assert other_train != generate_corpus(DEFAULT_SEED, train_per_intent=20, hidden_per_intent=5)[0]


def test_rows_per_intent(corpus) -> None:
    train, hidden = corpus
    assert Counter(r[0] for r in train) == dict.fromkeys(EXPECTED_INTENTS, 900)
    assert Counter(r[0] for r in hidden) == dict.fromkeys(EXPECTED_INTENTS, 100)


def test_every_row_is_well_formed(corpus) -> None:
    lexicon = entity_lexicon()
    for intent, tags, sentence in corpus[0] + corpus[1]:
        assert intent in EXPECTED_INTENTS
        assert len(tags) == len(sentence), sentence
        assert set(tags) <= {"E", "C"}, sentence
        assert len(re.findall(r"E+", tags)) == 1, sentence
        assert sentence == sentence.strip() and not re.search(r"[\t\n\r]", sentence), sentence
        entity = _entity((intent, tags, sentence))
        assert entity in lexicon, (entity, sentence)
        assert entity == entity.strip(), sentence


def test_hidden_entities_never_in_training(corpus) -> None:
    train, hidden = corpus
    train_entities = {_entity(r) for r in train}
    hidden_entities = {_entity(r) for r in hidden}
    assert not train_entities & hidden_entities
    spaceless = {e.replace(" ", "") for e in train_entities}
    assert not spaceless & {e.replace(" ", "") for e in hidden_entities}


def test_hidden_phrasings_partly_unseen(corpus) -> None:
    train, hidden = corpus
    train_skeletons = {skeleton(r) for r in train}
    unseen = sum(skeleton(r) not in train_skeletons for r in hidden)
    assert unseen / len(hidden) >= 0.3
    stats = corpus_statistics(train, hidden)
    assert stats["overlap"]["entities"]["shared"] == 0
    assert stats["overlap"]["sentences"]["shared"] == 0
    assert stats["distinct_skeletons"]["train"] >= 500
    assert "| rows | 9000 | 1000 |" in statistics_markdown(stats)


def test_regenerated_files_equal_committed_ones(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path)
    for name in ("trainset.txt", "test_hidden.txt"):
        committed = RAW_DIR / name
        assert committed.exists(), f"{committed} missing: run write_corpus(Path('data/01_raw'))"
        assert (tmp_path / name).read_bytes() == committed.read_bytes(), name
    assert set(paths) == {"trainset", "test_hidden"}


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [("박지성", "은", "은"), ("자강", "의", "의"), ("라이프", "을", "를"), ("푸조 508", "이", "이"),
     ("iPhone 15", "은", "는"), ("서울", "으로", "로"), ("위키백과", "으로", "로"), ("인터넷", "으로", "으로")],
)  # fmt: skip
def test_particles_follow_batchim(word: str, particle: str, expected: str) -> None:
    assert attach(word, particle) == expected


def test_conjugation() -> None:
    assert copula_forms("몇 살")["polite"] == "몇 살이에요"
    assert copula_forms("어디")["polite"] == "어디예요"
    assert copula_forms("뭐")["embedded"] == "뭔지"
    assert verb_forms("얼마나 무거", "b")["formal"] == "얼마나 무겁습니까"
    assert verb_forms("얼마나 기", "l")["embedded"] == "얼마나 긴지"
    assert verb_forms("어디서 뛰", "vowel_eo")["formal"] == "어디서 뜁니까"
