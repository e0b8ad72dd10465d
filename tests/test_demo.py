"""`joint-nlu demo`: request checks on a stub model, then real processes stopped by signals."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from joint_nlu import command_line
from joint_nlu.demo import PAGE, POLICY, DemoServer, check_loopback
from joint_nlu.text import spans_from_tags
from tests.helpers import BROWSER_TIMEOUT_S, CHROMIUM_FLAGS, chromium_path, run_bounded

HOST = "127.0.0.1"
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 15
JSON = "application/json"


class StubTagger:
    """`Tagger.predict` in shape: the first two characters are the entity; counts its calls."""

    intents = ("height", "age", "area")

    def __init__(self, fail: bool = False) -> None:
        self.calls: list[tuple[list[str], int]] = []
        self.fail = fail

    def predict(self, sentences: list[str], top_k: int = 3) -> list[dict]:
        self.calls.append((list(sentences), top_k))
        if self.fail:
            raise RuntimeError("broken model")
        results = []
        for sentence in sentences:
            tags = ("EE" + "C" * len(sentence))[: len(sentence)]
            top = [{"intent": i, "probability": p} for i, p in zip(self.intents, (0.7, 0.2, 0.1))]
            results.append(
                {
                    "sentence": sentence,
                    "intent": "height",
                    "intent_probability": 0.7,
                    "top_intents": top[:top_k],
                    "tags": tags,
                    "spans": spans_from_tags(sentence, tags),
                    "truncated": False,
                }
            )
        return results


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict | None = None,
) -> tuple[int, dict, bytes]:
    """Return (status, headers, body) of one request to the loopback port."""
    connection = http.client.HTTPConnection(HOST, port, timeout=20)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def post(port: int, data, content_type: str = JSON) -> tuple[int, dict]:
    """POST /predict with a JSON (or raw bytes) body; return the status and the JSON answer."""
    body = data if isinstance(data, bytes) else json.dumps(data).encode("utf-8")
    status, _, answer = request(port, "POST", "/predict", body, {"Content-Type": content_type})
    return status, json.loads(answer)


@pytest.fixture(scope="module")
def shared_server() -> Iterator[tuple[DemoServer, StubTagger]]:
    """A demo server with small limits on a stub model, in a thread of this process."""
    tagger = StubTagger()
    server = DemoServer(tagger, HOST, 0, max_body_bytes=2000, max_sentences=5)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server, tagger
    finally:
        server.shutdown()
        server.server_close()
        thread.join(STOP_TIMEOUT_S)


@pytest.fixture
def stub_server(shared_server) -> tuple[DemoServer, StubTagger]:
    """The shared stub server, its model's call list emptied."""
    shared_server[1].calls.clear()
    return shared_server


# ---- loopback only ----------------------------------------------------------------------------
@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_hosts_are_accepted(host: str) -> None:
    assert check_loopback(host) == host


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.0.10", "10.0.0.1", "example.com", ""])
def test_other_hosts_are_refused_with_the_fix(host: str) -> None:
    with pytest.raises(ValueError, match="loopback only.*--host 127.0.0.1"):
        check_loopback(host)
    with pytest.raises(ValueError, match="refusing"):
        DemoServer(StubTagger(), host, 0)


def test_the_command_refuses_a_public_host_before_loading_a_model(capsys, tmp_path) -> None:
    code = command_line.main(["demo", "--host", "0.0.0.0", "--model", str(tmp_path / "none")])
    assert code == 1
    assert "refusing to serve the demo on '0.0.0.0'" in capsys.readouterr().err


# ---- the page and the endpoint ----------------------------------------------------------------
def test_the_page_is_served_with_a_policy_that_lets_only_its_script_run(stub_server) -> None:
    server, _ = stub_server
    status, headers, body = request(server.server_address[1], "GET", "/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Security-Policy"] == POLICY
    assert "connect-src 'self'" in POLICY and "default-src 'none'" in POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    page = body.decode("utf-8")
    assert page == PAGE and '<textarea id="sentences"' in page and 'fetch("predict"' in page
    assert "innerHTML" not in page  # answers are written as text nodes only


def test_predict_returns_the_models_predictions(stub_server) -> None:
    server, tagger = stub_server
    status, answer = post(server.server_address[1], {"sentences": ["한라산의 높이는?", "BTS"]})
    assert status == 200
    assert answer == {"predictions": tagger.predict(["한라산의 높이는?", "BTS"])}
    assert answer["predictions"][0]["spans"][0]["text"] == "한라"
    status, answer = post(server.server_address[1], {"sentences": ["가나다"], "top_k": 2})
    assert status == 200 and len(answer["predictions"][0]["top_intents"]) == 2
    assert tagger.calls[-1] == (["가나다"], 2)


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b"{not json", JSON, "not UTF-8 JSON"),
        (b"\xff\xfe", JSON, "not UTF-8 JSON"),
        (["a"], JSON, 'JSON object {"sentences"'),
        ({"sentence": ["a"]}, JSON, 'JSON object {"sentences"'),
        ({"sentences": "a"}, JSON, "must be a list of strings, got str"),
        ({"sentences": ["a", 3]}, JSON, "sentence 1 is int"),
        ({"sentences": ["a", None]}, JSON, "sentence 1 is NoneType"),
        ({"sentences": ["a"] * 6}, JSON, "6 sentences: at most 5"),
        ({"sentences": ["a"], "top_k": 0}, JSON, "top_k"),
        ({"sentences": ["a"], "top_k": "3"}, JSON, "top_k"),
        ({"sentences": ["a"], "top_k": True}, JSON, "top_k"),
        ({"sentences": ["a"]}, "text/plain", "Content-Type: application/json"),
        ({"sentences": ["a" * 3000]}, JSON, "at most 2000"),
    ],
)
def test_bad_requests_get_400_with_a_message_before_any_model_work(
    stub_server, body, content_type: str, message: str
) -> None:
    server, tagger = stub_server
    status, answer = post(server.server_address[1], body, content_type)
    assert status == 400
    assert message in answer["error"]
    assert tagger.calls == []
    # the server still answers
    assert post(server.server_address[1], {"sentences": ["가"]})[0] == 200


def test_a_body_without_length_is_refused(stub_server) -> None:
    server, tagger = stub_server
    connection = http.client.HTTPConnection(HOST, server.server_address[1], timeout=20)
    connection.putrequest("POST", "/predict")
    connection.putheader("Content-Type", JSON)
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 400
    assert "Content-Length" in json.loads(response.read())["error"]
    connection.close()
    assert tagger.calls == []


def test_a_request_for_another_host_name_is_refused(stub_server) -> None:
    # DNS rebinding: a page on evil.example whose name now points at 127.0.0.1
    server, _ = stub_server
    status, _, body = request(
        server.server_address[1], "GET", "/", headers={"Host": "evil.example"}
    )
    assert status == 400 and "unexpected Host" in json.loads(body)["error"]
    status, _, _ = request(
        server.server_address[1],
        "GET",
        "/",
        headers={"Host": f"localhost:{server.server_address[1]}"},
    )
    assert status == 200


def test_unknown_paths_and_methods(stub_server) -> None:
    port = stub_server[0].server_address[1]
    assert request(port, "GET", "/nothing")[0] == 404
    assert request(port, "GET", "/predict")[0] == 405
    assert request(port, "POST", "/", b"{}", {"Content-Type": JSON})[0] == 404


def test_a_failing_model_gets_500_and_the_server_keeps_serving() -> None:
    server = DemoServer(StubTagger(fail=True), HOST, 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        status, answer = post(server.server_address[1], {"sentences": ["가"]})
        assert status == 500 and answer == {"error": "the model failed on this request"}
        assert request(server.server_address[1], "GET", "/")[0] == 200
    finally:
        server.shutdown()
        server.server_close()


# ---- real processes ---------------------------------------------------------------------------
def start(command: list[str], log: Path) -> tuple[subprocess.Popen, int]:
    """Start a demo process in its own session; return it and its port once it serves."""
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8")
        if "serving on http://" in text:
            port = int(text.split("serving on http://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
            return process, port
        if process.poll() is not None:
            break
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    pytest.fail(f"the demo did not start:\n{log.read_text(encoding='utf-8')[-3000:]}")


def stop(process: subprocess.Popen, port: int, sig: signal.Signals) -> int:
    """Send `sig` to the process group; return the exit status once it ended and freed the port."""
    os.killpg(process.pid, sig)
    try:
        code = process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        pytest.fail(f"the demo ignored {sig.name}")
    with socket.socket() as probe:
        assert probe.connect_ex((HOST, port)) != 0, f"port {port} still answers"
    with pytest.raises(ProcessLookupError):  # nothing of its group is left
        os.killpg(process.pid, 0)
    return code


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    from tests.inference_models import train_tiny

    return train_tiny("bilstm", tmp_path_factory.mktemp("demo") / "tagger")


def test_demo_serves_a_real_model_and_stops_on_sigint(tiny_model: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "joint_nlu", "demo", "--model", str(tiny_model)]
    process, port = start([*command, "--port", "0"], tmp_path / "demo.log")
    try:
        status, _, page = request(port, "GET", "/")
        assert status == 200 and b"joint-nlu demo" in page
        sentences = ["한라산의 높이는?", "BTS 나이 알려줘"]
        status, answer = post(port, {"sentences": sentences, "top_k": 3})
        assert status == 200
        predictions = answer["predictions"]
        assert [p["sentence"] for p in predictions] == sentences
        for prediction in predictions:
            assert prediction["intent"] in {"height", "age", "area"}
            top = prediction["top_intents"]
            assert [t["intent"] for t in top][0] == prediction["intent"] and len(top) == 3
            assert top[0]["probability"] == prediction["intent_probability"]
            assert len(prediction["tags"]) == len(prediction["sentence"])
            for span in prediction["spans"]:
                assert prediction["sentence"][span["start"] : span["end"]] == span["text"]
        assert post(port, {"sentences": [1]})[0] == 400
    finally:
        code = stop(process, port, signal.SIGINT)
    assert code == 0, (tmp_path / "demo.log").read_text(encoding="utf-8")
    assert "stopped" in (tmp_path / "demo.log").read_text(encoding="utf-8")


# a demo process without MXNet: a model that finds no entity
STUB_PROCESS = """
from joint_nlu.demo import serve

class Model:
    def predict(self, sentences, top_k=3):
        return [{"sentence": s, "intent": "age", "intent_probability": 1.0,
                 "top_intents": [{"intent": "age", "probability": 1.0}],
                 "tags": "C" * len(s), "spans": [], "truncated": False} for s in sentences]

raise SystemExit(serve(Model(), "127.0.0.1", 0))
"""


def test_demo_stops_on_sigterm_with_exit_status_0(tmp_path: Path) -> None:
    process, port = start([sys.executable, "-c", STUB_PROCESS], tmp_path / "demo.log")
    try:
        assert post(port, {"sentences": ["가나다"]})[0] == 200
    finally:
        assert stop(process, port, signal.SIGTERM) == 0


# ---- the page in a browser --------------------------------------------------------------------
@pytest.mark.browser
def test_browser_page_asks_predict_and_shows_the_answer(stub_server) -> None:
    """Chromium opens the page with a sentence in its fragment; the answer is drawn as text."""
    server, tagger = stub_server
    hostile = "<img src=x onerror=alert(1)>의 높이는?"
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        result = run_bounded(
            [
                chromium_path(),
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "--dump-dom",
                f"{server.url}#q={quote(hostile)}",
            ],
            BROWSER_TIMEOUT_S,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    dom = result.stdout
    assert tagger.calls == [([hostile], 3)]
    assert 'data-answered="yes"' in dom, dom[-2000:]
    assert '<article class="prediction">' in dom and "<meter" in dom
    # the entity (first two characters) is marked, the rest is text: no element was injected
    assert '<mark class="span" title="entity E [0, 2)">&lt;i</mark>' in dom
    assert "&lt;i</mark>mg src=x onerror=alert(1)&gt;의 높이는?</div>" in dom
    assert "<img" not in dom
