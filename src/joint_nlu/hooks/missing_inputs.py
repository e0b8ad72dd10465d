"""Kedro hook: a pipeline run out of order stops before it starts, with one line saying what
is missing and the command that makes it (no traceback).

Checked against the catalog for whatever the run will execute (a whole pipeline, or a slice
with `--from-nodes`/`--to-nodes`): every input that no node of this run produces must exist.

It only reads the catalog; it never writes a dataset.
"""

from __future__ import annotations

import logging

from kedro.framework.hooks import hook_impl

logger = logging.getLogger(__name__)

# which command makes a dataset, by the project's pipeline that outputs it (first match);
# the pipelines are built here, since Kedro loads only those a command asks for
MAKERS = (
    ("data_processing", "kedro run --pipelines=data_processing"),
    ("training", "kedro run"),
    ("evaluate", "kedro run --pipelines=evaluate"),
)


class MissingInputsError(SystemExit):
    """The run needs datasets that no node of it makes and that do not exist yet.

    A SystemExit: the command line prints its one-line message and exits with status 1,
    without a traceback.
    """


class MissingInputsHook:
    """Stops a run whose free inputs do not exist, naming them and what makes them."""

    @hook_impl(tryfirst=True)
    def before_pipeline_run(self, run_params: dict, pipeline, catalog) -> None:
        needed = sorted(name for name in pipeline.inputs() if not _is_parameter(name))
        missing = [name for name in needed if not _exists(catalog, name)]
        if missing:
            names = run_params.get("pipeline_names") or ["__default__"]
            raise MissingInputsError(missing_inputs_message(missing, catalog, ",".join(names)))


def missing_inputs_message(missing: list[str], catalog, pipeline_name: str) -> str:
    """Return the one-line message for `missing` inputs of a run of `pipeline_name`."""
    outputs = {pipeline: _outputs(pipeline) for pipeline, _ in MAKERS}
    made_by: dict[str, list[str]] = {}
    outside: list[str] = []
    for name in missing:
        command = next((command for pipeline, command in MAKERS if name in outputs[pipeline]), None)
        if command is None:
            outside.append(name)
        else:
            made_by.setdefault(command, []).append(name)
    parts = []
    # the default run makes everything data_processing makes: one command is enough
    if "kedro run" in made_by:
        made_by = {"kedro run": [name for names in made_by.values() for name in names]}
    for command, names in made_by.items():
        parts.append(f"{', '.join(names)} not made yet: run `{command}` first")
    for name in outside:
        own = getattr(_dataset(catalog, name), "missing_message", None)
        parts.append(
            own()
            if callable(own)
            else f"{_described([name], catalog)} not found: point the catalog entry `{name}` at "
            "your file (conf/local/catalog.yml)"
        )
    run = (
        "kedro run" if pipeline_name == "__default__" else f"kedro run --pipelines={pipeline_name}"
    )
    return f"`{run}` cannot start: " + "; ".join(parts) + "."


def _outputs(pipeline: str) -> set[str]:
    """Return the datasets one of the project's pipelines writes."""
    from importlib import import_module

    module = import_module(f"joint_nlu.pipelines.{pipeline}")
    return set(module.create_pipeline().all_outputs())


def _described(names: list[str], catalog) -> str:
    """Return dataset names with the file each would be read from, when it has one."""
    described = []
    for name in names:
        path = _filepath(catalog, name)
        described.append(f"{name} ({path})" if path else name)
    return ", ".join(described)


def _dataset(catalog, name: str):
    """Return a catalog entry's dataset (inside kedro-mlflow's wrapper), or None."""
    try:
        dataset = catalog.get(name) if hasattr(catalog, "get") else catalog[name]
    except Exception:  # not in the catalog: a memory dataset
        return None
    return getattr(dataset, "_dataset", dataset)


def _filepath(catalog, name: str) -> str | None:
    dataset = _dataset(catalog, name)
    path = getattr(dataset, "_filepath", None) or getattr(dataset, "filepath", None)
    return str(path) if path else None


def _is_parameter(name: str) -> bool:
    return name == "parameters" or name.startswith("params:")


def _exists(catalog, name: str) -> bool:
    try:
        return bool(catalog.exists(name))
    except Exception:  # an unreadable dataset: let the run say why
        return True
