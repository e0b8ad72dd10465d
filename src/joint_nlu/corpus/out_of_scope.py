"""Generator of Korean out-of-scope questions: sentences none of the ten intents answers.

What lives here: the phrasing tables of seven categories (other attributes of the same kinds of
entities, near-misses, requests to other services, chit-chat, fragments, other languages, and
URLs / e-mail addresses / numbers / emoji), the near-miss decisions (``NEAR_MISS_DECISIONS``),
the in-scope cue check every generated row must pass (``in_scope_clashes``), and the writer of
the two raw files. Rows are ``("out_of_scope", "C" * len(sentence), sentence)``.

What must not: Kedro, MXNet, file formats other than the raw TSV, and any entity list of its
own. Names come from the caller as a mapping kind -> names (``names_by_kind``); the only link to
today's corpus lexicon is the small adapter ``names_by_kind_from_lexicon``.

Splits: ``split="test"`` uses only held-out phrasings (a fixed quarter of every phrasing pool,
chosen by a hash of the phrasing, independent of the seed) and only the other half of the names
(halves chosen by a hash of the name without spaces), so a test file measures generalisation.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

INTENT = "out_of_scope"
OUTSIDE_TAG = "C"
TRAIN = "train"
TEST = "test"
SPLITS = (TRAIN, TEST)
TRAIN_FILE = "out_of_scope.txt"
TEST_FILE = "test_out_of_scope.txt"

# Share of rows per category (the default of ``OutOfScopeSettings.shares``).
CATEGORY_SHARES: dict[str, float] = {
    "attribute": 0.30,  # other attributes of the same kinds of entities (인구, 연봉, 수도 ...)
    "near_miss": 0.18,  # close to an intent but not it (수심, 몇 층, 사망일, 국적 ...)
    "service": 0.22,  # weather, music, alarms, timers, navigation, calls, shopping ...
    "chitchat": 0.12,  # greetings, thanks, reactions, questions to the assistant, opinions
    "fragment": 0.06,  # 으음, 그게, a bare name, a source with no question
    "foreign": 0.06,  # English, Japanese, Chinese and a few other languages
    "token": 0.06,  # URLs, e-mail addresses, phone numbers, numbers, emoji, key mashing
}


@dataclass(frozen=True)
class OutOfScopeSettings:
    """Every tunable number of the generator, with its default.

    - ``shares``: rows per category (``CATEGORY_SHARES``; normalised to sum to 1).
    - ``test_phrasing_share`` 0.25: share of every phrasing pool held out for the test split.
    - ``source_rate`` 0.12: questions about a name that name a source (``위키백과에서 ...``),
      about the in-scope corpus's 11%; ``source_last_share`` 0.5 of those name it last
      (``... 위키백과에서 찾아줘``) when the phrasing allows.
    - ``context_rate`` 0.22, ``filler_rate`` 0.08, ``trailer_rate`` 0.1: a lead-in
      (``뉴스 보다가``), a filler (``혹시``), a remark after the question (``급해``).
    - ``typo_rate`` 0.08: one common typo (``뭐`` -> ``머``, ``어떻게`` -> ``어케``).
    - ``all_spaces_dropped_rate`` 0.07, ``some_spaces_dropped_rate`` 0.12 with
      ``space_drop_rate`` 0.4: rows typed without spaces, or with some spaces dropped.
    - ``unspaced_name_rate`` 0.1: a multi-word name written without its spaces.
    - ``chitchat_name_rate`` 0.25, ``fragment_name_rate`` 0.35: chit-chat and fragments that
      mention a name (``아이유 진짜 멋있다``, ``한라산 있잖아``).
    - ``attempts_per_row`` 60: draws per wanted row before a category is declared too small.
    """

    shares: Mapping[str, float] = field(default_factory=lambda: dict(CATEGORY_SHARES))
    test_phrasing_share: float = 0.25
    source_rate: float = 0.12
    source_last_share: float = 0.5
    context_rate: float = 0.22
    filler_rate: float = 0.08
    trailer_rate: float = 0.1
    typo_rate: float = 0.08
    all_spaces_dropped_rate: float = 0.07
    some_spaces_dropped_rate: float = 0.12
    space_drop_rate: float = 0.4
    unspaced_name_rate: float = 0.1
    chitchat_name_rate: float = 0.25
    fragment_name_rate: float = 0.35
    attempts_per_row: int = 60


Row = tuple[str, str, str]
Span = tuple[int, int]


class OutOfScopeClashError(ValueError):
    """Raised when a generated row contains words of an in-scope question."""


# ---------------------------------------------------------------------------------------------
# In-scope cues: the ten intents' attribute words and question forms
# ---------------------------------------------------------------------------------------------

# Where an entity name stood, in the text the cues are run against (names are never cues).
ENTITY_MARK = "□"
_E = ENTITY_MARK
# syllables ending in ㄴ: "생긴 지 몇 년", "설립된 지 얼마나" (time since), not "까지 얼마나"
_N_FINAL = "".join(chr(0xAC00 + i) for i in range(11172) if i % 28 == 4)
_HOW = r"(얼마나|얼마\s*만큼)\s*"
IN_SCOPE_CUES: dict[str, tuple[str, ...]] = {
    "age": (
        r"나이(?![키지아트프스])", r"연세", r"연령", r"춘추", r"향년", r"몇\s*살", r"몇\s*세(?![기대트])",
        r"몇\s*년\s*(됐|되었|째)", f"[{_N_FINAL}]" + r"\s*지\s*(몇\s*년|얼마나|오래)",
        r"얼마나\s*오래\s*(됐|되었)",
    ),
    "area": (
        r"면적", r"넓이", r"넒이", _HOW + r"넓", r"몇\s*평", r"평수", r"제곱\s*(킬로)?\s*미터",
        r"km²|㎢|km2|제곱\s*km", r"헥타르", r"크기",
    ),
    "belong_to": (
        r"소속", r"어느\s*(팀|구단|클럽|당|정당|리그|그룹|회사|기획사|레이블|연맹)", r"어디\s*(팀|구단|클럽)",
        r"무슨\s*(팀|그룹|구단|당)", r"모회사", r"모기업", r"계열", r"기획사", r"레이블", r"몸담", r"속해\s*있",
        r"(어디|어디서|어디에서|팀에서|클럽에서)\s*(뛰|활동)", r"뛰는\s*팀", r"팀\s*(은|이|을)?\s*(어디|어떻게)",
        _E + r"\s*의?\s*팀", _E + r"\s*(밴드\s*)?회사", r"회사\s*(는|가)?\s*어디", r"리그",
        r"어느\s*나라\s*(소속|땅)",
    ),
    "birth_date": (r"생일", r"생신", r"생년", r"출생", r"탄생", r"탄신", r"태어", r"년생"),
    "birth_place": (
        r"고향", r"출생", r"출신", r"태생", r"태어", r"어디\s*사람", r"나라\s*사람", r"나고\s*자(란|랐)",
    ),
    "definition": (
        r"뜻", r"의미", r"정의", r"개념", r"설명", r"(?<![공관상])용어", r"무엇을\s*(뜻|의미|말|가리)",
        r"뭘\s*(말|의미|뜻|가리)", r"무슨\s*(말|뜻|의미)", r"에\s*(대해|대해서|관해|관해서|대하여|관하여)",
        r"가리키",
        # "X가 뭐야", "X란?", "X 뭐 하는 거야": a bare what-question right after the name
        _E + r"\s*(이|가|은|는|이란|란)?\s*(정확히|도대체|대체|대충|진짜|그래서)?\s*"
        r"(뭐\s*(야|예|에요|임|지|냐|니|였|인|일까|[?.!~]|$)|무엇|뭔|뭘\s*까|머(야|임|지|냐|에요|예요)|모야)",
        _E + r"\s*(은|는|이|가)?\s*뭐\s*하는\s*(거|건|곳|데|회사|사람)",
        _E + r"\s*이?란(?=[\s?.!~]|$)", _E + r"\s*(이)?라는\s*(말|단어|것|개념)",
        r"^\s*(뭐|무엇|머)(야|예요|에요|임|지|냐|니)?\s*[?.!~]*\s*" + _E,
    ),
    "height": (
        r"높이", r"(?<![스루하리쿠몽터시지으이위])키(?!우|워|웠|보드|위|스|친|링|트|패드|즈|오스크|릭|퍼|보)",
        r"신장(?!\s*(병|질환|이식|결석|투석))", r"해발", r"고도(?!화|로)", r"표고", _HOW + r"(높|커|크|큰)",
        r"몇\s*(센티|센치|cm)", r"전고", r"체고", r"세로", r"몇\s*(미터|m)(?![a-zA-Z²/])",
    ),
    "length": (
        r"길이", r"연장(?!\s*(근무|전|영업|운행|신청))", r"전장(?!\s*(에서|터))", _HOW + r"(길|긴|기나)",
        r"몇\s*(km|킬로|키로|미터|mm|m)(?![a-zA-Z²/])", r"세로",
    ),
    "width": (
        r"(?<![대소증진자])폭(?![포발력우탄염설행격주등락리풍죽소군])", r"[전차강교노선하개]폭(?!적)", r"너비",
        r"가로(?![수등막채])", _HOW + r"널찍",
    ),
    "weight": (
        r"무게", r"무개", r"중량", r"체중", r"질량", _HOW + r"무거", _HOW + r"무겁",
        r"몇\s*(kg|킬로그램|킬로|키로|톤|그램|g|근)(?![a-zA-Z/])", r"배수량", r"톤수", r"캐럿",
    ),
}  # fmt: skip
_CUE_PATTERNS: dict[str, re.Pattern[str]] = {
    # 몃/멫 are common typos of 몇
    intent: re.compile("|".join(f"(?:{cue})" for cue in cues).replace("몇", "[몇몃멫]"), re.I)
    for intent, cues in IN_SCOPE_CUES.items()
}


def mask_spans(sentence: str, spans: Iterable[Span]) -> str:
    """Return the sentence with every span (an entity name) replaced by ``ENTITY_MARK``."""
    out, last = [], 0
    for start, end in sorted(spans):
        out += [sentence[last:start], ENTITY_MARK]
        last = end
    return "".join(out) + sentence[last:]


def in_scope_clashes(sentence: str, entity_spans: Iterable[Span] = ()) -> dict[str, str]:
    """Return ``{intent: matched text}`` for every intent whose cue words occur in the sentence.

    Entity names (``entity_spans``, end exclusive) are masked first, so ``나이지리아`` or
    ``나이아가라 폭포`` never count as the words 나이 or 폭.
    """
    text = mask_spans(sentence, entity_spans)
    clashes = {}
    for intent, pattern in _CUE_PATTERNS.items():
        match = pattern.search(text)
        if match:
            clashes[intent] = match.group(0)
    return clashes


def check_out_of_scope(
    sentence: str, entity_spans: Iterable[Span] = (), allowed: Collection[str] = ()
) -> None:
    """Raise ``OutOfScopeClashError`` if the sentence holds a cue of an intent not ``allowed``."""
    clashes = {
        intent: text
        for intent, text in in_scope_clashes(sentence, entity_spans).items()
        if intent not in allowed
    }
    if clashes:
        found = ", ".join(f"{intent} ({text!r})" for intent, text in sorted(clashes.items()))
        raise OutOfScopeClashError(
            f"generated out-of-scope row {sentence!r} reads as in scope: {found}. "
            "Fix the phrasing table in joint_nlu/corpus/out_of_scope.py, or declare the clash "
            "in NEAR_MISS_DECISIONS if the row is out of scope on purpose."
        )


# ---------------------------------------------------------------------------------------------
# Near-miss decisions: which question patterns are in scope and which are not
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """One near-miss pattern: in or out of scope, which intent it neighbours, and why."""

    key: str
    pattern: str
    verdict: str  # "in" (an intent answers it: never generated), "out", or "open" (lead decides)
    neighbour: str
    why: str
    allowed: tuple[str, ...] = ()  # in-scope cue words an "out" row may contain on purpose


NEAR_MISS_DECISIONS: tuple[Decision, ...] = (
    Decision("depth", "호수·강 수심, 깊이", "out", "height/length",
             "depth is a dimension no intent measures; height is up, length is along"),
    Decision("distance", "A에서 B까지 거리, 얼마나 떨어져 있어", "out", "length",
             "length is the extent of one named thing, not the gap between two"),
    Decision("floors", "건물 몇 층, 층수", "out", "height", "height is in metres; floors are a count"),
    Decision("capacity", "경기장·건물·배 수용 인원, 좌석 수, 정원", "out", "area",
             "area is surface in m²; capacity is people or seats"),
    Decision("runtime", "영화 러닝타임, 상영 시간", "out", "length",
             "length is physical length; a film's running time is a duration"),
    Decision("travel_time", "다리·터널 건너는 데 얼마나 걸려", "out", "length",
             "a duration, not the structure's length"),
    Decision("wave", "해수욕장 파도 높이", "out", "height",
             "sea state of the day (a weather request), not the height of a named thing",
             allowed=("height",)),
    Decision("screen", "기기 화면 몇 인치", "out", "width/height",
             "a screen diagonal is none of width, height or length"),
    Decision("diameter", "천체 지름, 반지름", "out", "width",
             "width covers rivers, roads, bridges, vehicles and devices, not a planet's diameter"),
    Decision("star_distance", "천체가 지구에서 얼마나 멀어", "out", "length", "a distance"),
    Decision("density", "인구 밀도", "out", "area", "people per km², not the area"),
    Decision("death_date", "언제 죽었어, 사망일, 기일", "out", "birth_date",
             "birth_date answers the birth only"),
    Decision("debut_wedding_retire", "데뷔일, 결혼한 날, 은퇴한 해, 입대일", "out", "birth_date/age",
             "other dates of a life"),
    Decision("founding", "회사 창립일, 팀 창단 연도, 건물 준공 연도", "out", "birth_date",
             "birth_date is for people; a founding date is another date"),
    Decision("nationality", "국적", "out", "birth_place",
             "citizenship, not the place of birth (손정의 was born in Japan)"),
    Decision("residence", "지금 어디 살아", "out", "birth_place", "where one lives now"),
    Decision("members", "그룹 멤버가 누구야, 멤버 몇 명, 리더", "out", "belong_to",
             "belong_to asks which group a member belongs to, not who is in a group"),
    Decision("coach", "팀 감독이 누구야", "out", "belong_to", "a person of the team, not its league"),
    Decision("match", "어제 경기 이겼어, 다음 경기 언제", "out", "belong_to", "sports results"),
    Decision("lifespan", "동물 수명, 얼마나 오래 살아", "out", "age",
             "a species' lifespan, not how old a named thing is"),
    Decision("role_weight", "작품에서 비중", "out", "weight", "importance of a role, not mass"),
    Decision("name_origin", "이름 유래, 왜 그렇게 불려", "out", "definition",
             "where a name comes from, not what the thing is (phrased without 뜻/의미)"),
    Decision("translation", "X 영어로 뭐라고 해, 한자로 어떻게 써", "out", "definition",
             "a translation or spelling, not a definition"),
    Decision("which", "세계에서 제일 긴 강이 어디야", "out", "length/height/area/weight",
             "asks which thing, with no named entity, not its measure"),
    Decision("self", "너 몇 살이야, 너 생일 언제야, 넌 고향이 어디야", "out", "age/birth_date/birth_place",
             "asks the assistant about itself: no entity",
             allowed=("age", "birth_date", "birth_place")),
    Decision("birthday_request", "X 생일 선물 뭐 사지, 생일 카페 어디서 열려", "out", "birth_date",
             "a request about the birthday, not its date", allowed=("birth_date",)),
    Decision("bare_name", "a name alone, or with only a source (아이유?, 위키백과에서 한라산)", "out",
             "any", "no question is asked; a concept name alone is never generated (it reads as a "
             "definition lookup)"),
    # in scope: never generated
    Decision("age_at_death", "몇 살에 죽었어, 몇 살에 세상을 떠났어, 은퇴할 때 몇 살", "in", "age",
             "the hand-written set counts an age at an event as age"),
    Decision("years_since", "회사·건물 생긴 지 몇 년 됐어, 창단 몇 년째", "in", "age",
             "how old a thing is: the corpus asks age of non-people (얼마나 오래됐어)"),
    Decision("member_of", "X는 어느 그룹 멤버야", "in", "belong_to", "which group X belongs to"),
    Decision("country_person", "어디 사람이야, 어느 나라 출신이야", "in", "birth_place",
             "the corpus and the hand-written set ask birth place this way"),
    Decision("about", "X에 대해 알려줘", "in", "definition", "what X is"),
    Decision("displacement", "배수량, 톤수", "in", "weight", "the corpus asks a ship's weight this way"),
    Decision("parent_company", "모회사, 계열, 기획사, 레이블", "in", "belong_to",
             "the corpus asks a company's or band's belonging this way"),
    # open: not generated either way, for the lead to decide
    Decision("circumference", "섬·호수 둘레", "open", "length",
             "a perimeter is a length along the shore; not generated"),
    Decision("name_meaning", "X 이름 뜻이 뭐야", "open", "definition",
             "'뜻' makes it read as definition; generated only as 이름 유래"),
    Decision("compare", "A랑 B 중에 누가 더 나이 많아, 어디가 더 높아", "open", "age/height",
             "two entities, one measure; not generated"),
    Decision("km_distance", "서울에서 부산까지 몇 km야", "open", "length",
             "a distance asked with the length question form; generated only with 거리"),
)  # fmt: skip
_DECISIONS = {decision.key: decision for decision in NEAR_MISS_DECISIONS}


# ---------------------------------------------------------------------------------------------
# Phrasing tables
# ---------------------------------------------------------------------------------------------

# Entity groups: which kinds of ``names_by_kind`` each group draws from (kinds not listed are
# ignored; any kind whose name starts with "person" is a person).
GROUP_KINDS: dict[str, tuple[str, ...]] = {
    "person": ("person",), "country": ("country",), "city": ("city",), "region": ("region",),
    "island": ("island",), "water": ("lake", "river"), "park": ("park",),
    "route": ("bridge", "tunnel", "road"), "ship": ("ship",), "car": ("car",),
    "craft": ("train_aircraft",), "weapon": ("weapon",), "building": ("building", "tower"),
    "monument": ("monument",), "mountain": ("mountain",), "animal": ("animal",),
    "celestial": ("celestial", "star", "galaxy"), "concept": ("concept",), "team": ("team",),
    "company": ("company",), "band": ("band",), "device": ("device",), "film": ("film",),
    "song": ("song",), "book": ("book",), "artist": ("band", "person_stage"),
    "beach": ("park",), "venue": ("building",),
}  # fmt: skip
# How often each group is asked about, relative to the others present.
GROUP_WEIGHTS: dict[str, float] = {
    "person": 26, "country": 7, "city": 7, "region": 1, "island": 2, "water": 3, "park": 3,
    "route": 4, "ship": 2, "car": 5, "craft": 2, "weapon": 2, "building": 5, "monument": 1,
    "mountain": 3, "animal": 4, "celestial": 2, "concept": 3, "team": 4, "company": 5, "band": 4, "device": 4,
    "film": 3, "song": 1, "book": 1, "beach": 1, "venue": 2,
}  # fmt: skip
# Name filters of groups that are a subset of a kind.
GROUP_NAME_FILTERS: dict[str, tuple[str, ...]] = {
    "beach": ("해수욕장", "해변", "비치"),
    "venue": ("경기장", "스타디움", "돔", "아레나", "체육관", "야구장", "극장", "홀", "센터", "공연장"),
}  # fmt: skip

# Question endings after an attribute noun, by the kind of answer.
QUESTIONS: dict[str, tuple[str, ...]] = {
    "who": ("누구야", "누구예요", "누구임", "누구지", "누구였지", "누구인가요", "누군데", "누구에요", "누구냐",
            "누구입니까"),
    "what": ("뭐야", "뭐예요", "뭐임", "뭐지", "뭐였지", "무엇인가요", "뭔데", "뭐에요", "뭐냐", "무엇입니까"),
    "much": ("얼마야", "얼마예요", "얼마임", "얼마지", "얼마나 돼", "얼마나 되나요", "어느 정도야",
             "얼마 정도 돼요", "얼만데", "대충 얼마야", "얼마입니까"),
    "when": ("언제야", "언제예요", "언제임", "언제지", "언제였지", "언제인가요", "언젠데", "언제였어요",
             "언제입니까"),
    "where": ("어디야", "어디예요", "어디임", "어디지", "어딘데", "어디인가요", "어디에요", "어디였지",
              "어디입니까"),
}  # fmt: skip
EMBEDDED: dict[str, tuple[str, ...]] = {
    "who": ("누군지", "누구인지"), "what": ("뭔지", "무엇인지"), "much": ("얼마인지", "얼마나 되는지"),
    "when": ("언제인지",), "where": ("어딘지", "어디인지"),
}  # fmt: skip
EMBEDDED_ENDINGS = ("궁금해", "알려줘", "알아?", "궁금합니다", "찾아봐 줘", "아는 사람?", "알려주실 수 있나요")  # fmt: skip
COMMANDS = ("알려줘", "알려주세요", "좀 알려줘", "찾아줘", "검색해줘", "알려줄래?", "보여줘", "궁금해",
            "궁금해요", "알고 싶어", "말해줘", "찾아봐", "확인 좀 해줘", "정보 좀", "정보 알려줘")  # fmt: skip
# commands that take an object: "X의 연봉을 알려줘" (not "연봉을 정보 좀")
OBJECT_COMMANDS = ("알려줘", "알려주세요", "좀 알려줘", "찾아줘", "검색해줘", "알려줄래?", "보여줘",
                   "알고 싶어", "말해줘", "찾아봐", "확인 좀 해줘")  # fmt: skip
COUNT_COPULAS = (("이야", "야"), ("이에요", "예요"), ("임", "임"), ("이지", "지"), ("인가요", "인가요"),
                 ("이나 돼", "나 돼"), (" 정도야", " 정도야"))  # fmt: skip

SOURCES = ("위키백과", "위키피디아", "위키", "나무위키", "네이버", "구글", "다음", "인터넷", "백과사전",
           "wikipedia", "WIKIPEDIA", "Wiki 백과", "네이버 지식백과", "위키 백과사전")  # fmt: skip
SOURCE_PREFIXES = ("{S}에서 ", "{S:로} ", "{S} 보면 ", "{S}에 검색해서 ", "{S} 찾아보니까 ")
SOURCE_REQUESTS = (" {S}에서 찾아줘", " {S}에서 알려줘", " {S} 검색", " {S}에서 검색해 줘", " {S}에서 확인해줘")  # fmt: skip
CONTEXTS = ("갑자기 궁금한데 ", "친구랑 얘기하다 궁금해졌는데 ", "궁금해서 그러는데 ", "뉴스 보다가 ",
            "시험 공부하다가 ", "단톡방에서 말 나와서 ", "숙제 때문에 그런데 ", "요즘 ", "지금 ", "올해 ",
            "아까 티비 보다가 ", "질문 하나만 ", "하나 물어볼게 ", "보고서 쓰는데 ", "여행 가려고 하는데 ",
            "면접 준비하다가 ", "유튜브 보다가 ", "과제 하다가 ", "애가 물어보는데 ", "회의 중에 말 나와서 ",
            "다큐 보다가 ", "기사 읽다가 ")  # fmt: skip
FILLERS = ("혹시 ", "근데 ", "아 맞다 ", "저기 ", "있잖아 ", "음 ", "그 ", "야 ", "저기요 ")
# remarks after the question (people add why they ask, or how they want the answer)
TRAILERS = (" 급해", " 빨리", ", 친구가 물어봐서", " 내기했거든", " 간단하게", " 정확하게", " 알면 좀",
            " 궁금하네", " 아무도 모르더라", " 대충이라도", ", 부탁해", " 검색 좀 해봐")  # fmt: skip
TAILS = (("", 55), ("?", 28), ("??", 3), (".", 4), ("~", 2), ("!", 1), ("ㅎㅎ", 2), (" ㅠㅠ", 1),
         ("ㅋㅋ", 2), ("?!", 1))  # fmt: skip
TYPOS = (("뭐", "머"), ("뭐", "모"), ("어떻게", "어케"), ("예요", "에요"), ("있어", "잇어"),
         ("알려줘", "알려죠"), ("알려줘", "알랴줘"), ("좀", "쫌"), ("주세요", "주세여"), ("해요", "해여"),
         ("거야", "거얌"), ("얼마야", "얼마얌"), ("누구야", "누구얌"), ("궁금해", "궁굼해"),
         ("돼", "되"), ("할까", "할까여"), ("근데", "근대"), ("진짜", "진자"))  # fmt: skip


# Frames of a noun core and how often each is drawn (name X, noun N, question Q, command C).
NOUN_FRAMES: dict[str, float] = {
    "bare_question": 14,  # X N Q
    "subject_question": 12,  # X N이 Q
    "of_topic_question": 6,  # X의 N은 Q
    "topic_subject_question": 5,  # X는 N이 Q
    "command": 12,  # X N C
    "of_object_command": 4,  # X의 N을 C
    "bare": 10,  # X N
    "command_first": 2,  # N C X
    "embedded": 6,  # X N이 얼마인지 궁금해
    "question_first": 2,  # N이 Q X
}
COMMAND_FRAMES = ("command", "of_object_command", "bare", "command_first")
# Frames of a predicate core: X P, X는 P, P X.
PREDICATE_FRAMES: dict[str, float] = {"plain": 12, "topic": 8, "after": 2}


@dataclass(frozen=True)
class Core:
    """One phrasing: an attribute noun asked with a question kind, or ready predicates.

    ``noun`` + ``ask`` ("who", "what", "much", "when", "where", "count:명", "list") is realised
    in many frames (``부산 인구 몇 명이야``, ``부산의 인구를 알려줘`` ...); ``predicates`` are
    whole predicates after the name (``언제 데뷔했어``). ``decision`` names a near-miss decision.
    """

    groups: tuple[str, ...]
    noun: str = ""
    ask: str = "list"
    predicates: tuple[str, ...] = ()
    decision: str = ""


def N(noun: str, ask: str, groups: str, decision: str = "") -> Core:
    """Return a noun core (``groups`` space-separated)."""
    return Core(tuple(groups.split()), noun=noun, ask=ask, decision=decision)


def V(predicates: str, groups: str, decision: str = "") -> Core:
    """Return a predicate core (``predicates`` separated by ``|``)."""
    forms = tuple(p.strip() for p in predicates.split("|"))
    return Core(tuple(groups.split()), predicates=forms, decision=decision)


ATTRIBUTE_CORES: tuple[Core, ...] = (
    # people
    N("배우자", "who", "person"), N("남편", "who", "person"), N("아내", "who", "person"),
    N("연봉", "much", "person"), N("재산", "much", "person"), N("몸값", "much", "person"),
    N("대표작", "what", "person"), N("별명", "what", "person"), N("혈액형", "what", "person"),
    N("MBTI", "what", "person"), N("종교", "what", "person"), N("취미", "what", "person"),
    N("좌우명", "what", "person"), N("주량", "much", "person"), N("등번호", "what", "person"),
    N("포지션", "what", "person"), N("인스타 아이디", "what", "person"), N("팬클럽 이름", "what", "person"),
    N("최종 학력", "what", "person"), N("모교", "where", "person"), N("자녀", "count:명", "person"),
    N("수상 경력", "list", "person"), N("업적", "list", "person"), N("어록", "list", "person"),
    N("최근 근황", "list", "person"), N("출연작", "list", "person"), N("통산 득점", "count:골", "person"),
    N("유튜브 구독자", "count:명", "person"), N("소셜 미디어 계정", "list", "person"),
    V("누구랑 결혼했어|누구랑 결혼했어요|누구랑 결혼했지", "person"),
    V("어느 대학 나왔어|무슨 대학 나왔어요|대학은 어디 나왔지", "person"),
    V("나오는 영화 추천해줘|나온 영화 뭐 있어|나온 드라마 뭐 있어요", "person"),
    V("키우는 강아지 이름이 뭐야|키우는 반려동물 있어?|키우는 고양이 이름 뭐예요", "person"),
    V("요즘 뭐 하고 지내|요즘 뭐 하고 살아요|근황 좀 알려줘", "person"),
    # countries, cities, islands
    N("수도", "where", "country"), N("인구", "count:명", "country city island"),
    N("인구수", "much", "country city"), N("GDP", "much", "country"), N("1인당 국민소득", "much", "country"),
    N("화폐 단위", "what", "country"), N("공용어", "what", "country"), N("국가번호", "what", "country"),
    N("대통령", "who", "country"), N("총리", "who", "country"), N("국왕", "who", "country"),
    N("국화", "what", "country"), N("최저임금", "much", "country"), N("독립기념일", "when", "country"),
    N("국가 신용등급", "what", "country"), N("시차", "count:시간", "country city"),
    V("비자 필요해?|무비자로 갈 수 있어요?|비자 없이 며칠 있을 수 있어", "country"),
    V("콘센트 모양 어떻게 생겼어|전압 몇 볼트야|돼지코 필요해?", "country"),
    V("물가 비싸?|물가 어때요|여행 경비 얼마나 들어", "country city island"),
    V("비행기로 얼마나 걸려|직항 있어?|가는 비행기 몇 시간 걸려요", "country city island"),
    N("시장", "who", "city"), N("지역번호", "what", "city"), N("우편번호", "what", "city"),
    N("특산물", "what", "city island"), N("대표 축제", "what", "city"), N("아파트 시세", "much", "city"),
    N("평균 기온", "much", "city country region"),
    N("시청 주소", "what", "city"), N("자매도시", "where", "city"),
    V("가볼 만한 곳 추천해줘|놀 데 어디 있어|관광지 추천 좀", "city island country region"),
    V("배 타고 얼마나 걸려|들어가는 배 몇 시에 있어|가는 배편 알려줘", "island"),
    V("숙소 추천해줘|펜션 어디가 좋아|게스트하우스 싼 데 있어?", "island"),
    # water, parks, routes
    N("발원지", "where", "water"), N("하구", "where", "water"), N("유량", "much", "water"),
    N("수온", "much", "water beach"),
    V("무슨 물고기 살아|낚시해도 돼?|수영해도 돼요?", "water"),
    V("물 깨끗해?|수질 어때|녹조 심해?", "water"),
    N("개장 시간", "when", "park beach"), N("운영 시간", "what", "park building monument"),
    N("입장료", "much", "park building monument"), N("주차비", "much", "park building"),
    N("휴무일", "when", "park building monument"),
    V("강아지 데리고 가도 돼?|반려견 동반 돼요?|애견 출입 가능해?", "park beach"),
    V("몇 시에 문 닫아|몇 시까지 해|밤에도 열어?", "park building monument"),
    V("텐트 쳐도 돼?|돗자리 펴도 돼요?|취사 가능해?", "park beach"),
    N("통행료", "much", "route"), N("개통일", "when", "route"), N("제한속도", "much", "route"),
    N("공사비", "much", "route building"), N("시공사", "where", "route building"),
    N("하루 교통량", "much", "route"), N("착공 연도", "when", "route"),
    V("지금 막혀?|지금 차 많아?|지금 통제 중이야?", "route"),
    # vehicles, weapons, devices
    N("선장", "who", "ship"), N("함장", "who", "ship"), N("진수일", "when", "ship"),
    N("최고 속도", "much", "ship car craft weapon animal"), N("승무원", "count:명", "ship craft weapon"),
    N("모항", "where", "ship"), N("건조 비용", "much", "ship"), N("침몰 원인", "what", "ship"),
    N("가격", "much", "car device craft"), N("연비", "much", "car"), N("출시일", "when", "car device"),
    N("마력", "much", "car"), N("제로백", "much", "car"), N("배기량", "much", "car"),
    N("보험료", "much", "car"), N("중고 시세", "much", "car device"), N("색상 종류", "list", "car device"),
    N("타이어 규격", "what", "car"), N("좌석", "count:석", "craft"), N("항속 거리", "much", "craft"),
    N("첫 비행", "when", "craft"), N("제작사", "where", "craft weapon"), N("운임", "much", "craft"),
    V("할부로 사면 한 달에 얼마야|리스 하면 월 얼마예요|장기렌트 얼마 정도 해", "car"),
    N("사거리", "much", "weapon"), N("대당 가격", "much", "weapon"), N("개발사", "where", "weapon"),
    N("생산 대수", "much", "weapon"), N("배치 연도", "when", "weapon"), N("구경", "much", "weapon"),
    N("주포", "what", "weapon"), V("어느 나라가 만들었어|어디서 개발했어요|누가 개발했지", "weapon craft"),
    N("배터리 용량", "much", "device"), N("저장 용량", "list", "device"), N("카메라 화소", "much", "device"),
    N("방수 등급", "what", "device"), N("AS 기간", "much", "device"), N("칩셋", "what", "device"),
    V("사전예약 언제 해|사전판매 언제부터야|언제 풀려요", "device"),
    V("충전기 들어 있어?|케이스 같이 와?|박스 구성품 뭐야", "device"),
    # buildings, monuments, mountains
    N("주소", "what", "building monument park"), N("준공 연도", "when", "building", "founding"),
    N("설계자", "who", "building"), N("건축가", "who", "building"), N("건설비", "much", "building"),
    N("전망대 입장료", "much", "building"), N("주차 요금", "much", "building park"),
    N("소유주", "who", "building"), N("엘리베이터 속도", "much", "building"),
    V("지하철로 어떻게 가|버스 몇 번 타야 돼|가는 길 좀 알려줘", "building park monument mountain"),
    V("근처 맛집 추천해줘|주변에 카페 있어?|근처에 밥 먹을 데 있어요?", "building park"),
    N("소재지", "where", "monument"), N("제작 연도", "when", "monument"),
    V("국보 몇 호야|보물 몇 호예요|문화재로 지정됐어?", "monument"),
    V("누가 만들었어|누가 지었어요|누가 세웠지", "monument building"),
    N("등산 코스", "list", "mountain"), N("일출 시간", "when", "mountain"), N("입산 시간", "when", "mountain"),
    N("단풍 절정", "when", "mountain"), N("최초 등정자", "who", "mountain"),
    N("케이블카 요금", "much", "mountain"),
    V("정상까지 몇 시간 걸려|올라가는 데 얼마나 걸려요|왕복 몇 시간이야", "mountain"),
    V("초보도 올라갈 수 있어?|등산화 꼭 신어야 돼?|혼자 가도 괜찮아?", "mountain"),
    # animals, sky, concepts
    N("먹이", "what", "animal"), N("서식지", "where", "animal"), N("천적", "what", "animal"),
    N("학명", "what", "animal"), N("개체 수", "much", "animal"), N("멸종 위기 등급", "what", "animal"),
    N("임신 기간", "much", "animal"), N("울음소리", "list", "animal"),
    V("뭐 먹고 살아|주로 뭘 먹어요|잡식이야?", "animal"),
    V("집에서 키워도 돼?|분양 받으려면 얼마야|사람 물어?", "animal"),
    N("공전 주기", "much", "celestial"), N("자전 주기", "much", "celestial"),
    N("위성", "count:개", "celestial"), N("표면 온도", "much", "celestial"), N("발견자", "who", "celestial"),
    N("겉보기 등급", "what", "celestial"), N("중력", "much", "celestial"),
    V("오늘 밤에 보여?|맨눈으로 볼 수 있어?|망원경으로 보여요?", "celestial"),
    N("장단점", "list", "concept"), N("창시자", "who", "concept"), N("반대말", "what", "concept"),
    V("관련 책 추천해줘|공부하려면 뭐부터 봐야 돼|입문서 추천 좀", "concept"),
    V("관련 자격증 뭐 있어|관련 주식 뭐 있어요|관련 직업 뭐가 있지", "concept"),
    # teams, companies, bands
    N("홈구장", "where", "team"), N("우승 횟수", "much", "team"), N("현재 순위", "count:위", "team"),
    N("다음 경기 일정", "list", "team"), N("주장", "who", "team"), N("연고지", "where", "team"),
    N("대표", "who", "company"), N("CEO", "who", "company"), N("주가", "much", "company"),
    N("시가총액", "much", "company"), N("매출", "much", "company"), N("직원 수", "much", "company"),
    N("본사 주소", "what", "company"), N("고객센터 번호", "what", "company"), N("창업자", "who", "company"),
    N("상장일", "when", "company"), N("신입 초봉", "much", "company"), N("채용 일정", "list", "company"),
    V("주식 지금 사도 돼?|주식 전망 어때|배당금 얼마 줘", "company"),
    N("막내", "who", "band"), N("팬덤 이름", "what", "band"), N("데뷔곡", "what", "band artist"),
    N("신곡", "what", "band artist"), N("콘서트 일정", "list", "band artist"), N("응원봉 이름", "what", "band"),
    V("언제 컴백해|컴백 언제예요|다음 앨범 언제 나와", "band artist"),
    V("해체했어?|활동 중단했어?|재결합 한대?", "band"),
    # films, songs, books (used when the caller passes such kinds)
    N("감독", "who", "film"), N("개봉일", "when", "film"), N("관객", "count:명", "film"),
    N("출연진", "list", "film"), N("줄거리", "list", "film book"), N("평점", "much", "film book"),
    V("어디서 볼 수 있어|넷플릭스에 있어?|OTT 어디서 해요", "film"),
    V("쿠키 영상 있어?|결말 어떻게 돼|속편 나와?", "film"),
    N("작곡가", "who", "song"), N("발매일", "when", "song"), N("가사", "list", "song"),
    N("저자", "who", "book"), N("출판사", "where", "book"), N("출간 연도", "when", "book"),
)  # fmt: skip

NEAR_MISS_CORES: tuple[Core, ...] = (
    N("수심", "much", "water", "depth"), N("깊이", "much", "water", "depth"),
    N("최대 수심", "much", "water", "depth"),
    V("제일 깊은 데는 얼마나 깊어|얼마나 깊어요|바닥까지 얼마나 깊지", "water", "depth"),
    V("총 몇 층이야|몇 층짜리 건물이에요|지하 몇 층까지 있어", "building", "floors"),
    N("층수", "what", "building", "floors"),
    N("수용 인원", "count:명", "venue building ship", "capacity"),
    N("관중석", "count:석", "venue", "capacity"), N("승선 정원", "count:명", "ship", "capacity"),
    V("몇 명까지 들어가|사람 몇 명까지 들어갈 수 있어요|한 번에 몇 명 들어가지", "venue building", "capacity"),
    N("러닝타임", "much", "film", "runtime"), N("상영 시간", "much", "film", "runtime"),
    V("건너는 데 얼마나 걸려|차로 지나가는 데 몇 분 걸려|걸어서 건너면 얼마나 걸려요", "route", "travel_time"),
    V("오늘 파도 높이 어때|파도 높이 지금 괜찮아?|내일 파도 높이 높대?", "beach", "wave"),
    V("화면 몇 인치야|디스플레이 몇 인치예요|액정 몇 인치지", "device", "screen"),
    N("지름", "much", "celestial", "diameter"), N("반지름", "much", "celestial", "diameter"),
    V("지구에서 얼마나 멀어|지구랑 거리 얼마나 돼|빛으로 가면 몇 년 걸려", "celestial", "star_distance"),
    N("인구 밀도", "much", "city country", "density"),
    V("언제 죽었어|언제 돌아가셨어요|언제 세상을 떠났지|몇 년도에 사망했어", "person", "death_date"),
    N("사망일", "when", "person", "death_date"), N("기일", "when", "person", "death_date"),
    N("사망 원인", "what", "person", "death_date"),
    V("언제 데뷔했어|데뷔 언제 했어요|데뷔한 해가 언제야", "person band", "debut_wedding_retire"),
    V("언제 결혼했어|결혼식 언제 올렸어|결혼 날짜가 언제야", "person", "debut_wedding_retire"),
    V("언제 은퇴했어|은퇴 언제 했지|은퇴한 게 몇 년도야", "person", "debut_wedding_retire"),
    V("군대 언제 가|입대 언제 해요|전역 날짜 언제야", "person", "debut_wedding_retire"),
    N("창립일", "when", "company", "founding"), N("설립 연도", "when", "company", "founding"),
    N("창단 연도", "when", "team", "founding"),
    V("언제 세워졌어|언제 창립했어요|처음 생긴 게 언제야", "company team", "founding"),
    N("국적", "where", "person", "nationality"),
    V("지금 어디 살아|요즘 어디 살아요|사는 동네가 어디야", "person", "residence"),
    N("멤버", "who", "band", "members"), N("리더", "who", "band", "members"),
    N("멤버 수", "count:명", "band", "members"), V("멤버 몇 명이야|몇 인조야|멤버 다 알려줘", "band", "members"),
    N("현재 감독", "who", "team", "coach"), N("사령탑", "who", "team", "coach"),
    V("감독 누구로 바뀌었어|감독 바뀌었어?|새 감독 누구야", "team", "coach"),
    V("어제 경기 이겼어?|오늘 경기 몇 시야|다음 경기 언제 해", "team", "match"),
    N("수명", "much", "animal", "lifespan"), N("평균 수명", "much", "animal", "lifespan"),
    V("얼마나 오래 살아|보통 몇 년 살아요|오래 사는 편이야?", "animal", "lifespan"),
    V("이번 작품에서 비중 커?|드라마에서 분량 많아?|이번 영화에서 비중 얼마나 돼", "person", "role_weight"),
    N("이름 유래", "what", "city mountain island water company band region", "name_origin"),
    N("지명 유래", "what", "city island region", "name_origin"),
    V("이름이 왜 그렇게 붙었어|왜 그렇게 불려|이름은 어디서 따왔어", "city mountain company band", "name_origin"),
    V("영어로 뭐라고 해|한자로 어떻게 써|영어 철자 어떻게 돼", "concept animal", "translation"),
    V("생일 선물 뭐 사지|생일 카페 어디서 열려|생일 축하 메시지 써줘", "person", "birthday_request"),
)  # fmt: skip

# Near-misses with no entity from the caller (a slot {A}/{B} is a city; {adj}/{thing} below).
DISTANCE_TEMPLATES = ("{A}에서 {B}까지 거리", "{A}에서 {B}까지 거리 얼마나 돼", "{A}랑 {B} 얼마나 떨어져 있어",
                      "{A}에서 {B}까지 직선거리", "{A}에서 {B} 가려면 얼마나 멀어", "{A}-{B} 거리 알려줘",
                      "{A}에서 {B}까지 차로 얼마나 걸려", "{A}하고 {B} 사이 거리가 얼마야")  # fmt: skip
WHICH_TEMPLATES = ("{scope}에서 {most} {adj} {thing}{이} 어디야", "{scope}에서 {most} {adj} {thing} 이름 알려줘",
                   "{scope} {most} {adj} {thing}{은} 뭐야", "{most} {adj} {thing} 어디 있어",
                   "{scope}에서 {most} {adj} {thing} 순위",
                   "{scope}에서 두 번째로 {adj} {thing}{은}?")  # fmt: skip
WHICH_SCOPES = ("세계", "우리나라", "한국", "아시아", "유럽", "서울", "지구", "아프리카")
WHICH_MOST = ("제일", "가장", "젤")
WHICH_THINGS = (("긴", "강"), ("긴", "다리"), ("긴", "터널"), ("높은", "산"), ("높은", "빌딩"), ("넓은", "나라"),
                ("큰", "섬"), ("무거운", "동물"), ("빠른", "동물"), ("오래된", "나무"), ("작은", "나라"),
                ("깊은", "호수"), ("넓은", "사막"), ("추운", "도시"), ("비싼", "차"))  # fmt: skip
SELF_TEMPLATES = ("넌 나이가 어떻게 돼", "너는 몇 살이니", "너 생일은 언제야", "너 언제 태어났어",
                  "넌 고향이 어디야", "너 만든 지 몇 년 됐어", "너는 어디 출신이야", "너 몇 년생이야",
                  "넌 태어난 곳이 어디니")  # fmt: skip

SERVICE_TEMPLATES: tuple[str, ...] = (
    # weather
    "{city} 내일 비 온대?", "{day} {city} 날씨 어때", "{city} 지금 기온 몇 도야", "우산 챙겨야 돼?",
    "{day} 미세먼지 어때", "{city} 이번 주 날씨 알려줘", "{day} 눈 온대?", "오늘 밖에 추워?",
    "{city} 습도 몇 퍼센트야", "{city} 일기예보 좀", "내일 세차해도 될까", "{day} 자외선 지수 알려줘",
    # music
    "{artist} 노래 틀어줘", "{artist} 신곡 재생해줘", "{artist} 노래 아무거나 들려줘", "신나는 음악 틀어줘",
    "다음 곡", "음악 꺼줘", "볼륨 좀 올려줘", "이 노래 제목 뭐야", "비 오는 날 듣기 좋은 노래 추천해줘",
    "{artist} 플레이리스트 틀어", "노래 멈춰",
    # alarms, timers, reminders, calendar
    "{time}에 알람 맞춰줘", "{time}에 깨워줄래", "알람 다 꺼줘", "내일 알람 몇 시로 돼 있어",
    "{dur} 타이머 맞춰줘", "타이머 {dur}", "{dur} 뒤에 알려줘", "타이머 취소해",
    "{time}에 회의 있다고 알려줘", "내일 {time}에 병원 가라고 리마인드 해줘", "{day} 일정 뭐 있어",
    "{day} {time}에 저녁 약속 잡아줘", "빨래 다 되면 알려줘",
    # navigation, transport
    "{place}까지 가는 길 알려줘", "{place} 가는 버스 언제 와", "여기서 {place}까지 얼마나 걸려",
    "{place} 가는 길 안내 시작해", "근처 주유소 어디야", "{place} 주차장 자리 있어?",
    "집까지 택시 불러줘", "{city} 가는 기차표 예매해줘", "막차 몇 시야",
    # calls, messages
    "{contact}한테 전화해줘", "{contact}한테 전화 걸어", "{contact}에게 문자 보내줘",
    "{contact}한테 {dur} 늦는다고 카톡 보내", "부재중 전화 누구야", "스피커폰으로 바꿔줘",
    "{contact}한테 도착했다고 메시지 남겨줘",
    # shopping
    "{item} 주문해줘", "{item} 최저가 찾아줘", "{item} 장바구니에 담아", "주문한 택배 어디쯤 왔어",
    "{item} 할인하는 데 있어?", "지난번에 산 {item} 다시 주문해줘",
    # translation, calculation, conversion
    "'{phrase}' {lang}로 번역해줘", "'{phrase}'를 {lang}로 하면?", "{lang}로 '{phrase}' 어떻게 말해",
    "{n} 더하기 {m}", "{n} 곱하기 {m} 하면?", "{n} 나누기 {m} 얼마야", "{n}의 {pct}퍼센트 계산해줘",
    "{n}달러 원화로 얼마야", "엔화 환율 알려줘", "100유로면 한국 돈으로 얼마야",
    # news, jokes, device control, misc
    "{topic} 뉴스 알려줘", "오늘 {topic} 소식 뭐 있어", "오늘 헤드라인 읽어줘", "{topic} 기사 요약해줘",
    "웃긴 얘기 해줘", "넌센스 퀴즈 내줘", "심심한데 끝말잇기 하자", "재밌는 농담 하나 해봐",
    "와이파이 꺼줘", "불 꺼줘", "거실 에어컨 켜", "화면 꺼줘", "보일러 {deg}도로 맞춰줘", "무음 모드 켜줘",
    "로또 번호 추천해줘", "오늘 운세 봐줘", "점심 메뉴 골라줘", "{city} 맛집 찾아줘",
)  # fmt: skip
SERVICE_SLOTS: dict[str, tuple[str, ...]] = {
    "day": ("오늘", "내일", "모레", "이번 주말", "토요일", "내일 아침", "오늘 밤", "다음 주"),
    "time": ("7시", "아침 6시", "6시 반", "오후 3시", "새벽 5시 40분", "밤 11시", "8시 10분", "정오"),
    "dur": ("3분", "5분", "10분", "30초", "1시간", "1분 30초", "20분", "15분"),
    "contact": ("엄마", "아빠", "누나", "형", "언니", "오빠", "여보", "팀장님", "과장님", "할머니", "동생"),
    "item": ("생수", "휴지", "물티슈", "라면", "기저귀", "계란 한 판", "우유", "세제", "마스크",
             "충전 케이블", "고양이 모래", "샴푸"),
    "phrase": ("고맙습니다", "화장실이 어디예요", "이거 얼마예요", "만나서 반가워요", "계산서 주세요",
               "길을 잃었어요", "맵지 않게 해주세요", "사진 좀 찍어 주실래요"),
    "lang": ("영어", "일본어", "중국어", "스페인어", "프랑스어", "베트남어", "독일어"),
    "topic": ("경제", "스포츠", "연예", "정치", "IT", "부동산", "국제", "날씨"),
    "deg": ("22", "23", "24", "25", "20"),
}  # fmt: skip
SERVICE_NAME_SLOTS: dict[str, str] = {"city": "city", "artist": "artist", "place": "building"}

CHITCHAT: tuple[str, ...] = (
    "안녕", "안녕하세요", "하이", "좋은 아침", "반가워", "고맙습니다", "땡큐", "감사요", "수고했어",
    "ㅋㅋ", "ㅋㅋㅋ", "ㅎㅎ", "하하하", "ㅋㅋㅋ 웃기다", "ㅠㅠ", "ㅜㅜ", "헐", "대박", "와 진짜?",
    "실화냐", "오 신기하다", "그렇구나", "아하", "알겠어", "오케이", "응응", "그래", "좋아", "싫어",
    "넌 누구니", "너 정체가 뭐야", "너 사람이야?", "너 AI야?", "누가 만들었어 너", "넌 뭘 할 수 있어",
    "너 남자야 여자야?", "너 좋아하는 음식 있어?", "너 꿈이 뭐야", "넌 잠 안 자?",
    "배고파", "피곤하다", "졸려", "우울해", "외로워", "기분 좋아", "오늘 힘들었어", "일하기 싫다",
    "멍청이", "너 바보지", "말 좀 알아들어", "답답하네", "똑똑하네", "잘했어", "최고야", "귀엽다",
    "잘 있어", "바이바이", "내일 또 올게", "굿나잇", "다음에 봐", "미안해", "괜찮아", "나랑 놀자",
    "노래 불러줘", "나 좋아해?", "결혼해줘", "ㅋㅋㅋㅋ", "ㅎㅎㅎ", "ㅋㅋㅋㅋㅋㅋㅋ",
)  # fmt: skip
CHITCHAT_TEMPLATES: tuple[str, ...] = (
    "{person} 진짜 멋있다", "{person} 너무 좋아", "{band} 노래 완전 좋아", "{band} 콘서트 가고 싶다",
    "{city} 놀러 가고 싶다", "{city} 또 가고 싶어", "{animal} 너무 귀여워", "{car} 사고 싶다",
    "{team} 오늘 이겼으면 좋겠다", "{person} 팬이야", "{device} 갖고 싶다", "어제 {person} 봤어",
)  # fmt: skip
CHITCHAT_TAILS = ("", "", "", "~", "!", "ㅎㅎ", "ㅋㅋ", " ㅠㅠ", "..", "^^")

FRAGMENTS: tuple[str, ...] = (
    "으음", "음...", "음 그러니까", "그게", "그거 있잖아", "아니 근데", "아니야", "응", "네", "예",
    "잠깐", "잠깐만요", "어", "저기", "그", "뭐였지", "아 그거", "아 뭐더라", "ㄴㄴ", "ㅇㅇ",
    "ㅇㅋ", "ㄱㄱ", "다시", "취소", "됐어", "뭐라고?", "그래서", "그니까", "아 맞다", "검색",
    "찾아줘", "알려줘", "이거", "저거", "여기", "그럼", "근데", "아무거나", "몰라",
)  # fmt: skip
FRAGMENT_TEMPLATES: tuple[str, ...] = (
    "{E}", "{E} 있잖아", "{E} 그거", "{S}에서 {E}", "{E} {S}", "{S}", "{S} 검색", "{E} 말이야",
    "{E} 있지", "{S}로 {E}",
)  # fmt: skip
FRAGMENT_TAILS = ("", "", "?", "..", "!")

FOREIGN: tuple[str, ...] = (
    "How's the weather today?", "Play some music please", "Set an alarm for 7 am",
    "Tell me a joke", "How are you doing?", "Thank you so much", "Good morning",
    "What time is it now?", "Call my mom", "Turn off the lights", "I'm bored",
    "Where is the nearest subway station?", "Order a pizza for me", "Who won the game last night?",
    "Translate this into Korean", "Remind me to buy milk", "What's on my calendar tomorrow?",
    "Can you help me?", "Never mind", "See you later", "hello", "thanks a lot", "lol",
    "I love you", "Are you a robot?", "Read me the news", "How do I get to the airport?",
    "Send a text to John", "What's 15 times 4?", "Is it going to rain tomorrow?",
    "おはようございます", "ありがとうございます", "今何時ですか", "音楽をかけて", "明日の天気は？",
    "トイレはどこですか", "お腹すいた", "すみません、もう一度お願いします", "おやすみなさい",
    "これはいくらですか", "駅まで歩いて何分ですか", "今日はとても寒いですね", "よろしくお願いします",
    "你好", "谢谢", "现在几点了", "今天天气怎么样", "我饿了", "请再说一遍", "这个多少钱",
    "附近有地铁站吗", "晚安", "帮我放一首歌", "明天会下雨吗", "对不起", "我不知道",
    "Hola, ¿cómo estás?", "Gracias", "Bonjour, ça va ?", "Merci beaucoup", "Xin chào",
    "Cảm ơn bạn", "Guten Morgen", "Danke schön", "Привет", "Спасибо",
    "Where can I buy a SIM card?", "My order hasn't arrived yet", "Cancel my subscription",
    "Book a table for two at {n} pm", "Wake me up at {n} tomorrow", "Set a timer for {n} minutes",
    "How much is a taxi to the hotel?", "Can you speak English?", "I lost my wallet",
    "Good night", "What should I eat for lunch?", "Text Sarah I'm running late",
    "{n}時に起こして", "{n}分のタイマーをセットして", "予約をキャンセルしたいです", "Wi-Fiのパスワードは何ですか",
    "近くにコンビニはありますか", "写真を撮ってもいいですか", "{n}点叫我起床", "给妈妈打电话",
    "我想订{n}个人的位子", "WiFi密码是多少", "我迷路了", "可以用信用卡吗", "Buenas noches",
    "¿Dónde está el baño?", "Je suis fatigué", "Où est la gare ?", "Wie spät ist es?",
    "Tôi đói quá", "Bao nhiêu tiền?", "Sawasdee krub",
)  # fmt: skip

URL_DOMAINS = ("naver.com", "google.com", "youtube.com", "daum.net", "coupang.com", "instagram.com",
               "github.com", "namu.wiki", "tistory.com", "kakao.com", "netflix.com",
               "musinsa.com")  # fmt: skip
URL_FORMS = (
    "https://www.{d}",
    "http://{d}",
    "www.{d}",
    "https://{d}/{p}",
    "{d}/{p}",
    "https://m.{d}/{p}?id={n}",
)
EMAIL_USERS = ("minsu", "jiyoung.kim", "hello", "abc123", "lee_sj", "cs.team", "parkjh", "user2024")
EMAIL_DOMAINS = ("naver.com", "gmail.com", "daum.net", "hanmail.net", "kakao.com", "nate.com")
EMOJI = ("😀", "😂", "🤣", "😊", "😍", "😭", "😡", "👍", "👏", "🙏", "🔥", "💯", "🎉", "❤", "💕",
         "😅", "🤔", "😴", "🥺", "😎", "🙌", "✨", "🍕", "🐶")  # fmt: skip
MASHES = (
    "ㅁㄴㅇㄹ",
    "asdf",
    "qwer",
    "ㅂㅈㄷㄱ",
    "ㅏㅏㅏ",
    "ㄹㅇ",
    "ㅎㅇ",
    "zxcv",
    "ㅋㄷㅋㄷ",
    "ㄷㄷ",
    "jkjk",
    ";;",
)
TOKEN_FORMS: dict[str, tuple[str, ...]] = {
    "phone": ("010-{a}-{b}", "010{a}{b}", "02-{c}-{b}", "010 {a} {b}", "+82 10-{a}-{b}",
              "031-{c}-{b}"),
    "number": ("{i}", "{f}", "{i}원", "{i}개", "-{i}", "{i}%", "{i},{k}", "{i}.{k}"),
    "date": ("{y}.{m}.{d}", "{y}-{m}-{d}", "{y}/{m}/{d}", "{m}/{d}", "{y}년 {m}월", "{m}월 {d}일"),
}  # fmt: skip
TOKEN_KINDS = ("url", "email", "phone", "number", "emoji", "mash", "date")


# ---------------------------------------------------------------------------------------------
# Helpers: Hangul particles, names, splits
# ---------------------------------------------------------------------------------------------

_DIGIT_FINAL = {"0": 21, "1": 8, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": 8, "8": 8, "9": 0}
_LATIN_FINAL = {"L": 8, "M": 16, "N": 4, "R": 8}  # 엘, 엠, 엔, 알: the rest end in a vowel
PARTICLES = {"이": ("이", "가"), "은": ("은", "는"), "을": ("을", "를"), "의": ("의", "의"),
             "로": ("으로", "로"), "랑": ("이랑", "랑")}  # fmt: skip


def final_consonant(word: str) -> int:
    """Return the final-consonant index of the word's last sound (0 = none, 8 = ㄹ)."""
    for char in reversed(word.strip()):
        if "가" <= char <= "힣":
            return (ord(char) - 0xAC00) % 28
        if char.isdigit():
            return _DIGIT_FINAL.get(char, 0)
        if char.isascii() and char.isalpha():
            return _LATIN_FINAL.get(char.upper(), 0)
    return 0


def attach(word: str, particle: str) -> str:
    """Return ``word`` with the form of ``particle`` (이/은/을/의/로/랑) that follows it."""
    after_consonant, after_vowel = PARTICLES[particle]
    final = final_consonant(word)
    if particle == "로":
        return word + (after_vowel if final in (0, 8) else after_consonant)
    return word + (after_consonant if final else after_vowel)


def spacing_key(name: str) -> str:
    """Return the name without spaces: the identity that decides a name's half."""
    return "".join(name.split())


def _stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def name_split(name: str) -> str:
    """Return the split (``train``/``test``) whose rows may use ``name``: a fixed half by hash."""
    return TRAIN if _stable_hash("name:" + spacing_key(name)) % 2 == 0 else TEST


def held_out(items: Sequence[str], split: str, share: float = 0.25) -> tuple[str, ...]:
    """Return the phrasings of a pool that ``split`` may use.

    ``share`` of the pool (at least one phrasing when it has two or more), chosen by a hash of
    the text and so the same for every seed, is held out for ``test``; the rest is ``train``'s.
    """
    unique = list(dict.fromkeys(items))
    ranked = sorted(unique, key=lambda item: _stable_hash("phrasing:" + item))
    n_test = max(1, round(len(unique) * share)) if len(unique) > 1 else 0
    test = set(ranked[:n_test])
    return tuple(item for item in unique if (item in test) == (split == TEST))


def core_units(core: Core) -> tuple[str, ...]:
    """Return the phrasings of a core that are split apart: its noun or each predicate."""
    return (core.noun,) if core.noun else core.predicates


def split_cores(
    cores: Sequence[Core], split: str, pool_of: str = "all", share: float = 0.25
) -> list[Core]:
    """Return the cores of ``split``, each with only the phrasings held for that split.

    ``pool_of="decision"`` splits each near-miss decision's phrasings apart, so the test split
    asks every decision with two or more phrasings, in words training never saw.
    """
    pools: dict[str, list[str]] = {}
    for core in cores:
        pools.setdefault(core.decision if pool_of == "decision" else "", []).extend(
            core_units(core)
        )
    kept = {unit for pool in pools.values() for unit in held_out(pool, split, share)}
    out = []
    for core in cores:
        if core.noun and core.noun in kept:
            out.append(core)
        elif core.predicates:
            predicates = tuple(p for p in core.predicates if p in kept)
            if predicates:
                out.append(Core(core.groups, predicates=predicates, decision=core.decision))
    return out


def _usable_name(name: object) -> bool:
    return isinstance(name, str) and bool(name.strip()) and not any(c in name for c in "\t\r\n")


def split_names(
    names_by_kind: Mapping[str, Sequence[str]], split: str
) -> dict[str, tuple[str, ...]]:
    """Return the names of every kind that rows of ``split`` may use (one half of each kind)."""
    out = {}
    for kind, names in names_by_kind.items():
        usable = (name.strip() for name in names if _usable_name(name))
        out[kind] = tuple(
            sorted({n for n in usable if name_split(n) == split}, key=lambda n: (len(n), n))
        )
    return out


def group_names(names: Mapping[str, Sequence[str]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Return, for every entity group present in ``names``, the name pools of its kinds.

    A row draws a kind of its group uniformly, then a name of that kind, so a kind with many
    names (invented ``person_rare`` ones, say) does not crowd out the others.
    """
    grouped = {}
    for group, kinds in GROUP_KINDS.items():
        pools = []
        for kind, kind_names in sorted(names.items()):
            if not any(kind == k or (k == "person" and kind.startswith("person")) for k in kinds):
                continue
            wanted = GROUP_NAME_FILTERS.get(group)
            pool = [n for n in kind_names if not wanted or any(word in n for word in wanted)]
            if pool:
                pools.append(tuple(pool))
        if pools:
            grouped[group] = tuple(pools)
    return grouped


def normalise(sentence: str) -> str:
    """Return the sentence without spaces and punctuation, case-folded (to spot duplicates)."""
    return "".join(
        c for c in sentence if not c.isspace() and not unicodedata.category(c).startswith("P")
    ).casefold()


# ---------------------------------------------------------------------------------------------
# Row building
# ---------------------------------------------------------------------------------------------


@dataclass
class OutOfScopeRow:
    """A generated sentence with what it was made of (for tests and statistics)."""

    sentence: str
    category: str
    phrasing: str  # the unit held out by split: a noun, predicate, template or pool item
    names: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()
    allowed: tuple[str, ...] = ()

    def as_raw(self) -> Row:
        """Return the raw-format row ``(intent, tags, sentence)``."""
        return (INTENT, OUTSIDE_TAG * len(self.sentence), self.sentence)


@dataclass
class _Pieces:
    """Sentence text in pieces; entity pieces keep their place through noise and spacing."""

    parts: list[tuple[str, bool]] = field(default_factory=list)

    def text(self, text: str) -> _Pieces:
        self.parts.append((text, False))
        return self

    def name(self, text: str) -> _Pieces:
        self.parts.append((text, True))
        return self

    def assemble(self) -> tuple[str, tuple[Span, ...], tuple[str, ...]]:
        """Return the sentence (spaces collapsed, stripped), the name spans and the names."""
        chars: list[tuple[str, int]] = []  # (char, index of the name piece or -1)
        for index, (text, is_name) in enumerate(self.parts):
            chars += [(c, index if is_name else -1) for c in text]
        cleaned: list[tuple[str, int]] = []
        for char, owner in chars:
            if char == " " and (not cleaned or cleaned[-1][0] == " "):
                continue
            cleaned.append((char, owner))
        while cleaned and cleaned[-1][0] == " ":
            cleaned.pop()
        sentence = "".join(c for c, _ in cleaned)
        spans, names = [], []
        for index, (text, is_name) in enumerate(self.parts):
            positions = [i for i, (_, owner) in enumerate(cleaned) if owner == index]
            if is_name and positions:
                spans.append((positions[0], positions[-1] + 1))
                names.append(text)
        return sentence, tuple(spans), tuple(names)


class _Maker:
    """Draws rows of one split from the phrasing tables and the split's names."""

    def __init__(
        self,
        split: str,
        rng: random.Random,
        names: Mapping[str, Sequence[str]],
        settings: OutOfScopeSettings,
    ) -> None:
        self.split, self.rng, self.settings = split, rng, settings
        share = settings.test_phrasing_share
        self.groups = group_names(split_names(names, split))
        self.attribute = self._pairs(split_cores(ATTRIBUTE_CORES, split, "all", share))
        self.attribute_weights = self._group_weights(self.attribute)
        self.near_miss: dict[str, list[tuple[Core, str]]] = {}
        for core, group in self._pairs(split_cores(NEAR_MISS_CORES, split, "decision", share)):
            self.near_miss.setdefault(core.decision, []).append((core, group))
        self.pools = {
            "distance": self._held(DISTANCE_TEMPLATES),
            "which": self._held(WHICH_TEMPLATES),
            "self": self._held(SELF_TEMPLATES),
            "service": self._held(SERVICE_TEMPLATES),
            "chitchat": self._held(CHITCHAT),
            "chitchat_templates": self._held(CHITCHAT_TEMPLATES),
            "fragment": self._held(FRAGMENTS),
            "fragment_templates": self._held(FRAGMENT_TEMPLATES),
            "foreign": self._held(FOREIGN),
            "url": self._held(URL_DOMAINS),
            "email": self._held(EMAIL_DOMAINS),
            "emoji": self._held(EMOJI),
            "mash": self._held(MASHES),
            **{kind: self._held(forms) for kind, forms in TOKEN_FORMS.items()},
        }

    # -- tables for this split ------------------------------------------------------------
    def _held(self, items: Sequence[str]) -> tuple[str, ...]:
        return held_out(items, self.split, self.settings.test_phrasing_share)

    def _pairs(self, cores: Sequence[Core]) -> list[tuple[Core, str]]:
        """Return (core, group) pairs whose group has names in this split."""
        return [(core, group) for core in cores for group in core.groups if group in self.groups]

    @staticmethod
    def _group_weights(pairs: list[tuple[Core, str]]) -> list[float]:
        """Return draw weights that give every group its ``GROUP_WEIGHTS`` share."""
        per_group: dict[str, int] = {}
        for _, group in pairs:
            per_group[group] = per_group.get(group, 0) + 1
        return [GROUP_WEIGHTS.get(group, 1) / per_group[group] for _, group in pairs]

    def name(self, group: str) -> str:
        name = self.rng.choice(self.rng.choice(self.groups[group]))
        if " " in name and self.rng.random() < self.settings.unspaced_name_rate:
            name = spacing_key(name)
        return name

    # -- categories -----------------------------------------------------------------------
    def make(self, category: str) -> OutOfScopeRow | None:
        """Return one row of ``category``, or None when this split has nothing to draw from."""
        return getattr(self, f"_{category}")()

    def _attribute(self) -> OutOfScopeRow | None:
        if not self.attribute:
            return None
        core, group = self.rng.choices(self.attribute, weights=self.attribute_weights)[0]
        return self._from_core(core, group, "attribute")

    def _near_miss(self) -> OutOfScopeRow | None:
        """Return a near-miss row; every decision available is drawn equally often."""
        rng = self.rng
        decisions = sorted(self.near_miss)
        if "city" in self.groups and self.pools["distance"]:
            decisions.append("distance")
        decisions += [key for key in ("which", "self") if self.pools[key]]
        if not decisions:
            return None
        decision = rng.choice(decisions)
        if decision == "distance":
            return self._distance()
        if decision == "which":
            return self._which()
        if decision == "self":
            template = rng.choice(self.pools["self"])
            pieces = _Pieces().text(template + self._tail(True, template))
            return self._finish(pieces, "near_miss", template, _DECISIONS["self"].allowed)
        core, group = rng.choice(self.near_miss[decision])
        return self._from_core(core, group, "near_miss")

    def _from_core(self, core: Core, group: str, category: str) -> OutOfScopeRow:
        pieces, phrasing = self._realise(core, self.name(group))
        allowed = _DECISIONS[core.decision].allowed if core.decision else ()
        return self._finish(pieces, category, phrasing, allowed)

    def _realise(self, core: Core, name: str) -> tuple[_Pieces, str]:
        """Return the pieces of a question about ``name`` asked with ``core``, and its phrasing."""
        rng = self.rng
        p = _Pieces()
        if rng.random() < self.settings.filler_rate:
            p.text(rng.choice(FILLERS))
        if rng.random() < self.settings.context_rate:
            p.text(rng.choice(CONTEXTS))
        source = rng.random() < self.settings.source_rate
        source_prefix = source and (
            bool(core.predicates) or rng.random() >= self.settings.source_last_share
        )
        if source_prefix:
            p.text(self._source(rng.choice(SOURCE_PREFIXES)))
        if core.predicates:
            predicate = rng.choice(core.predicates)
            asks = not predicate.endswith(("줘", "좀", "?"))
            # a topic particle reads well before a question, not before a request
            weights = [
                w if asks or frame != "topic" else 0 for frame, w in PREDICATE_FRAMES.items()
            ]
            frame = rng.choices(list(PREDICATE_FRAMES), weights=weights)[0]
            if frame == "after":
                p.text(predicate + " ").name(name)
            elif frame == "topic":
                p.name(name).text(attach(name, "은")[len(name) :] + " " + predicate)
            else:
                p.name(name).text(" " + predicate)
            p.text(self._trailer(predicate) if frame != "after" else "")
            return p, predicate
        noun, ask = core.noun, core.ask
        question = self._question(ask)
        command = rng.choice(COMMANDS)
        frames = dict(NOUN_FRAMES)
        if ask == "list":  # a list is asked for, never asked about: "X 업적 알려줘"
            frames = {key: w for key, w in frames.items() if key in COMMAND_FRAMES}
        if source and not source_prefix:  # the source goes last: "X 인구 위키백과에서 찾아줘"
            frames = {"command": 1, "bare": 1}
        frame = rng.choices(list(frames), weights=list(frames.values()))[0]
        particle = lambda word, kind: attach(word, kind)[len(word) :]  # noqa: E731
        if frame == "bare_question":
            p.name(name).text(f" {noun} {question}")
        elif frame == "subject_question":
            p.name(name).text(f" {attach(noun, '이')} {question}")
        elif frame == "of_topic_question":
            p.name(name).text(f"{particle(name, '의')} {attach(noun, '은')} {question}")
        elif frame == "topic_subject_question":
            p.name(name).text(f"{particle(name, '은')} {attach(noun, '이')} {question}")
        elif frame in ("command", "bare") and source and not source_prefix:
            p.name(name).text(f" {noun}" + self._source(rng.choice(SOURCE_REQUESTS)))
        elif frame == "command":
            p.name(name).text(f" {noun} {command}")
        elif frame == "of_object_command":
            command = rng.choice(OBJECT_COMMANDS)
            p.name(name).text(f"{particle(name, '의')} {attach(noun, '을')} {command}")
        elif frame == "bare":
            p.name(name).text(f" {noun}")
        elif frame == "command_first":
            p.text(f"{noun} {command} ").name(name)
        elif frame == "question_first":
            p.text(f"{attach(noun, '이')} {question} ").name(name)
        else:
            embedded = self._embedded(ask)
            p.name(name).text(f" {attach(noun, '이')} {embedded} {rng.choice(EMBEDDED_ENDINGS)}")
        asks = frame not in ("command", "of_object_command", "command_first", "embedded")
        if source and not source_prefix:
            asks = False
        p.text(self._tail(asks, p.parts[-1][0]) if frame != "command_first" else "")
        if (
            frame not in ("command_first", "question_first")
            and rng.random() < self.settings.trailer_rate
        ):
            p.text(rng.choice(TRAILERS))
        return p, noun

    def _trailer(self, predicate: str) -> str:
        """Return the end of a predicate row: punctuation, now and then a remark."""
        asks = not predicate.endswith(("줘", "좀", "?"))
        tail = self._tail(asks, predicate)
        return tail + (
            self.rng.choice(TRAILERS) if self.rng.random() < self.settings.trailer_rate else ""
        )

    def _question(self, ask: str) -> str:
        if ask.startswith("count:"):
            unit = ask.split(":", 1)[1]
            consonant, vowel = self.rng.choice(COUNT_COPULAS)
            return f"몇 {unit}" + (consonant if final_consonant(unit) else vowel)
        if ask == "list":
            return self.rng.choice(COMMANDS)
        return self.rng.choice(QUESTIONS[ask])

    def _embedded(self, ask: str) -> str:
        if ask.startswith("count:"):
            return f"몇 {ask.split(':', 1)[1]}인지"
        return self.rng.choice(EMBEDDED[ask])

    def _source(self, template: str) -> str:
        source = self.rng.choice(SOURCES)
        return template.replace("{S:로}", attach(source, "로")).replace("{S}", source)

    def _tail(self, question: bool = True, after: str = "") -> str:
        """Return end punctuation or an emoticon; nothing after a text already ending in ?/!."""
        if after.endswith(("?", "!")):
            return ""
        if not question:
            return self.rng.choice(("", "", "", "", ".", "~", "!", "ㅎㅎ"))
        return self.rng.choices([t for t, _ in TAILS], weights=[w for _, w in TAILS])[0]

    def _distance(self) -> OutOfScopeRow:
        rng = self.rng
        template = rng.choice(self.pools["distance"])
        first, second = self.name("city"), self.name("city")
        for _ in range(10):
            if spacing_key(second) != spacing_key(first):
                break
            second = self.name("city")
        head, _, rest = template.partition("{A}")
        middle, _, end = rest.partition("{B}")
        if middle.startswith("랑"):  # 이랑 after a consonant: 부산이랑, 대구랑
            middle = attach(first, "랑")[len(first) :] + middle[1:]
        tail = self._tail(not end.endswith("줘"), end)
        pieces = _Pieces().text(head).name(first).text(middle).name(second).text(end + tail)
        return self._finish(pieces, "near_miss", template)

    def _which(self) -> OutOfScopeRow:
        rng = self.rng
        template = rng.choice(self.pools["which"])
        adjective, thing = rng.choice(WHICH_THINGS)
        text = (
            template.replace("{scope}", rng.choice(WHICH_SCOPES))
            .replace("{most}", rng.choice(WHICH_MOST))
            .replace("{adj}", adjective)
            .replace("{thing}{이}", attach(thing, "이"))
            .replace("{thing}{은}", attach(thing, "은"))
            .replace("{thing}", thing)
        )
        tail = self._tail(not text.endswith(("줘", "순위")), text)
        return self._finish(_Pieces().text(text + tail), "near_miss", template)

    def _service(self) -> OutOfScopeRow | None:
        rng = self.rng
        usable = [t for t in self.pools["service"] if self._slots_available(t)]
        if not usable:
            return None
        template = rng.choice(usable)
        pieces = self._fill(template)
        if rng.random() < self.settings.filler_rate:
            pieces.parts.insert(0, (rng.choice(FILLERS), False))
        ends_request = template.endswith(("줘", "줄래", "해", "켜", "꺼", "가", "하자", "봐", "}"))
        tail = self._tail(not ends_request, template)
        return self._finish(pieces.text(tail), "service", template)

    def _slots_available(self, template: str) -> bool:
        for slot in re.findall(r"\{(\w+)\}", template):
            if slot in SERVICE_NAME_SLOTS and SERVICE_NAME_SLOTS[slot] not in self.groups:
                return False
            if slot in GROUP_KINDS and slot not in SERVICE_NAME_SLOTS and slot not in self.groups:
                return False
        return True

    def _fill(self, template: str) -> _Pieces:
        """Return the pieces of a template whose slots are names or service words."""
        rng = self.rng
        pieces = _Pieces()
        for text, slot in re.findall(r"([^{]*)(?:\{(\w+)\})?", template):
            pieces.text(text)
            if not slot:
                continue
            if slot in SERVICE_NAME_SLOTS:
                pieces.name(self.name(SERVICE_NAME_SLOTS[slot]))
            elif slot in GROUP_KINDS:
                pieces.name(self.name(slot))
            elif slot in ("n", "m"):
                pieces.text(str(rng.choice((rng.randint(2, 99), rng.randint(100, 9999)))))
            elif slot == "pct":
                pieces.text(str(rng.choice((5, 10, 15, 20, 30, 3.3))))
            else:
                pieces.text(rng.choice(SERVICE_SLOTS[slot]))
        return pieces

    def _chitchat(self) -> OutOfScopeRow | None:
        rng = self.rng
        templates = [t for t in self.pools["chitchat_templates"] if self._slots_available(t)]
        if templates and rng.random() < self.settings.chitchat_name_rate:
            template = rng.choice(templates)
            pieces = self._fill(template).text(rng.choice(CHITCHAT_TAILS))
            return self._finish(pieces, "chitchat", template)
        if not self.pools["chitchat"]:
            return None
        item = rng.choice(self.pools["chitchat"])
        jamo_only = all("ㄱ" <= c <= "ㅣ" for c in item.replace(" ", ""))
        tail = "" if jamo_only or item.endswith("?") else rng.choice(CHITCHAT_TAILS)
        item_text = item + tail
        return self._finish(_Pieces().text(item_text), "chitchat", item, noise=False)

    def _fragment(self) -> OutOfScopeRow | None:
        rng = self.rng
        templates = [
            t for t in self.pools["fragment_templates"] if "{E}" not in t or self._fragment_groups()
        ]
        if templates and rng.random() < self.settings.fragment_name_rate:
            template = rng.choice(templates)
            pieces = _Pieces()
            for text, slot in re.findall(r"([^{]*)(?:\{(\w+)\})?", template):
                pieces.text(text)
                if slot == "E":
                    pieces.name(self.name(rng.choice(self._fragment_groups())))
                elif slot == "S":
                    pieces.text(rng.choice(SOURCES))
            pieces.text(rng.choice(FRAGMENT_TAILS))
            return self._finish(pieces, "fragment", template, noise=False)
        if not self.pools["fragment"]:
            return None
        item = rng.choice(self.pools["fragment"])
        return self._finish(_Pieces().text(item), "fragment", item, noise=False)

    def _fragment_groups(self) -> list[str]:
        # a concept name alone reads as a definition lookup: never a bare fragment
        return [g for g in self.groups if g not in ("concept", "beach", "venue", "artist")]

    def _foreign(self) -> OutOfScopeRow | None:
        if not self.pools["foreign"]:
            return None
        rng = self.rng
        item = rng.choice(self.pools["foreign"])
        variant = rng.random()
        text = item.replace("{n}", str(rng.randint(1, 12)))
        if variant < 0.2 and item.isascii():
            text = text.lower()
        elif variant < 0.35:
            text = text.rstrip("?？!.。 ")
        return self._finish(_Pieces().text(text), "foreign", item, noise=False)

    def _token(self) -> OutOfScopeRow | None:
        """Return a URL, e-mail address, phone number, number, date, emoji run or key mash."""
        rng = self.rng
        kind = rng.choice(TOKEN_KINDS)
        digits = lambda k: "".join(rng.choice("0123456789") for _ in range(k))  # noqa: E731
        if kind == "url":
            domain = rng.choice(self.pools["url"])
            path = rng.choice(("watch", "news", "item", "p", "search", "post", "@user"))
            text = rng.choice(URL_FORMS).format(d=domain, p=f"{path}/{digits(5)}", n=digits(6))
            unit = f"url:{domain}"
        elif kind == "email":
            domain = rng.choice(self.pools["email"])
            text = f"{rng.choice(EMAIL_USERS)}{rng.choice(('', digits(2), digits(4)))}@{domain}"
            unit = f"email:{domain}"
        elif kind == "emoji":
            text = "".join(rng.choice(self.pools["emoji"]) for _ in range(rng.randint(1, 5)))
            unit = f"emoji:{self.split}"  # the split's own emoji: runs never meet
        elif kind == "mash":
            unit = rng.choice(self.pools["mash"])
            text = unit * rng.choice((1, 1, 2))
            unit = f"mash:{unit}"
        else:
            unit = rng.choice(self.pools[kind])
            text = unit.format(
                a=digits(4), b=digits(4), c=digits(3), i=rng.randint(1, 99999), k=digits(3),
                f=round(rng.uniform(0, 1000), rng.randint(1, 4)), y=rng.randint(1990, 2030),
                m=f"{rng.randint(1, 12):02d}", d=f"{rng.randint(1, 28):02d}",
            )  # fmt: skip
            unit = f"{kind}:{unit}"
        return self._finish(_Pieces().text(text), "token", unit, noise=False)

    # -- noise and checks -----------------------------------------------------------------
    def _finish(
        self,
        pieces: _Pieces,
        category: str,
        phrasing: str,
        allowed: Collection[str] = (),
        noise: bool = True,
    ) -> OutOfScopeRow:
        if noise:
            self._add_noise(pieces)
        sentence, spans, names = pieces.assemble()
        check_out_of_scope(sentence, spans, allowed)
        return OutOfScopeRow(sentence, category, phrasing, names, spans, tuple(allowed))

    def _add_noise(self, pieces: _Pieces) -> None:
        """Add a typo and drop spaces outside names, as people type."""
        rng = self.rng
        parts = pieces.parts
        if rng.random() < self.settings.typo_rate:
            candidates = [
                (i, wrong, right)
                for i, (text, is_name) in enumerate(parts)
                if not is_name
                for wrong, right in TYPOS
                if wrong in text
            ]
            if candidates:
                i, wrong, right = rng.choice(candidates)
                parts[i] = (parts[i][0].replace(wrong, right, 1), False)
        roll = rng.random()
        if roll < self.settings.all_spaces_dropped_rate:
            drop = 1.0
        elif roll < self.settings.all_spaces_dropped_rate + self.settings.some_spaces_dropped_rate:
            drop = self.settings.space_drop_rate
        else:
            return
        for i, (text, is_name) in enumerate(parts):
            if not is_name:
                parts[i] = ("".join(c for c in text if c != " " or rng.random() >= drop), False)


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def category_counts(count: int, shares: Mapping[str, float] = CATEGORY_SHARES) -> dict[str, int]:
    """Return how many rows of each category make ``count`` rows (largest remainder)."""
    total = sum(shares.values())
    exact = {name: count * share / total for name, share in shares.items()}
    counts = {name: int(value) for name, value in exact.items()}
    by_remainder = sorted(exact, key=lambda name: (counts[name] - exact[name], name))
    for name in by_remainder[: count - sum(counts.values())]:
        counts[name] += 1
    return counts


def generate_out_of_scope_rows(
    count: int,
    seed: int,
    names_by_kind: Mapping[str, Sequence[str]],
    split: str = TRAIN,
    *,
    reserved_sentences: Collection[str] = (),
    settings: OutOfScopeSettings | None = None,
) -> list[OutOfScopeRow]:
    """Return ``count`` distinct out-of-scope rows of ``split`` with what each was made of.

    Rows differ even without spaces and punctuation. ``reserved_sentences`` (an evaluation
    file's, say) are never generated, compared the same way. Raises ``ValueError`` when a
    category cannot reach its share (too few names or phrasings for the count) and
    ``OutOfScopeClashError`` when a row would read as an in-scope question.
    """
    settings = settings or OutOfScopeSettings()
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    if count < 0:
        raise ValueError(f"count must be >= 0, got {count}")
    unknown = sorted(set(settings.shares) - set(CATEGORY_SHARES))
    if unknown:
        raise ValueError(f"unknown categories {unknown}; known: {sorted(CATEGORY_SHARES)}")
    maker = _Maker(split, random.Random(f"out-of-scope-{split}-{seed}"), names_by_kind, settings)
    if not maker.groups:
        known = sorted({k for kinds in GROUP_KINDS.values() for k in kinds})
        raise ValueError(
            f"names_by_kind has no kind the out-of-scope generator knows (got "
            f"{sorted(names_by_kind)}); pass names of some of: {known} (any person* kind)"
        )
    taken = {normalise(sentence) for sentence in reserved_sentences}
    rows: list[OutOfScopeRow] = []
    for category, wanted in category_counts(count, settings.shares).items():
        made = attempts = 0
        while made < wanted:
            attempts += 1
            if attempts > settings.attempts_per_row * wanted:
                raise ValueError(
                    f"only {made} of {wanted} distinct {category!r} rows for split {split!r}: "
                    "lower the count, lower the category's share or pass more names"
                )
            row = maker.make(category)
            if row is None:
                raise ValueError(
                    f"no {category!r} phrasing usable for split {split!r} with kinds "
                    f"{sorted(names_by_kind)}"
                )
            key = normalise(row.sentence) or row.sentence
            if key in taken:
                continue
            taken.add(key)
            rows.append(row)
            made += 1
    random.Random(f"out-of-scope-order-{split}-{seed}").shuffle(rows)
    return rows


def generate_out_of_scope(
    count: int,
    seed: int,
    names_by_kind: Mapping[str, Sequence[str]],
    split: str = TRAIN,
    *,
    reserved_sentences: Collection[str] = (),
    settings: OutOfScopeSettings | None = None,
) -> list[Row]:
    """Return ``count`` raw rows ``(intent, tags, sentence)`` of out-of-scope questions.

    Deterministic from ``seed``; ``split="test"`` uses phrasings and names disjoint from
    ``split="train"``. ``names_by_kind`` maps entity kinds (``person_kr``, ``city``, ``river``,
    ``band``, ... and optionally ``film``, ``song``, ``book``) to real names.
    """
    rows = generate_out_of_scope_rows(
        count,
        seed,
        names_by_kind,
        split,
        reserved_sentences=reserved_sentences,
        settings=settings,
    )
    return [row.as_raw() for row in rows]


def format_raw(rows: Iterable[Row]) -> str:
    """Return rows in the raw format: ``intent<TAB>tags<TAB>sentence``, one per line."""
    return "".join(f"{intent}\t{tags}\t{sentence}\n" for intent, tags, sentence in rows)


def write_out_of_scope(
    out_dir: str | Path,
    seed: int,
    names_by_kind: Mapping[str, Sequence[str]],
    train_count: int = 1000,
    test_count: int = 300,
    *,
    reserved_sentences: Collection[str] = (),
    settings: OutOfScopeSettings | None = None,
) -> dict[str, Path]:
    """Write ``out_of_scope.txt`` (training pool) and ``test_out_of_scope.txt``; return paths.

    Defaults: 1,000 training rows and 300 test rows, keyed ``train`` and ``test``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for split, filename, count in ((TRAIN, TRAIN_FILE, train_count), (TEST, TEST_FILE, test_count)):
        rows = generate_out_of_scope(
            count,
            seed,
            names_by_kind,
            split,
            reserved_sentences=reserved_sentences,
            settings=settings,
        )
        path = out / filename
        path.write_text(format_raw(rows), encoding="utf-8")
        paths[split] = path
    return paths


def names_by_kind_from_lexicon(lexicon_seed: int) -> dict[str, tuple[str, ...]]:
    """Return the default corpus lexicon's training-side names by kind (kinds with no name left
    out).

    Only the lexicon's ``train`` split is used, less any name spelt like a hidden one but for
    its spaces, so no name of the in-scope hidden test set ever appears in an out-of-scope row; this module's own halves (``name_split``) then keep the
    out-of-scope training and test files apart. The import stays inside: nothing else here
    depends on the lexicon.
    """
    from joint_nlu.corpus.lexicon import HIDDEN as LEXICON_HIDDEN
    from joint_nlu.corpus.lexicon import TRAIN as LEXICON_TRAIN
    from joint_nlu.corpus.lexicon import build_entity_pools

    pools = build_entity_pools(lexicon_seed)
    # the dictionaries spell a few titles two ways (몬테 크리스토 백작, 몬테크리스토 백작), and
    # the lexicon may put the spellings on both sides: keep the hidden side's names out
    hidden = {
        spacing_key(name)
        for kind_names in pools.names_by_kind(LEXICON_HIDDEN).values()
        for name in kind_names
    }
    names = {
        kind: tuple(name for name in kind_names if spacing_key(name) not in hidden)
        for kind, kind_names in pools.names_by_kind(LEXICON_TRAIN).items()
    }
    return {kind: kind_names for kind, kind_names in names.items() if kind_names}


def read_sentences(path: str | Path) -> list[str]:
    """Return the sentences (third field) of a raw ``intent<TAB>tags<TAB>sentence`` file."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[2] for line in lines if line.count("\t") >= 2]


def write_default_out_of_scope(
    out_dir: str | Path, seed: int, reserved_files: Sequence[str | Path]
) -> dict[str, Path]:
    """Write the project's two out-of-scope files from the default lexicon's training names.

    No sentence of ``reserved_files`` (the hand-written evaluation sets) is ever generated. The
    same seed, lexicon and reserved files give the same bytes.
    """
    reserved = [sentence for path in reserved_files for sentence in read_sentences(path)]
    return write_out_of_scope(
        out_dir, seed, names_by_kind_from_lexicon(seed), reserved_sentences=reserved
    )
