"""Serving a trained model: the model directory format, the MXNet and ONNX backends, and
the batched prediction both share. `load_tagger` is what `Tagger.load` calls.

Nothing in this package imports the training loop, the distributed code or Kedro; the ONNX
backend never imports MXNet.
"""

from __future__ import annotations

from pathlib import Path

from joint_nlu.serving.model_dir import resolve_model_path
from joint_nlu.serving.predict import BatchPredictor

BACKENDS = ("mxnet", "onnx")


def load_tagger(
    path: str | Path,
    backend: str = "mxnet",
    device: str = "cpu",
    batch_size: int = 512,
    threads: int | None = None,
    quantized: bool = False,
) -> BatchPredictor:
    """Return the tagger of a model directory or of an MLflow model URI, on one backend.

    `mxnet` returns a `Tagger` on `device`; `onnx` an `OnnxTagger` running `model.onnx` with
    onnxruntime (`threads` intra-op threads; default: onnxruntime's choice), or with
    `quantized` its int8 `model.int8.onnx`. Both have the same `predict`.
    """
    if quantized and backend != "onnx":
        raise ValueError("quantized=True needs backend='onnx' (model.int8.onnx)")
    if backend not in BACKENDS:
        raise ValueError(f"backend {backend!r} is not one of {', '.join(BACKENDS)}")
    directory = resolve_model_path(path)
    if backend == "onnx":
        from joint_nlu.serving.onnx_backend import OnnxTagger

        return OnnxTagger.from_directory(
            directory, batch_size=batch_size, threads=threads, quantized=quantized
        )
    from joint_nlu.serving.mxnet_backend import Tagger

    return Tagger.from_directory(directory, device=device, batch_size=batch_size)
