"""The PyTorch code a notebook shows, and what it says PyTorch printed, are true.

Notebook 15 shows PyTorch scripts in Markdown, each followed by a ```text block
of what it printed. Without torch: those blocks are exactly the scripts and
outputs of docs/pytorch/ (which tests/test_torch_oracle.py re-runs). With torch
installed: each script, run as the notebook shows it, prints exactly its block.
PyTorch is not a dependency; the second test is skipped without it.
"""

import contextlib
import io
import json
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "15_autodiff_and_pytorch.ipynb"
# a ```python block, the word "prints", a ```text block
SHOWN = re.compile(r"```python\n(?P<code>.*?)```\s*prints\s*```text\n(?P<out>.*?)```", re.S)


def shown_scripts():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    return [(m["code"], m["out"]) for m in SHOWN.finditer(text) if "import torch" in m["code"]]


def test_the_notebook_shows_the_scripts_and_outputs_of_docs_pytorch():
    shown = shown_scripts()
    assert len(shown) == 2
    for (code, out), name in zip(shown, ("linear_neuron", "simple_nn")):
        assert code == (ROOT / "docs" / "pytorch" / f"{name}.py").read_text(encoding="utf-8")
        assert out == (ROOT / "docs" / "pytorch" / f"{name}.out").read_text(encoding="utf-8")


def test_pytorch_prints_what_the_notebook_says():
    pytest.importorskip("torch")
    for code, out in shown_scripts():
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, str(NOTEBOOK), "exec"), {"__name__": "__main__"})  # the notebook's own code
        assert printed.getvalue() == out
