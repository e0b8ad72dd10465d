"""Row-by-row validation: every bad row is reported with its file, line and reason."""

from pathlib import Path

import pandas as pd
import pytest

from joint_nlu.datasets import RawTSVDataset
from joint_nlu.pipelines.data_processing import nodes
from joint_nlu.validation import InvalidRowsError, validate_rows

GOOD = "age\tEEECCCC\t김철수 나이는\n"
PARAMS = {"tag_alphabet": "CE", "strict": False}


def read(tmp_path: Path, content: bytes | str, name: str = "rows.txt") -> pd.DataFrame:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return RawTSVDataset(filepath=str(path)).load()


def rejected_reason(tmp_path: Path, bad_line: str, known_intents=None) -> tuple[int, str]:
    """Validate GOOD, then the bad line: return the rejected row's line number and reason."""
    raw = read(tmp_path, GOOD + bad_line)
    accepted, rejected = validate_rows(raw, "CE", known_intents)
    assert len(accepted) + len(rejected) == len(raw)
    assert len(rejected) == 1, rejected
    row = rejected.iloc[0]
    assert row["source_file"].endswith("rows.txt")
    return int(row["line"]), row["reason"]


@pytest.mark.parametrize(
    ("bad_line", "reason_part"),
    [
        ("age\tCC\t가나\t다\n", "4 tab-separated fields"),
        ("age\tCC\n", "2 tab-separated field(s)"),
        ("age\tC\t \n", "empty sentence"),
        ("age\t\t\n", "empty sentence"),
        ("age\tCCC\t가나\n", "3 tag letters for a sentence of 2 characters"),
        ("age\tCX\t가나\n", "tag letter(s) 'X' not in the tag alphabet"),
        ("\tCC\t가나\n", "missing intent"),
        ("  \tCC\t가나\n", "missing intent"),
        ("\n", "blank line"),
        (GOOD, "duplicate of line 1"),
    ],
)
def test_each_bad_row_is_rejected_with_line_and_reason(tmp_path, bad_line, reason_part):
    line, reason = rejected_reason(tmp_path, bad_line)
    assert line == 2
    assert reason_part in reason


@pytest.mark.parametrize("intent", ["none", "None", "NaN", "null", "N/A", "out_of_scope"])
def test_an_intent_named_none_or_nan_is_data_not_a_missing_value(tmp_path, intent):
    raw = read(tmp_path, f"{intent}\tCCCCCCCC\t오늘 날씨 어때\nage\tCCC\tnan\n")
    accepted, rejected = validate_rows(raw)
    assert rejected.empty
    assert list(accepted["intent"]) == [intent, "age"]
    assert list(accepted["sentence"]) == ["오늘 날씨 어때", "nan"]


def test_intent_unseen_in_training_is_rejected_from_the_hidden_set(tmp_path):
    line, reason = rejected_reason(tmp_path, "weight\tCC\t가나\n", known_intents={"age"})
    assert line == 2 and "never appears in the training data" in reason


def test_invalid_utf8_is_reported_not_a_crash(tmp_path):
    raw = read(tmp_path, GOOD.encode() + b"age\tCC\t\xff\xfe\n")
    accepted, rejected = validate_rows(raw)
    assert list(rejected["line"]) == [2] and "not valid UTF-8" in rejected["reason"].iloc[0]
    assert len(accepted) == 1


def test_bom_crlf_and_quotes_are_read_as_data(tmp_path):
    raw = read(tmp_path, "\ufeffage\tCCCCECC\t\"말\" 김씨?\r\nage\tCCC\t'가'\r\n")
    accepted, rejected = validate_rows(raw)
    assert rejected.empty
    assert list(accepted["intent"]) == ["age", "age"]
    assert list(accepted["sentence"]) == ['"말" 김씨?', "'가'"]


def test_empty_file_gives_no_rows_not_an_error(tmp_path):
    raw = read(tmp_path, "")
    accepted, rejected = validate_rows(raw)
    assert len(raw) == len(accepted) == len(rejected) == 0


def test_rows_in_equal_rows_accepted_plus_rejected_and_line_numbers_hold(tmp_path):
    content = GOOD + "\n" + "x\tC\n" + GOOD + "height\tEC\t가나\n"
    raw = read(tmp_path, content)
    accepted, rejected = validate_rows(raw)
    assert len(accepted) + len(rejected) == 5
    assert list(accepted["line"]) == [1, 5]
    assert list(rejected["line"]) == [2, 3, 4]


def test_strict_mode_stops_with_file_line_and_fix(tmp_path):
    raw = read(tmp_path, GOOD + "age\tCCC\t가나\n")
    with pytest.raises(InvalidRowsError) as error:
        nodes.validate_training_rows(raw, {**PARAMS, "strict": True})
    message = str(error.value)
    assert "rows.txt:2:" in message and "3 tag letters" in message and "Fix:" in message


def test_no_training_row_left_stops_with_the_file_and_the_commonest_reason(tmp_path):
    raw = read(tmp_path, "age\tCC\t가나다\n" * 3 + "age\tCX\t가나\n" + "\n")
    with pytest.raises(nodes.NoTrainingRowsError) as error:
        nodes.validate_training_rows(raw, PARAMS)
    assert isinstance(error.value, SystemExit)  # Kedro's command line prints it, no traceback
    message = str(error.value.code)
    assert message.count("\n") == 0
    assert "rows.txt" in message and "none of its 5 row(s)" in message
    assert "2 tag letters for a sentence of 3 characters (3 rows, first at line 1)" in message
    assert "Fix: each row must be intent<TAB>tags<TAB>sentence" in message


def test_an_empty_training_file_stops_with_a_clear_message(tmp_path):
    with pytest.raises(nodes.NoTrainingRowsError, match=r"rows\.txt.*is empty"):
        nodes.validate_training_rows(read(tmp_path, ""), PARAMS)


def test_lenient_mode_sets_rows_aside(tmp_path):
    raw = read(tmp_path, GOOD + "age\tCCC\t가나\n")
    accepted, rejected = nodes.validate_training_rows(raw, PARAMS)
    assert len(accepted) == 1 and len(rejected) == 1


def test_any_tag_alphabet_when_none_is_given(tmp_path):
    raw = read(tmp_path, "age\tPPCLL\t김씨 서울\n")
    accepted, rejected = validate_rows(raw, tag_alphabet=None)
    assert len(accepted) == 1 and rejected.empty
