"""data_processing: raw TSVs -> validated rows, rejected-rows report, vocabularies, model input."""

from kedro.pipeline import Pipeline, node

from joint_nlu.pipelines.data_processing import nodes


def create_pipeline(**kwargs) -> Pipeline:
    """Return the data_processing pipeline."""
    return Pipeline(
        [
            node(
                nodes.validate_training_rows,
                ["raw_train", "params:data_processing"],
                ["validated_train", "rejected_train"],
                name="validate_training_rows",
            ),
            node(
                nodes.validate_evaluation_rows,
                ["raw_test_hidden", "validated_train", "params:data_processing"],
                ["validated_test_hidden", "rejected_test_hidden"],
                name="validate_test_hidden_rows",
            ),
            node(
                nodes.collect_rejections,
                ["rejected_train", "rejected_test_hidden"],
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
                nodes.encode_split,
                [
                    "train_rows",
                    "char_vocabulary",
                    "intent_vocabulary",
                    "tag_vocabulary",
                    "params:data_processing",
                ],
                "model_input_train",
                name="encode_train",
            ),
            node(
                nodes.encode_split,
                [
                    "valid_rows",
                    "char_vocabulary",
                    "intent_vocabulary",
                    "tag_vocabulary",
                    "params:data_processing",
                ],
                "model_input_valid",
                name="encode_valid",
            ),
            node(
                nodes.summarise_data,
                [
                    "raw_train",
                    "raw_test_hidden",
                    "train_rows",
                    "valid_rows",
                    "validated_test_hidden",
                    "rejected_rows",
                    "char_vocabulary",
                    "params:model",
                ],
                "data_report",
                name="summarise_data",
            ),
        ]
    )
