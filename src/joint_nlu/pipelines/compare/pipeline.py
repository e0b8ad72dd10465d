"""compare: one train + score template per variant namespace, then one comparison of them all.

Run it after data_processing (`kedro run --pipelines=data_processing,compare` on a fresh
clone): every variant trains on the same split and is scored on the same datasets.
"""

from kedro.pipeline import Pipeline, node

from joint_nlu.pipelines.compare import nodes

# each namespace reads `params:<variant>.tasks` and `params:<variant>.loss_weights`
VARIANTS = ("joint", "joint_equal", "entity_only", "intent_only")
SHARED_INPUTS = (
    "model_input_train",
    "model_input_valid",
    "char_vocabulary",
    "intent_vocabulary",
    "tag_vocabulary",
    "valid_rows",
    "validated_test_hidden",
)
SHARED_PARAMETERS = (
    "params:model",
    "params:training",
    "params:compare",
    "params:data_processing.outside_tag",
)


def _variant() -> Pipeline:
    """Return the template: train one model per seed, then score each on both datasets."""
    return Pipeline(
        [
            node(
                nodes.train_seeds,
                [
                    "model_input_train",
                    "model_input_valid",
                    "char_vocabulary",
                    "intent_vocabulary",
                    "tag_vocabulary",
                    "params:model",
                    "params:training",
                    "params:tasks",
                    "params:loss_weights",
                    "params:compare",
                    "params:data_processing.outside_tag",
                ],
                "seed_models",
                name="train_seeds",
            ),
            node(
                nodes.score_seeds,
                [
                    "seed_models",
                    "valid_rows",
                    "validated_test_hidden",
                    "params:tasks",
                    "params:loss_weights",
                    "params:compare",
                    "params:data_processing.outside_tag",
                ],
                ["seed_scores", "mean_metrics"],
                name="score_seeds",
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
