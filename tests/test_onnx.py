"""ONNX: both architectures export, onnxruntime matches MXNet, and never imports MXNet."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from joint_nlu.tagger import Tagger
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


@pytest.fixture(scope="module", params=["bilstm", "notebook"])
def exported(request, tmp_path_factory):
    from joint_nlu.onnx_export import export_onnx

    directory = train_tiny(request.param, tmp_path_factory.mktemp("onnx") / request.param)
    export_onnx(directory)
    return directory


def test_onnx_outputs_match_mxnet_on_a_batch(exported):
    import mxnet as mx
    import onnxruntime as ort

    tagger = Tagger.load(exported)
    features, valid_length, _ = tagger._encoder.encode(SENTENCES, tagger.config.window)
    expected = [
        out.asnumpy() for out in tagger.net(mx.nd.array(features), mx.nd.array(valid_length))
    ]
    session = ort.InferenceSession(str(exported / "model.onnx"), providers=["CPUExecutionProvider"])
    names = [graph_input.name for graph_input in session.get_inputs()]
    assert names == ["data0", "data1"]
    actual = session.run(None, {"data0": features, "data1": valid_length})
    for mxnet_output, onnx_output in zip(expected, actual):
        assert mxnet_output.shape == onnx_output.shape
        np.testing.assert_allclose(onnx_output, mxnet_output, atol=1e-5, rtol=0)


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
