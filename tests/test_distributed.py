"""Distributed training on MXNet's parameter server: shards, steps, and a loopback run."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import mlflow
import numpy as np
import pytest

from joint_nlu import distributed
from joint_nlu.distributed import EqualStepsSampler, shard_indices, weights_checksum
from joint_nlu.model import ModelConfig
from joint_nlu.serving.mxnet_backend import Tagger
from joint_nlu.training import train
from tests.helpers import (
    QUIET_ENV,
    TINY_SIZES,
    copy_project,
    kedro_executable,
    run_kedro,
    toy_encoded,
    toy_rows,
    toy_vocabs,
    training_config,
)

CHECKSUM = re.compile(r"rank (\d) of 2: weights checksum ([0-9a-f]{64})")


def test_shards_are_equal_disjoint_and_seeded():
    shards = [shard_indices(11, rank, 3, seed=7) for rank in range(3)]
    assert [len(shard) for shard in shards] == [3, 3, 3]
    assert len(set(np.concatenate(shards))) == 9
    assert all(
        np.array_equal(a, b) for a, b in zip(shards, [shard_indices(11, r, 3, 7) for r in range(3)])
    )
    assert not np.array_equal(shards[0], shard_indices(11, 0, 3, seed=8))
    with pytest.raises(ValueError, match="2 training row"):
        shard_indices(2, 0, 3, seed=0)


def test_equal_steps_sampler_cycles_its_batches():
    sampler = EqualStepsSampler([[1, 2], [3]], steps=5)
    assert len(sampler) == 5
    assert list(sampler) == [[1, 2], [3], [1, 2], [3], [1, 2]]


def test_a_dist_kvstore_outside_a_launched_worker_says_how_to_launch(monkeypatch):
    monkeypatch.delenv("DMLC_ROLE", raising=False)
    rows = toy_rows(8)
    vocabs = toy_vocabs(rows)
    data = toy_encoded(rows, vocabs)
    config = ModelConfig(
        n_chars=len(vocabs[0]),
        n_intents=len(vocabs[1]),
        n_tags=len(vocabs[2]),
        **TINY_SIZES["bilstm"],
    )
    with pytest.raises(ValueError, match="joint-nlu launch"):
        train(config, data, data, training_config(epochs=1, kvstore="dist_sync", progress=False))
    monkeypatch.setenv("DMLC_ROLE", "worker")
    with pytest.raises(ValueError, match="training.kvstore=dist_sync"):
        train(config, data, data, training_config(epochs=1, kvstore="local", progress=False))
    with pytest.raises(ValueError, match="use one of"):
        distributed.join("dist_whatever")


def test_two_workers_on_loopback_train_one_model_logged_once(tmp_path):
    project = copy_project(tmp_path)
    prepared = run_kedro(
        project,
        "run",
        "--env",
        "test",
        "--pipeline=data_processing",
        env={"MLFLOW_TRACKING_URI": f"sqlite:///{tmp_path / 'prepare.db'}"},
        timeout=300,
    )
    assert prepared.returncode == 0, prepared.stderr[-3000:]
    store = f"sqlite:///{tmp_path / 'mlflow.db'}"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "joint_nlu",
            "launch",
            "--workers",
            "2",
            "--servers",
            "1",
            "--timeout",
            "300",
            "--",
            kedro_executable(),
            "run",
            "--env",
            "test",
            "--pipeline=training",
            "--params=training.kvstore=dist_sync,training.epochs=2",
        ],
        cwd=project,
        env={**os.environ, **QUIET_ENV, "MLFLOW_TRACKING_URI": store, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=360,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-4000:]
    # each worker trained on its own half of the rows, in step, and ended with the same weights
    assert len(re.findall(r"rank [01] trains on (\d+) of \1", log)) == 0
    assert len(set(re.findall(r"rank [01] trains on (\d+) of (\d+) rows", log))) == 1
    checksums = dict(CHECKSUM.findall(log))
    assert set(checksums) == {"0", "1"}, log[-4000:]
    assert checksums["0"] == checksums["1"]
    # the saved model is rank 0's
    saved = Tagger.load(project / "data/06_models/tagger")
    assert weights_checksum(saved.net) == checksums["0"]
    # one MLflow run for the whole distributed training
    mlflow.set_tracking_uri(store)
    runs = mlflow.search_runs(search_all_experiments=True)
    assert len(runs) == 1
    run = runs.iloc[0]
    assert run["status"] == "FINISHED"
    assert run["params.training.kvstore"] == "dist_sync"
    assert run["tags.distributed.workers"] == "2"
    history = mlflow.MlflowClient().get_metric_history(run["run_id"], "training.train_loss")
    assert [metric.step for metric in history] == [1, 2]
