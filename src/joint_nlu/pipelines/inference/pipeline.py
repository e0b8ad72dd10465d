"""inference: the trained model + sentences (one a line) -> predictions (JSONL).

Two pipelines share the prediction code. `create_pipeline` (`kedro run --pipelines=inference`)
reads a file: rows the model would refuse are set aside in `rejected_sentences`, the rest are
predicted in calls within the input limits. `serving_pipeline` is what every training run logs
as the MLflow pyfunc model (see pipeline_registry.py): `sentences` is the DataFrame a caller
sends, refused whole (HTTP 400) when bad or over a limit. A pyfunc pipeline may have only one
output, so the report cannot be part of it.
"""

from kedro.pipeline import Pipeline, node

from joint_nlu.pipelines.inference import nodes

INPUT_NAME = "sentences"
# every training run logs the inference pipeline as runs:/<run_id>/joint_nlu
MODEL_NAME = "joint_nlu"


def create_pipeline(**kwargs) -> Pipeline:
    """Return the batch inference pipeline (a file of sentences)."""
    return Pipeline(
        [
            node(
                nodes.set_aside_refused_sentences,
                [INPUT_NAME, "params:inference"],
                ["sentences_within_limits", "rejected_sentences"],
                name="set_aside_refused_sentences",
            ),
            node(
                nodes.predict_sentence_file,
                ["trained_model", "sentences_within_limits", "params:inference"],
                "predictions",
                name="predict_sentence_file",
            ),
        ]
    )


def serving_pipeline() -> Pipeline:
    """Return the pipeline logged as the MLflow model: one request in, its predictions out."""
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
