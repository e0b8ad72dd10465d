"""Tests of the out-of-scope generator, its in-scope cue check and the hand-written file."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from joint_nlu.corpus import out_of_scope as oos
from joint_nlu.corpus.kinds import KINDS
from joint_nlu.corpus.lexicon import HIDDEN, build_entity_pools
from joint_nlu.datasets.raw_tsv import RawTSVDataset
from joint_nlu.validation import validate_rows

LEXICON_SEED = 20240611
DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
HANDWRITTEN_OOS = DATA / "handwritten_out_of_scope_ko.tsv"
HANDWRITTEN_IN_SCOPE = DATA / "handwritten_ko.tsv"

# a few names of every kind the generator knows, for tests that must see every name used
SMALL_NAMES = {
    "person_kr": ("김민수", "박지영", "이서준", "최하은", "정우성", "한지민", "오세훈", "유재석"),
    "person_foreign": ("톰 행크스", "마리 퀴리", "레오 메시", "에마 왓슨", "닐 암스트롱", "찰스 다윈"),
    "person_stage": ("아이유", "지코", "태연", "비", "보아", "싸이"),
    "country": ("프랑스", "칠레", "몽골", "케냐", "페루", "노르웨이"),
    "city": ("부산", "대구", "광주", "전주", "리옹", "오사카", "춘천", "목포"),
    "region": ("사하라 사막", "시베리아", "파타고니아", "고비 사막"),
    "island": ("울릉도", "거제도", "발리", "진도"),
    "lake": ("소양호", "충주호", "바이칼 호", "타호 호"),
    "river": ("금강", "섬진강", "다뉴브강", "메콩강"),
    "park": ("올림픽공원", "해운대해수욕장", "경포해수욕장", "보라매공원", "광안리해수욕장", "남산공원"),
    "bridge": ("광안대교", "서해대교", "금문교", "거가대교"),
    "tunnel": ("남산1호터널", "배후령터널", "죽령터널", "홍지문터널"),
    "road": ("경부고속도로", "테헤란로", "영동고속도로", "올림픽대로"),
    "ship": ("세종대왕함", "독도함", "타이타닉호", "한라호"),
    "car": ("쏘나타", "아반떼 N", "그랜저", "캐스퍼"),
    "train_aircraft": ("KTX-산천", "보잉 747", "에어버스 A380", "SRT"),
    "weapon": ("K9 자주포", "F-16", "K2 전차", "현무-2"),
    "building": ("롯데월드타워", "잠실야구장", "고척스카이돔", "서울월드컵경기장", "63빌딩", "예술의전당"),
    "tower": ("남산타워", "에펠탑", "도쿄타워", "대구타워"),
    "monument": ("성덕대왕신종", "다보탑", "석가탑", "자유의 여신상"),
    "mountain": ("한라산", "설악산", "지리산", "백두산"),
    "animal": ("치타", "기린", "하마", "수달"),
    "celestial": ("화성", "목성", "시리우스", "베텔게우스"),
    "concept": ("블록체인", "인플레이션", "양자역학", "광합성"),
    "team": ("토트넘 홋스퍼", "한화 이글스", "LG 트윈스", "리버풀 FC"),
    "company": ("삼성전자", "카카오", "네이버", "현대자동차"),
    "band": ("BTS", "블랙핑크", "뉴진스", "세븐틴"),
    "device": ("갤럭시 S24", "아이폰 15", "맥북 에어", "닌텐도 스위치"),
    "film": ("기생충", "명량", "인터스텔라", "부산행"),
}  # fmt: skip


def _rows(path: Path) -> list[list[str]]:
    return [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def lexicon_names() -> dict[str, tuple[str, ...]]:
    return oos.names_by_kind_from_lexicon(LEXICON_SEED)


@pytest.fixture(scope="module")
def splits(lexicon_names) -> dict[str, list[oos.OutOfScopeRow]]:
    return {
        "train": oos.generate_out_of_scope_rows(1000, 7, lexicon_names, "train"),
        "test": oos.generate_out_of_scope_rows(300, 7, lexicon_names, "test"),
    }


# -- generated rows ----------------------------------------------------------------------------


def test_same_seed_gives_the_same_rows_and_another_seed_other_rows(lexicon_names):
    first = oos.generate_out_of_scope(200, 3, lexicon_names)
    assert first == oos.generate_out_of_scope(200, 3, lexicon_names)
    other = oos.generate_out_of_scope(200, 4, lexicon_names)
    assert len(set(first) & set(other)) < 0.2 * len(first)


def test_rows_are_out_of_scope_with_one_c_tag_per_character(splits):
    for rows in splits.values():
        for row in rows:
            intent, tags, sentence = row.as_raw()
            assert intent == "out_of_scope"
            assert tags == "C" * len(sentence) and len(tags) == len(sentence)
            assert sentence == sentence.strip() and "  " not in sentence
            assert not any(c in sentence for c in "\t\r\n")
        raw = pd.DataFrame(
            [(i + 1, *row.as_raw(), None) for i, row in enumerate(rows)],
            columns=["line", "intent", "tags", "sentence", "extra"],
        ).assign(source_file="generated")
        accepted, rejected = validate_rows(raw)
        assert len(rejected) == 0 and len(accepted) == len(rows)


def test_counts_follow_the_category_shares_and_rows_are_distinct(splits):
    for count, rows in ((1000, splits["train"]), (300, splits["test"])):
        assert len(rows) == count
        made = {c: sum(r.category == c for r in rows) for c in oos.CATEGORY_SHARES}
        assert made == oos.category_counts(count)
        assert made["attribute"] == round(count * 0.30) and made["near_miss"] == round(count * 0.18)
        assert len({oos.normalise(r.sentence) for r in rows}) == count


def test_test_split_shares_no_phrasing_no_name_and_no_sentence_with_train(splits):
    train, test = splits["train"], splits["test"]
    assert not {r.phrasing for r in train} & {r.phrasing for r in test}
    train_names = {oos.spacing_key(n) for r in train for n in r.names}
    test_names = {oos.spacing_key(n) for r in test for n in r.names}
    assert train_names and test_names and not train_names & test_names

    def skeleton(row: oos.OutOfScopeRow) -> str:  # the sentence with its names masked
        return oos.normalise(oos.mask_spans(row.sentence, row.spans))

    assert not {skeleton(r) for r in train} & {skeleton(r) for r in test}
    assert not {r.sentence for r in train} & {r.sentence for r in test}


def test_every_category_and_most_near_miss_decisions_reach_the_test_split(splits):
    test = splits["test"]
    assert {r.category for r in test} == set(oos.CATEGORY_SHARES)
    for decision in {c.decision for c in oos.NEAR_MISS_CORES}:
        units = [
            u for c in oos.NEAR_MISS_CORES if c.decision == decision for u in oos.core_units(c)
        ]
        held = [u for c in oos.split_cores(oos.NEAR_MISS_CORES, "test", "decision") for u in
                oos.core_units(c) if c.decision == decision]  # fmt: skip
        assert bool(held) == (len(units) > 1), decision


def test_names_in_rows_come_from_the_caller_and_sit_where_the_spans_say():
    rows = oos.generate_out_of_scope_rows(300, 1, SMALL_NAMES, "train")
    rows += oos.generate_out_of_scope_rows(100, 1, SMALL_NAMES, "test")
    given = {oos.spacing_key(n) for names in SMALL_NAMES.values() for n in names}
    assert any(r.names for r in rows)
    for row in rows:
        assert len(row.names) == len(row.spans)
        for name, (start, end) in zip(row.names, row.spans):
            assert oos.spacing_key(name) in given
            assert row.sentence[start:end] == name


def test_unknown_kinds_and_impossible_counts_are_refused():
    with pytest.raises(ValueError, match="no kind the out-of-scope generator knows"):
        oos.generate_out_of_scope(10, 1, {"planet_names": ("화성",)})
    with pytest.raises(ValueError, match="split must be one of"):
        oos.generate_out_of_scope(10, 1, SMALL_NAMES, split="valid")
    with pytest.raises(ValueError, match="distinct 'foreign' rows"):
        oos.generate_out_of_scope(10, 1, SMALL_NAMES, settings=oos.OutOfScopeSettings(
            shares={"foreign": 1.0}, attempts_per_row=1))  # fmt: skip


def test_adapter_gives_only_the_lexicon_training_names(lexicon_names):
    pools = build_entity_pools(LEXICON_SEED)
    hidden = {oos.spacing_key(n) for names in pools.names_by_kind(HIDDEN).values() for n in names}
    assert set(lexicon_names) <= set(KINDS) and len(lexicon_names) >= 30
    assert all(lexicon_names.values())
    # every entity group of the generator finds names (star for celestial, ...)
    no_kind_yet = {"film", "song", "book", "beach"}
    assert set(oos.group_names(lexicon_names)) >= set(oos.GROUP_WEIGHTS) - no_kind_yet
    assert not {oos.spacing_key(n) for names in lexicon_names.values() for n in names} & hidden


def test_held_out_phrasings_do_not_depend_on_the_seed_and_split_every_pool():
    items = [f"문장 {i}" for i in range(40)]
    test, train = oos.held_out(items, "test"), oos.held_out(items, "train")
    assert len(test) == 10 and set(test) | set(train) == set(items) and not set(test) & set(train)
    assert oos.held_out(items, "test") == test
    assert oos.held_out(["하나", "둘"], "test") and oos.held_out(["하나", "둘"], "train")
    # a phrasing belongs to one core only, so splitting by phrasing keeps cores consistent
    units = [u for core in oos.ATTRIBUTE_CORES + oos.NEAR_MISS_CORES for u in oos.core_units(core)]
    assert len(units) == len(set(units))


def test_particles_follow_the_last_sound():
    assert oos.attach("부산", "이") == "부산이" and oos.attach("대구", "이") == "대구가"
    assert oos.attach("서울", "로") == "서울로" and oos.attach("인천", "로") == "인천으로"
    assert oos.attach("BTS", "은") == "BTS는" and oos.attach("F-16", "은") == "F-16은"
    assert oos.attach("갤럭시 S24", "을") == "갤럭시 S24를"


# -- the in-scope cue check --------------------------------------------------------------------


def test_clash_check_flags_every_hand_written_in_scope_question_with_its_intent():
    rows = _rows(HANDWRITTEN_IN_SCOPE)
    assert len(rows) == 400
    for intent, tags, sentence in rows:
        spans = [(m.start(), m.end()) for m in re.finditer("E+", tags)]
        assert intent in oos.in_scope_clashes(sentence, spans), sentence


def test_clash_check_rejects_an_in_scope_row_and_masks_names():
    with pytest.raises(oos.OutOfScopeClashError, match="age"):
        oos.check_out_of_scope("손흥민 나이 몇 살이야", [(0, 3)])
    with pytest.raises(oos.OutOfScopeClashError, match="definition"):
        oos.check_out_of_scope("블록체인이 뭐야", [(0, 4)])
    oos.check_out_of_scope("블록체인 창시자가 뭐야", [(0, 4)])  # asks a founder, not a definition
    assert "height" in oos.in_scope_clashes("높이뛰기 세계 기록 누가 갖고 있어")
    assert oos.in_scope_clashes("높이뛰기 세계 기록 누가 갖고 있어", [(0, 4)]) == {}
    assert oos.in_scope_clashes("나이지리아 인구 몇 명이야") == {}  # 나이 of 나이지리아 is no cue
    assert oos.in_scope_clashes("위키백과에서 오늘 날씨") == {}  # 위키 is not 키 (height)
    oos.check_out_of_scope("너 몇 살이야", allowed=("age",))


def test_generation_fails_when_a_phrasing_reads_as_in_scope(monkeypatch):
    monkeypatch.setattr(oos, "ATTRIBUTE_CORES", (oos.N("나이", "much", "person"),) * 8)
    with pytest.raises(oos.OutOfScopeClashError, match="age"):
        oos.generate_out_of_scope(50, 1, SMALL_NAMES, settings=oos.OutOfScopeSettings(
            shares={"attribute": 1.0}, test_phrasing_share=0.0))  # fmt: skip


# -- files -------------------------------------------------------------------------------------


def test_write_out_of_scope_writes_two_raw_files_the_project_reads(tmp_path, lexicon_names):
    hand = [sentence for _, _, sentence in _rows(HANDWRITTEN_OOS)]
    paths = oos.write_out_of_scope(
        tmp_path, 5, lexicon_names, train_count=200, test_count=60, reserved_sentences=hand
    )
    assert paths == {
        "train": tmp_path / "out_of_scope.txt",
        "test": tmp_path / "test_out_of_scope.txt",
    }
    reserved = {oos.normalise(s) for s in hand}
    for split, count in (("train", 200), ("test", 60)):
        frame = RawTSVDataset(filepath=str(paths[split])).load()
        accepted, rejected = validate_rows(frame)
        assert len(rejected) == 0 and len(accepted) == count
        assert set(accepted["intent"]) == {"out_of_scope"}
        assert not {oos.normalise(s) for s in accepted["sentence"]} & reserved


def test_reserved_sentences_are_never_generated(lexicon_names):
    rows = oos.generate_out_of_scope(200, 2, lexicon_names)
    taken = [sentence for _, _, sentence in rows[:80]]
    again = oos.generate_out_of_scope(200, 2, lexicon_names, reserved_sentences=taken)
    assert len(again) == 200
    assert not {oos.normalise(s) for _, _, s in again} & {oos.normalise(s) for s in taken}


def test_hand_written_out_of_scope_file_is_well_formed():
    rows = _rows(HANDWRITTEN_OOS)
    assert 80 <= len(rows) <= 100
    for fields in rows:
        assert len(fields) == 3, fields
        intent, tags, sentence = fields
        assert intent == "out_of_scope"
        assert set(tags) == {"C"} and len(tags) == len(sentence), sentence
        assert sentence == sentence.strip() and sentence
    sentences = [sentence for _, _, sentence in rows]
    assert len(set(sentences)) == len(sentences)
    assert len({oos.normalise(s) or s for s in sentences}) == len(sentences)
    frame = RawTSVDataset(filepath=str(HANDWRITTEN_OOS)).load()
    accepted, rejected = validate_rows(frame)
    assert len(rejected) == 0 and len(accepted) == len(rows)
    # the README's figure: nine near-misses (lines 23-52) hold in-scope words on purpose
    with_cues = [i for i, s in enumerate(sentences, 1) if oos.in_scope_clashes(s)]
    assert len(with_cues) == 9 and all(23 <= i <= 52 for i in with_cues)


def test_the_committed_out_of_scope_files_are_regenerated_byte_for_byte(tmp_path):
    from joint_nlu.command_line import RESERVED_FILES
    from joint_nlu.corpus import DEFAULT_SEED

    root = Path(__file__).resolve().parents[2]
    paths = oos.write_default_out_of_scope(
        tmp_path, DEFAULT_SEED, [root / path for path in RESERVED_FILES]
    )
    for path in paths.values():
        committed = root / "data" / "01_raw" / path.name
        assert path.read_bytes() == committed.read_bytes(), f"regenerate {committed}"
