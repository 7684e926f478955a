"""A matrix product drawn as grids of numbers: which row and column make one entry."""

import numpy as np
from matplotlib.patches import Rectangle

from .._format import fmt
from ._style import CMAP, LABEL, TEXT, new_axes

__all__ = ["MatrixProduct", "plot_matrix_product"]

_CELL, _GAP, _FRAME = 1.0, 0.8, "#111111"


class MatrixProduct:
    """Handle of :func:`~backprop_lab.figures.plot_matrix_product`.

    Attributes
    ----------
    fig, ax
    cells : list of numpy.ndarray of Rectangle
        The cells of the left factor, the right factor and the result.
    texts : list of numpy.ndarray of Text
        Their numbers.
    outlines : list of Rectangle
        Dark frames: row j of the left factor, column i of the right one,
        entry (j, i) of the result.
    """

    def __init__(self, left, right, result, names, highlight=(0, 0), ax=None):
        mats = [np.atleast_2d(np.asarray(m, dtype=float)) for m in (left, right, result)]
        (r1, c1), (r2, c2), (r3, c3) = (m.shape for m in mats)
        if c1 != r2 or (r3, c3) != (r1, c2):
            raise ValueError(f"the shapes do not make a product: {(r1, c1)} · {(r2, c2)} = {(r3, c3)}")
        if len(names) != 3 or not all(isinstance(n, str) for n in names):
            raise ValueError(f"names must be three strings (left, right, result), got {names!r}")
        j, i = highlight
        if not (0 <= j < r3 and 0 <= i < c3):
            raise ValueError(f"highlight must be an entry of the {r3} × {c3} result, got {highlight!r}")
        width = (c1 + c2 + c3) * _CELL + 2 * _GAP
        height = max(r1, r2, r3) * _CELL
        self.fig, self.ax = new_axes(ax, (width + 0.6, height + 1.3))
        ax = self.ax
        ax.set_xlim(-0.25, width + 0.25)
        ax.set_ylim(height + 0.85, -0.55)  # rows count downwards; room for names and shapes
        ax.set_aspect("equal")
        ax.set_axis_off()
        self.cells, self.texts, self.outlines = [], [], []
        x0, lefts = 0.0, []
        for k, (m, name) in enumerate(zip(mats, names)):
            rows, cols = m.shape
            y0 = (height - rows * _CELL) / 2
            lefts.append((x0, y0))
            cells = np.empty(m.shape, dtype=object)
            texts = np.empty(m.shape, dtype=object)
            scale = float(np.max(np.abs(m))) or 1.0  # each matrix on its own colour scale
            for (r, c), v in np.ndenumerate(m):
                colour = CMAP(0.5 + 0.4 * v / scale)
                cells[r, c] = ax.add_patch(Rectangle((x0 + c * _CELL, y0 + r * _CELL), _CELL, _CELL,
                                                     facecolor=colour, edgecolor="white", lw=1.5))
                texts[r, c] = ax.text(x0 + (c + 0.5) * _CELL, y0 + (r + 0.5) * _CELL, fmt(v, 2, minus="−"),
                                      ha="center", va="center", fontsize=TEXT,
                                      color="white" if abs(v) > 0.6 * scale else "black")
            self.cells.append(cells)
            self.texts.append(texts)
            ax.text(x0 + cols * _CELL / 2, y0 - 0.2, name, ha="center", va="bottom", fontsize=LABEL,
                    fontweight="bold")
            ax.text(x0 + cols * _CELL / 2, y0 + rows * _CELL + 0.15, f"({rows} × {cols})", ha="center",
                    va="top", fontsize=TEXT, color="#444444")
            if k < 2:
                ax.text(x0 + cols * _CELL + _GAP / 2, height / 2, "·" if k == 0 else "=", ha="center",
                        va="center", fontsize=LABEL + 14, fontweight="bold")
            x0 += cols * _CELL + _GAP
        frames = [(lefts[0], (0, j), (c1, 1)), (lefts[1], (i, 0), (1, r2)), (lefts[2], (i, j), (1, 1))]
        for (x, y), (c, r), (w, h) in frames:
            self.outlines.append(ax.add_patch(Rectangle((x + c * _CELL, y + r * _CELL), w * _CELL, h * _CELL,
                                                        fill=False, edgecolor=_FRAME, lw=3.5, zorder=3)))


def plot_matrix_product(left, right, result, names=("Δᵀ", "O", "∂E/∂W"), highlight=(0, 0), ax=None):
    """A product ``left · right = result`` as three grids of numbers, one entry's row and column framed.

    Parameters
    ----------
    left, right, result : array_like, shapes (n, B), (B, m), (n, m)
        ``result`` is what the engine computed (the figure checks only the shapes).
    names : tuple of 3 str
    highlight : (int, int)
        The entry (j, i) of `result` to frame, with row j of `left` and column i of `right`.
    ax : matplotlib Axes, optional

    Returns
    -------
    MatrixProduct
    """
    return MatrixProduct(left, right, result, names, highlight=highlight, ax=ax)
