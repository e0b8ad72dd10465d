"""Splitting and encoding of validated rows."""

import pandas as pd

from joint_nlu.data import encode_rows, encoded_set, entity_key, split_rows
from tests.helpers import toy_rows, toy_vocabs


def frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["intent", "tags", "sentence"])


def test_entity_split_keeps_each_entity_on_one_side():
    rows = frame(toy_rows(200))
    train, valid = split_rows(rows, 0.25, seed=3)
    assert len(train) + len(valid) == len(rows)
    keys = lambda f: {entity_key(s, t, "C") for s, t in zip(f["sentence"], f["tags"])}  # noqa: E731
    assert keys(train).isdisjoint(keys(valid))
    assert len(valid) > 0


def test_split_is_deterministic_from_its_seed():
    rows = frame(toy_rows(200))
    first, second = split_rows(rows, 0.25, seed=3), split_rows(rows, 0.25, seed=3)
    assert first[1].equals(second[1])


def test_encoded_rows_round_trip_to_training_arrays():
    rows = toy_rows(20)
    chars, intents, tags = toy_vocabs(rows)
    encoded = encoded_set(encode_rows(frame(rows), chars, intents, tags, "C"))
    for (intent, tag_string, sentence), features, intent_id, tag_ids, entity in zip(
        rows, encoded.features, encoded.intents, encoded.tags, encoded.entity_mask
    ):
        assert "".join(chars.idx_to_token[i] for i in features[:, 0]) == sentence
        assert intents.idx_to_token[intent_id] == intent
        assert "".join(tags.idx_to_token[i] for i in tag_ids) == tag_string
        assert list(entity) == [int(t == "E") for t in tag_string]
