"""Security: servers bind to loopback by default; a model directory never runs code when loaded."""

from __future__ import annotations

import pickle
import re
import shutil
import sys
from pathlib import Path
from unittest import mock

import pytest
import yaml

from joint_nlu.datasets import TaggerDataset
from joint_nlu.serving.mxnet_backend import Tagger
from tests.helpers import PROJECT_ROOT
from tests.inference_models import train_tiny

LOOPBACK = "127.0.0.1"
README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


# ---- servers bind to 127.0.0.1 unless the user names another host -----------------------------
def test_mlflow_ui_defaults_to_loopback():
    config = yaml.safe_load((PROJECT_ROOT / "conf/base/mlflow.yml").read_text(encoding="utf-8"))
    assert config["ui"]["host"] == LOOPBACK


def test_the_servers_tools_start_default_to_loopback():
    from kedro_viz.launchers.cli.run import run as viz_run
    from mlflow import cli as mlflow_cli
    from mlflow.models import cli as models_cli

    defaults = {
        "mlflow models serve": models_cli.serve,
        "mlflow server / mlflow ui": mlflow_cli.server,
        "kedro viz run": viz_run,
    }
    for name, command in defaults.items():
        host = next(param.default for param in command.params if param.name == "host")
        assert host == LOOPBACK, name


def test_joint_nlu_launch_binds_its_scheduler_to_loopback_by_default():
    from joint_nlu.command_line import _parser

    args = _parser().parse_args(["launch", "--", "kedro", "run"])
    assert args.host == LOOPBACK


def test_readme_commands_that_start_servers_name_loopback():
    commands = {
        "mlflow models serve": re.findall(r"mlflow models serve[^`\n]*", README),
        "kedro viz run": re.findall(r"kedro viz run[^`\n]*", README),
        "mlflow ui": re.findall(r"mlflow ui[^`\n]*", README),
    }
    assert commands["mlflow models serve"] and commands["kedro viz run"]
    for found in commands.values():
        for command in found:
            # an explicit loopback host, or a command whose default was checked above
            named = re.search(r"(-h|--host)[ =](\S+)", command)
            assert named is None or named.group(2) == LOOPBACK, command
    assert "0.0.0.0" not in README
    for path in (PROJECT_ROOT / "conf").rglob("*.yml"):
        assert "0.0.0.0" not in path.read_text(encoding="utf-8"), path


# ---- a model directory from someone else cannot run code --------------------------------------
class Planted:
    """Unpickling this creates the marker file: proof that a pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


PICKLE_NAMES = [
    "model.pkl",
    "tagger.pkl",
    "data.pkl",
    "model.pickle",
    "tagger.pickle",
    "python_model.pkl",
    "model-0000.pkl",
    "vocab_chars.pkl",
    "config.pkl",
    "model.joblib",
    "model.pt",
]


@pytest.fixture(scope="module")
def planted_model(tmp_path_factory) -> tuple[Path, Path]:
    """A saved model (with model.onnx) beside malicious pickles under every plausible name."""
    from joint_nlu.serving.onnx_export import export_onnx

    root = tmp_path_factory.mktemp("security")
    directory = train_tiny("bilstm", root / "tagger")
    export_onnx(directory)
    marker = root / "PWNED"
    payload = pickle.dumps(Planted(marker))
    for name in PICKLE_NAMES:
        (directory / name).write_bytes(payload)
    (directory / "data").mkdir()
    (directory / "data" / "model.pkl").write_bytes(payload)
    # the payload works: unpickling it once (outside the model) creates the marker
    pickle.loads(payload)
    assert marker.exists()
    marker.unlink()
    return directory, marker


@pytest.mark.parametrize("backend", ["mxnet", "onnx"])
def test_loading_and_predicting_never_unpickles(planted_model, backend):
    directory, marker = planted_model
    refuse = mock.Mock(side_effect=AssertionError("a pickle was loaded"))
    events: list[tuple] = []
    opened: list[str] = []

    def audit(event: str, args: tuple) -> None:
        if not watching:
            return
        if event.startswith("pickle."):
            events.append((event, args))
        elif event == "open" and isinstance(args[0], (str, Path)):
            opened.append(str(args[0]))

    watching = False
    sys.addaudithook(audit)  # audit hooks cannot be removed: `watching` switches it off
    with (
        mock.patch("pickle.load", refuse),
        mock.patch("pickle.loads", refuse),
        mock.patch("pickle.Unpickler", refuse),
    ):
        try:
            watching = True
            tagger = Tagger.load(directory, backend=backend)
            predictions = tagger.predict(["한라산의 높이는?", "BTS 나이 알려줘"])
            if backend == "mxnet":
                TaggerDataset(filepath=str(directory)).load().predict(["가나"])
        finally:
            watching = False
    assert len(predictions) == 2
    assert not marker.exists()
    assert refuse.call_count == 0
    assert events == []  # not even the C unpickler (pickle.find_class) was reached
    read = {Path(path).name for path in opened if Path(path).parent == directory}
    allowed = {"config.json", "vocab_chars.json", "vocab_intents.json", "vocab_tags.json"}
    allowed |= {"model.onnx"} if backend == "onnx" else set()
    assert read <= allowed, read - allowed  # MXNet's C++ reads the symbol and params files


def test_a_copy_with_only_the_pickles_is_refused_not_unpickled(planted_model, tmp_path):
    directory, marker = planted_model
    copy = tmp_path / "only_pickles"
    copy.mkdir()
    for name in PICKLE_NAMES:
        shutil.copy(directory / name, copy / name)
    with pytest.raises(FileNotFoundError, match="lacks"):
        Tagger.load(copy)
    assert not marker.exists()
