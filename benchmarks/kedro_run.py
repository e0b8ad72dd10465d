"""Wall time, peak memory and where the time goes in the default `kedro run`, as a user runs it.

    python benchmarks/kedro_run.py [--repeats 1] [--env fast] [--params training.epochs=5]
    python benchmarks/kedro_run.py --project ../other-checkout --keep /tmp/run_data

Copies the project (pyproject, conf without conf/local, src, the raw corpus, the hand-written
evaluation set; `--project` names another checkout to copy instead of this one) to a temporary
folder, then runs `kedro run` there with a fresh sqlite MLflow store: data_processing, training,
evaluate and the MLflow logging, all included. Records the wall time, the peak resident memory
of the kedro process (`ru_maxrss` of the waited child), the training time the run logged, the
final metrics and a breakdown by phase in benchmarks/results/kedro_run.json.

The breakdown comes from `PhaseTimer`, a Kedro hook this script adds to the copy's settings
(the copy only): it stamps every node's start and end, every dataset load and save, the start
and end of the pipeline and the exit of the process, each with the process's resident and peak
memory. Phases: `startup` (Python and package imports, Kedro's session, catalog and MLflow run
start, up to the first node), one entry per node (its inputs' loads, the node, its outputs'
saves, MLflow artifacts and metrics included: those datasets log when they save), `model
logging` (after the last node: kedro-mlflow logs the serving pipeline as an MLflow model and
ends the run) and `exit`. `--keep DIR` copies the run's `data/` folder to DIR (the trained model,
the morphology, the reports) for later benchmarks.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from kedro.framework.hooks import hook_impl

ROOT = Path(__file__).resolve().parents[1]
QUIET = {"KEDRO_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "true"}
# environment of the child: where PhaseTimer writes its events, when the parent started it
EVENTS_VARIABLE = "JOINT_NLU_PHASE_EVENTS"
STARTED_VARIABLE = "JOINT_NLU_RUN_STARTED"
SETTINGS_LINES = (
    "\n# added by benchmarks/kedro_run.py to its temporary copy: time every node\n"
    "from kedro_run import PhaseTimer as _PhaseTimer\n"
    "HOOKS = (*HOOKS, _PhaseTimer())\n"
)


def memory_mib() -> tuple[float, float]:
    """Return this process's resident and peak resident memory in MiB (0, 0 off Linux)."""
    values = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    values[line[:5]] = int(line.split()[1]) / 1024
    except OSError:
        return 0.0, 0.0
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


class PhaseTimer:
    """Kedro hook: stamps nodes, dataset loads and saves, the pipeline and the exit into JSON.

    Lives here, not in the package: only this benchmark's copies of the project register it.
    """

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.path = os.environ.get(EVENTS_VARIABLE)
        self._stamp("settings imported", "")
        atexit.register(self._write_at_exit)

    def _stamp(self, kind: str, name: str, node: str = "") -> None:
        rss, peak = memory_mib()
        self.events.append(
            {
                "time": time.time(),
                "kind": kind,
                "name": name,
                "node": node,
                "rss_mib": rss,
                "peak_mib": peak,
            }
        )

    def _write_at_exit(self) -> None:
        self._stamp("exit", "")
        if self.path:
            Path(self.path).write_text(json.dumps(self.events), encoding="utf-8")

    # pluggy passes a hook only the arguments its signature names: one method per hook
    @hook_impl
    def after_context_created(self) -> None:
        self._stamp("after_context_created", "")

    @hook_impl
    def before_pipeline_run(self) -> None:
        self._stamp("before_pipeline_run", "")

    @hook_impl
    def after_pipeline_run(self) -> None:
        self._stamp("after_pipeline_run", "")

    @hook_impl
    def before_node_run(self, node) -> None:
        self._stamp("before_node_run", node.name, node.name)

    @hook_impl
    def after_node_run(self, node) -> None:
        self._stamp("after_node_run", node.name, node.name)

    @hook_impl
    def before_dataset_loaded(self, dataset_name: str, node) -> None:
        self._stamp("before_dataset_loaded", dataset_name, node.name)

    @hook_impl
    def after_dataset_loaded(self, dataset_name: str, node) -> None:
        self._stamp("after_dataset_loaded", dataset_name, node.name)

    @hook_impl
    def before_dataset_saved(self, dataset_name: str, node) -> None:
        self._stamp("before_dataset_saved", dataset_name, node.name)

    @hook_impl
    def after_dataset_saved(self, dataset_name: str, node) -> None:
        self._stamp("after_dataset_saved", dataset_name, node.name)


def phases(events: list[dict[str, Any]], started: float) -> dict[str, Any]:
    """Return seconds and peak memory by phase from `PhaseTimer`'s events.

    A node's phase runs from its first input's load to its last output's save; `loads_seconds`
    and `saves_seconds` say how much of it was dataset I/O (with the MLflow logging of artifact
    and metric datasets, which log when they save). `between_nodes_seconds`: time outside
    every node's phase and before the pipeline's end (other hooks' work, e.g. logging the
    model directory as artifacts after it is saved).
    """
    by_kind = {event["kind"]: event for event in events}
    nodes: dict[str, dict[str, float]] = {}
    opened: dict[tuple[str, str], float] = {}
    for event in events:
        node = event["node"]
        if not node:
            continue
        found = nodes.setdefault(
            node,
            {
                "begin": event["time"],
                "node_seconds": 0.0,
                "loads_seconds": 0.0,
                "saves_seconds": 0.0,
            },
        )
        found["end"] = event["time"]
        found["peak_mib"], found["rss_mib"] = event["peak_mib"], event["rss_mib"]
        kind = event["kind"]
        if kind.startswith("before_"):
            opened[(kind[len("before_") :], event["name"])] = event["time"]
        elif kind.startswith("after_"):
            what = kind[len("after_") :]
            begun = opened.pop((what, event["name"]), event["time"])
            key = {"node_run": "node_seconds", "dataset_loaded": "loads_seconds"}.get(
                what, "saves_seconds"
            )
            found[key] += event["time"] - begun
    for found in nodes.values():
        found["phase_seconds"] = found.pop("end") - found.pop("begin")
    first = min(event["time"] for event in events if event["node"])
    last = max(event["time"] for event in events if event["node"])
    return {
        "to_settings_seconds": events[0]["time"] - started,
        "startup_seconds": first - started,
        "nodes": nodes,
        "between_nodes_seconds": last - first - sum(n["phase_seconds"] for n in nodes.values()),
        "model_logging_seconds": by_kind["after_pipeline_run"]["time"] - last,
        "exit_seconds": by_kind["exit"]["time"] - by_kind["after_pipeline_run"]["time"],
        "peak_mib": max(event["peak_mib"] for event in events),
    }


def copy_project(source: Path, destination: Path) -> None:
    """Copy what `kedro run` needs from the checkout `source` into an empty folder."""
    for name in ("pyproject.toml", ".telemetry"):
        shutil.copy(source / name, destination / name)
    shutil.copytree(source / "conf", destination / "conf", ignore=shutil.ignore_patterns("local"))
    (destination / "conf" / "local").mkdir()
    shutil.copytree(
        source / "src", destination / "src", ignore=shutil.ignore_patterns("__pycache__")
    )
    raw = destination / "data" / "01_raw"
    raw.mkdir(parents=True)
    for found in (source / "data" / "01_raw").glob("*.txt"):  # the corpus, out-of-scope files too
        shutil.copy(found, raw / found.name)
    hand = destination / "benchmarks" / "data"
    hand.mkdir(parents=True)
    for found in (source / "benchmarks" / "data").glob("*.tsv"):
        shutil.copy(found, hand / found.name)
    with open(destination / "src" / "joint_nlu" / "settings.py", "a", encoding="utf-8") as file:
        file.write(SETTINGS_LINES)


def run_once(source: Path, extra_params: str, env: str | None, keep: Path | None) -> dict:
    """Run `kedro run` once in a fresh copy; return its time, memory, phases and metrics."""
    import pandas as pd

    kedro = Path(sys.executable).with_name("kedro")
    with tempfile.TemporaryDirectory(prefix="joint_nlu_run_") as folder:
        project = Path(folder)
        copy_project(source, project)
        command = [str(kedro), "run"] + ([f"--params={extra_params}"] if extra_params else [])
        command += ["--env", env] if env else []
        events_file = project / "phase_events.json"
        started = time.time()
        environment = {
            **os.environ,
            **QUIET,
            "MLFLOW_TRACKING_URI": f"sqlite:///{project / 'mlflow.db'}",
            # the copy's own package first, then this script's folder (PhaseTimer)
            "PYTHONPATH": os.pathsep.join([str(project / "src"), str(Path(__file__).parent)]),
            EVENTS_VARIABLE: str(events_file),
            STARTED_VARIABLE: str(started),
        }
        process = subprocess.Popen(
            command, cwd=project, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        output, _ = process.communicate()
        seconds = time.time() - started
        if process.returncode:
            sys.stdout.write(output.decode(errors="replace")[-4000:])
            raise SystemExit(f"kedro run failed with exit code {process.returncode}")
        metrics = json.loads((project / "data/08_reporting/metrics.json").read_text())
        history = pd.read_csv(project / "data/08_reporting/training_history.csv")
        breakdown = phases(json.loads(events_file.read_text()), started)
        if keep is not None:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(project / "data", keep)
    return {
        "command": " ".join(command[1:]),
        "source": str(source),
        "wall_seconds": seconds,
        "epochs_run": len(history),
        "training_seconds": float(history["epoch_seconds"].sum()),
        "epoch_seconds": [float(value) for value in history["epoch_seconds"]],
        "phases": breakdown,
        "metrics": metrics,
    }


def print_phases(run: dict) -> None:
    """Print the breakdown of one run, slowest nodes first."""
    breakdown = run["phases"]
    print(f"  startup (imports, session, MLflow run) {breakdown['startup_seconds']:7.1f} s")
    for name, node in sorted(breakdown["nodes"].items(), key=lambda kv: -kv[1]["phase_seconds"]):
        print(
            f"  {name:42} {node['phase_seconds']:7.1f} s (node {node['node_seconds']:.1f}, "
            f"loads {node.get('loads_seconds', 0):.1f}, saves {node.get('saves_seconds', 0):.1f}),"
            f" peak {node['peak_mib']:.0f} MiB"
        )
    print(f"  between nodes (other hooks)              {breakdown['between_nodes_seconds']:7.1f} s")
    print(f"  model logging (kedro-mlflow)             {breakdown['model_logging_seconds']:7.1f} s")
    print(f"  exit                                     {breakdown['exit_seconds']:7.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--params", default="", help="extra --params for kedro run")
    parser.add_argument("--env", help="kedro --env (e.g. fast); default: none, as a user runs it")
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout to run")
    parser.add_argument("--keep", type=Path, help="copy the run's data/ folder here")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/kedro_run.json")
    args = parser.parse_args()
    runs = []
    load_before = os.getloadavg()
    for repeat in range(1, args.repeats + 1):
        run = run_once(args.project.resolve(), args.params, args.env, args.keep)
        # the largest resident set of any child waited for so far, in KiB (kedro is the largest)
        run["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        runs.append(run)
        print(
            f"run {repeat}: {run['wall_seconds']:.0f} s, peak RSS {run['peak_rss_mib']:.0f} MiB, "
            f"{run['epochs_run']} epochs ({run['training_seconds']:.0f} s of training steps)",
            flush=True,
        )
        print_phases(run)
    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
        "load_average_at_start": load_before,
        "load_average_at_end": os.getloadavg(),
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
