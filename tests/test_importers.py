"""Importers: JointBERT and CoNLL BIO to the raw TSV, the mapping, the skipped-sentence report."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from joint_nlu import importers
from joint_nlu.datasets import RawTSVDataset
from joint_nlu.text import spans_from_tags
from joint_nlu.validation import validate_rows
from tests.helpers import FIXTURES

JOINTBERT = FIXTURES / "jointbert"
CONLL = FIXTURES / "conll_bio.txt"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "joint_nlu", *args], capture_output=True, text=True, timeout=120
    )


def digests(folder: Path) -> dict[str, str]:
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def read_report(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_mapping_tags_words_and_the_spaces_inside_one_span():
    sentence, tags = importers.bio_to_char_tags(
        ["play", "the", "beatles", "on", "google", "music"],
        ["O", "B-artist", "I-artist", "O", "B-service", "I-service"],
    )
    assert sentence == "play the beatles on google music"
    assert tags == "CCCCC" + "EEEEEEEEEEE" + "CCCC" + "EEEEEEEEEEEE"
    # two spans side by side (B-x B-y): the space between them is outside
    _, tags = importers.bio_to_char_tags(["current", "textbook"], ["B-select", "B-type"])
    assert tags == "EEEEEEECEEEEEEEE"
    assert [s["text"] for s in spans_from_tags("current textbook", tags, "C")] == [
        "current",
        "textbook",
    ]


def test_typed_mapping_keeps_each_type_apart():
    mapping = {"select": "S", "type": "T"}
    sentence, tags = importers.bio_to_char_tags(
        ["current", "textbook", "now"], ["B-select", "B-type", "O"], mapping
    )
    spans = spans_from_tags(sentence, tags, "C")
    assert [(s["text"], s["type"]) for s in spans] == [("current", "S"), ("textbook", "T")]


def test_an_inside_tag_without_begin_is_refused_or_begins_a_span():
    with pytest.raises(ValueError, match="must follow B-x or I-x"):
        importers.bio_to_char_tags(["a", "b"], ["O", "I-x"])
    with pytest.raises(ValueError, match="must follow B-y"):
        importers.bio_to_char_tags(["a", "b"], ["B-x", "I-y"])
    _, tags = importers.bio_to_char_tags(["a", "b"], ["B-x", "I-y"], orphan_inside="begin")
    assert tags == "ECE"
    # BIOES: S- begins and ends, E- continues
    _, tags = importers.bio_to_char_tags(["a", "b", "c"], ["S-x", "B-x", "E-x"])
    assert tags == "ECEEE"
    with pytest.raises(ValueError, match="is not O or B-/I-"):
        importers.bio_to_char_tags(["a"], ["PER"])


def test_tag_letters_are_single_distinct_characters_never_the_outside_tag():
    types = [f"type_{n:02d}" for n in range(39)] + ["city", "country", "cuisine", "currency"]
    mapping = importers.assign_tag_letters(types)
    assert set(mapping) == set(types)
    assert all(len(tag) == 1 and not tag.isspace() for tag in mapping.values())
    assert len(set(mapping.values())) == len(types)
    assert "C" not in mapping.values()
    # initials first: city -> c (C is outside), and the result is the same every time
    assert mapping["city"] == "c" and importers.assign_tag_letters(reversed(types)) == mapping
    # an existing mapping is kept; new types take free characters
    extended = importers.assign_tag_letters(["city", "zone"], {"city": "X"})
    assert extended == {"city": "X", "zone": "Z"}
    with pytest.raises(ValueError, match="no one-character tag left"):
        importers.assign_tag_letters(f"t{n}" for n in range(200))


def test_jointbert_import_converts_good_lines_and_reports_every_skipped_one():
    before = digests(JOINTBERT)
    result = importers.import_jointbert(JOINTBERT)
    assert digests(JOINTBERT) == before, "the source files were changed"
    assert {split: len(rows) for split, rows in result.rows.items()} == {
        "train": 12,
        "dev": 3,
        "test": 4,
    }
    skipped = {(Path(s.file).name, s.line, s.split): s.reason for s in result.skipped}
    assert skipped[("seq.in", 8, "train")] == "empty sentence"
    assert "I-album" in skipped[("seq.in", 11, "train")]
    assert "5 words in seq.in but 6 tags" in skipped[("seq.in", 12, "train")]
    assert "line counts differ" in skipped[("label", 5, "test")]
    assert len(skipped) == 4
    intent, tags, sentence = result.rows["train"][1]
    # trailing spaces in seq.in and seq.out do not reach the sentence or the tags
    assert sentence == "add blue moon to my jazz playlist" and len(tags) == len(sentence)
    assert intent == "AddToPlaylist"
    # split apostrophes stay words of their own, outside any entity: "what s the weather"
    intent, tags, sentence = result.rows["train"][2]
    assert sentence.startswith("what s the") and tags.startswith("CCCCCC")
    assert [s["text"] for s in spans_from_tags(sentence, tags, "C")] == ["new york"]
    assert result.apostrophe_words == 4  # three in train, one in dev


def test_typed_jointbert_import_shares_one_alphabet_across_splits():
    result = importers.import_jointbert(JOINTBERT, typed=True)
    mapping = result.tag_map
    # slot_label.txt lists every type, even one used by no imported sentence (I-album only)
    assert {"album", "artist", "city", "playlist", "playlist_owner", "track"} <= set(mapping)
    letters = set(mapping.values()) | {"C"}
    for rows in result.rows.values():
        for _, tags, _ in rows:
            assert set(tags) <= letters
    _, tags, sentence = result.rows["dev"][0]
    spans = spans_from_tags(sentence, tags, "C")
    assert [(s["text"], s["type"]) for s in spans] == [
        ("yellow", mapping["track"]),
        ("coldplay", mapping["artist"]),
    ]


def test_cli_jointbert_writes_valid_raw_tsv_report_and_tag_map(tmp_path):
    out = tmp_path / "snips"
    result = cli("import", "jointbert", str(JOINTBERT), str(out), "--typed")
    assert result.returncode == 0, result.stderr
    assert "train: 12 rows written, 3 sentence(s) skipped" in result.stderr
    for split in ("train", "dev", "test"):
        raw = RawTSVDataset(filepath=str(out / f"{split}.txt")).load()
        accepted, rejected = validate_rows(raw, tag_alphabet=None)
        assert len(rejected) == 0 and len(accepted) == len(raw)
    report = read_report(out / "import_report.csv")
    assert len(report) == 4 and set(report[0]) == set(importers.REPORT_COLUMNS)
    tag_map = json.loads((out / "tag_map.json").read_text(encoding="utf-8"))
    assert tag_map["outside"] == "C" and "city" in tag_map["types"]
    # untyped: only C and E
    plain = tmp_path / "plain"
    assert cli("import", "jointbert", str(JOINTBERT), str(plain)).returncode == 0
    raw = RawTSVDataset(filepath=str(plain / "train.txt")).load()
    assert validate_rows(raw, tag_alphabet="CE")[1].empty
    assert not (plain / "tag_map.json").exists()


def test_cli_reports_a_missing_source_clearly(tmp_path):
    result = cli("import", "jointbert", str(tmp_path), str(tmp_path / "out"))
    assert result.returncode == 1
    assert "none of the split folders" in result.stderr and "Traceback" not in result.stderr
    (tmp_path / "train").mkdir()
    result = cli("import", "jointbert", str(tmp_path), str(tmp_path / "out"))
    assert "lacks seq.in, seq.out, label" in result.stderr


def test_conll_import_reads_intent_comments_and_reports_problems():
    result = importers.import_conll(CONLL, typed=True)
    rows = result.rows["conll_bio"]
    assert rows[0] == ("visit", "PPPPPCCCCCCCCCLLLLLLLLCC", "Alice visited New York .")
    assert result.tag_map == {"LOC": "L", "ORG": "O", "PER": "P"}
    assert rows[1][0] == "employer"
    reasons = {s.line: s.reason for s in result.skipped}
    assert reasons[20].startswith("no intent")
    assert "I-PER" in reasons[27]
    assert "token without a tag" in reasons[34]
    assert len(rows) + len(result.skipped) == 5
    # a default intent fills sentences without a comment; orphans may begin a span
    result = importers.import_conll(CONLL, default_intent="ask", orphan_inside="begin")
    assert [row[0] for row in result.rows["conll_bio"]] == ["visit", "employer", "ask", "visit"]


def test_cli_conll_writes_report_and_reuses_a_tag_map(tmp_path):
    out = tmp_path / "train.tsv"
    result = cli("import", "conll", str(CONLL), str(out), "--typed", "--intent", "ask")
    assert result.returncode == 0, result.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    assert len(read_report(tmp_path / "train.report.csv")) == 2
    tag_map = tmp_path / "train.tag_map.json"
    more = tmp_path / "more.tsv"
    result = cli(
        "import",
        "conll",
        str(FIXTURES / "conll_bio_more.txt"),
        str(more),
        "--tag-map",
        str(tag_map),
    )
    assert result.returncode == 0, result.stderr
    types = json.loads((tmp_path / "more.tag_map.json").read_text())["types"]
    assert types == {"GPE": "G", "LOC": "L", "ORG": "O", "PER": "P"}
    assert more.read_text(encoding="utf-8").split("\t")[1].endswith("GGGG")
