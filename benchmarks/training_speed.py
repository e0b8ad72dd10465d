"""Training speed: the project's default training against the original notebook's loop.

    python benchmarks/training_speed.py                  # 3 alternating repeats of 2 epochs
    python benchmarks/training_speed.py --repeats 5 --epochs 3 --target-epochs 15

Both sides train on the same encoded data (data/05_model_input, data/04_feature: run
`kedro run --pipelines=data_processing` first, or pass --prepare) in the same process, one after
the other, `--repeats` times, so a busy machine slows both alike; the report gives medians and
their ratio. Then, with `--target-epochs N` (0 skips it), each side trains once for N epochs and
the wall time until the validation split reaches the targets (entity sequence >= 0.98 and
intent >= 0.99 by default) is recorded, with the final accuracies.

Two more sides: `project_fast_env`, the smaller network of `kedro run --env fast`
(conf/fast); `project_loop_notebook_network`, the notebook's network trained by the
project's loop and settings, to separate what the loop gains from what the bigger default
network costs. `--levers` also times one epoch of the default training with one setting
changed at a time (bucketing off, batch sizes, no hybridization) against the default.

The baseline is the notebook's loop as the speed issue describes it: the notebook's network
(`architecture: notebook`, window 32: every sentence cut or padded to 32 characters), batch 30,
`hybridize()`, Adam (learning rate 0.001, `--baseline-lr`), a plain `DataLoader` without
bucketing, the loss read back with `asscalar()` after every batch, and an accuracy loop over the
validation sentences one sample at a time after every epoch.
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
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd
from quality import load_parameters

ROOT = Path(__file__).resolve().parents[1]


def load_inputs():
    """Return (train_set, valid_set, vocabulary JSON by name) from the data_processing outputs."""
    from joint_nlu.data import encoded_set

    vocab = {
        name: json.loads((ROOT / f"data/04_feature/vocab_{name}.json").read_text())
        for name in ("chars", "intents", "tags")
    }
    train_set = encoded_set(pd.read_parquet(ROOT / "data/05_model_input/train.parquet"))
    valid_set = encoded_set(pd.read_parquet(ROOT / "data/05_model_input/valid.parquet"))
    return train_set, valid_set, vocab


def model_config(params: dict, vocab: dict, architecture: str):
    """Return the ModelConfig of one architecture with the project's sizes."""
    from joint_nlu.fit import Vocabularies
    from joint_nlu.fit import model_config as fit_model_config

    model = {**params["model"], "architecture": architecture}
    return fit_model_config(model, Vocabularies(vocab["chars"], vocab["intents"], vocab["tags"]))


# one-epoch variants of the project's loop, each against the default in the same round
LEVERS = {
    "no_bucketing": {"num_buckets": 1},
    "batch_32": {"batch_size": 32},
    "batch_128": {"batch_size": 128},
    "batch_256": {"batch_size": 256},
    "not_hybridized": {"hybridize": False},
}


def baseline_train(
    config,
    train_set,
    valid_set,
    epochs: int,
    seed: int,
    learning_rate: float,
    batch_size: int = 30,
    on_epoch_end: Callable[[dict], None] | None = None,
    net=None,
) -> list[dict]:
    """Train the notebook's network with the notebook's loop; return per-epoch records.

    `net`: an uninitialised network of `config` to train (kept by the caller); default a new one.
    """
    import mxnet as mx
    from mxnet import autograd, gluon

    from joint_nlu.model import build_model
    from joint_nlu.text import pad_features
    from joint_nlu.training import set_seed

    set_seed(seed)
    window = config.window or 32

    def arrays(data):
        features = pad_features(data.features, window).astype(np.float32)
        lengths = np.array([max(1, min(len(f), window)) for f in data.features], np.float32)
        tags = np.zeros((len(data), window), dtype=np.float32)
        for row, gold in enumerate(data.tags):
            tags[row, : min(len(gold), window)] = gold[:window]
        return features, lengths, data.intents.astype(np.float32), tags

    train_arrays = arrays(train_set)
    valid_arrays = arrays(valid_set)
    loader = gluon.data.DataLoader(
        gluon.data.ArrayDataset(*train_arrays), batch_size=batch_size, shuffle=True
    )
    valid_loader = gluon.data.DataLoader(
        gluon.data.ArrayDataset(*valid_arrays), batch_size=batch_size, shuffle=False
    )
    net = build_model(config) if net is None else net
    net.initialize(mx.init.Xavier())
    net.hybridize()
    trainer = gluon.Trainer(net.collect_params(), "adam", {"learning_rate": learning_rate})
    intent_loss = gluon.loss.SoftmaxCrossEntropyLoss()
    tag_loss = gluon.loss.SoftmaxCrossEntropyLoss(axis=-1)
    records = []
    for epoch in range(1, epochs + 1):
        started = time.perf_counter()
        running, seen = 0.0, 0
        for features, lengths, intents, tags in loader:
            with autograd.record():
                intent_logits, tag_logits = net(features, lengths)
                loss = 0.4 * intent_loss(intent_logits, intents) + 0.6 * tag_loss(tag_logits, tags)
            loss.backward()
            trainer.step(features.shape[0])
            running += loss.mean().asscalar()
            seen += features.shape[0]
        train_seconds = time.perf_counter() - started
        intent_correct = sequence_correct = 0
        for row, (features, lengths, intents, _tags) in enumerate(valid_loader):
            intent_logits, tag_logits = net(features, lengths)
            predicted_intents = intent_logits.argmax(axis=1).asnumpy()
            predicted_tags = tag_logits.argmax(axis=2).asnumpy()
            for sample in range(features.shape[0]):  # the notebook's per-sample loop
                index = row * batch_size + sample
                gold = valid_set.tags[index]
                intent_correct += int(predicted_intents[sample] == intents[sample].asscalar())
                sequence_correct += int(
                    len(gold) <= window
                    and all(predicted_tags[sample][k] == gold[k] for k in range(len(gold)))
                )
        record = {
            "epoch": epoch,
            "train_loss": running / max(1, len(loader)),
            "valid_intent_accuracy": intent_correct / len(valid_set),
            "valid_entity_sequence_accuracy": sequence_correct / len(valid_set),
            "epoch_seconds": train_seconds,
            "sentences_per_second": seen / train_seconds,
        }
        records.append(record)
        if on_epoch_end is not None:
            on_epoch_end(record)
    return records


def project_train(config, train_set, valid_set, training: dict, epochs: int, on_epoch_end):
    """Train with the project's own loop and settings; return per-epoch records."""
    from joint_nlu.training import TrainingConfig, train

    settings = TrainingConfig.from_dict(
        {**training, "epochs": epochs, "patience": epochs + 1, "progress": False, "unk_id": 0}
    )
    return train(config, train_set, valid_set, settings, on_epoch_end=on_epoch_end).history


def timed(run: Callable[[Callable[[dict], None]], list[dict]]) -> list[dict]:
    """Run a trainer; add each epoch's wall time with validation (`wall_seconds`) and the total."""
    marks = [time.perf_counter()]

    def mark(record: dict) -> None:
        marks.append(time.perf_counter())
        record["wall_seconds"] = marks[-1] - marks[-2]
        record["elapsed_seconds"] = marks[-1] - marks[0]

    return run(mark)


def time_to_target(records: list[dict], entity: float, intent: float) -> float | None:
    """Return the elapsed wall time at the first epoch meeting both targets, else None."""
    for record in records:
        if (
            record["valid_entity_sequence_accuracy"] >= entity
            and record["valid_intent_accuracy"] >= intent
        ):
            return record["elapsed_seconds"]
    return None


def median(records: list[dict], key: str) -> float:
    """Return the median of one per-epoch figure."""
    return statistics.median(record[key] for record in records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=2, help="epochs per speed repeat")
    parser.add_argument("--target-epochs", type=int, default=0, help="0: skip time to target")
    parser.add_argument("--target-entity", type=float, default=0.98)
    parser.add_argument("--target-intent", type=float, default=0.99)
    parser.add_argument("--baseline-lr", type=float, default=0.001)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--levers", action="store_true", help="also time one-epoch variants of the default loop"
    )
    parser.add_argument("--prepare", action="store_true", help="run data_processing first")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/training_speed.json")
    args = parser.parse_args()
    os.environ.setdefault("KEDRO_DISABLE_TELEMETRY", "true")
    if args.prepare:
        subprocess.run(["kedro", "run", "--pipelines=data_processing"], cwd=ROOT, check=True)
    params = load_parameters()
    train_set, valid_set, vocab = load_inputs()
    project_config = model_config(params, vocab, params["model"]["architecture"])
    baseline_config = model_config(params, vocab, "notebook")
    fast_params = load_parameters("fast")
    fast_config = model_config(fast_params, vocab, fast_params["model"]["architecture"])
    training = {**params["training"], "device": "cpu", "seed": args.seed}

    def run_baseline(epochs: int) -> list[dict]:
        return timed(
            lambda mark: baseline_train(
                baseline_config,
                train_set,
                valid_set,
                epochs,
                args.seed,
                args.baseline_lr,
                on_epoch_end=mark,
            )
        )

    def run_project(epochs: int, config=project_config) -> list[dict]:
        return timed(
            lambda mark: project_train(config, train_set, valid_set, training, epochs, mark)
        )

    def run_project_loop(epochs: int) -> list[dict]:
        return run_project(epochs, baseline_config)

    def run_project_fast(epochs: int) -> list[dict]:
        return run_project(epochs, fast_config)

    sides = {
        "baseline": run_baseline,
        "project": run_project,
        "project_fast_env": run_project_fast,
        "project_loop_notebook_network": run_project_loop,
    }
    speed = {side: [] for side in sides}
    for repeat in range(1, args.repeats + 1):
        for side, run in sides.items():
            records = run(args.epochs)
            speed[side].extend(records)
            print(
                f"repeat {repeat} {side}: "
                + ", ".join(f"{r['sentences_per_second']:.0f} sent/s" for r in records),
                flush=True,
            )
    summary = {
        side: {
            "median_sentences_per_second": median(records, "sentences_per_second"),
            "median_train_seconds_per_epoch": median(records, "epoch_seconds"),
            "median_seconds_per_epoch_with_validation": median(records, "wall_seconds"),
        }
        for side, records in speed.items()
    }
    summary["ratio_fast_env_sentences_per_second"] = (
        summary["project_fast_env"]["median_sentences_per_second"]
        / summary["baseline"]["median_sentences_per_second"]
    )
    summary["ratio_sentences_per_second"] = (
        summary["project"]["median_sentences_per_second"]
        / summary["baseline"]["median_sentences_per_second"]
    )
    summary["ratio_seconds_per_epoch_with_validation"] = (
        summary["baseline"]["median_seconds_per_epoch_with_validation"]
        / summary["project"]["median_seconds_per_epoch_with_validation"]
    )
    # the loop alone: the notebook's network trained by the project's loop vs the notebook's
    summary["ratio_loop_only_sentences_per_second"] = (
        summary["project_loop_notebook_network"]["median_sentences_per_second"]
        / summary["baseline"]["median_sentences_per_second"]
    )
    levers = {}
    if args.levers:
        # one lever at a time against the default, in alternating rounds
        variants = {"default": {}, **LEVERS}
        for _ in range(args.repeats):
            for name, change in variants.items():
                records = timed(
                    lambda mark, change=change: project_train(
                        project_config, train_set, valid_set, {**training, **change}, 1, mark
                    )
                )
                levers.setdefault(name, []).append(records[0]["sentences_per_second"])
        default_speed = statistics.median(levers["default"])
        levers = {
            name: {
                "change": variants[name],
                "median_sentences_per_second": statistics.median(values),
                "ratio_to_default": statistics.median(values) / default_speed,
            }
            for name, values in levers.items()
        }
        for name, figures in levers.items():
            print(f"lever {name}: {figures['ratio_to_default']:.2f}x", flush=True)
    target = {}
    if args.target_epochs:
        for side, run in (
            ("baseline", run_baseline),
            ("project", run_project),
            ("project_fast_env", run_project_fast),
        ):
            records = run(args.target_epochs)
            target[side] = {
                "seconds_to_target": time_to_target(
                    records, args.target_entity, args.target_intent
                ),
                "final": records[-1],
                "best_entity_sequence_accuracy": max(
                    r["valid_entity_sequence_accuracy"] for r in records
                ),
                "history": records,
            }
            print(
                f"{side}: {args.target_epochs} epochs, to target {target[side]['seconds_to_target']}"
            )
    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
        "command": " ".join(sys.argv),
        "train_sentences": len(train_set),
        "valid_sentences": len(valid_set),
        "project_model": project_config.to_dict(),
        "project_fast_env_model": fast_config.to_dict(),
        "project_training": training,
        "summary": summary,
        "levers": levers,
        "time_to_target": target,
        "speed_epochs": speed,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, default=str))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
