"""Phrasings: sentence frames, attribute words, predicates, commands, sources and context, per
intent and per kind of entity.

Every option list is an ``Options`` pair: ``train`` items may appear in both splits, ``hidden``
items only in the hidden test split, so that a share of its phrasings is new to the model.
Context is keyed by the entity's attribute group (``GROUP_OF_KIND``) or family (``kinds``), never
drawn independently of the entity: a river word is only ever said around a river.

Predicates and value questions are written ``"text#pattern"``; the pattern conjugates them
(see ``hangul.verb_forms``): ``cop`` = copula after a noun (몇 살 → 몇 살이야, 몇 살인가요 ...),
``되``/``하``/``past``/``a``/``eo``/``b``/``l``/``eu``/``vowel_eo``/``ga`` = verb classes,
``fixed`` = used as written.

Frame slots: ``{E}`` entity (``{E:의}``, ``{E:은}``, ``{E:이}``, ``{E:을}``, ``{E:이란}``,
``{E:이라는}``, ``{E:이랑}``, ``{E:도}``, ``{E:으로}``, ``{E:에대해}``), ``{A}`` attribute word (``{A:은}``,
``{A:이}``, ``{A:을}``, ``{A:이야}``), ``{Q}``/``{QE}`` value question (plain / embedded),
``{P}``/``{PE}`` predicate (plain / embedded), ``{R}`` request or command, ``{RE}`` ending after
an embedded question, ``{SRC}`` where a source may be named mid-sentence (``나이가 위키백과로
얼마야``), ``{FEEL}``, ``{KNOW}``, ``{EXPLAIN}``, ``{TERM}``.

This module is data: no randomness, no entity names.
"""

from __future__ import annotations

import re
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


NO_OPTIONS = Options(())


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
    Frame("{E:의} {A:은} {SRC}{Q}", 8),
    Frame("{E} {A:은} {SRC}{Q}", 6),
    Frame("{E} {A:이} {SRC}{Q}", 8),
    Frame("{E:의} {A:이} {SRC}{Q}", 5),
    Frame("{E:의} {A} {SRC}{Q}", 3),
    Frame("{E:의} {A:을} {SRC}{R}", 6),
    Frame("{E} {A:을} {SRC}{R}", 6),
    Frame("{E} {A} {SRC}{R}", 9),
    Frame("{E:의} {A} {R}", 3),
    Frame("{E} {A}", 12),
    Frame("{E:의} {A}", 2),
    Frame("{E} {A} {SRC}{Q}", 6),
    Frame("{E:의} {A:은}", 1.5),
    Frame("{E} {A:은}", 1),
    Frame("{E:의} {A:이} {SRC}{QE} {RE}", 4),
    Frame("{E:의} {A:은} {QE} {RE}", 3),
    Frame("{E} {A:이} {SRC}{QE} {RE}", 4),
    Frame("{E} {A} {QE} {RE}", 2),
    Frame("{E:의} {A:이} {FEEL}", 2),
    Frame("{E} {A} {FEEL}", 2),
    Frame("{E:은} {A:이} {Q}", 3),
    Frame("{E:은} {A} {Q}", 1),
    Frame("{A:이} {Q} {E:은}", 1),
    Frame("{E:의} {A:을} {KNOW}", 1.5),
    Frame("{E} {A} 검색", 2),
    Frame("{E} {A} 검색 좀", 0.5),
    Frame("{E} {A} 찾아서 {R}", 1.5),
    Frame("{E:의} {A} 찾아서 {R}", 1),
    Frame("{E} {A} 검색해서 {R}", 1),
    Frame("{E:으로} 검색해서 {A} {R}", 1),
    Frame("{E:으로} 검색하면 {A:이} {Q}", 0.5),
    Frame("{E:에대해} 궁금한데 {A:이} {Q}", 0.5),
    Frame("{E:도} {A} {R}", 0.5),
    Frame("{E:의} {A:이} 궁금한데 {R}", 1),
    Frame("{E} {A} 정보 {R}", 1),
    Frame("{E} {A:이} 어떻게 되는지 {RE}", 1),
    # the entity last, after a comma or without one
    Frame("{A:이} {Q}, {E}", 2),
    Frame("{A:이} {Q} {E}", 1.5),
    Frame("{A} {R}, {E}", 1),
    Frame("{A} {R} {E}", 0.5),
    # frames only the hidden split uses: word orders and constructions training never shows
    Frame("내가 궁금한 건 {E:의} {A:이야}", 2, hidden_only=True),
    Frame("{E:에대해} 알고 싶은데 {A:이} {Q}", 2, hidden_only=True),
    Frame("{E:이랑} 관련해서 {A} {R}", 2, hidden_only=True),
    Frame("{E}, {A:이} {Q}", 2, hidden_only=True),
    Frame("{E:의} {A:이} {QE} {KNOW}", 2, hidden_only=True),
    Frame("{A:이} {QE} {RE} {E:의}", 1, hidden_only=True),
    Frame("{E} 하면 {A:이} {Q}", 1, hidden_only=True),
    Frame("{A} 좀 {R} {E}", 1, hidden_only=True),
)

PREDICATE_FRAMES: tuple[Frame, ...] = (
    Frame("{E:은} {SRC}{P}", 10),
    Frame("{E} {SRC}{P}", 9),
    Frame("{E:이} {P}", 3),
    Frame("{E:은} {SRC}{PE} {RE}", 4),
    Frame("{E:이} {PE} {RE}", 3),
    Frame("{E} {PE} {R}", 2),
    Frame("{E} {SRC}{PE}를 {R}", 1.5),
    Frame("{E:은} {PE} {R}", 1.5),
    Frame("{P} {E:은}", 1),
    Frame("{E:은} 혹시 {P}", 1),
    Frame("{E:은} 도대체 {P}", 0.3),
    Frame("{P}, {E:은}", 1),
    Frame("{P}, {E}", 1),
    Frame("{P} {E}", 0.8),
    Frame("{E} 말인데 {P}", 2, hidden_only=True),
    Frame("{E:은} 과연 {P}", 1, hidden_only=True),
    Frame("{E:이} 대략 {P}", 1, hidden_only=True),
    Frame("{PE} {RE} {E:은}", 1, hidden_only=True),
)

DEFINITION_FRAMES: tuple[Frame, ...] = (
    Frame("{E:이란} {SRC}{P}", 6),
    Frame("{E:이} {SRC}{P}", 5),
    Frame("{E} {SRC}{P}", 4),
    Frame("{E:이라는} {TERM:이} {P}", 1.5),
    Frame("{E:이라는} {TERM} {EXPLAIN}", 1),
    Frame("{E:에대해} {SRC}{EXPLAIN}", 5),
    Frame("{E:을} {EXPLAIN}", 2),
    Frame("{E} {EXPLAIN}", 3),
    Frame("{E} {SRC}찾아서 {R}", 3),
    Frame("{E:을} 찾아서 {R}", 1.5),
    Frame("{E} 검색해서 {R}", 1.5),
    Frame("{E:으로} 검색해서 {R}", 1),
    Frame("{E:이} 뭔지 {RE}", 3),
    Frame("{E:이} 뭔지 {R}", 1),
    Frame("{E:이란} 무엇인지 {RE}", 1),
    Frame("{E} {R}", 2),
    Frame("{E:이} 뭐임", 0.5),
    Frame("{E:이} 뭔데", 0.5),
    Frame("{E:이란}", 0.5),
    Frame("{EXPLAIN} {E}", 0.5),
    Frame("{E:이란} 단어를 들었는데 {P}", 1, hidden_only=True),
    Frame("{E:에대해} 아무것도 모르는데 {EXPLAIN}", 1, hidden_only=True),
    Frame("{E:이} 대체 뭐길래 다들 얘기해", 1, hidden_only=True),
)

# Short queries as typed into a search box or a chat: the name, an attribute word and at most a
# short ending (``아이유 키``, ``아이유 키 좀``, ``메시 몇 살이야``); ``{T}`` is a short ending of
# the intent (``SHORT_ENDINGS``), ``{S}`` a short question of it (``SHORT_QUESTIONS``: ``메시 몇
# 살``, ``손흥민 어디 소속``).
SHORT_FRAMES: tuple[Frame, ...] = (
    Frame("{E} {A}", 12), Frame("{E} {A} {T}", 6), Frame("{E} {S}", 4), Frame("{E} {A} {Q}", 2),
    Frame("{E} {P}", 4), Frame("{E:은} {P}", 1.5), Frame("{E:의} {A}", 1), Frame("{E:이} {P}", 0.5),
    Frame("{E} {A:은}", 0.5),
    Frame("{E} {A} 알아", 0.5, hidden_only=True), Frame("{E} {A} 아는 사람", 0.5, hidden_only=True),
)  # fmt: skip
DEFINITION_SHORT_FRAMES: tuple[Frame, ...] = (
    Frame("{E} {A}", 6), Frame("{E} {A} {T}", 3), Frame("{E} 뭐임", 1), Frame("{E} 뭐야", 1.5),
    Frame("{E:이} 뭐야", 1.5), Frame("{E:이란}", 0.5), Frame("{E:은} 뭐임", 0.5),
    Frame("{E:이} 뭔데", 0.5, hidden_only=True),
)  # fmt: skip
SHORT_QUESTIONS: dict[str, Options] = {
    "age": opts("몇 살, 몇 살임, 몇 살이야, 나이 몇, 올해 몇 살", "몇 살쯤"),
    "area": opts("얼마나 넓어, 넓이 얼마, 면적 얼마", "크기 얼마"),
    "belong_to": opts("어디 소속, 소속 어디, 어느 소속, 어디 소속임", "소속이 어디"),
    "birth_date": opts("언제 태어남, 생일 언제, 몇 년생, 언제 태어났어", "생일 며칠"),
    "birth_place": opts("어디 출신, 고향 어디, 어디서 태어남, 어디서 태어났어", "출신 어디"),
}
SHORT_ENDINGS: dict[str, Options] = {
    "age": opts("좀, 몇, 몇이야, 알려줘, 궁금, 몇 살", "몇임"),
    "area": opts("좀, 얼마, 몇, 얼마야, 알려줘, 궁금", "얼만데"),
    "belong_to": opts("좀, 어디, 어디야, 알려줘, 궁금, 어디임", "어딘데"),
    "birth_date": opts("좀, 언제, 언제야, 알려줘, 궁금, 언제임", "언젠데"),
    "birth_place": opts("좀, 어디, 어디야, 알려줘, 궁금", "어딘데"),
    "definition": opts("좀, 뭐야, 뭐임, 알려줘, 궁금", "뭔데"),
    "height": opts("좀, 몇, 얼마, 몇이야, 알려줘, 궁금", "얼만데"),
    "length": opts("좀, 몇, 얼마, 얼마야, 알려줘, 궁금", "얼만데"),
    "weight": opts("좀, 몇, 얼마, 몇이야, 알려줘, 궁금", "얼만데"),
    "width": opts("좀, 몇, 얼마, 얼마야, 알려줘, 궁금", "얼만데"),
}

# ---------------------------------------------------------------------------------------------
# Requests, commands and the other row-level words shared by all intents
# ---------------------------------------------------------------------------------------------

# Commands and requests that end a question (``알려줄래``, ``검색해라``, ``찾아봐``, ``말해줘``).
REQUESTS = opts(
    "알려줘, 알려 줘, 알려주세요, 알려줄래, 알려줄래요, 알려줄 수 있어, 알려주실 수 있나요, 알려주시겠어요,"
    "가르쳐줘, 가르쳐 주세요, 말해줘, 말해 줘, 말해주세요, 말해줄래, 말해봐, 찾아줘, 찾아 줘, 찾아주세요,"
    "찾아봐, 찾아봐줘, 찾아봐라, 찾아라, 검색해줘, 검색해 줘, 검색해주세요, 검색해봐, 검색해라, 검색 좀 해줘,"
    "좀 알려줘, 좀 찾아줘, 좀 알려주세요, 알고 싶어, 알고싶어, 알고 싶어요, 알고 싶습니다, 알고 싶다,"
    "알려주라, 보여줘, 보여주세요, 확인해줘, 조회해줘, 알아봐, 알아봐줘, 알아봐 줄래, 부탁해, 부탁해요,"
    "알려주면 좋겠어, 알 수 있을까, 알 수 있을까요, 알 수 있나요, 알려줘봐, 말해 봐, 찾아서 알려줘,"
    "검색해서 알려줘, 찾아서 말해줘, 알려줘요, 말해라, 알려라",
    "알려주실래요, 좀 가르쳐 주실래요, 말씀해 주세요, 알려주십시오, 찾아봐 줄래, 조사해줘,"
    "알려줬으면 해, 좀 알아봐 주세요, 답해줘, 한번 찾아봐, 검색해 보세요",
)

AFTER_EMBEDDED = opts(
    "알려줘, 알려주세요, 알려줄래, 궁금해, 궁금해요, 궁금합니다, 궁금한데, 궁금하다,"
    "알고 싶어, 알고 싶어요, 알고 싶습니다, 찾아줘, 찾아봐, 말해줘, 말해줄래, 검색해줘, 검색해라, 알아,"
    "아세요, 아니, 알려줄 수 있어, 좀 알려줘, 가르쳐줘, 알아봐줘, 모르겠어, 찾아서 말해줘",
    "궁금하네요, 여쭤봐도 될까요, 아시나요, 알아봐 줘요, 기억이 안 나",
)

FEELINGS = opts(
    "궁금해, 궁금해요, 궁금합니다, 궁금한데, 궁금함, 궁금하다, 알고 싶다, 알고 싶어, 궁금하네",
    "궁금하네요, 너무 궁금해",
)

KNOW = opts(
    "알아, 아세요, 아니, 알고 있어, 알아요, 아는 사람, 알려줄 수 있어, 알고 있니",
    "아시나요, 아시는 분",
)

EXPLAIN = opts(
    "설명해줘, 설명해 주세요, 설명 좀, 설명 부탁해, 간단히 설명해줘, 쉽게 설명해줘, 자세히 알려줘,"
    "알려줘, 알고 싶어, 설명해줄래, 설명해 줄 수 있어, 좀 알려줘, 설명해주세요, 정리해줘, 찾아봐, 검색해줘",
    "풀어서 설명해 줄래, 요약해줘, 한 줄로 설명해줘, 알기 쉽게 말해줘",
)

TERMS = opts("말, 개념, 용어, 단어, 것", "표현")

ABOUT_PARTICLES = opts("에 대해, 에 대해서, 에 관해, 에 관해서", "에 관하여, 에 대하여")

FILLERS = opts(
    "혹시, 그, 음, 있잖아, 저기, 아, 근데, 그러니까, 그럼, 야, 저, 궁금한 게 있는데, 질문 하나만,"
    "하나 물어볼게, 잠깐만, 아 맞다",
    "저기요, 실례지만, 갑자기 궁금해졌는데, 있잖아요",
)

# Where people look things up, in the spellings they type (the seed rows: ``WIKI PEDIA``,
# ``위키백과사전``, ``WIKI백과사전``, ``WIKIPEDIA백과``, ``위키 피디아``).
SOURCES = opts(
    "위키백과, 위키피디아, 위키 피디아, WIKI PEDIA, WIKIPEDIA, Wikipedia, wikipedia, 위키백과사전,"
    "WIKI백과사전, WIKIPEDIA백과, 위키 백과, 위키 백과사전, 위키, WIKI, 나무위키, 네이버, 네이버 백과,"
    "네이버 지식백과, 구글, 백과사전, 인터넷, 두산백과, 다음 백과, 위키백과 사전",
    "위키 피디아 백과, Wiki, 나무 위키, 브리태니커, namuwiki, 네이버 검색, WIKI 백과, 구글 검색",
)
# A source named before the question (``WIKI PEDIA로 …``, ``위키 피디아에 …``, ``WIKI백과사전 검색 …``).
SOURCE_LEADS = opts(
    "{S:으로}, {S:으로}, {S}에서, {S}에서, {S}에, {S} 검색, {S}에서 검색해서, {S:으로} 검색해서, {S} 보고,"
    "{S}에 따르면, {S} 기준으로, {S}에서 찾아보면, {S} 찾아보고",
    "{S} 참고해서, {S:을} 보고, {S}에 나온 대로",
)
# A source named in the middle, before the value question (``나이가 위키백과사전으로 얼마야``).
SOURCE_MIDS = opts("{S:으로}, {S:으로}, {S}에서, {S}에서, {S}에, {S} 기준으로", "{S}상으로")
# A source named at the end, in a command (``… 위키에서 찾아봐``).
SOURCE_ENDS = opts(
    "{S}에서 찾아봐, {S}에서 찾아줘, {S}에서 검색해줘, {S}에서 검색해라, {S}에서 알려줘, {S} 검색해봐,"
    "{S}에서 찾아서 말해줘, {S}에서 확인해줘, {S} 검색 좀, {S}에서 찾아봐라, {S:으로} 찾아줘",
    "{S}에서 조회해줘, {S} 뒤져봐",
)
# ``검색`` leading the sentence (``검색 HLKVAM 언제 출생했는지를 검색해라``).
SEARCH_LEADS = opts("검색, 검색, 검색 좀", "조회")

# Registers of a conjugated predicate and how often each is drawn.
REGISTERS: tuple[tuple[str, float], ...] = (
    ("casual", 24), ("polite", 16), ("polite_q", 14), ("casual_q", 4), ("rough", 4),
    ("musing", 6), ("formal", 6), ("note", 2), ("bare", 9), ("polite_tag", 3), ("wonder", 4),
)  # fmt: skip
HIDDEN_REGISTERS: tuple[str, ...] = ("wonder_polite", "soft")

PUNCTUATION: tuple[tuple[str, float], ...] = (
    ("", 74), ("?", 18), ("??", 1), (".", 3), ("?!", 0.5), ("!", 0.5), ("~", 1), (" ㅠㅠ", 0.3),
    ("ㅎㅎ", 0.3),
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Context around the question: openers and tails, per intent and per attribute group
# ---------------------------------------------------------------------------------------------

# Time words and situations that fit any question.
CONTEXT_PREFIXES = opts(
    "요즘, 지금, 최근에, 현재, 오늘, 방금, 아까, 얼마 전에, 갑자기 궁금한데, 갑자기 궁금해서 그러는데,"
    "숙제하다가, 숙제하는데, 뉴스 보다가, 친구랑 얘기하다가, 친구가 물어봐서, 친구랑 내기했는데,"
    "유튜브 보다가, 책 읽다가, 수업 듣다가, 발표 준비하는데, 보고서 쓰는데, 퀴즈 풀다가, 시험 공부하다가,"
    "아이가 물어보는데, 동생이 물어봐서, 궁금해서 그런데, 심심해서 그런데, 문득 생각났는데, 자꾸 헷갈려서,"
    "기사 읽다가, 다큐 보다가, 이거 진짜 궁금했는데, 질문이 있는데, 다름이 아니라, 혹시 아시면, 상식 퀴즈인데",
    "며칠 전에, 점심 먹다가, 버스 안에서, 라디오 듣다가, 조카가 물어봐서, 시험에 나올 것 같아서, 회의하다가,"
    "퇴근길에, 잠이 안 와서 그런데",
)
# Openers that only fit some intents and groups: keyed intent -> group (``*``: any group).
INTENT_CONTEXT_PREFIXES: dict[str, dict[str, Options]] = {
    "age": {
        "person": opts(
            "생일 파티 준비하는데, 은퇴 소식 듣고, 동안이라길래, 옛날 사진 보다가, 나이 얘기 나와서,"
            "데뷔 무대 보다가",
            "환갑잔치 얘기 나와서",
        ),
        "celestial": opts("천문학 수업 듣다가, 별 보다가, 우주 다큐 보다가", "망원경 보다가"),
        "tree": opts("노거수 구경 갔다가, 마을 나무 보다가, 답사 갔다가", "나무 밑에서 쉬다가"),
    },
    "area": {
        "*": opts(
            "여행 가려고 하는데, 지도 보다가, 사회 숙제하는데, 땅 얘기 나와서", "부동산 기사 보다가"
        ),
        "park": opts("산책 가려고 하는데, 캠핑 가려고 하는데", "소풍 가기 전에"),
        "airport": opts("비행기 타기 전에, 출국하다가", "환승하다가"),
    },
    "belong_to": {
        "athlete": opts(
            "이적 기사 보다가, 경기 보다가, 응원하려고 하는데, 트레이드 소식 듣고, 시즌 끝나고",
            "스토브리그 기사 보다가",
        ),
        "entertainer": opts(
            "콘서트 가기 전에, 팬미팅 가려고 하는데, 드라마 보다가, 무대 보다가", "시상식 보다가"
        ),
        "politician": opts("선거 기사 보다가, 토론 보다가", "개표 방송 보다가"),
        "team": opts("경기 보다가, 응원하려고 하는데, 순위표 보다가", "중계 보다가"),
        "company": opts("주식 보다가, 취업 준비하다가, 뉴스 보다가", "면접 준비하다가"),
        "band": opts("콘서트 가기 전에, 앨범 듣다가, 음방 보다가", "팬카페 보다가"),
    },
    "birth_date": {
        "person": opts(
            "생일 축하해주려고, 사주 보려고 하는데, 팬카페 가입하려는데, 기념일 챙기려고,"
            "띠 얘기 나와서",
            "별자리 보려고",
        ),
    },
    "birth_place": {
        "person": opts(
            "고향 얘기 나와서, 인터뷰에서 고향 얘기하던데, 억양이 특이해서, 사투리 쓰길래",
            "기념관 가보려고",
        ),
    },
    "definition": {
        "*": opts(
            "수업 시간에 나왔는데, 기사에 나왔는데, 면접 준비하다가, 시험 공부하다가, 논문 읽다가,"
            "회의에서 나왔는데, 책에 나왔는데, 보고서 쓰다가",
            "신문 사설 읽다가",
        ),
    },
    "height": {
        "person": opts(
            "사진에서 보니까, 같이 찍은 사진 보니까, 옆에 선 거 보니까, 실제로 봤는데",
            "키 재기 하다가",
        ),
        "mountain": opts("등산 가려고 하는데, 산행 계획 짜다가, 등산하다가", "정상 찍고 나서"),
        "structure": opts(
            "전망대 가보려고 하는데, 야경 보다가, 실제로 봤는데, 여행 가서 봤는데", "답사 갔다가"
        ),
        "vehicle": opts(
            "차 사려고 하는데, 주차장 들어가려는데, 지하 주차장 높이 때문에", "세차하다가"
        ),
    },
    "length": {
        "route": opts(
            "드라이브 가려고 하는데, 자전거 타려고 하는데, 걸어서 건너보려고 하는데, 운전하기 전에",
            "출장 가는 길에",
        ),
        "river": opts("자전거 타려고 하는데, 강변 걷다가, 지리 숙제하는데", "카누 타려고 하는데"),
        "vehicle": opts("차 사려고 하는데, 주차하다가, 비교해 보려고", "시승하다가"),
        "animal": opts("동물원 갔다가, 다큐 보다가, 수족관 갔다가", "아쿠아리움 갔다가"),
    },
    "weight": {
        "person": opts("다이어트 얘기 나와서, 체급 얘기 나와서, 사진 보니까", "운동하다가"),
        "animal": opts("동물원 갔다가, 다큐 보다가, 수족관 갔다가", "아쿠아리움 갔다가"),
        "vehicle": opts("차 사려고 하는데, 연비 얘기 나와서, 비교해 보려고", "시승하다가"),
        "*": opts("무게 얘기 나와서, 비교해 보려고", "박물관 갔다가"),
    },
    "width": {
        "route": opts("운전하다가, 다리 건너다가, 차선 보다가", "캠핑카 끌고 가려는데"),
        "vehicle": opts(
            "주차하다가, 차 사려고 하는데, 골목길 들어가려는데", "기계식 주차장 때문에"
        ),
        "river": opts("강 건너다가, 지리 숙제하는데", "배 타고 가다가"),
    },
}

# Chatty tails after the question.
TAILS = opts(
    "궁금하네요, 아는 사람?, 궁금하다, 갑자기 궁금해졌어, 아는 사람 있어?, 누가 좀 알려줘, 진짜 궁금함,"
    "기억이 안 나네, 헷갈리네, 맞지?, 친구랑 내기했거든, 빨리 알려줘, 부탁해, ㅋㅋ, 고마워, 미리 고마워,"
    "정확하게, 대충이라도, 숫자만, 간단하게, 찾아봐도 안 나오네, 진짜 몰라서 물어봐",
    "아시는 분?, 답 좀, 아시는 분 계세요?, 궁금해서 잠이 안 와",
)
INTENT_TAILS: dict[str, dict[str, Options]] = {
    "age": {
        "person": opts(
            "엄청 동안이던데, 생각보다 젊던데, 나이 들어 보이던데, 되게 어려 보이던데",
            "진짜 안 늙던데",
        ),
        "*": opts("꽤 오래됐을 텐데, 엄청 오래됐겠지", "생각보다 오래됐네"),
    },
    "area": {
        "*": opts(
            "엄청 넓던데, 생각보다 작던데, 되게 크던데, 꽤 넓을 것 같은데", "한 바퀴 돌기 힘들던데"
        )
    },
    "belong_to": {
        "athlete": opts("이적했다던데, 팀 옮겼다던데, 요즘 잘하던데, 계약 끝났다던데", "은퇴했나"),
        "entertainer": opts("소속사 옮겼다던데, 요즘 안 보이던데, 계약 끝났다던데", "재계약했나"),
        "person": opts("요즘 안 보이던데, 바뀌었나", "옮겼나"),
        "*": opts("바뀌었나, 헷갈리네", "궁금하네"),
    },
    "birth_date": {
        "*": opts("생일 챙겨주려고, 곧 생일 아닌가, 나랑 동갑인가, 양력으로, 음력 말고", "별자리도")
    },
    "birth_place": {
        "*": opts(
            "사투리 쓰던데, 외국에서 태어났다던데, 고향 얘기하던데, 서울 사람 같던데",
            "억양이 특이하던데",
        )
    },
    "definition": {
        "*": opts(
            "시험에 나온대, 뉴스에 자꾸 나오던데, 쉽게, 자꾸 헷갈려, 들어는 봤는데",
            "초등학생도 알게",
        )
    },
    "height": {
        "person": opts(
            "진짜 크던데, 생각보다 작던데, 키 커 보이던데, 엄청 크던데", "화면보다 작던데"
        ),
        "*": opts(
            "엄청 높던데, 실제로 보면 크던데, 엄청 높아 보이던데, 생각보다 낮던데",
            "올려다보니 까마득하던데",
        ),
    },
    "length": {
        "*": opts(
            "엄청 길던데, 끝이 안 보이던데, 생각보다 짧던데, 되게 길어 보이던데", "한참 걸리던데"
        )
    },
    "weight": {
        "person": opts("엄청 말랐던데, 살 빠진 것 같던데, 덩치 크던데", "생각보다 가볍던데"),
        "*": opts("무거워 보이던데, 엄청 무겁던데, 꽤 나갈 것 같은데", "생각보다 가볍던데"),
    },
    "width": {"*": opts("꽤 넓던데, 생각보다 좁던데, 엄청 넓어 보이던데", "생각보다 널찍하던데")},
}
TAIL_SEPARATORS: tuple[tuple[str, float], ...] = (
    (" ", 4), (", ", 3), ("? ", 3), (". ", 1), ("~ ", 0.5), ("... ", 0.5),
)  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Context around the entity (all tagged C)
# ---------------------------------------------------------------------------------------------

# A known person's role said before the name (``축구 선수 손흥민``): only their own role, in
# the spellings people use. Roles absent here are never said before a name.
ROLE_BEFORE: dict[str, tuple[str, ...]] = {
    "축구 선수": ("축구 선수", "축구선수", "선수"), "야구 선수": ("야구 선수", "야구선수", "메이저리거"),
    "골프 선수": ("골프 선수", "골퍼"), "배구 선수": ("배구 선수", "배구선수"),
    "농구 선수": ("농구 선수", "농구선수"), "피겨 선수": ("피겨 선수", "피겨스케이팅 선수"),
    "수영 선수": ("수영 선수",), "양궁 선수": ("양궁 선수",), "배드민턴 선수": ("배드민턴 선수",),
    "빙상 선수": ("빙상 선수", "쇼트트랙 선수"), "테니스 선수": ("테니스 선수",),
    "육상 선수": ("육상 선수", "육상선수"), "복서": ("복서", "권투 선수"),
    "배우": ("배우", "영화배우"), "가수": ("가수",), "방송인": ("방송인", "개그맨", "MC"),
    "정치인": ("정치인",), "국회의원": ("국회의원", "의원"), "기업인": ("기업인", "사업가"),
    "영화감독": ("영화감독", "감독"),
    "소설가": ("소설가", "작가"), "작가": ("작가", "소설가"), "시인": ("시인",),
    "피아니스트": ("피아니스트",), "성악가": ("성악가", "소프라노"), "화가": ("화가",),
    "독립운동가": ("독립운동가",), "조선 시대 학자": ("조선 시대 학자", "학자"),
    "과학자": ("과학자",), "철학자": ("철학자",), "작곡가": ("작곡가",), "교황": ("교황",),
    "지리학자": ("지리학자",), "의관": ("명의", "의관"),
    "앵커": ("앵커",), "총리": ("총리",),
}  # fmt: skip
# Titles said after a known person's name, by role (``[문재인] 대통령``, ``[봉준호] 감독``).
ROLE_AFTER: dict[str, Options] = {
    "선수": opts("선수, 선수, 선수님", "선수 본인"),
    "배우": opts("배우, 배우님, 씨", "님"),
    "가수": opts("씨, 님, 가수", "가수님"),
    "방송인": opts("씨, 님", ""),
    "대통령": opts("대통령", "대통령님"),
    "총리": opts("총리, 전 총리", ""),
    "영화감독": opts("감독, 감독님", ""),
    "소설가": opts("작가, 작가님", "선생님"),
    "작가": opts("작가, 작가님", ""),
    "시인": opts("시인", "선생"),
    "장군": opts("장군, 장군님", ""),
    "독립운동가": opts("선생, 선생님", ""),
    "조선 시대 학자": opts("선생", ""),
    "성악가": opts("씨, 님", ""),
    "피아니스트": opts("씨, 님", ""),
    "기업인": opts("씨, 님", ""),
    "정치인": opts("씨, 님", ""),
    "국회의원": opts("의원, 의원, 의원님", "전 의원"),
    "교황": opts("교황", ""),
    "앵커": opts("앵커", ""),
}
GLUED_TITLES = ("씨", "님")
# A person whose role is not known gets at most a plain honorific, or ``…라는 사람`` (the
# particle is chosen for the name's last sound).
GENERIC_PERSON_TITLES = opts("씨, 씨, 님", "씨")
SOMEONE_CALLED = opts("이라는 사람, 이라는 사람, 이란 사람, 이라는 분", "이라는 인물")
# Idol group members: what may come before ``[트와이스 나연]`` or ``[나연]``.
IDOL_BEFORE = opts("아이돌, 아이돌", "케이팝 아이돌")


def role_family(role: str) -> str:
    """Return which entry of ``ROLE_AFTER`` a role uses (``축구 선수`` -> ``선수``)."""
    if role.endswith("선수") or role == "복서":
        return "선수"
    return role


# Generic nouns after an entity (tagged C): what it is (``[F-16] 전투기``, ``[발리] 섬``).
DESCRIPTORS: dict[str, Options] = {
    "car": opts("차, 자동차, 차량, 모델", "승용차"),
    "ship": opts("배, 선박", ""),
    "building": opts("건물, 건축물", "구조물"),
    "monument": opts("문화재, 유물", "국가유산"),
    "dam": opts("댐", ""),
    "bridge": opts("다리, 교량", "구조물"),
    "tunnel": opts("터널", "구간"),
    "road": opts("도로, 구간", "노선"),
    "railway": opts("노선, 철도", "구간"),
    "river": opts("강, 하천", "물줄기"),
    "lake": opts("호수, 저수지", "호"),
    "park": opts("공원", "일대"),
    "region": opts("지역, 일대", "지방"),
    "mountain": opts("산, 봉우리", "산봉우리"),
    "pass": opts("고개", ""),
    "waterfall": opts("폭포", ""),
    "island": opts("섬", "섬 전체"),
    "city": opts("도시, 지역", "일대"),
    "airport": opts("공항", ""),
    "team": opts("팀, 구단", "클럽"),
    "company": opts("회사, 기업", "그룹사"),
    "band": opts("그룹", "팀"),
    "star": opts("별, 천체", "항성"),
    "galaxy": opts("은하, 천체", ""),
    "tree": opts("나무", "노거수"),
    "device": opts("기기, 제품, 모델", "단말기"),
    "weapon": opts("무기, 기종", "병기"),
    "train_aircraft": opts("기체, 모델", ""),
    "concept": opts("개념, 용어", "이론"),
    "disease": opts("병, 질환", "증상"),
    "work": opts("작품", ""),
    "event": opts("사건", ""),
    "organisation": opts("단체", "기관"),
}
# What a weapon, train or aircraft is, guessed from its name.
WEAPON_NOUNS: tuple[tuple[tuple[str, ...], Options], ...] = (
    (("F-", "KF-", "Su-", "MiG-", "J-", "FA-", "T-50", "라팔", "유로파이터", "그리펜", "미라주"),
     opts("전투기, 기체", "전폭기")),
    (("B-", "SR-"), opts("폭격기, 기체", "전략폭격기")),
    (("AH-", "UH-", "CH-", "KUH", "MQ-", "글로벌"), opts("헬기, 기체", "항공기")),
    (("K1", "K2 흑표", "M1 ", "T-9", "T-14", "T-34", "레오파드", "챌린저", "메르카바", "티거", "판터", "셔먼"),
     opts("전차, 탱크", "주력전차")),
    (("AK", "M16", "M4", "AR-", "SCAR", "HK", "G36", "MP5", "UZI", "글록", "데저트", "베레타", "M19", "바렛",
      "드라구노프", "K2 소총", "K5", "K11", "K14", "AA12", "M2 ", "MG"), opts("총, 소총, 총기", "화기")),
    (("현무", "천궁", "신궁", "해성", "홍상어", "청상어", "비궁", "이스칸데르", "화성-", "트라이던트",
      "미니트맨", "토마호크", "패트리엇", "사드", "재블린", "스팅어"), opts("미사일, 무기 체계", "유도탄")),
)  # fmt: skip
VEHICLE_NOUNS: tuple[tuple[tuple[str, ...], Options], ...] = (
    (("KTX", "SRT", "ITX", "무궁화호", "새마을호", "누리로", "신칸센", "TGV", "ICE", "유로스타"),
     opts("열차, 기차, 고속열차", "철도 차량")),
    (("보잉", "에어버스", "콩코드", "안토노프", "세스나"), opts("비행기, 여객기, 항공기", "제트기")),
    (("누리호", "나로호", "새턴", "팰컨", "스타십"), opts("로켓, 발사체", "우주 발사체")),
)  # fmt: skip


# Stars of Wikidata's class include planets of other stars, named by a lowercase letter after the
# star's name.
_EXOPLANET = re.compile(r"(\s|\d)[b-i]$")
EXOPLANET_NOUNS = opts("행성, 외계 행성", "")

# Generic nouns of weapons and vehicles that read naturally before the name too (``전투기
# [F-16]``, ``고속열차 [KTX]``; not ``기체 [F-16]``).
KIND_WORDS_BEFORE = frozenset(
    opts(
        "전투기, 폭격기, 헬기, 전차, 탱크, 소총, 미사일, 열차, 기차, 고속열차, 비행기, 여객기, 로켓, 발사체"
    ).train
)


def descriptor_options(kind: str, entity: str) -> Options:
    """Return the generic nouns that may follow ``entity`` of ``kind`` (``[F-16] 전투기``)."""
    if kind == "star" and _EXOPLANET.search(entity):
        return EXOPLANET_NOUNS  # ``[케플러-22b]``, ``[안드로메다자리 웁실론 d]``: planets
    if kind == "city" and entity.endswith(("면", "읍", "군", "구")):
        return Options(("지역",))  # a township or a district is not a 도시
    if kind in ("weapon", "train_aircraft"):
        table = WEAPON_NOUNS if kind == "weapon" else VEHICLE_NOUNS
        for prefixes, options in table:
            if any(entity.startswith(p) or (len(p) > 2 and p in entity) for p in prefixes):
                return options
        return DESCRIPTORS[kind] if kind == "weapon" else NO_OPTIONS
    return DESCRIPTORS.get(kind, NO_OPTIONS)


# Parts named after an entity, asked about instead of the whole (``[서울역] 시계탑 높이``): only
# parts every thing of the kind has. Parts only some have are given per name
# (``lexicon_data.HEIGHT_PARTS``: ``[롯데월드타워] 전망대``), pagodas by their name's end.
PARTS: dict[str, dict[str, Options]] = {
    "height": {
        "building": opts("옥상", "꼭대기"),
        "mountain": opts("정상, 최고봉, 주봉, 정상부", "꼭대기"),
        "bridge": opts("교각", "교각 부분"),
    },
    "width": {
        "bridge": opts("상판, 차도", "다리 상판"),
        "road": opts("차로", "편도 차로"),
        "tunnel": opts("입구, 출구, 차로", "내부"),
        "river": opts("하구, 상류, 하류", "중류"),
    },
    "length": {
        "bridge": opts("주경간, 상판, 접속 구간", "본선"),
        "road": opts("본선, 전 구간, 개통 구간", "확장 구간"),
        "river": opts("본류, 상류, 하류", "지류"),
    },
}

PAGODA_PARTS = opts("기단, 상륜부", "탑신")


def parts_of(intent: str, kind: str, entity: str) -> Options:
    """Return the parts that may be named after ``entity`` in a question of ``intent``."""
    if intent == "height" and kind == "monument":
        return PAGODA_PARTS if entity.endswith("탑") else NO_OPTIONS
    return PARTS.get(intent, {}).get(kind, NO_OPTIONS)


# What a work or another named thing of a Wikidata class is (``영화 [기생충]``, ``[젤다의 전설]
# 게임``): said before or after the name.
CLASS_WORDS: dict[str, Options] = {
    "Q11424": opts("영화", "작품"), "Q7889": opts("게임", "비디오 게임"), "Q15416": opts("프로그램", "방송"),
    "Q1366112": opts("드라마", ""), "Q63952888": opts("애니, 애니메이션", "TV 애니"),
    "Q21198342": opts("만화", "만화책"), "Q47461344": opts("책", "도서"), "Q3305213": opts("그림", "명화"),
    "Q7397": opts("프로그램, 소프트웨어", "앱"), "Q341": opts("프로그램, 소프트웨어", ""),
    "Q35127": opts("사이트", "웹사이트"), "Q7278": opts("정당", ""), "Q476028": opts("축구팀, 축구 클럽", ""),
}  # fmt: skip
# Classes whose word is said before the name only (``정당 [신페인 당]``, not after it).
CLASS_WORDS_BEFORE_ONLY = ("Q7278", "Q476028")
# Said before an animal in questions of its size: neither a claim nor a kind word.
ANIMAL_BEFORE = opts("수컷, 암컷, 다 자란, 수컷, 암컷", "새끼, 야생")
# Verified superlatives are written with 제일; this many of them say 가장 instead.
GAJANG_RATE = 0.4

# Neutral descriptions before an entity that claim nothing false about it, by kind, family or
# ``*`` (any).
MODIFIERS: dict[str, Options] = {
    "person": opts(
        "요즘 자주 들리는, 뉴스에 나온, 인터넷에서 본, 친구가 말한, 그 유명한, 내가 좋아하는,"
        "유명한, 요즘 뉴스에 나온",
        "라디오에 나온",
    ),
    "*": opts(
        "요즘 자주 들리는, 뉴스에 나온, 인터넷에서 본, 친구가 말한, 그 유명한, 말로만 듣던, 유명한",
        "라디오에서 들은",
    ),
    "place": opts(
        "지난번에 가본, 다음 주에 가는, 여행 가서 본, 사진으로만 본, 지도에서 본, 주말에 다녀온,"
        "여행 가려는, 이번에 여행 가는, 유명한, 그 유명한, 요즘 뉴스에 나온",
        "출장 가서 본, 가보고 싶은",
    ),
    "water": opts(
        "지난번에 가본, 여행 가서 본, 사진으로만 본, 지도에서 본, 유명한, 그 유명한", "출장 가서 본"
    ),
    "route": opts(
        "지난번에 지나간, 자주 지나가는, 출퇴근길에 지나는, 유명한, 뉴스에 나온", "처음 가본"
    ),
    "tree": opts("답사 가서 본, 사진으로만 본, 유명한, 뉴스에 나온", "지난번에 본"),
    # Korean places near where people live (``lexicon_data.LOCAL_PLACES``)
    "local": opts("우리 동네, 집 근처, 우리 집 근처, 회사 근처, 집 앞", "학교 근처"),
    "team": opts("내가 응원하는, 친구가 좋아하는, 요즘 뉴스에 나온, 그 유명한", "아빠가 응원하는"),
    "band": opts("요즘 자주 듣는, 친구가 좋아하는, 내가 좋아하는, 유명한", "요즘 빠진"),
    "company": opts("취업하고 싶은, 뉴스에 나온, 요즘 자주 들리는, 유명한", "면접 보는"),
    "car": opts("사려고 하는, 요즘 자주 보이는, 친구가 타는, 아빠가 타는, 유명한", "시승해 본"),
    "device": opts("사려고 하는, 지금 쓰는, 친구가 쓰는, 요즘 자주 보이는", "새로 산"),
    "animal": opts("다큐에 나온, 그 유명한, 책에서 본, 사진으로 본", "도감에서 본"),
    "celestial": opts(
        "유명한, 그 유명한, 책에서 본, 다큐에 나온, 과학 시간에 배운", "천문대에서 본"
    ),
    "concept": opts(
        "수업 시간에 나온, 기사에 나오는, 요즘 자주 나오는, 시험에 나오는, 책에 나온",
        "면접에서 나온",
    ),
}
# Which table of ``MODIFIERS`` each family of places uses.
PLACE_MODIFIERS = {"region": "place", "mountain": "place", "structure": "place",
                   "water": "water", "route": "route", "tree": "tree"}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Intents
# ---------------------------------------------------------------------------------------------

VALUE_QUESTIONS: dict[str, Options] = {
    "amount": opts(
        "얼마#cop, 몇#cop, 어느 정도#cop, 얼마 정도#cop, 어떻게 #되, 얼마나 #되, 얼마 정도 #되,"
        "어느 정도 #되, 얼마쯤#cop, 뭐#cop",
        "얼마만큼 #되, 대략 얼마#cop, 대충 몇#cop",
    ),
    "when": opts("언제#cop, 어떻게 #되, 뭐#cop", "정확히 언제#cop"),
    "where": opts("어디#cop, 어떻게 #되, 뭐#cop", "어디쯤#cop"),
    "what": opts("뭐#cop, 무엇#cop, 어떻게 #되", "어떤 것#cop"),
}


@dataclass(frozen=True)
class IntentSpec:
    """How one intent is asked: attribute words, predicates, units and questions per group."""

    question: str
    attributes: dict[str, Options]
    predicates: dict[str, Options]
    units: dict[str, Options] = field(default_factory=dict)
    extra_questions: dict[str, Options] = field(default_factory=dict)

    def for_group(self, table: dict[str, Options], group: str) -> Options:
        """Return the options of ``group``, falling back to the ``*`` entry (or no options)."""
        return table.get(group) or table.get("*") or NO_OPTIONS


# The attribute group of each kind (what the attribute words and predicates are chosen by). A
# person's group also depends on their role (``person_group``).
GROUP_OF_KIND: dict[str, str] = {
    "person_kr": "person", "person_foreign": "person", "person_stage": "entertainer",
    "country": "country", "state": "country", "city": "city", "island": "island", "lake": "lake",
    "park": "park", "airport": "airport", "region": "region", "mountain": "mountain",
    "pass": "mountain", "waterfall": "waterfall", "river": "river", "strait": "river",
    "bridge": "bridge", "tunnel": "tunnel", "road": "road", "railway": "railway",
    "building": "structure", "monument": "monument", "dam": "dam", "tree": "tree",
    "car": "vehicle", "train_aircraft": "aircraft", "ship": "ship", "weapon": "weapon",
    "device": "device", "animal": "animal", "star": "celestial", "galaxy": "celestial",
    "concept": "concept", "disease": "concept", "work": "thing", "event": "thing",
    "organisation": "organisation", "team": "team", "company": "company", "band": "band",
    "site": "site", "canal": "canal", "range": "range",
}  # fmt: skip


def vehicle_group(entity: str) -> str:
    """Return the attribute group of a train, aircraft, rocket or spacecraft, told from its name
    (``VEHICLE_NOUNS``; a code name is taken for an aircraft)."""
    for prefixes, options in VEHICLE_NOUNS:
        if any(entity.startswith(p) or (len(p) > 2 and p in entity) for p in prefixes):
            return {"열차": "train", "비행기": "aircraft", "로켓": "rocket"}[options.train[0]]
    if not any("가" <= c <= "힣" for c in entity):
        return "aircraft"
    return "spacecraft"


def person_group(role: str) -> str:
    """Return the attribute group of a person by role: athlete, entertainer, politician, person."""
    if role.endswith("선수") or role == "복서":
        return "athlete"
    if role in ("배우", "가수", "방송인", "아이돌"):
        return "entertainer"
    if role in ("대통령", "정치인", "총리", "국회의원"):
        return "politician"
    return "person"


PERSON_GROUPS = ("person", "athlete", "entertainer", "politician")

INTENT_SPECS: dict[str, IntentSpec] = {
    "age": IntentSpec(
        question="amount",
        attributes={
            "person": opts(
                "나이, 만 나이, 현재 나이, 올해 나이, 나이, 나이, 나이, 연세", "춘추, 한국 나이"
            ),
            "tree": opts("나이, 수령, 나이", "추정 수령"),
            "*": opts("나이, 연령, 추정 나이, 나이", "추정 연령"),
        },
        predicates={
            "person": opts(
                "몇 살#cop, 몇 세#cop, 올해 몇 살#cop, 나이가 몇#cop, 나이가 몇 살#cop, 만으로 몇 살#cop,"
                "나이가 어떻게 #되, 나이가 얼마나 #되, 올해 나이가 어떻게 #되,"
                "몇 살#cop, 나이 몇#cop, 몇 살 됐#past",
                "춘추가 어떻게 #되, 나이가 몇이나 #되, 몇 살쯤 #되",
            ),
            "tree": opts(
                "몇 년 됐#past, 몇 살#cop, 수령이 몇 년#cop, 나이가 얼마나 #되, 몇 년이나 됐#past",
                "수령이 어떻게 #되",
            ),
            "*": opts(
                "몇 살#cop, 나이가 몇#cop, 몇 년 됐#past, 나이가 얼마나 #되, 얼마나 오래됐#past,"
                "나이가 어떻게 #되",
                "생긴 지 얼마나 됐#past",
            ),
        },
        units={
            "person": opts("살, 세", "살쯤"),
            "tree": opts("년, 살", "해"),
            "*": opts("년, 억 년, 살", "만 년"),
        },  # fmt: skip
    ),
    "area": IntentSpec(
        question="amount",
        attributes={
            "country": opts(
                "면적, 넓이, 크기, 총면적, 국토 면적, 영토 크기, 국토 넓이, 면적",
                "전체 넓이, 영토 면적",
            ),
            "park": opts("면적, 넓이, 크기, 총면적, 부지 면적, 전체 면적", "전체 넓이"),
            "airport": opts("면적, 부지 면적, 넓이, 크기, 총면적", "부지 넓이"),
            "site": opts("면적, 부지 면적, 넓이, 크기, 전체 면적", "대지 면적"),
            "lake": opts("면적, 넓이, 크기, 수면 면적, 호수 면적, 총면적", "전체 넓이"),
            "*": opts(
                "면적, 넓이, 크기, 총면적, 전체 면적, 땅 넓이, 면적, 면적", "전체 넓이, 토지 면적"
            ),
        },
        predicates={
            "*": opts(
                "얼마나 넓#eo, 몇 제곱킬로미터#cop, 몇 km²#cop, 몇 평#cop, 넓이가 얼마#cop, 면적이 얼마#cop,"
                "면적이 몇#cop, 면적이 얼마나 #되, 크기가 얼마나 #되, 크기가 어느 정도 #되, 넓이가 어떻게 #되,"
                "면적이 몇 제곱킬로미터#cop, 얼마나 넓#eo",
                "얼마만큼 넓#eo, 땅이 얼마나 넓#eo, 면적이 몇 평이나 #되",
            ),
        },
        units={
            "park": opts("제곱미터, 평, 헥타르, ㎡, m²", "만 평"),
            "site": opts("제곱미터, 평, 헥타르, ㎡, m²", "만 평"),
            "structure": opts("제곱미터, 평, ㎡, m²", "만 평"),
            "airport": opts("제곱미터, 평, 헥타르, km²", "만 평"),
            "*": opts("제곱킬로미터, km², ㎢, 평, 헥타르, km2", "에이커"),
        },  # fmt: skip
    ),
    "belong_to": IntentSpec(
        question="where",
        attributes={
            "athlete": opts(
                "소속, 소속팀, 소속 팀, 소속 구단, 현재 소속팀, 팀, 소속팀", "소속 클럽, 현 소속"
            ),
            "entertainer": opts("소속사, 소속, 소속 회사, 기획사, 소속사", "소속 레이블"),
            "politician": opts("소속 정당, 소속, 당적, 정당", "소속 당"),
            "person": opts("소속, 소속, 현 소속, 소속 단체", "소속 기관"),
            "team": opts("소속 리그, 소속, 리그, 소속 연맹, 모기업", "참가 리그"),
            "company": opts("소속 그룹, 모회사, 계열, 소속", "지주회사"),
            "band": opts("소속사, 소속 회사, 기획사, 소속, 소속 레이블", "레이블"),
            "*": opts("소속", ""),
        },
        predicates={
            "athlete": opts(
                "어느 팀#cop, 어느 팀 소속#cop, 어디 소속#cop, 무슨 팀#cop, 어디 팀#cop, 어느 구단 소속#cop,"
                "소속이 어디#cop, 어느 팀 선수#cop, 어디서 뛰#vowel_eo, 어디에서 뛰#vowel_eo,"
                "어느 팀에서 뛰#vowel_eo, 어디에서 뛰고 있#past, 소속팀이 어디#cop",
                "어느 클럽에서 뛰#vowel_eo, 어느 팀 유니폼을 입고 있#past",
            ),
            "entertainer": opts(
                "어느 소속사#cop, 어디 소속#cop, 어디 소속사#cop, 소속사가 어디#cop, 어느 기획사 소속#cop,"
                "어느 회사 소속#cop, 소속사가 어떻게 #되, 어디서 활동#하",
                "어느 레이블 소속#cop, 어디에 몸담고 있#past",
            ),
            "politician": opts(
                "어느 당#cop, 어느 당 소속#cop, 어디 소속#cop, 무슨 당#cop, 소속 정당이 어디#cop",
                "어느 정당에 몸담고 있#past",
            ),
            "person": opts(
                "어디 소속#cop, 소속이 어디#cop, 소속이 어떻게 #되, 어디에 속해 있#past",
                "어디에 몸담고 있#past",
            ),
            "team": opts(
                "어느 리그 소속#cop, 어느 리그#cop, 어느 리그에서 뛰#vowel_eo, 어디 소속#cop,"
                "어느 연맹 소속#cop",
                "어느 리그에 속해 있#past",
            ),
            "company": opts(
                "어느 그룹 소속#cop, 어느 그룹 계열사#cop, 어디 소속#cop, 어느 그룹에 속해 있#past,"
                "모회사가 어디#cop",
                "어느 재벌 계열#cop",
            ),
            "band": opts(
                "어느 소속사#cop, 어디 소속#cop, 소속사가 어디#cop, 어느 기획사 소속#cop,"
                "어느 회사 소속#cop, 소속사가 어떻게 #되",
                "어느 레이블 소속#cop",
            ),
            "*": opts("어디 소속#cop", ""),
        },
        extra_questions={
            "athlete": opts("어느 팀#cop, 어디#cop", "어느 곳#cop"),
            "*": opts("어디#cop", ""),
        },  # fmt: skip
    ),
    "birth_date": IntentSpec(
        question="when",
        attributes={
            "*": opts(
                "생년월일, 생일, 출생일, 태어난 날, 태어난 날짜, 출생 연도, 생년, 탄생일, 태어난 해,"
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
    ),
    "birth_place": IntentSpec(
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
    ),
    "definition": IntentSpec(
        question="what",
        attributes={
            "concept": opts(
                "뜻, 의미, 정의, 개념, 설명, 뜻풀이, 사전적 의미, 사전적 정의, 정확한 뜻, 뜻, 의미",
                "정확한 의미, 개념 정의",
            ),
            "*": opts("설명, 정보, 개요, 소개", "간단한 설명"),
        },
        predicates={
            "concept": opts(
                "뭐#cop, 무엇#cop, 무슨 뜻#cop, 무슨 의미#cop, 어떤 개념#cop, 어떤 뜻#cop, 뭘 의미#하,"
                "무엇을 의미#하, 무엇을 뜻#하, 뭘 말#하, 뭔 뜻#cop, 무슨 말#cop, 뭐#cop, 무엇#cop",
                "무엇을 가리켜#fixed, 뭘 가리키는 말#cop, 어떤 의미#cop",
            ),
            "organisation": opts(
                "뭐#cop, 무엇#cop, 뭐 하는 곳#cop, 어떤 단체#cop, 어떤 곳#cop", "뭘 하는 데#cop"
            ),
            "company": opts(
                "뭐#cop, 뭐 하는 회사#cop, 어떤 회사#cop, 무엇#cop", "뭘 만드는 회사#cop"
            ),
            "*": opts("뭐#cop, 무엇#cop, 어떤 거#cop, 뭔데#fixed", "뭐였더라#fixed"),
        },
    ),
    "height": IntentSpec(
        question="amount",
        attributes={
            "person": opts("키, 신장, 실제 키, 공식 키, 키, 키", "프로필 키"),
            "athlete": opts("키, 신장, 실제 키, 공식 키, 키", "프로필 키"),
            "entertainer": opts("키, 신장, 실제 키, 프로필 키, 키", "공식 키"),
            "politician": opts("키, 신장, 키", "실제 키"),
            "structure": opts("높이, 건물 높이, 최고 높이, 전체 높이, 높이", "총 높이"),
            "monument": opts("높이, 전체 높이, 총 높이, 높이", "전체 크기"),
            "mountain": opts("높이, 해발, 해발고도, 고도, 표고, 해발 높이, 높이", "정상 고도"),
            "waterfall": opts("높이, 낙차, 폭포 높이", "총 낙차"),
            "dam": opts("높이, 댐 높이, 제방 높이", "최대 높이"),
            "tree": opts("높이, 나무 높이, 키, 수고", "전체 높이"),
            "bridge": opts("높이, 주탑 높이, 다리 높이", "최고 높이"),
            "vehicle": opts("전고, 높이, 차 높이, 차체 높이", "제원상 높이"),
            "aircraft": opts("높이, 전고, 기체 높이", "동체 높이"),
            "train": opts("높이, 차체 높이", "차량 높이"),
            "rocket": opts("높이, 전체 높이", "총 높이"),
            "spacecraft": opts("높이, 전체 높이", "총 높이"),
            "animal": opts("키, 높이, 몸높이, 체고", "어깨 높이"),
            "device": opts("높이, 세로, 세로 길이, 높이", "세로 높이"),
            "*": opts("높이", "총 높이"),
        },
        predicates={
            "person": opts(
                "키가 몇#cop, 키가 얼마#cop, 키가 몇 센티#cop, 키 몇#cop, 몇 cm#cop, 키가 얼마나 크#eu,"
                "키가 어떻게 #되, 신장이 어떻게 #되, 몇 센티#cop, 키가 몇 cm#cop",
                "키가 몇 센치#cop, 키가 얼마만큼 #되",
            ),
            "device": opts(
                "높이가 몇 mm#cop, 세로가 몇 mm#cop, 높이가 얼마#cop, 높이가 어떻게 #되",
                "세로가 몇 센티#cop",
            ),
            "vehicle": opts(
                "전고가 몇#cop, 전고가 몇 mm#cop, 높이가 얼마#cop, 높이가 어떻게 #되",
                "전고가 얼마나 #되",
            ),
            "mountain": opts(
                "얼마나 높#a, 몇 미터#cop, 몇 m#cop, 해발 몇 미터#cop, 높이가 몇 미터#cop,"
                "해발고도가 어떻게 #되, 높이가 얼마#cop, 높이가 어떻게 #되",
                "얼마만큼 높#a, 해발 몇 미터나 #되",
            ),
            "animal": opts(
                "키가 몇#cop, 키가 얼마나 크#eu, 높이가 얼마#cop, 몇 미터#cop", "얼마나 크#eu"
            ),
            "*": opts(
                "얼마나 높#a, 몇 미터#cop, 몇 m#cop, 높이가 몇 미터#cop, 높이가 얼마#cop,"
                "높이가 어떻게 #되, 높이가 얼마나 #되, 높이가 몇 m#cop",
                "얼마만큼 높#a, 높이가 몇 미터나 #되",
            ),
        },
        units={
            "person": opts("센티, cm, 센티미터", "센치"),
            "vehicle": opts("mm, 미터, m", ""),
            "device": opts("mm, cm, 센티", "밀리"),
            "animal": opts("미터, m, cm", "센티"),
            "*": opts("미터, m", "피트"),
        },  # fmt: skip
    ),
    "length": IntentSpec(
        question="amount",
        attributes={
            "river": opts("길이, 총길이, 강 길이, 유로 연장, 총 길이, 길이", "유장"),
            "ship": opts("길이, 전장, 전체 길이, 선체 길이, 길이", "총 전장"),
            "vehicle": opts("길이, 전장, 전체 길이, 차 길이, 길이", "총 전장"),
            "aircraft": opts("길이, 전장, 전체 길이, 기체 길이", "동체 길이"),
            "train": opts("길이, 편성 길이, 차체 길이, 전장", "열차 길이"),
            "rocket": opts("길이, 전장, 전체 길이", "총 길이"),
            "spacecraft": opts("길이, 전체 길이", "총 길이"),
            "weapon": opts("길이, 전장, 전체 길이, 총 길이", "총열 길이"),
            "device": opts("길이, 세로, 세로 길이, 전체 길이", "세로 크기"),
            "animal": opts("몸길이, 길이, 몸 길이, 체장", "전체 길이"),
            "dam": opts("길이, 제방 길이, 댐 길이", "총 길이"),
            "country": opts("남북 길이, 동서 길이, 해안선 길이, 국토 길이", "국경선 길이"),
            "range": opts("길이, 총길이, 총 길이, 전체 길이", "뻗은 길이"),
            "*": opts("길이, 총길이, 총 길이, 전체 길이, 연장, 총연장, 길이, 길이", "연장 길이"),
        },
        predicates={
            "device": opts(
                "길이가 몇 mm#cop, 세로가 몇 mm#cop, 길이가 얼마#cop, 세로 길이가 어떻게 #되,"
                "얼마나 기#l",
                "세로가 몇 센티#cop",
            ),
            "ship": opts(
                "얼마나 기#l, 길이가 몇 미터#cop, 전장이 얼마#cop, 몇 미터#cop, 길이가 어떻게 #되",
                "얼마만큼 기#l",
            ),
            "vehicle": opts(
                "얼마나 기#l, 전장이 몇 mm#cop, 길이가 몇 미터#cop, 전장이 얼마#cop,"
                "길이가 어떻게 #되",
                "얼마만큼 기#l",
            ),
            "aircraft": opts(
                "얼마나 기#l, 길이가 몇 미터#cop, 전장이 얼마#cop, 길이가 어떻게 #되",
                "얼마만큼 기#l",
            ),
            "weapon": opts(
                "얼마나 기#l, 길이가 몇 미터#cop, 길이가 얼마#cop, 전장이 어떻게 #되",
                "얼마만큼 기#l",
            ),
            "country": opts(
                "남북으로 얼마나 기#l, 남북 길이가 얼마#cop, 동서 길이가 몇 km#cop,"
                "해안선 길이가 어떻게 #되",
                "남북으로 몇 km#cop",
            ),
            "animal": opts(
                "얼마나 기#l, 몸길이가 몇 미터#cop, 길이가 얼마#cop, 몸길이가 어떻게 #되",
                "얼마만큼 기#l",
            ),
            "*": opts(
                "얼마나 기#l, 몇 km#cop, 몇 킬로미터#cop, 몇 킬로#cop, 몇 미터#cop, 길이가 몇 km#cop,"
                "길이가 얼마#cop, 길이가 얼마나 #되, 길이가 어떻게 #되, 몇 킬로나 #되, 총연장이 얼마#cop",
                "얼마만큼 기#l, 총 몇 킬로#cop, 끝에서 끝까지 얼마나 #되",
            ),
        },
        units={
            "vehicle": opts("mm, 미터, m", ""),
            "device": opts("mm, cm, 센티", "밀리"),
            "ship": opts("미터, m", "피트"),
            "aircraft": opts("미터, m", "피트"),
            "weapon": opts("미터, m, cm, mm", ""),
            "animal": opts("미터, m, cm", "센티"),
            "dam": opts("미터, m, km", ""),
            "*": opts("km, 킬로미터, 킬로, 미터, m", "마일"),
        },  # fmt: skip
    ),
    "weight": IntentSpec(
        question="amount",
        attributes={
            "person": opts("몸무게, 체중, 몸무게", "현재 체중"),
            "athlete": opts("몸무게, 체중, 몸무게", "경기 체중"),
            "entertainer": opts("몸무게, 체중, 몸무게", "프로필 몸무게"),
            "politician": opts("몸무게, 체중", ""),
            "animal": opts("몸무게, 무게, 체중, 평균 무게, 평균 체중, 무게", "성체 무게"),
            "vehicle": opts("무게, 중량, 공차중량, 차량 무게, 차 무게, 총중량", "공식 중량"),
            "aircraft": opts("무게, 중량, 최대 이륙 중량, 자체 중량", "공허 중량"),
            "train": opts("무게, 중량, 공차중량", "총중량"),
            "rocket": opts("무게, 중량, 발사 중량, 이륙 중량", "총중량"),
            "spacecraft": opts("무게, 질량, 중량", "발사 중량"),
            "weapon": opts("무게, 중량, 전투중량, 총 무게", "자체 중량"),
            "celestial": opts("질량, 무게, 총질량, 질량", "전체 질량"),
            "ship": opts("무게, 배수량, 톤수, 중량, 총톤수", "만재 배수량"),
            "device": opts("무게, 중량, 본체 무게, 무게", "실제 무게"),
            "structure": opts("무게, 중량, 총 무게", "전체 무게"),
            "monument": opts("무게, 중량, 총 무게, 무게", "전체 무게"),
            "*": opts("무게, 중량", "총 무게"),
        },
        predicates={
            "person": opts(
                "몸무게가 몇#cop, 몇 kg#cop, 몇 킬로#cop, 몸무게가 어떻게 #되, 체중이 얼마#cop, 몇 킬로 나가#ga,"
                "몸무게가 얼마#cop, 체중이 어떻게 #되, 몸무게 몇#cop",
                "체중이 몇 kg쯤 #되, 몸무게가 몇 키로#cop",
            ),
            "device": opts(
                "몇 g#cop, 몇 그램#cop, 무게가 얼마#cop, 얼마나 무거#b, 무게가 어떻게 #되,"
                "무게가 몇 g#cop",
                "무게가 몇 그램이나 #되",
            ),
            "celestial": opts(
                "질량이 얼마#cop, 질량이 어떻게 #되, 얼마나 무거#b, 무게가 얼마나 #되",
                "질량이 대략 얼마#cop",
            ),
            "*": opts(
                "얼마나 무거#b, 몇 kg#cop, 몇 킬로#cop, 몇 킬로그램#cop, 무게가 얼마나 나가#ga,"
                "무게가 얼마#cop, 무게가 몇 kg#cop, 몇 톤#cop, 중량이 얼마#cop, 무게가 어떻게 #되",
                "얼마만큼 무거#b, 무게가 몇 톤이나 #되",
            ),
        },
        units={
            "person": opts("kg, 킬로, 킬로그램", "키로"),
            "animal": opts("kg, 킬로, 톤, 그램", "근"),
            "celestial": opts("kg, 톤", ""),
            "device": opts("g, 그램", "kg"),
            "*": opts("톤, t, kg, 킬로", "파운드"),
        },  # fmt: skip
    ),
    "width": IntentSpec(
        question="amount",
        attributes={
            "river": opts("폭, 강폭, 너비, 강 너비, 하천 폭, 폭", "하폭"),
            "road": opts("폭, 도로 폭, 너비, 도로 너비, 노폭, 차로 폭, 폭", "길 폭"),
            "bridge": opts("폭, 너비, 다리 폭, 교폭, 상판 폭, 폭", "다리 너비"),
            "ship": opts("폭, 선폭, 너비, 전폭, 폭", "배 폭"),
            "vehicle": opts("전폭, 폭, 차폭, 너비, 가로 폭, 차 폭, 전폭", "차량 너비"),
            "aircraft": opts("날개 폭, 전폭, 폭, 너비, 날개 길이", "날개폭"),
            "train": opts("폭, 너비, 차체 폭", "차량 폭"),
            "rocket": opts("지름, 직경, 폭", "최대 지름"),
            "spacecraft": opts("폭, 너비", "전체 폭"),
            "tunnel": opts("폭, 너비, 터널 폭", "내부 폭"),
            "device": opts("가로, 폭, 너비, 가로 길이, 가로 폭", "가로 너비"),
            "*": opts("폭, 너비, 가로 폭", "가로 너비"),
        },
        predicates={
            "device": opts(
                "가로가 몇 mm#cop, 폭이 몇 mm#cop, 너비가 얼마#cop, 가로 길이가 어떻게 #되,"
                "폭이 얼마#cop",
                "가로가 몇 센티#cop",
            ),
            "vehicle": opts(
                "전폭이 몇 mm#cop, 전폭이 얼마#cop, 차폭이 얼마나 #되, 폭이 몇 센티#cop,"
                "폭이 얼마#cop, 너비가 어떻게 #되",
                "가로 폭이 얼마나 #되",
            ),
            "*": opts(
                "폭이 몇 미터#cop, 폭이 얼마#cop, 너비가 몇 m#cop, 너비가 얼마#cop, 폭이 얼마나 #되,"
                "너비가 어떻게 #되, 폭이 얼마나 넓#eo, 폭이 어느 정도#cop, 폭이 몇#cop, 폭이 어떻게 #되",
                "가로 폭이 얼마나 #되, 폭이 얼마만큼 #되",
            ),
        },
        units={
            "vehicle": opts("mm, 센티, cm, 미터", ""),
            "device": opts("mm, cm, 센티", "밀리"),
            "river": opts("미터, m, km", "킬로"),
            "*": opts("미터, m", "피트"),
        },  # fmt: skip
    ),
}
