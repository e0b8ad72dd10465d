"""Kedro hooks for what an MLflow run records beyond kedro-mlflow's own: its name, the commit
and data it ran on (tags and dataset inputs), the model directory, and the run-state changes
of resumable training (runs a killed attempt left RUNNING are closed, a resumed run is tagged).

Every MLflow tag and run-state change of the project lives in a hook (here and in
`hooks.distributed`); nodes and the ML code never change MLflow's state.
"""

from __future__ import annotations

import hashlib
import json
import logging
import subprocess
from pathlib import Path
from typing import Any

import mlflow
import pandas as pd
from kedro.framework.hooks import hook_impl
from mlflow.tracking import MlflowClient

from joint_nlu.checkpoints import checkpoint_settings, latest_checkpoint
from joint_nlu.hooks.store_check import tracking_enabled

logger = logging.getLogger(__name__)

TRAINING_DATASET = "raw_train"
# raw datasets training reads (the rest are evaluated): the corpus and the out-of-scope pool
TRAINING_DATASETS = (TRAINING_DATASET, "raw_out_of_scope")
RAW_PREFIX = "raw_"
CHECKPOINT_TAG = "checkpoint_dir"
# beside the checkpoints: the MLflow run that last trained into that directory
RUN_FILE = "mlflow_run.json"


class RunTagsHook:
    """Names the run by what ran; tags `git_commit` and `raw_data_sha256.<dataset>`; logs each
    raw dataset as an MLflow dataset input; logs a saved model directory as artifacts."""

    def __init__(self) -> None:
        self._catalog = None
        self._project_path = Path.cwd()
        self._architecture: str | None = None
        self._run_name: str | None = None
        self._named = False

    @hook_impl
    def after_context_created(self, context) -> None:
        self._project_path = Path(context.project_path)
        try:
            self._architecture = (context.params.get("model") or {}).get("architecture")
        except Exception:  # parameters that do not load fail later, where Kedro says why
            self._architecture = None

    @hook_impl
    def after_catalog_created(self, catalog) -> None:
        self._catalog = catalog

    @hook_impl
    def before_pipeline_run(self, run_params: dict[str, Any]) -> None:
        names = run_params.get("pipeline_names") or [run_params.get("pipeline_name")]
        pipeline = ",".join(name for name in names if name) or "__default__"
        self._run_name = run_name(pipeline, self._architecture, self._corpus())
        self._named = False
        self._name_run()

    @hook_impl
    def before_node_run(self) -> None:
        # kedro-mlflow may start its run after this hook's before_pipeline_run
        self._name_run()

    @hook_impl
    def after_dataset_loaded(self, dataset_name: str, data: Any) -> None:
        is_raw_frame = dataset_name.startswith(RAW_PREFIX) and isinstance(data, pd.DataFrame)
        if not is_raw_frame or mlflow.active_run() is None:
            return
        digest = hashlib.sha256(
            pd.util.hash_pandas_object(data.astype(str), index=True).values.tobytes()
        ).hexdigest()
        mlflow.set_tag(f"raw_data_sha256.{dataset_name}", digest)
        source = str(getattr(self._dataset(dataset_name), "_filepath", dataset_name))
        columns = [column for column in data.columns if column != "extra"]
        mlflow.log_input(
            mlflow.data.from_pandas(data[columns].astype(str), source=source, name=dataset_name),
            context="training" if dataset_name in TRAINING_DATASETS else "evaluation",
        )

    @hook_impl
    def after_dataset_saved(self, dataset_name: str, data: Any) -> None:
        if mlflow.active_run() is None:
            return
        directory = getattr(self._dataset(dataset_name), "filepath", None)
        if isinstance(directory, Path) and directory.is_dir():
            mlflow.log_artifacts(str(directory), artifact_path=dataset_name)

    def _name_run(self) -> None:
        active = mlflow.active_run()
        if self._named or active is None or self._run_name is None:
            return
        tags = {"mlflow.runName": self._run_name}
        commit = _git_commit(self._project_path)
        if commit:
            tags["git_commit"] = commit
        mlflow.set_tags(tags)
        self._named = True

    def _dataset(self, name: str):
        if self._catalog is None or not hasattr(self._catalog, "get"):
            return None
        try:
            return self._catalog.get(name)
        except Exception:  # a dataset factory that does not resolve: nothing to name
            return None

    def _corpus(self) -> str | None:
        path = getattr(self._dataset(TRAINING_DATASET), "_filepath", None)
        return Path(str(path)).stem if path else None


def run_name(pipeline: str, architecture: str | None, corpus: str | None) -> str:
    """Return a run's name: what ran, with which architecture, on which training corpus."""
    pipeline = "default" if pipeline == "__default__" else pipeline
    return " · ".join(part for part in (pipeline, architecture or "", corpus or "") if part)


def _git_commit(path: Path) -> str | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=path, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


class CheckpointRunsHook:
    """Before the training node: closes the runs a killed attempt left RUNNING, tags the run.

    A killed `kedro run` never ends its MLflow run, which would stay RUNNING forever. Every
    training run is tagged with its checkpoint directory, and the directory records the last
    run that trained into it (`mlflow_run.json`); the next training run there marks such
    left-over runs KILLED and, when it resumes, tags itself `resumed_from_run` /
    `resumed_from_epoch`.
    """

    node_name = "train_joint_model"

    def __init__(self) -> None:
        self._project_path = Path.cwd()

    @hook_impl
    def after_context_created(self, context) -> None:
        self._project_path = Path(context.project_path)

    @hook_impl
    def before_node_run(self, node, inputs: dict[str, Any]) -> None:
        training = inputs.get("params:training")
        if node.name != self.node_name or not isinstance(training, dict):
            return
        settings = checkpoint_settings(training, self._project_path)
        if settings is None:
            return
        directory = Path(settings.directory)
        active = mlflow.active_run()
        if active is None:
            if not tracking_enabled():  # the checkpoints of this run belong to no run
                (directory / RUN_FILE).unlink(missing_ok=True)
            return
        checkpoint = latest_checkpoint(directory) if settings.resume else None
        previous = _recorded_run(directory) if checkpoint is not None else None
        close_abandoned_runs(MlflowClient(), active.info, directory, previous)
        tags = {CHECKPOINT_TAG: str(directory.resolve())}
        if checkpoint is not None:
            tags["resumed_from_run"] = previous or "unknown (tracking was off)"
            tags["resumed_from_epoch"] = str(checkpoint.state.epoch)
        mlflow.set_tags(tags)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / RUN_FILE).write_text(
            json.dumps({"run_id": active.info.run_id}), encoding="utf-8"
        )


def _recorded_run(directory: Path) -> str | None:
    """Return the run id that `mlflow_run.json` records, or None."""
    try:
        return json.loads((directory / RUN_FILE).read_text(encoding="utf-8")).get("run_id")
    except (OSError, ValueError, AttributeError):
        return None


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
