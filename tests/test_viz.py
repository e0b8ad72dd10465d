"""kedro-viz serves every pipeline, its nodes, data layers and namespaces; chromium renders it.

One `kedro viz run` server is shared by the module. Nothing may leave the machine: kedro-viz
asks PyPI for its latest version and the page loads web fonts, so the server gets a dead proxy
and chromium resolves no host name.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from joint_nlu.pipelines.evaluate.pipeline import EVALUATED
from tests.helpers import (
    BROWSER_TIMEOUT_S,
    CHROMIUM_FLAGS,
    OFFLINE_ENV,
    QUIET_ENV,
    chromium_path,
    copy_project,
    kedro_executable,
    run_bounded,
)

pytestmark = pytest.mark.slow

HOST = "127.0.0.1"
START_TIMEOUT_S = 90
STOP_TIMEOUT_S = 15

PIPELINES = {"__default__", "data_processing", "training", "evaluate", "compare"}
# task nodes of each pipeline; a namespaced node is "<namespace>.<name>"
TASKS = {
    "data_processing": {
        "validate_training_rows",
        "validate_test_hidden_rows",
        "validate_handwritten_rows",
        "validate_out_of_scope_rows",
        "validate_test_out_of_scope_rows",
        "validate_handwritten_out_of_scope_rows",
        "add_out_of_scope_rows",
        "report_rejected_rows",
        "split_train_valid",
        "build_vocabularies",
        "encode_train",
        "encode_valid",
        "summarise_data",
    },
    "training": {"train_joint_model", "plot_learning_curves"},
    "evaluate": {
        *(
            f"{dataset}.{task}"
            for dataset in EVALUATED
            for task in ("predict", "score", "reliability", "error_report")
        ),
        "summarise_metrics",
    },
}
TASKS["__default__"] = set().union(*TASKS.values())
NAMESPACES = set(EVALUATED)
# compare (not part of __default__): one namespace per model variant
COMPARE_NAMESPACES = {"joint", "joint_equal", "entity_only", "intent_only"}
TASKS["compare"] = {
    *(f"{variant}.{name}" for variant in COMPARE_NAMESPACES for name in ("train_and_score_seeds",)),
    "compare_variants",
}

# kedro-viz orders layers along the graph
LAYERS = [
    "raw",
    "intermediate",
    "primary",
    "feature",
    "model_input",
    "models",
    "model_output",
    "reporting",
]
# catalog entry (factories expanded) -> `metadata: {kedro-viz: {layer: ...}}`
DATASET_LAYERS = {
    "raw_train": "raw",
    "raw_test_hidden": "raw",
    "raw_handwritten": "raw",
    "raw_out_of_scope": "raw",
    "raw_test_out_of_scope": "raw",
    "raw_handwritten_out_of_scope": "raw",
    "validated_train": "intermediate",
    "validated_out_of_scope": "intermediate",
    "validated_test_out_of_scope": "intermediate",
    "validated_handwritten_out_of_scope": "intermediate",
    "training_rows": "intermediate",
    "rejected_out_of_scope": "intermediate",
    "rejected_test_out_of_scope": "intermediate",
    "rejected_handwritten_out_of_scope": "intermediate",
    "validated_test_hidden": "intermediate",
    "validated_handwritten": "intermediate",
    "rejected_train": "intermediate",
    "rejected_test_hidden": "intermediate",
    "rejected_handwritten": "intermediate",
    "train_rows": "primary",
    "valid_rows": "primary",
    "char_vocabulary": "feature",
    "intent_vocabulary": "feature",
    "tag_vocabulary": "feature",
    "model_input_train": "model_input",
    "model_input_valid": "model_input",
    "trained_model": "models",
    **{f"{dataset}.predictions": "model_output" for dataset in EVALUATED},
    "rejected_rows": "reporting",
    "data_report": "reporting",
    "training_history": "reporting",
    "training_metrics": "reporting",
    **{
        f"{dataset}.{report}": "reporting"
        for dataset in EVALUATED
        for report in (
            "intent_report",
            "mistakes",
            "confusion_matrix",
            "reliability_diagram",
            "error_page",
        )
    },
    "metrics_report": "reporting",
    "evaluation_metrics": "reporting",
    "learning_curves": "reporting",
}
# the compare pipeline's entries, checked on /api/pipelines/compare
COMPARE_DATASET_LAYERS = {
    "char_vocabulary": "feature",
    "model_input_train": "model_input",
    "valid_rows": "primary",
    "validated_test_hidden": "intermediate",
    **{f"{variant}.seed_scores": "model_output" for variant in COMPARE_NAMESPACES},
    **{f"{variant}.mean_metrics": "reporting" for variant in COMPARE_NAMESPACES},
    "compare_table": "reporting",
    "compare_table_md": "reporting",
    "compare_chart": "reporting",
}

# local requests only: ignore any proxy configured in the environment
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port() -> int:
    """Return a TCP port nothing listens on now, below 49152 (kedro-viz refuses higher ones)."""
    for port in random.sample(range(20000, 49000), 200):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free TCP port between 20000 and 49000")


def _port_in_use(port: int) -> bool:
    """Return whether something accepts connections on the port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex((HOST, port)) == 0


def _get_json(url: str, timeout: float = 10) -> dict:
    """Return the JSON body of a GET request."""
    with _OPENER.open(url, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def _live_group_members(pgid: int) -> list[int]:
    """Return the ids of processes of a process group that are not zombies (Linux /proc)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after the command name: state, ppid, pgrp
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def _stop_group(process: subprocess.Popen, timeout: float = STOP_TIMEOUT_S) -> None:
    """Stop a process started with start_new_session=True and every process of its group."""
    pgid = process.pid  # the leader of a new session is the leader of its process group
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None and not _live_group_members(pgid):
                break
            time.sleep(0.2)
        else:
            continue
        break
    process.wait(timeout=timeout)


def _task_names(graph: dict) -> set[str]:
    """Return the task nodes of a /api graph as `<namespace>.<name>` (or `<name>`)."""
    names = set()
    for node in graph["nodes"]:
        if node["type"] != "task":
            continue
        namespaces = node.get("modular_pipelines") or []
        deepest = max(namespaces, key=len) if namespaces else None
        names.add(f"{deepest}.{node['name']}" if deepest else node["name"])
    return names


@pytest.fixture(scope="module")
def viz_url(tmp_path_factory) -> Iterator[str]:
    """Start `kedro viz run` on a copy of the project; yield its URL; stop its process group."""
    project = copy_project(tmp_path_factory.mktemp("viz_project"))
    port = _free_port()
    env = {
        **os.environ,
        **QUIET_ENV,
        **OFFLINE_ENV,
        "MLFLOW_TRACKING_URI": f"sqlite:///{project / 'mlflow.db'}",
    }
    log_path = project / "viz.log"
    url = f"http://{HOST}:{port}"
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [kedro_executable(), "viz", "run", "--host", HOST, "--port", str(port), "--no-browser"],
            cwd=project,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while True:
                if process.poll() is not None:
                    pytest.fail(
                        f"kedro viz exited with {process.returncode}:\n"
                        + log_path.read_text(encoding="utf-8")[-3000:]
                    )
                try:
                    _get_json(f"{url}/api/main", timeout=5)
                    break
                except (urllib.error.URLError, OSError, ValueError):
                    if time.monotonic() > deadline:
                        pytest.fail(
                            f"kedro viz did not answer {url}/api/main in {START_TIMEOUT_S} s:\n"
                            + log_path.read_text(encoding="utf-8")[-3000:]
                        )
                    time.sleep(0.5)
            yield url
        finally:
            _stop_group(process)
    assert not _live_group_members(process.pid), "kedro viz left processes running"
    assert not _port_in_use(port), f"port {port} still answers after kedro viz was stopped"


@pytest.fixture(scope="module")
def main_graph(viz_url: str) -> dict:
    """The graph of `__default__` as /api/main returns it."""
    return _get_json(f"{viz_url}/api/main")


def test_every_pipeline_is_listed(main_graph: dict) -> None:
    """/api/main names every registered pipeline and selects `__default__`."""
    assert {pipeline["id"] for pipeline in main_graph["pipelines"]} >= PIPELINES
    assert main_graph["selected_pipeline"] == "__default__"


@pytest.mark.parametrize("pipeline", sorted(TASKS))
def test_each_pipeline_shows_its_nodes(viz_url: str, pipeline: str) -> None:
    """/api/pipelines/<id> holds the pipeline's task nodes, namespaced ones included."""
    graph = _get_json(f"{viz_url}/api/pipelines/{pipeline}")
    assert graph["selected_pipeline"] == pipeline
    assert _task_names(graph) >= TASKS[pipeline]


def test_training_feeds_both_evaluations(main_graph: dict) -> None:
    """Edges run train_joint_model -> trained_model -> the valid and test_hidden namespaces."""
    ids = {
        (node["type"], node["name"]): node["id"]
        for node in main_graph["nodes"]
        if not node.get("modular_pipelines") or node["type"] != "task"
    }
    edges = {(edge["source"], edge["target"]) for edge in main_graph["edges"]}
    model = ids[("data", "trained_model")]
    assert (ids[("task", "train_joint_model")], model) in edges
    for namespace in NAMESPACES:
        assert (model, ids[("modularPipeline", namespace)]) in edges


def test_namespaces_are_modular_pipelines(viz_url: str, main_graph: dict) -> None:
    """`valid` and `test_hidden` are collapsible modular pipelines holding predict and score."""
    for graph in (main_graph, _get_json(f"{viz_url}/api/pipelines/evaluate")):
        modular = graph["modular_pipelines"]
        assert set(modular) >= NAMESPACES
        shown = {node["name"] for node in graph["nodes"] if node["type"] == "modularPipeline"}
        assert shown >= NAMESPACES
        names = {node["id"]: node["name"] for node in graph["nodes"]}
        for namespace in NAMESPACES:
            children = {names[child["id"]] for child in modular[namespace]["children"]}
            assert {"predict", "score", f"{namespace}.predictions"} <= children


def test_data_layers(main_graph: dict) -> None:
    """Catalog metadata puts every dataset in its layer, from raw to reporting."""
    assert main_graph["layers"] == LAYERS
    shown = {
        node["name"]: node.get("layer") for node in main_graph["nodes"] if node["type"] == "data"
    }
    missing = sorted(set(DATASET_LAYERS) - set(shown))
    assert not missing, f"datasets missing from the graph: {missing}"
    wrong = {
        name: (shown[name], layer) for name, layer in DATASET_LAYERS.items() if shown[name] != layer
    }
    assert not wrong, (
        "dataset: (layer shown, layer expected); add `metadata: {kedro-viz: {layer: ...}}` "
        f"to conf/base/catalog.yml: {wrong}"
    )


@pytest.fixture(scope="module")
def compare_graph(viz_url: str) -> dict:
    """The graph of `compare` as /api/pipelines/compare returns it."""
    return _get_json(f"{viz_url}/api/pipelines/compare")


def test_compare_variants_are_modular_pipelines(compare_graph: dict) -> None:
    """Each compare variant is a collapsible modular pipeline holding its train-and-score node."""
    modular = compare_graph["modular_pipelines"]
    assert set(modular) >= COMPARE_NAMESPACES
    names = {node["id"]: node["name"] for node in compare_graph["nodes"]}
    for namespace in COMPARE_NAMESPACES:
        children = {names[child["id"]] for child in modular[namespace]["children"]}
        assert "train_and_score_seeds" in children, children


def test_compare_data_layers(compare_graph: dict) -> None:
    """Every dataset of the compare pipeline sits in its layer."""
    shown = {
        node["name"]: node.get("layer") for node in compare_graph["nodes"] if node["type"] == "data"
    }
    expected = {name: layer for name, layer in COMPARE_DATASET_LAYERS.items()}
    missing = sorted(set(expected) - set(shown))
    assert not missing, f"datasets missing from the compare graph: {missing}"
    wrong = {name: (shown[name], layer) for name, layer in expected.items() if shown[name] != layer}
    assert not wrong, f"dataset: (layer shown, layer expected): {wrong}"


@pytest.mark.browser
def test_browser_renders_the_graph(viz_url: str) -> None:
    """Headless chromium renders the default pipeline: its nodes are drawn in the graph."""
    chromium = chromium_path()
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        result = run_bounded(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", f"{viz_url}/"],
            BROWSER_TIMEOUT_S,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    dom = result.stdout
    # names drawn as graph nodes (<text class="pipeline-node__text">), not only the sidebar
    drawn = set(re.findall(r'class="pipeline-node__text"[^>]*>([^<]+)</text>', dom))
    expected = {
        "validate_training_rows",
        "build_vocabularies",
        "train_joint_model",
        "summarise_metrics",
        "raw_train",
        "trained_model",
        *NAMESPACES,
    }
    assert expected <= drawn, f"not drawn: {sorted(expected - drawn)}; drawn: {sorted(drawn)}"
