"""Notebooks 01-03 carry the slide metadata tools/slide_metadata.py writes (the decks instructors present)."""

import pathlib
import subprocess
import sys

import nbformat
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import slide_metadata  # noqa: E402


def test_the_decks_carry_their_slide_metadata():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "slide_metadata.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", slide_metadata.DECKS, ids=lambda p: p.stem)
def test_each_deck_has_a_title_slide_and_a_slide_with_an_explorer(path):
    nb = nbformat.read(path, as_version=4)
    types = [c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells]
    assert types[0] == "slide" and nb.cells[0].source.startswith("# ")
    explorers = [c for c, t in zip(nb.cells, types) if t == "slide" and "bl.explorers." in c.source]
    assert explorers, f"{path.name}: no slide shows an explorer"
    assert set(types) <= {"slide", "skip", None}  # no "-": jupyterlab-slideshow 0.3.4 would hide that cell


@pytest.mark.parametrize("source, cell_type, expected", [
    ("## 2. Forward pass\n\ntext", "markdown", "slide"),
    ("# 02 · Title", "markdown", "slide"),
    ("### a sub-heading", "markdown", None),
    ("<details><summary>Solution</summary>\n\n...</details>", "markdown", "skip"),
    ("%matplotlib widget\nimport backprop_lab as bl", "code", "skip"),
    ("my_delta3 = ...\nbl.exercises.check_delta3(my_delta3)", "code", "skip"),
    ("# NBVAL_IGNORE_OUTPUT\nbl.explorers.worked_example_explorer()", "code", "slide"),
    ("trace = bl.forward(net, [o1])", "code", None),
])
def test_the_rules(source, cell_type, expected):
    make = nbformat.v4.new_markdown_cell if cell_type == "markdown" else nbformat.v4.new_code_cell
    assert slide_metadata.slide_type(make(source)) == expected
