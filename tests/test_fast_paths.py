"""The speed work changes no answer: the list-based morphology features equal the numpy
reference, Kiwi in the calling thread equals Kiwi on its workers, metrics logged in batches
equal kedro-mlflow's one-by-one logging; plus the cuts of a `kedro run` (the analyser let go
after data_processing, the logged model's requirements given)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joint_nlu import morphology
from joint_nlu.morphology import (
    BOUNDARY_BEGIN,
    BOUNDARY_END,
    BOUNDARY_INSIDE,
    BOUNDARY_OUTSIDE,
    BOUNDARY_SINGLE,
    WORD_BEGIN,
    WORD_END,
    WORD_INSIDE,
    WORD_SINGLE,
    WORD_SPACE,
    AnalyserSettings,
    Morpheme,
    _functional,
    _script,
    analyse,
    morphology_features,
    pos_class,
    span_edges,
)
from tests.helpers import TEST_ANALYSER

SETTINGS = AnalyserSettings.from_dict(TEST_ANALYSER)
SENTENCES = [
    "한라산의 높이는?",
    "",
    "   ",
    "WIKI PEDIA로 변재일 생년월일을 알고 싶어",
    "코니 윌리스의 태어난 곳은 뭐지",
    "알려줄래\t푸조 508\u3000전고",
    "BTS 나이 알려줘 😀",
    "\x1c가\x85나\u00a0다 ",
]


def reference_edges(sentence: str, morphemes, space: np.ndarray):
    """`span_edges` as it was written before the speed work (numpy masks, every position)."""
    length = len(sentence)
    word = ~space
    begins = word & np.r_[True, space[:-1]] if length else space.copy()
    ends = word & np.r_[space[1:], True] if length else space.copy()
    starting: dict[int, list[str]] = {}
    ending: dict[int, list[str]] = {}
    for start, end, tag in morphemes:
        starting.setdefault(start, []).append(tag)
        ending.setdefault(end, []).append(tag)
    for position in range(1, length):
        if space[position] or space[position - 1]:
            continue
        after, before = starting.get(position, []), ending.get(position, [])
        if _script(sentence[position]) != _script(sentence[position - 1]):
            begins[position] = ends[position - 1] = True
            continue
        if any(_functional(tag) for tag in after) or "NNP" in before:
            ends[position - 1] = True
        functional_before = any(_functional(tag) for tag in before)
        content_after = bool(after) and not all(_functional(tag) for tag in after)
        if (functional_before and content_after) or "NNP" in after:
            begins[position] = True
    return begins, ends


def reference_features(sentence: str, morphemes) -> np.ndarray:
    """`morphology_features` as it was written before the speed work (numpy)."""
    length = len(sentence)
    space = np.fromiter((char.isspace() for char in sentence), dtype=bool, count=length)
    word = ~space
    previous_space = np.r_[True, space[:-1]] if length else space
    next_space = np.r_[space[1:], True] if length else space
    word_begins, word_ends = word & previous_space, word & next_space
    covered = np.zeros(length, dtype=bool)
    pos = np.full(length, morphology.MORPH_POS_CLASSES.index("none"), dtype=np.int32)
    for start, end, tag in reversed(morphemes):
        covered[start:end] = True
        pos[start:end] = pos_class(tag)
    begins, ends = reference_edges(sentence, morphemes, space)
    boundary = np.where(covered | word, BOUNDARY_INSIDE, BOUNDARY_OUTSIDE)
    boundary[begins] = BOUNDARY_BEGIN
    boundary[ends] = BOUNDARY_END
    boundary[begins & ends] = BOUNDARY_SINGLE
    position = np.where(word, WORD_INSIDE, WORD_SPACE)
    position[word_begins] = WORD_BEGIN
    position[word_ends] = WORD_END
    position[word_begins & word_ends] = WORD_SINGLE
    return np.stack([boundary, pos, position], axis=1).astype(np.int32).reshape(length, 3)


def assert_same_features(sentence: str, morphemes) -> None:
    got, want = morphology_features(sentence, morphemes), reference_features(sentence, morphemes)
    assert got.dtype == want.dtype == np.int32
    assert got.shape == want.shape == (len(sentence), 3)
    assert got.flags.c_contiguous
    np.testing.assert_array_equal(got, want)
    space = np.array([char.isspace() for char in sentence], dtype=bool)
    for got_mask, want_mask in zip(
        span_edges(sentence, morphemes), reference_edges(sentence, morphemes, space), strict=True
    ):
        assert got_mask.dtype == bool
        np.testing.assert_array_equal(got_mask, want_mask)


def test_features_of_analysed_sentences_equal_the_numpy_reference():
    for sentence, found in zip(SENTENCES, analyse(SENTENCES, SETTINGS), strict=True):
        assert_same_features(sentence, found)


# whitespace of every kind str.isspace knows, letters, and characters Kiwi handles oddly
CHARACTERS = st.sampled_from(list(" \t\n\u3000\u00a0\x1c\x85\u200b가나다ㄱab1²٣😀.?"))
TAGS = st.sampled_from(["NNP", "NNG", "JKS", "JX", "EF", "VCP", "XSN", "SF", "SL", "SN", "W_URL"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(CHARACTERS, max_size=40).map("".join),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8), TAGS)),
)
def test_features_of_any_morphemes_equal_the_numpy_reference(sentence, spans):
    # any morphemes inside the sentence, overlapping ones included (Kiwi's contractions)
    morphemes = [
        Morpheme(start, min(start + size, len(sentence)), tag)
        for start, size, tag in spans
        if start < len(sentence)
    ]
    assert_same_features(sentence, morphemes)


def test_kiwi_in_the_calling_thread_gives_what_its_worker_threads_give():
    sentences = SENTENCES * 3
    threaded = analyse(sentences, SETTINGS, threads_from=1)
    alone = analyse(sentences, SETTINGS, threads_from=len(sentences) + 1)
    assert alone == threaded
    assert any(alone)


def test_data_processing_lets_go_of_an_analyser_it_loaded_and_keeps_one_loaded_before():
    import pandas as pd

    from joint_nlu.pipelines.data_processing.nodes import analyse_sentences

    model = {"architecture": "bilstm", "morphology": "kiwi", "analyser": TEST_ANALYSER}
    rows = pd.DataFrame({"sentence": SENTENCES[:4]})
    morphology.release_analyser(SETTINGS)
    assert not morphology.analyser_loaded(SETTINGS)
    first = analyse_sentences(model, train=rows)
    assert not morphology.analyser_loaded(SETTINGS)  # let go: a run only reads the analyses
    morphology.get_analyser(SETTINGS)
    second = analyse_sentences(model, train=rows)
    assert morphology.analyser_loaded(SETTINGS)  # loaded by someone else: kept
    pd.testing.assert_frame_equal(first, second)


def test_metrics_logged_in_batches_equal_kedro_mlflows_one_by_one(tmp_path, monkeypatch):
    import mlflow
    from kedro_mlflow.io.metrics import MlflowMetricsHistoryDataset
    from mlflow.tracking import MlflowClient

    from joint_nlu.datasets import mlflow_metrics
    from joint_nlu.datasets.mlflow_metrics import MlflowMetricsBatchDataset

    monkeypatch.setattr(mlflow_metrics, "MAX_METRICS_PER_BATCH", 8)  # several batches
    mlflow.set_tracking_uri(f"sqlite:///{tmp_path / 'mlflow.db'}")
    try:
        # more metrics than one batch holds, single values and per-step histories
        metrics = {
            f"errors.kind_{index}": {"value": float(index % 7), "step": 0} for index in range(20)
        }
        metrics["train_loss"] = [{"value": 1.0 / step, "step": step} for step in range(1, 6)]
        histories = {}
        for dataset in (MlflowMetricsHistoryDataset, MlflowMetricsBatchDataset):
            with mlflow.start_run() as run:
                dataset(prefix="valid").save(metrics)
            client = MlflowClient()
            logged = client.get_run(run.info.run_id).data.metrics
            histories[dataset] = {
                key: [(m.step, m.value) for m in client.get_metric_history(run.info.run_id, key)]
                for key in logged
            }
            loaded = dataset(prefix="valid", run_id=run.info.run_id).load()
            assert loaded["valid.train_loss"][2] == {"step": 3, "value": pytest.approx(1 / 3)}
        one_by_one, batched = histories.values()
        assert len(batched) == len(metrics)
        assert batched == one_by_one
    finally:
        mlflow.set_tracking_uri(None)


def test_the_logged_model_names_its_requirements_with_the_installed_versions():
    import importlib.metadata

    from joint_nlu.pipeline_registry import serving_requirements

    pinned = serving_requirements(("kiwipiepy", "numpy", "surely-not-an-installed-package"))
    assert pinned == [
        f"kiwipiepy=={importlib.metadata.version('kiwipiepy')}",
        f"numpy=={importlib.metadata.version('numpy')}",
    ]
    assert any(line.startswith("joint-nlu==") for line in serving_requirements())
