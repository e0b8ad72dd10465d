"""MXNet devices from their names in the parameters (`auto`, `cpu`, `gpu:0,1`, ...).

Both training and a loaded model pick devices here, so loading a model never imports the
training loop or the distributed code.
"""

from __future__ import annotations

from collections.abc import Sequence

import mxnet as mx


def parse_devices(spec: str | Sequence[str]) -> list[mx.Context]:
    """Return MXNet contexts for `auto`, `cpu`, `gpu`, `gpu:0,1`, `cpu:0,1` or a list of those."""
    if not isinstance(spec, str):
        return [context for item in spec for context in parse_devices(str(item))]
    spec = spec.strip().lower()
    if spec == "auto":
        return [mx.gpu(0)] if mx.context.num_gpus() > 0 else [mx.cpu()]
    kind, _, indices = spec.partition(":")
    if kind not in ("cpu", "gpu"):
        raise ValueError(f"device {spec!r}: use auto, cpu, gpu, gpu:0,1 or cpu:0,1")
    numbers = [int(index) for index in indices.split(",") if index.strip()] or [0]
    if kind == "gpu":
        available = mx.context.num_gpus()
        missing = [number for number in numbers if number >= available]
        if missing:
            raise ValueError(
                f"device {spec!r}: MXNet sees {available} GPU(s); install the gpu extra "
                "(mxnet-cu112) and check nvidia-smi, or use device: cpu"
            )
        return [mx.gpu(number) for number in numbers]
    return [mx.cpu(number) for number in numbers]
