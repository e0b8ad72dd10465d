"""Entity pools: real names by kind (Kiwi's dictionaries, hand-written lexicons, Faker's Korean
address data), a minority of plausible invented names, split once between training and the
hidden test set.

``build_entity_pools(seed)`` is the public entry point; ``EntityPools.names_by_kind()`` returns
every name by kind. A name belongs to exactly one split, decided by its key: the spelling of its
article title without spaces, shared by all its aliases (``더글라스 애덤스`` goes wherever
``더글러스 애덤스`` goes). Names of the Wikidata classes in ``kinds.HELD_OUT_CLASSES`` are hidden
only. This module draws no sentences and knows no phrasing.

No phrasing (templates.py) and no sentence assembly (generator.py) here.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from faker.providers.address.ko_KR import Provider as KoreanAddresses
from faker.providers.person.ko_KR import Provider as KoreanPeople

from joint_nlu.corpus import kinds as K
from joint_nlu.corpus import lexicon_data as data
from joint_nlu.corpus.kiwi_dicts import (
    default_words,
    frequent_default_words,
    multi_entries,
    spacing_key,
)

TRAIN = "train"
HIDDEN = "hidden"
# Share of name keys (outside the held-out classes) that only the hidden set uses.
HIDDEN_ENTITY_SHARE = 0.15
# Names of one spelling pattern kept per kind (``국도 제N호선``, ``글리제 N``), so that a few
# numbered series do not crowd out the rest of a kind.
MAX_PER_TEMPLATE = 12

KIWI = "kiwi"  # a title or alias of multi.dict, or a word of default.dict
HAND = "hand"  # the hand-written lexicons and Faker's real Korean place names
INVENTED = "invented"  # plausible names made here: Faker-style people, codes, place + suffix
ORIGINS: tuple[str, ...] = (KIWI, HAND, INVENTED)
# Today's roles an invented person is given (keys of templates.ROLE_BEFORE).
INVENTED_ROLES_KR: tuple[str, ...] = (
    "축구 선수", "야구 선수", "배구 선수", "농구 선수", "골프 선수", "배우", "가수", "방송인",
    "국회의원", "기업인", "영화감독", "작가", "앵커",
)  # fmt: skip
INVENTED_ROLES_FOREIGN: tuple[str, ...] = (
    "축구 선수", "농구 선수", "테니스 선수", "골프 선수", "배우", "가수", "정치인", "기업인",
    "영화감독", "작가",
)  # fmt: skip
REAL_ORIGINS: tuple[str, ...] = (KIWI, HAND)


class Name(NamedTuple):
    """An entity name as it is written in a sentence, with what is known about it."""

    text: str
    kind: str
    origin: str
    key: str
    wikidata: str = ""
    role: str = ""  # a person's role (``배우``), or a member's group
    before: tuple[str, ...] = ()  # true of this name, said before it (``국민타자``, ``행성``)
    after: tuple[str, ...] = ()  # titles or nouns true of it, said after it (``주석``, ``사원``)


def _latin_code(rng: random.Random) -> str:
    """Return a code name such as ``AA12``, ``XK-9`` or ``HLKVAM``."""
    letters = "ABCDEFGHJKLMNPRSTVWXZ"
    style = rng.random()
    head = "".join(rng.choice(letters) for _ in range(rng.choice((1, 2, 2, 3))))
    if style < 0.45:
        return f"{head}{rng.randint(1, 99)}"
    if style < 0.8:
        return f"{head}-{rng.randint(1, 99)}"
    return "".join(rng.choice(letters) for _ in range(rng.randint(4, 6)))


class _Builder:
    """Collects the candidate names of every kind from every source, in a fixed order."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"lexicon-{seed}")
        self.names: list[Name] = []

    def add(self, text: str, kind: str, origin: str, **extra: object) -> None:
        text = " ".join(text.split())
        key = str(extra.pop("key", "") or spacing_key(text))
        if text and origin == HAND:
            extra.update(zip(("before", "after"), _labels(text, kind), strict=True))
        if text:
            self.names.append(Name(text, kind, origin, key, **extra))  # type: ignore[arg-type]

    # -- Kiwi's dictionaries ----------------------------------------------------------------
    def kiwi(self) -> None:
        # Of the ~130,000 people of multi.dict, only those whose article has an alias (another
        # spelling, the full name): a sign of a well-known person, and ~30,000 are plenty.
        entries = multi_entries(classes=frozenset(K.WIKIDATA_KINDS), aliased_only=frozenset({"Q5"}))
        kinds: dict[tuple[str, str], str | None] = {}
        for entry in entries:
            pair = (entry.title, entry.wikidata)
            if pair not in kinds:
                kinds[pair] = K.kind_of_entry(entry.title, entry.wikidata)
            kind = kinds[pair]
            if kind is None or (
                entry.form != entry.title and K.kind_of_entry(entry.form, entry.wikidata) != kind
            ):
                continue
            if kind is not None:
                self.add(entry.form, kind, KIWI, key=spacing_key(entry.title),
                         wikidata=entry.wikidata)  # fmt: skip
        words = default_words()
        stems = K.place_stems(words)
        frequent = frequent_default_words()
        for word in words:
            kind = K.kind_of_word(word, stems, frequent)
            if kind is not None:
                self.add(word, kind, KIWI)

    # -- hand-written lexicons and Faker's real place names ----------------------------------
    def hand(self) -> None:
        for table, kind in ((data.KOREAN_PEOPLE_BY_ROLE, "person_kr"),
                            (data.FOREIGN_PEOPLE_BY_ROLE, "person_foreign")):  # fmt: skip
            for role, people in table.items():
                for person in people:
                    self.add(person, kind, HAND, role=role)
        for group, members in data.IDOL_GROUPS.items():
            for member in members:
                self.add(f"{group} {member}", "person_stage", HAND, role="아이돌")
                # alone only when the name cannot be read as a word (산, 한, 탑 can)
                if len(member) > 1 or member in data.FAMOUS_ONE_SYLLABLE_MEMBERS:
                    self.add(member, "person_stage", HAND, role="아이돌")
        for singer in data.SOLO_STAGE_NAMES:
            self.add(singer, "person_stage", HAND, role="가수")
        for idol in data.LATIN_STAGE_NAMES:
            self.add(idol, "person_stage", HAND, role="아이돌")
        for person in data.FOREIGN_LONG_NAMES:
            self.add(person, "person_foreign", HAND)
        lists = (
            (data.COUNTRIES_EXTRA + list(KoreanAddresses.countries), "country"),
            (data.WORLD_CITIES + list(KoreanAddresses.cities) + list(KoreanAddresses.provinces)
             + list(KoreanAddresses.metropolitan_cities), "city"),
            (data.ISLANDS, "island"), (data.LAKES, "lake"), (data.PARKS, "park"),
            (data.REGIONS, "region"), (data.RIVERS, "river"), (data.BRIDGES, "bridge"),
            (data.TUNNELS, "tunnel"), (data.ROADS, "road"), (data.SHIPS, "ship"),
            (data.CAR_MODELS, "car"), (data.TRAINS_AIRCRAFT, "train_aircraft"),
            (data.WEAPONS, "weapon"), (data.BUILDINGS + data.TOWERS, "building"),
            (data.MOUNTAINS, "mountain"), (data.ANIMALS, "animal"), (data.CELESTIAL, "star"),
            (data.CONCEPTS, "concept"), (data.SPORTS_TEAMS, "team"), (data.COMPANIES, "company"),
            (data.BANDS + data.KOREAN_BANDS_EXTRA + data.LATIN_BANDS + list(data.IDOL_GROUPS), "band"),
            (data.DEVICES, "device"), (data.STRAITS, "strait"), (data.WATERFALLS, "waterfall"),
            (data.CANALS, "canal"), (data.SITES, "site"), (data.TEMPLES, "building"),
            (data.MONUMENTS, "monument"), (data.DESERTS, "region"), (data.ARCHIPELAGOS, "island"),
            (data.MOUNTAIN_RANGES, "range"), (data.LAWS_AND_THEOREMS, "concept"),
            (data.WARS_AND_TREATIES, "event"),
        )  # fmt: skip
        for names, kind in lists:
            for name in names:
                self.add(name, kind, HAND)

    # -- invented, plausible names -----------------------------------------------------------
    def invented(self) -> None:
        rng = self.rng
        surnames = list(KoreanPeople.last_names)
        given = list(KoreanPeople.first_names)
        # An invented person may hold any of today's roles, so their rows can say it around the
        # name (``배우 [김민준]``, ``[이서연] 의원``) as people say it of real ones. A made-up name
        # that is a real person's (Faker's 안유진) is left out: it would be someone else.
        taken = {name.key for name in self.names} | {spacing_key(n.text) for n in self.names}

        def person(text: str, kind: str, roles: tuple[str, ...]) -> None:
            role = rng.choice(roles)
            if spacing_key(text) not in taken:
                self.add(text, kind, INVENTED, role=role)

        for _ in range(1500):
            person(rng.choice(surnames) + rng.choice(given), "person_kr", INVENTED_ROLES_KR)
        for _ in range(80):
            name = rng.choice(K.COMPOUND_SURNAMES) + rng.choice(given)
            person(name, "person_kr", INVENTED_ROLES_KR)
        for _ in range(900):
            first = rng.choice(data.FOREIGN_GIVEN_NAMES)
            name = f"{first} {rng.choice(data.FOREIGN_FAMILY_NAMES)}"
            person(name, "person_foreign", INVENTED_ROLES_FOREIGN)
        places = data.KOREAN_PLACES
        suffixes = (("대교", "bridge"), ("터널", "tunnel"), ("저수지", "lake"), ("호수공원", "park"),
                    ("공원", "park"), ("순환로", "road"), ("대로", "road"), ("타워", "building"),
                    ("고개", "pass"), ("천", "river"))  # fmt: skip
        for place in places:
            for suffix, kind in rng.sample(suffixes, 2):
                self.add(place + suffix, kind, INVENTED)
        for _ in range(160):
            self.add(_latin_code(rng), rng.choice(("weapon", "weapon", "train_aircraft")), INVENTED)
        for _ in range(120):
            self.add(f"{rng.choice(data.CAR_BRANDS)} {_latin_code(rng)}", "car", INVENTED)

    def build(self) -> list[Name]:
        self.hand()
        self.kiwi()
        self.invented()
        return self.names


def _labels(text: str, kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return what is true of a hand-written name and may be said before and after it (people:
    nicknames and titles they held; things: what they are, verified superlatives)."""
    if K.KIND_FAMILY[kind] == "person":
        if text in data.AMBIGUOUS_PEOPLE:
            return (), ()
        return data.PERSON_BEFORE.get(text, ()), data.PERSON_AFTER.get(text, ())
    if K.KIND_FAMILY[kind] == "concept":
        return (), ()  # no label is written for a concept (``빅뱅`` the theory is no 보이그룹)
    before = data.THING_BEFORE.get(text, ()) + data.SUPERLATIVES.get(text, ())
    if kind == "device":
        before += next(
            ((label,) for prefix, label in data.DEVICE_KINDS if text.startswith(prefix)), ()
        )
    return before, data.THING_AFTER.get(text, ())


_DIGITS = re.compile(r"\d+")


def _template(text: str) -> str:
    return _DIGITS.sub("#", text)


def _keep(names: list[Name]) -> list[Name]:
    """Return one ``Name`` per (text, kind), the first source winning, without reserved names,
    at most ``MAX_PER_TEMPLATE`` per numbered spelling pattern and kind. A name may be of two
    kinds (``한강``: the river and the novelist); it then has one split, as every key."""
    reserved = {spacing_key(n) for n in data.RESERVED_NAMES}
    seen: set[tuple[str, str]] = set()
    per_template: dict[tuple[str, str], int] = {}
    kept = []
    for name in names:
        if name.key in reserved or spacing_key(name.text) in reserved:
            continue
        if len(name.text) == 1 and K.KIND_FAMILY[name.kind] != "person":
            continue  # 말, 소, 매: a horse, but also a word, a cow and a hawk
        if (name.text, name.kind) in seen:
            continue
        if _DIGITS.search(name.text):
            slot = (name.kind, _template(name.text))
            per_template[slot] = per_template.get(slot, 0) + 1
            if per_template[slot] > MAX_PER_TEMPLATE:
                continue
        seen.add((name.text, name.kind))
        kept.append(name)
    return kept


@dataclass(frozen=True)
class EntityPools:
    """Names per split, kind and origin; the split of every key; the kind of every spelling."""

    by_split: dict[str, dict[str, dict[str, tuple[Name, ...]]]]
    split_of_key: dict[str, str]
    kind_of_key: dict[str, str] = field(default_factory=dict)
    role_of_key: dict[str, str] = field(default_factory=dict)
    alias_key: dict[str, str] = field(default_factory=dict)

    def pool(self, split: str, kind: str, origin: str | None = None) -> tuple[Name, ...]:
        """Return the names of ``kind`` (of one origin, or all) reserved for ``split``."""
        origins = self.by_split[split].get(kind, {})
        if origin is not None:
            return origins.get(origin, ())
        return tuple(n for o in ORIGINS for n in origins.get(o, ()))

    def names_by_kind(self, split: str | None = None) -> dict[str, tuple[str, ...]]:
        """Return every name text by kind (of one split, or both), sorted."""
        splits = (split,) if split else (TRAIN, HIDDEN)
        return {
            kind: tuple(sorted({n.text for s in splits for n in self.pool(s, kind)}))
            for kind in K.KINDS
        }

    def all_entities(self) -> set[str]:
        """Return every name of both splits, as written, without its inner spaces and, for
        things, with a space before a generic head noun (``천지연 폭포``)."""
        by_kind = self.names_by_kind()
        texts = {text for names in by_kind.values() for text in names}
        spaced = {
            K.with_spaced_head(text)
            for kind, names in by_kind.items()
            if K.KIND_FAMILY[kind] != "person"
            for text in names
        }
        return texts | {spacing_key(t) for t in texts} | (spaced - {None})  # type: ignore[operator]

    def kind_of(self, text: str) -> str | None:
        """Return the kind of a name (spacing ignored); None if it is none of the pools' or is
        a name of several kinds (``한강``: the river and the novelist)."""
        return self.kind_of_key.get(spacing_key(text)) or None

    def key_of(self, text: str) -> str:
        """Return the split key of a name as written (its title's key for an alias)."""
        key = spacing_key(text)
        return self.alias_key.get(key, key)

    def role_of(self, text: str) -> str | None:
        """Return the role of a known person of the hand-written lexicons (None: not known)."""
        return self.role_of_key.get(spacing_key(text))


@lru_cache(maxsize=4)
def build_entity_pools(seed: int) -> EntityPools:
    """Return the names of every kind, split between training and hidden test by key."""
    names = _keep(_Builder(seed).build())
    keys = sorted({n.key for n in names})
    held_out = {n.key for n in names if n.wikidata in K.HELD_OUT_CLASSES}
    split_rng = random.Random(f"split-{seed}")
    split_of_key = {}
    for key in keys:
        draw = split_rng.random()  # drawn for every key, so held-out classes shift no other key
        split_of_key[key] = HIDDEN if key in held_out or draw < HIDDEN_ENTITY_SHARE else TRAIN
    grouped: dict[str, dict[str, dict[str, list[Name]]]] = {TRAIN: {}, HIDDEN: {}}
    kind_of_key: dict[str, str] = {}
    role_of_key: dict[str, str] = {}
    alias_key: dict[str, str] = {}
    for name in names:
        if spacing_key(name.text) != name.key:
            alias_key.setdefault(spacing_key(name.text), name.key)
        if name.role:
            role_of_key.setdefault(spacing_key(name.text), name.role)
        split = split_of_key[name.key]
        grouped[split].setdefault(name.kind, {}).setdefault(name.origin, []).append(name)
        for key in (name.key, spacing_key(name.text)):
            if kind_of_key.setdefault(key, name.kind) != name.kind:
                kind_of_key[key] = ""  # a name of several kinds
    by_split = {
        split: {
            kind: {origin: tuple(sorted(group, key=lambda n: (n.text, n.key)))
                   for origin, group in sorted(origins.items())}
            for kind, origins in sorted(kinds.items())
        }
        for split, kinds in grouped.items()
    }  # fmt: skip
    return EntityPools(by_split, split_of_key, kind_of_key, role_of_key, alias_key)
