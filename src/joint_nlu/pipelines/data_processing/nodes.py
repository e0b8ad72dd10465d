"""Nodes of data_processing: validate rows, add out-of-scope rows, split, build vocabularies,
encode.

Thin: validation, splitting, analysis and encoding are validation.py's, data.py's and
morphology.py's; files are the catalog's.
"""

from __future__ import annotations

import logging

import pandas as pd

from joint_nlu.data import (
    analyse_rows,
    analyser_settings,
    analysis_lookup,
    encode_rows,
    split_rows,
)
from joint_nlu.morphology import analyser_loaded, release_analyser
from joint_nlu.text import build_char_vocab, build_label_vocab, vocab_from_json, vocab_to_json
from joint_nlu.validation import (
    InvalidRowsError,
    duplicate_rows,
    no_rows_message,
    rejection_message,
    validate_rows,
)

logger = logging.getLogger(__name__)


class NoTrainingRowsError(SystemExit):
    """No row of the training file survived validation.

    A SystemExit: `kedro run` prints its one-line message (the file, the commonest reason and
    the fix) and exits with status 1, without a traceback.
    """


def validate_training_rows(raw: pd.DataFrame, params: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the valid training rows and the rejected ones (with file, line and reason).

    Repeated rows are kept and counted unless `data_processing.drop_duplicates` is true. When
    no row is left, stops with `NoTrainingRowsError` naming the file and the commonest reason.
    """
    drop = bool(params.get("drop_duplicates", False))
    accepted, rejected = validate_rows(raw, params["tag_alphabet"], reject_duplicates=drop)
    _handle_rejections(rejected, len(raw), params["strict"])
    if not len(accepted):
        raise NoTrainingRowsError(no_rows_message(_source(raw), len(raw), rejected))
    repeated = duplicate_rows(accepted)
    if repeated:
        logger.info(
            "%d training row(s) repeat an earlier row and are kept "
            "(data_processing.drop_duplicates: true sets them aside)",
            repeated,
        )
    return accepted, rejected


def validate_evaluation_rows(
    raw: pd.DataFrame, params: dict, out_of_scope: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the well-formed rows of an evaluated file and the malformed ones.

    Every well-formed row is scored, duplicates and intents training never saw included (an
    unseen intent counts as an intent error); the metrics count both kinds beside the scores.
    The rows of an `out_of_scope` file take `data_processing.out_of_scope_intent`.
    """
    accepted, rejected = validate_rows(raw, params["tag_alphabet"], reject_duplicates=False)
    _handle_rejections(rejected, len(raw), params["strict"])
    if out_of_scope:
        accepted = _as_out_of_scope(accepted, params["out_of_scope_intent"])
    return accepted, rejected


def validate_out_of_scope_pool(
    raw: pd.DataFrame, params: dict
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the valid rows of the out-of-scope training pool, with the out-of-scope intent,
    and the rejected ones (repeated rows included: the pool is drawn from)."""
    accepted, rejected = validate_rows(raw, params["tag_alphabet"], reject_duplicates=True)
    _handle_rejections(rejected, len(raw), params["strict"])
    return _as_out_of_scope(accepted, params["out_of_scope_intent"]), rejected


def add_out_of_scope_rows(rows: pd.DataFrame, pool: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Return the training rows with out-of-scope rows of the pool added.

    `data_processing.out_of_scope_share` x the in-scope rows are drawn (seed:
    `data_processing.split_seed`; all of them when the pool has fewer), never a sentence the
    training file already has. The training file's own out-of-scope rows (its rows of
    `out_of_scope_intent`) stay; without an in-scope row there is nothing to learn, and the run
    stops with `NoTrainingRowsError`.
    """
    intent, share = params["out_of_scope_intent"], float(params["out_of_scope_share"])
    if share < 0:
        raise ValueError(f"data_processing.out_of_scope_share must be >= 0, got {share}")
    own = int((rows["intent"] == intent).sum())
    in_scope = len(rows) - own
    if not in_scope:
        raise NoTrainingRowsError(
            f"{_source(rows)}: every one of its {len(rows)} valid row(s) has the out-of-scope "
            f"intent {intent!r} (data_processing.out_of_scope_intent): there is no in-scope "
            "intent to learn. Add rows of your intents, or set out_of_scope_intent to a name "
            "your file does not use"
        )
    wanted = round(share * in_scope)
    candidates = pool[~pool["sentence"].isin(set(rows["sentence"]))]
    if wanted > len(candidates):
        logger.warning(
            "data_processing.out_of_scope_share %.3g asks for %d out-of-scope rows but %s has "
            "%d usable: all of them are added",
            share,
            wanted,
            _source(pool),
            len(candidates),
        )
    drawn = candidates.sample(n=min(wanted, len(candidates)), random_state=params["split_seed"])
    logger.info(
        "training rows: %d in scope, %d out of scope of the training file, %d drawn from %s",
        in_scope,
        own,
        len(drawn),
        _source(pool),
    )
    return pd.concat([rows, drawn.sort_index()], ignore_index=True)


def collect_rejections(*rejected: pd.DataFrame) -> pd.DataFrame:
    """Return every rejected row of every file in one table."""
    frames = [frame for frame in rejected if len(frame)]
    return pd.concat(frames, ignore_index=True) if frames else rejected[0].iloc[:0]


def split_train_valid(rows: pd.DataFrame, params: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the train and validation splits of the training rows."""
    train, valid = split_rows(
        rows,
        params["validation_ratio"],
        params["split_seed"],
        params["outside_tag"],
        params["split_group_by"],
    )
    logger.info(
        "split %d training rows into %d train / %d validation", len(rows), len(train), len(valid)
    )
    return train, valid


def build_vocabularies(train: pd.DataFrame, params: dict) -> tuple[dict, dict, dict]:
    """Return the character, intent and tag vocabularies (as JSON) of the train split."""
    chars = build_char_vocab(train["sentence"], min_freq=params["min_char_freq"])
    intents = build_label_vocab(train["intent"])
    tags = build_label_vocab(letter for tags in train["tags"] for letter in tags)
    if params["outside_tag"] not in tags.token_to_idx:
        raise ValueError(
            f"outside tag {params['outside_tag']!r} never appears in the training tags "
            f"{''.join(tags.idx_to_token)!r}: set data_processing.outside_tag"
        )
    logger.info(
        "vocabularies: %d characters, %d intents, %d tags", len(chars), len(intents), len(tags)
    )
    return vocab_to_json(chars), vocab_to_json(intents), vocab_to_json(tags)


def analyse_sentences(model: dict, **rows: pd.DataFrame) -> pd.DataFrame:
    """Return every distinct sentence of the rows with its morphemes by the model's analyser
    (Kiwi, one batch), for training and evaluation to read; empty without morphology.

    An analyser this node loaded is let go afterwards: the rest of a run reads the analyses,
    so training need not hold Kiwi's memory (one loaded earlier in the process is kept).
    """
    settings = analyser_settings(model)
    loaded_before = settings is not None and analyser_loaded(settings)
    analysis = analyse_rows((s for frame in rows.values() for s in frame["sentence"]), settings)
    if settings is not None:
        logger.info("analysed %d distinct sentence(s) with %s", len(analysis), settings.name)
        if not loaded_before:
            release_analyser(settings)
    return analysis


def encode_split(
    rows: pd.DataFrame,
    char_vocab: dict,
    intent_vocab: dict,
    tag_vocab: dict,
    params: dict,
    model: dict,
    analysis: pd.DataFrame,
) -> pd.DataFrame:
    """Return rows with their encoded features (morphology from `analysis`), intent id and tag
    ids."""
    missing = sorted(set(rows["intent"]) - set(intent_vocab["idx_to_token"]))
    if missing:
        raise ValueError(
            f"intent(s) {missing} appear only in the validation split: "
            "lower data_processing.validation_ratio or add rows for them"
        )
    settings = analyser_settings(model)
    morphemes = analysis_lookup(analysis, settings)
    if settings is not None and morphemes is None:
        raise ValueError(
            "the morphology analysis was made with other analyser settings than "
            "model.analyser: rerun `kedro run --pipelines=data_processing`"
        )
    return encode_rows(
        rows,
        vocab_from_json(char_vocab),
        vocab_from_json(intent_vocab),
        vocab_from_json(tag_vocab),
        params["outside_tag"],
        morphemes,
    )


def summarise_data(
    rejected: pd.DataFrame,
    char_vocab: dict,
    model: dict,
    train: pd.DataFrame,
    valid: pd.DataFrame,
    params: dict,
    **files: pd.DataFrame,
) -> dict:
    """Return a report of rows read, accepted and rejected, out-of-scope rows per split, and
    sentences past the window.

    `files` holds each raw file as `raw_<name>` and its validated rows as `<name>`
    (`raw_train` and `raw_out_of_scope` have only their raw rows: their validated rows are in
    `train` + `valid`).
    """
    window = model[model["architecture"]].get("window")
    report: dict = {"window": window, "architecture": model["architecture"], "files": {}}
    for key, raw in files.items():
        if not key.startswith("raw_") or not len(raw):
            continue
        name = str(raw["source_file"].iloc[0])
        report["files"][name] = {
            "rows_read": len(raw),
            "rows_rejected": int((rejected["source_file"] == name).sum()) if len(rejected) else 0,
        }
    report["duplicate_train_rows"] = duplicate_rows(pd.concat([train, valid]))
    evaluated = {key: rows for key, rows in files.items() if not key.startswith("raw_")}
    report["splits"] = {}
    known_chars = set(char_vocab["idx_to_token"])
    for split, rows in {"train": train, "valid": valid, **evaluated}.items():
        lengths = rows["sentence"].str.len()
        report["splits"][split] = {
            "rows": len(rows),
            "out_of_scope_rows": int((rows["intent"] == params["out_of_scope_intent"]).sum()),
            "max_length": int(lengths.max()) if len(rows) else 0,
            "longer_than_window": int((lengths > window).sum()) if window else 0,
            "unknown_characters": sum(
                char not in known_chars for sentence in rows["sentence"] for char in sentence
            ),
        }
        if window and report["splits"][split]["longer_than_window"]:
            logger.warning(
                "%s: %d sentence(s) longer than the %d-character window of architecture %s "
                "(they are read cut and scored as wrong)",
                split,
                report["splits"][split]["longer_than_window"],
                window,
                model["architecture"],
            )
    return report


def _handle_rejections(rejected: pd.DataFrame, rows_in: int, strict: bool) -> None:
    if not len(rejected):
        return
    if strict:
        raise InvalidRowsError(rejection_message(rejected))
    logger.warning(
        "%d of %d rows of %s set aside (see data/08_reporting/rejected_rows.csv):\n%s",
        len(rejected),
        rows_in,
        rejected["source_file"].iloc[0],
        rejection_message(rejected, 5),
    )


def _as_out_of_scope(rows: pd.DataFrame, intent: str) -> pd.DataFrame:
    """Return rows of an out-of-scope file with the out-of-scope intent (logged when it
    changes one)."""
    other = int((rows["intent"] != intent).sum())
    if other:
        logger.info(
            "%s: %d row(s) read with the out-of-scope intent %r (an out-of-scope file)",
            _source(rows),
            other,
            intent,
        )
    return rows.assign(intent=intent)


def _source(raw: pd.DataFrame) -> str:
    """Return the file a raw table was read from (its `source_file`), or a placeholder."""
    if len(raw):
        return str(raw["source_file"].iloc[0])
    return str(raw.attrs.get("source_file", "the training file (raw_train)"))
