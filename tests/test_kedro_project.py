"""End to end: `kedro run` in the test environment, MLflow's record of it, then `evaluate`."""

import json
import subprocess
import sys

import mlflow
import pandas as pd
import pytest

from joint_nlu.error_analysis import ERROR_KINDS
from tests.helpers import copy_project, run_kedro

pytestmark = pytest.mark.slow


def mlflow_runs(project):
    mlflow.set_tracking_uri(f"sqlite:///{project / 'mlflow.db'}")
    return mlflow.search_runs(experiment_names=["joint_nlu"], order_by=["start_time ASC"])


IN_SCOPE_SETS = {"valid", "test_hidden", "handwritten"}
OUT_OF_SCOPE_SETS = {"test_out_of_scope", "handwritten_out_of_scope"}


def test_kedro_run_writes_metrics_json_and_prints_the_table(tiny_project):
    report = json.loads((tiny_project / "data/08_reporting/metrics.json").read_text())
    assert set(report) == IN_SCOPE_SETS | OUT_OF_SCOPE_SETS
    for name, scores in report.items():
        assert 0.0 <= scores["intent_accuracy"] <= 1.0
        assert 0.0 <= scores["ece"] <= 1.0 and 0.0 <= scores["ece_uncalibrated"] <= 1.0
        if name in IN_SCOPE_SETS:  # entity metrics are scored on in-scope rows only
            assert 0.0 <= scores["entity_sequence_accuracy"] <= 1.0
            assert {"span_f1", "char_tag_accuracy", "sentences"} <= set(scores)
            assert 0.0 <= scores["in_scope_intent_accuracy"] <= 1.0
        else:
            assert "entity_sequence_accuracy" not in scores
            assert scores["out_of_scope_rows"] == scores["sentences"] > 0
            # every row is out of scope: the intent is right exactly when it is rejected
            assert scores["intent_accuracy"] == scores["out_of_scope_recall"]
    log = (tiny_project / "run.log").read_text()
    table = log[log.index("metric ") :]
    assert "intent_accuracy" in table and "test_hidden" in table
    assert "out_of_scope_recall" in table and "test_out_of_scope" in table
    for name in (
        "valid_confusion_matrix.png",
        "test_hidden_errors.html",
        "handwritten_errors.html",
        "test_hidden_mistakes.csv",
        "test_hidden_intent_report.csv",
        "learning_curves.png",
        "rejected_rows.csv",
        "valid_reliability.png",
        "test_out_of_scope_reliability.png",
        "handwritten_out_of_scope_errors.html",
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
    assert contexts["raw_train"] == contexts["raw_out_of_scope"] == {"training"}
    assert contexts["raw_test_out_of_scope"] == {"evaluation"}
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
            "--threshold",
            "0",  # a tiny model: only the out-of-scope intent may reject
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
    assert predictions[0]["out_of_scope"] is False


def test_the_run_trains_on_out_of_scope_rows_and_saves_the_calibration(tiny_project):
    model = tiny_project / "data/06_models/tagger"
    intents = json.loads((model / "vocab_intents.json").read_text())["idx_to_token"]
    assert "out_of_scope" in intents
    calibration = json.loads((model / "config.json").read_text())["calibration"]
    assert calibration["out_of_scope_intent"] == "out_of_scope"
    assert calibration["temperature"] > 0 and 0.0 <= calibration["threshold"] <= 1.0
    assert calibration["fitted"]["nll_after"] <= calibration["fitted"]["nll_before"] + 1e-9
    data_report = json.loads((tiny_project / "data/08_reporting/data_report.json").read_text())
    drawn = sum(data_report["splits"][split]["out_of_scope_rows"] for split in ("train", "valid"))
    assert drawn == round(0.3 * 71)  # conf/test: out_of_scope_share 0.3 of 71 rows
    run = mlflow_runs(tiny_project).iloc[0]
    assert run["metrics.training.calibration.temperature"] == pytest.approx(
        calibration["temperature"]
    )
    report = json.loads((tiny_project / "data/08_reporting/metrics.json").read_text())
    assert run["metrics.test_out_of_scope.out_of_scope_recall"] == pytest.approx(
        report["test_out_of_scope"]["out_of_scope_recall"]
    )
    artifacts = {a.path for a in mlflow.MlflowClient().list_artifacts(run["run_id"])}
    assert {"valid_reliability.png", "handwritten_out_of_scope_reliability.png"} <= artifacts


def test_a_training_file_with_no_valid_row_stops_with_one_clear_line(tmp_path):
    project = copy_project(tmp_path)
    (project / "tests/fixtures/tiny_trainset.txt").write_text(
        "age\tCC\t가나다\n" * 3 + "NaN\n", encoding="utf-8"
    )
    result = run_kedro(
        project,
        "run",
        "--env",
        "test",
        "--pipelines=data_processing",
        env={"MLFLOW_TRACKING_URI": f"sqlite:///{project / 'mlflow.db'}"},
    )
    assert result.returncode == 1
    said = " ".join(result.stderr.split())  # rich may wrap long lines
    assert "Traceback" not in result.stderr + result.stdout
    assert "tiny_trainset.txt: no training row left: none of its 4 row(s) is valid" in said
    assert "2 tag letters for a sentence of 3 characters (3 rows, first at line 1)" in said


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
