"""data_processing: raw TSVs -> validated rows (with out-of-scope rows drawn from their pool),
rejected-rows report, morphology (Kiwi), vocabularies, model input.

Only the wiring: the nodes live in nodes.py.
"""

from functools import partial, update_wrapper

from kedro.pipeline import Pipeline, node

from joint_nlu.pipelines.data_processing import nodes

# the labelled files scored by `evaluate` besides the validation split: name -> raw dataset
EVALUATED_FILES = {
    "test_hidden": "raw_test_hidden",
    "handwritten": "raw_handwritten",
    "test_out_of_scope": "raw_test_out_of_scope",
    "handwritten_out_of_scope": "raw_handwritten_out_of_scope",
}
# evaluated files whose every row is out of scope (read with data_processing.out_of_scope_intent)
OUT_OF_SCOPE_FILES = ("test_out_of_scope", "handwritten_out_of_scope")


def create_pipeline(**kwargs) -> Pipeline:
    """Return the data_processing pipeline."""
    validate_evaluated = [
        node(
            update_wrapper(
                partial(nodes.validate_evaluation_rows, out_of_scope=name in OUT_OF_SCOPE_FILES),
                nodes.validate_evaluation_rows,
            ),
            [raw, "params:data_processing"],
            [f"validated_{name}", f"rejected_{name}"],
            name=f"validate_{name}_rows",
        )
        for name, raw in EVALUATED_FILES.items()
    ]
    encode = [
        node(
            nodes.encode_split,
            [
                f"{split}_rows",
                "char_vocabulary",
                "intent_vocabulary",
                "tag_vocabulary",
                "params:data_processing",
                "params:model",
                "morphology",
            ],
            f"model_input_{split}",
            name=f"encode_{split}",
        )
        for split in ("train", "valid")
    ]
    evaluated_inputs = {
        "raw_out_of_scope": "raw_out_of_scope",
        **{f"raw_{name}": raw for name, raw in EVALUATED_FILES.items()},
        **{name: f"validated_{name}" for name in EVALUATED_FILES},
    }
    return Pipeline(
        [
            node(
                nodes.validate_training_rows,
                ["raw_train", "params:data_processing"],
                ["validated_train", "rejected_train"],
                name="validate_training_rows",
            ),
            node(
                nodes.validate_out_of_scope_pool,
                ["raw_out_of_scope", "params:data_processing"],
                ["validated_out_of_scope", "rejected_out_of_scope"],
                name="validate_out_of_scope_rows",
            ),
            *validate_evaluated,
            node(
                nodes.collect_rejections,
                [
                    "rejected_train",
                    "rejected_out_of_scope",
                    *[f"rejected_{name}" for name in EVALUATED_FILES],
                ],
                "rejected_rows",
                name="report_rejected_rows",
            ),
            node(
                nodes.add_out_of_scope_rows,
                ["validated_train", "validated_out_of_scope", "params:data_processing"],
                "training_rows",
                name="add_out_of_scope_rows",
            ),
            node(
                nodes.split_train_valid,
                ["training_rows", "params:data_processing"],
                ["train_rows", "valid_rows"],
                name="split_train_valid",
            ),
            node(
                nodes.build_vocabularies,
                ["train_rows", "params:data_processing"],
                ["char_vocabulary", "intent_vocabulary", "tag_vocabulary"],
                name="build_vocabularies",
            ),
            node(
                nodes.analyse_sentences,
                {
                    "model": "params:model",
                    "train": "training_rows",
                    **{name: f"validated_{name}" for name in EVALUATED_FILES},
                },
                "morphology",
                name="analyse_morphology",
            ),
            *encode,
            node(
                nodes.summarise_data,
                {
                    "rejected": "rejected_rows",
                    "char_vocab": "char_vocabulary",
                    "model": "params:model",
                    "train": "train_rows",
                    "valid": "valid_rows",
                    "params": "params:data_processing",
                    "raw_train": "raw_train",
                    **evaluated_inputs,
                },
                "data_report",
                name="summarise_data",
            ),
        ]
    )
