"""Export a saved model directory's network to `model.onnx` (needs MXNet and `onnx==1.15.0`).

`mx.onnx.export_model` (MXNet 1.9.1) has three traps with this network, all handled here
without changing the model:
- Gluon's `Conv1D` writes `layout: NCW` into the symbol, and the exporter refuses any layout but
  NCHW/NCDHW even though ONNX's `Conv` is NCW for one spatial axis: the attribute is dropped
  from a copy of the symbol (the default layout of a 3-d convolution is NCW anyway).
- The exporter emits opset-13 nodes but validates and stamps them with the newest opset onnx
  knows (20 for onnx 1.15): the checker then rejects `ReduceMax(axes=...)` (the masked max
  pooling) and onnxruntime rejects `Split`. Export runs with opset 13 throughout.
- Weights are also listed as graph inputs, which stops onnxruntime folding constants: they are
  removed from the inputs.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from joint_nlu.tagger import PARAMS_FILE, SYMBOL_FILE, find_model_directory

ONNX_FILE = "model.onnx"
ONNX_OPSET = 13
INPUT_NAMES = ("data0", "data1")  # features (batch, time, features), valid_length (batch,)


@contextmanager
def _opset(version: int):
    """Make mx.onnx convert, check and stamp the graph with one opset version."""
    import onnx.checker
    import onnx.defs

    saved_version, saved_imports = (
        onnx.defs.onnx_opset_version,
        dict(onnx.checker.DEFAULT_CONTEXT.opset_imports),
    )
    onnx.defs.onnx_opset_version = lambda: version
    onnx.checker.DEFAULT_CONTEXT.opset_imports = {"": version}
    try:
        yield
    finally:
        onnx.defs.onnx_opset_version = saved_version
        onnx.checker.DEFAULT_CONTEXT.opset_imports = saved_imports


def export_onnx(model_dir: str | Path, output: str | Path | None = None) -> Path:
    """Write the network of a model directory as ONNX (default `<model_dir>/model.onnx`)."""
    try:
        import mxnet as mx
        import onnx
        from mxnet import onnx as mx_onnx
    except ImportError as error:  # pragma: no cover - depends on the installed extras
        raise ImportError(
            f"ONNX export needs MXNet and onnx==1.15.0 ({error}): pip install -e '.[cpu,onnx]'"
        ) from error
    directory = find_model_directory(model_dir)
    output = Path(output) if output is not None else directory / ONNX_FILE
    symbol = json.loads((directory / SYMBOL_FILE).read_text(encoding="utf-8"))
    for node in symbol["nodes"]:
        attrs = node.get("attrs", {})
        if node["op"] == "Convolution" and attrs.get("layout") == "NCW":
            del attrs["layout"]
    params = {
        name.split(":", 1)[-1]: value
        for name, value in mx.nd.load(str(directory / PARAMS_FILE)).items()
    }
    n_features = 5
    with _opset(ONNX_OPSET):
        mx_onnx.export_model(
            mx.sym.load_json(json.dumps(symbol)),
            params,
            in_shapes=[(1, 2, n_features), (1,)],
            in_types=[np.float32, np.float32],
            onnx_file_path=str(output),
            dynamic=True,
            dynamic_input_shapes=[(None, None, n_features), (None,)],
        )
    model = onnx.load(str(output))
    model.opset_import[0].version = ONNX_OPSET
    used = {name for node in model.graph.node for name in node.input}
    kept = [initializer for initializer in model.graph.initializer if initializer.name in used]
    del model.graph.initializer[:]
    model.graph.initializer.extend(kept)
    weights = {initializer.name for initializer in kept}
    inputs = [graph_input for graph_input in model.graph.input if graph_input.name not in weights]
    del model.graph.input[:]
    model.graph.input.extend(inputs)
    onnx.checker.check_model(model)
    onnx.save(model, str(output))
    return output
