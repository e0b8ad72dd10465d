"""Shared fixtures: no telemetry, and one tiny trained project (helpers: tests/helpers.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import QUIET_ENV, copy_project, run_kedro

os.environ.update(QUIET_ENV)


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
