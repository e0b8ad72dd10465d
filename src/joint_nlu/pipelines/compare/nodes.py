"""Nodes of compare: train one variant over seeds, score it, and compare the variants."""

from __future__ import annotations

import logging

import pandas as pd
from matplotlib.figure import Figure

from joint_nlu import evaluation
from joint_nlu.pipelines.compare import comparison
from joint_nlu.pipelines.training.nodes import train_model
from joint_nlu.training import parameter_count

logger = logging.getLogger(__name__)


def train_seeds(
    train_input: pd.DataFrame,
    valid_input: pd.DataFrame,
    char_vocab: dict,
    intent_vocab: dict,
    tag_vocab: dict,
    model: dict,
    training: dict,
    tasks: list[str],
    loss_weights: dict[str, float],
    compare: dict,
    outside_tag: str,
) -> list[dict]:
    """Return one trained model per seed, with its training time, best epoch and size.

    The variant's `tasks` and `loss_weights` override `model` and `training`; so does
    `compare.epochs` when it is set.
    """
    model = {**model, "tasks": list(tasks)}
    training = {
        **training,
        "intent_loss_weight": float(loss_weights["intent"]),
        "entity_loss_weight": float(loss_weights["entity"]),
    }
    if compare.get("epochs"):
        training["epochs"] = int(compare["epochs"])
    runs = []
    for seed in compare["seeds"]:
        tagger, history, _ = train_model(
            train_input,
            valid_input,
            char_vocab,
            intent_vocab,
            tag_vocab,
            model,
            {**training, "seed": int(seed)},
            outside_tag,
        )
        runs.append(
            {
                "seed": int(seed),
                "tagger": tagger,
                "training_seconds": float(tagger.metadata["training_seconds"]),
                "best_epoch": int(tagger.metadata["best_epoch"]),
                "parameters": parameter_count(tagger.net, tasks),
            }
        )
        logger.info(
            "tasks %s, seed %d: %.1f s, best epoch %d of %d",
            comparison.task_label(tasks),
            seed,
            runs[-1]["training_seconds"],
            runs[-1]["best_epoch"],
            len(history),
        )
    return runs


def score_seeds(
    runs: list[dict],
    valid_rows: pd.DataFrame,
    test_hidden_rows: pd.DataFrame,
    tasks: list[str],
    loss_weights: dict[str, float],
    compare: dict,
    outside_tag: str,
) -> tuple[pd.DataFrame, dict]:
    """Return per-seed scores of each model on both datasets (and its cost), and MLflow metrics.

    Only the metrics of the trained heads are reported; latency is measured on test_hidden.
    """
    frames = []
    for run in runs:
        tagger = run["tagger"]
        scores = {
            dataset: evaluation.score(evaluation.predict_rows(tagger, rows), outside_tag, tasks)
            for dataset, rows in (("valid", valid_rows), ("test_hidden", test_hidden_rows))
        }
        scores[comparison.COST] = {
            "parameters": run["parameters"],
            "training_seconds": run["training_seconds"],
            "best_epoch": run["best_epoch"],
            **comparison.measure_latency(
                tagger, test_hidden_rows["sentence"], compare["latency_sentences"]
            ),
        }
        frames.append(
            comparison.long_scores(
                run["seed"], scores, tasks, comparison.weights_label(tasks, loss_weights)
            )
        )
    seed_scores = pd.concat(frames, ignore_index=True)
    return seed_scores, comparison.mlflow_metrics(seed_scores)


def compare_variants(
    compare: dict, **seed_scores: pd.DataFrame
) -> tuple[pd.DataFrame, str, Figure]:
    """Return the comparison (tidy CSV), its Markdown tables and a bar chart; log the tables."""
    summary = comparison.summarise(seed_scores)
    markdown = comparison.markdown_tables(summary, compare["table_metrics"])
    logger.info("compare:\n%s", markdown)
    return summary, markdown, comparison.bar_chart(summary, compare["chart_metrics"])
