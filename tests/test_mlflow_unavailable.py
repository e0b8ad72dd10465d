"""MLflow unavailable: `kedro run` stops in seconds with the URI and the fix, or runs untracked."""

from __future__ import annotations

import http.server
import socket
import sqlite3
import stat
import threading
import time
from pathlib import Path

import pytest

from joint_nlu.hooks import MlflowStoreError, check_tracking_store
from tests.helpers import copy_project, run_kedro

FAST = 60  # seconds: MLflow's own client retries an unreachable server for minutes


def closed_port() -> int:
    """Return a loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("mlflow_unavailable"))


def squash(text: str) -> str:
    """Return text without whitespace (rich wraps long messages anywhere, words included)."""
    return "".join(text.split())


def kedro_data_processing(project: Path, **env: str):
    """Run the smallest pipeline that starts an MLflow run; return (process, seconds)."""
    start = time.monotonic()
    result = run_kedro(
        project, "run", "--env", "test", "--pipelines=data_processing", timeout=300, env=env
    )
    return result, time.monotonic() - start


def test_unreachable_tracking_server_fails_fast_before_anything_runs(project):
    uri = f"http://127.0.0.1:{closed_port()}"
    result, seconds = kedro_data_processing(project, MLFLOW_TRACKING_URI=uri)
    output = squash(result.stdout + result.stderr)
    assert result.returncode != 0
    assert seconds < FAST, seconds
    assert squash(f"the MLflow tracking server {uri} is unreachable") in output, output[-3000:]
    assert squash("JOINT_NLU_MLFLOW=off kedro run") in output
    assert "Runningnode" not in output  # it failed before the first node
    assert not (project / "data" / "02_intermediate").exists()


def test_read_only_sqlite_store_fails_fast_before_anything_runs(project, tmp_path):
    store = tmp_path / "mlflow.db"
    sqlite3.connect(store).close()
    store.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    uri = f"sqlite:///{store}"
    result, seconds = kedro_data_processing(project, MLFLOW_TRACKING_URI=uri)
    output = squash(result.stdout + result.stderr)
    assert result.returncode != 0
    assert seconds < FAST, seconds
    assert squash(f"the MLflow store {uri} is read-only") in output, output[-3000:]
    assert "chmodu+w" in output
    assert "Runningnode" not in output
    assert not (project / "data" / "02_intermediate").exists()


def test_tracking_off_runs_without_touching_the_store(tmp_path):
    project = copy_project(tmp_path)
    uri = f"http://127.0.0.1:{closed_port()}"
    result, seconds = kedro_data_processing(
        project, MLFLOW_TRACKING_URI=uri, JOINT_NLU_MLFLOW="off"
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert seconds < FAST, seconds
    assert "MLflow tracking is off" in output
    # the reports the MLflow datasets wrap are still written, locally
    assert (project / "data" / "08_reporting" / "rejected_rows.csv").is_file()
    assert (project / "data" / "08_reporting" / "data_report.json").is_file()
    assert not (project / "mlflow.db").exists() and not (project / "mlruns").exists()


def test_a_locked_sqlite_store_is_reported(tmp_path):
    store = tmp_path / "mlflow.db"
    holder = sqlite3.connect(store)
    holder.execute("CREATE TABLE t (x)")
    holder.commit()
    holder.execute("BEGIN IMMEDIATE")  # another process is writing and never lets go
    try:
        with pytest.raises(MlflowStoreError, match="cannot be written .*database is locked"):
            check_tracking_store(f"sqlite:///{store}", tmp_path, timeout=0.2)
    finally:
        holder.close()
    check_tracking_store(f"sqlite:///{store}", tmp_path, timeout=0.2)  # free again: fine


def test_a_sqlite_store_in_a_missing_folder_is_reported(tmp_path):
    uri = f"sqlite:///{tmp_path / 'nowhere' / 'mlflow.db'}"
    with pytest.raises(MlflowStoreError, match="cannot be created: folder .*nowhere is missing"):
        check_tracking_store(uri, tmp_path)
    check_tracking_store(f"sqlite:///{tmp_path / 'new.db'}", tmp_path)  # created later: fine


def test_a_server_that_answers_passes_whatever_its_status():
    class NotFound(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NotFound)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        check_tracking_store(f"http://127.0.0.1:{server.server_port}", Path.cwd(), timeout=2)
    finally:
        server.shutdown()
        server.server_close()
