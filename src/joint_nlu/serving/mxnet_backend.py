"""The trained model as users call it with MXNet: `Tagger.load(path).predict(sentences)`.

`Tagger` runs the exported Gluon network; batching, encoding, decoding and the result dicts are
`serving.predict`'s, shared with the ONNX backend. Loading reads a model directory through
`serving.model_dir` and never unpickles anything; it imports MXNet and gluonnlp, never the
training loop, the distributed code or Kedro.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from joint_nlu.calibration import Calibration
from joint_nlu.morphology import AnalyserSettings, analyser_description
from joint_nlu.serving.model_dir import (
    CONFIG_FILE,
    MODEL_FIX,
    MODEL_PREFIX,
    PARAMS_FILE,
    SYMBOL_FILE,
    VOCAB_FILES,
    DamagedModelError,
    ModelDescription,
    first_line,
    read_model_directory,
    write_model_json,
)
from joint_nlu.serving.predict import BatchPredictor, FeatureEncoder, InputLimits
from joint_nlu.text import FEATURES, vocab_to_json

if TYPE_CHECKING:  # the MXNet backend's modules are imported where they are used
    import gluonnlp as nlp
    from mxnet import gluon

    from joint_nlu.model import ModelConfig


class Tagger(BatchPredictor):
    """Predicts the intent and the entity tags of sentences with a trained joint network."""

    def __init__(
        self,
        net: gluon.HybridBlock,
        config: ModelConfig,
        char_vocab: nlp.Vocab,
        intent_vocab: nlp.Vocab,
        tag_vocab: nlp.Vocab,
        outside_tag: str = "C",
        device: str | list[str] = "cpu",
        batch_size: int = 512,
        metadata: dict | None = None,
        decoding: str = "independent",
        allow_empty: bool = True,
        analyser: AnalyserSettings | None = None,
        calibration: Calibration | None = None,
        limits: InputLimits | None = None,
    ) -> None:
        from joint_nlu.devices import parse_devices

        self.net = net
        self.config = config
        self.char_vocab = char_vocab
        self.intent_vocab = intent_vocab
        self.tag_vocab = tag_vocab
        self.outside_tag = outside_tag
        self.contexts = parse_devices(device)
        self.batch_size = batch_size
        self.metadata = metadata or {}
        self.decoding = decoding
        self.allow_empty = allow_empty
        # the intent head's temperature and out-of-scope rejection (default: none)
        self.calibration = calibration or Calibration()
        self.limits = limits or InputLimits()
        self._encoder = FeatureEncoder(char_vocab.__getitem__, analyser)

    @property
    def window(self) -> int | None:
        """Return the number of characters the network reads (None: every sentence whole)."""
        return self.config.window

    @property
    def tasks(self) -> tuple[str, ...]:
        """Return the heads the network was trained for."""
        return tuple(self.config.tasks)

    @property
    def description(self) -> ModelDescription:
        """Return what `save` writes to config.json."""
        return ModelDescription(
            model=self.config.to_dict(),
            outside_tag=self.outside_tag,
            decoding=self.decoding,
            allow_empty=self.allow_empty,
            metadata=self.metadata,
            morphology=None if self.analyser is None else analyser_description(self.analyser),
            calibration=self.calibration,
            limits=self.limits,
        )

    def _forward(self, features: np.ndarray, valid_length: np.ndarray):
        """Return intent probabilities and tag log-probabilities of one padded batch."""
        import mxnet as mx

        context = self.contexts[0]
        intent_logits, tag_logits = self.net(
            mx.nd.array(features, ctx=context, dtype="float32"),
            mx.nd.array(valid_length, ctx=context),
        )
        return (
            mx.nd.softmax(intent_logits, axis=-1).asnumpy(),
            mx.nd.log_softmax(tag_logits, axis=-1).asnumpy(),
        )

    def save(self, path: str | Path) -> Path:
        """Export the network (symbol JSON + params), its configuration and vocabularies."""
        from mxnet import gluon

        directory = Path(path)
        directory.mkdir(parents=True, exist_ok=True)
        if not isinstance(self.net, gluon.SymbolBlock):
            self._ensure_traced()
        self.net.export(str(directory / MODEL_PREFIX), epoch=0)
        write_model_json(directory / CONFIG_FILE, self.description.to_json())
        for key, vocab in self._vocabs().items():
            write_model_json(directory / VOCAB_FILES[key], vocab_to_json(vocab))
        return directory

    @classmethod
    def load(
        cls,
        path: str | Path,
        device: str = "cpu",
        batch_size: int = 512,
        backend: str = "mxnet",
        threads: int | None = None,
        quantized: bool = False,
    ) -> BatchPredictor:
        """Return the tagger saved in a model directory or logged in MLflow.

        `path`: a model directory, or an MLflow URI (`runs:/<run_id>/joint_nlu`,
        `models:/<name>/<version>`, ...) whose artifacts hold one. `backend="onnx"` returns an
        `OnnxTagger` (same `predict`) that runs `model.onnx` with onnxruntime and never imports
        MXNet; `threads` sets its intra-op threads (default: onnxruntime's choice);
        `quantized=True` runs its int8 `model.int8.onnx` instead (`export-onnx --int8`).
        """
        from joint_nlu.serving import load_tagger

        return load_tagger(
            path,
            backend=backend,
            device=device,
            batch_size=batch_size,
            threads=threads,
            quantized=quantized,
        )

    @classmethod
    def from_directory(
        cls, directory: str | Path, device: str = "cpu", batch_size: int = 512
    ) -> Tagger:
        """Return the Tagger of a local model directory, checked before any prediction."""
        from joint_nlu.devices import parse_devices
        from joint_nlu.model import ModelConfig
        from joint_nlu.text import vocab_from_json

        directory = Path(directory)
        description, vocab_data = read_model_directory(directory, (SYMBOL_FILE, PARAMS_FILE))
        analyser = description.analyser(directory / CONFIG_FILE)
        try:
            config = ModelConfig.from_dict(description.model)
        except (KeyError, TypeError, ValueError) as error:
            raise DamagedModelError(
                f"{directory / CONFIG_FILE} does not describe a model ({error!r}): {MODEL_FIX}"
            ) from None
        try:
            vocabs = {key: vocab_from_json(data) for key, data in vocab_data.items()}
        except Exception as error:  # gluonnlp's own checks of a hand-edited vocabulary
            raise DamagedModelError(
                f"a vocabulary file of {directory} is damaged ({error}): {MODEL_FIX}"
            ) from None
        net = _import_network(directory, config, parse_devices(device))
        return cls(
            net,
            config,
            vocabs["chars"],
            vocabs["intents"],
            vocabs["tags"],
            outside_tag=description.outside_tag,
            device=device,
            batch_size=batch_size,
            metadata=description.metadata,
            decoding=description.decoding,
            allow_empty=description.allow_empty,
            analyser=analyser,
            calibration=description.calibration,
            limits=description.limits,
        )

    def _vocabs(self) -> dict[str, nlp.Vocab]:
        return {"chars": self.char_vocab, "intents": self.intent_vocab, "tags": self.tag_vocab}

    def _ensure_traced(self) -> None:
        """Hybridize and run one forward pass, which `export` needs."""
        import mxnet as mx

        self.net.hybridize(static_alloc=True, static_shape=True)
        context = self.contexts[0]
        self.net(mx.nd.ones((1, 1, len(FEATURES)), ctx=context), mx.nd.ones((1,), ctx=context))


def _import_network(directory: Path, config: ModelConfig, contexts: list) -> gluon.SymbolBlock:
    """Return the exported network, checked against the configuration before any prediction.

    A truncated or foreign params file, a damaged symbol file, or outputs whose sizes differ
    from the vocabularies raise `DamagedModelError` naming the files, not an MXNet traceback.
    """
    import mxnet as mx
    from mxnet import gluon

    symbol, params = directory / SYMBOL_FILE, directory / PARAMS_FILE
    try:
        weights = mx.nd.load(str(params))
    except Exception as error:  # MXNetError: truncated, not a params file
        raise DamagedModelError(
            f"{params} is damaged or truncated ({first_line(error)}): {MODEL_FIX}"
        ) from None
    for name, array in weights.items() if isinstance(weights, dict) else ():
        if name.endswith("embedding0_weight") and array.shape[0] != config.n_chars:
            raise DamagedModelError(
                f"{params} embeds {array.shape[0]} characters but {directory / CONFIG_FILE} and "
                f"{VOCAB_FILES['chars']} say {config.n_chars}: the files come from different "
                f"runs; {MODEL_FIX}"
            )
    try:
        # output sizes from the graph alone: a forward pass here would attach a CachedOp that
        # cannot be deep-copied, and kedro-mlflow's pyfunc model deep-copies the loaded model
        shapes = mx.sym.load(str(symbol)).infer_shape(data0=(1, 1, len(FEATURES)), data1=(1,))[1]
        outputs = (shapes[0][-1], shapes[1][-1])
        with warnings.catch_warnings():
            # MXNet warns that it cannot infer the inputs' dtypes (float32: the only kind we feed)
            warnings.filterwarnings("ignore", "Cannot decide type", UserWarning)
            net = gluon.SymbolBlock.imports(
                str(symbol), ["data0", "data1"], str(params), ctx=contexts
            )
    except Exception as error:  # MXNetError, JSON errors of the symbol file
        raise DamagedModelError(
            f"{symbol} and {params} do not load as one network ({first_line(error)}): {MODEL_FIX}"
        ) from None
    if outputs != (config.n_intents, config.n_tags):
        raise DamagedModelError(
            f"the network in {params} outputs {outputs[0]} intents and {outputs[1]} tags but "
            f"{directory / CONFIG_FILE} and the vocabularies say {config.n_intents} and "
            f"{config.n_tags}: the files come from different runs; {MODEL_FIX}"
        )
    return net
