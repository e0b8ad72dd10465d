"""Nodes of inference: predict the sentences of a table with the trained model."""

from __future__ import annotations

import logging

import pandas as pd

from joint_nlu.calibration import check_threshold
from joint_nlu.serving import predict

logger = logging.getLogger(__name__)


def predict_sentences(tagger, sentences: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Return one row per sentence: intent, its probability, top intents, tags, spans, truncated,
    out_of_scope (with `inference.out_of_scope_threshold`: auto is the model's own threshold).

    Bad input (no `sentence` column, a value that is not a string) raises an MlflowException
    with INVALID_PARAMETER_VALUE, which `mlflow models serve` answers with HTTP 400.
    """
    try:
        texts = predict.sentences_from_input(sentences)
    except predict.InvalidInputError as error:
        from mlflow.exceptions import MlflowException
        from mlflow.protos.databricks_pb2 import INVALID_PARAMETER_VALUE

        raise MlflowException(str(error), error_code=INVALID_PARAMETER_VALUE) from None
    predictions = tagger.predict(
        texts,
        top_k=params["top_k"],
        batch_size=params["batch_size"],
        threshold=threshold_parameter(params.get("out_of_scope_threshold", "auto")),
    )
    logger.info("predicted %d sentence(s)", len(predictions))
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
