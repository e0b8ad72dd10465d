"""Kedro hooks: the closing metrics table; MLflow tags for code and data; the model files."""

from __future__ import annotations

import hashlib
import logging
import subprocess
from pathlib import Path
from typing import Any

import mlflow
import pandas as pd
from kedro.framework.hooks import hook_impl
from rich.console import Console

from joint_nlu.metrics import metrics_table

logger = logging.getLogger(__name__)


class MetricsTableHook:
    """Prints the evaluation metrics as a table once the run has finished."""

    def __init__(self) -> None:
        self._report: dict | None = None

    @hook_impl
    def after_node_run(self, node, outputs: dict[str, Any]) -> None:
        if "metrics_report" in outputs:
            self._report = outputs["metrics_report"]

    @hook_impl
    def after_pipeline_run(self) -> None:
        if self._report:
            Console().print(metrics_table(self._report), highlight=False)
            self._report = None


class RunTagsHook:
    """Sets `git_commit`, `raw_data_sha256.<dataset>` tags and logs the model directory."""

    def __init__(self) -> None:
        self._catalog = None
        self._project_path = Path.cwd()

    @hook_impl
    def after_context_created(self, context) -> None:
        self._project_path = Path(context.project_path)

    @hook_impl
    def after_catalog_created(self, catalog) -> None:
        self._catalog = catalog

    @hook_impl
    def before_pipeline_run(self, run_params: dict[str, Any]) -> None:
        if mlflow.active_run() is None:
            return
        commit = _git_commit(self._project_path)
        if commit:
            mlflow.set_tag("git_commit", commit)

    @hook_impl
    def after_dataset_loaded(self, dataset_name: str, data: Any) -> None:
        is_raw_frame = dataset_name.startswith("raw_") and isinstance(data, pd.DataFrame)
        if is_raw_frame and mlflow.active_run() is not None:
            digest = hashlib.sha256(
                pd.util.hash_pandas_object(data.astype(str), index=True).values.tobytes()
            ).hexdigest()
            mlflow.set_tag(f"raw_data_sha256.{dataset_name}", digest)

    @hook_impl
    def after_dataset_saved(self, dataset_name: str, data: Any) -> None:
        if mlflow.active_run() is None or self._catalog is None:
            return
        dataset = self._catalog.get(dataset_name) if hasattr(self._catalog, "get") else None
        directory = getattr(dataset, "filepath", None)
        if isinstance(directory, Path) and directory.is_dir():
            mlflow.log_artifacts(str(directory), artifact_path=dataset_name)


def _git_commit(path: Path) -> str | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=path, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None
