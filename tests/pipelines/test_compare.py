"""The compare pipeline: its namespaces, the comparison logic, and a tiny end-to-end run."""

from __future__ import annotations

import mlflow
import mxnet as mx
import pandas as pd
import pytest

from joint_nlu.model import ModelConfig, build_model
from joint_nlu.pipelines.compare import comparison, create_pipeline
from joint_nlu.pipelines.compare.pipeline import SHARED_INPUTS, VARIANTS
from joint_nlu.training import parameter_count
from tests.helpers import PROJECT_ROOT, copy_project, run_kedro


def _by_namespace(pipeline) -> dict[str | None, list]:
    groups: dict[str | None, list] = {}
    for node in pipeline.nodes:
        groups.setdefault(node.namespace, []).append(node)
    return groups


def test_each_variant_is_a_namespace_with_its_own_outputs_and_parameters():
    """Four namespaces of train + score, disjoint outputs, the same data in, own parameters."""
    pipeline = create_pipeline()
    groups = _by_namespace(pipeline)
    assert set(groups) == {*VARIANTS, None}
    assert set(VARIANTS) >= {"joint", "entity_only", "intent_only"}
    assert [node.name for node in groups[None]] == ["compare_variants"]
    outputs = {}
    for variant in VARIANTS:
        nodes = groups[variant]
        assert [node.name for node in nodes] == [f"{variant}.train_and_score_seeds"]
        outputs[variant] = {name for node in nodes for name in node.outputs}
        assert all(name.startswith(f"{variant}.") for name in outputs[variant])
        inputs = {name for node in nodes for name in node.inputs} - outputs[variant]
        assert {f"params:{variant}.tasks", f"params:{variant}.loss_weights"} <= inputs
        # every variant reads the same split and the same evaluated datasets
        assert set(SHARED_INPUTS) <= inputs
        assert not {name for name in inputs if not name.startswith("params:")} - set(SHARED_INPUTS)
    for first in VARIANTS:
        for second in VARIANTS:
            if first != second:
                assert not outputs[first] & outputs[second]
    assert set(pipeline.all_outputs()) >= {"compare_table", "compare_table_md", "compare_chart"}


def test_compare_is_registered_but_not_part_of_the_default_run():
    """`kedro run --pipelines=compare` exists; a plain `kedro run` never trains the variants."""
    from kedro.framework.project import pipelines
    from kedro.framework.startup import bootstrap_project

    bootstrap_project(PROJECT_ROOT)
    assert "compare" in pipelines
    assert not {node.namespace for node in pipelines["__default__"].nodes} & set(VARIANTS)


def _seed_scores(tasks: list[str], values: dict[str, list[float]]) -> pd.DataFrame:
    """Two seeds' long scores of one variant on `valid`, plus its parameter count."""
    frames = [
        comparison.long_scores(
            seed,
            {
                "valid": {metric: value[index] for metric, value in values.items()},
                comparison.COST: {"parameters": 1000 * len(tasks), "training_seconds": 10.0},
            },
            tasks,
            comparison.weights_label(tasks, {"intent": 0.4, "entity": 0.6}),
        )
        for index, seed in enumerate((1, 2))
    ]
    return pd.concat(frames, ignore_index=True)


SCORES = {
    "joint": _seed_scores(
        ["intent", "entity"],
        {"intent_accuracy": [0.8, 0.9], "entity_sequence_accuracy": [0.5, 0.7]},
    ),
    "entity_only": _seed_scores(["entity"], {"entity_sequence_accuracy": [0.6, 0.6]}),
    "intent_only": _seed_scores(["intent"], {"intent_accuracy": [1.0, 0.9]}),
}


def test_summary_holds_mean_and_sample_std_per_variant_and_metric():
    summary = comparison.summarise(SCORES).set_index(["variant", "dataset", "metric"])
    joint = summary.loc[("joint", "valid", "intent_accuracy")]
    assert joint["mean"] == pytest.approx(0.85)
    assert joint["std"] == pytest.approx(0.0707107, abs=1e-6)  # ddof=1
    assert joint["seeds"] == 2 and joint["loss_weights"] == "0.4/0.6"
    assert summary.loc[("entity_only", "valid", "entity_sequence_accuracy"), "std"] == 0.0
    assert ("entity_only", "valid", "intent_accuracy") not in summary.index
    assert summary.loc[("intent_only", "cost", "parameters"), "mean"] == 1000


def test_markdown_marks_untrained_heads_and_adds_up_two_networks():
    markdown = comparison.markdown_tables(
        comparison.summarise(SCORES), ["intent_accuracy", "entity_sequence_accuracy"]
    )
    rows = {line.split(" | ")[0].strip("| "): line for line in markdown.splitlines() if "|" in line}
    assert "| joint | intent+entity | 0.4/0.6 | 0.850 ± 0.071 | 0.600 ± 0.141 |" in markdown
    assert "| entity_only | entity | — | — | 0.600 ± 0.000 |" in markdown
    assert rows["entity_only + intent_only (two networks)"].startswith(
        "| entity_only + intent_only (two networks) | 2,000 | 20.0 ± 0.0"
    )


def test_mlflow_metrics_give_each_seed_a_step_and_the_mean():
    metrics = comparison.mlflow_metrics(SCORES["joint"])
    assert metrics["valid.intent_accuracy"] == [
        {"value": 0.8, "step": 1},
        {"value": 0.9, "step": 2},
    ]
    assert metrics["valid.intent_accuracy.mean"]["value"] == pytest.approx(0.85)
    assert "cost.parameters.std" in metrics


def test_the_chart_has_one_panel_per_dataset_with_error_bars():
    figure = comparison.bar_chart(
        comparison.summarise(SCORES), ["intent_accuracy", "entity_sequence_accuracy"]
    )
    axes = figure.get_axes()
    assert [axis.get_title() for axis in axes] == ["valid"]
    kinds = [type(container).__name__ for container in axes[0].containers]
    # one bar container and one error bar container per variant
    assert kinds.count("BarContainer") == 3 and kinds.count("ErrorbarContainer") == 3


@pytest.mark.parametrize("architecture", ["bilstm", "notebook"])
def test_parameter_count_leaves_out_the_untrained_head(architecture):
    config = ModelConfig(n_chars=30, n_intents=4, n_tags=3, architecture=architecture)
    net = build_model(config)
    net.initialize()
    net(mx.nd.ones((2, 5, 5)), mx.nd.array([5, 3]))
    everything = sum(p.data().size for p in net.collect_params().values())
    intent_head = sum(
        p.data().size
        for name, child in net._children.items()
        if name.startswith("intent_")
        for p in child.collect_params().values()
    )
    assert parameter_count(net) == everything
    assert parameter_count(net, ["entity"]) == everything - intent_head
    assert parameter_count(net, ["intent"]) < everything


@pytest.mark.slow
def test_tiny_compare_run_writes_the_table_chart_and_mlflow_metrics(tmp_path):
    """`kedro run --env test --pipelines=data_processing,compare`: 4 variants x 2 seeds."""
    project = copy_project(tmp_path)
    tracking = f"sqlite:///{project / 'mlflow.db'}"
    result = run_kedro(
        project,
        "run",
        "--env",
        "test",
        "--pipelines=data_processing,compare",
        env={"MLFLOW_TRACKING_URI": tracking},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    reporting = project / "data/08_reporting"
    table = pd.read_csv(reporting / "compare_table.csv")
    assert list(dict.fromkeys(table["variant"])) == list(VARIANTS)
    # a metric the rows of one seed cannot measure (out-of-scope precision with nothing
    # rejected) counts the seeds that measured it
    assert set(table.loc[table["metric"].isin(["intent_accuracy", "parameters"]), "seeds"]) == {2}
    assert set(table["seeds"]) <= {1, 2}
    metrics = table.groupby("variant")["metric"].agg(set)
    assert "intent_accuracy" not in metrics["entity_only"]
    assert "entity_sequence_accuracy" not in metrics["intent_only"]
    assert {"intent_accuracy", "entity_sequence_accuracy", "parameters"} <= metrics["joint"]
    assert set(table["dataset"]) == {
        "valid",
        "test_hidden",
        "handwritten",
        "test_out_of_scope",
        "handwritten_out_of_scope",
        comparison.COST,
    }
    assert {"out_of_scope_recall", "in_scope_intent_accuracy", "ece"} <= metrics["joint"]
    assert "out_of_scope_recall" not in metrics["entity_only"]
    markdown = (reporting / "compare_table.md").read_text(encoding="utf-8")
    assert "| joint | intent+entity | 0.4/0.6 |" in markdown
    assert "| joint_equal | intent+entity | 0.5/0.5 |" in markdown
    assert "test_out_of_scope out-of-scope recall" in markdown
    assert (reporting / "compare_chart.png").stat().st_size > 0
    for variant in VARIANTS:
        assert (project / f"data/07_model_output/compare/{variant}_seed_scores.csv").is_file()
    assert not (project / "data/06_models").exists()  # seed models stay in memory

    mlflow.set_tracking_uri(tracking)
    run = mlflow.search_runs(experiment_names=["joint_nlu"]).iloc[0]
    assert run["status"] == "FINISHED"
    joint_mean = run["metrics.compare.joint.test_hidden.intent_accuracy.mean"]
    expected = table.query(
        "variant == 'joint' and dataset == 'test_hidden' and metric == 'intent_accuracy'"
    )["mean"]
    assert joint_mean == pytest.approx(float(expected.iloc[0]))
    assert "metrics.compare.intent_only.valid.entity_sequence_accuracy.mean" not in run
    artifacts = {a.path for a in mlflow.MlflowClient().list_artifacts(run["run_id"])}
    assert {"compare_table.csv", "compare_table.md", "compare_chart.png"} <= artifacts
