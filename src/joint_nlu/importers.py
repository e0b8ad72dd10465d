"""Importers: other corpus formats to the project's raw TSV (no Kedro, no MXNet).

Two layouts are read:

- **JointBERT** (ATIS, SNIPS): `SRC/{train,dev,test}/seq.in` (words separated by spaces),
  `seq.out` (one BIO slot tag per word) and `label` (the intent), one sentence per line.
- **CoNLL-style BIO**: one token and its tag per line (whitespace-separated; the tag is the last
  column, the token the first), a blank line between sentences. The intent of a sentence is
  given by a `# intent = X` comment line before it, or else by a default intent.

The mapping to `intent<TAB>tags<TAB>sentence`: sentence = the words joined by single spaces;
the entity tag for every character of a word whose slot tag is not `O`, and for the one space
between two consecutive words of the same span (a `B-x` or `I-x` followed by `I-x`); the outside
tag (`C`) everywhere else. Untyped, every entity is `E`; typed (`typed=True`), each slot type
gets its own one-character tag (see `assign_tag_letters`).

Nothing is dropped in silence: every sentence that cannot be converted becomes a `Skipped`
record with its file, line and reason. Source files are only read, never changed.
"""

from __future__ import annotations

import csv
import json
import string
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

OUTSIDE_TAG = "C"
ENTITY_TAG = "E"
JOINTBERT_SPLITS = ("train", "dev", "test")
JOINTBERT_FILES = ("seq.in", "seq.out", "label")
REPORT_COLUMNS = ["file", "line", "split", "reason", "content"]
# Tag letters for slot types, in order of preference after the type's own initials: letters,
# then digits and punctuation. Whitespace never (it separates fields); the outside tag never.
_FALLBACK_TAGS = (
    string.ascii_uppercase + string.ascii_lowercase + string.digits + (string.punctuation)
)
# How each BIO / BIOES / BILOU prefix continues a span: True = inside (continues the previous
# word's span of the same type), False = begins a new span.
_PREFIXES = {"B": False, "S": False, "U": False, "I": True, "E": True, "L": True}
ORPHAN_INSIDE = ("skip", "begin")
# invalid UTF-8 is read as U+FFFD; a file may also hold U+FFFD itself, from an earlier bad decode
_DAMAGED = (
    "damaged text: invalid UTF-8 or U+FFFD replacement characters (re-export the file as UTF-8)"
)


@dataclass
class Skipped:
    """A sentence (or line) that was not imported, and why."""

    file: str
    line: int
    split: str
    reason: str
    content: str = ""


@dataclass
class ImportResult:
    """Rows in the project's format, what was set aside, and the type-to-tag mapping used."""

    rows: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    tag_map: dict[str, str] = field(default_factory=dict)
    apostrophe_words: int = 0

    def summary(self) -> dict:
        """Return counts per split: rows written and sentences skipped."""
        splits = {
            name: {
                "rows": len(rows),
                "skipped": sum(item.split == name for item in self.skipped),
            }
            for name, rows in self.rows.items()
        }
        return {
            "splits": splits,
            "skipped": len(self.skipped),
            "split_apostrophe_words": self.apostrophe_words,
            "tag_map": self.tag_map,
        }


class ImportFormatError(ValueError):
    """The source cannot be read at all (missing files or folders): names what to fix."""


# ---- mapping --------------------------------------------------------------------------------


def parse_tag(tag: str) -> tuple[str | None, bool]:
    """Return (slot type or None for `O`, whether it continues a span) of one BIO-style tag.

    Raises ValueError for a tag that is neither `O` nor `<prefix>-<type>`.
    """
    if tag == "O":
        return None, False
    prefix, dash, slot_type = tag.partition("-")
    if not dash or prefix.upper() not in _PREFIXES or not slot_type:
        raise ValueError(f"tag {tag!r} is not O or B-/I-<type> (BIO; S-/E-, U-/L- also read)")
    return slot_type, _PREFIXES[prefix.upper()]


def bio_to_char_tags(
    words: Sequence[str],
    slot_tags: Sequence[str],
    tag_of_type: dict[str, str] | None = None,
    orphan_inside: str = "skip",
) -> tuple[str, str]:
    """Return (sentence, one tag per character) of words with BIO slot tags.

    `tag_of_type` maps a slot type to its tag letter; None tags every entity `E`. An inside
    tag that does not continue a span of its type (`I-x` without `B-x`) raises ValueError, or
    begins a new span with `orphan_inside="begin"`.
    """
    if len(words) != len(slot_tags):
        raise ValueError(f"{len(words)} words but {len(slot_tags)} tags")
    if orphan_inside not in ORPHAN_INSIDE:
        raise ValueError(f"orphan_inside {orphan_inside!r} is not one of {ORPHAN_INSIDE}")
    parsed = [parse_tag(tag) for tag in slot_tags]
    pieces: list[str] = []
    previous: str | None = None
    for index, (word, (slot_type, inside)) in enumerate(zip(words, parsed, strict=True)):
        if inside and slot_type != previous:
            if orphan_inside == "skip":
                before = f"after {slot_tags[index - 1]!r}" if index else "at the start"
                raise ValueError(
                    f"{slot_tags[index]!r} {before} (word {index + 1} {word!r}): "
                    f"an I- tag must follow B-{slot_type} or I-{slot_type}"
                )
            inside = False
        if index:
            joined = inside and slot_type is not None
            pieces.append(_letter(slot_type, tag_of_type) if joined else OUTSIDE_TAG)
        letter = OUTSIDE_TAG if slot_type is None else _letter(slot_type, tag_of_type)
        pieces.append(letter * len(word))
        previous = slot_type
    return " ".join(words), "".join(pieces)


def _letter(slot_type: str, tag_of_type: dict[str, str] | None) -> str:
    return ENTITY_TAG if tag_of_type is None else tag_of_type[slot_type]


def assign_tag_letters(
    slot_types: Iterable[str], existing: dict[str, str] | None = None
) -> dict[str, str]:
    """Return a one-character tag for every slot type, never the outside tag `C`.

    Types of `existing` keep their tags; the others, sorted, take the first free of: their
    initial (upper, then lower case), their other letters, A-Z, a-z, digits, punctuation.
    """
    mapping = dict(existing or {})
    used = set(mapping.values()) | {OUTSIDE_TAG}
    for slot_type in sorted(set(slot_types) - set(mapping)):
        letters = [c for c in slot_type if c.isascii() and c.isalpha()]
        initials = [c.upper() for c in letters[:1]] + [c.lower() for c in letters[:1]]
        others = [c.upper() for c in letters[1:]] + [c.lower() for c in letters[1:]]
        for candidate in [*initials, *others, *_FALLBACK_TAGS]:
            if candidate not in used:
                mapping[slot_type] = candidate
                used.add(candidate)
                break
        else:
            raise ValueError(
                f"more than {len(_FALLBACK_TAGS) - 1} slot types: no one-character tag left "
                f"for {slot_type!r}; import untyped (without --typed)"
            )
    return mapping


def check_tag_map(mapping: dict[str, str], source: str) -> dict[str, str]:
    """Return a type-to-tag mapping after checking every tag is one distinct non-space char."""
    for slot_type, tag in mapping.items():
        if not isinstance(tag, str) or len(tag) != 1 or tag.isspace() or tag == OUTSIDE_TAG:
            raise ImportFormatError(
                f"{source}: slot type {slot_type!r} maps to {tag!r}: each type needs one "
                f"non-space character other than the outside tag {OUTSIDE_TAG!r}"
            )
    if len(set(mapping.values())) != len(mapping):
        raise ImportFormatError(f"{source}: two slot types share a tag; give each its own")
    return mapping


# ---- reading files --------------------------------------------------------------------------


def read_lines(path: Path) -> list[str]:
    """Return the lines of a UTF-8 text file (a final newline adds no empty line).

    Invalid UTF-8 is replaced by U+FFFD and then reported by the importer.
    """
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def _is_apostrophe_word(word: str) -> bool:
    """Return whether a word is a split-off clitic such as `s`, `'s` or `t` (SNIPS: `what s`)."""
    return word.lstrip("'’") in {"s", "t", "m", "d", "ll", "re", "ve"}


def _sentence_problem(words: list[str], raw_line: str) -> str | None:
    if not words:
        return "empty sentence"
    if "\ufffd" in raw_line:
        return _DAMAGED
    return None


def import_jointbert(
    source: Path,
    typed: bool = False,
    tag_map: dict[str, str] | None = None,
    orphan_inside: str = "skip",
    splits: Sequence[str] = JOINTBERT_SPLITS,
) -> ImportResult:
    """Return the rows of every split folder of a JointBERT-layout corpus (seq.in/seq.out/label).

    With `typed`, the type-to-tag mapping covers the types of every split (and of
    `slot_label.txt` when present), so all splits share one alphabet.
    """
    source = Path(source)
    if not source.is_dir():
        raise ImportFormatError(f"no folder {source}: give the corpus root holding train/, ...")
    present = [name for name in splits if (source / name).is_dir()]
    if not present:
        raise ImportFormatError(
            f"{source} has none of the split folders {', '.join(splits)}: expected "
            f"{source}/train/seq.in, seq.out and label"
        )
    texts: dict[str, dict[str, list[str]]] = {}
    for name in present:
        missing = [f for f in JOINTBERT_FILES if not (source / name / f).is_file()]
        if missing:
            raise ImportFormatError(
                f"{source / name} lacks {', '.join(missing)}: each split folder needs "
                "seq.in (sentences), seq.out (BIO tags per word) and label (intents)"
            )
        texts[name] = {f: read_lines(source / name / f) for f in JOINTBERT_FILES}
    result = ImportResult()
    if typed:
        types = {
            parse_tag(tag)[0]
            for files in texts.values()
            for line in files["seq.out"]
            for tag in line.split()
            if _valid_tag(tag) and tag != "O"
        }
        label_file = source / "slot_label.txt"
        if label_file.is_file():
            types |= {
                parse_tag(tag)[0]
                for tag in read_lines(label_file)
                if _valid_tag(tag.strip()) and tag.strip() != "O"
            }
        result.tag_map = assign_tag_letters(types, check_tag_map(tag_map or {}, "tag map"))
    for name, files in texts.items():
        result.rows[name] = _jointbert_split(source / name, name, files, result, orphan_inside)
    return result


def _valid_tag(tag: str) -> bool:
    try:
        parse_tag(tag)
    except ValueError:
        return False
    return True


def _jointbert_split(
    folder: Path, split: str, files: dict[str, list[str]], result: ImportResult, orphan: str
) -> list[tuple[str, str, str]]:
    sentences, slot_lines, labels = (files[name] for name in JOINTBERT_FILES)
    counts = {name: len(lines) for name, lines in files.items()}
    common = min(counts.values())
    rows = []
    for index in range(common):
        number = index + 1
        words, tags, intent = sentences[index].split(), slot_lines[index].split(), labels[index]
        where = (str(folder / "seq.in"), number, split)
        problem = _sentence_problem(words, sentences[index])
        if problem is None and "\ufffd" in slot_lines[index] + intent:
            problem = f"seq.out or label: {_DAMAGED}"
        if problem is None and not intent.strip():
            problem = "empty intent in label"
        if problem is None and "\t" in intent.strip():
            problem = "intent contains a tab"
        if problem is None and len(words) != len(tags):
            problem = f"{len(words)} words in seq.in but {len(tags)} tags in seq.out"
        if problem is None:
            try:
                sentence, char_tags = bio_to_char_tags(words, tags, result.tag_map or None, orphan)
            except (ValueError, KeyError) as error:
                problem = f"seq.out: {error}"
        if problem is not None:
            result.skipped.append(Skipped(*where, problem, sentences[index]))
            continue
        result.apostrophe_words += sum(_is_apostrophe_word(word) for word in words)
        rows.append((intent.strip(), char_tags, sentence))
    if len(set(counts.values())) > 1:
        longest = max(counts, key=counts.get)
        lines = files[longest]
        described = ", ".join(f"{name} {count}" for name, count in counts.items())
        for index in range(common, len(lines)):
            result.skipped.append(
                Skipped(
                    str(folder / longest),
                    index + 1,
                    split,
                    f"line counts differ ({described} lines): no partner line in the others",
                    lines[index],
                )
            )
    return rows


def import_conll(
    source: Path,
    default_intent: str | None = None,
    typed: bool = False,
    tag_map: dict[str, str] | None = None,
    orphan_inside: str = "skip",
) -> ImportResult:
    """Return the rows of a CoNLL-style BIO file (split name: the file's stem).

    A line `# intent = X` sets the intent of the next sentence (else `default_intent`); other
    `#` lines and `-DOCSTART-` lines are ignored. Within a line, the first column is the token
    and the last its tag.
    """
    source = Path(source)
    if not source.is_file():
        raise ImportFormatError(f"no file {source}: give a CoNLL file (token and tag per line)")
    lines = read_lines(source)
    split = source.stem
    sentences: list[tuple[int, str | None, list[tuple[str, str]], list[str]]] = []
    result = ImportResult()
    pending_intent: str | None = None
    tokens: list[tuple[str, str]] = []
    problems: list[str] = []
    start = 0

    def close() -> None:
        nonlocal tokens, problems, pending_intent
        if tokens or problems:
            sentences.append((start, pending_intent, tokens, problems))
            pending_intent = None
        tokens, problems = [], []

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            close()
            continue
        if stripped.startswith("#"):
            key, equals, value = stripped.lstrip("#").partition("=")
            if equals and key.strip().lower() == "intent":
                close()
                if pending_intent is not None:
                    result.skipped.append(
                        Skipped(
                            str(source),
                            number,
                            split,
                            "intent line without a sentence "
                            f"before the next intent line ({pending_intent!r})",
                            line,
                        )
                    )
                if not value.strip():
                    result.skipped.append(
                        Skipped(str(source), number, split, "empty '# intent =' line", line)
                    )
                pending_intent = value.strip() or None
            continue
        fields = stripped.split()
        if fields[0] == "-DOCSTART-":
            close()
            continue
        if not tokens and not problems:
            start = number
        if len(fields) < 2:
            problems.append(f"line {number}: a token without a tag ({stripped!r})")
        elif "\ufffd" in stripped:
            problems.append(f"line {number}: {_DAMAGED}")
        else:
            tokens.append((fields[0], fields[-1]))
    close()
    if pending_intent is not None:
        result.skipped.append(
            Skipped(
                str(source),
                len(lines),
                split,
                "intent line at the end without a sentence",
                f"# intent = {pending_intent}",
            )
        )
    if typed:
        types = {
            parse_tag(tag)[0]
            for _, _, pairs, _ in sentences
            for _, tag in pairs
            if _valid_tag(tag) and tag != "O"
        }
        result.tag_map = assign_tag_letters(types, check_tag_map(tag_map or {}, "tag map"))
    rows = []
    for start, intent, pairs, problems in sentences:
        words = [word for word, _ in pairs]
        content = " ".join(f"{word}/{tag}" for word, tag in pairs)
        intent = intent or default_intent
        problem = problems[0] if problems else None
        if problem is None and not intent:
            problem = "no intent: add a '# intent = X' line before the sentence or pass --intent"
        if problem is None:
            try:
                sentence, char_tags = bio_to_char_tags(
                    words, [tag for _, tag in pairs], result.tag_map or None, orphan_inside
                )
            except (ValueError, KeyError) as error:
                problem = str(error)
        if problem is not None:
            result.skipped.append(Skipped(str(source), start, split, problem, content))
            continue
        result.apostrophe_words += sum(_is_apostrophe_word(word) for word in words)
        rows.append((intent, char_tags, sentence))
    result.rows[split] = rows
    return result


# ---- writing --------------------------------------------------------------------------------


def write_rows(rows: Iterable[tuple[str, str, str]], path: Path) -> Path:
    """Write rows as `intent<TAB>tags<TAB>sentence` lines (UTF-8, no header)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for intent, tags, sentence in rows:
            handle.write(f"{intent}\t{tags}\t{sentence}\n")
    return path


def write_report(skipped: Sequence[Skipped], path: Path) -> Path:
    """Write the skipped sentences as a CSV (file, line, split, reason, content)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REPORT_COLUMNS)
        writer.writeheader()
        writer.writerows(asdict(item) for item in skipped)
    return path


def write_tag_map(mapping: dict[str, str], path: Path) -> Path:
    """Write the type-to-tag mapping as JSON, with the outside tag."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"outside": OUTSIDE_TAG, "types": dict(sorted(mapping.items()))}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def read_tag_map(path: Path) -> dict[str, str]:
    """Return the type-to-tag mapping of a JSON file written by `write_tag_map` (or a flat dict)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ImportFormatError(f"tag map {path}: {error}") from error
    mapping = data.get("types", data) if isinstance(data, dict) else None
    if not isinstance(mapping, dict):
        raise ImportFormatError(f"tag map {path}: expected {{'types': {{slot_type: tag}}}}")
    return check_tag_map(mapping, str(path))
