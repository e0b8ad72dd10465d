"""The training API: encoded rows, vocabularies and parameters in, a trained `Tagger` out.

`fit_tagger` is what the training pipeline's node, the compare pipeline and the benchmarks
call: it builds the network's configuration from the `model` parameters, chooses how the model
reads its tags, runs the training loop and assembles the `Tagger`. No Kedro and no MLflow here:
the node turns the history into catalog outputs, hooks do the tracking.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pandas as pd

from joint_nlu.checkpoints import CheckpointSettings
from joint_nlu.data import analyser_settings, encoded_set
from joint_nlu.decoding import Decoder, choose_decoding
from joint_nlu.model import ModelConfig
from joint_nlu.serving.mxnet_backend import Tagger
from joint_nlu.serving.predict import InputLimits
from joint_nlu.text import vocab_from_json
from joint_nlu.training import TrainingConfig, train

logger = logging.getLogger(__name__)


@dataclass
class Vocabularies:
    """The three vocabularies of a training run, as the data_processing pipeline saves them."""

    chars: dict
    intents: dict
    tags: dict


def model_config(model: dict, vocabularies: Vocabularies) -> ModelConfig:
    """Return the network configuration: the chosen architecture's sizes and vocabulary sizes."""
    architecture = model["architecture"]
    if architecture not in model:
        raise ValueError(
            f"model.architecture {architecture!r} has no settings under model.{architecture}"
        )
    return ModelConfig(
        n_chars=len(vocabularies.chars["idx_to_token"]),
        n_intents=len(vocabularies.intents["idx_to_token"]),
        n_tags=len(vocabularies.tags["idx_to_token"]),
        architecture=architecture,
        tasks=tuple(model.get("tasks", ("intent", "entity"))),
        # only the bilstm architecture has a choice of sequence encoder and reads morphology
        encoder=model.get("encoder", "bilstm") if architecture == "bilstm" else "bilstm",
        morphology="none" if analyser_settings(model) is None else "kiwi",
        **model[architecture],
    )


def fit_tagger(
    train_input: pd.DataFrame,
    valid_input: pd.DataFrame,
    vocabularies: Vocabularies,
    model: dict,
    training: dict,
    outside_tag: str,
    checkpoints: CheckpointSettings | None = None,
    limits: InputLimits | None = None,
) -> tuple[Tagger, list[dict[str, float]]]:
    """Return the trained Tagger (best validation epoch's weights) and its per-epoch history.

    `train_input`/`valid_input` are the data_processing pipeline's encoded rows (made with the
    same `model` parameters: their morphology columns come from the analyser `model` names);
    `model` and `training` are the parameters. With `checkpoints`, every epoch is checkpointed and
    `checkpoints.resume` carries on from the last one. `limits` are the input limits the
    Tagger enforces and saves with the model (default: none).
    """
    config = model_config(model, vocabularies)
    analyser = analyser_settings(model)
    chars, tags = vocab_from_json(vocabularies.chars), vocab_from_json(vocabularies.tags)
    settings = TrainingConfig.from_dict({**training, "unk_id": chars[chars.unknown_token]})
    decoding, allow_empty = choose_decoding(
        train_input["sentence"],
        train_input["tags"],
        model.get("span_decoding", "auto"),
        outside_tag,
        morphology=analyser is not None,
    )
    result = train(
        config,
        encoded_set(train_input),
        encoded_set(valid_input),
        settings,
        decoder=Decoder(tags[outside_tag], decoding, allow_empty),
        checkpoints=checkpoints,
    )
    logger.info(
        "trained %s on %s in %.1f s; best epoch %d of %d",
        config.architecture,
        ", ".join(result.devices),
        result.seconds,
        result.best_epoch,
        len(result.history),
    )
    tagger = Tagger(
        result.net,
        config,
        chars,
        vocab_from_json(vocabularies.intents),
        tags,
        outside_tag=outside_tag,
        device=settings.device,
        decoding=decoding,
        allow_empty=allow_empty,
        analyser=analyser,
        limits=limits,
        metadata={
            "best_epoch": result.best_epoch,
            "training_seconds": result.seconds,
            "devices": result.devices,
        },
    )
    return tagger, result.history
