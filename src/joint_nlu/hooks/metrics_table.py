"""Kedro hook: the closing metrics table of a run that evaluated something.

It prints; computing metrics is evaluation.py's job.
"""

from __future__ import annotations

from typing import Any

from kedro.framework.hooks import hook_impl
from rich.console import Console

from joint_nlu.metrics import metrics_table


class MetricsTableHook:
    """Prints the evaluation metrics as a table once the run has finished."""

    def __init__(self) -> None:
        self._report: dict | None = None

    @hook_impl
    def after_node_run(self, node, outputs: dict[str, Any]) -> None:
        if "metrics_report" in outputs:
            self._report = outputs["metrics_report"]

    @hook_impl
    def after_pipeline_run(self) -> None:
        if self._report:
            Console().print(metrics_table(self._report), highlight=False)
            self._report = None
