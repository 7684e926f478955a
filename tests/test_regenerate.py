"""The regeneration script stores pictures where widgets were, deterministically, and nothing that needs a
kernel; an explorer's picture holds its figure and its numbers."""

import base64
import json

import nbformat
import pytest
import regenerate_notebooks as regen

import backprop_lab as bl
from backprop_lab.explorers import pictures

CELLS = [
    "%matplotlib widget\nimport backprop_lab as bl",
    "# NBVAL_IGNORE_OUTPUT\ncurve = bl.figures.plot_loss_curve([0.5, 0.25, 0.125])",
    "# NBVAL_IGNORE_OUTPUT\nbl.explorers.single_neuron_explorer()",
    "print(round(0.1 + 0.2, 3))",
]


def _notebook(tmp_path, cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    return path


def test_pictures_replace_widgets_and_a_second_run_changes_no_byte(tmp_path):
    path = _notebook(tmp_path, CELLS)
    first = regen.regenerate(path)
    assert regen.regenerate(path) == first
    nb = json.loads(first)
    outputs = [c["outputs"] for c in nb["cells"]]
    assert regen.WIDGET not in first and "widgets" not in nb["metadata"]
    for k in (1, 2):  # the figure and the explorer: one picture each, and a line of text
        assert [sorted(o["data"]) for o in outputs[k]] == [["image/png", "text/plain"]]
        assert "".join(outputs[k][0]["data"]["text/plain"]) == regen.PICTURE_TEXT
        png = base64.b64decode(outputs[k][0]["data"]["image/png"])
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and b"tEXt" not in png and b"Matplotlib" not in png
        assert len(png) < 150_000
    assert "".join(outputs[3][0]["text"]) == "0.3\n"
    assert [c.get("execution_count") for c in nb["cells"]] == [1, 2, 3, 4]


def test_a_widget_in_a_cell_nbval_compares_is_refused(tmp_path):
    path = _notebook(tmp_path, [CELLS[0], "bl.explorers.single_neuron_explorer()"])
    with pytest.raises(ValueError, match=r"nb.ipynb, cell 1 shows a live widget or figure; start the cell"
                                         r" with # NBVAL_IGNORE_OUTPUT"):
        regen.regenerate(path, write=False)


def test_text_chunks_are_dropped_from_a_png():
    fig = bl.figures.plot_loss_curve([0.5, 0.25]).fig
    png = pictures.png(fig)
    assert b"tEXt" not in png  # written without the Software entry
    import io

    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    with_version = buffer.getvalue()
    assert b"Software" in with_version and b"Software" not in regen.without_text_chunks(with_version)
    assert len(regen.without_text_chunks(with_version)) < len(with_version)


def test_an_explorer_picture_holds_its_sliders_and_numbers():
    explorer = bl.explorers.worked_example_explorer()
    rows = pictures.text_blocks(explorer.numbers.value)
    neurons, weights = rows[0]
    assert neurons.header == ("", "net", "o", "δ = ∂E/∂net")
    assert neurons.rows[2] == ["neuron 3", "0.260483", "0.564755", "-0.0332441"]
    assert neurons.note == "E = 0.00914561"
    assert weights.rows[2] == ["w₃,₂", "0.3", "-0.0177837", "0.301778"] and weights.note == "η = 0.1"
    assert rows[1][0].rows == [["E before the update", "0.00914561"], ["E after the update", "0.00900342"]]
    assert rows[1][0].note == "One step of gradient descent: E went down ✓."
    assert pictures.picture(explorer) == pictures.picture(explorer)
