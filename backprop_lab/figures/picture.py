"""Static pictures: a figure (and text beside it) as PNG bytes, the same bytes on every run.

A notebook read without a kernel -- on GitHub, on nbviewer, as an exported
PDF -- cannot show a live figure or an explorer. ``tests/regenerate_notebooks.py``
stores a picture in their place, made here: the figure as it stands, and for
an explorer its numbers written below it. PNGs carry no software version or
date, so regenerating a notebook changes no byte unless a picture changed.

>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots(figsize=(2, 1.5), dpi=50)
>>> _ = ax.plot([0, 1], [1, 0])
>>> text = [["a caption"], [TextTable(("x", "y"), [("1", "2")], note="a note")]]
>>> data = png(fig, text)
>>> data[:4] == b"\\x89PNG", data == png(fig, text)
(True, True)
>>> plt.close(fig)
"""

import io
from dataclasses import dataclass, field

import matplotlib.image as mpimg
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ._style import TEXT

__all__ = ["METADATA", "TextTable", "png", "png_of_figure"]

#: PNG metadata that keeps the bytes independent of the matplotlib version (no "Software" entry).
METADATA = {"Software": None}
_FONT = ["DejaVu Sans Mono", "DejaVu Sans"]  # ship with matplotlib; the second has ① ② ③
_GAP = 3  # characters between tables side by side
_MARGIN = 0.12  # inches around the text


@dataclass
class TextTable:
    """A table for a picture: an optional header, rows of cells (text), an optional note below."""

    header: tuple = None
    rows: list = field(default_factory=list)
    note: str = ""

    def lines(self):
        """The table as lines of monospaced text: columns padded, numbers right-aligned."""
        rows = ([list(self.header)] if self.header else []) + [list(r) for r in self.rows]
        ncols = max((len(r) for r in rows), default=0)
        rows = [r + [""] * (ncols - len(r)) for r in rows]
        widths = [max(len(r[c]) for r in rows) for c in range(ncols)]
        lines = []
        for n, row in enumerate(rows):
            cells = [cell.rjust(w) if c else cell.ljust(w) for c, (cell, w) in enumerate(zip(row, widths))]
            lines.append("  ".join(cells).rstrip())
            if n == 0 and self.header:
                lines.append("-" * len(lines[0]))
        return lines + ([self.note] if self.note else [])


def _block_lines(row):
    """One row of blocks (strings and TextTables side by side) as lines of text."""
    blocks = [b.split("\n") if isinstance(b, str) else b.lines() for b in row]
    widths = [max((len(line) for line in b), default=0) for b in blocks]
    height = max((len(b) for b in blocks), default=0)
    lines = []
    for k in range(height):
        parts = [(b[k] if k < len(b) else "").ljust(w) for b, w in zip(blocks, widths)]
        lines.append((" " * _GAP).join(parts).rstrip())
    return lines


def png_of_figure(fig, dpi=None):
    """`fig` as PNG bytes, at its own resolution (or `dpi`), with no version metadata."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi or fig.dpi, metadata=METADATA)
    return buffer.getvalue()


def png(fig, text=(), fontsize=TEXT):
    """A picture of `fig` with lines of text (and tables) below it, as PNG bytes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Drawn as it stands, at its own resolution.
    text : sequence of rows
        Each row is a sequence of blocks shown side by side, rows one below
        the other with a blank line between; a block is a string (lines
        split at newlines) or a :class:`TextTable`.
    fontsize : float
        Points; at least 11, readable when projected.

    Returns
    -------
    bytes
        A PNG, identical for identical input.
    """
    image = mpimg.imread(io.BytesIO(png_of_figure(fig)), format="png")
    lines = [line for row in text for line in [*_block_lines(row), ""]][:-1] if text else []
    dpi = fig.dpi
    line_h = fontsize * 1.35 / 72  # inches per line
    char_w = fontsize * 0.602 / 72  # DejaVu Sans Mono advances 0.602 em
    text_w = max((len(line) for line in lines), default=0) * char_w + 2 * _MARGIN
    text_h = (len(lines) * line_h + 2 * _MARGIN) if lines else 0.0
    fig_h, fig_w = image.shape[0] / dpi, image.shape[1] / dpi
    width, height = max(fig_w, text_w), fig_h + text_h
    out = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
    FigureCanvasAgg(out)
    out.figimage(image, xo=0, yo=round(text_h * dpi), origin="upper")
    for k, line in enumerate(lines):
        y = text_h - _MARGIN - k * line_h
        out.text(_MARGIN / width, y / height, line, family=_FONT, fontsize=fontsize, va="top", ha="left")
    buffer = io.BytesIO()
    out.savefig(buffer, format="png", dpi=dpi, metadata=METADATA, facecolor="white")
    return buffer.getvalue()
