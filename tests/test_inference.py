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
    # the missing-input hook speaks before the dataset does (tests/test_missing_inputs.py)
    assert "sentences.txt) not found" in said and "point the catalog entry `sentences`" in said
    sentences = ["한라산의 높이는?", "", "BTS 나이 알려줘 😀"]
    too_long = "가" * 2001  # one over conf/base's inference.max_sentence_chars
    sentences_file.parent.mkdir(parents=True, exist_ok=True)
    sentences_file.write_text(
        "".join(f"{s}\n" for s in [*sentences[:2], too_long, sentences[2]]), encoding="utf-8"
    )
    result = run_kedro(tiny_project, "run", "--env", "test", "--pipeline=inference", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = (tiny_project / "data/07_model_output/predictions.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in lines.splitlines()]
    rejected = pd.read_csv(tiny_project / "data/08_reporting/rejected_sentences.csv")
    assert list(rejected["line"]) == [3] and list(rejected["length"]) == [2001]
    assert "inference.max_sentence_chars" in rejected["reason"][0]
    model = tiny_project / "data/06_models/tagger"
    # the training run saved conf/base's limits with the model
    from tests.helpers import base_parameters

    params = base_parameters("inference")["inference"]
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    assert config["limits"] == {name: params[name] for name in inference.LIMIT_PARAMETERS}
    expected = Tagger.load(model).predict(sentences)
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


# ---- input limits: one check before any model work, on every prediction path ---------------

LIMITS = inference.InputLimits(max_sentence_chars=20, max_batch_sentences=4, max_batch_chars=50)


def limited(tagger: Tagger, limits: inference.InputLimits) -> Tagger:
    """Return a copy of `tagger` (sharing its network) that enforces `limits` as its own."""
    import copy

    clone = copy.copy(tagger)
    clone.limits = limits
    return clone


@pytest.mark.parametrize(
    "sentences, row, size, parameter, words",
    [
        (["짧다", "가" * 21], 1, 21, "max_sentence_chars", "sentence 1 has 21 characters"),
        (["a"] * 5, None, 5, "max_batch_sentences", "5 sentences in one call"),
        (["a" * 20, "b" * 20, "c" * 11], 2, 51, "max_batch_chars", "sentence 2 brings the call"),
    ],
)
def test_a_call_over_a_limit_is_refused_naming_the_row_the_limit_and_the_parameter(
    sentences, row, size, parameter, words
):
    limit = getattr(LIMITS, parameter)
    with pytest.raises(inference.InputTooLargeError) as refused:
        inference.sentences_from_input(pd.DataFrame({"sentence": sentences}), LIMITS)
    error = refused.value
    assert (error.row, error.size, error.limit) == (row, size, limit)
    assert error.parameter == f"inference.{parameter}"
    message = str(error)
    assert words in message and f"limit of {limit}" in message
    assert f"(inference.{parameter})" in message and "raise the limit" in message
    assert isinstance(error, inference.InvalidInputError)  # served: HTTP 400 like bad types
    # exactly at the limits is accepted
    assert inference.sentences_from_input(["가" * 20, "a" * 20, "b" * 10], LIMITS)


def test_the_count_is_checked_before_any_row_and_no_limits_accept_anything():
    with pytest.raises(inference.InputTooLargeError, match="5 sentences"):
        inference.sentences_from_input([None] * 5, LIMITS)  # not the type of row 0
    with pytest.raises(inference.InvalidInputError, match="sentence 0 is NoneType"):
        inference.sentences_from_input([None, "a"], LIMITS)
    huge = ["가" * 100_000] * 3
    assert inference.sentences_from_input(huge, inference.InputLimits()) == huge
    assert inference.sentences_from_input(huge) == huge


@pytest.mark.parametrize(
    "values, message",
    [
        ({"max_sentence_chars": 0}, "inference.max_sentence_chars must be a positive integer"),
        ({"max_batch_sentences": -1}, "inference.max_batch_sentences must be a positive"),
        ({"max_batch_sentences": True}, "inference.max_batch_sentences must be a positive"),
        ({"max_sentence_chars": "2000"}, "inference.max_sentence_chars must be a positive"),
        ({"max_batch_chars": 100}, "inference.max_batch_chars .100. needs"),
        ({"max_sentence_chars": 200, "max_batch_chars": 100}, "no higher .now 200."),
    ],
)
def test_limits_that_cannot_work_are_refused_naming_the_parameter(values, message):
    with pytest.raises(ValueError, match=message):
        inference.InputLimits.from_params(values)


def test_the_limits_of_conf_base_are_read_from_the_inference_parameters():
    from tests.helpers import base_parameters

    params = base_parameters("inference")["inference"]
    limits = inference.InputLimits.from_params(params)
    assert limits.to_json() == {name: params[name] for name in inference.LIMIT_PARAMETERS}
    assert None not in limits.to_json().values()
    assert inference.InputLimits.from_params({"top_k": 3}) == inference.InputLimits()


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(0, 20), max_size=30),
    st.sampled_from([None, 1, 3]),
    st.sampled_from([None, 20, 45]),
)
def test_chunks_cover_every_sentence_once_in_order_within_the_call_limits(lengths, most, chars):
    limits = inference.InputLimits(20 if chars else None, most, chars)
    sentences = ["x" * n for n in lengths]
    chunks = list(limits.chunks(sentences))
    assert [i for begin, end in chunks for i in range(begin, end)] == list(range(len(lengths)))
    for begin, end in chunks:
        assert end > begin
        limits.check(sentences[begin:end])  # raises if over a limit


def test_tagger_refuses_before_encoding_or_running_the_network(taggers, monkeypatch):
    tagger = limited(taggers["bilstm"], LIMITS)
    work: list[str] = []
    monkeypatch.setattr(tagger, "_forward", lambda *a: work.append("forward"))
    monkeypatch.setattr(tagger._encoder, "encode", lambda *a: work.append("encode"))
    for sentences in (["가" * 21], ["a"] * 5, ["a" * 20] * 3):
        with pytest.raises(inference.InputTooLargeError):
            tagger.predict(sentences)
    with pytest.raises(TypeError, match="sentence 0 is int"):  # bad types keep their error
        tagger.predict([3])
    assert work == []


def test_limits_are_saved_with_the_model_and_enforced_after_loading(taggers, tmp_path):
    directory = limited(taggers["bilstm"], LIMITS).save(tmp_path / "model")
    config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    assert config["limits"] == LIMITS.to_json()
    loaded = Tagger.load(directory)
    assert loaded.limits == LIMITS
    with pytest.raises(inference.InputTooLargeError, match="sentence 0 has 21 characters"):
        loaded.predict(["가" * 21])
    [lifted] = loaded.predict(["가" * 21], limits=inference.InputLimits())
    assert len(lifted["tags"]) == 21
    assert len(loaded.predict(["a"] * 10, limits=inference.InputLimits(max_batch_sentences=10)))

    # a model directory written before the limits (no `limits` in config.json) has none
    del config["limits"]
    (directory / "config.json").write_text(json.dumps(config), encoding="utf-8")
    older = Tagger.load(directory)
    assert older.limits == inference.InputLimits()
    assert len(older.predict(["가" * 3000] * 20)) == 20

    from joint_nlu.serving.model_dir import DamagedModelError

    config["limits"] = {"max_sentence_chars": -5}
    (directory / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(DamagedModelError, match="config.json has invalid limits"):
        Tagger.load(directory)


def test_the_command_line_refuses_an_over_long_sentence_and_reads_stdin_in_chunks(
    taggers, tmp_path, monkeypatch, capsys
):
    import io

    from joint_nlu import command_line

    directory = limited(taggers["bilstm"], LIMITS).save(tmp_path / "model")
    assert command_line.main(["predict", "--model", str(directory), "짧다", "가" * 21]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # nothing predicted, not even the first sentence
    assert "sentence 1 has 21 characters" in captured.err and "(argument 2;" in captured.err
    assert "inference.max_sentence_chars" in captured.err and "config.json" in captured.err

    monkeypatch.setattr("sys.stdin", io.StringIO("한라산\n" + "가" * 25 + "\n"))
    assert command_line.main(["predict", "--model", str(directory)]) == 1
    assert "(line 2 of stdin;" in capsys.readouterr().err

    calls: list[int] = []
    predict = inference.BatchPredictor.predict

    def spy(self, sentences, *args, **kwargs):
        calls.append(len(sentences))
        return predict(self, sentences, *args, **kwargs)

    monkeypatch.setattr(inference.BatchPredictor, "predict", spy)
    lines = [f"{i}번 한라산 높이" for i in range(11)]  # 11 > max_batch_sentences
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    assert command_line.main(["predict", "--model", str(directory)]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["sentence"] for row in printed] == lines
    assert max(calls) <= LIMITS.max_batch_sentences and sum(calls) == 11


def test_the_served_node_refuses_a_request_over_the_limits_as_http_400(taggers, monkeypatch):
    from mlflow.exceptions import MlflowException

    from joint_nlu.pipelines.inference import nodes

    tagger = taggers["bilstm"]  # no limits of its own: the node passes the parameters'
    params = {"top_k": 2, "batch_size": 8, **LIMITS.to_json()}
    monkeypatch.setattr(tagger, "_forward", lambda *a: pytest.fail("the network ran"))
    for rows in (["가" * 21], ["a"] * 5):
        with pytest.raises(MlflowException) as refused:
            nodes.predict_sentences(tagger, pd.DataFrame({"sentence": rows}), params)
        assert refused.value.get_http_status_code() == 400
        assert "inference.max_" in refused.value.message


def test_the_batch_pipeline_sets_refused_rows_aside_and_predicts_the_rest(taggers, tmp_path):
    """Every line of the file is predicted or reported; calls to the model stay in the limits."""
    from kedro.io import DataCatalog, MemoryDataset
    from kedro.runner import SequentialRunner
    from kedro_datasets.pandas import CSVDataset, JSONDataset

    from joint_nlu.pipelines.inference.pipeline import create_pipeline

    tagger = limited(taggers["bilstm"], inference.InputLimits())
    calls: list[list[str]] = []
    predict = tagger.predict

    def spy(sentences, **kwargs):
        calls.append(list(sentences))
        return predict(sentences, **kwargs)

    tagger.predict = spy
    lines = [f"{i}번 한라산 높이" for i in range(9)]
    lines[3] = "가" * 21
    lines[7] = "나" * 500
    (tmp_path / "sentences.txt").write_text("".join(f"{s}\n" for s in lines), encoding="utf-8")
    catalog = DataCatalog(
        {
            "sentences": SentencesDataset(filepath=str(tmp_path / "sentences.txt")),
            "trained_model": MemoryDataset(tagger, copy_mode="assign"),
            "params:inference": MemoryDataset({"top_k": 1, "batch_size": 2, **LIMITS.to_json()}),
            "predictions": JSONDataset(
                filepath=str(tmp_path / "predictions.jsonl"),
                save_args={"orient": "records", "lines": True, "force_ascii": False},
            ),
            "rejected_sentences": CSVDataset(
                filepath=str(tmp_path / "rejected.csv"), save_args={"index": False}
            ),
        }
    )
    SequentialRunner().run(create_pipeline(), catalog)
    predicted = pd.read_json(tmp_path / "predictions.jsonl", lines=True)
    rejected = pd.read_csv(tmp_path / "rejected.csv")
    kept = [s for i, s in enumerate(lines) if i not in (3, 7)]
    assert list(predicted["sentence"]) == kept
    assert list(rejected.columns) == ["line", "length", "reason", "beginning"]
    assert list(rejected["line"]) == [4, 8] and list(rejected["length"]) == [21, 500]
    assert rejected["reason"].str.contains("inference.max_sentence_chars").all()
    assert rejected["beginning"][1] == "나" * 40
    assert len(predicted) + len(rejected) == len(lines)  # nothing lost
    assert [s for call in calls for s in call] == kept
    for call in calls:
        LIMITS.check(call)
    assert max(len(call) for call in calls) == LIMITS.max_batch_sentences

    # nothing refused: an empty report (the header), so an older report never lingers
    (tmp_path / "sentences.txt").write_text("한라산 높이\n", encoding="utf-8")
    SequentialRunner().run(create_pipeline(), catalog)
    assert pd.read_csv(tmp_path / "rejected.csv").empty


def test_the_set_aside_node_reports_values_that_are_not_text():
    from joint_nlu.pipelines.inference import nodes

    frame = pd.DataFrame({"sentence": ["한라산", None, 12, "가" * 4]})
    kept, rejected = nodes.set_aside_refused_sentences(frame, {"max_sentence_chars": 3})
    assert list(kept["sentence"]) == ["한라산"]
    assert list(rejected["line"]) == [2, 3, 4]
    assert list(rejected["reason"]) == [
        "the sentence is NoneType (None), not a string (a missing value)",
        "the sentence is int (12), not a string",
        "the sentence has 4 characters, over the limit of 3 (inference.max_sentence_chars): "
        "send at most 3 characters a sentence, or raise the limit",
    ]
    kept, rejected = nodes.set_aside_refused_sentences(frame.iloc[[0, 3]], {})
    assert list(kept["sentence"]) == ["한라산", "가" * 4] and rejected.empty


def test_the_demo_answers_400_when_the_models_limit_refuses_a_sentence(taggers):
    import threading
    import urllib.error
    import urllib.request

    from joint_nlu.demo import DemoServer

    server = DemoServer(limited(taggers["bilstm"], LIMITS), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]

        def post(sentences: list[str]) -> tuple[int, dict]:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/predict",
                data=json.dumps({"sentences": sentences}).encode(),
                headers={"Content-Type": "application/json"},
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return response.status, json.loads(response.read())
            except urllib.error.HTTPError as error:
                return error.code, json.loads(error.read())

        status, answer = post(["한라산", "가" * 21])
        assert status == 400 and "sentence 1 has 21 characters" in answer["error"]
        status, answer = post(["한라산 높이"])
        assert status == 200 and answer["predictions"][0]["sentence"] == "한라산 높이"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
