"""Nodes of evaluate: predict with the saved model, score, and report."""

from __future__ import annotations

import logging

import pandas as pd
from matplotlib.figure import Figure
from sklearn.metrics import ConfusionMatrixDisplay

from joint_nlu import evaluation, metrics

logger = logging.getLogger(__name__)


def predict_rows(tagger, rows: pd.DataFrame) -> pd.DataFrame:
    """Return the rows with the model's intent, its probability, tags and a truncation flag."""
    return evaluation.predict_rows(tagger, rows)


def score_predictions(
    predictions: pd.DataFrame, outside_tag: str, tasks: list[str]
) -> tuple[dict, pd.DataFrame, pd.DataFrame, Figure]:
    """Return the metrics, the per-intent report, the mistakes and a confusion-matrix plot."""
    gold, predicted = list(predictions["intent"]), list(predictions["predicted_intent"])
    labels = sorted(set(gold) | set(predicted))
    report = pd.DataFrame(metrics.intent_report(gold, predicted, labels))
    return (
        evaluation.score(predictions, outside_tag, tasks),
        report,
        evaluation.mistakes(predictions),
        _confusion_figure(gold, predicted, labels),
    )


def summarise_metrics(valid: dict, test_hidden: dict) -> tuple[dict, dict]:
    """Return metrics.json's content and the same numbers as MLflow metrics; log a table."""
    report = {"valid": valid, "test_hidden": test_hidden}
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


def plot_learning_curves(history: pd.DataFrame) -> Figure:
    """Return a plot of training loss and validation accuracies per epoch."""
    # a bare Figure needs no pyplot backend, so importing this module never changes one
    figure = Figure(figsize=(10, 4))
    loss_axis, accuracy_axis = figure.subplots(1, 2)
    loss_axis.plot(history["epoch"], history["train_loss"], marker="o")
    loss_axis.set(title="training loss", xlabel="epoch", ylabel="loss")
    for column in ("valid_intent_accuracy", "valid_entity_sequence_accuracy"):
        accuracy_axis.plot(history["epoch"], history[column], marker="o", label=column)
    accuracy_axis.set(title="validation", xlabel="epoch", ylabel="accuracy")
    accuracy_axis.legend()
    figure.tight_layout()
    return figure


def _confusion_figure(gold: list[str], predicted: list[str], labels: list[str]) -> Figure:
    figure = Figure(figsize=(1 + 0.6 * len(labels), 1 + 0.6 * len(labels)))
    axis = figure.subplots()
    ConfusionMatrixDisplay.from_predictions(
        gold, predicted, labels=labels, ax=axis, xticks_rotation="vertical", colorbar=False
    )
    axis.set_title("intent confusion (rows: gold)")
    figure.tight_layout()
    return figure
