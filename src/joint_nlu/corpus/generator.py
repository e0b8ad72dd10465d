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
from joint_nlu.corpus import lexicon_data as data
from joint_nlu.corpus import templates as T
from joint_nlu.corpus.checker import contradictions, repeats_head
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
# The project's first corpus (bdaa553, 2026-11-26), frozen: 9,000 rows of invented names, many
# of random syllables, in varied context. Trained beside the generated rows it keeps what each
# teaches best: the hand-written questions gain ~5 points of entity accuracy over the generated
# rows alone, the hidden set of real names loses nothing (docs/BENCHMARKS.md). `joint-nlu
# corpus` appends its rows to trainset.txt, less those whose entity the hidden set holds.
FIRST_CORPUS = Path("data/01_raw/trainset_v1.txt")

# -- how often each ingredient appears (shares of rows) ------------------------------------------
# Source named (``WIKI PEDIA로``, ``위키백과사전에서``): 8 of the 10 seed rows, almost none of the
# hand-written questions; the corpus mixes both ways of asking (about a quarter of rows name one).
SOURCE_RATE = 0.42
SOURCE_POSITIONS: tuple[tuple[str, float], ...] = (("lead", 0.35), ("mid", 0.5), ("end", 0.15))
SEARCH_LEAD_RATE = 0.04  # ``검색 HLKVAM 언제 출생했는지를 검색해라``
# Short queries as typed into a search box or a chat (``아이유 키``, ``메시 몇 살``, ``블록체인
# 뜻``): no source, opener or tail; context next to the name as in any row. With them about a
# third of rows have at most 15 characters.
SHORT_QUERY_RATE = 0.4
FILLER_RATE = 0.04
CONTEXT_PREFIX_RATE = 0.08
TAIL_RATE = 0.04
# Rows longer than this are drawn again (the seed rows have at most 29 characters, the
# hand-written ones 44).
MAX_SENTENCE_CHARS = 44
# -- context next to the name (all tagged C); together about a third of rows have some -----------
# People of known role: a title after the name (their role's or their own: ``[문재인] 대통령``,
# ``[시진핑] 주석``); else their role, a pen name or a nickname before it (``축구 선수 [손흥민]``,
# ``다산 [정약용]``, ``국민타자 [이승엽]``); now and then a nickname before and a title after
# (``성웅 [이순신] 장군``). Nicknames are used for half the rows that say something before.
TITLE_RATE = 0.36
ROLE_RATE = 0.45
EPITHET_SHARE = 0.5
EPITHET_AND_TITLE_RATE = 0.06
# People of unknown role: a plain honorific, ``…라는 사람``, or a neutral description.
GENERIC_TITLE_RATE = 0.1
SOMEONE_CALLED_RATE = 0.07
PERSON_MODIFIER_RATE = 0.1
# Things: what the thing is, said before it (``공룡 [티라노사우루스]``, ``영화 [기생충]``,
# ``태양계에서 제일 큰 행성 [목성]``, ``수컷 [사자]``) where something true is known; a part named
# after it (``[한라산] 정상``); a generic noun after it (``[F-16] 전투기``); a neutral description
# before it (``여행 가려는``, ``우리 동네``).
THING_LABEL_RATE = 0.6
ANIMAL_LABEL_RATE = 0.25
PART_RATE = 0.12
DESCRIPTOR_RATE = 0.22
MODIFIER_RATE = 0.11
LOCAL_MODIFIER_SHARE = 0.5
UNSPACED_ENTITY_RATE = 0.08
# A one-word name ending in a generic head noun is written with a space before it as often as
# people do (``[천지연 폭포]``, ``[등차 수열]``): the head still belongs to the name.
SPACED_HEAD_RATE = 0.35
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
HELD_OUT_DRAW = 0.65
# Hidden rows drawn as "novel" must use at least one hidden-only phrasing option.
NOVEL_ROW_RATE = 0.4
NOVEL_SLOT_RATE = 0.35
PREDICATE_FRAME_BOOST = 1.6
# Frames that glue a particle to the name (``{E:의}``, ``{E:은}``) are drawn this much less
# often than their weight says: the seed rows glue one in 4 of 10 rows, hand-written questions
# in fewer than 2 of 10.
GLUED_FRAME_WEIGHT = 0.6

_SLOT = re.compile(r"\{(\w+)(?::([^}]*))?\}")
_LOCAL_PLACES = frozenset(data.LOCAL_PLACES)
# A generic noun after a thing's name takes only these particles (``[F-16] 전투기의``; not
# ``[고니자리 16] 별로 검색하면``).
_PARTICLES_AFTER_A_NOUN = ("", "의", "은", "이", "을", "도")
Options = T.Options


@dataclass
class Piece:
    """A run of sentence text that is either the entity mention or context."""

    text: str
    entity: bool = False


@dataclass
class GenerationReport:
    """What happened while generating one split: rows kept and rejected, and why; where the
    names came from; what context was said next to them (rows by kind of context, and
    ``context["any"]`` rows with some)."""

    rows: int = 0
    rejected: Counter = field(default_factory=Counter)
    origins: Counter = field(default_factory=Counter)
    context: Counter = field(default_factory=Counter)


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
        # a hand-listed name also found in Kiwi's dictionaries (안유진) is limited as hand-listed
        self.hand_keys = {
            name.key for origins in pools.by_split[split].values() for name in origins.get(HAND, ())
        }

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
        hand = name.origin == HAND or name.key in self.hand_keys
        return min(self.repeats, MAX_HAND_REPEATS) if hand else self.repeats

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
        self.context: list[str] = []  # what context the last row says next to its name

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
        frames = [(f, w * (GLUED_FRAME_WEIGHT if "{E:" in f.template else 1)) for f, w in frames]
        use_hidden = self.novel and self.rng.random() < NOVEL_SLOT_RATE
        eligible = [(f, w) for f, w in frames if f.hidden_only == use_hidden]
        frame = self.rng.choices([f for f, _ in eligible], weights=[w for _, w in eligible])[0]
        if frame.hidden_only:
            self.used_hidden = True
        return frame

    def choose_short_frame(self, intent: str) -> T.Frame:
        frames = T.DEFINITION_SHORT_FRAMES if intent == "definition" else T.SHORT_FRAMES
        if intent not in T.SHORT_QUESTIONS:
            frames = tuple(f for f in frames if "{S}" not in f.template)
        use_hidden = self.novel and self.rng.random() < NOVEL_SLOT_RATE
        eligible = [f for f in frames if f.hidden_only == use_hidden]
        frame = self.rng.choices(eligible, weights=[f.weight for f in eligible])[0]
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
        """Return the text before and after a person's name: only what is true of them (their
        role, titles they held, their nicknames), or, for someone of unknown role, a plain
        honorific, ``…라는 사람`` or a neutral description."""
        rng, role = self.rng, name.role
        before = after = ""
        titles = T.ROLE_AFTER.get(T.role_family(role), T.NO_OPTIONS) if role else T.NO_OPTIONS
        titles = Options(titles.train + name.after, titles.hidden)
        title_rate = TITLE_RATE * (1.3 if intent == "belong_to" else 1.0)
        roll = rng.random()
        if titles.train and roll < title_rate:
            after = self.choose(titles)
            self.context.append("title after")
            # a nickname too, unless it says the title again (``테슬라 CEO``)
            nicknames = [b for b in name.before if not set(b.split()) & set(after.split())]
            if nicknames and rng.random() < EPITHET_AND_TITLE_RATE / title_rate:
                before = rng.choice(nicknames) + " "
                self.context.append("nickname before")
        elif not role and roll < GENERIC_TITLE_RATE:
            after = self.choose(T.GENERIC_PERSON_TITLES)
            self.context.append("honorific after")
        elif not role and roll < GENERIC_TITLE_RATE + SOMEONE_CALLED_RATE:
            called = self.choose(T.SOMEONE_CALLED)
            particle, _, rest = called.partition(" ")
            self.context.append("someone called")
            return "", attach(name.text, particle) + " " + rest
        if after:
            glued = after in T.GLUED_TITLES and rng.random() < 0.7
            return before, ("" if glued else " ") + after
        roll = rng.random()
        roles = T.ROLE_BEFORE.get(role, ())
        if role == "아이돌" and " " not in name.text:
            roles = T.IDOL_BEFORE.train
        if (roles or name.before) and roll < ROLE_RATE:
            if name.before and (not roles or rng.random() < EPITHET_SHARE):
                before = rng.choice(name.before)
                self.context.append("nickname before")
            else:
                before = rng.choice(roles)
                self.context.append("role before")
        elif roll > 1 - PERSON_MODIFIER_RATE:
            before = self.choose(T.MODIFIERS["person"])
            self.context.append("description before")
        return (before + " " if before else ""), after

    def thing_context(self, name: Name, kind: str, intent: str, particle: str) -> tuple[str, str]:
        """Return the text before and after a thing's name: what it is (only where that is
        known to be true of it), a part of it, a generic noun of its kind, or a neutral
        description, all chosen for its kind."""
        rng = self.rng
        before = after = ""
        labels = list(name.before)
        class_words = T.CLASS_WORDS.get(name.wikidata, T.NO_OPTIONS)
        labels += class_words.train
        if kind in ("weapon", "train_aircraft"):
            words = T.descriptor_options(kind, name.text).train
            labels += [w for w in words if w in T.KIND_WORDS_BEFORE]
        animal = kind == "animal" and intent in ("weight", "height", "length") and not name.before
        if labels and rng.random() < THING_LABEL_RATE:
            before = rng.choice(labels)
            if "제일" in before:
                self.context.append("superlative before")
                if rng.random() < T.GAJANG_RATE:
                    before = before.replace("제일", "가장")
            else:
                self.context.append("kind word before")
        elif animal and rng.random() < ANIMAL_LABEL_RATE:
            before = self.choose(T.ANIMAL_BEFORE)
            self.context.append("kind word before")
        parts = T.parts_of(intent, kind, name.text)
        if intent == "height" and name.text in data.HEIGHT_PARTS:
            parts = Options(parts.train + data.HEIGHT_PARTS[name.text], parts.hidden)
        roll = rng.random()
        if parts.train and roll < PART_RATE:
            after = self.choose(parts)
            self.context.append("part after")
        elif (
            not before
            and intent != "definition"
            and particle in _PARTICLES_AFTER_A_NOUN
            and roll < PART_RATE + DESCRIPTOR_RATE
        ):
            options = T.descriptor_options(kind, name.text)
            if name.wikidata not in T.CLASS_WORDS_BEFORE_ONLY:
                options = options.merged(class_words)
            options = Options(options.train + name.after, options.hidden)
            if options.train:
                descriptor = self.choose(options)
                if descriptor and not repeats_head(name.text, descriptor):
                    after = descriptor
                    self.context.append("generic noun after")
        if not before and rng.random() < MODIFIER_RATE:
            family = K.KIND_FAMILY[kind]
            table = T.PLACE_MODIFIERS.get(family, kind if kind in T.MODIFIERS else family)
            if name.text in _LOCAL_PLACES and rng.random() < LOCAL_MODIFIER_SHARE:
                table = "local"
            before = self.choose(T.MODIFIERS.get(table) or T.MODIFIERS["*"])
            self.context.append("description before")
        return (before + " " if before else ""), (" " + after if after else "")

    def entity_pieces(self, name: Name, kind: str, intent: str, particle: str) -> list[Piece]:
        """Return the entity with the context next to it and its glued particle."""
        self.context = []
        if K.KIND_FAMILY[kind] == "person":
            before, after = self.person_context(name, intent)
        else:
            before, after = self.thing_context(name, kind, intent, particle)
        entity = name.text
        if (after.strip() and self.names_a_name(entity + after)) or (
            before and self.names_a_name(before + entity)
        ):
            before, after = "", ""
            self.context = []
        spaced = K.with_spaced_head(entity) if K.KIND_FAMILY[kind] != "person" else None
        if " " in entity and self.rng.random() < UNSPACED_ENTITY_RATE:
            entity = entity.replace(" ", "")
        elif spaced and self.rng.random() < SPACED_HEAD_RATE:
            entity = spaced
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
        if kind == "train_aircraft":
            return T.vehicle_group(name.text)
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

        short = rng.random() < SHORT_QUERY_RATE
        frame = self.choose_short_frame(intent) if short else self.choose_frame(intent, group)
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
        if not short and "검색" not in frame.template and rng.random() < SEARCH_LEAD_RATE:
            pieces.append(Piece(self.choose(T.SEARCH_LEADS) + " "))
        elif mode == "lead":
            pieces.append(Piece(self._source_phrase(self.choose(T.SOURCE_LEADS), source) + " "))

        position = 0
        for match in _SLOT.finditer(frame.template):
            pieces.append(Piece(frame.template[position : match.start()]))
            position = match.end()
            slot, argument = match.group(1), match.group(2) or ""
            if slot == "E":
                pieces.extend(self.entity_pieces(name, kind, intent, argument))
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
            elif slot == "T":
                text = self.choose(T.SHORT_ENDINGS[intent])
            elif slot == "S":
                text = self.choose(T.SHORT_QUESTIONS[intent])
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
            report.context.update(set(maker.context))
            report.context["any"] += bool(maker.context)
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


def read_first_corpus(path: Path, hidden: list[Row]) -> tuple[list[Row], int]:
    """Return the rows of the frozen first corpus whose entity the hidden set does not hold
    (spacing ignored), and how many were left out for it."""
    held_out = {spacing_key(_entity(row)) for row in hidden}
    rows = [
        tuple(line.split("\t"))
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    kept = [row for row in rows if spacing_key(_entity(row)) not in held_out]
    return kept, len(rows) - len(kept)  # type: ignore[return-value]


def _entity(row: Row) -> str:
    _, tags, sentence = row
    return "".join(char for char, tag in zip(sentence, tags, strict=True) if tag != "C")


def write_corpus(
    out_dir: Path,
    seed: int = DEFAULT_SEED,
    train_per_intent: int = 900,
    hidden_per_intent: int = 100,
    strict_kiwi_model: bool = True,
    first_corpus: Path | None = None,
) -> dict[str, Path]:
    """Write ``trainset.txt`` and ``test_hidden.txt`` to ``out_dir``; return their paths by name.

    ``first_corpus``: a frozen corpus file whose rows (less those of a hidden entity) follow the
    generated training rows in ``trainset.txt`` (the project's default: ``FIRST_CORPUS``)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    train, hidden = generate_corpus(seed, train_per_intent, hidden_per_intent, strict_kiwi_model)
    if first_corpus is not None:
        train = train + read_first_corpus(first_corpus, hidden)[0]
    paths = {"trainset": out_dir / "trainset.txt", "test_hidden": out_dir / "test_hidden.txt"}
    for name, rows in (("trainset", train), ("test_hidden", hidden)):
        paths[name].write_bytes(format_rows(rows).encode("utf-8"))
    return paths
