"""Tests of the contradiction checker on hand cases: what it rejects and what it accepts."""

from __future__ import annotations

import pytest

from joint_nlu.corpus.checker import contradictions
from joint_nlu.corpus.generator import Piece, pieces_to_row


def _row(intent: str, before: str, entity: str, after: str) -> tuple[str, str, str]:
    return pieces_to_row(intent, [Piece(before), Piece(entity, entity=True), Piece(after)])


@pytest.mark.parametrize(
    ("intent", "before", "entity", "after", "kind", "role", "reason"),
    [
        ("width", "", "손흥민", " 강폭이 얼마야", "person_kr", "축구 선수", "강폭"),
        ("height", "", "손흥민", " 키가 몇 km야", "person_kr", "축구 선수", "km"),
        ("height", "", "한라산", " 높이 몇 cm야", "mountain", None, "cm"),
        ("height", "", "광안대교", " 높이가 몇 kg이야", "bridge", None, "mass"),
        ("weight", "", "아이유", " 몸무게 몇 톤이야", "person_stage", "가수", "톤"),
        ("birth_date", "", "낙동강", " 생일이 언제야", "river", None, "birth_date"),
        ("area", "", "손흥민", " 면적 알려줘", "person_kr", "축구 선수", "area"),
        ("age", "", "광안대교", "씨 연세가 어떻게 돼", "bridge", None, "said of a route"),
        ("height", "화가 ", "손흥민", " 키", "person_kr", "축구 선수", "role"),
        ("height", "배우 ", "김민준", " 키", "person_kr", "", "role"),
        ("belong_to", "", "이순신", " 소속팀이 어디야", "person_kr", "장군", "today"),
        ("age", "", "김구", " 올해 나이", "person_kr", "독립운동가", "today"),
        # a generic noun after a name that already ends in it
        ("height", "", "나이아가라 폭포", " 폭포 높이", "waterfall", None, "already ends"),
        ("height", "", "한라산", " 산 높이", "mountain", None, "already ends"),
        ("length", "", "낙동강", " 강 길이", "river", None, "already ends"),
        ("height", "", "동림 폭포", "의 폭포 높이", "waterfall", None, "already ends"),
        ("width", "", "링컨 컨티넨탈", " 차 차폭", "car", None, "twice"),
        # a title the person does not hold, or any title of someone of no known role
        ("belong_to", "", "손흥민", " 의원 소속", "person_kr", "축구 선수", "title '의원'"),
        ("age", "", "봉준호", " 대통령 나이", "person_kr", "영화감독", "title '대통령'"),
        ("age", "", "김민준", " 박사 나이", "person_kr", "", "title '박사'"),
        # a kind word of another kind
        ("height", "공룡 ", "한라산", " 높이", "mountain", None, "'공룡' said of a mountain"),
        ("weight", "스마트폰 ", "K2 흑표", " 무게", "weapon", None, "'스마트폰' said of a vehicle"),
        ("height", "행성 ", "부르즈 할리파", " 높이", "building", None, "'행성'"),
        ("weight", "수컷 ", "아이폰 15", " 무게", "device", None, "'수컷'"),
    ],
)
def test_rejects_contradictions(intent, before, entity, after, kind, role, reason) -> None:
    problems = contradictions(_row(intent, before, entity, after), kind=kind, role=role)
    assert problems and any(reason in p for p in problems), problems


@pytest.mark.parametrize(
    ("intent", "before", "entity", "after", "kind", "role"),
    [
        ("height", "", "손흥민", " 키 몇 cm야", "person_kr", "축구 선수"),
        ("height", "축구 선수 ", "손흥민", "의 키가 몇이야", "person_kr", "축구 선수"),
        ("height", "선수 ", "류현진", " 키", "person_kr", "야구 선수"),
        ("height", "", "한라산", " 해발 몇 미터야", "mountain", None),
        ("length", "위키백과로 ", "광안대교", " 총 길이 몇 km야", "bridge", None),
        ("width", "", "낙동강", " 강폭 얼마나 돼", "river", None),
        ("age", "", "유재석", " 나이", "person_kr", "방송인"),
        ("age", "", "안드로메다 은하", "의 나이가 몇 억 년이야", "galaxy", None),
        ("belong_to", "", "문재인", " 대통령 소속 정당", "person_kr", "대통령"),
        ("weight", "", "대왕고래", " 몸무게가 몇 톤이야", "animal", None),
        ("definition", "", "양자역학", "이 뭐야", "concept", None),
        # unknown kind and role: the rules that need them are skipped
        ("height", "배우 ", "홍길동", " 키 몇 cm야", None, None),
        # the head noun belongs to the name; other nouns after a name are context
        ("height", "", "천지연 폭포", " 높이", "waterfall", None),
        ("height", "", "서울역", " 시계탑 높이", "building", None),
        ("height", "", "소백산", " 정상 높이", "mountain", None),
        ("weight", "", "현무-2", " 미사일 무게", "weapon", None),
        ("height", "", "에펠탑", " 전망대 높이", "building", None),
        # titles and nicknames that are the person's own
        ("age", "", "시진핑", " 주석 나이", "person_foreign", "정치인"),
        ("belong_to", "", "이승엽", " 감독 소속팀", "person_kr", "야구 선수"),
        ("height", "", "우장춘", " 박사 키", "person_kr", "과학자"),
        ("birth_date", "교황 ", "프란치스코", " 생일", "person_foreign", "교황"),
        ("birth_place", "다산 ", "정약용", " 선생 고향", "person_kr", "조선 시대 학자"),
        ("weight", "", "김민준", "씨 몸무게", "person_kr", ""),
        ("age", "", "김민준", "이라는 사람 나이", "person_kr", ""),
        # kind words of the thing's own kind
        ("height", "공룡 ", "티라노사우루스", " 키", "animal", None),
        ("weight", "수컷 ", "사자", " 몸무게", "animal", None),
        ("weight", "태양계에서 제일 큰 행성 ", "목성", " 질량", "star", None),
        ("length", "대형 수송함 ", "독도함", " 길이", "ship", None),
    ],
)
def test_accepts_rows_that_fit(intent, before, entity, after, kind, role) -> None:
    assert contradictions(_row(intent, before, entity, after), kind=kind, role=role) == []
