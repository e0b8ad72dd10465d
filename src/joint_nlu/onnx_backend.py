"""Predict with a model directory's `model.onnx` and onnxruntime: no MXNet, no gluonnlp.

`Tagger.load(path, backend="onnx")` returns an `OnnxTagger`; its `predict` gives the same
dicts as the MXNet `Tagger` (shared code in `joint_nlu.inference`), so a deployment needs
numpy, onnxruntime and this package, not a retired framework.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from joint_nlu.inference import (
    MODEL_FIX,
    BatchPredictor,
    DamagedModelError,
    FeatureEncoder,
    JsonVocab,
    check_vocabularies,
    log_softmax,
    read_model_json,
    softmax,
)

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
        description = read_model_json(directory, CONFIG_FILE)
        vocab_data = {
            key: (name, read_model_json(directory, name)) for key, name in VOCAB_FILES.items()
        }
        model = description.get("model")
        if not isinstance(model, dict):
            raise DamagedModelError(
                f"{directory / CONFIG_FILE} does not describe a model (no 'model'): {MODEL_FIX}"
            )
        check_vocabularies(directory, CONFIG_FILE, model, vocab_data)
        vocabs = {key: JsonVocab(data) for key, (_, data) in vocab_data.items()}
        session = _session(directory / ONNX_FILE, threads)
        outputs = [output.shape[-1] if output.shape else None for output in session.get_outputs()]
        expected = [len(vocabs["intents"]), len(vocabs["tags"])]
        if any(isinstance(got, int) and got != want for got, want in zip(outputs, expected)):
            raise DamagedModelError(
                f"{directory / ONNX_FILE} outputs {outputs} intents/tags but the vocabularies of "
                f"{directory} hold {expected}: the files come from different runs; re-export "
                f"with `joint-nlu export-onnx {directory}`"
            )
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


def _session(path: Path, threads: int | None):
    """Return an onnxruntime session of `path`; a damaged file names itself and the fix."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    options.log_severity_level = 3  # errors only
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    try:
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as error:  # onnxruntime's InvalidProtobuf, Fail, ...
        raise DamagedModelError(
            f"{path} is damaged or truncated ({str(error).strip()[:300]}): re-export it with "
            f"`joint-nlu export-onnx {path.parent}`"
        ) from None
