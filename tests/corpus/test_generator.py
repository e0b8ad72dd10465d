"""Tests of the default-corpus generator: format, determinism, tags, conventions, splits."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from joint_nlu.corpus import (
    DEFAULT_SEED,
    INTENTS,
    format_rows,
    generate_corpus,
    lexicon_data,
    skeleton,
    write_corpus,
)
from joint_nlu.corpus import kinds as K
from joint_nlu.corpus import templates as T
from joint_nlu.corpus.generator import (
    MAX_ENTITY_REPEATS,
    MAX_SENTENCE_CHARS,
    Piece,
    _generate_split,
    _RowMaker,
    pieces_to_row,
)
from joint_nlu.corpus.kiwi_dicts import spacing_key
from joint_nlu.corpus.lexicon import HAND, HIDDEN, INVENTED, KIWI, TRAIN
from joint_nlu.corpus.statistics import corpus_statistics, pools_markdown, statistics_markdown

ROOT = Path(__file__).resolve().parents[2]
RAW_DIR = ROOT / "data" / "01_raw"
HANDWRITTEN = ROOT / "benchmarks" / "data" / "handwritten_ko.tsv"
EXPECTED_INTENTS = (
    "age", "area", "belong_to", "birth_date", "birth_place",
    "definition", "height", "length", "weight", "width",
)  # fmt: skip


def _around(row: tuple[str, str, str]) -> tuple[str, str, str]:
    """Return the text before the entity, the entity and the text after it."""
    _, tags, sentence = row
    (match,) = re.finditer(r"E+", tags)
    return sentence[: match.start()], sentence[match.start() : match.end()], sentence[match.end() :]


def test_intents_and_sizes(generated) -> None:
    train, hidden, reports = generated
    assert INTENTS == EXPECTED_INTENTS
    assert Counter(r[0] for r in train) == dict.fromkeys(EXPECTED_INTENTS, 900)
    assert Counter(r[0] for r in hidden) == dict.fromkeys(EXPECTED_INTENTS, 100)
    assert reports[TRAIN].rows == 9000 and reports[HIDDEN].rows == 1000


def test_regenerated_rows_equal_the_committed_files(generated) -> None:
    """The committed files were written by another process: same seed, same bytes."""
    train, hidden, _ = generated
    for name, rows in (("trainset.txt", train), ("test_hidden.txt", hidden)):
        committed = RAW_DIR / name
        assert committed.exists(), f"{committed} missing: run `joint-nlu corpus`"
        assert format_rows(rows).encode("utf-8") == committed.read_bytes(), name


def test_same_seed_same_bytes_other_seed_other_rows(pools, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, train_per_intent=20, hidden_per_intent=5)
    again = write_corpus(tmp_path / "again", train_per_intent=20, hidden_per_intent=5)
    for name in paths:
        assert paths[name].read_bytes() == again[name].read_bytes()
    rows, _ = _generate_split(pools, TRAIN, 20, random.Random(f"train-{DEFAULT_SEED}"), 0.0)
    other, _ = _generate_split(pools, TRAIN, 20, random.Random(f"train-{DEFAULT_SEED + 1}"), 0.0)
    assert rows == generate_corpus(DEFAULT_SEED, 20, 5)[0] and other != rows


def test_every_row_is_well_formed(generated, pools) -> None:
    train, hidden, _ = generated
    names = pools.all_entities()
    for intent, tags, sentence in train + hidden:
        assert intent in EXPECTED_INTENTS
        assert len(tags) == len(sentence) and set(tags) <= {"E", "C"}, sentence
        assert len(re.findall(r"E+", tags)) == 1, sentence
        assert sentence == sentence.strip() and not re.search(r"[\t\n\r]", sentence), sentence
        assert len(sentence) <= MAX_SENTENCE_CHARS
        _, entity, _ = _around((intent, tags, sentence))
        assert entity in names, (entity, sentence)


def test_tags_come_from_where_the_entity_piece_is() -> None:
    pieces = [
        Piece("위키백과로 "),
        Piece("트와이스 나연", entity=True),
        Piece("의  키"),
        Piece("?"),
    ]
    assert pieces_to_row("height", pieces) == (
        "height", "CCCCCCEEEEEEECCCC", "위키백과로 트와이스 나연의 키?",
    )  # fmt: skip
    # the entity's own text is tagged E even where the same text occurs in the context
    pieces = [Piece("한강", entity=True), Piece(" 작가 말고 한강 길이")]
    intent, tags, sentence = pieces_to_row("length", pieces)
    assert tags[:2] == "EE" and set(tags[2:]) == {"C"} and sentence.count("한강") == 2


def test_titles_roles_and_particles_around_people_are_context(generated) -> None:
    train, _, _ = generated
    titles = {t for o in T.ROLE_AFTER.values() for t in o.train}
    roles = {s for spellings in T.ROLE_BEFORE.values() for s in spellings}
    after = before = glued = 0
    for row in train:
        head, entity, tail = _around(row)
        word_after = tail.strip().split(" ")[0].rstrip("?.!~,") if tail.strip() else ""
        if any(word_after.startswith(t) for t in titles) or any(
            tail.startswith(t) for t in ("씨", "님")
        ):
            after += 1
        if any(head.rstrip().endswith(r) for r in roles):
            before += 1
        if tail[:1] and re.match(r"[가-힣]", tail[0]):
            glued += 1  # a particle or a title glued on is C, the name stays whole
        for word in ("대통령", "선수", "감독", "배우"):
            assert not entity.endswith(" " + word), entity
    assert after >= 150 and before >= 40 and glued >= 2000, (after, before, glued)


def test_member_with_group_and_long_titles_are_one_entity(generated) -> None:
    train, _, _ = generated
    entities = [_around(r)[1] for r in train]
    groups = tuple(f"{group} " for group in lexicon_data.IDOL_GROUPS)
    assert sum(e.startswith(groups) for e in entities) >= 20  # [트와이스 나연]
    # titles whose last word is a generic noun belong to the name, whole (``… 국제공항``)
    for end in ("공항", "전투", "느티나무", "고속도로", "터널", "대교"):
        assert sum(e.endswith(end) and len(e) > len(end) + 1 for e in entities) >= 10, end
    assert sum(len(e.split(" ")) >= 2 for e in entities) / len(entities) >= 0.3


def test_hidden_entities_never_in_training_and_held_out_classes(generated, pools) -> None:
    train, hidden, _ = generated
    train_keys = {spacing_key(_around(r)[1]) for r in train}
    hidden_keys = {spacing_key(_around(r)[1]) for r in hidden}
    assert not train_keys & hidden_keys
    held_out = {
        spacing_key(n.text)
        for split in (TRAIN, HIDDEN)
        for kind in K.KINDS
        for n in pools.pool(split, kind)
        if n.wikidata in K.HELD_OUT_CLASSES
    }
    assert not train_keys & held_out
    assert len(hidden_keys & held_out) >= 50
    # no split of an alias group: every key has one split
    assert all(pools.split_of_key[k] == HIDDEN for k in hidden_keys if k in pools.split_of_key)


def test_hidden_phrasings_partly_unseen(generated) -> None:
    train, hidden, _ = generated
    train_skeletons = {skeleton(r) for r in train}
    unseen = sum(skeleton(r) not in train_skeletons for r in hidden)
    assert unseen / len(hidden) >= 0.8
    hidden_only = {f.template for f in T.ATTRIBUTE_FRAMES + T.PREDICATE_FRAMES if f.hidden_only}
    assert hidden_only  # the hidden set has frames training never uses
    marker = re.compile(r"내가 궁금한 건|관련해서| 말인데 | 과연 ")
    assert sum(bool(marker.search(r[2])) for r in hidden) >= 10
    assert not any(marker.search(r[2]) for r in train)


def test_names_are_mostly_real_and_none_over_represented(generated) -> None:
    train, hidden, reports = generated
    for split in (TRAIN, HIDDEN):
        origins = reports[split].origins
        real = (origins[KIWI] + origins[HAND]) / sum(origins.values())
        assert real >= 0.85, (split, origins)
        assert origins[INVENTED] > 0  # a minority of invented names keeps unseen names learnable
    counts = Counter(spacing_key(_around(r)[1]) for r in train)
    assert max(counts.values()) <= MAX_ENTITY_REPEATS
    handwritten = {
        spacing_key(_around(tuple(line.split("\t")))[1])  # type: ignore[arg-type]
        for line in HANDWRITTEN.read_text(encoding="utf-8").splitlines()
    }
    assert max(counts.get(key, 0) for key in handwritten) <= 1


def test_context_fits_the_entity(generated, pools) -> None:
    train, _, reports = generated
    # every kept row passed the checker; the rejected ones were counted
    assert sum(reports[TRAIN].rejected.values()) > 0
    rivers = ("강폭", "하천", "하구")
    for row in train:
        head, entity, tail = _around(row)
        kind = pools.kind_of(entity)
        if kind is not None and K.KIND_FAMILY[kind] == "person":
            assert not any(w in head + tail for w in rivers), row
            assert not re.search(r"몇 ?(km|킬로미터|톤)", row[2]) or row[0] not in (
                "height",
                "weight",
            ), row


def test_seed_style_sources_commands_and_search_boxes(generated) -> None:
    train, _, _ = generated
    sentences = [r[2] for r in train]
    named = [
        s for s in sentences if re.search(r"위키|WIKI|wiki|Wiki|피디아|백과|네이버|구글|인터넷", s)
    ]
    assert 0.3 <= len(named) / len(sentences) <= 0.55
    for spelling in ("WIKI PEDIA로", "위키백과사전", "WIKI백과사전", "위키 피디아"):
        assert any(spelling in s for s in sentences), spelling
    commands = ("찾아봐", "검색해라", "말해줘", "알려줄래", "알고 싶어")
    for command in commands:
        assert sum(command in s for s in sentences) >= 30, command
    short = [s for s in sentences if len(s) <= 10]
    assert len(short) / len(sentences) >= 0.05
    assert sum(s.startswith("검색 ") for s in sentences) >= 50


def test_noise_stays_at_human_rates(generated) -> None:
    train, _, _ = generated
    no_space = sum(" " not in r[2] for r in train) / len(train)
    spaced_particle = sum(bool(re.match(r" [은는이가의을를]( |$)", _around(r)[2])) for r in train)
    assert no_space <= 0.03
    assert 0 < spaced_particle / len(train) <= 0.01


def test_maker_draws_only_its_split(pools) -> None:
    maker = _RowMaker(pools, HIDDEN, random.Random(0))
    for intent in INTENTS:
        pieces, name, kind = maker.make(intent, novel=False)
        assert pools.split_of_key[name.key] == HIDDEN
        assert kind in dict(K.INTENT_KINDS[intent])


def test_statistics_count_held_out_rows_and_pools(generated, pools) -> None:
    train, hidden, _ = generated
    stats = corpus_statistics(train, hidden, pools)
    assert stats["overlap"]["entities"]["shared"] == 0
    assert stats["hidden_rows_of_held_out_classes"] >= 50
    assert "| hidden rows asking about a held-out Wikidata class |" in statistics_markdown(stats)
    table = pools_markdown(pools)
    assert all(f"| {kind} |" in table for kind in K.KINDS)
