"""One worker's view of its training: alone (`LocalCluster`) or on MXNet's parameter server
(`Cluster`), behind one interface, so the training loop has one path (no Kedro).

`joint-nlu launch` starts a scheduler, servers and workers with the `DMLC_*` variables; each
worker joins with `join(kind)`, which creates the kvstore once per process (creating it twice
would register the process twice with the scheduler) and learns its rank from it.

Keys: gluon's Trainer uses 0..P-1 (one per parameter); this module uses keys from `_KEY_BASE`
upwards. MXNet picks a key's server as `key * 9973 % servers` in a C int, so keys stay small.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import mxnet as mx
import numpy as np
from mxnet.base import _LIB, check_call

logger = logging.getLogger(__name__)

DISTRIBUTED_KVSTORES = ("dist_sync", "dist_async")
LAUNCH_HINT = "start the workers with `joint-nlu launch --workers N -- kedro run ...`"
_KEY_BASE = 100_000
_SUM_KEY = _KEY_BASE
_clusters: dict[str, Cluster] = {}


def is_distributed(kvstore: str) -> bool:
    """Return whether a `training.kvstore` value names a parameter-server kvstore."""
    return str(kvstore).startswith("dist")


def is_launched_worker() -> bool:
    """Return whether this process was started as a worker by a parameter-server launcher."""
    return os.environ.get("DMLC_ROLE") == "worker"


@dataclass
class Cluster:
    """This worker's rank, the number of workers and the shared kvstore."""

    kvstore: mx.kv.KVStore
    rank: int
    num_workers: int
    _next_key: int = field(default=_KEY_BASE + 1, repr=False)
    trained: bool = field(default=False, repr=False)

    @property
    def primary(self) -> bool:
        """Return whether this worker is rank 0: the one that evaluates, saves and logs."""
        return self.rank == 0

    @property
    def update_on_kvstore(self) -> bool:
        """Return whether the servers run the optimizer (required by MXNet for dist_async)."""
        return "async" in self.kvstore.type

    @property
    def distributed(self) -> bool:
        """Return True: this worker trains with others."""
        return True

    @property
    def writes_checkpoints(self) -> bool:
        """Return whether this worker writes checkpoints: rank 0 of a dist_sync run only.

        The servers keep dist_async's optimizer state, which MXNet cannot save from a worker.
        """
        return self.primary and not self.update_on_kvstore

    def trainer_kvstore(self, devices: int) -> mx.kv.KVStore:
        """Return the kvstore the Trainer sums gradients (and, dist_async, updates) on."""
        return self.kvstore

    def prepare_trainer(self, trainer) -> None:
        """Give every dist_sync worker rank 0's weights before any gradient reaches the servers.

        MXNet 1.9's Trainer sends rank 0's weights and the summed gradients under the same
        key, and a worker's pull of the weights does not wait for the other workers' pushes:
        without this barrier a worker may start from the first step's gradient sum instead.
        """
        trainer._init_kvstore()
        trainer._init_params()
        mx.nd.waitall()
        self.barrier()

    def log_weights(self, net) -> None:
        """Log the checksum of this worker's returned weights (equal on every dist_sync rank)."""
        logger.info(
            "rank %d of %d: weights checksum %s",
            self.rank,
            self.num_workers,
            weights_checksum(net),
        )

    def broadcast(self, values: Sequence[float]) -> np.ndarray:
        """Return rank 0's `values` on every worker (every worker must call it, in step).

        `init` of a fresh key stores rank 0's value on a server and ends with a barrier of
        all workers, so the pull that follows reads it; this holds for dist_async too, whose
        servers would treat a push as a gradient.
        """
        key, self._next_key = self._next_key, self._next_key + 1
        array = mx.nd.array(np.asarray(values, dtype=np.float32))
        self.kvstore.init(key, array)
        self.kvstore.pull(key, out=array)
        return array.asnumpy()

    def total(self, count: float) -> float:
        """Return the sum of `count` over all workers (dist_sync only; every worker calls it)."""
        out = mx.nd.zeros(1)
        self.kvstore.pushpull(_SUM_KEY, mx.nd.array([count]), out=out)
        return float(out.asscalar())

    def barrier(self) -> None:
        """Wait until every worker has reached this call."""
        self.kvstore._barrier()


class LocalCluster:
    """A training in one process: rank 0 of one worker, with `Cluster`'s interface.

    Broadcasts and sums are the identity, the barrier returns at once; `kvstore` is the
    `training.kvstore` that sums gradients over several devices of this process.
    """

    rank = 0
    num_workers = 1
    primary = True
    distributed = False
    update_on_kvstore = False
    writes_checkpoints = True

    def __init__(self, kvstore: str = "device") -> None:
        self.kvstore = kvstore

    def trainer_kvstore(self, devices: int) -> str:
        """Return the kvstore that sums gradients over this process's devices."""
        return self.kvstore if devices > 1 else "device"

    def broadcast(self, values: Sequence[float]) -> np.ndarray:
        """Return `values` unchanged (as float64: scores keep every digit)."""
        return np.asarray(values, dtype=np.float64)

    def total(self, count: float) -> float:
        """Return `count`: the only worker's."""
        return float(count)

    def barrier(self) -> None:
        """Return at once: there is no one to wait for."""

    def prepare_trainer(self, trainer) -> None:
        """Nothing to share: the only worker's weights are the weights."""

    def log_weights(self, net) -> None:
        """Nothing to compare the weights with."""


def join(kind: str) -> Cluster:
    """Return this worker's cluster for kvstore `kind`, creating the kvstore on first use.

    The call blocks until every worker has registered with the scheduler.
    """
    if kind not in DISTRIBUTED_KVSTORES:
        raise ValueError(f"training.kvstore {kind!r}: use one of {DISTRIBUTED_KVSTORES}")
    if not is_launched_worker():
        raise ValueError(
            f"training.kvstore {kind!r} trains on MXNet's parameter server, but this process "
            f"was not started as one of its workers (DMLC_ROLE=worker): {LAUNCH_HINT}"
        )
    if _clusters and kind not in _clusters:
        raise ValueError(
            f"this worker already joined with kvstore {next(iter(_clusters))!r}, not {kind!r}"
        )
    if kind not in _clusters:
        store = mx.kv.create(kind)
        cluster = Cluster(store, store.rank, store.num_workers)
        if not cluster.update_on_kvstore:
            store.init(_SUM_KEY, mx.nd.zeros(1))
        _clusters[kind] = cluster
        logger.info(
            "distributed worker: rank %d of %d (%s)", cluster.rank, cluster.num_workers, kind
        )
    return _clusters[kind]


@atexit.register
def _leave() -> None:
    """Free the kvstore before MXNet shuts down: its destructor says goodbye to the servers.

    Left to the interpreter's teardown (a hook or a Trainer may still hold it), the worker
    ends in std::terminate. Freeing a null handle later, in `KVStore.__del__`, is a no-op.
    """
    for cluster in _clusters.values():
        check_call(_LIB.MXKVStoreFree(cluster.kvstore.handle))
        cluster.kvstore.handle = None
    _clusters.clear()


def shard_indices(n_rows: int, rank: int, num_workers: int, seed: int) -> np.ndarray:
    """Return the sorted row indices of one worker's shard: equal sizes, disjoint, seeded.

    The `n_rows % num_workers` rows left over are not trained on (fewer than one per worker).
    """
    if n_rows < num_workers:
        raise ValueError(
            f"{n_rows} training row(s) cannot be shared by {num_workers} workers: "
            "use fewer workers (--workers) or more data"
        )
    size = n_rows // num_workers
    order = np.random.default_rng(seed).permutation(n_rows)
    return np.sort(order[rank * size : (rank + 1) * size])


class EqualStepsSampler:
    """A batch sampler that yields exactly `steps` batches per epoch, cycling its own batches.

    dist_sync waits for every worker's gradient at every step, so all workers must run the
    same number of steps; bucketing gives shards of the same size different batch counts.
    """

    def __init__(self, sampler, steps: int):
        self._sampler = sampler
        self._steps = steps

    def __len__(self) -> int:
        return self._steps

    def __iter__(self) -> Iterator[list[int]]:
        batches = list(self._sampler)
        for step in range(self._steps):
            yield batches[step % len(batches)]


def weights_checksum(net) -> str:
    """Return a SHA-256 of a network's weights, in the order of their sorted names."""
    digest = hashlib.sha256()
    for name in sorted(net.collect_params()):
        param = net.collect_params()[name]
        digest.update(param.data().asnumpy().astype(np.float32).tobytes())
    return digest.hexdigest()
