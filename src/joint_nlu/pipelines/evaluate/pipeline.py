"""evaluate: the saved model -> metrics, reports and plots for each evaluated dataset."""

from kedro.pipeline import Pipeline, node

from joint_nlu.pipelines.evaluate import nodes

EVALUATED = {"valid": "valid_rows", "test_hidden": "validated_test_hidden"}


def _score_one() -> Pipeline:
    """Return the per-dataset template: predict, then score (instantiated per namespace)."""
    return Pipeline(
        [
            node(nodes.predict_rows, ["trained_model", "rows"], "predictions", name="predict"),
            node(
                nodes.score_predictions,
                ["predictions", "params:data_processing.outside_tag", "params:model.tasks"],
                ["metrics", "intent_report", "mistakes", "confusion_matrix"],
                name="score",
            ),
        ]
    )


def create_pipeline(**kwargs) -> Pipeline:
    """Return the evaluate pipeline: each dataset of EVALUATED in its own namespace."""
    per_dataset = [
        Pipeline(
            _score_one(),
            namespace=name,
            inputs={"trained_model": "trained_model", "rows": rows},
            outputs={"metrics": f"{name}_metrics"},
            parameters={"params:data_processing.outside_tag", "params:model.tasks"},
        )
        for name, rows in EVALUATED.items()
    ]
    report = Pipeline(
        [
            node(
                nodes.summarise_metrics,
                [f"{name}_metrics" for name in EVALUATED],
                ["metrics_report", "evaluation_metrics"],
                name="summarise_metrics",
            ),
            node(
                nodes.plot_learning_curves,
                "training_history",
                "learning_curves",
                name="plot_learning_curves",
            ),
        ]
    )
    return sum(per_dataset, Pipeline([])) + report
