"""Serving under load: the logged MLflow pyfunc model behind `mlflow models serve` on loopback.

Starts `mlflow models serve -m <model> --env-manager local -h 127.0.0.1 -p <free port>`, waits
for `/ping`, then a load generator (stdlib threads, one keep-alive HTTP connection each) sends
`--requests` POST /invocations (one sentence of the hidden test set each) from `--clients`
concurrent clients, bounded in count and in time (`--deadline`). Every answer must be HTTP 200
with one prediction holding `intent` and one tag per character; anything else, a timeout or a
request never sent before the deadline counts as an error. Writes latency percentiles and
requests/s to `--json` and exits 1 when there was any error.

`--mixed` then runs the same load again on the same server while one more client sends, without
pause, requests of one over-long sentence (`--long-chars` characters of Korean text, 5,000,000
by default: the request that once held a worker for 60 s). Each of those must be answered 400
naming `inference.max_sentence_chars` (anything else counts as its error). The report puts the
valid requests' latencies of both runs side by side (`--json` default then
benchmarks/results/serving_load_mixed.json). Last, it times the largest request conf/base's
limits allow (sentences of `max_sentence_chars` characters, `max_batch_chars` in all): the
longest one request can hold the model.

    python benchmarks/serving_load.py [--model-uri runs:/<id>/joint_nlu]
        [--tracking-uri sqlite:///mlflow.db] [--requests 2000] [--clients 16]
        [--mixed [--long-chars 5000000]] [--json benchmarks/results/serving_load.json]

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


def _percentiles(seconds: list[float]) -> dict[str, float | None]:
    """Return p50, p90, p99, max and mean of durations, in milliseconds."""
    milliseconds = sorted(1000 * value for value in seconds)

    def percentile(share: float) -> float | None:
        if not milliseconds:
            return None
        return round(milliseconds[min(len(milliseconds) - 1, int(share * len(milliseconds)))], 2)

    return {
        "p50": percentile(0.50),
        "p90": percentile(0.90),
        "p99": percentile(0.99),
        "max": round(milliseconds[-1], 2) if milliseconds else None,
        "mean": round(statistics.fmean(milliseconds), 2) if milliseconds else None,
    }


def _split_body(sentences: list[str]) -> bytes:
    """Return the JSON body of one request (dataframe_split, one sentence a row)."""
    body = {"dataframe_split": {"columns": ["sentence"], "data": [[s] for s in sentences]}}
    return json.dumps(body, ensure_ascii=False).encode()


def send_refused(
    port: int, sentence: str, stop: threading.Event, request_timeout: float = 30
) -> dict:
    """Send requests of one over-long `sentence` until `stop` is set; return counts, latencies.

    Every answer must be HTTP 400 naming `inference.max_sentence_chars`; anything else (another
    status, a timeout) counts as an error of this client.
    """
    body = _split_body([sentence])
    latencies: list[float] = []
    errors: list[str] = []
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=request_timeout)
    try:
        while not stop.is_set():
            start = time.perf_counter()
            try:
                connection.request(
                    "POST", "/invocations", body=body, headers={"Content-Type": "application/json"}
                )
                response = connection.getresponse()
                answer = response.read()
                if response.status != 400 or b"inference.max_sentence_chars" not in answer:
                    errors.append(f"HTTP {response.status}: {answer[-200:]!r}")
            except (OSError, http.client.HTTPException) as error:
                errors.append(f"{type(error).__name__}: {error}")
                connection.close()
            latencies.append(time.perf_counter() - start)
    finally:
        connection.close()
    return {
        "sentence_chars": len(sentence),
        "body_bytes": len(body),
        "sent": len(latencies),
        "errors": len(errors),
        "error_examples": errors[:5],
        "latency_ms": _percentiles(latencies),
    }


def run_mixed(
    port: int,
    sentences: list[str],
    long_sentence: str,
    requests: int = 2000,
    clients: int = 16,
    deadline_s: float = 600,
) -> dict:
    """Run `run_load` while one more client sends over-long requests; return both reports."""
    stop = threading.Event()
    refused: dict = {}
    thread = threading.Thread(
        target=lambda: refused.update(send_refused(port, long_sentence, stop)), daemon=True
    )
    thread.start()
    try:
        valid = run_load(port, sentences, requests, clients, deadline_s)
    finally:
        stop.set()
        thread.join(120)
    return {"valid": valid, "over_long": refused}


def largest_request(port: int, sentences: list[str], limits: dict, timeout: float = 600) -> dict:
    """Send one request at the limits (`max_batch_chars` characters in sentences of
    `max_sentence_chars`); return its status and seconds."""
    longest, budget = limits["max_sentence_chars"], limits["max_batch_chars"]
    text = " ".join(sentences)
    text = (text * (budget // len(text) + 1))[:budget]
    rows = [text[begin : begin + longest] for begin in range(0, budget, longest)]
    connection = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    try:
        start = time.perf_counter()
        connection.request(
            "POST", "/invocations", _split_body(rows), {"Content-Type": "application/json"}
        )
        response = connection.getresponse()
        answer = response.read()
        seconds = time.perf_counter() - start
    finally:
        connection.close()
    predicted = len(json.loads(answer).get("predictions", [])) if response.status == 200 else 0
    return {
        "sentences": len(rows),
        "chars": sum(map(len, rows)),
        "status": response.status,
        "predicted": predicted,
        "seconds": round(seconds, 2),
    }


def base_limits() -> dict:
    """Return the input limits of conf/base/parameters_inference.yml."""
    import yaml

    path = ROOT / "conf/base/parameters_inference.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["inference"]


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
                body = _split_body([sentence])
                start = time.perf_counter()
                try:
                    connection.request(
                        "POST",
                        "/invocations",
                        body=body,
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
    return {
        "requests": requests,
        "clients": clients,
        "completed": completed,
        "errors": len(errors) + unsent,
        "error_examples": errors[:5] + ([f"{unsent} request(s) never sent"] if unsent else []),
        "wall_s": round(wall, 2),
        "requests_per_s": round(completed / wall, 1) if wall else None,
        "latency_ms": _percentiles(latencies),
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
    parser.add_argument(
        "--mixed", action="store_true", help="then the same load beside over-long requests"
    )
    parser.add_argument(
        "--long-chars", type=int, default=5_000_000, help="characters of the over-long sentence"
    )
    parser.add_argument("--json", type=Path, default=None, help="default: benchmarks/results/")
    args = parser.parse_args()
    name = "serving_load_mixed.json" if args.mixed else "serving_load.json"
    args.json = args.json or ROOT / "benchmarks/results" / name

    model_uri = args.model_uri or newest_model_uri(args.tracking_uri)
    sentences = hidden_sentences(args.sentences)
    env = {"MLFLOW_TRACKING_URI": args.tracking_uri, "MLFLOW_DISABLE_TELEMETRY": "true"}
    log = args.json.with_suffix(".server.log")
    load_before = [round(value, 2) for value in os.getloadavg()]
    server = ModelServer(model_uri, env, log, workers=args.workers)
    try:
        started = time.perf_counter()
        server.wait_ready()
        ready_s = time.perf_counter() - started
        warm_up = run_load(server.port, sentences, requests=32, clients=4, deadline_s=120)
        result = run_load(server.port, sentences, args.requests, args.clients, args.deadline)
        if args.mixed:
            text = " ".join(sentences)
            long_sentence = (text * (args.long_chars // len(text) + 1))[: args.long_chars]
            mixed = run_mixed(
                server.port,
                sentences,
                long_sentence,
                args.requests,
                args.clients,
                args.deadline,
            )
            largest = largest_request(server.port, sentences, base_limits())
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
        # 1, 5 and 15-minute load averages: the machine may be shared
        "load_average_before": load_before,
        "load_average_after": [round(value, 2) for value in os.getloadavg()],
        **result,
    }
    errors = result["errors"] + warm_up["errors"]
    if args.mixed:
        report["mixed"] = mixed
        report["valid_latency_ms_plain_vs_mixed"] = {
            key: [result["latency_ms"][key], mixed["valid"]["latency_ms"][key]]
            for key in ("p50", "p99")
        }
        report["largest_request_within_limits"] = largest
        errors += mixed["valid"]["errors"] + mixed["over_long"]["errors"]
        errors += largest["status"] != 200 or largest["predicted"] != largest["sentences"]
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
