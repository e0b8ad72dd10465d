"""From validated rows to model input: split, encode, and the encoded set training reads (no Kedro)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

import gluonnlp as nlp
import numpy as np
import pandas as pd
from sklearn.model_selection import GroupShuffleSplit

from joint_nlu.morphology import (
    AnalyserSettings,
    Morpheme,
    analyse,
    morphemes_from_json,
    morphemes_to_json,
)
from joint_nlu.text import FEATURES, encode_sentence, spans_from_tags

SPLIT_GROUPS = ("entity", "sentence")
ANALYSIS_COLUMNS = ["sentence", "morphemes", "analyser"]


@dataclass
class EncodedSet:
    """Encoded sentences: per-sentence feature rows, intent ids and per-character tag ids."""

    features: list[np.ndarray]
    intents: np.ndarray
    tags: list[np.ndarray]
    # per character: 1 inside a gold entity, 0 outside (drives entity-aware <unk> replacement)
    entity_mask: list[np.ndarray] = field(default_factory=list)
    # per sentence: 1 when its tags are learnt and scored, 0 when not (out-of-scope rows whose
    # tags are ignored); None: every sentence's
    tag_weight: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.features)

    @property
    def lengths(self) -> np.ndarray:
        """Return the number of characters of each sentence."""
        return np.array([len(rows) for rows in self.features], dtype=np.int64)


def entity_key(sentence: str, tags: str, outside_tag: str) -> str:
    """Return the row's entity texts joined (the sentence itself when it has no entity)."""
    spans = spans_from_tags(sentence, tags, outside_tag)
    return "\x1f".join(span["text"] for span in spans) if spans else sentence


def split_rows(
    rows: pd.DataFrame,
    validation_ratio: float,
    seed: int,
    outside_tag: str = "C",
    group_by: str = "entity",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (train, valid) rows; with `group_by: entity` no entity is in both.

    Validating on unseen entities makes early stopping reward models that find entities from
    their context rather than memorise them.
    """
    if group_by not in SPLIT_GROUPS:
        raise ValueError(f"split group_by {group_by!r} is not one of {SPLIT_GROUPS}")
    if not 0 < validation_ratio < 1:
        raise ValueError(f"validation_ratio must be between 0 and 1, got {validation_ratio}")
    if len(rows) < 2:
        raise ValueError(f"{len(rows)} valid training row(s): at least 2 are needed to split")
    groups = (
        [entity_key(s, t, outside_tag) for s, t in zip(rows["sentence"], rows["tags"])]
        if group_by == "entity"
        else list(rows["sentence"])
    )
    splitter = GroupShuffleSplit(n_splits=1, test_size=validation_ratio, random_state=seed)
    train_index, valid_index = next(splitter.split(rows, groups=groups))
    return (
        rows.iloc[np.sort(train_index)].reset_index(drop=True),
        rows.iloc[np.sort(valid_index)].reset_index(drop=True),
    )


def analyser_settings(model: dict) -> AnalyserSettings | None:
    """Return the Korean analyser the `model` parameters ask for (None: no morphology).

    Only the `bilstm` architecture reads morphology; `notebook` is the original network.
    """
    if model.get("morphology", "none") == "none" or model["architecture"] == "notebook":
        return None
    return AnalyserSettings.from_dict(model.get("analyser") or {})


def analyse_rows(sentences: Iterable[str], settings: AnalyserSettings | None) -> pd.DataFrame:
    """Return each distinct sentence (sorted) with its morphemes as JSON and the analyser's
    settings (JSON), or an empty table when `settings` is None."""
    if settings is None:
        return pd.DataFrame(columns=ANALYSIS_COLUMNS)
    distinct = sorted(set(sentences))
    found = analyse(distinct, settings)
    return pd.DataFrame(
        {
            "sentence": distinct,
            "morphemes": [morphemes_to_json(morphemes) for morphemes in found],
            "analyser": json.dumps(settings.to_dict(), sort_keys=True),
        },
        columns=ANALYSIS_COLUMNS,
    )


def analysis_lookup(
    analysis: pd.DataFrame, settings: AnalyserSettings | None
) -> dict[str, list[Morpheme]] | None:
    """Return sentence -> morphemes of an `analyse_rows` table made with `settings`, or None
    when there is none to use (no morphology, or the table was made with other settings)."""
    if settings is None or not len(analysis):
        return None
    if set(analysis["analyser"]) != {json.dumps(settings.to_dict(), sort_keys=True)}:
        return None
    return {
        sentence: morphemes_from_json(found)
        for sentence, found in zip(analysis["sentence"], analysis["morphemes"])
    }


def encode_rows(
    rows: pd.DataFrame,
    char_vocab: nlp.Vocab,
    intent_vocab: nlp.Vocab,
    tag_vocab: nlp.Vocab,
    outside_tag: str,
    morphemes: dict[str, list[Morpheme]] | None = None,
) -> pd.DataFrame:
    """Return the rows with `intent_id`, `tag_ids`, `entity_mask` and flat `features` columns.

    `morphemes` (sentence -> analysis) fills the morphology columns; without it they are 0.
    """
    encoded = rows.copy()
    encoded["intent_id"] = [intent_vocab[intent] for intent in rows["intent"]]
    encoded["tag_ids"] = [list(tag_vocab[list(tags)]) for tags in rows["tags"]]
    encoded["entity_mask"] = [[int(tag != outside_tag) for tag in tags] for tags in rows["tags"]]
    encoded["features"] = [
        encode_sentence(sentence, char_vocab, None if morphemes is None else morphemes[sentence])
        .ravel()
        .tolist()
        for sentence in rows["sentence"]
    ]
    return encoded


def encoded_set(frame: pd.DataFrame) -> EncodedSet:
    """Return the training arrays held by an `encode_rows` frame."""
    width = len(FEATURES)
    return EncodedSet(
        features=[np.asarray(row, dtype=np.int32).reshape(-1, width) for row in frame["features"]],
        intents=np.asarray(frame["intent_id"], dtype=np.int64),
        tags=[np.asarray(row, dtype=np.int64) for row in frame["tag_ids"]],
        entity_mask=[np.asarray(row, dtype=np.int32) for row in frame["entity_mask"]],
    )
