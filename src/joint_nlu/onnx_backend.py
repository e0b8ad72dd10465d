"""Predict with a model directory's `model.onnx` and onnxruntime: no MXNet, no gluonnlp.

`Tagger.load(path, backend="onnx")` returns an `OnnxTagger`; its `predict` gives the same
dicts as the MXNet `Tagger` (shared code in `joint_nlu.inference`), so a deployment needs
numpy, onnxruntime and this package, not a retired framework.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from joint_nlu.inference import BatchPredictor, FeatureEncoder, JsonVocab, log_softmax, softmax

ONNX_FILE = "model.onnx"
CONFIG_FILE = "config.json"
VOCAB_FILES = {
    "chars": "vocab_chars.json",
    "intents": "vocab_intents.json",
    "tags": "vocab_tags.json",
}


class OnnxTagger(BatchPredictor):
    """The `Tagger` interface (`predict`, `intents`, `outside_tag`) over onnxruntime."""

    def __init__(
        self,
        session,
        description: dict,
        char_vocab: JsonVocab,
        intent_vocab: JsonVocab,
        tag_vocab: JsonVocab,
        batch_size: int = 512,
    ) -> None:
        self.session = session
        self.description = description
        self.model = description.get("model", {})
        self.window: int | None = self.model.get("window")
        self.outside_tag: str = description.get("outside_tag", "C")
        decoding = description.get("decoding", {})
        self.decoding: str = decoding.get("mode", "independent")
        self.allow_empty: bool = decoding.get("allow_empty", True)
        self.metadata: dict = description.get("metadata", {})
        self.char_vocab, self.intent_vocab, self.tag_vocab = char_vocab, intent_vocab, tag_vocab
        self.batch_size = batch_size
        self._inputs = [graph_input.name for graph_input in session.get_inputs()]
        self._encoder = FeatureEncoder(char_vocab.__getitem__)

    @classmethod
    def load(
        cls, path: str | Path, batch_size: int = 512, threads: int | None = None
    ) -> OnnxTagger:
        """Return the tagger of a model directory that holds `model.onnx`."""
        directory = Path(path)
        if not (directory / ONNX_FILE).is_file():
            raise FileNotFoundError(
                f"model directory {directory} has no {ONNX_FILE}: export it with "
                f"`joint-nlu export-onnx {directory}` (pip install -e '.[cpu,onnx]')"
            )
        import onnxruntime as ort

        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = ort.InferenceSession(
            str(directory / ONNX_FILE), options, providers=["CPUExecutionProvider"]
        )
        description = json.loads((directory / CONFIG_FILE).read_text(encoding="utf-8"))
        vocabs = {key: JsonVocab.read(directory / name) for key, name in VOCAB_FILES.items()}
        return cls(
            session,
            description,
            vocabs["chars"],
            vocabs["intents"],
            vocabs["tags"],
            batch_size=batch_size,
        )

    def _forward(self, features: np.ndarray, valid_length: np.ndarray):
        intent_logits, tag_logits = self.session.run(
            None, {self._inputs[0]: features, self._inputs[1]: valid_length}
        )
        return softmax(intent_logits), log_softmax(tag_logits)
