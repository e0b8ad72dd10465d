"""The compare pipeline: joint against single-task models, side by side over seeds."""

from joint_nlu.pipelines.compare.pipeline import create_pipeline

__all__ = ["create_pipeline"]
