"""Damaged or mismatched model directories: a clear error naming the files, at load time."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from joint_nlu import Tagger
from joint_nlu.serving.model_dir import (
    CONFIG_FILE,
    PARAMS_FILE,
    SYMBOL_FILE,
    VOCAB_FILES,
    DamagedModelError,
)
from joint_nlu.text import build_char_vocab, build_label_vocab, vocab_to_json
from tests.inference_models import train_tiny

FIX = "copy the whole model directory of one training run"


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> Path:
    """A tiny trained model directory, with its ONNX export."""
    from joint_nlu.serving.onnx_export import export_onnx

    directory = train_tiny("bilstm", tmp_path_factory.mktemp("artifacts") / "tagger")
    export_onnx(directory)
    return directory


@pytest.fixture
def model(saved, tmp_path) -> Path:
    """A fresh copy of the saved model, for a test to damage."""
    return Path(shutil.copytree(saved, tmp_path / "tagger"))


def load_fails(directory: Path, error: type, *words: str, backend: str = "mxnet") -> str:
    """Assert loading raises `error` whose message holds every word; return the message."""
    with pytest.raises(error) as raised:
        Tagger.load(directory, backend=backend)
    message = str(raised.value)
    for word in words:
        assert word in message, message
    assert "Traceback" not in message and "Stack trace" not in message
    return message


def test_an_intact_copy_loads_and_predicts(model):
    for backend in ("mxnet", "onnx"):
        prediction = Tagger.load(model, backend=backend).predict(["한라산의 높이는?"])[0]
        assert len(prediction["tags"]) == len("한라산의 높이는?")


def test_vocabulary_of_another_run_is_refused(model):
    # another run saw other sentences and labels: its vocabularies have other sizes
    other = {
        "chars": build_char_vocab(["완전히 다른 문장들", "xyz 123"]),
        "intents": build_label_vocab(["weight", "width", "age", "area"]),
        "tags": build_label_vocab("CEP"),
    }
    for key, vocab in other.items():
        damaged = Path(shutil.copytree(model, model.parent / f"other_{key}"))
        name = VOCAB_FILES[key]
        (damaged / name).write_text(json.dumps(vocab_to_json(vocab)), encoding="utf-8")
        for backend in ("mxnet", "onnx"):
            load_fails(
                damaged, DamagedModelError, str(damaged / name), "another run", FIX, backend=backend
            )


def test_config_and_vocabularies_of_another_run_are_refused_by_the_params(model):
    # config.json and vocab_chars.json of a run with more characters, beside this run's network
    description = json.loads((model / CONFIG_FILE).read_text(encoding="utf-8"))
    chars = build_char_vocab(
        ["가나다라마바사아자차카타파하", "한라산 높이", "abcdefghijklmnopqrstuvwxyz"]
    )
    assert len(chars) != description["model"]["n_chars"]
    description["model"]["n_chars"] = len(chars)
    (model / CONFIG_FILE).write_text(json.dumps(description), encoding="utf-8")
    (model / VOCAB_FILES["chars"]).write_text(json.dumps(vocab_to_json(chars)), encoding="utf-8")
    load_fails(model, DamagedModelError, str(model / PARAMS_FILE), "different runs", FIX)


def test_network_outputs_that_do_not_match_the_labels_are_refused(model):
    description = json.loads((model / CONFIG_FILE).read_text(encoding="utf-8"))
    intents = build_label_vocab(["age", "area", "height", "weight"])
    description["model"]["n_intents"] = len(intents)
    (model / CONFIG_FILE).write_text(json.dumps(description), encoding="utf-8")
    (model / VOCAB_FILES["intents"]).write_text(
        json.dumps(vocab_to_json(intents)), encoding="utf-8"
    )
    load_fails(model, DamagedModelError, str(model / PARAMS_FILE), "outputs 3 intents", FIX)
    load_fails(model, DamagedModelError, "model.onnx", "re-export", backend="onnx")


@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.5, 0.99])
def test_truncated_params_file_is_refused(model, fraction):
    params = model / PARAMS_FILE
    data = params.read_bytes()
    params.write_bytes(data[: int(len(data) * fraction)])
    load_fails(model, DamagedModelError, str(params), "damaged or truncated", FIX)


def test_truncated_onnx_file_is_refused(model):
    onnx = model / "model.onnx"
    onnx.write_bytes(onnx.read_bytes()[:1000])
    load_fails(
        model, DamagedModelError, str(onnx), "damaged or truncated", "export-onnx", backend="onnx"
    )


@pytest.mark.parametrize("name", [SYMBOL_FILE, PARAMS_FILE, CONFIG_FILE, *VOCAB_FILES.values()])
def test_missing_file_is_named(model, name):
    (model / name).unlink()
    load_fails(model, FileNotFoundError, str(model), name, "kedro run")
    if name != PARAMS_FILE and name != SYMBOL_FILE:  # the ONNX backend needs neither
        load_fails(model, FileNotFoundError, str(model), name, FIX, backend="onnx")


@pytest.mark.parametrize("name", [CONFIG_FILE, *VOCAB_FILES.values()])
@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: "",  # emptied
        lambda text: "[1, 2, 3]",  # JSON, but not an object
        lambda text: text.replace("{", "\x00\udcff", 1),  # garbage bytes
    ],
    ids=["truncated", "empty", "not-an-object", "garbage"],
)
def test_corrupt_json_is_named(model, name, damage):
    path = model / name
    damaged = damage(path.read_text(encoding="utf-8"))
    path.write_bytes(damaged.encode("utf-8", errors="surrogateescape"))
    for backend in ("mxnet", "onnx"):
        load_fails(model, DamagedModelError, str(path), FIX, backend=backend)


def test_damaged_symbol_file_is_refused(model):
    symbol = model / SYMBOL_FILE
    symbol.write_text(symbol.read_text(encoding="utf-8")[:500], encoding="utf-8")
    load_fails(model, DamagedModelError, str(symbol), str(model / PARAMS_FILE), FIX)


def test_config_without_a_model_is_refused(model):
    (model / CONFIG_FILE).write_text(json.dumps({"format_version": 1}), encoding="utf-8")
    for backend in ("mxnet", "onnx"):
        load_fails(
            model, DamagedModelError, str(model / CONFIG_FILE), "does not describe", backend=backend
        )


def test_a_loaded_tagger_can_be_deep_copied(model):
    # kedro-mlflow's pyfunc model deep-copies its catalog, the loaded Tagger included, for
    # every request: the load-time checks must leave no MXNet handle behind
    import copy

    tagger = copy.deepcopy(Tagger.load(model))
    assert tagger.predict(["가나"])[0]["tags"] in {"CC", "CE", "EC", "EE"}
