"""A text file of sentences, one a line, as a one-column table (`sentence`) for inference.

It reads and writes the file; checking the sentences is serving.predict's job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from kedro.io import AbstractDataset, DatasetError

from joint_nlu.serving.predict import SENTENCE_COLUMN


class SentencesDataset(AbstractDataset):
    """Loads a UTF-8 text file as a DataFrame with one `sentence` per line; saves it back.

    Every line is a sentence, an empty one too (only the newline after the last line ends
    it); `\\r\\n` endings and a byte-order mark are dropped. A missing file is an error that
    says how to create it.
    """

    def __init__(self, *, filepath: str, metadata: dict | None = None) -> None:
        self._filepath = Path(filepath)
        self.metadata = metadata

    @property
    def filepath(self) -> Path:
        """Return the text file."""
        return self._filepath

    def missing_message(self) -> str:
        """Return what to do when the file does not exist (one line)."""
        return (
            f"no sentences file {self._filepath}: write one sentence per line to it, or point "
            "the catalog entry 'sentences' at your own file (conf/local/catalog.yml)"
        )

    def load(self) -> pd.DataFrame:
        """Return the sentences of the file, one row per line."""
        if not self._filepath.is_file():
            raise DatasetError(
                f"{self.missing_message()}, e.g.\n"
                f"  printf '한라산 높이가 얼마야?\\nBTS 소속사 알려줘\\n' > {self._filepath}"
            )
        text = self._filepath.read_text(encoding="utf-8-sig")
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return pd.DataFrame({SENTENCE_COLUMN: [line.removesuffix("\r") for line in lines]})

    def save(self, data: pd.DataFrame) -> None:
        """Write the `sentence` column, one a line."""
        self._filepath.parent.mkdir(parents=True, exist_ok=True)
        sentences = list(data[SENTENCE_COLUMN])
        self._filepath.write_text("".join(f"{s}\n" for s in sentences), encoding="utf-8")

    def _exists(self) -> bool:
        return self._filepath.is_file()

    def _describe(self) -> dict[str, Any]:
        return {"filepath": str(self._filepath)}
