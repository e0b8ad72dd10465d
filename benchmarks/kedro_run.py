"""Wall time and peak memory of the default `kedro run`, as a user runs it.

    python benchmarks/kedro_run.py [--repeats 1] [--env fast] [--params training.epochs=5]

Copies the project (pyproject, conf without conf/local, src, the raw corpus) to a temporary
folder, then runs `kedro run` there with a fresh sqlite MLflow store: data_processing, training,
evaluate and the MLflow logging, all included. Records the wall time, the peak resident memory
of the kedro process (`ru_maxrss` of the waited child), the training time the run logged and
the final metrics, in benchmarks/results/kedro_run.json.
"""

from __future__ import annotations

import argparse
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

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
QUIET = {"KEDRO_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "true"}


def copy_project(destination: Path) -> None:
    """Copy what `kedro run` needs into an empty folder."""
    for name in ("pyproject.toml", ".telemetry"):
        shutil.copy(ROOT / name, destination / name)
    shutil.copytree(ROOT / "conf", destination / "conf", ignore=shutil.ignore_patterns("local"))
    (destination / "conf" / "local").mkdir()
    shutil.copytree(ROOT / "src", destination / "src")
    raw = destination / "data" / "01_raw"
    raw.mkdir(parents=True)
    for name in ("trainset.txt", "test_hidden.txt"):
        shutil.copy(ROOT / "data" / "01_raw" / name, raw / name)


def run_once(extra_params: str, env: str | None) -> dict:
    """Run `kedro run` once in a fresh copy; return its time, memory and metrics."""
    kedro = Path(sys.executable).with_name("kedro")
    with tempfile.TemporaryDirectory(prefix="joint_nlu_run_") as folder:
        project = Path(folder)
        copy_project(project)
        command = [str(kedro), "run"] + ([f"--params={extra_params}"] if extra_params else [])
        command += ["--env", env] if env else []
        environment = {
            **os.environ,
            **QUIET,
            "MLFLOW_TRACKING_URI": f"sqlite:///{project / 'mlflow.db'}",
        }
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=project, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        output, _ = process.communicate()
        seconds = time.perf_counter() - started
        if process.returncode:
            sys.stdout.write(output.decode(errors="replace")[-4000:])
            raise SystemExit(f"kedro run failed with exit code {process.returncode}")
        metrics = json.loads((project / "data/08_reporting/metrics.json").read_text())
        history = pd.read_csv(project / "data/08_reporting/training_history.csv")
    return {
        "command": " ".join(command[1:]),
        "wall_seconds": seconds,
        "epochs_run": len(history),
        "training_seconds": float(history["epoch_seconds"].sum()),
        "metrics": metrics,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--params", default="", help="extra --params for kedro run")
    parser.add_argument("--env", help="kedro --env (e.g. fast); default: none, as a user runs it")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/kedro_run.json")
    args = parser.parse_args()
    runs = []
    for repeat in range(1, args.repeats + 1):
        run = run_once(args.params, args.env)
        # the largest resident set of any child waited for so far, in KiB (kedro is the largest)
        run["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        runs.append(run)
        print(
            f"run {repeat}: {run['wall_seconds']:.0f} s, peak RSS {run['peak_rss_mib']:.0f} MiB, "
            f"{run['epochs_run']} epochs",
            flush=True,
        )
    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
        "load_average_at_end": os.getloadavg(),
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
