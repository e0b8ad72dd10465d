"""inference: the trained model + sentences (one a line) -> predictions (JSONL).

The same pipeline is logged by every training run as the MLflow pyfunc model (see
pipeline_registry.py), where `sentences` is the DataFrame a caller sends.

Only the wiring: the node lives in nodes.py.
"""

from kedro.pipeline import Pipeline, node

from joint_nlu.pipelines.inference import nodes

INPUT_NAME = "sentences"
# every training run logs the inference pipeline as runs:/<run_id>/joint_nlu
MODEL_NAME = "joint_nlu"


def create_pipeline(**kwargs) -> Pipeline:
    """Return the inference pipeline."""
    return Pipeline(
        [
            node(
                nodes.predict_sentences,
                ["trained_model", INPUT_NAME, "params:inference"],
                "predictions",
                name="predict_sentences",
            )
        ]
    )
