"""Re-run every notebook in notebooks/ on a fresh kernel and store its outputs.

    .venv/bin/python tests/regenerate_notebooks.py [notebooks/02_worked_example.ipynb ...]

Run it after changing a notebook or the package; nbval then checks that the
stored numbers are still what the code computes. Outputs of cells marked
``# NBVAL_IGNORE_OUTPUT`` (live widgets and figures) are not stored: they
would only show "model not found" until the cell runs, and make files large.
Execution counts and all other outputs are kept, so nbval compares them.
"""

import pathlib
import sys

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]


def regenerate(path):
    nb = nbformat.read(path, as_version=4)
    resources = {"metadata": {"path": str(path.parent)}}
    NotebookClient(nb, timeout=300, kernel_name="python3", resources=resources).execute()
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
        if cell.cell_type == "code" and cell.source.lstrip().startswith("# NBVAL_IGNORE_OUTPUT"):
            cell.outputs = []
    nb.metadata.pop("widgets", None)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    paths = [pathlib.Path(p).resolve() for p in sys.argv[1:]] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        regenerate(path)
