"""From tag log-probabilities to tags: every decoding mode, and the choice among them.

Pure numpy (no Kedro, no MXNet): the training loop's validation, both prediction backends
and evaluation decode through this module, so a model reads its tags the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from joint_nlu.morphology import boundary_masks
from joint_nlu.text import CHAR_CLASS, MORPH_BOUNDARY, SPACE_CLASS, spans_from_tags

DECODING_MODES = ("independent", "single_span", "words", "morphemes")
# decode_batch decodes batches of at most this many rows one row at a time
ROW_BY_ROW_BELOW = 4


def decode_tags(
    log_probs: np.ndarray,
    outside_id: int,
    mode: str = "independent",
    allow_empty: bool = True,
    spaces: np.ndarray | None = None,
    boundaries: np.ndarray | None = None,
) -> np.ndarray:
    """Return tag ids (time,) from per-character tag log-probabilities (time, tags).

    `independent`: the best tag of each character. `single_span`: the best labelling with at
    most one contiguous span of one type (exactly one unless `allow_empty`), found as the
    maximum-sum run of log p(type) - log p(outside): it mends holes and stray characters when
    the data has one entity per sentence. `words`: entities are whole words (see
    `decode_words`); it needs `spaces`, a boolean mask (time,) of the whitespace characters.
    `morphemes`: like `single_span`, but the span starts and ends where the sentence's
    `morph_boundary` column (`boundaries`, (time,), see `joint_nlu.morphology`) allows (see
    `decode_morphemes`).
    """
    if mode not in DECODING_MODES:
        raise ValueError(f"decoding mode {mode!r} is not one of {DECODING_MODES}")
    if mode == "independent" or len(log_probs) == 0:
        return log_probs.argmax(axis=-1).astype(np.int64)
    if mode == "words":
        if spaces is None:
            raise ValueError("words decoding needs the whitespace mask of the sentence (spaces)")
        return decode_words(log_probs, spaces, outside_id)
    if mode == "morphemes":
        if boundaries is None:
            raise ValueError(
                "morphemes decoding needs the morph_boundary column of the sentence (boundaries)"
            )
        boundaries = np.asarray(boundaries)
        if boundaries.shape != (len(log_probs),):
            raise ValueError(
                f"morph_boundary has shape {boundaries.shape} for {len(log_probs)} characters"
            )
        return _decode_morphemes_row(log_probs, boundaries, outside_id, allow_empty)
    best = (-np.inf, 0, 0, outside_id)  # (gain, start, end, tag)
    for tag in range(log_probs.shape[1]):
        if tag == outside_id:
            continue
        gain, start, end = _max_run(log_probs[:, tag] - log_probs[:, outside_id])
        if gain > best[0]:
            best = (gain, start, end, tag)
    tags = np.full(len(log_probs), outside_id, dtype=np.int64)
    gain, start, end, tag = best
    if tag != outside_id and (gain > 0 or not allow_empty):
        tags[start:end] = tag
    return tags


def decode_words(log_probs: np.ndarray, spaces: np.ndarray, outside_id: int) -> np.ndarray:
    """Return tag ids (time,) where every word (a run of non-space characters) has one tag.

    A word takes the tag with the largest summed log-probability over its characters. The
    whitespace between two words of the same entity tag joins them into one span when its own
    summed log-probability of that tag beats outside; any other whitespace is outside. For
    data whose entities are whole words (SNIPS, ATIS, CoNLL imports), this rules out entities
    that start or end inside a word.
    """
    spaces = np.asarray(spaces, dtype=bool)
    tags = np.full(len(log_probs), outside_id, dtype=np.int64)
    word_chars = np.flatnonzero(~spaces)
    if len(word_chars) == 0:
        return tags
    # a word starts at a non-space character that does not follow another one
    first = np.r_[True, np.diff(word_chars) > 1]
    last = np.r_[first[1:], True]
    word_of = np.cumsum(first) - 1
    sums = np.add.reduceat(log_probs[word_chars], np.flatnonzero(first), axis=0)
    word_tags = sums.argmax(axis=1)
    tags[word_chars] = word_tags[word_of]
    gaps = zip(word_chars[last][:-1] + 1, word_chars[first][1:])
    for left, (gap_start, gap_end) in enumerate(gaps):
        tag = word_tags[left]
        if tag != outside_id and tag == word_tags[left + 1]:
            gap = log_probs[gap_start:gap_end]
            if gap[:, tag].sum() > gap[:, outside_id].sum():
                tags[gap_start:gap_end] = tag
    return tags


def _decode_morphemes_row(
    log_probs: np.ndarray, boundaries: np.ndarray, outside_id: int, allow_empty: bool
) -> np.ndarray:
    """Return `decode_morphemes` of one sentence in plain Python (one-sentence latency).

    The same float64 sums, in the same order, and the same tie-breaking as the vectorised
    `decode_morphemes`, so both give the same tags.
    """
    can_start, can_end = (mask.tolist() for mask in boundary_masks(boundaries))
    first_start = can_start.index(True) if True in can_start else len(can_start)
    if not any(can_end[first_start:]):  # no allowed (start, end) pair
        return decode_tags(log_probs, outside_id, "single_span", allow_empty)
    best = (-np.inf, 0, 0, outside_id)  # (gain, start, end, tag)
    for tag in range(log_probs.shape[1]):
        if tag == outside_id:
            continue
        gains = (log_probs[:, tag].astype(np.float64) - log_probs[:, outside_id]).tolist()
        prefix, lowest, lowest_at = 0.0, np.inf, -1
        for position, gain in enumerate(gains):
            if can_start[position] and prefix <= lowest:  # on a tie, the later start
                lowest, lowest_at = prefix, position
            prefix += gain
            if can_end[position] and lowest_at >= 0 and prefix - lowest > best[0]:
                best = (prefix - lowest, lowest_at, position + 1, tag)
    tags = np.full(len(log_probs), outside_id, dtype=np.int64)
    gain, start, end, tag = best
    if tag != outside_id and (gain > 0 or not allow_empty):
        tags[start:end] = tag
    return tags


def decode_morphemes(
    log_probs: np.ndarray,
    lengths: np.ndarray,
    boundaries: np.ndarray,
    outside_id: int,
    allow_empty: bool = True,
) -> np.ndarray:
    """Return tag ids (batch, time): at most one span per row, on allowed boundaries.

    Row i reads its first `lengths[i]` positions. Its span [start, end) must start where
    `boundaries[i]` (the `morph_boundary` column) allows a start and end where it allows an
    end; among those, the one of the type with the largest sum of log p(type) - log p(outside)
    wins (exactly one unless `allow_empty`, which keeps it only when that sum is > 0). The
    sums are differences of float64 prefix sums, O(time) per type: for each end, the smallest
    prefix sum over the allowed starts before it. Ties go, as in `single_span`, to the
    shortest span (the latest start), then the earliest end, then the lowest tag id. A row with
    no allowed (start, end) pair (only whitespace, say) gets its `single_span` answer.
    """
    batch, width, n_tags = log_probs.shape
    if np.shape(boundaries) != (batch, width):
        raise ValueError(
            f"morph_boundary has shape {np.shape(boundaries)}, the batch {(batch, width)}"
        )
    lengths = np.asarray(lengths)
    inside = np.arange(width)[None, :] < lengths[:, None]
    can_start, can_end = boundary_masks(boundaries)
    can_start, can_end = can_start & inside, can_end & inside
    # a row has an allowed pair when some allowed end has an allowed start at or before it
    has_pair = (can_end & (np.cumsum(can_start, axis=1) > 0)).any(axis=1)
    positions = np.broadcast_to(np.arange(width), (batch, width))
    best = np.full(batch, -np.inf)
    best_start = np.zeros(batch, dtype=np.int64)
    best_end = np.zeros(batch, dtype=np.int64)
    best_tag = np.full(batch, outside_id, dtype=np.int64)
    for tag in range(n_tags):
        if tag == outside_id:
            continue
        gains = np.where(
            inside, log_probs[:, :, tag].astype(np.float64) - log_probs[:, :, outside_id], 0.0
        )
        # prefix[:, j] is the sum of gains before position j
        prefix = np.concatenate([np.zeros((batch, 1)), np.cumsum(gains, axis=1)], axis=1)
        start_prefix = np.where(can_start, prefix[:, :-1], np.inf)
        lowest = np.minimum.accumulate(start_prefix, axis=1)
        # the latest allowed start s <= j whose prefix is the lowest so far
        record = np.where(can_start & (start_prefix == lowest), positions, -1)
        starts = np.maximum.accumulate(record, axis=1)
        sums = np.where(can_end & (lowest < np.inf), prefix[:, 1:] - lowest, -np.inf)
        last = sums.argmax(axis=1)
        run_best = sums[np.arange(batch), last]
        better = run_best > best
        best = np.where(better, run_best, best)
        best_start = np.where(better, starts[np.arange(batch), last], best_start)
        best_end = np.where(better, last + 1, best_end)
        best_tag = np.where(better, tag, best_tag)
    tags = np.full((batch, width), outside_id, dtype=np.int64)
    keep = (best_tag != outside_id) & ((best > 0) | (not allow_empty)) & has_pair
    spans = keep[:, None] & (positions >= best_start[:, None]) & (positions < best_end[:, None])
    tags[spans] = np.broadcast_to(best_tag[:, None], tags.shape)[spans]
    for row in np.flatnonzero(~has_pair & (lengths > 0)).tolist():
        length = int(lengths[row])
        tags[row, :length] = decode_tags(
            log_probs[row, :length], outside_id, "single_span", allow_empty
        )
    return tags


def _max_run(gains: np.ndarray) -> tuple[float, int, int]:
    """Return (sum, start, end) of the non-empty contiguous run with the largest sum (Kadane)."""
    best, best_start, best_end = -np.inf, 0, 0
    running, start = 0.0, 0
    for position, gain in enumerate(gains.tolist()):
        if running <= 0:
            running, start = gain, position
        else:
            running += gain
        if running > best:
            best, best_start, best_end = running, start, position + 1
    return best, best_start, best_end


def decode_batch(
    log_probs: np.ndarray,
    lengths: np.ndarray,
    outside_id: int,
    mode: str = "independent",
    allow_empty: bool = True,
    spaces: np.ndarray | None = None,
    boundaries: np.ndarray | None = None,
) -> np.ndarray:
    """Return tag ids (batch, time) for a batch; row i is `decode_tags` of its first
    `lengths[i]` positions (positions past it are left as `outside_id`). `words` decoding
    needs `spaces`, the (batch, time) whitespace mask; `morphemes` decoding needs
    `boundaries`, the (batch, time) `morph_boundary` column.

    `single_span` runs Kadane's maximum-sum run on all rows at once, with the same float64
    arithmetic and tie-breaking as `decode_tags`, so both give the same tags; so does
    `morphemes` with `decode_morphemes`.
    """
    if mode not in DECODING_MODES:
        raise ValueError(f"decoding mode {mode!r} is not one of {DECODING_MODES}")
    batch, width, n_tags = log_probs.shape
    if mode == "independent":
        return log_probs.argmax(axis=-1).astype(np.int64)
    if mode == "words" and spaces is None:
        raise ValueError("words decoding needs the whitespace mask of the batch (spaces)")
    if mode == "morphemes":
        if boundaries is None:
            raise ValueError(
                "morphemes decoding needs the morph_boundary column of the batch (boundaries)"
            )
        if batch > ROW_BY_ROW_BELOW:
            return decode_morphemes(log_probs, lengths, boundaries, outside_id, allow_empty)
    if batch <= ROW_BY_ROW_BELOW or mode == "words":
        # words: per row (a few numpy calls each); single_span and morphemes on a few rows:
        # Python's loop beats the numpy calls (one-sentence latency)
        tags = np.full((batch, width), outside_id, dtype=np.int64)
        for row, length in enumerate(np.asarray(lengths).tolist()):
            tags[row, :length] = decode_tags(
                log_probs[row, :length],
                outside_id,
                mode,
                allow_empty,
                None if spaces is None else spaces[row, :length],
                None if boundaries is None else boundaries[row, :length],
            )
        return tags
    best = np.full(batch, -np.inf)
    best_start = np.zeros(batch, dtype=np.int64)
    best_end = np.zeros(batch, dtype=np.int64)
    best_tag = np.full(batch, outside_id, dtype=np.int64)
    for tag in range(n_tags):
        if tag == outside_id:
            continue
        gains = (log_probs[:, :, tag] - log_probs[:, :, outside_id]).astype(np.float64)
        run_best = np.full(batch, -np.inf)
        run_start = np.zeros(batch, dtype=np.int64)
        run_end = np.zeros(batch, dtype=np.int64)
        running = np.zeros(batch)
        start = np.zeros(batch, dtype=np.int64)
        for position in range(width):
            active = position < lengths
            gain = gains[:, position]
            restart = running <= 0
            running = np.where(active, np.where(restart, gain, running + gain), running)
            start = np.where(active & restart, position, start)
            better = active & (running > run_best)
            run_best = np.where(better, running, run_best)
            run_start = np.where(better, start, run_start)
            run_end = np.where(better, position + 1, run_end)
        better = run_best > best
        best = np.where(better, run_best, best)
        best_start = np.where(better, run_start, best_start)
        best_end = np.where(better, run_end, best_end)
        best_tag = np.where(better, tag, best_tag)
    tags = np.full((batch, width), outside_id, dtype=np.int64)
    keep = (best_tag != outside_id) & ((best > 0) | (not allow_empty)) & (lengths > 0)
    positions = np.arange(width)[None, :]
    inside = keep[:, None] & (positions >= best_start[:, None]) & (positions < best_end[:, None])
    tags[inside] = np.broadcast_to(best_tag[:, None], tags.shape)[inside]
    return tags


@dataclass(frozen=True)
class Decoder:
    """How one model reads its tags: the mode, whether a sentence may have no entity, and the
    id of the outside tag. Every prediction path (training's validation, both backends) calls
    it on a padded batch, so a model reads its tags the same way everywhere."""

    outside_id: int
    mode: str = "independent"
    allow_empty: bool = True

    def __call__(self, log_probs: np.ndarray, lengths: np.ndarray, features: np.ndarray):
        """Return tag ids (batch, time) of a padded batch of tag log-probabilities.

        `features` is the batch's (batch, time, features) input: the masks a mode needs (the
        whitespace of `words`, the morpheme boundaries of `morphemes`) are read from its
        columns, so no path needs the sentence text.
        """
        spaces = features[:, :, CHAR_CLASS] == SPACE_CLASS if self.mode == "words" else None
        boundaries = features[:, :, MORPH_BOUNDARY] if self.mode == "morphemes" else None
        return decode_batch(
            log_probs, lengths, self.outside_id, self.mode, self.allow_empty, spaces, boundaries
        )


def choose_decoding(
    sentences: Sequence[str],
    tags: Sequence[str],
    setting: str,
    outside_tag: str,
    morphology: bool = False,
) -> tuple[str, bool]:
    """Return the tag decoding mode and whether a sentence may have no entity.

    `auto`: when no training sentence has more than one entity, `morphemes` for a model
    trained with the morphology features (`morphology`, default False) and `single_span`
    otherwise; else `words`
    when every training entity is made of whole words (starts and ends next to whitespace or
    the sentence's ends); else `independent`. Sentences may be left without an entity when
    some training rows have none.
    """
    spans = [
        spans_from_tags(sentence, letters, outside_tag)
        for sentence, letters in zip(sentences, tags, strict=True)
    ]
    counts = [len(found) for found in spans]
    allow_empty = min(counts, default=0) == 0
    if setting == "auto":
        if max(counts, default=0) <= 1:
            return ("morphemes" if morphology else "single_span"), allow_empty
        whole_words = all(
            is_whole_words(sentence, span)
            for sentence, found in zip(sentences, spans)
            for span in found
        )
        return ("words" if whole_words else "independent"), allow_empty
    if setting not in DECODING_MODES:
        raise ValueError(f"model.span_decoding {setting!r}: use auto or one of {DECODING_MODES}")
    return setting, allow_empty


def is_whole_words(sentence: str, span: dict) -> bool:
    """Return whether a span starts and ends at word boundaries and has no outer whitespace."""
    start, end = span["start"], span["end"]
    return (
        not sentence[start].isspace()
        and not sentence[end - 1].isspace()
        and (start == 0 or sentence[start - 1].isspace())
        and (end == len(sentence) or sentence[end].isspace())
    )
