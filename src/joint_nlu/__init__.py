"""joint-nlu: joint intent classification and character-level entity tagging for Korean.

`from joint_nlu import Tagger` imports MXNet only when Tagger is first used.

Nothing else lives here: the package's modules hold the code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Tagger", "__version__"]

if TYPE_CHECKING:
    from joint_nlu.serving.mxnet_backend import Tagger


def __getattr__(name: str) -> Any:
    if name == "Tagger":
        from joint_nlu.serving.mxnet_backend import Tagger

        return Tagger
    raise AttributeError(f"module 'joint_nlu' has no attribute {name!r}")
