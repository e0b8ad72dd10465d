"""GPU check: train the default model on a GPU and on the CPU of the same machine, and compare.

Two steps, so the GPU machine needs nothing but numpy, mxnet(-cu112), gluonnlp, tqdm and src/:

    # here, after `kedro run --pipelines=data_processing` (needs the project installed)
    python benchmarks/gpu_check.py prepare --out benchmarks/.gpu/encoded.npz
    # on the GPU machine
    PYTHONPATH=src python benchmarks/gpu_check.py run --data encoded.npz --out results.json

`run` records the delay of the first GPU calls (CUDA start-up and, on GPUs newer than the
wheel's kernels, PTX JIT compilation), seconds per epoch, and the validation / hidden-set
metrics of each device with two seeds, so GPU-CPU differences can be read against seed noise.
It writes its results after every training run, so a cut-short run still leaves figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

if np.lib.NumpyVersion(np.__version__) >= "1.24.0" and "bool" not in np.__dict__:
    np.bool = bool  # mxnet 1.9.1 uses np.bool, which numpy 1.24-1.26 lack

SPLITS = ("train", "valid", "test_hidden")


def prepare(out: Path, project: Path) -> None:
    """Write the encoded splits and the default model/training parameters to one .npz file."""
    import pandas as pd
    import yaml

    from joint_nlu.data import encode_rows
    from joint_nlu.text import vocab_from_json

    vocabs = {
        name: vocab_from_json(
            json.loads((project / f"data/04_feature/vocab_{name}.json").read_text())
        )
        for name in ("chars", "intents", "tags")
    }
    frames = {
        "train": pd.read_parquet(project / "data/05_model_input/train.parquet"),
        "valid": pd.read_parquet(project / "data/05_model_input/valid.parquet"),
        "test_hidden": encode_rows(
            pd.read_parquet(project / "data/02_intermediate/validated_test_hidden.parquet"),
            vocabs["chars"],
            vocabs["intents"],
            vocabs["tags"],
            "C",
        ),
    }
    params = yaml.safe_load((project / "conf/base/parameters_training.yml").read_text())
    arrays: dict[str, np.ndarray] = {}
    for split, frame in frames.items():
        lengths = frame["sentence"].str.len().to_numpy()
        arrays[f"{split}_lengths"] = lengths
        arrays[f"{split}_features"] = np.concatenate(
            [np.asarray(row, dtype=np.int32) for row in frame["features"]]
        ).reshape(-1, 5)
        arrays[f"{split}_tags"] = np.concatenate(
            [np.asarray(r, dtype=np.int64) for r in frame["tag_ids"]]
        )
        arrays[f"{split}_entity"] = np.concatenate(
            [np.asarray(r, dtype=np.int32) for r in frame["entity_mask"]]
        )
        arrays[f"{split}_intents"] = frame["intent_id"].to_numpy()
    meta = {
        "n_chars": len(vocabs["chars"]),
        "n_intents": len(vocabs["intents"]),
        "n_tags": len(vocabs["tags"]),
        "unk_id": vocabs["chars"][vocabs["chars"].unknown_token],
        "model": params["model"],
        "training": params["training"],
    }
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **arrays)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


def _encoded_sets(data: np.lib.npyio.NpzFile):
    from joint_nlu.training import EncodedSet

    sets = {}
    for split in SPLITS:
        bounds = np.cumsum(data[f"{split}_lengths"])[:-1]
        sets[split] = EncodedSet(
            features=np.split(data[f"{split}_features"], bounds),
            intents=data[f"{split}_intents"],
            tags=np.split(data[f"{split}_tags"], bounds),
            entity_mask=np.split(data[f"{split}_entity"], bounds),
        )
    return sets


def run(data_path: Path, out: Path, epochs: int, seeds: list[int], devices: list[str]) -> None:
    """Train on each device and seed; write timings and metrics to `out` as they come."""
    import mxnet as mx

    from joint_nlu.model import ModelConfig, build_model
    from joint_nlu.training import TrainingConfig, score_encoded, train

    data = np.load(data_path)
    meta = json.loads(bytes(data["meta"]).decode())
    sets = _encoded_sets(data)
    model = meta["model"]
    config = ModelConfig(
        n_chars=meta["n_chars"],
        n_intents=meta["n_intents"],
        n_tags=meta["n_tags"],
        architecture=model["architecture"],
        tasks=tuple(model["tasks"]),
        **model[model["architecture"]],
    )
    results: dict = {
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "mxnet": mx.__version__,
        "platform": platform.platform(),
        "gpus_seen": mx.context.num_gpus(),
        "cpu_count": os.cpu_count(),
        "epochs": epochs,
        "train_sentences": len(sets["train"]),
        "runs": [],
    }

    def save() -> None:
        out.write_text(json.dumps(results, indent=1))

    if "gpu" in devices and mx.context.num_gpus():
        started = time.perf_counter()
        mx.nd.ones((2, 2), ctx=mx.gpu()).asnumpy()
        results["first_gpu_array_seconds"] = time.perf_counter() - started
        started = time.perf_counter()
        net = build_model(config)
        net.initialize(mx.init.Xavier(), ctx=mx.gpu())
        features = mx.nd.ones((4, 12, 5), ctx=mx.gpu())
        with mx.autograd.record():
            intent_logits, tag_logits = net(features, mx.nd.array([12, 5, 3, 1], ctx=mx.gpu()))
            loss = intent_logits.sum() + tag_logits.sum()
        loss.backward()
        mx.nd.waitall()
        results["first_gpu_forward_backward_seconds"] = time.perf_counter() - started
        save()
        print(
            "first GPU calls:",
            results["first_gpu_array_seconds"],
            results["first_gpu_forward_backward_seconds"],
            flush=True,
        )

    training = {
        **meta["training"],
        "epochs": epochs,
        "patience": epochs,
        "progress": False,
        "unk_id": meta["unk_id"],
    }
    if "gpu" in devices and not mx.context.num_gpus():
        results["gpu_error"] = "MXNet sees no GPU (mxnet-cu112 installed? driver visible?)"
        devices = [device for device in devices if device != "gpu"]
    for device in devices:
        for seed in seeds:
            settings = TrainingConfig.from_dict({**training, "device": device, "seed": seed})
            result = train(config, sets["train"], sets["valid"], settings)
            contexts = [mx.gpu()] if device == "gpu" else [mx.cpu()]
            scores = {
                split: score_encoded(result.net, sets[split], contexts, 512, config.window)
                for split in ("valid", "test_hidden")
            }
            epoch_seconds = [record["epoch_seconds"] for record in result.history]
            results["runs"].append(
                {
                    "device": device,
                    "seed": seed,
                    "best_epoch": result.best_epoch,
                    "epoch_seconds": epoch_seconds,
                    "median_epoch_seconds": statistics.median(epoch_seconds),
                    "median_epoch_seconds_after_first": statistics.median(
                        epoch_seconds[1:] or epoch_seconds
                    ),
                    "sentences_per_second": len(sets["train"]) / statistics.median(epoch_seconds),
                    "scores": scores,
                }
            )
            save()
            print(device, seed, results["runs"][-1]["median_epoch_seconds"], scores, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    prep = commands.add_parser("prepare")
    prep.add_argument("--out", type=Path, default=Path("benchmarks/.gpu/encoded.npz"))
    prep.add_argument("--project", type=Path, default=Path("."))
    go = commands.add_parser("run")
    go.add_argument("--data", type=Path, required=True)
    go.add_argument("--out", type=Path, required=True)
    go.add_argument("--epochs", type=int, default=8)
    go.add_argument("--seeds", type=int, nargs="+", default=[42, 43])
    go.add_argument("--devices", nargs="+", default=["gpu", "cpu"])
    args = parser.parse_args()
    if args.command == "prepare":
        prepare(args.out, args.project)
    else:
        run(args.data, args.out, args.epochs, args.seeds, args.devices)


if __name__ == "__main__":
    main()
