"""Nodes of training: train the joint network and hand back the model and its history."""

from __future__ import annotations

import logging
from functools import partial

import pandas as pd

from joint_nlu.checkpoints import CheckpointSettings
from joint_nlu.data import encoded_set
from joint_nlu.decoding import choose_decoding, decode_tags
from joint_nlu.model import ModelConfig
from joint_nlu.pipelines.training.resume import checkpoint_settings
from joint_nlu.tagger import Tagger
from joint_nlu.text import vocab_from_json
from joint_nlu.training import TrainingConfig, train

logger = logging.getLogger(__name__)

HISTORY_METRICS = (
    "train_loss",
    "valid_intent_accuracy",
    "valid_entity_sequence_accuracy",
    "epoch_seconds",
    "sentences_per_second",
)


def model_config(model: dict, char_vocab: dict, intent_vocab: dict, tag_vocab: dict) -> ModelConfig:
    """Return the network configuration: the chosen architecture's sizes and vocabulary sizes."""
    architecture = model["architecture"]
    if architecture not in model:
        raise ValueError(
            f"model.architecture {architecture!r} has no settings under model.{architecture}"
        )
    return ModelConfig(
        n_chars=len(char_vocab["idx_to_token"]),
        n_intents=len(intent_vocab["idx_to_token"]),
        n_tags=len(tag_vocab["idx_to_token"]),
        architecture=architecture,
        tasks=tuple(model.get("tasks", ("intent", "entity"))),
        # only the bilstm architecture has a choice of sequence encoder
        encoder=model.get("encoder", "bilstm") if architecture == "bilstm" else "bilstm",
        **model[architecture],
    )


def train_model(
    train_input: pd.DataFrame,
    valid_input: pd.DataFrame,
    char_vocab: dict,
    intent_vocab: dict,
    tag_vocab: dict,
    model: dict,
    training: dict,
    outside_tag: str,
    checkpoints: CheckpointSettings | None = None,
) -> tuple[Tagger, pd.DataFrame, dict]:
    """Return the trained Tagger (best epoch), its per-epoch history and MLflow metric history.

    Without `checkpoints`, `training.checkpoint_dir` and `training.resume` are ignored.
    """
    config = model_config(model, char_vocab, intent_vocab, tag_vocab)
    chars, tags = vocab_from_json(char_vocab), vocab_from_json(tag_vocab)
    settings = TrainingConfig.from_dict({**training, "unk_id": chars[chars.unknown_token]})
    decoding, allow_empty = choose_decoding(
        train_input["sentence"],
        train_input["tags"],
        model.get("span_decoding", "auto"),
        outside_tag,
    )
    decode = partial(
        decode_tags, outside_id=tags[outside_tag], mode=decoding, allow_empty=allow_empty
    )
    result = train(
        config,
        encoded_set(train_input),
        encoded_set(valid_input),
        settings,
        decode=decode,
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
        vocab_from_json(intent_vocab),
        tags,
        outside_tag=outside_tag,
        device=settings.device,
        decoding=decoding,
        allow_empty=allow_empty,
        metadata={
            "best_epoch": result.best_epoch,
            "training_seconds": result.seconds,
            "devices": result.devices,
        },
    )
    history = pd.DataFrame(result.history)
    mlflow_history = {
        name: [{"value": float(row[name]), "step": int(row["epoch"])} for row in result.history]
        for name in HISTORY_METRICS
    }
    mlflow_history["best_epoch"] = {"value": float(result.best_epoch), "step": 0}
    mlflow_history["seconds"] = {"value": float(result.seconds), "step": 0}
    return tagger, history, mlflow_history


def train_resumable(
    train_input: pd.DataFrame,
    valid_input: pd.DataFrame,
    char_vocab: dict,
    intent_vocab: dict,
    tag_vocab: dict,
    model: dict,
    training: dict,
    outside_tag: str,
) -> tuple[Tagger, pd.DataFrame, dict]:
    """Return `train_model`'s outputs, checkpointing every epoch and resuming when asked.

    Checkpoints go to `training.checkpoint_dir`; `training.resume` carries on from the last.
    """
    checkpoints = checkpoint_settings(training)
    return train_model(
        train_input,
        valid_input,
        char_vocab,
        intent_vocab,
        tag_vocab,
        model,
        training,
        outside_tag,
        checkpoints=checkpoints,
    )
