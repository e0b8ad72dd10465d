"""Determinism on the CPU: the same seed gives the same training, whatever the thread count."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from joint_nlu.model import ModelConfig
from joint_nlu.training import train
from tests.helpers import (
    PROJECT_ROOT,
    QUIET_ENV,
    TINY_SIZES,
    toy_encoded,
    toy_rows,
    toy_vocabs,
    training_config,
)

TIMING = ("epoch_seconds", "sentences_per_second")
# dropout and <unk> replacement are on (the defaults): every source of randomness is exercised
SETTINGS = training_config(epochs=2, batch_size=16, patience=5, progress=False, device="cpu")

# trains the toy model of `toy()` below in a fresh interpreter and prints its history as JSON
CHILD = """
import json
from joint_nlu.model import ModelConfig
from joint_nlu.training import TrainingConfig, train
from tests.helpers import TINY_SIZES, toy_encoded, toy_rows, toy_vocabs
rows = toy_rows(96)
vocabs = toy_vocabs(rows)
config = ModelConfig(*(len(v) for v in vocabs), **TINY_SIZES["bilstm"])
settings = TrainingConfig(**json.loads({settings!r}))
result = train(config, toy_encoded(rows[:64], vocabs), toy_encoded(rows[64:], vocabs), settings)
print(json.dumps(result.history))
"""


def toy():
    """Return (model config, train set, valid set) of a tiny model on toy rows."""
    rows = toy_rows(96)
    vocabs = toy_vocabs(rows)
    config = ModelConfig(*(len(v) for v in vocabs), **TINY_SIZES["bilstm"])
    return config, toy_encoded(rows[:64], vocabs), toy_encoded(rows[64:], vocabs)


def without_timings(history: list[dict]) -> list[dict]:
    return [{k: v for k, v in record.items() if k not in TIMING} for record in history]


def weights(net) -> dict[str, np.ndarray]:
    return {name: p.data().asnumpy() for name, p in net._collect_params_with_prefix().items()}


@pytest.fixture(scope="module")
def first_run():
    return train(*toy(), SETTINGS)


def test_the_same_seed_gives_the_same_history_and_weights(first_run):
    second = train(*toy(), SETTINGS)
    assert without_timings(second.history) == without_timings(first_run.history)
    assert second.best_epoch == first_run.best_epoch
    reference = weights(first_run.net)
    for name, values in weights(second.net).items():
        np.testing.assert_array_equal(values, reference[name], err_msg=name)


def test_another_seed_gives_another_history(first_run):
    other = train(*toy(), replace(SETTINGS, seed=SETTINGS.seed + 1))
    losses = [record["train_loss"] for record in other.history]
    assert losses != [record["train_loss"] for record in first_run.history]


def test_one_thread_gives_what_the_default_threads_give(first_run):
    """MXNet's CPU kernels (OpenMP, MKL-DNN) must not make results depend on thread count."""
    settings = json.dumps(SETTINGS.__dict__)
    child = subprocess.run(
        [sys.executable, "-c", CHILD.format(settings=settings)],
        cwd=PROJECT_ROOT,
        env={**os.environ, **QUIET_ENV, "OMP_NUM_THREADS": "1", "MXNET_ENGINE_TYPE": "NaiveEngine"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr[-3000:]
    history = json.loads(child.stdout.strip().splitlines()[-1])
    assert without_timings(history) == without_timings(first_run.history)
