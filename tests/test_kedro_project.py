"""End to end: `kedro run` in the test environment, MLflow's record of it, then `evaluate`."""

import json
import subprocess
import sys

import mlflow
import pytest

from tests.conftest import run_kedro

pytestmark = pytest.mark.slow


def mlflow_runs(project):
    mlflow.set_tracking_uri(f"sqlite:///{project / 'mlflow.db'}")
    return mlflow.search_runs(experiment_names=["joint_nlu"], order_by=["start_time ASC"])


def test_kedro_run_writes_metrics_json_and_prints_the_table(tiny_project):
    report = json.loads((tiny_project / "data/08_reporting/metrics.json").read_text())
    assert set(report) == {"valid", "test_hidden"}
    for scores in report.values():
        assert 0.0 <= scores["intent_accuracy"] <= 1.0
        assert 0.0 <= scores["entity_sequence_accuracy"] <= 1.0
        assert {"span_f1", "char_tag_accuracy", "sentences"} <= set(scores)
    log = (tiny_project / "run.log").read_text()
    table = log[log.index("metric ") :]
    assert "intent_accuracy" in table and "test_hidden" in table
    for name in (
        "valid_confusion_matrix.png",
        "test_hidden_mistakes.csv",
        "test_hidden_intent_report.csv",
        "learning_curves.png",
        "rejected_rows.csv",
    ):
        assert (tiny_project / "data/08_reporting" / name).is_file(), name
    assert (tiny_project / "data/06_models/tagger/model-symbol.json").is_file()


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
    assert {
        "metrics.json",
        "learning_curves.png",
        "valid_confusion_matrix.png",
        "test_hidden_mistakes.csv",
        "trained_model",
    } <= artifacts
    model_files = {a.path for a in client.list_artifacts(run["run_id"], "trained_model")}
    assert "trained_model/model-0000.params" in model_files
    assert run["tags.raw_data_sha256.raw_train"]


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
    assert config["decoding"] == {"mode": "single_span", "allow_empty": False}
