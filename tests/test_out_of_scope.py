"""Out of scope at prediction time: the threshold and the out-of-scope intent reject answers the
same way in Tagger.predict, the ONNX backend, the batch pipeline and the command line; the
calibration a model directory records is read, checked and applied."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from kedro.io import DataCatalog, MemoryDataset
from kedro.runner import SequentialRunner

from joint_nlu import Tagger
from joint_nlu.calibration import Calibration, temper
from joint_nlu.command_line import main
from joint_nlu.pipelines import inference
from joint_nlu.pipelines.inference.nodes import threshold_parameter
from joint_nlu.serving.model_dir import CONFIG_FILE, DamagedModelError
from tests.inference_models import train_tiny

SENTENCES = [
    "한라산의 높이는?",
    "BTS 나이 알려줘",
    "푸조 508 면적이 얼마야",
    "오늘 날씨 어때",
    "ㅋㅋㅋ",
    "https://naver.com",
    "김철수 나이 알려줘",
    "",
]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    """A tiny trained model with model.onnx, saved before any calibration (none recorded)."""
    from joint_nlu.serving.onnx_export import export_onnx

    directory = train_tiny("bilstm", tmp_path_factory.mktemp("oos") / "model")
    export_onnx(directory)
    return directory


@pytest.fixture(scope="module")
def plain(model_dir) -> list[dict]:
    """The predictions of the model with nothing rejected."""
    return Tagger.load(model_dir).predict(SENTENCES, threshold=0.0)


def calibrated(model_dir: Path, destination: Path, calibration: Calibration | None) -> Path:
    """Return a copy of the model directory whose config.json records `calibration`."""
    shutil.copytree(model_dir, destination)
    config = json.loads((destination / CONFIG_FILE).read_text(encoding="utf-8"))
    if calibration is None:
        config.pop("calibration", None)
    else:
        config["calibration"] = calibration.to_json()
    (destination / CONFIG_FILE).write_text(json.dumps(config), encoding="utf-8")
    return destination


def median_cut(predictions: list[dict]) -> float:
    """Return a threshold between the lower and the upper half of the intent probabilities."""
    probabilities = sorted(p["intent_probability"] for p in predictions)
    cut = float(np.mean(probabilities[len(probabilities) // 2 - 1 : len(probabilities) // 2 + 1]))
    assert probabilities[0] < cut < probabilities[-1]
    return cut


def assert_rejected(answer: dict, before: dict) -> None:
    """Assert an answer is out of scope: no intent, no span, tags outside, top intents kept."""
    assert answer["out_of_scope"] is True and answer["intent"] is None
    assert answer["spans"] == [] and answer["tags"] == "C" * len(answer["sentence"])
    assert answer["top_intents"] == before["top_intents"]


def test_a_model_without_calibration_rejects_nothing_by_itself(model_dir, plain):
    tagger = Tagger.load(model_dir)
    assert tagger.calibration == Calibration()
    assert tagger.predict(SENTENCES) == plain
    assert not any(p["out_of_scope"] for p in plain)
    assert all(p["intent"] == p["top_intents"][0]["intent"] for p in plain)


def test_below_the_threshold_an_answer_is_out_of_scope(model_dir, plain):
    cut = median_cut(plain)
    judged = Tagger.load(model_dir).predict(SENTENCES, threshold=cut)
    assert 0 < sum(p["out_of_scope"] for p in judged) < len(SENTENCES)
    for before, answer in zip(plain, judged, strict=True):
        assert answer["intent_probability"] == before["intent_probability"]
        if before["intent_probability"] < cut:
            assert_rejected(answer, before)
        else:
            assert answer == before


def test_the_saved_threshold_is_the_default_and_a_call_overrides_it(model_dir, plain, tmp_path):
    cut = median_cut(plain)
    saved = calibrated(model_dir, tmp_path / "m", Calibration(threshold=cut))
    tagger = Tagger.load(saved)
    assert tagger.predict(SENTENCES) == Tagger.load(model_dir).predict(SENTENCES, threshold=cut)
    assert tagger.predict(SENTENCES, threshold=0.0) == plain
    with pytest.raises(ValueError, match="from 0 to 1"):
        tagger.predict(SENTENCES, threshold=1.5)


def test_the_out_of_scope_intent_rejects_when_it_wins(model_dir, plain, tmp_path):
    declared = plain[0]["intent"]  # pretend the first sentence's intent is the out-of-scope one
    saved = calibrated(model_dir, tmp_path / "m", Calibration(out_of_scope_intent=declared))
    judged = Tagger.load(saved).predict(SENTENCES)
    for before, answer in zip(plain, judged, strict=True):
        if before["intent"] == declared:
            assert_rejected(answer, before)
            # the probability is the best in-scope intent's: the runner-up here
            assert answer["intent_probability"] == before["top_intents"][1]["probability"]
        else:
            assert answer == before
    assert judged[0]["out_of_scope"]


def test_the_temperature_tempers_probabilities_and_keeps_the_choices(model_dir, plain, tmp_path):
    saved = calibrated(model_dir, tmp_path / "m", Calibration(temperature=3.0))
    tagger = Tagger.load(saved)
    hot = tagger.predict(SENTENCES, top_k=len(tagger.intents))
    for before, answer in zip(plain, hot, strict=True):
        assert answer["intent"] == before["intent"] and answer["tags"] == before["tags"]
        assert answer["intent_probability"] < before["intent_probability"]
    full = Tagger.load(model_dir).predict(SENTENCES, top_k=len(tagger.intents))
    raw = np.array([[t["probability"] for t in sorted(p["top_intents"], key=str)] for p in full])
    tempered = np.array(
        [[t["probability"] for t in sorted(p["top_intents"], key=str)] for p in hot]
    )
    np.testing.assert_allclose(tempered, temper(raw, 3.0), rtol=1e-5)


def test_onnx_rejects_the_same_answers(model_dir, plain, tmp_path):
    declared = plain[0]["intent"]
    calibration = Calibration(temperature=1.5, out_of_scope_intent=declared)
    saved = calibrated(model_dir, tmp_path / "m", calibration)
    mxnet, onnx = Tagger.load(saved), Tagger.load(saved, backend="onnx")
    cut = median_cut(mxnet.predict(SENTENCES, threshold=0.0))
    for threshold in (0.0, cut):  # the out-of-scope intent alone, then with the threshold
        by_mxnet = mxnet.predict(SENTENCES, threshold=threshold)
        by_onnx = onnx.predict(SENTENCES, threshold=threshold)
        assert 0 < sum(p["out_of_scope"] for p in by_mxnet) < len(SENTENCES)
        for a, b in zip(by_mxnet, by_onnx, strict=True):
            for key in ("intent", "out_of_scope", "tags", "spans"):
                assert a[key] == b[key], key
            assert a["intent_probability"] == pytest.approx(b["intent_probability"], abs=1e-5)


def test_a_damaged_calibration_is_refused_at_load(model_dir, tmp_path):
    config = json.loads((model_dir / CONFIG_FILE).read_text(encoding="utf-8"))
    damaged = calibrated(model_dir, tmp_path / "m", None)
    config["calibration"] = {"temperature": -1}
    (damaged / CONFIG_FILE).write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(DamagedModelError, match="invalid calibration"):
        Tagger.load(damaged)
    # a config.json written before calibration existed loads with none
    older = calibrated(model_dir, tmp_path / "older", None)
    assert Tagger.load(older, backend="onnx").calibration == Calibration()


def test_the_batch_pipeline_passes_the_threshold_parameter(model_dir, plain):
    tagger = Tagger.load(model_dir)
    cut = median_cut(plain)
    for value, expected in ((cut, tagger.predict(SENTENCES, threshold=cut)), ("auto", plain)):
        catalog = DataCatalog(
            {
                "trained_model": MemoryDataset(tagger, copy_mode="assign"),
                "sentences": MemoryDataset(pd.DataFrame({"sentence": SENTENCES})),
                "params:inference": MemoryDataset(
                    {"top_k": 3, "batch_size": 4, "out_of_scope_threshold": value}
                ),
            }
        )
        SequentialRunner().run(inference.create_pipeline(), catalog)
        frame = catalog.load("predictions")
        assert list(frame["out_of_scope"]) == [p["out_of_scope"] for p in expected]
        assert [None if pd.isna(i) else i for i in frame["intent"]] == [
            p["intent"] for p in expected
        ]
        assert list(frame["spans"]) == [p["spans"] for p in expected]


@pytest.mark.parametrize("value", [0.5, "0.5", "auto", None])
def test_threshold_parameter_reads_auto_or_a_number(value):
    assert threshold_parameter(value) == (None if value in ("auto", None) else 0.5)


@pytest.mark.parametrize("value", ["high", 2, -0.5, True])
def test_threshold_parameter_refuses_anything_else(value):
    with pytest.raises(ValueError, match="inference.out_of_scope_threshold must be auto"):
        threshold_parameter(value)


def test_command_line_predict_threshold(model_dir, plain, capsys):
    cut = median_cut(plain)
    assert main(["predict", "--model", str(model_dir), "--threshold", str(cut), *SENTENCES]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = Tagger.load(model_dir).predict(SENTENCES, threshold=cut)
    assert [p["out_of_scope"] for p in printed] == [p["out_of_scope"] for p in expected]
    assert [p["intent"] for p in printed] == [p["intent"] for p in expected]
    with pytest.raises(SystemExit):
        main(["predict", "--model", str(model_dir), "--threshold", "2", "가"])
    assert "not a number from 0 to 1" in capsys.readouterr().err
