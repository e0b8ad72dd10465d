"""The evaluate pipeline."""

from joint_nlu.pipelines.evaluate.pipeline import create_pipeline

__all__ = ["create_pipeline"]
