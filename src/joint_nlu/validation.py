"""Row-by-row validation of raw rows: every row is accepted or rejected with a reason.

Only an empty field is missing: an intent spelt `none`, `None` or `NaN` is data (LUIS names its
out-of-scope class `None`; NER corpora imported with one dummy intent use `none`), and so is a
sentence that reads `nan`. No Kedro and no file reading here (datasets/raw_tsv.py reads the lines).
"""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd

ROW_COLUMNS = ["source_file", "line", "intent", "tags", "sentence"]
REJECTED_COLUMNS = [*ROW_COLUMNS, "extra", "reason"]
TEXT_COLUMNS = ("intent", "tags", "sentence", "extra")
# a first line like `intent<TAB>tags<TAB>sentence` is a header, not a row
HEADER_WORDS = (
    frozenset({"intent", "intents", "label", "labels", "class"}),
    frozenset({"tags", "tag", "entity", "entities", "slots", "slot", "labels"}),
)
FIX = "each row must be intent<TAB>tags<TAB>sentence with one tag letter per sentence character"


class InvalidRowsError(ValueError):
    """Raised in strict mode: lists the rejected rows with file, line and reason."""


def row_problem(
    row: dict,
    tag_alphabet: str | None,
    known_intents: Collection[str] | None,
) -> str | None:
    """Return why a raw row cannot be used, or None when it is valid."""
    intent, tags, sentence, extra = (
        row.get(key) for key in ("intent", "tags", "sentence", "extra")
    )
    present = [value for value in (intent, tags, sentence, extra) if value is not None]
    if any("\r" in value for value in present):
        return (
            "a carriage return (CR) inside the line: lines must end with LF or CRLF "
            "(a file saved with old Mac CR endings reads as one line)"
        )
    if extra is not None:
        fields = 3 + extra.count("\t") + 1
        return (
            f"{fields} tab-separated fields, expected 3 "
            "(is there a tab inside the sentence or at the end of the line?)"
        )
    if not present:
        return "blank line"
    if len(present) < 3:
        return f"{len(present)} tab-separated field(s), expected 3"
    if intent.strip().lower() in HEADER_WORDS[0] and tags.strip().lower() in HEADER_WORDS[1]:
        return "a header line: raw files have no header, delete this line"
    for name, value in (("intent", intent), ("tags", tags), ("sentence", sentence)):
        if "\ufffd" in value:
            return f"{name} is not valid UTF-8 (U+FFFD; save the file as UTF-8)"
        if "\x00" in value:
            return f"{name} contains a NUL byte"
    if not intent.strip():
        return "missing intent"
    if intent != intent.strip():
        return "intent has leading or trailing spaces"
    if not sentence.strip():
        return "empty sentence"
    if not tags:
        return "missing tags"
    if len(tags) != len(sentence):
        return f"{len(tags)} tag letters for a sentence of {len(sentence)} characters"
    if tag_alphabet is not None:
        unknown = sorted(set(tags) - set(tag_alphabet))
        if unknown:
            return f"tag letter(s) {''.join(unknown)!r} not in the tag alphabet {tag_alphabet!r}"
    elif any(letter.isspace() for letter in tags):
        return "tags contain whitespace"
    if known_intents is not None and intent not in known_intents:
        return f"intent {intent!r} never appears in the training data"
    return None


def validate_rows(
    raw: pd.DataFrame,
    tag_alphabet: str | None = "CE",
    known_intents: Collection[str] | None = None,
    reject_duplicates: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (accepted, rejected) rows; together they hold every input row exactly once.

    With `reject_duplicates`, later copies of a row already accepted are rejected as
    duplicates, naming the first line; otherwise they are accepted (an evaluated file is
    scored whole, duplicates included, and `duplicate_rows` counts them).
    """
    accepted, rejected = [], []
    first_line: dict[tuple[str, str, str], int] = {}
    for row in raw.to_dict("records"):
        row = {key: _as_text(value) if key in TEXT_COLUMNS else value for key, value in row.items()}
        reason = row_problem(row, tag_alphabet, known_intents)
        key = (row.get("intent"), row.get("tags"), row.get("sentence"))
        if reason is None and reject_duplicates and key in first_line:
            reason = f"duplicate of line {first_line[key]}"
        if reason is None:
            first_line.setdefault(key, row["line"])
            accepted.append({column: row[column] for column in ROW_COLUMNS})
        else:
            rejected.append({**{c: row.get(c) for c in REJECTED_COLUMNS}, "reason": reason})
    return (
        pd.DataFrame(accepted, columns=ROW_COLUMNS),
        pd.DataFrame(rejected, columns=REJECTED_COLUMNS),
    )


def duplicate_rows(rows: pd.DataFrame) -> int:
    """Return how many rows repeat an earlier row (same intent, tags and sentence)."""
    if not len(rows):
        return 0
    return int(rows.duplicated(subset=["intent", "tags", "sentence"]).sum())


def rejection_message(rejected: pd.DataFrame, limit: int = 20) -> str:
    """Return a readable list of rejected rows (file:line: reason) and how to fix them."""
    lines = [
        f"{row.source_file}:{row.line}: {row.reason}"
        for row in rejected.head(limit).itertuples(index=False)
    ]
    more = f"\n... and {len(rejected) - limit} more" if len(rejected) > limit else ""
    return (
        f"{len(rejected)} invalid row(s):\n" + "\n".join(lines) + more + f"\nFix: {FIX}; or set "
        "data_processing.strict: false to set such rows aside in the rejected-rows report."
    )


def commonest_reason(rejected: pd.DataFrame) -> tuple[str, int, int]:
    """Return the commonest kind of rejection: its first row's reason, how many rows share it
    and that first row's line. Reasons that differ only in their numbers (`3 tag letters for a
    sentence of 2 characters`, `5 ... of 4 ...`) are one kind."""
    kinds = rejected["reason"].map(lambda reason: re.sub(r"\d+", "N", str(reason)))
    kind = kinds.value_counts(sort=True).index[0]  # ties: the kind seen first
    first = rejected[kinds == kind].iloc[0]
    return str(first["reason"]), int((kinds == kind).sum()), int(first["line"])


def no_rows_message(source: str, rows_read: int, rejected: pd.DataFrame) -> str:
    """Return the one-line message for a training file of which no row is usable."""
    if not rows_read:
        return (
            f"{source} is empty: there is no training row to learn from. Point the catalog "
            "entry raw_train at your intent<TAB>tags<TAB>sentence file (README, own data)"
        )
    reason, count, line = commonest_reason(rejected)
    return (
        f"{source}: no training row left: none of its {rows_read} row(s) is valid. Commonest "
        f"reason: {reason} ({count} row{'s' if count > 1 else ''}, first at line {line}). Fix: "
        f"{FIX}; only an empty intent is missing (none, NaN or out_of_scope are intents)"
    )


def _as_text(value: object) -> object:
    """Return None for a missing value, text as it is, and anything else (a number) as text."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value if isinstance(value, str) else str(value)
