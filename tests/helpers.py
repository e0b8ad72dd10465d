"""Small encoded datasets for model and training tests."""

from __future__ import annotations

import random

import numpy as np

from joint_nlu import text
from joint_nlu.training import EncodedSet

# data_processing parameters and a model section for running its nodes on tiny files
DATA_PROCESSING_PARAMS = {
    "tag_alphabet": "CE",
    "outside_tag": "C",
    "strict": False,
    "min_char_freq": 1,
    "validation_ratio": 0.2,
    "split_seed": 1,
    "split_group_by": "entity",
}
WINDOW_10_MODEL = {"architecture": "notebook", "notebook": {"window": 10}}


# layer sizes of the tiny networks the tests train, per architecture
TINY_SIZES = {
    "bilstm": {
        "char_embedding": 8,
        "jamo_embedding": 4,
        "class_embedding": 4,
        "conv_channels": 8,
        "hidden": 8,
        "tag_hidden": 8,
    },
    "notebook": {"char_embedding": 8, "hidden": 8, "tag_hidden": 8},
}
TEMPLATES = {"height": "{}의 높이는?", "age": "{} 나이 알려줘", "area": "{} 면적이 얼마야"}
NAMES = ["김철수", "박영희", "한라산", "롯데타워", "BTS", "푸조 508", "서울역", "이순신"]


def toy_rows(count: int, seed: int = 0) -> list[tuple[str, str, str]]:
    """Return (intent, tags, sentence) rows from three templates and eight names."""
    rng = random.Random(seed)
    rows = []
    for _ in range(count):
        intent = rng.choice(list(TEMPLATES))
        name = rng.choice(NAMES)
        sentence = TEMPLATES[intent].format(name)
        start = sentence.index(name)
        tags = "C" * start + "E" * len(name) + "C" * (len(sentence) - start - len(name))
        rows.append((intent, tags, sentence))
    return rows


def toy_vocabs(rows):
    """Return char, intent and tag vocabularies of rows."""
    return (
        text.build_char_vocab(r[2] for r in rows),
        text.build_label_vocab(r[0] for r in rows),
        text.build_label_vocab("".join(r[1] for r in rows)),
    )


def toy_encoded(rows, vocabs) -> EncodedSet:
    """Return rows encoded with the vocabularies."""
    chars, intents, tags = vocabs
    return EncodedSet(
        features=[text.encode_sentence(r[2], chars) for r in rows],
        intents=np.array([intents[r[0]] for r in rows]),
        tags=[np.array(tags[list(r[1])]) for r in rows],
        entity_mask=[np.array([t == "E" for t in r[1]], dtype=np.int32) for r in rows],
    )
