"""The data_processing pipeline on an in-memory catalog."""

import numpy as np
from kedro.io import DataCatalog, MemoryDataset
from kedro.runner import SequentialRunner
from kedro_datasets.json import JSONDataset
from kedro_datasets.pandas import ParquetDataset

from joint_nlu.datasets import RawTSVDataset
from joint_nlu.morphology import morphemes_from_json, morphology_features
from joint_nlu.pipelines.data_processing import create_pipeline
from joint_nlu.text import FEATURES, MORPH_BOUNDARY
from tests.helpers import DATA_PROCESSING_PARAMS, FIXTURES, WINDOW_10_MODEL

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
            "raw_train": RawTSVDataset(filepath=str(FIXTURES / "tiny_trainset.txt")),
            "raw_test_hidden": RawTSVDataset(filepath=str(hidden)),
            "raw_handwritten": RawTSVDataset(filepath=str(FIXTURES / "tiny_handwritten.txt")),
            "params:data_processing": MemoryDataset(PARAMS),
            "params:model": MemoryDataset(MODEL),
        }
    )
    SequentialRunner().run(create_pipeline(), catalog)
    result = {name: catalog.load(name) for name in checked}
    train, valid = result["model_input_train"], result["model_input_valid"]
    raw_rows = len((FIXTURES / "tiny_trainset.txt").read_text(encoding="utf-8").splitlines())
    assert len(train) + len(valid) == raw_rows
    assert set(result["intent_vocabulary"]["idx_to_token"]) == {"age", "area", "height"}
    assert "<unk>" in result["char_vocabulary"]["idx_to_token"]
    rejected = result["rejected_rows"]
    # malformed rows are set aside; an intent training never saw is scored (as an intent error)
    assert list(rejected["reason"].str[:12]) == ["3 tag letter"]
    assert "weight" in set(result["validated_test_hidden"]["intent"])
    report = result["data_report"]
    assert report["splits"]["train"]["longer_than_window"] > 0
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
            "raw_train": RawTSVDataset(filepath=str(FIXTURES / "tiny_trainset.txt")),
            "raw_test_hidden": RawTSVDataset(filepath=str(FIXTURES / "tiny_test_hidden.txt")),
            "raw_handwritten": RawTSVDataset(filepath=str(FIXTURES / "tiny_handwritten.txt")),
            "morphology": ParquetDataset(filepath=str(tmp_path / "morphology.parquet")),
            "model_input_train": ParquetDataset(filepath=str(tmp_path / "train.parquet")),
            "params:data_processing": MemoryDataset(PARAMS),
            "params:model": MemoryDataset(model),
        }
    )
    SequentialRunner().run(create_pipeline(), catalog)
    analysis = catalog.load("morphology")
    sentences = {
        line.split("\t")[2]
        for name in ("tiny_trainset.txt", "tiny_test_hidden.txt", "tiny_handwritten.txt")
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()
        if line.count("\t") == 2
    }
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
