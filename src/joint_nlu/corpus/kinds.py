"""Entity kinds: what each Wikidata class and each name shape of Kiwi's dictionaries is, and which
kinds each intent asks about.

The tables here were made by reading samples of every frequent class of ``multi.dict`` (20 or
more names each) and of every suffix rule over ``default.dict``: the comments say what a class
turned out to hold. Classes whose names are not things people ask these questions about
(fictional characters, schools, albums of songs that read like sentences, disambiguation pages,
clans, documents) are not mapped and never used.

This module classifies names; it does not draw or split them (``lexicon.py``) and knows no
phrasing (``templates.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def word_list(text: str) -> list[str]:
    """Split a space-separated list of words (the compact way the tables here are written)."""
    return text.split()


# -- kinds and their families -----------------------------------------------------------------

# kind -> family; the family decides attribute words, context and the checker's vocabulary.
KIND_FAMILY: dict[str, str] = {
    "person_kr": "person", "person_foreign": "person", "person_stage": "person",
    "country": "region", "state": "region", "city": "region", "island": "region",
    "lake": "region", "park": "region", "airport": "region", "region": "region",
    "site": "region",
    "mountain": "mountain", "pass": "mountain", "waterfall": "mountain", "range": "mountain",
    "river": "water", "strait": "water", "canal": "water",
    "bridge": "route", "tunnel": "route", "road": "route", "railway": "route",
    "building": "structure", "monument": "structure", "dam": "structure",
    "tree": "tree",
    "car": "vehicle", "train_aircraft": "vehicle", "ship": "vehicle", "weapon": "vehicle",
    "device": "device", "animal": "animal", "star": "celestial", "galaxy": "celestial",
    "concept": "concept", "disease": "concept", "work": "concept", "event": "concept",
    "organisation": "concept", "team": "team", "company": "company", "band": "band",
}  # fmt: skip
KINDS: tuple[str, ...] = tuple(KIND_FAMILY)
PERSON_KINDS: tuple[str, ...] = tuple(k for k, f in KIND_FAMILY.items() if f == "person")

# What a thing of each kind is called (a generic noun: ``그 산``, ``이 다리``); used by the
# checker to tell the kind a context word speaks of.
KIND_NOUNS: dict[str, tuple[str, ...]] = {
    "person_kr": ("사람",), "person_foreign": ("사람",), "person_stage": ("가수", "멤버"),
    "country": ("나라", "국가"), "state": ("나라", "왕국", "제국"), "city": ("도시", "동네", "지역"),
    "island": ("섬",), "lake": ("호수", "저수지"), "park": ("공원",), "airport": ("공항",),
    "region": ("지역", "반도", "사막"), "site": ("광장", "궁전", "경기장"),
    "mountain": ("산", "봉우리"), "pass": ("고개",), "range": ("산맥",),
    "waterfall": ("폭포",), "river": ("강", "하천", "개천"), "strait": ("해협",), "canal": ("운하",),
    "bridge": ("다리", "교량"), "tunnel": ("터널",), "road": ("도로", "길", "고속도로"),
    "railway": ("철도", "노선"), "building": ("건물", "빌딩", "건축물"),
    "monument": ("문화재", "석탑", "불상"), "dam": ("댐",), "tree": ("나무", "노거수"),
    "car": ("차", "자동차", "차량"), "train_aircraft": ("기체", "열차", "비행기"),
    "ship": ("배", "선박", "함정"), "weapon": ("무기",), "device": ("기기", "폰", "제품"),
    "animal": ("동물",), "star": ("별", "항성"), "galaxy": ("은하", "성운"),
    "concept": ("개념", "용어"), "disease": ("병", "질환"), "work": ("작품",),
    "event": ("사건",), "organisation": ("단체", "기관"), "team": ("팀", "구단"),
    "company": ("회사", "기업"), "band": ("그룹", "밴드"),
}  # fmt: skip

# -- Wikidata classes of multi.dict -------------------------------------------------------------
# Class -> kind. What each class holds was read off samples of its names (see the module doc).
WIKIDATA_KINDS: dict[str, str] = {
    "Q5": "person_foreign",  # human: mostly foreign people (Korean names are written unspaced)
    "Q11424": "work",  # film
    "Q7889": "work",  # video game
    "Q5398426": "work",  # television series
    "Q7725634": "work",  # literary work (novels)
    "Q15416": "work",  # television programme
    "Q47461344": "work",  # written work (books)
    "Q63952888": "work",  # anime television series
    "Q21198342": "work",  # manga series
    "Q1366112": "work",  # television drama
    "Q3305213": "work",  # painting
    "Q105543609": "work",  # musical work (symphonies, anthems)
    "Q476028": "team",  # association football club
    "Q4830453": "company",  # business
    "Q891723": "company",  # public company
    "Q6881511": "company",  # enterprise
    "Q215380": "band",  # musical group
    "Q34442": "road",  # road (motorways, national roads, famous streets)
    "Q728937": "railway",  # railway line
    "Q3231690": "car",  # automobile model
    "Q94993988": "airport",  # commercial airport
    "Q3024240": "state",  # historical country (kingdoms, empires)
    "Q43229": "organisation",  # organisation
    "Q7278": "organisation",  # political party
    "Q178561": "event",  # battle
    "Q523": "star",  # star
    "Q67206691": "galaxy",  # galaxies, nebulae, clusters
    "Q8502": "mountain",  # mountain
    "Q133056": "pass",  # mountain pass
    "Q4022": "river",  # river
    "Q23442": "island",  # island
    "Q515": "city",  # city
    "Q3957": "city",  # town
    "Q1549591": "city",  # big city
    "Q1093829": "city",  # city of the United States
    "Q11862829": "concept",  # academic discipline
    "Q188451": "concept",  # music genre
    "Q113145171": "concept",  # chemical compound (type of)
    "Q7397": "work",  # software (products: asked what they are, not what they mean)
    "Q341": "work",  # free software
    "Q35127": "work",  # website
    "Q112193867": "disease",  # class of disease
    "Q210272": "heritage",  # cultural heritage: split by the name's last word below
    "Q1081138": "heritage",  # historic site: likewise
}
# Classes held out of training: the hidden set asks about entities of classes it never saw.
HELD_OUT_CLASSES: tuple[str, ...] = ("Q133056", "Q4022", "Q1549591", "Q1093829", "Q112193867",
                                     "Q67206691", "Q6881511")  # fmt: skip

# Cultural heritage and historic sites: the kind follows the last element of the name.
HERITAGE_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("느티나무", "tree"), ("은행나무", "tree"), ("소나무", "tree"), ("향나무", "tree"),
    ("팽나무", "tree"), ("회화나무", "tree"), ("왕버들", "tree"), ("이팝나무", "tree"),
    ("나무", "tree"), ("석탑", "monument"), ("승탑", "monument"), ("좌상", "monument"),
    ("입상", "monument"), ("마애불", "monument"), ("석등", "monument"), ("당간지주", "monument"),
    ("불상", "monument"), ("석불", "monument"), ("탑", "monument"), ("대웅전", "building"), ("극락전", "building"), ("향교", "building"),
    ("서원", "building"), ("성당", "building"), ("교회", "building"), ("누각", "building"),
    ("대성당", "building"), ("궁", "building"),
)  # fmt: skip

# Words inside a person's title that make it a title plus a name (``교황 그레고리오 7세``,
# ``웰링턴 공작 아서 웰즐리``): the convention tags titles C, so such names are left out.
PERSON_TITLE_WORDS = frozenset(
    word_list(
        "교황 황제 황후 왕 왕비 왕자 공주 공작 백작 후작 자작 남작 대공 추기경 주교 성인 성녀 장군 "
        "국왕 여왕 술탄 칸 대왕 부인 경 목사 신부 박사 어머니 아버지 아들 딸 형제 자매 주니어"
    )
)

# -- Korean personal names ---------------------------------------------------------------------
# Surnames that start most Korean names (and the two-syllable ones), and syllables that make up
# given names. A three-syllable word of default.dict made of them is a person's name, unless its
# last syllable is a place element (``…산``, ``…천``, ``…역``) that makes it ambiguous.
SURNAMES = frozenset(
    word_list(
        "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 "
        "심 노 하 곽 성 차 주 우 구 민 진 나 지 엄 변 표 함 현 방 공 천 명 석 설 추 염 육 탁 채 원"
    )
)
COMPOUND_SURNAMES = ("남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방")
GIVEN_SYLLABLES = frozenset(
    word_list(
        "가 간 갑 강 건 걸 겸 경 계 고 곤 공 관 광 교 구 국 군 권 규 균 근 금 기 길 나 난 남 녀 "
        "노 누 다 단 달 담 대 덕 도 돈 동 두 득 라 란 람 래 량 려 련 렬 령 례 로 록 론 룡 루 륜 "
        "률 름 리 린 림 마 만 매 명 모 목 몽 무 문 미 민 바 박 반 방 배 백 범 법 벽 별 병 보 복 본 "
        "봉 부 분 비 빈 빛 사 산 삼 상 새 서 석 선 설 섭 성 세 소 솔 송 수 숙 순 술 숭 슬 승 시 식 "
        "신 실 심 아 안 애 야 양 언 엄 여 연 열 염 엽 영 예 오 옥 온 완 왕 요 용 우 욱 운 웅 원 월 "
        "위 유 육 윤 율 융 은 을 응 의 이 익 인 일 임 자 작 장 재 전 정 제 조 종 주 준 중 지 직 "
        "진 찬 창 채 천 철 청 춘 충 치 칠 탁 태 택 판 평 표 풍 필 하 학 한 함 항 해 행 향 허 헌 "
        "혁 현 협 형 혜 호 홍 화 환 활 황 회 효 후 훈 휘 흠 흥 희"
    )
)
# Last syllables that make a surname-like word more likely a place or a thing than a person.
PLACE_FINALS = frozenset(
    word_list("산 강 천 섬 로 역 면 읍 리 동 군 구 시 교 항 령 사 길 봉 당 관 탑 궁 문")
)


# Last syllables that end titles of songs, books and doctrines (``…가``, ``…전``, ``…론``) far
# more often than given names.
NOT_GIVEN_FINALS = frozenset(word_list("가 전 록 론 설 법 과"))


def is_korean_person_name(word: str) -> bool:
    """Return whether ``word`` reads as a Korean personal name: a surname then a given name of
    two common given-name syllables (three syllables, or four with a two-syllable surname), its
    last syllable not a place element."""
    if len(word) not in (3, 4) or not all("가" <= c <= "힣" for c in word):
        return False
    if len(word) == 4:
        surname, given = word[:2], word[2:]
        if surname not in COMPOUND_SURNAMES:
            return False
    else:
        surname, given = word[0], word[1:]
        if surname not in SURNAMES:
            return False
    if given[-1] in PLACE_FINALS or given[-1] in NOT_GIVEN_FINALS:
        return False
    return all(s in GIVEN_SYLLABLES for s in given)


# -- default.dict: kinds told by a name's last element ---------------------------------------------
# (suffix, kind, corroborate): with ``corroborate`` the stem before the suffix must also name a
# place elsewhere in the dictionary (``회야강`` and ``회야천``), because the suffix alone is
# ambiguous (``…강`` is also a biological class, ``…산`` an acid, ``…천`` a given name).
SUFFIX_KINDS: tuple[tuple[str, str, bool], ...] = (
    ("국립공원", "park", False), ("도립공원", "park", False), ("군립공원", "park", False),
    ("공원", "park", True), ("수목원", "park", True), ("휴양림", "park", True),
    ("고속도로", "road", False), ("순환로", "road", False), ("대로", "road", False),
    ("고속철도", "railway", False), ("고속선", "railway", False), ("본선", "railway", False),
    ("대교", "bridge", False), ("철교", "bridge", False), ("터널", "tunnel", False),
    ("국제공항", "airport", False), ("공항", "airport", False), ("저수지", "lake", False),
    ("호수", "lake", False), ("폭포", "waterfall", False), ("해협", "strait", False),
    ("반도", "region", False), ("댐", "dam", False), ("타워", "building", False),
    ("빌딩", "building", False), ("대성당", "building", False), ("성당", "building", False),
    ("궁전", "building", False), ("박물관", "building", False), ("미술관", "building", False),
    ("기념관", "building", False), ("경기장", "building", False), ("야구장", "building", False),
    ("석탑", "monument", False), ("고개", "pass", False), ("항공", "company", False),
    ("주의", "concept", False), ("이론", "concept", False), ("법칙", "concept", False),
    ("효과", "concept", False), ("현상", "concept", False), ("증후군", "disease", False),
    ("조약", "event", False), ("해전", "event", False), ("산맥", "range", False),
    ("광장", "site", True), ("수열", "concept", False), ("방정식", "concept", False),
    ("열도", "island", False), ("군도", "island", False), ("기념탑", "monument", False),
    ("기념비", "monument", False), ("평야", "region", True), ("고원", "region", True),
    ("섬", "island", True), ("강", "river", True), ("천", "river", True),
    ("산", "mountain", True), ("봉", "mountain", True), ("읍", "city", True), ("면", "city", True),
)  # fmt: skip
ANIMAL_HEADS: tuple[str, ...] = (
    "고래", "돌고래", "상어", "원숭이", "거북", "곰", "사슴", "독수리", "여우", "늑대", "호랑이",
    "표범", "펭귄", "앵무", "악어", "코끼리", "하이에나", "고양이", "올빼미", "부엉이", "두루미",
    "황새", "가오리", "참새", "도마뱀", "개구리", "물범", "바다사자", "얼룩말", "영양",
)  # fmt: skip
# Suffix kinds whose names must be short to read as names (long ones are dictionary oddities).
_MAX_SYLLABLES = {"river": 4, "mountain": 4, "island": 4, "city": 3, "animal": 6}
# Stems that name a place when they occur before one of these elements elsewhere.
_PLACE_ELEMENTS = ("동", "리", "면", "읍", "역", "터널", "사", "천", "저수지", "고개", "령", "봉",
                   "산성", "읍성", "군", "시", "구", "초등학교", "중학교", "고등학교", "대교", "항",
                   "해수욕장", "댐", "산", "강", "섬", "공원", "마을", "향교", "나루", "포구",
                   "계곡", "도")  # fmt: skip
# Words that end like a place or an animal but are not one (the stems were corroborated by chance
# or the word is a common noun of the dictionary).
NOT_NAMES = frozenset(
    word_list(
        "유리가면 노래의섬 음향효과 하얀거탑 푸른거탑 냉각탑 방송탑 저장탑 파수탑 흰고래 "
        "개운동 조운동 나운동 구운동 다운동 용운동 영운동 생산 재산 유산 회전자 차이나타운 "
        "울란곰 물곰 카레곰"
    )
)


_ELEMENTS_BY_LAST: dict[str, tuple[str, ...]] = {}
for _element in _PLACE_ELEMENTS:
    _ELEMENTS_BY_LAST[_element[-1]] = _ELEMENTS_BY_LAST.get(_element[-1], ()) + (_element,)


def place_stems(words: Iterable[str]) -> dict[str, frozenset[str]]:
    """Return, for every two- or three-syllable stem, the place elements it occurs before."""
    stems: dict[str, set[str]] = {}
    for word in words:
        for element in _ELEMENTS_BY_LAST.get(word[-1], ()):
            if word.endswith(element) and 2 <= len(word) - len(element) <= 3:
                stems.setdefault(word[: -len(element)], set()).add(element)
    return {stem: frozenset(elements) for stem, elements in stems.items()}


# Stems that are common nouns, not names (``문화공원``, ``평화공원``: a kind of park).
GENERIC_STEMS = frozenset(
    word_list(
        "문화 평화 해양 호수 희망 샘터 중앙 어린이 생태 체육 근린 국정 국영 시민 역사 과학 자연 세계 "
        "국가 국제 지방 도시 도심 산림 민속 전통 현대 미래 통일 자유 청소년 교통 우주 한국 대한 "
        "가물막이 아치 고무 사방 조정지 침매 보존 지선 간선 광역 해저 구조 전승"
    )
)


def _by_last(items: Iterable[tuple]) -> dict[str, tuple]:
    table: dict[str, list] = {}
    for item in items:
        table.setdefault(item[0][-1], []).append(item)
    return {last: tuple(group) for last, group in table.items()}


_SUFFIXES_BY_LAST = _by_last(SUFFIX_KINDS)
_HANGUL_WORD = re.compile(r"[가-힣]{2,12}")


_ANIMALS_BY_LAST: dict[str, tuple[str, ...]] = {}
for _head in ANIMAL_HEADS:
    _ANIMALS_BY_LAST[_head[-1]] = _ANIMALS_BY_LAST.get(_head[-1], ()) + (_head,)


def kind_of_word(
    word: str, stems: dict[str, frozenset[str]], frequent: frozenset[str] = frozenset()
) -> str | None:
    """Return the kind of a single-word name of default.dict, or None when it cannot be told.

    ``stems``: ``place_stems`` of the dictionary; ``frequent``: words frequent in text, which
    are not taken for personal names (``지배권``, ``주민수`` read as surname + given name)."""
    last = word[-1]
    suffixes = _SUFFIXES_BY_LAST.get(last, ())
    heads = _ANIMALS_BY_LAST.get(last, ())
    maybe_person = len(word) in (3, 4) and (word[0] in SURNAMES or word[:2] in COMPOUND_SURNAMES)
    if not (suffixes or heads or maybe_person):
        return None
    if _HANGUL_WORD.fullmatch(word) is None or word in NOT_NAMES:
        return None
    if maybe_person and is_korean_person_name(word):
        # 모란정, 이천수: a place stem inside makes it a pavilion, a stream ... as well
        if word[:2] in stems or word in frequent:
            return None
        return "person_kr"
    for suffix, kind, corroborate in suffixes:
        if not word.endswith(suffix) or len(word) - len(suffix) < 2:
            continue
        if len(word) > _MAX_SYLLABLES.get(kind, 12):
            return None
        stem = word[: -len(suffix)]
        if stem in GENERIC_STEMS:
            return None
        if corroborate and not (stems.get(stem, frozenset()) - {suffix}):
            return None
        if (
            corroborate
            and stem[0] in SURNAMES
            and len(word) == 3
            and (all(s in GIVEN_SYLLABLES for s in word[1:]))
        ):
            return None  # 김태강, 이원도: could be a person as well
        return kind
    for head in heads:
        if word.endswith(head) and len(word) > len(head) and len(word) <= 6:
            return "animal"
    return None


_LATIN_PAIR_OR_DIGIT = re.compile(r"[A-Za-z]{2}|\d")
_SENTENCE_END = re.compile(r"(다|요|까|네|자|라)$")
_POSSESSIVE_KINDS = ("state", "organisation", "event", "city", "island", "region")


def kind_of_entry(title: str, wikidata: str) -> str | None:
    """Return the kind of a multi.dict title of class ``wikidata``, or None to leave it out."""
    kind = WIKIDATA_KINDS.get(wikidata)
    if kind is None:
        return None
    words = title.split(" ")
    if kind in _POSSESSIVE_KINDS and any(w.endswith("의") for w in words[:-1]):
        return None  # 스위스의 복고와 재생: a description, not a name
    if kind == "heritage":
        return next((k for s, k in HERITAGE_SUFFIXES if words[-1].endswith(s)), None)
    if kind == "person_foreign":
        if len(words) > 3 or any(w in PERSON_TITLE_WORDS or w.endswith("의") for w in words):
            return None
        if len(words[0]) == 1 and "가" <= words[0] <= "힣":
            return None  # 당 순종, 원 혜종: a dynasty and a temple name, not a personal name
        if _LATIN_PAIR_OR_DIGIT.search(title):
            return None
    # works: titles that read like sentences or slogans are not names people ask about
    if kind == "work" and (len(words) > 3 or len(title) > 12 or _SENTENCE_END.search(title)):
        return None
    if kind in ("concept", "organisation", "company", "team", "band") and len(title) > 16:
        return None
    return kind


# -- generic head nouns of titles ----------------------------------------------------------------
# The last word of many titles is a generic noun that belongs to the name (``[나이아가라 폭포]``,
# ``[옴의 법칙]``, ``[천안문 광장]``). Longest first, so ``국제공항`` is found before ``공항``.
GENERIC_HEADS: tuple[str, ...] = tuple(
    sorted(
        word_list(
            "해협 폭포 광장 스퀘어 신전 제도 열도 군도 기념탑 기념비 기념관 공원 국립공원 파크 사막 "
            "운하 대운하 성당 대성당 궁전 구장 야구장 경기장 스타디움 사원 모스크 파고다 법칙 수열 "
            "정리 원리 효과 이론 방정식 가설 추측 공식 전쟁 대전 전투 해전 조약 협정 의정서 협약 선언 "
            "회담 혁명 사건 운동 위기 산맥 반도 평야 고원 분지 공항 국제공항 터널 대교 다리 철교 "
            "고속도로 순환로 대로 댐 호수 저수지 석탑 동상 등대 박물관 미술관 빌딩 타워 전망대"
        ),
        key=len,
        reverse=True,
    )
)


def generic_head(name: str) -> str | None:
    """Return the generic head noun a name ends with (``폭포`` for ``나이아가라 폭포`` and
    ``천지연폭포``), or None; the rest of the name must be at least two characters long."""
    key = name.replace(" ", "")
    for head in GENERIC_HEADS:
        if key.endswith(head) and len(key) - len(head) >= 2:
            return head
    return None


def with_spaced_head(name: str) -> str | None:
    """Return a one-word name with a space before its generic head noun, as people often write
    it (``천지연폭포`` -> ``천지연 폭포``), or None when the name has no such head (or a space)."""
    head = generic_head(name)
    if head is None or " " in name or len(head) < 2 or not "가" <= name[-len(head) - 1] <= "힣":
        return None
    return name[: -len(head)] + " " + head


def spaced_head(name: str) -> str | None:
    """Return the generic head noun when it is written as the name's last word (``해협`` for
    ``보스포루스 해협``; None for ``노량해협``)."""
    words = name.split(" ")
    return words[-1] if len(words) > 1 and words[-1] in GENERIC_HEADS else None


# -- which kinds each intent asks about -----------------------------------------------------------
# (kind, weight) per intent: the share of the intent's rows that ask about that kind. The same
# kind appears under several intents, so the intent must come from the phrasing, not the name.
INTENT_KINDS: dict[str, tuple[tuple[str, float], ...]] = {
    "age": (("person_kr", 0.40), ("person_foreign", 0.24), ("person_stage", 0.10),
            ("star", 0.10), ("galaxy", 0.04), ("tree", 0.12)),
    "area": (("country", 0.20), ("state", 0.04), ("city", 0.22), ("island", 0.12),
             ("lake", 0.07), ("park", 0.11), ("airport", 0.07), ("region", 0.09), ("site", 0.08)),
    "belong_to": (("person_kr", 0.36), ("person_foreign", 0.20), ("person_stage", 0.14),
                  ("team", 0.12), ("company", 0.10), ("band", 0.08)),
    "birth_date": (("person_kr", 0.48), ("person_foreign", 0.38), ("person_stage", 0.14)),
    "birth_place": (("person_kr", 0.48), ("person_foreign", 0.38), ("person_stage", 0.14)),
    "definition": (("concept", 0.44), ("disease", 0.10), ("work", 0.16), ("event", 0.10),
                   ("organisation", 0.10), ("company", 0.06), ("animal", 0.04)),
    "height": (("person_kr", 0.20), ("person_foreign", 0.10), ("person_stage", 0.07),
               ("building", 0.15), ("monument", 0.06), ("mountain", 0.13), ("pass", 0.02),
               ("waterfall", 0.05), ("dam", 0.03), ("tree", 0.04), ("bridge", 0.03),
               ("car", 0.06), ("train_aircraft", 0.02), ("animal", 0.04)),
    "length": (("river", 0.18), ("bridge", 0.12), ("tunnel", 0.11), ("road", 0.11),
               ("railway", 0.06), ("strait", 0.04), ("canal", 0.03), ("range", 0.03),
               ("country", 0.03), ("dam", 0.02), ("ship", 0.07), ("car", 0.09),
               ("train_aircraft", 0.04), ("weapon", 0.03), ("animal", 0.03), ("device", 0.01)),
    "weight": (("person_kr", 0.18), ("person_foreign", 0.08), ("person_stage", 0.05),
               ("animal", 0.20), ("car", 0.14), ("weapon", 0.09), ("ship", 0.06),
               ("train_aircraft", 0.05), ("star", 0.05), ("galaxy", 0.02), ("monument", 0.04),
               ("device", 0.04)),
    "width": (("river", 0.18), ("road", 0.16), ("bridge", 0.14), ("tunnel", 0.07),
              ("strait", 0.06), ("canal", 0.03), ("car", 0.17), ("ship", 0.08),
              ("train_aircraft", 0.06), ("device", 0.05)),
}  # fmt: skip


def intent_families(intent: str) -> frozenset[str]:
    """Return the kind families an intent asks about (what the checker accepts)."""
    return frozenset(KIND_FAMILY[kind] for kind, _ in INTENT_KINDS[intent])
