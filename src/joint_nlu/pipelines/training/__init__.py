"""The training pipeline.

Nothing else lives here: the package's modules hold the code.
"""

from joint_nlu.pipelines.training.pipeline import create_pipeline

__all__ = ["create_pipeline"]
