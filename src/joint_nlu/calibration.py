"""Calibration and out-of-scope rejection of the intent head: pure numpy, no Kedro, no MXNet.

What lives here: `Calibration`, what a model directory records (`config.json`: `calibration`)
and every prediction path applies: the temperature that makes `intent_probability` mean what it
says, the rejection threshold, and the intent that names out-of-scope rows; `fit_temperature`
and `choose_threshold`, which training runs on the validation split; `temper` and `rejections`,
which the predictors run. Scores of calibration (expected calibration error, reliability) live
in `metrics`; the training loop and the backends must not be imported here.

A prediction is rejected (out of scope) when the out-of-scope intent has the highest probability,
or when the best in-scope intent's probability is below the threshold.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# log of the smallest probability read: a float32 softmax can round a class to exactly 0
_SMALLEST = 1e-38


@dataclass(frozen=True)
class Calibration:
    """How a model's intent probabilities are tempered and when an answer is out of scope.

    - `temperature` (1.0: as trained): probabilities are `softmax(log p / temperature)`.
    - `threshold` (0.0: never on score alone): a best in-scope probability below it rejects.
    - `out_of_scope_intent`: the intent of out-of-scope rows (None, or an intent the model was
      not trained on: rejection by threshold only).
    - `fitted`: what training measured on the validation split (NLL and ECE before and after,
      in-scope rejection, out-of-scope recall), for the record.
    """

    temperature: float = 1.0
    threshold: float = 0.0
    out_of_scope_intent: str | None = None
    fitted: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not (isinstance(self.temperature, int | float) and self.temperature > 0):
            raise ValueError(f"temperature must be a positive number, got {self.temperature!r}")
        check_threshold(self.threshold)

    def to_json(self) -> dict[str, Any]:
        """Return the calibration as `config.json` records it."""
        return {
            "temperature": float(self.temperature),
            "threshold": float(self.threshold),
            "out_of_scope_intent": self.out_of_scope_intent,
            "fitted": dict(self.fitted),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Calibration:
        """Return the calibration `config.json` records (none: a model trained before it)."""
        if not data:
            return cls()
        if not isinstance(data, Mapping):
            raise ValueError(f"calibration must be an object, got {data!r:.40}")
        return cls(
            temperature=data.get("temperature", 1.0),
            threshold=data.get("threshold", 0.0),
            out_of_scope_intent=data.get("out_of_scope_intent"),
            fitted=data.get("fitted") or {},
        )

    def out_of_scope_index(self, intents: Sequence[str]) -> int | None:
        """Return the output index of the out-of-scope intent (None: the model has none)."""
        intents = list(intents)
        if self.out_of_scope_intent in intents:
            return intents.index(self.out_of_scope_intent)
        return None


def check_threshold(threshold: object) -> float:
    """Return a threshold as a float, refusing anything but a number from 0 to 1."""
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise ValueError(f"threshold must be a number from 0 to 1, got {threshold!r:.40}")
    if not 0.0 <= float(threshold) <= 1.0:  # NaN included
        raise ValueError(f"threshold must be a number from 0 to 1, got {threshold!r}")
    return float(threshold)


def log_probabilities(probabilities: np.ndarray) -> np.ndarray:
    """Return the float64 log of probabilities (a class rounded to 0 reads as 1e-38)."""
    return np.log(np.clip(np.asarray(probabilities, dtype=np.float64), _SMALLEST, 1.0))


def temper(probabilities: np.ndarray, temperature: float) -> np.ndarray:
    """Return `softmax(log p / temperature)` over the last axis, as float32.

    `temper(temper(p, t), 1 / t)` gives `p` back: the evaluation reads the uncalibrated
    probabilities of a calibrated model that way.
    """
    probabilities = np.asarray(probabilities)
    if temperature == 1.0:
        return probabilities.astype(np.float32, copy=False)
    scaled = log_probabilities(probabilities) / temperature
    scaled -= scaled.max(axis=-1, keepdims=True)
    exp = np.exp(scaled)
    return (exp / exp.sum(axis=-1, keepdims=True)).astype(np.float32)


def negative_log_likelihood(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """Return the mean negative log-probability of the gold labels."""
    labels = np.asarray(labels, dtype=np.int64)
    if not len(labels):
        return 0.0
    rows = np.arange(len(labels))
    return float(-log_probabilities(probabilities)[rows, labels].mean())


def fit_temperature(
    probabilities: np.ndarray,
    labels: np.ndarray,
    bounds: tuple[float, float] = (0.05, 20.0),
    steps: int = 201,
) -> float:
    """Return the temperature within `bounds` that minimises the labels' NLL.

    The NLL is convex in 1/temperature, so a grid of `steps` values of 1/temperature, spaced
    evenly in log, then a second grid between the best point's neighbours, finds its minimum to
    well under 0.1% (defaults: 0.05 to 20, 201 steps). No rows: 1.0.
    """
    labels = np.asarray(labels, dtype=np.int64)
    if not len(labels):
        return 1.0
    logs = log_probabilities(probabilities)
    gold = logs[np.arange(len(labels)), labels]

    def losses(inverse: np.ndarray) -> np.ndarray:
        scaled = inverse[:, None, None] * logs[None]  # (grid, rows, intents)
        top = scaled.max(axis=-1, keepdims=True)
        normaliser = np.log(np.exp(scaled - top).sum(axis=-1)) + top[..., 0]
        return (normaliser - inverse[:, None] * gold[None]).mean(axis=1)

    low, high = 1.0 / bounds[1], 1.0 / bounds[0]
    grid = np.geomspace(low, high, steps)
    best = int(np.argmin(losses(grid)))
    fine = np.linspace(grid[max(best - 1, 0)], grid[min(best + 1, steps - 1)], steps)
    return float(1.0 / fine[int(np.argmin(losses(fine)))])


def in_scope_best(
    probabilities: np.ndarray, out_of_scope_index: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """Return each row's best in-scope intent (its index) and that intent's probability."""
    probabilities = np.asarray(probabilities)
    if out_of_scope_index is not None and probabilities.shape[1] > 1:
        probabilities = probabilities.copy()
        probabilities[:, out_of_scope_index] = -1.0
    best = probabilities.argmax(axis=1)
    return best, np.take_along_axis(probabilities, best[:, None], axis=1)[:, 0]


def rejections(
    probabilities: np.ndarray, out_of_scope_index: int | None, threshold: float
) -> np.ndarray:
    """Return which rows are out of scope: the out-of-scope intent wins, or the best in-scope
    probability is below `threshold`."""
    probabilities = np.asarray(probabilities)
    _, best = in_scope_best(probabilities, out_of_scope_index)
    rejected = best < threshold
    if out_of_scope_index is not None:
        rejected |= probabilities.argmax(axis=1) == out_of_scope_index
    return rejected


def choose_threshold(
    probabilities: np.ndarray,
    labels: np.ndarray,
    out_of_scope_index: int | None,
    max_in_scope_rejection: float,
) -> float:
    """Return the largest threshold that rejects at most `max_in_scope_rejection` of the
    in-scope rows (gold label not the out-of-scope one), rejections by the out-of-scope intent
    included.

    `probabilities` are the calibrated ones of the validation split. When the out-of-scope
    intent alone already rejects more than the share allows, or there is no in-scope row, the
    threshold is 0 (rejection by the out-of-scope intent only).
    """
    probabilities = np.asarray(probabilities)
    labels = np.asarray(labels, dtype=np.int64)
    in_scope = labels != (-1 if out_of_scope_index is None else out_of_scope_index)
    if not in_scope.any():
        return 0.0
    by_class = rejections(probabilities[in_scope], out_of_scope_index, 0.0)
    allowed = math.floor(max_in_scope_rejection * int(in_scope.sum()) + 1e-9) - int(by_class.sum())
    if allowed < 0:
        return 0.0
    _, best = in_scope_best(probabilities[in_scope][~by_class], out_of_scope_index)
    scores = np.sort(best)
    if allowed >= len(scores):
        return 1.0
    # rows strictly below the (allowed+1)-th lowest score are rejected: at most `allowed`
    return float(scores[allowed])
