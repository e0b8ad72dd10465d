"""data_processing: raw TSVs -> validated rows, rejected-rows report, morphology (Kiwi),
vocabularies, model input.

Only the wiring: the nodes live in nodes.py.
"""

from kedro.pipeline import Pipeline, node

from joint_nlu.pipelines.data_processing import nodes

# the labelled files scored by `evaluate` besides the validation split: name -> raw dataset
EVALUATED_FILES = {"test_hidden": "raw_test_hidden", "handwritten": "raw_handwritten"}


def create_pipeline(**kwargs) -> Pipeline:
    """Return the data_processing pipeline."""
    validate_evaluated = [
        node(
            nodes.validate_evaluation_rows,
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
            *validate_evaluated,
            node(
                nodes.collect_rejections,
                ["rejected_train", *[f"rejected_{name}" for name in EVALUATED_FILES]],
                "rejected_rows",
                name="report_rejected_rows",
            ),
            node(
                nodes.split_train_valid,
                ["validated_train", "params:data_processing"],
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
                    "train": "validated_train",
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
                    "raw_train": "raw_train",
                    **evaluated_inputs,
                },
                "data_report",
                name="summarise_data",
            ),
        ]
    )
