"""Where onnxruntime spends the network's time, per operator, and what its session options do.

    python benchmarks/onnx_profile.py --model data/06_models/tagger [--json out.json]

Exports `model.onnx` and `model.int8.onnx` (`joint-nlu export-onnx [--int8]`) into a copy of
the model directory, encodes the hidden test set's sentences once (Kiwi's analysis included),
then, for each graph: onnxruntime's own profiler (`SessionOptions.enable_profiling`) sums each
operator type's kernel time over `--sentences` one-sentence calls and over batches of 512
(sorted by length, as `predict` batches them); and the CPU time of `session.run` alone, one
sentence and batched, under a few session options (graph optimisation level, memory pattern,
threads), in `--rounds` alternating turns (medians; CPU time of the process, steadier than the
wall clock on a shared machine).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import platform
import shutil
import statistics
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
# session option variants: name -> (graph, intra-op threads, options)
VARIANTS = {
    "float, ORT_ENABLE_ALL, 1 thread (the backend's)": ("model.onnx", 1, {}),
    "float, ORT_ENABLE_BASIC": ("model.onnx", 1, {"level": "ORT_ENABLE_BASIC"}),
    "float, ORT_DISABLE_ALL": ("model.onnx", 1, {"level": "ORT_DISABLE_ALL"}),
    "float, no memory pattern": ("model.onnx", 1, {"mem_pattern": False}),
    "float, 2 threads": ("model.onnx", 2, {}),
    "int8, ORT_ENABLE_ALL, 1 thread": ("model.int8.onnx", 1, {}),
    "int8, 2 threads": ("model.int8.onnx", 2, {}),
}


def session(
    path: Path,
    threads: int,
    level: str = "ORT_ENABLE_ALL",
    mem_pattern: bool = True,
    profile_prefix: str | None = None,
):
    """Return an onnxruntime CPU session with these options."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    options.graph_optimization_level = getattr(ort.GraphOptimizationLevel, level)
    options.enable_mem_pattern = mem_pattern
    if profile_prefix:
        options.enable_profiling = True
        options.profile_file_prefix = profile_prefix
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def encoded_inputs(model_dir: Path, sentences: list[str], batch_size: int):
    """Return one-sentence inputs and length-sorted batches, encoded as `predict` does."""
    from joint_nlu import Tagger
    from joint_nlu.morphology import analyse

    tagger = Tagger.load(model_dir, backend="onnx")
    found = analyse(sentences, tagger.analyser) if tagger.analyser else [None] * len(sentences)
    ones = [
        tagger._encoder.encode([s], tagger.window, None if m is None else [m])[:2]
        for s, m in zip(sentences, found, strict=True)
    ]
    order = np.argsort([len(s) for s in sentences], kind="stable")
    batches = []
    for begin in range(0, len(sentences), batch_size):
        rows = order[begin : begin + batch_size]
        analysed = None if found[0] is None else [found[i] for i in rows]
        batches.append(
            tagger._encoder.encode([sentences[i] for i in rows], tagger.window, analysed)[:2]
        )
    return ones, batches


def run(sess, inputs) -> None:
    names = [graph_input.name for graph_input in sess.get_inputs()]
    for features, valid_length in inputs:
        sess.run(None, {names[0]: features, names[1]: valid_length})


def operator_times(path: Path, inputs, scratch: Path) -> dict:
    """Return the kernel microseconds of all `inputs` and each operator type's share of them
    (onnxruntime's profiler), largest first."""
    sess = session(path, 1, profile_prefix=str(scratch / path.stem))
    run(sess, inputs)
    events = json.loads(Path(sess.end_profiling()).read_text())
    totals: collections.Counter = collections.Counter()
    for event in events:
        if event.get("cat") == "Node" and event["name"].endswith("_kernel_time"):
            totals[event["args"]["op_name"]] += event["dur"]
    whole = sum(totals.values())
    return {
        "total_us": whole,
        "share": {op: round(us / whole, 3) for op, us in totals.most_common()},
    }


def option_times(model_dir: Path, ones, batches, rounds: int) -> dict:
    """Return median CPU ms per sentence (one at a time) and CPU sentences/s (batched)."""
    sessions = {
        name: session(model_dir / graph, threads, **options)
        for name, (graph, threads, options) in VARIANTS.items()
    }
    count = sum(len(valid_length) for _, valid_length in batches)
    figures: dict[str, dict[str, list[float]]] = {
        name: {"one_cpu_ms": [], "batched_cpu_sentences_per_s": []} for name in sessions
    }
    for _ in range(rounds):
        for name, sess in sessions.items():
            run(sess, ones[:20])
            times = []
            for one in ones:
                started = time.process_time()
                run(sess, [one])
                times.append((time.process_time() - started) * 1000)
            figures[name]["one_cpu_ms"].append(statistics.median(times))
            started = time.process_time()
            run(sess, batches)
            figures[name]["batched_cpu_sentences_per_s"].append(
                count / (time.process_time() - started)
            )
    return {
        name: {key: statistics.median(values) for key, values in values_by_key.items()}
        for name, values_by_key in figures.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "data/06_models/tagger")
    parser.add_argument("--sentences", type=Path, default=ROOT / "data/01_raw/test_hidden.txt")
    parser.add_argument("--count", type=int, default=400, help="one-sentence calls per turn")
    parser.add_argument("--batch-size", type=int, default=512)
    parser.add_argument("--rounds", type=int, default=5, help="alternating turns of options")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    from inference_speed import hidden_sentences

    from joint_nlu.serving.onnx_export import export_onnx

    sentences = hidden_sentences(args.sentences)
    report = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs",
        "load_average_at_start": os.getloadavg(),
        "sentences": len(sentences),
    }
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        model_dir = Path(shutil.copytree(args.model, scratch / "model"))
        export_onnx(model_dir)
        export_onnx(model_dir, int8=True)
        ones, batches = encoded_inputs(model_dir, sentences, args.batch_size)
        ones = ones[: args.count]
        report["operators"] = {
            f"{graph}, {kind}": operator_times(model_dir / graph, inputs, scratch)
            for graph in ("model.onnx", "model.int8.onnx")
            for kind, inputs in (("one sentence", ones), ("batched", batches))
        }
        report["options"] = option_times(model_dir, ones, batches, args.rounds)
    report["load_average_at_end"] = os.getloadavg()
    for name, figures in report["operators"].items():
        top = ", ".join(f"{op} {share:.0%}" for op, share in list(figures["share"].items())[:5])
        print(f"{name:32} kernels {figures['total_us'] / 1000:9.1f} ms: {top}")
    for name, figures in report["options"].items():
        print(
            f"{name:50} one sentence {figures['one_cpu_ms']:.3f} CPU ms, "
            f"batched {figures['batched_cpu_sentences_per_s']:,.0f} sentences per CPU s"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
