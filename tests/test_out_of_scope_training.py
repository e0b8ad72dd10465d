"""Out of scope in training: out-of-scope rows add no entity loss (by default), decoding is
chosen on the in-scope rows, the intent head is calibrated on the validation split and the
calibration is saved with the model; a corpus whose out-of-scope intent is `none` trains."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from kedro.io import DataCatalog, MemoryDataset
from kedro.runner import SequentialRunner

from joint_nlu import Tagger, text
from joint_nlu.data import EncodedSet, encode_rows, encoded_set
from joint_nlu.fit import OutOfScopeSettings, Vocabularies, fit_tagger
from joint_nlu.pipelines import data_processing, evaluate, training
from joint_nlu.serving.model_dir import CONFIG_FILE
from joint_nlu.text import FEATURES
from joint_nlu.training import make_batch
from tests.helpers import (
    DATA_PROCESSING_PARAMS,
    FIXTURES,
    TINY_SIZES,
    KeptDataset,
    base_parameters,
    raw_datasets,
    toy_rows,
)

OUT_OF_SCOPE = [
    "오늘 날씨 어때",
    "음악 틀어줘",
    "고마워",
    "ㅋㅋㅋ",
    "알람 맞춰줘",
    "hello",
    "김철수 연봉 얼마야",
    "한라산 입장료 얼마야",
]
MODEL = {
    "architecture": "bilstm",
    "morphology": "none",
    "tasks": ["intent", "entity"],
    "span_decoding": "auto",
    "bilstm": {**base_parameters("training")["model"]["bilstm"], **TINY_SIZES["bilstm"]},
}
TRAINING = {
    **base_parameters("training")["training"],
    "epochs": 3,
    "batch_size": 16,
    "device": "cpu",
    "progress": False,
    "checkpoint_dir": None,
    "seed": 5,
}


def frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"source_file": "toy", "line": n, "intent": i, "tags": t, "sentence": s}
            for n, (i, t, s) in enumerate(rows, start=1)
        ]
    )


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    """A tiny model trained on toy rows plus out-of-scope rows, and its validation rows."""
    out = [("out_of_scope", "C" * len(s), s) for s in OUT_OF_SCOPE]
    train_rows = frame(toy_rows(80, seed=1) + out * 2)
    valid_rows = frame(toy_rows(30, seed=2) + out)
    chars = text.build_char_vocab(train_rows["sentence"])
    intents = text.build_label_vocab(train_rows["intent"])
    tags = text.build_label_vocab("".join(train_rows["tags"]))
    vocabularies = Vocabularies(*(text.vocab_to_json(v) for v in (chars, intents, tags)))
    tagger, _ = fit_tagger(
        encode_rows(train_rows, chars, intents, tags, "C"),
        encode_rows(valid_rows, chars, intents, tags, "C"),
        vocabularies,
        MODEL,
        TRAINING,
        "C",
        out_of_scope=OutOfScopeSettings(max_in_scope_rejection=0.1),
    )
    directory = tagger.save(tmp_path_factory.mktemp("fitted") / "model")
    return tagger, directory, valid_rows


def test_calibration_is_fitted_on_validation_and_saved_with_the_model(fitted):
    tagger, directory, valid_rows = fitted
    found = tagger.calibration
    assert found.out_of_scope_intent == "out_of_scope" and found.temperature > 0
    # the fitted temperature minimises the NLL, T = 1 included
    assert found.fitted["nll_after"] <= found.fitted["nll_before"] + 1e-9
    assert found.fitted["valid_rows"] == len(valid_rows)
    config = json.loads((directory / CONFIG_FILE).read_text(encoding="utf-8"))
    assert config["calibration"]["temperature"] == pytest.approx(found.temperature)
    loaded = Tagger.load(directory)
    assert loaded.calibration == found
    sentences = list(valid_rows["sentence"])
    assert loaded.predict(sentences) == tagger.predict(sentences)


def test_the_threshold_rejects_no_more_in_scope_rows_than_allowed(fitted):
    tagger, _, valid_rows = fitted
    in_scope = list(valid_rows.loc[valid_rows["intent"] != "out_of_scope", "sentence"])
    by_threshold = tagger.predict(in_scope)
    by_intent_alone = tagger.predict(in_scope, threshold=0.0)
    allowed = int(0.1 * len(in_scope))  # out_of_scope.max_in_scope_rejection: 0.1
    assert sum(p["out_of_scope"] for p in by_threshold) <= max(
        allowed, sum(p["out_of_scope"] for p in by_intent_alone)
    )
    rate = tagger.calibration.fitted["in_scope_rejection_rate"]
    assert rate == pytest.approx(np.mean([p["out_of_scope"] for p in by_threshold]))


def test_decoding_is_chosen_on_the_in_scope_rows(fitted):
    tagger, _, _ = fitted
    # every toy in-scope row has one entity: out-of-scope rows (none) must not allow empty spans
    assert tagger.decoding == "single_span" and tagger.allow_empty is False


def test_out_of_scope_rows_add_no_entity_loss_and_are_not_scored_for_entities():
    data = EncodedSet(
        features=[
            np.ones((3, len(FEATURES)), dtype=np.int32),
            np.ones((2, len(FEATURES)), dtype=np.int32),
        ],
        intents=np.array([0, 1]),
        tags=[np.array([1, 0, 0]), np.array([0, 0])],
        tag_weight=np.array([1.0, 0.0], dtype=np.float32),
    )
    *_, tag_mask, _ = make_batch(data, [0, 1])
    np.testing.assert_array_equal(tag_mask, [[1, 1, 1], [0, 0, 0]])
    data.tag_weight = None
    *_, tag_mask, _ = make_batch(data, [0, 1])
    np.testing.assert_array_equal(tag_mask, [[1, 1, 1], [1, 1, 0]])


def test_learn_keeps_the_tags_of_out_of_scope_rows_and_unknown_choices_are_refused():
    with pytest.raises(ValueError, match="out_of_scope.tags must be one of"):
        OutOfScopeSettings(tags="mask")
    with pytest.raises(ValueError, match="max_in_scope_rejection"):
        OutOfScopeSettings(max_in_scope_rejection=2)
    settings = OutOfScopeSettings.from_params(base_parameters("training")["out_of_scope"], "none")
    assert settings == OutOfScopeSettings(intent="none")


def test_an_encoded_set_keeps_no_weights_until_training_sets_them():
    rows = frame(toy_rows(4))
    chars = text.build_char_vocab(rows["sentence"])
    encoded = encode_rows(
        rows, chars, text.build_label_vocab(rows["intent"]), text.build_label_vocab("CE"), "C"
    )
    assert encoded_set(encoded).tag_weight is None


def test_a_corpus_whose_out_of_scope_intent_is_none_trains_and_rejects(tmp_path):
    """LUIS-style: the training file's own out-of-scope rows are labelled `none`."""
    train = tmp_path / "train.txt"
    pool = (FIXTURES / "tiny_out_of_scope.txt").read_text(encoding="utf-8")
    train.write_text(
        (FIXTURES / "tiny_trainset.txt").read_text(encoding="utf-8")
        + pool.replace("out_of_scope\t", "none\t"),
        encoding="utf-8",
    )
    params = {
        "data_processing": {
            **DATA_PROCESSING_PARAMS,
            "out_of_scope_intent": "none",
            "out_of_scope_share": 0,
        },
        "model": MODEL,
        "training": TRAINING,
        "out_of_scope": base_parameters("training")["out_of_scope"],
        "inference": base_parameters("inference")["inference"],
    }
    kept = ("trained_model", "test_out_of_scope_metrics", "valid_metrics", "intent_vocabulary")
    catalog = DataCatalog(
        {
            **raw_datasets(raw_train=train),
            **{f"params:{name}": MemoryDataset(value) for name, value in params.items()},
            "params:data_processing.outside_tag": MemoryDataset("C"),
            "params:data_processing.out_of_scope_intent": MemoryDataset("none"),
            **{name: KeptDataset(copy_mode="assign") for name in kept},
        }
    )
    pipeline = (
        data_processing.create_pipeline() + training.create_pipeline() + evaluate.create_pipeline()
    )
    SequentialRunner().run(pipeline, catalog)
    assert "none" in catalog.load("intent_vocabulary")["idx_to_token"]
    tagger = catalog.load("trained_model")
    assert tagger.calibration.out_of_scope_intent == "none"
    scores = catalog.load("test_out_of_scope_metrics")
    # every row of the out-of-scope test file was read as `none`, and scored as such
    assert scores["out_of_scope_rows"] == scores["sentences"] == 8
    assert 0.0 <= scores["out_of_scope_recall"] <= 1.0
    assert "entity_sequence_accuracy" not in scores  # no in-scope row to score entities on
    valid = catalog.load("valid_metrics")
    assert {"in_scope_intent_accuracy", "ece", "ece_uncalibrated"} <= set(valid)
