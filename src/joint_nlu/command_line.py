"""The `joint-nlu` command line: corpus, predict, evaluate. (Not `cli.py`: Kedro reserves that name.)"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

DEFAULT_MODEL = Path("data/06_models/tagger")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; return the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    try:
        return args.handler(args)
    except (FileNotFoundError, ValueError, TypeError) as error:
        print(f"joint-nlu {args.command}: error: {error}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="joint-nlu",
        description="Joint intent classification and entity tagging for Korean questions.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    corpus = commands.add_parser(
        "corpus",
        help="regenerate the embedded default corpus",
        description="Regenerate data/01_raw/trainset.txt and test_hidden.txt from the seed.",
    )
    corpus.add_argument("--out", type=Path, default=Path("data/01_raw"), help="output folder")
    corpus.add_argument(
        "--seed", type=int, default=None, help="generator seed (default: the committed corpus's)"
    )
    corpus.add_argument(
        "--stats", action="store_true", help="also print corpus statistics as Markdown"
    )
    corpus.set_defaults(handler=_corpus)

    predict = commands.add_parser(
        "predict",
        help="predict intent and entities of sentences, as JSON",
        description="Print one JSON object per sentence (intent, probability, tags, spans).",
    )
    predict.add_argument(
        "sentences", nargs="*", help="sentences; none: read one per line from stdin"
    )
    predict.add_argument(
        "--model", default=str(DEFAULT_MODEL), help="model directory (default: %(default)s)"
    )
    predict.add_argument(
        "--top-k", type=int, default=3, help="how many intents to list (default: %(default)s)"
    )
    predict.add_argument(
        "--device", default="cpu", help="cpu, gpu, gpu:0,1 or auto (default: %(default)s)"
    )
    predict.set_defaults(handler=_predict)

    evaluate = commands.add_parser(
        "evaluate",
        help="score a saved model on labelled TSV files",
        description="Score a model on intent<TAB>tags<TAB>sentence files: print the metrics "
        "table (or JSON); invalid rows are reported with file, line and reason, not scored.",
    )
    evaluate.add_argument("files", nargs="+", type=Path, help="labelled TSV files")
    evaluate.add_argument(
        "--model", default=str(DEFAULT_MODEL), help="model directory (default: %(default)s)"
    )
    evaluate.add_argument("--json", action="store_true", help="print the metrics as JSON")
    evaluate.add_argument("--mistakes", type=Path, help="write the wrong predictions to this CSV")
    evaluate.set_defaults(handler=_evaluate)
    return parser


def _corpus(args: argparse.Namespace) -> int:
    from joint_nlu.corpus import (
        DEFAULT_SEED,
        corpus_statistics,
        generate_corpus,
        statistics_markdown,
        write_corpus,
    )

    seed = DEFAULT_SEED if args.seed is None else args.seed
    paths = write_corpus(args.out, seed=seed)
    for path in paths.values():
        print(f"wrote {path}", file=sys.stderr)
    if args.stats:
        print(statistics_markdown(corpus_statistics(*generate_corpus(seed))))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    import pandas as pd

    from joint_nlu import evaluation
    from joint_nlu.datasets import RawTSVDataset
    from joint_nlu.metrics import metrics_table
    from joint_nlu.tagger import Tagger
    from joint_nlu.validation import validate_rows

    tagger = Tagger.load(args.model)
    tag_alphabet = "".join(tagger.tag_vocab.idx_to_token)
    report, wrong = {}, []
    for path in args.files:
        if not path.is_file():
            raise FileNotFoundError(f"no file {path}")
        rows, rejected = validate_rows(
            RawTSVDataset(filepath=str(path)).load(), tag_alphabet, set(tagger.intents)
        )
        for row in rejected.itertuples(index=False):
            print(f"{row.source_file}:{row.line}: skipped: {row.reason}", file=sys.stderr)
        predictions = evaluation.predict_rows(tagger, rows)
        report[path.stem] = {
            **evaluation.score(predictions, tagger.outside_tag, tagger.config.tasks),
            "rejected": len(rejected),
        }
        wrong.append(evaluation.mistakes(predictions))
    if args.mistakes:
        pd.concat(wrong, ignore_index=True).to_csv(args.mistakes, index=False)
    print(json.dumps(report, indent=1) if args.json else metrics_table(report))
    return 0


def _predict(args: argparse.Namespace) -> int:
    from joint_nlu.tagger import Tagger

    sentences = args.sentences or [line.rstrip("\n") for line in sys.stdin]
    tagger = Tagger.load(args.model, device=args.device)
    for prediction in tagger.predict(sentences, top_k=args.top_k):
        print(json.dumps(prediction, ensure_ascii=False))
    return 0
