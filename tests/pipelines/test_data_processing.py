"""The data_processing pipeline on an in-memory catalog."""

import numpy as np
import pandas as pd
import pytest
from kedro.io import DataCatalog, MemoryDataset
from kedro.runner import SequentialRunner
from kedro_datasets.json import JSONDataset
from kedro_datasets.pandas import ParquetDataset

from joint_nlu.datasets import RawTSVDataset
from joint_nlu.morphology import morphemes_from_json, morphology_features
from joint_nlu.pipelines.data_processing import create_pipeline, nodes
from joint_nlu.text import FEATURES, MORPH_BOUNDARY
from tests.helpers import DATA_PROCESSING_PARAMS, FIXTURES, WINDOW_10_MODEL, raw_datasets

PARAMS = DATA_PROCESSING_PARAMS
MODEL = WINDOW_10_MODEL


def test_data_processing_builds_vocabularies_and_model_input(tmp_path):
    hidden = tmp_path / "hidden.txt"
    hidden.write_text(
        (FIXTURES / "tiny_test_hidden.txt").read_text(encoding="utf-8")
        + "weight\tCC\t가나\nage\tCCC\t가나\n",
        encoding="utf-8",
    )
    checked = (
        "model_input_train",
        "model_input_valid",
        "char_vocabulary",
        "intent_vocabulary",
        "rejected_rows",
        "data_report",
        "validated_test_hidden",
    )
    catalog = DataCatalog(
        {
            **{
                name: (
                    JSONDataset(filepath=str(tmp_path / f"{name}.json"))
                    if name in ("char_vocabulary", "intent_vocabulary", "data_report")
                    else ParquetDataset(filepath=str(tmp_path / f"{name}.parquet"))
                )
                for name in checked
            },
            **raw_datasets(raw_test_hidden=hidden),
            "params:data_processing": MemoryDataset(PARAMS),
            "params:model": MemoryDataset(MODEL),
        }
    )
    SequentialRunner().run(create_pipeline(), catalog)
    result = {name: catalog.load(name) for name in checked}
    train, valid = result["model_input_train"], result["model_input_valid"]
    raw_rows = len((FIXTURES / "tiny_trainset.txt").read_text(encoding="utf-8").splitlines())
    drawn = round(PARAMS["out_of_scope_share"] * raw_rows)  # out-of-scope rows from the pool
    assert len(train) + len(valid) == raw_rows + drawn
    assert (pd.concat([train, valid])["intent"] == "out_of_scope").sum() == drawn
    assert set(result["intent_vocabulary"]["idx_to_token"]) == {
        "age",
        "area",
        "height",
        "out_of_scope",
    }
    assert "<unk>" in result["char_vocabulary"]["idx_to_token"]
    rejected = result["rejected_rows"]
    # malformed rows are set aside; an intent training never saw is scored (as an intent error)
    assert list(rejected["reason"].str[:12]) == ["3 tag letter"]
    assert "weight" in set(result["validated_test_hidden"]["intent"])
    report = result["data_report"]
    assert report["splits"]["train"]["longer_than_window"] > 0
    assert (
        report["splits"]["train"]["out_of_scope_rows"]
        + report["splits"]["valid"]["out_of_scope_rows"]
        == drawn
    )
    assert report["splits"]["test_out_of_scope"]["out_of_scope_rows"] == 8
    assert "tiny_out_of_scope.txt" in " ".join(report["files"])
    hidden_rows = len(hidden.read_text(encoding="utf-8").splitlines())
    assert len(result["validated_test_hidden"]) + len(rejected) == hidden_rows
    first = train.iloc[0]
    assert len(first["features"]) == len(FEATURES) * len(first["sentence"])


def test_data_processing_analyses_every_sentence_once_for_a_model_with_morphology(tmp_path):
    model = {
        "architecture": "bilstm",
        "morphology": "kiwi",
        "analyser": {"default_dict": False, "multi_dict": False},
        "bilstm": {"window": None},
    }
    catalog = DataCatalog(
        {
            **raw_datasets(),
            "morphology": ParquetDataset(filepath=str(tmp_path / "morphology.parquet")),
            "training_rows": ParquetDataset(filepath=str(tmp_path / "training_rows.parquet")),
            "model_input_train": ParquetDataset(filepath=str(tmp_path / "train.parquet")),
            "params:data_processing": MemoryDataset(PARAMS),
            "params:model": MemoryDataset(model),
        }
    )
    SequentialRunner().run(create_pipeline(), catalog)
    analysis = catalog.load("morphology")
    evaluated = (
        "tiny_test_hidden.txt",
        "tiny_handwritten.txt",
        "tiny_test_out_of_scope.txt",
        "tiny_handwritten_out_of_scope.txt",
    )
    sentences = {
        line.split("\t")[2]
        for name in evaluated
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()
        if line.count("\t") == 2
    } | set(catalog.load("training_rows")["sentence"])  # the pool's drawn rows, not the others
    assert sorted(analysis["sentence"]) == sorted(sentences)  # each once, the valid ones
    train = catalog.load("model_input_train")
    row = train.iloc[0]
    features = np.asarray(row["features"]).reshape(len(row["sentence"]), len(FEATURES))
    # the morphology columns hold Kiwi's boundaries and parts of speech, not padding
    assert (features[:, MORPH_BOUNDARY:] > 0).all()
    expected = morphology_features(
        row["sentence"],
        morphemes_from_json(analysis.set_index("sentence").loc[row["sentence"], "morphemes"]),
    )
    np.testing.assert_array_equal(features[:, MORPH_BOUNDARY:], expected)


# -- out-of-scope rows in training -------------------------------------------------------------


def rows_of(intents_and_sentences: list[tuple[str, str]], source: str = "train.txt"):
    """Return validated rows (all tags C) of (intent, sentence) pairs."""
    return pd.DataFrame(
        [
            {"source_file": source, "line": line, "intent": i, "tags": "C" * len(s), "sentence": s}
            for line, (i, s) in enumerate(intents_and_sentences, start=1)
        ]
    )


TRAIN = rows_of([("age", f"문장 {i}") for i in range(20)] + [("none", "날씨 어때")])
POOL = rows_of([("out_of_scope", f"다른 말 {i}") for i in range(10)] + [("x", "날씨 어때")], "pool")


def test_out_of_scope_rows_are_drawn_as_a_share_of_the_in_scope_rows():
    params = {**PARAMS, "out_of_scope_intent": "none", "out_of_scope_share": 0.25}
    rows = nodes.add_out_of_scope_rows(TRAIN, nodes._as_out_of_scope(POOL, "none"), params)
    added = rows.iloc[len(TRAIN) :]
    assert rows.iloc[: len(TRAIN)].equals(TRAIN)  # the training file's rows stay, in order
    assert len(added) == 5  # 25% of the 20 in-scope rows; the file's own `none` row stays
    assert set(added["intent"]) == {"none"} and set(added["source_file"]) == {"pool"}
    assert "날씨 어때" not in set(added["sentence"])  # a sentence the file has is never drawn
    again = nodes.add_out_of_scope_rows(TRAIN, nodes._as_out_of_scope(POOL, "none"), params)
    assert again.equals(rows)  # the seed is split_seed
    other = nodes.add_out_of_scope_rows(
        TRAIN, nodes._as_out_of_scope(POOL, "none"), {**params, "split_seed": 7}
    )
    assert set(other["sentence"]) != set(rows["sentence"])


def test_no_share_adds_nothing_and_a_small_pool_gives_all_it_has(caplog):
    assert nodes.add_out_of_scope_rows(TRAIN, POOL, {**PARAMS, "out_of_scope_share": 0}).equals(
        TRAIN
    )
    rows = nodes.add_out_of_scope_rows(TRAIN, POOL, {**PARAMS, "out_of_scope_share": 5.0})
    assert len(rows) == len(TRAIN) + 10 and "all of them are added" in caplog.text


def test_a_training_file_of_out_of_scope_rows_only_stops_with_a_clear_message():
    only = rows_of([("none", "안녕"), ("none", "고마워")])
    with pytest.raises(nodes.NoTrainingRowsError, match="no in-scope intent to learn"):
        nodes.add_out_of_scope_rows(only, POOL, {**PARAMS, "out_of_scope_intent": "none"})


def test_out_of_scope_files_are_read_with_the_configured_intent(tmp_path):
    path = tmp_path / "oos.txt"
    path.write_text("out_of_scope\tCC\t안녕\nwhatever\tCCC\t고마워\n", encoding="utf-8")
    raw = RawTSVDataset(filepath=str(path)).load()
    params = {**PARAMS, "out_of_scope_intent": "none"}
    accepted, _ = nodes.validate_evaluation_rows(raw, params, out_of_scope=True)
    assert list(accepted["intent"]) == ["none", "none"]
    pool, _ = nodes.validate_out_of_scope_pool(raw, params)
    assert list(pool["intent"]) == ["none", "none"]
    kept, _ = nodes.validate_evaluation_rows(raw, params)  # any other file keeps its intents
    assert list(kept["intent"]) == ["out_of_scope", "whatever"]
