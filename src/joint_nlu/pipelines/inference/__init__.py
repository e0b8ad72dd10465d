"""The inference pipeline."""

from joint_nlu.pipelines.inference.pipeline import create_pipeline

__all__ = ["create_pipeline"]
