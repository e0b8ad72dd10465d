"""Project pipelines.

Pipelines are built in pipelines/<name>/pipeline.py; only their registration lives here.
"""

from __future__ import annotations

from kedro.framework.project import find_pipelines
from kedro.pipeline import Pipeline

DEFAULT_PARTS = ("data_processing", "training", "evaluate")
# what the logged MLflow model needs to predict, pinned to the installed versions (those not
# installed are left out). Given, not inferred: MLflow's inference loads the model in a
# subprocess, ~15 s of every training run on a busy 2-core machine, and missed kiwipiepy.
SERVING_PACKAGES = (
    "joint-nlu",
    "mxnet",
    "mxnet-cu112",
    "numpy",
    "pandas",
    "pyarrow",
    "scikit-learn",
    "kiwipiepy",
    "kiwipiepy-model",
    "cloudpickle",
)
# pipelines that log the inference pipeline as an MLflow pyfunc model when they run
SERVABLE = ("training", "__default__")


def servable(training: Pipeline, inference: Pipeline) -> Pipeline:
    """Return `training` as a kedro-mlflow PipelineML that logs `inference` as a pyfunc model.

    The model (`runs:/<run_id>/joint_nlu`) takes a DataFrame with a string column `sentence`;
    the signature is given, not inferred, so a training run needs no sentences file. A
    PipelineML must stay registered on its own: adding it to another pipeline demotes it.
    """
    from kedro_mlflow.pipeline import pipeline_ml_factory
    from mlflow.models import ModelSignature
    from mlflow.types import ColSpec, Schema

    from joint_nlu.pipelines.inference.pipeline import INPUT_NAME, MODEL_NAME
    from joint_nlu.serving.predict import SENTENCE_COLUMN

    signature = ModelSignature(inputs=Schema([ColSpec("string", SENTENCE_COLUMN)]))
    return pipeline_ml_factory(
        training=training,
        inference=inference,
        input_name=INPUT_NAME,
        # every training run adds a version of the registered model `joint_nlu`
        log_model_kwargs={
            "name": MODEL_NAME,
            "signature": signature,
            "registered_model_name": MODEL_NAME,
            "pip_requirements": serving_requirements(),
        },
    )


def serving_requirements(packages: tuple[str, ...] = SERVING_PACKAGES) -> list[str]:
    """Return `name==version` of each installed package of `packages` (MLflow adds itself)."""
    import importlib.metadata

    pinned = []
    for name in packages:
        try:
            pinned.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    return pinned


def register_pipelines() -> dict[str, Pipeline]:
    """Return every pipeline users run; `__default__` = data_processing + training + evaluate.

    `training` and `__default__` are PipelineMLs: each of their runs logs the `inference`
    package's serving pipeline, bound to the model it trained, as the MLflow model `joint_nlu`.

    Kedro loads only the pipelines a command asks for, so `__default__` is built only when
    its parts were loaded.
    """
    pipelines = find_pipelines(raise_errors=True)
    if all(name in pipelines for name in DEFAULT_PARTS):
        pipelines["__default__"] = sum(
            (pipelines[name] for name in DEFAULT_PARTS), start=Pipeline([])
        )
    if "inference" in pipelines:
        from joint_nlu.pipelines.inference.pipeline import serving_pipeline

        for name in SERVABLE:
            if name in pipelines:
                pipelines[name] = servable(pipelines[name], serving_pipeline())
    return pipelines
