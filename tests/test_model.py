"""Network shapes, masking, learning and persistence."""

import mxnet as mx
import numpy as np
import pytest

from joint_nlu import text
from joint_nlu.devices import parse_devices
from joint_nlu.model import ModelConfig, build_model
from joint_nlu.serving.mxnet_backend import Tagger
from joint_nlu.training import make_batch, train
from tests.helpers import TINY_SIZES, toy_encoded, toy_rows, toy_vocabs, training_config


def small_config(architecture: str, vocabs=None, window=None) -> ModelConfig:
    sizes = TINY_SIZES[architecture]
    n_chars, n_intents, n_tags = (len(v) for v in vocabs) if vocabs else (30, 4, 3)
    return ModelConfig(
        n_chars=n_chars,
        n_intents=n_intents,
        n_tags=n_tags,
        architecture=architecture,
        window=window,
        **sizes,
    )


def initialised(config: ModelConfig):
    mx.random.seed(1)
    net = build_model(config)
    net.initialize(mx.init.Xavier())
    return net


@pytest.mark.parametrize("architecture", ["bilstm", "notebook"])
def test_output_shapes(architecture):
    net = initialised(small_config(architecture))
    features = mx.nd.ones((5, 7, len(text.FEATURES)))
    intent_logits, tag_logits = net(features, mx.nd.array([7, 3, 1, 7, 2]))
    assert intent_logits.shape == (5, 4)
    assert tag_logits.shape == (5, 7, 3)


@pytest.mark.parametrize("architecture", ["bilstm", "notebook"])
@pytest.mark.parametrize("hybridize", [False, True])
def test_padding_does_not_change_outputs_at_real_characters(architecture, hybridize):
    net = initialised(small_config(architecture))
    if hybridize:
        net.hybridize()
    rng = np.random.default_rng(0)
    real = rng.integers(2, 20, size=(1, 6, len(text.FEATURES))).astype("float32")
    padded = np.concatenate([real, rng.integers(2, 20, size=(1, 9, len(text.FEATURES)))], axis=1)
    length = mx.nd.array([6])
    short_intent, short_tags = net(mx.nd.array(real), length)
    long_intent, long_tags = net(mx.nd.array(padded.astype("float32")), length)
    np.testing.assert_allclose(short_intent.asnumpy(), long_intent.asnumpy(), atol=1e-5)
    np.testing.assert_allclose(short_tags.asnumpy(), long_tags.asnumpy()[:, :6], atol=1e-5)


def test_a_batch_holds_padded_features_lengths_and_masks():
    rows = toy_rows(4)
    data = toy_encoded(rows, toy_vocabs(rows))
    features, lengths, intents, tags, mask, entity = make_batch(data, [0, 1, 2])
    width = max(len(r[2]) for r in rows[:3])
    assert features.shape == (3, width, len(text.FEATURES))
    assert list(lengths) == [len(r[2]) for r in rows[:3]]
    assert mask.sum() == lengths.sum()
    assert entity.sum() == sum(r[1].count("E") for r in rows[:3])


@pytest.mark.parametrize("architecture", ["bilstm", "notebook"])
def test_training_lowers_the_loss(architecture):
    rows = toy_rows(160)
    vocabs = toy_vocabs(rows)
    data = toy_encoded(rows, vocabs)
    config = small_config(architecture, vocabs, window=32 if architecture == "notebook" else None)
    result = train(
        config,
        data,
        data,
        training_config(epochs=3, batch_size=16, progress=False, device="cpu", patience=10),
    )
    losses = [record["train_loss"] for record in result.history]
    assert losses[-1] < losses[0]
    assert 1 <= result.best_epoch <= 3


def test_same_seed_same_result():
    rows = toy_rows(64)
    vocabs = toy_vocabs(rows)
    data = toy_encoded(rows, vocabs)
    config = small_config("bilstm", vocabs)
    settings = training_config(epochs=1, batch_size=16, progress=False, device="cpu")
    first, second = train(config, data, data, settings), train(config, data, data, settings)
    assert first.history[0]["train_loss"] == second.history[0]["train_loss"]


def test_save_and_load_give_identical_predictions(tmp_path):
    rows = toy_rows(64)
    vocabs = toy_vocabs(rows)
    data = toy_encoded(rows, vocabs)
    config = small_config("bilstm", vocabs)
    result = train(
        config, data, data, training_config(epochs=1, batch_size=16, progress=False, device="cpu")
    )
    tagger = Tagger(result.net, config, *vocabs)
    sentences = [r[2] for r in rows[:10]] + ["", "처음 보는 글자 뷁", "x" * 300]
    before = tagger.predict(sentences)
    loaded = Tagger.load(tagger.save(tmp_path / "model"))
    after = loaded.predict(sentences)
    assert [p["tags"] for p in before] == [p["tags"] for p in after]
    assert [p["intent"] for p in before] == [p["intent"] for p in after]
    np.testing.assert_allclose(
        [p["intent_probability"] for p in before],
        [p["intent_probability"] for p in after],
        atol=1e-6,
    )
    assert all(len(p["tags"]) == len(s) for p, s in zip(after, sentences))
    assert not any(p["truncated"] for p in after)


def test_a_window_truncates_and_says_so(tmp_path):
    rows = toy_rows(32)
    vocabs = toy_vocabs(rows)
    config = small_config("notebook", vocabs, window=8)
    net = initialised(config)
    prediction = Tagger(net, config, *vocabs).predict(["가" * 20])[0]
    assert prediction["truncated"] and len(prediction["tags"]) == 20
    assert prediction["tags"][8:] == "C" * 12


def test_missing_model_files_are_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="model-symbol.json"):
        Tagger.load(tmp_path)


def test_device_strings():
    assert parse_devices("cpu") == [mx.cpu(0)]
    assert parse_devices("cpu:0,1") == [mx.cpu(0), mx.cpu(1)]
    assert parse_devices("auto") == ([mx.gpu(0)] if mx.context.num_gpus() else [mx.cpu()])
    with pytest.raises(ValueError, match="device"):
        parse_devices("tpu")


def test_two_cpu_contexts_train_data_parallel():
    rows = toy_rows(64)
    vocabs = toy_vocabs(rows)
    data = toy_encoded(rows, vocabs)
    config = small_config("bilstm", vocabs)
    result = train(
        config,
        data,
        data,
        training_config(epochs=1, batch_size=16, progress=False, device="cpu:0,1"),
    )
    assert result.devices == ["cpu(0)", "cpu(1)"]
    assert np.isfinite(result.history[0]["train_loss"])
