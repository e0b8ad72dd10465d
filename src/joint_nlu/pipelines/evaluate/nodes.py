"""Nodes of evaluate: predict with the saved model, score, and report (confusion matrix,
reliability diagram, error page).

Thin: predicting and scoring are evaluation.py's, error pages error_page.py's, calibration
figures metrics.py's.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from sklearn.metrics import ConfusionMatrixDisplay

from joint_nlu import evaluation, metrics
from joint_nlu.data import analysis_lookup
from joint_nlu.error_page import error_page

logger = logging.getLogger(__name__)


def predict_rows(tagger, rows: pd.DataFrame, analysis: pd.DataFrame) -> pd.DataFrame:
    """Return the rows with the model's intents, tags and a truncation flag, read with the
    morphology data_processing found (when the model's analyser made it)."""
    return evaluation.predict_rows(
        tagger, rows, morphemes=analysis_lookup(analysis, tagger.analyser)
    )


def score_predictions(
    predictions: pd.DataFrame, tagger
) -> tuple[dict, pd.DataFrame, pd.DataFrame, Figure]:
    """Return the metrics, the per-intent report, the mistakes and a confusion-matrix plot.

    The heads scored and the outside tag are the saved model's own (its config.json).
    """
    gold, predicted = list(predictions["intent"]), list(predictions["predicted_intent"])
    labels = sorted(set(gold) | set(predicted))
    report = pd.DataFrame(metrics.intent_report(gold, predicted, labels))
    return (
        evaluation.score_model(tagger, predictions),
        report,
        evaluation.mistakes(predictions),
        _confusion_figure(gold, predicted, labels),
    )


def reliability_diagram(predictions: pd.DataFrame, dataset: str) -> Figure:
    """Return the reliability diagram of the intent head on one dataset: accuracy against mean
    confidence per equal-width bin, before and after the temperature, with their ECE, and the
    rows per bin."""
    correct = (predictions["top_intent"] == predictions["intent"]).to_numpy()
    figure = Figure(figsize=(5.5, 6.5))
    curve, counts = figure.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    curve.plot([0, 1], [0, 1], color="grey", linestyle=":", label="perfect calibration")
    for column, label, style in (
        ("uncalibrated_confidence", "before calibration", "s--"),
        ("confidence", "after calibration", "o-"),
    ):
        confidence = predictions[column].to_numpy(dtype=float)
        bins = metrics.reliability_bins(confidence, correct)
        filled = bins["count"] > 0
        ece = metrics.expected_calibration_error(confidence, correct)
        curve.plot(
            bins["confidence"][filled],
            bins["accuracy"][filled],
            style,
            label=f"{label} (ECE {ece:.3f})",
        )
        counts.step(
            np.append(bins["lower"], 1.0),
            np.append(bins["count"], bins["count"][-1:]),
            where="post",
            label=label,
        )
    curve.set(
        title=f"{dataset}: intent reliability ({len(predictions)} rows)",
        ylabel="accuracy in the bin",
        xlim=(0, 1),
        ylim=(0, 1),
    )
    curve.legend(loc="upper left", fontsize="small")
    counts.set(xlabel="confidence of the most probable intent", ylabel="rows")
    figure.tight_layout()
    return figure


def error_report(predictions: pd.DataFrame, tagger, dataset: str) -> str:
    """Return the HTML error page of one evaluated dataset: wrong sentences by kind of error."""
    return error_page(evaluation.for_tasks(predictions, tagger.tasks), dataset, tagger.outside_tag)


def summarise_metrics(**scores_by_dataset: dict) -> tuple[dict, dict]:
    """Return metrics.json's content and the same numbers as MLflow metrics; log a table."""
    report = dict(scores_by_dataset)
    mlflow_metrics = {
        f"{split}.{name}": {"value": float(value), "step": 0}
        for split, scores in report.items()
        for name, value in scores.items()
    }
    for split, scores in report.items():
        logger.info(
            "%s: %s",
            split,
            ", ".join(
                f"{name} {value:.4f}" for name, value in scores.items() if isinstance(value, float)
            ),
        )
    return report, mlflow_metrics


def _confusion_figure(gold: list[str], predicted: list[str], labels: list[str]) -> Figure:
    figure = Figure(figsize=(1 + 0.6 * len(labels), 1 + 0.6 * len(labels)))
    axis = figure.subplots()
    ConfusionMatrixDisplay.from_predictions(
        gold, predicted, labels=labels, ax=axis, xticks_rotation="vertical", colorbar=False
    )
    axis.set_title("intent confusion (rows: gold)")
    figure.tight_layout()
    return figure
