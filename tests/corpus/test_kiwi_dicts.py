"""Tests of reading Kiwi's dictionaries, the version pin, and the kinds of their names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from joint_nlu.command_line import main
from joint_nlu.corpus import kinds as K
from joint_nlu.corpus import kiwi_dicts
from joint_nlu.corpus.kiwi_dicts import (
    PINNED_KIWI_MODEL_VERSION,
    KiwiModelMismatch,
    check_kiwi_model,
    default_words,
    multi_entries,
    usable_name,
)


def test_installed_model_is_the_pinned_one() -> None:
    assert check_kiwi_model() == []


def test_other_version_or_files_refuse_with_the_fix(tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(KiwiModelMismatch, match=f"kiwipiepy-model=={PINNED_KIWI_MODEL_VERSION}"):
        check_kiwi_model(version="0.25.0")
    (tmp_path / "multi.dict").write_text("다른 사전\tNNP\t-10\t# Q5\n", encoding="utf-8")
    shutil.copy(kiwi_dicts.model_dir() / "default.dict", tmp_path / "default.dict")
    with pytest.raises(KiwiModelMismatch, match="multi.dict is not the pinned file"):
        check_kiwi_model(directory=tmp_path)
    with pytest.warns(UserWarning, match="allow-other-kiwi-model"):
        assert check_kiwi_model(strict=False, version="0.25.0")
    # the command line refuses before generating anything, and names the way out
    monkeypatch.setattr(kiwi_dicts, "installed_version", lambda: "0.25.0")
    assert main(["corpus", "--out", str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("form", "usable"),
    [("더글러스 애덤스", True), ("푸조 508", True), ("존 F. 케네디", True), ("F-16 파이팅 팰컨", True),
     ("언터처블: 1%의 우정", False), ("한호 필적-석봉진적첩", True), ("美 대통령", False),
     ("Elon Musk", False), ("(여자)아이들", False), ("가" * 21, False), ("a b c d e", False)],
)  # fmt: skip
def test_usable_names(form: str, usable: bool) -> None:
    assert usable_name(form) is usable


def test_aliases_meet_their_title_and_words_are_sorted() -> None:
    entries = multi_entries(classes=frozenset({"Q5"}))
    alias = next(e for e in entries if e.form == "더글라스 애덤스")
    assert alias.title == "더글러스 애덤스" and alias.wikidata == "Q5"
    words = default_words()
    assert list(words) == sorted(words) and "변재일" in words and "삼양터널" in words


@pytest.mark.parametrize(
    ("word", "kind"),
    [("광안대교", "bridge"), ("삼양터널", "tunnel"), ("변재일", "person_kr"), ("김하성", "person_kr"),
     ("경부고속도로", "road"), ("천지연폭포", "waterfall"), ("범고래", "animal"), ("생산", None),
     ("국정공원", None), ("오행가", None), ("명량해협", "strait"), ("함경산맥", "range"),
     ("등차수열", "concept"), ("호남평야", "region"), ("구조평야", None), ("연평해전", "event"),
     ("거머리말", None), ("빠르기말", None)],
)  # fmt: skip
def test_kinds_of_single_words(word: str, kind: str | None) -> None:
    words = default_words()
    stems = K.place_stems(words)
    assert K.kind_of_word(word, stems) == kind


@pytest.mark.parametrize(
    ("title", "wikidata", "kind"),
    [("더글러스 애덤스", "Q5", "person_foreign"), ("교황 그레고리오 7세", "Q5", None),
     ("당 순종", "Q5", None), ("나리타 국제공항", "Q94993988", "airport"),
     ("창덕궁 향나무", "Q210272", "tree"), ("영취사 오층석탑", "Q210272", "monument"),
     ("놈이 우리 안에 있다", "Q11424", None), ("키스 캠벨", "Q22808320", None),
     ("그림젤 고개", "Q133056", "pass")],
)  # fmt: skip
def test_kinds_of_wikidata_titles(title: str, wikidata: str, kind: str | None) -> None:
    assert K.kind_of_entry(title, wikidata) == kind


def test_words_frequent_in_text_are_not_taken_for_names() -> None:
    words = default_words()
    stems = K.place_stems(words)
    frequent = kiwi_dicts.frequent_default_words()
    assert "지배권" in frequent and K.kind_of_word("지배권", stems, frequent) is None
    assert K.kind_of_word("변재일", stems, frequent) == "person_kr"


def test_korean_personal_names() -> None:
    assert K.is_korean_person_name("손흥민") and K.is_korean_person_name("남궁민수")
    assert not K.is_korean_person_name("한라산") and not K.is_korean_person_name("서울역")
    assert not K.is_korean_person_name("트와이스")


@pytest.mark.parametrize(
    ("name", "head", "spaced", "last_word"),
    [("나이아가라 폭포", "폭포", None, "폭포"), ("천지연폭포", "폭포", "천지연 폭포", None),
     ("인천국제공항", "국제공항", "인천 국제공항", None), ("옴의 법칙", "법칙", None, "법칙"),
     ("한라산", None, None, None), ("63빌딩", "빌딩", None, None), ("폭포", None, None, None)],
)  # fmt: skip
def test_generic_heads_of_titles(name: str, head, spaced, last_word) -> None:
    assert K.generic_head(name) == head
    assert K.with_spaced_head(name) == spaced
    assert K.spaced_head(name) == last_word
