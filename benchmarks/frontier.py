"""Frontier benchmark: accuracy against training speed and prediction latency, per configuration.

    python benchmarks/frontier.py                  # DEFAULT_CONFIGS, seeds 42 43 44
    python benchmarks/frontier.py --quick          # smoke run: 1 seed, 1 epoch, 2 configurations
    python benchmarks/frontier.py --seeds 42 --epochs 6 --configs bilstm: \\
        "cnn64:model.encoder=dilated_cnn,model.bilstm.cnn_channels=64"
    python benchmarks/frontier.py --configs my_configs.yml

A configuration is a name and kedro-style parameter overrides (`model.bilstm.hidden=64`, values
read as YAML, commas inside brackets kept: `model.bilstm.cnn_dilations=[1,2,4]`), applied to the
project's parameters (conf/base + conf/local), plus two keys of this script: `env=fast` starts
from `kedro run --env fast`'s parameters instead, and `loop=notebook` trains the notebook's
network with the original notebook's own loop (benchmarks/training_speed.py `baseline_train`),
the reference point. A YAML file maps names to such key/value mappings.

For each seed, the configurations train one after the other in this process (so a busy machine
slows all alike) on the data_processing outputs (`kedro run --pipelines=data_processing` first,
or --prepare). The project's configurations train with the training pipeline's own node (early
stopping, best epoch kept, span decoding chosen as in `kedro run`). Each trained model is saved,
exported to ONNX and scored through onnxruntime (intent accuracy, entity sequence accuracy) on
the validation split, the hidden set and the hand-written set. At the end of each seed's round
the round's models are timed taking turns every 100 sentences of the hidden set: p50 of
one-sentence `predict` calls (encoding and decoding included; --threads onnxruntime threads), p50
of the network alone on the same sentence (`forward`, what the encoder changes) and the best of
3 batched passes. Training speed is the median over epochs of training sentences/s (epoch time
without validation).

Writes every figure to --out (JSON), prints a Markdown table of mean ± std over seeds, and plots
accuracy against training sentences/s and against predict p50 to --plot (PNG).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from inference_speed import hidden_sentences
from quality import evaluation_sets, load_parameters, override
from training_speed import baseline_train, load_inputs

ROOT = Path(__file__).resolve().parents[1]
# name -> overrides: the notebook reference, today's default and `--env fast`, and dilated sizes
# around the ones a 6-epoch comparison found (benchmarks/results/frontier_encoders_6_epochs.json)
DEFAULT_CONFIGS: dict[str, dict] = {
    "notebook_loop": {"loop": "notebook"},
    "bilstm": {},
    "bilstm_fast_env": {"env": "fast"},
    "cnn64": {"model.encoder": "dilated_cnn", "model.bilstm.cnn_channels": 64},
    "cnn96": {"model.encoder": "dilated_cnn", "model.bilstm.cnn_channels": 96},
    "cnn128": {"model.encoder": "dilated_cnn", "model.bilstm.cnn_channels": 128},
    # 5 layers instead of 7, about the same receptive field (33 characters instead of 31)
    "cnn128_1248x1": {
        "model.encoder": "dilated_cnn",
        "model.bilstm.cnn_channels": 128,
        "model.bilstm.cnn_dilations": [1, 2, 4, 8],
        "model.bilstm.cnn_block_repeats": 1,
    },
}
QUICK_CONFIGS = ("bilstm", "cnn64")
SCRIPT_KEYS = ("env", "loop")  # configuration keys this script reads itself
TABLE_SETS = ("test_hidden", "handwritten")
METRICS = ("entity_sequence_accuracy", "intent_accuracy")


def split_assignments(text: str) -> list[str]:
    """Return `key=value` items of a comma-separated list, keeping commas inside brackets."""
    items, depth, current = [], 0, ""
    for char in text:
        depth += char in "[{"
        depth -= char in "]}"
        if char == "," and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    return [item.strip() for item in [*items, current] if item.strip()]


def parse_configs(specs: list[str]) -> dict[str, dict]:
    """Return name -> overrides from `name:key=value,...` strings, or one YAML file."""
    if len(specs) == 1 and specs[0].endswith((".yml", ".yaml")):
        loaded = yaml.safe_load(Path(specs[0]).read_text(encoding="utf-8")) or {}
        return {str(name): dict(values or {}) for name, values in loaded.items()}
    configs = {}
    for spec in specs:
        name, _, assignments = spec.partition(":")
        if not name or name in configs:
            raise ValueError(f"configuration {spec!r} needs a new name before ':'")
        configs[name] = {}
        for assignment in split_assignments(assignments):
            key, equals, value = assignment.partition("=")
            if not equals:
                raise ValueError(f"{spec!r}: {assignment!r} is not key=value")
            configs[name][key.strip()] = yaml.safe_load(value)
    return configs


def configuration_parameters(overrides: dict) -> dict:
    """Return the project's parameters of one configuration (its env, then its overrides)."""
    params = load_parameters(overrides.get("env", "local"))
    assignments = [
        f"{key}={json.dumps(value)}" for key, value in overrides.items() if key not in SCRIPT_KEYS
    ]
    return override(params, assignments)


def read_vocabularies() -> dict[str, dict]:
    """Return the vocabulary JSON of data_processing by name."""
    return {
        name: json.loads((ROOT / f"data/04_feature/vocab_{name}.json").read_text())
        for name in ("chars", "intents", "tags")
    }


def train_project(params: dict, seed: int, epochs: int | None, vocab: dict):
    """Train with the project's training API; return (Tagger, per-epoch history records)."""
    from joint_nlu.fit import Vocabularies, fit_tagger

    training = {**params["training"], "seed": seed, "progress": False, "device": "cpu"}
    if epochs:
        training["epochs"] = epochs
    return fit_tagger(
        pd.read_parquet(ROOT / "data/05_model_input/train.parquet"),
        pd.read_parquet(ROOT / "data/05_model_input/valid.parquet"),
        Vocabularies(vocab["chars"], vocab["intents"], vocab["tags"]),
        params["model"],
        training,
        params["data_processing"]["outside_tag"],
    )


def train_notebook_loop(
    params: dict, seed: int, epochs: int | None, vocab: dict, learning_rate: float
):
    """Train the notebook's network with the notebook's loop; return (Tagger, history records)."""
    from joint_nlu.fit import Vocabularies, model_config
    from joint_nlu.model import build_model
    from joint_nlu.serving.mxnet_backend import Tagger
    from joint_nlu.text import vocab_from_json

    model = {**params["model"], "architecture": "notebook"}
    config = model_config(model, Vocabularies(vocab["chars"], vocab["intents"], vocab["tags"]))
    train_set, valid_set, _ = load_inputs()
    net = build_model(config)
    history = baseline_train(
        config,
        train_set,
        valid_set,
        epochs or params["training"]["epochs"],
        seed,
        learning_rate,
        net=net,
    )
    tagger = Tagger(
        net,
        config,
        *(vocab_from_json(vocab[name]) for name in ("chars", "intents", "tags")),
        outside_tag=params["data_processing"]["outside_tag"],
    )  # independent decoding: the notebook's per-character argmax
    return tagger, history


def train_and_export(
    name: str, overrides: dict, seed: int, args, vocab: dict, sets: dict, directory: Path
):
    """Train one configuration, save it to `directory` and export it to ONNX.

    Returns its figures (training speed, accuracy through onnxruntime, size) and its ONNX
    tagger, whose speed `interleaved_speed` measures beside the other configurations'.
    """
    import onnx

    from joint_nlu import Tagger, evaluation
    from joint_nlu.serving.onnx_export import export_onnx
    from joint_nlu.training import parameter_count

    params = configuration_parameters(overrides)
    started = time.perf_counter()
    if overrides.get("loop", "project") == "notebook":
        tagger, history = train_notebook_loop(params, seed, args.epochs, vocab, args.baseline_lr)
    else:
        tagger, history = train_project(params, seed, args.epochs, vocab)
    training_seconds = time.perf_counter() - started
    onnx_file = export_onnx(tagger.save(directory))
    onnx_tagger = Tagger.load(directory, backend="onnx", threads=args.threads)
    scores = {
        set_name: evaluation.score(evaluation.predict_rows(onnx_tagger, rows), tagger.outside_tag)
        for set_name, rows in sets.items()
    }
    figures = {
        "config": name,
        "seed": seed,
        "overrides": overrides,
        "model": tagger.config.to_dict(),
        "parameters": parameter_count(tagger.net, tagger.config.tasks),
        "onnx_nodes": len(onnx.load(str(onnx_file)).graph.node),
        "epochs_run": len(history),
        "best_epoch": tagger.metadata.get("best_epoch", len(history)),
        "training_seconds": training_seconds,
        "train_sentences_per_s": statistics.median(r["sentences_per_second"] for r in history),
        "scores": scores,
        "history": history,
    }
    return figures, onnx_tagger


def interleaved_speed(
    taggers: dict, sentences: list[str], batch_copies: int, chunk: int = 100, rounds: int = 3
):
    """Return per tagger: p50/p99 ms of one-sentence `predict`, p50 ms of the network alone
    (onnxruntime's run + softmax on the encoded sentence) and best batched sentences/s.

    The taggers take turns every `chunk` sentences (and every batched round), so a busy machine
    slows all of them alike, while each keeps its weights in cache within a turn, as a serving
    process would (turns of one sentence added 0.15-0.25 ms to every model's p50).
    """
    encoded = {
        name: [tagger._encoder.encode([sentence], tagger.window)[:2] for sentence in sentences]
        for name, tagger in taggers.items()
    }
    predict: dict[str, list[float]] = {name: [] for name in taggers}
    forward: dict[str, list[float]] = {name: [] for name in taggers}
    for start in range(0, len(sentences), chunk):
        for name, tagger in taggers.items():
            for index in range(start, min(start + chunk, len(sentences))):
                started = time.perf_counter()
                tagger.predict([sentences[index]], top_k=1)
                middle = time.perf_counter()
                tagger._forward(*encoded[name][index])
                predict[name].append((middle - started) * 1000)
                forward[name].append((time.perf_counter() - middle) * 1000)
    batch = sentences * batch_copies
    best = dict.fromkeys(taggers, 0.0)
    for _ in range(rounds):
        for name, tagger in taggers.items():
            started = time.perf_counter()
            tagger.predict(batch, top_k=1)
            best[name] = max(best[name], len(batch) / (time.perf_counter() - started))
    warm = slice(50, None)  # the first calls warm caches up
    return {
        name: {
            "predict_p50_ms": float(np.percentile(predict[name][warm], 50)),
            "predict_p99_ms": float(np.percentile(predict[name][warm], 99)),
            "forward_p50_ms": float(np.percentile(forward[name][warm], 50)),
            "batched_sentences_per_s": best[name],
        }
        for name in taggers
    }


def mean_std(values: list[float]) -> tuple[float, float]:
    """Return the mean and the sample standard deviation (0 for one value)."""
    return statistics.mean(values), statistics.stdev(values) if len(values) > 1 else 0.0


def summarise(runs: list[dict]) -> dict[str, dict]:
    """Return, per configuration, mean and std over seeds of every headline figure."""
    summary = {}
    for name in dict.fromkeys(run["config"] for run in runs):
        chosen = [run for run in runs if run["config"] == name]
        figures = {
            key: [run[key] for run in chosen]
            for key in (
                "train_sentences_per_s",
                "predict_p50_ms",
                "forward_p50_ms",
                "batched_sentences_per_s",
                "parameters",
                "onnx_nodes",
            )
        }
        for set_name in chosen[0]["scores"]:
            for metric in METRICS:
                figures[f"{set_name}.{metric}"] = [
                    run["scores"][set_name][metric] for run in chosen
                ]
        summary[name] = {key: mean_std(values) for key, values in figures.items()}
        summary[name]["seeds"] = len(chosen)
    return summary


def markdown_table(summary: dict[str, dict]) -> str:
    """Return the summary as a Markdown table of mean ± std over seeds."""

    def cell(figure: tuple[float, float], digits: int) -> str:
        return f"{figure[0]:.{digits}f} ± {figure[1]:.{digits}f}"

    header = ["configuration", "train sent/s", "predict p50 ms", "forward p50 ms"]
    header += ["batched sent/s", "params"]
    for set_name in TABLE_SETS:
        header += [f"{set_name} entity seq", f"{set_name} intent"]
    lines = ["| " + " | ".join(header + ["seeds"]) + " |", "|" + "---|" * (len(header) + 1)]
    for name, figures in summary.items():
        row = [
            name,
            cell(figures["train_sentences_per_s"], 0),
            cell(figures["predict_p50_ms"], 3),
            cell(figures["forward_p50_ms"], 3),
            cell(figures["batched_sentences_per_s"], 0),
            f"{figures['parameters'][0]:,.0f}",
        ]
        for set_name in TABLE_SETS:
            row += [cell(figures[f"{set_name}.{metric}"], 3) for metric in METRICS]
        lines.append("| " + " | ".join(row + [str(figures["seeds"])]) + " |")
    return "\n".join(lines)


def plot(summary: dict[str, dict], path: Path, title: str, metric: str) -> None:
    """Plot `metric` on the hidden and hand-written sets against training and predict speed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(1, 2, figsize=(12, 5), sharey=True)
    panels = (
        ("train_sentences_per_s", "training sentences/s (higher is better)"),
        ("predict_p50_ms", "ONNX predict p50, one sentence, ms (lower is better)"),
    )
    markers = {"test_hidden": "o", "handwritten": "s"}
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for axis, (speed, label) in zip(axes, panels):
        for index, (name, figures) in enumerate(summary.items()):
            colour = colours[index % len(colours)]
            for set_name, marker in markers.items():
                x, x_err = figures[speed]
                y, y_err = figures[f"{set_name}.{metric}"]
                axis.errorbar(
                    x,
                    y,
                    xerr=x_err or None,
                    yerr=y_err or None,
                    fmt=marker,
                    color=colour,
                    mfc=colour if set_name == "test_hidden" else "none",
                    capsize=3,
                    label=f"{name} ({set_name})",
                )
            axis.annotate(
                name,
                (figures[speed][0], figures[f"test_hidden.{metric}"][0]),
                textcoords="offset points",
                xytext=(5, 5),
                fontsize=8,
            )
        axis.set_xlabel(label)
        axis.grid(alpha=0.3)
    axes[0].set_ylabel(f"{metric.replace('_', ' ')} (filled: hidden set, hollow: hand-written)")
    axes[1].legend(fontsize=7, loc="best")
    figure.suptitle(title, fontsize=9)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--configs", nargs="+", help="name:key=value,... items or one YAML file (default: all)"
    )
    parser.add_argument("--seeds", nargs="+", type=int, default=[42, 43, 44])
    parser.add_argument("--epochs", type=int, help="override training.epochs (all configs)")
    parser.add_argument("--quick", action="store_true", help="1 seed, 1 epoch, 2 configurations")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="onnxruntime intra-op threads (1: least disturbed by other jobs on a shared machine)",
    )
    parser.add_argument("--batch-copies", type=int, default=3, help="hidden set copies batched")
    parser.add_argument("--baseline-lr", type=float, default=0.001, help="notebook loop's Adam")
    parser.add_argument("--metric", default="entity_sequence_accuracy", choices=METRICS)
    parser.add_argument("--note", default="", help="added to the plot's title, e.g. 'shared'")
    parser.add_argument("--prepare", action="store_true", help="run data_processing first")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/frontier.json")
    parser.add_argument("--plot", type=Path, default=ROOT / "docs/images/frontier.png")
    args = parser.parse_args()
    os.environ.setdefault("KEDRO_DISABLE_TELEMETRY", "true")
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    configs = parse_configs(args.configs) if args.configs else dict(DEFAULT_CONFIGS)
    if args.quick:
        configs = configs if args.configs else {k: configs[k] for k in QUICK_CONFIGS}
        configs = dict(list(configs.items())[:2])
        args.seeds, args.epochs = args.seeds[:1], 1
    if args.prepare:
        kedro = Path(sys.executable).with_name("kedro")
        subprocess.run([str(kedro), "run", "--pipelines=data_processing"], cwd=ROOT, check=True)
    params = load_parameters()
    sets = evaluation_sets(params["data_processing"]["tag_alphabet"])
    args.sentences_list = hidden_sentences(ROOT / "data/01_raw/test_hidden.txt")
    vocab = read_vocabularies()
    runs = []
    for seed in args.seeds:  # every configuration once per round: noise hits all alike
        with tempfile.TemporaryDirectory() as scratch:
            trained = {
                name: train_and_export(
                    name, overrides, seed, args, vocab, sets, Path(scratch) / name
                )
                for name, overrides in configs.items()
            }
            speed = interleaved_speed(
                {name: onnx_tagger for name, (_, onnx_tagger) in trained.items()},
                args.sentences_list,
                args.batch_copies,
            )
        for name, (figures, _) in trained.items():
            runs.append({**figures, **speed[name]})
            print(
                f"seed {seed} {name}: {figures['train_sentences_per_s']:.0f} train sent/s, "
                f"p50 {speed[name]['predict_p50_ms']:.3f} ms, "
                + ", ".join(
                    f"{s} {figures['scores'][s]['entity_sequence_accuracy']:.3f}/"
                    f"{figures['scores'][s]['intent_accuracy']:.3f}"
                    for s in TABLE_SETS
                ),
                flush=True,
            )
    summary = summarise(runs)
    table = markdown_table(summary)
    machine = f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}"
    date = time.strftime("%Y-%m-%d")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "date": date,
                "machine": machine,
                "command": " ".join(sys.argv),
                "seeds": args.seeds,
                "epochs": args.epochs,
                "threads": args.threads,
                "note": args.note,
                "configs": configs,
                "summary": summary,
                "table": table,
                "runs": runs,
            },
            indent=1,
            default=str,
        )
    )
    title = (
        f"{len(args.seeds)} seed(s), {args.epochs or 'configured'} epochs, {date}, {machine}"
        f"{', ' + args.note if args.note else ''}; bars: std over seeds"
    )
    plot(summary, args.plot, title, args.metric)
    print(table)
    print(f"wrote {args.out} and {args.plot}")


if __name__ == "__main__":
    main()
