"""Entity pools: hand-written names, Faker ``ko_KR`` names and compositional names, split in two.

Every entity string belongs to exactly one split (``train`` or ``hidden``), decided once per
spacing-insensitive key, so ``푸조 508`` and ``푸조508`` can never land on different sides.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from faker import Faker
from faker.providers.address.ko_KR import Provider as KoreanAddresses

from joint_nlu.corpus import lexicon_data as data

TRAIN = "train"
HIDDEN = "hidden"
HIDDEN_ENTITY_SHARE = 0.15

PERSON_KINDS = ("person_kr", "person_foreign", "person_rare", "person_stage")


def _ks_x_1001_syllables() -> list[str]:
    """Return the 2,350 Hangul syllables of KS X 1001, the ones Korean text actually uses."""
    syllables = []
    for high in range(0xB0, 0xC9):
        for low in range(0xA1, 0xFF):
            try:
                char = bytes([high, low]).decode("euc-kr")
            except UnicodeDecodeError:
                continue
            if "가" <= char <= "힣":
                syllables.append(char)
    return syllables


COMMON_SYLLABLES: tuple[str, ...] = tuple(_ks_x_1001_syllables())
COMPOUND_SURNAMES = ("남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방")


def spacing_key(entity: str) -> str:
    """Return the key that decides an entity's split: the name without spaces."""
    return entity.replace(" ", "")


def _unique(items: list[str]) -> list[str]:
    """Return items without duplicates, keeping first occurrences, in a stable order."""
    return list(dict.fromkeys(item for item in items if item))


def _strip_suffix(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _rare_word(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(COMMON_SYLLABLES) for _ in range(length))


LATIN_CAPITALS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LATIN_VOWELS = "AEIOUY"
_LATIN_CONSONANTS = "BCDFGHJKLMNPRSTVWXZ"


def _latin_word(rng: random.Random, length: int) -> str:
    """Return an all-capital Latin name such as ``CRAVITY`` or ``TXT``: mostly pronounceable."""
    if length <= 3 and rng.random() < 0.5:
        return "".join(rng.choice(LATIN_CAPITALS) for _ in range(length))
    start = rng.random() < 0.6
    letters = [
        rng.choice(_LATIN_CONSONANTS if (i % 2 == 0) == start else _LATIN_VOWELS)
        for i in range(length)
    ]
    if length > 3 and rng.random() < 0.3:
        letters[rng.randrange(length)] = rng.choice(LATIN_CAPITALS)
    return "".join(letters)


def _place_stem(rng: random.Random) -> str:
    """Return a two-syllable Korean place-like stem, now and then with a rare syllable."""
    first = rng.choice(data.PLACE_STEM_SYLLABLES)
    second = (
        rng.choice(COMMON_SYLLABLES)
        if rng.random() < 0.3
        else rng.choice(data.PLACE_STEM_SYLLABLES)
    )
    return first + second


class _Builder:
    """Builds the raw (unsplit) entity lists of every kind from one seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"lexicon-{seed}")
        self.fake = Faker("ko_KR")
        self.fake.seed_instance(seed)
        self.korean_places = _unique(
            data.KOREAN_PLACES
            + [_strip_suffix(c.split()[0], ("시", "군")) for c in KoreanAddresses.cities]
        )

    def place(self) -> str:
        """Return a real Korean place stem (70%) or an invented one."""
        if self.rng.random() < 0.7:
            return self.rng.choice(self.korean_places)
        return _place_stem(self.rng)

    def many(self, make: Callable[[], str], count: int) -> list[str]:
        return [make() for _ in range(count)]

    def long_names(self, kind: str, glued: int, foreign: int, spaced: int) -> list[str]:
        """Return long names of ``kind``: ``{place}{element}`` (경인아라뱃길-like compounds),
        ``{foreign stem} {element}`` (파나마 운하-like) and ``{place} {element}``."""
        rng = self.rng
        long_suffixes = data.LONG_SUFFIXES.get(kind, ())
        spaced_suffixes = data.SPACED_SUFFIXES.get(kind, ())
        names = []
        if long_suffixes:
            for _ in range(glued):
                stem = self.place()
                if rng.random() < 0.35:  # two place initials or two stems: 경인, 서울부산
                    stem = rng.choice((stem[:1] + self.place()[:1], stem + self.place()))
                names.append(stem + rng.choice(long_suffixes))
            names += [f"{self.place()} {rng.choice(long_suffixes)}" for _ in range(spaced)]
        if spaced_suffixes:
            names += [
                f"{rng.choice(data.FOREIGN_PLACE_STEMS)} {rng.choice(spaced_suffixes)}"
                for _ in range(foreign)
            ]
        return names

    def person_kr(self) -> list[str]:
        fake, rng = self.fake, self.rng
        names = list(data.KOREAN_FAMOUS_PEOPLE)
        names += [fake.name() for _ in range(2600)]
        names += [fake.last_name() + fake.first_name()[:1] for _ in range(150)]
        names += [rng.choice(COMPOUND_SURNAMES) + fake.first_name() for _ in range(120)]
        # 2-syllable names (surname + one syllable, like 한강) and 4-syllable ones
        names += [fake.last_name() + fake.first_name()[1:] for _ in range(200)]
        names += [fake.last_name() + fake.first_name() + fake.first_name()[1:] for _ in range(60)]
        # names whose last syllable reads as a particle or ending (…은, …도, …영, …용)
        names += list(data.KOREAN_PEOPLE_PARTICLE_END)
        names += [
            fake.last_name() + fake.first_name()[:1] + rng.choice(data.KOREAN_NAME_FINALS)
            for _ in range(1400)
        ]
        names += [
            rng.choice(COMPOUND_SURNAMES)
            + fake.first_name()[:1]
            + rng.choice(data.KOREAN_NAME_FINALS)
            for _ in range(60)
        ]
        return _unique(names)

    def person_rare(self) -> list[str]:
        fake, rng = self.fake, self.rng
        names = [fake.last_name() + _rare_word(rng, 2) for _ in range(1300)]
        names += [_rare_word(rng, rng.choice((2, 3))) for _ in range(500)]
        names += [fake.last_name() + _rare_word(rng, 1) for _ in range(250)]
        names += [fake.last_name() + _rare_word(rng, 3) for _ in range(120)]
        names += [
            _rare_word(rng, 2) + " " + _rare_word(rng, rng.choice((2, 3))) for _ in range(300)
        ]
        particle_like = data.PARTICLE_LIKE_SYLLABLES
        names += [
            fake.last_name() + _rare_word(rng, 1) + rng.choice(particle_like) for _ in range(350)
        ]
        names += [
            _rare_word(rng, rng.choice((1, 2)))
            + " "
            + _rare_word(rng, 1)
            + rng.choice(particle_like)
            for _ in range(120)
        ]
        return _unique(names)

    def person_foreign(self) -> list[str]:
        rng = self.rng
        names = list(data.FOREIGN_FAMOUS_PEOPLE) + list(data.LATIN_PEOPLE)
        names += list(data.FOREIGN_LONG_NAMES)
        given, family = data.FOREIGN_GIVEN_NAMES, data.FOREIGN_FAMILY_NAMES
        # three-word names: two given names, or a given name and an initial, then the family name
        names += [
            f"{rng.choice(given)} {rng.choice(given)} {rng.choice(family)}" for _ in range(260)
        ]
        names += [
            f"{rng.choice(given)} {rng.choice(LATIN_CAPITALS)}. {rng.choice(family)}"
            for _ in range(80)
        ]
        names += [
            f"{rng.choice(data.FOREIGN_GIVEN_NAMES)} {rng.choice(data.FOREIGN_FAMILY_NAMES)}"
            for _ in range(1800)
        ]
        names += [
            f"{rng.choice(data.FOREIGN_GIVEN_NAMES)} {_rare_word(rng, 2)}" for _ in range(150)
        ]
        # names ending in a particle-like syllable (카스트로, 오르테가, 나카가와, 레옹)
        all_given = given + data.FOREIGN_GIVEN_PARTICLE_END
        names += list(data.FOREIGN_SINGLE_PARTICLE_END)
        names += [
            f"{rng.choice(all_given)} {rng.choice(data.FOREIGN_FAMILY_PARTICLE_END)}"
            for _ in range(450)
        ]
        names += [
            f"{rng.choice(data.FOREIGN_GIVEN_PARTICLE_END)} {rng.choice(family)}"
            for _ in range(200)
        ]
        # short words inside (바스코 다 가마), rulers (루이 14세, 표트르 대제), four-word names
        links = data.FOREIGN_NAME_LINKS
        names += [
            f"{rng.choice(all_given)} {rng.choice(links)} {rng.choice(family + data.FOREIGN_FAMILY_PARTICLE_END)}"
            for _ in range(220)
        ]
        names += [
            f"{rng.choice(data.RULER_NAMES)} {rng.choice(data.RULER_EPITHETS)}" for _ in range(200)
        ]
        names += [
            f"{rng.choice(given)} {rng.choice(all_given)} {rng.choice(links)} {rng.choice(family)}"
            for _ in range(80)
        ]
        return _unique(names)

    def person_stage(self) -> list[str]:
        rng = self.rng
        names = list(data.STAGE_NAMES) + list(data.LATIN_STAGE_NAMES)
        names += [_latin_word(rng, rng.randint(2, 7)) for _ in range(150)]
        return _unique(names)

    def country(self) -> list[str]:
        return _unique(list(data.COUNTRIES_EXTRA) + list(KoreanAddresses.countries))

    def city(self) -> list[str]:
        rng = self.rng
        addresses = KoreanAddresses
        names = (
            list(addresses.cities) + list(addresses.metropolitan_cities) + list(addresses.provinces)
        )
        names += list(addresses.boroughs) + list(data.WORLD_CITIES)
        names += [
            f"{self.place()}{rng.choice(('시', '군', '읍', '면', '동', '구'))}" for _ in range(500)
        ]
        names += [
            f"{rng.choice(addresses.metropolitan_cities[:7])[:2]} {b}" for b in addresses.boroughs
        ]
        return _unique(names)

    def island(self) -> list[str]:
        rng = self.rng
        names = list(data.ISLANDS)
        names += [f"{_place_stem(rng)}{rng.choice(('도', '도', '섬'))}" for _ in range(350)]
        return _unique(names)

    def lake(self) -> list[str]:
        rng = self.rng
        names = list(data.LAKES)
        names += [
            f"{self.place()}{rng.choice(('호', '호', '저수지', '호수', '댐 호수'))}"
            for _ in range(300)
        ]
        names += self.long_names("lake", 0, 120, 0)
        return _unique(names)

    def park(self) -> list[str]:
        rng = self.rng
        names = list(data.PARKS)
        suffixes = ("공원", "근린공원", " 호수공원", "시민공원", "생태공원", "수목원", " 어린이공원",
                    "체육공원", " 중앙공원", "해수욕장", " 자연휴양림")  # fmt: skip
        names += [self.place() + rng.choice(suffixes) for _ in range(500)]
        names += [m + "국립공원" for m in data.MOUNTAINS[:40] if m.endswith("산")]
        names += [
            f"{self.place()}{rng.choice(('숲', '파크', ' 파크', '랜드'))}" for _ in range(120)
        ]
        names += self.long_names("park", 260, 200, 90)
        return _unique(names)

    def region(self) -> list[str]:
        return _unique(list(data.REGIONS) + self.long_names("region", 220, 160, 0))

    def river(self) -> list[str]:
        rng = self.rng
        names = list(data.RIVERS)
        names += [
            f"{_place_stem(rng)}{rng.choice(('천', '강', '천', '강', '하천'))}" for _ in range(400)
        ]
        names += [f"{self.place()}{rng.choice(('천', '강'))}" for _ in range(150)]
        names += self.long_names("river", 120, 350, 0)
        return _unique(names)

    def bridge(self) -> list[str]:
        rng = self.rng
        names = list(data.BRIDGES)
        names += [
            f"{self.place()}{rng.choice(('대교', '대교', '교', '철교', '보도교'))}"
            for _ in range(600)
        ]
        names += [f"제{rng.randint(2, 4)}{self.place()}대교" for _ in range(80)]
        names += [
            f"{self.place()} {rng.choice(('출렁다리', '구름다리', '현수교'))}" for _ in range(80)
        ]
        return _unique(names)

    def tunnel(self) -> list[str]:
        rng = self.rng
        names = list(data.TUNNELS)
        names += [f"{self.place()}터널" for _ in range(350)]
        names += [f"제{rng.randint(1, 5)}{self.place()}터널" for _ in range(150)]
        names += [f"{self.place()}{rng.randint(1, 4)}호터널" for _ in range(120)]
        names += [f"{self.place()}해저터널" for _ in range(60)]
        return _unique(names)

    def road(self) -> list[str]:
        fake, rng = self.fake, self.rng
        names = list(data.ROADS)
        names += [f"{fake.road_name()}{rng.choice(('로', '길', '대로'))}" for _ in range(60)]
        names += [f"{self.place()}{rng.choice(('로', '대로', '길', '순환로'))}" for _ in range(350)]
        names += [f"{self.place()}{self.place()}고속도로" for _ in range(200)]
        names += [
            f"{rng.choice(('국도', '지방도', '고속국도'))} {rng.randint(1, 99)}호선"
            for _ in range(120)
        ]
        names += self.long_names("road", 300, 160, 0)
        cities = ("서울", "부산", "대구", "광주", "대전", "인천", "수도권", "도쿄", "뉴욕", "파리")
        names += [
            f"{rng.choice(cities)} {rng.choice(('지하철', '도시철도', '전철', '경전철'))} {rng.randint(1, 12)}호선"
            for _ in range(90)
        ]
        names += [f"{rng.choice(cities)}{rng.randint(1, 9)}호선" for _ in range(30)]
        names += [
            f"{self.place()[:1]}{self.place()[:1]}{rng.choice(('선', '선', '고속도로', '고속철도', '운하', '뱃길'))}"
            for _ in range(160)
        ]
        streets = [r for r in data.ROADS if r.endswith("로") and not r.endswith("도로")]
        names += [f"{rng.choice(streets)}{rng.randint(1, 60)}길" for _ in range(80)]
        return _unique(names)

    def ship(self) -> list[str]:
        rng = self.rng
        names = list(data.SHIPS)
        names += [f"{p}함" for p in data.KOREAN_FAMOUS_PEOPLE[120:] if len(p) <= 4]
        names += [f"{_place_stem(rng)}{rng.choice(('호', '함', '호'))}" for _ in range(300)]
        names += [f"{rng.choice(data.MODEL_WORDS)}호" for _ in range(30)]
        names += [
            f"{rng.choice(data.MODEL_WORDS)} {rng.choice(('스타', '퀸', '프린세스', '오션'))}호"
            for _ in range(60)
        ]
        return _unique(names)

    def car(self) -> list[str]:
        rng = self.rng
        names = list(data.CAR_MODELS)
        for _ in range(600):
            brand = rng.choice(data.CAR_BRANDS)
            style = rng.random()
            if style < 0.45:
                letters = "".join(
                    rng.choice("ABCDEGHIKLMNQRSTVXZ") for _ in range(rng.choice((1, 1, 2)))
                )
                model = f"{letters}{rng.randint(1, 99)}"
            elif style < 0.7:
                model = str(rng.choice((rng.randint(100, 999), rng.randint(1000, 9999))))
            else:
                model = rng.choice(data.MODEL_WORDS) + rng.choice(
                    ("", "", " N", " EV", " 하이브리드", " 프로")
                )
            names.append(f"{brand} {model}")
        names += [
            f"{rng.choice(data.MODEL_WORDS)}{rng.choice(('', ' N', ' EV'))}" for _ in range(40)
        ]
        return _unique(names)

    def train_aircraft(self) -> list[str]:
        rng = self.rng
        names = list(data.TRAINS_AIRCRAFT)
        names += [f"보잉 7{rng.randint(0, 8)}7" for _ in range(20)]
        names += [f"에어버스 A3{rng.randint(0, 9)}{rng.randint(0, 9)}" for _ in range(30)]
        names += [f"KTX-{rng.choice(data.MODEL_WORDS)}" for _ in range(20)]
        names += [f"{rng.choice(data.MODEL_WORDS)}{rng.randint(1, 9)}호" for _ in range(40)]
        names += [
            f"{rng.choice(data.AIRCRAFT_CODES)}{rng.choice((rng.randint(1, 99), rng.randint(100, 999)))}"
            for _ in range(120)
        ]
        names += [
            f"{rng.choice(data.AIRCRAFT_CODES)}{rng.randint(1, 999)} {rng.choice(data.WEAPON_NAMES)}"
            for _ in range(40)
        ]
        return _unique(names)

    def weapon(self) -> list[str]:
        rng = self.rng
        names = list(data.WEAPONS)
        for _ in range(500):
            prefix = rng.choice(
                ("K", "K", "KF-", "F-", "T-", "M", "AH-", "Su-", "MiG-", "XK", "AA", "KM")
            )
            code = f"{prefix}{rng.randint(1, 99)}"
            style = rng.random()
            if style < 0.4:
                names.append(code)
            elif style < 0.8:
                names.append(f"{code} {rng.choice(data.WEAPON_NAMES)}")
            else:
                names.append(
                    f"{rng.choice(data.WEAPON_NAMES)} {rng.randint(1, 9)} {rng.choice(data.WEAPON_TYPES)}"
                )
        # official names that include the type word (K2 전차-like) and missiles (현무-5-like)
        names += [
            f"{rng.choice(('K', 'K', 'KM', 'XK', 'M', 'T-'))}{rng.randint(1, 99)} {rng.choice(data.WEAPON_TYPES)}"
            for _ in range(150)
        ]
        names += [
            f"{rng.choice(data.MISSILE_NAMES)}-{rng.choice((str(rng.randint(1, 9)), 'II', 'III', '2A', '3C'))}"
            for _ in range(90)
        ]
        return _unique(names)

    def building(self) -> list[str]:
        fake, rng = self.fake, self.rng
        names = list(data.BUILDINGS)
        names += [f"{self.place()} {rng.choice(data.APARTMENT_BRANDS)}" for _ in range(350)]
        names += [f"{self.place()}{rng.choice(data.BUILDING_SUFFIXES)}" for _ in range(400)]
        names += [
            f"{rng.choice(data.COMPANIES)} {rng.choice(('타워', '사옥', '빌딩', '본사'))}"
            for _ in range(120)
        ]
        names += [fake.building_name() for _ in range(40)]
        names += list(data.STATIONS) + [f"{self.place()}역" for _ in range(120)]
        names += self.long_names("building", 420, 220, 160)
        names += [
            f"국립{self.place()}{rng.choice(('박물관', '과학관', '미술관', '해양박물관', '민속박물관', '도서관', '극장'))}"
            for _ in range(120)
        ]
        names += [
            _place_stem(rng)
            + rng.choice(("", "", rng.choice(data.PLACE_STEM_SYLLABLES)))
            + rng.choice(("사", "사", "사", "암", "궁", "성", "향교", "서원", "대사", "선원"))
            for _ in range(240)
        ]
        names += [
            f"{rng.choice(data.KOREAN_KINGS)}{rng.choice(('릉', '왕릉', '능'))}" for _ in range(40)
        ]
        wonders = (
            "대피라미드",
            "신전",
            "성전",
            "등대",
            "거상",
            "공중정원",
            "성벽",
            "대성당",
            "궁전",
            "개선문",
        )
        names += [
            f"{rng.choice(data.FOREIGN_PLACE_STEMS)}의 {rng.choice(wonders)}" for _ in range(80)
        ]
        return _unique(names)

    def tower(self) -> list[str]:
        rng = self.rng
        names = list(data.TOWERS)
        names += [
            f"{self.place()}{rng.choice(('타워', ' 전망타워', ' 송신탑', '탑', ' 시계탑', '스카이타워'))}"
            for _ in range(250)
        ]
        names += self.long_names("tower", 220, 120, 0)
        names += [
            f"{_place_stem(rng)}사 {rng.choice(('삼층석탑', '오층석탑', '다층석탑', '사리탑', '석등', '당간지주'))}"
            for _ in range(140)
        ]
        return _unique(names)

    def mountain(self) -> list[str]:
        rng = self.rng
        names = list(data.MOUNTAINS)
        names += [
            f"{_place_stem(rng)}{rng.choice(('산', '산', '산', '봉', '령', '악'))}"
            for _ in range(500)
        ]
        names += self.long_names("mountain", 200, 260, 0)
        return _unique(names)

    def animal(self) -> list[str]:
        rng = self.rng
        names = list(data.ANIMALS)
        names += [
            f"{rng.choice(data.ANIMAL_REGIONS)}{rng.choice(data.ANIMAL_HEADS)}" for _ in range(500)
        ]
        names += [
            f"{rng.choice(data.DINOSAUR_STEMS)}{rng.choice(data.DINOSAUR_ENDINGS)}"
            for _ in range(120)
        ]
        return _unique(names)

    def monument(self) -> list[str]:
        rng = self.rng
        names = [
            f"{_place_stem(rng)}사 {rng.choice(('동종', '범종', '철불', '석조여래좌상', '금동불상', '마애불'))}"
            for _ in range(200)
        ]
        names += [
            f"{rng.choice(data.KOREAN_KINGS)}{rng.choice(('신종', '동종', '범종', '대종', '비', '순수비', '릉비'))}"
            for _ in range(120)
        ]
        names += [
            f"{self.place()}{rng.choice(('대불', '석불', '마애불', '미륵불', '종', '대종', '척화비', '기념비'))}"
            for _ in range(220)
        ]
        names += [
            f"{self.place()} {rng.choice(('대불', '평화의 종', '평화의 소녀상', '석불', '미륵불', '기념비'))}"
            for _ in range(100)
        ]
        names += [
            f"{rng.choice(data.FOREIGN_PLACE_STEMS)}{rng.choice(('의 ', ' '))}{rng.choice(('여신상', '거상', '청동상', '석상', '대불', '종'))}"
            for _ in range(160)
        ]
        return _unique(names)

    def device(self) -> list[str]:
        rng = self.rng
        names = []
        for _ in range(900):
            line = rng.choice(data.DEVICE_LINES)
            number = rng.choice((rng.randint(1, 30), rng.randint(1, 9), rng.randint(10, 99)))
            glued = line[-1].isascii() or rng.random() < 0.5
            name = f"{line}{'' if glued else ' '}{number}"
            if rng.random() < 0.4:
                name += " " + rng.choice(data.DEVICE_EDITIONS)
            names.append(name)
        names += [
            f"{rng.choice(data.DEVICE_LINES)} {rng.choice(data.DEVICE_EDITIONS)}" for _ in range(80)
        ]
        return _unique(names)

    def celestial(self) -> list[str]:
        rng = self.rng
        names = list(data.CELESTIAL)
        names += [f"{c} {g}" for c in data.CONSTELLATIONS for g in data.GREEK_LETTERS[:6]]
        names += [f"케플러-{rng.randint(10, 1999)}{rng.choice('bcdef')}" for _ in range(80)]
        names += [
            f"{rng.choice(('글리제', 'HD', 'HIP', 'HR', 'GJ', '로스', '울프'))} {rng.randint(10, 99999)}"
            for _ in range(150)
        ]
        names += [f"{_rare_word(rng, 2)} 혜성" for _ in range(40)]
        names += [f"소행성 {_rare_word(rng, 2)}" for _ in range(30)]
        return _unique(names)

    def concept(self) -> list[str]:
        rng = self.rng
        names = list(data.CONCEPTS)
        names += [p + s for p in data.CONCEPT_PREFIXES for s in data.CONCEPT_SUFFIXES]
        names += [
            f"{n} {s}"
            for n in data.EPONYM_NAMES
            for s in data.EPONYM_SUFFIXES
            if rng.random() < 0.35
        ]
        names += [
            f"{n}의 {s}"
            for n in data.EPONYM_NAMES[:25]
            for s in ("법칙", "역설")
            if rng.random() < 0.5
        ]
        names += [
            f"{n} {s}"
            for n in data.EPONYM_NAMES
            for s in data.EPONYM_MORE_SUFFIXES
            if rng.random() < 0.2
        ]
        names += [f"{rng.choice(data.ISM_STEMS)}{rng.choice(data.ISM_ENDINGS)}" for _ in range(450)]
        names += [
            f"{rng.choice(data.PHENOMENON_STEMS)}{rng.choice((' ', ' ', ''))}{rng.choice(data.PHENOMENON_HEADS)}"
            for _ in range(500)
        ]
        return _unique(names)

    def team(self) -> list[str]:
        rng = self.rng
        names = list(data.SPORTS_TEAMS)
        nick = ("타이거즈", "이글스", "FC", "유나이티드", "시티즌", "드래곤즈", "스타즈", "썬더스", "피닉스",
                "레이커스", "울브스", "호크스", "베어스", "킹스", "워리어스")  # fmt: skip
        names += [f"{self.place()} {rng.choice(nick)}" for _ in range(200)]
        return _unique(names)

    def company(self) -> list[str]:
        fake, rng = self.fake, self.rng
        industries = ("전자", "건설", "제약", "바이오", "물산", "화학", "중공업", "항공", "증권", "생명",
                      "엔터테인먼트", "게임즈", "소프트", "랩스", "모빌리티")  # fmt: skip
        names = list(data.COMPANIES)
        names += [fake.company_name_word() + rng.choice(industries) for _ in range(300)]
        return _unique(names)

    def band(self) -> list[str]:
        rng = self.rng
        names = list(data.BANDS) + list(data.LATIN_BANDS) + list(data.KOREAN_BANDS_EXTRA)
        # all-capital group names of 2 to 8 letters, some with a number (NCT 127, B1A4)
        names += [_latin_word(rng, rng.randint(2, 8)) for _ in range(260)]
        names += [
            f"{_latin_word(rng, rng.randint(2, 4))}{rng.choice(('', ' '))}{rng.randint(1, 999)}"
            for _ in range(40)
        ]
        names += [_rare_word(rng, rng.randint(2, 4)) for _ in range(80)]
        return _unique(names)


KINDS: tuple[str, ...] = (
    "person_kr", "person_foreign", "person_rare", "person_stage", "country", "city", "island",
    "lake", "park", "region", "river", "bridge", "tunnel", "road", "ship", "car", "train_aircraft",
    "weapon", "building", "tower", "mountain", "animal", "celestial", "concept", "team", "company",
    "band", "monument", "device",
)  # fmt: skip


@dataclass(frozen=True)
class EntityPools:
    """Entity strings per kind and split, and the spacing variants each may be written as."""

    by_split: dict[str, dict[str, tuple[str, ...]]]
    split_of_key: dict[str, str]

    def pool(self, split: str, kind: str) -> tuple[str, ...]:
        """Return the entities of ``kind`` reserved for ``split``."""
        return self.by_split[split][kind]

    def all_entities(self) -> set[str]:
        """Return every entity string of both splits, spacing variants included."""
        everything: set[str] = set()
        for kinds in self.by_split.values():
            for names in kinds.values():
                everything.update(names)
                everything.update(spacing_variants(name) for name in names)
        return everything


def spacing_variants(entity: str) -> str:
    """Return the entity as people often type it: without its inner spaces."""
    return entity.replace(" ", "")


@lru_cache(maxsize=4)
def build_entity_pools(seed: int) -> EntityPools:
    """Return the entity pools of every kind, split between training and hidden test."""
    builder = _Builder(seed)
    reserved = {spacing_key(name) for name in data.RESERVED_NAMES}
    raw = {
        kind: [name for name in getattr(builder, kind)() if spacing_key(name) not in reserved]
        for kind in KINDS
    }
    keys = sorted({spacing_key(name) for names in raw.values() for name in names})
    split_rng = random.Random(f"split-{seed}")
    split_of_key = {
        key: HIDDEN if split_rng.random() < HIDDEN_ENTITY_SHARE else TRAIN for key in keys
    }
    by_split: dict[str, dict[str, tuple[str, ...]]] = {TRAIN: {}, HIDDEN: {}}
    for kind, names in raw.items():
        for split in (TRAIN, HIDDEN):
            by_split[split][kind] = tuple(n for n in names if split_of_key[spacing_key(n)] == split)
    return EntityPools(by_split=by_split, split_of_key=split_of_key)
