"""The data_processing pipeline."""

from joint_nlu.pipelines.data_processing.pipeline import create_pipeline

__all__ = ["create_pipeline"]
