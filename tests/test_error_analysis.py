"""Error kinds of wrong predictions: each kind on hand-made sentences, their precedence, counts."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from joint_nlu.error_analysis import (
    ERROR_COLUMNS,
    ERROR_KINDS,
    error_counts,
    error_kind,
    error_table,
)


def tagged(marked: str, letter: str = "E") -> tuple[str, str]:
    """Return (sentence, tags) of a sentence whose spans are written in [brackets]."""
    sentence = marked.replace("[", "").replace("]", "")
    tags, inside = [], False
    for char in marked:
        if char in "[]":
            inside = char == "["
        else:
            tags.append(letter if inside else "C")
    return sentence, "".join(tags)


def kind(gold: str, predicted: str, intents=("age", "age"), **kwargs) -> str | None:
    """Return the error kind of a gold and a predicted bracketed sentence."""
    sentence, gold_tags = tagged(gold)
    predicted_sentence, predicted_tags = tagged(predicted, kwargs.pop("letter", "E"))
    assert predicted_sentence == sentence
    return error_kind(sentence, gold_tags, predicted_tags, *intents, **kwargs)


# ---- each kind --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("[자강]의 면적은 얼마야", "자강의 면적은 얼마야", "no_span"),
        ("위키백과로 검색해줘", "[위키백과]로 검색해줘", "spurious_span"),
        ("[코니 윌리스]의 고향", "[코니] [윌리스]의 고향", "several_spans"),
        ("[남쪽 물고기자리 알파] 나이", "남쪽 물고[기자리 알파] 나이", "cut_inside_word"),
        ("[남쪽 물고기자리 알파] 나이", "[남쪽 물고기자리 알]파 나이", "cut_inside_word"),
        ("[남쪽 물고기자리 알파] 나이", "남쪽 [물고기자리 알파] 나이", "too_short"),
        ("[송파 헬리오시티] 구조물 높이", "[송파 헬리오시티 구조물] 높이", "too_long"),
        ("[자강]의 면적은", "[자강의] 면적은", "too_long"),  # the particle
        ("위키에서 [한라산] 높이", "[위키에서] 한라산 높이", "other_place"),
        ("[남쪽 물고기자리] 알파 나이", "남쪽 [물고기자리 알파] 나이", "shifted"),
    ],
)
def test_each_entity_kind(gold: str, predicted: str, expected: str) -> None:
    assert kind(gold, predicted) == expected


def test_wrong_type_is_the_gold_bounds_with_another_letter() -> None:
    assert kind("[푸조 508] 전고", "[푸조 508] 전고", letter="X") == "wrong_type"


def test_intent_truncated_and_right() -> None:
    assert kind("[BTS] 나이", "[BTS] 나이", ("age", "height")) == "intent"
    assert kind("[BTS] 나이", "[BTS] 나이", ("age", "age")) is None
    assert kind("[BTS] 나이", "[BTS] 나이", ("age", "height"), truncated=True) == "truncated"


def test_every_kind_is_listed_once_in_order() -> None:
    assert ERROR_KINDS[:3] == ("no_span", "spurious_span", "several_spans")
    assert ERROR_KINDS[-1] == "intent"
    assert len(set(ERROR_KINDS)) == len(ERROR_KINDS) == 11


# ---- precedence -------------------------------------------------------------------------------
def test_entity_kinds_come_before_a_wrong_intent() -> None:
    # a cut span with a wrong intent is a cut; the wrong intent is kept apart (intent_wrong)
    assert kind("[한라산] 높이", "[한라]산 높이", ("height", "age")) == "cut_inside_word"
    assert kind("[한라산] 높이", "한라산 높이", ("height", "age")) == "no_span"


def test_several_spans_come_before_cuts() -> None:
    assert kind("[롯데타워]의 높이", "[롯데]타[워]의 높이") == "several_spans"


def test_spurious_comes_before_several() -> None:
    assert kind("높이 알려줘", "[높이] [알려줘]") == "spurious_span"


def test_a_cut_comes_before_too_short_and_shifted() -> None:
    # inside the gold span, but starting in the middle of a word
    assert kind("[송파 헬리오시티] 높이", "송파 헬리[오시티] 높이") == "cut_inside_word"
    # overlapping and shifted, ending inside a word
    assert kind("[남쪽 물고기자리] 알파", "남쪽 [물고기자리 알]파") == "cut_inside_word"


def test_too_short_comes_before_wrong_type() -> None:
    assert kind("[남쪽 물고기자리 알파] 나이", "남쪽 [물고기자리 알파] 나이", letter="X") == (
        "too_short"
    )


def test_a_cut_where_the_gold_span_also_ends_inside_a_word_is_not_a_cut() -> None:
    # `자강의` is one whitespace word: gold ends inside it too, so spaces cannot tell
    assert kind("[자강]의 면적", "[자]강의 면적") == "too_short"


# ---- morpheme boundaries ----------------------------------------------------------------------
# 자강 (NNP: begins, ends) 의 (single) ␣ 면적 (begins, ends)
JAGANG_BOUNDARIES = [3, 4, 5, 1, 3, 4]


def test_boundaries_find_a_cut_inside_a_morpheme() -> None:
    assert kind("[자강]의 면적", "[자]강의 면적", boundaries=JAGANG_BOUNDARIES) == (
        "cut_inside_word"
    )
    assert kind("[자강]의 면적", "[자]강의 면적", boundaries="345134") == "cut_inside_word"


def test_boundaries_allow_a_span_that_ends_before_a_particle() -> None:
    # ending between 자강 and 의 is on a morpheme boundary: too long, not a cut
    assert kind("[자]강의 면적", "[자강]의 면적", boundaries=JAGANG_BOUNDARIES) == "too_long"
    # the same sentence judged on whitespace words alone: the predicted end is inside 자강의,
    # the gold end is too, so it is not a cut either
    assert kind("[자]강의 면적", "[자강]의 면적") == "too_long"


def test_boundaries_must_have_one_code_per_character() -> None:
    with pytest.raises(ValueError, match="one code per character"):
        kind("[자강]의 면적", "[자]강의 면적", boundaries=[3, 4, 5])


# ---- several gold spans -----------------------------------------------------------------------
def test_a_gold_span_left_without_prediction_is_no_span() -> None:
    assert kind("[김철수]와 [박영희] 나이", "[김철수]와 박영희 나이") == "no_span"


def test_one_span_over_two_gold_spans_is_too_long() -> None:
    assert kind("[김철수]와 [박영희] 나이", "[김철수와 박영희] 나이") == "too_long"


def test_each_predicted_span_meets_its_own_gold_span() -> None:
    # the second span is shifted, the first is right
    assert kind("[김철수]와 [박영희 교수] 나이", "[김철수]와 박영희 [교수 나이]") == "shifted"


# ---- the table and the counts -----------------------------------------------------------------
def frame(rows: list[tuple]) -> pd.DataFrame:
    """Return a predict_rows-like frame of (gold, predicted, intent, predicted_intent, ...)."""
    records = []
    for number, (gold, predicted, intent, predicted_intent, *rest) in enumerate(rows, 1):
        sentence, tags = tagged(gold)
        _, predicted_tags = tagged(predicted)
        records.append(
            {
                "source_file": "test.txt",
                "line": number,
                "sentence": sentence,
                "intent": intent,
                "predicted_intent": predicted_intent,
                "intent_probability": 0.9,
                "tags": tags,
                "predicted_tags": predicted_tags,
                "truncated": bool(rest and rest[0]),
            }
        )
    return pd.DataFrame(records)


ROWS = [
    ("[한라산]의 높이는?", "[한라산]의 높이는?", "height", "height"),
    ("[한라산]의 높이는?", "[한라]산의 높이는?", "height", "height"),  # too_short (spaces)
    ("[김철수] 나이 알려줘", "[김철수] 나이 알려줘", "age", "height"),  # intent
    ("[김철수] 나이 알려줘", "김철수 나이 알려줘", "age", "area"),  # no_span, intent wrong
    ("[BTS] 나이 알려줘", "[BTS 나이] 알려줘", "age", "age"),  # too_long
    ("[서울역] 면적이 얼마야", "[서울역] 면적이 얼마야", "area", "area", True),  # truncated
    ("[서울역] 면적이 얼마야", "[서울역] 면적이 얼마야", "area", "area"),
]


def test_error_table_keeps_only_wrong_rows_with_their_kind() -> None:
    predictions = frame(ROWS)
    predictions["top_intents"] = [[{"intent": "x", "probability": 1.0}]] * len(ROWS)
    table = error_table(predictions)
    assert list(table["line"]) == [2, 3, 4, 5, 6]
    assert list(table["error_kind"]) == ["too_short", "intent", "no_span", "too_long", "truncated"]
    assert list(table["intent_wrong"]) == [False, True, True, False, False]
    assert list(table["entity_wrong"]) == [True, False, True, True, True]
    # every column of the predictions is kept (the page shows top intents)
    assert list(table.columns) == [*predictions.columns, *ERROR_COLUMNS]


def test_error_table_reads_morph_boundaries_when_present() -> None:
    predictions = frame([("[자강]의 면적", "[자]강의 면적", "area", "area")] * 2)
    assert list(error_table(predictions)["error_kind"]) == ["too_short"] * 2
    predictions["morph_boundary"] = [JAGANG_BOUNDARIES, None]
    assert list(error_table(predictions)["error_kind"]) == ["cut_inside_word", "too_short"]


def test_error_counts_name_every_kind_overall_and_per_intent() -> None:
    counts = error_counts(frame(ROWS))
    expected_overall = {
        "errors.total": 5,
        "errors.too_short": 1,
        "errors.intent": 1,
        "errors.no_span": 1,
        "errors.too_long": 1,
        "errors.truncated": 1,
        "errors.intent_wrong": 2,
        "errors.entity_wrong": 4,
    }
    for key, value in expected_overall.items():
        assert counts[key] == value, key
    for intent in ("age", "area", "height"):
        for kind_name in (*ERROR_KINDS, "total", "intent_wrong", "entity_wrong"):
            assert f"errors.{kind_name}" in counts
            assert f"errors.by_intent.{intent}.{kind_name}" in counts
    assert counts["errors.by_intent.age.no_span"] == 1
    assert counts["errors.by_intent.age.intent_wrong"] == 2
    assert counts["errors.by_intent.area.truncated"] == 1
    assert counts["errors.by_intent.height.too_short"] == 1
    assert counts["errors.by_intent.height.no_span"] == 0
    # kinds add up to the wrong sentences, overall and per intent
    for prefix in ("errors", *(f"errors.by_intent.{i}" for i in ("age", "area", "height"))):
        assert sum(counts[f"{prefix}.{k}"] for k in ERROR_KINDS) == counts[f"{prefix}.total"]
    assert all(isinstance(value, int) for value in counts.values())
    # 3 x 14 per intent + 14 overall
    assert len(counts) == 4 * (len(ERROR_KINDS) + 3)


def test_error_counts_of_a_perfect_run_are_all_zero_and_names_stay_valid_metrics() -> None:
    predictions = frame(
        [("[한라산] 높이", "[한라산] 높이", "높이 / height:cm", "높이 / height:cm")]
    )
    counts = error_counts(predictions)
    assert set(counts.values()) == {0}
    assert "errors.by_intent.높이___height_cm.no_span" in counts
    for key in counts:
        # stricter than MLflow's rule (word characters, '.', '-', ' ', '/', ':'): no path parts
        assert re.fullmatch(r"[\w.\-]+", key), key


def test_a_table_read_back_from_csv_gives_the_same_kinds(tmp_path) -> None:
    predictions = frame([("[자강]의 면적", "[자]강의 면적", "area", "area")] * 2 + ROWS)
    predictions["morph_boundary"] = [JAGANG_BOUNDARIES, None] + [None] * len(ROWS)
    predictions.to_csv(tmp_path / "predictions.csv", index=False)
    back = pd.read_csv(tmp_path / "predictions.csv")  # boundaries come back as "[3, 4, ...]"
    assert list(error_table(back)["error_kind"]) == list(error_table(predictions)["error_kind"])
    assert list(error_table(back)["error_kind"])[:2] == ["cut_inside_word", "too_short"]


def test_a_missing_truncation_flag_counts_as_not_truncated() -> None:
    predictions = frame([ROWS[0], ROWS[0]])
    predictions["truncated"] = pd.Series([None, True], dtype=object)
    assert list(error_table(predictions)["error_kind"]) == ["truncated"]
