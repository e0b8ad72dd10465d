"""Network shapes, masking, learning and persistence."""

import json
from pathlib import Path

import mxnet as mx
import numpy as np
import pytest
import yaml

from joint_nlu import text
from joint_nlu.devices import parse_devices
from joint_nlu.fit import Vocabularies, model_config
from joint_nlu.model import ENCODERS, ModelConfig, build_model
from joint_nlu.serving.mxnet_backend import Tagger
from joint_nlu.training import make_batch, train
from tests.helpers import TINY_SIZES, toy_encoded, toy_rows, toy_vocabs, training_config

# the networks under test: (architecture, sizes beyond TINY_SIZES[architecture])
NETWORKS = {
    "bilstm": ("bilstm", {}),
    "notebook": ("notebook", {}),
    # receptive field 1 + 2 * (1 + 2 * (1 + 2 + 4)) = 31 characters: wider than the padded inputs
    "dilated_cnn": ("bilstm", {"encoder": "dilated_cnn", "cnn_channels": 8}),
}


def small_config(network: str, vocabs=None, window=None) -> ModelConfig:
    architecture, extra = NETWORKS[network]
    n_chars, n_intents, n_tags = (len(v) for v in vocabs) if vocabs else (30, 4, 3)
    return ModelConfig(
        n_chars=n_chars,
        n_intents=n_intents,
        n_tags=n_tags,
        architecture=architecture,
        window=window,
        **TINY_SIZES[architecture],
        **extra,
    )


def initialised(config: ModelConfig):
    mx.random.seed(1)
    net = build_model(config)
    net.initialize(mx.init.Xavier())
    return net


@pytest.mark.parametrize("network", list(NETWORKS))
def test_output_shapes(network):
    net = initialised(small_config(network))
    features = mx.nd.ones((5, 7, len(text.FEATURES)))
    intent_logits, tag_logits = net(features, mx.nd.array([7, 3, 1, 7, 2]))
    assert intent_logits.shape == (5, 4)
    assert tag_logits.shape == (5, 7, 3)


@pytest.mark.parametrize("network", list(NETWORKS))
@pytest.mark.parametrize("hybridize", [False, True])
def test_padding_does_not_change_outputs_at_real_characters(network, hybridize):
    net = initialised(small_config(network))
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


@pytest.mark.parametrize("network", ["bilstm", "dilated_cnn"])
def test_each_row_of_a_batch_reads_only_its_own_characters(network):
    net = initialised(small_config(network))
    net.hybridize(static_alloc=True, static_shape=True)
    rng = np.random.default_rng(1)
    lengths = [3, 12, 7]
    batch = rng.integers(2, 20, size=(3, 12, len(text.FEATURES))).astype("float32")
    intents, tags = (out.asnumpy() for out in net(mx.nd.array(batch), mx.nd.array(lengths)))
    for row, length in enumerate(lengths):
        alone = mx.nd.array(batch[row : row + 1, :length])
        intent, tag = (out.asnumpy() for out in net(alone, mx.nd.array([length])))
        np.testing.assert_allclose(intent[0], intents[row], atol=1e-5)
        np.testing.assert_allclose(tag[0], tags[row, :length], atol=1e-5)


def test_a_batch_holds_padded_features_lengths_and_masks():
    rows = toy_rows(4)
    data = toy_encoded(rows, toy_vocabs(rows))
    features, lengths, intents, tags, mask, entity = make_batch(data, [0, 1, 2])
    width = max(len(r[2]) for r in rows[:3])
    assert features.shape == (3, width, len(text.FEATURES))
    assert list(lengths) == [len(r[2]) for r in rows[:3]]
    assert mask.sum() == lengths.sum()
    assert entity.sum() == sum(r[1].count("E") for r in rows[:3])


@pytest.mark.parametrize("network", list(NETWORKS))
def test_training_lowers_the_loss(network):
    rows = toy_rows(160)
    vocabs = toy_vocabs(rows)
    data = toy_encoded(rows, vocabs)
    config = small_config(network, vocabs, window=32 if network == "notebook" else None)
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


@pytest.mark.parametrize("network", ["bilstm", "dilated_cnn"])
def test_save_and_load_give_identical_predictions(tmp_path, network):
    rows = toy_rows(64)
    vocabs = toy_vocabs(rows)
    data = toy_encoded(rows, vocabs)
    config = small_config(network, vocabs)
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
    assert loaded.config == config


def test_config_round_trips_through_json_and_old_configs_load_as_bilstm():
    config = ModelConfig(30, 4, 3, encoder="dilated_cnn", cnn_dilations=[1, 3, 9])
    assert config.cnn_dilations == (1, 3, 9)
    assert ModelConfig.from_dict(json.loads(json.dumps(config.to_dict()))) == config
    assert build_model(config).encoder.dilated is not None
    old = small_config("bilstm").to_dict()
    for key in ("encoder", "cnn_channels", "cnn_kernel", "cnn_dilations", "cnn_block_repeats"):
        del old[key]  # a config.json saved before encoders existed
    loaded = ModelConfig.from_dict(old)
    assert loaded.encoder == "bilstm"
    encoder = build_model(loaded).encoder
    assert encoder.dilated is None and len(encoder.lstms) == 1


@pytest.mark.parametrize(
    "bad",
    [{"encoder": "transformer"}, {"cnn_kernel": 4}, {"cnn_dilations": []}, {"cnn_dilations": [0]}],
)
def test_impossible_encoder_settings_are_refused(bad):
    with pytest.raises(ValueError, match=next(iter(bad))):
        ModelConfig(30, 4, 3, **bad)


def test_parameters_choose_the_encoder_and_its_sizes():
    vocab = {"idx_to_token": ["a", "b", "c"]}
    model = {
        "architecture": "bilstm",
        "encoder": "dilated_cnn",
        "bilstm": {"cnn_channels": 8, "cnn_dilations": [1, 2]},
        "notebook": {"window": 32},
    }
    config = model_config(model, Vocabularies(vocab, vocab, vocab))
    assert (config.encoder, config.cnn_channels, config.cnn_dilations) == ("dilated_cnn", 8, (1, 2))
    # the notebook network has no choice of encoder, whatever model.encoder says
    assert model_config(
        {**model, "architecture": "notebook"}, Vocabularies(vocab, vocab, vocab)
    ).encoder == ("bilstm")
    without = {key: value for key, value in model.items() if key != "encoder"}
    assert model_config(without, Vocabularies(vocab, vocab, vocab)).encoder == "bilstm"


@pytest.mark.parametrize("encoder", ENCODERS)
def test_the_training_parameters_build_each_encoder(encoder):
    parameters = Path(__file__).resolve().parents[1] / "conf/base/parameters_training.yml"
    model = yaml.safe_load(parameters.read_text(encoding="utf-8"))["model"]
    assert model["encoder"] == "bilstm"  # the default stays until the frontier picks one
    vocab = {"idx_to_token": ["a", "b", "c"]}
    config = model_config({**model, "encoder": encoder}, Vocabularies(vocab, vocab, vocab))
    net = initialised(config)
    _, tag_logits = net(mx.nd.ones((2, 4, len(text.FEATURES))), mx.nd.array([4, 2]))
    assert config.encoder == encoder and tag_logits.shape == (2, 4, 3)


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
