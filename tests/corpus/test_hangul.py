"""Tests of the Korean helpers: particles after the last sound, conjugation, realistic typos."""

from __future__ import annotations

import random

import pytest

from joint_nlu.corpus.hangul import COMMON_MISSPELLINGS, attach, copula_forms, typo, verb_forms


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [("박지성", "은", "은"), ("자강", "의", "의"), ("라이프", "을", "를"), ("푸조 508", "이", "이"),
     ("K5", "은", "는"), ("F-16", "을", "을"), ("BTS", "가", "가"), ("EXO", "는", "는"),
     ("RM", "은", "은"), ("서울", "으로", "로"), ("위키백과", "으로", "로"), ("인터넷", "으로", "으로"),
     ("WIKI PEDIA", "으로", "로"), ("위키 피디아", "에서", "에서"), ("갤럭시 S23", "이", "이")],
)  # fmt: skip
def test_particles_follow_the_last_sound(word: str, particle: str, expected: str) -> None:
    assert attach(word, particle) == expected


def test_conjugation() -> None:
    assert copula_forms("몇 살")["polite"] == "몇 살이에요"
    assert copula_forms("어디")["polite"] == "어디예요"
    assert copula_forms("뭐")["embedded"] == "뭔지"
    assert verb_forms("얼마나 무거", "b")["formal"] == "얼마나 무겁습니까"
    assert verb_forms("얼마나 기", "l")["embedded"] == "얼마나 긴지"
    assert verb_forms("어디서 뛰", "vowel_eo")["formal"] == "어디서 뜁니까"


def test_typos_are_ones_people_make() -> None:
    rng = random.Random(0)
    assert typo("알려줘", rng) in COMMON_MISSPELLINGS["알려줘"]
    for _ in range(200):
        changed = typo("생일이", rng)
        assert len(changed) == len("생일이")  # no swapped or doubled syllables
        assert sum(a != b for a, b in zip(changed, "생일이", strict=True)) <= 1
