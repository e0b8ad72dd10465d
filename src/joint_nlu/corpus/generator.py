"""Sentence generator: turns intents, entity pools and phrasings into tagged rows."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from joint_nlu.corpus import templates as T
from joint_nlu.corpus.hangul import attach, copula_forms, is_hangul_syllable, typo, verb_forms
from joint_nlu.corpus.lexicon import (
    HIDDEN,
    PERSON_KINDS,
    TRAIN,
    EntityPools,
    build_entity_pools,
    spacing_key,
)

DEFAULT_SEED = 20240611
INTENTS: tuple[str, ...] = tuple(sorted(T.INTENT_SPECS))

Row = tuple[str, str, str]

# How often each optional ingredient appears in a row.
FILLER_RATE = 0.1
SOURCE_RATE = 0.12
TYPO_RATE = 0.07
CONTEXT_PREFIX_RATE = 0.2
TAIL_RATE = 0.12
# People: a title after the name, a title or role before it, or an epithet before it.
TITLE_AFTER_RATE = 0.14
TITLE_BEFORE_RATE = 0.06
PERSON_MODIFIER_RATE = 0.08
BOTH_SIDES_RATE = 0.15
# Other entities: a generic noun after the name, a part named after it, a description before it.
DESCRIPTOR_RATE = 0.13
# kinds whose generic noun is often said (``[F-16] 전투기``, ``[발리] 섬``)
DESCRIPTOR_BOOST = {"weapon": 2.0, "train_aircraft": 2.0, "island": 2.0, "park": 2.0, "lake": 1.5}
PART_RATE = 0.15
MODIFIER_RATE = 0.11
CONTEXT_NAME_RATE = 0.04
UNSPACED_ENTITY_RATE = 0.12
SPACED_PARTICLE_RATE = 0.05
# Hidden rows drawn as "novel" must use at least one hidden-only phrasing option.
NOVEL_ROW_RATE = 0.4
NOVEL_SLOT_RATE = 0.35
PREDICATE_FRAME_BOOST = 1.8

_SLOT = re.compile(r"\{(\w+)(?::([^}]*))?\}")


@dataclass
class Piece:
    """A run of sentence text that is either the entity mention or context."""

    text: str
    entity: bool = False


def _weighted(
    rng: random.Random, pairs: tuple[tuple[str, float], ...] | list[tuple[str, float]]
) -> str:
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
    """Draws entities of a kind from one split, cycling through a shuffled pool."""

    def __init__(self, pools: EntityPools, split: str, rng: random.Random) -> None:
        self.pools, self.split, self.rng = pools, split, rng
        self.queues: dict[str, list[str]] = {}

    def draw(self, kind: str) -> str:
        queue = self.queues.get(kind)
        if not queue:
            queue = list(self.pools.pool(self.split, kind))
            self.rng.shuffle(queue)
            self.queues[kind] = queue
        return queue.pop()


class _RowMaker:
    """Builds one tagged sentence at a time for a split."""

    def __init__(self, pools: EntityPools, split: str, rng: random.Random) -> None:
        self.rng = rng
        self.split = split
        self.pools = pools
        self.entities = _EntitySampler(pools, split, rng)
        self.novel = False
        self.used_hidden = False

    # -- choosing -------------------------------------------------------------------------
    def choose(self, options: T.Options) -> str:
        """Pick an option; in a novel hidden row, often one that training never uses."""
        if self.novel and options.hidden and self.rng.random() < NOVEL_SLOT_RATE:
            self.used_hidden = True
            return self.rng.choice(options.hidden)
        return self.rng.choice(options.train)

    def choose_frame(self, intent: str) -> T.Frame:
        frames: list[tuple[T.Frame, float]] = [(f, f.weight) for f in T.ATTRIBUTE_FRAMES]
        frames += [(f, f.weight * PREDICATE_FRAME_BOOST) for f in T.PREDICATE_FRAMES]
        if intent == "definition":
            frames += [(f, f.weight * 1.5) for f in T.DEFINITION_FRAMES]
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

    # -- entity ---------------------------------------------------------------------------
    def names_an_entity(self, text: str) -> bool:
        """Return whether ``text`` (in any spacing) is itself an entity name of the lexicon."""
        return spacing_key(text) in self.pools.split_of_key

    def superlative(self, entity: str, kind: str, intent: str) -> str:
        """Return a description such as ``세계에서 제일 큰 사막인`` for the entity's kind."""
        noun = T.KIND_NOUNS[kind]
        if kind in ("weapon", "train_aircraft"):
            noun = T.descriptor_options(kind, entity).train[0]
        elif kind == "region":
            noun = next((w for w in ("사막", "반도", "열대우림") if w in entity), noun)
        if kind in PERSON_KINDS:
            table = T.PERSON_SUPERLATIVES
            adjective = self.choose(table.get(intent) or table["*"])
        else:
            adjective = self.choose(T.SUPERLATIVE_ADJECTIVES[intent])
        phrase = f"{self.choose(T.SCOPES)} {self.choose(T.MOST)} {adjective} {noun}"
        return phrase + ("인" if self.rng.random() < 0.6 else "")

    def modifier(self, entity: str, kind: str, intent: str) -> str:
        """Return a description placed before the entity: not part of its name."""
        rng = self.rng
        roll = rng.random()
        if kind in PERSON_KINDS:
            if roll < 0.7:
                return self.choose(T.PERSON_MODIFIERS)
            if roll < 0.85:
                return self.choose(T.COMMON_MODIFIERS)
            return self.superlative(entity, kind, intent)
        if roll < 0.4 and kind in T.KIND_MODIFIERS:
            return self.choose(T.KIND_MODIFIERS[kind])
        if roll < 0.6 and kind in T.PLACE_KINDS:
            return self.choose(T.PLACE_MODIFIERS)
        if roll < 0.68 and kind in ("weapon", "train_aircraft"):
            return self.choose(T.descriptor_options(kind, entity))
        if roll < 0.8 and intent != "definition":
            return self.superlative(entity, kind, intent)
        return self.choose(T.COMMON_MODIFIERS)

    def entity_pieces(self, entity: str, kind: str, intent: str, particle: str) -> list[Piece]:
        """Return the entity with titles, modifiers, descriptors and its glued particle around it."""
        rng = self.rng
        before, after = "", ""
        if kind in PERSON_KINDS:
            after_rate = TITLE_AFTER_RATE * (1.5 if intent == "belong_to" else 1.0)
            roll = rng.random()
            if roll < after_rate:
                title = self.choose(T.PERSON_TITLES_AFTER)
                glued = title in T.GLUED_TITLES and rng.random() < 0.7
                glued = glued or (len(title) <= 2 and " " not in title and rng.random() < 0.08)
                after = ("" if glued else " ") + title
                if rng.random() < BOTH_SIDES_RATE:
                    before = self.modifier(entity, kind, intent) + " "
            elif roll < after_rate + TITLE_BEFORE_RATE:
                before = self.choose(T.PERSON_TITLES_BEFORE) + " "
            elif roll < after_rate + TITLE_BEFORE_RATE + PERSON_MODIFIER_RATE:
                before = self.modifier(entity, kind, intent) + " "
            elif intent != "belong_to" and rng.random() < CONTEXT_NAME_RATE:
                group = self.entities.draw(rng.choice(("team", "band", "company")))
                before = group + rng.choice((" ", " ", "의 ", " 소속 "))
        else:
            parts = T.PARTS.get(intent, {}).get(kind)
            roll = rng.random()
            if parts and roll < PART_RATE:
                after = " " + self.choose(parts)
            elif roll < PART_RATE + DESCRIPTOR_RATE * DESCRIPTOR_BOOST.get(kind, 1.0):
                descriptor = self.choose(T.descriptor_options(kind, entity))
                if descriptor and not T.descriptor_clashes(entity, descriptor):
                    after = " " + descriptor
            if rng.random() < MODIFIER_RATE:
                before = self.modifier(entity, kind, intent) + " "
        if (after and self.names_an_entity(entity + after)) or (
            before and self.names_an_entity(before + entity)
        ):
            before, after = "", ""
        if " " in entity and rng.random() < UNSPACED_ENTITY_RATE:
            entity = entity.replace(" ", "")
        if particle == "에대해":
            particle_text = self.choose(T.ABOUT_PARTICLES)
        else:
            particle_text = attach(after or entity, particle, rng) if particle else ""
        pieces = [Piece(before)] if before else []
        pieces.append(Piece(entity, entity=True))
        if after or particle_text:
            pieces.append(Piece(after + particle_text))
        return pieces

    # -- sentence -------------------------------------------------------------------------
    def make(self, intent: str, novel: bool) -> tuple[list[Piece], str]:
        """Return the pieces of one sentence of ``intent`` and its entity."""
        for _ in range(20):
            self.novel, self.used_hidden = novel, False
            pieces, entity = self._attempt(intent)
            if not novel or self.used_hidden:
                return pieces, entity
        return pieces, entity

    def _attempt(self, intent: str) -> tuple[list[Piece], str]:
        rng = self.rng
        spec = T.INTENT_SPECS[intent]
        kind = _weighted(rng, spec.kinds)
        group = T.GROUP_OF_KIND[kind]
        entity = self.entities.draw(kind)
        frame = self.choose_frame(intent)
        register = self.choose_register()
        attribute = self.choose(spec.for_group(spec.attributes, group))
        source = self.choose(T.SOURCES) if rng.random() < SOURCE_RATE else ""
        source_mode = ""
        if source:
            has_request = "{R}" in frame.template
            source_mode = rng.choices(
                ("prefix", "request", "suffix"), weights=(55, 30 if has_request else 0, 15)
            )[0]

        def value_question() -> str:
            questions = T.VALUE_QUESTIONS[spec.question].merged(
                spec.for_group(spec.extra_questions, group)
            )
            if spec.units and rng.random() < 0.35:
                unit = self.choose(spec.for_group(spec.units, group))
                return f"몇 {unit}#cop"
            return self.choose(questions)

        def predicate(embedded: bool) -> str:
            options = spec.for_group(spec.predicates, group)
            for _ in range(10):
                item = self.choose(options)
                if not (embedded and item.endswith("#fixed")):
                    return item
            return "어떻게 #되"

        pieces: list[Piece] = []
        if rng.random() < FILLER_RATE:
            filler = self.choose(T.FILLERS)
            pieces.append(Piece(filler + ("," if rng.random() < 0.25 else "") + " "))
        if rng.random() < CONTEXT_PREFIX_RATE:
            options = T.CONTEXT_PREFIXES
            if rng.random() < 0.35:
                options = T.INTENT_CONTEXT_PREFIXES[intent]
            prefix = Piece(self.choose(options) + ("," if rng.random() < 0.2 else "") + " ")
            pieces.insert(rng.randint(0, len(pieces)), prefix)
        if source_mode == "prefix":
            pieces.append(Piece(self._source_phrase(self.choose(T.SOURCE_PREFIXES), source) + " "))

        position = 0
        for match in _SLOT.finditer(frame.template):
            pieces.append(Piece(frame.template[position : match.start()]))
            position = match.end()
            slot, argument = match.group(1), match.group(2) or ""
            if slot == "E":
                pieces.extend(self.entity_pieces(entity, kind, intent, argument))
                continue
            if slot == "A":
                text = attribute + (attach(attribute, argument, rng) if argument else "")
            elif slot == "Q":
                text = _conjugate(value_question(), register)
            elif slot == "QE":
                text = _conjugate(value_question(), "embedded")
            elif slot == "P":
                text = _conjugate(predicate(False), register)
            elif slot == "PE":
                text = _conjugate(predicate(True), "embedded")
            elif slot == "R":
                if source_mode == "request":
                    text = self._source_phrase(self.choose(T.SOURCE_REQUESTS), source)
                else:
                    text = self.choose(T.REQUESTS)
            elif slot == "TERM":
                term = self.choose(T.TERMS)
                text = term + (attach(term, argument, rng) if argument else "")
            else:
                table = {"RE": T.AFTER_EMBEDDED, "FEEL": T.FEELINGS, "KNOW": T.KNOW,
                         "SEARCH": T.SEARCH, "EXPLAIN": T.EXPLAIN}  # fmt: skip
                text = self.choose(table[slot])
            pieces.append(Piece(text))
        pieces.append(Piece(frame.template[position:]))
        if source_mode == "suffix":
            pieces.append(Piece(" " + self._source_phrase(self.choose(T.SOURCE_REQUESTS), source)))
        if rng.random() < TAIL_RATE:
            options = T.INTENT_TAILS[intent] if rng.random() < 0.5 else T.TAILS
            pieces.append(Piece(_weighted(rng, T.TAIL_SEPARATORS) + self.choose(options)))
        return [p for p in pieces if p.text], entity

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
        if mode < 0.25:
            self._drop_spaces(pieces, 0.35)
        elif mode < 0.35:
            self._drop_spaces(pieces, 1.0)
        elif mode < 0.42:
            self._split_word(pieces)
        if rng.random() < SPACED_PARTICLE_RATE:
            for i, piece in enumerate(pieces[:-1]):
                if piece.entity and not pieces[i + 1].text.startswith(" "):
                    pieces[i + 1].text = " " + pieces[i + 1].text
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
        index, word_index = self.rng.choice(candidates)
        words = pieces[index].text.split(" ")
        words[word_index] = typo(words[word_index], self.rng)
        pieces[index].text = " ".join(words)

    def _drop_spaces(self, pieces: list[Piece], rate: float) -> None:
        for piece in pieces:
            if not piece.entity:
                piece.text = "".join(c for c in piece.text if c != " " or self.rng.random() >= rate)

    def _split_word(self, pieces: list[Piece]) -> None:
        candidates = [
            (i, j)
            for i, piece in enumerate(pieces)
            if not piece.entity
            for j in range(1, len(piece.text))
            if is_hangul_syllable(piece.text[j - 1]) and is_hangul_syllable(piece.text[j])
            and not (j == 1 and i > 0 and pieces[i - 1].entity)
        ]  # fmt: skip
        if candidates:
            i, j = self.rng.choice(candidates)
            pieces[i].text = pieces[i].text[:j] + " " + pieces[i].text[j:]


def _to_row(intent: str, pieces: list[Piece]) -> Row:
    """Join pieces into ``(intent, tags, sentence)``, tidying spaces outside the entity."""
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


def _extends_into_another_name(row: Row, pools: EntityPools) -> bool:
    """Return whether the word glued after the entity, or the word before it, would make the
    mention another name of the lexicon (``[김정]은`` when ``김정은`` is a name): such a row would
    teach the tagger a boundary that contradicts the lexicon, so it is drawn again."""
    _, tags, sentence = row
    match = re.search(r"E+", tags)
    if match is None:
        return False
    entity = spacing_key(sentence[match.start() : match.end()])
    after = sentence[match.end() :].strip().split(" ")[0] if sentence[match.end() :].strip() else ""
    before = (
        sentence[: match.start()].rstrip().split(" ")[-1]
        if sentence[: match.start()].strip()
        else ""
    )
    for extended in (entity + spacing_key(after), spacing_key(before) + entity):
        if extended != entity and extended in pools.split_of_key:
            return True
    return False


def _generate_split(
    pools: EntityPools, split: str, per_intent: int, rng: random.Random, novel_rate: float
) -> list[Row]:
    maker = _RowMaker(pools, split, rng)
    rows: list[Row] = []
    seen: set[str] = set()
    for intent in INTENTS:
        made = 0
        while made < per_intent:
            pieces, _ = maker.make(intent, novel=rng.random() < novel_rate)
            row = _to_row(intent, maker.add_noise(pieces))
            if row[2] in seen or _extends_into_another_name(row, pools):
                continue
            seen.add(row[2])
            rows.append(row)
            made += 1
    rng.shuffle(rows)
    return rows


def generate_corpus(
    seed: int = DEFAULT_SEED, train_per_intent: int = 900, hidden_per_intent: int = 100
) -> tuple[list[Row], list[Row]]:
    """Return ``(train_rows, hidden_rows)`` of ``(intent, tags, sentence)``, deterministic in ``seed``."""
    pools = build_entity_pools(seed)
    train = _generate_split(pools, TRAIN, train_per_intent, random.Random(f"train-{seed}"), 0.0)
    hidden = _generate_split(
        pools, HIDDEN, hidden_per_intent, random.Random(f"hidden-{seed}"), NOVEL_ROW_RATE
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
) -> dict[str, Path]:
    """Write ``trainset.txt`` and ``test_hidden.txt`` to ``out_dir``; return their paths by name."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    train, hidden = generate_corpus(seed, train_per_intent, hidden_per_intent)
    paths = {"trainset": out_dir / "trainset.txt", "test_hidden": out_dir / "test_hidden.txt"}
    for name, rows in (("trainset", train), ("test_hidden", hidden)):
        paths[name].write_bytes(format_rows(rows).encode("utf-8"))
    return paths
