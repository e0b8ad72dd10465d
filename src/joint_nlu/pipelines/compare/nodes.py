"""Nodes of compare: train one variant over seeds and score it, then compare the variants.

Thin: training is fit.py's, scoring evaluation.py's, the tables comparison.py's.
"""

from __future__ import annotations

import logging

import pandas as pd
from matplotlib.figure import Figure

from joint_nlu import evaluation
from joint_nlu.fit import OutOfScopeSettings, Vocabularies, fit_tagger
from joint_nlu.pipelines.compare import comparison
from joint_nlu.training import parameter_count

logger = logging.getLogger(__name__)


def train_and_score_seeds(
    model: dict,
    training: dict,
    tasks: list[str],
    loss_weights: dict[str, float],
    compare: dict,
    outside_tag: str,
    out_of_scope: dict,
    out_of_scope_intent: str,
    **data: pd.DataFrame | dict,
) -> tuple[pd.DataFrame, dict]:
    """Return per-seed scores of the variant on every evaluated dataset (and its cost), and the
    same as MLflow metrics.

    `data`: the training data as the training node reads it (`TRAINING_INPUTS` of the pipeline:
    encoded splits and vocabularies), and every evaluated dataset's rows by name.

    One model per seed is trained, scored and dropped before the next, so memory holds one
    model at a time. The variant's `tasks` and `loss_weights` override `model` and `training`;
    so does `compare.epochs` when it is set. Only the metrics of the trained heads are
    reported; latency is measured on `test_hidden`. Out-of-scope rows are treated, and each
    model calibrated, as the training pipeline does (`out_of_scope` parameters).
    """
    model = {**model, "tasks": list(tasks)}
    training = {
        **training,
        "intent_loss_weight": float(loss_weights["intent"]),
        "entity_loss_weight": float(loss_weights["entity"]),
    }
    if compare.get("epochs"):
        training["epochs"] = int(compare["epochs"])
    train_input, valid_input = data.pop("train_input"), data.pop("valid_input")
    vocabularies = Vocabularies(
        data.pop("char_vocab"), data.pop("intent_vocab"), data.pop("tag_vocab")
    )
    evaluated: dict[str, pd.DataFrame] = data
    settings = OutOfScopeSettings.from_params(out_of_scope, out_of_scope_intent)
    frames = []
    for seed in compare["seeds"]:
        tagger, history = fit_tagger(
            train_input,
            valid_input,
            vocabularies,
            model,
            {**training, "seed": int(seed)},
            outside_tag,
            out_of_scope=settings,
        )
        scores = {
            dataset: evaluation.score(
                evaluation.predict_rows(tagger, rows),
                outside_tag,
                tasks,
                out_of_scope=out_of_scope_intent,
            )
            for dataset, rows in evaluated.items()
        }
        scores[comparison.COST] = {
            "parameters": parameter_count(tagger.net, tasks),
            "training_seconds": float(tagger.metadata["training_seconds"]),
            "best_epoch": int(tagger.metadata["best_epoch"]),
            **comparison.measure_latency(
                tagger, evaluated["test_hidden"]["sentence"], compare["latency_sentences"]
            ),
        }
        frames.append(
            comparison.long_scores(
                int(seed), scores, tasks, comparison.weights_label(tasks, loss_weights)
            )
        )
        logger.info(
            "tasks %s, seed %d: %.1f s, best epoch %d of %d",
            comparison.task_label(tasks),
            seed,
            scores[comparison.COST]["training_seconds"],
            scores[comparison.COST]["best_epoch"],
            len(history),
        )
        del tagger
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
