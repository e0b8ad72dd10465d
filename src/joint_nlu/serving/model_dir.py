"""The model directory format: its file names, one parser of `config.json`, its integrity checks.

A model directory holds only JSON files (`config.json`, three vocabularies), MXNet's exported
symbol (JSON) and its params file, and `model.onnx` once exported: reading it never unpickles
anything. Every backend reads a directory through `read_model_directory`, so a damaged or
mixed-up directory fails the same way, at load time, with `DamagedModelError` naming the files
and the fix. `config.json` also records the input limits the model enforces (`limits`; a
directory written before them has none) and the intent head's calibration (`calibration`: the
temperature, the out-of-scope threshold and intent; a directory written before it has none and
rejects nothing by itself). No MXNet, no onnxruntime, no Kedro here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from joint_nlu.calibration import Calibration
from joint_nlu.serving.predict import InputLimits

MODEL_PREFIX = "model"
SYMBOL_FILE = f"{MODEL_PREFIX}-symbol.json"
PARAMS_FILE = f"{MODEL_PREFIX}-0000.params"
ONNX_FILE = "model.onnx"
# the same network with int8 weights (`joint-nlu export-onnx --int8`)
INT8_ONNX_FILE = "model.int8.onnx"
CONFIG_FILE = "config.json"
VOCAB_FILES = {
    "chars": "vocab_chars.json",
    "intents": "vocab_intents.json",
    "tags": "vocab_tags.json",
}
FORMAT_VERSION = 1
MODEL_FIX = (
    "copy the whole model directory of one training run (data/06_models/tagger, or the "
    "MLflow artifact trained_model/), or retrain with `kedro run`"
)
# a URI MLflow resolves (runs:/, models:/, file:/, s3://, mlflow-artifacts:/ ...), not a path
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:/")


class DamagedModelError(ValueError):
    """A model directory whose files are unreadable or do not belong together."""


@dataclass
class ModelDescription:
    """What `config.json` says: the network's configuration and how to read its outputs."""

    model: dict[str, Any]
    outside_tag: str = "C"
    decoding: str = "independent"
    allow_empty: bool = True
    metadata: dict[str, Any] = field(default_factory=dict)
    format_version: int = FORMAT_VERSION
    # the Korean analyser the features come from (`morphology.analyser_description`); None:
    # the model reads no morphology
    morphology: dict[str, Any] | None = None
    calibration: Calibration = field(default_factory=Calibration)
    limits: InputLimits = field(default_factory=InputLimits)

    @property
    def window(self) -> int | None:
        """Return the number of characters the network reads (None: every sentence whole)."""
        return self.model.get("window")

    @property
    def tasks(self) -> tuple[str, ...]:
        """Return the heads the network was trained for."""
        return tuple(self.model.get("tasks", ("intent", "entity")))

    def to_json(self) -> dict[str, Any]:
        """Return the content of `config.json`."""
        return {
            "format_version": self.format_version,
            "model": self.model,
            "outside_tag": self.outside_tag,
            "decoding": {"mode": self.decoding, "allow_empty": self.allow_empty},
            "morphology": self.morphology,
            "calibration": self.calibration.to_json(),
            "metadata": self.metadata,
            "limits": self.limits.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], path: Path) -> ModelDescription:
        """Return the description in `config.json`'s content; `path` names it in errors."""
        model = data.get("model")
        if not isinstance(model, dict):
            raise DamagedModelError(f"{path} does not describe a model (no 'model'): {MODEL_FIX}")
        decoding = data.get("decoding") or {}
        try:
            limits = InputLimits.from_params(data.get("limits"))
        except (TypeError, ValueError) as error:
            raise DamagedModelError(f"{path} has invalid limits ({error}): {MODEL_FIX}") from None
        try:
            calibration = Calibration.from_json(data.get("calibration"))
        except (TypeError, ValueError) as error:
            raise DamagedModelError(
                f"{path} has an invalid calibration ({error}): {MODEL_FIX}"
            ) from None
        return cls(
            model=model,
            outside_tag=data.get("outside_tag", "C"),
            decoding=decoding.get("mode", "independent"),
            allow_empty=decoding.get("allow_empty", True),
            metadata=data.get("metadata") or {},
            format_version=data.get("format_version", FORMAT_VERSION),
            morphology=data.get("morphology"),
            limits=limits,
            calibration=calibration,
        )

    def analyser(self, path: Path):
        """Return the settings of the analyser the model reads (None: no morphology), checked
        against the installed Kiwi; a model the installed analyser cannot reproduce is refused
        with the fix, as `DamagedModelError` would be."""
        if not self.morphology:
            return None
        from joint_nlu.morphology import AnalyserMismatchError, check_analyser

        try:
            return check_analyser(self.morphology)
        except (ValueError, ModuleNotFoundError) as error:
            raise AnalyserMismatchError(f"{path}: {error}") from None


def is_uri(path: str | Path) -> bool:
    """Return whether `path` is an MLflow URI (`runs:/...`, `models:/...`) and not a path."""
    return not Path(path).exists() and bool(_URI.match(str(path)))


def read_model_json(directory: str | Path, name: str) -> dict:
    """Return one JSON file of a model directory; a missing or damaged file names itself."""
    path = Path(directory) / name
    if not path.is_file():
        raise FileNotFoundError(f"model directory {directory} lacks {name}: {MODEL_FIX}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DamagedModelError(
            f"{path} is damaged (not valid UTF-8 JSON: {error}): {MODEL_FIX}"
        ) from None
    if not isinstance(data, dict):
        raise DamagedModelError(f"{path} holds {type(data).__name__}, not an object: {MODEL_FIX}")
    return data


def read_model_directory(
    directory: str | Path, network_files: tuple[str, ...]
) -> tuple[ModelDescription, dict[str, dict]]:
    """Return a model directory's description and vocabularies (JSON), checked together.

    `network_files` are the files the caller's backend needs besides the JSON files; a missing
    one raises FileNotFoundError naming them all. A vocabulary whose size differs from the one
    the network was built with (another run's) raises `DamagedModelError`.
    """
    directory = Path(directory)
    required = [*network_files, CONFIG_FILE, *VOCAB_FILES.values()]
    missing = [name for name in required if not (directory / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"model directory {directory} lacks {', '.join(missing)}: point to a directory "
            f"written by Tagger.save (a training run's), or {MODEL_FIX}"
        )
    description = ModelDescription.from_json(
        read_model_json(directory, CONFIG_FILE), directory / CONFIG_FILE
    )
    vocabs = {key: read_model_json(directory, name) for key, name in VOCAB_FILES.items()}
    check_vocabularies(directory, description.model, vocabs)
    return description, vocabs


def check_vocabularies(directory: str | Path, model: dict, vocabs: dict[str, dict]) -> None:
    """Check each vocabulary (JSON by key) against the sizes the network was built with.

    A vocabulary from another run would silently map characters to the wrong embeddings:
    refuse it before any prediction.
    """
    for key, data in vocabs.items():
        path = Path(directory) / VOCAB_FILES[key]
        tokens = data.get("idx_to_token")
        index = data.get("token_to_idx")
        if not isinstance(tokens, list) or not isinstance(index, dict):
            raise DamagedModelError(
                f"{path} is not a vocabulary (no idx_to_token/token_to_idx): {MODEL_FIX}"
            )
        expected = model.get(f"n_{key}")
        if expected is not None and len(tokens) != expected:
            raise DamagedModelError(
                f"{path} holds {len(tokens)} {key} but the network in {directory} was trained "
                f"with {expected} ({CONFIG_FILE}: n_{key}): the vocabulary comes from another "
                f"run; {MODEL_FIX}"
            )


def write_model_json(path: Path, data: dict) -> None:
    """Write one JSON file of a model directory (UTF-8, readable)."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def first_line(error: BaseException) -> str:
    """Return the line of an error that says what went wrong (MXNet's end a C++ traceback)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    said = [line for line in lines if not line.startswith(("Traceback", "File ", "[bt]"))]
    text = said[-1] if said else type(error).__name__
    return text.removeprefix("MXNetError: ")[:300]


def find_model_directory(root: str | Path) -> Path:
    """Return the directory under `root` (itself included) that holds a saved model."""
    root = Path(root)
    for config in sorted(root.rglob(CONFIG_FILE), key=lambda path: len(path.parts)):
        if (config.parent / SYMBOL_FILE).is_file():
            return config.parent
    raise FileNotFoundError(
        f"no model directory (with {CONFIG_FILE} and {SYMBOL_FILE}) inside {root}: "
        "is it the model logged by a training run (name joint_nlu) or its trained_model?"
    )


def download_model(uri: str, destination: str | Path | None = None) -> Path:
    """Download an MLflow model's artifacts (`runs:/...`, `models:/...`); return the model dir."""
    import mlflow

    local = mlflow.artifacts.download_artifacts(
        artifact_uri=uri, dst_path=None if destination is None else str(destination)
    )
    return find_model_directory(local)


def resolve_model_path(path: str | Path) -> Path:
    """Return a local model directory: `path` itself, or the download of an MLflow URI."""
    return download_model(str(path)) if is_uri(path) else Path(path)
