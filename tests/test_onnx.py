"""ONNX: every architecture and encoder exports, onnxruntime matches MXNet, never imports MXNet."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from joint_nlu import Tagger
from joint_nlu.model import ModelConfig
from joint_nlu.serving.model_dir import CONFIG_FILE, PARAMS_FILE
from tests.helpers import TINY_SIZES, toy_encoded, toy_rows, toy_vocabs, training_config
from tests.inference_models import train_tiny

pytest.importorskip("onnxruntime")
pytest.importorskip("onnx")

SENTENCES = [
    "한라산의 높이는?",
    "",
    "   ",
    "BTS 나이 알려줘 😀",
    "\x00\x07 control",
    "x" * 45,
    "푸조 508 면적이 얼마야",
    "東京タワー height",
]


@pytest.fixture(scope="module", params=["bilstm", "notebook", "bilstm_kiwi"])
def exported(request, tmp_path_factory):
    from joint_nlu.serving.onnx_export import export_onnx

    architecture, _, analyser = request.param.partition("_")
    directory = train_tiny(
        architecture, tmp_path_factory.mktemp("onnx") / request.param, morphology=bool(analyser)
    )
    export_onnx(directory)
    return directory


def assert_onnx_matches_mxnet(directory):
    """Assert model.onnx gives MXNet's intent logits, and its tag logits at real characters.

    Tag logits past a sentence's valid length differ: ONNX's LSTM stops at the valid length
    (its outputs there are zeros) while MXNet's runs on over the padding. No caller reads them
    (serving.predict.iter_predictions decodes the first `seen` characters of each row).
    """
    import mxnet as mx
    import onnxruntime as ort

    tagger = Tagger.load(directory)
    features, valid_length, _ = tagger._encoder.encode(SENTENCES, tagger.config.window)
    expected = [
        out.asnumpy() for out in tagger.net(mx.nd.array(features), mx.nd.array(valid_length))
    ]
    session = ort.InferenceSession(
        str(directory / "model.onnx"), providers=["CPUExecutionProvider"]
    )
    names = [graph_input.name for graph_input in session.get_inputs()]
    assert names == ["data0", "data1"]
    actual = session.run(None, {"data0": features, "data1": valid_length})
    for mxnet_output, onnx_output in zip(expected, actual):
        assert mxnet_output.shape == onnx_output.shape
    np.testing.assert_allclose(actual[0], expected[0], atol=1e-5, rtol=0)
    real = np.arange(features.shape[1])[None, :] < valid_length[:, None]
    np.testing.assert_allclose(actual[1][real], expected[1][real], atol=1e-5, rtol=0)


def test_onnx_outputs_match_mxnet_on_a_batch(exported):
    assert_onnx_matches_mxnet(exported)


def test_onnx_graph_stays_small(exported):
    import onnx

    # the hand-built graph is ~35 nodes; mx.onnx.export_model's plumbing was ~300
    assert len(onnx.load(str(exported / "model.onnx")).graph.node) < 60


def test_two_lstm_layers_without_cnn_export(tmp_path):
    from joint_nlu.serving.onnx_export import export_onnx
    from joint_nlu.training import train

    rows = toy_rows(60)
    vocabs = toy_vocabs(rows)
    data = toy_encoded(rows, vocabs)
    sizes = {**TINY_SIZES["bilstm"], "conv_channels": 0, "lstm_layers": 2}
    config = ModelConfig(len(vocabs[0]), len(vocabs[1]), len(vocabs[2]), **sizes)
    settings = training_config(epochs=1, batch_size=16, device="cpu", progress=False, seed=3)
    net = train(config, data, data, settings).net
    directory = Tagger(net, config, *vocabs).save(tmp_path / "model")
    export_onnx(directory)
    assert_onnx_matches_mxnet(directory)


# encoder dilated_cnn: the default block, and an odd kernel/dilation/repeat mix
DILATED_SIZES = {
    "default_block": {"cnn_channels": 8},
    "kernel5_dilations13_repeat3": {
        "cnn_channels": 6,
        "cnn_kernel": 5,
        "cnn_dilations": [1, 3],
        "cnn_block_repeats": 3,
    },
}


@pytest.fixture(scope="module", params=list(DILATED_SIZES))
def exported_dilated(request, tmp_path_factory):
    from joint_nlu.serving.onnx_export import export_onnx
    from joint_nlu.training import train

    rows = toy_rows(60)
    vocabs = toy_vocabs(rows)
    data = toy_encoded(rows, vocabs)
    sizes = {**TINY_SIZES["bilstm"], **DILATED_SIZES[request.param]}
    config = ModelConfig(
        len(vocabs[0]), len(vocabs[1]), len(vocabs[2]), encoder="dilated_cnn", **sizes
    )
    settings = training_config(epochs=1, batch_size=16, device="cpu", progress=False, seed=3)
    net = train(config, data, data, settings).net
    tagger = Tagger(net, config, *vocabs, decoding="single_span", allow_empty=False)
    directory = tagger.save(tmp_path_factory.mktemp("onnx") / request.param)
    export_onnx(directory)
    return directory


def test_dilated_cnn_onnx_matches_mxnet_and_stays_small(exported_dilated):
    import onnx

    assert_onnx_matches_mxnet(exported_dilated)  # the batch pads to 45 characters
    config = Tagger.load(exported_dilated).config
    layers = 1 + config.cnn_block_repeats * len(config.cnn_dilations)
    nodes = [node.op_type for node in onnx.load(str(exported_dilated / "model.onnx")).graph.node]
    assert nodes.count("Conv") == layers
    assert "LSTM" not in nodes
    # Conv + Relu per layer, a padding mask and a residual Add per repeated layer, ~25 around
    assert len(nodes) <= 30 + 4 * layers


def test_dilated_cnn_onnx_backend_predicts_what_mxnet_predicts(exported_dilated):
    mxnet_predictions = Tagger.load(exported_dilated).predict(SENTENCES)
    onnx_predictions = Tagger.load(exported_dilated, backend="onnx", threads=1).predict(SENTENCES)
    for mxnet_prediction, onnx_prediction in zip(mxnet_predictions, onnx_predictions):
        for key in ("intent", "tags", "spans", "truncated"):
            assert onnx_prediction[key] == mxnet_prediction[key], key
        assert onnx_prediction["intent_probability"] == pytest.approx(
            mxnet_prediction["intent_probability"], abs=1e-5
        )


def test_dilated_cnn_export_of_other_sizes_names_the_params_file(exported_dilated, tmp_path):
    from joint_nlu.serving.model_dir import DamagedModelError
    from joint_nlu.serving.onnx_export import export_onnx

    directory = Path(shutil.copytree(exported_dilated, tmp_path / "model"))
    config_file = directory / CONFIG_FILE
    description = json.loads(config_file.read_text(encoding="utf-8"))
    description["model"]["cnn_channels"] += 1
    config_file.write_text(json.dumps(description), encoding="utf-8")
    with pytest.raises(DamagedModelError, match=PARAMS_FILE):
        export_onnx(directory, tmp_path / "other.onnx")


def test_export_of_mismatched_weights_names_the_params_file(exported, tmp_path):
    from joint_nlu.serving.model_dir import DamagedModelError
    from joint_nlu.serving.onnx_export import export_onnx

    directory = Path(shutil.copytree(exported, tmp_path / "model"))
    config_file = directory / CONFIG_FILE
    description = json.loads(config_file.read_text(encoding="utf-8"))
    description["model"]["hidden"] += 1  # a config.json of another run
    config_file.write_text(json.dumps(description), encoding="utf-8")
    with pytest.raises(DamagedModelError, match=PARAMS_FILE):
        export_onnx(directory, tmp_path / "other.onnx")
    assert not (tmp_path / "other.onnx").exists()


def test_onnx_backend_predicts_what_mxnet_predicts(exported):
    mxnet_predictions = Tagger.load(exported).predict(SENTENCES)
    onnx_predictions = Tagger.load(exported, backend="onnx", threads=2).predict(SENTENCES)
    for mxnet_prediction, onnx_prediction in zip(mxnet_predictions, onnx_predictions):
        for key in ("sentence", "intent", "tags", "spans", "truncated"):
            assert onnx_prediction[key] == mxnet_prediction[key], key
        assert onnx_prediction["intent_probability"] == pytest.approx(
            mxnet_prediction["intent_probability"], abs=1e-5
        )


def test_onnx_prediction_never_imports_mxnet(exported):
    code = (
        "import json, sys\n"
        "from joint_nlu import Tagger\n"
        f"tagger = Tagger.load({str(exported)!r}, backend='onnx')\n"
        "predictions = tagger.predict(['한라산의 높이는?', ''])\n"
        "print(json.dumps({'tags': [p['tags'] for p in predictions],\n"
        "    'loaded': [m for m in ('mxnet', 'gluonnlp') if m in sys.modules]}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["loaded"] == []
    assert len(report["tags"][0]) == len("한라산의 높이는?") and report["tags"][1] == ""


def test_a_directory_without_model_onnx_says_how_to_export(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(FileNotFoundError, match="joint-nlu export-onnx"):
        Tagger.load(tmp_path, backend="onnx")


def test_cli_exports_and_predicts_with_onnx(tmp_path):
    directory = train_tiny("bilstm", tmp_path / "model")
    export = subprocess.run(
        [sys.executable, "-m", "joint_nlu", "export-onnx", str(directory)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert export.returncode == 0, export.stderr[-2000:]
    assert (directory / "model.onnx").is_file()
    predict = subprocess.run(
        [sys.executable, "-m", "joint_nlu", "predict", "--model", str(directory)]
        + ["--backend", "onnx", "한라산의 높이는?"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert predict.returncode == 0, predict.stderr[-2000:]
    assert (
        json.loads(predict.stdout)["tags"]
        == Tagger.load(directory).predict(["한라산의 높이는?"])[0]["tags"]
    )


# int8 (`export-onnx --int8`): logits this close to the float graph's on the tiny models
INT8_LOGIT_TOLERANCE = 0.25


def test_int8_export_quantises_the_lstms_and_dense_layers_and_stays_close(exported):
    import onnx
    import onnxruntime as ort

    from joint_nlu.serving.onnx_export import export_onnx

    written = export_onnx(exported, int8=True)
    assert written == exported / "model.int8.onnx"
    graph = onnx.load(str(written)).graph
    ops = [node.op_type for node in graph.node]
    assert "DynamicQuantizeLSTM" in ops and "DynamicQuantizeMatMul" in ops
    assert not {"LSTM", "MatMul", "Gemm"} & set(ops)
    assert len(ops) <= len(onnx.load(str(exported / "model.onnx")).graph.node)
    assert written.stat().st_size < (exported / "model.onnx").stat().st_size
    int8 = {w.name: w for w in graph.initializer if w.data_type == onnx.TensorProto.INT8}
    assert int8  # the weights themselves are stored as int8

    tagger = Tagger.load(exported, backend="onnx")
    features, valid_length, _ = tagger._encoder.encode(SENTENCES, tagger.window)
    inputs = {"data0": features, "data1": valid_length}
    float_outputs = tagger.session.run(None, inputs)
    session = ort.InferenceSession(str(written), providers=["CPUExecutionProvider"])
    int8_outputs = session.run(None, inputs)
    np.testing.assert_allclose(int8_outputs[0], float_outputs[0], atol=INT8_LOGIT_TOLERANCE)
    real = np.arange(features.shape[1])[None, :] < valid_length[:, None]
    np.testing.assert_allclose(
        int8_outputs[1][real], float_outputs[1][real], atol=INT8_LOGIT_TOLERANCE
    )


def test_quantized_tagger_predicts_with_model_int8_onnx(exported):
    from joint_nlu.serving.onnx_export import export_onnx

    export_onnx(exported, int8=True)
    quantized = Tagger.load(exported, backend="onnx", quantized=True)
    assert quantized.model_file == exported / "model.int8.onnx"
    predictions = quantized.predict(SENTENCES)
    for sentence, prediction in zip(SENTENCES, predictions, strict=True):
        assert prediction["sentence"] == sentence
        assert len(prediction["tags"]) == len(sentence)
        assert prediction["intent"] in quantized.intents


def test_a_directory_without_model_int8_onnx_says_how_to_export(exported, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(exported, copy)
    (copy / "model.int8.onnx").unlink(missing_ok=True)
    with pytest.raises(FileNotFoundError, match="export-onnx --int8"):
        Tagger.load(copy, backend="onnx", quantized=True)
    with pytest.raises(ValueError, match="backend='onnx'"):
        Tagger.load(copy, quantized=True)


def test_cli_exports_int8(exported, tmp_path, capsys):
    from joint_nlu.command_line import main

    out = tmp_path / "other.int8.onnx"
    assert main(["export-onnx", str(exported), "--int8", "--out", str(out)]) == 0
    assert out.is_file() and str(out) in capsys.readouterr().err
