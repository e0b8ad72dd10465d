"""Raw `intent<TAB>tags<TAB>sentence` files, read line by line into a pandas DataFrame.

It reads every line as it is; judging rows is validation.py's job.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from kedro_datasets.pandas import CSVDataset

RAW_COLUMNS = ["intent", "tags", "sentence", "extra"]

# Saving goes through pandas (kedro-datasets' CSVDataset); loading is the dataset's own, so that
# every physical line is one row whatever it holds: a line ends at LF (an LF after a CR drops
# the CR), so a stray CR, a `"`, a NUL byte or the text "NaN" stay data for validation to
# judge; a BOM at the start of the file is dropped; invalid UTF-8 becomes U+FFFD (then
# reported by validation). Only `encoding` and `encoding_errors` of `load_args` are used.
DEFAULT_LOAD_ARGS: dict[str, Any] = {
    "sep": "\t",
    "header": None,
    "names": RAW_COLUMNS,
    "encoding": "utf-8-sig",
    "encoding_errors": "replace",
}


def split_fields(line: str) -> dict[str, str | None]:
    """Return a line's intent, tags and sentence (None when absent) and surplus fields joined."""
    fields = line.split("\t")
    if fields == [""]:  # a blank line has no field at all
        fields = []
    values: list[str | None] = [*fields[:3], *[None] * (3 - len(fields[:3]))]
    extra = "\t".join(fields[3:]) if len(fields) > 3 else None
    return dict(zip(RAW_COLUMNS, [*values, extra]))


def read_lines(content: bytes, encoding: str = "utf-8-sig", errors: str = "replace") -> list[str]:
    """Return the physical lines of a file's bytes (LF or CRLF endings; no final empty line)."""
    text = content.decode(encoding, errors=errors)
    sig = encoding.lower().replace("_", "-") == "utf-8-sig"
    if not sig and text.startswith("\ufeff"):  # one BOM goes, whatever the encoding
        text = text[1:]
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the LF that ends the last line does not start another one
    return [line[:-1] if line.endswith("\r") else line for line in lines]


class RawTSVDataset(CSVDataset):
    """A pandas CSVDataset that reads every line of a raw TSV as one row and never drops one.

    Adds `source_file` and `line` (1-based) columns so validation can name both; a line with
    more than three fields keeps the surplus, joined, in `extra`.
    """

    def __init__(self, *, filepath: str, load_args: dict[str, Any] | None = None, **kwargs):
        super().__init__(
            filepath=filepath, load_args={**DEFAULT_LOAD_ARGS, **(load_args or {})}, **kwargs
        )

    def load(self) -> pd.DataFrame:
        """Return the rows with `source_file` and `line` columns."""
        with self._fs.open(str(self._get_load_path()), mode="rb") as handle:
            content = handle.read()
        lines = read_lines(
            content,
            self._load_args.get("encoding") or "utf-8-sig",
            self._load_args.get("encoding_errors") or "replace",
        )
        frame = pd.DataFrame([split_fields(line) for line in lines], columns=RAW_COLUMNS)
        frame = frame.astype(object).where(frame.notna(), None)
        frame.insert(0, "line", range(1, len(frame) + 1))
        frame.insert(0, "source_file", str(self._filepath))
        frame.attrs["source_file"] = str(self._filepath)  # named even when the file is empty
        return frame
