"""Characters, jamo, vocabularies, encoding and spans."""

import numpy as np
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
