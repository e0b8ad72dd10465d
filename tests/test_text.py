"""Characters, jamo, vocabularies, encoding and spans."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from joint_nlu import text


def test_jamo_ids_split_a_syllable_and_mark_other_characters():
    # 각 = ㄱ (0) + ㅏ (0) + ㄱ final (1); ids are offset by 2
    assert text.jamo_ids("각") == (2, 2, 3)
    assert text.jamo_ids("힣") == (2 + 18, 2 + 20, 2 + 27)
    assert text.jamo_ids("A") == (1, 1, 1)


def test_char_classes():
    classes = [text.CHAR_CLASSES[text.char_class(c)] for c in "가ㅋAa1 ?é😀"]
    assert classes == [
        "hangul_syllable",
        "hangul_jamo",
        "latin_upper",
        "latin_lower",
        "digit",
        "space",
        "punctuation",
        "other_letter",
        "other",
    ]


def test_unknown_syllable_keeps_its_jamo():
    vocab = text.build_char_vocab(["가나"])
    encoded = text.encode_sentence("각", vocab)
    assert encoded[0, text.CHAR] == vocab[vocab.unknown_token]
    assert tuple(encoded[0, text.INITIAL : text.FINAL + 1]) == text.jamo_ids("각")


@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=10))
def test_vocab_json_round_trip_keeps_indices(sentences):
    vocab = text.build_char_vocab(sentences)
    rebuilt = text.vocab_from_json(text.vocab_to_json(vocab))
    assert list(rebuilt.idx_to_token) == list(vocab.idx_to_token)
    for sentence in sentences:
        assert rebuilt[list(sentence)] == vocab[list(sentence)]


@given(st.text(max_size=40))
def test_encoding_round_trips_through_the_vocabulary(sentence):
    vocab = text.build_char_vocab([sentence])
    encoded = text.encode_sentence(sentence, vocab)
    assert encoded.shape == (len(sentence), len(text.FEATURES))
    assert "".join(vocab.idx_to_token[i] for i in encoded[:, text.CHAR]) == sentence


def test_min_freq_turns_rare_characters_into_unk():
    vocab = text.build_char_vocab(["가가나"], min_freq=2)
    assert "가" in vocab.token_to_idx and "나" not in vocab.token_to_idx


def test_pad_features_pads_with_zeros_and_cuts_to_a_window():
    vocab = text.build_char_vocab(["가나다라"])
    encoded = [text.encode_sentence(s, vocab) for s in ("가", "가나다라")]
    padded = text.pad_features(encoded)
    assert padded.shape == (2, 4, len(text.FEATURES))
    assert np.all(padded[0, 1:] == 0)
    assert text.pad_features(encoded, window=2).shape == (2, 2, len(text.FEATURES))


def test_spans_from_tags_are_typed_maximal_runs_end_exclusive():
    spans = text.spans_from_tags("푸조 508 길이와 서울", "EEEEEECCCCCPP")
    assert spans == [
        {"text": "푸조 508", "start": 0, "end": 6, "type": "E"},
        {"text": "서울", "start": 11, "end": 13, "type": "P"},
    ]
    assert text.spans_from_tags("abc", "CCC") == []


@given(st.text(alphabet="CEP", max_size=30))
def test_spans_cover_exactly_the_non_outside_letters(tags):
    sentence = "x" * len(tags)
    spans = text.spans_from_tags(sentence, tags)
    rebuilt = ["C"] * len(tags)
    for span in spans:
        rebuilt[span["start"] : span["end"]] = span["type"] * (span["end"] - span["start"])
    assert "".join(rebuilt) == tags


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
    assert text.decode_tags(log_probs, 0).tolist() == [0, 1, 1, 0, 1, 0, 0, 1]
    assert text.decode_tags(log_probs, 0, "single_span").tolist() == [0, 1, 1, 1, 1, 0, 0, 0]


def test_single_span_decoding_forces_or_allows_an_empty_answer():
    log_probs = np.log(np.array([[0.9, 0.1], [0.7, 0.3], [0.8, 0.2]]))
    assert text.decode_tags(log_probs, 0, "single_span", allow_empty=True).tolist() == [0, 0, 0]
    assert text.decode_tags(log_probs, 0, "single_span", allow_empty=False).tolist() == [0, 1, 0]


def test_single_span_decoding_picks_the_best_type():
    # tags: 0 outside, 1 person, 2 place; the place run is stronger
    log_probs = np.log(np.array([[0.1, 0.6, 0.3], [0.1, 0.1, 0.8], [0.05, 0.05, 0.9]]))
    assert text.decode_tags(log_probs, 0, "single_span").tolist() == [2, 2, 2]


@given(st.lists(st.tuples(st.floats(0.01, 0.99)), min_size=1, max_size=25))
def test_single_span_decoding_gives_one_contiguous_span(rows):
    probabilities = np.array([[1 - p, p] for (p,) in rows])
    tags = text.decode_tags(np.log(probabilities), 0, "single_span", allow_empty=False)
    spans = text.spans_from_tags("x" * len(tags), "".join("CE"[t] for t in tags))
    assert len(spans) == 1


def words_log_probs(sentence: str, guesses: str) -> tuple[np.ndarray, np.ndarray]:
    """Return log-probabilities (tags C=0, E=1, F=2) favouring `guesses` 0.7 : 0.15 : 0.15."""
    probabilities = np.full((len(sentence), 3), 0.15)
    probabilities[np.arange(len(sentence)), ["CEF".index(tag) for tag in guesses]] = 0.7
    return np.log(probabilities), np.array([char.isspace() for char in sentence])


def words_decode(sentence: str, guesses: str) -> str:
    log_probs, spaces = words_log_probs(sentence, guesses)
    return "".join("CEF"[t] for t in text.decode_tags(log_probs, 0, "words", spaces=spaces))


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
        text.decode_tags(log_probs, 0, "words")


@given(st.text(alphabet="ab \t", max_size=30), st.integers(0, 2**16))
def test_words_decoding_never_splits_a_word(sentence, seed):
    rng = np.random.default_rng(seed)
    log_probs = np.log(rng.dirichlet([1, 1, 1], size=len(sentence)))
    spaces = np.array([char.isspace() for char in sentence], dtype=bool)
    tags = "".join("CEF"[t] for t in text.decode_tags(log_probs, 0, "words", spaces=spaces))
    for span in text.spans_from_tags(sentence, tags):
        assert span["text"] == span["text"].strip()
        assert span["start"] == 0 or sentence[span["start"] - 1].isspace()
        assert span["end"] == len(sentence) or sentence[span["end"]].isspace()
