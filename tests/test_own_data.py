"""Bring your own data: a typed three-entity set and long sentences through the Kedro pipelines,
and `kedro run --env snips` on an imported JointBERT-layout corpus."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from kedro.config import OmegaConfigLoader
from kedro.io import DataCatalog, MemoryDataset
from kedro.runner import SequentialRunner

from joint_nlu import metrics
from joint_nlu.pipelines import data_processing, evaluate, training
from tests.helpers import (
    FIXTURES,
    PROJECT_ROOT,
    KeptDataset,
    base_parameters,
    copy_project,
    raw_datasets,
    run_kedro,
)

TYPES = {"P", "L", "O"}  # person, place, organisation; C is outside
PARAMS = {
    "data_processing": {
        "tag_alphabet": None,
        "outside_tag": "C",
        "strict": True,
        "min_char_freq": 1,
        "validation_ratio": 0.2,
        "split_seed": 1,
        "split_group_by": "sentence",
        "out_of_scope_intent": "out_of_scope",
        "out_of_scope_share": 0,
    },
    "out_of_scope": base_parameters("training")["out_of_scope"],
    "inference": base_parameters("inference")["inference"],
    "model": {
        "architecture": "bilstm",
        "tasks": ["intent", "entity"],
        "span_decoding": "auto",
        "bilstm": {
            "window": None,
            "char_embedding": 24,
            "jamo_embedding": 4,
            "class_embedding": 4,
            "conv_channels": 24,
            "hidden": 32,
            "tag_hidden": 32,
            "dropout": 0.1,
            "embedding_dropout": 0.0,
        },
    },
    "training": {
        **base_parameters("training")["training"],
        "checkpoint_dir": None,
        "epochs": 12,
        "batch_size": 16,
        "learning_rate": 0.01,
        "patience": 12,
        "device": "cpu",
        "progress": False,
        "num_buckets": 4,
        "unk_rate_entity": 0.0,
        "unk_rate_context": 0.0,
    },
}
LONG = "did Bob Stone ever travel to New York? " * 5 + "did Farah go to Lima"


def long_row() -> str:
    """Return a raw row of about 215 characters with five persons and five places."""
    tags = (
        ("CCCC" + "P" * 9 + "C" * 16 + "L" * 8 + "CC") * 5 + "CCCC" + "P" * 5 + "CCCCCCC" + "LLLL"
    )
    assert len(tags) == len(LONG)
    return f"visit\t{tags}\t{LONG}\n"


CHECKED = (
    "tag_vocabulary",
    "rejected_rows",
    "trained_model",
    "data_report",
    "test_hidden_metrics",
    "test_hidden.predictions",
)


def catalog_for(train_file, test_file) -> DataCatalog:
    datasets = {
        **raw_datasets(raw_train=train_file, raw_test_hidden=test_file, raw_handwritten=test_file),
        **{name: KeptDataset() for name in CHECKED},
    }
    for section, values in PARAMS.items():
        datasets[f"params:{section}"] = MemoryDataset(values)
    datasets["params:data_processing.outside_tag"] = MemoryDataset("C")
    datasets["params:data_processing.out_of_scope_intent"] = MemoryDataset("out_of_scope")
    return DataCatalog(datasets)


@pytest.fixture(scope="module")
def typed_run(tmp_path_factory):
    """Run data_processing + training + evaluate on the typed set (a long row in both files)."""
    folder = tmp_path_factory.mktemp("typed")
    train = folder / "train.txt"
    train.write_text((FIXTURES / "typed_trainset.txt").read_text(encoding="utf-8") + long_row())
    test = folder / "test.txt"
    test.write_text((FIXTURES / "typed_test.txt").read_text(encoding="utf-8") + long_row())
    catalog = catalog_for(train, test)
    pipeline = (
        data_processing.create_pipeline() + training.create_pipeline() + evaluate.create_pipeline()
    )
    SequentialRunner().run(pipeline, catalog)
    return catalog


def test_any_tag_alphabet_becomes_the_tag_vocabulary(typed_run):
    tags = typed_run.load("tag_vocabulary")["idx_to_token"]
    assert set(tags) == TYPES | {"C"}
    assert typed_run.load("rejected_rows").empty


def test_typed_predictions_hold_typed_spans(typed_run):
    tagger = typed_run.load("trained_model")
    assert tagger.decoding == "independent"  # several entities per sentence
    [prediction] = tagger.predict(["is Globex employed by Paris"])
    predictions = tagger.predict(["Alice visited New York", "is Red Cross in Oslo"])
    spans = [(s["text"], s["type"]) for p in predictions for s in p["spans"]]
    assert ("Alice", "P") in spans and ("New York", "L") in spans
    assert ("Red Cross", "O") in spans and ("Oslo", "L") in spans
    assert {s["type"] for s in prediction["spans"]} <= TYPES


def test_span_metrics_count_a_span_right_only_with_its_type(typed_run):
    scores = typed_run.load("test_hidden_metrics")
    predictions = typed_run.load("test_hidden.predictions")
    assert scores["span_f1"] == pytest.approx(
        metrics.span_scores(
            predictions["sentence"], predictions["tags"], predictions["predicted_tags"], "C"
        )["span_f1"]
    )
    assert scores["span_f1"] > 0.5
    # right bounds, wrong type: no credit
    wrong_type = metrics.span_scores(["Alice x"], ["PPPPPCC"], ["LLLLLCC"], "C")
    assert wrong_type["span_f1"] == 0.0


def test_long_sentences_are_read_whole_never_cut(typed_run):
    report = typed_run.load("data_report")
    assert report["window"] is None
    assert report["splits"]["test_hidden"]["max_length"] == len(LONG) > 200
    assert all(split["longer_than_window"] == 0 for split in report["splits"].values())
    predictions = typed_run.load("test_hidden.predictions")
    row = predictions[predictions["sentence"] == LONG].iloc[0]
    assert not row["truncated"] and len(row["predicted_tags"]) == len(LONG)
    assert typed_run.load("test_hidden_metrics")["truncated"] == 0


def test_snips_environment_points_at_the_imported_files():
    loader = OmegaConfigLoader(
        str(PROJECT_ROOT / "conf"),
        base_env="base",
        default_run_env="snips",
        merge_strategy={"parameters": "soft"},
    )
    catalog, params = loader["catalog"], loader["parameters"]
    assert catalog["raw_train"]["filepath"] == "data/01_raw/snips/train.txt"
    assert catalog["raw_test_hidden"]["filepath"] == "data/01_raw/snips/test.txt"
    assert "trained_model" in catalog  # everything else still comes from conf/base
    assert params["data_processing"]["tag_alphabet"] is None
    assert params["model"]["architecture"] == "bilstm"  # soft merge keeps the base keys
    assert params["model"]["bilstm"]["window"] is None
    assert params["model"]["notebook"]["window"] == 128


@pytest.mark.slow
def test_kedro_run_env_snips_on_an_imported_jointbert_corpus(tmp_path):
    project = copy_project(tmp_path)
    imported = subprocess.run(
        [
            sys.executable,
            "-m",
            "joint_nlu",
            "import",
            "jointbert",
            str(FIXTURES / "jointbert"),
            str(project / "data/01_raw/snips"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert imported.returncode == 0, imported.stderr
    result = run_kedro(
        project,
        "run",
        "--env",
        "snips",
        "--params",
        "training.epochs=1,training.device=cpu,training.progress=false,"
        "model.bilstm.hidden=8,model.bilstm.conv_channels=8,model.bilstm.tag_hidden=8,"
        "data_processing.validation_ratio=0.2",
        env={"MLFLOW_TRACKING_URI": f"sqlite:///{project / 'mlflow.db'}"},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    report = json.loads((project / "data/08_reporting/metrics.json").read_text())
    assert report["test_hidden"]["sentences"] == 4
    data_report = json.loads((project / "data/08_reporting/data_report.json").read_text())
    assert any(name.endswith("snips/train.txt") for name in data_report["files"])
    # SNIPS entities are whole words: the saved model reads one tag per word
    config = json.loads((project / "data/06_models/tagger/config.json").read_text())
    assert config["decoding"]["mode"] == "words"
