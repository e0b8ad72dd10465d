"""Raw `intent<TAB>tags<TAB>sentence` files, read through kedro-datasets' pandas CSV dataset."""

from __future__ import annotations

import csv
from typing import Any

import pandas as pd
from kedro_datasets.pandas import CSVDataset

RAW_COLUMNS = ["intent", "tags", "sentence", "extra"]

# What makes every physical line one row, whatever it holds: no quoting (a `"` survives),
# no NA parsing (the text "NaN" stays text), blank lines kept (line numbers stay true),
# a BOM dropped, invalid UTF-8 replaced by U+FFFD (and then reported by validation).
DEFAULT_LOAD_ARGS: dict[str, Any] = {
    "sep": "\t",
    "header": None,
    "names": RAW_COLUMNS,
    "quoting": 3,
    "dtype": str,
    "keep_default_na": False,
    "skip_blank_lines": False,
    "encoding": "utf-8-sig",
    "encoding_errors": "replace",
    "engine": "python",
}


def _keep_extra_fields(fields: list[str]) -> list[str]:
    """Keep a line with too many fields: the surplus goes, joined, into `extra`."""
    return [*fields[:3], "\t".join(fields[3:])]


class RawTSVDataset(CSVDataset):
    """A pandas CSVDataset that reads every line of a raw TSV as one row and never drops one.

    Adds `source_file` and `line` (1-based) columns so validation can name both.
    """

    def __init__(self, *, filepath: str, load_args: dict[str, Any] | None = None, **kwargs):
        super().__init__(
            filepath=filepath, load_args={**DEFAULT_LOAD_ARGS, **(load_args or {})}, **kwargs
        )
        self._load_args["on_bad_lines"] = _keep_extra_fields

    def load(self) -> pd.DataFrame:
        """Return the rows with `source_file` and `line` columns."""
        # pandas' python engine reads through the csv module, whose default field limit
        # (128 KiB) would turn one long line into an error for the whole file
        csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
        try:
            frame = super().load()
        except pd.errors.EmptyDataError:
            frame = pd.DataFrame(columns=RAW_COLUMNS)
        for column in RAW_COLUMNS:
            if column not in frame:
                frame[column] = None
        frame.insert(0, "line", range(1, len(frame) + 1))
        frame.insert(0, "source_file", str(self._filepath))
        return frame
