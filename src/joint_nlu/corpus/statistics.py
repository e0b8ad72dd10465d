"""Corpus statistics: sizes, diversity, train/hidden overlap, entity pools, and their Markdown
rendering (``joint-nlu corpus --stats``).

It describes the generated rows; it never changes them.
"""

from __future__ import annotations

import re
import statistics as stats
from collections import Counter
from collections.abc import Iterable

from joint_nlu.corpus.kinds import HELD_OUT_CLASSES, KIND_FAMILY, KINDS
from joint_nlu.corpus.lexicon import HIDDEN, ORIGINS, TRAIN, EntityPools

Row = tuple[str, str, str]

ENTITY_SLOT = "{E}"
_SPACING_AND_PUNCTUATION = re.compile(r"[\s?.!~,ㅎㅠ]+")


def entity_text(row: Row) -> str:
    """Return the text under the row's E tags (several E runs joined by a space)."""
    _, tags, sentence = row
    return " ".join(sentence[m.start() : m.end()] for m in re.finditer(r"E+", tags))


def skeleton(row: Row) -> str:
    """Return the sentence with its entity mention replaced by ``{E}``."""
    _, tags, sentence = row
    out, previous = [], "C"
    for char, tag in zip(sentence, tags, strict=True):
        if tag == "E":
            if previous != "E":
                out.append(ENTITY_SLOT)
        else:
            out.append(char)
        previous = tag
    return "".join(out)


def phrasing(row: Row) -> str:
    """Return the skeleton without spaces and final punctuation: the phrasing, spacing aside."""
    return _SPACING_AND_PUNCTUATION.sub("", skeleton(row))


def _percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _length_summary(rows: Iterable[Row]) -> dict[str, float]:
    lengths = [len(sentence) for _, _, sentence in rows]
    if not lengths:
        return {"min": 0, "median": 0, "p95": 0, "max": 0}
    return {
        "min": min(lengths),
        "median": stats.median(lengths),
        "p95": _percentile(lengths, 0.95),
        "max": max(lengths),
    }


def _overlap(train: set[str], hidden: set[str]) -> dict[str, float]:
    shared = train & hidden
    return {
        "shared": len(shared),
        "hidden_distinct": len(hidden),
        "hidden_share_unseen": round(1 - len(shared) / len(hidden), 4) if hidden else 0.0,
    }


PARTICLE_LIKE_ENDINGS = frozenset("은는이가의도로에과와을를")


def entity_shapes(rows: Iterable[Row]) -> dict[str, float]:
    """Return shares of entity mentions by length (characters without spaces: Hangul syllables,
    letters, digits), by number of words, and ending in a particle-like syllable."""
    entities = [entity_text(r) for r in rows]
    if not entities:
        return {}
    count = len(entities)
    lengths = [len(e.replace(" ", "")) for e in entities]
    words = [len(e.split()) for e in entities]
    shares: dict[str, float] = {}
    for size in range(1, 8):
        shares[f"length {size}"] = sum(n == size for n in lengths) / count
    shares["length 8+"] = sum(n >= 8 for n in lengths) / count
    shares["length 4+"] = sum(n >= 4 for n in lengths) / count
    shares["length 6+"] = sum(n >= 6 for n in lengths) / count
    for size in (1, 2, 3):
        shares[f"{size} word{'s' if size > 1 else ''}"] = sum(n == size for n in words) / count
    shares["4+ words"] = sum(n >= 4 for n in words) / count
    shares["ends in a particle-like syllable"] = (
        sum(e[-1] in PARTICLE_LIKE_ENDINGS for e in entities) / count
    )
    return {key: round(value, 4) for key, value in shares.items()}


def corpus_statistics(
    train_rows: list[Row], hidden_rows: list[Row], pools: EntityPools | None = None
) -> dict:
    """Return sizes, diversity and train/hidden overlap of a generated corpus (with ``pools``,
    also how many hidden rows ask about a name of a held-out Wikidata class)."""
    splits = {"train": train_rows, "hidden": hidden_rows}
    result: dict = {"rows": {}, "rows_per_intent": {}, "distinct_entities": {}, "distinct_skeletons": {},
                    "distinct_phrasings": {}, "sentence_length": {}, "distinct_characters": {}}  # fmt: skip
    entity_sets, skeleton_sets, phrasing_sets, char_sets = {}, {}, {}, {}
    for name, rows in splits.items():
        entity_sets[name] = {entity_text(r) for r in rows}
        skeleton_sets[name] = {skeleton(r) for r in rows}
        phrasing_sets[name] = {phrasing(r) for r in rows}
        char_sets[name] = {c for _, _, sentence in rows for c in sentence}
        result["rows"][name] = len(rows)
        result["rows_per_intent"][name] = dict(sorted(Counter(r[0] for r in rows).items()))
        result["distinct_entities"][name] = len(entity_sets[name])
        result["distinct_skeletons"][name] = len(skeleton_sets[name])
        result["distinct_phrasings"][name] = len(phrasing_sets[name])
        result["sentence_length"][name] = _length_summary(rows)
        result["distinct_characters"][name] = len(char_sets[name])
    train_phrasings = phrasing_sets["train"]
    result["overlap"] = {
        "entities": _overlap(entity_sets["train"], entity_sets["hidden"]),
        "skeletons": _overlap(skeleton_sets["train"], skeleton_sets["hidden"]),
        "phrasings": _overlap(train_phrasings, phrasing_sets["hidden"]),
        "sentences": _overlap({r[2] for r in train_rows}, {r[2] for r in hidden_rows}),
    }
    unseen_rows = sum(phrasing(r) not in train_phrasings for r in hidden_rows)
    result["hidden_rows_with_unseen_phrasing"] = (
        round(unseen_rows / len(hidden_rows), 4) if hidden_rows else 0.0
    )
    unseen_chars = char_sets["hidden"] - char_sets["train"]
    result["hidden_characters_unseen_in_train"] = len(unseen_chars)
    result["hidden_rows_with_unseen_character"] = sum(
        any(c in unseen_chars for c in sentence) for _, _, sentence in hidden_rows
    )
    result["entity_shapes"] = {name: entity_shapes(rows) for name, rows in splits.items()}
    if pools is not None:
        held_out = {
            n.key
            for kind in KINDS
            for n in pools.pool(HIDDEN, kind)
            if n.wikidata in HELD_OUT_CLASSES
        }
        result["hidden_rows_of_held_out_classes"] = sum(
            pools.key_of(entity_text(r)) in held_out for r in hidden_rows
        )
    result["distinct_characters"]["all"] = len(char_sets["train"] | char_sets["hidden"])
    return result


def statistics_markdown(stats_: dict) -> str:
    """Render ``corpus_statistics`` output as Markdown tables."""
    lines = ["| | train | hidden |", "|---|---:|---:|"]

    def row(label: str, train: object, hidden: object) -> None:
        lines.append(f"| {label} | {train} | {hidden} |")

    row("rows", stats_["rows"]["train"], stats_["rows"]["hidden"])
    row(
        "distinct entities",
        stats_["distinct_entities"]["train"],
        stats_["distinct_entities"]["hidden"],
    )
    row(
        "distinct skeletons (entity masked)",
        stats_["distinct_skeletons"]["train"],
        stats_["distinct_skeletons"]["hidden"],
    )
    row("distinct phrasings (spacing, punctuation ignored)", stats_["distinct_phrasings"]["train"],
        stats_["distinct_phrasings"]["hidden"])  # fmt: skip
    row(
        "distinct characters",
        stats_["distinct_characters"]["train"],
        stats_["distinct_characters"]["hidden"],
    )
    for key in ("min", "median", "p95", "max"):
        row(
            f"sentence length {key}",
            stats_["sentence_length"]["train"][key],
            stats_["sentence_length"]["hidden"][key],
        )

    lines += ["", "| intent | train | hidden |", "|---|---:|---:|"]
    intents = sorted(
        set(stats_["rows_per_intent"]["train"]) | set(stats_["rows_per_intent"]["hidden"])
    )
    for intent in intents:
        row(
            intent,
            stats_["rows_per_intent"]["train"].get(intent, 0),
            stats_["rows_per_intent"]["hidden"].get(intent, 0),
        )

    if "entity_shapes" in stats_:
        shapes = stats_["entity_shapes"]
        lines += ["", "| entity mentions | train | hidden |", "|---|---:|---:|"]
        for key in shapes["train"]:
            lines.append(
                f"| {key} | {shapes['train'][key]:.1%} | {shapes['hidden'].get(key, 0):.1%} |"
            )

    lines += ["", "| train/hidden overlap | shared | hidden distinct | share of hidden unseen in train |",
              "|---|---:|---:|---:|"]  # fmt: skip
    for name, overlap in stats_["overlap"].items():
        lines.append(
            f"| {name} | {overlap['shared']} | {overlap['hidden_distinct']} | {overlap['hidden_share_unseen']:.1%} |"
        )
    lines += [
        "",
        "| other | value |",
        "|---|---:|",
        f"| hidden rows whose phrasing never occurs in train | {stats_['hidden_rows_with_unseen_phrasing']:.1%} |",
        f"| distinct characters, both splits | {stats_['distinct_characters']['all']} |",
        f"| hidden characters never seen in train | {stats_['hidden_characters_unseen_in_train']} |",
        f"| hidden rows with such a character | {stats_['hidden_rows_with_unseen_character']} |",
    ]
    if "hidden_rows_of_held_out_classes" in stats_:
        lines.append(
            "| hidden rows asking about a held-out Wikidata class | "
            f"{stats_['hidden_rows_of_held_out_classes']} |"
        )
    return "\n".join(lines) + "\n"


def pools_markdown(pools: EntityPools) -> str:
    """Render how many names each kind has per split and origin (Kiwi's dictionaries, the
    hand-written lexicons, invented), and how many of them are of a held-out Wikidata class."""
    lines = [
        "| kind | family | train: kiwi / hand / invented | hidden: kiwi / hand / invented | "
        "hidden only (held-out class) |",
        "|---|---|---:|---:|---:|",
    ]
    for kind in KINDS:
        cells = []
        for split in (TRAIN, HIDDEN):
            cells.append(" / ".join(str(len(pools.pool(split, kind, o))) for o in ORIGINS))
        held = sum(n.wikidata in HELD_OUT_CLASSES for n in pools.pool(HIDDEN, kind))
        lines.append(f"| {kind} | {KIND_FAMILY[kind]} | {cells[0]} | {cells[1]} | {held} |")
    return "\n".join(lines) + "\n"
