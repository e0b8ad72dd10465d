"""Interrupted training: checkpoints every epoch, exact resumption, refusal of a changed setup."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import mlflow
import numpy as np
import pandas as pd
import pytest
from kedro.config import OmegaConfigLoader
from mlflow.tracking import MlflowClient

from joint_nlu.checkpoints import (
    FILES,
    CheckpointMismatchError,
    CheckpointSettings,
    checkpoint_settings,
    latest_checkpoint,
)
from joint_nlu.fit import Vocabularies, fit_tagger
from joint_nlu.hooks import CheckpointRunsHook
from joint_nlu.hooks.mlflow_run import RUN_FILE
from joint_nlu.model import ModelConfig
from joint_nlu.serving.mxnet_backend import Tagger
from joint_nlu.training import TrainingConfig, train
from tests.helpers import (
    QUIET_ENV,
    TINY_SIZES,
    copy_project,
    kedro_executable,
    run_kedro,
    toy_encoded,
    toy_rows,
    toy_vocabs,
    training_config,
)

# what differs between two runs of the same computation: wall-clock figures
TIMING = ("epoch_seconds", "sentences_per_second")
EPOCHS = 6


class Interrupted(Exception):
    """Raised by a test's epoch callback to stop training as a kill would."""


def comparable(history: list[dict]) -> list[dict]:
    """Return a training history without its timings."""
    return [{k: v for k, v in record.items() if k not in TIMING} for record in history]


def parameters(net) -> dict[str, np.ndarray]:
    """Return a network's weights by structural name."""
    return {name: p.data().asnumpy() for name, p in net._collect_params_with_prefix().items()}


@pytest.fixture(scope="module")
def toy():
    """Return (model config, train set, valid set) of a tiny model on toy rows."""
    rows = toy_rows(96)
    vocabs = toy_vocabs(rows)
    config = ModelConfig(*(len(v) for v in vocabs), **TINY_SIZES["bilstm"])
    return config, toy_encoded(rows[:64], vocabs), toy_encoded(rows[64:], vocabs)


@pytest.fixture(scope="module")
def settings() -> TrainingConfig:
    # patience 1: early stopping ends the run before EPOCHS, after a resumption, so its
    # counters must survive one
    return training_config(
        epochs=EPOCHS, batch_size=16, patience=1, progress=False, device="cpu", seed=7
    )


@pytest.fixture(scope="module")
def uninterrupted(toy, settings, tmp_path_factory):
    """Return the result of a checkpointed run that was never stopped, and its directory."""
    directory = tmp_path_factory.mktemp("uninterrupted")
    result = train(*toy, settings, checkpoints=CheckpointSettings(directory))
    return result, directory


def interrupted_after(epochs: int, toy, settings, directory: Path) -> None:
    """Train until `epochs` epochs are checkpointed, then fail as a killed process would."""

    def stop(record: dict) -> None:
        # called before the epoch's checkpoint: raising at epoch n+1 leaves epoch n on disk
        if record["epoch"] > epochs:
            raise Interrupted

    with pytest.raises(Interrupted):
        train(*toy, settings, on_epoch_end=stop, checkpoints=CheckpointSettings(directory))


def test_every_epoch_leaves_one_complete_checkpoint(uninterrupted, settings):
    result, directory = uninterrupted
    checkpoint = latest_checkpoint(directory)
    assert [p.name for p in directory.iterdir()] == [checkpoint.directory.name]
    assert sorted(p.name for p in checkpoint.directory.iterdir()) == sorted(FILES)
    assert checkpoint.state.epoch == len(result.history)
    assert checkpoint.state.best_epoch == result.best_epoch
    assert checkpoint.state.history == result.history
    assert 2 < len(result.history) < settings.epochs  # early stopping fired after epoch 2
    assert checkpoint.state.stopped


@pytest.mark.parametrize("done", [1, 2])
def test_resuming_gives_the_uninterrupted_history_and_weights(
    done, toy, settings, uninterrupted, tmp_path
):
    expected, _ = uninterrupted
    interrupted_after(done, toy, settings, tmp_path)
    assert latest_checkpoint(tmp_path).state.epoch == done
    resumed = train(*toy, settings, checkpoints=CheckpointSettings(tmp_path, resume=True))
    assert comparable(resumed.history) == comparable(expected.history)
    assert resumed.best_epoch == expected.best_epoch
    final, reference = parameters(resumed.net), parameters(expected.net)
    assert final.keys() == reference.keys()
    for name, values in reference.items():
        np.testing.assert_array_equal(final[name], values, err_msg=name)


def test_resuming_a_finished_run_trains_no_further(toy, settings, uninterrupted):
    expected, directory = uninterrupted
    before = latest_checkpoint(directory).state.epoch
    again = train(*toy, settings, checkpoints=CheckpointSettings(directory, resume=True))
    assert again.history == expected.history  # timings included: nothing was retrained
    assert latest_checkpoint(directory).state.epoch == before


def test_a_run_without_resume_starts_over(toy, settings, tmp_path):
    interrupted_after(2, toy, settings, tmp_path)
    one_epoch = replace(settings, epochs=1)
    result = train(*toy, one_epoch, checkpoints=CheckpointSettings(tmp_path))
    assert [record["epoch"] for record in result.history] == [1]
    assert latest_checkpoint(tmp_path).state.epoch == 1


def test_resume_without_a_checkpoint_starts_fresh(toy, settings, tmp_path, caplog):
    one_epoch = replace(settings, epochs=1)
    with caplog.at_level("INFO", logger="joint_nlu.training"):
        result = train(*toy, one_epoch, checkpoints=CheckpointSettings(tmp_path, resume=True))
    assert len(result.history) == 1
    assert f"no checkpoint in {tmp_path}" in caplog.text


def test_a_checkpoint_of_another_configuration_is_refused(toy, settings, tmp_path):
    interrupted_after(1, toy, settings, tmp_path)
    model, train_set, valid_set = toy
    changes = [
        (replace(model, hidden=model.hidden * 2), settings, "model.hidden"),
        (model, replace(settings, learning_rate=0.01), "training.learning_rate"),
    ]
    for model_config, training, named in changes:
        with pytest.raises(CheckpointMismatchError) as raised:
            train(
                model_config,
                train_set,
                valid_set,
                training,
                checkpoints=CheckpointSettings(tmp_path, resume=True),
            )
        message = str(raised.value)
        assert str(tmp_path) in message and named in message
        assert "training.resume=true" in message
    # more epochs is a legitimate change: the run carries on
    longer = train(
        *toy, replace(settings, epochs=2), checkpoints=CheckpointSettings(tmp_path, resume=True)
    )
    assert [record["epoch"] for record in longer.history][:1] == [1]


def test_a_half_written_checkpoint_is_never_trusted(toy, settings, tmp_path):
    interrupted_after(1, toy, settings, tmp_path)
    complete = latest_checkpoint(tmp_path).directory
    # what a kill during the next write leaves: a partial directory, and a renamed copy
    # whose state file is missing
    (tmp_path / ".partial-epoch-0002-123").mkdir()
    broken = tmp_path / "epoch-0002"
    broken.mkdir()
    (broken / "net.params").write_bytes(b"")
    assert latest_checkpoint(tmp_path).directory == complete
    (broken / "state.json").write_text("{not json", encoding="utf-8")
    for name in FILES:
        (broken / name).touch()
    assert latest_checkpoint(tmp_path).directory == complete


def test_resume_needs_a_checkpoint_directory(tmp_path):
    assert checkpoint_settings({"checkpoint_dir": None, "resume": False}, tmp_path) is None
    with pytest.raises(ValueError, match="training.checkpoint_dir"):
        checkpoint_settings({"checkpoint_dir": None, "resume": True}, tmp_path)
    relative = checkpoint_settings({"checkpoint_dir": "data/c", "resume": True}, tmp_path)
    assert relative.directory == tmp_path / "data" / "c" and relative.resume


class TrainingNode:
    """What the hook sees of the training node."""

    name = CheckpointRunsHook.node_name


def test_runs_left_running_in_the_checkpoint_directory_are_marked_killed(tmp_path):
    mlflow.set_tracking_uri(f"sqlite:///{tmp_path / 'mlflow.db'}")
    client = MlflowClient()
    experiment = client.create_experiment("resume")
    directory = tmp_path / "checkpoints"
    tag = {"checkpoint_dir": str(directory.resolve())}
    killed = [client.create_run(experiment, tags=tag).info.run_id for _ in range(2)]
    elsewhere = client.create_run(experiment, tags={"checkpoint_dir": "/else"}).info.run_id
    hook = CheckpointRunsHook()
    training = {"checkpoint_dir": str(directory), "resume": False}
    try:
        with mlflow.start_run(experiment_id=experiment) as active:
            # a run that does not resume closes them too: their checkpoints are about to go
            hook.before_node_run(TrainingNode(), {"params:training": training})
        recorded = json.loads((directory / RUN_FILE).read_text(encoding="utf-8"))
        assert recorded == {"run_id": active.info.run_id}
        assert [client.get_run(run).info.status for run in killed] == ["KILLED", "KILLED"]
        assert client.get_run(elsewhere).info.status == "RUNNING"
        assert (
            client.get_run(active.info.run_id).data.tags["checkpoint_dir"] == tag["checkpoint_dir"]
        )
    finally:
        mlflow.set_tracking_uri(None)


# ---- the end-to-end test: a real `kedro run`, killed with SIGKILL, then resumed ----

# many short epochs, so that the kill lands before the last one; patience never stops it early
KEDRO_TRAINING = {"epochs": 6, "patience": 6, "seed": 11}
KEDRO_PARAMS = ",".join(f"training.{key}={value}" for key, value in KEDRO_TRAINING.items())


def kedro_env(project: Path) -> dict[str, str]:
    return {"MLFLOW_TRACKING_URI": f"sqlite:///{project / 'mlflow.db'}"}


def kill_after_first_checkpoint(project: Path, timeout: float = 120) -> int:
    """Start `kedro run`, SIGKILL its process group once an epoch is checkpointed; return
    the epoch of the checkpoint left behind."""
    checkpoints = project / "data" / "06_models" / "checkpoints"
    process = subprocess.Popen(
        [kedro_executable(), "run", "--env", "test", "--params", KEDRO_PARAMS],
        cwd=project,
        env={**os.environ, **QUIET_ENV, **kedro_env(project)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + timeout
    try:
        while latest_checkpoint(checkpoints) is None:
            assert process.poll() is None, "kedro run ended before its first checkpoint"
            assert time.monotonic() < deadline, "no checkpoint within the time limit"
            time.sleep(0.01)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return latest_checkpoint(checkpoints).state.epoch


def run_statuses(project: Path) -> dict[str, str]:
    """Return the status of every MLflow run of the project's store."""
    with sqlite3.connect(project / "mlflow.db") as connection:
        return dict(connection.execute("select run_uuid, status from runs"))


def uninterrupted_tagger(project: Path):
    """Return the tagger and history the training node gives, never stopped, in this process,
    on the project's data with the run's parameters."""
    loader = OmegaConfigLoader(
        str(project / "conf"),
        base_env="base",
        default_run_env="test",
        merge_strategy={"parameters": "soft"},
        runtime_params={"training": KEDRO_TRAINING},
    )
    params = loader["parameters"]
    data = project / "data"
    vocabularies = [
        json.loads((data / "04_feature" / f"vocab_{name}.json").read_text(encoding="utf-8"))
        for name in ("chars", "intents", "tags")
    ]
    tagger, history = fit_tagger(
        pd.read_parquet(data / "05_model_input" / "train.parquet"),
        pd.read_parquet(data / "05_model_input" / "valid.parquet"),
        Vocabularies(*vocabularies),
        params["model"],
        params["training"],
        params["data_processing"]["outside_tag"],
    )
    return tagger, pd.DataFrame(history)


def test_a_killed_kedro_run_resumes_to_the_uninterrupted_result(tmp_path):
    project = copy_project(tmp_path)
    done = kill_after_first_checkpoint(project)
    assert 1 <= done < KEDRO_TRAINING["epochs"], "the kill came after training had finished"
    killed = [run for run, status in run_statuses(project).items() if status == "RUNNING"]
    assert len(killed) == 1

    resumed = run_kedro(
        project,
        "run",
        "--env",
        "test",
        "--params",
        f"{KEDRO_PARAMS},training.resume=true",
        env=kedro_env(project),
        timeout=180,
    )
    log = resumed.stdout + resumed.stderr
    assert resumed.returncode == 0, log[-3000:]
    assert "resuming from" in log
    statuses = run_statuses(project)
    assert statuses[killed[0]] == "KILLED"
    assert sorted(statuses.values()) == ["FINISHED", "KILLED"]
    new_run = next(run for run, status in statuses.items() if status == "FINISHED")
    tags = MlflowClient(kedro_env(project)["MLFLOW_TRACKING_URI"]).get_run(new_run).data.tags
    assert tags["resumed_from_run"] == killed[0]
    assert tags["resumed_from_epoch"] == str(done)

    reference, reference_history = uninterrupted_tagger(project)
    reporting = project / "data" / "08_reporting"
    history = pd.read_csv(reporting / "training_history.csv")
    assert list(history["epoch"]) == list(range(1, KEDRO_TRAINING["epochs"] + 1))
    pd.testing.assert_frame_equal(
        history.drop(columns=list(TIMING)),
        reference_history.drop(columns=list(TIMING)),
        check_exact=False,
        rtol=1e-12,  # the CSV round trip of floats
    )
    # the model the resumed run saved predicts exactly what the uninterrupted one predicts
    saved = Tagger.load(project / "data" / "06_models" / "tagger")
    lines = (project / "tests" / "fixtures" / "tiny_test_hidden.txt").read_text(encoding="utf-8")
    sentences = [line.split("\t")[2] for line in lines.splitlines() if line]
    assert saved.metadata["best_epoch"] == reference.metadata["best_epoch"]
    assert saved.predict(sentences) == reference.predict(sentences)
    metrics = json.loads((reporting / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["test_hidden"]["sentences"] == len(sentences)
