"""A blind native reading of the corpus: sample rows of two corpora, shuffled together, then count
the rows a reader judged unnatural, per corpus.

    python benchmarks/corpus_review.py sample NEW.txt OLD.txt --out benchmarks/data/corpus_review
    # a native reader who has not seen the generator fills judgements.tsv (id, natural, reason)
    python benchmarks/corpus_review.py score benchmarks/data/corpus_review

`sample` writes `rows.tsv` (id, intent, the sentence with its entity in [brackets]) for the
reader and `key.tsv` (id, which corpus) kept from the reader; the sample is seeded (`--seed`).
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path


def sample(new: Path, old: Path, out: Path, size: int, seed: int) -> None:
    """Write `size` random rows of each corpus, shuffled together, and the key."""
    rng = random.Random(seed)
    picked = [
        (name, row)
        for name, path in (("new", new), ("old", old))
        for row in rng.sample(path.read_text(encoding="utf-8").splitlines(), size)
    ]
    rng.shuffle(picked)
    out.mkdir(parents=True, exist_ok=True)
    rows, key = ["id\tintent\tsentence_with_entity_marked"], []
    for number, (name, row) in enumerate(picked, start=1):
        intent, tags, sentence = row.split("\t")
        start, end = tags.index("E"), tags.rindex("E") + 1
        rows.append(
            f"{number}\t{intent}\t{sentence[:start]}[{sentence[start:end]}]{sentence[end:]}"
        )
        key.append(f"{number}\t{name}")
    (out / "rows.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (out / "key.tsv").write_text("\n".join(key) + "\n", encoding="utf-8")


def score(folder: Path) -> None:
    """Print, per corpus, the rows judged unnatural and their reasons."""
    key = dict(line.split("\t") for line in (folder / "key.tsv").read_text().splitlines())
    judged = (folder / "judgements.tsv").read_text(encoding="utf-8").splitlines()[1:]
    totals, unnatural, reasons = (
        Counter(),
        Counter(),
        {name: Counter() for name in set(key.values())},
    )
    for line in judged:
        number, natural, reason, *_ = line.split("\t")
        totals[key[number]] += 1
        if natural.strip() == "no":
            unnatural[key[number]] += 1
            reasons[key[number]][reason] += 1
    for name in sorted(totals):
        detail = ", ".join(f"{reason} {count}" for reason, count in reasons[name].most_common())
        print(f"{name}: {unnatural[name]} of {totals[name]} rows unnatural ({detail})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sampling = commands.add_parser("sample")
    sampling.add_argument("new", type=Path)
    sampling.add_argument("old", type=Path)
    sampling.add_argument("--out", type=Path, default=Path("benchmarks/data/corpus_review"))
    sampling.add_argument("--size", type=int, default=100)
    sampling.add_argument("--seed", type=int, default=20261129)
    scoring = commands.add_parser("score")
    scoring.add_argument("folder", type=Path)
    args = parser.parse_args()
    if args.command == "sample":
        sample(args.new, args.old, args.out, args.size, args.seed)
    else:
        score(args.folder)


if __name__ == "__main__":
    main()
