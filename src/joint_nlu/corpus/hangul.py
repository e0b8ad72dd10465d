"""Korean morphology helpers: batchim, particles, conjugation and typing noise.

Pure string rules; no knowledge of entities or phrasings (lexicon.py, templates.py).
"""

from __future__ import annotations

import random

_SYLLABLE_FIRST = 0xAC00
_SYLLABLE_LAST = 0xD7A3
_FINAL_RIEUL = 8
# digits read in Sino-Korean: 영 일 이 삼 사 오 육 칠 팔 구
_DIGIT_HAS_FINAL = {"0": True, "1": True, "2": False, "3": True, "4": False,
                    "5": False, "6": True, "7": True, "8": True, "9": False}  # fmt: skip
_DIGIT_FINAL_IS_RIEUL = {"1", "7", "8"}
# Latin letters read in Korean whose name ends with a consonant: 엘 엠 엔 알
_LATIN_WITH_FINAL = set("lmnrLMNR")

# Particle pairs: (after a final consonant, after a vowel)
PARTICLES: dict[str, tuple[str, str]] = {
    "은": ("은", "는"),
    "는": ("은", "는"),
    "이": ("이", "가"),
    "가": ("이", "가"),
    "을": ("을", "를"),
    "를": ("을", "를"),
    "과": ("과", "와"),
    "와": ("과", "와"),
    "이란": ("이란", "란"),
    "이라는": ("이라는", "라는"),
    "이랑": ("이랑", "랑"),
    "으로": ("으로", "로"),
    "로": ("으로", "로"),
    "이야": ("이야", "야"),
    "이라고": ("이라고", "라고"),
    "이나": ("이나", "나"),
}


def is_hangul_syllable(char: str) -> bool:
    """Return whether ``char`` is a precomposed Hangul syllable."""
    return _SYLLABLE_FIRST <= ord(char) <= _SYLLABLE_LAST


def final_consonant(word: str) -> int | None:
    """Return the final-consonant index (0 = none, 8 = ㄹ) of the word's last sound, None if unknown."""
    last = word.rstrip()[-1:]
    if not last:
        return None
    if is_hangul_syllable(last):
        return (ord(last) - _SYLLABLE_FIRST) % 28
    if last in _DIGIT_HAS_FINAL:
        if not _DIGIT_HAS_FINAL[last]:
            return 0
        return _FINAL_RIEUL if last in _DIGIT_FINAL_IS_RIEUL else 1
    if last in _LATIN_WITH_FINAL:
        return _FINAL_RIEUL if last in "lLrR" else 1
    if last.isascii() and last.isalpha():
        return 0
    return None


def attach(word: str, particle: str, rng: random.Random | None = None) -> str:
    """Return the particle form that follows ``word`` (은/는, 이/가, 으로/로 ...)."""
    if particle not in PARTICLES:
        return particle
    with_final, without_final = PARTICLES[particle]
    final = final_consonant(word)
    last = word[-1:]
    # For Latin letters Korean writers disagree (BTS는 / BTS은): pick either now and then.
    if rng is not None and last.isascii() and last.isalpha() and rng.random() < 0.2:
        final = rng.choice([0, 1])
    if final is None:
        final = rng.choice([0, 1]) if rng is not None else 0
    if particle in ("으로", "로"):
        return without_final if final in (0, _FINAL_RIEUL) else with_final
    return with_final if final else without_final


_IRREGULAR_COPULA = {
    "뭐": {
        "polite_q": "뭔가요",
        "formal": "무엇입니까",
        "wonder": "뭘까",
        "wonder_polite": "뭘까요",
        "soft": "뭔데요",
        "embedded": "뭔지",
    },
    "무엇": {"casual": "무엇이냐", "musing": "무엇일까"},
}


def copula_forms(noun: str) -> dict[str, str]:
    """Return the copula endings of a predicate noun phrase, keyed by register."""
    forms = _regular_copula(noun)
    for tail, overrides in _IRREGULAR_COPULA.items():
        if noun == tail or noun.endswith(" " + tail):
            head = noun[: len(noun) - len(tail)]
            forms.update({key: head + value for key, value in overrides.items()})
    return forms


def _regular_copula(noun: str) -> dict[str, str]:
    final = final_consonant(noun)
    vowel = final == 0
    return {
        "casual": noun + ("야" if vowel else "이야"),
        "casual_q": noun + ("니" if vowel else "이니"),
        "rough": noun + ("냐" if vowel else "이냐"),
        "musing": noun + ("지" if vowel else "이지"),
        "polite": noun + ("예요" if vowel else "이에요"),
        "polite_q": noun + "인가요",
        "polite_tag": noun + ("죠" if vowel else "이죠"),
        "formal": noun + "입니까",
        "note": noun + "임",
        "bare": noun,
        "wonder": noun + "일까",
        "wonder_polite": noun + "일까요",
        "soft": noun + "인데요",
        "embedded": noun + "인지",
    }


def verb_forms(stem: str, pattern: str) -> dict[str, str]:
    """Return the endings of a verb or adjective phrase keyed by register.

    ``pattern`` is one of: ``되`` (되다), ``하`` (…하다), ``past`` (stem ending in 았/었/했),
    ``a`` (높다-like: 높아), ``eo`` (넓다-like: 넓어), ``b`` (무겁다: stem given without ㅂ, e.g.
    ``무거``), ``l`` (길다: stem without ㄹ, e.g. ``기``), ``eu`` (크다: stem without ㅡ, ``크``),
    ``vowel_eo`` (뛰다: 뛰어), ``ga`` (나가다).
    """
    s = stem
    if pattern == "되":
        return _forms(s + "돼", s + "돼요", s + "되나요", s + "되니", s + "되냐", s + "되지",
                      s + "됩니까", s + "될까", s + "될까요", s + "되는데요", s + "되는지", s + "되죠")  # fmt: skip
    if pattern == "하":
        return _forms(s + "해", s + "해요", s + "하나요", s + "하니", s + "하냐", s + "하지",
                      s + "합니까", s + "할까", s + "할까요", s + "하는데요", s + "하는지", s + "하죠")  # fmt: skip
    if pattern == "past":
        return _forms(s + "어", s + "어요", s + "나요", s + "니", s + "냐", s + "지",
                      s + "습니까", s + "을까", s + "을까요", s + "는데요", s + "는지", s + "죠")  # fmt: skip
    if pattern == "a":
        return _forms(s + "아", s + "아요", s + "나요", s + "니", s + "냐", s + "지",
                      s + "습니까", s + "을까", s + "을까요", s + "은데요", s + "은지", s + "죠")  # fmt: skip
    if pattern == "eo":
        return _forms(s + "어", s + "어요", s + "나요", s + "니", s + "냐", s + "지",
                      s + "습니까", s + "을까", s + "을까요", s + "은데요", s + "은지", s + "죠")  # fmt: skip
    if pattern == "b":  # 무거 → 무거워, 무겁나요
        b = _add_final(s[-1], 17)
        head = s[:-1]
        return _forms(s + "워", s + "워요", head + b + "나요", head + b + "니", head + b + "냐",
                      head + b + "지", head + b + "습니까", s + "울까", s + "울까요", s + "운데요",
                      s + "운지", head + b + "죠")  # fmt: skip
    if pattern == "l":  # 기 → 길어, 기나요, 깁니까, 길까, 긴지
        last = s[-1]
        head = s[:-1]
        return _forms(head + _add_final(last, 8) + "어", head + _add_final(last, 8) + "어요",
                      s + "나요", s + "니", s + "냐", head + _add_final(last, 8) + "지",
                      head + _add_final(last, 17) + "니까", head + _add_final(last, 8) + "까",
                      head + _add_final(last, 8) + "까요", head + _add_final(last, 4) + "데요",
                      head + _add_final(last, 4) + "지", head + _add_final(last, 8) + "죠")  # fmt: skip
    if pattern == "eu":  # 크 → 커, 크나요, 큽니까, 클까, 큰지
        last = s[-1]
        head = s[:-1]
        wide = head + _swap_vowel(last, 4)  # ㅡ → ㅓ
        return _forms(wide, wide + "요", s + "나요", s + "니", s + "냐", s + "지",
                      head + _add_final(last, 17) + "니까", head + _add_final(last, 8) + "까",
                      head + _add_final(last, 8) + "까요", head + _add_final(last, 4) + "데요",
                      head + _add_final(last, 4) + "지", s + "죠")  # fmt: skip
    if pattern == "vowel_eo":  # 뛰 → 뛰어, 뜁니까, 뛸까
        last = s[-1]
        head = s[:-1]
        return _forms(s + "어", s + "어요", s + "나요", s + "니", s + "냐", s + "지",
                      head + _add_final(last, 17) + "니까", head + _add_final(last, 8) + "까",
                      head + _add_final(last, 8) + "까요", s + "는데요", s + "는지", s + "죠")  # fmt: skip
    if pattern == "ga":  # 나가 → 나가, 나갑니까
        last = s[-1]
        head = s[:-1]
        return _forms(s, s + "요", s + "나요", s + "니", s + "냐", s + "지",
                      head + _add_final(last, 17) + "니까", head + _add_final(last, 8) + "까",
                      head + _add_final(last, 8) + "까요", s + "는데요", s + "는지", s + "죠")  # fmt: skip
    raise ValueError(f"unknown conjugation pattern {pattern!r}")


def _forms(
    casual: str, polite: str, polite_q: str, casual_q: str, rough: str, musing: str,
    formal: str, wonder: str, wonder_polite: str, soft: str, embedded: str, polite_tag: str,
) -> dict[str, str]:  # fmt: skip
    return {
        "casual": casual,
        "polite": polite,
        "polite_q": polite_q,
        "casual_q": casual_q,
        "rough": rough,
        "musing": musing,
        "formal": formal,
        "wonder": wonder,
        "wonder_polite": wonder_polite,
        "soft": soft,
        "embedded": embedded,
        "polite_tag": polite_tag,
    }


def _compose(lead: int, vowel: int, final: int) -> str:
    return chr(_SYLLABLE_FIRST + (lead * 21 + vowel) * 28 + final)


def _split(syllable: str) -> tuple[int, int, int]:
    code = ord(syllable) - _SYLLABLE_FIRST
    return code // 588, (code % 588) // 28, code % 28


def _add_final(syllable: str, final: int) -> str:
    lead, vowel, _ = _split(syllable)
    return _compose(lead, vowel, final)


def _swap_vowel(syllable: str, vowel: int) -> str:
    lead, _, final = _split(syllable)
    return _compose(lead, vowel, final)


# Vowels typed by neighbouring keys on the 2-beolsik layout (indices into the 21 medial vowels).
_NEIGHBOUR_VOWELS = {0: [4, 1], 4: [0, 8], 8: [4, 13], 13: [8, 18], 18: [13, 20], 20: [18, 13],
                     1: [5, 0], 5: [1, 4], 2: [6, 0], 6: [2, 4], 12: [17, 8], 17: [12, 13]}  # fmt: skip

COMMON_MISSPELLINGS: dict[str, list[str]] = {
    "알려줘": ["알려죠", "알려져", "알러줘", "알려쥬", "알려조", "알랴줘"],
    "알려주세요": ["알려주세여", "알려주새요", "알려 주세여"],
    "얼마야": ["얼마냐", "얼마여", "얼마양"],
    "궁금해": ["궁굼해", "궁금헤", "궁금행"],
    "궁금합니다": ["궁굼합니다"],
    "몇": ["몃", "멫"],
    "어떻게": ["어떡게", "어떻개", "어케", "어떠케"],
    "돼": ["되"],
    "돼요": ["되요"],
    "되나요": ["돼나요"],
    "되는지": ["돼는지"],
    "싶어": ["시퍼", "싶엉"],
    "몸무게": ["몸무계", "몸무개"],
    "생년월일": ["생연월일", "생년워일"],
    "태어났어": ["태어났써", "태어낫어", "태어났어여"],
    "태어났는지": ["태어낫는지"],
    "면적": ["면젹", "면쩍"],
    "높이": ["높히", "놉이"],
    "넓이": ["널이", "넓히"],
    "뭐야": ["모야", "머야", "뭐냐", "뭐양"],
    "뭐예요": ["뭐에요", "머예요"],
    "예요": ["에요"],
    "인가요": ["인가여", "인가욤"],
    "어디야": ["어디냐", "어댜"],
    "소속": ["소솎"],
    "검색해줘": ["검샊해줘", "검색해죠", "검섹해줘"],
    "찾아줘": ["차자줘", "찾아죠"],
    "무게": ["무개"],
    "길이": ["기리", "길이이"],
    "얼마나": ["얼만큼", "얼마냐"],
    "말해줘": ["말해죠", "말해주"],
    "고향": ["고햔"],
    "위키백과": ["위키벡과"],
    "설명해줘": ["설명해죠", "셜명해줘"],
    "의미": ["의미미", "으미"],
    "키": ["킈"],
}


def typo(word: str, rng: random.Random) -> str:
    """Return ``word`` with one realistic typing mistake (or unchanged if none applies): a
    common misspelling or informal spelling when the word has one, else a vowel typed with a
    neighbouring key or a dropped final consonant."""
    if word in COMMON_MISSPELLINGS:
        return rng.choice(COMMON_MISSPELLINGS[word])
    positions = [i for i, ch in enumerate(word) if is_hangul_syllable(ch)]
    if not positions:
        return word
    i = rng.choice(positions)
    lead, vowel, final = _split(word[i])
    if final and rng.random() < 0.4:
        return word[:i] + _compose(lead, vowel, 0) + word[i + 1 :]
    if vowel in _NEIGHBOUR_VOWELS:
        return (
            word[:i] + _compose(lead, rng.choice(_NEIGHBOUR_VOWELS[vowel]), final) + word[i + 1 :]
        )
    return word
