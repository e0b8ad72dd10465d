"""Serving under load: the logged MLflow pyfunc model behind `mlflow models serve` on loopback.

Starts `mlflow models serve -m <model> --env-manager local -h 127.0.0.1 -p <free port>`, waits
for `/ping`, then a load generator (stdlib threads, one keep-alive HTTP connection each) sends
`--requests` POST /invocations (one sentence of the hidden test set each) from `--clients`
concurrent clients, bounded in count and in time (`--deadline`). Every answer must be HTTP 200
with one prediction holding `intent` and one tag per character; anything else, a timeout or a
request never sent before the deadline counts as an error. Writes latency percentiles and
requests/s to `--json` and exits 1 when there was any error.

    python benchmarks/serving_load.py [--model-uri runs:/<id>/joint_nlu]
        [--tracking-uri sqlite:///mlflow.db] [--requests 2000] [--clients 16]
        [--json benchmarks/results/serving_load.json]

Without `--model-uri` it serves the newest `joint_nlu` model logged in the tracking store.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = "127.0.0.1"


def hidden_sentences(path: Path) -> list[str]:
    """Return the sentences (third column) of a raw TSV file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[2] for line in lines if line.count("\t") >= 2]


def newest_model_uri(tracking_uri: str, name: str = "joint_nlu") -> str:
    """Return `runs:/<id>/<name>` of the newest run in the store that logged the model."""
    import mlflow

    mlflow.set_tracking_uri(tracking_uri)
    client = mlflow.MlflowClient()
    experiment = client.get_experiment_by_name("joint_nlu")
    if experiment is None:
        raise SystemExit(f"no experiment joint_nlu in {tracking_uri}: run `kedro run` first")
    models = client.search_logged_models(
        experiment_ids=[experiment.experiment_id],
        filter_string=f"name = '{name}'",
        order_by=[{"field_name": "creation_timestamp", "ascending": False}],
    )
    if not models:
        raise SystemExit(f"no model {name} logged in {tracking_uri}: run `kedro run` first")
    return f"runs:/{models[0].source_run_id}/{name}"


def free_port(host: str = LOOPBACK) -> int:
    """Return a TCP port free on `host` now."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class ModelServer:
    """`mlflow models serve` in its own process group, stopped with the whole group."""

    def __init__(
        self, model_uri: str, env: dict[str, str], log: Path, workers: int = 1, port: int = 0
    ) -> None:
        self.port = port or free_port()
        bin_dir = str(Path(sys.executable).parent)
        self.command = [
            os.path.join(bin_dir, "mlflow"),
            "models",
            "serve",
            "-m",
            model_uri,
            "--env-manager",
            "local",
            "-h",
            LOOPBACK,
            "-p",
            str(self.port),
            "-w",
            str(workers),
        ]
        self._log = log.open("w")
        self.process = subprocess.Popen(
            self.command,
            env={**os.environ, **env, "PATH": bin_dir + os.pathsep + os.environ["PATH"]},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.log = log

    def wait_ready(self, timeout: float = 180) -> None:
        """Return once `/ping` answers; raise when the server died or took too long."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://{LOOPBACK}:{self.port}/ping", timeout=2):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no answer on /ping in {timeout} s") from None
                time.sleep(0.5)

    def stop(self) -> None:
        """Stop the server and its workers."""
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)
        self._log.close()


def _check_answer(status: int, body: bytes, sentence: str) -> str | None:
    """Return what is wrong with an answer, or None when it is a good prediction."""
    if status != 200:
        return f"HTTP {status}: {body[:200]!r}"
    predictions = json.loads(body).get("predictions")
    if not isinstance(predictions, list) or len(predictions) != 1:
        return f"expected one prediction, got {str(predictions)[:200]}"
    prediction = predictions[0]
    if "intent" not in prediction or len(prediction.get("tags", "")) != len(sentence):
        return f"bad prediction {str(prediction)[:200]}"
    return None


def run_load(
    port: int,
    sentences: list[str],
    requests: int = 2000,
    clients: int = 16,
    deadline_s: float = 600,
    request_timeout: float = 30,
) -> dict:
    """Send `requests` POSTs from `clients` threads; return counts, errors and latencies.

    Bounded twice: no more than `requests` are sent, and none is started after `deadline_s`
    (those left unsent count as errors).
    """
    tickets = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []
    stop_at = time.monotonic() + deadline_s

    def client() -> None:
        connection = http.client.HTTPConnection(LOOPBACK, port, timeout=request_timeout)
        try:
            while True:
                with lock:
                    ticket = next(tickets)
                if ticket >= requests or time.monotonic() > stop_at:
                    return
                sentence = sentences[ticket % len(sentences)]
                body = json.dumps(
                    {"dataframe_split": {"columns": ["sentence"], "data": [[sentence]]}}
                )
                start = time.perf_counter()
                try:
                    connection.request(
                        "POST",
                        "/invocations",
                        body=body.encode(),
                        headers={"Content-Type": "application/json"},
                    )
                    response = connection.getresponse()
                    problem = _check_answer(response.status, response.read(), sentence)
                except (OSError, http.client.HTTPException, ValueError) as error:
                    problem = f"{type(error).__name__}: {error}"
                    connection.close()  # reconnect on the next request
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    if problem:
                        errors.append(f"request {ticket}: {problem}")
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(deadline_s + request_timeout + 5)
    wall = time.perf_counter() - started
    completed = len(latencies)
    unsent = requests - completed
    milliseconds = sorted(1000 * value for value in latencies)

    def percentile(share: float) -> float | None:
        if not milliseconds:
            return None
        return round(milliseconds[min(len(milliseconds) - 1, int(share * len(milliseconds)))], 2)

    return {
        "requests": requests,
        "clients": clients,
        "completed": completed,
        "errors": len(errors) + unsent,
        "error_examples": errors[:5] + ([f"{unsent} request(s) never sent"] if unsent else []),
        "wall_s": round(wall, 2),
        "requests_per_s": round(completed / wall, 1) if wall else None,
        "latency_ms": {
            "p50": percentile(0.50),
            "p90": percentile(0.90),
            "p99": percentile(0.99),
            "max": round(milliseconds[-1], 2) if milliseconds else None,
            "mean": round(statistics.fmean(milliseconds), 2) if milliseconds else None,
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-uri", default=None, help="default: newest joint_nlu model")
    parser.add_argument(
        "--tracking-uri", default=os.environ.get("MLFLOW_TRACKING_URI", "sqlite:///mlflow.db")
    )
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers of the server")
    parser.add_argument("--deadline", type=float, default=600, help="seconds; no request after")
    parser.add_argument("--sentences", type=Path, default=ROOT / "data/01_raw/test_hidden.txt")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks/results/serving_load.json")
    args = parser.parse_args()

    model_uri = args.model_uri or newest_model_uri(args.tracking_uri)
    sentences = hidden_sentences(args.sentences)
    env = {"MLFLOW_TRACKING_URI": args.tracking_uri, "MLFLOW_DISABLE_TELEMETRY": "true"}
    log = args.json.with_suffix(".server.log")
    server = ModelServer(model_uri, env, log, workers=args.workers)
    try:
        started = time.perf_counter()
        server.wait_ready()
        ready_s = time.perf_counter() - started
        warm_up = run_load(server.port, sentences, requests=32, clients=4, deadline_s=120)
        result = run_load(server.port, sentences, args.requests, args.clients, args.deadline)
    finally:
        server.stop()
    log.unlink(missing_ok=True)
    report = {
        "date": date.today().isoformat(),
        "command": " ".join(["python", "benchmarks/serving_load.py", *sys.argv[1:]]),
        "server": " ".join(server.command[1:]),
        "model_uri": model_uri,
        "host": LOOPBACK,
        "server_ready_s": round(ready_s, 1),
        "warm_up_errors": warm_up["errors"],
        "sentences_per_request": 1,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU cores, {platform.python_version()}",
        **result,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 1 if result["errors"] or warm_up["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
