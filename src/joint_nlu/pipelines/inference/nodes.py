"""Nodes of inference: predict sentences with the trained model, within the input limits.

`predict_sentences` is the served model's one node (one request: refused whole when bad or over
a limit); `set_aside_refused_sentences` and `predict_sentence_file` are the batch pipeline's
(a file: rows the served model would refuse are reported, the rest read in calls within the
limits). The limits themselves live in `serving.predict`; prediction is joint_nlu.serving's.
"""

from __future__ import annotations

import logging

import pandas as pd

from joint_nlu.calibration import check_threshold
from joint_nlu.serving import predict
from joint_nlu.serving.predict import SENTENCE_COLUMN, InputLimits

logger = logging.getLogger(__name__)

REJECTED_COLUMNS = ["line", "length", "reason", "beginning"]
# characters of a refused sentence kept in the report, to find it in the file
BEGINNING_CHARS = 40


def predict_sentences(tagger, sentences: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Return one row per sentence: intent, its probability, top intents, tags, spans, truncated,
    out_of_scope (with `inference.out_of_scope_threshold`: auto is the model's own threshold).

    Bad input (no `sentence` column, a value that is not a string, a request over the
    `inference` limits) raises an MlflowException with INVALID_PARAMETER_VALUE, which
    `mlflow models serve` answers with HTTP 400, before any model work.
    """
    limits = InputLimits.from_params(params)
    threshold = threshold_parameter(params.get("out_of_scope_threshold", "auto"))
    try:
        texts = predict.sentences_from_input(sentences, limits)
    except predict.InvalidInputError as error:
        from mlflow.exceptions import MlflowException
        from mlflow.protos.databricks_pb2 import INVALID_PARAMETER_VALUE

        raise MlflowException(str(error), error_code=INVALID_PARAMETER_VALUE) from None
    predictions = tagger.predict(
        texts,
        top_k=params["top_k"],
        batch_size=params["batch_size"],
        limits=limits,
        threshold=threshold,
    )
    logger.info("predicted %d sentence(s)", len(predictions))
    return predict.predictions_frame(predictions)


def set_aside_refused_sentences(
    sentences: pd.DataFrame, params: dict
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the sentences a model takes and a report of the others (line, length, reason).

    A row is set aside when the served model would refuse it on its own: not a string, or
    longer than `inference.max_sentence_chars`. `line` is the row's number + 1: its line in
    the default one-sentence-a-line file. Every row is in exactly one of the two tables.
    """
    limits = InputLimits.from_params(params)
    if SENTENCE_COLUMN in sentences.columns:
        values = sentences[SENTENCE_COLUMN].tolist()
    else:  # an empty table, or a refusal that names the columns
        values = predict.sentences_from_input(sentences)
    kept, rejected = [], []
    for row, value in enumerate(values):
        reason = predict.row_refusal(value, limits)
        if reason is None:
            kept.append(value)
            continue
        text = value if isinstance(value, str) else ""
        rejected.append(
            {
                "line": row + 1,
                "length": len(text),
                "reason": f"the sentence {reason}",
                "beginning": text[:BEGINNING_CHARS],
            }
        )
    if rejected:
        logger.warning(
            "set aside %d of %d sentence(s) (rejected_sentences: line, length, reason); "
            "first: line %d, %s",
            len(rejected),
            len(values),
            rejected[0]["line"],
            rejected[0]["reason"],
        )
    return (
        pd.DataFrame({SENTENCE_COLUMN: kept}),
        pd.DataFrame(rejected, columns=REJECTED_COLUMNS),
    )


def predict_sentence_file(tagger, sentences: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Return one row per sentence of a file, read in calls within the `inference` limits (and
    with `inference.out_of_scope_threshold`).

    A file is not one request: however many sentences it holds, each call to the model stays
    within `inference.max_batch_sentences` and `inference.max_batch_chars`; a sentence over
    `inference.max_sentence_chars` raises (set it aside first).
    """
    limits = InputLimits.from_params(params)
    threshold = threshold_parameter(params.get("out_of_scope_threshold", "auto"))
    texts = predict.sentences_from_input(sentences, limits.per_sentence())
    predictions: list[dict] = []
    for begin, end in limits.chunks(texts):
        predictions += tagger.predict(
            texts[begin:end],
            top_k=params["top_k"],
            batch_size=params["batch_size"],
            limits=limits,
            threshold=threshold,
        )
        logger.info("predicted %d of %d sentence(s)", len(predictions), len(texts))
    return predict.predictions_frame(predictions)


def threshold_parameter(value: object) -> float | None:
    """Return `inference.out_of_scope_threshold` for `predict`: None for `auto` (the threshold
    the model chose on its validation split), else a number from 0 to 1."""
    if value is None or value == "auto":
        return None
    try:
        return check_threshold(float(value) if isinstance(value, str) else value)
    except ValueError:
        raise ValueError(
            f"inference.out_of_scope_threshold must be auto or a number from 0 to 1, "
            f"got {value!r:.40}"
        ) from None
