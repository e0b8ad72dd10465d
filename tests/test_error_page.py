"""The HTML error page: self-contained, escaped, capped; rendered and filtered in headless chromium."""

from __future__ import annotations

import base64
import hashlib
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from joint_nlu.error_page import _SCRIPT, error_page
from tests.helpers import BROWSER_TIMEOUT_S, CHROMIUM_FLAGS, chromium_path, run_bounded
from tests.test_error_analysis import ROWS, frame

HOSTILE = [
    "<script>alert(1)</script>",
    "<script>document.body.dataset.pwned = 'script'</script>",
    "<img src=x onerror=\"document.body.dataset.pwned = 'img'\">",
    "</textarea><b>bold</b> & \"quotes\" 'single'",
]


class Elements(HTMLParser):
    """Collect every element (tag, attributes, text directly inside it) of an HTML document."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self._open: list[dict] = []
        self.feed(document)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in {"meta", "br", "img", "input", "link"}:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop()["tag"] == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element["text"] += data

    def find(self, tag: str, **attrs: str) -> list[dict]:
        """Return the elements of a tag whose attributes include `attrs` (class_ is class,
        data_kind is data-kind)."""
        wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()}
        return [
            e
            for e in self.elements
            if e["tag"] == tag and all(e["attrs"].get(k) == v for k, v in wanted.items())
        ]


def hostile_rows() -> pd.DataFrame:
    """ROWS plus one wrong sentence per hostile string (a span over the whole of it)."""
    predictions = frame(ROWS)
    hostile = frame([(f"[{text}] 나이", f"{text} 나이", "age", "height") for text in HOSTILE])
    predictions = pd.concat([predictions, hostile], ignore_index=True)
    predictions["top_intents"] = [
        [{"intent": "height", "probability": 0.7}, {"intent": "age", "probability": 0.2}]
    ] * len(predictions)
    return predictions


# ---- the page as text -------------------------------------------------------------------------
def test_title_and_summary_tables_hold_the_counts() -> None:
    page = error_page(frame(ROWS), "test_hidden")
    parsed = Elements(page)
    assert parsed.find("title")[0]["text"] == "Errors on test_hidden: 5 of 7 sentences wrong"
    kinds = {
        row["attrs"]["data-kind"]: row["text"]
        for row in parsed.find("tr")
        if "data-kind" in row["attrs"]
    }
    assert "1" in kinds["too_short"] and "20.0%" in kinds["too_short"]
    assert "0.0%" in kinds["shifted"]
    intents = {
        row["attrs"]["data-intent"]: row["text"]
        for row in parsed.find("tr")
        if "data-intent" in row["attrs"]
    }
    assert set(intents) == {"age", "area", "height"}
    # 3 sentences, 3 wrong (100%), 2 intents wrong, 2 entities wrong, then one cell per kind
    # seen (no_span, too_short, too_long, truncated, intent)
    assert intents["age"] == "age33100.0%2210101"


def test_spans_are_highlighted_with_their_overlap() -> None:
    predictions = frame(
        [("[남쪽 물고기자리] 알파 나이", "남쪽 [물고기자리 알파] 나이", "age", "age")]
    )
    parsed = Elements(error_page(predictions, "valid"))
    sentence = parsed.find("div", class_="sentence")[0]
    segments = [
        (e["attrs"]["class"], e["text"]) for e in parsed.find("span") if "title" in e["attrs"]
    ]
    assert segments == [("gold", "남쪽 "), ("gold pred", "물고기자리"), ("pred", " 알파")]
    assert sentence["text"] == "남쪽 물고기자리 알파 나이"
    assert parsed.find("section", class_="kind")[0]["attrs"]["data-kind"] == "shifted"


def test_every_piece_of_user_data_is_text() -> None:
    page = error_page(hostile_rows(), "<b>set</b>")
    parsed = Elements(page)
    scripts = parsed.find("script")
    assert len(scripts) == 1 and scripts[0]["text"] == _SCRIPT  # the page's own, nothing else
    assert not parsed.find("img") and not parsed.find("textarea")
    assert [e for e in parsed.find("b") if e["text"] == "bold"] == []
    shown = [e["text"] for e in parsed.find("div", class_="sentence")]
    for text in HOSTILE:
        assert f"{text} 나이" in shown
    assert parsed.find("span", id="dataset")[0]["text"] == "<b>set</b>"
    assert "<script>alert" not in page and 'onerror="' not in page


def test_the_page_loads_nothing_and_only_its_own_script_may_run() -> None:
    page = error_page(hostile_rows(), "valid")
    assert '<meta charset="utf-8">' in page
    assert not re.search(r"(src|href)=\"(?!#)", page)  # links only to fragments of itself
    assert "url(" not in page and "@import" not in page
    assert not re.search(r"https?:|//[\w.]", page, flags=re.IGNORECASE)
    policy = Elements(page).find("meta", **{"http-equiv": "Content-Security-Policy"})[0]
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy["attrs"]["content"]
    assert "default-src 'none'" in policy["attrs"]["content"]


def test_korean_fonts_are_named_but_not_needed() -> None:
    page = error_page(frame(ROWS), "valid")
    assert '<html lang="ko">' in page
    assert "Malgun Gothic" in page and "Apple SD Gothic Neo" in page and "sans-serif" in page


def test_listed_sentences_are_capped_per_kind() -> None:
    too_short = [("[남쪽 물고기자리 알파] 나이", "남쪽 [물고기자리 알파] 나이", "age", "age")] * 5
    predictions = frame(too_short + ROWS)
    parsed = Elements(error_page(predictions, "valid", max_per_kind=2))
    section = parsed.find("section", id="kind-too_short")[0]
    listed = [
        e for e in parsed.find("article", class_="error") if e["attrs"]["data-kind"] == "too_short"
    ]
    assert len(listed) == 2
    assert "4 more too_short sentence(s) not listed (at most 2 per kind)" in section["text"]
    assert parsed.find("title")[0]["text"] == "Errors on valid: 10 of 12 sentences wrong"
    with pytest.raises(ValueError, match="max_per_kind"):
        error_page(predictions, "valid", max_per_kind=-1)


def test_intents_top_intents_and_place_are_shown() -> None:
    parsed = Elements(error_page(hostile_rows(), "valid"))
    item = parsed.find("article", data_kind="too_short")[0]
    assert item["attrs"] == {"class": "error", "data-intent": "height", "data-kind": "too_short"}
    assert "intent height → predicted height (0.90)" in item["text"]
    assert "top: height 0.70, age 0.20" in item["text"]
    assert "test.txt:2" in item["text"]
    assert any(
        "intent also wrong" in e["text"] for e in parsed.find("article", data_kind="no_span")
    )


def test_top_intents_read_back_from_csv_are_shown(tmp_path) -> None:
    hostile_rows().to_csv(tmp_path / "mistakes.csv", index=False)  # lists become their repr
    page = error_page(pd.read_csv(tmp_path / "mistakes.csv"), "valid")
    assert page.count("top: height 0.70, age 0.20") == 9


def test_a_perfect_run_says_so() -> None:
    predictions = frame([ROWS[0]])
    page = error_page(predictions, "valid")
    assert "0 of 1 sentences wrong" in page and 'id="no-errors"' in page


# ---- in a real browser ------------------------------------------------------------------------
def dump_dom(page: Path, fragment: str = "") -> Elements:
    """Return the DOM chromium renders for a page file (after its script ran)."""
    chromium = chromium_path()
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        result = run_bounded(
            [
                chromium,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "--dump-dom",
                page.as_uri() + fragment,
            ],
            BROWSER_TIMEOUT_S,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    return Elements(result.stdout)


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("error_page") / "errors.html"
    path.write_text(error_page(hostile_rows(), "valid"), encoding="utf-8")
    return path


@pytest.mark.browser
def test_browser_shows_the_tables_spans_and_no_hostile_script(page_file: Path) -> None:
    dom = dump_dom(page_file)
    assert dom.find("table", id="kinds") and dom.find("table", id="intents")
    highlighted = [e["text"] for e in dom.find("span", class_="gold")]
    assert "김철수" in highlighted and "<script>alert(1)</script>" in highlighted
    assert "data-pwned" not in dom.find("body")[0]["attrs"]  # neither hostile script ran
    assert len(dom.find("script")) == 1 and not dom.find("img")
    # the page's own script ran (the policy let it): it wrote the filter status
    articles = dom.find("article", class_="error")
    status = dom.find("span", id="filter-status")[0]["text"]
    assert status == f"showing {len(articles)} of {len(articles)} listed sentences"


@pytest.mark.browser
def test_browser_filters_by_intent_and_kind_from_the_fragment(page_file: Path) -> None:
    dom = dump_dom(page_file, "#intent=age&kind=no_span")
    articles = dom.find("article", class_="error")
    shown = [e["attrs"] for e in articles if "hidden" not in e["attrs"]]
    assert shown == [{"class": "error", "data-intent": "age", "data-kind": "no_span"}] * 5
    assert dom.find("select", id="intent-filter")
    status = dom.find("span", id="filter-status")[0]["text"]
    assert status == f"showing 5 of {len(articles)} listed sentences"
    hidden_sections = {
        e["attrs"]["data-kind"] for e in dom.find("section") if "hidden" in e["attrs"]
    }
    assert hidden_sections == {"too_short", "too_long", "truncated", "intent"}
