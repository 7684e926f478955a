"""What every figure shares: font sizes readable from the back of a lecture hall, the colour map,
and a new figure when no axes is given (sized by presenter mode)."""

import functools

import numpy as np
from matplotlib import colormaps
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextPath
from matplotlib.transforms import Affine2D

from .. import presenter
from ._backend import route_to_main_shell

__all__ = ["CMAP", "LABEL", "TEXT", "TICK", "new_axes", "nice_limit", "outlines", "style_axes"]

#: Font sizes in points: readable from the back of a lecture hall.
TEXT, LABEL, TICK = 11, 12, 11
#: A diverging colormap that stays distinct for red-green colour blindness.
CMAP = colormaps["PuOr"]


def new_axes(ax, figsize):
    """`ax` and its figure, or a new figure (constrained layout, dpi 100 or larger in presenter mode)."""
    if ax is not None:
        return ax.figure, ax
    import matplotlib.pyplot as plt  # pyplot, so that ipympl shows the new figure

    fig, ax = plt.subplots(figsize=figsize, dpi=presenter.dpi(), layout="constrained")
    route_to_main_shell(fig.canvas)  # a live canvas drawn on one thread (see _backend)
    return fig, ax


def style_axes(ax):
    """Tick labels at a readable size."""
    ax.tick_params(which="both", labelsize=TICK)


def nice_limit(m):
    """The smallest of 1, 2, 5 × 10^k that is at least `m` (1.0 for 0 or non-finite `m`).

    >>> nice_limit(0.3), nice_limit(0.017), nice_limit(2.0)
    (0.5, 0.02, 2.0)
    """
    if not np.isfinite(m) or m <= 0:
        return 1.0
    power = 10.0 ** np.floor(np.log10(m))
    for step in (1.0, 2.0, 5.0, 10.0):
        if step * power >= m * (1 - 1e-9):
            return float(f"{step * power:.12g}")
    return float(10.0 * power)  # pragma: no cover


def outlines(labels, size, baseline=None):
    """Text outlines of `labels` at `size` points (one path each, for a PathCollection; cheaper to draw
    than texts): bold and centred on (0, 0), or, with `baseline`, regular, centred horizontally and
    with the baseline `baseline` points above 0."""
    return [_outline(label, size, baseline) for label in labels]


@functools.lru_cache(maxsize=512)
def _outline(label, size, baseline):  # exact extents cost ~1 ms a label: rebuilt diagrams reuse them
    weight = "bold" if baseline is None else "normal"
    path = TextPath((0, 0), label, prop=FontProperties(size=size, weight=weight))
    (x0, y0), (x1, y1) = path.get_extents().get_points()
    dy = -(y0 + y1) / 2 if baseline is None else baseline
    return path.transformed(Affine2D().translate(-(x0 + x1) / 2, dy))
