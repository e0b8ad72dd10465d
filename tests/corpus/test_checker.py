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
    ],
)
def test_accepts_rows_that_fit(intent, before, entity, after, kind, role) -> None:
    assert contradictions(_row(intent, before, entity, after), kind=kind, role=role) == []
