"""Property tests (hypothesis) of reading and validating raw TSV files: no row is ever lost.

Every generated file is read by `RawTSVDataset` and validated; each physical line must come
out exactly once, either accepted as it was written or rejected with its file, line and a
reason, and nothing may raise except strict mode, with its clear message.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from kedro.io import DataCatalog, MemoryDataset
from kedro.runner import SequentialRunner

from joint_nlu.datasets import RawTSVDataset
from joint_nlu.pipelines.data_processing import create_pipeline, nodes
from joint_nlu.validation import InvalidRowsError, rejection_message, validate_rows
from tests.helpers import (
    DATA_PROCESSING_PARAMS,
    FIXTURES,
    WINDOW_10_MODEL,
    KeptDataset,
    raw_datasets,
)

# Files a property writes go to one folder of their own (hypothesis reruns a test body many
# times inside one function-scoped tmp_path).
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PARAMS = DATA_PROCESSING_PARAMS
MODEL = WINDOW_10_MODEL
BOM = b"\xef\xbb\xbf"
MEGABYTE_LINE = "age\t" + "C" * 1_000_000 + "\t" + "가" * 1_000_000
_counter = itertools.count()


def write(directory: Path, content: bytes) -> Path:
    """Write content to a new file in directory and return its path."""
    path = directory / f"fuzz_{next(_counter)}.txt"
    path.write_bytes(content)
    return path


def physical_lines(content: bytes) -> int:
    """Count lines the way a user does (`wc -l`, plus an unterminated last line)."""
    body = content[len(BOM) :] if content.startswith(BOM) else content
    return body.count(b"\n") + (1 if body and not body.endswith(b"\n") else 0)


def check_every_row_accounted(path: Path, content: bytes, **validate_kwargs) -> tuple:
    """Read and validate a file; assert rows in = accepted + rejected, line by line."""
    raw = RawTSVDataset(filepath=str(path)).load()
    assert len(raw) == physical_lines(content)
    assert list(raw["line"]) == list(range(1, len(raw) + 1))
    accepted, rejected = validate_rows(raw, **validate_kwargs)
    assert len(raw) == len(accepted) + len(rejected)
    assert sorted([*accepted["line"], *rejected["line"]]) == list(range(1, len(raw) + 1))
    assert set(accepted["source_file"]) <= {str(path)}
    for row in rejected.itertuples(index=False):
        assert row.source_file == str(path)
        assert isinstance(row.reason, str) and row.reason
    if len(rejected):
        message = rejection_message(rejected)
        first = rejected.iloc[0]
        assert f"{path}:{first['line']}: {first['reason']}" in message
    for row in accepted.itertuples(index=False):  # accepted rows are usable as they are
        assert len(row.tags) == len(row.sentence) and set(row.tags) <= set("CE")
        assert "\ufffd" not in row.sentence and "\x00" not in row.sentence
    return raw, accepted, rejected


# ---- 1. any bytes at all ---------------------------------------------------------------------
SPECIAL_BYTES = st.sampled_from(
    [b"\t", b"\n", b"\r\n", b"\r", b"\x00", b'"', b"'", BOM, b"\xff", b"\xc3", b"\xed\xa0\x80"]
    + ["가".encode(), "😀".encode(), b"C", b"E", b"age", b"NaN", b" "]
)
ANY_BYTES = st.one_of(
    st.binary(max_size=400),
    st.lists(st.one_of(SPECIAL_BYTES, st.binary(max_size=8)), max_size=60).map(b"".join),
)


@FUZZ
@given(content=ANY_BYTES, bom=st.booleans())
@example(content=b"", bom=False)
@example(content=b"", bom=True)
@example(content=b"\xef\xbb\xbf", bom=True)  # two BOMs: the second is data
@example(content=b"intent\ttags\tsentence\n", bom=False)
@example(content=b"\n\n", bom=False)
@example(content=b"\r\r\r", bom=False)
@example(content="age\tCC\t가나".encode("utf-16"), bom=False)
def test_random_bytes_never_crash_and_lose_no_line(tmp_path, content, bom):
    content = BOM + content if bom else content
    path = write(tmp_path, content)
    check_every_row_accounted(path, content)
    check_every_row_accounted(path, content, tag_alphabet=None, known_intents={"age"})


# ---- 2. rows with a known fate ---------------------------------------------------------------
SENTENCE_CHARS = st.one_of(
    st.sampled_from(list("가나다라한산의 높이는?BTS508\"'`,;\\/|#") + ["😀", "é", "\u200b"]),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\n\r\x00\ufffd"),
)


@dataclass
class Line:
    """One generated line: its bytes and, when valid, the row it must be read as."""

    data: bytes
    row: tuple[str, str, str] | None  # (intent, tags, sentence) when the line must be accepted
    reason: str | None = None  # words the rejection reason must contain


@st.composite
def valid_row(draw) -> tuple[str, str, str]:
    """Return an (intent, tags, sentence) row that validation must accept."""
    # `none` / `NaN` intents are data (an out-of-scope class, LUIS's `None`), never "missing"
    intent = draw(st.sampled_from(["age", "area", "height", "birth_date", "none", "NaN"]))
    sentence = draw(
        st.one_of(
            st.text(SENTENCE_CHARS, min_size=1, max_size=30).filter(str.strip),
            st.sampled_from(["nan", "None", "NULL", "N/A"]),  # words, not missing values
        )
    )
    tags = "".join(draw(st.sampled_from("CE")) for _ in sentence)
    return intent, tags, sentence


@st.composite
def line(draw) -> Line:
    """Return a valid line or one broken in a known way."""
    intent, tags, sentence = draw(valid_row())
    kind = draw(
        st.sampled_from(
            ["valid", "valid", "valid", "tab", "nul", "bad_utf8", "cr", "tag_length", "tag_letter"]
            + ["two_fields", "blank", "header", "missing_intent", "trailing_tab"]
        )
    )
    text = f"{intent}\t{tags}\t{sentence}"
    cut = draw(st.integers(0, len(sentence)))
    inner = min(cut, len(sentence) - 1)  # a CR just before the LF would be a CRLF ending
    broken = {
        "tab": (f"{intent}\t{tags}\t{sentence[:cut]}\t{sentence[cut:]}", "4 tab-separated"),
        "nul": (f"{intent}\t{tags}\t{sentence[:cut]}\x00{sentence[cut:]}", "NUL"),
        "cr": (f"{intent}\t{tags}\t{sentence[:inner]}\r{sentence[inner:]}", "carriage return"),
        "tag_length": (f"{intent}\t{tags}C\t{sentence}", "tag letters for a sentence"),
        "tag_letter": (f"{intent}\t{tags[:-1]}X\t{sentence}", "not in the tag alphabet"),
        "two_fields": (f"{intent}\t{tags}", "2 tab-separated"),
        "blank": ("", "blank line"),
        "header": ("intent\ttags\tsentence", "header"),
        "missing_intent": (f" \t{tags}\t{sentence}", "missing intent"),
        "trailing_tab": (f"{text}\t", "4 tab-separated"),
    }
    if kind == "valid":
        return Line(text.encode(), (intent, tags, sentence))
    if kind == "bad_utf8":
        encoded = sentence.encode()
        return Line(f"{intent}\t{tags}\t".encode() + b"\xff" + encoded, None, "not valid UTF-8")
    data, reason = broken[kind]
    return Line(data.encode(), None, reason)


@FUZZ
@given(
    lines=st.lists(line(), max_size=25),
    crlf=st.booleans(),
    bom=st.booleans(),
    final_newline=st.booleans(),
)
def test_each_line_is_accepted_as_written_or_rejected_with_its_reason(
    tmp_path, lines, crlf, bom, final_newline
):
    ending = b"\r\n" if crlf else b"\n"
    content = ending.join(item.data for item in lines)
    if lines and (final_newline or lines[-1].data == b""):  # a last blank line needs its LF
        content += ending
    content = (BOM if bom else b"") + content
    path = write(tmp_path, content)
    raw, accepted, rejected = check_every_row_accounted(path, content)
    assert len(raw) == len(lines)

    accepted_by_line = {row.line: row for row in accepted.itertuples(index=False)}
    rejected_by_line = {row.line: row.reason for row in rejected.itertuples(index=False)}
    first_seen: dict[tuple, int] = {}
    for number, item in enumerate(lines, start=1):
        if item.row is not None and item.row not in first_seen:
            first_seen[item.row] = number
            row = accepted_by_line[number]
            assert (row.intent, row.tags, row.sentence) == item.row
        elif item.row is not None:
            assert rejected_by_line[number] == f"duplicate of line {first_seen[item.row]}"
        else:
            assert item.reason in rejected_by_line[number], (item, rejected_by_line[number])


@pytest.mark.parametrize("crlf", [False, True])
def test_a_one_megabyte_line_is_one_row(tmp_path, crlf):
    ending = "\r\n" if crlf else "\n"
    content = f"age\tCC\t가나{ending}{MEGABYTE_LINE}{ending}area\tE\t가{ending}".encode()
    path = write(tmp_path, content)
    raw, accepted, rejected = check_every_row_accounted(path, content)
    assert list(accepted["line"]) == [1, 2, 3] and rejected.empty
    assert len(accepted["sentence"].iloc[1]) == 1_000_000


# ---- 3. the data_processing nodes and pipeline -------------------------------------------------
TRAIN = RawTSVDataset(filepath=str(FIXTURES / "tiny_trainset.txt")).load()
VALIDATED_TRAIN, REJECTED_TRAIN = nodes.validate_training_rows(TRAIN, PARAMS)


@settings(FUZZ, max_examples=60)
@given(lines=st.lists(line(), max_size=15), strict=st.booleans())
def test_data_processing_nodes_account_for_every_hidden_row(tmp_path, lines, strict):
    content = b"\n".join(item.data for item in lines) + (b"\n" if lines else b"")
    hidden = write(tmp_path, content)
    raw = RawTSVDataset(filepath=str(hidden)).load()
    params = {**PARAMS, "strict": strict}
    try:
        accepted, rejected = nodes.validate_evaluation_rows(raw, params)
    except InvalidRowsError as error:  # strict mode: a clear message, only when rows are bad
        assert strict
        _, rejected = validate_rows(raw, "CE", reject_duplicates=False)
        first = rejected.iloc[0]
        assert f"{hidden}:{first['line']}: {first['reason']}" in str(error)
        assert "Fix:" in str(error)
        return
    assert len(accepted) + len(rejected) == physical_lines(content) == len(raw)
    rejected_rows = nodes.collect_rejections(REJECTED_TRAIN, rejected)
    train, valid = nodes.split_train_valid(VALIDATED_TRAIN, PARAMS)
    chars, _, _ = nodes.build_vocabularies(train, PARAMS)
    report = nodes.summarise_data(
        rejected_rows,
        chars,
        MODEL,
        train,
        valid,
        PARAMS,
        raw_train=TRAIN,
        raw_test_hidden=raw,
        test_hidden=accepted,
    )
    if len(raw):
        assert report["files"][str(hidden)] == {
            "rows_read": len(raw),
            "rows_rejected": len(rejected),
        }
    assert report["splits"]["test_hidden"]["rows"] == len(accepted)


def test_data_processing_pipeline_reads_a_damaged_hidden_file(tmp_path):
    lines = [
        "age\tEECCCC\t독도의 나이",
        "",
        "intent\ttags\tsentence",
        "age\tCC\t가\t나",
        'area\tEEC\t"a"\x00',
        "height\tECC\t가\r나다",
        MEGABYTE_LINE,
        "weight\tCC\t가나",
    ]
    content = b"\xef\xbb\xbf" + "\r\n".join(lines).encode() + b"\xff\r\n"
    hidden = write(tmp_path, content)
    catalog = DataCatalog(
        {
            **raw_datasets(raw_test_hidden=hidden),
            "params:data_processing": MemoryDataset(PARAMS),
            "params:model": MemoryDataset(MODEL),
            "validated_test_hidden": KeptDataset(),
            "rejected_rows": KeptDataset(),
        }
    )
    outputs = ("data_report", "validated_test_hidden", "rejected_rows")
    SequentialRunner().run(create_pipeline().to_outputs(*outputs), catalog)
    report = catalog.load("data_report")
    accepted = catalog.load("validated_test_hidden")
    rejected = catalog.load("rejected_rows")
    rejected = rejected[rejected["source_file"] == str(hidden)]
    assert list(accepted["line"]) == [1, 7]
    assert dict(zip(rejected["line"], rejected["reason"])) == {
        2: "blank line",
        3: "a header line: raw files have no header, delete this line",
        4: "4 tab-separated fields, expected 3 (is there a tab inside the sentence or at the "
        "end of the line?)",
        5: "sentence contains a NUL byte",
        6: "a carriage return (CR) inside the line: lines must end with LF or CRLF (a file "
        "saved with old Mac CR endings reads as one line)",
        8: "sentence is not valid UTF-8 (U+FFFD; save the file as UTF-8)",
    }
    assert report["files"][str(hidden)] == {"rows_read": 8, "rows_rejected": 6}


def test_strict_mode_names_file_line_and_fix(tmp_path):
    path = write(tmp_path, b"age\tCC\t\xff\xfe\nage\tCCC\tab\n")
    raw = RawTSVDataset(filepath=str(path)).load()
    with pytest.raises(InvalidRowsError) as error:
        nodes.validate_training_rows(raw, {**PARAMS, "strict": True})
    message = str(error.value)
    assert f"{path}:1: sentence is not valid UTF-8" in message
    assert f"{path}:2: 3 tag letters for a sentence of 2 characters" in message
    assert "Fix: each row must be intent<TAB>tags<TAB>sentence" in message


def test_a_frame_with_numbers_is_validated_not_crashed():
    raw = pd.DataFrame(
        {"source_file": ["x.tsv"] * 2, "line": [1, 2], "intent": ["age", 7]}
        | {"tags": ["CC", "CC"], "sentence": ["가나", 12], "extra": [None, None]}
    )
    accepted, rejected = validate_rows(raw)
    assert list(accepted["line"]) == [1, 2] and rejected.empty
    assert list(accepted["sentence"]) == ["가나", "12"]
