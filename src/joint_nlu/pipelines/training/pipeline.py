"""training: model input and vocabularies -> trained model, training history, learning curves.

Only the wiring: the nodes live in nodes.py.
"""

from kedro.pipeline import Pipeline, node

from joint_nlu.pipelines.training import nodes


def create_pipeline(**kwargs) -> Pipeline:
    """Return the training pipeline."""
    return Pipeline(
        [
            node(
                nodes.train_model,
                [
                    "model_input_train",
                    "model_input_valid",
                    "char_vocabulary",
                    "intent_vocabulary",
                    "tag_vocabulary",
                    "params:model",
                    "params:training",
                    "params:data_processing.outside_tag",
                    "params:out_of_scope",
                    "params:data_processing.out_of_scope_intent",
                    "params:inference",
                ],
                ["trained_model", "training_history", "training_metrics"],
                name="train_joint_model",
            ),
            node(
                nodes.plot_learning_curves,
                "training_history",
                "learning_curves",
                name="plot_learning_curves",
            ),
        ]
    )
