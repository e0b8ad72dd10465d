"""Inference: the shared batch code, any string as input, large calls, the Kedro pipeline."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from joint_nlu import decoding, text
from joint_nlu.datasets import SentencesDataset
from joint_nlu.serving import predict as inference
from joint_nlu.serving.mxnet_backend import Tagger
from tests.helpers import run_kedro
from tests.inference_models import train_tiny

ODD_SENTENCES = {
    "empty": "",
    "whitespace": " \t  \u3000 ",
    "unknown characters": "ฟฟฟ ЖЖЖ ∮∮",
    "emoji": "😀👍🏽 한라산 🇰🇷 높이?",
    "control characters": "\x00\x07한라산\x1b[31m\x7f\u200b\ufeff",
    "mixed scripts": "BTS는 Big Hit 소속？ 東京タワー 높이 Ω≈ç 123",
    "surrogate-free astral": "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎𠜱",
}


@pytest.fixture(scope="module")
def taggers(tmp_path_factory) -> dict[str, Tagger]:
    root = tmp_path_factory.mktemp("inference_models")
    taggers = {arch: Tagger.load(train_tiny(arch, root / arch)) for arch in ("bilstm", "notebook")}
    kiwi = train_tiny("bilstm", root / "bilstm_kiwi", morphology=True)
    return {**taggers, "bilstm_kiwi": Tagger.load(kiwi)}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=6), st.sampled_from([None, 4]))
def test_feature_encoder_matches_encode_sentence(sentences, window):
    vocab = text.build_char_vocab(["한라산 높이 abc"])
    encoder = inference.FeatureEncoder(vocab.__getitem__)
    features, valid_length, seen = encoder.encode(sentences, window)
    reference = text.pad_features([text.encode_sentence(s, vocab) for s in sentences], window)
    if sentences:
        width = features.shape[1]
        assert width == max(1, *seen)
        np.testing.assert_array_equal(features.astype(np.int32), reference[:, :width])
    assert list(seen) == [len(s[:window] if window else s) for s in sentences]
    assert list(valid_length) == [max(1, n) for n in seen]


@pytest.mark.parametrize(
    "bad, message",
    [
        ("one sentence", "one string"),
        ([1, "a"], "sentence 0 is int"),
        (["a", None], "sentence 1 is NoneType"),
        (pd.DataFrame({"text": ["a"]}), "column 'sentence'"),
        (42, "expected a list"),
    ],
)
def test_bad_input_is_refused_with_the_row_and_the_reason(bad, message):
    with pytest.raises(inference.InvalidInputError, match=message):
        inference.sentences_from_input(bad)


def test_tables_lists_and_empty_tables_are_accepted():
    assert inference.sentences_from_input(pd.DataFrame({"sentence": ["a", ""]})) == ["a", ""]
    assert inference.sentences_from_input(pd.Series(["a"])) == ["a"]
    assert inference.sentences_from_input(pd.DataFrame()) == []
    assert inference.sentences_from_input([]) == []


@pytest.mark.parametrize("architecture", ["bilstm", "notebook"])
@pytest.mark.parametrize("case", list(ODD_SENTENCES))
def test_any_string_is_an_input(taggers, architecture, case):
    sentence = ODD_SENTENCES[case]
    [prediction] = taggers[architecture].predict([sentence])
    assert prediction["sentence"] == sentence
    assert len(prediction["tags"]) == len(sentence)
    assert set(prediction["tags"]) <= {"C", "E"}
    assert prediction["intent"] in taggers[architecture].intents
    assert 0.0 <= prediction["intent_probability"] <= 1.0
    for span in prediction["spans"]:
        assert sentence[span["start"] : span["end"]] == span["text"]
    window = taggers[architecture].config.window
    assert prediction["truncated"] is bool(window and len(sentence) > window)
    if not sentence:
        assert prediction["tags"] == "" and prediction["spans"] == []


def test_predict_matches_the_per_sentence_reference_path(taggers):
    """Sentences encoded by text.encode_sentence (training's path) and by the serving
    FeatureEncoder, in batches of other sizes, give the same predictions."""
    from joint_nlu.morphology import analyse
    from joint_nlu.serving.predict import predict_encoded
    from joint_nlu.training import network_forward

    sentences = [*ODD_SENTENCES.values(), "김철수 나이 알려줘", "x" * 40, "푸조 508의 높이는?"]
    for tagger, mode in itertools.product(taggers.values(), decoding.DECODING_MODES):
        saved_mode, tagger.decoding = tagger.decoding, mode
        found = analyse(sentences, tagger.analyser) if tagger.analyser else [None] * len(sentences)
        encoded = [text.encode_sentence(s, tagger.char_vocab, m) for s, m in zip(sentences, found)]
        forward = network_forward(tagger.net, tagger.contexts[0])
        probabilities, tag_ids = predict_encoded(
            forward, encoded, tagger.decoder, 3, tagger.config.window
        )
        predictions = tagger.predict(sentences, top_k=2, batch_size=4)
        tagger.decoding = saved_mode
        for sentence, prediction, row, ids in zip(sentences, predictions, probabilities, tag_ids):
            read = "".join(tagger.tag_vocab.idx_to_token[i] for i in ids)
            assert prediction["tags"] == read + "C" * (len(sentence) - len(read)), mode
            assert prediction["intent_probability"] == pytest.approx(float(row.max()), abs=1e-6)
            assert [t["intent"] for t in prediction["top_intents"]][0] == prediction["intent"]
            assert len(prediction["top_intents"]) == 2
            if mode == "words":
                for span in prediction["spans"]:
                    assert span["text"] == span["text"].strip()


def test_threads_sharing_a_deep_copied_tagger_get_the_sequential_answers(taggers):
    """A model server deep-copies the catalog per request and predicts from many threads."""
    import copy
    from concurrent.futures import ThreadPoolExecutor

    sentences = [*ODD_SENTENCES.values(), "김철수 나이 알려줘", "푸조 508의 높이는?"] * 3
    for tagger in taggers.values():
        assert copy.deepcopy({"model": tagger})["model"] is tagger
        expected = [tagger.predict([sentence]) for sentence in sentences]
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(lambda s, t=tagger: copy.deepcopy(t).predict([s]), sentences))
        assert answers == expected


def test_ten_thousand_characters_whole_or_truncated_by_the_window(taggers):
    sentence = ("한라산의 높이는 얼마야? BTS " * 600)[:10_000]
    [whole] = taggers["bilstm"].predict([sentence])
    assert len(whole["tags"]) == 10_000 and whole["truncated"] is False
    [cut] = taggers["notebook"].predict([sentence])
    assert len(cut["tags"]) == 10_000 and cut["truncated"] is True
    assert set(cut["tags"][32:]) == {"C"}  # past the 32-character window: outside, flagged


def test_a_hundred_thousand_sentences_in_one_call_in_bounded_batches(taggers, monkeypatch):
    tagger = taggers["notebook"]
    widest: list[int] = []
    forward = tagger._forward

    def spy(features, valid_length):
        widest.append(features.shape[0])
        return forward(features, valid_length)

    monkeypatch.setattr(tagger, "_forward", spy)
    sentences = [f"{i % 97}번 한라산 높이" for i in range(100_000)]
    predictions = tagger.predict(sentences, top_k=1)
    assert len(predictions) == 100_000
    assert predictions[12_345]["sentence"] == sentences[12_345]
    assert max(widest) <= tagger.batch_size and len(widest) == -(-100_000 // tagger.batch_size)


def test_sentences_dataset_reads_lines_and_explains_a_missing_file(tmp_path):
    path = tmp_path / "sentences.txt"
    with pytest.raises(Exception, match="write one sentence per line"):
        SentencesDataset(filepath=str(path)).load()
    path.write_bytes("\ufeff첫 문장\r\n\n  \n마지막".encode())
    frame = SentencesDataset(filepath=str(path)).load()
    assert list(frame["sentence"]) == ["첫 문장", "", "  ", "마지막"]


@pytest.mark.slow
def test_inference_pipeline_writes_jsonl_and_explains_a_missing_input(tiny_project):
    env = {"MLFLOW_TRACKING_URI": f"sqlite:///{tiny_project / 'mlflow.db'}"}
    sentences_file = tiny_project / "data/05_model_input/sentences.txt"
    sentences_file.unlink(missing_ok=True)
    missing = run_kedro(tiny_project, "run", "--env", "test", "--pipelines=inference", env=env)
    assert missing.returncode != 0
    said = " ".join((missing.stdout + missing.stderr).split())  # rich wraps long lines
    assert "no sentences file" in said and "one sentence per line" in said
    sentences = ["한라산의 높이는?", "", "BTS 나이 알려줘 😀"]
    sentences_file.parent.mkdir(parents=True, exist_ok=True)
    sentences_file.write_text("".join(f"{s}\n" for s in sentences), encoding="utf-8")
    result = run_kedro(tiny_project, "run", "--env", "test", "--pipeline=inference", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = (tiny_project / "data/07_model_output/predictions.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in lines.splitlines()]
    expected = Tagger.load(tiny_project / "data/06_models/tagger").predict(sentences)
    assert [row["sentence"] for row in rows] == sentences
    for row, prediction in zip(rows, expected):
        assert set(row) == set(inference.PREDICTION_KEYS)
        assert row["tags"] == prediction["tags"] and row["intent"] == prediction["intent"]
        assert row["spans"] == prediction["spans"]


@pytest.mark.slow
def test_tagger_loads_the_model_a_kedro_run_logged_in_mlflow(tiny_project, monkeypatch, tmp_path):
    import mlflow

    mlflow.set_tracking_uri(f"sqlite:///{tiny_project / 'mlflow.db'}")
    runs = mlflow.search_runs(experiment_names=["joint_nlu"], order_by=["start_time ASC"])
    run_id = runs.iloc[0]["run_id"]
    monkeypatch.chdir(tmp_path)
    sentences = ["한라산의 높이는?", "BTS 나이 알려줘"]
    local = Tagger.load(tiny_project / "data/06_models/tagger").predict(sentences)
    assert Tagger.load(f"runs:/{run_id}/joint_nlu").predict(sentences) == local
    assert Tagger.load(f"runs:/{run_id}/trained_model").predict(sentences) == local
