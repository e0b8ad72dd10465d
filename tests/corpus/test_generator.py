"""Tests of the default-corpus generator: format, determinism, splits and committed files."""

from __future__ import annotations

import random
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
    lexicon_data,
    skeleton,
    statistics_markdown,
    write_corpus,
)
from joint_nlu.corpus import templates as T
from joint_nlu.corpus.generator import _RowMaker
from joint_nlu.corpus.hangul import attach, copula_forms, verb_forms
from joint_nlu.corpus.lexicon import build_entity_pools

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


# -- context around the entity: titles, modifiers, generic nouns, prefixes, tails -------------


def _around(row: tuple[str, str, str]) -> tuple[str, str, str]:
    """Return the text before the entity, the entity and the text after it."""
    _, tags, sentence = row
    (match,) = re.finditer(r"E+", tags)
    return sentence[: match.start()], sentence[match.start() : match.end()], sentence[match.end() :]


def _next_word(after: str) -> str:
    return after.strip().split(" ")[0] if after.strip() else ""


PARTICLES = ("", "의", "은", "는", "이", "가", "을", "를", "도", "이랑", "랑", "이란", "란", "에")


def _noun_after(after: str, nouns: set[str]) -> str:
    """Return the noun of ``nouns`` that follows the entity after a space (a particle may be glued)."""
    if not after.startswith(" "):
        return ""
    word = _next_word(after).rstrip("?.!~,")
    return next((n for n in nouns if word.startswith(n) and word[len(n) :] in PARTICLES), "")


def test_titles_and_modifiers_next_to_people_are_context(corpus) -> None:
    train, hidden = corpus
    titles = set(T.PERSON_TITLES_AFTER.train) | set(T.PERSON_TITLES_AFTER.hidden)
    befores = set(T.PERSON_TITLES_BEFORE.train) | set(T.PERSON_MODIFIERS.train)
    people = [r for r in train if r[0] in ("birth_date", "birth_place")]
    after = [r for r in people if any(_around(r)[2].lstrip().startswith(t) for t in titles)]
    before = [r for r in people if any(_around(r)[0].rstrip().endswith(b) for b in befores)]
    assert 0.1 <= len(after) / len(people) <= 0.3
    assert len(before) / len(people) >= 0.08
    seen_titles = {t for r in after for t in titles if _around(r)[2].lstrip().startswith(t)}
    assert len(seen_titles) >= 40
    lexicon = {e.replace(" ", "") for e in entity_lexicon()}
    for row in after + before:
        _, entity, _ = _around(row)
        assert entity.replace(" ", "") in lexicon, row


def test_generic_nouns_and_parts_follow_things_as_context(corpus) -> None:
    train, _ = corpus
    nouns = {"섬", "나라", "도시", "호수", "공원", "강", "다리", "전투기", "열차", "차", "건물"}
    parts = {"시계탑", "주탑", "전망대", "중앙탑", "정상"}
    found_nouns = {_noun_after(_around(r)[2], nouns) for r in train} - {""}
    found_parts = {_noun_after(_around(r)[2], parts) for r in train if r[0] == "height"} - {""}
    assert found_nouns == nouns
    assert len(found_parts) >= 4
    # a generic noun never repeats the end of the name (한라산 산, 광안대교 다리)
    maker = _RowMaker(build_entity_pools(DEFAULT_SEED), "train", random.Random(0))
    cases = (("한라산", "mountain", "height"), ("광안대교", "bridge", "length"),
             ("석촌호수", "lake", "area"), ("에펠탑", "tower", "height"),
             ("남산1호터널", "tunnel", "width"), ("사하라 사막", "region", "area"))  # fmt: skip
    for entity, kind, intent in cases:
        for _ in range(300):
            pieces = maker.entity_pieces(entity, kind, intent, "")
            after = pieces[-1].text if not pieces[-1].entity else ""
            parts = T.PARTS.get(intent, {}).get(kind, T.Options(()))
            if after.strip() in parts.train:
                continue  # a part named after it (에펠탑 첨탑), not a generic noun
            assert not (after and T.descriptor_clashes(entity, after.strip())), (entity, after)


def test_no_context_word_extends_the_name_into_another_entity(corpus) -> None:
    lexicon = {e.replace(" ", "") for e in entity_lexicon()}
    for row in corpus[0] + corpus[1]:
        before, entity, after = _around(row)
        previous = before.rstrip().split(" ")[-1] if before.strip() else ""
        for extended in (entity + _next_word(after), previous + entity):
            if extended.replace(" ", "") != entity.replace(" ", ""):
                assert extended.replace(" ", "") not in lexicon, (extended, row[2])


def test_prefixes_modifiers_and_tails_are_frequent_and_varied(corpus) -> None:
    train, hidden = corpus
    prefixes = set(T.CONTEXT_PREFIXES.train)
    for options in T.INTENT_CONTEXT_PREFIXES.values():
        prefixes |= set(options.train)
    opening = [r for r in train if any(r[2].startswith(p) for p in prefixes)]
    assert len(opening) / len(train) >= 0.12
    assert len({p for r in opening for p in prefixes if r[2].startswith(p)}) >= 60
    modifiers = set(T.COMMON_MODIFIERS.train) | set(T.PLACE_MODIFIERS.train)
    for options in T.KIND_MODIFIERS.values():
        modifiers |= set(options.train)
    modified = [r for r in train if any(_around(r)[0].rstrip().endswith(m) for m in modifiers)]
    assert len(modified) >= 300
    assert any("에서 제일" in _around(r)[0] or "에서 가장" in _around(r)[0] for r in train)
    tails = set(T.TAILS.train)
    for options in T.INTENT_TAILS.values():
        tails |= set(options.train)
    assert sum(any(t in _around(r)[2] for t in tails) for r in train) / len(train) >= 0.07
    # some descriptions before the entity are only ever used in the hidden split
    train_befores = {_around(r)[0].rstrip().split(" ")[-1] for r in train}
    hidden_only = set(T.PERSON_MODIFIERS.hidden) | set(T.PERSON_TITLES_AFTER.hidden)
    assert any(any(h in r[2] for h in hidden_only) for r in hidden)
    assert not {h for h in T.PERSON_MODIFIERS.hidden if " " not in h} & train_befores


def test_entities_of_every_shape(corpus) -> None:
    train, hidden = corpus
    entities = [_around(r)[1] for r in train]
    hangul = re.compile(r"^[가-힣]+$")
    assert sum(bool(hangul.match(e)) and len(e) == 2 for e in entities) >= 300
    assert sum(bool(hangul.match(e)) and len(e) == 4 for e in entities) >= 300
    assert sum(e.count(" ") >= 2 for e in entities) >= 100
    caps = [e for e in entities if re.fullmatch(r"[A-Z]{2,8}", e)]
    assert len(caps) >= 100 and {len(e) for e in caps} >= set(range(2, 9))
    assert any(re.search(r"[A-Za-z]", e) and re.search(r"\d", e) for e in entities)
    last = [r for r in train if not r[2][re.search(r"E+", r[1]).end() :].strip(" ?.!~")]
    assert len(last) / len(train) >= 0.03
    spaced_particle = [r for r in train if re.match(r" [은는이가의을를도]( |$)", _around(r)[2])]
    assert len(spaced_particle) >= 50


def test_descriptor_helpers() -> None:
    assert T.descriptor_clashes("한라산", "산")
    assert T.descriptor_clashes("광안대교", "다리")
    assert T.descriptor_clashes("석촌호수", "호수")
    assert not T.descriptor_clashes("독도함", "섬")
    assert not T.descriptor_clashes("르완다", "나라")
    assert "전투기" in T.descriptor_options("weapon", "F-16").train
    assert "폭격기" in T.descriptor_options("weapon", "B-52").train
    assert "열차" in T.descriptor_options("train_aircraft", "KTX-이음").train


# -- where names end: long compounds, multi-word names, particle-like last syllables ----------

PARTICLE_LIKE = set("은는이가의도로에과와을를")


def test_long_and_multi_word_names_are_frequent_in_both_splits(corpus) -> None:
    stats = corpus_statistics(*corpus)
    for split, minimum in (("train", 1.0), ("hidden", 0.9)):
        shapes = stats["entity_shapes"][split]
        assert shapes["length 4+"] >= 0.5 * minimum, (split, shapes)
        assert shapes["length 6+"] >= 0.22 * minimum, (split, shapes)
        assert shapes["2 words"] + shapes["3 words"] + shapes["4+ words"] >= 0.24 * minimum
        assert shapes["3 words"] + shapes["4+ words"] >= 0.03 * minimum
        assert shapes["ends in a particle-like syllable"] >= 0.11 * minimum, (split, shapes)
    assert "| ends in a particle-like syllable |" in statistics_markdown(stats)


def test_particle_like_endings_are_followed_by_real_particles_and_by_nothing(corpus) -> None:
    train, hidden = corpus
    for rows, minimum in ((train, 300), (hidden, 30)):
        glued = bare = 0
        endings = Counter()
        for row in rows:
            _, entity, after = _around(row)
            if entity[-1] not in PARTICLE_LIKE:
                continue
            endings[entity[-1]] += 1
            if after[:1] and after[:1] not in " ?.!~,":
                glued += 1  # 김정은은, 울릉도의, 공리주의가
            else:
                bare += 1
        assert glued >= minimum and bare >= minimum, (glued, bare)
    assert len(endings) >= 8
    # people of every origin end that way, not only islands and roads
    people = [r for r in train if r[0] in ("birth_date", "birth_place", "age")]
    assert sum(_around(r)[1][-1] in PARTICLE_LIKE for r in people) / len(people) >= 0.1


def test_generic_last_words_inside_names_and_after_them(corpus) -> None:
    train, _ = corpus
    entities = [_around(r)[1] for r in train]
    # long unspaced compounds ending in a generic element
    elements = ("길", "종", "장", "관", "선", "탑", "사", "릉", "궁", "주의", "현상", "효과", "운하",
                "해협", "신전", "광장", "폭포", "수열", "론", "설", "학", "법")  # fmt: skip
    for element in elements:
        assert any(e.endswith(element) and len(e.replace(" ", "")) >= 4 for e in entities), element
    # the same kind of word is part of some names and only a descriptor after others
    types = set(lexicon_data.WEAPON_TYPES)
    inside = [e for e in entities if " " in e and e.split()[-1] in types]
    nouns = set(T.WEAPON_DEFAULT.train).union(*(o.train for _, o in T.WEAPON_NOUNS))
    outside = [r for r in train if _noun_after(_around(r)[2], nouns | types)]
    assert len(inside) >= 10 and len(outside) >= 10
    # product and model names with Latin letters and digits in later words
    products = [e for e in entities if " " in e and re.search(r"[A-Za-z0-9]", e.split()[-1])]
    assert len(products) >= 300


def test_reserved_evaluation_names_are_never_generated() -> None:
    lexicon = {e.replace(" ", "") for e in entity_lexicon()}
    assert not {n.replace(" ", "") for n in lexicon_data.RESERVED_NAMES} & lexicon
