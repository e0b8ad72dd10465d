"""Gluon blocks of the joint model: characters in, intent logits and per-character tag logits out.

Every block takes `features` (batch, time, len(text.FEATURES)) as float32 ids and
`valid_length` (batch,) and is hybridizable, so a trained network exports to a symbol file.
Outputs at real characters never depend on the padding after them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from mxnet.gluon import HybridBlock, nn, rnn

from joint_nlu.text import (
    CHAR,
    CHAR_CLASS,
    FINAL,
    INITIAL,
    JAMO_VOCAB_SIZES,
    MEDIAL,
    N_CHAR_CLASSES,
)

ARCHITECTURES = ("bilstm", "notebook")
TASKS = ("intent", "entity")
_MASKED_OUT = -1e4  # below any activation, so a masked max never picks padding


@dataclass
class ModelConfig:
    """Everything needed to rebuild the network: sizes, vocabulary sizes and the window."""

    n_chars: int
    n_intents: int
    n_tags: int
    architecture: str = "bilstm"
    # which heads are trained; the other head still exists but its loss weight is zero
    tasks: tuple[str, ...] = TASKS
    # None: the model reads every sentence whole; an int cuts inputs to that many characters
    window: int | None = None
    char_embedding: int = 64
    jamo_embedding: int = 16
    class_embedding: int = 8
    conv_channels: int = 128
    conv_kernel: int = 3
    hidden: int = 128
    lstm_layers: int = 1
    tag_hidden: int = 128
    dropout: float = 0.3
    embedding_dropout: float = 0.1

    def __post_init__(self) -> None:
        if self.architecture not in ARCHITECTURES:
            raise ValueError(
                f"architecture {self.architecture!r} is not one of {', '.join(ARCHITECTURES)}"
            )
        self.tasks = tuple(self.tasks)
        unknown = set(self.tasks) - set(TASKS)
        if unknown or not self.tasks:
            raise ValueError(f"tasks must be a non-empty subset of {TASKS}, got {self.tasks}")

    def to_dict(self) -> dict:
        """Return the configuration as JSON-ready values."""
        values = asdict(self)
        values["tasks"] = list(self.tasks)
        return values

    @classmethod
    def from_dict(cls, values: dict) -> ModelConfig:
        """Return a configuration from `to_dict` output, ignoring keys it does not know."""
        known = {field.name for field in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in known})


def _column(F, features, index: int):
    """Return one feature column (batch, time) of the (batch, time, features) input."""
    return F.slice_axis(features, axis=2, begin=index, end=index + 1).reshape((0, 0))


def _mask_time(F, data, valid_length, value: float = 0.0):
    """Return (batch, time, channels) data with positions past each valid length set to value."""
    return F.SequenceMask(
        data, sequence_length=valid_length, use_sequence_length=True, value=value, axis=1
    )


class MaskedBiLSTM(HybridBlock):
    """A bidirectional LSTM layer that reads only the valid characters in each direction.

    MXNet's CPU RNN kernel ignores `sequence_length`, so the backward direction is a forward
    LSTM over the sequence reversed within its valid length (padding stays at the end).
    """

    def __init__(self, hidden: int, **kwargs) -> None:
        super().__init__(**kwargs)
        with self.name_scope():
            self.forward_lstm = rnn.LSTM(hidden, layout="NTC")
            self.backward_lstm = rnn.LSTM(hidden, layout="NTC")

    def hybrid_forward(self, F, data, valid_length):
        # data: (batch, time, channels) -> (batch, time, 2 * hidden)
        forward = self.forward_lstm(data)
        reversed_data = self._reverse(F, data, valid_length)
        backward = self._reverse(F, self.backward_lstm(reversed_data), valid_length)
        return F.concat(forward, backward, dim=2)

    @staticmethod
    def _reverse(F, data, valid_length):
        time_major = F.swapaxes(data, 0, 1)
        reversed_ = F.SequenceReverse(
            time_major, sequence_length=valid_length, use_sequence_length=True
        )
        return F.swapaxes(reversed_, 0, 1)


class CharacterEncoder(HybridBlock):
    """Embeds characters with their jamo and class, then a masked CNN and stacked BiLSTMs."""

    def __init__(self, config: ModelConfig, **kwargs) -> None:
        super().__init__(**kwargs)
        self._config = config
        with self.name_scope():
            self.char_embedding = nn.Embedding(config.n_chars, config.char_embedding)
            self.initial_embedding = nn.Embedding(JAMO_VOCAB_SIZES[0], config.jamo_embedding)
            self.medial_embedding = nn.Embedding(JAMO_VOCAB_SIZES[1], config.jamo_embedding)
            self.final_embedding = nn.Embedding(JAMO_VOCAB_SIZES[2], config.jamo_embedding)
            self.class_embedding = nn.Embedding(N_CHAR_CLASSES, config.class_embedding)
            self.embedding_dropout = nn.Dropout(config.embedding_dropout)
            self.conv = None
            if config.conv_channels:
                self.conv = nn.Conv1D(
                    config.conv_channels,
                    config.conv_kernel,
                    padding=config.conv_kernel // 2,
                    activation="relu",
                )
            self.lstms = nn.HybridSequential()
            for _ in range(config.lstm_layers):
                self.lstms.add(MaskedBiLSTM(config.hidden))
            self.dropout = nn.Dropout(config.dropout)

    def hybrid_forward(self, F, features, valid_length):
        # features: (batch, time, 5) -> (batch, time, 2 * hidden)
        embedded = F.concat(
            self.char_embedding(_column(F, features, CHAR)),
            self.initial_embedding(_column(F, features, INITIAL)),
            self.medial_embedding(_column(F, features, MEDIAL)),
            self.final_embedding(_column(F, features, FINAL)),
            self.class_embedding(_column(F, features, CHAR_CLASS)),
            dim=2,
        )
        hidden = _mask_time(F, self.embedding_dropout(embedded), valid_length)
        if self.conv is not None:
            # (batch, channels, time) for Conv1D; zeros past the valid length act as padding
            ngrams = F.swapaxes(self.conv(F.swapaxes(hidden, 1, 2)), 1, 2)
            hidden = _mask_time(F, F.concat(hidden, ngrams, dim=2), valid_length)
        for lstm in self.lstms:
            hidden = lstm(hidden, valid_length)
        return self.dropout(hidden)


class JointModel(HybridBlock):
    """The default network: one shared character encoder read by both heads.

    intent: masked max and mean pooling over time -> Dense(n_intents)
    entity: per character Dense(tag_hidden, relu) -> Dense(n_tags)
    """

    def __init__(self, config: ModelConfig, **kwargs) -> None:
        super().__init__(**kwargs)
        with self.name_scope():
            self.encoder = CharacterEncoder(config)
            self.intent_output = nn.Dense(config.n_intents)
            self.tag_hidden = nn.Dense(config.tag_hidden, activation="relu", flatten=False)
            self.tag_output = nn.Dense(config.n_tags, flatten=False)

    def hybrid_forward(self, F, features, valid_length):
        encoded = self.encoder(features, valid_length)  # (batch, time, 2 * hidden)
        summed = F.sum(_mask_time(F, encoded, valid_length), axis=1)
        mean = F.broadcast_div(summed, F.expand_dims(valid_length, axis=1))
        maximum = F.max(_mask_time(F, encoded, valid_length, _MASKED_OUT), axis=1)
        intent_logits = self.intent_output(F.concat(mean, maximum, dim=1))  # (batch, n_intents)
        tag_logits = self.tag_output(self.tag_hidden(encoded))  # (batch, time, n_tags)
        return intent_logits, tag_logits


class NotebookModel(HybridBlock):
    """The original notebook's network: two separate branches over character ids only.

    intent: Embedding(50) -> LSTM(30) -> masked mean over time -> Dense(n_intents)
    entity: Embedding(50) -> BiLSTM(30) -> Dense(50) -> Dense(n_tags)
    (The BiLSTM here is masked, so padding cannot leak into the backward direction.)
    """

    def __init__(self, config: ModelConfig, **kwargs) -> None:
        super().__init__(**kwargs)
        with self.name_scope():
            self.intent_embedding = nn.Embedding(config.n_chars, config.char_embedding)
            self.intent_lstm = rnn.LSTM(config.hidden, layout="NTC")
            self.intent_output = nn.Dense(config.n_intents)
            self.tag_embedding = nn.Embedding(config.n_chars, config.char_embedding)
            self.tag_lstm = MaskedBiLSTM(config.hidden)
            self.tag_hidden = nn.Dense(config.tag_hidden, flatten=False)
            self.tag_output = nn.Dense(config.n_tags, flatten=False)

    def hybrid_forward(self, F, features, valid_length):
        chars = _column(F, features, CHAR)  # (batch, time)
        intent_states = _mask_time(F, self.intent_lstm(self.intent_embedding(chars)), valid_length)
        mean = F.broadcast_div(
            F.sum(intent_states, axis=1), F.expand_dims(valid_length, axis=1)
        )  # (batch, hidden)
        tag_states = self.tag_lstm(self.tag_embedding(chars), valid_length)
        return self.intent_output(mean), self.tag_output(self.tag_hidden(tag_states))


def build_model(config: ModelConfig) -> HybridBlock:
    """Return an uninitialised network for the configuration's architecture."""
    if config.architecture == "notebook":
        return NotebookModel(config)
    return JointModel(config)
