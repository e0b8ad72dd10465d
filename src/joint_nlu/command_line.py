"""The `joint-nlu` command line: corpus, predict, export-onnx, evaluate, import, launch, demo. (Not `cli.py`: Kedro reserves that name.)"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

DEFAULT_MODEL = Path("data/06_models/tagger")
# the hand-written evaluation sets: no generated out-of-scope row may repeat one of their sentences
RESERVED_FILES = (
    Path("benchmarks/data/handwritten_out_of_scope_ko.tsv"),
    Path("benchmarks/data/handwritten_ko.tsv"),
)


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
        help="regenerate the embedded default corpus, or report on corpus files",
        description="Regenerate data/01_raw/trainset.txt (the generated rows, then those of the "
        "frozen first corpus data/01_raw/trainset_v1.txt whose entity the hidden set does not "
        "hold) and test_hidden.txt from the seed (needs the pinned kiwipiepy-model), and the out-of-scope files out_of_scope.txt "
        "(training pool) and test_out_of_scope.txt (none of their sentences is one of the "
        "hand-written sets'), or with --report print what corpus files look like: "
        "rows per intent, entity kinds, share of entities in Kiwi's dictionaries, phrasing "
        "families, noise rates, lengths and contradictions, one column per file.",
    )
    corpus.add_argument("--out", type=Path, default=Path("data/01_raw"), help="output folder")
    corpus.add_argument(
        "--seed", type=int, default=None, help="generator seed (default: the committed corpus's)"
    )
    corpus.add_argument(
        "--stats", action="store_true", help="also print train/hidden statistics as Markdown"
    )
    corpus.add_argument(
        "--report",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="print the report of these corpus files (intent<TAB>tags<TAB>sentence) as Markdown "
        "instead of generating",
    )
    corpus.add_argument(
        "--seed-rows",
        action="store_true",
        help="with --report: add a column for the ten seed rows of the original data",
    )
    corpus.add_argument(
        "--without-first-corpus",
        action="store_true",
        help="trainset.txt without the rows of the frozen first corpus (generated rows only)",
    )
    corpus.add_argument(
        "--out-of-scope-only",
        action="store_true",
        help="write only out_of_scope.txt and test_out_of_scope.txt (quicker)",
    )
    corpus.add_argument(
        "--allow-other-kiwi-model",
        action="store_true",
        help="generate even if the installed kiwipiepy-model is not the pinned one (warns; the "
        "files will then differ from the committed corpus)",
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
    predict.add_argument(
        "--threshold",
        type=_threshold,
        default=None,
        metavar="P",
        help="out-of-scope threshold from 0 to 1: a sentence whose best in-scope intent is less "
        "probable gets intent null and out_of_scope true (default: the model's own, chosen on "
        "its validation split; 0: only when the out-of-scope intent wins)",
    )
    predict.add_argument(
        "--backend",
        choices=("mxnet", "onnx"),
        default="mxnet",
        help="mxnet, or onnx (model.onnx with onnxruntime; see export-onnx)",
    )
    predict.set_defaults(handler=_predict)

    export_onnx = commands.add_parser(
        "export-onnx",
        help="write MODEL_DIR/model.onnx for onnxruntime (needs the onnx extra)",
        description="Export a saved model's network to ONNX (opset 13) beside its other files, "
        "so `predict --backend onnx` and `Tagger.load(dir, backend='onnx')` run without MXNet. "
        "MODEL_DIR may also be an MLflow URI (runs:/<id>/joint_nlu): it is downloaded first.",
    )
    export_onnx.add_argument(
        "model_dir", nargs="?", default=str(DEFAULT_MODEL), help="model directory or MLflow URI"
    )
    export_onnx.add_argument("--out", type=Path, default=None, help="ONNX file to write")
    export_onnx.add_argument(
        "--int8",
        action="store_true",
        help="write MODEL_DIR/model.int8.onnx instead: LSTM and dense weights as int8 "
        "(faster on the CPU; Tagger.load(dir, backend='onnx', quantized=True) reads it)",
    )
    export_onnx.set_defaults(handler=_export_onnx)

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
    _add_import_parser(commands)
    _add_launch_parser(commands)
    _add_demo_parser(commands)
    return parser


def _add_demo_parser(commands) -> None:
    """Add `demo`: a one-page web demo of a model on a loopback address."""
    from joint_nlu import demo

    parser = commands.add_parser(
        "demo",
        help="serve a web page where you type a sentence and see intent, top intents and spans",
        description="Serve a one-page demo of a model on a loopback address (no authentication, "
        'so other hosts are refused) and its JSON endpoint: POST /predict {"sentences": '
        '["..."], "top_k": 3} with Content-Type: application/json returns {"predictions": '
        "[...]}. Stops on Ctrl-C or SIGTERM.",
    )
    parser.add_argument(
        "--model",
        default=str(DEFAULT_MODEL),
        help="model directory or MLflow URI (runs:/<id>/joint_nlu) (default: %(default)s)",
    )
    parser.add_argument(
        "--host",
        default=demo.DEFAULT_HOST,
        help="loopback address to listen on (default: %(default)s)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=demo.DEFAULT_PORT,
        help="port; 0 picks a free one (default: %(default)s)",
    )
    parser.add_argument(
        "--backend",
        choices=("mxnet", "onnx"),
        default="mxnet",
        help="mxnet, or onnx (model.onnx with onnxruntime; see export-onnx)",
    )
    parser.add_argument(
        "--max-body-bytes",
        type=int,
        default=demo.DEFAULT_MAX_BODY_BYTES,
        help="largest request body accepted (default: %(default)s)",
    )
    parser.add_argument(
        "--max-sentences",
        type=int,
        default=demo.DEFAULT_MAX_SENTENCES,
        help="most sentences in one request (default: %(default)s)",
    )
    parser.set_defaults(handler=_demo)


def _add_launch_parser(commands) -> None:
    """Add `launch`: a training on MXNet's parameter server (scheduler, servers, workers)."""
    launch = commands.add_parser(
        "launch",
        help="run a command as N workers of a parameter-server training (dist_sync/dist_async)",
        description="Start MXNet's parameter-server scheduler, M servers and N workers running "
        "COMMAND (with the DMLC_* variables set), stream their output prefixed with their role, "
        "and stop them all when the workers end or any role fails (exit status: that role's). "
        "Example: joint-nlu launch --workers 2 -- kedro run --pipeline=training "
        "--params=training.kvstore=dist_sync",
    )
    launch.add_argument("--workers", type=int, default=2, help="workers (default: %(default)s)")
    launch.add_argument("--servers", type=int, default=1, help="servers (default: %(default)s)")
    launch.add_argument(
        "--host",
        default="127.0.0.1",
        help="address the scheduler and servers bind to (default: %(default)s); with --hosts, "
        "an address of this machine the hosts can reach",
    )
    launch.add_argument("--port", type=int, default=None, help="scheduler port (default: free)")
    launch.add_argument(
        "--hosts",
        type=Path,
        default=None,
        help="file of [user@]host lines: run the workers there over ssh (round-robin)",
    )
    launch.add_argument(
        "--workdir", default=None, help="with --hosts: folder to run in there (default: this one)"
    )
    launch.add_argument(
        "--threads",
        type=int,
        default=None,
        help="OMP_NUM_THREADS of each local worker (default: cores / workers)",
    )
    launch.add_argument(
        "--timeout", type=float, default=None, help="stop everything after this many seconds"
    )
    launch.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND [ARGS...]")
    launch.set_defaults(handler=_launch)


def _add_import_parser(commands) -> None:
    """Add `import jointbert` and `import conll` (other corpus formats to the raw TSV)."""
    importer = commands.add_parser(
        "import",
        help="convert a JointBERT (ATIS/SNIPS) or CoNLL BIO corpus to the raw TSV",
        description="Convert another corpus format to intent<TAB>tags<TAB>sentence rows. "
        "Sentence = the words joined by single spaces; E for every character of a word whose "
        "slot tag is not O and for the space between two words of the same span; C elsewhere. "
        "Sentences that cannot be converted are listed with file, line and reason in a report.",
    )
    formats = importer.add_subparsers(dest="format", metavar="FORMAT", required=True)
    jointbert = formats.add_parser(
        "jointbert",
        help="SRC/{train,dev,test}/seq.in, seq.out, label -> OUT_DIR/{train,dev,test}.txt",
        description="Read SRC_DIR/{train,dev,test}/seq.in (words), seq.out (one BIO tag per "
        "word) and label (intents); write OUT_DIR/<split>.txt, OUT_DIR/import_report.csv "
        "(skipped sentences) and, with --typed, OUT_DIR/tag_map.json.",
    )
    jointbert.add_argument("source", type=Path, metavar="SRC_DIR")
    jointbert.add_argument("out", type=Path, metavar="OUT_DIR")
    conll = formats.add_parser(
        "conll",
        help="token<space>tag lines, blank line between sentences -> OUT.tsv",
        description="Read a CoNLL-style BIO file: one token per line, the token first and its "
        "tag last (whitespace-separated), a blank line between sentences. A line "
        "'# intent = X' before a sentence gives its intent (else --intent). Writes OUT.tsv, "
        "OUT.report.csv (skipped sentences) and, with --typed, OUT.tag_map.json.",
    )
    conll.add_argument("source", type=Path, metavar="SRC")
    conll.add_argument("out", type=Path, metavar="OUT.tsv")
    conll.add_argument(
        "--intent", default=None, help="intent of sentences without a '# intent = X' line"
    )
    for parser in (jointbert, conll):
        parser.add_argument(
            "--typed",
            action="store_true",
            help="keep slot types: each type gets its own one-character tag (C stays outside)",
        )
        parser.add_argument(
            "--tag-map",
            type=Path,
            default=None,
            help="reuse the type-to-tag JSON of an earlier --typed import (new types are added)",
        )
        parser.add_argument(
            "--orphan-inside",
            choices=("skip", "begin"),
            default="skip",
            help="an I- tag without B- before it: skip the sentence (default) or begin a span",
        )
    importer.set_defaults(handler=_import)


def _corpus(args: argparse.Namespace) -> int:
    from joint_nlu.corpus import (
        DEFAULT_SEED,
        FIRST_CORPUS,
        build_entity_pools,
        corpus_statistics,
        format_rows,
        generate_corpus_with_report,
        read_first_corpus,
        statistics_markdown,
    )
    from joint_nlu.corpus.statistics import pools_markdown

    seed = DEFAULT_SEED if args.seed is None else args.seed
    if args.report:
        return _corpus_report(args.report, seed, args.seed_rows)
    if args.out_of_scope_only:
        return _out_of_scope_corpus(args.out, seed)
    train, hidden, reports = generate_corpus_with_report(
        seed, strict_kiwi_model=not args.allow_other_kiwi_model
    )
    rows_to_write = train
    if not args.without_first_corpus:
        if not FIRST_CORPUS.is_file():
            raise FileNotFoundError(
                f"{FIRST_CORPUS} not found: run joint-nlu corpus from the project root, or pass "
                "--without-first-corpus"
            )
        first, left_out = read_first_corpus(FIRST_CORPUS, hidden)
        rows_to_write = train + first
        print(
            f"trainset: {len(train)} generated rows, then {len(first)} rows of {FIRST_CORPUS} "
            f"({left_out} left out: their entity is in the hidden set)",
            file=sys.stderr,
        )
    args.out.mkdir(parents=True, exist_ok=True)
    for name, rows in (("trainset.txt", rows_to_write), ("test_hidden.txt", hidden)):
        path = args.out / name
        path.write_bytes(format_rows(rows).encode("utf-8"))
        print(f"wrote {path}", file=sys.stderr)
    for split, report in reports.items():
        reasons = ", ".join(f"{reason}: {n}" for reason, n in report.rejected.most_common())
        origins = ", ".join(f"{origin} {n}" for origin, n in sorted(report.origins.items()))
        real = 1 - report.origins["invented"] / max(1, report.rows)
        print(
            f"{split}: {report.rows} rows, names from {origins} ({real:.1%} real); "
            f"{sum(report.rejected.values())} drawn again ({reasons or 'none'})",
            file=sys.stderr,
        )
        context = ", ".join(
            f"{kind} {n}" for kind, n in report.context.most_common() if kind != "any"
        )
        share = report.context["any"] / max(1, report.rows)
        print(
            f"{split}: context next to the name in {share:.1%} of rows ({context})", file=sys.stderr
        )
    if args.stats:
        pools = build_entity_pools(seed)
        print(statistics_markdown(corpus_statistics(train, hidden, pools)))
        print(pools_markdown(pools))
    return _out_of_scope_corpus(args.out, seed)


def _out_of_scope_corpus(out: Path, seed: int) -> int:
    from joint_nlu.corpus.out_of_scope import write_default_out_of_scope

    missing = [str(path) for path in RESERVED_FILES if not path.is_file()]
    if missing:
        raise FileNotFoundError(
            f"{', '.join(missing)} not found: run joint-nlu corpus from the project root (the "
            "generated out-of-scope rows must not repeat the hand-written sets)"
        )
    for path in write_default_out_of_scope(out, seed, RESERVED_FILES).values():
        print(f"wrote {path}", file=sys.stderr)
    return 0


def _corpus_report(files: list[Path], seed: int, seed_rows: bool = False) -> int:
    import warnings

    from joint_nlu.corpus import build_entity_pools, check_kiwi_model
    from joint_nlu.corpus.report import SEED_ROWS, corpus_report, read_rows, report_markdown

    for path in files:
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such corpus file")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Kiwi's own deprecation notices, a model mismatch
        check_kiwi_model(strict=False)  # the report reads any file; kinds may shift a little
        from kiwipiepy import Kiwi

        kiwi = Kiwi()
        pools = build_entity_pools(seed)
        reports = {path.name: corpus_report(read_rows(path), kiwi, pools) for path in files}
        if seed_rows:
            reports["seed rows"] = corpus_report(SEED_ROWS, kiwi, pools)
    print(report_markdown(reports))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    import pandas as pd

    from joint_nlu import Tagger, evaluation
    from joint_nlu.datasets import RawTSVDataset
    from joint_nlu.metrics import metrics_table
    from joint_nlu.validation import validate_rows

    tagger = Tagger.load(args.model)
    tag_alphabet = "".join(tagger.tag_vocab.idx_to_token)
    report, wrong = {}, []
    for path in args.files:
        if not path.is_file():
            raise FileNotFoundError(f"no file {path}")
        rows, rejected = validate_rows(
            RawTSVDataset(filepath=str(path)).load(), tag_alphabet, reject_duplicates=False
        )
        for row in rejected.itertuples(index=False):
            print(f"{row.source_file}:{row.line}: skipped: {row.reason}", file=sys.stderr)
        if not len(rows):
            reasons = rejected["reason"].value_counts()
            commonest = f"; commonest reason: {reasons.index[0]}" if len(reasons) else ""
            print(
                f"{path}: nothing scored: none of its {len(rejected)} row(s) is a valid "
                f"intent<TAB>tags<TAB>sentence row for this model (tag letters "
                f"{tag_alphabet!r}){commonest}",
                file=sys.stderr,
            )
            continue
        predictions = evaluation.predict_rows(tagger, rows)
        report[path.stem] = {
            **evaluation.score_model(tagger, predictions),
            "rejected": len(rejected),
        }
        wrong.append(evaluation.mistakes(predictions))
    if not report:
        print("joint-nlu evaluate: no file had a row to score", file=sys.stderr)
        return 1
    if args.mistakes:
        pd.concat(wrong, ignore_index=True).to_csv(args.mistakes, index=False)
    print(json.dumps(report, indent=1) if args.json else metrics_table(report))
    return 0


def _import(args: argparse.Namespace) -> int:
    from joint_nlu import importers

    tag_map = importers.read_tag_map(args.tag_map) if args.tag_map else None
    if args.format == "jointbert":
        result = importers.import_jointbert(
            args.source, args.typed or tag_map is not None, tag_map, args.orphan_inside
        )
        written = [
            importers.write_rows(rows, args.out / f"{split}.txt")
            for split, rows in result.rows.items()
        ]
        report = importers.write_report(result.skipped, args.out / "import_report.csv")
        map_file = args.out / "tag_map.json"
    else:
        result = importers.import_conll(
            args.source, args.intent, args.typed or tag_map is not None, tag_map, args.orphan_inside
        )
        written = [importers.write_rows(next(iter(result.rows.values())), args.out)]
        stem = args.out.with_suffix("")
        report = importers.write_report(result.skipped, stem.with_name(stem.name + ".report.csv"))
        map_file = stem.with_name(stem.name + ".tag_map.json")
    if result.tag_map:
        written.append(importers.write_tag_map(result.tag_map, map_file))
    for split, counts in result.summary()["splits"].items():
        print(
            f"{split}: {counts['rows']} rows written, {counts['skipped']} sentence(s) skipped",
            file=sys.stderr,
        )
    if result.apostrophe_words:
        print(
            f"{result.apostrophe_words} split-off apostrophe word(s) (as in 'what s') kept as "
            "words of their own",
            file=sys.stderr,
        )
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    print(f"wrote {report} ({len(result.skipped)} skipped, with reasons)", file=sys.stderr)
    return 0


def _predict(args: argparse.Namespace) -> int:
    from joint_nlu import Tagger
    from joint_nlu.serving.predict import InputTooLargeError, sentences_from_input

    sentences = args.sentences or [line.rstrip("\n") for line in sys.stdin]
    tagger = Tagger.load(args.model, device=args.device, backend=args.backend)
    # the model's input limits: every sentence is checked before the first is predicted;
    # any number of them is read in calls within the limits (like the batch pipeline)
    try:
        sentences_from_input(sentences, tagger.limits.per_sentence())
    except InputTooLargeError as error:
        where = f"argument {error.row + 1}" if args.sentences else f"line {error.row + 1} of stdin"
        print(
            f"joint-nlu predict: error: {error} ({where}; the limits are the model's own, "
            f"in the config.json of {args.model})",
            file=sys.stderr,
        )
        return 1
    for begin, end in tagger.limits.chunks(sentences):
        chunk = sentences[begin:end]
        for prediction in tagger.predict(chunk, top_k=args.top_k, threshold=args.threshold):
            print(json.dumps(prediction, ensure_ascii=False))
    return 0


def _threshold(text: str) -> float:
    """Parse --threshold: a number from 0 to 1."""
    from joint_nlu.calibration import check_threshold

    try:
        return check_threshold(float(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 1") from None


def _demo(args: argparse.Namespace) -> int:
    from joint_nlu import Tagger, demo

    demo.check_loopback(args.host)  # before the model loads: refuse fast
    tagger = Tagger.load(args.model, backend=args.backend)
    return demo.serve(tagger, args.host, args.port, args.max_body_bytes, args.max_sentences)


def _launch(args: argparse.Namespace) -> int:
    from joint_nlu import launcher

    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    hosts = launcher.read_hosts(args.hosts) if args.hosts else None
    roles = launcher.plan(
        command,
        args.workers,
        args.servers,
        host=args.host,
        port=args.port,
        hosts=hosts,
        workdir=args.workdir,
        threads=args.threads,
    )
    return launcher.run(roles, timeout=args.timeout)


def _export_onnx(args: argparse.Namespace) -> int:
    from joint_nlu.serving.model_dir import resolve_model_path
    from joint_nlu.serving.onnx_export import export_onnx

    model_dir = resolve_model_path(args.model_dir)
    print(f"wrote {export_onnx(model_dir, args.out, int8=args.int8)}", file=sys.stderr)
    return 0
