"""Nodes of evaluate: predict with the saved model, score, and report."""

from __future__ import annotations

import logging

import matplotlib

matplotlib.use("Agg")  # reports are files; never open a window

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.metrics import ConfusionMatrixDisplay  # noqa: E402

from joint_nlu import metrics  # noqa: E402

logger = logging.getLogger(__name__)

PREDICTION_COLUMNS = [
    "source_file",
    "line",
    "sentence",
    "intent",
    "predicted_intent",
    "intent_probability",
    "tags",
    "predicted_tags",
    "truncated",
]


def predict_rows(tagger, rows: pd.DataFrame) -> pd.DataFrame:
    """Return the rows with the model's intent, its probability, tags and a truncation flag."""
    predictions = tagger.predict(list(rows["sentence"]), top_k=1)
    frame = rows[["source_file", "line", "sentence", "intent", "tags"]].copy()
    frame["predicted_intent"] = [p["intent"] for p in predictions]
    frame["intent_probability"] = [p["intent_probability"] for p in predictions]
    frame["predicted_tags"] = [p["tags"] for p in predictions]
    frame["truncated"] = [p["truncated"] for p in predictions]
    return frame[PREDICTION_COLUMNS]


def score_predictions(
    predictions: pd.DataFrame, outside_tag: str, tasks: list[str]
) -> tuple[dict, pd.DataFrame, pd.DataFrame, plt.Figure]:
    """Return the metrics, the per-intent report, the mistakes and a confusion-matrix plot."""
    gold_intents, predicted_intents = (
        list(predictions["intent"]),
        list(predictions["predicted_intent"]),
    )
    gold_tags, predicted_tags = list(predictions["tags"]), list(predictions["predicted_tags"])
    scores: dict[str, float] = {
        "sentences": len(predictions),
        "truncated": int(predictions["truncated"].sum()),
    }
    if "intent" in tasks:
        scores["intent_accuracy"] = metrics.intent_accuracy(gold_intents, predicted_intents)
    if "entity" in tasks:
        scores["entity_sequence_accuracy"] = metrics.entity_sequence_accuracy(
            gold_tags, predicted_tags, list(predictions["truncated"])
        )
        scores["char_tag_accuracy"] = metrics.char_tag_accuracy(gold_tags, predicted_tags)
        scores.update(
            metrics.span_scores(predictions["sentence"], gold_tags, predicted_tags, outside_tag)
        )
    labels = sorted(set(gold_intents) | set(predicted_intents))
    report = pd.DataFrame(metrics.intent_report(gold_intents, predicted_intents, labels))
    wrong_intent = predictions["intent"] != predictions["predicted_intent"]
    wrong_tags = (predictions["tags"] != predictions["predicted_tags"]) | predictions["truncated"]
    mistakes = predictions[wrong_intent | wrong_tags].copy()
    mistakes.insert(
        0,
        "error",
        [
            "+".join(kind for kind, bad in (("intent", i), ("tags", t)) if bad)
            for i, t in zip(wrong_intent[mistakes.index], wrong_tags[mistakes.index])
        ],
    )
    return scores, report, mistakes, _confusion_figure(gold_intents, predicted_intents, labels)


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


def plot_learning_curves(history: pd.DataFrame) -> plt.Figure:
    """Return a plot of training loss and validation accuracies per epoch."""
    figure, (loss_axis, accuracy_axis) = plt.subplots(1, 2, figsize=(10, 4))
    loss_axis.plot(history["epoch"], history["train_loss"], marker="o")
    loss_axis.set(title="training loss", xlabel="epoch", ylabel="loss")
    for column in ("valid_intent_accuracy", "valid_entity_sequence_accuracy"):
        accuracy_axis.plot(history["epoch"], history[column], marker="o", label=column)
    accuracy_axis.set(title="validation", xlabel="epoch", ylabel="accuracy")
    accuracy_axis.legend()
    figure.tight_layout()
    return figure


def _confusion_figure(gold: list[str], predicted: list[str], labels: list[str]) -> plt.Figure:
    figure, axis = plt.subplots(figsize=(1 + 0.6 * len(labels), 1 + 0.6 * len(labels)))
    ConfusionMatrixDisplay.from_predictions(
        gold, predicted, labels=labels, ax=axis, xticks_rotation="vertical", colorbar=False
    )
    axis.set_title("intent confusion (rows: gold)")
    figure.tight_layout()
    return figure
