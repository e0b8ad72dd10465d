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
    # the entity last, after a comma or without one
    Frame("{A:이} {Q}, {E}", 3),
    Frame("{A:이} {Q} {E}", 2),
    Frame("{A} {R}, {E}", 2),
    Frame("{A:이} {FEEL}, {E}", 0.5),
    Frame("{A} {SEARCH} {E}", 0.5),
    # frames only the hidden split uses: word orders and constructions training never shows
    Frame("내가 궁금한 건 {E:의} {A:이야}", 2, hidden_only=True),
    Frame("{E:에대해} 알고 싶은데 {A:이} {Q}", 2, hidden_only=True),
    Frame("{E:이랑} 관련해서 {A} {R}", 2, hidden_only=True),
    Frame("{E}, {A:이} {Q}", 2, hidden_only=True),
    Frame("{E:의} {A:이} {QE} {KNOW}", 2, hidden_only=True),
    Frame("{A:이} {QE} {RE} {E:의}", 1, hidden_only=True),
    Frame("{E} 하면 {A:이} {Q}", 1, hidden_only=True),
    Frame("{A} 좀 {R} {E}", 1, hidden_only=True),
    Frame("{A:이} {QE} {RE}, {E}", 1, hidden_only=True),
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
    Frame("{P}, {E:은}", 1.5),
    Frame("{P}, {E}", 1.5),
    Frame("{P} {E}", 1),
    Frame("{E} 말인데 {P}", 2, hidden_only=True),
    Frame("{E:은} 과연 {P}", 1, hidden_only=True),
    Frame("{E:이} 대략 {P}", 1, hidden_only=True),
    Frame("{PE} {RE} {E:은}", 1, hidden_only=True),
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
    Frame("뜻이 뭐야, {E}", 0.5),
    Frame("{EXPLAIN} {E}", 0.5),
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

# ---------------------------------------------------------------------------------------------
# Context around the question and around the entity (all tagged C)
# ---------------------------------------------------------------------------------------------

# Time words, situations, reasons and topic setters that open a question.
CONTEXT_PREFIXES = opts(
    "올해, 요즘, 이번 시즌, 지금, 최근에, 현재, 오늘, 어제, 작년에, 이번에, 요새, 방금, 아까, 얼마 전에,"
    "지난주에, 이번 주에, 내일 시험인데, 갑자기 궁금한데, 갑자기 궁금해서 그러는데, 여행 가기 전에, 숙제하다가,"
    "숙제하는데, 뉴스 보다가, 뉴스에서 봤는데, 친구랑 얘기하다가, 친구가 물어봐서, 친구랑 내기했는데,"
    "유튜브 보다가, 드라마 보다가, 영화 보다가, TV 보다가, 책 읽다가, 수업 듣다가, 발표 준비하는데,"
    "보고서 쓰는데, 퀴즈 풀다가, 시험 공부하다가, 회사에서 얘기 나왔는데, 아이가 물어보는데, 동생이 물어봐서,"
    "엄마가 궁금해하셔서, 궁금해서 그런데, 심심해서 그런데, 문득 생각났는데, 검색해도 안 나와서, 자꾸 헷갈려서,"
    "기사 읽다가, 경기 보다가, 중계 보다가, 팬이라서 그런데, 과제 때문에, 다큐 보다가, 사진 보다가,"
    "어제 얘기하다가, 오늘 아침에, 요즘 들어, 학교에서, 수업 시간에, 과학 시간에, 역사 시간에, 사회 시간에,"
    "술자리에서 얘기 나왔는데, 단톡방에서 봤는데, 댓글 보다가, 이거 진짜 궁금했는데, 오랜만에 생각나서,"
    "질문이 있는데, 하나만 물어볼게 그러니까, 다름이 아니라, 궁금해서 물어보는 건데, 혹시 아시면,"
    "스포츠 얘기인데, 역사 질문인데, 과학 질문인데, 상식 퀴즈인데, 연예인 얘기인데, 지리 문제인데",
    "올 시즌, 며칠 전에, 점심 먹다가, 버스 안에서, 라디오 듣다가, 팟캐스트 듣다가, 조카가 물어봐서,"
    "시험에 나올 것 같아서, 회의하다가, 퇴근길에, 잠이 안 와서 그런데, 인터뷰 보다가, 여행 계획 짜다가,"
    "전시회 보고 나서, 게임하다가, 지하철에서 광고 보다가",
)
INTENT_CONTEXT_PREFIXES: dict[str, Options] = {
    "age": opts(
        "생일 파티 준비하는데, 데뷔 무대 보다가, 은퇴 소식 듣고, 동안이라길래, 옛날 사진 보다가, 나이 얘기 나와서",
        "환갑잔치 얘기 나와서",
    ),
    "area": opts(
        "여행 가려고 하는데, 이사 알아보다가, 지도 보다가, 캠핑 가려고 하는데, 사회 숙제하는데, 땅 얘기 나와서",
        "부동산 기사 보다가",
    ),
    "belong_to": opts(
        "이적 기사 보다가, 경기 보다가, 응원하려고 하는데, 콘서트 가기 전에, 시즌 끝나고, 트레이드 소식 듣고",
        "스토브리그 기사 보다가",
    ),
    "birth_date": opts(
        "생일 축하해주려고, 사주 보려고 하는데, 팬카페 가입하려는데, 기념일 챙기려고, 띠 얘기 나와서",
        "별자리 보려고",
    ),
    "birth_place": opts(
        "사투리 쓰길래, 고향 얘기 나와서, 인터뷰에서 고향 얘기하던데, 여행지 찾다가, 억양이 특이해서",
        "기념관 가보려고",
    ),
    "definition": opts(
        "수업 시간에 나왔는데, 기사에 나왔는데, 면접 준비하다가, 시험 공부하다가, 논문 읽다가, 회의에서 나왔는데,"
        "책에 나왔는데, 보고서 쓰다가, 토론하다가",
        "신문 사설 읽다가",
    ),
    "height": opts(
        "사진에서 보니까, 같이 찍은 사진 보니까, 등산 가려고 하는데, 전망대 가보려고 하는데, 실제로 봤는데,"
        "옆에 선 거 보니까",
        "키 재기 하다가",
    ),
    "length": opts(
        "드라이브 가려고 하는데, 자전거 타려고 하는데, 걸어서 건너보려고 하는데, 마라톤 코스 짜다가, 운전하기 전에",
        "배 타기 전에",
    ),
    "weight": opts(
        "다이어트 얘기 나와서, 체급 얘기 나와서, 동물원 갔다가, 박물관 갔다가, 들어보려고 했는데",
        "운동하다가",
    ),
    "width": opts(
        "운전하다가, 주차하다가, 차 사려고 하는데, 다리 건너다가, 배 타고 가다가, 차선 보다가",
        "캠핑카 끌고 가려는데",
    ),
}

# Chatty tails after the question.
TAILS = opts(
    "궁금하네요, 아는 사람?, 궁금하다, 갑자기 궁금해졌어, 아는 사람 있어?, 누가 좀 알려줘, 진짜 궁금함,"
    "기억이 안 나네, 헷갈리네, 맞지?, 친구랑 내기했거든, 빨리 알려줘, 부탁해, ㅋㅋ, ㅋㅋㅋ, 고마워,"
    "미리 고마워, 정확하게, 대충이라도, 숫자만, 간단하게, 급해, 궁금해 죽겠네, 찾아봐도 안 나오네,"
    "혹시 아는 사람, 알면 좀 알려줘, 진짜 몰라서 물어봐, 아 궁금해",
    "아시는 분?, 답 좀, 아시는 분 계세요?, 궁금해서 잠이 안 와",
)
INTENT_TAILS: dict[str, Options] = {
    "age": opts(
        "엄청 동안이던데, 생각보다 젊던데, 나이 들어 보이던데, 아직 젊지 않나, 꽤 오래됐을 텐데, 되게 어려 보이던데",
        "진짜 안 늙던데",
    ),
    "area": opts(
        "엄청 넓던데, 생각보다 작던데, 되게 크던데, 꽤 넓을 것 같은데, 걸어서 다 못 보겠던데",
        "한 바퀴 돌기 힘들던데",
    ),
    "belong_to": opts(
        "이적했다던데, 팀 옮겼다던데, 요즘 안 보이던데, 계약 끝났다던데, 요즘 잘하던데, 소속 바뀌었나",
        "은퇴했나",
    ),
    "birth_date": opts(
        "생일 챙겨주려고, 곧 생일 아닌가, 나랑 동갑인가, 띠가 뭔지도, 양력으로, 음력 말고",
        "별자리도",
    ),
    "birth_place": opts(
        "사투리 쓰던데, 사투리 엄청 쓰던데, 외국에서 태어났다던데, 고향 얘기하던데, 서울 사람 같던데",
        "억양이 특이하던데",
    ),
    "definition": opts(
        "시험에 나온대, 뉴스에 자꾸 나오던데, 쉽게, 예시도 들어서, 자꾸 헷갈려, 요즘 많이 쓰던데, 들어는 봤는데",
        "초등학생도 알게",
    ),
    "height": opts(
        "진짜 크던데, 엄청 크던데, 생각보다 작던데, 엄청 높던데, 실제로 보면 크던데, 엄청 높아 보이던데, 키 커 보이던데",
        "화면보다 작던데",
    ),
    "length": opts(
        "엄청 길던데, 끝이 안 보이던데, 생각보다 짧던데, 한참 걸리던데, 되게 길어 보이던데",
        "운전해도 한참이던데",
    ),
    "weight": opts(
        "엄청 말랐던데, 무거워 보이던데, 살 빠진 것 같던데, 엄청 무겁던데, 꽤 나갈 것 같은데, 덩치 크던데",
        "생각보다 가볍던데",
    ),
    "width": opts(
        "꽤 넓던데, 생각보다 좁던데, 엄청 넓어 보이던데, 주차하기 힘들던데, 차선이 좁던데",
        "차선이 많던데",
    ),
}
TAIL_SEPARATORS: tuple[tuple[str, float], ...] = (
    (" ", 4), (", ", 3), ("? ", 3), (". ", 1), ("~ ", 0.5), ("... ", 0.5), ("! ", 0.3),
)  # fmt: skip

# Titles, honorifics and roles after a person's name, and before it.
PERSON_TITLES_AFTER = opts(
    "씨, 님, 선수, 감독, 코치, 교수, 교수님, 대통령, 전 대통령, 배우, 가수, 의원, 국회의원, 박사, 박사님, 작가,"
    "작가님, 회장, 회장님, 사장, 사장님, 대표, 대표님, 선생님, 장군, 주석, 앵커, 기자, 형, 형님, 누나, 언니,"
    "오빠, 추기경, 신부님, 스님, 목사님, 여왕, 왕, 총리, 전 총리, 총장, 사무총장, 전 사무총장님, 의사, 열사,"
    "선생, 옹, 여사, 군, 양, 위원장, 장관, 전 장관, 시장, 판사, 변호사, 원장, 단장, 주장, 명예교수, 당 대표,"
    "대표팀 감독, 씨, 님, 선수, 선수, 씨, 감독님, 코치님, 셰프, 님, 씨",
    "대감, 상무, 전무, 부장님, 선배, 선배님, 총재, 도지사, 국왕, 황제, 왕비, 공주, 왕자, 대사, 전 회장, 이사장",
)
GLUED_TITLES = ("씨", "님", "군", "양")
PERSON_TITLES_BEFORE = opts(
    "배우, 가수, 선수, 교수, 축구 선수, 축구선수, 야구선수, 야구 선수, 농구선수, 골프선수, 배구 선수, 대통령,"
    "전 대통령, 작가, 화가, 모델, 아이돌, 래퍼, 개그맨, 셰프, 방송인, 감독, 아나운서, 시인, 성악가, 트로트 가수,"
    "소설가, 영화감독, 피아니스트, 정치인, 국회의원, 기자, 앵커, 유튜버, 코미디언, 과학자, 독립운동가, 프로게이머,"
    "바둑 기사, 발레리나, 뮤지컬 배우, 댄서, 작곡가, 프로듀서, 사업가, 기업인, 재일교포, 재미교포, 야구 감독,"
    "축구 감독, 골키퍼, 투수, 가수 겸 배우, 배우 겸 가수, 전 국회의원, 물리학자, 수학자, 철학자, 화학자",
    "피겨선수, 국악인, 수영 선수, 마라토너, 드러머, 성우, 탐험가",
)
# Epithets and descriptions placed before a person's name: not part of the name.
PERSON_MODIFIERS = opts(
    "팝의 황제, 발명왕, 피겨 여왕, 국민타자, 농구황제, 축구황제, 골프 여제, 배구 여제, 국민 여동생, 국민 MC,"
    "월드스타, 한류스타, 홈런왕, 득점왕, 도루왕, 영원한 캡틴, 캡틴, 탁구 신동, 수영 천재, 체조 요정,"
    "테니스 황제, 발라드 황제, 트로트 여왕, 록의 전설, 힙합의 전설, 재즈의 거장, 영화계 거장, 천재 과학자,"
    "천재 감독, 노벨상 수상자, 올림픽 금메달리스트, 메이저리거, 프리미어리거, 국가대표, 전 국가대표,"
    "아이돌 출신, 요즘 자주 들리는, 요즘 뜨는, 요즘 인기 많은, 내가 좋아하는, 우리 엄마가 좋아하는,"
    "교과서에 나오는, 역사 시간에 배운, 어제 본 영화에 나온, 뉴스에 나온, 드라마에 나온, 예능에 나온,"
    "노벨상 받은, 아카데미상 받은, 칸에서 상 받은, 최근에 은퇴한, 이번에 이적한, 얼마 전 결혼한,"
    "데뷔한 지 얼마 안 된, 할리우드 배우, 미국 가수, 영국 배우, 일본 배우, 중국 배우, 프랑스 화가,"
    "스페인 축구 선수, 독일 작곡가, 걸그룹 멤버, 보이그룹 멤버, 아이돌 그룹 리더, 한국계 미국인,"
    "조선 시대 학자, 고려 시대 장군, 삼국시대 왕, 미국 대통령, 영국 총리, 일본 총리, 중국 국가주석",
    "빙속 여제, 가왕, 국민 배우, 라디오에 나온, 인터뷰에서 본, 오페라 가수, 판소리 명창, 시조 시인",
)
# Descriptions that fit any entity.
COMMON_MODIFIERS = opts(
    "요즘 자주 들리는, 학교에서 배운, 어제 본 영화에 나온, 뉴스에 나온, 교과서에 나오는, 유튜브에서 본,"
    "책에서 본, 말로만 듣던, 그 유명한, 유명한, 친구가 말한, 요즘 핫한, 다큐에서 본, 기사에 나온, 예능에 나온,"
    "드라마에 나온, 수업에서 배운, 아까 말한, 전에 물어본, 인터넷에서 본, 영화에 나온, 요즘 화제인",
    "라디오에서 들은, 팟캐스트에 나온, 잡지에서 본, 광고에 나온, 어릴 때 배운",
)
PLACE_MODIFIERS = opts(
    "우리집 근처, 우리 동네, 학교 근처, 회사 근처, 집 앞, 고향에 있는, 지난번에 가본, 이번 여름에 갈,"
    "다음 주에 가는, 여행 가서 본, 사진으로만 본, 버킷리스트에 있는, 드라마 촬영지인, 관광지로 유명한,"
    "지도에서 본, 수학여행 때 간, 신혼여행으로 간, 주말에 다녀온",
    "할머니 댁 근처, 출장 가서 본, 캠핑 갔던",
)
PLACE_KINDS = ("country", "city", "island", "lake", "park", "region", "river", "bridge", "tunnel",
               "road", "mountain", "building", "tower")  # fmt: skip
# Noun-phrase modifiers per entity kind (what kind of thing it is, said before the name).
KIND_MODIFIERS: dict[str, Options] = {
    "country": opts(
        "동남아 나라, 유럽 나라, 아프리카 나라, 남미 국가, 섬나라, 이웃 나라, 작은 나라, 북유럽 국가, 중동 국가,"
        "내륙국, 산유국, 선진국, 개발도상국",
        "태평양 섬나라",
    ),
    "city": opts(
        "항구 도시, 관광 도시, 일본 도시, 미국 도시, 유럽 도시, 중국 도시, 바닷가 도시, 신도시, 소도시, 대도시,"
        "수도권 도시, 위성도시, 산업 도시",
        "국경 도시",
    ),
    "island": opts("남해 섬, 무인도, 화산섬, 동해 섬, 서해 섬, 휴양지, 작은 섬, 외딴섬", "유인도"),
    "lake": opts("인공 호수, 담수호, 염호, 산정 호수, 댐 호수, 빙하호", "칼데라호"),
    "park": opts(
        "도심 공원, 동네 공원, 산책하기 좋은, 벚꽃 명소, 단풍 명소, 놀이공원, 국가정원", "수목원"
    ),
    "region": opts("세계적인 명소, 탐험가들이 가는, 오지, 열대 지역, 극지방", "사막 지대"),
    "river": opts("국제 하천, 지방 하천, 도심 하천, 생태 하천, 큰 강, 강의 지류", "운하"),
    "bridge": opts("사장교, 현수교, 해상 교량, 야경 명소, 출렁다리, 철교", "아치교"),
    "tunnel": opts("해저 터널, 산악 터널, 철도 터널, 도로 터널", "지하 터널"),
    "road": opts("고속도로, 국도, 해안 도로, 드라이브 코스, 산책로, 출퇴근길, 순환 도로", "둘레길"),
    "mountain": opts(
        "100대 명산, 휴화산, 활화산, 명산, 등산 코스, 강원도 산, 히말라야 고봉, 알프스 봉우리, 뒷산",
        "바위산",
    ),
    "building": opts(
        "랜드마크, 초고층 빌딩, 문화재, 국보, 세계문화유산, 고층 건물, 관광 명소, 마천루, 궁궐, 사찰, 아파트",
        "고궁",
    ),
    "tower": opts("랜드마크, 전망 타워, 송신탑, 관광 명소, 방송탑", "철탑"),
    "car": opts(
        "신형, 구형, 전기차, 국산차, 수입차, 중고차, 신차, 아빠 차, 우리 집 차, 하이브리드, 경차, SUV, 스포츠카,"
        "세단, 택시로 많이 쓰는, 올 뉴",
        "픽업트럭",
    ),
    "train_aircraft": opts(
        "신형, 구형, 최신형, 차세대, 국산, 퇴역한, 요즘 타는, 처음 나온", "초창기"
    ),
    "weapon": opts(
        "국산, 주력, 차세대, 미군, 러시아제, 미국산, 전설의, 2차 대전 때 쓰인, 스텔스, 최신, 퇴역한, 수출용",
        "구소련",
    ),
    "ship": opts(
        "해군 구축함, 침몰한, 대형 크루즈선, 쇄빙선, 컨테이너선, 이지스함, 유람선, 여객선", "잠수함"
    ),
    "animal": opts(
        "멸종위기종, 천연기념물, 동물원에 있는, 아기, 다큐에 나온, 반려동물, 야생, 초식동물, 육식동물, 심해어,"
        "맹수, 포유류, 파충류, 조류",
        "희귀 동물",
    ),
    "celestial": opts(
        "태양계 행성, 왜소행성, 밝은 별, 적색거성, 외계행성, 위성, 쌍성, 별자리 별, 은하",
        "백색왜성",
    ),
    "concept": opts(
        "경제 기사에 나오는, 과학 시간에 배운, 수업 시간에 나온, 시험에 나오는, 경제 용어, 심리학 용어, IT 용어,"
        "법률 용어, 신조어, 철학 개념, 수학 개념, 유행어, 의학 용어, 물리 개념, 전공 수업에서 나온,"
        "면접 질문에 나온, 요즘 자주 나오는, 사회 시간에 배운",
        "통계 용어, 역사 용어",
    ),
    "team": opts(
        "프로야구 팀, 축구팀, e스포츠 팀, 농구팀, 명문 구단, 응원하는 팀, 배구팀, 해외 구단",
        "하키팀",
    ),
    "company": opts(
        "대기업, 스타트업, 게임 회사, 반도체 회사, 외국계 기업, 상장사, 자동차 회사, IT 기업",
        "중견기업",
    ),
    "band": opts(
        "걸그룹, 보이그룹, 아이돌 그룹, 밴드, 4세대 아이돌, 신인 그룹, 남돌, 여돌, 혼성 그룹, K팝 그룹, 인디 밴드",
        "록 밴드",
    ),
}

# Superlative descriptions: "{scope} {most} {adjective} {noun}(인)" before the name.
SCOPES = opts(
    "세계에서, 한국에서, 우리나라에서, 아시아에서, 유럽에서, 국내에서, 전 세계에서, 역사상, 서울에서,"
    "미국에서, 아프리카에서",
    "남미에서, 지구에서",
)
MOST = opts("제일, 가장", "젤")
SUPERLATIVE_ADJECTIVES: dict[str, Options] = {
    "age": opts("오래된, 나이가 많은, 나이 많은", "늙은"),
    "area": opts("큰, 넓은", "거대한"),
    "belong_to": opts("유명한, 인기 있는, 잘하는", "비싼"),
    "birth_date": opts("유명한, 인기 있는", "존경받는"),
    "birth_place": opts("유명한, 인기 있는, 위대한", "존경받는"),
    "definition": opts("유명한, 중요한, 어려운", "헷갈리는"),
    "height": opts("높은, 큰, 키가 큰", "키 큰"),
    "length": opts("긴, 길다는", "기다란"),
    "weight": opts("무거운, 큰", "덩치 큰"),
    "width": opts("넓은, 폭이 넓은", "널찍한"),
}
PERSON_SUPERLATIVES: dict[str, Options] = {
    "age": opts("나이가 많은, 나이 많은, 어린", "젊은"),
    "height": opts("키가 큰, 키 큰, 키가 작은", "장신인"),
    "weight": opts("무거운, 덩치가 큰, 체격이 큰", "몸집이 큰"),
    "*": opts("유명한, 인기 있는, 위대한, 잘나가는, 잘하는", "존경받는"),
}
KIND_NOUNS: dict[str, str] = {
    "person_kr": "사람", "person_foreign": "사람", "person_rare": "사람", "person_stage": "가수",
    "country": "나라", "city": "도시", "island": "섬", "lake": "호수", "park": "공원",
    "region": "지역", "river": "강", "bridge": "다리", "tunnel": "터널", "road": "도로",
    "ship": "배", "car": "차", "train_aircraft": "기체", "weapon": "무기", "building": "건물",
    "tower": "탑", "mountain": "산", "animal": "동물", "celestial": "천체", "concept": "개념",
    "team": "팀", "company": "회사", "band": "그룹", "monument": "문화재", "device": "기기",
}  # fmt: skip

# Generic nouns after an entity (tagged C): what it is.
DESCRIPTORS: dict[str, Options] = {
    "car": opts("차, 자동차, 차량, 모델, 승용차, 신차, 차종", "세단"),
    "ship": opts("배, 선박, 함정", "군함, 여객선"),
    "building": opts("건물, 빌딩, 건축물", "구조물"),
    "tower": opts("탑, 타워, 건물, 전망탑", "구조물"),
    "bridge": opts("다리, 교량", "대교 구간"),
    "tunnel": opts("터널, 굴", "구간"),
    "road": opts("도로, 길, 구간, 고속도로", "노선"),
    "river": opts("강, 하천", "물줄기"),
    "lake": opts("호수, 저수지", "호"),
    "park": opts("공원, 일대", "부지"),
    "region": opts("지역, 일대", "지방"),
    "mountain": opts("산, 봉우리", "산봉우리"),
    "island": opts("섬", "섬 전체"),
    "country": opts("나라, 국가", "국토"),
    "city": opts("도시, 지역, 시내", "일대"),
    "team": opts("팀, 구단", "클럽"),
    "company": opts("회사, 기업, 그룹", "그룹사"),
    "band": opts("그룹, 밴드", "팀"),
    "celestial": opts("천체, 별", "항성"),
    "animal": opts("동물, 종", "품종"),
    "concept": opts("개념, 용어", "이론"),
    "monument": opts("문화재, 유물, 국보", "보물"),
    "device": opts("기기, 제품, 모델, 신제품", "단말기"),
}
# A descriptor is left out after names that already end like it (``남산`` + 산, ``광안대교`` + 다리).
DESCRIPTOR_CLASHES: dict[str, tuple[str, ...]] = {
    "산": ("산", "봉", "령", "악", "마", "K2", "투", "포", "곡", "굴", "위", "개", "재", "대", "하"),
    "봉우리": ("봉", "포", "곡", "굴", "위", "개", "재", "대", "하"),
    "강": ("강", "천", "허", "하", "협", "로", "만", "호"), "하천": ("천", "강", "하", "협", "로", "만", "호"),
    "호수": ("호수", "지", "해", "담"), "저수지": ("호수", "저수지"),
    "호": ("호", "수", "지"), "공원": ("원", "공원", "장", "림", "지", "변", "구역"),
    "다리": ("교", "리", "지"), "교량": ("교", "리", "지"), "섬": ("섬", "제도"), "터널": ("널",),
    "도로": ("로", "길", "선", "반", "드", "도", "철", "하", "트", "트", "뉴"),
    "길": ("로", "길", "선", "반", "드", "도", "철", "하", "트", "뉴"),
    "고속도로": ("로", "길", "선", "반", "드", "도", "철", "하", "트", "뉴"),
    "탑": ("탑", "워", "대", "비", "문", "등", "주"), "타워": ("탑", "워", "대", "비", "문", "등", "주"),
    "전망탑": ("탑", "워", "대", "비", "문", "등", "주"), "그룹": ("그룹",), "함": ("함", "호", "선"),
    "배": ("함", "호", "선"), "지역": ("지역",), "일대": ("일대",),
}  # fmt: skip
# What a weapon, train or aircraft is, guessed from its name.
WEAPON_NOUNS: tuple[tuple[tuple[str, ...], Options], ...] = (
    (("F-", "KF-", "Su-", "MiG-", "J-", "FA-", "T-50", "라팔", "유로파이터", "그리펜", "미라주"),
     opts("전투기, 전투기, 기체, 비행기", "전폭기")),
    (("B-", "SR-"), opts("폭격기, 기체, 비행기", "전략폭격기")),
    (("AH-", "UH-", "CH-", "KUH", "MQ-", "글로벌"), opts("헬기, 기체", "항공기")),
    (("K1", "K2 흑표", "M1 ", "T-9", "T-14", "T-34", "레오파드", "챌린저", "메르카바", "티거", "판터", "셔먼"),
     opts("전차, 탱크", "주력전차")),
    (("AK", "M16", "M4", "AR-", "SCAR", "HK", "G36", "MP5", "UZI", "글록", "데저트", "베레타", "M19", "바렛",
      "드라구노프", "K2 소총", "K5", "K11", "K14", "AA12", "M2 ", "MG"), opts("총, 소총, 총기", "화기")),
    (("현무", "천궁", "신궁", "해성", "홍상어", "청상어", "비궁", "이스칸데르", "화성-", "트라이던트",
      "미니트맨", "토마호크", "패트리엇", "사드", "재블린", "스팅어"), opts("미사일, 무기 체계", "유도탄")),
)  # fmt: skip
WEAPON_DEFAULT = opts("무기, 기종, 무기 체계", "병기")
VEHICLE_NOUNS: tuple[tuple[tuple[str, ...], Options], ...] = (
    (("KTX", "SRT", "ITX", "무궁화호", "새마을호", "누리로", "신칸센", "TGV", "ICE", "유로스타"),
     opts("열차, 기차, 고속열차", "철도 차량")),
    (("보잉", "에어버스", "콩코드", "안토노프", "세스나", "A3", "B7"), opts("비행기, 여객기, 항공기, 기체", "제트기")),
    (("누리호", "나로호", "새턴", "팰컨", "스타십"), opts("로켓, 발사체", "우주 발사체")),
    (("망원경", "정거장", "다누리", "천리안", "아폴로", "셔틀"), opts("우주선, 위성, 기체", "탐사선")),
    (("C-", "KC-", "P-", "E-", "RC-", "MC-", "HC-", "EC-", "KA-", "KUH-", "LAH-", "CN-", "KT-", "T-"),
     opts("항공기, 기체, 비행기, 수송기", "군용기")),
)  # fmt: skip
VEHICLE_DEFAULT = opts("기체, 열차", "")


def descriptor_options(kind: str, entity: str) -> Options:
    """Return the generic nouns that may follow ``entity`` of ``kind`` (``[F-16] 전투기``)."""
    if kind in ("weapon", "train_aircraft"):
        table, default = (
            (WEAPON_NOUNS, WEAPON_DEFAULT) if kind == "weapon" else (VEHICLE_NOUNS, VEHICLE_DEFAULT)
        )
        for prefixes, options in table:
            if any(entity.startswith(p) or (len(p) > 2 and p in entity) for p in prefixes):
                return options
        return default
    return DESCRIPTORS.get(kind, Options(()))


def descriptor_clashes(entity: str, descriptor: str) -> bool:
    """Return whether ``descriptor`` would repeat what the end of ``entity`` already says."""
    name = entity.replace(" ", "")
    word = descriptor.split()[0]
    endings = DESCRIPTOR_CLASHES.get(word, ()) + (word, word[-1])
    return any(name.endswith(ending) for ending in endings) or word in entity.split()


# Parts named after an entity, asked about instead of the whole (``[서울역] 시계탑 높이``).
PARTS: dict[str, dict[str, Options]] = {
    "height": {
        "building": opts(
            "전망대, 옥상, 첨탑, 시계탑, 시계탑, 중앙탑, 본관, 돔, 정문", "꼭대기, 지붕"
        ),
        "tower": opts("전망대, 안테나, 첨탑, 꼭대기 층", "꼭대기"),
        "mountain": opts("정상, 최고봉, 주봉, 정상부", "꼭대기"),
        "bridge": opts("주탑, 교각, 아치, 상판", "케이블 주탑"),
        "monument": opts("기단, 받침돌, 상륜부, 좌대", "머리 부분"),
    },
    "width": {
        "bridge": opts("상판, 보도, 차도", "인도"),
        "road": opts("차로, 갓길, 인도, 중앙분리대", "버스전용차로"),
        "tunnel": opts("입구, 출구, 차로", "내부"),
        "river": opts("하구, 상류, 하류", "중류"),
    },
    "length": {
        "bridge": opts("주경간, 상판, 접속 구간", "본선"),
        "road": opts("본선, 전 구간, 개통 구간", "확장 구간"),
        "river": opts("본류, 상류, 하류", "지류"),
    },
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
            ("band", 0.08),
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
            "band": opts("소속사, 소속 회사, 기획사, 소속, 소속 레이블, 회사", "레이블"),
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
            "band": opts(
                "어느 소속사#cop, 어디 소속#cop, 소속사가 어디#cop, 어느 기획사 소속#cop, 어느 회사 소속#cop,"
                "어디 소속 그룹#cop, 어느 회사 가수#cop, 소속사가 어떻게 #되",
                "어느 레이블 소속#cop",
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
            ("bridge", 0.03),
            ("monument", 0.05),
            ("device", 0.03),
        ),
        question="amount",
        attributes={
            "person": opts("키, 신장, 실제 키, 공식 키, 키, 키", "프로필 키"),
            "structure": opts("높이, 건물 높이, 최고 높이, 전체 높이, 높이", "총 높이"),
            "mountain": opts("높이, 해발, 해발고도, 고도, 표고, 해발 높이, 높이", "정상 고도"),
            "vehicle": opts("전고, 높이, 차 높이, 차체 높이", "제원상 높이"),
            "animal": opts("키, 높이, 몸높이, 체고", "어깨 높이"),
            "device": opts("높이, 세로, 세로 길이, 높이", "세로 높이"),
            "*": opts("높이", "총 높이"),
        },
        predicates={
            "person": opts(
                "키가 몇#cop, 키가 얼마#cop, 키가 몇 센티#cop, 키 몇#cop, 몇 cm#cop, 키가 얼마나 크#eu,"
                "키가 어떻게 #되, 신장이 어떻게 #되, 몇 센티#cop, 키가 몇 cm#cop, 키가 몇 센티미터#cop",
                "키가 몇 센치#cop, 키가 얼마만큼 #되",
            ),
            "device": opts(
                "높이가 몇 mm#cop, 세로가 몇 mm#cop, 높이가 얼마#cop, 높이가 어떻게 #되, 몇 센티#cop",
                "세로가 몇 센티#cop",
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
            "device": opts("mm, cm, 센티", "밀리"),
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
            ("device", 0.05),
        ),
        question="amount",
        attributes={
            "river": opts("길이, 총길이, 강 길이, 유로 연장, 총 길이, 길이", "유장"),
            "ship": opts("길이, 전장, 전체 길이, 선체 길이, 길이", "총 전장"),
            "vehicle": opts("길이, 전장, 전체 길이, 차 길이, 길이", "총 전장"),
            "device": opts("길이, 세로, 세로 길이, 전체 길이", "세로 크기"),
            "*": opts("길이, 총길이, 총 길이, 전체 길이, 연장, 총연장, 길이, 길이", "연장 길이"),
        },
        predicates={
            "device": opts(
                "길이가 몇 mm#cop, 세로가 몇 mm#cop, 길이가 얼마#cop, 세로 길이가 어떻게 #되, 얼마나 기#l",
                "세로가 몇 센티#cop",
            ),
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
            "device": opts("mm, cm, 센티", "밀리"),
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
            ("device", 0.07),
        ),
        question="amount",
        attributes={
            "river": opts("폭, 강폭, 너비, 강 너비, 하천 폭, 폭", "하폭"),
            "road": opts("폭, 도로 폭, 너비, 도로 너비, 노폭, 차로 폭, 폭", "길 폭"),
            "bridge": opts("폭, 너비, 다리 폭, 교폭, 상판 폭, 폭", "다리 너비"),
            "ship": opts("폭, 선폭, 너비, 전폭, 폭", "배 폭"),
            "vehicle": opts("전폭, 폭, 차폭, 너비, 가로 폭, 차 폭, 전폭", "차량 너비"),
            "tunnel": opts("폭, 너비, 터널 폭", "내부 폭"),
            "device": opts("가로, 폭, 너비, 가로 길이, 가로 폭", "가로 너비"),
            "*": opts("폭, 너비, 가로 폭", "가로 너비"),
        },
        predicates={
            "device": opts(
                "가로가 몇 mm#cop, 폭이 몇 mm#cop, 너비가 얼마#cop, 가로 길이가 어떻게 #되, 폭이 얼마#cop",
                "가로가 몇 센티#cop",
            ),
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
        units={
            "vehicle": opts("mm, 센티, cm, 미터", ""),
            "device": opts("mm, cm, 센티", "밀리"),
            "*": opts("미터, m, 센티, cm", "피트"),
        },
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
            ("monument", 0.05),
            ("device", 0.08),
        ),
        question="amount",
        attributes={
            "person": opts("몸무게, 체중, 무게, 몸무게", "현재 체중"),
            "animal": opts("몸무게, 무게, 체중, 평균 무게, 평균 체중, 무게", "성체 무게"),
            "vehicle": opts("무게, 중량, 공차중량, 차량 무게, 차 무게, 총중량", "공식 중량"),
            "weapon": opts("무게, 중량, 전투중량, 총 무게, 전비중량", "자체 중량"),
            "celestial": opts("질량, 무게, 총질량, 질량", "전체 질량"),
            "ship": opts("무게, 배수량, 톤수, 중량, 총톤수", "만재 배수량"),
            "device": opts("무게, 중량, 본체 무게, 무게", "실제 무게"),
            "*": opts("무게, 중량", "총 무게"),
        },
        predicates={
            "person": opts(
                "몸무게가 몇#cop, 몇 kg#cop, 몇 킬로#cop, 몸무게가 어떻게 #되, 체중이 얼마#cop, 몇 킬로 나가#ga,"
                "몸무게가 얼마#cop, 얼마나 무거#b, 체중이 어떻게 #되, 몸무게 몇#cop",
                "체중이 몇 kg쯤 #되, 몸무게가 몇 키로#cop",
            ),
            "device": opts(
                "몇 g#cop, 몇 그램#cop, 무게가 얼마#cop, 얼마나 무거#b, 무게가 어떻게 #되, 무게가 몇 g#cop",
                "무게가 몇 그램이나 #되",
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
            "device": opts("g, 그램", "kg"),
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
    "park": "park", "region": "region", "monument": "monument", "device": "device",
}  # fmt: skip
