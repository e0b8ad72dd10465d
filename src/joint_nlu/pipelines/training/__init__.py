"""The training pipeline."""

from joint_nlu.pipelines.training.pipeline import create_pipeline

__all__ = ["create_pipeline"]
