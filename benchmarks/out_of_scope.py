"""Out-of-scope benchmark: in-scope accuracy, out-of-scope recall and calibration of the default
model, trained with the project's parameters, on the generated and the hand-written sets.

    python benchmarks/out_of_scope.py --prepare                  # data_processing, then seed 42
    python benchmarks/out_of_scope.py --seeds 42 43 44
    python benchmarks/out_of_scope.py --variants default learn_tags:out_of_scope.tags=learn \\
        no_rows:data_processing.out_of_scope_share=0
    python benchmarks/out_of_scope.py --tables-from run1.json run2.json   # tables, no training

Uses the data_processing outputs (run `kedro run --pipelines=data_processing` first, or pass
--prepare). A variant is NAME or NAME:overrides (as in kedro --params); a variant with
`data_processing.out_of_scope_share=0` trains on the same split without its out-of-scope rows
(so it has no out-of-scope class to win, and its threshold is chosen on in-scope rows only).

For each model, at its default threshold (chosen on the validation split): in-scope intent
accuracy on the hand-written in-scope questions (a rejected question is wrong) and what it would
be without any rejection (the best in-scope intent), their entity sequence accuracy, the
out-of-scope recall on the generated test file and on the hand-written out-of-scope file, and
precision and AUROC on the hand-written questions in and out of scope together; recall with the
out-of-scope intent alone (threshold 0); the expected calibration error (15 bins) before and
after the temperature on the validation split, the hidden set and the hand-written questions.
Prints Markdown tables and writes every figure to --out (JSON).

The threshold sweep (`sweep` in the JSON, `--sweep` table) reads each answer's probabilities once
and asks, for thresholds from 0 to 0.95, what the hand-written and the generated questions get
under the rule in force (reject when the out-of-scope intent wins or the best in-scope intent is
below the threshold) and under the threshold alone (the out-of-scope intent rejects only through
the in-scope probabilities it takes). `--save DIR` keeps each model and its predictions.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import ROOT, load_parameters, override  # noqa: E402

from joint_nlu import evaluation, metrics  # noqa: E402
from joint_nlu.datasets import RawTSVDataset  # noqa: E402
from joint_nlu.fit import OutOfScopeSettings, Vocabularies, fit_tagger  # noqa: E402
from joint_nlu.validation import validate_rows  # noqa: E402

HANDWRITTEN = ROOT / "benchmarks/data/handwritten_ko.tsv"
HANDWRITTEN_OUT = ROOT / "benchmarks/data/handwritten_out_of_scope_ko.tsv"
GENERATED_OUT = ROOT / "data/01_raw/test_out_of_scope.txt"
# the goal of the issue: recall >= 0.95 at an in-scope accuracy loss <= 0.5 points, ECE <= 0.03
GOAL = {"recall": 0.95, "accuracy_loss": 0.005, "ece": 0.03}
SWEEP = [round(0.05 * step, 2) for step in range(20)]
# in-scope set -> out-of-scope set measured together in the sweep
SWEPT = {"handwritten": "handwritten_out_of_scope", "test_hidden": "test_out_of_scope"}


def read_set(path: Path, tag_alphabet: str | None, out_of_scope: str | None = None):
    """Return a file's validated rows (every row read as `out_of_scope` when given)."""
    rows, rejected = validate_rows(
        RawTSVDataset(filepath=str(path)).load(), tag_alphabet, reject_duplicates=False
    )
    if len(rejected):
        raise ValueError(f"{path}: {len(rejected)} invalid rows")
    return rows.assign(intent=out_of_scope) if out_of_scope else rows


def evaluation_sets(params: dict) -> dict[str, pd.DataFrame]:
    """Return the evaluated sets: validation split, hidden set, hand-written in and out of
    scope, generated out of scope."""
    alphabet = params["data_processing"]["tag_alphabet"]
    intent = params["data_processing"]["out_of_scope_intent"]
    return {
        "valid": pd.read_parquet(ROOT / "data/03_primary/valid_rows.parquet"),
        "test_hidden": pd.read_parquet(ROOT / "data/02_intermediate/validated_test_hidden.parquet"),
        "handwritten": read_set(HANDWRITTEN, alphabet),
        "handwritten_out_of_scope": read_set(HANDWRITTEN_OUT, alphabet, intent),
        "test_out_of_scope": read_set(GENERATED_OUT, alphabet, intent),
    }


def model_input(without_out_of_scope: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the encoded train and validation splits (without out-of-scope rows if named)."""
    splits = [
        pd.read_parquet(ROOT / f"data/05_model_input/{name}.parquet") for name in ("train", "valid")
    ]
    if without_out_of_scope:
        splits = [s[s["intent"] != without_out_of_scope].reset_index(drop=True) for s in splits]
    return splits[0], splits[1]


def best_in_scope(top_intents: list[dict], out_of_scope: str) -> str:
    """Return the most probable intent that is not the out-of-scope one."""
    return next(top["intent"] for top in top_intents if top["intent"] != out_of_scope)


def sweep(predictions: dict[str, pd.DataFrame], out_of_scope: str) -> list[dict]:
    """Return, per threshold and rule, in-scope accuracy and out-of-scope recall of the swept
    pairs of sets (rule `intent_or_threshold`: the rule in force; `threshold`: alone)."""
    found = []
    for in_scope, out in SWEPT.items():
        rows = {}
        for key in (in_scope, out):
            frame = predictions[key]
            rows[key] = {
                "best": [best_in_scope(t, out_of_scope) for t in frame["top_intents"]],
                "score": frame["intent_probability"].to_numpy(),
                "wins": (frame["top_intent"] == out_of_scope).to_numpy(),
                "gold": frame["intent"].to_numpy(),
            }
        for threshold in SWEEP:
            for rule in ("intent_or_threshold", "threshold"):
                rejected = {
                    key: (r["score"] < threshold) | (r["wins"] if rule != "threshold" else False)
                    for key, r in rows.items()
                }
                right = (~rejected[in_scope]) & (rows[in_scope]["best"] == rows[in_scope]["gold"])
                found.append(
                    {
                        "sets": f"{in_scope}+{out}",
                        "rule": rule,
                        "threshold": threshold,
                        "in_scope_accuracy": float(right.mean()),
                        "in_scope_rejected": float(rejected[in_scope].mean()),
                        "out_of_scope_recall": float(rejected[out].mean()),
                    }
                )
    return found


def run_one(
    params: dict, name: str, seed: int, sets: dict[str, pd.DataFrame], save: Path | None = None
) -> dict:
    """Train one model of a variant and return its figures (`save`: keep model, predictions)."""
    intent = params["data_processing"]["out_of_scope_intent"]
    share = float(params["data_processing"]["out_of_scope_share"])
    train, valid = model_input(intent if share == 0 else None)
    vocab = {
        key: json.loads((ROOT / f"data/04_feature/vocab_{key}.json").read_text())
        for key in ("chars", "intents", "tags")
    }
    training = {**params["training"], "seed": seed, "progress": False, "checkpoint_dir": None}
    started = time.perf_counter()
    tagger, history = fit_tagger(
        train,
        valid,
        Vocabularies(vocab["chars"], vocab["intents"], vocab["tags"]),
        params["model"],
        training,
        params["data_processing"]["outside_tag"],
        out_of_scope=OutOfScopeSettings.from_params(params["out_of_scope"], intent),
    )
    seconds = time.perf_counter() - started
    predictions = {
        key: evaluation.predict_rows(tagger, rows, top_k=99) for key, rows in sets.items()
    }
    if save is not None:
        folder = save / f"{name}_{seed}"
        tagger.save(folder / "model")
        for key, frame in predictions.items():
            frame.to_json(folder / f"{key}.jsonl", orient="records", lines=True, force_ascii=False)
    scores = {
        key: evaluation.score(frame, tagger.outside_tag, tagger.tasks, None, intent)
        for key, frame in predictions.items()
    }
    hand = predictions["handwritten"]
    no_rejection = [best_in_scope(t, intent) for t in hand["top_intents"]]
    together = pd.concat([hand, predictions["handwritten_out_of_scope"]], ignore_index=True)
    recall_by_intent = {}
    for key in ("handwritten_out_of_scope", "test_out_of_scope"):
        only_intent = evaluation.predict_rows(tagger, sets[key], threshold=0.0)
        recall_by_intent[key] = float(only_intent["out_of_scope"].mean())
    figures = {
        "handwritten_in_scope_accuracy": scores["handwritten"]["in_scope_intent_accuracy"],
        "handwritten_accuracy_without_rejection": metrics.intent_accuracy(
            list(hand["intent"]), no_rejection
        ),
        "handwritten_entity_sequence_accuracy": scores["handwritten"]["entity_sequence_accuracy"],
        "handwritten_rejected": scores["handwritten"]["in_scope_rejection_rate"],
        "test_hidden_in_scope_accuracy": scores["test_hidden"]["in_scope_intent_accuracy"],
        "test_hidden_rejected": scores["test_hidden"]["in_scope_rejection_rate"],
        "handwritten_out_of_scope_recall": scores["handwritten_out_of_scope"][
            "out_of_scope_recall"
        ],
        "test_out_of_scope_recall": scores["test_out_of_scope"]["out_of_scope_recall"],
        "handwritten_out_of_scope_recall_intent_only": recall_by_intent["handwritten_out_of_scope"],
        "test_out_of_scope_recall_intent_only": recall_by_intent["test_out_of_scope"],
        **{
            f"handwritten_both_{k}": v
            for k, v in evaluation.score(
                together, tagger.outside_tag, ("intent",), None, intent
            ).items()
            if k in ("out_of_scope_precision", "out_of_scope_auroc")
        },
        **{
            f"{key}_{metric}": scores[key][metric]
            for key in ("valid", "test_hidden", "handwritten")
            for metric in ("ece_uncalibrated", "ece")
        },
    }
    figures["handwritten_accuracy_loss"] = (
        figures["handwritten_accuracy_without_rejection"] - figures["handwritten_in_scope_accuracy"]
    )
    return {
        "variant": name,
        "seed": seed,
        "training_seconds": seconds,
        "epochs_run": len(history),
        "best_epoch": tagger.metadata["best_epoch"],
        "temperature": tagger.calibration.temperature,
        "threshold": tagger.calibration.threshold,
        "fitted_on_valid": dict(tagger.calibration.fitted),
        "figures": figures,
        "sweep": sweep(predictions, intent),
        "scores": scores,
    }


def _cell(runs: list[dict], key: str) -> str:
    values = [run["figures"][key] if key in run["figures"] else run[key] for run in runs]
    spread = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.3f} ± {spread:.3f}"


TABLE_ROWS = {
    "threshold": "default threshold (chosen on validation)",
    "temperature": "temperature",
    "handwritten_in_scope_accuracy": "hand-written in scope (400): intent accuracy",
    "handwritten_accuracy_without_rejection": "… the same model, nothing rejected",
    "handwritten_accuracy_loss": "… accuracy loss from rejection",
    "handwritten_rejected": "… share rejected",
    "handwritten_entity_sequence_accuracy": "… entity sequence accuracy",
    "test_hidden_in_scope_accuracy": "test_hidden (1,000): intent accuracy",
    "test_hidden_rejected": "… share rejected",
    "handwritten_out_of_scope_recall": "hand-written out of scope (98): recall",
    "handwritten_out_of_scope_recall_intent_only": "… recall by the out-of-scope intent alone",
    "test_out_of_scope_recall": "generated out of scope (300): recall",
    "test_out_of_scope_recall_intent_only": "… recall by the out-of-scope intent alone",
    "handwritten_both_out_of_scope_precision": "hand-written, both (498): out-of-scope precision",
    "handwritten_both_out_of_scope_auroc": "… AUROC of the in-scope score",
    "valid_ece_uncalibrated": "ECE, validation: before",
    "valid_ece": "… after",
    "test_hidden_ece_uncalibrated": "ECE, test_hidden: before",
    "test_hidden_ece": "… after",
    "handwritten_ece_uncalibrated": "ECE, hand-written in scope: before",
    "handwritten_ece": "… after",
}


def summary_table(runs: list[dict]) -> str:
    """Return a Markdown table: one row per figure, one column per variant (mean ± std)."""
    variants = list(dict.fromkeys(run["variant"] for run in runs))
    seeds = {v: len([r for r in runs if r["variant"] == v]) for v in variants}
    header = ["figure", *[f"{v} ({seeds[v]} seed{'s' if seeds[v] > 1 else ''})" for v in variants]]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key, label in TABLE_ROWS.items():
        cells = [_cell([r for r in runs if r["variant"] == v], key) for v in variants]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def sweep_table(runs: list[dict], thresholds: list[float] | None = None) -> str:
    """Return a Markdown table of the sweep (the `thresholds` of it, default all): mean over the
    seeds that have one, per variant, set pair and rule."""
    frame = pd.DataFrame(
        [
            {**row, "variant": run["variant"], "seed": run["seed"]}
            for run in runs
            for row in run.get("sweep", [])
            if thresholds is None or row["threshold"] in thresholds
        ]
    )
    if frame.empty:
        return "(no sweep in these runs)"
    seeds = frame.groupby("variant")["seed"].nunique().to_dict()
    means = frame.groupby(["variant", "sets", "rule", "threshold"], sort=False).mean(
        numeric_only=True
    )
    lines = [
        "| variant (seeds) | sets | rule | threshold | in-scope accuracy | in-scope rejected | "
        "out-of-scope recall |",
        "|---|---|---|---|---|---|---|",
    ]
    for (variant, sets_, rule, threshold), row in means.iterrows():
        lines.append(
            f"| {variant} ({seeds[variant]}) | {sets_} | {rule} | {threshold:.2f} | "
            f"{row['in_scope_accuracy']:.3f} | {row['in_scope_rejected']:.3f} | "
            f"{row['out_of_scope_recall']:.3f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", nargs="+", type=int, default=[42])
    parser.add_argument(
        "--variants", nargs="+", default=["default"], help="NAME or NAME:a.b=1,c.d=2"
    )
    parser.add_argument("--params", default="", help="overrides for every variant")
    parser.add_argument("--prepare", action="store_true", help="run data_processing first")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/out_of_scope.json")
    parser.add_argument("--save", type=Path, help="keep each model and its predictions here")
    parser.add_argument("--sweep", action="store_true", help="also print the threshold sweep")
    parser.add_argument(
        "--tables-from",
        nargs="+",
        type=Path,
        metavar="JSON",
        help="print the tables of earlier runs",
    )
    parser.add_argument(
        "--sweep-thresholds", nargs="+", type=float, help="thresholds of the printed sweep"
    )
    args = parser.parse_args()
    if args.tables_from:
        runs = [run for path in args.tables_from for run in json.loads(path.read_text())["runs"]]
        print(summary_table(runs))
        print(sweep_table(runs, args.sweep_thresholds))
        return
    os.environ.setdefault("KEDRO_DISABLE_TELEMETRY", "true")
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    if args.prepare:
        kedro = Path(sys.executable).with_name("kedro")
        subprocess.run([str(kedro), "run", "--pipelines=data_processing"], cwd=ROOT, check=True)
    base = override(load_parameters(), list(filter(None, args.params.split(","))))
    sets = evaluation_sets(base)
    runs = []
    for variant in args.variants:
        name, _, assignments = variant.partition(":")
        params = override(json.loads(json.dumps(base)), list(filter(None, assignments.split(","))))
        for seed in args.seeds:
            runs.append(run_one(params, name, seed, sets, args.save))
            shown = {k: round(v, 4) for k, v in runs[-1]["figures"].items()}
            print(name, seed, f"{runs[-1]['training_seconds']:.0f} s", shown, flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "machine": f"{platform.node()} {platform.processor() or platform.machine()}, "
                f"{os.cpu_count()} cores",
                "date": time.strftime("%Y-%m-%d"),
                "params": args.params,
                "variants": args.variants,
                "goal": GOAL,
                "runs": runs,
            },
            indent=1,
            default=float,
        )
    )
    print(summary_table(runs))
    if args.sweep:
        print(sweep_table(runs, args.sweep_thresholds))


if __name__ == "__main__":
    main()
