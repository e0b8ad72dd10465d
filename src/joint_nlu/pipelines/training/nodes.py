"""Nodes of training: train the joint network, hand back the model, its history and curves.

Thin: training is fit.py's; MLflow tags and run states are the hooks'.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from kedro.utils import find_kedro_project
from matplotlib.figure import Figure

from joint_nlu.checkpoints import checkpoint_settings
from joint_nlu.fit import OutOfScopeSettings, Vocabularies, fit_tagger
from joint_nlu.serving.mxnet_backend import Tagger
from joint_nlu.serving.predict import InputLimits

HISTORY_METRICS = (
    "train_loss",
    "valid_intent_accuracy",
    "valid_entity_sequence_accuracy",
    "epoch_seconds",
    "sentences_per_second",
)


def train_model(
    train_input: pd.DataFrame,
    valid_input: pd.DataFrame,
    char_vocab: dict,
    intent_vocab: dict,
    tag_vocab: dict,
    model: dict,
    training: dict,
    outside_tag: str,
    out_of_scope: dict,
    out_of_scope_intent: str,
    inference: dict | None = None,
) -> tuple[Tagger, pd.DataFrame, dict]:
    """Return the trained Tagger (best epoch, calibrated on the validation split), its per-epoch
    history and MLflow metric history (with the calibration's figures).

    Checkpoints go to `training.checkpoint_dir` (relative to the project root);
    `training.resume` carries on from the last one. The `inference` parameters' input limits
    are saved with the model, so every later `predict` of it enforces them.
    """
    root = find_kedro_project(Path.cwd()) or Path.cwd()
    tagger, history = fit_tagger(
        train_input,
        valid_input,
        Vocabularies(char_vocab, intent_vocab, tag_vocab),
        model,
        training,
        outside_tag,
        checkpoints=checkpoint_settings(training, root),
        out_of_scope=OutOfScopeSettings.from_params(out_of_scope, out_of_scope_intent),
        limits=InputLimits.from_params(inference),
    )
    metrics = mlflow_history(history, tagger.metadata)
    metrics.update(calibration_metrics(tagger.calibration.to_json()))
    return tagger, pd.DataFrame(history), metrics


def mlflow_history(history: list[dict[str, float]], metadata: dict) -> dict:
    """Return the per-epoch history and the run's totals as kedro-mlflow metric history."""
    metrics = {
        name: [{"value": float(row[name]), "step": int(row["epoch"])} for row in history]
        for name in HISTORY_METRICS
    }
    metrics["best_epoch"] = {"value": float(metadata["best_epoch"]), "step": 0}
    metrics["seconds"] = {"value": float(metadata["training_seconds"]), "step": 0}
    return metrics


def calibration_metrics(calibration: dict) -> dict:
    """Return the calibration's temperature, threshold and validation figures as MLflow metrics
    (`training.calibration.<name>`)."""
    values = {
        "temperature": calibration["temperature"],
        "threshold": calibration["threshold"],
        **calibration.get("fitted", {}),
    }
    return {f"calibration.{name}": {"value": float(v), "step": 0} for name, v in values.items()}


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
