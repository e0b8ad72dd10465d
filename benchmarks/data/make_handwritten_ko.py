#!/usr/bin/env python3
"""Build handwritten_ko.tsv, a hand-written Korean evaluation set for joint-nlu.

Written by hand, independently of the project's corpus generator (which was not
consulted). For evaluation only: never train on it.

Each row below is (intent, sentence, entity) or (intent, sentence, entity, start).
The entity string must occur in the sentence exactly once unless its start offset
is given. Tags are derived here, one per character of the sentence (spaces count):
E inside the entity mention, C elsewhere.

Usage:
    python3 make_handwritten_ko.py          # write the TSV, then check it
    python3 make_handwritten_ko.py --show   # also print every row's entity
"""

import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "handwritten_ko.tsv")
INTENTS = [
    "age",
    "area",
    "belong_to",
    "birth_date",
    "birth_place",
    "definition",
    "height",
    "length",
    "weight",
    "width",
]
PER_INTENT = 40

ROWS = [
    # ---------------------------------------------------------------- age
    ("age", "손흥민 몇 살?", "손흥민"),
    ("age", "아이유 나이", "아이유"),
    ("age", "바이든 대통령 나이가 어떻게 되나요?", "바이든"),
    ("age", "김연아 올해 몇살이야", "김연아"),
    ("age", "트럼프 나이 어떻게되요", "트럼프"),
    ("age", "이순재 선생님 연세가 어떻게 되시는지 궁금합니다", "이순재"),
    ("age", "혹시 일론 머스크는 몇 살인지 알아?", "일론 머스크"),
    ("age", "근데 봉준호 감독 지금 나이가 몇이지", "봉준호"),
    ("age", "유재석나이", "유재석"),
    ("age", "메시 몇살임", "메시"),
    ("age", "실례지만 반기문 전 사무총장님 연세를 여쭤봐도 될까요", "반기문"),
    ("age", "오타니 쇼헤이 나이가 어떻게 돼?", "오타니 쇼헤이"),
    ("age", "테일러 스위프트 몇 살이야?", "테일러 스위프트"),
    ("age", "이재용 회장 나이 좀 알려주세요", "이재용"),
    ("age", "야구선수 추신수는 나이가 몇 살이에요", "추신수"),
    ("age", "RM 나이 몇 살이야", "RM"),
    ("age", "장원영 나이 궁금해", "장원영"),
    ("age", "키아누 리브스 나이 얼마나 됐어요? 엄청 동안이던데", "키아누 리브스"),
    ("age", "윤여정 배우님 연세가 어떻게 되세요?", "윤여정"),
    ("age", "엘리자베스 2세 여왕은 몇 살에 세상을 떠났어?", "엘리자베스 2세"),
    ("age", "송해 선생님 돌아가실 때 연세가 어떻게 되셨죠", "송해"),
    ("age", "이순신 장군은 몇 살에 전사했나요", "이순신"),
    ("age", "나이 몇이야 차은우", "차은우"),
    ("age", "박지성 나이가 올해로 몇인지 알아?", "박지성"),
    ("age", "교황 프란치스코 나이가 몇이었지", "프란치스코"),
    ("age", "이강인 몇 살이에여", "이강인"),
    ("age", "빌게이츠 나이", "빌게이츠"),
    ("age", "마동석 형님 나이가 어캐 돼", "마동석"),
    ("age", "올해 안철수 의원 나이가 어떻게 되나", "안철수"),
    ("age", "시진핑 주석 나이 알려줄래?", "시진핑"),
    ("age", "김정은 나이 정확히 몇 살이야", "김정은"),
    ("age", "리사 몇살이에요?", "리사"),
    ("age", "가수 조용필 연세", "조용필"),
    ("age", "손석희 앵커 나이가 몇이에요", "손석희"),
    ("age", "이효리  나이 좀 알려주라", "이효리"),
    ("age", "올해 이정재 나이가 어떻게 되는지 궁금하네요", "이정재"),
    ("age", "라파엘 나달 은퇴할때 몇살이었지", "라파엘 나달"),
    ("age", "나이 좀 알려줘 제니", "제니"),
    ("age", "과학적으로 지구의 나이는 대략 몇 살이야?", "지구"),
    ("age", "강호동 나이가몇살이지", "강호동"),
    # --------------------------------------------------------------- area
    ("area", "한국 면적", "한국"),
    ("area", "혹시 독도 넓이 아는 사람", "독도"),
    ("area", "제주도 면적이 몇 제곱킬로미터야?", "제주도"),
    ("area", "서울특별시의 면적은 얼마인가요", "서울특별시"),
    ("area", "러시아는 땅 크기가 얼마나 돼요? 진짜 엄청 크던데", "러시아"),
    ("area", "여의도 넒이 몇 평이야", "여의도"),
    ("area", "울릉도면적", "울릉도"),
    ("area", "바이칼 호 면적은?", "바이칼 호"),
    ("area", "여행 가기 전에 궁금한데 센트럴 파크 넓이 어느 정도야", "센트럴 파크"),
    ("area", "세계에서 제일 큰 사막인 사하라 사막 면적 얼마나 되나요", "사하라 사막"),
    ("area", "마다가스카르 섬 크기가 얼마나 돼?", "마다가스카르"),
    ("area", "몽골 국토 면적 알려줘", "몽골"),
    ("area", "에버랜드 부지 면적 알려 주세요", "에버랜드"),
    ("area", "경기도 넓이", "경기도"),
    ("area", "지리산 국립공원은 총 면적이 어떻게 되나요", "지리산 국립공원"),
    ("area", "바티칸 시국 크기가 얼마나 작아?", "바티칸 시국"),
    ("area", "카스피해 면적", "카스피해"),
    ("area", "태평양 넓이는 얼마나 될까", "태평양"),
    ("area", "오스트레일리아 면적 몇 km²야", "오스트레일리아"),
    ("area", "가파도 면적이 얼마죠?", "가파도"),
    ("area", "아마존 열대우림 면적이 계속 줄고 있다던데 지금 얼마나 남았어?", "아마존 열대우림"),
    ("area", "남극 면적이 얼마나 되는지 궁금함", "남극"),
    ("area", "면적으로 치면 싱가포르는 얼마나 작은 나라야?", "싱가포르"),
    ("area", "넓이 좀 찾아줘 강화도", "강화도"),
    ("area", "맨해튼 넓이 얼마나 돼", "맨해튼"),
    ("area", "시화호 면적은 몇 ㎢인가요", "시화호"),
    ("area", "대략적인 넓이만 알려줘 그린란드", "그린란드"),
    ("area", "주말에 가려는데 올림픽공원 면적 알려줄래", "올림픽공원"),
    ("area", "뉴스에 자주 나오는 새만금 면적이 얼마야", "새만금"),
    ("area", "인천국제공항 부지 넓이가 얼마나 돼요?", "인천국제공항"),
    ("area", "화성의 표면적은 얼마나 되나요", "화성"),
    ("area", "달 표면적 얼마야", "달"),
    ("area", "모나코 면적이 몇 제곱km야", "모나코"),
    ("area", "대마도 넓이는?", "대마도"),
    ("area", "광화문 광장 면적", "광화문 광장"),
    ("area", "가족 여행 가는데 남이섬 크기가 어느정도 돼?", "남이섬"),
    ("area", "알래스카 면적이 궁금해요", "알래스카"),
    ("area", "면적 알려줘 아이슬란드", "아이슬란드"),
    ("area", "옐로스톤 국립공원 얼마나 넓어?", "옐로스톤 국립공원"),
    ("area", "우리집 근처 일산호수공원 면적이 얼마나돼", "일산호수공원"),
    # ---------------------------------------------------------- belong_to
    ("belong_to", "설영우 소속팀", "설영우"),
    ("belong_to", "이번 시즌 이강인 어느 팀이야?", "이강인"),
    ("belong_to", "요즘 김민재 어디 소속으로 뛰고 있는지 아는 사람?", "김민재"),
    ("belong_to", "뉴진스 소속사 어디예요", "뉴진스"),
    ("belong_to", "세븐틴 소속사가 어디지", "세븐틴"),
    ("belong_to", "국가대표 황희찬 소속 팀 알려줘", "황희찬"),
    ("belong_to", "오타니는 어느 팀 소속인가요", "오타니"),
    ("belong_to", "이정후 소속구단", "이정후"),
    ("belong_to", "김하성 무슨 팀에서 뛰어?", "김하성"),
    ("belong_to", "르브론 제임스 소속팀이 어디야", "르브론 제임스"),
    ("belong_to", "트와이스 소속사 어디임", "트와이스"),
    ("belong_to", "페이커는 어느 팀 소속이에요?", "페이커"),
    ("belong_to", "이재명 소속 정당", "이재명"),
    ("belong_to", "한동훈 전 장관은 어느 당 소속이야", "한동훈"),
    ("belong_to", "에스파 소속사 알려줘", "에스파"),
    ("belong_to", "음바페 소속 클럽이 어디죠", "음바페"),
    ("belong_to", "요즘 호날두 어느 팀에서 뛰고 있어?", "호날두"),
    ("belong_to", "레알 마드리드는 어느 리그 소속이야", "레알 마드리드"),
    ("belong_to", "토트넘 홋스퍼 소속 리그", "토트넘 홋스퍼"),
    ("belong_to", "마라도 행정구역상 어디 소속이에요", "마라도"),
    ("belong_to", "KAIST는 어느 부처 소속 기관인가요?", "KAIST"),
    ("belong_to", "국립중앙박물관은 어느 부처 소속이야", "국립중앙박물관"),
    ("belong_to", "날씨 알려주는 기상청은 어느 부처 소속인지 알려줘요", "기상청"),
    ("belong_to", "예능에 나온 안유진 무슨 그룹이야?", "안유진"),
    ("belong_to", "요즘 솔로 활동하는 지민 소속사가 어디예요", "지민"),
    ("belong_to", "차은우는 어느 그룹 멤버야", "차은우"),
    ("belong_to", "배구선수 김연경 소속팀 어디야", "김연경"),
    ("belong_to", "리버풀 FC는 어느 리그에서 뛰어?", "리버풀 FC"),
    ("belong_to", "허웅 어느팀?", "허웅"),
    ("belong_to", "골프 치는 고진영 선수 소속사가 어디인지 알려주세요", "고진영"),
    ("belong_to", "국정원은 어느 기관 소속이야?", "국정원"),
    ("belong_to", "군대 얘기하다가 궁금해졌는데 해병대는 어디 소속이야?", "해병대"),
    ("belong_to", "스트레이 키즈 소속사 어디에요", "스트레이 키즈"),
    ("belong_to", "CRAVITY 소속사", "CRAVITY"),
    ("belong_to", "NCT 127은 어느 소속사야", "NCT 127"),
    ("belong_to", "지금 해리 케인 뛰는 팀이 어디야", "해리 케인"),
    ("belong_to", "소속 구단 알려줘요 양현종", "양현종"),
    ("belong_to", "갈라파고스 제도는 어느 나라 소속이야", "갈라파고스 제도"),
    ("belong_to", "괌은 어느 나라 소속이에요", "괌"),
    ("belong_to", "배우 정우성 소속사가 어디야", "정우성"),
    # --------------------------------------------------------- birth_date
    ("birth_date", "오늘이 아이유 생일이야?", "아이유"),
    ("birth_date", "이황 생년월일", "이황"),
    ("birth_date", "김구 선생 생신이 언제예요", "김구"),
    ("birth_date", "팝의 황제 마이클 잭슨 생년월일 알려줘", "마이클 잭슨"),
    ("birth_date", "뷔 생일 언제?", "뷔"),
    ("birth_date", "안중근 의사는 언제 태어났어", "안중근"),
    ("birth_date", "학교 숙제 때문에 그러는데 유관순 열사 생일이 언제야", "유관순"),
    ("birth_date", "스티브 잡스 출생일이 언제 였지", "스티브 잡스"),
    ("birth_date", "모차르트는 몇년도에 태어났지 갑자기 궁금하네", "모차르트"),
    ("birth_date", "이순신 장군 탄신일이 언제인가요", "이순신"),
    ("birth_date", "화가 빈센트 반 고흐 생년월일", "빈센트 반 고흐"),
    ("birth_date", "박정희 전 대통령 생년월일", "박정희"),
    ("birth_date", "카리나 생일 몇월 며칠이야", "카리나"),
    ("birth_date", "슈가 생일이 언제예요? 선물 보내고 싶어서요", "슈가"),
    ("birth_date", "발명왕 토머스 에디슨 생년월일이 궁금해요", "토머스 에디슨"),
    ("birth_date", "아인슈타인 언제 태어났어?", "아인슈타인"),
    ("birth_date", "다음주가 로제 생일 맞나?", "로제"),
    ("birth_date", "예수는 언제 태어났나요", "예수"),
    ("birth_date", "공자는 몇 년에 태어났어", "공자"),
    ("birth_date", "루이 14세 생일", "루이 14세"),
    ("birth_date", "레오나르도 다빈치 출생연도", "레오나르도 다빈치"),
    ("birth_date", "김소월 시인 생년월일", "김소월"),
    ("birth_date", "시인 윤동주 언제 태어났어요", "윤동주"),
    ("birth_date", "에이브러햄 링컨 생일", "에이브러햄 링컨"),
    ("birth_date", "아이작 뉴턴은 언제 태어났나요", "아이작 뉴턴"),
    ("birth_date", "태연 생일 몇일이야", "태연"),
    ("birth_date", "국민MC 유재석 생일이 언제더라", "유재석"),
    ("birth_date", "김대중 전대통령 생일", "김대중"),
    ("birth_date", "마릴린 먼로 생년월일", "마릴린 먼로"),
    ("birth_date", "네이마르 생일 언제야", "네이마르"),
    ("birth_date", "박세리생년월일 알려주세요", "박세리"),
    ("birth_date", "생일이 언제야 제이홉", "제이홉"),
    ("birth_date", "오드리 헵번 언제 태어났어", "오드리 헵번"),
    ("birth_date", "과학자 장영실이 태어난 날이 언제야", "장영실"),
    ("birth_date", "위키에서 봤는데 정약용 생년월일이 어떻게 돼", "정약용"),
    ("birth_date", "마리 퀴리 생년월일", "마리 퀴리"),
    ("birth_date", "이건희 회장 생일", "이건희"),
    ("birth_date", "차범근 감독님 생신", "차범근"),
    ("birth_date", "스티븐 호킹 박사 생일", "스티븐 호킹"),
    ("birth_date", "언제 태어났는지 알려줘 베토벤", "베토벤"),
    # -------------------------------------------------------- birth_place
    ("birth_place", "박지성 고향 어디야", "박지성"),
    ("birth_place", "봉준호 감독 고향이 어디예요", "봉준호"),
    ("birth_place", "전 대통령 버락 오바마 출생지", "버락 오바마"),
    ("birth_place", "트로트 가수 나훈아 고향", "나훈아"),
    ("birth_place", "국민타자 이승엽 고향이 어디죠", "이승엽"),
    ("birth_place", "임영웅 고향이 어디길래 다들 거기 놀러가?", "임영웅"),
    ("birth_place", "아돌프 히틀러는 어디서 태어났나요", "아돌프 히틀러"),
    ("birth_place", "피아노의 시인 쇼팽 태어난 곳", "쇼팽"),
    ("birth_place", "노무현 대통령 고향이 어디야", "노무현"),
    ("birth_place", "문재인 대통령 출생지", "문재인"),
    ("birth_place", "정주영 회장 고향", "정주영"),
    ("birth_place", "피겨 여왕 김연아 선수 고향은 어디인가요", "김연아"),
    ("birth_place", "방시혁 고향", "방시혁"),
    ("birth_place", "파블로 피카소 어디서 태어났지", "파블로 피카소"),
    ("birth_place", "셰익스피어는 어디 사람이야", "셰익스피어"),
    ("birth_place", "오만원권에 나오는 신사임당 출생지", "신사임당"),
    ("birth_place", "윈터 고향 어디야", "윈터"),
    ("birth_place", "지수 고향이 어디야", "지수"),
    ("birth_place", "코리안특급 박찬호는 어디 출신이에요", "박찬호"),
    ("birth_place", "디에고 마라도나 출생지", "디에고 마라도나"),
    ("birth_place", "나폴레옹은 어느 섬에서 태어났어?", "나폴레옹"),
    ("birth_place", "김정일 출생지가 어디야", "김정일"),
    ("birth_place", "윤석열 고향 어디임", "윤석열"),
    ("birth_place", "갑자기 궁금한데 송강호 배우 고향이 어디였더라", "송강호"),
    ("birth_place", "드라마 보다가 궁금해졌는데 이병헌 고향이 어디야?", "이병헌"),
    ("birth_place", "희극왕 찰리 채플린 출생지", "찰리 채플린"),
    ("birth_place", "마하트마 간디는 어디서 태어났나요", "마하트마 간디"),
    ("birth_place", "칭기즈 칸 고향", "칭기즈 칸"),
    ("birth_place", "안창호 선생 고향", "안창호"),
    ("birth_place", "이소룡 어디서 태어났어", "이소룡"),
    ("birth_place", "농구황제 마이클 조던 출생지", "마이클 조던"),
    ("birth_place", "황의조 선수 출신지", "황의조"),
    ("birth_place", "성악가 조수미 고향이 어디세요", "조수미"),
    ("birth_place", "요리 프로그램에 나오는 백종원 대표 고향이 어디야", "백종원"),
    ("birth_place", "출생지 좀 알려줘 박경리", "박경리"),
    ("birth_place", "한강 작가 고향이 어디야", "한강"),
    ("birth_place", "재일교포 손정의 출생지", "손정의"),
    ("birth_place", "태어난 곳이 어디야 엘비스 프레슬리", "엘비스 프레슬리"),
    ("birth_place", "김수환 추기경 고향이 어디셨어요", "김수환"),
    ("birth_place", "김유신 장군 출생지", "김유신"),
    # --------------------------------------------------------- definition
    ("definition", "블록체인이 뭐야", "블록체인"),
    ("definition", "메타버스 뜻", "메타버스"),
    ("definition", "인플레이션이란 무엇인가요", "인플레이션"),
    ("definition", "과학 숙제인데 광합성 설명해줘", "광합성"),
    ("definition", "양자역학이 뭔지 초등학생도 알아듣게 설명 좀 해줘", "양자역학"),
    ("definition", "물리학에서 말하는 엔트로피 의미가 뭐야", "엔트로피"),
    ("definition", "머신러닝이 뭐예요?", "머신러닝"),
    ("definition", "경제 기사에 나오는 스태그플레이션 뜻 알려줘", "스태그플레이션"),
    ("definition", "블랙홀이란", "블랙홀"),
    ("definition", "민주주의의 정의", "민주주의"),
    ("definition", "요즘 뉴스에 자꾸 나오는 가스라이팅 무슨 뜻이야", "가스라이팅"),
    ("definition", "MBTI가 뭐임", "MBTI"),
    ("definition", "경제 용어 GDP 뜻", "GDP"),
    ("definition", "챗GPT가 뭐야?", "챗GPT"),
    ("definition", "요새 많이 들리는 NFT 뭐에요", "NFT"),
    ("definition", "알고리즘 개념 좀 설명해 주세요", "알고리즘"),
    ("definition", "친구가 소확행이라고 하던데 무슨 말이야", "소확행"),
    ("definition", "중력파가 뭔가요", "중력파"),
    ("definition", "공리주의란 무엇인지 설명해줘", "공리주의"),
    ("definition", "미토콘드리아에 대해 알려줘", "미토콘드리아"),
    ("definition", "빅뱅 이론이 뭔데", "빅뱅 이론"),
    ("definition", "상대성 이론 쉽게 설명해줄래?", "상대성 이론"),
    ("definition", "요즘 다들 말하는 도파민이 정확히 뭐야", "도파민"),
    ("definition", "ESG가 무슨 뜻이에요", "ESG"),
    ("definition", "님비 현상 뜻", "님비 현상"),
    ("definition", "르네상스란 무엇인가", "르네상스"),
    ("definition", "피보나치 수열이 뭐야", "피보나치 수열"),
    ("definition", "탄소중립 의미가 뭔가요", "탄소중립"),
    ("definition", "초밥집 가면 보이는 오마카세 뜻", "오마카세"),
    ("definition", "반도체가 정확히 뭘 말하는 거야?", "반도체"),
    ("definition", "딥러닝 개념 정리해줘", "딥러닝"),
    ("definition", "사회초년생인데 주택청약이 뭐에요", "주택청약"),
    ("definition", "클라우드 컴퓨팅 개념 설명해줘요", "클라우드 컴퓨팅"),
    ("definition", "판소리가 뭔지 알려줘", "판소리"),
    ("definition", "훈민정음이란 무엇인가요", "훈민정음"),
    ("definition", "열역학 제2법칙이 뭐야", "열역학 제2법칙"),
    ("definition", "5G가 뭐예요", "5G"),
    ("definition", "뜻좀 알려줘 레임덕", "레임덕"),
    ("definition", "헤지 펀드란?", "헤지 펀드"),
    ("definition", "유비쿼터스 뜻이 머야", "유비쿼터스"),
    # ------------------------------------------------------------- height
    ("height", "한라산 높이", "한라산"),
    ("height", "세계 최고봉 에베레스트산 높이가 몇 미터야", "에베레스트산"),
    ("height", "롯데월드타워 몇 미터나 돼? 123층이라던데", "롯데월드타워"),
    ("height", "N서울타워는 얼마나 높아?", "N서울타워"),
    ("height", "에펠탑은 높이가 얼마나 돼요", "에펠탑"),
    ("height", "세계에서 제일 높은 빌딩 부르즈 할리파 높이", "부르즈 할리파"),
    ("height", "백두산 해발고도가 어떻게 되나요", "백두산"),
    ("height", "설악산은 해발 몇 m야", "설악산"),
    ("height", "농구선수 하승진 키가 몇이에요", "하승진"),
    ("height", "샤킬 오닐 키가 2m 넘지?", "샤킬 오닐"),
    ("height", "차은우 키 몇 cm?", "차은우"),
    ("height", "자유의 여신상 높이", "자유의 여신상"),
    ("height", "기자의 대피라미드는 높이가 얼마나 되나요", "기자의 대피라미드"),
    ("height", "후지산 높이", "후지산"),
    ("height", "63빌딩 높이 몇 미터야?", "63빌딩"),
    ("height", "나이아가라 폭포 높이", "나이아가라 폭포"),
    ("height", "엠파이어 스테이트 빌딩 높이", "엠파이어 스테이트 빌딩"),
    ("height", "북한산 높이가 어느 정도야 등산 처음인데", "북한산"),
    ("height", "아이유 키 몇이야 생각보다 작던데", "아이유"),
    ("height", "도쿄 스카이트리 높이 알려줘요", "도쿄 스카이트리"),
    ("height", "광안대교 주탑 높이", "광안대교"),
    ("height", "킬리만자로 해발고도", "킬리만자로"),
    ("height", "몽블랑 높이 몇미터 인가요", "몽블랑"),
    ("height", "공룡 티라노사우루스 키", "티라노사우루스"),
    ("height", "동물원에 있는 기린은 키가 몇 m야", "기린"),
    ("height", "아프리카코끼리 어깨높이", "아프리카코끼리"),
    ("height", "가수 김종국 키 몇센치야", "김종국"),
    ("height", "배우 원빈 키", "원빈"),
    ("height", "타이베이 101 높이", "타이베이 101"),
    ("height", "페트로나스 트윈 타워 높이", "페트로나스 트윈 타워"),
    ("height", "앙코르 와트 중앙탑 높이", "앙코르 와트"),
    ("height", "키 알려줘 빅토르 웸반야마", "빅토르 웸반야마"),
    ("height", "암벽등반 명소 인수봉 높이", "인수봉"),
    ("height", "워싱턴 기념탑 높이", "워싱턴 기념탑"),
    ("height", "자이언트 세쿼이아는 얼마나 높게 자라?", "자이언트 세쿼이아"),
    ("height", "해발 몇 미터야 태백산", "태백산"),
    ("height", "조인성 키 몇 cm에요", "조인성"),
    ("height", "개선문 높이가 얼마야", "개선문"),
    ("height", "등산 좋아하는데 마터호른 높이 얼마나 돼", "마터호른"),
    ("height", "기울어진 탑으로 유명한 피사의 사탑 높이 알려줘", "피사의 사탑"),
    # ------------------------------------------------------------- length
    ("length", "금강 길이 알려줘요", "금강"),
    ("length", "나일강 길이 얼마야 세계에서 제일 길다던데", "나일강"),
    ("length", "아마존 강은 몇 km야", "아마존 강"),
    ("length", "만리장성 총 길이가 정확히 얼마나 돼?", "만리장성"),
    ("length", "총연장이 몇 km인지 알려줘 경부고속도로", "경부고속도로"),
    ("length", "공항 갈 때 지나가는 인천대교 길이가 얼마나 돼요", "인천대교"),
    ("length", "금문교 길이", "금문교"),
    ("length", "우리나라에서 제일 긴 강인 낙동강 얼마나 길어", "낙동강"),
    ("length", "세이칸 터널 길이", "세이칸 터널"),
    ("length", "채널 터널 총연장", "채널 터널"),
    ("length", "언젠가 타보고 싶은 시베리아 횡단 철도 길이", "시베리아 횡단 철도"),
    ("length", "영화로 유명한 타이타닉호 길이가 몇 미터였어", "타이타닉호"),
    ("length", "구축함 세종대왕함 길이", "세종대왕함"),
    ("length", "A380 전장이 몇 m야", "A380"),
    ("length", "보잉 747 기체 길이", "보잉 747"),
    ("length", "신형 아반떼 전장 얼마에요", "아반떼"),
    ("length", "그랜저 차 길이 몇 mm?", "그랜저"),
    ("length", "세상에서 제일 큰 동물 대왕고래 몸길이", "대왕고래"),
    ("length", "아나콘다는 길이가 얼마나 돼", "아나콘다"),
    ("length", "미시시피강 길이", "미시시피강"),
    ("length", "서해대교길이", "서해대교"),
    ("length", "산책하려는데 청계천 길이가 몇 키로야", "청계천"),
    ("length", "제주 올레길 총 길이", "제주 올레길"),
    ("length", "파나마 운하 길이", "파나마 운하"),
    ("length", "수에즈 운하 몇 km", "수에즈 운하"),
    ("length", "압록강 길이", "압록강"),
    ("length", "길이 알려줘 양쯔강", "양쯔강"),
    ("length", "경인아라뱃길 길이", "경인아라뱃길"),
    ("length", "풀코스 기준으로 마라톤 길이는 몇 km야", "마라톤"),
    ("length", "서울 지하철 2호선 총연장", "서울 지하철 2호선"),
    ("length", "KTX-산천 열차 길이", "KTX-산천"),
    ("length", "목이 긴 공룡 브라키오사우루스 몸길이", "브라키오사우루스"),
    ("length", "니미츠급 항공모함 길이", "니미츠급 항공모함"),
    ("length", "섬진강은 얼마나 길어요?", "섬진강"),
    ("length", "거가대교 총연장", "거가대교"),
    ("length", "영동고속도로 길이 몇킬로야", "영동고속도로"),
    ("length", "K9 자주포 전장", "K9 자주포"),
    ("length", "새로 산 iPhone 15 세로 길이", "iPhone 15"),
    ("length", "종주하려면 백두대간 길이가 얼마나 되는지 알아야 해서요", "백두대간"),
    ("length", "한반도 남북 길이", "한반도"),
    # ------------------------------------------------------------- weight
    ("weight", "갤럭시 S24 무게", "갤럭시 S24"),
    ("weight", "마동석 몸무게 100키로 넘어?", "마동석"),
    ("weight", "다 자란 아시아코끼리 몸무게", "아시아코끼리"),
    ("weight", "수컷 북극곰 몸무게는 보통 얼마나 나가요", "북극곰"),
    ("weight", "K2 전차 중량", "K2 전차"),
    ("weight", "레오파드 2 전차 무게", "레오파드 2 전차"),
    ("weight", "에펠탑 무게가 몇 톤이야", "에펠탑"),
    ("weight", "태양계에서 제일 큰 행성 목성 질량이 얼마야", "목성"),
    ("weight", "들고 다니기 편한지 궁금한데 맥북 에어 M3 무게 얼마예요", "맥북 에어 M3"),
    ("weight", "씨름선수 시절 강호동 몸무게", "강호동"),
    ("weight", "몸무게 몇 킬로야 최홍만", "최홍만"),
    ("weight", "하마는 몸무게가 얼마나 나가?", "하마"),
    ("weight", "볼링공 무개", "볼링공"),
    ("weight", "공식 경기용 축구공 무게", "축구공"),
    ("weight", "F-16 전투기 무게", "F-16"),
    ("weight", "역도 장미란 선수 체중", "장미란"),
    ("weight", "스테고사우루스 무게", "스테고사우루스"),
    ("weight", "허블 우주 망원경 무게", "허블 우주 망원경"),
    ("weight", "한국형 발사체 누리호 무게", "누리호"),
    ("weight", "국제 우주 정거장 무게", "국제 우주 정거장"),
    ("weight", "테슬라 모델 3 공차중량", "테슬라 모델 3"),
    ("weight", "쏘나타 공차중량 몇 kg", "쏘나타"),
    ("weight", "경매에 나온 참다랑어 무게는 보통 얼마야", "참다랑어"),
    ("weight", "고릴라 몸무게", "고릴라"),
    ("weight", "요즘 푸바오 몸무게 몇 키로야", "푸바오"),
    ("weight", "시베리아호랑이 몸무게", "시베리아호랑이"),
    ("weight", "성덕대왕신종 무게는 몇 톤인가요", "성덕대왕신종"),
    ("weight", "닌텐도 스위치 무게", "닌텐도 스위치"),
    ("weight", "AK-47 총 무게", "AK-47"),
    ("weight", "에어팟 프로 무게가 몇 그램이에요", "에어팟 프로"),
    ("weight", "거북선은 얼마나 무거웠어", "거북선"),
    ("weight", "무게 얼마야 플레이스테이션 5", "플레이스테이션 5"),
    ("weight", "아이폰 15 프로 맥스 무게 너무 무겁다던데 몇 그램이야", "아이폰 15 프로 맥스"),
    ("weight", "호프 다이아몬드 몇 캐럿이야", "호프 다이아몬드"),
    ("weight", "금성 질량", "금성"),
    ("weight", "아메리카들소 무게", "아메리카들소"),
    (
        "weight",
        "우리 집 강아지가 좀 뚱뚱한 것 같은데 골든 리트리버 몸무게 평균이 어떻게 돼?",
        "골든 리트리버",
    ),
    ("weight", "C-130 수송기 최대이륙중량", "C-130"),
    ("weight", "현무-5 미사일 무게", "현무-5"),
    ("weight", "축구선수 손흥민 몸무게 알려줘", "손흥민"),
    # -------------------------------------------------------------- width
    ("width", "한강 강폭 얼마나 돼", "한강"),
    ("width", "세종대로 폭이 몇 m야", "세종대로"),
    ("width", "올림픽대로 차로 폭", "올림픽대로"),
    ("width", "키엘 운하 폭", "키엘 운하"),
    ("width", "헤엄쳐서 건넌다는 도버 해협 너비 얼마나 돼", "도버 해협"),
    ("width", "대한해협 폭", "대한해협"),
    ("width", "지브롤터 해협 가장 좁은 곳 폭", "지브롤터 해협"),
    ("width", "협곡으로 유명한 그랜드 캐니언 폭은 얼마나 넓어요", "그랜드 캐니언"),
    ("width", "가로 폭 얼마야 쏘렌토", "쏘렌토"),
    ("width", "주차하기 힘들다던데 팰리세이드 차폭 몇이야", "팰리세이드"),
    ("width", "아이폰 15 프로 가로 폭 몇 mm", "아이폰 15 프로"),
    ("width", "갤럭시 Z 폴드5 펼쳤을 때 폭", "갤럭시 Z 폴드5"),
    ("width", "보잉 787 날개폭", "보잉 787"),
    ("width", "B-52 폭격기 날개 너비", "B-52"),
    ("width", "날개를 폈을 때 앨버트로스 너비는 얼마나 돼", "앨버트로스"),
    ("width", "안데스콘도르 날개 폭", "안데스콘도르"),
    ("width", "메콩강 폭", "메콩강"),
    ("width", "반포대교 폭", "반포대교"),
    ("width", "한강대교 너비가 몇미터인지 알려줘", "한강대교"),
    ("width", "서울월드컵경기장 폭", "서울월드컵경기장"),
    ("width", "미국은 동서 폭이 몇 km야", "미국"),
    ("width", "세상에서 제일 길쭉한 나라 칠레 국토 폭이 얼마나 좁아?", "칠레"),
    ("width", "만리장성 성벽 너비", "만리장성"),
    ("width", "KTX-이음 차체 폭", "KTX-이음"),
    ("width", "대형 수송함 독도함 폭", "독도함"),
    ("width", "천안함 폭", "천안함"),
    ("width", "테헤란로 도로 폭", "테헤란로"),
    ("width", "뉴스에 나온 호르무즈 해협 폭", "호르무즈 해협"),
    ("width", "말라카 해협 너비", "말라카 해협"),
    ("width", "보스포루스 해협 폭", "보스포루스 해협"),
    ("width", "케이스 사려고 하는데 갤럭시 탭 S9 너비 몇 mm에요", "갤럭시 탭 S9"),
    ("width", "맥북 프로 14 너비", "맥북 프로 14"),
    ("width", "테슬라 모델 Y 전폭", "테슬라 모델 Y"),
    ("width", "이사할 때 쓸 포터2 적재함 폭이 어떻게 돼", "포터2"),
    ("width", "황허강 폭", "황허강"),
    ("width", "영종대교 폭", "영종대교"),
    ("width", "서울양양고속도로 차로 폭", "서울양양고속도로"),
    ("width", "너비좀 알려줘 브루클린 다리", "브루클린 다리"),
    ("width", "파르테논 신전 폭", "파르테논 신전"),
    ("width", "타워 브리지 너비", "타워 브리지"),
]


def tags_for(sentence, entity, start=None):
    """One tag per character: E over sentence[start:start+len(entity)], C elsewhere."""
    if start is None:
        count = sentence.count(entity)
        if count != 1:
            raise ValueError(f"entity {entity!r} occurs {count} times in {sentence!r}")
        start = sentence.index(entity)
    if sentence[start : start + len(entity)] != entity:
        raise ValueError(f"entity {entity!r} not at {start} in {sentence!r}")
    end = start + len(entity)
    return "C" * start + "E" * len(entity) + "C" * (len(sentence) - end)


def build():
    lines = []
    for row in ROWS:
        intent, sentence, entity = row[:3]
        start = row[3] if len(row) > 3 else None
        lines.append((intent, tags_for(sentence, entity, start), sentence, entity))
    return lines


def write(lines):
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for intent, tags, sentence, _ in lines:
            f.write(f"{intent}\t{tags}\t{sentence}\n")


def check(expected_entities, show=False):
    """Re-read the written file and verify it; returns a list of problems."""
    problems = []
    with open(OUT, encoding="utf-8", newline="") as f:
        raw = f.read()
    if "\r" in raw:
        problems.append("file contains \\r")
    if not raw.endswith("\n"):
        problems.append("file does not end with \\n")
    rows = raw.split("\n")[:-1]
    counts = collections.Counter()
    seen = set()
    for i, line in enumerate(rows):
        parts = line.split("\t")
        if len(parts) != 3:
            problems.append(f"row {i + 1}: {len(parts)} fields")
            continue
        intent, tags, sentence = parts
        counts[intent] += 1
        if intent not in INTENTS:
            problems.append(f"row {i + 1}: unknown intent {intent!r}")
        if sentence in seen:
            problems.append(f"row {i + 1}: duplicate sentence {sentence!r}")
        seen.add(sentence)
        if len(tags) != len(sentence):
            problems.append(f"row {i + 1}: {len(tags)} tags for {len(sentence)} chars")
        if set(tags) - {"E", "C"}:
            problems.append(f"row {i + 1}: tags other than E/C")
        runs = [j for j in range(len(tags)) if tags[j] == "E" and (j == 0 or tags[j - 1] != "E")]
        if len(runs) != 1:
            problems.append(f"row {i + 1}: {len(runs)} E-runs")
            continue
        span = "".join(ch for ch, t in zip(sentence, tags) if t == "E")
        if span != span.strip():
            problems.append(f"row {i + 1}: entity has edge spaces {span!r}")
        if i < len(expected_entities) and span != expected_entities[i]:
            problems.append(f"row {i + 1}: entity {span!r} != intended {expected_entities[i]!r}")
        if show:
            print(f"{intent:12s} [{span}]  {sentence}")
    if len(rows) != len(INTENTS) * PER_INTENT:
        problems.append(f"{len(rows)} rows, expected {len(INTENTS) * PER_INTENT}")
    for intent in INTENTS:
        if counts[intent] != PER_INTENT:
            problems.append(f"{intent}: {counts[intent]} rows, expected {PER_INTENT}")
    print("rows:", len(rows), "per intent:", dict(sorted(counts.items())))
    return problems


def main():
    lines = build()
    write(lines)
    problems = check([entity for *_, entity in lines], show="--show" in sys.argv)
    for p in problems:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
