"""Batched prediction shared by every backend (MXNet, onnxruntime) and by training's
validation: no Kedro, no MXNet.

A backend only supplies `forward(features, valid_length) -> (intent_probabilities,
tag_log_probabilities)` on padded numpy arrays; everything else lives here: checking the input,
encoding characters (with a per-character cache), batching by length, decoding tags and building
the result dicts, with the model's calibration (`calibration.Calibration`: tempered intent
probabilities, out-of-scope answers). Memory stays bounded by one batch plus the results
themselves. The input limits (`InputLimits`) are checked here too, in `sentences_from_input`,
the one gate every prediction path passes before any model work. The model directory's format
lives in `serving.model_dir`, the backends in their own modules.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from joint_nlu.calibration import (
    Calibration,
    check_threshold,
    in_scope_best,
    rejections,
    temper,
)
from joint_nlu.decoding import Decoder
from joint_nlu.morphology import AnalyserSettings, Morpheme, analyse, morphology_features
from joint_nlu.text import (
    CHAR_CLASS,
    FEATURES,
    FINAL,
    INITIAL,
    MORPH_BOUNDARY,
    char_class,
    jamo_ids,
    spans_from_tags,
)

SENTENCE_COLUMN = "sentence"
PREDICTION_KEYS = (
    "sentence",
    "intent",
    "intent_probability",
    "top_intents",
    "tags",
    "spans",
    "truncated",
    "out_of_scope",
)
Forward = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


# where users set the limits (conf/base/parameters_inference.yml), named in every refusal
LIMIT_PARAMETERS = {
    "max_sentence_chars": "inference.max_sentence_chars",
    "max_batch_sentences": "inference.max_batch_sentences",
    "max_batch_chars": "inference.max_batch_chars",
}


class InvalidInputError(ValueError):
    """The sentences given to a model are not a list of strings (or a `sentence` column)."""


class InputTooLargeError(InvalidInputError):
    """A call asks for more than the model's `InputLimits` allow; nothing was predicted.

    `row` is the sentence that broke the limit (None when the count of sentences did),
    `size` what it asked, `limit` and `parameter` the limit and where it is set.
    """

    def __init__(
        self,
        message: str,
        row: int | None = None,
        size: int = 0,
        limit: int = 0,
        parameter: str = "",
    ) -> None:
        super().__init__(message)
        self.row, self.size, self.limit, self.parameter = row, size, limit, parameter


@dataclass(frozen=True)
class InputLimits:
    """How much one prediction call may ask, so no caller holds the model for long.

    `max_sentence_chars`: characters in one sentence; `max_batch_sentences`: sentences in one
    call; `max_batch_chars`: characters in all the sentences of one call (the work a call
    asks, which the other two do not bound together). None: no limit. The defaults are the
    parameters' in conf/base/parameters_inference.yml; `InputLimits()` has none.
    `max_batch_chars` needs `max_sentence_chars` set no higher, so every sentence that passes
    fits a call of its own.
    """

    max_sentence_chars: int | None = None
    max_batch_sentences: int | None = None
    max_batch_chars: int | None = None

    def __post_init__(self) -> None:
        for name, parameter in LIMIT_PARAMETERS.items():
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or value < 1
            ):
                raise ValueError(
                    f"{parameter} must be a positive integer or null (no limit), got {value!r:.40}"
                )
        if self.max_batch_chars is not None and (
            self.max_sentence_chars is None or self.max_sentence_chars > self.max_batch_chars
        ):
            raise ValueError(
                f"{LIMIT_PARAMETERS['max_batch_chars']} ({self.max_batch_chars}) needs "
                f"{LIMIT_PARAMETERS['max_sentence_chars']} set and no higher (now "
                f"{self.max_sentence_chars}): else a sentence could be too long for any call"
            )

    @classmethod
    def from_params(cls, params: Mapping[str, Any] | None) -> InputLimits:
        """Return the limits among `params` (e.g. the `inference` parameters); a missing key
        (a model or a parameters file older than the limits) is no limit."""
        params = params or {}
        if not isinstance(params, Mapping):
            raise TypeError(f"limits must be a mapping of names to numbers, got {params!r:.40}")
        return cls(**{name: params.get(name) for name in LIMIT_PARAMETERS})

    def to_json(self) -> dict[str, int | None]:
        """Return the limits as a model directory's `config.json` records them."""
        return {name: getattr(self, name) for name in LIMIT_PARAMETERS}

    def per_sentence(self) -> InputLimits:
        """Return only the limit on one sentence: for files, which are read in `chunks`."""
        return InputLimits(max_sentence_chars=self.max_sentence_chars)

    def sentence_refusal(self, sentence: str) -> str | None:
        """Return why one sentence is refused (too long), or None when it is within the limit."""
        limit = self.max_sentence_chars
        if limit is None or len(sentence) <= limit:
            return None
        return (
            f"{len(sentence):,} characters, over the limit of {limit:,} "
            f"({LIMIT_PARAMETERS['max_sentence_chars']}): send at most {limit:,} characters a "
            "sentence, or raise the limit"
        )

    def check_count(self, count: int) -> None:
        """Raise `InputTooLargeError` when `count` sentences are more than one call may hold."""
        limit = self.max_batch_sentences
        if limit is not None and count > limit:
            raise InputTooLargeError(
                f"{count:,} sentences in one call, over the limit of {limit:,} "
                f"({LIMIT_PARAMETERS['max_batch_sentences']}): send at most {limit:,} at a "
                "time, or raise the limit",
                None,
                count,
                limit,
                LIMIT_PARAMETERS["max_batch_sentences"],
            )

    def check(self, sentences: Sequence[str]) -> None:
        """Raise `InputTooLargeError` naming the count or the first sentence over a limit.

        Costs one `len` per sentence and stops at the first refusal: it runs before any
        encoding, analysis or network work.
        """
        self.check_count(len(sentences))
        total, budget = 0, self.max_batch_chars
        for row, sentence in enumerate(sentences):
            refusal = self.sentence_refusal(sentence)
            if refusal:
                raise InputTooLargeError(
                    f"sentence {row} has {refusal}",
                    row,
                    len(sentence),
                    self.max_sentence_chars,  # type: ignore[arg-type]
                    LIMIT_PARAMETERS["max_sentence_chars"],
                )
            total += len(sentence)
            if budget is not None and total > budget:
                raise InputTooLargeError(
                    f"sentence {row} brings the call to {total:,} characters, over the limit of "
                    f"{budget:,} per call ({LIMIT_PARAMETERS['max_batch_chars']}): send fewer "
                    f"sentences at a time (the {row:,} before it fit), or raise the limit",
                    row,
                    total,
                    budget,
                    LIMIT_PARAMETERS["max_batch_chars"],
                )

    def chunks(self, sentences: Sequence[str]) -> Iterator[tuple[int, int]]:
        """Yield (begin, end) of consecutive runs of `sentences` that each pass `check`'s
        limits on a call, given sentences within the limit on one sentence.

        How a file (the batch pipeline, the command line) is read: it is not one request.
        """
        most = self.max_batch_sentences or max(1, len(sentences))
        budget = self.max_batch_chars if self.max_batch_chars is not None else math.inf
        begin, used = 0, 0
        for index, sentence in enumerate(sentences):
            if index > begin and (index - begin >= most or used + len(sentence) > budget):
                yield begin, index
                begin, used = index, 0
            used += len(sentence)
        if begin < len(sentences):
            yield begin, len(sentences)


def type_refusal(value: Any) -> str | None:
    """Return why a value is not a sentence (after "sentence N "), or None for a string."""
    if isinstance(value, str):
        return None
    missing = value is None or (isinstance(value, float) and math.isnan(value))
    return f"is {type(value).__name__} ({value!r:.40}), not a string" + (
        " (a missing value)" if missing else ""
    )


def row_refusal(value: Any, limits: InputLimits) -> str | None:
    """Return why one row is refused on its own (not a string, too long), or None.

    The rules of `sentences_from_input`, row by row: how a file's rows are set aside.
    """
    problem = type_refusal(value)
    if problem:
        return problem
    refusal = limits.sentence_refusal(value)
    return f"has {refusal}" if refusal else None


def sentences_from_input(data: Any, limits: InputLimits | None = None) -> list[str]:
    """Return the sentences of a list of strings or of a table with a `sentence` column.

    Raises `InvalidInputError` naming the first bad row: a prediction never guesses what a
    number or a missing value was meant to say. With `limits`, a call over them raises
    `InputTooLargeError` (an `InvalidInputError`) naming the row, its size and the limit.
    """
    if isinstance(data, str):
        raise InvalidInputError("expected a list of sentences, got one string: wrap it in a list")
    if hasattr(data, "columns"):  # a pandas DataFrame
        columns = [str(column) for column in data.columns]
        if SENTENCE_COLUMN not in columns:
            if len(data) == 0 and not columns:
                return []
            raise InvalidInputError(
                f"expected a column {SENTENCE_COLUMN!r} with one sentence per row, "
                f"got column(s) {columns}"
            )
        values = list(data[SENTENCE_COLUMN])
    elif hasattr(data, "tolist") and not isinstance(data, list):  # Series, ndarray
        values = list(data.tolist())
    elif isinstance(data, Sequence):
        values = list(data)
    else:
        raise InvalidInputError(
            f"expected a list of sentences or a table with a {SENTENCE_COLUMN!r} column, "
            f"got {type(data).__name__}"
        )
    if limits is not None:
        limits.check_count(len(values))  # before reading any row
    for row, value in enumerate(values):
        problem = type_refusal(value)
        if problem:
            raise InvalidInputError(f"sentence {row} {problem}")
    if limits is not None:
        limits.check(values)
    return values


class JsonVocab:
    """A vocabulary read from the JSON that gluonnlp writes (`vocab_to_json`), without gluonnlp."""

    def __init__(self, data: dict) -> None:
        self.idx_to_token: list[str] = list(data["idx_to_token"])
        self.token_to_idx: dict[str, int] = dict(data["token_to_idx"])
        self.unknown_token: str | None = data.get("unknown_token")

    def __len__(self) -> int:
        return len(self.idx_to_token)

    def __getitem__(self, token: str) -> int:
        if token in self.token_to_idx:
            return self.token_to_idx[token]
        if self.unknown_token is None:
            raise KeyError(token)
        return self.token_to_idx[self.unknown_token]


class FeatureEncoder:
    """Encodes sentences into padded (batch, time, features) arrays, caching each character.

    Gives the same rows as `text.encode_sentence` (checked by the tests) at a fraction of the
    cost: a character's features are computed once, then looked up. With an `analyser`, the
    morphology columns come from Kiwi's analysis of each whole sentence (or the analysis the
    caller already has), through the same `morphology.morphology_features` as training.
    """

    def __init__(
        self, char_to_id: Callable[[str], int], analyser: AnalyserSettings | None = None
    ) -> None:
        self._char_to_id = char_to_id
        self.analyser = analyser
        self._index: dict[str, int] = {}
        self._rows: list[tuple[int, ...]] = [(0,) * len(FEATURES)]  # row 0: padding
        self._table = np.zeros((1, len(FEATURES)), dtype=np.float32)

    def _row_of(self, char: str) -> int:
        index = self._index.get(char)
        if index is None:
            features = [0] * len(FEATURES)
            features[0] = self._char_to_id(char)
            features[INITIAL : FINAL + 1] = jamo_ids(char)
            features[CHAR_CLASS] = char_class(char)
            index = self._index[char] = len(self._rows)
            self._rows.append(tuple(features))
        return index

    def encode(
        self,
        sentences: Sequence[str],
        window: int | None = None,
        morphemes: Sequence[Sequence[Morpheme]] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return float32 features (batch, width, features), valid lengths and characters read.

        The width is the longest sentence read (at least 1; at most the window): outputs at
        real characters never depend on padding, so unlike `text.pad_features` a short batch
        is not padded to the full window. An empty sentence is one padding character of valid
        length 1. `morphemes`: each sentence's analysis, when the caller has it (else the
        encoder's analyser analyses them; without an analyser the morphology columns are 0).
        """
        index = self._index
        row_of = self._row_of
        read = [sentence[:window] if window else sentence for sentence in sentences]
        seen = np.fromiter((len(text) for text in read), dtype=np.int64, count=len(read))
        width = max(int(seen.max(initial=0)), 1)
        flat = [index[c] if c in index else row_of(c) for text in read for c in text]
        if len(self._table) != len(self._rows):
            self._table = np.array(self._rows, dtype=np.float32)
        ids = np.zeros((len(read), width), dtype=np.int64)
        ids[np.arange(width)[None, :] < seen[:, None]] = flat
        valid_length = np.maximum(seen, 1).astype(np.float32)
        features = self._table[ids]
        if self.analyser is not None:
            found = morphemes if morphemes is not None else analyse(sentences, self.analyser)
            for row, (sentence, its_morphemes) in enumerate(zip(sentences, found, strict=True)):
                read_here = int(seen[row])
                if read_here:
                    columns = morphology_features(sentence, its_morphemes)[:read_here]
                    features[row, :read_here, MORPH_BOUNDARY:] = columns
        return features, valid_length, seen


def softmax(logits: np.ndarray) -> np.ndarray:
    """Return the softmax over the last axis."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """Return the log-softmax over the last axis."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def length_batches(lengths: Sequence[int], batch_size: int) -> Iterator[np.ndarray]:
    """Yield the indices of each batch, in order of length (stable), `batch_size` at a time.

    Sorting by length keeps padding small; only one batch of arrays lives at a time.
    """
    order = np.argsort(np.asarray(lengths, dtype=np.int64), kind="stable")
    for begin in range(0, len(order), batch_size):
        yield order[begin : begin + batch_size]


def predict_encoded(
    forward: Forward,
    encoded: Sequence[np.ndarray],
    decoder: Decoder,
    batch_size: int = 512,
    window: int | None = None,
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Return intent probabilities (n, intents) and per-sentence tag ids (cut to what was read).

    The path of already encoded sentences (training's validation): the same batching, forward
    and decoding as `iter_predictions`, from (time, features) rows instead of text.
    """
    from joint_nlu.text import pad_features

    probabilities: list[np.ndarray | None] = [None] * len(encoded)
    tag_ids: list[np.ndarray | None] = [None] * len(encoded)
    for indices in length_batches([len(rows) for rows in encoded], batch_size):
        features = pad_features([encoded[i] for i in indices], window).astype(np.float32)
        seen = np.array([min(len(encoded[i]), features.shape[1]) for i in indices])
        batch_probabilities, batch_tags = _forward_and_decode(forward, features, seen, decoder)
        for row, index in enumerate(indices.tolist()):
            probabilities[index] = batch_probabilities[row]
            tag_ids[index] = batch_tags[row, : seen[row]]
    if not encoded:
        return np.zeros((0, 0), dtype=np.float32), []
    return np.stack(probabilities), tag_ids


def _forward_and_decode(
    forward: Forward, features: np.ndarray, seen: np.ndarray, decoder: Decoder
) -> tuple[np.ndarray, np.ndarray]:
    """Return a padded batch's intent probabilities and decoded tag ids (batch, time).

    An empty sentence is read as one padding character (valid length 1) and decodes to no tag.
    """
    valid_length = np.maximum(seen, 1).astype(np.float32)
    probabilities, log_probs = forward(features, valid_length)
    return probabilities, decoder(log_probs, seen, features)


def iter_predictions(
    forward: Forward,
    sentences: Sequence[str],
    encoder: FeatureEncoder,
    intents: Sequence[str],
    tag_letters: Sequence[str],
    decoder: Decoder,
    *,
    batch_size: int = 512,
    window: int | None = None,
    top_k: int = 3,
    morphemes: Sequence[Sequence[Morpheme]] | None = None,
    calibration: Calibration | None = None,
    threshold: float | None = None,
) -> Iterator[tuple[int, dict]]:
    """Yield (index, prediction) for every sentence, batch by batch in order of length.

    `morphemes`: each sentence's analysis when the caller already has it (evaluation reads
    the data_processing pipeline's), else the encoder analyses each batch. `calibration`
    tempers the intent probabilities and rejects out-of-scope sentences (below `threshold`,
    default the calibration's own, or when the out-of-scope intent wins): a rejected answer has
    `intent` None, `out_of_scope` True, its top intents, every tag outside and no span. Without
    it (a model with no intent head) nothing is rejected. `intent_probability` is always the
    best in-scope intent's probability, the number compared with the threshold.
    """
    outside_tag = tag_letters[decoder.outside_id]
    letter_of = list(tag_letters).__getitem__
    top_k = max(1, min(int(top_k), len(intents)))
    out_index = None
    if calibration is not None:
        out_index = calibration.out_of_scope_index(intents)
        threshold = calibration.threshold if threshold is None else check_threshold(threshold)
    for indices in length_batches([len(sentence) for sentence in sentences], batch_size):
        batch = [sentences[i] for i in indices]
        found = None if morphemes is None else [morphemes[i] for i in indices]
        features, _, seen = encoder.encode(batch, window, found)
        probabilities, tag_ids = _forward_and_decode(forward, features, seen, decoder)
        if calibration is not None:
            probabilities = temper(probabilities, calibration.temperature)
            rejected = rejections(probabilities, out_index, threshold).tolist()
        else:
            rejected = [False] * len(batch)
        best, best_probability = in_scope_best(probabilities, out_index)
        ranked = np.argsort(-probabilities, axis=1, kind="stable")[:, :top_k]
        ranked_probabilities = np.take_along_axis(probabilities, ranked, axis=1).tolist()
        ranked, best, best_probability = ranked.tolist(), best.tolist(), best_probability.tolist()
        # Python lists: per-row numpy indexing cost more than the rows' few dozen letters
        tag_rows, read_counts = tag_ids.tolist(), seen.tolist()
        for row, index in enumerate(indices.tolist()):
            sentence = batch[row]
            read = read_counts[row]
            if rejected[row]:
                tags = outside_tag * len(sentence)
            else:
                tags = "".join(map(letter_of, tag_rows[row][:read])) + outside_tag * (
                    len(sentence) - read
                )
            yield (
                index,
                {
                    "sentence": sentence,
                    "intent": None if rejected[row] else intents[best[row]],
                    "intent_probability": best_probability[row],
                    "top_intents": [
                        {"intent": intents[i], "probability": p}
                        for i, p in zip(ranked[row], ranked_probabilities[row])
                    ],
                    "tags": tags,
                    "spans": [] if rejected[row] else spans_from_tags(sentence, tags, outside_tag),
                    "truncated": read < len(sentence),
                    "out_of_scope": rejected[row],
                },
            )


def predict_all(forward: Forward, sentences: Sequence[str], *args, **kwargs) -> list[dict]:
    """Return `iter_predictions` as a list in the order of the sentences."""
    results: list[dict | None] = [None] * len(sentences)
    for index, prediction in iter_predictions(forward, sentences, *args, **kwargs):
        results[index] = prediction
    return results  # type: ignore[return-value]


def predictions_frame(predictions: Sequence[dict]) -> Any:
    """Return predictions as a pandas DataFrame, one row per sentence (columns: PREDICTION_KEYS)."""
    import pandas as pd

    return pd.DataFrame(list(predictions), columns=list(PREDICTION_KEYS))


class BatchPredictor:
    """`predict` and `intents` shared by the MXNet and onnxruntime taggers.

    A subclass has `_forward(features, valid_length) -> (intent probabilities, tag
    log-probabilities)`, `_encoder`, `intent_vocab`, `tag_vocab`, `outside_tag`, `batch_size`,
    `window`, `tasks`, `decoding`, `allow_empty`, `limits` (the model's `InputLimits`) and
    `calibration`.
    """

    limits: InputLimits = InputLimits()  # a subclass sets the model's own

    @property
    def intents(self) -> list[str]:
        """Return the intent labels in the order of the network's outputs."""
        return list(self.intent_vocab.idx_to_token)

    def __deepcopy__(self, memo: dict) -> BatchPredictor:
        """Return the predictor itself: a loaded model is read-only, so copies can share it.

        kedro-mlflow's pyfunc model deep-copies its catalog, this predictor included, on every
        request; copying the network each time made a served prediction take ~0.6 s.
        """
        memo[id(self)] = self
        return self

    def _lock(self) -> threading.Lock:
        """Return the lock that lets one thread at a time run the network."""
        # dict.setdefault is atomic, so two threads can't create two locks
        return self.__dict__.setdefault("_prediction_lock", threading.Lock())

    @property
    def decoder(self) -> Decoder:
        """Return how this model reads its tags (mode, empty answers, the outside tag's id)."""
        return Decoder(
            outside_id=list(self.tag_vocab.idx_to_token).index(self.outside_tag),
            mode=self.decoding,
            allow_empty=self.allow_empty,
        )

    @property
    def analyser(self) -> AnalyserSettings | None:
        """Return the settings of the Korean analyser the model reads (None: no morphology)."""
        return self._encoder.analyser

    def predict(
        self,
        sentences: Sequence[str],
        top_k: int = 3,
        batch_size: int | None = None,
        morphemes: Sequence[Sequence[Morpheme]] | None = None,
        limits: InputLimits | None = None,
        threshold: float | None = None,
    ) -> list[dict]:
        """Return one dict per sentence: intent, probability, top intents, tags, spans and
        whether it is out of scope.

        `tags` has one letter per character. `truncated` is true when the model's window
        (architecture `notebook`) cut the sentence: characters past it are tagged outside.
        Sentences are read `batch_size` at a time (default: the model's own), sorted by
        length. `morphemes`: the sentences' analysis by this model's analyser, when the caller
        already has it (otherwise they are analysed here). A call over `limits` (default: the
        model's own, recorded by its training run; `InputLimits()` for none) raises
        `InputTooLargeError` before any model work.

        Out of scope: when the model's out-of-scope intent wins, or the best in-scope intent's
        probability (`intent_probability`, calibrated) is below `threshold` (default: the
        threshold chosen on the validation split at training time; 0 rejects only by the
        out-of-scope intent), the answer has `intent` None, `out_of_scope` True, its
        `top_intents`, every tag outside and no span.
        """
        if isinstance(sentences, str):
            raise TypeError("predict takes a list of sentences, not one string")
        if threshold is not None:
            threshold = check_threshold(threshold)  # before any model work
        try:
            sentences = sentences_from_input(sentences, self.limits if limits is None else limits)
        except InputTooLargeError:
            raise
        except ValueError as error:
            raise TypeError(f"{error}: pass a list of strings") from None
        # MXNet's statically allocated network is not safe to run from two threads at once
        # (a model server answers requests in threads)
        with self._lock():
            return predict_all(
                self._forward,
                sentences,
                self._encoder,
                self.intents,
                self.tag_vocab.idx_to_token,
                self.decoder,
                batch_size=batch_size or self.batch_size,
                window=self.window,
                top_k=top_k,
                morphemes=morphemes,
                calibration=self.calibration if "intent" in self.tasks else None,
                threshold=threshold,
            )
