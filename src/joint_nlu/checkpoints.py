"""Training checkpoints: one directory per finished epoch, written atomically (no Kedro).

A checkpoint `epoch-0003/` holds the network's parameters (`net.params`), the optimizer's
state (`trainer.states`, written by `gluon.Trainer.save_states`), the best epoch's weights
(`best.params`) and `state.json`: the epoch, the history so far, what early stopping needs,
the configuration it was made with and free metadata. Randomness is
not stored: the loop reseeds every epoch from (seed, epoch), so it is rebuilt exactly.

`trainer.states` is a pickle (MXNet's own format): resume only from checkpoints your own runs
wrote.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

FORMAT = 1
STATE_FILE = "state.json"
NET_FILE = "net.params"
TRAINER_FILE = "trainer.states"
BEST_FILE = "best.params"
FILES = (STATE_FILE, NET_FILE, TRAINER_FILE, BEST_FILE)
_NAME = re.compile(r"^epoch-(\d+)$")
_TEMPORARY_PREFIX = ".partial-"
# training settings that may change between an attempt and its resumption
RESUMABLE_CHANGES = ("epochs", "progress")


class CheckpointMismatchError(ValueError):
    """A checkpoint was made with another configuration than the run that would resume it."""


@dataclass
class CheckpointSettings:
    """Where `train()` writes its checkpoints, whether it resumes, and what it records."""

    directory: str | Path
    resume: bool = False
    # written into every checkpoint as is (e.g. {"mlflow_run_id": ...})
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass
class TrainingState:
    """The loop's state after an epoch: enough to carry on as if never stopped."""

    epoch: int = 0
    history: list[dict[str, float]] = field(default_factory=list)
    best_score: float = -1.0
    best_epoch: int = 0
    stale: int = 0
    # early stopping fired at this epoch: a resumption trains no further
    stopped: bool = False
    # training time spent so far, summed over attempts
    seconds: float = 0.0


@dataclass
class Checkpoint:
    """A complete checkpoint on disk."""

    directory: Path
    state: TrainingState
    fingerprint: dict[str, Any]
    metadata: dict[str, Any]

    @property
    def net_file(self) -> Path:
        """Return the network parameters of the checkpoint's epoch."""
        return self.directory / NET_FILE

    @property
    def trainer_file(self) -> Path:
        """Return the optimizer state file."""
        return self.directory / TRAINER_FILE

    @property
    def best_file(self) -> Path:
        """Return the best epoch's network parameters."""
        return self.directory / BEST_FILE


def checkpoint_settings(training: dict, project_root: str | Path) -> CheckpointSettings | None:
    """Return where to checkpoint and whether to resume, from the `training` parameters.

    None when `training.checkpoint_dir` is unset or null (no checkpoints); a relative
    directory is taken from `project_root`, as the catalog's paths are.
    """
    resume = bool(training.get("resume", False))
    if not training.get("checkpoint_dir"):
        if resume:
            raise ValueError(
                "training.resume=true needs training.checkpoint_dir (the directory of the "
                "checkpoints to resume from; see conf/base/parameters_training.yml)"
            )
        return None
    directory = Path(training["checkpoint_dir"])
    if not directory.is_absolute():
        directory = Path(project_root) / directory
    return CheckpointSettings(directory, resume)


def fingerprint(model: dict, training: dict, datasets: Iterable[Any]) -> dict[str, Any]:
    """Return what must not change between an attempt and its resumption, as JSON values.

    `model` and `training` are configuration mappings (settings in RESUMABLE_CHANGES are left
    out); each dataset (an object with `features`, `intents` and `tags`) is summarised by a
    digest of its encoded rows.
    """
    digests = []
    for data in datasets:
        digest = hashlib.sha256()
        for rows in (*data.features, data.intents, *data.tags):
            digest.update(repr(rows.shape).encode())
            digest.update(rows.tobytes())
        digests.append(digest.hexdigest()[:16])
    values = {
        "model": model,
        "training": {k: v for k, v in training.items() if k not in RESUMABLE_CHANGES},
        "data": digests,
    }
    return json.loads(json.dumps(values, sort_keys=True, default=str))


def save_checkpoint(
    settings: CheckpointSettings,
    state: TrainingState,
    net: Any,
    trainer: Any,
    best_params: str | Path,
    fingerprint: dict[str, Any],
) -> Path:
    """Write the checkpoint of `state.epoch` under `settings.directory` atomically; return it.

    The files go to a hidden temporary directory that is renamed into place once complete, so
    a process killed mid-write leaves no checkpoint that `latest_checkpoint` would trust.
    Older checkpoints are removed once the new one is in place.
    """
    root = Path(settings.directory)
    root.mkdir(parents=True, exist_ok=True)
    final = root / f"epoch-{state.epoch:04d}"
    partial = root / f"{_TEMPORARY_PREFIX}{final.name}-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir()
    net.save_parameters(str(partial / NET_FILE))
    trainer.save_states(str(partial / TRAINER_FILE))
    shutil.copyfile(best_params, partial / BEST_FILE)
    document = {
        "format": FORMAT,
        "state": asdict(state),
        "fingerprint": fingerprint,
        "metadata": settings.metadata,
    }
    (partial / STATE_FILE).write_text(json.dumps(document, indent=1), encoding="utf-8")
    for name in FILES:
        _fsync(partial / name)
    if final.exists():  # left by an attempt that died after this epoch's rename
        shutil.rmtree(final)
    os.replace(partial, final)
    _fsync(root)
    for other in _epoch_directories(root):
        if other != final:
            shutil.rmtree(other, ignore_errors=True)
    return final


def latest_checkpoint(directory: str | Path) -> Checkpoint | None:
    """Return the newest complete checkpoint under `directory`, or None when there is none."""
    for candidate in _epoch_directories(Path(directory))[::-1]:
        if not all((candidate / name).is_file() for name in FILES):
            logger.warning("checkpoint %s is incomplete; skipping it", candidate)
            continue
        try:
            document = json.loads((candidate / STATE_FILE).read_text(encoding="utf-8"))
            state = TrainingState(**document["state"])
        except (ValueError, KeyError, TypeError) as error:
            logger.warning("checkpoint %s is unreadable (%s); skipping it", candidate, error)
            continue
        return Checkpoint(candidate, state, document["fingerprint"], document["metadata"])
    return None


def check_fingerprint(checkpoint: Checkpoint, expected: dict[str, Any]) -> None:
    """Raise CheckpointMismatchError naming what differs when a checkpoint cannot be resumed."""
    if checkpoint.fingerprint == expected:
        return
    differences = []
    for section in sorted(set(checkpoint.fingerprint) | set(expected)):
        saved, wanted = checkpoint.fingerprint.get(section), expected.get(section)
        if isinstance(saved, dict) and isinstance(wanted, dict):
            for key in sorted(set(saved) | set(wanted)):
                if saved.get(key) != wanted.get(key):
                    differences.append(
                        f"{section}.{key}: checkpoint {saved.get(key)!r}, now {wanted.get(key)!r}"
                    )
        elif saved != wanted:
            differences.append(f"{section}: the encoded training/validation data changed")
    raise CheckpointMismatchError(
        f"cannot resume from {checkpoint.directory}: it was made with another configuration "
        f"({'; '.join(differences)}). Resume with the settings it was made with, or run "
        "without training.resume=true to start over (that clears "
        f"{checkpoint.directory.parent})."
    )


def clear_checkpoints(directory: str | Path) -> None:
    """Remove every checkpoint and left-over partial write under `directory`."""
    root = Path(directory)
    if not root.is_dir():
        return
    for path in root.iterdir():
        if path.is_dir() and (_NAME.match(path.name) or path.name.startswith(_TEMPORARY_PREFIX)):
            shutil.rmtree(path, ignore_errors=True)


def _epoch_directories(root: Path) -> list[Path]:
    """Return the checkpoint directories under `root`, oldest epoch first."""
    if not root.is_dir():
        return []
    found = [path for path in root.iterdir() if path.is_dir() and _NAME.match(path.name)]
    return sorted(found, key=lambda path: int(_NAME.match(path.name).group(1)))


def _fsync(path: Path) -> None:
    """Flush a file or directory to disk (a directory's fsync makes a rename durable)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
