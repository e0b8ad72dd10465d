"""Sentence generator: turns intents, entity pools and phrasings into tagged rows.

A row is built as a list of ``Piece``s, each either the entity mention or context; its tags come
from where the entity piece was placed, never from searching the sentence. Every row passes the
contradiction checker (``checker.py``) before it is kept; the rejected ones are counted. This
module knows nothing of Kedro or MXNet; it reads Kiwi's dictionaries through ``lexicon.py``.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from joint_nlu.corpus import kinds as K
from joint_nlu.corpus import templates as T
from joint_nlu.corpus.checker import contradictions
from joint_nlu.corpus.hangul import (
    COMMON_MISSPELLINGS,
    attach,
    copula_forms,
    is_hangul_syllable,
    typo,
    verb_forms,
)
from joint_nlu.corpus.kiwi_dicts import check_kiwi_model, dictionary_keys, spacing_key
from joint_nlu.corpus.lexicon import (
    HAND,
    HIDDEN,
    INVENTED,
    KIWI,
    TRAIN,
    EntityPools,
    Name,
    build_entity_pools,
)

DEFAULT_SEED = 20240611
INTENTS: tuple[str, ...] = tuple(sorted(T.INTENT_SPECS))

Row = tuple[str, str, str]

# -- how often each ingredient appears (shares of rows) ------------------------------------------
# Source named (``WIKI PEDIA로``, ``위키백과사전에서``): 8 of the 10 seed rows, almost none of the
# hand-written questions; the corpus mixes both ways of asking.
SOURCE_RATE = 0.48
SOURCE_POSITIONS: tuple[tuple[str, float], ...] = (("lead", 0.35), ("mid", 0.5), ("end", 0.15))
SEARCH_LEAD_RATE = 0.04  # ``검색 HLKVAM 언제 출생했는지를 검색해라``
# Short queries as typed into a search box (``아이유 나이``, ``메시 몇살임``): no source, no
# context; a quarter of the hand-written questions have at most 10 characters.
SHORT_QUERY_RATE = 0.2
SHORT_FRAMES: tuple[tuple[str, float], ...] = (
    ("{E} {A}", 6), ("{E} {A} {Q}", 3), ("{E} {P}", 3), ("{E:은} {P}", 2), ("{E:의} {A}", 1),
    ("{E:이} {P}", 1),
)  # fmt: skip
FILLER_RATE = 0.04
CONTEXT_PREFIX_RATE = 0.08
TAIL_RATE = 0.04
# Rows longer than this are drawn again (the seed rows have at most 29 characters, the
# hand-written ones 44).
MAX_SENTENCE_CHARS = 44
# People: a title after the name, their role before it (known people of the hand-written
# lexicons only), a plain honorific (anyone), a neutral description before it.
TITLE_RATE = 0.25
GENERIC_TITLE_RATE = 0.05
ROLE_RATE = 0.3
PERSON_MODIFIER_RATE = 0.02
# Other entities: a part named after the name, a generic noun after it, a description before it.
PART_RATE = 0.1
DESCRIPTOR_RATE = 0.1
MODIFIER_RATE = 0.03
UNSPACED_ENTITY_RATE = 0.08
# -- typing noise (measured against the seed rows and the hand-written set: docs/CORPUS.md) -------
TYPO_RATE = 0.03
DROP_SOME_SPACES_RATE = 0.07
DROP_ALL_SPACES_RATE = 0.01  # only in sentences of at most 16 characters
SPLIT_WORD_RATE = 0.01
SPACED_PARTICLE_RATE = 0.01
CONTRACTION_RATE = 0.4  # 얼마인지 -> 얼만지
# -- entities ------------------------------------------------------------------------------------
# Target shares of a kind's rows by where its names come from (renormalised over the origins a
# kind has). Invented names stay a minority so that unseen names remain learnable.
ORIGIN_WEIGHTS: dict[str, float] = {KIWI: 0.6, HAND: 0.3, INVENTED: 0.1}
# A name (spacing ignored, aliases together) is used at most this many times in training and
# once in the hidden set; names of the hand-written lexicons at most once in training too, so
# that no well-known name (the kind a hand-written evaluation asks about) is over-represented.
MAX_ENTITY_REPEATS = 2
MAX_HAND_REPEATS = 1
# In the hidden set, the share of a kind's rows drawn from its held-out Wikidata classes, when
# it has any.
HELD_OUT_DRAW = 0.6
# Hidden rows drawn as "novel" must use at least one hidden-only phrasing option.
NOVEL_ROW_RATE = 0.4
NOVEL_SLOT_RATE = 0.35
PREDICATE_FRAME_BOOST = 1.6

_SLOT = re.compile(r"\{(\w+)(?::([^}]*))?\}")


@dataclass
class Piece:
    """A run of sentence text that is either the entity mention or context."""

    text: str
    entity: bool = False


@dataclass
class GenerationReport:
    """What happened while generating one split: rows kept and rejected, and why."""

    rows: int = 0
    rejected: Counter = field(default_factory=Counter)
    origins: Counter = field(default_factory=Counter)


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...] | list) -> str:
    names = [name for name, _ in pairs]
    return rng.choices(names, weights=[weight for _, weight in pairs])[0]


def _conjugate(item: str, register: str) -> str:
    """Return a ``text#pattern`` predicate in the given register."""
    text, pattern = item.rsplit("#", 1)
    if pattern == "fixed":
        return text
    forms = copula_forms(text) if pattern == "cop" else verb_forms(text, pattern)
    return forms.get(register) or forms["casual"]


class _EntitySampler:
    """Draws names of a kind from one split: each name once before any is used again."""

    def __init__(self, pools: EntityPools, split: str, rng: random.Random, repeats: int) -> None:
        self.pools, self.split, self.rng, self.repeats = pools, split, rng, repeats
        self.queues: dict[tuple[str, str], list[Name]] = {}
        self.used: Counter = Counter()

    def _queue(self, kind: str, bucket: str) -> list[Name]:
        if (kind, bucket) not in self.queues:
            if bucket == "held_out":
                names = [n for n in self.pools.pool(self.split, kind)
                         if n.wikidata in K.HELD_OUT_CLASSES]  # fmt: skip
            else:
                names = [n for n in self.pools.pool(self.split, kind, bucket)
                         if self.split == TRAIN or n.wikidata not in K.HELD_OUT_CLASSES]  # fmt: skip
            queue: list[Name] = []
            for _ in range(self.repeats):
                batch = list(names)
                self.rng.shuffle(batch)
                queue = batch + queue  # popped from the end: every name once, then again
            self.queues[(kind, bucket)] = queue
        return self.queues[(kind, bucket)]

    def _limit(self, name: Name) -> int:
        return min(self.repeats, MAX_HAND_REPEATS) if name.origin == HAND else self.repeats

    def _pop(self, queue: list[Name]) -> Name | None:
        """Return the next name of ``queue`` not used up yet (by key, across kinds)."""
        while queue:
            name = queue.pop()
            if self.used[name.key] < self._limit(name):
                self.used[name.key] += 1
                return name
        return None

    def available(self, kind: str) -> bool:
        """Return whether any name of ``kind`` may be left (a few may turn out used up)."""
        return any(self._queue(kind, b) for b in (KIWI, HAND, INVENTED, "held_out"))

    def draw(self, kind: str) -> Name | None:
        """Return the next name of ``kind`` (None when the kind is used up)."""
        held_out = self._queue(kind, "held_out") if self.split == HIDDEN else []
        if held_out and self.rng.random() < HELD_OUT_DRAW:
            name = self._pop(held_out)
            if name is not None:
                return name
        while True:
            buckets = [(o, w) for o, w in ORIGIN_WEIGHTS.items() if self._queue(kind, o)]
            if not buckets:
                return self._pop(self._queue(kind, "held_out"))
            name = self._pop(self._queue(kind, _weighted(self.rng, buckets)))
            if name is not None:
                return name


class _RowMaker:
    """Builds one tagged sentence at a time for a split."""

    def __init__(self, pools: EntityPools, split: str, rng: random.Random) -> None:
        self.rng = rng
        self.split = split
        self.pools = pools
        repeats = MAX_ENTITY_REPEATS if split == TRAIN else 1
        self.entities = _EntitySampler(pools, split, rng, repeats)
        self.names = dictionary_keys() | frozenset(pools.kind_of_key)
        self.novel = False
        self.used_hidden = False

    # -- choosing -------------------------------------------------------------------------
    def choose(self, options: T.Options) -> str:
        """Pick an option; in a novel hidden row, often one that training never uses."""
        if self.novel and options.hidden and self.rng.random() < NOVEL_SLOT_RATE:
            self.used_hidden = True
            return self.rng.choice(options.hidden)
        return self.rng.choice(options.train)

    def choose_frame(self, intent: str, group: str) -> T.Frame:
        frames: list[tuple[T.Frame, float]] = [(f, f.weight) for f in T.ATTRIBUTE_FRAMES]
        frames += [(f, f.weight * PREDICATE_FRAME_BOOST) for f in T.PREDICATE_FRAMES]
        if intent == "definition":
            frames = [(f, w * 0.5) for f, w in frames]
            frames += [(f, f.weight * 2.5) for f in T.DEFINITION_FRAMES
                       if group == "concept" or "{TERM" not in f.template]  # fmt: skip
        use_hidden = self.novel and self.rng.random() < NOVEL_SLOT_RATE
        eligible = [(f, w) for f, w in frames if f.hidden_only == use_hidden]
        frame = self.rng.choices([f for f, _ in eligible], weights=[w for _, w in eligible])[0]
        if frame.hidden_only:
            self.used_hidden = True
        return frame

    def choose_register(self) -> str:
        if self.novel and self.rng.random() < NOVEL_SLOT_RATE / 2:
            self.used_hidden = True
            return self.rng.choice(T.HIDDEN_REGISTERS)
        return _weighted(self.rng, T.REGISTERS)

    def choose_kind(self, intent: str) -> str | None:
        options = [(k, w) for k, w in K.INTENT_KINDS[intent] if self.entities.available(k)]
        return _weighted(self.rng, options) if options else None

    # -- entity ---------------------------------------------------------------------------
    def names_a_name(self, text: str) -> bool:
        """Return whether ``text`` (in any spacing) is itself a name Kiwi or the pools know."""
        return spacing_key(text) in self.names

    def person_context(self, name: Name, intent: str) -> tuple[str, str]:
        """Return the text before and after a person's name: their own role or title only."""
        rng, role = self.rng, name.role
        before = after = ""
        titles = T.ROLE_AFTER.get(T.role_family(role)) if role else None
        title_rate = TITLE_RATE * (1.3 if intent == "belong_to" else 1.0)
        if titles and rng.random() < title_rate:
            after = self.choose(titles)
        elif not role and rng.random() < GENERIC_TITLE_RATE:
            after = self.choose(T.GENERIC_PERSON_TITLES)
        if after:
            glued = after in T.GLUED_TITLES and rng.random() < 0.7
            after = ("" if glued else " ") + after
        roll = 1.0 if after else rng.random()  # a role before and a title after say it twice
        if role in T.ROLE_BEFORE and roll < ROLE_RATE:
            before = rng.choice(T.ROLE_BEFORE[role]) + " "
        elif role == "아이돌" and " " not in name.text and roll < ROLE_RATE:
            before = self.choose(T.IDOL_BEFORE) + " "
        elif roll > 1 - PERSON_MODIFIER_RATE:
            before = self.choose(T.MODIFIERS["person"]) + " "
        return before, after

    def thing_context(self, name: Name, kind: str, intent: str) -> tuple[str, str]:
        """Return the text before and after a thing's name: a part of it, what it is, or a
        neutral description, all chosen for its kind."""
        rng = self.rng
        before = after = ""
        parts = T.PARTS.get(intent, {}).get(kind)
        roll = rng.random()
        if parts and roll < PART_RATE:
            after = " " + self.choose(parts)
        elif roll < PART_RATE + DESCRIPTOR_RATE:
            options = T.descriptor_options(kind, name.text)
            if options.train:
                descriptor = self.choose(options)
                if descriptor and not T.descriptor_clashes(name.text, descriptor):
                    after = " " + descriptor
        if rng.random() < MODIFIER_RATE:
            family = K.KIND_FAMILY[kind]
            table = "place" if family in T.PLACE_FAMILIES else family
            before = self.choose(T.MODIFIERS.get(table) or T.MODIFIERS["*"]) + " "
        return before, after

    def entity_pieces(
        self, name: Name, kind: str, intent: str, particle: str, bare: bool = False
    ) -> list[Piece]:
        """Return the entity with its context (none if ``bare``) and its glued particle."""
        if bare:
            before, after = "", ""
        elif K.KIND_FAMILY[kind] == "person":
            before, after = self.person_context(name, intent)
        else:
            before, after = self.thing_context(name, kind, intent)
        entity = name.text
        if (after.strip() and self.names_a_name(entity + after)) or (
            before and self.names_a_name(before + entity)
        ):
            before, after = "", ""
        if " " in entity and self.rng.random() < UNSPACED_ENTITY_RATE:
            entity = entity.replace(" ", "")
        if particle == "에대해":
            particle_text = self.choose(T.ABOUT_PARTICLES)
        else:
            particle_text = attach(after or entity, particle, self.rng) if particle else ""
        pieces = [Piece(before)] if before else []
        pieces.append(Piece(entity, entity=True))
        if after or particle_text:
            pieces.append(Piece(after + particle_text))
        return pieces

    # -- sentence -------------------------------------------------------------------------
    def make(self, intent: str, novel: bool) -> tuple[list[Piece], Name, str] | None:
        """Return the pieces of one sentence of ``intent``, its name and kind (None: no names
        left for the intent)."""
        for _ in range(20):
            self.novel, self.used_hidden = novel, False
            kind = self.choose_kind(intent)
            if kind is None:
                return None
            name = self.entities.draw(kind)
            if name is None:
                continue
            pieces = self._attempt(intent, kind, name)
            if not novel or self.used_hidden:
                return pieces, name, kind
        return pieces, name, kind

    def _group(self, kind: str, name: Name) -> str:
        if kind == "person_stage":
            return "entertainer"
        if K.KIND_FAMILY[kind] == "person":
            return T.person_group(name.role)
        return T.GROUP_OF_KIND[kind]

    def _attempt(self, intent: str, kind: str, name: Name) -> list[Piece]:
        rng = self.rng
        spec = T.INTENT_SPECS[intent]
        group = self._group(kind, name)

        def pick(table: dict[str, T.Options]) -> T.Options:
            # a person's group (athlete, ...) falls back to plain person words
            if group not in table and group in T.PERSON_GROUPS:
                return spec.for_group(table, "person")
            return spec.for_group(table, group)

        short = intent != "definition" and rng.random() < SHORT_QUERY_RATE
        if short:
            frame = T.Frame(_weighted(rng, SHORT_FRAMES), 1)
        else:
            frame = self.choose_frame(intent, group)
        register = self.choose_register()
        attribute = self.choose(pick(spec.attributes))
        source = self.choose(T.SOURCES) if not short and rng.random() < SOURCE_RATE else ""
        mode = _weighted(rng, SOURCE_POSITIONS) if source else ""
        if mode == "mid" and "{SRC}" not in frame.template:
            mode = "lead"
        if mode == "end" and not frame.template.endswith(("{Q}", "{P}", "{A}", "{A:은}", "{E}")):
            mode = "lead"  # the frame already ends in a command: one is enough

        def value_question(embedded: bool) -> str:
            questions = T.VALUE_QUESTIONS[spec.question].merged(pick(spec.extra_questions))
            units = pick(spec.units)
            if units.train and rng.random() < 0.3:
                return f"몇 {self.choose(units)}#cop"
            for _ in range(10):
                item = self.choose(questions)
                if not (embedded and item.startswith("뭐#")) or rng.random() < 0.5:
                    return item
            return item

        def predicate(embedded: bool) -> str:
            options = pick(spec.predicates)
            for _ in range(10):
                item = self.choose(options)
                if not (embedded and item.endswith("#fixed")):
                    return item
            return "어떻게 #되"

        def contract(text: str) -> str:
            if text.endswith("얼마인지") and rng.random() < CONTRACTION_RATE:
                return text[: -len("얼마인지")] + "얼만지"
            return text

        pieces: list[Piece] = []
        if not short and rng.random() < FILLER_RATE:
            pieces.append(
                Piece(self.choose(T.FILLERS) + ("," if rng.random() < 0.25 else "") + " ")
            )
        if not short and rng.random() < CONTEXT_PREFIX_RATE * (0.5 if source else 1):
            table = T.INTENT_CONTEXT_PREFIXES.get(intent, {})
            person = group in T.PERSON_GROUPS
            options = table.get(group) or table.get("person" if person else "*")
            if options is None and not person:
                options = table.get(K.KIND_FAMILY[kind]) if kind in ("river", "strait") else None
            if options is None or rng.random() < 0.4:
                options = T.CONTEXT_PREFIXES
            prefix = Piece(self.choose(options) + ("," if rng.random() < 0.2 else "") + " ")
            pieces.insert(rng.randint(0, len(pieces)), prefix)
        if not short and rng.random() < SEARCH_LEAD_RATE:
            pieces.append(Piece(self.choose(T.SEARCH_LEADS) + " "))
        elif mode == "lead":
            pieces.append(Piece(self._source_phrase(self.choose(T.SOURCE_LEADS), source) + " "))

        position = 0
        for match in _SLOT.finditer(frame.template):
            pieces.append(Piece(frame.template[position : match.start()]))
            position = match.end()
            slot, argument = match.group(1), match.group(2) or ""
            if slot == "E":
                pieces.extend(self.entity_pieces(name, kind, intent, argument, bare=short))
                continue
            if slot == "SRC":
                text = ""
                if mode == "mid":
                    text = self._source_phrase(self.choose(T.SOURCE_MIDS), source) + " "
            elif slot == "A":
                text = attribute + (attach(attribute, argument, rng) if argument else "")
            elif slot == "Q":
                text = _conjugate(value_question(False), register)
            elif slot == "QE":
                text = contract(_conjugate(value_question(True), "embedded"))
            elif slot == "P":
                text = _conjugate(predicate(False), register)
            elif slot == "PE":
                text = contract(_conjugate(predicate(True), "embedded"))
            elif slot == "R":
                text = self.choose(T.REQUESTS)
                # ``찾아서 {R}``: not ``찾아서 검색해라``
                while "서 {R}" in frame.template and ("검색" in text or "찾아" in text):
                    text = self.choose(T.REQUESTS)
            elif slot == "TERM":
                term = self.choose(T.TERMS)
                text = term + (attach(term, argument, rng) if argument else "")
            else:
                table = {"RE": T.AFTER_EMBEDDED, "FEEL": T.FEELINGS, "KNOW": T.KNOW,
                         "EXPLAIN": T.EXPLAIN}  # fmt: skip
                text = self.choose(table[slot])
            pieces.append(Piece(text))
        pieces.append(Piece(frame.template[position:]))
        if mode == "end":
            pieces.append(Piece(" " + self._source_phrase(self.choose(T.SOURCE_ENDS), source)))
        if not short and rng.random() < TAIL_RATE:
            table = T.INTENT_TAILS.get(intent, {})
            options = table.get(group) or table.get("person" if group in T.PERSON_GROUPS else "*")
            if options is None or rng.random() < 0.5:
                options = T.TAILS
            if options is table.get("*") and group in T.PERSON_GROUPS and "person" in table:
                options = table["person"]
            pieces.append(Piece(_weighted(rng, T.TAIL_SEPARATORS) + self.choose(options)))
        return [p for p in pieces if p.text]

    def _source_phrase(self, pattern: str, source: str) -> str:
        def fill(match: re.Match[str]) -> str:
            return source + (attach(source, match.group(2), self.rng) if match.group(2) else "")

        return _SLOT.sub(fill, pattern)

    # -- noise ----------------------------------------------------------------------------
    def add_noise(self, pieces: list[Piece]) -> list[Piece]:
        """Add typing noise to context pieces: a typo, spacing mistakes, final punctuation."""
        rng = self.rng
        if rng.random() < TYPO_RATE:
            self._typo(pieces)
        mode = rng.random()
        if mode < DROP_SOME_SPACES_RATE:
            self._drop_spaces(pieces, 0.35)
        elif mode < DROP_SOME_SPACES_RATE + DROP_ALL_SPACES_RATE:
            if sum(len(p.text) for p in pieces) <= 16:
                self._drop_spaces(pieces, 1.0)
        elif mode < DROP_SOME_SPACES_RATE + DROP_ALL_SPACES_RATE + SPLIT_WORD_RATE:
            self._split_word(pieces)
        if rng.random() < SPACED_PARTICLE_RATE:
            for i, piece in enumerate(pieces[:-1]):
                nxt = pieces[i + 1].text
                if (
                    piece.entity
                    and nxt[:1]
                    and not nxt.startswith(" ")
                    and is_hangul_syllable(nxt[0])
                ):
                    pieces[i + 1].text = " " + nxt
        punctuation = _weighted(rng, T.PUNCTUATION)
        if punctuation:
            pieces.append(Piece(punctuation))
        return pieces

    def _typo(self, pieces: list[Piece]) -> None:
        candidates: list[tuple[int, int]] = []
        for index, piece in enumerate(pieces):
            if piece.entity:
                continue
            glued = index > 0 and pieces[index - 1].entity and not piece.text.startswith(" ")
            for word_index, word in enumerate(piece.text.split(" ")):
                if (glued and word_index == 0) or not any(is_hangul_syllable(c) for c in word):
                    continue
                candidates.append((index, word_index))
        if not candidates:
            return
        # people mostly misspell the words they often misspell (알려죠, 궁굼해, 몃)
        common = [
            c for c in candidates if pieces[c[0]].text.split(" ")[c[1]] in COMMON_MISSPELLINGS
        ]
        if common and self.rng.random() < 0.8:
            candidates = common
        index, word_index = self.rng.choice(candidates)
        words = pieces[index].text.split(" ")
        words[word_index] = typo(words[word_index], self.rng)
        pieces[index].text = " ".join(words)

    def _drop_spaces(self, pieces: list[Piece], rate: float) -> None:
        for piece in pieces:
            if not piece.entity:
                piece.text = "".join(c for c in piece.text if c != " " or self.rng.random() >= rate)

    def _split_word(self, pieces: list[Piece]) -> None:
        """Put a space before a particle glued to a context noun (``키 가``, ``나이 는``)."""
        candidates = [
            (i, j)
            for i, piece in enumerate(pieces)
            if not piece.entity
            for j in range(2, len(piece.text))
            if piece.text[j] in "이가은는을를의도" and is_hangul_syllable(piece.text[j - 1])
            and is_hangul_syllable(piece.text[j - 2])
            and (j + 1 == len(piece.text) or piece.text[j + 1] == " ")
        ]  # fmt: skip
        if candidates:
            i, j = self.rng.choice(candidates)
            pieces[i].text = pieces[i].text[:j] + " " + pieces[i].text[j:]


def pieces_to_row(intent: str, pieces: list[Piece]) -> Row:
    """Join pieces into ``(intent, tags, sentence)``, tidying spaces outside the entity; the
    tags are ``E`` exactly on the characters of the entity piece."""
    chars: list[str] = []
    tags: list[str] = []
    for piece in pieces:
        for char in piece.text:
            if char in "\t\n\r":
                char = " "
            if char == " " and not piece.entity and chars and chars[-1] == " ":
                continue
            chars.append(char)
            tags.append("E" if piece.entity else "C")
    while chars and chars[0] == " ":
        chars.pop(0)
        tags.pop(0)
    while chars and chars[-1] == " ":
        chars.pop()
        tags.pop()
    return intent, "".join(tags), "".join(chars)


def _glued_words(row: Row) -> tuple[str, str, str]:
    """Return the entity and the words glued or next to it before and after."""
    _, tags, sentence = row
    match = re.search(r"E+", tags)
    assert match is not None
    entity = sentence[match.start() : match.end()]
    rest = sentence[match.end() :].strip()
    after = rest.split(" ")[0] if rest else ""
    head = sentence[: match.start()].strip()
    before = head.split(" ")[-1] if head else ""
    return entity, before, after


def _extends_into_another_name(row: Row, names: frozenset[str]) -> bool:
    """Return whether the word after the entity, or the word before it, would make the mention
    another known name (``[서울] 역`` when ``서울역`` is a name): such a row would teach a
    boundary that contradicts the dictionaries, so it is drawn again."""
    entity, before, after = _glued_words(row)
    key = spacing_key(entity)
    for extended in (key + spacing_key(after), spacing_key(before) + key):
        if extended != key and extended in names:
            return True
    return False


def _generate_split(
    pools: EntityPools, split: str, per_intent: int, rng: random.Random, novel_rate: float
) -> tuple[list[Row], GenerationReport]:
    maker = _RowMaker(pools, split, rng)
    rows: list[Row] = []
    report = GenerationReport()
    seen: set[str] = set()
    for intent in INTENTS:
        made = 0
        while made < per_intent:
            made_row = maker.make(intent, novel=rng.random() < novel_rate)
            if made_row is None:
                raise ValueError(f"no {split} names left for {intent}: lower the row count")
            pieces, name, kind = made_row
            row = pieces_to_row(intent, maker.add_noise(pieces))
            if row[2] in seen:
                report.rejected["sentence made before"] += 1
                continue
            if len(row[2]) > MAX_SENTENCE_CHARS:
                report.rejected["longer than MAX_SENTENCE_CHARS"] += 1
                continue
            if _extends_into_another_name(row, maker.names):
                report.rejected["extends into another name"] += 1
                continue
            problems = contradictions(row, kind=kind, role=name.role)
            if problems:
                report.rejected.update(problems)
                continue
            seen.add(row[2])
            rows.append(row)
            report.origins[name.origin] += 1
            made += 1
    rng.shuffle(rows)
    report.rows = len(rows)
    return rows, report


def generate_corpus_with_report(
    seed: int = DEFAULT_SEED,
    train_per_intent: int = 900,
    hidden_per_intent: int = 100,
    strict_kiwi_model: bool = True,
) -> tuple[list[Row], list[Row], dict[str, GenerationReport]]:
    """Return ``(train_rows, hidden_rows, reports)``; rows are ``(intent, tags, sentence)``,
    deterministic in ``seed`` for the pinned kiwipiepy-model (see ``kiwi_dicts``)."""
    check_kiwi_model(strict=strict_kiwi_model)
    pools = build_entity_pools(seed)
    train, train_report = _generate_split(
        pools, TRAIN, train_per_intent, random.Random(f"train-{seed}"), 0.0
    )
    hidden, hidden_report = _generate_split(
        pools, HIDDEN, hidden_per_intent, random.Random(f"hidden-{seed}"), NOVEL_ROW_RATE
    )
    return train, hidden, {TRAIN: train_report, HIDDEN: hidden_report}


def generate_corpus(
    seed: int = DEFAULT_SEED,
    train_per_intent: int = 900,
    hidden_per_intent: int = 100,
    strict_kiwi_model: bool = True,
) -> tuple[list[Row], list[Row]]:
    """Return ``(train_rows, hidden_rows)`` of ``(intent, tags, sentence)``, deterministic in ``seed``."""
    train, hidden, _ = generate_corpus_with_report(
        seed, train_per_intent, hidden_per_intent, strict_kiwi_model
    )
    return train, hidden


def entity_lexicon(seed: int = DEFAULT_SEED) -> set[str]:
    """Return every entity string the generator can emit for ``seed`` (spacing variants included)."""
    return build_entity_pools(seed).all_entities()


def format_rows(rows: list[Row]) -> str:
    """Return rows as the raw TSV text: ``intent<TAB>tags<TAB>sentence`` lines."""
    return "".join(f"{intent}\t{tags}\t{sentence}\n" for intent, tags, sentence in rows)


def write_corpus(
    out_dir: Path,
    seed: int = DEFAULT_SEED,
    train_per_intent: int = 900,
    hidden_per_intent: int = 100,
    strict_kiwi_model: bool = True,
) -> dict[str, Path]:
    """Write ``trainset.txt`` and ``test_hidden.txt`` to ``out_dir``; return their paths by name."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    train, hidden = generate_corpus(seed, train_per_intent, hidden_per_intent, strict_kiwi_model)
    paths = {"trainset": out_dir / "trainset.txt", "test_hidden": out_dir / "test_hidden.txt"}
    for name, rows in (("trainset", train), ("test_hidden", hidden)):
        paths[name].write_bytes(format_rows(rows).encode("utf-8"))
    return paths
