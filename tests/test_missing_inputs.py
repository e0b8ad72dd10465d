"""A pipeline run out of order stops with one line saying what to run first."""

from __future__ import annotations

import shutil

import pytest

from tests.helpers import copy_project, run_kedro

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "pipeline, missing, command",
    [
        ("evaluate", "trained_model", "run `kedro run` first"),
        ("training", "model_input_train", "run `kedro run --pipelines=data_processing` first"),
        ("inference", "sentences", "write one sentence per line to it"),
    ],
)
def test_a_pipeline_run_before_its_inputs_exist_says_what_to_run(
    tmp_path, pipeline, missing, command
):
    project = copy_project(tmp_path)
    result = run_kedro(project, "run", "--env", "test", f"--pipeline={pipeline}", timeout=180)
    assert result.returncode == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "Error" not in output
    line = output.strip().splitlines()[-1]
    assert line.startswith(f"`kedro run --pipelines={pipeline}` cannot start:"), output[-2000:]
    assert missing in line and command in line
    assert not (project / "mlflow.db").exists() or "RUNNING" not in output


def test_a_slice_of_a_pipeline_is_checked_too(tmp_path):
    project = copy_project(tmp_path)
    result = run_kedro(
        project, "run", "--env", "test", "--from-nodes=build_vocabularies", timeout=180
    )
    assert result.returncode == 1
    line = (result.stdout + result.stderr).strip().splitlines()[-1]
    assert "train_rows" in line and "kedro run --pipelines=data_processing" in line


def test_evaluate_scores_a_model_directory_without_its_training_history(tiny_project, tmp_path):
    """A model trained elsewhere (no training history beside it) is evaluated."""
    project = tmp_path / "project"
    shutil.copytree(tiny_project, project, ignore=shutil.ignore_patterns("mlflow.db", "mlruns"))
    (project / "data/08_reporting/training_history.csv").unlink()
    shutil.rmtree(project / "data/06_models/checkpoints", ignore_errors=True)
    result = run_kedro(
        project,
        "run",
        "--env",
        "test",
        "--pipelines=evaluate",
        env={"MLFLOW_TRACKING_URI": f"sqlite:///{project / 'mlflow.db'}"},
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert "entity_sequence_accuracy" in result.stdout
