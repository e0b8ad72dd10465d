"""Predict with a model directory's `model.onnx` and onnxruntime: no MXNet, no gluonnlp.

`Tagger.load(path, backend="onnx")` returns an `OnnxTagger`; its `predict` gives the same
dicts as the MXNet `Tagger` (shared code in `serving.predict`), so a deployment needs numpy,
onnxruntime and this package, not a retired framework. Nothing here may import MXNet.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from joint_nlu.morphology import AnalyserSettings
from joint_nlu.serving.model_dir import (
    CONFIG_FILE,
    INT8_ONNX_FILE,
    ONNX_FILE,
    DamagedModelError,
    ModelDescription,
    read_model_directory,
)
from joint_nlu.serving.predict import (
    BatchPredictor,
    FeatureEncoder,
    JsonVocab,
    log_softmax,
    softmax,
)


class OnnxTagger(BatchPredictor):
    """The `Tagger` interface (`predict`, `intents`, `outside_tag`) over onnxruntime."""

    def __init__(
        self,
        session,
        description: ModelDescription,
        char_vocab: JsonVocab,
        intent_vocab: JsonVocab,
        tag_vocab: JsonVocab,
        batch_size: int = 512,
        analyser: AnalyserSettings | None = None,
        model_file: Path | None = None,
    ) -> None:
        self.session = session
        self.model_file = model_file  # the ONNX file the session runs
        self.description = description
        self.model = description.model
        self.window: int | None = description.window
        self.outside_tag: str = description.outside_tag
        self.decoding: str = description.decoding
        self.allow_empty: bool = description.allow_empty
        self.metadata: dict = description.metadata
        self.calibration = description.calibration
        self.limits = description.limits
        self.char_vocab, self.intent_vocab, self.tag_vocab = char_vocab, intent_vocab, tag_vocab
        self.batch_size = batch_size
        self._inputs = [graph_input.name for graph_input in session.get_inputs()]
        self._encoder = FeatureEncoder(char_vocab.__getitem__, analyser)

    @property
    def tasks(self) -> tuple[str, ...]:
        """Return the heads the network was trained for."""
        return self.description.tasks

    @classmethod
    def from_directory(
        cls,
        path: str | Path,
        batch_size: int = 512,
        threads: int | None = None,
        quantized: bool = False,
    ) -> OnnxTagger:
        """Return the tagger of a model directory that holds `model.onnx` (with `quantized`,
        `model.int8.onnx`: int8 weights, see `serving.onnx_export`)."""
        directory = Path(path)
        name, option = (INT8_ONNX_FILE, " --int8") if quantized else (ONNX_FILE, "")
        if not (directory / name).is_file():
            raise FileNotFoundError(
                f"model directory {directory} has no {name}: export it with "
                f"`joint-nlu export-onnx{option} {directory}` (pip install -e '.[cpu,onnx]')"
            )
        description, vocab_data = read_model_directory(directory, (name,))
        analyser = description.analyser(directory / CONFIG_FILE)
        vocabs = {key: JsonVocab(data) for key, data in vocab_data.items()}
        session = _session(directory / name, threads)
        outputs = [output.shape[-1] if output.shape else None for output in session.get_outputs()]
        expected = [len(vocabs["intents"]), len(vocabs["tags"])]
        if any(isinstance(got, int) and got != want for got, want in zip(outputs, expected)):
            raise DamagedModelError(
                f"{directory / name} outputs {outputs} intents/tags but the vocabularies of "
                f"{directory} hold {expected}: the files come from different runs; re-export "
                f"with `joint-nlu export-onnx{option} {directory}`"
            )
        return cls(
            session,
            description,
            vocabs["chars"],
            vocabs["intents"],
            vocabs["tags"],
            batch_size=batch_size,
            analyser=analyser,
            model_file=directory / name,
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
