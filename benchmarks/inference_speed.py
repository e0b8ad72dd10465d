"""Inference speed: one-sentence latency (p50, p99) and batched throughput, on the CPU.

Backends measured in one run, on the same sentences (the hidden test set's):
- `mxnet`: `Tagger.load(dir).predict(...)`;
- `onnx`: `Tagger.load(dir, backend="onnx", threads=N).predict(...)` (onnxruntime);
- `notebook get_entitytag`: the original notebook's path, one sentence at a time: pad the
  character ids to 32, `nd.array`, forward, argmax, then a per-character Python loop that builds
  the tag string (run on the `notebook` architecture, the notebook's own network).

Each backend runs the default `bilstm` model (`--model`, default data/06_models/tagger, copied to
a temporary folder and exported to ONNX there) and a `notebook`-architecture model of the same
vocabulary (`--notebook-model`, or an untrained one: speed does not depend on the weights).

    python benchmarks/inference_speed.py [--model DIR] [--threads 2] [--json out.json]

`--exporter FILE` exports ONNX with the `export_onnx` of another file instead of the project's,
e.g. the mx.onnx-based exporter of an earlier commit:
`git show a19d25d:src/joint_nlu/onnx_export.py > /tmp/mx_onnx_export.py`. Besides whole
`predict` calls, `forward_p50_ms` times the network call alone (MXNet forward or
onnxruntime's `session.run` + softmax) on the same encoded sentences: the rest is Python.

`--backends` picks among `mxnet`, `onnx` and `onnx-int8` (`export-onnx --int8`,
`Tagger.load(dir, backend="onnx", quantized=True)`), `--models` among `bilstm` and `notebook`.
Beside wall-clock figures, `cpu_p50_ms` and `cpu_sentences_per_s` count the process's CPU time
(steadier than the wall clock on a shared machine; onnxruntime's threads included), and for
the ONNX backends `steps_p50_ms` splits one `predict([sentence])` into its steps: Kiwi's
analysis, encoding, `session.run`, softmax, decoding and the rest (result dicts, checks).
Latency uses `--threads` intra-op threads, throughput `--batch-threads` (default: the same).

`--accuracy` scores each backend instead of timing it: intent and entity sequence accuracy on
the hidden test set and the hand-written set (`--accuracy-files`), and how many answers (intent
and tags) equal the first backend's: what `onnx-int8` costs against `onnx`.

`--baseline-src DIR` measures another checkout's package too (DIR: its `src`, e.g. from `git
worktree add /tmp/base <commit>`), in child processes that alternate with this checkout's,
`--rounds` times each, on the same exported model: the JSON holds both sides' medians
(`models.<model>.after|before.<backend>`) and their ratios, so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def hidden_sentences(path: Path) -> list[str]:
    """Return the sentences (third column) of a raw TSV file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[2] for line in lines if line.count("\t") >= 2]


def untrained_notebook_model(like: Path, out: Path) -> Path:
    """Save an untrained `notebook`-architecture Tagger with the vocabularies of `like`."""
    import mxnet as mx

    from joint_nlu.model import ModelConfig, build_model
    from joint_nlu.serving.mxnet_backend import Tagger

    reference = Tagger.load(like)
    config = ModelConfig(
        len(reference.char_vocab),
        len(reference.intent_vocab),
        len(reference.tag_vocab),
        architecture="notebook",
        window=32,
        char_embedding=50,
        hidden=30,
        tag_hidden=50,
        dropout=0.0,
        embedding_dropout=0.0,
    )
    net = build_model(config)
    net.initialize(mx.init.Xavier(), ctx=mx.cpu())
    tagger = Tagger(net, config, reference.char_vocab, reference.intent_vocab, reference.tag_vocab)
    return tagger.save(out)


def latency(predict_one, sentences: list[str], repeat: int) -> dict:
    """Return p50/p99/mean milliseconds of calling `predict_one` on each sentence."""
    for sentence in sentences[:50]:
        predict_one(sentence)
    times = []
    for _ in range(repeat):
        for sentence in sentences:
            started = time.perf_counter()
            predict_one(sentence)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "p50_ms": statistics.median(times),
        "p99_ms": times[int(0.99 * (len(times) - 1))],
        "mean_ms": statistics.fmean(times),
        "calls": len(times),
    }


def forward_latency(tagger, sentences: list[str]) -> float:
    """Return the p50 milliseconds of the network call alone for one encoded sentence."""
    encoded = [tagger._encoder.encode([sentence], tagger.window)[:2] for sentence in sentences]
    for features, valid_length in encoded[:50]:
        tagger._forward(features, valid_length)
    times = []
    for features, valid_length in encoded:
        started = time.perf_counter()
        tagger._forward(features, valid_length)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def load_exporter(path: Path | None):
    """Return `export_onnx` of the project, or of the Python file at `path`."""
    if path is None:
        from joint_nlu.serving.onnx_export import export_onnx

        return export_onnx
    spec = importlib.util.spec_from_file_location("other_onnx_export", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.export_onnx


def throughput(predict_many, sentences: list[str], rounds: int = 3) -> float:
    """Return the best sentences/second of `predict_many` over the whole list."""
    predict_many(sentences[:1000])
    best = 0.0
    for _ in range(rounds):
        started = time.perf_counter()
        predict_many(sentences)
        best = max(best, len(sentences) / (time.perf_counter() - started))
    return best


def notebook_get_entitytag(tagger):
    """Return the notebook's `get_entitytag(sentence)` over a Tagger's network and vocabularies."""
    import mxnet as mx
    from mxnet import nd

    from joint_nlu.text import encode_sentence

    net, char_vocab, tags = tagger.net, tagger.char_vocab, tagger.tag_vocab.idx_to_token
    window = 32

    def get_entitytag(sentence: str) -> str:
        features = encode_sentence(sentence, char_vocab)[:window]
        padded = np.zeros((1, window, features.shape[1]), dtype=np.float32)
        padded[0, : len(features)] = features
        _, tag_logits = net(nd.array(padded, ctx=mx.cpu()), nd.array([max(len(features), 1)]))
        best = nd.argmax(tag_logits, axis=2).asnumpy()[0]
        tag_string = ""
        for position in range(len(features)):
            tag_string += tags[int(best[position])]
        return tag_string

    return get_entitytag


def step_latency(tagger, sentences: list[str]) -> dict[str, float]:
    """Return the p50 milliseconds of each step of `predict([sentence])` on an ONNX tagger.

    The steps are timed one after the other on each sentence, then the whole `predict` call:
    `rest` is its time minus the steps' (input checks, batching, result dicts).
    """
    from joint_nlu.morphology import analyse
    from joint_nlu.serving.predict import log_softmax, softmax

    names = [graph_input.name for graph_input in tagger.session.get_inputs()]
    steps: dict[str, list[float]] = {
        name: []
        for name in ("kiwi", "encode", "session_run", "softmax", "decode", "rest", "predict")
    }
    for repeat in range(2):  # the first pass warms every cache up
        for sentence in sentences:
            times = [time.perf_counter()]
            found = analyse([sentence], tagger.analyser) if tagger.analyser else None
            times.append(time.perf_counter())
            features, valid_length, seen = tagger._encoder.encode([sentence], tagger.window, found)
            times.append(time.perf_counter())
            intents, tags = tagger.session.run(None, {names[0]: features, names[1]: valid_length})
            times.append(time.perf_counter())
            log_probs = (softmax(intents), log_softmax(tags))[1]
            times.append(time.perf_counter())
            tagger.decoder(log_probs, seen, features)
            times.append(time.perf_counter())
            tagger.predict([sentence], top_k=1)
            times.append(time.perf_counter())
            if repeat:
                spans = [(later - earlier) * 1000 for earlier, later in zip(times, times[1:])]
                for name, value in zip(
                    ("kiwi", "encode", "session_run", "softmax", "decode"), spans
                ):
                    steps[name].append(value)
                steps["predict"].append(spans[-1])
                steps["rest"].append(spans[-1] - sum(spans[:-1]))
    return {name: statistics.median(values) for name, values in steps.items()}


def cpu_latency(predict_one, sentences: list[str]) -> float:
    """Return the p50 CPU milliseconds of the process per call of `predict_one`."""
    times = []
    for sentence in sentences:
        started = time.process_time()
        predict_one(sentence)
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def cpu_throughput(predict_many, sentences: list[str]) -> float:
    """Return sentences per CPU second of the process (all its threads) of one call."""
    started = time.process_time()
    predict_many(sentences)
    return len(sentences) / max(time.process_time() - started, 1e-9)


def load_backend(model_dir: Path, backend: str, threads: int):
    """Return the tagger of one backend (`mxnet`, `onnx`, `onnx-int8`)."""
    from joint_nlu import Tagger

    if backend == "mxnet":
        return Tagger.load(model_dir)
    if backend == "onnx-int8":
        return Tagger.load(model_dir, backend="onnx", threads=threads, quantized=True)
    return Tagger.load(model_dir, backend="onnx", threads=threads)


def measure_backend(
    model_dir: Path,
    backend: str,
    sentences: list[str],
    batch: list[str],
    threads: int,
    batch_threads: int,
    repeat: int,
) -> dict:
    """Return latency, CPU time, step and throughput figures of one backend."""
    from joint_nlu.serving.predict import InputLimits

    tagger = load_backend(model_dir, backend, threads)
    one = lambda sentence: tagger.predict([sentence], top_k=1)  # noqa: E731
    figures = {
        **latency(one, sentences, repeat),
        "cpu_p50_ms": cpu_latency(one, sentences),
        "forward_p50_ms": forward_latency(tagger, sentences),
    }
    if backend != "mxnet":
        figures["steps_p50_ms"] = step_latency(tagger, sentences[: min(len(sentences), 500)])
    if batch_threads != threads and backend != "mxnet":
        tagger = load_backend(model_dir, backend, batch_threads)

    # the whole batch in one call: the model's input limits (for requests) are lifted
    def many(texts, t=tagger):
        return t.predict(texts, top_k=1, limits=InputLimits())

    figures["sentences_per_s"] = throughput(many, batch)
    figures["cpu_sentences_per_s"] = cpu_throughput(many, batch)
    return figures


def measure(
    model_dir: Path,
    sentences: list[str],
    threads: int,
    repeat: int,
    batch: list[str],
    backends: list[str],
    batch_threads: int | None = None,
) -> dict:
    """Return the figures of each backend (and the notebook path) for one exported model."""
    import onnx

    results: dict = {"onnx_nodes": len(onnx.load(str(model_dir / "model.onnx")).graph.node)}
    for backend in backends:
        results[backend] = measure_backend(
            model_dir, backend, sentences, batch, threads, batch_threads or threads, repeat
        )
    if "mxnet" in backends:
        from joint_nlu import Tagger

        mxnet_tagger = Tagger.load(model_dir)
        if mxnet_tagger.config.architecture == "notebook":
            get_entitytag = notebook_get_entitytag(mxnet_tagger)
            figures = latency(get_entitytag, sentences, repeat)
            figures["sentences_per_s"] = 1000.0 / figures["mean_ms"]
            results["notebook get_entitytag"] = figures
    return results


def labelled_rows(path: Path) -> list[list[str]]:
    """Return the (intent, tags, sentence) rows of a raw TSV file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[:3] for line in lines if line.count("\t") >= 2]


def accuracy(model_dir: Path, backends: list[str], files: list[Path]) -> dict:
    """Return each backend's intent and entity sequence accuracy on each file, and how many
    of its answers (intent and tags) equal the first backend's."""
    from joint_nlu.serving.predict import InputLimits

    results: dict = {}
    reference: dict[str, list[dict]] = {}
    for backend in backends:
        tagger = load_backend(model_dir, backend, threads=2)
        results[backend] = {}
        for path in files:
            rows = labelled_rows(path)
            answers = tagger.predict([row[2] for row in rows], top_k=1, limits=InputLimits())
            reference.setdefault(path.name, answers)
            results[backend][path.name] = {
                "sentences": len(rows),
                "intent_accuracy": statistics.fmean(
                    answer["intent"] == row[0] for answer, row in zip(answers, rows)
                ),
                "entity_sequence_accuracy": statistics.fmean(
                    answer["tags"] == row[1] for answer, row in zip(answers, rows)
                ),
                f"same_answers_as_{backends[0]}": sum(
                    (a["intent"], a["tags"]) == (b["intent"], b["tags"])
                    for a, b in zip(answers, reference[path.name])
                ),
            }
    return results


def export_all(directory: Path, backends: list[str], exporter) -> None:
    """Export the model's ONNX files the backends read (int8 with the project's exporter)."""
    exporter(directory)
    if "onnx-int8" in backends:
        from joint_nlu.serving.onnx_export import export_onnx

        export_onnx(directory, int8=True)


def child_measure(args: argparse.Namespace) -> None:
    """Measure already exported models (`--child`) and print the figures as one JSON line."""
    sentences = hidden_sentences(args.sentences)
    batch = sentences * args.batch_copies
    report = {}
    for name, directory in json.loads(args.child).items():
        backends = [
            backend
            for backend in args.backends
            if backend != "onnx-int8" or _supports_int8()  # an older checkout may not
        ]
        report[name] = measure(
            Path(directory),
            sentences,
            args.threads,
            args.repeat,
            batch,
            backends,
            args.batch_threads,
        )
    print(json.dumps(report))


def _supports_int8() -> bool:
    import inspect

    from joint_nlu.serving.onnx_backend import OnnxTagger

    return "quantized" in inspect.signature(OnnxTagger.from_directory).parameters


def alternate(args: argparse.Namespace, models: dict[str, Path]) -> dict:
    """Run `--child` measurements of this checkout and of `--baseline-src` in turns; return
    each side's per-round figures, their medians and the ratios after/before."""
    sides = {"after": ROOT / "src", "before": args.baseline_src.resolve()}
    rounds: dict[str, list[dict]] = {side: [] for side in sides}
    forwarded = [
        "--sentences", str(args.sentences), "--threads", str(args.threads),
        "--batch-threads", str(args.batch_threads or args.threads),
        "--repeat", str(args.repeat), "--batch-copies", str(args.batch_copies),
        "--backends", ",".join(args.backends),
    ]  # fmt: skip
    for round_number in range(args.rounds):
        for side, source in sides.items():
            environment = {**os.environ, "PYTHONPATH": str(source)}
            result = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    json.dumps({k: str(v) for k, v in models.items()}),
                ]
                + forwarded,
                env=environment,
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode:
                raise SystemExit(f"{side} measurement failed:\n{result.stderr[-3000:]}")
            rounds[side].append(json.loads(result.stdout.strip().splitlines()[-1]))
            print(f"round {round_number + 1}: {side} measured", flush=True)
    return {"rounds": rounds, **medians_and_ratios(rounds)}


def medians_and_ratios(rounds: dict[str, list[dict]]) -> dict:
    """Return the median of every figure over the rounds, per side, and after/before ratios."""

    def median_of(values: list):
        if isinstance(values[0], dict):
            return {key: median_of([value[key] for value in values]) for key in values[0]}
        return statistics.median(values)

    medians = {side: median_of(results) for side, results in rounds.items()}

    def ratio(after, before):
        if isinstance(after, dict):
            return {key: ratio(after[key], before[key]) for key in after if key in before}
        return after / before if before else None

    return {"medians": medians, "ratio_after_to_before": ratio(medians["after"], medians["before"])}


def print_table(models: dict) -> None:
    """Print one line per model and backend."""
    print(
        f"{'model':9} {'backend':24} {'p50 ms':>8} {'p99 ms':>8} {'cpu p50':>8} "
        f"{'forward p50':>12} {'sentences/s':>12} {'cpu sent/s':>11}"
    )
    for model, backends in models.items():
        print(f"{model:9} onnx graph: {backends['onnx_nodes']} nodes")
        for backend, figures in backends.items():
            if backend == "onnx_nodes":
                continue
            forward, cpu = figures.get("forward_p50_ms"), figures.get("cpu_p50_ms")
            print(
                f"{model:9} {backend:24} {figures['p50_ms']:8.3f} {figures['p99_ms']:8.3f} "
                f"{'' if cpu is None else f'{cpu:.3f}':>8} "
                f"{'' if forward is None else f'{forward:.3f}':>12} "
                f"{figures['sentences_per_s']:12,.0f} "
                f"{figures.get('cpu_sentences_per_s', 0):11,.0f}"
            )
            if "steps_p50_ms" in figures:
                steps = ", ".join(f"{k} {v:.3f}" for k, v in figures["steps_p50_ms"].items())
                print(f"{'':9}   steps p50 ms: {steps}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "data/06_models/tagger")
    parser.add_argument("--notebook-model", type=Path, default=None)
    parser.add_argument("--sentences", type=Path, default=ROOT / "data/01_raw/test_hidden.txt")
    parser.add_argument("--threads", type=int, default=2, help="MXNet/onnxruntime threads")
    parser.add_argument(
        "--batch-threads", type=int, default=None, help="onnxruntime threads for throughput"
    )
    parser.add_argument("--repeat", type=int, default=1, help="latency passes over the set")
    parser.add_argument("--batch-copies", type=int, default=20, help="copies of the set batched")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument(
        "--exporter", type=Path, default=None, help="a file whose export_onnx writes model.onnx"
    )
    parser.add_argument(
        "--backends",
        type=lambda text: text.split(","),
        default=["mxnet", "onnx"],
        help="comma-separated: mxnet, onnx, onnx-int8 (default: mxnet,onnx)",
    )
    parser.add_argument(
        "--models",
        type=lambda text: text.split(","),
        default=["bilstm", "notebook"],
        help="comma-separated: bilstm (--model), notebook (default: both)",
    )
    parser.add_argument("--baseline-src", type=Path, default=None, help="another checkout's src")
    parser.add_argument("--rounds", type=int, default=3, help="turns of each side (baseline)")
    parser.add_argument(
        "--accuracy", action="store_true", help="score each backend instead of timing it"
    )
    parser.add_argument(
        "--accuracy-files",
        type=lambda text: [Path(name) for name in text.split(",")],
        default=[ROOT / "data/01_raw/test_hidden.txt", ROOT / "benchmarks/data/handwritten_ko.tsv"],
        help="comma-separated labelled TSV files for --accuracy",
    )
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    os.environ.setdefault("MXNET_CPU_WORKER_NTHREADS", str(args.threads))
    if args.child:
        child_measure(args)
        return

    sentences = hidden_sentences(args.sentences)
    batch = sentences * args.batch_copies
    report = {
        "date": date.today().isoformat(),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(),
        "sentences": len(sentences),
        "batched_sentences": len(batch),
        "threads": args.threads,
        "batch_threads": args.batch_threads or args.threads,
        "exporter": str(args.exporter or "joint_nlu.onnx_export"),
        "models": {},
    }
    exporter = load_exporter(args.exporter)
    with tempfile.TemporaryDirectory() as scratch:
        directories = {}
        if "bilstm" in args.models:
            directories["bilstm"] = Path(shutil.copytree(args.model, Path(scratch) / "bilstm"))
        if "notebook" in args.models:
            if args.notebook_model:
                directories["notebook"] = Path(
                    shutil.copytree(args.notebook_model, Path(scratch) / "notebook")
                )
            else:
                directories["notebook"] = untrained_notebook_model(
                    args.model, Path(scratch) / "notebook"
                )
        for directory in directories.values():
            export_all(directory, args.backends, exporter)
        if args.accuracy:
            report["accuracy"] = {
                name: accuracy(directory, args.backends, args.accuracy_files)
                for name, directory in directories.items()
            }
            print(json.dumps(report["accuracy"], indent=1))
        elif args.baseline_src:
            report["baseline_src"] = str(args.baseline_src)
            report["rounds"] = args.rounds
            report.update(alternate(args, directories))
            for side in ("after", "before"):
                print(f"--- {side} (medians of {args.rounds} rounds)")
                print_table(report["medians"][side])
        else:
            for name, directory in directories.items():
                report["models"][name] = measure(
                    directory,
                    sentences,
                    args.threads,
                    args.repeat,
                    batch,
                    args.backends,
                    args.batch_threads,
                )
            print_table(report["models"])
    report["load_average_at_end"] = os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
