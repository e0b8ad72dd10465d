"""Resumable training, MLflow side: close the runs of killed attempts and tag the new run.

A killed `kedro run` never ends its MLflow run, which would stay RUNNING forever. Every
training run is tagged with its checkpoint directory, and every checkpoint records the run that
wrote it; the next training run in that directory marks such left-over runs KILLED and, when it
resumes, tags itself `resumed_from_run` / `resumed_from_epoch`.
"""

from __future__ import annotations

import logging
from pathlib import Path

import mlflow
from kedro.utils import find_kedro_project
from mlflow.tracking import MlflowClient

from joint_nlu.checkpoints import CheckpointSettings, latest_checkpoint

logger = logging.getLogger(__name__)

CHECKPOINT_TAG = "checkpoint_dir"
RUN_ID_KEY = "mlflow_run_id"


def checkpoint_settings(training: dict) -> CheckpointSettings | None:
    """Return where to checkpoint and whether to resume, from the `training` parameters.

    None when `training.checkpoint_dir` is unset or null (no checkpoints); a relative
    directory is taken from the project root. With an active MLflow run, first marks KILLED
    the runs a killed attempt left RUNNING in the same checkpoint directory, and tags the
    active run (see the module's docstring).
    """
    resume = bool(training.get("resume", False))
    if not training.get("checkpoint_dir"):
        if resume:
            raise ValueError(
                "training.resume=true needs training.checkpoint_dir (the directory of the "
                "checkpoints to resume from; see conf/base/parameters_training.yml)"
            )
        return None
    directory = Path(training["checkpoint_dir"])
    if not directory.is_absolute():  # relative to the project root, as catalog paths are
        directory = (find_kedro_project(Path.cwd()) or Path.cwd()) / directory
    active = mlflow.active_run()
    if active is None:
        return CheckpointSettings(directory, resume)
    checkpoint = latest_checkpoint(directory) if resume else None
    previous = checkpoint.metadata.get(RUN_ID_KEY) if checkpoint is not None else None
    close_abandoned_runs(MlflowClient(), active.info, directory, previous)
    tags = {CHECKPOINT_TAG: str(directory.resolve())}
    if checkpoint is not None:
        tags["resumed_from_run"] = previous or "unknown (tracking was off)"
        tags["resumed_from_epoch"] = str(checkpoint.state.epoch)
    mlflow.set_tags(tags)
    return CheckpointSettings(directory, resume, {RUN_ID_KEY: active.info.run_id})


def close_abandoned_runs(
    client: MlflowClient, current, directory: Path, previous: str | None = None
) -> list[str]:
    """Mark KILLED the RUNNING runs of `current`'s experiment that trained in `directory`.

    `previous` (the run that wrote the checkpoint being resumed) is closed too when still
    RUNNING. Returns the ids of the runs marked.
    """
    running = client.search_runs(
        [current.experiment_id], filter_string="attributes.status = 'RUNNING'"
    )
    where = str(directory.resolve())
    closed = []
    for run in running:
        run_id = run.info.run_id
        ours = run.data.tags.get(CHECKPOINT_TAG) == where or run_id == previous
        if ours and run_id != current.run_id:
            client.set_terminated(run_id, "KILLED")
            client.set_tag(run_id, "killed_note", f"interrupted; closed by run {current.run_id}")
            logger.info("MLflow run %s was left RUNNING by a killed attempt: marked KILLED", run_id)
            closed.append(run_id)
    return closed
