"""Temperature scaling, the rejection threshold and the calibration a model directory records."""

from __future__ import annotations

import numpy as np
import pytest

from joint_nlu import calibration
from joint_nlu.calibration import Calibration


def softmax(logits: np.ndarray) -> np.ndarray:
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def test_tempering_flattens_or_sharpens_and_undoes_itself():
    p = np.array([[0.7, 0.2, 0.1], [0.98, 0.01, 0.01]], dtype=np.float32)
    flat = calibration.temper(p, 2.0)
    assert (flat.max(axis=1) < p.max(axis=1)).all()
    assert (flat.argmax(axis=1) == p.argmax(axis=1)).all()
    np.testing.assert_allclose(flat.sum(axis=1), 1.0, rtol=1e-6)
    np.testing.assert_allclose(calibration.temper(flat, 0.5), p, rtol=1e-5)
    assert calibration.temper(p, 1.0) is p


def test_fitted_temperature_lowers_the_nll_of_an_overconfident_model():
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 4, size=(4000, 5))
    # the gold labels follow logits / 2: the model's own probabilities are overconfident
    truth = softmax(logits / 2)
    labels = np.array([rng.choice(5, p=row) for row in truth])
    probabilities = softmax(logits).astype(np.float32)
    temperature = calibration.fit_temperature(probabilities, labels)
    assert temperature == pytest.approx(2.0, rel=0.1)
    before = calibration.negative_log_likelihood(probabilities, labels)
    after = calibration.negative_log_likelihood(
        calibration.temper(probabilities, temperature), labels
    )
    assert after < before - 0.05
    # the fitted temperature beats its neighbours
    for other in (temperature * 0.9, temperature * 1.1):
        worse = calibration.negative_log_likelihood(
            calibration.temper(probabilities, other), labels
        )
        assert after <= worse


def test_an_underconfident_model_is_sharpened_and_no_rows_leave_it_as_it_is():
    rng = np.random.default_rng(1)
    logits = rng.normal(0, 2, size=(3000, 4))
    labels = np.array([rng.choice(4, p=row) for row in softmax(logits * 2)])
    assert calibration.fit_temperature(softmax(logits), labels) == pytest.approx(0.5, rel=0.1)
    assert calibration.fit_temperature(np.zeros((0, 4)), np.zeros(0)) == 1.0


def test_rejection_by_the_out_of_scope_intent_or_below_the_threshold():
    # intents: a, b, oos (index 2)
    p = np.array(
        [
            [0.80, 0.10, 0.10],  # a, sure
            [0.45, 0.05, 0.50],  # oos wins
            [0.40, 0.35, 0.25],  # a, unsure
        ]
    )
    assert calibration.rejections(p, 2, 0.0).tolist() == [False, True, False]
    assert calibration.rejections(p, 2, 0.5).tolist() == [False, True, True]
    # without an out-of-scope intent, only the threshold rejects
    assert calibration.rejections(p, None, 0.45).tolist() == [False, False, True]
    best, score = calibration.in_scope_best(p, 2)
    assert best.tolist() == [0, 0, 0] and score.tolist() == [0.80, 0.45, 0.40]


def test_threshold_rejects_at_most_the_allowed_share_of_in_scope_rows():
    # ten in-scope rows whose best intent is a, with scores 0.55 .. 0.95; one out-of-scope row
    scores = np.linspace(0.55, 0.95, 10)
    p = np.stack([scores, (1 - scores) * 0.9, (1 - scores) * 0.1], axis=1)
    p = np.vstack([p, [0.1, 0.1, 0.8]])
    labels = np.append(np.zeros(10, dtype=int), 2)
    # 20% of the 10 in-scope rows may go: the threshold is the third lowest score
    threshold = calibration.choose_threshold(p, labels, 2, 0.2)
    assert threshold == pytest.approx(scores[2])
    assert calibration.rejections(p[:10], 2, threshold).sum() == 2
    assert calibration.choose_threshold(p, labels, 2, 0.0) == pytest.approx(scores[0])
    assert calibration.rejections(p[:10], 2, scores[0]).sum() == 0
    # every row may go: the threshold rejects them all
    assert calibration.choose_threshold(p, labels, 2, 1.0) == 1.0


def test_threshold_is_zero_when_the_out_of_scope_intent_already_spends_the_share():
    p = np.array([[0.2, 0.8], [0.9, 0.1], [0.9, 0.1], [0.9, 0.1]])  # a, oos; row 0 rejected
    labels = np.array([0, 0, 0, 0])
    assert calibration.choose_threshold(p, labels, 1, 0.1) == 0.0
    assert calibration.choose_threshold(p, np.array([1, 1, 1, 1]), 1, 0.1) == 0.0


def test_calibration_round_trips_through_json_and_refuses_nonsense():
    fitted = Calibration(1.7, 0.42, "out_of_scope", {"ece_before": 0.05})
    assert Calibration.from_json(fitted.to_json()) == fitted
    assert Calibration.from_json(None) == Calibration()
    assert fitted.out_of_scope_index(["age", "out_of_scope"]) == 1
    assert fitted.out_of_scope_index(["age"]) is None
    for bad in (
        {"temperature": 0},
        {"temperature": "hot"},
        {"threshold": 1.5},
        {"threshold": -0.1},
    ):
        with pytest.raises(ValueError):
            Calibration.from_json(bad)
    with pytest.raises(ValueError, match="from 0 to 1"):
        calibration.check_threshold(True)
