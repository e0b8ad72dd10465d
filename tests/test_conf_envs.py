"""The `fast` configuration environment: a smaller network, everything else from conf/base."""

from __future__ import annotations

from kedro.config import OmegaConfigLoader

from tests.helpers import PROJECT_ROOT


def parameters(env: str) -> dict:
    """Return the parameters Kedro would use with `--env <env>`."""
    loader = OmegaConfigLoader(
        str(PROJECT_ROOT / "conf"),
        base_env="base",
        default_run_env=env,
        merge_strategy={"parameters": "soft"},
    )
    return loader["parameters"]


def test_fast_env_shrinks_the_network_and_keeps_the_rest():
    base, fast = parameters("base"), parameters("fast")
    shrunk = {"conv_channels", "hidden", "tag_hidden"}
    for key in shrunk:
        assert fast["model"]["bilstm"][key] < base["model"]["bilstm"][key]
    for key in set(base["model"]["bilstm"]) - shrunk:
        assert fast["model"]["bilstm"][key] == base["model"]["bilstm"][key]
    assert fast["training"] == base["training"]
    assert fast["model"]["architecture"] == base["model"]["architecture"]
    assert fast["data_processing"] == base["data_processing"]
