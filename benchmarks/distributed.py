"""Benchmark (not a test): training sentences/s with 1, 2 and 4 parameter-server workers.

Each distributed run starts a scheduler, one server and N workers on this host with
`joint_nlu.launcher`; each worker trains the default bilstm on its shard of the first `--rows`
training rows (data_processing outputs in data/05_model_input) and prints what it trained.
The cluster's rate is the rows trained by all workers over the slowest worker's training
seconds (validation excluded). `kvstore: device` on one process is the baseline, same rows.

    python benchmarks/distributed.py --rows 2000 --epochs 1

Workers on one host share its cores: on a 2-core machine, 2 and 4 workers compete for the
same two cores, so this measures the overhead of the parameter server, not a speed-up.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks/results/distributed.json"
MARK = "BENCHMARK_RESULT "


def train_once(kvstore: str, rows: int, valid_rows: int, epochs: int) -> dict:
    """Train on the first `rows` rows with `kvstore`; return this process's rows and seconds."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from quality import load_parameters
    from training_speed import load_inputs, model_config

    from joint_nlu.data import EncodedSet
    from joint_nlu.training import TrainingConfig, train

    params = load_parameters()
    train_set, valid_set, vocab = load_inputs()

    def head(data: EncodedSet, count: int) -> EncodedSet:
        mask = data.entity_mask[:count] if data.entity_mask else []
        return EncodedSet(data.features[:count], data.intents[:count], data.tags[:count], mask)

    config = model_config(params, vocab, params["model"]["architecture"])
    training = {
        key: value
        for key, value in params["training"].items()
        if key in TrainingConfig.__dataclass_fields__
    }
    settings = TrainingConfig.from_dict(
        {**training, "kvstore": kvstore, "epochs": epochs, "device": "cpu", "progress": False}
    )
    result = train(config, head(train_set, rows), head(valid_set, valid_rows), settings)
    seconds = sum(record["epoch_seconds"] for record in result.history)
    trained = sum(
        record["sentences_per_second"] * record["epoch_seconds"] for record in result.history
    )
    return {"rows": round(trained), "seconds": seconds}


def measure(workers: int | None, args: argparse.Namespace) -> dict:
    """Return the cluster's sentences/s for `workers` workers (None: one local process)."""
    worker = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        "--rows",
        str(args.rows),
        "--valid-rows",
        str(args.valid_rows),
        "--epochs",
        str(args.epochs),
    ]
    if workers is None:
        output = subprocess.run(
            [*worker, "--kvstore", "device"], capture_output=True, text=True, check=True, cwd=ROOT
        ).stdout
    else:
        from joint_nlu import launcher

        roles = launcher.plan([*worker, "--kvstore", "dist_sync"], workers=workers, servers=1)
        stream = io.StringIO()
        status = launcher.run(roles, timeout=args.timeout, stream=stream, cwd=ROOT)
        output = stream.getvalue()
        if status != 0:
            raise RuntimeError(f"{workers} worker(s) failed ({status}):\n{output[-3000:]}")
    reports = [json.loads(line.split(MARK, 1)[1]) for line in output.splitlines() if MARK in line]
    rows = sum(report["rows"] for report in reports)
    seconds = max(report["seconds"] for report in reports)
    return {
        "kvstore": "device" if workers is None else "dist_sync",
        "workers": workers or 1,
        "rows_trained": rows,
        "train_seconds": round(seconds, 2),
        "sentences_per_second": round(rows / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--valid-rows", type=int, default=200)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--kvstore", default="device", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        report = train_once(args.kvstore, args.rows, args.valid_rows, args.epochs)
        print(MARK + json.dumps(report), flush=True)
        return
    load_before = os.getloadavg()[0]
    runs = [measure(None, args)] + [measure(count, args) for count in args.workers]
    for run in runs:
        print(json.dumps(run))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "command": "python benchmarks/distributed.py " + " ".join(sys.argv[1:]),
                "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                "rows": args.rows,
                "epochs": args.epochs,
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "note": "workers on one host share its cores; the cluster rate is rows trained "
                "by all workers / the slowest worker's training seconds (validation excluded); "
                "rows_trained counts the batches a worker repeats to match the others' step "
                "count, and leaves out the rows % N rows no shard holds",
                "runs": runs,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {RESULTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
