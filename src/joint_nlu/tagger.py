"""The trained model as users call it: `Tagger.load(path).predict(sentences)` (no Kedro).

A model directory holds only JSON files, MXNet's exported symbol (JSON) and its params file
(and `model.onnx` once exported): loading it never unpickles anything. MXNet and gluonnlp are
imported only by the MXNet backend, so `Tagger.load(path, backend="onnx")` never loads them.
"""

from __future__ import annotations

import json
import re
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from joint_nlu.decoding import decode_tags
from joint_nlu.inference import (
    MODEL_FIX,
    BatchPredictor,
    DamagedModelError,
    FeatureEncoder,
    check_vocabularies,
    read_model_json,
)
from joint_nlu.text import FEATURES, vocab_to_json

if TYPE_CHECKING:  # the MXNet backend's modules are imported where they are used
    import gluonnlp as nlp
    from mxnet import gluon

    from joint_nlu.model import ModelConfig

MODEL_PREFIX = "model"
SYMBOL_FILE = f"{MODEL_PREFIX}-symbol.json"
PARAMS_FILE = f"{MODEL_PREFIX}-0000.params"
CONFIG_FILE = "config.json"
VOCAB_FILES = {
    "chars": "vocab_chars.json",
    "intents": "vocab_intents.json",
    "tags": "vocab_tags.json",
}
FORMAT_VERSION = 1
BACKENDS = ("mxnet", "onnx")
# a URI MLflow resolves (runs:/, models:/, file:/, s3://, mlflow-artifacts:/ ...), not a path
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:/")


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
    ) -> None:
        self.net = net
        self.config = config
        self.char_vocab = char_vocab
        self.intent_vocab = intent_vocab
        self.tag_vocab = tag_vocab
        from joint_nlu.devices import parse_devices

        self.outside_tag = outside_tag
        self.contexts = parse_devices(device)
        self.batch_size = batch_size
        self.metadata = metadata or {}
        self.decoding = decoding
        self.allow_empty = allow_empty
        self._encoder = FeatureEncoder(char_vocab.__getitem__)

    @property
    def window(self) -> int | None:
        """Return the number of characters the network reads (None: every sentence whole)."""
        return self.config.window

    def decoder(self):
        """Return the function that turns one sentence's tag log-probabilities into tag ids."""
        return partial(
            decode_tags,
            outside_id=self.tag_vocab[self.outside_tag],
            mode=self.decoding,
            allow_empty=self.allow_empty,
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
        description = {
            "format_version": FORMAT_VERSION,
            "model": self.config.to_dict(),
            "outside_tag": self.outside_tag,
            "decoding": {"mode": self.decoding, "allow_empty": self.allow_empty},
            "metadata": self.metadata,
        }
        _write_json(directory / CONFIG_FILE, description)
        for key, vocab in self._vocabs().items():
            _write_json(directory / VOCAB_FILES[key], vocab_to_json(vocab))
        return directory

    @classmethod
    def load(
        cls,
        path: str | Path,
        device: str = "cpu",
        batch_size: int = 512,
        backend: str = "mxnet",
        threads: int | None = None,
    ) -> Tagger:
        """Return the Tagger saved in a model directory or logged in MLflow.

        `path`: a model directory, or an MLflow URI (`runs:/<run_id>/joint_nlu`,
        `models:/<name>/<version>`, ...) whose artifacts hold one. `backend="onnx"` returns an
        `OnnxTagger` (same `predict`) that runs `model.onnx` with onnxruntime and never imports
        MXNet; `threads` sets its intra-op threads (default: onnxruntime's choice).
        """
        if backend not in BACKENDS:
            raise ValueError(f"backend {backend!r} is not one of {', '.join(BACKENDS)}")
        directory = Path(path)
        if not directory.exists() and _URI.match(str(path)):
            directory = download_model(str(path))
        if backend == "onnx":
            from joint_nlu.onnx_backend import OnnxTagger

            return OnnxTagger.load(directory, batch_size=batch_size, threads=threads)
        from joint_nlu.devices import parse_devices
        from joint_nlu.model import ModelConfig
        from joint_nlu.text import vocab_from_json

        required = [SYMBOL_FILE, PARAMS_FILE, CONFIG_FILE, *VOCAB_FILES.values()]
        missing = [name for name in required if not (directory / name).is_file()]
        if missing:
            raise FileNotFoundError(
                f"model directory {directory} lacks {', '.join(missing)}: "
                "train a model first (kedro run) or point to a directory written by Tagger.save"
            )
        description = read_model_json(directory, CONFIG_FILE)
        try:
            config = ModelConfig.from_dict(description["model"])
        except (KeyError, TypeError, ValueError) as error:
            raise DamagedModelError(
                f"{directory / CONFIG_FILE} does not describe a model ({error!r}): {MODEL_FIX}"
            ) from None
        vocab_data = {
            key: (name, read_model_json(directory, name)) for key, name in VOCAB_FILES.items()
        }
        check_vocabularies(directory, CONFIG_FILE, config.to_dict(), vocab_data)
        try:
            vocabs = {key: vocab_from_json(data) for key, (_, data) in vocab_data.items()}
        except Exception as error:  # gluonnlp's own checks of a hand-edited vocabulary
            raise DamagedModelError(
                f"a vocabulary file of {directory} is damaged ({error}): {MODEL_FIX}"
            ) from None
        contexts = parse_devices(device)
        net = _import_network(directory, config, contexts)
        return cls(
            net,
            config,
            vocabs["chars"],
            vocabs["intents"],
            vocabs["tags"],
            outside_tag=description.get("outside_tag", "C"),
            device=device,
            batch_size=batch_size,
            metadata=description.get("metadata", {}),
            decoding=description.get("decoding", {}).get("mode", "independent"),
            allow_empty=description.get("decoding", {}).get("allow_empty", True),
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
            f"{params} is damaged or truncated ({_first_line(error)}): {MODEL_FIX}"
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
        net = gluon.SymbolBlock.imports(str(symbol), ["data0", "data1"], str(params), ctx=contexts)
    except Exception as error:  # MXNetError, JSON errors of the symbol file
        raise DamagedModelError(
            f"{symbol} and {params} do not load as one network ({_first_line(error)}): {MODEL_FIX}"
        ) from None
    if outputs != (config.n_intents, config.n_tags):
        raise DamagedModelError(
            f"the network in {params} outputs {outputs[0]} intents and {outputs[1]} tags but "
            f"{directory / CONFIG_FILE} and the vocabularies say {config.n_intents} and "
            f"{config.n_tags}: the files come from different runs; {MODEL_FIX}"
        )
    return net


def _first_line(error: BaseException) -> str:
    """Return the line of an error that says what went wrong (MXNet's end a C++ traceback)."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    said = [line for line in lines if not line.startswith(("Traceback", "File ", "[bt]"))]
    text = said[-1] if said else type(error).__name__
    return text.removeprefix("MXNetError: ")[:300]


def find_model_directory(root: str | Path) -> Path:
    """Return the directory under `root` (itself included) that holds a saved model."""
    root = Path(root)
    for config in sorted(root.rglob(CONFIG_FILE), key=lambda path: len(path.parts)):
        if (config.parent / SYMBOL_FILE).is_file():
            return config.parent
    raise FileNotFoundError(
        f"no model directory (with {CONFIG_FILE} and {SYMBOL_FILE}) inside {root}: "
        "is it the model logged by a training run (name joint_nlu) or its trained_model?"
    )


def download_model(uri: str, destination: str | Path | None = None) -> Path:
    """Download an MLflow model's artifacts (`runs:/...`, `models:/...`); return the model dir."""
    import mlflow

    local = mlflow.artifacts.download_artifacts(
        artifact_uri=uri, dst_path=None if destination is None else str(destination)
    )
    return find_model_directory(local)


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
