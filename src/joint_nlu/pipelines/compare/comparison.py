"""Comparing model variants over seeds: per-seed scores, mean ± std, tables, a chart (no Kedro).

Per-seed scores are long frames with columns `seed`, `dataset`, `metric`, `value`, `tasks`
and `loss_weights`; the cost of a model (parameters, training time, latency) is the
pseudo-dataset `COST`.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

COST = "cost"
COST_METRICS = {
    "parameters": "parameters",
    "training_seconds": "training s",
    "best_epoch": "best epoch",
    "batch_ms_per_sentence": "ms/sentence, batched",
    "single_ms_per_sentence": "ms/sentence, one by one",
}
# costs that add up when two single-task networks serve side by side
ADDITIVE_COSTS = (
    "parameters",
    "training_seconds",
    "batch_ms_per_sentence",
    "single_ms_per_sentence",
)
METRIC_LABELS = {
    "intent_accuracy": "intent acc.",
    "entity_sequence_accuracy": "entity seq. acc.",
    "span_f1": "span F1",
    "char_tag_accuracy": "char tag acc.",
    "in_scope_intent_accuracy": "in-scope intent acc.",
    "out_of_scope_recall": "out-of-scope recall",
    "out_of_scope_auroc": "out-of-scope AUROC",
    "ece": "ECE",
}
SUMMARY_COLUMNS = ["variant", "tasks", "loss_weights", "dataset", "metric", "mean", "std", "seeds"]


def task_label(tasks: Sequence[str]) -> str:
    """Return tasks as one string, e.g. `intent+entity`."""
    return "+".join(tasks)


def weights_label(tasks: Sequence[str], loss_weights: Mapping[str, float]) -> str:
    """Return the loss weights of the trained heads, e.g. `0.4/0.6` (intent/entity) or `—`."""
    if len(tasks) < 2:
        return "—"
    return f"{loss_weights['intent']:g}/{loss_weights['entity']:g}"


def measure_latency(tagger, sentences: Sequence[str], single: int) -> dict[str, float]:
    """Return milliseconds per sentence predicting all sentences at once and one at a time.

    A warm-up call comes first, so building the graph is not timed.
    """
    sentences = list(sentences)
    if not sentences:
        return {"batch_ms_per_sentence": 0.0, "single_ms_per_sentence": 0.0}
    tagger.predict(sentences[:2], top_k=1)
    started = time.perf_counter()
    tagger.predict(sentences, top_k=1)
    batch = (time.perf_counter() - started) * 1000 / len(sentences)
    timings = []
    for sentence in sentences[: max(1, single)]:
        started = time.perf_counter()
        tagger.predict([sentence], top_k=1)
        timings.append((time.perf_counter() - started) * 1000)
    return {"batch_ms_per_sentence": batch, "single_ms_per_sentence": statistics.median(timings)}


def long_scores(
    seed: int, scores: Mapping[str, Mapping[str, float]], tasks: Sequence[str], weights: str
) -> pd.DataFrame:
    """Return one seed's `{dataset: {metric: value}}` as rows of a per-seed scores frame."""
    return pd.DataFrame(
        [
            {
                "seed": seed,
                "dataset": dataset,
                "metric": metric,
                "value": float(value),
                "tasks": task_label(tasks),
                "loss_weights": weights,
            }
            for dataset, values in scores.items()
            for metric, value in values.items()
            if metric not in ("sentences", "truncated")
        ]
    )


def mlflow_metrics(seed_scores: pd.DataFrame) -> dict:
    """Return MLflow metrics: each `dataset.metric` per seed (step = seed), its mean and std."""
    metrics: dict = {}
    for (dataset, metric), group in seed_scores.groupby(["dataset", "metric"], sort=False):
        key = f"{dataset}.{metric}"
        metrics[key] = [
            {"value": float(value), "step": int(seed)}
            for seed, value in zip(group["seed"], group["value"], strict=True)
        ]
        metrics[f"{key}.mean"] = {"value": float(group["value"].mean()), "step": 0}
        metrics[f"{key}.std"] = {"value": _std(group["value"]), "step": 0}
    return metrics


def summarise(seed_scores: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Return mean, sample std (0 with one seed) and seed count per variant, dataset and metric."""
    frame = pd.concat(
        [scores.assign(variant=variant) for variant, scores in seed_scores.items()],
        ignore_index=True,
    )
    keys = ["variant", "tasks", "loss_weights", "dataset", "metric"]
    grouped = frame.groupby(keys, sort=False)["value"]
    summary = grouped.agg(["mean", "count"]).rename(columns={"count": "seeds"})
    summary["std"] = grouped.agg(_std)
    return summary.reset_index()[SUMMARY_COLUMNS]


def markdown_tables(
    summary: pd.DataFrame,
    metrics: Sequence[str],
    pair: Sequence[str] = ("entity_only", "intent_only"),
) -> str:
    """Return a quality table (mean ± std per dataset and metric) and a cost table in Markdown.

    When both variants of `pair` are there, the cost table adds what serving both takes.
    """
    variants = list(dict.fromkeys(summary["variant"]))
    datasets = [d for d in dict.fromkeys(summary["dataset"]) if d != COST]
    columns = [(d, m) for d in datasets for m in metrics if _has(summary, d, m)]
    seeds = int(summary["seeds"].max()) if len(summary) else 0
    header = ["variant", "tasks", "loss weights (intent/entity)"] + [
        f"{d} {METRIC_LABELS.get(m, m)}" for d, m in columns
    ]
    rows = []
    for variant in variants:
        info = summary[summary["variant"] == variant].iloc[0]
        cells = [_mean_std(_cell(summary, variant, d, m), 3) for d, m in columns]
        rows.append([variant, info["tasks"], info["loss_weights"], *cells])
    lines = [
        f"Quality: mean ± sample standard deviation over {seeds} seed(s); — : not trained.",
        "",
        *_markdown(header, rows),
        "",
        "Cost per variant (same machine, same run).",
        "",
    ]
    costs = [m for m in COST_METRICS if _has(summary, COST, m)]
    cost_rows = [
        [variant, *[_format_cost(m, _cell(summary, variant, COST, m)) for m in costs]]
        for variant in variants
    ]
    if all(v in variants for v in pair):
        combined = [
            _sum_cells([_cell(summary, v, COST, m) for v in pair]) if m in ADDITIVE_COSTS else None
            for m in costs
        ]
        cost_rows.append(
            [
                " + ".join(pair) + " (two networks)",
                *[_format_cost(m, c) for m, c in zip(costs, combined, strict=True)],
            ]
        )
    lines += _markdown(["variant", *[COST_METRICS[m] for m in costs]], cost_rows)
    return "\n".join(lines) + "\n"


def bar_chart(summary: pd.DataFrame, metrics: Sequence[str]) -> Figure:
    """Return bars of mean with std error bars: one panel per dataset, one bar per variant."""
    variants = list(dict.fromkeys(summary["variant"]))
    datasets = [d for d in dict.fromkeys(summary["dataset"]) if d != COST]
    figure = Figure(figsize=(5 + 3 * len(metrics), 4.5))
    axes = np.atleast_1d(figure.subplots(1, max(1, len(datasets)), sharey=True))
    width = 0.8 / max(1, len(variants))
    quality = summary[summary["dataset"] != COST]
    low = (quality["mean"] - quality["std"]).min() if len(quality) else 0.0
    for axis, dataset in zip(axes, datasets, strict=False):
        for index, variant in enumerate(variants):
            cells = [_cell(summary, variant, dataset, m) for m in metrics]
            positions = np.arange(len(metrics)) + (index - (len(variants) - 1) / 2) * width
            bars = axis.bar(
                positions,
                [c[0] if c else np.nan for c in cells],
                width,
                yerr=[c[1] if c else 0.0 for c in cells],
                capsize=3,
                label=variant,
            )
            axis.bar_label(
                bars,
                [f"{c[0]:.3f}" if c else "" for c in cells],
                fontsize=7,
                rotation=90,
                padding=8,
            )
        axis.set_xticks(np.arange(len(metrics)), [METRIC_LABELS.get(m, m) for m in metrics])
        axis.set_title(dataset)
        axis.grid(axis="y", alpha=0.3)
    axes[0].set_ylabel("mean ± std over seeds")
    bottom = max(0.0, math.floor((low - 0.05) * 20) / 20) if np.isfinite(low) else 0.0
    # room above 1.0 for the value labels; ticks stop at 1.0
    axes[0].set_ylim(bottom, 1.0 + 0.15 * (1.0 - bottom))
    axes[0].set_yticks(np.linspace(bottom, 1.0, int(round((1.0 - bottom) / 0.05)) + 1))
    axes[-1].legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    figure.tight_layout()
    return figure


def _std(values: pd.Series) -> float:
    return float(values.std(ddof=1)) if len(values) > 1 else 0.0


def _has(summary: pd.DataFrame, dataset: str, metric: str) -> bool:
    return bool(((summary["dataset"] == dataset) & (summary["metric"] == metric)).any())


def _cell(summary: pd.DataFrame, variant: str, dataset: str, metric: str) -> tuple | None:
    match = summary[
        (summary["variant"] == variant)
        & (summary["dataset"] == dataset)
        & (summary["metric"] == metric)
    ]
    return None if match.empty else (float(match["mean"].iloc[0]), float(match["std"].iloc[0]))


def _sum_cells(cells: list[tuple | None]) -> tuple | None:
    if any(cell is None for cell in cells):
        return None
    return sum(c[0] for c in cells), math.sqrt(sum(c[1] ** 2 for c in cells))


def _mean_std(cell: tuple | None, digits: int) -> str:
    return "—" if cell is None else f"{cell[0]:.{digits}f} ± {cell[1]:.{digits}f}"


def _format_cost(metric: str, cell: tuple | None) -> str:
    if cell is None:
        return "—"
    if metric == "parameters":
        return f"{cell[0]:,.0f}"
    return _mean_std(cell, 1 if metric in ("training_seconds", "best_epoch") else 2)


def _markdown(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return lines + ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
