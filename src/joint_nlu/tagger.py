"""The trained model as users call it: `Tagger.load(path).predict(sentences)` (no Kedro).

A model directory holds only JSON files, MXNet's exported symbol (JSON) and its params file:
loading it never unpickles anything.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import gluonnlp as nlp
import mxnet as mx
import numpy as np
from mxnet import gluon

from joint_nlu.model import ModelConfig
from joint_nlu.text import (
    FEATURES,
    decode_tags,
    encode_sentence,
    spans_from_tags,
    vocab_from_json,
    vocab_to_json,
)
from joint_nlu.training import parse_devices, predict_encoded

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


class Tagger:
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
        self.outside_tag = outside_tag
        self.contexts = parse_devices(device)
        self.batch_size = batch_size
        self.metadata = metadata or {}
        self.decoding = decoding
        self.allow_empty = allow_empty

    def decoder(self):
        """Return the function that turns one sentence's tag log-probabilities into tag ids."""
        return partial(
            decode_tags,
            outside_id=self.tag_vocab[self.outside_tag],
            mode=self.decoding,
            allow_empty=self.allow_empty,
        )

    @property
    def intents(self) -> list[str]:
        """Return the intent labels in the order of the network's outputs."""
        return list(self.intent_vocab.idx_to_token)

    def predict(self, sentences: Sequence[str], top_k: int = 3) -> list[dict]:
        """Return one dict per sentence: intent, probability, top intents, tags and spans.

        `tags` has one letter per character. `truncated` is true when the model's window
        (architecture `notebook`) cut the sentence: characters past it are tagged outside.
        """
        if isinstance(sentences, str):
            raise TypeError("predict takes a list of sentences, not one string")
        sentences = [_as_text(sentence, index) for index, sentence in enumerate(sentences)]
        encoded = [encode_sentence(sentence, self.char_vocab) for sentence in sentences]
        probabilities, tag_ids = predict_encoded(
            self.net, encoded, self.contexts, self.batch_size, self.config.window, self.decoder()
        )
        tag_letters = self.tag_vocab.idx_to_token
        intents = self.intents
        results = []
        for sentence, row, ids in zip(sentences, probabilities, tag_ids, strict=True):
            read = "".join(tag_letters[i] for i in ids)
            tags = read + self.outside_tag * (len(sentence) - len(read))
            ranked = np.argsort(-row, kind="stable")[: max(1, top_k)]
            results.append(
                {
                    "sentence": sentence,
                    "intent": intents[ranked[0]],
                    "intent_probability": float(row[ranked[0]]),
                    "top_intents": [
                        {"intent": intents[i], "probability": float(row[i])} for i in ranked
                    ],
                    "tags": tags,
                    "spans": [
                        {key: span[key] for key in ("text", "start", "end", "type")}
                        for span in spans_from_tags(sentence, tags, self.outside_tag)
                    ],
                    "truncated": len(read) < len(sentence),
                }
            )
        return results

    def save(self, path: str | Path) -> Path:
        """Export the network (symbol JSON + params), its configuration and vocabularies."""
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
    def load(cls, path: str | Path, device: str = "cpu", batch_size: int = 512) -> Tagger:
        """Return the Tagger saved in a model directory."""
        directory = Path(path)
        required = [SYMBOL_FILE, PARAMS_FILE, CONFIG_FILE, *VOCAB_FILES.values()]
        missing = [name for name in required if not (directory / name).is_file()]
        if missing:
            raise FileNotFoundError(
                f"model directory {directory} lacks {', '.join(missing)}: "
                "train a model first (kedro run) or point to a directory written by Tagger.save"
            )
        description = json.loads((directory / CONFIG_FILE).read_text(encoding="utf-8"))
        config = ModelConfig.from_dict(description["model"])
        vocabs = {
            key: vocab_from_json(json.loads((directory / name).read_text(encoding="utf-8")))
            for key, name in VOCAB_FILES.items()
        }
        contexts = parse_devices(device)
        net = gluon.SymbolBlock.imports(
            str(directory / SYMBOL_FILE),
            ["data0", "data1"],
            str(directory / PARAMS_FILE),
            ctx=contexts,
        )
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
        self.net.hybridize(static_alloc=True, static_shape=True)
        context = self.contexts[0]
        self.net(mx.nd.ones((1, 1, len(FEATURES)), ctx=context), mx.nd.ones((1,), ctx=context))


def _as_text(sentence: object, index: int) -> str:
    if not isinstance(sentence, str):
        raise TypeError(
            f"sentence {index} is {type(sentence).__name__}, not str: pass a list of strings"
        )
    return sentence


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
