"""What the tests share: running kedro in a copy of the project, toy data, base parameters."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
import yaml
from kedro.io import MemoryDataset

from joint_nlu import text
from joint_nlu.data import EncodedSet

if TYPE_CHECKING:
    from joint_nlu.training import TrainingConfig

PROJECT_ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
QUIET_ENV = {
    "KEDRO_DISABLE_TELEMETRY": "true",
    "DO_NOT_TRACK": "true",
    "MLFLOW_DISABLE_TELEMETRY": "true",
    "PYTHONUNBUFFERED": "1",
}
# for servers and kernels started by tests: HTTP(S) to the internet goes to a closed local port
OFFLINE_ENV = {
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "http_proxy": "http://127.0.0.1:9",
    "https_proxy": "http://127.0.0.1:9",
    "NO_PROXY": "127.0.0.1,localhost",
    "no_proxy": "127.0.0.1,localhost",
}


def kedro_executable() -> str:
    """Return the kedro script of the running interpreter's environment."""
    candidate = Path(sys.executable).parent / "kedro"
    return str(candidate) if candidate.exists() else "kedro"


def run_kedro(project: Path, *args: str, timeout: int = 600, env: dict | None = None):
    """Run `kedro <args>` in a project folder; return the completed process (output captured)."""
    return subprocess.run(
        [kedro_executable(), *args],
        cwd=project,
        env={**os.environ, **QUIET_ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def copy_project(destination: Path) -> Path:
    """Copy what a kedro run needs (pyproject, conf, src, fixtures, .telemetry) there."""
    for name in ("pyproject.toml", ".telemetry"):
        shutil.copy(PROJECT_ROOT / name, destination / name)
    shutil.copytree(
        PROJECT_ROOT / "conf", destination / "conf", ignore=shutil.ignore_patterns("local")
    )
    (destination / "conf" / "local").mkdir()
    shutil.copytree(
        PROJECT_ROOT / "src",
        destination / "src",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    shutil.copytree(FIXTURES, destination / "tests" / "fixtures")
    shutil.copytree(PROJECT_ROOT / "benchmarks" / "data", destination / "benchmarks" / "data")
    (destination / "data").mkdir()
    # conf/base's out-of-scope files (the in-scope corpus is not needed by the test runs)
    (destination / "data" / "01_raw").mkdir()
    for name in ("out_of_scope.txt", "test_out_of_scope.txt"):
        shutil.copy(PROJECT_ROOT / "data" / "01_raw" / name, destination / "data" / "01_raw")
    return destination


BASE_PARAMETERS = PROJECT_ROOT / "conf" / "base"

# data_processing parameters and a model section for running its nodes on tiny files
DATA_PROCESSING_PARAMS = {
    "tag_alphabet": "CE",
    "outside_tag": "C",
    "strict": False,
    "min_char_freq": 1,
    "validation_ratio": 0.2,
    "split_seed": 1,
    "split_group_by": "entity",
    "out_of_scope_intent": "out_of_scope",
    "out_of_scope_share": 0.3,
}
# the raw datasets the pipelines read, and the tiny fixture each reads by default
RAW_FIXTURES = {
    "raw_train": "tiny_trainset.txt",
    "raw_test_hidden": "tiny_test_hidden.txt",
    "raw_handwritten": "tiny_handwritten.txt",
    "raw_out_of_scope": "tiny_out_of_scope.txt",
    "raw_test_out_of_scope": "tiny_test_out_of_scope.txt",
    "raw_handwritten_out_of_scope": "tiny_handwritten_out_of_scope.txt",
}
WINDOW_10_MODEL = {"architecture": "notebook", "notebook": {"window": 10}}


# layer sizes of the tiny networks the tests train, per architecture
TINY_SIZES = {
    "bilstm": {
        "char_embedding": 8,
        "jamo_embedding": 4,
        "class_embedding": 4,
        "conv_channels": 8,
        "hidden": 8,
        "tag_hidden": 8,
    },
    "notebook": {"char_embedding": 8, "hidden": 8, "tag_hidden": 8},
}
TEMPLATES = {"height": "{}의 높이는?", "age": "{} 나이 알려줘", "area": "{} 면적이 얼마야"}
NAMES = ["김철수", "박영희", "한라산", "롯데타워", "BTS", "푸조 508", "서울역", "이순신"]


def toy_rows(count: int, seed: int = 0) -> list[tuple[str, str, str]]:
    """Return (intent, tags, sentence) rows from three templates and eight names."""
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        intent = rng.choice(list(TEMPLATES))
        name = rng.choice(NAMES)
        sentence = TEMPLATES[intent].format(name)
        start = sentence.index(name)
        tags = "C" * start + "E" * len(name) + "C" * (len(sentence) - start - len(name))
        rows.append((intent, tags, sentence))
    return rows


def toy_vocabs(rows):
    """Return char, intent and tag vocabularies of rows."""
    return (
        text.build_char_vocab(r[2] for r in rows),
        text.build_label_vocab(r[0] for r in rows),
        text.build_label_vocab("".join(r[1] for r in rows)),
    )


# Kiwi without its dictionaries: the analyser the tests' morphology models read (quicker to load)
TEST_ANALYSER = {"default_dict": False, "multi_dict": False}


def toy_encoded(rows, vocabs, analyser=None) -> EncodedSet:
    """Return rows encoded with the vocabularies (and morphology from `analyser`, if given)."""
    from joint_nlu.morphology import analyse

    chars, intents, tags = vocabs
    found = analyse([r[2] for r in rows], analyser) if analyser else [None] * len(rows)
    return EncodedSet(
        features=[text.encode_sentence(r[2], chars, m) for r, m in zip(rows, found)],
        intents=np.array([intents[r[0]] for r in rows]),
        tags=[np.array(tags[list(r[1])]) for r in rows],
        entity_mask=[np.array([t == "E" for t in r[1]], dtype=np.int32) for r in rows],
    )


def raw_datasets(**files: Path | str) -> dict:
    """Return every raw dataset of the pipelines (catalog name -> RawTSVDataset) reading the
    tiny fixtures, except those given by name (`raw_test_hidden=path`)."""
    from joint_nlu.datasets import RawTSVDataset

    unknown = set(files) - set(RAW_FIXTURES)
    if unknown:
        raise KeyError(f"no raw dataset {sorted(unknown)}")
    return {
        name: RawTSVDataset(filepath=str(files.get(name, FIXTURES / fixture)))
        for name, fixture in RAW_FIXTURES.items()
    }


def base_parameters(pipeline: str) -> dict:
    """Return conf/base/parameters_<pipeline>.yml: the defaults every run starts from."""
    path = BASE_PARAMETERS / f"parameters_{pipeline}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def training_config(**overrides) -> TrainingConfig:
    """Return the training settings of conf/base with some of them changed."""
    from joint_nlu.training import TrainingConfig

    return TrainingConfig.from_dict({**base_parameters("training")["training"], **overrides})


# Debian's chromium, headless, with no way out: every host name fails to resolve
BROWSER_TIMEOUT_S = 120
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
    "--window-size=1400,900",
    "--virtual-time-budget=15000",
]


def chromium_path() -> str:
    """Return Debian's chromium; fail in CI and skip elsewhere when it is missing."""
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found:
        return found
    message = "Debian's chromium is not installed: apt-get install chromium"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def run_bounded(command: list[str], timeout: float) -> subprocess.CompletedProcess:
    """Run a command in its own process group; kill the whole group if it overruns."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{command[0]} did not finish in {timeout} s")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


class KeptDataset(MemoryDataset):
    """A MemoryDataset the runner cannot release, so a test reads it after the run."""

    def _release(self) -> None:
        return None  # kept on purpose: the test reads it after the runner is done
