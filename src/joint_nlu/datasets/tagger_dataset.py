"""A Kedro dataset for a trained model directory (symbol JSON, params, vocabularies).

Loading and saving go through joint_nlu.serving; no model code here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kedro.io import AbstractDataset


class TaggerDataset(AbstractDataset):
    """Saves a `Tagger` with `Tagger.save` into one directory and loads it back as a `Tagger`."""

    def __init__(self, *, filepath: str, device: str = "cpu", metadata: dict | None = None):
        self._filepath = Path(filepath)
        self._device = device
        self.metadata = metadata

    @property
    def filepath(self) -> Path:
        """Return the model directory."""
        return self._filepath

    def load(self):
        """Return the Tagger saved in the directory."""
        from joint_nlu.serving import load_tagger

        return load_tagger(self._filepath, device=self._device)

    def save(self, data) -> None:
        """Write the Tagger's files into the directory."""
        data.save(self._filepath)

    def _exists(self) -> bool:
        from joint_nlu.serving.model_dir import CONFIG_FILE

        return (self._filepath / CONFIG_FILE).is_file()

    def _describe(self) -> dict[str, Any]:
        return {"filepath": str(self._filepath), "device": self._device}
