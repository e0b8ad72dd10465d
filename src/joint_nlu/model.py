"""Gluon blocks of the joint model: characters in, intent logits and per-character tag logits out.

Every block takes `features` (batch, time, len(text.FEATURES)) as float32 ids and
`valid_length` (batch,) and is hybridizable, so a trained network exports to a symbol file.
Outputs at real characters never depend on the padding after them.
The `bilstm` architecture's sequence encoder is a masked BiLSTM (`encoder: bilstm`) or
iterated dilated convolutions (`encoder: dilated_cnn`); both heads read either.
No Kedro, no file I/O here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from mxnet.gluon import HybridBlock, nn, rnn

from joint_nlu.morphology import MORPHOLOGY_VOCAB_SIZES
from joint_nlu.text import (
    CHAR,
    CHAR_CLASS,
    FINAL,
    INITIAL,
    JAMO_VOCAB_SIZES,
    MEDIAL,
    MORPH_BOUNDARY,
    N_CHAR_CLASSES,
)

ARCHITECTURES = ("bilstm", "notebook")
ENCODERS = ("bilstm", "dilated_cnn")
# kiwi: the morphology feature columns are embedded beside the character's; none: not read
MORPHOLOGY = ("kiwi", "none")
TASKS = ("intent", "entity")
_MASKED_OUT = -1e4  # below any activation, so a masked max never picks padding


@dataclass
class ModelConfig:
    """Everything needed to rebuild the network: sizes, vocabulary sizes and the window."""

    n_chars: int
    n_intents: int
    n_tags: int
    architecture: str = "bilstm"
    # the bilstm architecture's sequence encoder (the notebook architecture ignores it); a
    # config.json written before encoders existed has none and loads as bilstm
    encoder: str = "bilstm"
    # which heads are trained; the other head still exists but its loss weight is zero
    tasks: tuple[str, ...] = TASKS
    # the bilstm architecture reads the morphology columns (kiwi) or not (none); a config.json
    # written before morphology existed has none
    morphology: str = "none"
    morphology_embedding: int = 8
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
    # encoder dilated_cnn: an input convolution to cnn_channels, then a block of convolutions
    # with these dilations, run cnn_block_repeats times with shared weights
    cnn_channels: int = 128
    cnn_kernel: int = 3
    cnn_dilations: tuple[int, ...] = (1, 2, 4)
    cnn_block_repeats: int = 2

    def __post_init__(self) -> None:
        if self.architecture not in ARCHITECTURES:
            raise ValueError(
                f"architecture {self.architecture!r} is not one of {', '.join(ARCHITECTURES)}"
            )
        if self.encoder not in ENCODERS:
            raise ValueError(f"encoder {self.encoder!r} is not one of {', '.join(ENCODERS)}")
        if self.morphology not in MORPHOLOGY:
            raise ValueError(
                f"morphology {self.morphology!r} is not one of {', '.join(MORPHOLOGY)}"
            )
        self.cnn_dilations = tuple(int(dilation) for dilation in self.cnn_dilations)
        if not self.cnn_dilations or min(self.cnn_dilations) < 1:
            raise ValueError(f"cnn_dilations must be positive integers, got {self.cnn_dilations}")
        if self.cnn_kernel < 1 or self.cnn_kernel % 2 == 0:
            # an even kernel has no centre: the output would not line up with the characters
            raise ValueError(f"cnn_kernel must be odd, got {self.cnn_kernel}")
        if self.cnn_channels < 1 or self.cnn_block_repeats < 1:
            raise ValueError("cnn_channels and cnn_block_repeats must be at least 1")
        self.tasks = tuple(self.tasks)
        unknown = set(self.tasks) - set(TASKS)
        if unknown or not self.tasks:
            raise ValueError(f"tasks must be a non-empty subset of {TASKS}, got {self.tasks}")

    def to_dict(self) -> dict:
        """Return the configuration as JSON-ready values."""
        values = asdict(self)
        values["tasks"] = list(self.tasks)
        values["cnn_dilations"] = list(self.cnn_dilations)
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


def _time_mask(F, data, valid_length):
    """Return the (batch, 1, time) float mask of real characters of (batch, channels, time) data."""
    positions = F.contrib.arange_like(data, axis=2).reshape((1, -1))  # (1, time)
    real = F.broadcast_lesser(positions, valid_length.reshape((-1, 1)))  # (batch, time)
    return real.expand_dims(axis=1)


class DilatedConvEncoder(HybridBlock):
    """Iterated dilated convolutions (Strubell et al. 2017) over masked characters.

    An input convolution maps the embeddings to `channels`; a block of convolutions with the
    given dilations then runs `repeats` times with the same weights, each layer residual:
    h <- h + relu(conv(h)). Positions past each valid length are zeroed before every
    convolution, so they act exactly as the zero padding at the sentence's end.
    Measured (64 channels, 4 epochs): shared weights scored as well as one block per repeat with
    half the weights; without the residual the block learned markedly slower.
    """

    def __init__(
        self, channels: int, kernel: int, dilations: tuple[int, ...], repeats: int, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self._repeats = repeats
        with self.name_scope():
            self.input_conv = nn.Conv1D(channels, kernel, padding=kernel // 2, activation="relu")
            self.block = nn.HybridSequential()
            for dilation in dilations:
                self.block.add(
                    nn.Conv1D(
                        channels,
                        kernel,
                        dilation=dilation,
                        padding=dilation * (kernel // 2),
                        activation="relu",
                    )
                )

    def hybrid_forward(self, F, data, valid_length):
        # data: (batch, time, width), zero past the valid length -> (batch, time, channels)
        data = F.swapaxes(data, 1, 2)  # (batch, width, time) for Conv1D
        mask = _time_mask(F, data, valid_length)  # (batch, 1, time)
        hidden = self.input_conv(data)  # (batch, channels, time)
        for _ in range(self._repeats):
            for conv in self.block:
                hidden = hidden + conv(F.broadcast_mul(hidden, mask))
        return F.swapaxes(hidden, 1, 2)


class CharacterEncoder(HybridBlock):
    """Embeds characters with their jamo and class (and, with morphology, where morphemes and
    words begin and end and the morpheme's part of speech), then a sequence encoder over them.

    encoder bilstm: a masked CNN whose n-grams join the embeddings, then stacked BiLSTMs;
    encoder dilated_cnn: `DilatedConvEncoder`.
    """

    def __init__(self, config: ModelConfig, **kwargs) -> None:
        super().__init__(**kwargs)
        self._config = config
        with self.name_scope():
            self.char_embedding = nn.Embedding(config.n_chars, config.char_embedding)
            self.initial_embedding = nn.Embedding(JAMO_VOCAB_SIZES[0], config.jamo_embedding)
            self.medial_embedding = nn.Embedding(JAMO_VOCAB_SIZES[1], config.jamo_embedding)
            self.final_embedding = nn.Embedding(JAMO_VOCAB_SIZES[2], config.jamo_embedding)
            self.class_embedding = nn.Embedding(N_CHAR_CLASSES, config.class_embedding)
            # morph_boundary, morph_pos, word_position (text.FEATURES after char_class); none:
            # no block at all, so the network (and its weights' names) is the one without them
            self.morphology_embeddings = None
            if config.morphology != "none":
                self.morphology_embeddings = nn.HybridSequential()
                for size in MORPHOLOGY_VOCAB_SIZES:
                    self.morphology_embeddings.add(nn.Embedding(size, config.morphology_embedding))
            self.embedding_dropout = nn.Dropout(config.embedding_dropout)
            # the bilstm encoder's children keep their order from before encoders existed, so a
            # seed still gives the same initial weights
            self.conv = None
            self.dilated = None
            if config.encoder == "dilated_cnn":
                self.dilated = DilatedConvEncoder(
                    config.cnn_channels,
                    config.cnn_kernel,
                    config.cnn_dilations,
                    config.cnn_block_repeats,
                )
            elif config.conv_channels:
                self.conv = nn.Conv1D(
                    config.conv_channels,
                    config.conv_kernel,
                    padding=config.conv_kernel // 2,
                    activation="relu",
                )
            self.lstms = nn.HybridSequential()
            for _ in range(config.lstm_layers if self.dilated is None else 0):
                self.lstms.add(MaskedBiLSTM(config.hidden))
            self.dropout = nn.Dropout(config.dropout)

    def hybrid_forward(self, F, features, valid_length):
        # features: (batch, time, 8) -> (batch, time, 2 * hidden | cnn_channels)
        embedded = F.concat(
            self.char_embedding(_column(F, features, CHAR)),
            self.initial_embedding(_column(F, features, INITIAL)),
            self.medial_embedding(_column(F, features, MEDIAL)),
            self.final_embedding(_column(F, features, FINAL)),
            self.class_embedding(_column(F, features, CHAR_CLASS)),
            *(
                embedding(_column(F, features, MORPH_BOUNDARY + offset))
                for offset, embedding in enumerate(self.morphology_embeddings or ())
            ),
            dim=2,
        )
        hidden = _mask_time(F, self.embedding_dropout(embedded), valid_length)
        if self.dilated is not None:
            return self.dropout(self.dilated(hidden, valid_length))
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
        encoded = self.encoder(features, valid_length)  # (batch, time, encoded width)
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
