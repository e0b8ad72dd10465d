"""Kedro hooks (the wiring between runs, MLflow and the console; no ML code here).

- `store_check`: the MLflow store is usable before anything runs; `JOINT_NLU_MLFLOW=off`.
- `mlflow_run`: the run's name, tags, dataset inputs and model artifacts; resumable training's
  run-state changes.
- `distributed`: one MLflow run and one set of files for `joint-nlu launch` workers.
- `metrics_table`: the metrics table at the end of a run.
- `missing_inputs`: a run out of order stops with one line naming what to run first.

Nothing else lives here: the package's modules hold the code.
"""

from joint_nlu.hooks.distributed import DistributedRunHook
from joint_nlu.hooks.metrics_table import MetricsTableHook
from joint_nlu.hooks.missing_inputs import MissingInputsHook
from joint_nlu.hooks.mlflow_run import CheckpointRunsHook, RunTagsHook
from joint_nlu.hooks.store_check import (
    MlflowStoreCheckHook,
    MlflowStoreError,
    check_tracking_store,
    tracking_enabled,
)

__all__ = [
    "CheckpointRunsHook",
    "DistributedRunHook",
    "MetricsTableHook",
    "MissingInputsHook",
    "MlflowStoreCheckHook",
    "MlflowStoreError",
    "RunTagsHook",
    "check_tracking_store",
    "tracking_enabled",
]
