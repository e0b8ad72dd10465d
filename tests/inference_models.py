"""Tiny trained models (both architectures) for the inference, ONNX and speed tests."""

from __future__ import annotations

from pathlib import Path

from joint_nlu.model import ModelConfig
from joint_nlu.serving.mxnet_backend import Tagger
from joint_nlu.training import train
from tests.helpers import TINY_SIZES, toy_encoded, toy_rows, toy_vocabs, training_config


def train_tiny(architecture: str, directory: Path) -> Path:
    """Train one epoch on toy rows, save the Tagger (single-span decoding) and return its dir."""
    rows = toy_rows(60)
    vocabs = toy_vocabs(rows)
    data = toy_encoded(rows, vocabs)
    config = ModelConfig(
        len(vocabs[0]),
        len(vocabs[1]),
        len(vocabs[2]),
        architecture=architecture,
        window=32 if architecture == "notebook" else None,
        **TINY_SIZES[architecture],
    )
    settings = training_config(epochs=1, batch_size=16, device="cpu", progress=False, seed=3)
    result = train(config, data, data, settings)
    tagger = Tagger(result.net, config, *vocabs, decoding="single_span", allow_empty=False)
    return tagger.save(directory)
