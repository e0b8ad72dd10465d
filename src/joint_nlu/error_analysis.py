"""What kind of mistake each wrong prediction is, and how many of each (pure pandas, no Kedro).

Lives here: the error kinds, the rule that gives one kind to a wrong sentence, the table of wrong
rows and the counts shaped for metrics.json and MLflow. Must not live here: MXNet, Kedro, file
I/O, HTML (see `error_page`).

One kind per wrong sentence: the first of `ERROR_KINDS` that applies, in this order:

1. `no_span`: gold has a span, none is predicted (with several gold spans: a gold span that no
   predicted span touches, while there are fewer predicted spans than gold ones);
2. `spurious_span`: gold has no span, one or more are predicted;
3. `several_spans`: more predicted spans than gold spans;
4. `cut_inside_word`: a predicted span starts or ends inside a whitespace-separated word where
   its gold span does not (with `boundaries`: inside a morpheme instead of a word, since Korean
   particles make a word's inside a fair place for a gold span to end);
5. `too_short`: inside the gold span (part of the name dropped);
6. `too_long`: covers the gold span and more (a modifier, a source word, a particle);
7. `other_place`: no overlap with the gold span;
8. `shifted`: overlaps the gold span, neither inside nor covering it;
9. `wrong_type`: the gold bounds with another tag letter;
10. `truncated`: the tags are right but the model's window cut the sentence (the metric counts
    it wrong);
11. `intent`: the tags are right, the intent is wrong.

Kinds 4-9 compare each predicted span with the gold span paired to it (the one it overlaps
most; spans that overlap nothing are paired in order of position), and the sentence gets the
first kind of any pair. Whether the intent is wrong too is kept apart (`intent_wrong`), so a
sentence with a cut span and a wrong intent counts in both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import pandas as pd

from joint_nlu.text import Span, spans_from_tags

ERROR_KINDS = (
    "no_span",
    "spurious_span",
    "several_spans",
    "cut_inside_word",
    "too_short",
    "too_long",
    "other_place",
    "shifted",
    "wrong_type",
    "truncated",
    "intent",
)
ENTITY_KINDS = ERROR_KINDS[:-1]
KIND_DESCRIPTIONS = {
    "no_span": "gold has a span, none was predicted",
    "spurious_span": "gold has no span, one was predicted",
    "several_spans": "more predicted spans than gold ones",
    "cut_inside_word": "a predicted span starts or ends inside a word (or morpheme)",
    "too_short": "inside the gold span: part of the name dropped",
    "too_long": "the gold span and more: a modifier, a source word, a particle",
    "other_place": "no overlap with the gold span",
    "shifted": "overlaps the gold span, neither inside nor covering it",
    "wrong_type": "the gold bounds with another tag",
    "truncated": "tags right, but the model's window cut the sentence",
    "intent": "tags right, intent wrong",
}

# `morph_boundary` codes, one per character
WHITESPACE, INSIDE, BEGINS, ENDS, SINGLE = 1, 2, 3, 4, 5
_NOT_A_START = {INSIDE, ENDS}  # a span starting on one of these cuts a morpheme
_NOT_AN_END = {INSIDE, BEGINS}  # a span ending after one of these cuts a morpheme

BOUNDARY_COLUMN = "morph_boundary"
ERROR_COLUMNS = ["error_kind", "intent_wrong", "entity_wrong"]
# characters MLflow refuses in a metric name (or that would read as a path) become "_"
_METRIC_UNSAFE = re.compile(r"[^\w.\-]")


def error_kind(
    sentence: str,
    gold_tags: str,
    predicted_tags: str,
    gold_intent: str,
    predicted_intent: str,
    outside_tag: str = "C",
    boundaries: Sequence[int] | str | None = None,
    truncated: bool = False,
) -> str | None:
    """Return the kind of mistake of one prediction (see the module docstring); None if right.

    `boundaries`: optional `morph_boundary` codes, one per character (1 whitespace, 2 inside a
    morpheme, 3 begins one, 4 ends one, 5 a one-character morpheme); a digit string or a JSON
    list (as a CSV cell holds it) works too.
    `truncated`: the model did not read the whole sentence.
    """
    codes = _boundary_codes(sentence, boundaries)
    if gold_tags == predicted_tags:
        if truncated:
            return "truncated"
        return "intent" if gold_intent != predicted_intent else None
    gold = spans_from_tags(sentence, gold_tags, outside_tag)
    predicted = spans_from_tags(sentence, predicted_tags, outside_tag)
    if gold and not predicted:
        return "no_span"
    if predicted and not gold:
        return "spurious_span"
    if len(predicted) > len(gold):
        return "several_spans"
    pairs, unpaired = _pair_spans(gold, predicted)
    kinds = {_pair_kind(sentence, g, p, codes) for g, p in pairs}
    if any(not any(_overlap(g, p) for p in predicted) for g in unpaired):
        kinds.add("no_span")
    kinds.discard(None)
    if not kinds:  # tags that differ only where spans_from_tags cannot see (length)
        return "shifted"
    return min(kinds, key=ERROR_KINDS.index)


def error_table(predictions: pd.DataFrame, outside_tag: str = "C") -> pd.DataFrame:
    """Return the wrong rows of `predict_rows` output with `error_kind`, `intent_wrong` and
    `entity_wrong` columns (row order kept; `morph_boundary`, when present, sharpens cuts)."""
    frame = predictions.copy()
    boundaries = (
        frame[BOUNDARY_COLUMN] if BOUNDARY_COLUMN in frame else pd.Series(None, index=frame.index)
    )
    # a missing flag (NaN, None) counts as not truncated
    truncated = (
        frame["truncated"].eq(True) if "truncated" in frame else pd.Series(False, index=frame.index)
    )
    frame["error_kind"] = [
        error_kind(
            row.sentence,
            row.tags,
            row.predicted_tags,
            row.intent,
            row.predicted_intent,
            outside_tag,
            None if _missing(bounds) else bounds,
            bool(cut),
        )
        for row, bounds, cut in zip(frame.itertuples(index=False), boundaries, truncated)
    ]
    frame["intent_wrong"] = frame["intent"] != frame["predicted_intent"]
    frame["entity_wrong"] = (frame["tags"] != frame["predicted_tags"]) | truncated
    return frame[frame["error_kind"].notna()]


def error_counts(predictions: pd.DataFrame, outside_tag: str = "C") -> dict[str, int]:
    """Return error counts named for metrics.json and MLflow, every kind present (0 if none).

    Keys: `errors.total` (wrong sentences), `errors.<kind>` for each of `ERROR_KINDS`,
    `errors.intent_wrong`, `errors.entity_wrong`, and the same per gold intent as
    `errors.by_intent.<intent>.<kind>` (an intent's characters that MLflow refuses become `_`).
    """
    errors = error_table(predictions, outside_tag)
    intents = sorted(set(predictions["intent"]))
    counts = _counts("errors", errors)
    for intent in intents:
        prefix = f"errors.by_intent.{_METRIC_UNSAFE.sub('_', str(intent))}"
        counts.update(_counts(prefix, errors[errors["intent"] == intent]))
    return counts


def _counts(prefix: str, errors: pd.DataFrame) -> dict[str, int]:
    kinds = errors["error_kind"].value_counts()
    return {
        f"{prefix}.total": len(errors),
        **{f"{prefix}.{kind}": int(kinds.get(kind, 0)) for kind in ERROR_KINDS},
        f"{prefix}.intent_wrong": int(errors["intent_wrong"].sum()),
        f"{prefix}.entity_wrong": int(errors["entity_wrong"].sum()),
    }


def _missing(value) -> bool:
    """Return whether a cell holds no boundaries (None or NaN, not a sequence)."""
    return value is None or (isinstance(value, float) and value != value)


def _boundary_codes(sentence: str, boundaries: Sequence[int] | str | None) -> list[int] | None:
    if boundaries is None:
        return None
    if isinstance(boundaries, str) and boundaries.startswith("["):  # a JSON list, as in a CSV
        boundaries = json.loads(boundaries)
    codes = [int(code) for code in boundaries]
    if len(codes) != len(sentence):
        raise ValueError(
            f"{len(codes)} boundary codes for a sentence of {len(sentence)} characters "
            f"({sentence!r:.60}): give one code per character"
        )
    return codes


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _pair_spans(gold: list[Span], predicted: list[Span]) -> tuple[list[tuple], list[Span]]:
    """Pair each predicted span with one gold span (most overlap first, then by position);
    return the pairs and the gold spans left unpaired. Needs len(predicted) <= len(gold)."""
    candidates = sorted(
        ((_overlap(g, p), -i, -j) for i, g in enumerate(gold) for j, p in enumerate(predicted)),
        reverse=True,
    )
    pairs: dict[int, int] = {}  # predicted index -> gold index
    for overlap, minus_i, minus_j in candidates:
        if overlap and -minus_j not in pairs and -minus_i not in pairs.values():
            pairs[-minus_j] = -minus_i
    free_gold = [i for i in range(len(gold)) if i not in pairs.values()]
    for j in range(len(predicted)):
        if j not in pairs:
            pairs[j] = free_gold.pop(0)
    return [(gold[i], predicted[j]) for j, i in sorted(pairs.items())], [gold[i] for i in free_gold]


def _pair_kind(sentence: str, gold: Span, predicted: Span, codes: list[int] | None) -> str | None:
    """Return the kind of one (gold, predicted) pair, None when they are the same span."""
    g_start, g_end, p_start, p_end = (
        gold["start"],
        gold["end"],
        predicted["start"],
        predicted["end"],
    )
    if (g_start, g_end) == (p_start, p_end):
        return None if gold["type"] == predicted["type"] else "wrong_type"
    cut_start = p_start != g_start and _cuts(sentence, p_start, codes, True)
    cut_end = p_end != g_end and _cuts(sentence, p_end, codes, False)
    if (cut_start and not _cuts(sentence, g_start, codes, True)) or (
        cut_end and not _cuts(sentence, g_end, codes, False)
    ):
        return "cut_inside_word"
    if g_start <= p_start and p_end <= g_end:
        return "too_short"
    if p_start <= g_start and g_end <= p_end:
        return "too_long"
    if not _overlap(gold, predicted):
        return "other_place"
    return "shifted"


def _cuts(sentence: str, position: int, codes: list[int] | None, is_start: bool) -> bool:
    """Return whether a span bound at `position` (a start, or an exclusive end) splits a word
    (or, with morpheme codes, a morpheme)."""
    if not 0 < position < len(sentence):
        return False
    if codes is not None:
        return codes[position] in _NOT_A_START if is_start else codes[position - 1] in _NOT_AN_END
    return not (sentence[position - 1].isspace() or sentence[position].isspace())
