"""Tiny trained models (both architectures, with and without morphology) for the inference,
ONNX and artifact tests."""

from __future__ import annotations

from pathlib import Path

from joint_nlu.model import ModelConfig
from joint_nlu.morphology import AnalyserSettings
from joint_nlu.serving.mxnet_backend import Tagger
from joint_nlu.training import train
from tests.helpers import (
    TEST_ANALYSER,
    TINY_SIZES,
    toy_encoded,
    toy_rows,
    toy_vocabs,
    training_config,
)


def train_tiny(architecture: str, directory: Path, morphology: bool = False) -> Path:
    """Train one epoch on toy rows, save the Tagger and return its dir: single-span decoding,
    or with `morphology` (bilstm only) Kiwi's features and morpheme-boundary decoding."""
    analyser = AnalyserSettings.from_dict(TEST_ANALYSER) if morphology else None
    rows = toy_rows(60)
    vocabs = toy_vocabs(rows)
    data = toy_encoded(rows, vocabs, analyser)
    config = ModelConfig(
        len(vocabs[0]),
        len(vocabs[1]),
        len(vocabs[2]),
        architecture=architecture,
        window=32 if architecture == "notebook" else None,
        morphology="kiwi" if morphology else "none",
        **TINY_SIZES[architecture],
    )
    settings = training_config(epochs=1, batch_size=16, device="cpu", progress=False, seed=3)
    result = train(config, data, data, settings)
    tagger = Tagger(
        result.net,
        config,
        *vocabs,
        decoding="morphemes" if morphology else "single_span",
        allow_empty=False,
        analyser=analyser,
    )
    return tagger.save(directory)
