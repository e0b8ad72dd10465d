"""compare: one train-and-score template per variant namespace, then one comparison of them all.

Run it after data_processing (`kedro run --pipelines=data_processing,compare` on a fresh
clone): every variant trains on the same split and is scored on the same datasets.

Only the wiring: the nodes live in nodes.py.
"""

from kedro.pipeline import Pipeline, node

from joint_nlu.pipelines.compare import nodes
from joint_nlu.pipelines.evaluate.pipeline import EVALUATED

# each namespace reads `params:<variant>.tasks` and `params:<variant>.loss_weights`
VARIANTS = ("joint", "joint_equal", "entity_only", "intent_only")
TRAINING_INPUTS = {
    "train_input": "model_input_train",
    "valid_input": "model_input_valid",
    "char_vocab": "char_vocabulary",
    "intent_vocab": "intent_vocabulary",
    "tag_vocab": "tag_vocabulary",
}
SHARED_INPUTS = (*TRAINING_INPUTS.values(), *EVALUATED.values())
SHARED_PARAMETERS = (
    "params:model",
    "params:training",
    "params:compare",
    "params:data_processing.outside_tag",
    "params:out_of_scope",
    "params:data_processing.out_of_scope_intent",
)


def _variant() -> Pipeline:
    """Return the template: train and score one model per seed, on every evaluated dataset."""
    return Pipeline(
        [
            node(
                nodes.train_and_score_seeds,
                {
                    **TRAINING_INPUTS,
                    "model": "params:model",
                    "training": "params:training",
                    "tasks": "params:tasks",
                    "loss_weights": "params:loss_weights",
                    "compare": "params:compare",
                    "outside_tag": "params:data_processing.outside_tag",
                    "out_of_scope": "params:out_of_scope",
                    "out_of_scope_intent": "params:data_processing.out_of_scope_intent",
                    **EVALUATED,
                },
                ["seed_scores", "mean_metrics"],
                name="train_and_score_seeds",
            ),
        ]
    )


def create_pipeline(**kwargs) -> Pipeline:
    """Return the compare pipeline: each variant of VARIANTS in its own namespace."""
    per_variant = [
        Pipeline(
            _variant(),
            namespace=variant,
            inputs=set(SHARED_INPUTS),
            parameters=set(SHARED_PARAMETERS),
        )
        for variant in VARIANTS
    ]
    summary = Pipeline(
        [
            node(
                nodes.compare_variants,
                {
                    "compare": "params:compare",
                    **{variant: f"{variant}.seed_scores" for variant in VARIANTS},
                },
                ["compare_table", "compare_table_md", "compare_chart"],
                name="compare_variants",
            )
        ]
    )
    return sum(per_variant, Pipeline([])) + summary
