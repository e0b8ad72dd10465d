"""The training loop: devices, bucketed batches, joint loss, early stopping (no Kedro)."""

from __future__ import annotations

import copy
import logging
import math
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import MISSING, asdict, dataclass
from pathlib import Path

import gluonnlp as nlp
import mxnet as mx
import numpy as np
from mxnet import autograd, gluon
from tqdm.auto import tqdm

from joint_nlu import distributed
from joint_nlu.checkpoints import (
    CheckpointSettings,
    TrainingState,
    check_fingerprint,
    clear_checkpoints,
    fingerprint,
    latest_checkpoint,
    save_checkpoint,
)
from joint_nlu.data import EncodedSet
from joint_nlu.decoding import Decoder
from joint_nlu.devices import parse_devices
from joint_nlu.model import ModelConfig, build_model
from joint_nlu.serving.predict import predict_encoded
from joint_nlu.text import CHAR, pad_features

logger = logging.getLogger(__name__)


# training parameters of the pipeline's checkpointing, not of the loop (see `from_dict`)
CHECKPOINT_KEYS = ("checkpoint_dir", "resume")


@dataclass
class TrainingConfig:
    """Every tunable number of the loop, from `training` in conf/base/parameters_training.yml.

    The parameters file is the one source of the defaults: build it with `from_dict`.
    """

    epochs: int
    batch_size: int
    learning_rate: float
    # constant, or cosine: from learning_rate down to learning_rate * final_lr_ratio at the
    # last epoch, one value per epoch (so a resumed run follows the same schedule)
    lr_schedule: str
    final_lr_ratio: float
    weight_decay: float
    clip_gradient: float
    intent_loss_weight: float
    entity_loss_weight: float
    patience: int
    seed: int
    device: str | Sequence[str]
    kvstore: str
    num_buckets: int
    # chance that an entity / context character is replaced by <unk> in a training batch
    unk_rate_entity: float
    unk_rate_context: float
    eval_batch_size: int
    hybridize: bool
    progress: bool
    # the character vocabulary's <unk> id: set from the vocabulary, not a parameter
    unk_id: int = 0

    @classmethod
    def from_dict(cls, values: dict) -> TrainingConfig:
        """Return a configuration from a parameters mapping, refusing unknown keys.

        `checkpoint_dir` and `resume` are read by the training pipeline, which passes
        `checkpoints` to `train()`; they are accepted here and left out.
        """
        known = set(cls.__dataclass_fields__)
        unknown = set(values) - known - set(CHECKPOINT_KEYS)
        if unknown:
            raise ValueError(
                f"unknown training parameter(s) {sorted(unknown)}; known: {sorted(known)}"
            )
        required = {
            name for name, spec in cls.__dataclass_fields__.items() if spec.default is MISSING
        }
        missing = required - set(values)
        if missing:
            raise ValueError(
                f"training parameter(s) {sorted(missing)} missing: every one is set in "
                "conf/base/parameters_training.yml (training:)"
            )
        return cls(**{key: value for key, value in values.items() if key in known})


@dataclass
class TrainingResult:
    """The trained network (best epoch's weights), its history and what it took."""

    net: gluon.HybridBlock
    history: list[dict[str, float]]
    best_epoch: int
    seconds: float
    devices: list[str]


LR_SCHEDULES = ("constant", "cosine")


def epoch_learning_rate(config: TrainingConfig, epoch: int) -> float:
    """Return the learning rate of one epoch (1-based) under the configured schedule."""
    if config.lr_schedule not in LR_SCHEDULES:
        raise ValueError(f"training.lr_schedule {config.lr_schedule!r}: use one of {LR_SCHEDULES}")
    if config.lr_schedule == "constant" or config.epochs <= 1:
        return config.learning_rate
    final = config.learning_rate * config.final_lr_ratio
    progress = (epoch - 1) / (config.epochs - 1)
    return final + (config.learning_rate - final) * (1 + math.cos(math.pi * progress)) / 2


def set_seed(seed: int) -> None:
    """Seed Python, NumPy and MXNet from one number."""
    random.seed(seed)
    np.random.seed(seed)
    mx.random.seed(seed)


def _seed_epoch(seed: int, epoch: int) -> np.random.Generator:
    """Reseed Python, NumPy and MXNet from (seed, epoch); return the epoch's `<unk>` generator.

    MXNet's random state cannot be saved, so every epoch's randomness (bucket shuffling by
    NumPy's global RNG, dropout, `<unk>` replacement) is a function of (seed, epoch) alone: a
    resumed epoch draws exactly what it would have drawn in an uninterrupted run.
    """
    set_seed(int(np.random.SeedSequence([seed, epoch]).generate_state(1)[0]))
    return np.random.default_rng([seed, epoch])


def _start_state(
    settings: CheckpointSettings | None,
    identity: dict,
    net: gluon.Block,
    trainer: gluon.Trainer,
    contexts: Sequence[mx.Context],
    best_file: Path,
) -> TrainingState:
    """Return the state training starts from: the last checkpoint's when resuming, else fresh.

    Resuming loads the checkpoint's weights, optimizer state and best weights into `net`,
    `trainer` and `best_file`; a run that does not resume clears old checkpoints first.
    """
    if settings is None:
        return TrainingState()
    directory = Path(settings.directory)
    if not settings.resume:
        clear_checkpoints(directory)
        return TrainingState()
    checkpoint = latest_checkpoint(directory)
    if checkpoint is None:
        logger.info("no checkpoint in %s: training starts from epoch 1", directory)
        return TrainingState()
    check_fingerprint(checkpoint, identity)
    net.load_parameters(str(checkpoint.net_file), ctx=contexts)
    trainer.load_states(str(checkpoint.trainer_file))
    shutil.copyfile(checkpoint.best_file, best_file)
    logger.info(
        "resuming from %s: %d epoch(s) done, best epoch %d%s",
        checkpoint.directory,
        checkpoint.state.epoch,
        checkpoint.state.best_epoch,
        " (early stopping had ended training)" if checkpoint.state.stopped else "",
    )
    return checkpoint.state


def _replace_with_unk(
    features: np.ndarray, entity: np.ndarray, config: TrainingConfig, rng: np.random.Generator
) -> np.ndarray:
    """Return a copy of padded features whose character ids are sometimes `<unk>`.

    Jamo and class features stay, so the model learns to read an unseen syllable from its
    parts and to find an entity from its context.
    """
    rates = np.where(entity > 0, config.unk_rate_entity, config.unk_rate_context)
    replaced = features.copy()
    replaced[:, :, CHAR] = np.where(
        rng.random(rates.shape) < rates, config.unk_id, features[:, :, CHAR]
    )
    return replaced


def make_batch(data: EncodedSet, indices: Sequence[int], window: int | None = None) -> tuple:
    """Return padded (features, valid_length, intents, tags, tag_mask, entity) numpy arrays."""
    features = pad_features([data.features[i] for i in indices], window)
    width = features.shape[1]
    lengths = np.array([min(len(data.features[i]), width) for i in indices], dtype=np.float32)
    tags = np.zeros((len(indices), width), dtype=np.float32)
    entity = np.zeros((len(indices), width), dtype=np.float32)
    for row, index in enumerate(indices):
        length = int(lengths[row])
        tags[row, :length] = data.tags[index][:length]
        if data.entity_mask:
            entity[row, :length] = data.entity_mask[index][:length]
    tag_mask = (np.arange(width)[None, :] < lengths[:, None]).astype(np.float32)
    if data.tag_weight is not None:  # rows whose tags are not learnt add no entity loss
        tag_mask *= data.tag_weight[list(indices)].astype(np.float32)[:, None]
    intents = data.intents[list(indices)].astype(np.float32)
    return features, lengths, intents, tags, tag_mask, entity


def score_encoded(
    net: gluon.Block,
    data: EncodedSet,
    contexts: Sequence[mx.Context],
    batch_size: int,
    window: int | None,
    decoder: Decoder,
) -> dict[str, float]:
    """Return intent accuracy and entity sequence accuracy of a network on encoded data (the
    latter over the sentences whose tags are scored: `tag_weight` > 0).

    Predicts through `serving.predict.predict_encoded`, the batched path of both backends.
    """
    probabilities, tag_ids = predict_encoded(
        network_forward(net, contexts[0]), data.features, decoder, batch_size, window
    )
    intent_accuracy = float(np.mean(probabilities.argmax(axis=1) == data.intents))
    scored = np.ones(len(data), dtype=bool) if data.tag_weight is None else data.tag_weight > 0
    sequence_correct = [
        len(predicted) == len(gold) and np.array_equal(predicted, gold)
        for predicted, gold, kept in zip(tag_ids, data.tags, scored, strict=True)
        if kept
    ]
    return {
        "intent_accuracy": intent_accuracy,
        "entity_sequence_accuracy": float(np.mean(sequence_correct)) if sequence_correct else 0.0,
    }


def network_forward(net: gluon.Block, context: mx.Context):
    """Return `forward(features, valid_length) -> (intent probabilities, tag log-probabilities)`
    of a Gluon network on numpy batches, as the prediction path calls a backend."""

    def forward(features: np.ndarray, valid_length: np.ndarray):
        intent_logits, tag_logits = net(
            mx.nd.array(features, ctx=context, dtype="float32"),
            mx.nd.array(valid_length, ctx=context),
        )
        return (
            mx.nd.softmax(intent_logits, axis=-1).asnumpy(),
            mx.nd.log_softmax(tag_logits, axis=-1).asnumpy(),
        )

    return forward


def _joint_loss(
    intent_logits, tag_logits, intents, tags, tag_mask, lengths, weights: dict[str, float]
):
    """Return the weighted per-sentence loss (batch,): intent CE + mean CE over real chars."""
    intent_loss = gluon.loss.SoftmaxCrossEntropyLoss()(intent_logits, intents)
    per_char = gluon.loss.SoftmaxCrossEntropyLoss(axis=-1, batch_axis=0)
    # the loss averages over every position; rescale to an average over real characters
    tag_loss = per_char(tag_logits, tags, tag_mask.expand_dims(-1)) * tag_mask.shape[1] / lengths
    return weights["intent"] * intent_loss + weights["entity"] * tag_loss


def _join_cluster(kvstore: str) -> distributed.Cluster | distributed.LocalCluster:
    """Return this worker's cluster: local, or its parameter-server cluster for `dist_*`.

    A worker joins once per process; Gluon's Trainer keeps its parameters under keys 0..P-1 of
    the kvstore, so a second model in the same worker would collide with the first one's.
    """
    if not distributed.is_distributed(kvstore):
        if distributed.is_launched_worker():
            raise ValueError(
                f"this process was started as a parameter-server worker (DMLC_ROLE=worker) "
                f"but training.kvstore is {kvstore!r}: pass "
                "--params=training.kvstore=dist_sync (or dist_async)"
            )
        return distributed.LocalCluster(kvstore)
    cluster = distributed.join(kvstore)
    if cluster.trained:
        raise ValueError(
            "a distributed worker trains one model per process (the compare pipeline trains "
            "several): run it with a local training.kvstore"
        )
    cluster.trained = True
    return cluster


def _make_trainer(
    net: gluon.Block, config: TrainingConfig, contexts: Sequence[mx.Context], cluster
) -> gluon.Trainer:
    """Return Adam over `net`'s parameters on the cluster's kvstore.

    Locally, and with dist_sync, gradients are summed through the kvstore and every worker
    runs the same update on the same sums (so clipping sees the whole step's gradient);
    MXNet allows dist_async only with the update run by the servers.
    """
    return gluon.Trainer(
        net.collect_params(),
        "adam",
        {"learning_rate": config.learning_rate, "wd": config.weight_decay},
        kvstore=cluster.trainer_kvstore(len(contexts)),
        update_on_kvstore=cluster.update_on_kvstore,
    )


def _worker_checkpoints(
    checkpoints: CheckpointSettings | None, cluster
) -> CheckpointSettings | None:
    """Return the checkpoint settings of this worker (see `Cluster.writes_checkpoints`)."""
    if checkpoints is None:
        return None
    if checkpoints.resume and cluster.distributed:
        raise ValueError(
            "training.resume is not supported in a distributed run: resume with a local "
            "training.kvstore, or start over with training.resume=false"
        )
    return checkpoints if cluster.writes_checkpoints else None


def _batch_sampler(data: EncodedSet, window: int | None, config: TrainingConfig, cluster):
    """Return the rows this worker trains on and its bucketed batch sampler.

    Each worker takes its own equal shard (alone: every row) and runs as many batches per
    epoch as the worker with the most (dist_sync needs every worker at every step).
    """

    def bucket_sampler(rows: EncodedSet) -> nlp.data.FixedBucketSampler:
        lengths = rows.lengths
        if window:
            lengths = np.minimum(lengths, window)
        return nlp.data.FixedBucketSampler(
            lengths.tolist(),
            batch_size=config.batch_size,
            num_buckets=min(config.num_buckets, max(1, len(set(lengths.tolist())))),
            shuffle=True,
        )

    shards = [
        _subset(data, distributed.shard_indices(len(data), rank, cluster.num_workers, config.seed))
        for rank in range(cluster.num_workers)
    ]
    steps = max(len(bucket_sampler(shard)) for shard in shards)
    own = shards[cluster.rank]
    logger.info(
        "rank %d trains on %d of %d rows, %d batches per epoch",
        cluster.rank,
        len(own),
        len(data),
        steps,
    )
    return own, distributed.EqualStepsSampler(bucket_sampler(own), steps)


def _subset(data: EncodedSet, indices: np.ndarray) -> EncodedSet:
    """Return the rows of `data` at `indices`."""
    return EncodedSet(
        features=[data.features[i] for i in indices],
        intents=data.intents[indices],
        tags=[data.tags[i] for i in indices],
        entity_mask=[data.entity_mask[i] for i in indices] if data.entity_mask else [],
        tag_weight=None if data.tag_weight is None else data.tag_weight[indices],
    )


def _apply_gradients(
    trainer: gluon.Trainer,
    net: gluon.Block,
    contexts: Sequence[mx.Context],
    clip: float,
    rows: int,
    cluster,
) -> None:
    """Sum the step's gradients over devices (and workers), clip their global norm, update.

    The gradients are those of the summed loss; `clip` bounds their norm before the update
    divides them by the number of rows. With dist_async each worker clips its own gradient,
    divides it by its own rows and sends it to the servers, which run the update.
    """
    parameters = [param for param in net.collect_params().values() if param.grad_req != "null"]
    if cluster.update_on_kvstore:
        for context in contexts:
            gradients = [param.grad(context) for param in parameters]
            if clip:
                gluon.utils.clip_global_norm(gradients, clip)
            for gradient in gradients:
                gradient /= rows
        # the servers' optimizer keeps the rescale factor it was sent first: always 1
        trainer.step(1)
        return
    if not trainer._kv_initialized:
        cluster.prepare_trainer(trainer)
    trainer.allreduce_grads()
    if clip:
        for context in contexts:
            gluon.utils.clip_global_norm([param.grad(context) for param in parameters], clip)
    trainer.update(cluster.total(rows))


def _validation_scores(
    net: gluon.Block,
    data: EncodedSet,
    contexts: Sequence[mx.Context],
    config: TrainingConfig,
    window: int | None,
    decoder: Decoder,
    cluster,
) -> dict[str, float]:
    """Return the validation scores: rank 0's, on every worker.

    Every worker then takes the same early-stopping decision, and so runs the same number
    of epochs (dist_sync would otherwise wait forever for the worker that stopped).
    """
    scores = {"intent_accuracy": 0.0, "entity_sequence_accuracy": 0.0}
    if cluster.primary:
        scores = score_encoded(net, data, contexts, config.eval_batch_size, window, decoder)
    shared = cluster.broadcast([scores["intent_accuracy"], scores["entity_sequence_accuracy"]])
    return {"intent_accuracy": float(shared[0]), "entity_sequence_accuracy": float(shared[1])}


def train(
    model_config: ModelConfig,
    train_set: EncodedSet,
    valid_set: EncodedSet,
    config: TrainingConfig,
    on_epoch_end: Callable[[dict[str, float]], None] | None = None,
    decoder: Decoder | None = None,
    checkpoints: CheckpointSettings | None = None,
) -> TrainingResult:
    """Train a new network; return it with the best validation epoch's weights restored.

    `decoder` is how validation turns tag log-probabilities into tags (default: the best tag
    of each character).
    With `checkpoints`, every epoch ends with a checkpoint, and `checkpoints.resume` carries on
    from the last one (same history, best epoch and weights as an uninterrupted run).

    The selection score is intent accuracy + entity sequence accuracy on `valid_set`, for the
    heads the model trains; training stops after `patience` epochs without improvement.
    """
    set_seed(config.seed)
    decoder = decoder or Decoder(outside_id=0)
    contexts = parse_devices(config.device)
    net = build_model(model_config)
    net.initialize(mx.init.Xavier(), ctx=contexts)
    if config.hybridize:
        net.hybridize(static_alloc=True, static_shape=True)
    cluster = _join_cluster(config.kvstore)
    trainer = _make_trainer(net, config, contexts, cluster)
    checkpoints = _worker_checkpoints(checkpoints, cluster)
    train_set, sampler = _batch_sampler(train_set, model_config.window, config, cluster)
    weights = {
        "intent": config.intent_loss_weight if "intent" in model_config.tasks else 0.0,
        "entity": config.entity_loss_weight if "entity" in model_config.tasks else 0.0,
    }
    best_file = Path(tempfile.mkdtemp(prefix="joint_nlu_")) / "best.params"
    identity = (
        fingerprint(model_config.to_dict(), asdict(config), (train_set, valid_set))
        if checkpoints is not None
        else {}
    )
    resumed = _start_state(checkpoints, identity, net, trainer, contexts, best_file)
    history: list[dict[str, float]] = resumed.history
    best_score, best_epoch, stale = resumed.best_score, resumed.best_epoch, resumed.stale
    last_epoch = resumed.epoch if resumed.stopped else config.epochs
    started = time.perf_counter()
    for epoch in range(resumed.epoch + 1, last_epoch + 1):
        rng = _seed_epoch(config.seed, epoch)
        trainer.set_learning_rate(epoch_learning_rate(config, epoch))
        epoch_started = time.perf_counter()
        total_loss, seen = 0.0, 0
        # the sampler shuffles its own lists in place: shuffling a pristine copy makes the
        # epoch's order depend on (seed, epoch) alone
        batches = tqdm(
            list(copy.deepcopy(sampler)),
            desc=f"epoch {epoch}/{config.epochs}",
            disable=None if config.progress else True,
        )
        for indices in batches:
            if len(indices) < len(contexts):
                # every device must see rows, or its weights would miss this update
                indices = (list(indices) * len(contexts))[: len(contexts)]
            features, valid, intents, tags, tag_mask, entity = make_batch(
                train_set, indices, model_config.window
            )
            features = _replace_with_unk(features, entity, config, rng)
            parts = [
                gluon.utils.split_and_load(array, contexts, even_split=False)
                for array in (features, valid, intents, tags, tag_mask)
            ]
            with autograd.record():
                losses = [
                    _joint_loss(*net(f, v), i, t, m, v, weights)
                    for f, v, i, t, m in zip(*parts, strict=True)
                ]
            for loss in losses:
                loss.backward()
            _apply_gradients(trainer, net, contexts, config.clip_gradient, len(indices), cluster)
            total_loss += sum(float(loss.sum().asscalar()) for loss in losses)
            seen += len(indices)
        train_seconds = time.perf_counter() - epoch_started
        scores = _validation_scores(
            net, valid_set, contexts, config, model_config.window, decoder, cluster
        )
        record = {
            "epoch": epoch,
            "train_loss": total_loss / max(seen, 1),
            "valid_intent_accuracy": scores["intent_accuracy"],
            "valid_entity_sequence_accuracy": scores["entity_sequence_accuracy"],
            "epoch_seconds": train_seconds,
            "sentences_per_second": seen / train_seconds if train_seconds else 0.0,
        }
        history.append(record)
        logger.info(
            "epoch %d: loss %.4f, valid intent %.4f, entity sequence %.4f (%.1f s)",
            epoch,
            record["train_loss"],
            record["valid_intent_accuracy"],
            record["valid_entity_sequence_accuracy"],
            train_seconds,
        )
        if on_epoch_end is not None:
            on_epoch_end(record)
        score = (scores["intent_accuracy"] if weights["intent"] else 0.0) + (
            scores["entity_sequence_accuracy"] if weights["entity"] else 0.0
        )
        if score > best_score:
            best_score, best_epoch, stale = score, epoch, 0
            net.save_parameters(str(best_file))
            stop = False
        else:
            stale += 1
            stop = stale >= config.patience
        if checkpoints is not None:
            seconds = resumed.seconds + time.perf_counter() - started
            state = TrainingState(epoch, history, best_score, best_epoch, stale, stop, seconds)
            save_checkpoint(checkpoints, state, net, trainer, best_file, identity)
        if stop:
            logger.info("early stop after epoch %d: best was epoch %d", epoch, best_epoch)
            break
    # A fresh network with the best weights: set_data on a statically allocated, MKL-DNN
    # backed network left its next forward pass failing ("to.IsDefaultData()").
    net = build_model(model_config)
    net.load_parameters(str(best_file), ctx=contexts)
    shutil.rmtree(best_file.parent, ignore_errors=True)
    if config.hybridize:
        net.hybridize(static_alloc=True, static_shape=True)
    cluster.log_weights(net)
    return TrainingResult(
        net=net,
        history=history,
        best_epoch=best_epoch,
        seconds=resumed.seconds + time.perf_counter() - started,
        devices=[str(context) for context in contexts],
    )


# child blocks whose name starts with a prefix belong to one head; the rest are shared
HEAD_PREFIXES = {"intent": "intent_", "entity": "tag_"}


def parameter_count(net: gluon.Block, tasks: Sequence[str] = ("intent", "entity")) -> int:
    """Return the number of weights a network uses for `tasks`: shared blocks plus those heads.

    A head is a child block named `intent_*` or `tag_*` (both architectures follow this); a
    single-task model still carries the other head, which is not counted, as a deployment
    would drop it. Call it after a forward pass (Gluon infers some shapes lazily).
    """
    children = getattr(net, "_children", {})
    if not children:  # a SymbolBlock loaded from disk: every parameter counts
        return sum(int(np.prod(param.shape)) for param in net.collect_params().values())
    unused = tuple(prefix for task, prefix in HEAD_PREFIXES.items() if task not in tasks)
    total = sum(int(np.prod(param.shape)) for param in net.params.values())
    for name, child in children.items():
        if not name.startswith(unused):  # startswith(()) is False
            total += sum(int(np.prod(param.shape)) for param in child.collect_params().values())
    return total
