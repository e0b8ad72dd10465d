"""Metrics against hand-computed examples."""

import pytest

from joint_nlu import metrics


def test_intent_accuracy():
    assert metrics.intent_accuracy(["a", "b", "c", "a"], ["a", "b", "a", "b"]) == 0.5


def test_entity_sequence_accuracy_needs_every_character_right():
    gold = ["EECC", "CCEE", "ECEC"]
    predicted = ["EECC", "CCEC", "ECEC"]
    assert metrics.entity_sequence_accuracy(gold, predicted) == pytest.approx(2 / 3)


def test_a_sentence_longer_than_the_window_counts_as_wrong():
    # the third sentence was cut by the window: its visible tags match, it is still wrong
    gold = ["EECC", "CCEE", "C" * 40]
    predicted = ["EECC", "CCEE", "C" * 40]
    assert metrics.entity_sequence_accuracy(gold, predicted, [False, False, True]) == pytest.approx(
        2 / 3
    )


def test_char_tag_accuracy_counts_characters():
    assert metrics.char_tag_accuracy(["EECC", "CC"], ["ECCC", "CC"]) == pytest.approx(5 / 6)


def test_span_scores_need_exact_bounds_and_type():
    sentences = ["김철수 키", "서울 면적", "부산 인구"]
    gold = ["EEECC", "EECCC", "PPCCC"]
    predicted = ["EECCC", "EECCC", "EECCC"]
    # predicted spans: 김철(wrong bounds), 서울(right), 부산 typed E not P (wrong)
    scores = metrics.span_scores(sentences, gold, predicted)
    assert scores["span_precision"] == pytest.approx(1 / 3)
    assert scores["span_recall"] == pytest.approx(1 / 3)
    assert scores["span_f1"] == pytest.approx(1 / 3)


def test_intent_report():
    gold, predicted = ["a", "a", "b", "b"], ["a", "b", "b", "b"]
    report = {row["intent"]: row for row in metrics.intent_report(gold, predicted, ["a", "b"])}
    assert report["a"]["precision"] == 1.0 and report["a"]["recall"] == 0.5
    assert report["b"]["precision"] == pytest.approx(2 / 3) and report["b"]["support"] == 2


def test_lengths_must_match():
    with pytest.raises(ValueError, match="2 gold labels but 1 predictions"):
        metrics.intent_accuracy(["a", "b"], ["a"])


def test_metrics_table_puts_headline_metrics_first():
    table = metrics.metrics_table(
        {
            "valid": {
                "span_f1": 0.5,
                "intent_accuracy": 1.0,
                "entity_sequence_accuracy": 0.75,
                "sentences": 4,
            }
        }
    )
    lines = table.splitlines()
    assert lines[1].startswith("intent_accuracy") and lines[2].startswith(
        "entity_sequence_accuracy"
    )
    assert "0.7500" in lines[2] and lines[-1].split()[-1] == "4"


# -- out of scope and calibration ----------------------------------------------------------------


def test_out_of_scope_scores_by_hand():
    gold = ["a", "b", "oos", "oos", "a"]
    predicted = ["a", "oos", "oos", "a", "b"]
    in_scope_score = [0.9, 0.3, 0.2, 0.6, 0.5]
    scores = metrics.out_of_scope_scores(gold, predicted, "oos", in_scope_score)
    assert scores == pytest.approx(
        {
            "in_scope_intent_accuracy": 1 / 3,  # b rejected and a read as b are both wrong
            "in_scope_rejection_rate": 1 / 3,
            "out_of_scope_recall": 1 / 2,
            "out_of_scope_precision": 1 / 2,
            # in-scope above out-of-scope in 4 of the 6 pairs (0.3 and 0.5 lose to 0.6)
            "out_of_scope_auroc": 4 / 6,
        }
    )


def test_out_of_scope_scores_leave_out_what_the_rows_cannot_measure():
    in_scope_only = metrics.out_of_scope_scores(["a", "b"], ["a", "b"], "oos", [0.9, 0.8])
    assert in_scope_only == {"in_scope_intent_accuracy": 1.0, "in_scope_rejection_rate": 0.0}
    out_only = metrics.out_of_scope_scores(["oos", "oos"], ["oos", "a"], "oos", [0.1, 0.9])
    assert out_only == {"out_of_scope_recall": 0.5, "out_of_scope_precision": 1.0}


def test_expected_calibration_error_by_hand():
    # 0.95 twice, right once: gap 0.45; 0.55 twice, right twice: gap 0.45
    confidence, correct = [0.95, 0.95, 0.55, 0.55], [True, False, True, True]
    assert metrics.expected_calibration_error(confidence, correct) == pytest.approx(0.45)
    # right as often as confident, bin by bin: no error
    assert metrics.expected_calibration_error([0.5, 0.5, 1.0], [True, False, True]) == 0.0
    assert metrics.expected_calibration_error([], []) == 0.0


def test_reliability_bins_are_equal_width_and_closed_above():
    found = metrics.reliability_bins([0.0, 1 / 15, 0.07, 1.0], [True, True, False, True])
    assert len(found["count"]) == 15
    assert found["count"][0] == 2 and found["count"][1] == 1 and found["count"][14] == 1
    assert found["accuracy"][0] == 1.0 and found["accuracy"][1] == 0.0
    assert found["confidence"][14] == 1.0
    assert found["upper"][0] == pytest.approx(1 / 15)
