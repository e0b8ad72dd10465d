"""The training API: encoded rows, vocabularies and parameters in, a trained `Tagger` out.

`fit_tagger` is what the training pipeline's node, the compare pipeline and the benchmarks
call: it builds the network's configuration from the `model` parameters, chooses how the model
reads its tags, runs the training loop, calibrates the intent head on the validation split
(temperature, out-of-scope threshold: `OutOfScopeSettings`) and assembles the `Tagger`. No
Kedro and no MLflow here: the node turns the history into catalog outputs, hooks do the tracking.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from joint_nlu import calibration, metrics
from joint_nlu.checkpoints import CheckpointSettings
from joint_nlu.data import EncodedSet, analyser_settings, encoded_set
from joint_nlu.decoding import Decoder, choose_decoding
from joint_nlu.model import ModelConfig
from joint_nlu.serving.mxnet_backend import Tagger
from joint_nlu.serving.predict import InputLimits, predict_encoded
from joint_nlu.text import vocab_from_json
from joint_nlu.training import TrainingConfig, train

logger = logging.getLogger(__name__)


@dataclass
class Vocabularies:
    """The three vocabularies of a training run, as the data_processing pipeline saves them."""

    chars: dict
    intents: dict
    tags: dict


OUT_OF_SCOPE_TAGS = ("ignore", "learn")


@dataclass(frozen=True)
class OutOfScopeSettings:
    """How training treats out-of-scope rows and calibrates the intent head (parameters
    `out_of_scope` and `data_processing.out_of_scope_intent`).

    - `intent` ("out_of_scope"): the intent of out-of-scope rows.
    - `tags` ("ignore"): out-of-scope rows add no entity loss and are not scored for entities
      ("learn": their tags, all outside, are learnt like any other row's).
    - `calibrate` (True): fit the temperature on the validation split (False: 1).
    - `max_in_scope_rejection` (0.005): the default threshold is the largest that rejects at
      most this share of the validation split's in-scope rows.
    """

    intent: str = "out_of_scope"
    tags: str = "ignore"
    calibrate: bool = True
    max_in_scope_rejection: float = 0.005

    def __post_init__(self) -> None:
        if self.tags not in OUT_OF_SCOPE_TAGS:
            raise ValueError(
                f"out_of_scope.tags must be one of {OUT_OF_SCOPE_TAGS}, got {self.tags!r}"
            )
        if not 0.0 <= self.max_in_scope_rejection <= 1.0:
            raise ValueError(
                "out_of_scope.max_in_scope_rejection must be from 0 to 1, got "
                f"{self.max_in_scope_rejection!r}"
            )

    @classmethod
    def from_params(cls, params: Mapping[str, Any], intent: str) -> OutOfScopeSettings:
        """Return the settings of the `out_of_scope` parameters and the out-of-scope intent."""
        return cls(
            intent=intent,
            tags=params["tags"],
            calibrate=bool(params["calibrate"]),
            max_in_scope_rejection=float(params["max_in_scope_rejection"]),
        )


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
    out_of_scope: OutOfScopeSettings | None = None,
) -> tuple[Tagger, list[dict[str, float]]]:
    """Return the trained Tagger (best validation epoch's weights) and its per-epoch history.

    `train_input`/`valid_input` are the data_processing pipeline's encoded rows (made with the
    same `model` parameters: their morphology columns come from the analyser `model` names);
    `model` and `training` are the parameters. With `checkpoints`, every epoch is checkpointed and
    `checkpoints.resume` carries on from the last one. `limits` are the input limits the
    Tagger enforces and saves with the model (default: none).

    `out_of_scope` (default `OutOfScopeSettings()`): rows of its intent are out of scope; how
    the model reads its tags is chosen on the in-scope rows, and a model with an intent head is
    calibrated on the validation split (`Tagger.calibration`: temperature, threshold).
    """
    out_of_scope = out_of_scope or OutOfScopeSettings()
    config = model_config(model, vocabularies)
    analyser = analyser_settings(model)
    chars, tags = vocab_from_json(vocabularies.chars), vocab_from_json(vocabularies.tags)
    intents = vocab_from_json(vocabularies.intents)
    settings = TrainingConfig.from_dict({**training, "unk_id": chars[chars.unknown_token]})
    in_scope = train_input[train_input["intent"] != out_of_scope.intent]
    decoding, allow_empty = choose_decoding(
        in_scope["sentence"],
        in_scope["tags"],
        model.get("span_decoding", "auto"),
        outside_tag,
        morphology=analyser is not None,
    )
    train_set, valid_set = encoded_set(train_input), encoded_set(valid_input)
    if out_of_scope.tags == "ignore" and out_of_scope.intent in intents.token_to_idx:
        for data in (train_set, valid_set):
            data.tag_weight = (data.intents != intents[out_of_scope.intent]).astype(np.float32)
    result = train(
        config,
        train_set,
        valid_set,
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
        intents,
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
    if "intent" in config.tasks:
        tagger.calibration = calibrate(tagger, valid_set, out_of_scope, settings.eval_batch_size)
    return tagger, result.history


def calibrate(
    tagger: Tagger, valid: EncodedSet, settings: OutOfScopeSettings, batch_size: int = 512
) -> calibration.Calibration:
    """Return the tagger's calibration fitted on the validation split: the temperature that
    minimises the intent NLL, then the largest threshold within the allowed in-scope rejection,
    with what they did there (`fitted`)."""
    probabilities, _ = predict_encoded(
        tagger._forward, valid.features, tagger.decoder, batch_size, tagger.window
    )
    labels = valid.intents
    temperature = (
        calibration.fit_temperature(probabilities, labels) if settings.calibrate and len(labels)
        else 1.0
    )  # fmt: skip
    tempered = calibration.temper(probabilities, temperature)
    out_index = calibration.Calibration(out_of_scope_intent=settings.intent).out_of_scope_index(
        tagger.intents
    )
    threshold = calibration.choose_threshold(
        tempered, labels, out_index, settings.max_in_scope_rejection
    )
    fitted: dict[str, float] = {"valid_rows": int(len(labels))}
    if len(labels):
        correct = probabilities.argmax(axis=1) == labels
        rejected = calibration.rejections(tempered, out_index, threshold)
        gold_out = labels == (-1 if out_index is None else out_index)
        fitted.update(
            nll_before=calibration.negative_log_likelihood(probabilities, labels),
            nll_after=calibration.negative_log_likelihood(tempered, labels),
            ece_before=metrics.expected_calibration_error(probabilities.max(axis=1), correct),
            ece_after=metrics.expected_calibration_error(tempered.max(axis=1), correct),
        )
        if (~gold_out).any():
            fitted["in_scope_rejection_rate"] = float(rejected[~gold_out].mean())
        if gold_out.any():
            fitted["out_of_scope_recall"] = float(rejected[gold_out].mean())
    logger.info(
        "calibrated on %d validation rows: temperature %.3f, out-of-scope threshold %.4f%s",
        len(labels),
        temperature,
        threshold,
        "".join(f", {k} {v:.4f}" for k, v in fitted.items() if isinstance(v, float)),
    )
    return calibration.Calibration(temperature, threshold, settings.intent, fitted)
