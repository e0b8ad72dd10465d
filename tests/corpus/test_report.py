"""Tests of the corpus report on a tiny file, and of `joint-nlu corpus --report`."""

from __future__ import annotations

from pathlib import Path

import pytest

from joint_nlu.command_line import main
from joint_nlu.corpus.generator import Piece, pieces_to_row
from joint_nlu.corpus.report import corpus_report, read_rows, report_markdown

ROWS = [
    pieces_to_row("birth_date", [Piece("WIKI PEDIA로 "), Piece("변재일", True), Piece(" 생년월일을 알고 싶어")]),
    pieces_to_row("length", [Piece("삼양터널", True), Piece("의 총 길이 위키백과사전에서 뭐야")]),
    pieces_to_row("age", [Piece("유재석", True), Piece("나이")]),
    pieces_to_row("height", [Piece("한라산", True), Piece(" 높이가 몇 미터예요?")]),
    pieces_to_row("width", [Piece("손흥민", True), Piece(" 강폭이 얼마야")]),
    pieces_to_row("weight", [Piece("검색 "), Piece("AA12", True), Piece("의 무게가 얼만지 찾아봐")]),
]  # fmt: skip


@pytest.fixture(scope="module")
def tiny_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "tiny.txt"
    path.write_text("".join(f"{i}\t{t}\t{s}\n" for i, t, s in ROWS), encoding="utf-8")
    return path


def test_report_of_a_tiny_file(tiny_file: Path, kiwi, pools) -> None:
    report = corpus_report(read_rows(tiny_file), kiwi, pools)
    assert report["rows"] == 6
    assert report["rows_per_intent"]["birth_date"] == 1
    assert report["source_named"] == pytest.approx(2 / 6, abs=1e-3)
    assert report["source_position"]["start"] == pytest.approx(1 / 6, abs=1e-3)
    assert report["phrasing"]["request"] == pytest.approx(2 / 6, abs=1e-3)
    assert report["phrasing"]["bare (search box)"] == pytest.approx(1 / 6, abs=1e-3)
    assert report["noise"]["no space at all"] == pytest.approx(1 / 6, abs=1e-3)  # 유재석나이
    assert report["noise"]["missing space (Kiwi)"] >= 1 / 6
    assert report["kinds_per_intent"]["length"] == {"tunnel": 1}
    assert report["entities_in_kiwi_dictionaries"] >= 0.33  # 변재일, 삼양터널 are in default.dict
    assert report["contradictions"] == 1  # a person's river width
    assert report["length"]["min"] == 5 and report["length"]["max"] == max(len(r[2]) for r in ROWS)
    text = report_markdown({"tiny.txt": report, "again": report})
    assert "| rows | 6 | 6 |" in text and "| contradictions found | 1 | 1 |" in text
    assert "| source named | 33.3% | 33.3% |" in text


def test_read_rows_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("age\tEEC\t손흥민 나이\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.txt:1"):
        read_rows(path)


def test_command_line_report(tiny_file: Path, capsys, monkeypatch, kiwi, pools) -> None:
    import kiwipiepy

    monkeypatch.setattr(kiwipiepy, "Kiwi", lambda: kiwi)  # the session's analyser, already loaded
    assert main(["corpus", "--report", str(tiny_file), "--seed-rows"]) == 0
    out = capsys.readouterr().out
    assert "| corpus | tiny.txt | seed rows |" in out and "| contradictions found | 1 | 0 |" in out
    assert "| rows | 6 | 10 |" in out
    assert main(["corpus", "--report", str(tiny_file.parent / "missing.txt")]) == 1


CONTEXT_ROWS = [
    pieces_to_row("height", [Piece("배우 "), Piece("송강호", True), Piece(" 키")]),
    pieces_to_row("birth_date", [Piece("문재인", True), Piece(" 대통령 생일")]),
    pieces_to_row("age", [Piece("요즘 뉴스에 나온 "), Piece("김민준", True), Piece(" 나이")]),
    pieces_to_row("weight", [Piece("박지성", True), Piece("씨 몸무게")]),
    pieces_to_row("height", [Piece("나이아가라 폭포", True), Piece(" 높이")]),
    pieces_to_row("length", [Piece("낙동강", True), Piece(" 길이")]),
    pieces_to_row("height", [Piece("롯데월드타워", True), Piece(" 전망대 높이")]),
    pieces_to_row("area", [Piece("천지연폭포", True), Piece(" 넓이")]),
]  # fmt: skip


def test_report_measures_context_and_generic_heads(kiwi, pools) -> None:
    report = corpus_report(CONTEXT_ROWS, kiwi, pools)
    assert report["context_next_to_entity"] == {"before": 2 / 8, "after": 3 / 8, "any": 5 / 8}
    # 나이아가라 폭포, 롯데월드타워, 천지연폭포; only the first writes its head as a word
    assert report["entity_generic_head"] == {"ends in one": 3 / 8, "as its last word": 1 / 8}
    text = report_markdown({"rows": report})
    assert "| role, title, kind word or description on either side | 62.5% |" in text
    assert "| entity ends in a generic head noun (해협, 폭포, 법칙 …) | 37.5% |" in text
