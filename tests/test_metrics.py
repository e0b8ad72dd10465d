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
