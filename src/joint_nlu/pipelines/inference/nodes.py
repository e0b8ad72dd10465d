"""Nodes of inference: predict the sentences of a table with the trained model.

Thin: prediction is joint_nlu.serving's.
"""

from __future__ import annotations

import logging

import pandas as pd

from joint_nlu.serving import predict

logger = logging.getLogger(__name__)


def predict_sentences(tagger, sentences: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Return one row per sentence: intent, its probability, top intents, tags, spans, truncated.

    Bad input (no `sentence` column, a value that is not a string) raises an MlflowException
    with INVALID_PARAMETER_VALUE, which `mlflow models serve` answers with HTTP 400.
    """
    try:
        texts = predict.sentences_from_input(sentences)
    except predict.InvalidInputError as error:
        from mlflow.exceptions import MlflowException
        from mlflow.protos.databricks_pb2 import INVALID_PARAMETER_VALUE

        raise MlflowException(str(error), error_code=INVALID_PARAMETER_VALUE) from None
    predictions = tagger.predict(texts, top_k=params["top_k"], batch_size=params["batch_size"])
    logger.info("predicted %d sentence(s)", len(predictions))
    return predict.predictions_frame(predictions)
