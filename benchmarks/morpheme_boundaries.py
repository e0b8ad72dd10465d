"""Do gold entities start and end where Kiwi's morphemes (or whitespace words) allow?

    python benchmarks/morpheme_boundaries.py [--show 40] [--out benchmarks/results/morpheme_boundaries.json]

For each data set (benchmarks/data/handwritten_ko.tsv and data/01_raw/test_hidden.txt by
default; format `intent<TAB>tags<TAB>sentence`, one E/C tag per character) and for Kiwi with
and without its proper-noun dictionaries, through `joint_nlu.morphology`:
- the share of rows whose every gold entity starts where `boundary_masks` allows a start and
  ends where it allows an end (the constraint of the `morphemes` decoding), beside the same
  share for whitespace word boundaries alone (the `words` decoding);
- the share of gold entities that are exactly one Kiwi morpheme, and exactly one NNP;
- the share of gold entity strings that are entries of Kiwi's dictionaries (`default.dict`,
  `multi.dict` in the installed kiwipiepy_model package: tab-separated, the form first);
- every row whose gold boundary Kiwi (with dictionaries) does not allow, with Kiwi's
  morphemes around it (`--show` of them printed per data set, all of them in the JSON).
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from joint_nlu import morphology
from joint_nlu.text import spans_from_tags

ROOT = Path(__file__).resolve().parents[1]
DATASETS = {
    "handwritten_ko": ROOT / "benchmarks/data/handwritten_ko.tsv",
    "test_hidden": ROOT / "data/01_raw/test_hidden.txt",
}
SETTINGS = {
    "with dictionaries": morphology.AnalyserSettings(),
    "without dictionaries": morphology.AnalyserSettings(default_dict=False, multi_dict=False),
}
DICTIONARIES = ("default.dict", "multi.dict")


def read_rows(path: Path) -> list[tuple[str, str, str]]:
    """Return (intent, tags, sentence) of every well-formed line of a raw TSV file."""
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("\t", 2)
        if len(fields) == 3 and len(fields[1]) == len(fields[2]):
            rows.append((fields[0], fields[1], fields[2]))
    return rows


def dictionary_forms() -> dict[str, set[str]]:
    """Return the forms (first column) of Kiwi's installed dictionaries, by file name."""
    import kiwipiepy_model

    folder = Path(kiwipiepy_model.__file__).parent
    forms = {}
    for name in DICTIONARIES:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        forms[name] = {
            line.split("\t", 1)[0].strip()
            for line in lines
            if line.strip() and not line.startswith("#") and "\t" in line
        }
    return forms


def allowed(can_start: np.ndarray, can_end: np.ndarray, span: dict) -> bool:
    return bool(can_start[span["start"]] and can_end[span["end"] - 1])


def measure(rows: list[tuple[str, str, str]], settings: morphology.AnalyserSettings) -> dict:
    """Return the boundary figures of one data set under one analyser setting."""
    sentences = [sentence for _, _, sentence in rows]
    analysed = morphology.analyse(sentences, settings)
    counts = dict.fromkeys(
        ("rows", "entities", "rows_allowed", "rows_words_allowed", "one_morpheme", "one_nnp"), 0
    )
    refused = []
    for (intent, tags, sentence), found in zip(rows, analysed, strict=True):
        features = morphology.morphology_features(sentence, found)
        can_start, can_end = morphology.boundary_masks(features[:, morphology.MORPH_BOUNDARY])
        word = features[:, morphology.WORD_POSITION]
        word_start, word_end = np.isin(word, (2, 5)), np.isin(word, (4, 5))
        spans = spans_from_tags(sentence, tags)
        counts["rows"] += 1
        counts["entities"] += len(spans)
        ok = all(allowed(can_start, can_end, span) for span in spans)
        counts["rows_allowed"] += ok
        counts["rows_words_allowed"] += all(allowed(word_start, word_end, s) for s in spans)
        for span in spans:
            exact = [m for m in found if (m.start, m.end) == (span["start"], span["end"])]
            counts["one_morpheme"] += bool(exact)
            counts["one_nnp"] += any(m.tag == "NNP" for m in exact)
        if not ok:
            refused.append(
                {
                    "intent": intent,
                    "sentence": sentence,
                    "gold": [span["text"] for span in spans],
                    "start_allowed": [bool(can_start[span["start"]]) for span in spans],
                    "end_allowed": [bool(can_end[span["end"] - 1]) for span in spans],
                    "kiwi": " ".join(f"{sentence[m.start : m.end]}/{m.tag}" for m in found),
                }
            )
    rows_n, entities_n = max(counts["rows"], 1), max(counts["entities"], 1)
    return {
        **counts,
        "share_rows_allowed": counts["rows_allowed"] / rows_n,
        "share_rows_words_allowed": counts["rows_words_allowed"] / rows_n,
        "share_entities_one_morpheme": counts["one_morpheme"] / entities_n,
        "share_entities_one_nnp": counts["one_nnp"] / entities_n,
        "refused_rows": refused,
    }


def dictionary_figures(rows: list[tuple[str, str, str]], forms: dict[str, set[str]]) -> dict:
    """Return the shares of gold entities (occurrences and distinct strings) in each dictionary."""
    entities = [span["text"] for _, tags, s in rows for span in spans_from_tags(s, tags)]
    distinct = sorted(set(entities))
    figures: dict[str, float | int] = {"entities": len(entities), "distinct": len(distinct)}
    lookups = {**forms, "either": set().union(*forms.values())}
    for name, known in lookups.items():
        figures[f"share_in_{name}"] = sum(e in known for e in entities) / max(len(entities), 1)
        figures[f"share_distinct_in_{name}"] = sum(e in known for e in distinct) / max(
            len(distinct), 1
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=40, help="refused rows printed per data set")
    parser.add_argument(
        "--data", nargs="*", default=[f"{name}={path}" for name, path in DATASETS.items()]
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "benchmarks/results/morpheme_boundaries.json"
    )
    args = parser.parse_args()
    datasets = {item.split("=", 1)[0]: Path(item.split("=", 1)[1]) for item in args.data}

    forms = dictionary_forms()
    result: dict = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
        "command": " ".join(["benchmarks/morpheme_boundaries.py", *sys.argv[1:]]),
        "versions": {p: importlib.metadata.version(p) for p in morphology.ANALYSER_PACKAGES},
        "dictionary_entries": {name: len(known) for name, known in forms.items()},
        "datasets": {},
    }
    for name, path in datasets.items():
        rows = read_rows(path)
        result["datasets"][name] = {
            "path": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
            "settings": {label: measure(rows, s) for label, s in SETTINGS.items()},
            "dictionaries": dictionary_figures(rows, forms),
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")

    print(f"Gold entity boundaries vs Kiwi, {result['date']}, {result['machine']}")
    print(
        f"`python {result['command']}`; "
        + ", ".join(f"{p} {v}" for p, v in result["versions"].items())
    )
    print()
    print(
        "| data set | analyser | rows | start+end allowed (morphemes) | allowed (words only) "
        "| entity = one morpheme | entity = one NNP |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, figures in result["datasets"].items():
        for label, f in figures["settings"].items():
            print(
                f"| {name} | {label} | {f['rows']} | {f['share_rows_allowed']:.1%} "
                f"({f['rows'] - f['rows_allowed']} refused) | {f['share_rows_words_allowed']:.1%} "
                f"| {f['share_entities_one_morpheme']:.1%} | {f['share_entities_one_nnp']:.1%} |"
            )
    print()
    print("| data set | entities (distinct) | in default.dict | in multi.dict | in either |")
    print("|---|---|---|---|---|")
    for name, figures in result["datasets"].items():
        d = figures["dictionaries"]
        cells = [
            f"{d[f'share_in_{key}']:.1%} ({d[f'share_distinct_in_{key}']:.1%})"
            for key in (*DICTIONARIES, "either")
        ]
        print(f"| {name} | {d['entities']} ({d['distinct']}) | " + " | ".join(cells) + " |")
    for name, figures in result["datasets"].items():
        refused = figures["settings"]["with dictionaries"]["refused_rows"]
        shown = f", the first {args.show}" if len(refused) > args.show else ""
        print(
            f"\nRows of {name} whose gold boundary Kiwi (with dictionaries) does not allow "
            f"({len(refused)}{shown}; what is not allowed, then each morpheme as text/tag):"
        )
        for row in refused[: args.show]:
            where = [
                ("" if s else "start ") + ("" if e else "end")
                for s, e in zip(row["start_allowed"], row["end_allowed"])
            ]
            print(
                f"- `{row['sentence']}` gold {row['gold']} ({', '.join(where).strip()}): {row['kiwi']}"
            )
    print(f"\nwritten to {args.out}")


if __name__ == "__main__":
    main()
