"""The per-sentence pieces the speed work changed, old against new, in one process, in turns.

    python benchmarks/fast_paths.py --baseline-src /tmp/base/src [--rounds 5] [--json out.json]

- `morphology_features`: this checkout's against the one in `--baseline-src` (another
  checkout's `src`, e.g. `git worktree add /tmp/base main`), loaded side by side under another
  module name, on the first `--sentences` training sentences with their Kiwi analyses: checks
  that both give the same arrays, then CPU microseconds per sentence, the two alternating;
- Kiwi on one sentence: `analyse([sentence])` in the calling thread (what `predict` does now
  for fewer than 16 texts) against Kiwi's batched API on its worker threads (what it did),
  wall and CPU milliseconds per call, alternating.
Medians over `--rounds` turns; CPU time of the process, steadier than the wall clock on a
shared machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def baseline_morphology(source: Path):
    """Return the `joint_nlu.morphology` module of another checkout, as `baseline_morphology`."""
    spec = importlib.util.spec_from_file_location(
        "baseline_morphology", source / "joint_nlu" / "morphology.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    spec.loader.exec_module(module)
    return module


def per_sentence(function, cases, clock) -> float:
    """Return microseconds of `clock` per case of calling `function(*case)`."""
    started = clock()
    for case in cases:
        function(*case)
    return (clock() - started) / len(cases) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-src", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=ROOT / "data/01_raw/trainset.txt")
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--kiwi-sentences", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    from joint_nlu import morphology

    old = baseline_morphology(args.baseline_src.resolve())
    lines = args.corpus.read_text(encoding="utf-8").splitlines()
    sentences = [line.split("\t")[2] for line in lines if line.count("\t") >= 2]
    sentences = sentences[: args.sentences]
    cases = list(zip(sentences, morphology.analyse(sentences), strict=True))
    same = all(
        (old.morphology_features(*case) == morphology.morphology_features(*case)).all()
        for case in cases
    )
    features = {"baseline": [], "this checkout": []}
    kiwi = {"worker threads": [], "calling thread": []}
    kiwi_cpu = {"worker threads": [], "calling thread": []}
    few = sentences[: args.kiwi_sentences]
    for _ in range(args.rounds):
        for name, module in (("baseline", old), ("this checkout", morphology)):
            features[name].append(
                per_sentence(module.morphology_features, cases, time.process_time)
            )
        for name, threads_from in (("worker threads", 1), ("calling thread", 16)):
            calls = [([sentence], None, threads_from) for sentence in few]
            kiwi[name].append(per_sentence(morphology.analyse, calls, time.perf_counter) / 1000)
            kiwi_cpu[name].append(per_sentence(morphology.analyse, calls, time.process_time) / 1000)
    report = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs",
        "load_average": os.getloadavg(),
        "baseline_src": str(args.baseline_src),
        "sentences": len(cases),
        "same_features": bool(same),
        "features_cpu_us_per_sentence": {k: statistics.median(v) for k, v in features.items()},
        "features_rounds": features,
        "kiwi_one_sentence_wall_ms": {k: statistics.median(v) for k, v in kiwi.items()},
        "kiwi_one_sentence_cpu_ms": {k: statistics.median(v) for k, v in kiwi_cpu.items()},
        "kiwi_rounds_wall_ms": kiwi,
    }
    print(json.dumps({k: v for k, v in report.items() if not k.endswith("rounds")}, indent=1))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
