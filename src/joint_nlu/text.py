"""Characters, tags and spans: the pure vocabulary of the task (no Kedro, no MXNet).

A sentence is read character by character. Each character becomes a row of integer features:
its id in the character vocabulary, the three jamo of a Hangul syllable (initial, medial,
final), a coarse character class, and three morphology columns (`morphology`: where Kiwi's
morphemes and the words begin and end, and the coarse part of speech; all 0 for a model without
morphology). The jamo let the model read a syllable it never saw in training from parts it did
see; the class tells it "Latin capital", "digit", "space" and so on; the morphology, where a
Korean reader sees a name end and a particle begin.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TypedDict

import numpy as np

from joint_nlu.morphology import MORPHOLOGY_FEATURES, Morpheme, morphology_features

if TYPE_CHECKING:  # gluonnlp imports MXNet: imported where used, so ONNX inference never loads it
    import gluonnlp as nlp

PAD_TOKEN = "<pad>"
UNK_TOKEN = "<unk>"

# Feature columns of an encoded sentence, in order: the character's own, then its morphology's.
CHAR_FEATURES = ("char", "initial", "medial", "final", "char_class")
FEATURES = (*CHAR_FEATURES, *MORPHOLOGY_FEATURES)
CHAR, INITIAL, MEDIAL, FINAL, CHAR_CLASS = range(len(CHAR_FEATURES))
MORPH_BOUNDARY, MORPH_POS, WORD_POSITION = (
    len(CHAR_FEATURES) + index for index in range(len(MORPHOLOGY_FEATURES))
)

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_N_INITIALS, _N_MEDIALS, _N_FINALS = 19, 21, 28
# Jamo ids: 0 is padding, 1 "not a Hangul syllable", then the jamo themselves.
_JAMO_OFFSET = 2
JAMO_VOCAB_SIZES = (
    _N_INITIALS + _JAMO_OFFSET,
    _N_MEDIALS + _JAMO_OFFSET,
    _N_FINALS + _JAMO_OFFSET,
)

CHAR_CLASSES = (
    "pad",
    "hangul_syllable",
    "hangul_jamo",
    "latin_upper",
    "latin_lower",
    "digit",
    "space",
    "punctuation",
    "other_letter",
    "other",
)
N_CHAR_CLASSES = len(CHAR_CLASSES)


class Span(TypedDict):
    """An entity mention: `text == sentence[start:end]`, `type` is its tag letter."""

    text: str
    start: int
    end: int
    type: str


def char_class(char: str) -> int:
    """Return the index in `CHAR_CLASSES` of one character."""
    code = ord(char)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        return CHAR_CLASSES.index("hangul_syllable")
    if 0x3131 <= code <= 0x318E or 0x1100 <= code <= 0x11FF:
        return CHAR_CLASSES.index("hangul_jamo")
    if char.isdigit():
        return CHAR_CLASSES.index("digit")
    if char.isspace():
        return CHAR_CLASSES.index("space")
    if char.isalpha():
        if char.isascii():
            return CHAR_CLASSES.index("latin_upper" if char.isupper() else "latin_lower")
        return CHAR_CLASSES.index("other_letter")
    if unicodedata.category(char).startswith("P"):
        return CHAR_CLASSES.index("punctuation")
    return CHAR_CLASSES.index("other")


def jamo_ids(char: str) -> tuple[int, int, int]:
    """Return (initial, medial, final) ids of a Hangul syllable; (1, 1, 1) for anything else."""
    code = ord(char) - _HANGUL_FIRST
    if not 0 <= code <= _HANGUL_LAST - _HANGUL_FIRST:
        return (1, 1, 1)
    initial, rest = divmod(code, _N_MEDIALS * _N_FINALS)
    medial, final = divmod(rest, _N_FINALS)
    return (initial + _JAMO_OFFSET, medial + _JAMO_OFFSET, final + _JAMO_OFFSET)


def build_char_vocab(sentences: Iterable[str], min_freq: int = 1) -> nlp.Vocab:
    """Return a gluonnlp character vocabulary (with `<unk>` and `<pad>`) over sentences."""
    import gluonnlp as nlp

    counter = Counter(char for sentence in sentences for char in sentence)
    return nlp.Vocab(
        counter,
        min_freq=min_freq,
        unknown_token=UNK_TOKEN,
        padding_token=PAD_TOKEN,
        bos_token=None,
        eos_token=None,
        reserved_tokens=None,
    )


def build_label_vocab(labels: Iterable[str]) -> nlp.Vocab:
    """Return a gluonnlp vocabulary of labels (intents or tag letters), no special tokens."""
    import gluonnlp as nlp

    return nlp.Vocab(
        Counter(labels),
        unknown_token=None,
        padding_token=None,
        bos_token=None,
        eos_token=None,
        token_to_idx=None,
    )


def vocab_to_json(vocab: nlp.Vocab) -> dict:
    """Return a JSON-ready dict of a vocabulary, as gluonnlp serialises it."""
    return json.loads(vocab.to_json())


def vocab_from_json(data: dict) -> nlp.Vocab:
    """Return the vocabulary that `vocab_to_json` described, with the same indices."""
    import gluonnlp as nlp

    return nlp.Vocab.from_json(json.dumps(data))


def encode_sentence(
    sentence: str, char_vocab: nlp.Vocab, morphemes: Sequence[Morpheme] | None = None
) -> np.ndarray:
    """Return the (len(sentence), len(FEATURES)) int32 feature rows of one sentence.

    `morphemes` is the sentence's analysis (`morphology.analyse`); without it the morphology
    columns are 0, as for a model without morphology.
    """
    features = np.zeros((len(sentence), len(FEATURES)), dtype=np.int32)
    if not sentence:
        return features
    features[:, CHAR] = char_vocab[list(sentence)]
    for position, char in enumerate(sentence):
        features[position, INITIAL : FINAL + 1] = jamo_ids(char)
        features[position, CHAR_CLASS] = char_class(char)
    if morphemes is not None:
        features[:, MORPH_BOUNDARY:] = morphology_features(sentence, morphemes)
    return features


def pad_features(encoded: Sequence[np.ndarray], window: int | None = None) -> np.ndarray:
    """Return encoded sentences padded with zeros to one (batch, time, features) array.

    With a window, every row is cut or padded to exactly `window` characters.
    """
    if window is not None:
        encoded = [rows[:window] for rows in encoded]
    width = max((len(rows) for rows in encoded), default=0)
    if window is not None:
        width = window
    import gluonnlp as nlp

    pad = nlp.data.batchify.Pad(axis=0, pad_val=0, ret_length=False, dtype="int32")
    if width == 0 or not encoded:
        return np.zeros((len(encoded), max(width, 1), len(FEATURES)), dtype=np.int32)
    # gluonnlp's Pad pads to the longest row; one placeholder row of `width` fixes the width.
    batch = pad(list(encoded) + [np.zeros((width, len(FEATURES)), dtype=np.int32)])
    return batch.asnumpy()[:-1]


def spans_from_tags(sentence: str, tags: str, outside_tag: str = "C") -> list[Span]:
    """Return the maximal runs of one non-outside tag letter as spans (end exclusive)."""
    spans: list[Span] = []
    start = None
    for position in range(len(tags) + 1):
        tag = tags[position] if position < len(tags) else outside_tag
        if start is not None and tag != tags[start]:
            spans.append(_span(sentence, tags[start], start, position))
            start = None
        if start is None and tag != outside_tag:
            start = position
    return spans


def _span(sentence: str, tag: str, start: int, end: int) -> Span:
    return {"text": sentence[start:end], "start": start, "end": end, "type": tag}


SPACE_CLASS = CHAR_CLASSES.index("space")
