"""Decoding: from tag log-probabilities to tags, every mode, and the automatic choice."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from joint_nlu import decoding, morphology
from joint_nlu.serving.predict import log_softmax
from joint_nlu.text import spans_from_tags


def test_single_span_decoding_mends_holes_and_stray_characters():
    # log-probabilities of (C, E) per character: E wins at 1, 2, 4 and 7; 3 is a weak C
    probabilities = np.array(
        [
            [0.9, 0.1],
            [0.2, 0.8],
            [0.1, 0.9],
            [0.6, 0.4],
            [0.1, 0.9],
            [0.9, 0.1],
            [0.9, 0.1],
            [0.4, 0.6],
        ]
    )
    log_probs = np.log(probabilities)
    assert decoding.decode_tags(log_probs, 0).tolist() == [0, 1, 1, 0, 1, 0, 0, 1]
    assert decoding.decode_tags(log_probs, 0, "single_span").tolist() == [0, 1, 1, 1, 1, 0, 0, 0]


def test_single_span_decoding_forces_or_allows_an_empty_answer():
    log_probs = np.log(np.array([[0.9, 0.1], [0.7, 0.3], [0.8, 0.2]]))
    assert decoding.decode_tags(log_probs, 0, "single_span", allow_empty=True).tolist() == [0, 0, 0]
    assert decoding.decode_tags(log_probs, 0, "single_span", allow_empty=False).tolist() == [
        0,
        1,
        0,
    ]


def test_single_span_decoding_picks_the_best_type():
    # tags: 0 outside, 1 person, 2 place; the place run is stronger
    log_probs = np.log(np.array([[0.1, 0.6, 0.3], [0.1, 0.1, 0.8], [0.05, 0.05, 0.9]]))
    assert decoding.decode_tags(log_probs, 0, "single_span").tolist() == [2, 2, 2]


@given(st.lists(st.tuples(st.floats(0.01, 0.99)), min_size=1, max_size=25))
def test_single_span_decoding_gives_one_contiguous_span(rows):
    probabilities = np.array([[1 - p, p] for (p,) in rows])
    tags = decoding.decode_tags(np.log(probabilities), 0, "single_span", allow_empty=False)
    spans = spans_from_tags("x" * len(tags), "".join("CE"[t] for t in tags))
    assert len(spans) == 1


def words_log_probs(sentence: str, guesses: str) -> tuple[np.ndarray, np.ndarray]:
    """Return log-probabilities (tags C=0, E=1, F=2) favouring `guesses` 0.7 : 0.15 : 0.15."""
    probabilities = np.full((len(sentence), 3), 0.15)
    probabilities[np.arange(len(sentence)), ["CEF".index(tag) for tag in guesses]] = 0.7
    return np.log(probabilities), np.array([char.isspace() for char in sentence])


def words_decode(sentence: str, guesses: str) -> str:
    log_probs, spaces = words_log_probs(sentence, guesses)
    return "".join("CEF"[t] for t in decoding.decode_tags(log_probs, 0, "words", spaces=spaces))


def test_words_decoding_gives_each_word_its_majority_tag():
    # "ewest" tagged inside a word and "king o" across one: both become whole words
    assert words_decode("play newest king of", "CCCCCCEEEECCCEEEEEC") == "CCCCCEEEEEECEEEECCC"


def test_words_decoding_joins_words_of_one_tag_only_through_an_entity_space():
    assert words_decode("new york ks", "EEEEEEEECEE") == "EEEEEEEECEE"  # two spans
    assert words_decode("new york ks", "EEECEEEECEE") == "EEECEEEECEE"
    assert words_decode("new york", "EEEEEEEE") == "EEEEEEEE"
    # different tags: the space between is outside whatever its own tag says
    assert words_decode("new york", "EEEFFFFF") == "EEECFFFF"


def test_words_decoding_keeps_outer_and_repeated_whitespace_outside_a_span():
    assert words_decode(" ab  cd ", "EEEEEEEE") == "CEEEEEEC"
    assert words_decode(" ab  cd ", "EEECCEEE") == "CEECCEEC"
    assert words_decode("   ", "EEE") == "CCC"
    assert words_decode("", "") == ""


def test_words_decoding_needs_the_whitespace_mask():
    log_probs, _ = words_log_probs("ab", "EE")
    with pytest.raises(ValueError, match="whitespace mask"):
        decoding.decode_tags(log_probs, 0, "words")


@given(st.text(alphabet="ab \t", max_size=30), st.integers(0, 2**16))
def test_words_decoding_never_splits_a_word(sentence, seed):
    rng = np.random.default_rng(seed)
    log_probs = np.log(rng.dirichlet([1, 1, 1], size=len(sentence)))
    spaces = np.array([char.isspace() for char in sentence], dtype=bool)
    tags = "".join("CEF"[t] for t in decoding.decode_tags(log_probs, 0, "words", spaces=spaces))
    for span in spans_from_tags(sentence, tags):
        assert span["text"] == span["text"].strip()
        assert span["start"] == 0 or sentence[span["start"] - 1].isspace()
        assert span["end"] == len(sentence) or sentence[span["end"]].isspace()


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.integers(2, 4),
    st.sampled_from(decoding.DECODING_MODES),
    st.booleans(),
    st.integers(0, 2**16),
)
def test_decode_batch_matches_decode_tags_row_by_row(batch, width, n_tags, mode, empty, seed):
    rng = np.random.default_rng(seed)
    log_probs = log_softmax(rng.normal(size=(batch, width, n_tags)).astype(np.float32))
    lengths = rng.integers(0, width + 1, size=batch)
    spaces = rng.random((batch, width)) < 0.3
    # morph_boundary values 1..5 (sometimes a row with no allowed span: the fallback)
    boundaries = rng.integers(1, 6, size=(batch, width))
    decoded = decoding.decode_batch(log_probs, lengths, 0, mode, empty, spaces, boundaries)
    for row, length in enumerate(lengths):
        expected = decoding.decode_tags(
            log_probs[row, :length],
            0,
            mode,
            empty,
            spaces[row, :length],
            boundaries[row, :length],
        )
        np.testing.assert_array_equal(decoded[row, :length], expected)
        if mode == "morphemes":
            assert (decoded[row, length:] == 0).all()


# morph_boundary values (joint_nlu.morphology): 1 outside, 2 inside, 3 begins, 4 ends, 5 both
OUT, IN, BEGIN, END, SINGLE = 1, 2, 3, 4, 5


def test_morphemes_decoding_moves_the_span_onto_allowed_boundaries():
    # 대전광역시의: the model's best run is 대전광 (0..3); Kiwi allows 대전|광역시|의
    sentence = "대전광역시의"
    boundaries = np.array([BEGIN, END, BEGIN, IN, END, SINGLE])
    p_entity = np.array([0.9, 0.9, 0.8, 0.3, 0.3, 0.1])
    log_probs = np.log(np.stack([1 - p_entity, p_entity], axis=1))
    single = decoding.decode_tags(log_probs, 0, "single_span")
    assert "".join("CE"[t] for t in single) == "EEECCC"
    tags = decoding.decode_tags(log_probs, 0, "morphemes", boundaries=boundaries)
    # 대전 alone gains log(0.9/0.1) * 2 = 4.39; 대전광역시 4.39 + 1.39 - 0.85 * 2 = 4.08
    assert "".join("CE"[t] for t in tags) == "EECCCC"
    assert spans_from_tags(sentence, "".join("CE"[t] for t in tags))[0]["text"] == "대전"


def test_morphemes_decoding_finds_the_best_allowed_span_by_brute_force():
    rng = np.random.default_rng(7)
    for _ in range(200):
        width = int(rng.integers(1, 12))
        log_probs = log_softmax(rng.normal(size=(width, 3)))
        boundaries = rng.integers(1, 6, size=width)
        can_start, can_end = morphology.boundary_masks(boundaries)
        tags = decoding.decode_tags(log_probs, 0, "morphemes", False, boundaries=boundaries)
        pairs = [
            (log_probs[s:e, t].sum() - log_probs[s:e, 0].sum(), s, e, t)
            for t in (1, 2)
            for s in range(width)
            for e in range(s + 1, width + 1)
            if can_start[s] and can_end[e - 1]
        ]
        if not pairs:  # no allowed span: the single_span answer
            expected = decoding.decode_tags(log_probs, 0, "single_span", False)
            np.testing.assert_array_equal(tags, expected)
            continue
        best = max(gain for gain, *_ in pairs)
        (start, end), tag = np.flatnonzero(tags)[[0, -1]] + [0, 1], tags[tags != 0][0]
        assert can_start[start] and can_end[end - 1]
        assert (tags[start:end] == tag).all() and (tags != 0).sum() == end - start
        gain = log_probs[start:end, tag].sum() - log_probs[start:end, 0].sum()
        assert gain == pytest.approx(best, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 7), st.integers(1, 12), st.booleans(), st.integers(0, 2**16))
def test_morphemes_decoding_with_every_boundary_allowed_is_single_span(batch, width, empty, seed):
    # quarter-integer log-probabilities: sums are exact, so ties are frequent and must be
    # broken the same way (shortest span, then earliest end, then lowest tag)
    rng = np.random.default_rng(seed)
    log_probs = rng.integers(-8, 1, size=(batch, width, 3)) / 4.0
    lengths = rng.integers(0, width + 1, size=batch)
    every = np.full((batch, width), SINGLE)
    np.testing.assert_array_equal(
        decoding.decode_batch(log_probs, lengths, 0, "morphemes", empty, boundaries=every),
        decoding.decode_batch(log_probs, lengths, 0, "single_span", empty),
    )
    for row, length in enumerate(lengths):
        np.testing.assert_array_equal(
            decoding.decode_tags(
                log_probs[row, :length], 0, "morphemes", empty, boundaries=every[row, :length]
            ),
            decoding.decode_tags(log_probs[row, :length], 0, "single_span", empty),
        )


def test_morphemes_decoding_empty_answer_and_fallback():
    log_probs = np.log(np.array([[0.9, 0.1], [0.6, 0.4], [0.8, 0.2]]))
    boundaries = np.array([SINGLE, SINGLE, SINGLE])
    assert decoding.decode_tags(
        log_probs, 0, "morphemes", True, boundaries=boundaries
    ).tolist() == [
        0,
        0,
        0,
    ]
    assert decoding.decode_tags(
        log_probs, 0, "morphemes", False, boundaries=boundaries
    ).tolist() == [0, 1, 0]
    # only whitespace / inside values: no allowed span, so the plain single_span answer
    nothing = np.array([OUT, IN, OUT])
    for empty in (True, False):
        np.testing.assert_array_equal(
            decoding.decode_tags(log_probs, 0, "morphemes", empty, boundaries=nothing),
            decoding.decode_tags(log_probs, 0, "single_span", empty),
        )


def test_morphemes_decoding_needs_a_matching_boundary_column():
    log_probs = np.log(np.full((3, 2), 0.5))
    with pytest.raises(ValueError, match="morph_boundary"):
        decoding.decode_tags(log_probs, 0, "morphemes")
    with pytest.raises(ValueError, match="morph_boundary"):
        decoding.decode_tags(log_probs, 0, "morphemes", boundaries=np.array([BEGIN, END]))
    with pytest.raises(ValueError, match="morph_boundary"):
        decoding.decode_batch(log_probs[None], np.array([3]), 0, "morphemes")


def test_morphemes_decoding_reads_kiwi_like_features_of_a_sentence():
    # the column comes straight from morphology_features of (already analysed) morphemes
    sentence = "광개토대왕 나이"
    morphemes = [
        morphology.Morpheme(0, 3, "NNP"),
        morphology.Morpheme(3, 5, "NNG"),
        morphology.Morpheme(6, 8, "NNG"),
    ]
    column = morphology.morphology_features(sentence, morphemes)[:, morphology.MORPH_BOUNDARY]
    p_entity = np.array([0.9, 0.9, 0.9, 0.9, 0.2, 0.05, 0.05, 0.05])
    log_probs = np.log(np.stack([1 - p_entity, p_entity], axis=1))
    tags = decoding.decode_tags(log_probs, 0, "morphemes", boundaries=column)
    assert "".join("CE"[t] for t in tags) == "EEEEECCC"  # 광개토대왕, not 광개토대


@pytest.mark.parametrize(
    "rows, expected",
    [
        # one entity per sentence: the best single span, whole words or not
        ([("who is Dana", "CCCCCCCEEEE"), ("Dana's age", "EEEECCCCCC")], ("single_span", False)),
        # several entities, all whole words: one tag per word
        ([("Alice in New York", "PPPPPCCCCLLLLLLLL"), ("hi", "CC")], ("words", True)),
        # several entities, one ends inside a word ("Dana" of "Dana's"): best tag per character
        ([("Dana's in Oslo", "PPPPCCCCCCLLLL")], ("independent", False)),
    ],
)
def test_auto_span_decoding_follows_the_training_entities(rows, expected):
    sentences, tags = zip(*rows)
    assert decoding.choose_decoding(sentences, tags, "auto", "C") == expected
    # a model trained with the morphology features reads one entity on Kiwi's boundaries
    with_morphology = decoding.choose_decoding(sentences, tags, "auto", "C", morphology=True)
    if expected[0] == "single_span":
        assert with_morphology == ("morphemes", expected[1])
    else:
        assert with_morphology == expected
    assert decoding.choose_decoding(sentences, tags, "morphemes", "C")[0] == "morphemes"
    assert decoding.choose_decoding(sentences, tags, "independent", "C")[0] == "independent"
    with pytest.raises(ValueError, match="span_decoding 'word'"):
        decoding.choose_decoding(sentences, tags, "word", "C")
