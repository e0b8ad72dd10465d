"""Predict validated rows with a tagger and score them (no Kedro, no MXNet of its own)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import pandas as pd

from joint_nlu import error_analysis, metrics
from joint_nlu.validation import duplicate_rows

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
]


def predict_rows(
    tagger, rows: pd.DataFrame, top_k: int = 3, morphemes: Mapping | None = None
) -> pd.DataFrame:
    """Return the rows with the model's intent, its probability, its `top_k` intents, tags and a
    truncation flag. `morphemes`: sentence -> analysis by the model's analyser, when known.
    Every row is scored: the model's input limits (for requests) are lifted."""
    from joint_nlu.serving.predict import InputLimits

    sentences = list(rows["sentence"])
    analyses = None
    if morphemes is not None and all(sentence in morphemes for sentence in sentences):
        analyses = [morphemes[sentence] for sentence in sentences]
    predictions = tagger.predict(
        sentences, top_k=top_k, morphemes=analyses, limits=InputLimits()
    )
    frame = rows[["source_file", "line", "sentence", "intent", "tags"]].copy()
    frame["predicted_intent"] = [p["intent"] for p in predictions]
    frame["intent_probability"] = [p["intent_probability"] for p in predictions]
    frame["top_intents"] = [p["top_intents"] for p in predictions]
    frame["predicted_tags"] = [p["tags"] for p in predictions]
    frame["truncated"] = [p["truncated"] for p in predictions]
    return frame[PREDICTION_COLUMNS]


def score(
    predictions: pd.DataFrame,
    outside_tag: str = "C",
    tasks: Sequence[str] = ("intent", "entity"),
    known_intents: Collection[str] | None = None,
) -> dict[str, float]:
    """Return the metrics of `predict_rows` output for the heads in `tasks`.

    Every row counts. Beside the scores: `duplicate_rows` (rows repeating an earlier one) and,
    given the model's `known_intents`, `unseen_intent_rows` (gold intents the model was never
    trained on: each is an intent error).
    """
    scores: dict[str, float] = {
        "sentences": len(predictions),
        "truncated": int(predictions["truncated"].sum()),
        "duplicate_rows": duplicate_rows(predictions),
    }
    if known_intents is not None:
        scores["unseen_intent_rows"] = int((~predictions["intent"].isin(set(known_intents))).sum())
    if "intent" in tasks:
        scores["intent_accuracy"] = metrics.intent_accuracy(
            list(predictions["intent"]), list(predictions["predicted_intent"])
        )
    if "entity" in tasks:
        gold, predicted = list(predictions["tags"]), list(predictions["predicted_tags"])
        scores["entity_sequence_accuracy"] = metrics.entity_sequence_accuracy(
            gold, predicted, list(predictions["truncated"])
        )
        scores["char_tag_accuracy"] = metrics.char_tag_accuracy(gold, predicted)
        scores.update(metrics.span_scores(predictions["sentence"], gold, predicted, outside_tag))
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
        **score(predictions, tagger.outside_tag, tagger.tasks, tagger.intents),
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
