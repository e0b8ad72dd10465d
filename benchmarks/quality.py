"""Quality benchmark: train each architecture with several seeds and score it everywhere.

    python benchmarks/quality.py                       # bilstm and notebook, seeds 42 43 44
    python benchmarks/quality.py --architectures bilstm --seeds 42 --epochs 5
    python benchmarks/quality.py --params model.bilstm.hidden=64,training.batch_size=128

Uses the project's configuration (conf/base, conf/local) and the data_processing outputs
(run `kedro run --pipelines=data_processing` first, or pass --prepare). Each model is scored on
the validation split, `test_hidden.txt` and the hand-written set in benchmarks/data (written
independently of the corpus generator; never used for training or model selection). Prints a
Markdown table of mean ± standard deviation and writes every figure to --out (JSON).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import yaml
from kedro.config import OmegaConfigLoader

from joint_nlu import evaluation
from joint_nlu.data import entity_key
from joint_nlu.datasets import RawTSVDataset
from joint_nlu.fit import Vocabularies, fit_tagger
from joint_nlu.validation import validate_rows

ROOT = Path(__file__).resolve().parents[1]
HANDWRITTEN = ROOT / "benchmarks/data/handwritten_ko.tsv"
HEADLINE = ("intent_accuracy", "entity_sequence_accuracy")


def load_parameters(env: str = "local") -> dict:
    """Return the project's parameters: conf/base overridden by conf/<env>, as Kedro merges them."""
    loader = OmegaConfigLoader(
        str(ROOT / "conf"),
        base_env="base",
        default_run_env=env,
        merge_strategy={"parameters": "soft"},
    )
    return copy.deepcopy(dict(loader["parameters"]))


def override(params: dict, assignments: list[str]) -> dict:
    """Return parameters with `a.b.c=value` assignments applied (values read as YAML)."""
    for assignment in assignments:
        key, _, value = assignment.partition("=")
        *parents, leaf = key.strip().split(".")
        section = params
        for name in parents:
            section = section.setdefault(name, {})
        section[leaf] = yaml.safe_load(value)
    return params


def evaluation_sets(tag_alphabet: str | None) -> dict[str, pd.DataFrame]:
    """Return the validation split, the hidden set and the hand-written set as validated rows."""
    sets = {
        "valid": pd.read_parquet(ROOT / "data/03_primary/valid_rows.parquet"),
        "test_hidden": pd.read_parquet(ROOT / "data/02_intermediate/validated_test_hidden.parquet"),
    }
    handwritten, rejected = validate_rows(
        RawTSVDataset(filepath=str(HANDWRITTEN)).load(), tag_alphabet
    )
    if len(rejected):
        raise ValueError(f"{HANDWRITTEN}: {len(rejected)} invalid rows")
    sets["handwritten"] = handwritten
    # the hand-written rows whose entity string never occurs in the training corpus
    training = pd.read_parquet(ROOT / "data/02_intermediate/validated_train.parquet")
    seen = {entity_key(s, t, "C") for s, t in zip(training["sentence"], training["tags"])}
    unseen = [
        entity_key(s, t, "C") not in seen
        for s, t in zip(handwritten["sentence"], handwritten["tags"])
    ]
    sets["handwritten_unseen_entities"] = handwritten[unseen].reset_index(drop=True)
    return sets


def run_one(params: dict, architecture: str, seed: int, epochs: int | None, sets) -> dict:
    """Train one model and return its scores on every evaluation set and its training time."""
    model = {**params["model"], "architecture": architecture}
    training = {**params["training"], "seed": seed, "progress": False, "device": "cpu"}
    if epochs:
        training["epochs"] = epochs
    vocab = {
        name: json.loads((ROOT / f"data/04_feature/vocab_{name}.json").read_text())
        for name in ("chars", "intents", "tags")
    }
    started = time.perf_counter()
    tagger, history = fit_tagger(
        pd.read_parquet(ROOT / "data/05_model_input/train.parquet"),
        pd.read_parquet(ROOT / "data/05_model_input/valid.parquet"),
        Vocabularies(vocab["chars"], vocab["intents"], vocab["tags"]),
        model,
        training,
        params["data_processing"]["outside_tag"],
    )
    seconds = time.perf_counter() - started
    scores = {
        name: evaluation.score(evaluation.predict_rows(tagger, rows), tagger.outside_tag)
        for name, rows in sets.items()
    }
    return {
        "architecture": architecture,
        "seed": seed,
        "training_seconds": seconds,
        "epochs_run": len(history),
        "best_epoch": tagger.metadata["best_epoch"],
        "scores": scores,
    }


def summary_table(runs: list[dict]) -> str:
    """Return a Markdown table: architecture x dataset, mean ± std of the headline metrics."""
    lines = [
        "| architecture | dataset | intent accuracy | entity sequence accuracy | seeds |",
        "|---|---|---|---|---|",
    ]
    architectures = sorted({run["architecture"] for run in runs})
    for architecture in architectures:
        chosen = [run for run in runs if run["architecture"] == architecture]
        for dataset in chosen[0]["scores"]:
            cells = []
            for metric in HEADLINE:
                values = [run["scores"][dataset][metric] for run in chosen]
                spread = statistics.stdev(values) if len(values) > 1 else 0.0
                cells.append(f"{statistics.mean(values):.3f} ± {spread:.3f}")
            lines.append(f"| {architecture} | {dataset} | {' | '.join(cells)} | {len(chosen)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--architectures", nargs="+", default=["bilstm", "notebook"])
    parser.add_argument("--seeds", nargs="+", type=int, default=[42, 43, 44])
    parser.add_argument("--epochs", type=int, help="override training.epochs")
    parser.add_argument(
        "--params", default="", help="overrides as in kedro: model.bilstm.hidden=64,training.seed=1"
    )
    parser.add_argument("--prepare", action="store_true", help="run data_processing first")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/quality.json")
    args = parser.parse_args()
    os.environ.setdefault("KEDRO_DISABLE_TELEMETRY", "true")
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    if args.prepare:
        kedro = Path(sys.executable).with_name("kedro")
        subprocess.run([str(kedro), "run", "--pipelines=data_processing"], cwd=ROOT, check=True)
    params = override(load_parameters(), list(filter(None, args.params.split(","))))
    sets = evaluation_sets(params["data_processing"]["tag_alphabet"])
    runs = []
    for architecture in args.architectures:
        for seed in args.seeds:
            runs.append(run_one(params, architecture, seed, args.epochs, sets))
            print(
                json.dumps({k: v for k, v in runs[-1].items() if k != "scores"}),
                {d: {m: round(s[m], 4) for m in HEADLINE} for d, s in runs[-1]["scores"].items()},
                flush=True,
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "machine": f"{platform.node()} {platform.processor() or platform.machine()}, "
                f"{os.cpu_count()} cores",
                "date": time.strftime("%Y-%m-%d"),
                "params": args.params,
                "runs": runs,
            },
            indent=1,
        )
    )
    print(summary_table(runs))


if __name__ == "__main__":
    main()
