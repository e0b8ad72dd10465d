"""Korean morphology (Kiwi): analysis, per-character features and allowed span boundaries.

What lives here: the analyser's settings (`AnalyserSettings`) and one analyser per settings per
process (`get_analyser`, `release_analyser`); what a saved model records about its analyser
and the check that the installed one can reproduce it (`analyser_description`,
`check_analyser`); `analyse`, raw sentences to morphemes in character offsets of the raw
string; the per-character feature columns that training, every prediction path and evaluation share (`morphology_features`);
and the masks of allowed span starts and ends that the `morphemes` decoding reads
(`boundary_masks`).

What must not: MXNet, Kedro, gluonnlp. `kiwipiepy` itself is imported only when an analyser is
first needed, so the features of already analysed sentences and the boundary masks work
without it.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import logging
import os
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

logger = logging.getLogger(__name__)

ANALYSER_NAMES = ("kiwi",)
ANALYSER_PACKAGES = ("kiwipiepy", "kiwipiepy-model")

# Feature columns of `morphology_features`, in order, and the number of values of each (0 is
# padding in every column).
MORPHOLOGY_FEATURES = ("morph_boundary", "morph_pos", "word_position")
MORPH_BOUNDARY, MORPH_POS, WORD_POSITION = range(len(MORPHOLOGY_FEATURES))

# morph_boundary values: may a span start / end at this character?
BOUNDARY_OUTSIDE, BOUNDARY_INSIDE, BOUNDARY_BEGIN, BOUNDARY_END, BOUNDARY_SINGLE = 1, 2, 3, 4, 5
# word_position values: where the character sits in its whitespace-separated word
WORD_SPACE, WORD_BEGIN, WORD_INSIDE, WORD_END, WORD_SINGLE = 1, 2, 3, 4, 5

# morph_pos values: coarse classes of Kiwi's Sejong-style tags
MORPH_POS_CLASSES = (
    "pad",
    "none",  # no morpheme covers the character (whitespace between words)
    "proper_noun",  # NNP
    "common_noun",  # NNG
    "bound_noun",  # NNB
    "numeral_pronoun",  # NR, NP
    "number",  # SN
    "foreign",  # SL
    "hanja",  # SH
    "predicate",  # VV, VA, VX, VCP, VCN (and their irregular -I / -R forms)
    "particle",  # J*
    "ending",  # E*
    "affix",  # XPN, XSN, XSV, XSA, XSM, XR
    "modifier",  # MM, MAG, MAJ
    "interjection",  # IC
    "symbol",  # SF, SP, SS, SSO, SSC, SE, SO, SW, SB
    "web",  # W_URL, W_EMAIL, W_HASHTAG, W_MENTION, W_SERIAL, W_EMOJI
    "other",  # UN, Z_CODA, Z_SIOT, USER0-4, anything else
)
_POS_NONE = MORPH_POS_CLASSES.index("none")
_EXACT_TAGS = {
    "NNP": "proper_noun",
    "NNG": "common_noun",
    "NNB": "bound_noun",
    "NR": "numeral_pronoun",
    "NP": "numeral_pronoun",
    "SN": "number",
    "SL": "foreign",
    "SH": "hanja",
    "XR": "affix",
    "MM": "modifier",
    "IC": "interjection",
}
# checked in order after the exact tags
_TAG_PREFIXES = (
    ("W_", "web"),
    ("V", "predicate"),
    ("J", "particle"),
    ("E", "ending"),
    ("XP", "affix"),
    ("XS", "affix"),
    ("MA", "modifier"),
    ("S", "symbol"),
)

MORPHOLOGY_VOCAB_SIZES = (BOUNDARY_SINGLE + 1, len(MORPH_POS_CLASSES), WORD_SINGLE + 1)

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# a whitespace-separated word: `\s` is `str.isspace` on str patterns
_WORD = re.compile(r"\S+")


class Morpheme(NamedTuple):
    """One morpheme of a sentence: `sentence[start:end]`, end exclusive, with Kiwi's tag."""

    start: int
    end: int
    tag: str


class AnalyserMismatchError(ValueError):
    """The installed analyser cannot reproduce the analyses a model was trained on."""


@dataclass(frozen=True)
class AnalyserSettings:
    """Everything that changes what `analyse` returns. Defaults are Kiwi's own.

    `default_dict`, `multi_dict`, `typo_dict`: Kiwi's built-in dictionaries of single-word
    proper nouns, multi-word names (Wikidata) and common typos (`load_default_dict`,
    `load_multi_dict`, `load_typo_dict`). `model_type`: Kiwi's language model (None: Kiwi's
    default, the fastest installed one). `typos`: Kiwi's typo correction (None: off; e.g.
    "basic"). `split_complex`, `saisiot`: the `tokenize` options of the same names.
    `max_chars` (default 4096): only the first `max_chars` characters of a sentence are
    analysed, the rest gets no morpheme. `chunk_chars` (default 512): a longer sentence is
    analysed in pieces of at most this many characters, cut at whitespace where there is any.
    Kiwi's time grows faster than linearly on long runs without spaces; both bound the cost of
    one sentence and leave every real question untouched.
    """

    name: str = "kiwi"
    default_dict: bool = True
    multi_dict: bool = True
    typo_dict: bool = True
    model_type: str | None = None
    typos: str | None = None
    split_complex: bool = False
    saisiot: bool | None = None
    max_chars: int = 4096
    chunk_chars: int = 512

    def __post_init__(self) -> None:
        if self.name not in ANALYSER_NAMES:
            raise ValueError(f"analyser {self.name!r} is not one of {ANALYSER_NAMES}")
        if self.max_chars < 1 or self.chunk_chars < 1:
            raise ValueError(
                f"max_chars ({self.max_chars}) and chunk_chars ({self.chunk_chars}) must be >= 1"
            )

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as a JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> AnalyserSettings:
        """Return settings from a dict of `to_dict`; missing keys take the defaults."""
        known = {field.name for field in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown analyser settings {unknown}; known: {sorted(known)}")
        return cls(**dict(values))

    def kiwi_options(self) -> tuple[tuple[str, Any], ...]:
        """Return the options that make one Kiwi instance differ from another (a cache key)."""
        return (
            ("load_default_dict", self.default_dict),
            ("load_multi_dict", self.multi_dict),
            ("load_typo_dict", self.typo_dict),
            ("model_type", self.model_type),
            ("typos", self.typos),
        )


class _Analyser(NamedTuple):
    kiwi: Kiwi
    lock: threading.Lock


_ANALYSERS: dict[tuple[tuple[str, Any], ...], _Analyser] = {}
_ANALYSERS_LOCK = threading.Lock()
# Analysers inherited through fork: Kiwi's worker threads do not survive it (a batch then
# waits for ever), so a forked child loads its own; the inherited ones are kept, never used
# nor destroyed (their destructor could wait on the missing threads too).
_INHERITED: list[_Analyser] = []


def _forget_analysers_after_fork() -> None:
    global _ANALYSERS_LOCK
    _INHERITED.extend(_ANALYSERS.values())
    _ANALYSERS.clear()
    _ANALYSERS_LOCK = threading.Lock()  # another thread may have held it at the fork


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_forget_analysers_after_fork)


def _analyser(settings: AnalyserSettings) -> _Analyser:
    """Return the one (Kiwi, lock) of these settings in this process, creating it once."""
    key = settings.kiwi_options()
    found = _ANALYSERS.get(key)
    if found is not None:
        return found
    # threads asking at the same time wait here for the one that loads (1-2 s)
    with _ANALYSERS_LOCK:
        found = _ANALYSERS.get(key)
        if found is None:
            from kiwipiepy import Kiwi

            kiwi = Kiwi(**dict(key))
            kiwi.tokenize("")  # Kiwi initialises lazily: finish loading now, not mid-request
            found = _ANALYSERS[key] = _Analyser(kiwi, threading.Lock())
    return found


def get_analyser(settings: AnalyserSettings | None = None) -> Kiwi:
    """Return this process's Kiwi for the settings, loading it on the first call (1-2 s).

    Threads that ask at the same time get the same instance, loaded once; a process forked
    from one that had loaded it loads its own on first use. Kiwi's documentation
    says nothing of calling one instance from several threads at once, so `analyse` serialises
    its calls per instance (Kiwi holds the GIL while it analyses, and a batch already runs on
    Kiwi's own worker threads, so the lock costs little); code that calls the returned Kiwi
    directly from several threads must do the same.
    """
    return _analyser(settings or AnalyserSettings()).kiwi


def analyser_loaded(settings: AnalyserSettings | None = None) -> bool:
    """Return whether this process holds a Kiwi of these settings (loaded by an earlier call)."""
    return (settings or AnalyserSettings()).kiwi_options() in _ANALYSERS


def release_analyser(settings: AnalyserSettings | None = None) -> None:
    """Let go of this process's Kiwi of these settings, so its memory can be freed.

    For a process whose later work needs no analysis (a `kedro run` trains and evaluates
    from the analyses data_processing saved); a later analysis loads it again (1-2 s, more on
    a busy machine). Calls already running keep the instance they have.
    """
    with _ANALYSERS_LOCK:
        _ANALYSERS.pop((settings or AnalyserSettings()).kiwi_options(), None)


def installed_versions() -> dict[str, str | None]:
    """Return the installed versions of kiwipiepy and kiwipiepy-model (None: not installed)."""
    versions: dict[str, str | None] = {}
    for package in ANALYSER_PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    return versions


def analyser_description(settings: AnalyserSettings | None = None) -> dict[str, Any]:
    """Return what a saved model records of its analyser: name, options and package versions."""
    settings = settings or AnalyserSettings()
    versions = installed_versions()
    missing = [package for package, version in versions.items() if version is None]
    if missing:
        raise ModuleNotFoundError(
            f"the Korean analyser needs {' and '.join(missing)}: "
            "pip install kiwipiepy==0.24.1 kiwipiepy-model==0.24.0"
        )
    return {
        "name": settings.name,
        "options": settings.to_dict(),
        "kiwipiepy": versions["kiwipiepy"],
        "kiwipiepy_model": versions["kiwipiepy-model"],
    }


def _minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def check_analyser(
    description: Mapping[str, Any], settings: AnalyserSettings | None = None
) -> AnalyserSettings:
    """Return the settings a model was analysed with, or raise `AnalyserMismatchError`.

    The installed analyser cannot reproduce the model's analyses, and this refuses, when: the
    description is not one of `analyser_description`; its analyser or options are unknown here;
    `settings` is given and differs from the recorded options; kiwipiepy or kiwipiepy-model is
    missing; the kiwipiepy-model version differs (it holds the language model and the
    dictionaries, the analyses change with it); or kiwipiepy's major.minor version differs.
    A kiwipiepy patch release alone is only logged as a warning: patches fix bugs without
    changing the model format, and refusing them would block a user's security update.
    """
    required = ("name", "options", "kiwipiepy", "kiwipiepy_model")
    if not isinstance(description, Mapping) or any(key not in description for key in required):
        raise AnalyserMismatchError(
            f"the model's analyser description {description!r} lacks {list(required)}: "
            "the model directory is damaged or from another program; retrain the model"
        )
    recorded_model, recorded_kiwi = description["kiwipiepy_model"], description["kiwipiepy"]
    fix = f"pip install kiwipiepy=={recorded_kiwi} kiwipiepy-model=={recorded_model}, or retrain"
    try:
        recorded = AnalyserSettings.from_dict({**description["options"]})
    except (TypeError, ValueError) as error:
        raise AnalyserMismatchError(
            f"the model was analysed with options this version cannot read ({error}): "
            "install the joint-nlu version that trained it, or retrain"
        ) from error
    if recorded.name != description["name"]:
        raise AnalyserMismatchError(
            f"the model's analyser name {description['name']!r} and options "
            f"({recorded.name!r}) disagree: retrain the model"
        )
    if settings is not None and settings != recorded:
        differ = {
            key: (value, getattr(settings, key))
            for key, value in recorded.to_dict().items()
            if getattr(settings, key) != value
        }
        raise AnalyserMismatchError(
            "the model was analysed with other analyser options than asked for "
            + ", ".join(
                f"{key}: model {old!r}, asked {new!r}" for key, (old, new) in differ.items()
            )
            + ": predict with the model's options, or retrain with the new ones"
        )
    installed = installed_versions()
    have_kiwi, have_model = installed["kiwipiepy"], installed["kiwipiepy-model"]
    if have_kiwi is None or have_model is None:
        raise AnalyserMismatchError(
            f"the model needs the Korean analyser kiwipiepy {recorded_kiwi} with kiwipiepy-model "
            f"{recorded_model}, which is not installed: {fix}"
        )
    if have_model != recorded_model or _minor(have_kiwi) != _minor(str(recorded_kiwi)):
        raise AnalyserMismatchError(
            f"the model was analysed with kiwipiepy {recorded_kiwi} + kiwipiepy-model "
            f"{recorded_model}, but kiwipiepy {have_kiwi} + kiwipiepy-model {have_model} is "
            f"installed, whose analyses differ: {fix}"
        )
    if have_kiwi != recorded_kiwi:
        logger.warning(
            "the model was analysed with kiwipiepy %s, kiwipiepy %s is installed (same "
            "kiwipiepy-model %s): analyses should match; %s if predictions look off",
            recorded_kiwi,
            have_kiwi,
            have_model,
            fix,
        )
    return recorded


def _pieces(sentence: str, settings: AnalyserSettings) -> list[tuple[int, str]]:
    """Return (offset, text) pieces of at most `chunk_chars` of the first `max_chars` characters.

    A piece ends at the last whitespace within the limit, or at the limit itself when it has
    none; lone surrogates become U+FFFD (one code point for one, so offsets stay put).
    """
    text = sentence[: settings.max_chars]
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub("\ufffd", text)
    pieces = []
    start, limit = 0, settings.chunk_chars
    while len(text) - start > limit:
        cut = start + limit
        space = next((i for i in range(cut, start, -1) if text[i].isspace()), None)
        end = cut if space is None else space
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return [(offset, piece) for offset, piece in pieces if piece and not piece.isspace()]


def _morphemes(piece: str, offset: int, tokens: Sequence[Any]) -> list[Morpheme]:
    """Return a piece's Kiwi tokens as morphemes in sentence offsets, dropping unmappable ones.

    Dropped: empty tokens (Kiwi's elided copula, e.g. 이/VCP of 얼마야, has length 0) and tokens
    outside the piece. Whitespace at a token's edges is trimmed off, so a morpheme never starts
    or ends on whitespace; a multi-word name (코니 윌리스) keeps its inner spaces.
    """
    found = []
    for token in tokens:
        start, end = token.start, token.start + token.len
        if start < 0 or end > len(piece):
            continue
        while start < end and piece[start].isspace():
            start += 1
        while end > start and piece[end - 1].isspace():
            end -= 1
        if start < end:
            found.append(Morpheme(start + offset, end + offset, str(token.tag)))
    return found


def _tokenize(
    analyser: _Analyser,
    texts: list[str],
    settings: AnalyserSettings,
    threads_from: int = 16,
) -> list[list]:
    """Return Kiwi's tokens of each text; a text Kiwi fails on gets none.

    From `threads_from` texts on, one batched call analyses them on Kiwi's worker threads;
    fewer are analysed one by one in this thread, which gives the same tokens without the
    hand-over to the workers and back (on a busy 2-core machine that hand-over cost more
    than the analysis of one sentence: 1.1 against 0.6 ms).
    """
    options = {"split_complex": settings.split_complex, "saisiot": settings.saisiot}
    kiwi = analyser.kiwi
    with analyser.lock:
        if len(texts) >= threads_from:
            try:
                return [list(tokens) for tokens in kiwi.tokenize(texts, **options)]
            except Exception:  # one bad text fails the batch: find it, keep the others
                pass
        results = []
        for text in texts:
            try:
                results.append(kiwi.tokenize(text, **options))
            except Exception as error:
                logger.warning("Kiwi could not analyse %r (%s): no morphemes", text, error)
                results.append([])
        return results


def analyse(
    sentences: Sequence[str],
    settings: AnalyserSettings | None = None,
    threads_from: int = 16,
) -> list[list[Morpheme]]:
    """Return the morphemes of each sentence, in order, through Kiwi's batched API.

    Offsets are character (code point) offsets of the raw Python string: `sentence[start:end]`
    is the exact text Kiwi analysed as that morpheme, whatever the string holds (Kiwi itself
    counts code points, also outside the BMP, and does not normalise what it reports).
    Repairs, so this never fails on any `str`: lone surrogates are analysed as U+FFFD; tokens
    of length 0 or outside the sentence are dropped; whitespace is trimmed off a token's edges.
    Overlaps are kept as Kiwi gives them (contractions: 알려줄래 gives 알리(0,2) 어(1,2) 주(2,3)
    ᆯ래(2,4)). Characters past `settings.max_chars` get no morpheme; long sentences are
    analysed in pieces (see `AnalyserSettings`). From `threads_from` pieces on (default 16),
    Kiwi analyses them on its worker threads; fewer are analysed in the calling thread (the
    same morphemes, sooner: the one-sentence path of every prediction).
    """
    settings = settings or AnalyserSettings()
    pieces = [
        (row, offset, text)
        for row, s in enumerate(sentences)
        for offset, text in _pieces(s, settings)
    ]
    results: list[list[Morpheme]] = [[] for _ in sentences]
    if not pieces:
        return results
    texts = [text for _, _, text in pieces]
    tokens = _tokenize(_analyser(settings), texts, settings, threads_from)
    for (row, offset, text), piece_tokens in zip(pieces, tokens, strict=True):
        results[row].extend(_morphemes(text, offset, piece_tokens))
    for found in results:
        found.sort(key=lambda morpheme: morpheme.start)  # stable: Kiwi's order among equals
    return results


@functools.lru_cache(maxsize=256)
def pos_class(tag: str) -> int:
    """Return the index in `MORPH_POS_CLASSES` of a Kiwi tag (e.g. NNP, VV-I, W_EMOJI)."""
    base = tag.split("-", 1)[0] if not tag.startswith("W_") else tag
    name = _EXACT_TAGS.get(base)
    if name is None:
        name = next((cls for prefix, cls in _TAG_PREFIXES if base.startswith(prefix)), "other")
    return MORPH_POS_CLASSES.index(name)


def morphemes_to_json(morphemes: Sequence[Morpheme]) -> str:
    """Return a sentence's morphemes as compact JSON (`[[start, end, tag], ...]`)."""
    return json.dumps([list(morpheme) for morpheme in morphemes], ensure_ascii=False)


def morphemes_from_json(text: str) -> list[Morpheme]:
    """Return the morphemes `morphemes_to_json` wrote."""
    return [Morpheme(int(start), int(end), str(tag)) for start, end, tag in json.loads(text)]


def morphology_features(sentence: str, morphemes: Sequence[Morpheme]) -> np.ndarray:
    """Return int32 features (len(sentence), 3), columns `MORPHOLOGY_FEATURES`.

    `morph_boundary`: where a Korean reader lets a name begin and end (`span_edges`): 5 both,
    3 begins, 4 ends, else 2 inside a morpheme or a word, 1 whitespace no morpheme covers.
    `morph_pos`: the class (`MORPH_POS_CLASSES`) of the first morpheme covering the character,
    `none` where none does (a space inside a multi-word name takes the name's class).
    `word_position`: 1 whitespace, 2 begins a word, 3 inside, 4 ends, 5 a one-character word.
    Whitespace is `str.isspace`. Raises ValueError for a morpheme outside the sentence.
    """
    # Python lists, set per word and per morpheme: ~20 numpy calls on arrays of a question's
    # length cost several times more (this runs for every sentence predicted)
    length = len(sentence)
    words = [word.span() for word in _WORD.finditer(sentence)]
    boundary = [BOUNDARY_OUTSIDE] * length
    position = [WORD_SPACE] * length
    pos = [_POS_NONE] * length
    for start, end in words:
        boundary[start:end] = [BOUNDARY_INSIDE] * (end - start)
        if end - start == 1:
            position[start] = WORD_SINGLE
        else:
            position[start:end] = [WORD_BEGIN] + [WORD_INSIDE] * (end - start - 2) + [WORD_END]
    for start, end, tag in reversed(morphemes):  # reversed: the first covering morpheme wins
        if not 0 <= start < end <= length:
            raise ValueError(
                f"morpheme ({start}, {end}, {tag!r}) lies outside a sentence of {length} "
                f"characters: {sentence[:80]!r}"
            )
        boundary[start:end] = [BOUNDARY_INSIDE] * (end - start)
        pos[start:end] = [pos_class(tag)] * (end - start)
    begins, ends = _edges(sentence, morphemes, words)
    for index in begins:
        boundary[index] = BOUNDARY_SINGLE if index in ends else BOUNDARY_BEGIN
    for index in ends - begins:
        boundary[index] = BOUNDARY_END
    return np.array([boundary, pos, position], dtype=np.int32).T.copy()


# morphemes a name never starts with, and that may follow a name inside a word: particles,
# endings, the copula and suffixes ([자강]의, [BTS]는, [한라산]이다, [아이유]님)
_FUNCTIONAL_TAGS = ("J", "E", "VCP", "VCN", "XSN", "XSV", "XSA")


@functools.lru_cache(maxsize=256)
def _functional(tag: str) -> bool:
    return tag.startswith(_FUNCTIONAL_TAGS) or _is_symbol(tag)


def _is_symbol(tag: str) -> bool:
    return tag.startswith("W_") or (tag.startswith("S") and tag not in ("SL", "SN", "SH"))


def span_edges(
    sentence: str, morphemes: Sequence[Morpheme], space: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return boolean (begins, ends) per character: where a name may begin, and end after.

    A name begins at the start of a word, and ends at the end of one. Inside a word (Korean
    glues particles, endings and, in fast typing, the next noun to a name) it may end before
    a particle, ending, copula, suffix or symbol, and after a proper noun (유재석|나이); it may
    begin after such a functional morpheme when a content morpheme follows (위키에서|BTS), and
    where a proper noun begins (근데|이문열); a change of script (Hangul, Latin letters,
    digits) is a boundary both ways. So no name
    ends inside a compound of common nouns ([마라도 행정]구역) or begins after a prefix or
    in the middle of a word ([대]피라미드, 농구[황제]). `space` is not needed (the words are
    found in the sentence) and kept for callers that pass it.
    """
    length = len(sentence)
    begins, ends = np.zeros(length, dtype=bool), np.zeros(length, dtype=bool)
    found_begins, found_ends = _edges(
        sentence, morphemes, [w.span() for w in _WORD.finditer(sentence)]
    )
    begins[list(found_begins)] = True
    ends[list(found_ends)] = True
    return begins, ends


def _edges(
    sentence: str, morphemes: Sequence[Morpheme], words: Sequence[tuple[int, int]]
) -> tuple[set[int], set[int]]:
    """Return the positions of `span_edges` as sets, given the (start, end) of every word.

    Only positions inside a word can add an edge, and only where the script changes or a
    morpheme starts or ends.
    """
    begins = {start for start, _ in words}
    ends = {end - 1 for _, end in words}
    starting: dict[int, list[str]] = {}
    ending: dict[int, list[str]] = {}
    for start, end, tag in morphemes:
        starting.setdefault(start, []).append(tag)
        ending.setdefault(end, []).append(tag)
    for word_start, word_end in words:
        scripts = [_script(char) for char in sentence[word_start:word_end]]
        for offset in range(1, word_end - word_start):
            position = word_start + offset
            if scripts[offset] != scripts[offset - 1]:
                begins.add(position)
                ends.add(position - 1)
                continue
            after, before = starting.get(position, ()), ending.get(position, ())
            if not after and not before:
                continue
            if "NNP" in before or any(_functional(tag) for tag in after):
                ends.add(position - 1)
            functional_before = any(_functional(tag) for tag in before)
            content_after = bool(after) and not all(_functional(tag) for tag in after)
            if (functional_before and content_after) or "NNP" in after:
                begins.add(position)
    return begins, ends


def _script(char: str) -> str:
    """Return a character's script for boundaries: Hangul, Latin, digit, or other."""
    code = ord(char)
    if 0xAC00 <= code <= 0xD7A3 or 0x3131 <= code <= 0x318E or 0x1100 <= code <= 0x11FF:
        return "hangul"
    if char.isascii() and char.isalpha():
        return "latin"
    if char.isdigit():
        return "digit"
    return "other"


def sentence_features(
    sentences: Sequence[str], settings: AnalyserSettings | None = None
) -> list[np.ndarray]:
    """Return `morphology_features` of each sentence, analysing them all in one batch."""
    return [
        morphology_features(sentence, found)
        for sentence, found in zip(sentences, analyse(sentences, settings), strict=True)
    ]


def boundary_masks(morph_boundary: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return boolean (can_start, can_end) of a `morph_boundary` column of any shape.

    A span may start at a character that begins a morpheme or word and end at one that ends
    one; padding (0), whitespace and characters inside allow neither.
    """
    values = np.asarray(morph_boundary)
    can_start = (values == BOUNDARY_BEGIN) | (values == BOUNDARY_SINGLE)
    can_end = (values == BOUNDARY_END) | (values == BOUNDARY_SINGLE)
    return can_start, can_end
