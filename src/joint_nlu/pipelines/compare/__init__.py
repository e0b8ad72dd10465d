"""The compare pipeline: joint against single-task models, side by side over seeds.

Nothing else lives here: the package's modules hold the code.
"""

from joint_nlu.pipelines.compare.pipeline import create_pipeline

__all__ = ["create_pipeline"]
