"""Kedro hook for `joint-nlu launch` workers: one MLflow run and one set of files, rank 0's,
and the run's `distributed.*` tags.

No training code here (training.py, distributed.py).
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

import mlflow
from kedro.framework.hooks import hook_impl
from kedro.io import MemoryDataset

if TYPE_CHECKING:
    from joint_nlu.distributed import Cluster

logger = logging.getLogger(__name__)


class DistributedRunHook:
    """Joins the parameter server before anything else runs; lets only rank 0 write.

    A worker learns its rank only from the kvstore, so it joins as soon as the context exists.
    Rank 0 sets up MLflow (store and experiment) before the other ranks do, tracks the run and
    writes the datasets. The other ranks run the same nodes in step with it, with kedro-mlflow's
    tracking off and every dataset the pipeline writes kept in memory: on one host all workers
    share the project folder. Outside a launched worker (no `DMLC_ROLE=worker`) it does nothing.
    """

    def __init__(self) -> None:
        self._cluster: Cluster | None = None
        self._context = None
        self._tagged = False

    @hook_impl(tryfirst=True)
    def after_context_created(self, context) -> None:
        self._cluster, self._context, self._tagged = None, context, False
        if os.environ.get("DMLC_ROLE") != "worker":
            return
        from joint_nlu import distributed  # MXNet only where it is needed

        kind = str((context.params.get("training") or {}).get("kvstore", ""))
        if not distributed.is_distributed(kind):
            raise ValueError(
                f"this process was started as a parameter-server worker (DMLC_ROLE=worker) but "
                f"training.kvstore is {kind!r}: add --params=training.kvstore=dist_sync "
                "(or dist_async) to the kedro command"
            )
        self._cluster = distributed.join(kind)
        if not self._cluster.primary:
            # rank 0 creates the MLflow store and experiment (kedro-mlflow, next) on its own
            self._cluster.barrier()

    @hook_impl(tryfirst=True)
    def before_pipeline_run(self, run_params: dict[str, Any], pipeline, catalog) -> None:
        cluster = self._cluster
        if cluster is None:
            return
        if cluster.primary:
            cluster.barrier()
            return
        names = run_params.get("pipeline_names") or ["__default__"]
        mlflow_config = getattr(self._context, "mlflow", None)
        if mlflow_config is not None:
            disabled = mlflow_config.tracking.disable_tracking
            disabled.pipelines = [*disabled.pipelines, *names]
        for name in sorted(pipeline.all_outputs()):
            catalog[name] = MemoryDataset(copy_mode="assign")
        logger.info(
            "rank %d: MLflow tracking off, %d output(s) kept in memory (rank 0 writes them)",
            cluster.rank,
            len(pipeline.all_outputs()),
        )

    @hook_impl
    def before_node_run(self) -> None:
        cluster = self._cluster
        if cluster is None or not cluster.primary or self._tagged:
            return
        if mlflow.active_run() is not None:
            mlflow.set_tags(
                {
                    "distributed.kvstore": cluster.kvstore.type,
                    "distributed.workers": cluster.num_workers,
                }
            )
            self._tagged = True
