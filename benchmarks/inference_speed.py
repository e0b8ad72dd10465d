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
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
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


def measure(
    model_dir: Path,
    sentences: list[str],
    threads: int,
    repeat: int,
    batch: list[str],
    export_onnx,
):
    """Return the figures of the mxnet and onnx backends (and the notebook path) for one model."""
    import onnx

    from joint_nlu import Tagger
    from joint_nlu.serving.predict import InputLimits

    onnx_file = export_onnx(model_dir)
    results = {"onnx_nodes": len(onnx.load(str(onnx_file)).graph.node)}
    mxnet_tagger = Tagger.load(model_dir)
    onnx_tagger = Tagger.load(model_dir, backend="onnx", threads=threads)
    for name, tagger in (("mxnet", mxnet_tagger), ("onnx", onnx_tagger)):
        results[name] = {
            **latency(lambda s, t=tagger: t.predict([s], top_k=1), sentences, repeat),
            "forward_p50_ms": forward_latency(tagger, sentences),
            # the whole batch in one call: the model's input limits (for requests) are lifted
            "sentences_per_s": throughput(
                lambda many, t=tagger: t.predict(many, top_k=1, limits=InputLimits()), batch
            ),
        }
    if mxnet_tagger.config.architecture == "notebook":
        get_entitytag = notebook_get_entitytag(mxnet_tagger)
        figures = latency(get_entitytag, sentences, repeat)
        figures["sentences_per_s"] = 1000.0 / figures["mean_ms"]
        results["notebook get_entitytag"] = figures
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=ROOT / "data/06_models/tagger")
    parser.add_argument("--notebook-model", type=Path, default=None)
    parser.add_argument("--sentences", type=Path, default=ROOT / "data/01_raw/test_hidden.txt")
    parser.add_argument("--threads", type=int, default=2, help="MXNet/onnxruntime threads")
    parser.add_argument("--repeat", type=int, default=1, help="latency passes over the set")
    parser.add_argument("--batch-copies", type=int, default=20, help="copies of the set batched")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument(
        "--exporter", type=Path, default=None, help="a file whose export_onnx writes model.onnx"
    )
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    os.environ.setdefault("MXNET_CPU_WORKER_NTHREADS", str(args.threads))

    sentences = hidden_sentences(args.sentences)
    batch = sentences * args.batch_copies
    report = {
        "date": date.today().isoformat(),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "sentences": len(sentences),
        "batched_sentences": len(batch),
        "threads": args.threads,
        "exporter": str(args.exporter or "joint_nlu.onnx_export"),
        "models": {},
    }
    exporter = load_exporter(args.exporter)
    with tempfile.TemporaryDirectory() as scratch:
        default = Path(shutil.copytree(args.model, Path(scratch) / "bilstm"))
        if args.notebook_model:
            notebook = Path(shutil.copytree(args.notebook_model, Path(scratch) / "notebook"))
        else:
            notebook = untrained_notebook_model(default, Path(scratch) / "notebook")
        for name, directory in (("bilstm", default), ("notebook", notebook)):
            report["models"][name] = measure(
                directory, sentences, args.threads, args.repeat, batch, exporter
            )
    print(
        f"{'model':9} {'backend':24} {'p50 ms':>8} {'p99 ms':>8} {'forward p50':>12} "
        f"{'sentences/s':>12}"
    )
    for model, backends in report["models"].items():
        print(f"{model:9} onnx graph: {backends['onnx_nodes']} nodes")
        for backend, figures in backends.items():
            if backend == "onnx_nodes":
                continue
            forward = figures.get("forward_p50_ms")
            print(
                f"{model:9} {backend:24} {figures['p50_ms']:8.3f} {figures['p99_ms']:8.3f} "
                f"{'' if forward is None else f'{forward:.3f}':>12} "
                f"{figures['sentences_per_s']:12,.0f}"
            )
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
