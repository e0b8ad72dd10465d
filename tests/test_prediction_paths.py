"""One trained model, every prediction path: the same answers (MXNet, ONNX, the batch
pipeline, the MLflow pyfunc model, the command line), Korean morphology included."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.helpers import QUIET_ENV, run_kedro

pytestmark = pytest.mark.slow

SENTENCES = [
    "한라산의 높이는?",
    "",
    "BTS 나이 알려줘 😀",
    "위키백과에서 푸조 508 전고가 몇이야",
    "대전광역시 면적 좀 알려줄래",
    "  두만강  길이 ",
    # out of scope (the tiny pool's phrasings and others): rejected the same way everywhere
    "오늘 날씨 어때",
    "ㅋㅋㅋ",
    "https://naver.com",
]
COMPARED = ("sentence", "intent", "tags", "spans", "truncated", "out_of_scope")


def _same(expected: list[dict], actual: list[dict], path: str) -> None:
    assert len(actual) == len(expected), path
    for want, got in zip(expected, actual, strict=True):
        for key in COMPARED:
            assert got[key] == want[key], (path, key, want["sentence"])
        assert got["intent_probability"] == pytest.approx(want["intent_probability"], abs=1e-5)


def test_every_prediction_path_gives_the_same_answers(tiny_project, tmp_path):
    from joint_nlu import Tagger
    from joint_nlu.serving.onnx_export import export_onnx

    model = tiny_project / "data/06_models/tagger"
    mxnet = Tagger.load(model)
    assert mxnet.analyser is not None  # the default model reads Kiwi's morphology
    expected = mxnet.predict(SENTENCES)
    assert any(p["out_of_scope"] for p in expected) and not all(p["out_of_scope"] for p in expected)
    # a sentence Kiwi splits into several morphemes decodes on their boundaries
    assert mxnet.decoding == "morphemes"

    onnx_copy = tmp_path / "onnx_model"
    onnx_copy.mkdir()
    for path in model.iterdir():
        (onnx_copy / path.name).write_bytes(path.read_bytes())
    export_onnx(onnx_copy)
    _same(expected, Tagger.load(onnx_copy, backend="onnx").predict(SENTENCES), "onnx")

    env = {"MLFLOW_TRACKING_URI": f"sqlite:///{tiny_project / 'mlflow.db'}"}
    sentences_file = tiny_project / "data/05_model_input/sentences.txt"
    sentences_file.write_text("".join(f"{s}\n" for s in SENTENCES), encoding="utf-8")
    batch = run_kedro(tiny_project, "run", "--env", "test", "--pipelines=inference", env=env)
    assert batch.returncode == 0, batch.stderr[-3000:]
    lines = (tiny_project / "data/07_model_output/predictions.jsonl").read_text(encoding="utf-8")
    _same(expected, [json.loads(line) for line in lines.splitlines()], "batch pipeline")

    import mlflow

    mlflow.set_tracking_uri(env["MLFLOW_TRACKING_URI"])
    run = mlflow.search_runs(experiment_names=["joint_nlu"], order_by=["start_time ASC"]).iloc[0]
    code = (
        "import json, mlflow.pyfunc, pandas as pd\n"
        f"model = mlflow.pyfunc.load_model('runs:/{run['run_id']}/joint_nlu')\n"
        f"frame = model.predict(pd.DataFrame({{'sentence': {SENTENCES!r}}}))\n"
        "print(json.dumps(frame.to_dict(orient='records'), ensure_ascii=False))\n"
    )
    pyfunc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**os.environ, **QUIET_ENV, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert pyfunc.returncode == 0, pyfunc.stderr[-3000:]
    _same(expected, json.loads(pyfunc.stdout.strip().splitlines()[-1]), "pyfunc")

    cli = subprocess.run(
        [sys.executable, "-m", "joint_nlu", "predict", "--model", str(model), *SENTENCES],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert cli.returncode == 0, cli.stderr[-3000:]
    _same(expected, [json.loads(line) for line in cli.stdout.splitlines()], "cli")
