"""Project settings: hooks and configuration loading.

Hooks live in hooks/; nothing else belongs here.
"""

import os

from kedro.config import OmegaConfigLoader
from omegaconf.resolvers import oc

from joint_nlu.hooks import (
    CheckpointRunsHook,
    DistributedRunHook,
    MetricsTableHook,
    MissingInputsHook,
    MlflowStoreCheckHook,
    RunTagsHook,
    tracking_enabled,
)

# MLflow's own usage telemetry stays off unless a user turns it on (.telemetry covers Kedro's)
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")

HOOKS = (
    RunTagsHook(),
    CheckpointRunsHook(),
    MetricsTableHook(),
    DistributedRunHook(),
    MlflowStoreCheckHook(),
    MissingInputsHook(),
)
# JOINT_NLU_MLFLOW=off: run without MLflow (README "MLflow unavailable")
DISABLE_HOOKS_FOR_PLUGINS = () if tracking_enabled() else ("kedro_mlflow", "kedro-mlflow")

CONFIG_LOADER_CLASS = OmegaConfigLoader
CONFIG_LOADER_ARGS = {
    "base_env": "base",
    "default_run_env": "local",
    # lets conf/base/mlflow.yml take MLFLOW_TRACKING_URI from the environment
    "custom_resolvers": {"oc.env": oc.env},
    # an environment (conf/test, conf/local) overrides single keys, not whole sections
    "merge_strategy": {"parameters": "soft"},
}
