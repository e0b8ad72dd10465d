"""Quality benchmark: train variants of the model over seeds and score each everywhere.

    python benchmarks/quality.py                                  # the default model, 3 seeds
    python benchmarks/quality.py --variants default no_morphology no_dictionaries
    python benchmarks/quality.py --variants no_morphology --train-file /tmp/old_trainset.txt
    python benchmarks/quality.py --seeds 42 --epochs 5 --params model.bilstm.hidden=64
    python benchmarks/quality.py --tables-from a.json "old.json=old corpus"   # tables, no training

Each variant is a set of parameter overrides (`VARIANTS`, plus `--params` for all of them) on
the project's configuration (conf/base, conf/local). Its data are prepared in this process the
way the data_processing pipeline prepares them (validation, split, vocabularies, Kiwi's
analysis, encoding) from `--train-file` (default: the embedded corpus), so variants that read
morphology differently each get their own features. Each trained model is scored on the
validation split, the hidden test set, the frozen first hidden set, the hand-written questions
(benchmarks/data: written independently of the corpus generator; never trained or tuned on),
their rows whose entity training never saw, and their rows whose entity Kiwi's dictionaries
hold or not; under the decoding it was trained with and every other one it can use; with the
kinds of its errors (`cut_inside_word`: a span starts or ends inside a word or a morpheme).
Prints Markdown tables (mean ± standard deviation over seeds) and writes every figure to --out.
"""

from __future__ import annotations

import argparse
import copy
import functools
import json
import os
import platform
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml
from kedro.config import OmegaConfigLoader

from joint_nlu import evaluation
from joint_nlu.data import (
    analyse_rows,
    analyser_settings,
    analysis_lookup,
    encode_rows,
    entity_key,
    split_rows,
)
from joint_nlu.datasets import RawTSVDataset
from joint_nlu.error_analysis import error_counts
from joint_nlu.fit import Vocabularies, fit_tagger
from joint_nlu.text import build_char_vocab, build_label_vocab, vocab_to_json
from joint_nlu.validation import validate_rows

ROOT = Path(__file__).resolve().parents[1]
TRAIN_FILE = ROOT / "data/01_raw/trainset.txt"
EVALUATED_FILES = {
    "test_hidden": ROOT / "data/01_raw/test_hidden.txt",
    "test_hidden_v1": ROOT / "benchmarks/data/test_hidden_v1.txt",
    "handwritten": ROOT / "benchmarks/data/handwritten_ko.tsv",
}
HEADLINE = ("intent_accuracy", "entity_sequence_accuracy")
ERRORS = ("cut_inside_word", "too_short", "too_long", "no_span", "shifted", "other_place")
# variant -> parameter overrides (dotted keys), applied on top of the project's parameters
VARIANTS = {
    "default": {},
    "no_morphology": {"model.morphology": "none"},
    "no_dictionaries": {
        "model.analyser.default_dict": False,
        "model.analyser.multi_dict": False,
    },
    "dilated_cnn": {"model.encoder": "dilated_cnn"},
    "notebook": {"model.architecture": "notebook"},
}


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


def read_rows(path: Path, tag_alphabet: str | None) -> pd.DataFrame:
    """Return the well-formed rows of a labelled file (all of them, duplicates included)."""
    rows, rejected = validate_rows(
        RawTSVDataset(filepath=str(path)).load(), tag_alphabet, reject_duplicates=False
    )
    if len(rejected):
        raise ValueError(f"{path}: {len(rejected)} invalid rows")
    return rows


@functools.cache
def dictionary_forms() -> frozenset[str]:
    """Return every form of Kiwi's installed proper-noun dictionaries (default and multi)."""
    from morpheme_boundaries import dictionary_forms as forms_by_file

    return frozenset(form for forms in forms_by_file().values() for form in forms)


def evaluation_sets(tag_alphabet: str | None, training: pd.DataFrame | None = None) -> dict:
    """Return the evaluated sets by name: the hidden sets, the hand-written questions and
    their slices (unseen entities when `training` is given; in / not in Kiwi's dictionaries)."""
    sets = {name: read_rows(path, tag_alphabet) for name, path in EVALUATED_FILES.items()}
    handwritten = sets["handwritten"]
    keys = [entity_key(s, t, "C") for s, t in zip(handwritten["sentence"], handwritten["tags"])]
    if training is not None:
        seen = {entity_key(s, t, "C") for s, t in zip(training["sentence"], training["tags"])}
        unseen = [key not in seen for key in keys]
        sets["handwritten_unseen_entities"] = handwritten[unseen].reset_index(drop=True)
    in_dictionaries = [key in dictionary_forms() for key in keys]
    sets["handwritten_in_kiwi_dicts"] = handwritten[in_dictionaries].reset_index(drop=True)
    sets["handwritten_not_in_kiwi_dicts"] = handwritten[
        [not found for found in in_dictionaries]
    ].reset_index(drop=True)
    return sets


@dataclass
class Prepared:
    """A variant's training data and evaluated sets, prepared as data_processing would."""

    train_input: pd.DataFrame
    valid_input: pd.DataFrame
    vocabularies: Vocabularies
    sets: dict[str, pd.DataFrame]
    morphemes: dict | None


def prepare(params: dict, train_file: Path) -> Prepared:
    """Return the data of one configuration: validated, split, analysed and encoded."""
    processing = params["data_processing"]
    rows = read_rows(train_file, processing["tag_alphabet"])
    train, valid = split_rows(
        rows,
        processing["validation_ratio"],
        processing["split_seed"],
        processing["outside_tag"],
        processing["split_group_by"],
    )
    chars = build_char_vocab(train["sentence"], min_freq=processing["min_char_freq"])
    intents = build_label_vocab(train["intent"])
    tags = build_label_vocab(letter for letters in train["tags"] for letter in letters)
    sets = {"valid": valid, **evaluation_sets(processing["tag_alphabet"], rows)}
    settings = analyser_settings(params["model"])
    sentences = [s for frame in (train, *sets.values()) for s in frame["sentence"]]
    morphemes = analysis_lookup(analyse_rows(sentences, settings), settings)
    outside = processing["outside_tag"]
    return Prepared(
        encode_rows(train, chars, intents, tags, outside, morphemes),
        encode_rows(valid, chars, intents, tags, outside, morphemes),
        Vocabularies(vocab_to_json(chars), vocab_to_json(intents), vocab_to_json(tags)),
        sets,
        morphemes,
    )


def decodings(tagger) -> list[str]:
    """Return the decodings a Korean single-entity model can be read with."""
    modes = ["independent", "single_span"]
    return modes + (["morphemes"] if tagger.analyser is not None else [])


def run_one(
    params: dict,
    variant: str,
    prepared: Prepared,
    seed: int,
    epochs: int | None,
    save: Path | None = None,
):
    """Train one model; return its scores on every set under every decoding, and its errors.

    `save`: keep the model and, per set, its predictions under the trained decoding (JSONL)."""
    training = {**params["training"], "seed": seed, "progress": False, "device": "cpu"}
    if epochs:
        training["epochs"] = epochs
    started = time.perf_counter()
    tagger, history = fit_tagger(
        prepared.train_input,
        prepared.valid_input,
        prepared.vocabularies,
        params["model"],
        training,
        params["data_processing"]["outside_tag"],
    )
    seconds = time.perf_counter() - started
    trained_decoding = tagger.decoding
    scores, errors = {}, {}
    for mode in decodings(tagger):
        tagger.decoding = mode
        for name, rows in prepared.sets.items():
            predictions = evaluation.predict_rows(tagger, rows, morphemes=prepared.morphemes)
            scores.setdefault(mode, {})[name] = evaluation.score(predictions, tagger.outside_tag)
            if mode == trained_decoding:
                errors[name] = error_counts(predictions, tagger.outside_tag)
                if save is not None:
                    folder = save / f"{variant}_{seed}"
                    folder.mkdir(parents=True, exist_ok=True)
                    predictions.to_json(
                        folder / f"{name}.jsonl", orient="records", lines=True, force_ascii=False
                    )
    tagger.decoding = trained_decoding
    if save is not None:
        tagger.save(save / f"{variant}_{seed}" / "model")
    return {
        "variant": variant,
        "seed": seed,
        "decoding": trained_decoding,
        "training_seconds": seconds,
        "epochs_run": len(history),
        "best_epoch": tagger.metadata["best_epoch"],
        "scores": scores,
        "errors": errors,
    }


def _cell(values: list[float], digits: int = 3) -> str:
    spread = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.{digits}f} ± {spread:.{digits}f}"


def summary_table(runs: list[dict]) -> str:
    """Return a Markdown table: variant x dataset, mean ± std of the headline metrics under the
    decoding each variant was trained with."""
    lines = [
        "| variant | dataset | intent accuracy | entity sequence accuracy | seeds |",
        "|---|---|---|---|---|",
    ]
    for variant in dict.fromkeys(run["variant"] for run in runs):
        chosen = [run for run in runs if run["variant"] == variant]
        mode = chosen[0]["decoding"]
        for dataset in chosen[0]["scores"][mode]:
            cells = [_cell([run["scores"][mode][dataset][m] for run in chosen]) for m in HEADLINE]
            lines.append(f"| {variant} | {dataset} | {' | '.join(cells)} | {len(chosen)} |")
    return "\n".join(lines)


def decoding_table(runs: list[dict], datasets: tuple[str, ...]) -> str:
    """Return a Markdown table: entity sequence accuracy of each variant under each decoding."""
    lines = [
        "| variant | decoding | " + " | ".join(datasets) + " |",
        "|---|---|" + "---|" * len(datasets),
    ]
    for variant in dict.fromkeys(run["variant"] for run in runs):
        chosen = [run for run in runs if run["variant"] == variant]
        for mode in chosen[0]["scores"]:
            trained = " (trained)" if mode == chosen[0]["decoding"] else ""
            cells = [
                _cell([run["scores"][mode][d]["entity_sequence_accuracy"] for run in chosen])
                for d in datasets
            ]
            lines.append(f"| {variant} | {mode}{trained} | {' | '.join(cells)} |")
    return "\n".join(lines)


def errors_table(runs: list[dict], dataset: str) -> str:
    """Return a Markdown table: the mean count of each kind of error on one dataset."""
    lines = [
        f"| variant | wrong sentences | {' | '.join(ERRORS)} | intent wrong |",
        "|---|---|" + "---|" * (len(ERRORS) + 1),
    ]
    for variant in dict.fromkeys(run["variant"] for run in runs):
        chosen = [run["errors"][dataset] for run in runs if run["variant"] == variant]
        keys = ["errors.total", *(f"errors.{kind}" for kind in ERRORS), "errors.intent_wrong"]
        cells = [f"{statistics.mean(counts[key] for counts in chosen):.1f}" for key in keys]
        lines.append(f"| {variant} | {' | '.join(cells)} |")
    return "\n".join(lines)


def _commit() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return result.stdout.strip()


def write_results(args: argparse.Namespace, runs: list[dict]) -> None:
    """Write every run so far to `args.out` (JSON)."""
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "machine": f"{platform.node()} {platform.processor() or platform.machine()}, "
                f"{os.cpu_count()} cores",
                "date": time.strftime("%Y-%m-%d %H:%M"),
                "commit": _commit(),
                "train_file": str(args.train_file),
                "params": args.params,
                "runs": runs,
            },
            indent=1,
        )
    )


def read_runs(sources: list[str]) -> list[dict]:
    """Return the runs of earlier --out files; `PATH=LABEL` prefixes their variants with LABEL."""
    runs = []
    for source in sources:
        path, _, label = source.partition("=")
        for run in json.loads(Path(path).read_text(encoding="utf-8"))["runs"]:
            runs.append(
                {**run, "variant": f"{label}: {run['variant']}" if label else run["variant"]}
            )
    return runs


def print_tables(runs: list[dict]) -> None:
    """Print the summary, decoding and error-kind tables of these runs."""
    print(summary_table(runs))
    print()
    print(decoding_table(runs, ("test_hidden", "handwritten", "handwritten_unseen_entities")))
    print()
    print(errors_table(runs, "handwritten"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", nargs="+", default=["default"], choices=list(VARIANTS))
    parser.add_argument("--seeds", nargs="+", type=int, default=[42, 43, 44])
    parser.add_argument("--epochs", type=int, help="override training.epochs")
    parser.add_argument(
        "--params", default="", help="overrides as in kedro: model.bilstm.hidden=64,training.seed=1"
    )
    parser.add_argument("--train-file", type=Path, default=TRAIN_FILE, help="training corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/quality.json")
    parser.add_argument("--save", type=Path, help="keep each model and its predictions here")
    parser.add_argument(
        "--tables-from",
        nargs="+",
        metavar="JSON[=LABEL]",
        help="print the tables of earlier runs instead of training",
    )
    args = parser.parse_args()
    if args.tables_from:
        print_tables(read_runs(args.tables_from))
        return
    os.environ.setdefault("KEDRO_DISABLE_TELEMETRY", "true")
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    extra = list(filter(None, args.params.split(",")))
    runs, prepared_by_data, params_by_variant = [], {}, {}
    for variant in args.variants:
        params = override(load_parameters(), extra)
        params = override(params, [f"{key}={value}" for key, value in VARIANTS[variant].items()])
        settings = analyser_settings(params["model"])
        data_key = json.dumps(settings.to_dict() if settings else None, sort_keys=True)
        if data_key not in prepared_by_data:
            prepared_by_data[data_key] = prepare(params, args.train_file)
        params_by_variant[variant] = params, data_key
    # seed by seed, so that a run stopped early still compares every variant on the same seeds
    for seed in args.seeds:
        for variant, (params, data_key) in params_by_variant.items():
            runs.append(
                run_one(params, variant, prepared_by_data[data_key], seed, args.epochs, args.save)
            )
            mode = runs[-1]["decoding"]
            print(
                variant,
                seed,
                {
                    d: round(s["entity_sequence_accuracy"], 4)
                    for d, s in runs[-1]["scores"][mode].items()
                },
                flush=True,
            )
            write_results(args, runs)
    print_tables(runs)


if __name__ == "__main__":
    main()
