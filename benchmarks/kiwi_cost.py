"""What the Korean analyser (Kiwi) costs: disk, import, load, memory and time per sentence.

    python benchmarks/kiwi_cost.py [--runs 3] [--sentences 1000] [--out benchmarks/results/kiwi_cost.json]

Measured: the installed size of kiwipiepy + kiwipiepy-model (their files as pip recorded them);
the time to `import kiwipiepy`; then, for Kiwi with its dictionaries (the default) and without
(`default_dict=False, multi_dict=False`): the analyser's load time, the peak resident memory of a
process holding it (`resource.getrusage` of that process; beside it the peak of the same process
before loading, Python + numpy + joint_nlu), and milliseconds per sentence through
`joint_nlu.morphology.analyse`, one sentence per call and all `--sentences` first sentences of
data/01_raw/test_hidden.txt in one call. Every measurement runs in a fresh subprocess, `--runs`
times; the table shows medians. Prints a Markdown table and writes every figure as JSON.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import statistics
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HIDDEN = ROOT / "data/01_raw/test_hidden.txt"
PACKAGES = ("kiwipiepy", "kiwipiepy-model")
SETTINGS = {
    "with dictionaries": {},
    "without dictionaries": {"default_dict": False, "multi_dict": False},
}

IMPORT_CHILD = """
import json, time
start = time.perf_counter()
import kiwipiepy
print(json.dumps({"import_s": time.perf_counter() - start}))
"""

ANALYSER_CHILD = """
import json, resource, sys, time
from pathlib import Path
from joint_nlu import morphology
options, path, count = json.loads(sys.argv[1]), sys.argv[2], int(sys.argv[3])
lines = Path(path).read_text(encoding="utf-8").splitlines()
sentences = [line.split("\\t")[2] for line in lines if line.count("\\t") >= 2][:count]
settings = morphology.AnalyserSettings.from_dict(options)
before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
morphology.get_analyser(settings)
load_s = time.perf_counter() - start
loaded_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
morphology.analyse(sentences[:50], settings)  # warm up
def cpu_s():  # this process's CPU time, Kiwi's worker threads included
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
start, cpu = time.perf_counter(), cpu_s()
for sentence in sentences:
    morphology.analyse([sentence], settings)
one_s, one_cpu = time.perf_counter() - start, cpu_s() - cpu
start, cpu = time.perf_counter(), cpu_s()
morphology.analyse(sentences, settings)
batch_s, batch_cpu = time.perf_counter() - start, cpu_s() - cpu
print(json.dumps({
    "load_s": load_s,
    "peak_rss_before_mb": before_kb / 1024,
    "peak_rss_loaded_mb": loaded_kb / 1024,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "sentences": len(sentences),
    "one_at_a_time_ms": 1000 * one_s / len(sentences),
    "batched_ms": 1000 * batch_s / len(sentences),
    "one_at_a_time_cpu_ms": 1000 * one_cpu / len(sentences),
    "batched_cpu_ms": 1000 * batch_cpu / len(sentences),
}))
"""


def installed_size_mb(package: str) -> float:
    """Return the size on disk (MB) of the files pip recorded for an installed package."""
    total = 0
    for file in importlib.metadata.distribution(package).files or []:
        path = Path(file.locate())
        if path.is_file():
            total += path.stat().st_size
    return total / 2**20


def child(code: str, *args: str) -> dict:
    """Run Python code in a fresh interpreter (this one's, same PYTHONPATH); return its JSON."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), *sys.path])}
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        cwd=ROOT,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def median_of(runs: list[dict]) -> dict:
    """Return the median of each numeric figure over runs."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per measurement")
    parser.add_argument("--sentences", type=int, default=1000, help="sentences of the hidden set")
    parser.add_argument("--data", type=Path, default=HIDDEN)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/kiwi_cost.json")
    args = parser.parse_args()

    sizes = {package: installed_size_mb(package) for package in PACKAGES}
    versions = {package: importlib.metadata.version(package) for package in PACKAGES}
    imports = [child(IMPORT_CHILD) for _ in range(args.runs)]
    analysers = {}
    for name, options in SETTINGS.items():
        runs = [
            child(ANALYSER_CHILD, json.dumps(options), str(args.data), str(args.sentences))
            for _ in range(args.runs)
        ]
        analysers[name] = {"options": options, "runs": runs, "median": median_of(runs)}
        print(f"{name}: {analysers[name]['median']}", file=sys.stderr, flush=True)

    result = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
        "command": " ".join(["benchmarks/kiwi_cost.py", *sys.argv[1:]]),
        "python": platform.python_version(),
        # a shared machine: the load average says how much the wall-clock figures were slowed
        "load_average_1_5_15": os.getloadavg(),
        "versions": versions,
        "installed_mb": sizes,
        "import_s": {"runs": [run["import_s"] for run in imports], **median_of(imports)},
        "analysers": analysers,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")

    print(f"Kiwi's cost, {result['date']}, {result['machine']}, Python {result['python']}")
    print(f"`python {result['command']}` (medians of {args.runs} fresh processes)\n")
    print(
        f"Installed: kiwipiepy {versions['kiwipiepy']} {sizes['kiwipiepy']:.1f} MB + "
        f"kiwipiepy-model {versions['kiwipiepy-model']} {sizes['kiwipiepy-model']:.1f} MB; "
        f"`import kiwipiepy` {result['import_s']['import_s']:.2f} s\n"
    )
    load = ", ".join(f"{value:.1f}" for value in result["load_average_1_5_15"])
    print(f"Load average during the run (1, 5, 15 min): {load}\n")
    print(
        "| analyser | load s | peak RSS MB (before load) | ms/sentence one at a time (CPU ms) "
        f"| ms/sentence batched over {args.sentences} (CPU ms) |"
    )
    print("|---|---|---|---|---|")
    for name, figures in analysers.items():
        median = figures["median"]
        print(
            f"| {name} | {median['load_s']:.2f} | {median['peak_rss_mb']:.0f} "
            f"({median['peak_rss_before_mb']:.0f}) | {median['one_at_a_time_ms']:.3f} "
            f"({median['one_at_a_time_cpu_ms']:.3f}) | {median['batched_ms']:.3f} "
            f"({median['batched_cpu_ms']:.3f}) |"
        )
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
