"""Project pipelines."""

from __future__ import annotations

from kedro.framework.project import find_pipelines
from kedro.pipeline import Pipeline

DEFAULT_PARTS = ("data_processing", "training", "evaluate")


def register_pipelines() -> dict[str, Pipeline]:
    """Return every pipeline users run; `__default__` = data_processing + training + evaluate.

    Kedro loads only the pipelines a command asks for, so `__default__` is built only when
    its parts were loaded.
    """
    pipelines = find_pipelines(raise_errors=True)
    if all(name in pipelines for name in DEFAULT_PARTS):
        pipelines["__default__"] = sum(
            (pipelines[name] for name in DEFAULT_PARTS), start=Pipeline([])
        )
    return pipelines
