"""evaluate: the saved model -> metrics, reports and plots for each evaluated dataset.

Only the wiring: the nodes live in nodes.py.
"""

from functools import partial, update_wrapper

from kedro.pipeline import Pipeline, node

from joint_nlu.pipelines.data_processing.pipeline import EVALUATED_FILES
from joint_nlu.pipelines.evaluate import nodes

# evaluated dataset -> its validated rows
EVALUATED = {"valid": "valid_rows", **{name: f"validated_{name}" for name in EVALUATED_FILES}}


def _score_one(dataset: str) -> Pipeline:
    """Return the per-dataset template: predict, score, draw the reliability diagram, show the
    errors (in its namespace)."""
    return Pipeline(
        [
            node(
                nodes.predict_rows,
                ["trained_model", "rows", "morphology"],
                "predictions",
                name="predict",
            ),
            node(
                nodes.score_predictions,
                ["predictions", "trained_model"],
                ["metrics", "intent_report", "mistakes", "confusion_matrix"],
                name="score",
            ),
            node(
                update_wrapper(
                    partial(nodes.reliability_diagram, dataset=dataset), nodes.reliability_diagram
                ),
                "predictions",
                "reliability_diagram",
                name="reliability",
            ),
            node(
                update_wrapper(partial(nodes.error_report, dataset=dataset), nodes.error_report),
                ["predictions", "trained_model"],
                "error_page",
                name="error_report",
            ),
        ]
    )


def create_pipeline(**kwargs) -> Pipeline:
    """Return the evaluate pipeline: each dataset of EVALUATED in its own namespace."""
    per_dataset = [
        Pipeline(
            _score_one(name),
            namespace=name,
            inputs={"trained_model": "trained_model", "rows": rows, "morphology": "morphology"},
            outputs={"metrics": f"{name}_metrics"},
        )
        for name, rows in EVALUATED.items()
    ]
    report = Pipeline(
        [
            node(
                nodes.summarise_metrics,
                {name: f"{name}_metrics" for name in EVALUATED},
                ["metrics_report", "evaluation_metrics"],
                name="summarise_metrics",
            ),
        ]
    )
    return sum(per_dataset, Pipeline([])) + report
