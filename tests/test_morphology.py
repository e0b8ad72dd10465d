"""Korean morphology (Kiwi): analysis offsets on any string, features, boundaries, the analyser.

Kiwi loads in 1-2 s per settings: every test shares the module's analysers (one per settings
per process, as in production).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import unicodedata

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joint_nlu import morphology
from joint_nlu.morphology import (
    MORPHOLOGY_FEATURES,
    MORPHOLOGY_VOCAB_SIZES,
    AnalyserMismatchError,
    AnalyserSettings,
    Morpheme,
    analyse,
    analyser_description,
    boundary_masks,
    check_analyser,
    morphology_features,
)

DEFAULT = AnalyserSettings()
PLAIN = AnalyserSettings(default_dict=False, multi_dict=False)


@pytest.fixture(scope="module")
def racing_loads() -> list[object]:
    """Return what six threads got when they asked at the same moment for the PLAIN analyser,
    which none had loaded yet (the module's tests then share it)."""
    # another test module of the session may have loaded it: forget it, so six threads race
    morphology._ANALYSERS.pop(PLAIN.kiwi_options(), None)
    barrier = threading.Barrier(6)
    loaded: list[object] = []

    def load() -> None:
        barrier.wait()
        loaded.append(morphology.get_analyser(PLAIN))

    threads = [threading.Thread(target=load) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return loaded


B, P, W = morphology.MORPH_BOUNDARY, morphology.MORPH_POS, morphology.WORD_POSITION


def pieces(sentence: str, settings: AnalyserSettings = DEFAULT) -> list[tuple[str, str]]:
    """Return (text, tag) of each morpheme of one sentence."""
    return [(sentence[m.start : m.end], m.tag) for m in analyse([sentence], settings)[0]]


def allowed_ends(sentence: str, settings: AnalyserSettings = DEFAULT) -> list[str]:
    """Return the prefixes of the sentence's first word after which a span may end."""
    features = morphology.sentence_features([sentence], settings)[0]
    _, can_end = boundary_masks(features[:, B])
    return [sentence[: i + 1] for i in np.flatnonzero(can_end)]


def allowed_starts(sentence: str) -> list[int]:
    features = morphology.sentence_features([sentence])[0]
    return np.flatnonzero(boundary_masks(features[:, B])[0]).tolist()


# --- hand cases: where gold entities start and end -------------------------------------------


def test_names_split_where_a_reader_would_end_an_entity():
    # the errors seen on real questions: [대전광]역시, [광개토대]왕, [병자호]란, [반도]체, 두[만강]
    assert {"대전", "대전광역시"} <= set(allowed_ends("대전광역시 인구는?"))
    assert "대전광" not in allowed_ends("대전광역시 인구는?")
    assert {"광개토", "광개토대왕"} <= set(allowed_ends("광개토대왕 나이"))
    assert "광개토대" not in allowed_ends("광개토대왕 나이")
    assert "병자호" not in allowed_ends("병자호란은 언제 일어났어")
    assert "병자호란" in allowed_ends("병자호란은 언제 일어났어")
    assert "반도" not in allowed_ends("반도체 정의")
    assert 1 not in allowed_starts("두만강 길이") and 0 in allowed_starts("두만강 길이")


def test_no_name_begins_or_ends_inside_a_compound_or_after_a_prefix():
    # a reader ends a name before a particle, an ending, a suffix or the next noun after a
    # proper noun, never between two common nouns of one word, and begins one at a word's
    # start, after a particle or where a proper noun begins, never after a prefix
    assert "마라도 행정" not in allowed_ends("마라도 행정구역상 어디 소속이에요")
    assert "유재석" in allowed_ends("유재석나이")
    assert "자강" in allowed_ends("자강의 면적")
    sentence = "농구황제 마이클 조던 출생지"
    assert sentence.index("황제") not in allowed_starts(sentence)
    assert sentence.index("마이클") in allowed_starts(sentence)
    unspaced = "위키에서BTS나이"
    assert unspaced.index("BTS") in allowed_starts(unspaced)
    assert "위키에서BTS" in allowed_ends(unspaced)


def test_particles_and_endings_split_off_names():
    assert pieces("두만강의 길이는?")[:2] == [("두만강", "NNP"), ("의", "JKG")]
    assert pieces("손흥민은 몇 살이야")[:2] == [("손흥민", "NNP"), ("은", "JX")]
    assert "자강" in allowed_ends("자강의 면적은 얼마 정도되는지 알려줄래")


def test_contracted_forms_overlap_and_keep_raw_offsets():
    # 알려줄래 = 알리 + 어 + 주 + ᆯ래: Kiwi's offsets overlap; they are kept as given
    assert analyse(["알려줄래"])[0] == [
        Morpheme(0, 2, "VV"),
        Morpheme(1, 2, "EC"),
        Morpheme(2, 3, "VX"),
        Morpheme(2, 4, "EF"),
    ]
    # 얼마야 = 얼마 + 이(VCP, zero length: dropped) + 야
    assert analyse(["얼마야"])[0] == [Morpheme(0, 2, "NNG"), Morpheme(2, 3, "EF")]


def test_dictionaries_know_names_the_plain_model_splits(racing_loads):
    # default.dict knows 삼양터널, multi.dict knows the person 코니 윌리스 (Wikidata Q5)
    assert pieces("삼양터널의 총 길이")[0] == ("삼양터널", "NNP")
    assert pieces("삼양터널의 총 길이", PLAIN)[:2] == [("삼양", "NNP"), ("터널", "NNG")]
    assert pieces("코니 윌리스의 태어난 곳은")[0] == ("코니 윌리스", "NNP")
    assert pieces("코니 윌리스의 태어난 곳은", PLAIN)[:2] == [("코니", "NNP"), ("윌리스", "NNP")]


def test_features_of_a_sentence_with_a_multi_word_name():
    sentence = "코니 윌리스의 나이"
    features = morphology_features(sentence, analyse([sentence])[0])
    assert features.shape == (len(sentence), len(MORPHOLOGY_FEATURES))
    assert features.dtype == np.int32
    # 코 니 ␣ 윌 리 스 의 ␣ 나 이: the space inside the name is inside its morpheme (2),
    # the one after it outside any (1); a name may end before the particle 의, and 의 ends its
    # word (4) but no name begins with a particle
    assert features[:, B].tolist() == [3, 4, 2, 3, 2, 4, 4, 1, 3, 4]
    proper, particle, none = (
        morphology.MORPH_POS_CLASSES.index(name) for name in ("proper_noun", "particle", "none")
    )
    assert features[:, P].tolist()[:8] == [proper] * 6 + [particle, none]
    assert features[:, W].tolist() == [2, 4, 1, 2, 3, 3, 4, 1, 2, 4]
    can_start, can_end = boundary_masks(features[:, B])
    ends = [sentence[: end + 1] for end in np.flatnonzero(can_end)]
    assert ends[:3] == ["코니", "코니 윌리스", "코니 윌리스의"]
    assert [sentence[start:] for start in np.flatnonzero(can_start)][:3] == [
        sentence,
        "윌리스의 나이",
        "나이",
    ]


@pytest.mark.parametrize(
    "tag, name",
    [
        ("NNP", "proper_noun"),
        ("NNG", "common_noun"),
        ("NNB", "bound_noun"),
        ("NP", "numeral_pronoun"),
        ("SN", "number"),
        ("SL", "foreign"),
        ("SH", "hanja"),
        ("VV-I", "predicate"),
        ("VCP", "predicate"),
        ("JKS", "particle"),
        ("ETM", "ending"),
        ("XSA-I", "affix"),
        ("XR", "affix"),
        ("MAG", "modifier"),
        ("MM", "modifier"),
        ("IC", "interjection"),
        ("SSO", "symbol"),
        ("SW", "symbol"),
        ("W_EMOJI", "web"),
        ("Z_CODA", "other"),
        ("UN", "other"),
        ("USER0", "other"),
    ],
)
def test_kiwi_tags_fall_into_coarse_classes(tag, name):
    assert morphology.MORPH_POS_CLASSES[morphology.pos_class(tag)] == name


def test_boundary_masks_work_on_a_batch_column_and_ignore_padding():
    column = np.array([[3, 2, 4, 1, 5, 0], [5, 1, 3, 4, 0, 0]])
    can_start, can_end = boundary_masks(column)
    assert can_start.shape == column.shape
    assert can_start.tolist() == [[1, 0, 0, 0, 1, 0], [1, 0, 1, 0, 0, 0]]
    assert can_end.tolist() == [[0, 0, 1, 0, 1, 0], [1, 0, 0, 1, 0, 0]]


def test_features_refuse_a_morpheme_outside_the_sentence():
    with pytest.raises(ValueError, match="outside a sentence of 2 characters"):
        morphology_features("가나", [Morpheme(1, 3, "NNG")])
    with pytest.raises(ValueError, match="outside"):
        morphology_features("가나", [Morpheme(1, 1, "NNG")])


# --- any string: offsets map back to the raw characters --------------------------------------

ODD = {
    "emoji": ("손흥민 😀 몇 살?", [("😀", "W_EMOJI")]),
    "zwj family, skin tone, flag": (
        "👨‍👩‍👧 가족 👍🏽 🇰🇷 국기",
        [("👨‍👩‍👧", "W_EMOJI"), ("👍🏽", "W_EMOJI")],
    ),
    "outside the BMP": ("𠀀𠀁 한자", [("𠀀𠀁", "SH"), ("한자", "NNG")]),
    "NFD hangul": (unicodedata.normalize("NFD", "한국어 문장"), []),
    "combining mark": ("e\u0301 가\u0301나", [("e", "SL")]),
    "control characters and NUL": ("a\x00b \x01\x02 테스트\x7f", [("테스트", "NNG")]),
    "full-width letters": ("ＡＢＣ 전각", [("ＡＢＣ", "SW")]),
    "spaces, tabs, newlines": ("  앞뒤  공백\t탭\n줄 \r\n", [("앞뒤", "NNG"), ("공백", "NNG")]),
    "BOM and zero-width space": ("\ufeff바이트\u200b순서", [("바이트", "NNG")]),
    "other spaces": ("가\u2028나\xa0다\u3000라\x1c마", []),
    # Kiwi reads a lone high surrogate with the next character (\ud800나 as one symbol):
    # analysed as U+FFFD, 나라 stays a word
    "lone surrogates": ("\ud800나라 lone 가\udc00나", [("\ud800", "SW"), ("나라", "NNG")]),
    "only whitespace": (" \t\n ", []),
    "empty": ("", []),
}


@pytest.mark.parametrize("case", list(ODD))
def test_odd_strings_map_back_to_their_raw_characters(case):
    sentence, expected = ODD[case]
    found = analyse([sentence])[0]
    for start, end, _tag in found:
        assert 0 <= start < end <= len(sentence)
        assert not sentence[start].isspace() and not sentence[end - 1].isspace()
    texts = [(sentence[start:end], tag) for start, end, tag in found]
    for piece in expected:
        assert piece in texts
    features = morphology_features(sentence, found)
    assert features.shape == (len(sentence), 3)
    if case == "NFD hangul":  # 8 + 6 jamo; Kiwi counts them, not syllables
        assert texts == [(unicodedata.normalize("NFD", "한국어"), "NNG"), (sentence[9:], "NNG")]


def test_a_one_megabyte_line_is_cut_not_fatal():
    line = ("대전광역시의 면적은 얼마야 " * 70_000)[:1_000_000] + " " + "a" * 50_000
    found = analyse([line, "아이유 나이"])
    assert found[1] == analyse(["아이유 나이"])[0]
    assert found[0] and max(end for _, end, _ in found[0]) <= DEFAULT.max_chars
    assert morphology_features(line, found[0]).shape == (len(line), 3)
    # past max_chars no morpheme: the features still mark the words
    tail = morphology_features(line, found[0])[DEFAULT.max_chars :]
    assert set(tail[:, P].tolist()) == {morphology.MORPH_POS_CLASSES.index("none")}
    assert (boundary_masks(tail[:, B])[0] == np.isin(tail[:, W], (2, 5))).all()


def test_long_sentences_are_analysed_in_pieces_cut_at_whitespace():
    settings = AnalyserSettings(chunk_chars=20, max_chars=100)
    sentence = "대전광역시의 면적은 얼마야 " * 6 + "가" * 30
    found = analyse([sentence], settings)[0]
    first_piece = analyse(["대전광역시의 면적은 얼마야"], settings)[0]
    assert found[: len(first_piece)] == first_piece
    assert max(end for _, end, _ in found) <= 100
    assert all(0 <= start < end <= len(sentence) for start, end, _ in found)


def odd_text() -> st.SearchStrategy[str]:
    """Text mixing Hangul, jamo, Latin, digits, spaces, emoji and any code point at all."""
    pools = st.sampled_from(
        list(
            "가나다한국어의는을 \t\n\u3000ᄀ\u1161\u11a8ㅋAz09.?!😀\u200d\U0001f3fd🇰\ufeff\u200b\x00"
        )
    )
    anything = st.integers(0, 0x10FFFF).map(chr)  # includes lone surrogates
    return st.text(alphabet=st.one_of(pools, pools, anything), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(odd_text(), min_size=1, max_size=8))
def test_every_morpheme_lies_inside_its_sentence_and_features_cover_it(sentences):
    analysed = analyse(sentences)
    assert len(analysed) == len(sentences)
    for sentence, found in zip(sentences, analysed):
        for start, end, tag in found:
            assert 0 <= start < end <= len(sentence)
            assert not sentence[start].isspace() and not sentence[end - 1].isspace()
            assert isinstance(tag, str) and tag
        features = morphology_features(sentence, found)
        assert features.shape == (len(sentence), 3) and features.dtype == np.int32
        for column, size in enumerate(MORPHOLOGY_VOCAB_SIZES):
            assert ((features[:, column] >= 1) & (features[:, column] < size)).all()
        space = np.array([char.isspace() for char in sentence], dtype=bool)
        assert ((features[:, W] == 1) == space).all()
        can_start, can_end = boundary_masks(features[:, B])
        # spans never start or end on whitespace; every word may be a span on its own
        assert not (can_start & space).any() and not (can_end & space).any()
        assert can_start[np.isin(features[:, W], (2, 5))].all()
        assert can_end[np.isin(features[:, W], (4, 5))].all()
    # batched and one at a time agree
    assert analysed[-1] == analyse(sentences[-1:])[0]


# --- the analyser: one per settings, threads, what a model records -----------------------------


def test_analysers_load_once_under_a_race_and_analyse_safely_from_threads(racing_loads):
    loaded = racing_loads
    assert len(loaded) == 6 and all(kiwi is loaded[0] for kiwi in loaded)
    assert morphology.get_analyser(PLAIN) is loaded[0]
    assert morphology.get_analyser(DEFAULT) is morphology.get_analyser(AnalyserSettings())
    assert morphology.get_analyser(DEFAULT) is not loaded[0]

    sentences = [
        "대전광역시 인구는?",
        "코니 윌리스의 태어난 곳은",
        "손흥민 😀 몇 살?",
        "WIKI PEDIA로 변재일 생년월일을 알고 싶어",
    ] * 25
    expected = analyse(sentences)
    results: dict[int, list] = {}
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            for _ in range(3):
                results[index] = analyse(sentences[index:] + sentences[:index])
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(index,)) for index in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    for index, found in results.items():
        assert found == expected[index:] + expected[:index]


def analyse_in_queue(queue, sentences: list[str]) -> None:
    queue.put(analyse(sentences, PLAIN))


def test_a_forked_process_analyses_with_its_own_analyser(racing_loads):
    # Kiwi's worker threads do not survive fork: an inherited Kiwi would hang on a batch
    sentences = ["대전광역시 인구는?", "아이유 나이", "코니 윌리스의 태어난 곳은"]
    expected = analyse(sentences, PLAIN)  # loaded here before the fork
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=analyse_in_queue, args=(queue, sentences))
    child.start()
    try:
        assert queue.get(timeout=120) == expected
    finally:
        child.join(10)
        if child.is_alive():
            child.kill()


def test_settings_round_trip_and_refuse_unknown_options():
    settings = AnalyserSettings(default_dict=False, typos="basic", max_chars=100)
    assert AnalyserSettings.from_dict(settings.to_dict()) == settings
    assert AnalyserSettings.from_dict({}) == DEFAULT
    with pytest.raises(ValueError, match="unknown analyser settings \\['dictionary'\\]"):
        AnalyserSettings.from_dict({"dictionary": True})
    with pytest.raises(ValueError, match="mecab"):
        AnalyserSettings(name="mecab")
    with pytest.raises(ValueError, match="chunk_chars"):
        AnalyserSettings(chunk_chars=0)


def test_the_description_names_the_installed_analyser():
    description = analyser_description(PLAIN)
    assert description["name"] == "kiwi"
    assert description["options"]["default_dict"] is False
    assert description["kiwipiepy"] == morphology.installed_versions()["kiwipiepy"]
    assert description["kiwipiepy_model"] == morphology.installed_versions()["kiwipiepy-model"]
    assert check_analyser(description) == PLAIN
    assert check_analyser(description, PLAIN) == PLAIN


def test_check_analyser_refuses_what_the_installed_one_cannot_reproduce(caplog):
    description = analyser_description(DEFAULT)
    kiwi, model = description["kiwipiepy"], description["kiwipiepy_model"]
    other_model = {**description, "kiwipiepy_model": "0.19.0"}
    with pytest.raises(AnalyserMismatchError) as refused:
        check_analyser(other_model)
    message = str(refused.value)
    assert f"kiwipiepy-model {model} is installed" in message
    assert f"pip install kiwipiepy=={kiwi} kiwipiepy-model==0.19.0, or retrain" in message
    assert isinstance(refused.value, ValueError)

    major, minor, *_ = kiwi.split(".")
    other_minor = {**description, "kiwipiepy": f"{major}.{int(minor) + 1}.0"}
    with pytest.raises(AnalyserMismatchError, match="kiwipiepy"):
        check_analyser(other_minor)

    with pytest.raises(AnalyserMismatchError, match="default_dict: model True, asked False"):
        check_analyser(description, PLAIN)
    with pytest.raises(AnalyserMismatchError, match="cannot read"):
        check_analyser({**description, "options": {**description["options"], "new": 1}})
    with pytest.raises(AnalyserMismatchError, match="lacks"):
        check_analyser({"name": "kiwi"})

    patched = {**description, "kiwipiepy": f"{major}.{minor}.999"}
    with caplog.at_level(logging.WARNING, logger="joint_nlu.morphology"):
        assert check_analyser(patched) == DEFAULT
    assert f"kiwipiepy {major}.{minor}.999" in caplog.text
