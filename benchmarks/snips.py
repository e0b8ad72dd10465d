"""Real-data check: SNIPS (JointBERT layout) imported, trained on train, early stopping on dev,
scored on test.

    python benchmarks/snips.py                                  # default architecture
    python benchmarks/snips.py --architectures bilstm notebook  # and the notebook's network
    python benchmarks/snips.py --set training.epochs=20 --set model.bilstm.lstm_layers=2
    python benchmarks/snips.py --typed                          # train on slot types
    python benchmarks/snips.py --rescore data/08_reporting/snips/bilstm/tagger  # each decoding

Parameters: conf/base overridden by conf/snips, then by each `--set key=value` (YAML values).
The import (`joint-nlu import jointbert SRC data/01_raw/snips`) runs first unless the TSVs are
there already. Prints a Markdown table and writes every figure (and the training history) as
JSON to --out.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import subprocess
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from quality import load_parameters, override

from joint_nlu import Tagger, evaluation, importers
from joint_nlu.datasets import RawTSVDataset
from joint_nlu.decoding import DECODING_MODES
from joint_nlu.fit import Vocabularies, fit_tagger
from joint_nlu.pipelines.data_processing.nodes import build_vocabularies, encode_split
from joint_nlu.validation import validate_rows

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared/benchmarks/snips"
RAW = ROOT / "data/01_raw/snips"
RAW_TYPED = ROOT / "data/01_raw/snips_typed"
HEADLINE = ("intent_accuracy", "entity_sequence_accuracy", "span_f1")


def import_snips(source: Path, out: Path, typed: bool = False) -> None:
    """Write out/{train,dev,test}.txt from the JointBERT layout unless they exist.

    `typed` keeps each slot type as its own tag letter (`joint-nlu import jointbert --typed`).
    """
    if all((out / f"{split}.txt").is_file() for split in importers.JOINTBERT_SPLITS):
        return
    result = importers.import_jointbert(source, typed=typed)
    for split, rows in result.rows.items():
        importers.write_rows(rows, out / f"{split}.txt")
    importers.write_report(result.skipped, out / "import_report.csv")
    if typed:
        importers.write_tag_map(result.tag_map, out / "tag_map.json")
    print(f"imported {source} -> {out}: {json.dumps(result.summary()['splits'])}")


def load_split(raw: Path, name: str, tag_alphabet: str | None, known_intents=None):
    """Return the validated rows of one imported split (invalid rows are counted, not used).

    Repeated sentences stay in dev and test (scored like the published figures: all 700);
    training keeps one copy of each.
    """
    table = RawTSVDataset(filepath=str(raw / f"{name}.txt")).load()
    rows, rejected = validate_rows(table, tag_alphabet, known_intents)
    if known_intents is not None:
        repeated = rejected["reason"].str.startswith("duplicate of line")
        rows = pd.concat([rows, rejected.loc[repeated, rows.columns]]).sort_values("line")
        rows, rejected = rows.reset_index(drop=True), rejected[~repeated]
    for row in rejected.head(5).itertuples(index=False):
        print(f"  {name}: set aside {row.source_file}:{row.line}: {row.reason}")
    return rows, len(rejected)


def untyped(predictions: pd.DataFrame, outside: str, entity: str = "E") -> pd.DataFrame:
    """Return predictions with every non-outside tag letter, gold and predicted, made `entity`.

    A typed import collapsed this way is exactly the untyped import (the space between two
    adjacent spans of different types is outside in both), so a typed model is scored on the
    untyped task too.
    """
    frame = predictions.copy()
    for column in ("tags", "predicted_tags"):
        frame[column] = [
            "".join(tag if tag == outside else entity for tag in tags) for tags in frame[column]
        ]
    return frame


def is_typed(tagger) -> bool:
    """Return whether a model tags more than one entity type (besides outside)."""
    return len(tagger.tag_vocab) > 2


def run_one(
    architecture: str,
    params: dict,
    limit: int | None = None,
    save_to: Path | None = None,
    raw: Path = RAW,
) -> dict:
    """Train one architecture on train (early stopping on dev); return its scores.

    `limit` keeps only the first rows of each split (a quick smoke run); `save_to` receives
    the model (`tagger/`) and the mistakes on dev and test (CSV). Scores are on the tags as
    imported (`dev`, `test`) and, for a typed import, also with types ignored (`dev_untyped`,
    `test_untyped`: the untyped task).
    """
    processing, model = params["data_processing"], dict(params["model"])
    model["architecture"] = architecture
    outside = processing["outside_tag"]
    train, train_rejected = load_split(raw, "train", processing["tag_alphabet"])
    train = train.head(limit) if limit else train
    known = set(train["intent"])
    dev, dev_rejected = load_split(raw, "dev", processing["tag_alphabet"], known)
    test, test_rejected = load_split(raw, "test", processing["tag_alphabet"], known)
    dev, test = (dev.head(limit), test.head(limit)) if limit else (dev, test)
    vocabs = build_vocabularies(train, processing)
    train_input = encode_split(train, *vocabs, processing)
    dev_input = encode_split(dev, *vocabs, processing)
    started = time.perf_counter()
    tagger, history = fit_tagger(
        train_input, dev_input, Vocabularies(*vocabs), model, params["training"], outside
    )
    seconds = time.perf_counter() - started
    typed = is_typed(tagger)
    splits = {"dev": dev, "test": test}
    scores = score_splits(tagger, splits, outside, tuple(model["tasks"]), typed, save_to)
    # the same network read the other way, to show what the decoding adds
    other = "independent" if tagger.decoding != "independent" else "words"
    trained_decoding, tagger.decoding = tagger.decoding, other
    other_scores = score_splits(tagger, splits, outside, tuple(model["tasks"]), typed)
    tagger.decoding = trained_decoding
    if save_to:
        tagger.save(save_to / "tagger")
    return {
        "architecture": architecture,
        "window": model[architecture].get("window"),
        "model": model[architecture],
        "training": params["training"],
        "rows": {"train": len(train), "dev": len(dev), "test": len(test)},
        "rejected": {"train": train_rejected, "dev": dev_rejected, "test": test_rejected},
        "epochs_run": len(history),
        "best_epoch": int(tagger.metadata["best_epoch"]),
        "training_seconds": seconds,
        "seconds_per_epoch": float(np.mean([row["epoch_seconds"] for row in history])),
        "decoding": tagger.decoding,
        "scores": scores,
        f"scores_{other}_decoding": other_scores,
        "history": history,
    }


def score_splits(
    tagger,
    splits: dict[str, pd.DataFrame],
    outside: str,
    tasks: tuple[str, ...],
    typed: bool,
    save_to: Path | None = None,
) -> dict[str, dict]:
    """Return the scores of each split (and `<split>_untyped` with types ignored if `typed`).

    `save_to` receives each split's mistakes as `<split>_mistakes.csv`.
    """
    scores = {}
    for name, rows in splits.items():
        predictions = evaluation.predict_rows(tagger, rows)
        scores[name] = evaluation.score(predictions, outside, tasks)
        if typed:
            scores[f"{name}_untyped"] = evaluation.score(
                untyped(predictions, outside), outside, tasks
            )
        if save_to:
            evaluation.mistakes(predictions).to_csv(save_to / f"{name}_mistakes.csv", index=False)
    return scores


def rescore(model_dir: Path, params: dict, raw: Path = RAW) -> dict:
    """Return the dev and test scores of a saved model under each decoding mode (no training)."""
    tagger = Tagger.load(model_dir)
    outside = tagger.outside_tag
    processing = params["data_processing"]
    dev, _ = load_split(raw, "dev", processing["tag_alphabet"], set(tagger.intents))
    test, _ = load_split(raw, "test", processing["tag_alphabet"], set(tagger.intents))
    tasks = tuple(tagger.config.tasks)
    report = {"model": str(model_dir), "decoding_saved": tagger.decoding}
    for mode in DECODING_MODES:
        tagger.decoding = mode
        splits = {"dev": dev, "test": test}
        report[mode] = score_splits(tagger, splits, outside, tasks, is_typed(tagger))
    return report


def markdown(results: list[dict]) -> str:
    """Return a Markdown table of the test (and dev) scores of each run."""
    lines = [
        "| architecture | window | epochs (best) | s/epoch | test intent acc. | "
        "test entity seq. acc. | test span F1 | dev intent / entity |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        # the goal is on the untyped task: a typed model is scored with types ignored
        scores = result["scores"]
        test = scores.get("test_untyped", scores["test"])
        dev = scores.get("dev_untyped", scores["dev"])
        lines.append(
            f"| {result['architecture']} | {result['window'] or 'none'} | "
            f"{result['epochs_run']} ({result['best_epoch']}) | "
            f"{result['seconds_per_epoch']:.0f} | {test['intent_accuracy']:.4f} | "
            f"{test['entity_sequence_accuracy']:.4f} | {test['span_f1']:.4f} | "
            f"{dev['intent_accuracy']:.4f} / {dev['entity_sequence_accuracy']:.4f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="JointBERT-layout SNIPS")
    parser.add_argument("--architectures", nargs="+", default=["bilstm"])
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--out", type=Path, default=ROOT / "data/08_reporting/snips.json")
    parser.add_argument("--limit", type=int, default=None, help="first N rows (smoke run)")
    parser.add_argument(
        "--rescore",
        type=Path,
        default=None,
        metavar="MODEL_DIR",
        help="score a saved model (e.g. <out>/bilstm/tagger) with every decoding mode; no training",
    )
    parser.add_argument(
        "--typed",
        action="store_true",
        help="import slot types as tag letters (data/01_raw/snips_typed) and train on them; "
        "scores are also given with types ignored",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    raw = RAW_TYPED if args.typed else RAW
    import_snips(args.source, raw, typed=args.typed)
    params = override(load_parameters("snips"), args.overrides)
    if args.rescore:
        report = rescore(args.rescore, params, raw)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=1), encoding="utf-8")
        for mode in DECODING_MODES:
            for split, values in report[mode].items():
                print(
                    f"{mode:12} {split:12} intent {values['intent_accuracy']:.4f}  "
                    f"entity sequence {values['entity_sequence_accuracy']:.4f}  "
                    f"span F1 {values['span_f1']:.4f}"
                )
        return
    results = []
    for architecture in args.architectures:
        print(f"training {architecture} ...", flush=True)
        save_to = args.out.with_suffix("") / architecture
        save_to.mkdir(parents=True, exist_ok=True)
        results.append(run_one(architecture, params, args.limit, save_to, raw))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        report = {
            "date": date.today().isoformat(),
            "machine": f"{platform.machine()}, {os.cpu_count()} CPU(s), {platform.platform()}",
            "commit": commit,
            "overrides": args.overrides,
            "typed": args.typed,
            "limit": args.limit,
            "results": results,
        }
        args.out.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
        print(markdown(results), flush=True)


if __name__ == "__main__":
    main()
