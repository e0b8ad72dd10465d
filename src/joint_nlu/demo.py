"""`joint-nlu demo`: a one-page web demo of a model, served on loopback by the standard library.

Lives here: the page (type a sentence, see the intent, the top intents and the highlighted
span), the JSON endpoint it calls (`POST /predict {"sentences": [...]}`), the request checks and
the server's start and clean stop. The model is any object with `predict(sentences, top_k=...)`
returning the dicts of `Tagger.predict`, so tests can pass a stub. Must not live here: loading a
model (the command line does it), Kedro, MXNet, pandas: every `joint-nlu` command imports this
module to build its parser, so it stays on the standard library.

The demo has no authentication: it listens on loopback addresses only, and answers only requests
that name a loopback host (so a web page elsewhere cannot reach it by DNS rebinding).
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import json
import logging
import signal
import socket
import sys
from collections.abc import Callable, Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

logger = logging.getLogger(__name__)

# system fonts only (this page and the error page): Korean ones per platform, then the generic one
FONT_STACK = (
    'system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Malgun Gothic", '
    '"Noto Sans KR", "Noto Sans CJK KR", "NanumGothic", "Nanum Gothic", sans-serif'
)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_MAX_BODY_BYTES = 64 * 1024
DEFAULT_MAX_SENTENCES = 100
DEFAULT_TOP_K = 3
MAX_TOP_K = 50
DEFAULT_REQUEST_TIMEOUT_S = 10.0
LOOPBACK_NAMES = ("localhost",)
# how much of a too large body is read before refusing it (not a limit on what is accepted)
_DRAIN_LIMIT_BYTES = 1024 * 1024


class Predictor(Protocol):
    """What the demo needs of a model: `Tagger.predict`."""

    def predict(self, sentences: Sequence[str], top_k: int = 3) -> list[dict]: ...


class BadRequest(ValueError):
    """A request the demo refuses (answered 400 with its message)."""


def check_loopback(host: str) -> str:
    """Return `host` if it is a loopback address (127.0.0.0/8, ::1) or `localhost`; else raise
    ValueError: the demo has no authentication and must not be reachable from the network."""
    name = host.strip("[]")
    if name.lower() in LOOPBACK_NAMES:
        return host
    try:
        if ipaddress.ip_address(name).is_loopback:
            return host
    except ValueError:
        pass
    raise ValueError(
        f"refusing to serve the demo on {host!r}: it has no authentication, so it listens on "
        "loopback only (--host 127.0.0.1, ::1 or localhost); to show it to others, put a "
        "server with authentication in front of it"
    )


def parse_request(body: bytes, max_sentences: int = DEFAULT_MAX_SENTENCES) -> tuple[list[str], int]:
    """Return the sentences and top_k of a /predict body, or raise BadRequest saying why.

    The body is a JSON object: `sentences` (a list of strings, at most `max_sentences`, default
    100) and an optional `top_k` (an integer from 1 to 50, default 3).
    """
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BadRequest(f"the body is not UTF-8 JSON ({error})") from None
    if not isinstance(data, dict) or "sentences" not in data:
        raise BadRequest('send a JSON object {"sentences": ["문장", ...]}')
    sentences = data["sentences"]
    if not isinstance(sentences, list):
        raise BadRequest(f'"sentences" must be a list of strings, got {type(sentences).__name__}')
    if len(sentences) > max_sentences:
        raise BadRequest(f"{len(sentences)} sentences: at most {max_sentences} per request")
    for row, sentence in enumerate(sentences):
        if not isinstance(sentence, str):
            raise BadRequest(
                f"sentence {row} is {type(sentence).__name__} ({sentence!r:.40}), not a string"
            )
    top_k = data.get("top_k", DEFAULT_TOP_K)
    if isinstance(top_k, bool) or not isinstance(top_k, int) or not 1 <= top_k <= MAX_TOP_K:
        raise BadRequest(f'"top_k" must be an integer from 1 to {MAX_TOP_K}, got {top_k!r:.40}')
    return sentences, top_k


class DemoServer(ThreadingHTTPServer):
    """A threading HTTP server holding the model and the request limits."""

    daemon_threads = True  # a slow client never delays the stop

    def __init__(
        self,
        predictor: Predictor,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        max_sentences: int = DEFAULT_MAX_SENTENCES,
        request_timeout_s: float = DEFAULT_REQUEST_TIMEOUT_S,
    ) -> None:
        check_loopback(host)
        bind = host.strip("[]")
        if ":" in bind:
            self.address_family = socket.AF_INET6
        self.predictor = predictor
        self.max_body_bytes = max_body_bytes
        self.max_sentences = max_sentences
        self.request_timeout_s = request_timeout_s
        super().__init__((bind, port), DemoHandler)

    @property
    def url(self) -> str:
        """Return the page's URL (with the port actually bound, when 0 was asked)."""
        host, port = self.server_address[:2]
        return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


class DemoHandler(BaseHTTPRequestHandler):
    """GET / (the page), POST /predict (JSON); every refusal has a JSON `error` message."""

    server: DemoServer
    protocol_version = "HTTP/1.1"
    server_version = "joint-nlu-demo"

    def setup(self) -> None:
        self.timeout = self.server.request_timeout_s  # a silent client cannot hold a thread
        super().setup()

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        if not self._host_allowed():
            return
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._send(HTTPStatus.OK, PAGE.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/predict":
            self._error(HTTPStatus.METHOD_NOT_ALLOWED, 'POST {"sentences": [...]} to /predict')
        else:
            self._error(HTTPStatus.NOT_FOUND, f"no page {path}: try / or POST /predict")

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_allowed():
            return
        if self.path.split("?", 1)[0] != "/predict":
            self._error(HTTPStatus.NOT_FOUND, "POST to /predict")
            return
        try:
            body = self._read_body()
            sentences, top_k = parse_request(body, self.server.max_sentences)
        except BadRequest as error:
            self._error(HTTPStatus.BAD_REQUEST, str(error))
            return
        try:
            predictions = self.server.predictor.predict(sentences, top_k=top_k)
        except ValueError as error:  # refused by the model's input limits, before any work
            self._error(HTTPStatus.BAD_REQUEST, str(error))
            return
        except Exception:  # the model failed: say so, keep serving
            logger.exception("prediction failed")
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "the model failed on this request")
            return
        payload = json.dumps({"predictions": predictions}, ensure_ascii=False, default=_plain)
        self._send(HTTPStatus.OK, payload.encode("utf-8"), "application/json; charset=utf-8")

    def _read_body(self) -> bytes:
        """Return the request body; refuse a missing, too large or non-JSON one."""
        length = self.headers.get("Content-Length", "")
        if not length.isdigit():
            self.close_connection = True
            raise BadRequest("a Content-Length header is required")
        size = int(length)
        if size > self.server.max_body_bytes:
            # read (and drop) a bounded amount, so the client gets this answer rather than a
            # reset connection; the connection is closed after it either way
            self.close_connection = True
            self.rfile.read(min(size, _DRAIN_LIMIT_BYTES))
            raise BadRequest(f"the body has {size} bytes: at most {self.server.max_body_bytes}")
        body = self.rfile.read(size)
        content_type = self.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if content_type != "application/json":
            raise BadRequest("send the body as Content-Type: application/json")
        return body

    def _host_allowed(self) -> bool:
        """Answer 400 and return False unless the Host header names a loopback host."""
        host = self.headers.get("Host", "")
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 or "]" in host else host
        try:
            check_loopback(name)
        except ValueError:
            self.close_connection = True
            self._error(HTTPStatus.BAD_REQUEST, f"unexpected Host {host!r}: use 127.0.0.1")
            return False
        return True

    def _error(self, status: HTTPStatus, message: str) -> None:
        body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
        self._send(status, body, "application/json; charset=utf-8")

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        logger.info("%s %s", self.address_string(), format % args)


def serve(
    predictor: Predictor,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    max_sentences: int = DEFAULT_MAX_SENTENCES,
    ready: Callable[[DemoServer], None] | None = None,
) -> int:
    """Serve the demo until SIGINT (Ctrl-C) or SIGTERM; close the port and return 0.

    `port` 0 picks a free port; `ready(server)` is called once it listens (default: print the
    URL to stderr). Run it in the main thread: it installs the two signal handlers.
    """
    server = DemoServer(predictor, host, port, max_body_bytes, max_sentences)
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt  # leaves serve_forever in this (the main) thread

    try:
        for sig in previous:
            signal.signal(sig, stop)
        (ready or _announce)(server)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("joint-nlu demo: stopped", file=sys.stderr, flush=True)
    return 0


def _announce(server: DemoServer) -> None:
    print(f"joint-nlu demo: serving on {server.url} (Ctrl-C to stop)", file=sys.stderr, flush=True)


def _plain(value: Any) -> Any:
    """Return numpy scalars and arrays as plain Python values for JSON."""
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


_SCRIPT = """
(function () {
  var form = document.getElementById("ask");
  var input = document.getElementById("sentences");
  var results = document.getElementById("results");
  var status = document.getElementById("status");
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function highlighted(sentence, spans) {
    var box = el("div", "sentence"), at = 0;
    spans.slice().sort(function (a, b) { return a.start - b.start; }).forEach(function (span) {
      if (span.start > at) box.appendChild(document.createTextNode(sentence.slice(at, span.start)));
      var mark = el("mark", "span", sentence.slice(Math.max(at, span.start), span.end));
      mark.title = "entity " + (span.type || "") + " [" + span.start + ", " + span.end + ")";
      box.appendChild(mark);
      at = Math.max(at, span.end);
    });
    box.appendChild(document.createTextNode(sentence.slice(at)));
    return box;
  }
  function percent(p) { return (100 * Number(p)).toFixed(1) + "%"; }
  function show(prediction) {
    var item = el("article", "prediction");
    var spans = prediction.spans || [];
    item.appendChild(highlighted(prediction.sentence, spans));
    var intent = el("p", "intent");
    intent.appendChild(el("b", "name", prediction.intent === null ? "(out of scope)"
      : prediction.intent));
    intent.appendChild(document.createTextNode(" " + percent(prediction.intent_probability)));
    if (prediction.truncated) intent.appendChild(el("span", "note", " (sentence cut)"));
    item.appendChild(intent);
    var table = el("table", "top");
    (prediction.top_intents || []).forEach(function (top) {
      var row = el("tr"), bar = el("td"), meter = el("meter");
      meter.max = 1; meter.value = Number(top.probability);
      bar.appendChild(meter);
      row.appendChild(el("td", "", top.intent));
      row.appendChild(bar);
      row.appendChild(el("td", "number", percent(top.probability)));
      table.appendChild(row);
    });
    item.appendChild(table);
    item.appendChild(el("p", "spans", "spans: " + (spans.length ? spans.map(function (s) {
      return "[" + s.text + "] " + s.start + "-" + s.end;
    }).join(", ") : "(none)")));
    results.appendChild(item);
  }
  function ask() {
    var sentences = input.value.split("\\n").filter(function (s) { return s.trim() !== ""; });
    if (!sentences.length) { status.textContent = "type a sentence first"; return; }
    status.textContent = "…";
    fetch("predict", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({sentences: sentences})
    }).then(function (response) {
      return response.json().then(function (body) { return {ok: response.ok, body: body}; });
    }).then(function (answer) {
      results.textContent = "";
      status.textContent = answer.ok ? "" : answer.body.error;
      if (answer.ok) answer.body.predictions.forEach(show);
      document.body.dataset.answered = answer.ok ? "yes" : "error";
    }).catch(function (error) { status.textContent = String(error); });
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); ask(); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); ask(); }
  });
  var asked = new URLSearchParams(location.hash.slice(1)).get("q");
  if (asked) { input.value = asked; ask(); }
})();
"""

_STYLE = """
body { font-family: FONTS; margin: 2rem auto; max-width: 48rem; padding: 0 1rem;
       color: #1f2328; line-height: 1.45; }
textarea { width: 100%; font: inherit; font-size: 1.15rem; padding: .5rem; box-sizing: border-box; }
button { font: inherit; padding: .3rem 1.2rem; margin-top: .4rem; }
#status { color: #cf222e; margin-left: 1rem; }
.hint { color: #57606a; font-size: .85rem; }
article.prediction { border-bottom: 1px solid #d0d7de; padding: .8rem 0; }
.sentence { font-size: 1.35rem; white-space: pre-wrap; }
mark.span { background: #b7ebc0; border-radius: 3px; padding: 0 1px; }
.intent .name { font-size: 1.1rem; }
table.top td { padding: 0 .6rem 0 0; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
.spans, .note { color: #57606a; font-size: .85rem; }
"""

PAGE = f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>joint-nlu demo</title>
<style>{_STYLE.replace("FONTS", FONT_STACK)}</style>
</head>
<body>
<h1>joint-nlu demo</h1>
<form id="ask">
<textarea id="sentences" rows="3" placeholder="한라산의 높이는?"></textarea>
<div><button type="submit">Predict</button><span id="status"></span></div>
<p class="hint">One sentence a line; Enter predicts, Shift+Enter adds a line.</p>
</form>
<div id="results"></div>
<script>{_SCRIPT}</script>
</body>
</html>
"""

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode()
POLICY = (
    f"default-src 'none'; script-src 'sha256-{_SCRIPT_HASH}'; style-src 'unsafe-inline'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
