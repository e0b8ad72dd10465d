"""Tests of the default-corpus generator: format, determinism, tags, conventions, context next to
names, generic-head titles, short queries, splits."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

from joint_nlu.corpus import (
    DEFAULT_SEED,
    FIRST_CORPUS,
    INTENTS,
    format_rows,
    generate_corpus,
    lexicon_data,
    read_first_corpus,
    skeleton,
    write_corpus,
)
from joint_nlu.corpus import kinds as K
from joint_nlu.corpus import templates as T
from joint_nlu.corpus.checker import TITLE_ROLES, repeats_head
from joint_nlu.corpus.generator import (
    MAX_ENTITY_REPEATS,
    MAX_SENTENCE_CHARS,
    Piece,
    _generate_split,
    _RowMaker,
    pieces_to_row,
)
from joint_nlu.corpus.kiwi_dicts import spacing_key
from joint_nlu.corpus.lexicon import HAND, HIDDEN, INVENTED, KIWI, TRAIN
from joint_nlu.corpus.report import corpus_report
from joint_nlu.corpus.statistics import corpus_statistics, pools_markdown, statistics_markdown

ROOT = Path(__file__).resolve().parents[2]
RAW_DIR = ROOT / "data" / "01_raw"
HANDWRITTEN = ROOT / "benchmarks" / "data" / "handwritten_ko.tsv"
EXPECTED_INTENTS = (
    "age", "area", "belong_to", "birth_date", "birth_place",
    "definition", "height", "length", "weight", "width",
)  # fmt: skip


def _around(row: tuple[str, str, str]) -> tuple[str, str, str]:
    """Return the text before the entity, the entity and the text after it."""
    _, tags, sentence = row
    (match,) = re.finditer(r"E+", tags)
    return sentence[: match.start()], sentence[match.start() : match.end()], sentence[match.end() :]


def test_intents_and_sizes(generated) -> None:
    train, hidden, reports = generated
    assert INTENTS == EXPECTED_INTENTS
    assert Counter(r[0] for r in train) == dict.fromkeys(EXPECTED_INTENTS, 900)
    assert Counter(r[0] for r in hidden) == dict.fromkeys(EXPECTED_INTENTS, 100)
    assert reports[TRAIN].rows == 9000 and reports[HIDDEN].rows == 1000


def test_regenerated_rows_equal_the_committed_files(generated) -> None:
    """The committed files were written by another process: same seed, same bytes (trainset:
    the generated rows, then the frozen first corpus's)."""
    train, hidden, _ = generated
    first, _ = read_first_corpus(ROOT / FIRST_CORPUS, hidden)
    for name, rows in (("trainset.txt", train + first), ("test_hidden.txt", hidden)):
        committed = RAW_DIR / name
        assert committed.exists(), f"{committed} missing: run `joint-nlu corpus`"
        assert format_rows(rows).encode("utf-8") == committed.read_bytes(), name


def test_the_first_corpus_follows_without_a_hidden_entity(generated, tmp_path: Path) -> None:
    train, hidden, _ = generated
    hidden_entities = {spacing_key(_around(row)[1]) for row in hidden}
    first, left_out = read_first_corpus(ROOT / FIRST_CORPUS, hidden)
    assert len(first) > 8000 and 0 < left_out < 1000
    assert not {spacing_key(_around(row)[1]) for row in first} & hidden_entities
    # a file of one hidden-entity row and one other: the first is left out, the second kept
    other = ("age", "EEECCCCC", "가나다 나이 몇")
    (tmp_path / "first.txt").write_text(
        "\t".join(hidden[0]) + "\n" + "\t".join(other) + "\n", encoding="utf-8"
    )
    assert read_first_corpus(tmp_path / "first.txt", hidden) == ([other], 1)


def test_same_seed_same_bytes_other_seed_other_rows(pools, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, train_per_intent=20, hidden_per_intent=5)
    again = write_corpus(tmp_path / "again", train_per_intent=20, hidden_per_intent=5)
    for name in paths:
        assert paths[name].read_bytes() == again[name].read_bytes()
    rows, _ = _generate_split(pools, TRAIN, 20, random.Random(f"train-{DEFAULT_SEED}"), 0.0)
    other, _ = _generate_split(pools, TRAIN, 20, random.Random(f"train-{DEFAULT_SEED + 1}"), 0.0)
    assert rows == generate_corpus(DEFAULT_SEED, 20, 5)[0] and other != rows


def test_every_row_is_well_formed(generated, pools) -> None:
    train, hidden, _ = generated
    names = pools.all_entities()
    for intent, tags, sentence in train + hidden:
        assert intent in EXPECTED_INTENTS
        assert len(tags) == len(sentence) and set(tags) <= {"E", "C"}, sentence
        assert len(re.findall(r"E+", tags)) == 1, sentence
        assert sentence == sentence.strip() and not re.search(r"[\t\n\r]", sentence), sentence
        assert len(sentence) <= MAX_SENTENCE_CHARS
        _, entity, _ = _around((intent, tags, sentence))
        assert entity in names, (entity, sentence)  # spacing variants of pool names included


def test_tags_come_from_where_the_entity_piece_is() -> None:
    pieces = [
        Piece("위키백과로 "),
        Piece("트와이스 나연", entity=True),
        Piece("의  키"),
        Piece("?"),
    ]
    assert pieces_to_row("height", pieces) == (
        "height", "CCCCCCEEEEEEECCCC", "위키백과로 트와이스 나연의 키?",
    )  # fmt: skip
    # the entity's own text is tagged E even where the same text occurs in the context
    pieces = [Piece("한강", entity=True), Piece(" 작가 말고 한강 길이")]
    intent, tags, sentence = pieces_to_row("length", pieces)
    assert tags[:2] == "EE" and set(tags[2:]) == {"C"} and sentence.count("한강") == 2


def test_titles_roles_and_particles_around_people_are_context(generated) -> None:
    train, _, _ = generated
    titles = {t for o in T.ROLE_AFTER.values() for t in o.train}
    roles = {s for spellings in T.ROLE_BEFORE.values() for s in spellings}
    after = before = glued = 0
    for row in train:
        head, entity, tail = _around(row)
        word_after = tail.strip().split(" ")[0].rstrip("?.!~,") if tail.strip() else ""
        if any(word_after.startswith(t) for t in titles) or any(
            tail.startswith(t) for t in ("씨", "님")
        ):
            after += 1
        if any(head.rstrip().endswith(r) for r in roles):
            before += 1
        if tail[:1] and re.match(r"[가-힣]", tail[0]):
            glued += 1  # a particle or a title glued on is C, the name stays whole
        for word in ("대통령", "선수", "감독", "배우"):
            assert not entity.endswith(" " + word), entity
    assert after >= 150 and before >= 40 and glued >= 2000, (after, before, glued)


def test_member_with_group_and_long_titles_are_one_entity(generated) -> None:
    train, _, _ = generated
    entities = [_around(r)[1] for r in train]
    groups = tuple(f"{group} " for group in lexicon_data.IDOL_GROUPS)
    assert sum(e.startswith(groups) for e in entities) >= 20  # [트와이스 나연]
    # titles whose last word is a generic noun belong to the name, whole (``… 국제공항``)
    for end in ("공항", "전투", "느티나무", "고속도로", "터널", "대교"):
        assert sum(e.endswith(end) and len(e) > len(end) + 1 for e in entities) >= 10, end
    assert sum(len(e.split(" ")) >= 2 for e in entities) / len(entities) >= 0.3


def test_hidden_entities_never_in_training_and_held_out_classes(generated, pools) -> None:
    train, hidden, _ = generated
    train_keys = {spacing_key(_around(r)[1]) for r in train}
    hidden_keys = {spacing_key(_around(r)[1]) for r in hidden}
    assert not train_keys & hidden_keys
    held_out = {
        spacing_key(n.text)
        for split in (TRAIN, HIDDEN)
        for kind in K.KINDS
        for n in pools.pool(split, kind)
        if n.wikidata in K.HELD_OUT_CLASSES
    }
    assert not train_keys & held_out
    assert len(hidden_keys & held_out) >= 50
    # no split of an alias group: every key has one split
    assert all(pools.split_of_key[k] == HIDDEN for k in hidden_keys if k in pools.split_of_key)


def test_hidden_phrasings_partly_unseen(generated) -> None:
    train, hidden, _ = generated
    train_skeletons = {skeleton(r) for r in train}
    unseen = sum(skeleton(r) not in train_skeletons for r in hidden)
    assert unseen / len(hidden) >= 0.8
    hidden_only = {f.template for f in T.ATTRIBUTE_FRAMES + T.PREDICATE_FRAMES if f.hidden_only}
    assert hidden_only  # the hidden set has frames training never uses
    marker = re.compile(r"내가 궁금한 건|관련해서| 말인데 | 과연 ")
    assert sum(bool(marker.search(r[2])) for r in hidden) >= 10
    assert not any(marker.search(r[2]) for r in train)


def test_names_are_mostly_real_and_none_over_represented(generated) -> None:
    train, hidden, reports = generated
    for split in (TRAIN, HIDDEN):
        origins = reports[split].origins
        real = (origins[KIWI] + origins[HAND]) / sum(origins.values())
        assert real >= 0.85, (split, origins)
        assert origins[INVENTED] > 0  # a minority of invented names keeps unseen names learnable
    counts = Counter(spacing_key(_around(r)[1]) for r in train)
    assert max(counts.values()) <= MAX_ENTITY_REPEATS
    handwritten = {
        spacing_key(_around(tuple(line.split("\t")))[1])  # type: ignore[arg-type]
        for line in HANDWRITTEN.read_text(encoding="utf-8").splitlines()
    }
    assert max(counts.get(key, 0) for key in handwritten) <= 1


def test_context_fits_the_entity(generated, pools) -> None:
    train, _, reports = generated
    # every kept row passed the checker; the rejected ones were counted
    assert sum(reports[TRAIN].rejected.values()) > 0
    rivers = ("강폭", "하천", "하구")
    for row in train:
        head, entity, tail = _around(row)
        kind = pools.kind_of(entity)
        if kind is not None and K.KIND_FAMILY[kind] == "person":
            assert not any(w in head + tail for w in rivers), row
            assert not re.search(r"몇 ?(km|킬로미터|톤)", row[2]) or row[0] not in (
                "height",
                "weight",
            ), row


def test_seed_style_sources_commands_and_search_boxes(generated) -> None:
    train, _, _ = generated
    sentences = [r[2] for r in train]
    named = [
        s for s in sentences if re.search(r"위키|WIKI|wiki|Wiki|피디아|백과|네이버|구글|인터넷", s)
    ]
    assert 0.2 <= len(named) / len(sentences) <= 0.3  # seed rows 8 of 10, hand-written almost none
    for spelling in ("WIKI PEDIA로", "위키백과사전", "WIKI백과사전", "위키 피디아"):
        assert any(spelling in s for s in sentences), spelling
    commands = ("찾아봐", "검색해라", "말해줘", "알려줄래", "알고 싶어")
    for command in commands:
        assert sum(command in s for s in sentences) >= 30, command
    short = [s for s in sentences if len(s) <= 10]
    assert len(short) / len(sentences) >= 0.05
    assert sum(s.startswith("검색 ") for s in sentences) >= 50


def test_noise_stays_at_human_rates(generated) -> None:
    train, _, _ = generated
    no_space = sum(" " not in r[2] for r in train) / len(train)
    spaced_particle = sum(bool(re.match(r" [은는이가의을를]( |$)", _around(r)[2])) for r in train)
    assert no_space <= 0.03
    assert 0 < spaced_particle / len(train) <= 0.01


def test_maker_draws_only_its_split(pools) -> None:
    maker = _RowMaker(pools, HIDDEN, random.Random(0))
    for intent in INTENTS:
        pieces, name, kind = maker.make(intent, novel=False)
        assert pools.split_of_key[name.key] == HIDDEN
        assert kind in dict(K.INTENT_KINDS[intent])


def test_statistics_count_held_out_rows_and_pools(generated, pools) -> None:
    train, hidden, _ = generated
    stats = corpus_statistics(train, hidden, pools)
    assert stats["overlap"]["entities"]["shared"] == 0
    assert stats["hidden_rows_of_held_out_classes"] >= 50
    assert "| hidden rows asking about a held-out Wikidata class |" in statistics_markdown(stats)
    table = pools_markdown(pools)
    assert all(f"| {kind} |" in table for kind in K.KINDS)


def _labels_by_key(table: dict[str, tuple[str, ...]]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for name, labels in table.items():
        found.setdefault(spacing_key(name), set()).update(labels)
    return found


def test_context_next_to_names_is_frequent_and_varied(generated) -> None:
    """About a third of rows say something next to the name, of every kind, before and after."""
    train, hidden, reports = generated
    for split, rows in ((TRAIN, train), (HIDDEN, hidden)):
        context = reports[split].context
        assert 0.28 <= context["any"] / len(rows) <= 0.4, (split, context)
    context = reports[TRAIN].context
    minimum = {"description before": 500, "kind word before": 300, "generic noun after": 300,
               "honorific after": 150, "someone called": 100, "part after": 100,
               "role before": 100, "title after": 80, "nickname before": 3,
               "superlative before": 3}  # fmt: skip
    assert all(context[kind] >= count for kind, count in minimum.items()), context


def test_roles_titles_and_kind_words_stay_outside_the_entity(generated, pools) -> None:
    """Whatever is said next to a name is C: no entity starts with a role, nickname or kind
    word, or ends with a title, unless the pools hold that whole string as a name."""
    train, _, _ = generated
    befores = {label for table in (lexicon_data.PERSON_BEFORE, lexicon_data.THING_BEFORE)
               for labels in table.values() for label in labels}  # fmt: skip
    befores |= {s for spellings in T.ROLE_BEFORE.values() for s in spellings}
    titles = set(TITLE_ROLES) | {"씨", "님"}
    for row in train:
        _, entity, _ = _around(row)
        if pools.kind_of(entity) is not None or spacing_key(entity) in pools.kind_of_key:
            continue
        words = entity.split()
        assert len(words) < 2 or (words[0] not in befores and words[-1] not in titles), row


def test_labels_are_true_of_their_names(generated) -> None:
    """A nickname, a kind word or a superlative before a name is one written for that name."""
    train, hidden, _ = generated
    people = _labels_by_key(lexicon_data.PERSON_BEFORE)
    things = _labels_by_key(lexicon_data.THING_BEFORE)
    superlatives = _labels_by_key(lexicon_data.SUPERLATIVES)
    per_name = {
        label for table in (people, things) for labels in table.values() for label in labels
    }
    shared = set(T.ROLE_BEFORE) | {s for v in T.ROLE_BEFORE.values() for s in v} | set(
        T.KIND_WORDS_BEFORE
    ) | {w for o in T.CLASS_WORDS.values() for w in o.train + o.hidden}  # fmt: skip
    said = 0
    for row in train + hidden:
        head, entity, _ = _around(row)
        key = spacing_key(entity)
        for superlative in {label for labels in superlatives.values() for label in labels}:
            for form in (superlative, superlative.replace("제일", "가장")):
                if head.rstrip().endswith(form):
                    assert superlative in superlatives.get(key, ()), row
                    said += 1
        label = next((lb for lb in sorted(per_name - shared, key=len, reverse=True)
                      if head.rstrip().endswith(" " + lb) or head.rstrip() == lb), None)  # fmt: skip
        if label is not None:
            assert label in people.get(key, set()) | things.get(key, set()), row
    assert said >= 3


def test_titles_after_people_are_theirs(generated, pools) -> None:
    train, _, _ = generated
    known = 0
    for row in train:
        _, entity, tail = _around(row)
        role = pools.role_of(entity)
        words = tail.split()
        if role is None or not tail.startswith(" ") or not words or words[0] not in TITLE_ROLES:
            continue
        known += 1
        assert (
            role in TITLE_ROLES[words[0]]
            or words[0] in " ".join(lexicon_data.PERSON_AFTER.get(entity, ())).split()
        ), row
    assert known >= 50


def test_generic_head_titles_whole_and_often(generated, pools) -> None:
    """Titles ending in a generic head noun (``[보스포루스 해협]``, ``[천지연 폭포]``) are shown
    whole and often; the same nouns said after other names never repeat the name's own head."""
    train, _, _ = generated
    entities = [_around(r)[1] for r in train]
    heads = Counter(K.generic_head(e) for e in entities)
    spaced = sum(K.spaced_head(e) is not None for e in entities)
    assert sum(n for head, n in heads.items() if head) / len(train) >= 0.13
    assert spaced / len(train) >= 0.06
    for head in K.word_list("해협 폭포 운하 광장 사막 산맥 법칙 전쟁 조약 궁전 제도"):
        assert heads[head] >= 5, (head, heads[head])
    for row in train:
        _, entity, tail = _around(row)
        word = tail.split()[0] if tail.startswith(" ") and tail.split() else ""
        if word in T.DESCRIPTORS.get(str(pools.kind_of(entity)), T.NO_OPTIONS).train:
            assert not repeats_head(entity, word), row


def test_people_are_named_in_full(generated, pools) -> None:
    """Foreign people by given and family name far more often than by one word."""
    train, _, _ = generated
    foreign = [_around(r)[1] for r in train if pools.kind_of(_around(r)[1]) == "person_foreign"]
    assert len(foreign) >= 1000
    assert sum(len(e.split()) >= 2 for e in foreign) / len(foreign) >= 0.8


def test_short_queries_and_rates_between_seed_rows_and_hand_written(generated, kiwi, pools) -> None:
    """A third of rows are search-box or chat queries of at most 15 characters; about a quarter
    name a source; fewer particles glued to the name than the seed rows."""
    train, _, _ = generated
    report = corpus_report(train, kiwi, pools)
    bins = report["length"]["bins"]
    assert bins["1-10"] + bins["11-15"] >= 0.33
    assert 0.2 <= report["source_named"] <= 0.3
    assert report["particle_glued_to_entity"] <= 0.33
    assert report["phrasing"]["bare (search box)"] >= 0.27
    assert report["context_next_to_entity"]["any"] >= 0.22
    assert report["contradictions"] == 0
    short = [r[2] for r in train if len(r[2]) <= 15]
    for ending in (" 키", " 생일", " 뜻", " 면적", " 몇 살", " 소속"):
        assert sum(s.rstrip("?.~!").endswith(ending) for s in short) >= 10, ending
