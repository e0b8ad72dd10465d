"""Phrasings: sentence frames, attribute words, predicates and endings per intent.

Every option list is an ``Options`` pair: ``train`` items may appear in both splits, ``hidden``
items only in the hidden test split, so that a share of its phrasings is new to the model.

Predicates and value questions are written ``"text#pattern"``; the pattern conjugates them
(see ``hangul.verb_forms``): ``cop`` = copula after a noun (몇 살 → 몇 살이야, 몇 살인가요 ...),
``되``/``하``/``past``/``a``/``eo``/``b``/``l``/``eu``/``vowel_eo``/``ga`` = verb classes,
``fixed`` = used as written.

Frame slots: ``{E}`` entity (``{E:의}``, ``{E:은}``, ``{E:이}``, ``{E:을}``, ``{E:이란}``, ``{E:이라는}``,
``{E:이랑}``, ``{E:도}``, ``{E:에대해}``), ``{A}`` attribute word (``{A:은}``, ``{A:이}``, ``{A:을}``,
``{A:이야}``), ``{Q}``/``{QE}`` value question (plain / embedded), ``{P}``/``{PE}`` predicate
(plain / embedded), ``{R}`` request, ``{RE}`` ending after an embedded question, ``{FEEL}``,
``{KNOW}``, ``{SEARCH}``, ``{EXPLAIN}``, ``{TERM}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Options:
    """Choices for one slot: ``train`` ones for both splits, ``hidden`` ones for the hidden split only."""

    train: tuple[str, ...]
    hidden: tuple[str, ...] = ()

    def merged(self, other: Options) -> Options:
        """Return the union of two option sets, keeping the order of first appearance."""
        return Options(
            tuple(dict.fromkeys(self.train + other.train)),
            tuple(dict.fromkeys(self.hidden + other.hidden)),
        )


def opts(train: str, hidden: str = "") -> Options:
    """Build ``Options`` from two comma-separated strings."""

    def split(text: str) -> tuple[str, ...]:
        return tuple(" ".join(item.split()) for item in text.split(",") if item.strip())

    return Options(split(train), split(hidden))


@dataclass(frozen=True)
class Frame:
    """A sentence frame and how often it is drawn."""

    template: str
    weight: float
    hidden_only: bool = False


# ---------------------------------------------------------------------------------------------
# Frames
# ---------------------------------------------------------------------------------------------

ATTRIBUTE_FRAMES: tuple[Frame, ...] = (
    Frame("{E:의} {A:은} {Q}", 8),
    Frame("{E} {A:은} {Q}", 6),
    Frame("{E} {A:이} {Q}", 6),
    Frame("{E:의} {A:이} {Q}", 5),
    Frame("{E:의} {A:을} {R}", 6),
    Frame("{E} {A:을} {R}", 4),
    Frame("{E} {A} {R}", 8),
    Frame("{E:의} {A} {R}", 3),
    Frame("{E} {A}", 10),
    Frame("{E:의} {A}", 2),
    Frame("{E} {A} {Q}", 4),
    Frame("{E:의} {A:은}", 2),
    Frame("{E} {A:은}", 1.5),
    Frame("{E:의} {A:이} {QE} {RE}", 4),
    Frame("{E} {A:이} {QE} {RE}", 3),
    Frame("{E} {A} {QE} {RE}", 1),
    Frame("{E:의} {A:이} {FEEL}", 3),
    Frame("{E} {A} {FEEL}", 2),
    Frame("{E:은} {A:이} {Q}", 3),
    Frame("{E:은} {A} {Q}", 1),
    Frame("{A:이} {Q} {E:은}", 1),
    Frame("{A} {R} {E}", 0.5),
    Frame("{E:의} {A:을} {KNOW}", 2),
    Frame("{E} {A} {SEARCH}", 3),
    Frame("{E:에대해} 궁금한데 {A:이} {Q}", 1),
    Frame("{E:도} {A} {R}", 1),
    Frame("{E:의} {A:이} 궁금한데 {R}", 1),
    Frame("{E} {A} 정보 {R}", 1),
    Frame("{E:의} {A:이} {Q} 알려줘", 0.5),
    Frame("{E} {A:이} 어떻게 되는지 {RE}", 1),
    # frames only the hidden split uses: word orders and constructions training never shows
    Frame("내가 궁금한 건 {E:의} {A:이야}", 2, hidden_only=True),
    Frame("{E:에대해} 알고 싶은데 {A:이} {Q}", 2, hidden_only=True),
    Frame("{E:이랑} 관련해서 {A} {R}", 2, hidden_only=True),
    Frame("{E}, {A:이} {Q}", 2, hidden_only=True),
    Frame("{E:의} {A:이} {QE} {KNOW}", 2, hidden_only=True),
    Frame("{A:이} {QE} {RE} {E:의}", 1, hidden_only=True),
    Frame("{E} 하면 {A:이} {Q}", 1, hidden_only=True),
)

PREDICATE_FRAMES: tuple[Frame, ...] = (
    Frame("{E:은} {P}", 10),
    Frame("{E} {P}", 8),
    Frame("{E:이} {P}", 4),
    Frame("{E:은} {PE} {RE}", 4),
    Frame("{E:이} {PE} {RE}", 3),
    Frame("{P} {E:은}", 1),
    Frame("{E:은} 혹시 {P}", 1),
    Frame("{E:은} 도대체 {P}", 0.4),
    Frame("{E:은} 대체 {P}", 0.4),
    Frame("{E} 말인데 {P}", 2, hidden_only=True),
    Frame("{E:은} 과연 {P}", 1, hidden_only=True),
    Frame("{E:이} 대략 {P}", 1, hidden_only=True),
)

DEFINITION_FRAMES: tuple[Frame, ...] = (
    Frame("{E:이란} {P}", 6),
    Frame("{E:이라는} {TERM:이} {P}", 2),
    Frame("{E:이라는} {TERM} {EXPLAIN}", 1),
    Frame("{E:에대해} {EXPLAIN}", 6),
    Frame("{E:을} {EXPLAIN}", 3),
    Frame("{E} {EXPLAIN}", 3),
    Frame("{E:이} 뭔지 {RE}", 2),
    Frame("{E:이란} 무엇인지 {RE}", 1),
    Frame("{E} 개념 {R}", 1),
    Frame("{E:이} 뭐임", 0.5),
    Frame("{E:이} 뭔데", 0.5),
    Frame("{E:이란} 단어를 들었는데 {P}", 1, hidden_only=True),
    Frame("{E:에대해} 아무것도 모르는데 {EXPLAIN}", 1, hidden_only=True),
    Frame("{E:이} 대체 뭐길래 다들 얘기해", 1, hidden_only=True),
)

# ---------------------------------------------------------------------------------------------
# Row-level pieces shared by all intents
# ---------------------------------------------------------------------------------------------

REQUESTS = opts(
    "알려줘, 알려 줘, 알려주세요, 알려 주세요, 알려줄래, 알려줄래요, 알려줄 수 있어, 알려줄 수 있나요,"
    "알려주실 수 있나요, 알려주시겠어요, 가르쳐줘, 가르쳐 주세요, 가르쳐줄래, 말해줘, 말해 줘, 말해주세요,"
    "말해줄래, 찾아줘, 찾아 줘, 찾아주세요, 찾아봐줘, 찾아봐, 검색해줘, 검색해 줘, 검색해주세요, 검색해봐,"
    "좀 알려줘, 좀 찾아줘, 좀 알려주세요, 알고 싶어, 알고싶어, 알고 싶어요, 알고 싶습니다, 알고 싶은데,"
    "알려주라, 알려줘요, 보여줘, 보여주세요, 확인해줘, 확인 좀, 조회해줘, 알아봐줘, 알아봐 줄래, 부탁해,"
    "부탁해요, 부탁드려요, 알려주면 좋겠어, 알 수 있을까, 알 수 있을까요, 알 수 있나요, 좀 부탁해,"
    "알려줘봐, 알려줄 수 있니, 궁금하니까 알려줘, 빨리 알려줘, 정확히 알려줘",
    "알려주실래요, 좀 가르쳐 주실래요, 말씀해 주세요, 알려주십시오, 찾아봐 줄래, 조사해줘,"
    "알려줬으면 해, 좀 알아봐 주세요, 답해줘, 한번 찾아봐",
)

AFTER_EMBEDDED = opts(
    "알려줘, 알려주세요, 알려줄래, 궁금해, 궁금해요, 궁금합니다, 궁금한데, 궁금하네, 궁금하다,"
    "알고 싶어, 알고 싶어요, 알고 싶습니다, 찾아줘, 말해줘, 말해줄래, 알아, 아세요, 아니,"
    "알려줄 수 있어, 검색해줘, 좀 알려줘, 가르쳐줘, 알아봐줘, 모르겠어, 모르겠네, 헷갈려",
    "궁금하네요, 여쭤봐도 될까요, 아시나요, 알아봐 줘요, 기억이 안 나",
)

FEELINGS = opts(
    "궁금해, 궁금해요, 궁금합니다, 궁금한데, 궁금함, 궁금하다, 알고 싶다, 알고 싶어, 궁금하네, 궁금",
    "궁금하네요, 너무 궁금해",
)

KNOW = opts(
    "알아, 아세요, 아니, 알고 있어, 알아요, 아는 사람, 알려줄 수 있어, 알고 있니",
    "아시나요, 아시는 분",
)

SEARCH = opts(
    "검색, 검색 좀, 찾기, 조회, 정보, 좀, 궁금, 질문, 알려줘, 찾아줘",
    "검색 부탁, 알아보기",
)

EXPLAIN = opts(
    "설명해줘, 설명해 주세요, 설명 좀, 설명 부탁해, 간단히 설명해줘, 쉽게 설명해줘, 자세히 알려줘,"
    "알려줘, 알고 싶어, 설명해줄래, 설명해 줄 수 있어, 좀 알려줘, 설명해주세요, 정리해줘, 공부하고 싶어",
    "풀어서 설명해 줄래, 요약해줘, 한 줄로 설명해줘, 알기 쉽게 말해줘",
)

TERMS = opts("말, 개념, 용어, 단어, 것", "표현")

ABOUT_PARTICLES = opts("에 대해, 에 대해서, 에 관해, 에 관해서", "에 관하여, 에 대하여")

FILLERS = opts(
    "혹시, 그, 음, 음..., 있잖아, 저기, 아, 근데, 그러니까, 그럼, 야, 저, 음 그러니까, 궁금한 게 있는데,"
    "질문 하나만, 하나 물어볼게, 잠깐만, 아 맞다, 혹시 아는지 모르겠는데, 혹시 말이야",
    "저기요, 실례지만, 갑자기 궁금해졌는데, 있잖아요",
)

SOURCES = opts(
    "위키백과, 위키피디아, WIKI PEDIA, 위키 백과, 위키 백과사전, wikipedia, Wikipedia, WIKIPEDIA, 백과사전,"
    "나무위키, 네이버, 네이버 지식백과, 구글, 인터넷, 두산백과, 위키, 포털, 다음",
    "위키 피디아, Wiki, 나무 위키, 다음 백과, 브리태니커, namuwiki, 네이버 검색",
)

# {S} is the source; {S:으로} takes 으로/로.
SOURCE_PREFIXES = opts(
    "{S}에서, {S:으로}, {S} 보면, {S}에 따르면, {S} 기준으로, {S}에서 찾아보니, {S}에 검색해서, {S}에서 검색하면",
    "{S} 참고해서, {S:을} 보고, {S}에 나온 대로",
)
SOURCE_REQUESTS = opts(
    "{S}에서 찾아줘, {S}에서 검색해줘, {S}에서 알려줘, {S} 검색, {S}에서 찾아봐줘, {S}에서 확인해줘, {S} 찾아줘",
    "{S}에서 조회해줘, {S} 뒤져봐",
)

# Registers of a conjugated predicate and how often each is drawn.
REGISTERS: tuple[tuple[str, float], ...] = (
    ("casual", 22), ("polite", 16), ("polite_q", 14), ("casual_q", 5), ("rough", 5),
    ("musing", 5), ("formal", 7), ("note", 2), ("bare", 9), ("polite_tag", 4), ("wonder", 4),
)  # fmt: skip
HIDDEN_REGISTERS: tuple[str, ...] = ("wonder_polite", "soft")

PERSON_TITLES_AFTER = opts(
    "씨, 님, 선수, 감독, 교수, 대통령, 배우, 가수, 의원, 박사, 작가, 회장, 선생님, 씨, 선수",
    "옹, 여사, 코치",
)
PERSON_TITLES_BEFORE = opts(
    "배우, 가수, 선수, 교수, 축구선수, 야구선수, 농구선수, 골프선수, 대통령, 전 대통령, 작가, 화가, 모델,"
    "아이돌, 래퍼, 개그맨, 셰프, 방송인, 감독, 아나운서",
    "피겨선수, 뮤지컬 배우, 유튜버",
)
# descriptors placed after an entity (tagged C): what it is, or a part named after it
DESCRIPTORS: dict[str, Options] = {
    "car": opts("차, 자동차, 차량, 모델", "승용차"),
    "ship": opts("배, 선박, 함정", "군함"),
    "weapon": opts("무기, 기종", "병기"),
    "building": opts("건물, 빌딩", "건축물"),
    "bridge": opts("다리", "교량"),
    "team": opts("팀, 구단", "클럽"),
    "company": opts("회사, 기업", "그룹사"),
    "band": opts("그룹", "밴드"),
    "country": opts("나라", "국가"),
    "city": opts("도시", "지역"),
    "island": opts("섬", ""),
    "celestial": opts("천체", ""),
    "animal": opts("동물", ""),
    "train_aircraft": opts("기체, 열차", ""),
}
HEIGHT_PARTS: dict[str, Options] = {
    "building": opts("전망대, 옥상, 첨탑", "꼭대기"),
    "tower": opts("전망대, 안테나", "꼭대기"),
    "mountain": opts("정상, 최고봉", "꼭대기"),
}

PUNCTUATION: tuple[tuple[str, float], ...] = (
    ("", 58), ("?", 30), ("??", 2), (".", 5), (" ?", 1), ("?!", 1), ("!", 1), ("ㅎㅎ", 0.5),
    (" ㅠㅠ", 0.5), ("~", 1),
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Intents
# ---------------------------------------------------------------------------------------------

VALUE_QUESTIONS: dict[str, Options] = {
    "amount": opts(
        "얼마#cop, 몇#cop, 어느 정도#cop, 얼마 정도#cop, 어떻게 #되, 얼마나 #되, 얼마 정도 #되,"
        "어느 정도 #되, 얼마쯤#cop",
        "얼마만큼 #되, 대략 얼마#cop, 대충 몇#cop",
    ),
    "when": opts("언제#cop, 어떻게 #되", "정확히 언제#cop"),
    "where": opts("어디#cop, 어떻게 #되", "어디쯤#cop"),
    "what": opts("뭐#cop, 무엇#cop, 어떻게 #되", "어떤 것#cop"),
}


@dataclass(frozen=True)
class IntentSpec:
    """How one intent is asked: entity kinds, attribute words, predicates, units, questions."""

    kinds: tuple[tuple[str, float], ...]
    question: str
    attributes: dict[str, Options]
    predicates: dict[str, Options]
    units: dict[str, Options] = field(default_factory=dict)
    extra_questions: dict[str, Options] = field(default_factory=dict)

    def for_group(self, table: dict[str, Options], group: str) -> Options:
        """Return the options of ``group``, falling back to the ``*`` entry (or no options)."""
        return table.get(group) or table.get("*") or Options(())


PEOPLE = (
    ("person_kr", 0.55),
    ("person_foreign", 0.22),
    ("person_rare", 0.12),
    ("person_stage", 0.08),
)

INTENT_SPECS: dict[str, IntentSpec] = {
    "age": IntentSpec(
        kinds=(
            ("person_kr", 0.42),
            ("person_foreign", 0.16),
            ("person_rare", 0.08),
            ("person_stage", 0.07),
            ("celestial", 0.14),
            ("animal", 0.08),
        ),
        question="amount",
        attributes={
            "person": opts(
                "나이, 연세, 연령, 만 나이, 향년, 현재 나이, 올해 나이, 나이, 나이",
                "춘추, 한국 나이, 나이대",
            ),
            "*": opts("나이, 연령, 추정 나이, 나이", "추정 연령"),
        },
        predicates={
            "person": opts(
                "몇 살#cop, 몇 세#cop, 올해 몇 살#cop, 나이가 몇#cop, 나이가 몇 살#cop, 만으로 몇 살#cop,"
                "나이가 어떻게 #되, 연세가 어떻게 되세요#fixed, 연세가 어떻게 되시나요#fixed, 몇 살 먹었#past,"
                "나이가 얼마나 #되, 올해 나이가 어떻게 #되, 몇 살#cop, 나이 몇#cop, 몇 살 됐#past",
                "춘추가 어떻게 #되, 나이가 몇이나 #되, 몇 살쯤 #되",
            ),
            "*": opts(
                "몇 살#cop, 나이가 몇#cop, 몇 년 됐#past, 나이가 얼마나 #되, 얼마나 오래됐#past, 나이가 어떻게 #되",
                "생긴 지 얼마나 됐#past, 나이가 대략 몇#cop",
            ),
        },
        units={
            "person": opts("살, 세", "살쯤"),
            "animal": opts("살, 년", ""),
            "*": opts("년, 억 년, 살", "만 년"),
        },
    ),
    "area": IntentSpec(
        kinds=(
            ("country", 0.26),
            ("city", 0.22),
            ("island", 0.14),
            ("lake", 0.1),
            ("park", 0.16),
            ("region", 0.04),
        ),
        question="amount",
        attributes={
            "country": opts(
                "면적, 넓이, 크기, 총면적, 국토 면적, 영토 크기, 국토 넓이, 면적",
                "전체 넓이, 영토 면적",
            ),
            "park": opts("면적, 넓이, 크기, 총면적, 부지 면적, 전체 면적", "전체 넓이, 토지 면적"),
            "lake": opts("면적, 넓이, 크기, 수면 면적, 호수 면적, 총면적", "전체 넓이, 유역 면적"),
            "*": opts(
                "면적, 넓이, 크기, 총면적, 전체 면적, 땅 넓이, 면적, 면적", "전체 넓이, 토지 면적"
            ),
        },
        predicates={
            "*": opts(
                "얼마나 넓#eo, 몇 제곱킬로미터#cop, 몇 km²#cop, 몇 평#cop, 넓이가 얼마#cop, 면적이 얼마#cop,"
                "면적이 몇#cop, 면적이 얼마나 #되, 크기가 얼마나 #되, 크기가 어느 정도 #되, 넓이가 어떻게 #되,"
                "몇 제곱미터#cop, 면적이 몇 제곱킬로미터#cop, 얼마나 넓#eo, 넓이가 몇 평#cop",
                "얼마만큼 넓#eo, 땅이 얼마나 넓#eo, 면적이 몇 평이나 #되",
            ),
        },
        units={"*": opts("제곱킬로미터, km², ㎢, 평, 제곱미터, 헥타르, km2", "에이커, 만 평")},
    ),
    "belong_to": IntentSpec(
        kinds=(
            ("person_kr", 0.5),
            ("person_foreign", 0.15),
            ("person_stage", 0.1),
            ("person_rare", 0.07),
            ("team", 0.09),
            ("company", 0.09),
        ),
        question="where",
        attributes={
            "person": opts(
                "소속, 소속팀, 소속사, 소속 팀, 소속 구단, 소속 그룹, 소속 정당, 소속 회사, 팀, 소속 단체,"
                "현재 소속팀, 소속, 소속팀",
                "소속 클럽, 현 소속, 몸담은 팀",
            ),
            "team": opts("소속 리그, 소속, 리그, 소속 연맹, 모기업", "참가 리그"),
            "company": opts("소속 그룹, 모회사, 계열, 소속", "지주회사"),
            "*": opts("소속", ""),
        },
        predicates={
            "person": opts(
                "어느 팀#cop, 어느 팀 소속#cop, 어디 소속#cop, 어느 소속사#cop, 어디 소속사#cop, 무슨 팀#cop,"
                "어디 팀#cop, 어느 구단 소속#cop, 어느 그룹 멤버#cop, 어느 회사 소속#cop, 소속이 어디#cop,"
                "어느 팀 선수#cop, 어느 당 소속#cop, 어느 소속#cop, 어디서 뛰#vowel_eo, 어디에서 뛰#vowel_eo,"
                "어느 팀에서 뛰#vowel_eo, 어디에서 뛰고 있#past, 어디에 속해 있#past, 어디서 활동#하,"
                "어느 팀에서 활동#하, 어디 소속으로 뛰#vowel_eo, 소속팀이 어디#cop, 소속사가 어디#cop",
                "어느 클럽에서 뛰#vowel_eo, 어디에 몸담고 있#past, 어느 팀 유니폼을 입고 있#past",
            ),
            "team": opts(
                "어느 리그 소속#cop, 어느 리그#cop, 어느 리그에서 뛰#vowel_eo, 어디 소속#cop, 어느 연맹 소속#cop",
                "어느 리그에 속해 있#past",
            ),
            "company": opts(
                "어느 그룹 소속#cop, 어느 그룹 계열사#cop, 어디 소속#cop, 어느 그룹에 속해 있#past, 모회사가 어디#cop",
                "어느 재벌 계열#cop",
            ),
            "*": opts("어디 소속#cop", ""),
        },
        extra_questions={
            "person": opts("어느 팀#cop, 뭐#cop, 어디#cop", "어느 곳#cop"),
            "*": opts("뭐#cop", ""),
        },
    ),
    "birth_date": IntentSpec(
        kinds=PEOPLE,
        question="when",
        attributes={
            "*": opts(
                "생년월일, 생일, 출생일, 태어난 날, 태어난 날짜, 출생 연도, 생년, 탄생일, 출생 날짜, 태어난 해,"
                "생년월일, 생일, 생년월일",
                "출생 연월일, 생신, 태어난 연도",
            ),
        },
        predicates={
            "*": opts(
                "언제 태어났#past, 언제 태어나셨#past, 몇 년생#cop, 몇 년도에 태어났#past, 언제 출생했#past,"
                "생일이 언제#cop, 몇 월 며칠에 태어났#past, 몇 년에 태어났#past, 생년월일이 어떻게 #되,"
                "생일이 며칠#cop, 언제 태어났#past, 생일 언제#cop, 언제 출생#cop",
                "어느 해에 태어났#past, 언제 세상에 태어났#past, 생일이 몇 월#cop",
            ),
        },
        extra_questions={
            "*": opts(
                "몇 년 몇 월 며칠#cop, 몇 월 며칠#cop, 몇 년도#cop, 며칠#cop", "몇 년 몇 월#cop"
            )
        },
    ),
    "birth_place": IntentSpec(
        kinds=PEOPLE,
        question="where",
        attributes={
            "*": opts(
                "출생지, 고향, 태어난 곳, 출신지, 출신, 태어난 도시, 출생 지역, 태어난 나라, 출신 지역,"
                "출생지, 고향, 출생지",
                "출생 장소, 태어난 동네, 고향 마을",
            ),
        },
        predicates={
            "*": opts(
                "어디서 태어났#past, 어디에서 태어났#past, 어디서 태어나셨#past, 어느 나라에서 태어났#past,"
                "어느 도시에서 태어났#past, 어디 출신#cop, 어느 나라 출신#cop, 어느 지역 출신#cop,"
                "고향이 어디#cop, 출생지가 어디#cop, 어디 사람#cop, 태어난 곳이 어디#cop, 어디서 나고 자랐#past,"
                "고향이 어떻게 #되, 어디서 태어났#past, 고향 어디#cop",
                "어디 태생#cop, 어느 동네에서 태어났#past, 고향이 어디쯤#cop",
            ),
        },
        extra_questions={"*": opts("어느 나라#cop, 어느 도시#cop, 어느 지역#cop", "어느 동네#cop")},
    ),
    "definition": IntentSpec(
        kinds=(("concept", 1.0),),
        question="what",
        attributes={
            "*": opts(
                "뜻, 의미, 정의, 개념, 설명, 뜻풀이, 사전적 의미, 사전적 정의, 정확한 뜻, 뜻, 의미",
                "정확한 의미, 개념 정의, 기본 개념",
            ),
        },
        predicates={
            "*": opts(
                "뭐#cop, 무엇#cop, 무슨 뜻#cop, 무슨 의미#cop, 어떤 개념#cop, 어떤 뜻#cop, 뭘 의미#하,"
                "무엇을 의미#하, 무엇을 뜻#하, 뭘 말#하, 뭐 하는 거#cop, 뭔 뜻#cop, 무슨 말#cop, 뭐#cop, 무엇#cop",
                "무엇을 가리켜#fixed, 뭘 가리키는 말#cop, 어떤 의미#cop",
            ),
        },
    ),
    "height": IntentSpec(
        kinds=(
            ("person_kr", 0.2),
            ("person_foreign", 0.1),
            ("person_stage", 0.05),
            ("person_rare", 0.03),
            ("building", 0.18),
            ("tower", 0.08),
            ("mountain", 0.2),
            ("car", 0.05),
            ("train_aircraft", 0.02),
            ("animal", 0.07),
        ),
        question="amount",
        attributes={
            "person": opts("키, 신장, 실제 키, 공식 키, 키, 키", "프로필 키"),
            "structure": opts("높이, 건물 높이, 최고 높이, 전체 높이, 높이", "총 높이"),
            "mountain": opts("높이, 해발, 해발고도, 고도, 표고, 해발 높이, 높이", "정상 고도"),
            "vehicle": opts("전고, 높이, 차 높이, 차체 높이", "제원상 높이"),
            "animal": opts("키, 높이, 몸높이, 체고", "어깨 높이"),
            "*": opts("높이", "총 높이"),
        },
        predicates={
            "person": opts(
                "키가 몇#cop, 키가 얼마#cop, 키가 몇 센티#cop, 키 몇#cop, 몇 cm#cop, 키가 얼마나 크#eu,"
                "키가 어떻게 #되, 신장이 어떻게 #되, 몇 센티#cop, 키가 몇 cm#cop, 키가 몇 센티미터#cop",
                "키가 몇 센치#cop, 키가 얼마만큼 #되",
            ),
            "mountain": opts(
                "얼마나 높#a, 몇 미터#cop, 몇 m#cop, 해발 몇 미터#cop, 높이가 몇 미터#cop, 해발고도가 어떻게 #되,"
                "높이가 얼마#cop, 높이가 어떻게 #되",
                "얼마만큼 높#a, 해발 몇 미터나 #되",
            ),
            "*": opts(
                "얼마나 높#a, 몇 미터#cop, 몇 m#cop, 높이가 몇 미터#cop, 높이가 얼마#cop, 높이가 어떻게 #되,"
                "높이가 얼마나 #되, 높이가 몇 m#cop",
                "얼마만큼 높#a, 높이가 몇 미터나 #되",
            ),
        },
        units={
            "person": opts("센티, cm, 센티미터", "센치"),
            "vehicle": opts("mm, 미터, m", ""),
            "*": opts("미터, m", "피트"),
        },
    ),
    "length": IntentSpec(
        kinds=(
            ("river", 0.24),
            ("tunnel", 0.15),
            ("bridge", 0.2),
            ("road", 0.16),
            ("ship", 0.1),
            ("car", 0.08),
            ("train_aircraft", 0.07),
        ),
        question="amount",
        attributes={
            "river": opts("길이, 총길이, 강 길이, 유로 연장, 총 길이, 길이", "유장"),
            "ship": opts("길이, 전장, 전체 길이, 선체 길이, 길이", "총 전장"),
            "vehicle": opts("길이, 전장, 전체 길이, 차 길이, 길이", "총 전장"),
            "*": opts("길이, 총길이, 총 길이, 전체 길이, 연장, 총연장, 길이, 길이", "연장 길이"),
        },
        predicates={
            "ship": opts(
                "얼마나 기#l, 길이가 몇 미터#cop, 전장이 얼마#cop, 몇 미터#cop, 길이가 어떻게 #되",
                "얼마만큼 기#l",
            ),
            "vehicle": opts(
                "얼마나 기#l, 전장이 몇 mm#cop, 길이가 몇 미터#cop, 전장이 얼마#cop, 몇 미터#cop, 길이가 어떻게 #되",
                "얼마만큼 기#l",
            ),
            "*": opts(
                "얼마나 기#l, 몇 km#cop, 몇 킬로미터#cop, 몇 킬로#cop, 몇 미터#cop, 길이가 몇 km#cop, 길이가 얼마#cop,"
                "길이가 얼마나 #되, 길이가 어떻게 #되, 몇 킬로나 #되, 총연장이 얼마#cop, 총 길이가 몇#cop",
                "얼마만큼 기#l, 총 몇 킬로#cop, 끝에서 끝까지 얼마나 #되",
            ),
        },
        units={
            "vehicle": opts("mm, 미터, m, 센티", ""),
            "ship": opts("미터, m", "피트"),
            "*": opts("km, 킬로미터, 킬로, 미터, m", "마일"),
        },
    ),
    "width": IntentSpec(
        kinds=(
            ("river", 0.2),
            ("road", 0.2),
            ("bridge", 0.2),
            ("ship", 0.1),
            ("car", 0.18),
            ("tunnel", 0.06),
            ("train_aircraft", 0.06),
        ),
        question="amount",
        attributes={
            "river": opts("폭, 강폭, 너비, 강 너비, 하천 폭, 폭", "하폭"),
            "road": opts("폭, 도로 폭, 너비, 도로 너비, 노폭, 차로 폭, 폭", "길 폭"),
            "bridge": opts("폭, 너비, 다리 폭, 교폭, 상판 폭, 폭", "다리 너비"),
            "ship": opts("폭, 선폭, 너비, 전폭, 폭", "배 폭"),
            "vehicle": opts("전폭, 폭, 차폭, 너비, 가로 폭, 차 폭, 전폭", "차량 너비"),
            "tunnel": opts("폭, 너비, 터널 폭", "내부 폭"),
            "*": opts("폭, 너비, 가로 폭", "가로 너비"),
        },
        predicates={
            "vehicle": opts(
                "전폭이 몇 mm#cop, 전폭이 얼마#cop, 차폭이 얼마나 #되, 폭이 몇 센티#cop, 폭이 얼마#cop, 너비가 어떻게 #되",
                "가로 폭이 얼마나 #되",
            ),
            "*": opts(
                "폭이 몇 미터#cop, 폭이 얼마#cop, 너비가 몇 m#cop, 너비가 얼마#cop, 폭이 얼마나 #되,"
                "너비가 어떻게 #되, 폭이 얼마나 넓#eo, 폭이 어느 정도#cop, 폭이 몇#cop, 폭이 어떻게 #되",
                "가로 폭이 얼마나 #되, 폭이 얼마만큼 #되, 얼마나 널찍#하",
            ),
        },
        units={"vehicle": opts("mm, 센티, cm, 미터", ""), "*": opts("미터, m, 센티, cm", "피트")},
    ),
    "weight": IntentSpec(
        kinds=(
            ("person_kr", 0.17),
            ("person_foreign", 0.08),
            ("person_stage", 0.04),
            ("person_rare", 0.03),
            ("animal", 0.26),
            ("car", 0.12),
            ("weapon", 0.14),
            ("celestial", 0.1),
            ("ship", 0.06),
        ),
        question="amount",
        attributes={
            "person": opts("몸무게, 체중, 무게, 몸무게", "현재 체중"),
            "animal": opts("몸무게, 무게, 체중, 평균 무게, 평균 체중, 무게", "성체 무게"),
            "vehicle": opts("무게, 중량, 공차중량, 차량 무게, 차 무게, 총중량", "공식 중량"),
            "weapon": opts("무게, 중량, 전투중량, 총 무게, 전비중량", "자체 중량"),
            "celestial": opts("질량, 무게, 총질량, 질량", "전체 질량"),
            "ship": opts("무게, 배수량, 톤수, 중량, 총톤수", "만재 배수량"),
            "*": opts("무게, 중량", "총 무게"),
        },
        predicates={
            "person": opts(
                "몸무게가 몇#cop, 몇 kg#cop, 몇 킬로#cop, 몸무게가 어떻게 #되, 체중이 얼마#cop, 몇 킬로 나가#ga,"
                "몸무게가 얼마#cop, 얼마나 무거#b, 체중이 어떻게 #되, 몸무게 몇#cop",
                "체중이 몇 kg쯤 #되, 몸무게가 몇 키로#cop",
            ),
            "celestial": opts(
                "질량이 얼마#cop, 질량이 어떻게 #되, 얼마나 무거#b, 무게가 얼마나 #되, 질량이 몇 kg#cop",
                "질량이 대략 얼마#cop",
            ),
            "*": opts(
                "얼마나 무거#b, 몇 kg#cop, 몇 킬로#cop, 몇 킬로그램#cop, 무게가 얼마나 나가#ga, 무게가 얼마#cop,"
                "무게가 몇 kg#cop, 몇 톤#cop, 중량이 얼마#cop, 무게가 어떻게 #되, 몇 톤이나 나가#ga",
                "얼마만큼 무거#b, 무게가 몇 톤이나 #되",
            ),
        },
        units={
            "person": opts("kg, 킬로, 킬로그램", "키로"),
            "animal": opts("kg, 킬로, 톤, 그램", "근"),
            "celestial": opts("kg, 톤", ""),
            "*": opts("톤, t, kg, 킬로", "파운드"),
        },
    ),
}

# Which attribute group an entity kind belongs to, per intent family.
GROUP_OF_KIND: dict[str, str] = {
    "person_kr": "person", "person_foreign": "person", "person_rare": "person",
    "person_stage": "person", "building": "structure", "tower": "structure", "mountain": "mountain",
    "car": "vehicle", "train_aircraft": "vehicle", "weapon": "weapon", "ship": "ship",
    "river": "river", "road": "road", "bridge": "bridge", "tunnel": "tunnel", "animal": "animal",
    "celestial": "celestial", "concept": "concept", "team": "team", "company": "company",
    "band": "band", "country": "country", "city": "city", "island": "island", "lake": "lake",
    "park": "park", "region": "region",
}  # fmt: skip
