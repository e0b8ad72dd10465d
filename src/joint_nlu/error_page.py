"""One self-contained HTML page of a model's mistakes on a dataset (no Kedro, no MXNet).

Lives here: `error_page`, which renders `predict_rows` output as a page that needs no server and
nothing from the network (inline CSS, a few lines of inline JavaScript, no fonts or images), so it
opens from disk or inside MLflow's artifact view. Must not live here: deciding what kind a
mistake is (`error_analysis`), file I/O.

Every piece of data (sentences, intents, file names) is escaped, and a Content-Security-Policy
lets only the page's own script run and nothing load, should anything slip through. The filters
read and write the URL fragment: `page.html#intent=age&kind=too_short` opens pre-filtered.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import json
import math
from collections.abc import Iterable
from html import escape
from urllib.parse import quote

import pandas as pd

from joint_nlu.demo import FONT_STACK
from joint_nlu.error_analysis import ERROR_KINDS, KIND_DESCRIPTIONS, error_table
from joint_nlu.text import spans_from_tags

DEFAULT_MAX_PER_KIND = 200

_STYLE = """
body { font-family: FONTS; margin: 1.5rem auto; max-width: 70rem; padding: 0 1rem;
       color: #1f2328; background: #fff; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .25rem; border-bottom: 1px solid #d0d7de; }
.lead { color: #57606a; margin-top: 0; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #d0d7de; padding: .2rem .55rem; text-align: right; }
th:first-child, td:first-child, .text { text-align: left; }
tr.zero, td.zero { color: #8c959f; }
th.kind { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left;
          font-weight: 500; padding: .4rem .2rem; }
.wide { overflow-x: auto; }
thead th { background: #f6f8fa; }
.filters { position: sticky; top: 0; background: #fff; padding: .5rem 0;
           border-bottom: 1px solid #d0d7de; z-index: 1; }
.filters label { margin-right: 1rem; }
.legend { margin-left: 1rem; }
article.error { border-bottom: 1px solid #eaeef2; padding: .45rem 0; }
.sentence { font-size: 1.2rem; white-space: pre-wrap; word-break: keep-all; }
/* gold: green background; predicted: orange underline; both at once where they overlap */
.gold { background: #b7ebc0; border-radius: 2px; }
.pred { box-shadow: inset 0 -4px 0 #f0883e; }
.meta { color: #57606a; font-size: .85rem; }
.meta .wrong { color: #cf222e; font-weight: 600; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 1rem; font-size: .75rem;
         background: #ffebe9; color: #cf222e; margin-left: .3rem; }
.left-out { color: #57606a; font-style: italic; }
"""

# the only script the page's Content-Security-Policy lets run (by its hash)
_SCRIPT = """
(function () {
  var intentSelect = document.getElementById("intent-filter");
  var kindSelect = document.getElementById("kind-filter");
  var status = document.getElementById("filter-status");
  function choose(select, value) {
    var known = Array.prototype.some.call(select.options, function (o) {
      return o.value === value;
    });
    select.value = known ? value : "";
  }
  function apply() {
    var intent = intentSelect.value, kind = kindSelect.value, shown = 0, listed = 0;
    document.querySelectorAll("article.error").forEach(function (item) {
      var visible = (!intent || item.dataset.intent === intent) &&
        (!kind || item.dataset.kind === kind);
      item.hidden = !visible;
      listed += 1;
      shown += visible ? 1 : 0;
    });
    document.querySelectorAll("section.kind").forEach(function (section) {
      section.hidden = (kind && section.dataset.kind !== kind) ||
        !section.querySelector("article.error:not([hidden])");
    });
    status.textContent = "showing " + shown + " of " + listed + " listed sentences";
  }
  function fromFragment() {
    var params = new URLSearchParams(location.hash.slice(1));
    choose(intentSelect, params.get("intent") || "");
    choose(kindSelect, params.get("kind") || "");
    apply();
  }
  function toFragment() {
    var params = new URLSearchParams();
    if (intentSelect.value) params.set("intent", intentSelect.value);
    if (kindSelect.value) params.set("kind", kindSelect.value);
    try { location.hash = params.toString(); } catch (e) { /* a sandboxed frame */ }
    apply();
  }
  intentSelect.addEventListener("change", toFragment);
  kindSelect.addEventListener("change", toFragment);
  window.addEventListener("hashchange", fromFragment);
  fromFragment();
})();
"""


def error_page(
    predictions: pd.DataFrame,
    dataset_name: str,
    outside_tag: str = "C",
    max_per_kind: int = DEFAULT_MAX_PER_KIND,
) -> str:
    """Return a self-contained HTML page of the wrong predictions of `predict_rows` output.

    Sentences are grouped by error kind with gold and predicted spans highlighted; at most
    `max_per_kind` (default 200) are listed per kind, and the page says how many were left out.
    Optional columns `top_intents` and `morph_boundary` are shown / used when present.
    """
    if max_per_kind < 0:
        raise ValueError(f"max_per_kind must be 0 or more, got {max_per_kind}")
    errors = error_table(predictions, outside_tag)
    total, wrong = len(predictions), len(errors)
    title = f"Errors on {dataset_name}: {wrong} of {total} sentences wrong"
    script_hash = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode()
    policy = (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{script_hash}'; "
        "base-uri 'none'; form-action 'none'"
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ko">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE.replace('FONTS', FONT_STACK)}</style>",
        "</head>",
        "<body>",
        f'<h1>Errors on <span id="dataset">{escape(str(dataset_name))}</span></h1>',
        f'<p class="lead" id="totals">{_totals(errors, total)}</p>',
        *_kind_table(errors),
        *_intent_table(predictions, errors),
        *_filters(predictions, errors),
        *_kind_sections(errors, outside_tag, max_per_kind),
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _totals(errors: pd.DataFrame, total: int) -> str:
    wrong = len(errors)
    return (
        f"{total} sentences, {wrong} wrong ({_share(wrong, total)}): "
        f"{int(errors['entity_wrong'].sum())} with wrong entity tags, "
        f"{int(errors['intent_wrong'].sum())} with a wrong intent."
    )


def _kind_table(errors: pd.DataFrame) -> list[str]:
    counts = errors["error_kind"].value_counts()
    also = errors[errors["intent_wrong"]]["error_kind"].value_counts()
    rows = [
        "<h2>Kinds of mistakes</h2>",
        '<table id="kinds"><thead><tr><th>kind</th><th class="text">what it means</th>'
        "<th>sentences</th><th>share of wrong</th><th>intent also wrong</th></tr></thead><tbody>",
    ]
    for kind in ERROR_KINDS:
        count = int(counts.get(kind, 0))
        also_wrong = "" if kind == "intent" else int(also.get(kind, 0))
        name = f'<a href="#kind={kind}">{kind}</a>' if count else kind
        zero = "" if count else ' class="zero"'
        rows.append(
            f'<tr data-kind="{kind}"{zero}><td>{name}</td><td class="text">'
            f"{escape(KIND_DESCRIPTIONS[kind])}</td><td>{count}</td>"
            f"<td>{_share(count, len(errors))}</td><td>{also_wrong}</td></tr>"
        )
    rows.append("</tbody></table>")
    return rows


def _intent_table(predictions: pd.DataFrame, errors: pd.DataFrame) -> list[str]:
    kinds = [kind for kind in ERROR_KINDS if (errors["error_kind"] == kind).any()]
    header = "".join(f'<th class="kind">{kind}</th>' for kind in kinds)
    rows = [
        "<h2>Per intent (gold)</h2>",
        '<div class="wide"><table id="intents"><thead><tr><th>intent</th><th>sentences</th><th>wrong</th>'
        f"<th>share wrong</th><th>intent wrong</th><th>entity wrong</th>{header}</tr></thead>"
        "<tbody>",
    ]
    sentences = predictions["intent"].astype(str).value_counts()
    for intent in sorted(sentences.index):
        mine = errors[errors["intent"].astype(str) == intent]
        by_kind = mine["error_kind"].value_counts()
        cells = "".join(_count_cell(int(by_kind.get(kind, 0))) for kind in kinds)
        label = escape(intent)
        name = (
            f'<a href="#intent={escape(quote(intent, safe=""))}">{label}</a>'
            if len(mine)
            else label
        )
        rows.append(
            f'<tr data-intent="{label}"><td>{name}</td><td>{int(sentences[intent])}</td>'
            f"<td>{len(mine)}</td><td>{_share(len(mine), int(sentences[intent]))}</td>"
            f"<td>{int(mine['intent_wrong'].sum())}</td>"
            f"<td>{int(mine['entity_wrong'].sum())}</td>{cells}</tr>"
        )
    rows.append("</tbody></table></div>")
    return rows


def _filters(predictions: pd.DataFrame, errors: pd.DataFrame) -> list[str]:
    intents = errors["intent"].astype(str).value_counts()
    kinds = errors["error_kind"].value_counts()
    intent_options = "".join(
        f'<option value="{escape(intent)}">{escape(intent)} ({intents[intent]})</option>'
        for intent in sorted(intents.index)
    )
    kind_options = "".join(
        f'<option value="{kind}">{kind} ({kinds[kind]})</option>'
        for kind in ERROR_KINDS
        if kind in kinds
    )
    return [
        '<div class="filters">',
        '<label>intent <select id="intent-filter"><option value="">all</option>'
        f"{intent_options}</select></label>",
        '<label>kind <select id="kind-filter"><option value="">all</option>'
        f"{kind_options}</select></label>",
        '<span id="filter-status"></span>',
        '<span class="legend"><span class="gold">gold span</span> '
        '<span class="pred">predicted span</span> '
        '<span class="gold pred">both</span></span>',
        "</div>",
    ]


def _kind_sections(errors: pd.DataFrame, outside_tag: str, max_per_kind: int) -> list[str]:
    if errors.empty:
        return ['<p id="no-errors">No mistakes: every sentence is right.</p>']
    parts = []
    for kind in ERROR_KINDS:
        rows = errors[errors["error_kind"] == kind]
        if rows.empty:
            continue
        parts.append(f'<section class="kind" id="kind-{kind}" data-kind="{kind}">')
        parts.append(f"<h2>{kind} ({len(rows)}): {escape(KIND_DESCRIPTIONS[kind])}</h2>")
        parts.extend(
            _error_item(row, outside_tag) for row in rows.head(max_per_kind).to_dict("records")
        )
        left_out = len(rows) - min(len(rows), max_per_kind)
        if left_out:
            parts.append(
                f'<p class="left-out">{left_out} more {kind} sentence(s) not listed '
                f"(at most {max_per_kind} per kind).</p>"
            )
        parts.append("</section>")
    return parts


def _error_item(row: dict, outside_tag: str) -> str:
    """Return one wrong sentence: highlighted spans, intents, probabilities and its place."""
    sentence = str(row["sentence"])
    intent, predicted = _text(row["intent"]), _text(row["predicted_intent"])
    intent_class = ' class="wrong"' if row["intent_wrong"] else ""
    badges = ""
    if row["intent_wrong"] and row["error_kind"] != "intent":
        badges += '<span class="badge">intent also wrong</span>'
    if row.get("truncated") is True:
        badges += '<span class="badge">truncated</span>'
    gold_spans = spans_from_tags(sentence, str(row["tags"]), outside_tag)
    predicted_spans = spans_from_tags(sentence, str(row["predicted_tags"]), outside_tag)
    top = _top_intents(row.get("top_intents"))
    return (
        f'<article class="error" data-intent="{escape(intent)}" data-kind="{row["error_kind"]}">'
        f'<div class="sentence">{_highlight(sentence, gold_spans, predicted_spans)}</div>'
        f'<div class="meta">gold {_span_list(gold_spans)} → predicted '
        f"{_span_list(predicted_spans)}{badges}</div>"
        f'<div class="meta">intent <b>{escape(intent)}</b> → predicted '
        f"<b{intent_class}>{escape(predicted)}</b> ({_probability(row.get('intent_probability'))})"
        f'{top} · <span class="place">{escape(_text(row.get("source_file")))}:'
        f"{escape(_text(row.get('line')))}</span></div>"
        "</article>"
    )


def _highlight(sentence: str, gold: list[dict], predicted: list[dict]) -> str:
    """Return the sentence escaped, its runs inside gold and/or predicted spans wrapped."""
    owner = [[None, None] for _ in sentence]
    for side, spans in enumerate((gold, predicted)):
        for index, span in enumerate(spans):
            for position in range(span["start"], min(span["end"], len(sentence))):
                owner[position][side] = (index, span["type"])
    pieces, start = [], 0
    for position in range(1, len(sentence) + 1):
        if position < len(sentence) and owner[position] == owner[start]:
            continue
        text = escape(sentence[start:position])
        gold_part, predicted_part = owner[start]
        classes = [name for name, part in (("gold", gold_part), ("pred", predicted_part)) if part]
        if classes:
            title = " / ".join(
                f"{name} {part[1]}"
                for name, part in (("gold", gold_part), ("predicted", predicted_part))
                if part
            )
            text = f'<span class="{" ".join(classes)}" title="{escape(title)}">{text}</span>'
        pieces.append(text)
        start = position
    return "".join(pieces)


def _span_list(spans: Iterable[dict]) -> str:
    shown = [f"[{escape(span['text'])}]" for span in spans]
    return ", ".join(shown) if shown else "(none)"


def _top_intents(value) -> str:
    """Return ' · top: a 0.62, b 0.30' from a list of {intent, probability} (or its text)."""
    if isinstance(value, str):  # read back from a CSV: JSON, or the list's Python repr
        try:
            value = json.loads(value)
        except ValueError:
            try:
                value = ast.literal_eval(value)  # literals only: never runs code
            except (ValueError, SyntaxError):
                return ""
    if not isinstance(value, (list, tuple)) or not value:
        return ""
    shown = [
        f"{escape(_text(item.get('intent')))} {_probability(item.get('probability'))}"
        for item in value
        if isinstance(item, dict)
    ]
    return f' · <span class="top">top: {", ".join(shown)}</span>' if shown else ""


def _probability(value) -> str:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "?"
    return "?" if math.isnan(number) else f"{number:.2f}"


def _count_cell(count: int) -> str:
    return f"<td>{count}</td>" if count else '<td class="zero">0</td>'


def _share(count: int, total: int) -> str:
    return f"{count / total:.1%}" if total else "-"


def _text(value) -> str:
    """Return a cell as text; missing values (None, NaN) as '-'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return str(value)
