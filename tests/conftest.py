"""Shared fixtures: no telemetry, a temporary MLflow store, and one tiny trained project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
os.environ.update(QUIET_ENV)


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
    (destination / "data").mkdir()
    return destination


@pytest.fixture(scope="session")
def tiny_project(tmp_path_factory) -> Path:
    """A copy of the project that ran `kedro run --env test` once: tiny data, 2 epochs."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = run_kedro(
        project,
        "run",
        "--env",
        "test",
        env={"MLFLOW_TRACKING_URI": f"sqlite:///{project / 'mlflow.db'}"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (project / "run.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return project
