"""End to end: `kedro run` in the test environment, MLflow's record of it, then `evaluate`."""

import json
import subprocess
import sys

import mlflow
import pandas as pd
import pytest

from joint_nlu.error_analysis import ERROR_KINDS
from tests.helpers import run_kedro

pytestmark = pytest.mark.slow


def mlflow_runs(project):
    mlflow.set_tracking_uri(f"sqlite:///{project / 'mlflow.db'}")
    return mlflow.search_runs(experiment_names=["joint_nlu"], order_by=["start_time ASC"])


def test_kedro_run_writes_metrics_json_and_prints_the_table(tiny_project):
    report = json.loads((tiny_project / "data/08_reporting/metrics.json").read_text())
    assert set(report) == {"valid", "test_hidden", "handwritten"}
    for scores in report.values():
        assert 0.0 <= scores["intent_accuracy"] <= 1.0
        assert 0.0 <= scores["entity_sequence_accuracy"] <= 1.0
        assert {"span_f1", "char_tag_accuracy", "sentences"} <= set(scores)
    log = (tiny_project / "run.log").read_text()
    table = log[log.index("metric ") :]
    assert "intent_accuracy" in table and "test_hidden" in table
    for name in (
        "valid_confusion_matrix.png",
        "test_hidden_errors.html",
        "handwritten_errors.html",
        "test_hidden_mistakes.csv",
        "test_hidden_intent_report.csv",
        "learning_curves.png",
        "rejected_rows.csv",
    ):
        assert (tiny_project / "data/08_reporting" / name).is_file(), name
    assert (tiny_project / "data/06_models/tagger/model-symbol.json").is_file()
    # error counts by kind, every kind present so runs compare; not in the console table
    errors = {name: value for name, value in report["test_hidden"].items() if "errors." in name}
    assert {"errors.too_short", "errors.cut_inside_word", "errors.intent_wrong"} <= set(errors)
    kinds = sum(errors[f"errors.{kind}"] for kind in ERROR_KINDS)
    assert (
        kinds
        == errors["errors.total"]
        == len(pd.read_csv(tiny_project / "data/08_reporting/test_hidden_mistakes.csv"))
    )
    assert "errors." not in table


def test_mlflow_holds_parameters_metrics_history_and_artifacts(tiny_project):
    run = mlflow_runs(tiny_project).iloc[0]
    assert run["status"] == "FINISHED"
    assert run["params.training.epochs"] == "2"
    assert run["params.model.architecture"] == "bilstm"
    report = json.loads((tiny_project / "data/08_reporting/metrics.json").read_text())
    assert run["metrics.test_hidden.intent_accuracy"] == pytest.approx(
        report["test_hidden"]["intent_accuracy"]
    )
    client = mlflow.MlflowClient()
    history = client.get_metric_history(run["run_id"], "training.train_loss")
    assert [m.step for m in history] == [1, 2]
    artifacts = {a.path for a in client.list_artifacts(run["run_id"])}
    assert run["metrics.test_hidden.errors.total"] == report["test_hidden"]["errors.total"]
    assert {
        "metrics.json",
        "learning_curves.png",
        "test_hidden_errors.html",
        "valid_confusion_matrix.png",
        "test_hidden_mistakes.csv",
        "trained_model",
    } <= artifacts
    model_files = {a.path for a in client.list_artifacts(run["run_id"], "trained_model")}
    assert "trained_model/model-0000.params" in model_files
    assert run["tags.raw_data_sha256.raw_train"]


def test_mlflow_names_the_run_logs_its_datasets_and_registers_the_model(tiny_project):
    run = mlflow_runs(tiny_project).iloc[0]
    assert run["tags.mlflow.runName"] == "default · bilstm · tiny_trainset"
    inputs = mlflow.MlflowClient().get_run(run["run_id"]).inputs.dataset_inputs
    contexts = {
        item.dataset.name: {tag.value for tag in item.tags if tag.key == "mlflow.data.context"}
        for item in inputs
    }
    assert contexts["raw_train"] == {"training"}
    assert contexts["raw_test_hidden"] == contexts["raw_handwritten"] == {"evaluation"}
    digests = {item.dataset.name: item.dataset.digest for item in inputs}
    assert all(digests.values())
    versions = mlflow.MlflowClient().search_model_versions("name='joint_nlu'")
    assert [version.run_id for version in versions] == [run["run_id"]]


@pytest.mark.parametrize("flag", ["--pipeline=evaluate", "--pipelines=evaluate"])
def test_evaluate_rescores_the_saved_model_without_training(tiny_project, flag):
    model_file = tiny_project / "data/06_models/tagger/model-0000.params"
    before = model_file.stat().st_mtime_ns
    result = run_kedro(
        tiny_project,
        "run",
        "--env",
        "test",
        flag,
        env={"MLFLOW_TRACKING_URI": f"sqlite:///{tiny_project / 'mlflow.db'}"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "train_joint_model" not in result.stdout + result.stderr
    assert model_file.stat().st_mtime_ns == before
    assert "entity_sequence_accuracy" in result.stdout


def test_cli_predicts_with_the_trained_model(tiny_project):
    model = tiny_project / "data/06_models/tagger"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "joint_nlu",
            "predict",
            "--model",
            str(model),
            "한라산의 높이는?",
            "",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # the terminal shows only what was asked for: no warnings
    predictions = [json.loads(line) for line in result.stdout.splitlines()]
    assert predictions[0]["sentence"] == "한라산의 높이는?"
    assert len(predictions[0]["tags"]) == len("한라산의 높이는?")
    assert predictions[0]["intent"] in {"age", "area", "height"}
    assert predictions[1]["tags"] == "" and predictions[1]["spans"] == []


def test_cli_reports_a_missing_model_clearly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "joint_nlu", "predict", "--model", str(tmp_path), "문장"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "lacks model-symbol.json" in result.stderr and "Traceback" not in result.stderr


def test_the_saved_model_decodes_one_span_when_training_had_one_per_sentence(tiny_project):
    config = json.loads((tiny_project / "data/06_models/tagger/config.json").read_text())
    # one span per training sentence and Korean morphology: one span on morpheme boundaries
    assert config["decoding"] == {"mode": "morphemes", "allow_empty": False}
    assert config["model"]["morphology"] == "kiwi"
    assert config["morphology"]["name"] == "kiwi" and config["morphology"]["kiwipiepy_model"]


def test_cli_evaluate_scores_every_well_formed_row_and_says_when_nothing_was_scored(
    tiny_project, tmp_path
):
    model = tiny_project / "data/06_models/tagger"
    scored = tmp_path / "scored.tsv"
    hidden = (tiny_project / "tests/fixtures/tiny_test_hidden.txt").read_text(encoding="utf-8")
    first = hidden.splitlines()[0]
    # a duplicate and an intent the model never saw are scored and counted; a bad row is not
    scored.write_text(f"{hidden}{first}\nweight\tEEC\t가나다\nage\tE\t가나\n", encoding="utf-8")
    nothing = tmp_path / "nothing.tsv"
    nothing.write_text("age\tE\t가나\narea\n", encoding="utf-8")
    command = [sys.executable, "-m", "joint_nlu", "evaluate", "--model", str(model), "--json"]
    result = subprocess.run([*command, str(scored)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)["scored"]
    assert scores["sentences"] == len(hidden.splitlines()) + 2
    assert scores["duplicate_rows"] == 1 and scores["unseen_intent_rows"] == 1
    assert scores["rejected"] == 1
    result = subprocess.run([*command, str(nothing)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"{nothing}: nothing scored" in result.stderr and "Traceback" not in result.stderr
    assert "commonest reason" in result.stderr
