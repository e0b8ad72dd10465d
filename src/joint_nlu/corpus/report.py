"""The corpus report: what any corpus file looks like, measured the same way for every file.

``corpus_report(rows)`` returns, for rows of ``intent<TAB>tags<TAB>sentence``: rows per intent,
entity kinds per intent, the share of entities Kiwi's dictionaries know, phrasing families
(source named and where, commands, questions, search-box queries, registers, entity position),
context next to the entity (a role, title, kind word or description before it; a title, part
or generic noun after it), entities whose title ends in a generic head noun, noise rates, the
length distribution and the contradiction count. ``report_markdown`` renders
several reports side by side; ``joint-nlu corpus --report FILE ...`` prints it.

Measures that need the Korean analyser use Kiwi (``kiwipiepy``): a space is *missing* where
two morphemes that Korean writes apart touch (a noun and a verb, ``정도되는지``; a particle and
the next word, ``나이가몇이야``; a name and the next noun, ``유재석나이``; an ending and the next
word); a word is *off-dictionary* when Kiwi marks a token outside the entity as unknown (typos
such as ``궁굼해``, ``몃``, and informal spellings such as ``어캐``). Both are proxies, the same
for every file, so files can be compared; neither is a spelling checker.

It describes files; it never changes or generates rows.
"""

from __future__ import annotations

import re
import statistics as stats
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from joint_nlu.corpus import lexicon_data as data
from joint_nlu.corpus import templates as T
from joint_nlu.corpus.checker import TITLE_ROLES, contradictions
from joint_nlu.corpus.kinds import generic_head, spaced_head
from joint_nlu.corpus.kiwi_dicts import dictionary_keys, spacing_key

Row = tuple[str, str, str]

# The ten rows seen of the original data (the first rows of its trainset.txt, DESIGN.md): the
# distribution of phrasing the corpus imitates, reported beside any file with ``--seed-rows``.
SEED_ROWS: tuple[Row, ...] = (
    ("area", "EECCCCCCCCCCCCCCCCCCC", "자강의 면적은 얼마 정도되는지 알려줄래"),
    ("birth_date", "CCCCCCCCCCCCEEECCCCCCCCCCCC", "WIKI PEDIA로 변재일 생년월일을 알고 싶어"),
    ("age", "EEEEEEEEEEECCCCCCCCCCCCCCCCC", "남쪽 물고기자리 알파 나이가 위키백과사전으로 얼마야"),
    ("length", "EEEECCCCCCCCCCCCCCCCCC", "삼양터널의 총 길이 위키백과사전에서 뭐야"),
    ("birth_place", "EEEEEECCCCCCCCCCC", "코니 윌리스의 태어난 곳은 뭐지"),
    ("weight", "CCCCCCCCCCCCEEEECCCCCCCCCCCCC", "WIKI백과사전 검색 AA12의 무게가 얼만지 찾아봐"),
    ("definition", "CCCCCCCCCCCCCEEECCCCCCCC", "WIKIPEDIA백과로 라이프 찾아서 말해줘"),
    ("height", "EEEEEEEECCCCCCCCCCCCCCCCCCC", "송파 헬리오시티 구조물 높이 위키 피디아에서 뭐야"),
    ("birth_date", "CCCEEEEEECCCCCCCCCCCCCCC", "검색 HLKVAM 언제 출생했는지를 검색해라"),
    ("height", "CCCCCCCCEEEEEECCCCCCCC", "위키 피디아에 푸조 508 전고가 몇이야"),
)

SOURCE = re.compile(
    r"위키|wiki|WIKI|Wiki|피디아|PEDIA|pedia|백과|나무\s?위키|namu|네이버|구글|google|Google|"
    r"인터넷|브리태니커|포털"
)
REQUEST = re.compile(
    r"(알려|말해|찾아|검색해|가르쳐|보여|확인해|조회해|설명해|알아봐|정리해|요약해|조사해|말씀해)"
    r"\s?(줘|주|줄|봐|라|요|주세요|주십시오|줘요|보세요)|싶(어|다|습니다|은데|어요)|부탁|검색\s?좀"
)
WONDER = re.compile(r"궁금|모르겠|헷갈")
QUESTION_END = re.compile(
    r"(\?|야|니|냐|나요|까|까요|지|죠|가요|예요|에요|이에요|입니까|습니까|임|뭐|어디|언제|몇|되나|돼|되요|"
    r"인데요|이야|이지|던데|는지|은지|인지|할까|일까|나|가)\W*$"
)
FORMAL = re.compile(r"(니까|십시오|습니다|입니다)\W*$")
POLITE = re.compile(r"(요|세요|죠)\W*$|요[?.!~]")
LENGTH_BINS: tuple[tuple[int, int], ...] = ((1, 10), (11, 15), (16, 20), (21, 25), (26, 30),
                                            (31, 40), (41, 10_000))  # fmt: skip

# Kiwi tags of the two morphemes on either side of a missing space (see the module doc).
_NOUNISH = {"NNG", "NNP", "NNB", "NR", "NP", "SL", "SN", "SH", "XSN"}
_CONTENT = {"NNG", "NNP", "NR", "NP", "VV", "VA", "MAG", "MM", "SL", "SN", "SH"}
_EC_BEFORE_VERB = {"게", "어", "아", "어서", "아서", "고"}


def _last_words(phrases: Iterable[str]) -> set[str]:
    return {phrase.split()[-1] for phrase in phrases if phrase.split()}


def _first_words(phrases: Iterable[str]) -> set[str]:
    return {phrase.split()[0] for phrase in phrases if phrase.split()}


def _options(table: Any) -> list[str]:
    """Return every option of an ``Options`` or of a dict of them (nested once)."""
    found: list[str] = []
    for value in table.values() if isinstance(table, dict) else [table]:
        if isinstance(value, dict):
            found.extend(_options(value))
        elif isinstance(value, T.Options):
            found.extend(value.train + value.hidden)
        else:
            found.extend(value)
    return found


# The words that end a role, title, nickname, kind word or description said before a name, and
# those that start a title, part or generic noun said after it: the generator's own vocabulary,
# so the measure is a lower bound on other files. Attribute words (``팀``, ``국토 면적``) do not
# count: they are what is asked, not context of the name.
_ATTRIBUTE_WORDS = _first_words(
    option for spec in T.INTENT_SPECS.values() for option in _options(spec.attributes)
)
CONTEXT_BEFORE = frozenset(
    _last_words(_options(T.ROLE_BEFORE) + _options(T.IDOL_BEFORE) + _options(T.CLASS_WORDS)
                + _options(T.ANIMAL_BEFORE) + _options(T.MODIFIERS) + list(T.KIND_WORDS_BEFORE)
                + [label for table in (data.PERSON_BEFORE, data.THING_BEFORE, data.SUPERLATIVES)
                   for labels in table.values() for label in labels])
)  # fmt: skip
CONTEXT_AFTER = frozenset(
    (_first_words(list(TITLE_ROLES) + _options(T.PARTS) + _options(T.DESCRIPTORS)
                  + _options(T.CLASS_WORDS) + [w for _, o in T.WEAPON_NOUNS + T.VEHICLE_NOUNS
                                               for w in o.train + o.hidden]
                  + [label for table in (data.THING_AFTER, data.HEIGHT_PARTS)
                     for labels in table.values() for label in labels])
     | {"사람", "분"}) - _ATTRIBUTE_WORDS
)  # fmt: skip
_GLUED_HONORIFIC = re.compile(r"(씨|님)(?![가-힣])|(씨|님)[은는이가의을를도]")
_CALLED = re.compile(r"(이?라는|이?란) (사람|분|인물)")
_TRAILING_PARTICLE = re.compile(r"(은|는|이|가|을|를|의|도|이랑|랑|으로|로|에서|에|이야|야)$")


def context_next_to_entity(row: Row, tokens: Sequence[Any] = ()) -> tuple[bool, bool]:
    """Return whether a role, title, nickname, kind word or description is said right before
    the entity, and whether a title, honorific, part or generic noun is said right after it.
    ``tokens``: Kiwi's analysis of the sentence; an adnominal ending (``ETM``: ``요즘 뉴스에
    나온``) right before the entity counts as a description."""
    _, tags, sentence = row
    span = _span(tags)
    if span is None:
        return False, False
    head = sentence[: span[0]]
    words = head.split()
    before = bool(words) and head.endswith(" ") and words[-1].strip(",") in CONTEXT_BEFORE
    if not before and head.endswith(" "):
        end = len(head.rstrip())
        before = any(t.tag == "ETM" and t.start + t.len == end for t in tokens)
    rest = sentence[span[1] :]
    after = bool(_GLUED_HONORIFIC.match(rest) or _CALLED.match(rest))
    if not after and rest.startswith(" ") and rest.split():
        word = rest.split()[0].strip("?.!~,")
        after = word in CONTEXT_AFTER or _TRAILING_PARTICLE.sub("", word) in CONTEXT_AFTER
    return before, after


def read_rows(path: Path) -> list[Row]:
    """Return the rows of a raw corpus file (``intent<TAB>tags<TAB>sentence``); bad lines fail
    with the file and line number."""
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != 3 or len(fields[1]) != len(fields[2]):
            raise ValueError(
                f"{path}:{number}: expected intent<TAB>tags<TAB>sentence with one tag per "
                "character of the sentence"
            )
        rows.append((fields[0], fields[1], fields[2]))
    return rows


def _span(tags: str) -> tuple[int, int] | None:
    match = re.search(r"E+", tags)
    return (match.start(), match.end()) if match else None


def entity_of(row: Row) -> str:
    """Return the text under the first run of ``E`` tags ("" if none)."""
    span = _span(row[1])
    return row[2][span[0] : span[1]] if span else ""


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


_JAMO = re.compile(r"^[\u1100-\u11ff\u3130-\u318f]")


def _missing_space(tokens: Sequence[Any], span: tuple[int, int] | None = None) -> bool:
    """Return whether two morphemes that Korean writes apart touch with no space between them,
    outside the entity: a noun and a verb (``정도되는지``), ``몇`` and a counter (``몇살``), a
    name or Latin word and a noun (``유재석나이``, ``WIKI백과사전``), an ending and the next verb
    (``어떻게되요``), a particle or a final ending and the next word (``나이가몇이야``). Compound
    nouns, ``…하다`` verbs and Kiwi's misreadings (jamo forms, ``요``) do not count."""
    for left, right in zip(tokens, tokens[1:], strict=False):
        if left.start + left.len != right.start:
            continue
        if span and left.start >= span[0] and right.start + right.len <= span[1]:
            continue  # inside the entity: its own spelling
        a, b = left.tag, right.tag
        if _JAMO.match(left.form) or _JAMO.match(right.form) or right.form == "요":
            continue
        if (
            (a in _NOUNISH and b in ("VV", "VA") and right.form != "하")
            or (left.form == "몇" and b in ("NNB", "NNG", "NR", "SN", "SL"))
            or (a in ("NNP", "SL", "SN") and b in ("NNG", "NNP")
                and (a == "SL" or (span is not None and left.start + left.len == span[1])))
            or (a == "EC" and left.form in _EC_BEFORE_VERB and b in ("VV", "VA"))
            or (a.startswith("J") and b in _CONTENT)
            or (a == "EF" and b in _CONTENT)
        ):  # fmt: skip
            return True
    return False


def _off_dictionary(tokens: Sequence[Any], span: tuple[int, int] | None) -> bool:
    """Return whether Kiwi marks a token outside the entity as unknown."""
    for token in tokens:
        if not getattr(token, "oov", False) or token.tag not in ("NNG", "NNP"):
            continue
        if span and token.start < span[1] and token.start + token.len > span[0]:
            continue
        return True
    return False


def _entity_kind(entity: str, kind_of: Any) -> str | None:
    return kind_of(entity) if kind_of else None


def corpus_report(rows: Iterable[Row], kiwi: Any = None, pools: Any = None) -> dict:
    """Return the report of ``rows`` (see the module doc). ``kiwi`` is a ``kiwipiepy.Kiwi``
    (one is made if None); ``pools`` an ``EntityPools`` to look up entity kinds and roles
    (kinds are then known only for Korean personal names)."""
    rows = list(rows)
    if kiwi is None:
        from kiwipiepy import Kiwi

        kiwi = Kiwi()
    total = len(rows)
    known = dictionary_keys()
    kind_of = pools.kind_of if pools is not None else None
    role_of = pools.role_of if pools is not None else None
    per_intent: dict[str, Counter] = {}
    counts: Counter = Counter()
    positions: Counter = Counter()
    source_positions: Counter = Counter()
    families: Counter = Counter()
    registers: Counter = Counter()
    reasons: Counter = Counter()
    lengths = [len(r[2]) for r in rows]
    entities = [entity_of(r) for r in rows]
    token_lists = list(kiwi.tokenize([r[2] for r in rows])) if rows else []
    entity_tokens = list(kiwi.tokenize(entities)) if rows else []
    for row, entity, tokens, alone in zip(rows, entities, token_lists, entity_tokens, strict=True):
        intent, tags, sentence = row
        span = _span(tags)
        kind = _entity_kind(entity, kind_of)
        role = role_of(entity) if role_of else None
        per_intent.setdefault(intent, Counter())[kind or "unknown"] += 1
        counts["in_kiwi_dicts"] += spacing_key(entity) in known
        counts["one_proper_noun"] += len(alone) == 1 and alone[0].tag == "NNP"
        stripped = sentence.rstrip(" ?.!~ㅠㅎ")
        if span:
            after = sentence[span[1] :]
            positions[
                "start" if span[0] == 0 else "end" if not after.strip(" ?.!~,ㅠㅎ") else "middle"
            ] += 1
            counts["particle_glued"] += bool(re.match(r"[가-힣]", after))
            counts["spaced_particle"] += bool(
                re.match(r" (은|는|이|가|의|을|를|도|로|으로)( |$|[?.!])", after)
            )
        outside = sentence if not span else sentence[: span[0]] + " " + sentence[span[1] :]
        source = SOURCE.search(outside)
        if source:
            counts["source"] += 1
            where = source.start() / max(1, len(outside))
            source_positions["start" if where < 0.25 else "end" if where > 0.6 else "middle"] += 1
        if REQUEST.search(outside):
            families["request"] += 1
        elif WONDER.search(outside):
            families["wondering"] += 1
        elif QUESTION_END.search(stripped) or sentence.rstrip().endswith("?"):
            families["question"] += 1
        else:
            families["bare (search box)"] += 1
        registers["formal" if FORMAL.search(stripped) else "polite" if POLITE.search(sentence)
                  else "casual"] += 1  # fmt: skip
        counts["question_mark"] += "?" in sentence
        counts["missing_space"] += _missing_space(tokens, span)
        counts["no_space"] += " " not in sentence.strip() and len(sentence) >= 5
        counts["off_dictionary"] += _off_dictionary(tokens, span)
        before, after = context_next_to_entity(row, tokens)
        counts["context_before"] += before
        counts["context_after"] += after
        counts["context_any"] += before or after
        counts["generic_head"] += generic_head(entity) is not None
        counts["spaced_head"] += spaced_head(entity) is not None
        problems = contradictions(row, kind=kind, role=role)
        if problems:
            counts["contradictions"] += 1
            reasons.update(problems)
    ordered = sorted(lengths)

    def percentile(share: float) -> int:
        return ordered[min(total - 1, int(round(share * (total - 1))))] if total else 0

    return {
        "rows": total,
        "rows_per_intent": dict(sorted(Counter(r[0] for r in rows).items())),
        "distinct_entities": len(set(entities)),
        "kinds_per_intent": {i: dict(c.most_common()) for i, c in sorted(per_intent.items())},
        "entities_in_kiwi_dictionaries": _share(counts["in_kiwi_dicts"], total),
        "entities_one_proper_noun_for_kiwi": _share(counts["one_proper_noun"], total),
        "source_named": _share(counts["source"], total),
        "source_position": {
            k: _share(source_positions[k], total) for k in ("start", "middle", "end")
        },
        "phrasing": {
            k: _share(families[k], total)
            for k in ("request", "question", "wondering", "bare (search box)")
        },  # fmt: skip
        "register": {k: _share(registers[k], total) for k in ("casual", "polite", "formal")},
        "entity_position": {k: _share(positions[k], total) for k in ("start", "middle", "end")},
        "particle_glued_to_entity": _share(counts["particle_glued"], total),
        "context_next_to_entity": {
            k: _share(counts[f"context_{k}"], total) for k in ("before", "after", "any")
        },
        "entity_generic_head": {
            "ends in one": _share(counts["generic_head"], total),
            "as its last word": _share(counts["spaced_head"], total),
        },
        "question_mark": _share(counts["question_mark"], total),
        "noise": {
            "missing space (Kiwi)": _share(counts["missing_space"], total),
            "no space at all": _share(counts["no_space"], total),
            "off-dictionary word (Kiwi)": _share(counts["off_dictionary"], total),
            "space before a particle after the entity": _share(counts["spaced_particle"], total),
        },
        "length": {
            "min": ordered[0] if total else 0,
            "p10": percentile(0.1),
            "median": stats.median(ordered) if total else 0,
            "p90": percentile(0.9),
            "max": ordered[-1] if total else 0,
            "bins": {
                f"{lo}-{hi}" if hi < 10_000 else f"{lo}+": _share(
                    sum(lo <= n <= hi for n in lengths), total
                )
                for lo, hi in LENGTH_BINS
            },
        },  # fmt: skip
        "contradictions": counts["contradictions"],
        "contradiction_reasons": dict(reasons.most_common(10)),
    }


def _pct(value: float) -> str:
    return f"{value:.1%}"


def _kinds_text(kinds: dict[str, int], top: int = 4) -> str:
    total = sum(kinds.values())
    families: Counter = Counter()
    for kind, count in kinds.items():
        families[kind] += count
    parts = [f"{kind} {count / total:.0%}" for kind, count in families.most_common(top)]
    return ", ".join(parts)


def report_markdown(reports: dict[str, dict]) -> str:
    """Render reports side by side as Markdown tables, one column per file."""
    names = list(reports)
    lines: list[str] = []

    def table(title: str, rows: list[tuple[str, list[str]]]) -> None:
        lines.extend([f"| {title} | " + " | ".join(names) + " |",
                      "|---|" + "---:|" * len(names)])  # fmt: skip
        lines.extend(f"| {label} | " + " | ".join(values) + " |" for label, values in rows)
        lines.append("")

    def each(get: Any, fmt: Any = str) -> list[str]:
        return [fmt(get(reports[name])) for name in names]

    table("corpus", [
        ("rows", each(lambda r: r["rows"])),
        ("distinct entities", each(lambda r: r["distinct_entities"])),
        ("entities in Kiwi's dictionaries", each(lambda r: r["entities_in_kiwi_dictionaries"], _pct)),
        ("entities one proper noun for Kiwi", each(lambda r: r["entities_one_proper_noun_for_kiwi"], _pct)),
        ("contradictions found", each(lambda r: r["contradictions"])),
    ])  # fmt: skip
    intents = sorted({i for r in reports.values() for i in r["rows_per_intent"]})
    table(
        "rows per intent",
        [(i, each(lambda r, i=i: r["rows_per_intent"].get(i, 0))) for i in intents],
    )
    table("entity kinds per intent (top 4)",
          [(i, each(lambda r, i=i: _kinds_text(r["kinds_per_intent"].get(i, {})) or "-"))
           for i in intents])  # fmt: skip
    phrasing = [("source named", each(lambda r: r["source_named"], _pct))]
    phrasing += [(f"source at the {k}", each(lambda r, k=k: r["source_position"][k], _pct))
                 for k in ("start", "middle", "end")]  # fmt: skip
    phrasing += [(f"ends as {k}", each(lambda r, k=k: r["phrasing"][k], _pct))
                 for k in ("request", "question", "wondering", "bare (search box)")]  # fmt: skip
    phrasing += [(f"register {k}", each(lambda r, k=k: r["register"][k], _pct))
                 for k in ("casual", "polite", "formal")]  # fmt: skip
    phrasing += [(f"entity at the {k}", each(lambda r, k=k: r["entity_position"][k], _pct))
                 for k in ("start", "middle", "end")]  # fmt: skip
    phrasing += [("particle glued to the entity", each(lambda r: r["particle_glued_to_entity"], _pct)),
                 ("question mark", each(lambda r: r["question_mark"], _pct))]  # fmt: skip
    table("phrasing (share of rows)", phrasing)
    context = [
        (f"role, title, kind word or description {label}",
         each(lambda r, k=k: r["context_next_to_entity"][k], _pct))
        for k, label in (("before", "right before the entity"), ("after", "right after the entity"),
                         ("any", "on either side"))
    ]  # fmt: skip
    context += [
        ("entity ends in a generic head noun (해협, 폭포, 법칙 …)",
         each(lambda r: r["entity_generic_head"]["ends in one"], _pct)),
        ("… written as its own last word (보스포루스 해협)",
         each(lambda r: r["entity_generic_head"]["as its last word"], _pct)),
    ]  # fmt: skip
    table("context next to the entity (share of rows)", context)
    noise_keys = list(next(iter(reports.values()))["noise"]) if reports else []
    table(
        "noise (share of rows)", [(k, each(lambda r, k=k: r["noise"][k], _pct)) for k in noise_keys]
    )
    length = [
        (k, each(lambda r, k=k: r["length"][k])) for k in ("min", "p10", "median", "p90", "max")
    ]
    bins = list(next(iter(reports.values()))["length"]["bins"]) if reports else []
    length += [(f"{b} characters", each(lambda r, b=b: r["length"]["bins"][b], _pct)) for b in bins]
    table("sentence length (characters)", length)
    return "\n".join(lines)
