"""Export a saved model directory's network to `model.onnx` (needs MXNet and `onnx==1.15.0`).

The ONNX graph is written by hand with `onnx.helper` from the saved weights, for both
architectures of `joint_nlu.model`, instead of converting the symbol with `mx.onnx.export_model`.
The converter spelled every `SequenceMask`, `SequenceReverse`, `swapaxes` and RNN state of the
network as shape plumbing (about 300 nodes for the default network: Reshape, Shape, Concat,
Slice, ScatterND, GatherND, Where ...) whose per-node overhead, not the arithmetic, dominated a
one-sentence forward pass in onnxruntime. Here the default network is 35 nodes (27 for the
notebook architecture; each further LSTM layer adds 3), and one sentence runs about twice as fast:
- the five embedding tables are one block-diagonal table: one Gather of the five offset ids
  per character and a sum over them is exactly the concatenation of the five lookups (ids
  come from the encoder's tables, so each stays within its own block);
- each `MaskedBiLSTM` is one ONNX `LSTM` (bidirectional) with `sequence_lens`: its reverse
  direction starts at each row's last real character, which is what MaskedBiLSTM computes with
  a forward LSTM over the sequence reversed within its valid length;
- the masks are one `Less` of positions and valid lengths, applied with `Where`;
- encoder `dilated_cnn` is one `Conv` (with `dilations` and `pads`) + `Relu` + `Add` per layer,
  each after a `Where` that zeroes the padding, as MXNet's masks do (55 nodes with the default
  7 layers); a repeated block reads the same initializers.
Dropouts are the identity at inference, and the window is applied by the caller's encoder.

Outputs at real characters match MXNet; at padding they may differ (ONNX's LSTM writes zeros
past each valid length, MXNet's runs on over the padding) and no caller reads them.

`int8=True` writes `model.int8.onnx`: the same graph with the LSTMs and the dense layers as
onnxruntime's dynamic-quantisation operators (`DynamicQuantizeLSTM`, `DynamicQuantizeMatMul`,
domain `com.microsoft`): their weights are stored as symmetric int8 (zero point 0, one scale per
matrix, per direction for an LSTM) and each input is quantised to uint8 at run time: the outputs
equal those of `onnxruntime.quantization.quantize_dynamic(model.onnx, ...,
op_types_to_quantize=["LSTM", "MatMul", "Gemm"])` (checked). Embeddings and convolutions stay float (onnxruntime's int8
convolution was slower than its float one here). Built here rather than by `quantize_dynamic`,
whose onnxruntime 1.32 version needs onnx >= 1.16 and `ml_dtypes`.

MXNet is used only to read the params file and to name the weights: a fresh network built from
the configuration gives each weight a structural name (`encoder.char_embedding.weight`), and a
saved weight's name is the same once the top-level prefix (`jointmodel0_`, which depends on how
many models the training process built) is stripped from both.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from joint_nlu.morphology import MORPHOLOGY_FEATURES
from joint_nlu.serving.model_dir import (
    CONFIG_FILE,
    INT8_ONNX_FILE,
    MODEL_FIX,
    ONNX_FILE,
    PARAMS_FILE,
    DamagedModelError,
    find_model_directory,
    first_line,
    read_model_json,
)
from joint_nlu.text import CHAR, CHAR_CLASS, FEATURES, FINAL, INITIAL, MEDIAL, MORPH_BOUNDARY

ONNX_OPSET = 13
# onnxruntime's contrib operators (the int8 LSTM and MatMul)
MS_DOMAIN, MS_OPSET = "com.microsoft", 1
INT8_RANGE = 127  # symmetric int8 weights: -127..127, zero point 0
INPUT_NAMES = ("data0", "data1")  # features (batch, time, features), valid_length (batch,)
OUTPUT_NAMES = ("intent_logits", "tag_logits")
_INT32, _INT64, _FLOAT = 6, 7, 1  # onnx.TensorProto data types
_GATES = [0, 3, 1, 2]  # MXNet's (i, f, c, o) gate blocks in ONNX's order (i, o, f, c)


def export_onnx(
    model_dir: str | Path, output: str | Path | None = None, int8: bool = False
) -> Path:
    """Write the network of a model directory as ONNX (default `<model_dir>/model.onnx`).

    `int8`: LSTM and dense weights as int8 (default file `<model_dir>/model.int8.onnx`, read
    by `Tagger.load(dir, backend="onnx", quantized=True)`).
    """
    try:
        import mxnet  # noqa: F401 - reads the params file and names the weights
        import onnx
    except ImportError as error:  # pragma: no cover - depends on the installed extras
        raise ImportError(
            f"ONNX export needs MXNet and onnx==1.15.0 ({error}): pip install -e '.[cpu,onnx]'"
        ) from error
    from joint_nlu.model import ModelConfig

    directory = find_model_directory(model_dir)
    default = directory / (INT8_ONNX_FILE if int8 else ONNX_FILE)
    output = Path(output) if output is not None else default
    try:
        config = ModelConfig.from_dict(read_model_json(directory, CONFIG_FILE)["model"])
    except (KeyError, TypeError, ValueError) as error:
        raise DamagedModelError(
            f"{directory / CONFIG_FILE} does not describe a model ({error!r}): {MODEL_FIX}"
        ) from None
    weights = _load_weights(directory / PARAMS_FILE, config)
    graph = _Graph(weights, int8=int8)
    if config.architecture == "notebook":
        intent_logits, tag_logits = _notebook_graph(graph, config)
    else:
        intent_logits, tag_logits = _joint_graph(graph, config)
    graph.name_output(intent_logits, OUTPUT_NAMES[0])
    graph.name_output(tag_logits, OUTPUT_NAMES[1])
    model = graph.model(config)
    onnx.checker.check_model(model)
    output.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(output))
    return output


def _load_weights(params_file: Path, config) -> dict[str, np.ndarray]:
    """Return the saved weights by structural name, checked against a fresh network's shapes."""
    import mxnet as mx

    from joint_nlu.model import build_model

    try:
        saved = mx.nd.load(str(params_file))
        if not isinstance(saved, dict):
            raise TypeError("not a dictionary of named arrays")
    except Exception as error:  # MXNetError: truncated, not a params file
        raise DamagedModelError(
            f"{params_file} is damaged or truncated ({first_line(error)}): {MODEL_FIX}"
        ) from None
    by_rest = {}
    for name, array in saved.items():
        bare = name.split(":", 1)[-1]  # arg:/aux:
        by_rest[bare.split("_", 1)[-1]] = array
    net = build_model(config)
    net.initialize()
    net(mx.nd.ones((1, 1, len(FEATURES))), mx.nd.ones((1,)))  # finishes deferred shapes
    weights = {}
    for key, parameter in net._collect_params_with_prefix().items():
        rest = parameter.name[len(net.prefix) :]
        array = by_rest.get(rest)
        if array is None:
            raise DamagedModelError(
                f"{params_file} lacks the weight {rest} ({key}) of the {config.architecture} "
                f"network that {CONFIG_FILE} describes: {MODEL_FIX}"
            )
        if tuple(array.shape) != tuple(parameter.shape):
            raise DamagedModelError(
                f"{params_file} holds {rest} ({key}) of shape {tuple(array.shape)} but "
                f"{CONFIG_FILE} describes shape {tuple(parameter.shape)}: {MODEL_FIX}"
            )
        # rnn.LSTM's layer-0 weights: forward_lstm._unfused.0.i2h_weight -> forward_lstm.i2h_weight
        weights[re.sub(r"\._unfused\.0\.", ".", key)] = array.asnumpy().astype(np.float32)
    return weights


class _Graph:
    """Nodes and initializers of one ONNX graph, with generated tensor names."""

    def __init__(self, weights: dict[str, np.ndarray], int8: bool = False) -> None:
        self.weights = weights
        self.int8 = int8
        self.nodes: list = []
        self.initializers: list = []
        self._count = 0

    def const(self, value, dtype=np.float32) -> str:
        """Add an initializer and return its name."""
        from onnx import numpy_helper

        self._count += 1
        name = f"const{self._count}"
        self.initializers.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def node(self, op: str, inputs: list[str], **attrs) -> str:
        """Add a one-output node and return its output's name."""
        from onnx import helper

        self._count += 1
        output = f"{op.lower()}{self._count}"
        self.nodes.append(helper.make_node(op, inputs, [output], name=f"n{self._count}", **attrs))
        return output

    def int8_const(self, weight: np.ndarray, keep_axis: int | None = None) -> tuple[str, str, str]:
        """Add `weight` as symmetric int8 (its largest magnitude maps to 127), one scale for
        the whole tensor or one per index of `keep_axis`; return the names of the int8
        weight, its scale(s) and its zero point(s) (0)."""
        others = tuple(axis for axis in range(weight.ndim) if axis != keep_axis)
        largest = np.abs(weight).max(axis=others, keepdims=True)
        scale = np.where(largest > 0, largest / INT8_RANGE, 1.0).astype(np.float32)
        quantised = np.clip(np.rint(weight / scale), -INT8_RANGE, INT8_RANGE).astype(np.int8)
        scale = scale.reshape(-1) if keep_axis is not None else scale.reshape(())
        return (
            self.const(quantised, np.int8),
            self.const(scale),
            self.const(np.zeros(scale.shape, np.int8), np.int8),
        )

    def matmul_add(self, data: str, weight: np.ndarray, bias: np.ndarray) -> str:
        """Return data @ weight + bias (weight (in, out)), int8 weights when `self.int8`."""
        if self.int8:
            quantised, scale, zero = self.int8_const(weight)
            return self.node(
                "DynamicQuantizeMatMul",
                [data, quantised, scale, zero, self.const(bias)],
                domain=MS_DOMAIN,
            )
        return self.node("Add", [self.node("MatMul", [data, self.const(weight)]), self.const(bias)])

    def name_output(self, tensor: str, name: str) -> None:
        """Rename the output `tensor` of its node to `name` (a graph output)."""
        for node in self.nodes:
            node.output[:] = [name if output == tensor else output for output in node.output]
            node.input[:] = [name if value == tensor else value for value in node.input]

    def model(self, config):
        from onnx import TensorProto, helper

        batch, time = "batch", "time"
        inputs = [
            helper.make_tensor_value_info(
                INPUT_NAMES[0], TensorProto.FLOAT, [batch, time, len(FEATURES)]
            ),
            helper.make_tensor_value_info(INPUT_NAMES[1], TensorProto.FLOAT, [batch]),
        ]
        outputs = [
            helper.make_tensor_value_info(
                OUTPUT_NAMES[0], TensorProto.FLOAT, [batch, config.n_intents]
            ),
            helper.make_tensor_value_info(
                OUTPUT_NAMES[1], TensorProto.FLOAT, [batch, time, config.n_tags]
            ),
        ]
        graph = helper.make_graph(
            self.nodes, "joint_nlu", inputs, outputs, initializer=self.initializers
        )
        return helper.make_model(
            graph,
            opset_imports=[helper.make_opsetid("", ONNX_OPSET)]
            + ([helper.make_opsetid(MS_DOMAIN, MS_OPSET)] if self.int8 else []),
            producer_name="joint_nlu",
        )

    # the network's pieces, time-major (time, batch, channels) like ONNX's LSTM

    def mask(self) -> tuple[str, str]:
        """Return the (time, batch, 1) bool mask of real characters and valid_length (batch, 1)."""
        shape = self.node("Shape", [INPUT_NAMES[0]])
        time = self.node("Cast", [self.node("Gather", [shape, self.const(1, np.int64)])], to=_FLOAT)
        positions = self.node("Range", [self.const(0.0), time, self.const(1.0)])  # (time,)
        positions = self.node("Unsqueeze", [positions, self.const([1, 2], np.int64)])
        lengths = self.node("Unsqueeze", [INPUT_NAMES[1], self.const([1], np.int64)])
        return self.node("Less", [positions, lengths]), lengths

    def masked_mean(self, data: str, mask: str, lengths: str) -> str:
        """Return the mean over time of (time, batch, channels) data at real characters."""
        masked = self.node("Where", [mask, data, self.const(0.0)])
        summed = self.node("ReduceSum", [masked, self.const([0], np.int64)], keepdims=0)
        return self.node("Div", [summed, lengths])  # (batch, channels)

    def dense(self, data: str, prefix: str, activation: str | None = None) -> str:
        """Return Dense over the last axis of (..., channels) data (Gluon's weight is (out, in))."""
        weight, bias = self.weights[f"{prefix}.weight"], self.weights[f"{prefix}.bias"]
        result = self.matmul_add(data, np.ascontiguousarray(weight.T), bias)
        return self.node(activation, [result]) if activation else result

    def gemm(self, data: str, prefix: str) -> str:
        """Return Dense of (batch, channels) data."""
        weight, bias = self.weights[f"{prefix}.weight"], self.weights[f"{prefix}.bias"]
        if self.int8:
            return self.matmul_add(data, np.ascontiguousarray(weight.T), bias)
        return self.node("Gemm", [data, self.const(weight), self.const(bias)], transB=1)

    def lstm(self, data: str, lengths: str, prefixes: list[str], hidden: int) -> str:
        """Return ONNX LSTM's Y (time, directions, batch, hidden) of time-major data."""
        w, r, b = [], [], []
        for prefix in prefixes:
            blocks = {
                key: self.weights[f"{prefix}.{key}"].reshape(4, hidden, -1)[_GATES]
                for key in ("i2h_weight", "h2h_weight", "i2h_bias", "h2h_bias")
            }
            w.append(blocks["i2h_weight"].reshape(4 * hidden, -1))
            r.append(blocks["h2h_weight"].reshape(4 * hidden, hidden))
            b.append(np.concatenate([blocks["i2h_bias"].ravel(), blocks["h2h_bias"].ravel()]))
        direction = "bidirectional" if len(prefixes) == 2 else "forward"
        if self.int8:
            # DynamicQuantizeLSTM takes W (directions, input, 4 * hidden) and R (directions,
            # hidden, 4 * hidden), ONNX's LSTM weights transposed, with a scale per direction
            w_q, w_scale, w_zero = self.int8_const(np.stack(w).transpose(0, 2, 1), keep_axis=0)
            r_q, r_scale, r_zero = self.int8_const(np.stack(r).transpose(0, 2, 1), keep_axis=0)
            scales = [w_scale, w_zero, r_scale, r_zero]
            return self.node(
                "DynamicQuantizeLSTM",
                [data, w_q, r_q, self.const(b), lengths, "", "", "", *scales],
                hidden_size=hidden,
                direction=direction,
                domain=MS_DOMAIN,
            )
        return self.node(
            "LSTM",
            [data, self.const(w), self.const(r), self.const(b), lengths],
            hidden_size=hidden,
            direction=direction,
        )

    def bilstm(self, data: str, lengths: str, prefix: str, hidden: int) -> str:
        """Return a MaskedBiLSTM's (time, batch, 2 * hidden) output (forward half first)."""
        y = self.lstm(data, lengths, [f"{prefix}.forward_lstm", f"{prefix}.backward_lstm"], hidden)
        y = self.node("Transpose", [y], perm=[0, 2, 1, 3])  # (time, batch, 2, hidden)
        return self.node("Reshape", [y, self.const([0, 0, -1], np.int64)])


def _joint_graph(graph: _Graph, config) -> tuple[str, str]:
    """Add JointModel: CharacterEncoder, pooled intent head, per-character tag head."""
    from joint_nlu.model import _MASKED_OUT

    # (column of the features, embedding weight) in the order CharacterEncoder concatenates them
    embeddings = [
        (CHAR, "char_embedding"),
        (INITIAL, "initial_embedding"),
        (MEDIAL, "medial_embedding"),
        (FINAL, "final_embedding"),
        (CHAR_CLASS, "class_embedding"),
    ]
    if config.morphology != "none":
        embeddings += [
            (MORPH_BOUNDARY + offset, f"morphology_embeddings.{offset}")
            for offset in range(len(MORPHOLOGY_FEATURES))
        ]
    tables = [graph.weights[f"encoder.{name}.weight"] for _, name in embeddings]
    # one block-diagonal table: rows offset[k] + id hold embedding k's vector in its own columns,
    # so summing the k looked-up rows is the concatenation of the k lookups
    rows = np.cumsum([0] + [len(table) for table in tables])
    columns = np.cumsum([0] + [table.shape[1] for table in tables])
    combined = np.zeros((rows[-1], columns[-1]), np.float32)
    offsets = np.zeros(len(embeddings), np.int64)
    for k, table in enumerate(tables):
        combined[rows[k] : rows[k + 1], columns[k] : columns[k + 1]] = table
        offsets[k] = rows[k]
    features = graph.node("Transpose", [INPUT_NAMES[0]], perm=[1, 0, 2])  # (time, batch, all)
    if len(embeddings) < len(FEATURES):  # only the columns the network reads
        used = graph.const([feature for feature, _ in embeddings], np.int64)
        features = graph.node("Gather", [features, used], axis=2)  # (time, batch, k)
    ids = graph.node(
        "Add", [graph.node("Cast", [features], to=_INT64), graph.const(offsets, np.int64)]
    )
    looked_up = graph.node("Gather", [graph.const(combined), ids])  # (time, batch, k, width)
    hidden = graph.node("ReduceSum", [looked_up, graph.const([2], np.int64)], keepdims=0)
    mask, lengths = graph.mask()
    encode = _dilated_cnn_encoder if config.encoder == "dilated_cnn" else _bilstm_encoder
    hidden = encode(graph, config, hidden, mask)  # (time, batch, encoded width)
    mean = graph.masked_mean(hidden, mask, lengths)
    masked_out = graph.node("Where", [mask, hidden, graph.const(_MASKED_OUT)])
    maximum = graph.node("ReduceMax", [masked_out], axes=[0], keepdims=0)
    pooled = graph.node("Concat", [mean, maximum], axis=1)  # (batch, 2 * encoded width)
    intent_logits = graph.gemm(pooled, "intent_output")
    tag_logits = graph.dense(graph.dense(hidden, "tag_hidden", "Relu"), "tag_output")
    return intent_logits, graph.node("Transpose", [tag_logits], perm=[1, 0, 2])


def _bilstm_encoder(graph: _Graph, config, hidden: str, mask: str) -> str:
    """Add encoder bilstm: (time, batch, width) embeddings -> (time, batch, 2 * hidden)."""
    if config.conv_channels:
        # zeros past the valid length are the convolution's padding, as in MXNet
        hidden = graph.node("Where", [mask, hidden, graph.const(0.0)])
        conv = graph.node(
            "Conv",
            [
                graph.node("Transpose", [hidden], perm=[1, 2, 0]),  # (batch, width, time)
                graph.const(graph.weights["encoder.conv.weight"]),
                graph.const(graph.weights["encoder.conv.bias"]),
            ],
            kernel_shape=[config.conv_kernel],
            pads=[config.conv_kernel // 2] * 2,
        )
        conv = graph.node("Transpose", [graph.node("Relu", [conv])], perm=[2, 0, 1])
        # MXNet masks the concatenation again; the LSTMs never read past the valid length
        hidden = graph.node("Concat", [hidden, conv], axis=2)
    sequence_lens = graph.node("Cast", [INPUT_NAMES[1]], to=_INT32)
    for layer in range(config.lstm_layers):
        hidden = graph.bilstm(hidden, sequence_lens, f"encoder.lstms.{layer}", config.hidden)
    return hidden


def _dilated_cnn_encoder(graph: _Graph, config, hidden: str, mask: str) -> str:
    """Add encoder dilated_cnn (DilatedConvEncoder): (time, batch, width) -> (time, batch, channels).

    Channels-first (batch, channels, time) throughout, like MXNet's Conv1D; every convolution
    reads its input with the padding zeroed, so it sees the zeros MXNet's masks give it.
    """
    weights: dict[str, list[str]] = {}  # one initializer per weight, read by every repeat

    def conv_relu(data: str, prefix: str, dilation: int) -> str:
        if prefix not in weights:
            weights[prefix] = [
                graph.const(graph.weights[f"{prefix}.{key}"]) for key in ("weight", "bias")
            ]
        output = graph.node(
            "Conv",
            [data, *weights[prefix]],
            kernel_shape=[config.cnn_kernel],
            dilations=[dilation],
            pads=[dilation * (config.cnn_kernel // 2)] * 2,
        )
        return graph.node("Relu", [output])

    zero = graph.const(0.0)
    real = graph.node("Transpose", [mask], perm=[1, 2, 0])  # (batch, 1, time)
    hidden = graph.node("Where", [mask, hidden, zero])
    hidden = graph.node("Transpose", [hidden], perm=[1, 2, 0])  # (batch, width, time)
    hidden = conv_relu(hidden, "encoder.dilated.input_conv", 1)
    for _ in range(config.cnn_block_repeats):
        for layer, dilation in enumerate(config.cnn_dilations):
            masked = graph.node("Where", [real, hidden, zero])
            update = conv_relu(masked, f"encoder.dilated.block.{layer}", dilation)
            hidden = graph.node("Add", [hidden, update])
    return graph.node("Transpose", [hidden], perm=[2, 0, 1])


def _notebook_graph(graph: _Graph, config) -> tuple[str, str]:
    """Add NotebookModel: an intent branch and a tag branch over character ids."""
    chars = graph.node("Gather", [INPUT_NAMES[0], graph.const(CHAR, np.int64)], axis=2)
    chars = graph.node("Cast", [graph.node("Transpose", [chars], perm=[1, 0])], to=_INT64)
    mask, lengths = graph.mask()
    sequence_lens = graph.node("Cast", [INPUT_NAMES[1]], to=_INT32)
    embedded = graph.node("Gather", [graph.const(graph.weights["intent_embedding.weight"]), chars])
    states = graph.lstm(embedded, sequence_lens, ["intent_lstm"], config.hidden)
    states = graph.node("Squeeze", [states, graph.const([1], np.int64)])  # (time, batch, hidden)
    mean = graph.masked_mean(states, mask, lengths)
    intent_logits = graph.gemm(mean, "intent_output")
    embedded = graph.node("Gather", [graph.const(graph.weights["tag_embedding.weight"]), chars])
    tag_states = graph.bilstm(embedded, sequence_lens, "tag_lstm", config.hidden)
    tag_logits = graph.dense(graph.dense(tag_states, "tag_hidden"), "tag_output")
    return intent_logits, graph.node("Transpose", [tag_logits], perm=[1, 0, 2])
