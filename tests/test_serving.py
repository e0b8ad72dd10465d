"""The pyfunc model every training run logs: loaded from elsewhere, and served over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import QUIET_ENV

pytestmark = pytest.mark.slow

SENTENCES = ["한라산의 높이는?", "", "BTS 나이 알려줘 😀"]


def logged_model(project: Path) -> tuple[str, dict]:
    """Return the URI of the model the first `kedro run` logged, and the env to reach it."""
    import mlflow

    uri = f"sqlite:///{project / 'mlflow.db'}"
    mlflow.set_tracking_uri(uri)
    runs = mlflow.search_runs(experiment_names=["joint_nlu"], order_by=["start_time ASC"])
    return f"runs:/{runs.iloc[0]['run_id']}/joint_nlu", {**QUIET_ENV, "MLFLOW_TRACKING_URI": uri}


def test_pyfunc_model_predicts_from_outside_the_project(tiny_project, tmp_path):
    from joint_nlu.serving.mxnet_backend import Tagger

    model_uri, env = logged_model(tiny_project)
    code = (
        "import json, mlflow.pyfunc, pandas as pd\n"
        f"model = mlflow.pyfunc.load_model({model_uri!r})\n"
        f"frame = model.predict(pd.DataFrame({{'sentence': {SENTENCES!r}}}))\n"
        "print(json.dumps(frame.to_dict(orient='records'), ensure_ascii=False))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rows = json.loads(result.stdout.strip().splitlines()[-1])
    expected = Tagger.load(tiny_project / "data/06_models/tagger").predict(SENTENCES)
    assert [row["tags"] for row in rows] == [p["tags"] for p in expected]
    assert [row["intent"] for row in rows] == [p["intent"] for p in expected]
    assert not (tmp_path / "data").exists()  # nothing was read from or written to a project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _post(
    port: int, body: bytes | dict, timeout: float = 60, content_type: str = "application/json"
) -> tuple[int, dict]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/invocations",
        data=data,
        headers={"Content-Type": content_type},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture(scope="module")
def server(tiny_project, tmp_path_factory):
    """One served model for every test of this module (starting one takes 10-20 s)."""
    tmp_path = tmp_path_factory.mktemp("serve")
    model_uri, env = logged_model(tiny_project)
    port = _free_port()
    bin_dir = str(Path(sys.executable).parent)
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [os.path.join(bin_dir, "mlflow"), "models", "serve", "-m", model_uri]
        + ["--env-manager", "local", "-h", "127.0.0.1", "-p", str(port)],
        cwd=tmp_path,
        env={**os.environ, **env, "PATH": bin_dir + os.pathsep + os.environ["PATH"]},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "server did not answer /ping in 180 s"
                time.sleep(0.5)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)
        log.close()


def test_mlflow_models_serve_answers_good_and_bad_requests(server):
    status, body = _post(
        server, {"dataframe_split": {"columns": ["sentence"], "data": [[s] for s in SENTENCES]}}
    )
    assert status == 200
    predictions = body["predictions"]
    assert [p["sentence"] for p in predictions] == SENTENCES
    assert [len(p["tags"]) for p in predictions] == [len(s) for s in SENTENCES]
    assert {"intent", "intent_probability", "top_intents", "spans", "truncated"} <= set(
        predictions[0]
    )
    status, body = _post(server, {"dataframe_records": [{"sentence": SENTENCES[0]}]})
    assert status == 200 and body["predictions"][0]["tags"] == predictions[0]["tags"]

    # an empty batch (with the column, or as an empty list of inputs) is an empty answer
    assert _post(server, {"dataframe_split": {"columns": ["sentence"], "data": []}}) == (
        200,
        {"predictions": []},
    )
    assert _post(server, {"inputs": []}) == (200, {"predictions": []})

    bad = {
        "no rows, so no column": {"dataframe_records": []},
        "wrong column": {"dataframe_records": [{"text": "한라산"}]},
        "a number": {"dataframe_records": [{"sentence": 5}]},
        "null": {"dataframe_records": [{"sentence": None}]},
        "a list": {"dataframe_split": {"columns": ["sentence"], "data": [[["a", "b"]]]}},
        "not JSON": b"{not json",
    }
    expected_words = {
        "no rows, so no column": "sentence",
        "wrong column": "missing inputs ['sentence']",
        "a number": "sentence 0 is int",
        "null": "sentence 0 is NoneType",
        "a list": "sentence 0 is list",
        "not JSON": "JSON",
    }
    for case, request in bad.items():
        status, body = _post(server, request)
        assert 400 <= status < 500, (case, status, body)
        assert expected_words[case] in body["message"], (case, body["message"])


def test_served_model_takes_concurrent_load_without_errors(server):
    # the load generator of benchmarks/serving_load.py --mixed (2,000 requests there), smaller
    import importlib.util

    from tests.helpers import PROJECT_ROOT

    spec = importlib.util.spec_from_file_location(
        "serving_load", PROJECT_ROOT / "benchmarks" / "serving_load.py"
    )
    serving_load = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serving_load)
    sentences = [*SENTENCES, "한라산 높이가 얼마야?", "푸조 508 길이 알려줘"]
    # --mixed: a 17th client sends over-long sentences all along; each is refused (400)
    mixed = serving_load.run_mixed(
        server, sentences, "한라산 높이 " * 20_000, requests=200, clients=16, deadline_s=120
    )
    result, refused = mixed["valid"], mixed["over_long"]
    assert result["completed"] == 200
    assert result["errors"] == 0, result["error_examples"]
    assert result["latency_ms"]["p50"] <= result["latency_ms"]["p99"]
    assert refused["sent"] > 0 and refused["errors"] == 0, refused["error_examples"]


def _timed_post(port: int, body: dict) -> tuple[int, dict, float]:
    started = time.perf_counter()
    status, answer = _post(port, body)
    return status, answer, time.perf_counter() - started


def test_requests_over_the_input_limits_get_400_fast_then_valid_ones_are_served(server):
    """The limits of conf/base (recorded with the model by training) hold on the server:
    a request over one is refused before any model work, and the next one is served."""
    from tests.helpers import base_parameters

    limits = base_parameters("inference")["inference"]
    longest, most = limits["max_sentence_chars"], limits["max_batch_sentences"]
    sentence_of = limits["max_batch_chars"] // longest + 1  # the first sentence over the budget
    refused = {
        # 1,000,000 characters would keep a model busy for about a minute; 2,001 is one too many
        "one sentence of 1,000,000 characters": (
            [["a" * 1_000_000]],
            ["sentence 0 has 1,000,000 characters", f"limit of {longest:,}"],
            "inference.max_sentence_chars",
        ),
        "one character too many": (
            [["한" * (longest + 1)]],
            [f"sentence 0 has {longest + 1:,} characters"],
            "inference.max_sentence_chars",
        ),
        "one sentence too many": (
            [["한라산 높이"]] * (most + 1),
            [f"{most + 1:,} sentences in one call", f"limit of {most:,}"],
            "inference.max_batch_sentences",
        ),
        "too many characters in all": (
            [["a" * longest]] * sentence_of,
            [f"sentence {sentence_of - 1} brings the call to", f"{limits['max_batch_chars']:,}"],
            "inference.max_batch_chars",
        ),
    }
    for case, (rows, words, parameter) in refused.items():
        body = {"dataframe_split": {"columns": ["sentence"], "data": rows}}
        status, answer, seconds = _timed_post(server, body)
        assert status == 400, (case, status, answer)
        assert answer["error_code"] == "INVALID_PARAMETER_VALUE"
        for word in [*words, parameter]:
            assert word in answer["message"], (case, word, answer["message"][-400:])
        assert seconds < 1.0, (case, seconds)
    status, answer, seconds = _timed_post(
        server, {"dataframe_split": {"columns": ["sentence"], "data": [["a" * longest]]}}
    )
    assert status == 200 and len(answer["predictions"][0]["tags"]) == longest
    status, answer = _post(server, {"inputs": SENTENCES})
    assert status == 200 and [p["sentence"] for p in answer["predictions"]] == SENTENCES


# What each MLflow input format does with a value that is not a string (docs/SERVING.md): the
# DataFrame formats hand it to the model's check as is (400); `inputs` and `instances` turn any
# value but a list into its text before the model sees it (MLflow casts to the signature's
# string column); CSV has no types (12 is the text "12") but reads an empty field or NA as
# missing.
NON_STRING_CASES = {
    "dataframe_split, a number": (
        {"dataframe_split": {"columns": ["sentence"], "data": [["한라산"], [12]]}},
        "application/json",
        "sentence 1 is int (12), not a string",
    ),
    "dataframe_split, true": (
        {"dataframe_split": {"columns": ["sentence"], "data": [[True]]}},
        "application/json",
        "sentence 0 is bool (True), not a string",
    ),
    "dataframe_records, null": (
        {"dataframe_records": [{"sentence": None}]},
        "application/json",
        "sentence 0 is NoneType (None), not a string (a missing value)",
    ),
    "dataframe_records, an object": (
        {"dataframe_records": [{"sentence": {"text": "한라산"}}]},
        "application/json",
        "sentence 0 is dict",
    ),
    "inputs, a number": ({"inputs": {"sentence": [12]}}, "application/json", ["12"]),
    "inputs, a list of numbers": ({"inputs": [12, 3.5]}, "application/json", ["12", "3.5"]),
    "inputs, null": ({"inputs": {"sentence": [None]}}, "application/json", ["None"]),
    "inputs, a nested list": (
        {"inputs": {"sentence": [["한라산", "높이"]]}},
        "application/json",
        "sentence 0 is list",
    ),
    "inputs, an object": (
        {"inputs": {"sentence": [{"a": 1}]}},
        "application/json",
        ["{'a': 1}"],
    ),
    "instances, a number": ({"instances": [{"sentence": 12}]}, "application/json", ["12"]),
    "instances, a list": (
        {"instances": [{"sentence": ["한라산", "높이"]}]},
        "application/json",
        "sentence 0 is list",
    ),
    "instances, true": ({"instances": [{"sentence": True}]}, "application/json", ["True"]),
    "CSV, digits": (b"sentence\n12\n", "text/csv", ["12"]),
    "CSV, an empty field": (
        b'sentence\n""\n',
        "text/csv",
        "sentence 0 is float (nan), not a string (a missing value)",
    ),
    "CSV, NA": (b"sentence\nNA\n", "text/csv", "(a missing value)"),
}


@pytest.mark.parametrize("case", list(NON_STRING_CASES))
def test_each_input_format_with_a_value_that_is_not_a_string(server, case):
    body, content_type, expected = NON_STRING_CASES[case]
    status, answer = _post(server, body, content_type=content_type)
    if isinstance(expected, str):  # refused with the row and the reason
        assert status == 400, (case, status, answer)
        assert expected in answer["message"], (case, answer["message"])
    else:  # read as the text MLflow made of it
        assert status == 200, (case, status, answer)
        assert [p["sentence"] for p in answer["predictions"]] == expected
