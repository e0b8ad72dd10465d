"""Predict validated rows with a tagger and score them (no Kedro, no MXNet of its own).

Out of scope: a row is out of scope when its gold intent is the out-of-scope intent (the
model's, `Calibration.out_of_scope_intent`; default `out_of_scope`), and a prediction is when
the model rejected the sentence: its `predicted_intent` is then that intent. So
`intent_accuracy` is the share of rows whose intent is right counting "out of scope" as one more
intent (on a file without out-of-scope rows, a rejected sentence is an intent error), and the
entity metrics are computed on the in-scope rows only.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import numpy as np
import pandas as pd

from joint_nlu import error_analysis, metrics
from joint_nlu.calibration import temper
from joint_nlu.validation import duplicate_rows

# the out-of-scope intent of a model that records none (trained before calibration)
DEFAULT_OUT_OF_SCOPE_INTENT = "out_of_scope"
PREDICTION_COLUMNS = [
    "source_file",
    "line",
    "sentence",
    "intent",
    "predicted_intent",
    "intent_probability",
    "top_intents",
    "tags",
    "predicted_tags",
    "truncated",
    "out_of_scope",
    "top_intent",
    "confidence",
    "uncalibrated_confidence",
]


def out_of_scope_intent(tagger) -> str:
    """Return the intent that names out-of-scope rows and rejected predictions for a tagger."""
    return tagger.calibration.out_of_scope_intent or DEFAULT_OUT_OF_SCOPE_INTENT


def predict_rows(
    tagger,
    rows: pd.DataFrame,
    top_k: int = 3,
    morphemes: Mapping | None = None,
    threshold: float | None = None,
) -> pd.DataFrame:
    """Return the rows with the model's answer: predicted intent (the out-of-scope intent when
    rejected), best in-scope probability, `top_k` intents, tags, truncation and out-of-scope
    flags, and for calibration the most probable intent (`top_intent`) with its probability
    after (`confidence`) and before (`uncalibrated_confidence`) the model's temperature.

    `morphemes`: sentence -> analysis by the model's analyser, when known. `threshold`: the
    out-of-scope threshold (default: the model's own). Every row is scored: the model's input
    limits (for requests) are lifted.
    """
    from joint_nlu.serving.predict import InputLimits

    sentences = list(rows["sentence"])
    analyses = None
    if morphemes is not None and all(sentence in morphemes for sentence in sentences):
        analyses = [morphemes[sentence] for sentence in sentences]
    intents = list(tagger.intents)
    predictions = tagger.predict(
        sentences,
        top_k=len(intents),
        morphemes=analyses,
        limits=InputLimits(),
        threshold=threshold,
    )
    rejected_as = out_of_scope_intent(tagger)
    frame = rows[["source_file", "line", "sentence", "intent", "tags"]].copy()
    frame["predicted_intent"] = [
        rejected_as if p["out_of_scope"] else p["intent"] for p in predictions
    ]
    frame["intent_probability"] = [p["intent_probability"] for p in predictions]
    frame["top_intents"] = [p["top_intents"][:top_k] for p in predictions]
    frame["predicted_tags"] = [p["tags"] for p in predictions]
    frame["truncated"] = [p["truncated"] for p in predictions]
    frame["out_of_scope"] = [p["out_of_scope"] for p in predictions]
    frame["top_intent"] = [p["top_intents"][0]["intent"] for p in predictions]
    frame["confidence"] = [p["top_intents"][0]["probability"] for p in predictions]
    frame["uncalibrated_confidence"] = _uncalibrated_confidence(
        predictions, intents, tagger.calibration.temperature
    )
    return frame[PREDICTION_COLUMNS]


def _uncalibrated_confidence(
    predictions: Sequence[dict], intents: Sequence[str], temperature: float
) -> list[float]:
    """Return each prediction's top probability before the temperature: tempering the full
    calibrated distribution by 1 / temperature gives the network's own back."""
    if not predictions:
        return []
    column = {intent: index for index, intent in enumerate(intents)}
    calibrated = np.zeros((len(predictions), len(intents)), dtype=np.float32)
    for row, prediction in enumerate(predictions):
        for top in prediction["top_intents"]:
            calibrated[row, column[top["intent"]]] = top["probability"]
    return temper(calibrated, 1.0 / temperature).max(axis=1).tolist()


def score(
    predictions: pd.DataFrame,
    outside_tag: str = "C",
    tasks: Sequence[str] = ("intent", "entity"),
    known_intents: Collection[str] | None = None,
    out_of_scope: str = DEFAULT_OUT_OF_SCOPE_INTENT,
) -> dict[str, float]:
    """Return the metrics of `predict_rows` output for the heads in `tasks`.

    Every row counts for the intent metrics; the entity metrics count the in-scope rows (gold
    intent not `out_of_scope`) and are left out when there is none. With an intent head:
    `intent_accuracy`, the out-of-scope scores (`metrics.out_of_scope_scores`: in-scope
    accuracy, in-scope rejection rate, out-of-scope recall, precision and AUROC, each where
    the rows allow) and the expected calibration error of the intent probabilities after
    (`ece`) and before (`ece_uncalibrated`) the temperature. Beside the scores: row counts,
    `out_of_scope_rows`, `duplicate_rows` and, given the model's `known_intents`,
    `unseen_intent_rows` (in-scope gold intents the model was never trained on: each is an
    intent error).
    """
    gold_out = predictions["intent"] == out_of_scope
    scores: dict[str, float] = {
        "sentences": len(predictions),
        "out_of_scope_rows": int(gold_out.sum()),
        "truncated": int(predictions["truncated"].sum()),
        "duplicate_rows": duplicate_rows(predictions),
    }
    if known_intents is not None:
        unseen = ~predictions["intent"].isin(set(known_intents)) & ~gold_out
        scores["unseen_intent_rows"] = int(unseen.sum())
    if "intent" in tasks:
        gold, predicted = list(predictions["intent"]), list(predictions["predicted_intent"])
        scores["intent_accuracy"] = metrics.intent_accuracy(gold, predicted)
        scores.update(
            metrics.out_of_scope_scores(
                gold, predicted, out_of_scope, list(predictions["intent_probability"])
            )
        )
        if len(predictions):
            correct = (predictions["top_intent"] == predictions["intent"]).tolist()
            scores["ece"] = metrics.expected_calibration_error(predictions["confidence"], correct)
            scores["ece_uncalibrated"] = metrics.expected_calibration_error(
                predictions["uncalibrated_confidence"], correct
            )
    in_scope = predictions[~gold_out]
    if "entity" in tasks and len(in_scope):
        gold, predicted = list(in_scope["tags"]), list(in_scope["predicted_tags"])
        scores["entity_sequence_accuracy"] = metrics.entity_sequence_accuracy(
            gold, predicted, list(in_scope["truncated"])
        )
        scores["char_tag_accuracy"] = metrics.char_tag_accuracy(gold, predicted)
        scores.update(metrics.span_scores(in_scope["sentence"], gold, predicted, outside_tag))
    return scores


def mistakes(predictions: pd.DataFrame) -> pd.DataFrame:
    """Return the rows with a wrong intent or wrong tags, with an `error` column saying which."""
    wrong_intent = predictions["intent"] != predictions["predicted_intent"]
    wrong_tags = (predictions["tags"] != predictions["predicted_tags"]) | predictions["truncated"]
    wrong = predictions[wrong_intent | wrong_tags].copy()
    wrong.insert(
        0,
        "error",
        [
            "+".join(kind for kind, bad in (("intent", i), ("tags", t)) if bad)
            for i, t in zip(wrong_intent[wrong.index], wrong_tags[wrong.index])
        ],
    )
    return wrong


def score_model(tagger, predictions: pd.DataFrame) -> dict[str, float]:
    """Return the metrics of a tagger's predictions, for the heads the tagger was trained for,
    with the count of each kind of error (`errors.<kind>`, `errors.by_intent.<intent>.<kind>`)."""
    return {
        **score(
            predictions,
            tagger.outside_tag,
            tagger.tasks,
            tagger.intents,
            out_of_scope_intent(tagger),
        ),
        **error_analysis.error_counts(for_tasks(predictions, tagger.tasks), tagger.outside_tag),
    }


def for_tasks(predictions: pd.DataFrame, tasks: Sequence[str]) -> pd.DataFrame:
    """Return predictions whose untrained head is taken as right, so that only the errors of
    the trained heads are analysed (an entity-only model has no intent to get wrong)."""
    predictions = predictions.copy()
    if "intent" not in tasks:
        predictions["predicted_intent"] = predictions["intent"]
    if "entity" not in tasks:
        predictions["predicted_tags"] = predictions["tags"]
    return predictions
