"""notebooks/walkthrough.ipynb is committed without outputs and runs on the tiny test corpus."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

from tests.helpers import OFFLINE_ENV, PROJECT_ROOT, QUIET_ENV, copy_project

NOTEBOOK = PROJECT_ROOT / "notebooks" / "walkthrough.ipynb"
CELL_TIMEOUT_S = 240


def _cell_text(notebook: nbformat.NotebookNode, tag: str) -> str:
    """Return the printed output of the code cell carrying a tag."""
    cells = [cell for cell in notebook.cells if tag in cell.metadata.get("tags", [])]
    assert len(cells) == 1, f"expected one cell tagged {tag!r}, found {len(cells)}"
    return "".join(
        output.get("text", "") for output in cells[0].outputs if output.output_type == "stream"
    )


def _python3_kernel(directory: Path) -> AsyncKernelManager:
    """Return a manager whose kernel `python3` is this interpreter (no installed spec needed).

    A `python3` kernelspec installed for the user or the system may point to another Python;
    this one, written in a temporary folder, is the only one the manager sees.
    """
    spec = directory / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "Python 3 (joint-nlu tests)",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    specs = KernelSpecManager(kernel_dirs=[str(directory)], ensure_native_kernel=False)
    return AsyncKernelManager(kernel_name="python3", kernel_spec_manager=specs)


def test_notebook_is_committed_without_outputs() -> None:
    """No cell of the committed notebook holds outputs or an execution count."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs, f"cell {cell.id} has outputs: clear them before committing"
            assert cell.execution_count is None, f"cell {cell.id} has an execution count"


@pytest.mark.slow
def test_walkthrough_runs_on_tiny_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cell runs on the tiny corpus (env `test`, 2 epochs) and the predictions print."""
    project = tmp_path / "project"
    project.mkdir()
    copy_project(project)
    workdir = tmp_path / "work"  # outside the project: `%load_ext` must not load one itself
    workdir.mkdir()
    for name, value in {
        **QUIET_ENV,
        **OFFLINE_ENV,
        "MLFLOW_TRACKING_URI": f"sqlite:///{tmp_path / 'mlflow.db'}",
        "JOINT_NLU_PROJECT": str(project),
        "JOINT_NLU_ENV": "test",
        "JOINT_NLU_EPOCHS": "2",
        "JOINT_NLU_HIDDEN": "8",
        "JOINT_NLU_BATCH_SIZE": "16",
        "JOINT_NLU_DEVICE": "cpu",
    }.items():
        monkeypatch.setenv(name, value)

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook,
        km=_python3_kernel(tmp_path / "kernels"),
        timeout=CELL_TIMEOUT_S,
        startup_timeout=120,
        resources={"metadata": {"path": str(workdir)}},
    ).execute()

    assert (project / "data" / "05_model_input" / "train.parquet").is_file()
    assert "2 epoch(s)" in _cell_text(notebook, "parameters")
    assert "best epoch" in _cell_text(notebook, "train")
    printed = _cell_text(notebook, "predict")
    lines = [line for line in printed.splitlines() if " -> intent " in line]
    assert len(lines) == 4, printed
    assert "한라산 높이가 얼마야?" in printed
    assert "the reloaded model predicts the same" in _cell_text(notebook, "reload")
