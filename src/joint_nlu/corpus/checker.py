"""The contradiction checker: rejects rows whose context contradicts their entity or intent.

A native reader spots a generated row by context that cannot be true of its entity: river words
around a person (``손흥민 강폭``), a person's words around a thing (``광안대교 씨``, ``한라산
고향``), a kind word of another kind (``공룡 한라산``, ``전투기 아이폰 15``), a unit of the wrong
size or dimension (a person's height in km, a mountain in cm, a height in kg), an intent that does
not apply to the kind (a river's birth date), a role or title that is not the person's (``화가
손흥민``, ``손흥민 의원``), or a generic noun after a name that repeats the name's own head
(``나이아가라 폭포 폭포``, ``한라산 산``). ``contradictions`` returns the reasons (empty: the row
passes). It works on any row: the generator passes the entity's kind and role; for other files
they are looked up (``report.py``) and rules that need an unknown fact are skipped.

Only text outside the entity is read; this module draws nothing. Its vocabulary is its own
(what words mean), except the role and title words next to a name, which it takes from
``templates`` and ``lexicon_data``.
"""

from __future__ import annotations

import re

from joint_nlu.corpus import kinds as K
from joint_nlu.corpus import lexicon_data as data
from joint_nlu.corpus import templates as T
from joint_nlu.corpus.kinds import word_list

Row = tuple[str, str, str]

# Words that are only said of some families of entity (the families they fit). A context word
# (particles stripped) in this table next to an entity of another family is a contradiction.
VOCABULARY: dict[str, frozenset[str]] = {}


def _fits(families: str, words: str) -> None:
    for word in words.split():
        VOCABULARY[word] = frozenset(families.split())


_fits(
    "person",
    "씨 님 선수 배우 감독 대통령 연세 생일 생년월일 생년 출생일 출생지 고향 "
    "출신지 태어난 태어났어 태어났니 태어났나요 신장 소속팀 동안이던데 은퇴 이적 사투리",
)
_fits("person animal", "몸무게 체중")  # fmt: skip
_fits("person band company", "소속사 기획사")
_fits("person band", "가수")
_fits("water", "강폭 하천 유역 하구 상류 하류 본류 지류 강")
_fits("mountain", "해발 해발고도 표고 등산 산행 봉우리 산")
_fits("mountain structure", "정상 꼭대기 전망대")
_fits("route", "차로 갓길 교각 주탑 상판 교폭 노폭 다리 교량 도로 터널 차선")
_fits("route water mountain", "총연장")  # 태백산맥 총연장
_fits("structure", "층 옥상 첨탑 건물 빌딩 건축물")
_fits("structure mountain", "낙차")
_fits("vehicle", "전고 전장 전폭 차폭 공차중량 배수량 선폭 차량 주차")
_fits("vehicle company", "자동차")  # 자동차 회사
_fits("celestial", "질량 은하 항성 천체")
_fits("concept", "뜻 의미 개념 용어 뜻풀이 정의")
_fits("region", "국토 영토")
_fits("animal", "몸길이 체고")
_fits("tree", "수령")
_fits("team", "리그")
_fits("team person", "구단")
_fits("company", "계열사 모회사")
_fits("person animal tree", "키")
# titles, nicknames and kind words said next to a name
_fits(
    "person",
    "의원 주석 박사 앵커 교황 회장 의장 열사 장관 총리 화백 장군 선생 선생님 작가님 감독님 "
    "선수님 배우님 창업자 창업주 수상자 우승자",
)
_fits("animal", "공룡 수컷 암컷 맹수 맹금류 유인원 파충류 독사 대형견 소형견 토종개 포유류")
_fits("celestial", "행성 왜행성 위성 항성 블랙홀 초거성")
_fits(
    "vehicle",
    "전투기 폭격기 헬기 전차 탱크 소총 미사일 구축함 잠수함 항공모함 전함 여객선 쇄빙선 "
    "초계함 여객기 고속열차 로켓 발사체 세단 경차 전기차 수소차 미니밴 트럭 스포츠카 SUV 자주포 "
    "권총 어뢰",
)
_fits("device", "스마트폰 태블릿 노트북 게임기 스마트워치 폴더블폰 이어폰")
_fits("region", "섬나라 내륙국 화산섬 휴양지")
_fits("structure", "사찰 초고층 전파탑 국보 신전 성당 아파트")
_fits("structure region", "궁궐")  # palaces are buildings or sites
_fits("mountain", "화산 활화산")
_fits("team", "프로야구팀 축구팀 프로축구팀 프로농구팀")
_fits("band", "걸그룹 보이그룹 록밴드")
_fits("structure mountain route vehicle device animal tree", "높이")
_fits("region structure", "면적 넓이")
_fits("person celestial tree animal", "나이")

# Questions that cannot be asked of a family at all (a river's birth date, a concept's height,
# a person's area). The generator asks far fewer combinations (``kinds.INTENT_KINDS``).
_THINGS = ("region", "mountain", "water", "route", "structure", "tree", "vehicle", "device",
           "celestial", "concept", "team", "company")  # fmt: skip
IMPOSSIBLE: dict[str, frozenset[str]] = {
    "birth_date": frozenset(_THINGS),
    "birth_place": frozenset(_THINGS),
    "definition": frozenset({"person"}),
    "area": frozenset({"person", "concept", "band"}),
    "height": frozenset({"concept", "team", "company", "band"}),
    "length": frozenset({"person", "concept", "team", "company", "band"}),
    "width": frozenset({"person", "concept", "team", "company", "band"}),
    "weight": frozenset({"concept", "team", "company", "band", "region"}),
    "age": frozenset(),
    "belong_to": frozenset({"concept"}),
}

# Particles and endings stripped from a context word before it is looked up (longest first).
_PARTICLES = sorted(
    word_list(
        "은 는 이 가 을 를 의 도 로 으로 에서 에 이야 야 인 이랑 랑 이나 나 이란 란 이라는 라는 "
        "에서는 이는 에는 만 까지 부터 보다 처럼 하고 이에요 예요 이지 지 인가요 일까"
    ),
    key=len,
    reverse=True,
)
# Unit words by dimension (``킬로``, ``키로`` are left out: km or kg, people use both).
UNITS: dict[str, str] = {
    **dict.fromkeys(word_list("km 킬로미터 m 미터 cm 센티 센티미터 센치 mm 밀리 피트 마일"), "length"),
    **dict.fromkeys(word_list("kg 킬로그램 톤 t g 그램 파운드 근"), "mass"),
    **dict.fromkeys(word_list("km² ㎢ km2 평 헥타르 제곱미터 제곱킬로미터 에이커 ㎡ m²"), "area"),
    **dict.fromkeys(word_list("살 세"), "age"),
}  # fmt: skip
INTENT_DIMENSION = {"height": "length", "length": "length", "width": "length", "weight": "mass",
                    "area": "area", "age": "age"}  # fmt: skip
# Units of the right dimension but the wrong size for a family: (intent, family) -> units.
WRONG_SIZE: dict[tuple[str, str], frozenset[str]] = {
    ("height", "person"): frozenset(word_list("km 킬로미터 mm 밀리 피트 마일")),
    ("height", "mountain"): frozenset(word_list("cm 센티 센티미터 센치 mm 밀리")),
    ("height", "structure"): frozenset(word_list("km 킬로미터 mm 밀리 마일")),
    ("weight", "person"): frozenset(word_list("톤 t g 그램")),
    ("weight", "device"): frozenset(word_list("톤 t")),
    ("weight", "celestial"): frozenset(word_list("g 그램 근")),
    ("length", "route"): frozenset(word_list("mm 밀리 cm 센티 센티미터")),
    ("length", "water"): frozenset(word_list("mm 밀리 cm 센티 센티미터")),
    ("length", "vehicle"): frozenset(word_list("km 킬로미터 마일")),
    ("length", "device"): frozenset(word_list("km 킬로미터 m 미터 마일")),
    ("width", "vehicle"): frozenset(word_list("km 킬로미터 마일")),
    ("width", "device"): frozenset(word_list("km 킬로미터 m 미터")),
    ("area", "structure"): frozenset(word_list("km² ㎢ km2 제곱킬로미터")),
}
# ``몇 km``, ``몇 센티``: a Latin unit may take a particle (``km야``); a Korean one must not go
# on into another word (``몇 세기``, ``몇 평균``, ``몇 근처``).
_UNIT_AFTER_HOW_MANY = re.compile(
    r"몇\s?("
    + "|".join(sorted(map(re.escape, UNITS), key=len, reverse=True))
    + r")(?![A-Za-z0-9²]|(?<=[가-힣])(?:기|대|짝|균|가|처|데))"
)
_EONS = re.compile(r"(억|만)\s?년")

# Role words said before a person's name, and the roles each fits (``선수``: every athlete).
ROLE_WORDS: dict[str, frozenset[str]] = {}
for _role, _spellings in T.ROLE_BEFORE.items():
    for _spelling in _spellings:
        ROLE_WORDS[_spelling] = ROLE_WORDS.get(_spelling, frozenset()) | {_role}
for _spelling in T.IDOL_BEFORE.train + T.IDOL_BEFORE.hidden:
    ROLE_WORDS[_spelling] = ROLE_WORDS.get(_spelling, frozenset()) | {"아이돌"}
ROLE_WORDS["선수"] = frozenset(r for r in T.ROLE_BEFORE if r.endswith("선수") or r == "복서")
ROLE_WORDS_ATHLETES = ROLE_WORDS["선수"]
_ROLE_SPELLINGS = sorted(ROLE_WORDS, key=len, reverse=True)
# Roles of people who lived long ago: not asked what they belong to now, nor their age this year.
HISTORICAL_ROLES = frozenset(("장군", "조선 시대 학자", "독립운동가", "왕", "황제", "여왕", "철학자",
                              "작곡가", "화가", "과학자", "시인", "교황", "지리학자", "의관"))  # fmt: skip
_NOW = re.compile(r"올해|현재|지금|요즘|현 소속|이번 시즌")


# Titles said after a person's name, and the roles each fits (``감독`` also fits athletes, who
# become managers; ``의원`` politicians, ``회장`` business people); a person of another role
# holds one only if ``lexicon_data.PERSON_AFTER`` gives it to them by name. ``씨`` and ``님`` fit
# anyone.
TITLE_ROLES: dict[str, frozenset[str]] = {}
for _role, _titles in T.ROLE_AFTER.items():
    for _title in _titles.train + _titles.hidden:
        TITLE_ROLES.setdefault(_title, frozenset())
        TITLE_ROLES[_title] |= frozenset(
            r
            for r in set(T.ROLE_BEFORE) | {"가수", "대통령", "장군", "아이돌", "방송인"}
            if T.role_family(r) == _role
        ) | {_role}
for _titles in data.PERSON_AFTER.values():
    for _title in _titles:
        TITLE_ROLES.setdefault(_title, frozenset())
for _plain in ("씨", "님"):
    TITLE_ROLES.pop(_plain, None)
for _title in ("감독", "감독님"):
    TITLE_ROLES[_title] |= ROLE_WORDS_ATHLETES
# Titles of one walk of life: whoever of another role holds one must be given it by name.
for _roles, _titles in (
    ({"정치인", "대통령", "총리"}, "의원 대표 전 장관 주석 의장"), ({"기업인"}, "회장 의장 창업자 CEO"),
    ({"과학자", "정치인"}, "박사"), ({"독립운동가"}, "의사 열사"), ({"화가"}, "화백"),
):  # fmt: skip
    for _title in list(TITLE_ROLES):
        if _title.split()[-1] in _titles.split():
            TITLE_ROLES[_title] |= frozenset(_roles)
_TITLES_LONGEST_FIRST = sorted(TITLE_ROLES, key=len, reverse=True)

# Generic nouns that may follow a name, and the name endings they would repeat (``[남산] 산``,
# ``[광안대교] 다리``, ``[독도함] 배``); a noun also repeats a name that ends in it or in its last
# syllable, or that has it as a word (``[레오파드 2 전차] 전차``).
HEAD_CLASHES: dict[str, tuple[str, ...]] = {
    "산": ("산", "봉", "령", "악", "산맥", "화산"), "봉우리": ("봉", "산"), "강": ("강", "천", "하"),
    "하천": ("천", "강", "하"), "호수": ("호수", "지", "호"), "저수지": ("호수", "저수지", "호"),
    "호": ("호", "지"), "공원": ("원", "공원", "림", "숲", "파크"), "다리": ("교", "다리", "브리지"),
    "교량": ("교", "다리"), "섬": ("섬", "도", "제도", "군도", "열도"), "터널": ("널",),
    "도로": ("로", "길", "선"), "노선": ("선",), "철도": ("철도", "선"), "그룹": ("그룹",),
    "배": ("함", "호", "선"), "함정": ("함",), "지역": ("지역",), "고개": ("고개", "령"),
    "폭포": ("폭포",), "댐": ("댐",), "공항": ("공항",), "나무": ("나무", "버들"),
    "건물": ("빌딩", "타워", "센터"), "빌딩": ("빌딩",), "은하": ("은하",), "팀": ("FC", "팀"),
    "병": ("병",), "사원": ("사원", "신전", "사", "모스크", "파고다"), "신전": ("신전", "사원"),
    "경기장": ("경기장", "구장", "스타디움", "돔", "파크", "필드"), "성당": ("성당",),
    "궁전": ("궁", "궁전"), "놀이공원": ("랜드", "월드", "공원"), "석상": ("상",), "시계탑": ("탑",),
    "나라": ("국",), "국가": ("국",), "왕국": ("국",),
}  # fmt: skip
# Words read as generic nouns after a name by the rule above (for rows of other files).
_DESCRIPTOR_WORDS = frozenset(
    set(HEAD_CLASHES) | set(K.GENERIC_HEADS) | {w for nouns in K.KIND_NOUNS.values() for w in nouns}
)


def repeats_head(entity: str, word: str) -> bool:
    """Return whether a generic noun said after ``entity`` repeats what the end of the name
    already says (``[한라산] 산``, ``[나이아가라 폭포] 폭포``, ``[광안대교] 다리``)."""
    name = entity.replace(" ", "")
    first = word.split()[0] if word.split() else ""
    if not first:
        return False
    endings = HEAD_CLASHES.get(first, ()) + (first, first[-1])
    return any(name.endswith(ending) for ending in endings) or first in entity.split()


def _title_after(after: str) -> str | None:
    """Return the title that starts the text after a name (``의원``, ``전 총리``), if any."""
    after = after.lstrip()
    for title in _TITLES_LONGEST_FIRST:
        if after.startswith(title) and (
            len(after) == len(title) or not ("가" <= after[len(title)] <= "힣")
            or after[len(title) :].startswith(("은", "는", "이", "가", "의", "을", "를", "도", "님"))
        ):  # fmt: skip
            return title
    return None


def _role_before(before: str) -> str | None:
    """Return the role word that ends the text before a name, if any (longest spelling)."""
    before = before.rstrip()
    for spelling in _ROLE_SPELLINGS:
        if before.endswith(spelling) and (
            len(before) == len(spelling) or before[-len(spelling) - 1] == " "
        ):
            return spelling
    return None


def _entity_span(tags: str) -> tuple[int, int] | None:
    match = re.search(r"E+", tags)
    return (match.start(), match.end()) if match else None


def _stem(word: str) -> str:
    word = word.strip("?.!~,…'\"()")
    for particle in _PARTICLES:
        if word.endswith(particle) and len(word) > len(particle):
            stripped = word[: -len(particle)]
            if stripped in VOCABULARY:
                return stripped
    return word


def context_words(row: Row) -> list[str]:
    """Return the words of the sentence outside the entity, particles stripped."""
    _, tags, sentence = row
    span = _entity_span(tags)
    text = sentence if span is None else sentence[: span[0]] + " " + sentence[span[1] :]
    return [_stem(w) for w in text.split() if w]


def contradictions(row: Row, kind: str | None = None, role: str | None = None) -> list[str]:
    """Return why ``row`` contradicts itself (empty list: no contradiction found).

    ``kind`` is the entity's kind (``kinds.KIND_FAMILY``; None: unknown, kind rules skipped);
    ``role`` a person's role (``""``: known to have none, so any role word next to the name is
    wrong; None: unknown, role rules skipped).
    """
    intent, tags, sentence = row
    problems: list[str] = []
    family = K.KIND_FAMILY.get(kind) if kind else None
    if family is not None and family in IMPOSSIBLE.get(intent, ()):
        problems.append(f"{intent} asked of a {family}")
    words = context_words(row)
    if family is not None:
        for word in words:
            fits = VOCABULARY.get(word)
            if fits is not None and family not in fits:
                problems.append(f"'{word}' said of a {family}")
                break
    dimension = INTENT_DIMENSION.get(intent)
    for unit in _UNIT_AFTER_HOW_MANY.findall(sentence):
        if dimension and UNITS[unit] != dimension:
            problems.append(f"a {UNITS[unit]} unit in a {intent} question")
        elif family is not None and unit in WRONG_SIZE.get((intent, family), ()):
            problems.append(f"{intent} of a {family} in {unit}")
    if intent == "age" and family == "person" and _EONS.search(sentence):
        problems.append("a person's age in eons")
    span = _entity_span(tags)
    if family == "person" and role is not None and span:
        entity = sentence[span[0] : span[1]]
        word = _role_before(sentence[: span[0]])
        if word is not None and role not in ROLE_WORDS[word]:
            problems.append(f"role '{word}' before a person who is not one")
        title = _title_after(sentence[span[1] :])
        if (
            title is not None
            and role not in TITLE_ROLES[title]
            and title not in data.PERSON_AFTER.get(entity.strip(), ())
        ):
            problems.append(f"title '{title}' after a person who does not hold it")
        if role in HISTORICAL_ROLES and (intent == "belong_to" or _NOW.search(sentence)):
            problems.append(f"a {role} asked about today")
    if family is not None and family != "person" and span:
        rest = sentence[span[1] :]
        words_after = rest.split()
        if words_after and not rest.startswith(" "):
            # a particle glued to the name: the next word is the one said after it
            words_after = words_after[1:] if words_after[0] in _PARTICLES else []
        if words_after:
            after = _stem(words_after[0])
            if after in _DESCRIPTOR_WORDS and repeats_head(sentence[span[0] : span[1]], after):
                problems.append(f"'{after}' after a name that already ends in it")
            elif (
                after in _DESCRIPTOR_WORDS
                and words_after[1:2]
                and (words_after[1].startswith(after))
            ):  # ``[링컨 컨티넨탈] 차 차폭``
                problems.append(f"'{after}' said twice after the name")
    return problems
