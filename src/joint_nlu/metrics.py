"""Scoring: pure functions over gold and predicted labels (no Kedro, no MXNet)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import precision_recall_fscore_support, roc_auc_score

from joint_nlu.text import spans_from_tags

HEADLINE_METRICS = (
    "intent_accuracy",
    "entity_sequence_accuracy",
    "in_scope_intent_accuracy",
    "out_of_scope_recall",
)
# equal-width confidence bins of the expected calibration error and the reliability diagram
CALIBRATION_BINS = 15
# row counts reported beside the metrics (shown in the table when non-zero)
COUNTS = (
    "sentences",
    "out_of_scope_rows",
    "truncated",
    "duplicate_rows",
    "unseen_intent_rows",
    "rejected",
)


def intent_accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Return the share of sentences whose predicted intent is the gold intent."""
    _check_same_length(gold, predicted)
    return float(np.mean([g == p for g, p in zip(gold, predicted, strict=True)])) if gold else 0.0


def entity_sequence_accuracy(
    gold_tags: Sequence[str],
    predicted_tags: Sequence[str],
    truncated: Sequence[bool] | None = None,
) -> float:
    """Return the share of sentences whose predicted tags equal the gold tags everywhere.

    A sentence the model did not read whole (`truncated`) counts as wrong.
    """
    _check_same_length(gold_tags, predicted_tags)
    truncated = truncated if truncated is not None else [False] * len(gold_tags)
    correct = [
        g == p and not cut for g, p, cut in zip(gold_tags, predicted_tags, truncated, strict=True)
    ]
    return float(np.mean(correct)) if correct else 0.0


def char_tag_accuracy(gold_tags: Sequence[str], predicted_tags: Sequence[str]) -> float:
    """Return the share of characters, over all sentences, whose predicted tag is right."""
    _check_same_length(gold_tags, predicted_tags)
    right = sum(g == p for gold, pred in zip(gold_tags, predicted_tags) for g, p in zip(gold, pred))
    total = sum(len(gold) for gold in gold_tags)
    return right / total if total else 0.0


def span_scores(
    sentences: Sequence[str],
    gold_tags: Sequence[str],
    predicted_tags: Sequence[str],
    outside_tag: str = "C",
) -> dict[str, float]:
    """Return span precision, recall and F1: a span counts only with exact bounds and type."""
    _check_same_length(gold_tags, predicted_tags)
    true_positive = predicted_total = gold_total = 0
    for sentence, gold, predicted in zip(sentences, gold_tags, predicted_tags, strict=True):
        gold_spans = {_key(span) for span in spans_from_tags(sentence, gold, outside_tag)}
        predicted_spans = {_key(span) for span in spans_from_tags(sentence, predicted, outside_tag)}
        true_positive += len(gold_spans & predicted_spans)
        predicted_total += len(predicted_spans)
        gold_total += len(gold_spans)
    precision = true_positive / predicted_total if predicted_total else 0.0
    recall = true_positive / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"span_precision": precision, "span_recall": recall, "span_f1": f1}


def intent_report(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> list[dict[str, float | str | int]]:
    """Return per-intent precision, recall, F1 and support, one dict per label."""
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=list(labels), zero_division=0
    )
    return [
        {
            "intent": label,
            "precision": float(p),
            "recall": float(r),
            "f1": float(f),
            "support": int(s),
        }
        for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
    ]


def out_of_scope_scores(
    gold: Sequence[str],
    predicted: Sequence[str],
    out_of_scope_intent: str,
    in_scope_score: Sequence[float] | None = None,
) -> dict[str, float]:
    """Return the scores of out-of-scope detection; a metric without the rows it needs is left
    out.

    A row is out of scope when its gold intent is `out_of_scope_intent`; a prediction is when
    it is that intent (the model rejected the sentence). `in_scope_intent_accuracy`: share of
    in-scope rows with the right intent (a rejected one is wrong); `in_scope_rejection_rate`:
    share of in-scope rows rejected; `out_of_scope_recall`: share of out-of-scope rows
    rejected; `out_of_scope_precision`: share of rejected rows that are out of scope;
    `out_of_scope_auroc`: how well `in_scope_score` (the best in-scope intent's probability)
    ranks in-scope rows above out-of-scope ones (both kinds needed).
    """
    _check_same_length(gold, predicted)
    gold_out = np.array([g == out_of_scope_intent for g in gold], dtype=bool)
    predicted_out = np.array([p == out_of_scope_intent for p in predicted], dtype=bool)
    right = np.array([g == p for g, p in zip(gold, predicted, strict=True)], dtype=bool)
    scores: dict[str, float] = {}
    if (~gold_out).any():
        scores["in_scope_intent_accuracy"] = float(right[~gold_out].mean())
        scores["in_scope_rejection_rate"] = float(predicted_out[~gold_out].mean())
    if gold_out.any():
        scores["out_of_scope_recall"] = float(predicted_out[gold_out].mean())
    if predicted_out.any():
        scores["out_of_scope_precision"] = float(gold_out[predicted_out].mean())
    if in_scope_score is not None and gold_out.any() and (~gold_out).any():
        _check_same_length(gold, in_scope_score)
        scores["out_of_scope_auroc"] = float(
            roc_auc_score(~gold_out, np.asarray(in_scope_score, dtype=np.float64))
        )
    return scores


def reliability_bins(
    confidence: Sequence[float], correct: Sequence[bool], bins: int = CALIBRATION_BINS
) -> dict[str, np.ndarray]:
    """Return, per equal-width confidence bin (lower, upper], its row count, accuracy and mean
    confidence (NaN in empty bins); a confidence of 0 falls in the first bin."""
    confidence = np.asarray(confidence, dtype=np.float64)
    correct = np.asarray(correct, dtype=np.float64)
    _check_same_length(confidence, correct)
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.searchsorted(edges, confidence, side="left") - 1, 0, bins - 1)
    count = np.bincount(index, minlength=bins).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        accuracy = np.bincount(index, weights=correct, minlength=bins) / count
        mean_confidence = np.bincount(index, weights=confidence, minlength=bins) / count
    return {
        "lower": edges[:-1],
        "upper": edges[1:],
        "count": count,
        "accuracy": accuracy,
        "confidence": mean_confidence,
    }


def expected_calibration_error(
    confidence: Sequence[float], correct: Sequence[bool], bins: int = CALIBRATION_BINS
) -> float:
    """Return the expected calibration error: over equal-width confidence bins, the
    row-weighted mean of |accuracy - mean confidence| (Guo et al. 2017; 15 bins by default).

    `confidence` is the probability of each row's predicted intent, `correct` whether that
    intent is the gold one.
    """
    found = reliability_bins(confidence, correct, bins)
    filled = found["count"] > 0
    if not filled.any():
        return 0.0
    gaps = np.abs(found["accuracy"][filled] - found["confidence"][filled])
    return float((found["count"][filled] * gaps).sum() / found["count"].sum())


def metrics_table(report: dict[str, dict]) -> str:
    """Return a fixed-width table: one row per metric, one column per dataset, the headline
    metrics first (error counts `errors.*` stay in metrics.json and MLflow)."""
    names = list(HEADLINE_METRICS) + sorted(
        {name for scores in report.values() for name in scores if not name.startswith("errors.")}
        - set(HEADLINE_METRICS)
        - set(COUNTS)
    )
    names = [name for name in names if any(name in scores for scores in report.values())]
    width = max(len(name) for name in names) + 2
    lines = ["metric".ljust(width) + "".join(split.rjust(14) for split in report)]
    counts = [name for name in COUNTS if any(scores.get(name) for scores in report.values())]
    for name in names + ["sentences", *[name for name in counts if name != "sentences"]]:
        cells = [report[split].get(name) for split in report]
        lines.append(
            name.ljust(width)
            + "".join(
                (
                    "—"
                    if value is None
                    else f"{value:.4f}"
                    if isinstance(value, float)
                    else str(value)
                ).rjust(14)
                for value in cells
            )
        )
    return "\n".join(lines)


def _key(span) -> tuple[int, int, str]:
    return span["start"], span["end"], span["type"]


def _check_same_length(gold: Sequence, predicted: Sequence) -> None:
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
