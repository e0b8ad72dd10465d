"""Kiwi's proper-noun dictionaries, read from the installed ``kiwipiepy-model`` package.

``kiwipiepy_model`` ships ``multi.dict`` (multi-word names, each line ending with the Wikidata
class of its article, ``# Q5`` for a human) and ``default.dict`` (single-word proper nouns taken
from encyclopedia titles, without a class). This module reads both as plain text, keeps the
entries that are usable as entity names, and checks that the installed package is the one the
committed corpus was generated from (the corpus is reproducible byte for byte only then).

It knows nothing of entity kinds or intents (that is ``kinds.py``) and never copies the
dictionaries anywhere.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

# The kiwipiepy-model release the committed corpus was generated from, and the SHA-256 of the two
# files it reads. Generation refuses (or, when allowed, warns) if the installed package differs.
PINNED_KIWI_MODEL_VERSION = "0.24.0"
PINNED_SHA256: dict[str, str] = {
    "multi.dict": "e9eff7712d163b214c750333a5d388ab77b50ec386ae55b360babcd24c0c3195",
    "default.dict": "d4293e44b2588d0c3aabbce607a0f41ad3534abd31b34139847b127254e01549",
}

# A usable name: Hangul, Latin letters and digits, inner spaces, and only the punctuation that
# real titles keep inside a name (``F-16``, ``존 F. 케네디``).
_NAME = re.compile(r"[가-힣A-Za-z0-9](?:[가-힣A-Za-z0-9 .\-]*[가-힣A-Za-z0-9.])?")
_HANGUL = re.compile(r"[가-힣]")
MAX_NAME_CHARS = 20
MAX_NAME_WORDS = 4


class KiwiModelMismatch(ValueError):
    """The installed kiwipiepy-model is not the one the committed corpus was generated from."""


class MultiEntry(NamedTuple):
    """One line of ``multi.dict``: a name, the article title it spells, and its Wikidata class.

    ``title == form`` for the title itself; other forms are aliases (another spelling, the full
    name) that Kiwi maps onto the title.
    """

    title: str
    form: str
    wikidata: str


def model_dir() -> Path:
    """Return the folder of the installed ``kiwipiepy_model`` package."""
    try:
        import kiwipiepy_model
    except ImportError as error:  # pragma: no cover - the package is a dependency
        raise KiwiModelMismatch(
            "kiwipiepy-model is not installed: `pip install kiwipiepy-model=="
            f"{PINNED_KIWI_MODEL_VERSION}`"
        ) from error
    return Path(kiwipiepy_model.__file__).resolve().parent


def installed_version() -> str:
    """Return the version string of the installed ``kiwipiepy_model``."""
    import kiwipiepy_model

    return str(kiwipiepy_model.__version__)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def kiwi_model_differences(directory: Path | None = None, version: str | None = None) -> list[str]:
    """Return what differs between the installed dictionaries and the pinned ones (empty: same)."""
    directory = model_dir() if directory is None else Path(directory)
    version = installed_version() if version is None else version
    problems = []
    if version != PINNED_KIWI_MODEL_VERSION:
        problems.append(f"kiwipiepy-model {version} is installed, the corpus pins "
                        f"{PINNED_KIWI_MODEL_VERSION}")  # fmt: skip
    for name, expected in PINNED_SHA256.items():
        path = directory / name
        if not path.is_file():
            problems.append(f"{path} is missing")
        elif _sha256(path) != expected:
            problems.append(f"{path} is not the pinned file (SHA-256 differs)")
    return problems


def check_kiwi_model(
    strict: bool = True, directory: Path | None = None, version: str | None = None
) -> list[str]:
    """Check the installed kiwipiepy-model against the pinned one.

    With ``strict`` (the default) a difference raises ``KiwiModelMismatch`` naming the fix;
    otherwise it is returned and issued as a ``UserWarning`` (the corpus is then generated, but
    will not match the committed files byte for byte).
    """
    problems = kiwi_model_differences(directory, version)
    if not problems:
        return []
    message = (
        "; ".join(problems)
        + f". The committed corpus was generated with kiwipiepy-model=={PINNED_KIWI_MODEL_VERSION}"
        f": install it (`pip install kiwipiepy-model=={PINNED_KIWI_MODEL_VERSION}`), or pass "
        "--allow-other-kiwi-model to generate anyway (the files will then differ)."
    )
    if strict:
        raise KiwiModelMismatch(message)
    warnings.warn(message, UserWarning, stacklevel=2)
    return problems


def usable_name(form: str) -> bool:
    """Return whether a dictionary form can stand as an entity name in a question.

    Rejected: hanja and other scripts, punctuation beyond ``.``/``-`` inside the name,
    disambiguation-like or sentence-like titles (commas, colons, brackets), names longer than
    ``MAX_NAME_CHARS`` characters or ``MAX_NAME_WORDS`` words, doubled spaces, and names without
    any Hangul (Latin-only titles are left to the hand-written lexicons).
    """
    if not form or len(form) > MAX_NAME_CHARS or "  " in form:
        return False
    if _NAME.fullmatch(form) is None or not _HANGUL.search(form):
        return False
    return len(form.split(" ")) <= MAX_NAME_WORDS


@lru_cache(maxsize=4)
def _data_lines(path: Path) -> tuple[tuple[str, ...], ...]:
    """Return the tab-separated fields of every non-comment line of a dictionary file."""
    text = path.read_text(encoding="utf-8")
    return tuple(tuple(line.split("\t")) for line in text.splitlines() if line and line[0] != "#")


def _root(directory: str | None) -> Path:
    return model_dir() if directory is None else Path(directory)


@lru_cache(maxsize=4)
def multi_entries(
    directory: str | None = None,
    classes: frozenset[str] | None = None,
    aliased_only: frozenset[str] = frozenset(),
) -> tuple[MultiEntry, ...]:
    """Return the usable entries of ``multi.dict``, each once, in file order (the file is
    pinned by its SHA-256; whoever builds pools from them sorts the pools).

    ``classes`` keeps only those Wikidata classes (``"Q5"``); for the classes in
    ``aliased_only``, only titles that have at least one alias are kept (with their aliases).
    """
    lines = _data_lines(_root(directory) / "multi.dict")
    aliased: set[tuple[str, str]] = set()
    if aliased_only:
        for fields in lines:
            if len(fields) == 4 and fields[1] != "NNP" and fields[3][2:].strip() in aliased_only:
                aliased.add((fields[1][: -len("/NNP")], fields[3][2:].strip()))
    entries: dict[MultiEntry, None] = {}
    for fields in lines:
        if len(fields) != 4 or not fields[3].startswith("# Q"):
            continue
        form, analysis, _, wikidata = fields
        wikidata = wikidata[2:].strip()
        if classes is not None and wikidata not in classes:
            continue
        if analysis == "NNP":
            title = form
        elif analysis.endswith("/NNP") and "+" not in analysis:
            title = analysis[: -len("/NNP")]
        else:
            continue
        if wikidata in aliased_only and (title, wikidata) not in aliased:
            continue
        if usable_name(form) and (title == form or usable_name(title)):
            entries[MultiEntry(title, form, wikidata)] = None
    return tuple(entries)


@lru_cache(maxsize=2)
def default_words(directory: str | None = None) -> tuple[str, ...]:
    """Return the usable single-word proper nouns (``NNP``) of ``default.dict``, sorted."""
    words = {
        fields[0]
        for fields in _data_lines(_root(directory) / "default.dict")
        if len(fields) == 3 and fields[1] == "NNP" and " " not in fields[0]
    }
    return tuple(sorted(w for w in words if usable_name(w)))


@lru_cache(maxsize=2)
def frequent_default_words(directory: str | None = None) -> frozenset[str]:
    """Return the words of ``default.dict`` with the highest score Kiwi gives (-10): frequent in
    text, so more often common nouns (``지배권``, ``유수지``) than rare names."""
    return frozenset(
        fields[0]
        for fields in _data_lines(_root(directory) / "default.dict")
        if len(fields) == 3 and fields[1] == "NNP" and fields[2] == "-10.0000"
    )


def spacing_key(name: str) -> str:
    """Return a name without its spaces: the key under which spellings of one name meet."""
    return name.replace(" ", "")


@lru_cache(maxsize=2)
def dictionary_keys(directory: str | None = None) -> frozenset[str]:
    """Return the spacing-insensitive keys of every name in both dictionaries (all entries,
    usable or not), to tell whether a string is a name Kiwi's dictionaries know."""
    root = _root(directory)
    keys = {spacing_key(f[0]) for f in _data_lines(root / "multi.dict") if len(f) == 4}
    keys.update(
        spacing_key(f[0])
        for f in _data_lines(root / "default.dict")
        if len(f) == 3 and f[1] == "NNP"
    )
    return frozenset(keys)
