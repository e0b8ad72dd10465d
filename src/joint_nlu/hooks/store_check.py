"""Kedro hook: a check that the MLflow store is usable before anything runs, and the switch
that turns tracking off (`JOINT_NLU_MLFLOW=off`).

No tags or run-state changes here (hooks.mlflow_run).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

import mlflow
from kedro.framework.hooks import hook_impl

logger = logging.getLogger(__name__)


# `JOINT_NLU_MLFLOW=off kedro run ...` runs without MLflow (settings.py unregisters
# kedro-mlflow's hooks; the hook below stops the catalog's MLflow datasets from logging)
TRACKING_SWITCH = "JOINT_NLU_MLFLOW"
# seconds to wait for a tracking server's answer before failing: MLflow's own client retries
# for minutes, so an unreachable server would otherwise hang the run before it starts
PROBE_TIMEOUT_S = 5.0
OFF_HINT = f"or run without tracking: {TRACKING_SWITCH}=off kedro run ..."


class MlflowStoreError(RuntimeError):
    """The MLflow tracking store cannot be reached or written; nothing has run yet."""


def tracking_enabled() -> bool:
    """Return False when the user turned MLflow tracking off (`JOINT_NLU_MLFLOW=off`)."""
    return os.environ.get(TRACKING_SWITCH, "on").strip().lower() not in {"off", "0", "false", "no"}


class MlflowStoreCheckHook:
    """Fails in seconds, before kedro-mlflow touches the store, when it is unusable.

    Runs first (`tryfirst`) among the `after_context_created` hooks: an unreachable tracking
    server, or a sqlite store that cannot be written, stops the run with a message naming the
    URI and the fix, instead of MLflow's minutes of retries or a failure after training.
    """

    @hook_impl(tryfirst=True)
    def after_context_created(self, context) -> None:
        if not tracking_enabled():
            logger.warning("MLflow tracking is off (%s=off): nothing is logged", TRACKING_SWITCH)
            return
        if mlflow.active_run() is not None:  # an orchestrator started the run: its store works
            return
        uri = _tracking_uri(context)
        if uri:
            check_tracking_store(uri, Path(context.project_path))

    @hook_impl
    def after_catalog_created(self, catalog) -> None:
        if tracking_enabled():
            return
        from kedro_mlflow.io.catalog.switch_catalog_logging import switch_catalog_logging

        # the MLflow datasets still write their local files, and log nothing
        switch_catalog_logging(catalog, False)


def check_tracking_store(uri: str, project_path: Path, timeout: float = PROBE_TIMEOUT_S) -> None:
    """Raise `MlflowStoreError` when an http(s) or sqlite tracking store is unusable."""
    if uri.startswith(("http://", "https://")):
        _check_server(uri, timeout)
    elif uri.startswith("sqlite:///"):
        _check_sqlite(uri, project_path, timeout)


def _tracking_uri(context) -> str | None:
    """Return the tracking URI kedro-mlflow will use (mlflow.yml, else MLFLOW_TRACKING_URI)."""
    loader = context.config_loader
    try:
        if "mlflow" not in loader.config_patterns:
            loader.config_patterns.update({"mlflow": ["mlflow*", "mlflow*/**", "**/mlflow*"]})
        uri = (loader["mlflow"] or {}).get("server", {}).get("mlflow_tracking_uri")
    except Exception:  # no mlflow.yml: kedro-mlflow uses its defaults
        uri = None
    return str(uri) if uri else os.environ.get("MLFLOW_TRACKING_URI")


def _check_server(uri: str, timeout: float) -> None:
    url = uri.rstrip("/") + "/health"
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return
    except urllib.error.HTTPError:  # it answered: reachable (auth or routing is MLflow's job)
        return
    except (OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise MlflowStoreError(
            f"the MLflow tracking server {uri} is unreachable ({reason}); nothing was run. "
            "Fix: start the server (mlflow server --host 127.0.0.1 --port PORT), set "
            "MLFLOW_TRACKING_URI (or server.mlflow_tracking_uri in conf/local/mlflow.yml) to a "
            f"store you can reach, e.g. sqlite:///mlflow.db; {OFF_HINT}"
        ) from None


def _check_sqlite(uri: str, project_path: Path, timeout: float) -> None:
    # MLflow opens a relative sqlite path from the working directory (kedro runs from the root)
    path = Path(uri[len("sqlite:///") :].split("?", 1)[0])
    if not path.is_absolute():
        path = Path.cwd() / path
    fix = (
        "Fix: make it writable (chmod u+w), point MLFLOW_TRACKING_URI (or "
        "server.mlflow_tracking_uri in conf/local/mlflow.yml) at a writable store, "
        f"{OFF_HINT}"
    )
    if not path.exists():
        if not path.parent.is_dir() or not _writable(path.parent):
            raise MlflowStoreError(
                f"the MLflow store {uri} cannot be created: folder {path.parent} is missing or "
                f"not writable; nothing was run. {fix}"
            )
        return
    if not _writable(path):
        raise MlflowStoreError(
            f"the MLflow store {uri} is read-only ({path}); nothing was run. {fix}"
        )
    try:  # take the write lock and give it back: a locked or read-only database fails here
        connection = sqlite3.connect(path, timeout=timeout)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.rollback()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise MlflowStoreError(
            f"the MLflow store {uri} cannot be written ({error}); nothing was run. {fix}"
        ) from None


def _writable(path: Path) -> bool:
    """Return whether a path may be written: its permission bits say so, even for root."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)
