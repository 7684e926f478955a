"""Class regions: for a network with K outputs, the plane coloured by the class it picks.

The one way the package colours classes: :data:`COLOURS` and :data:`MARKERS`
give each class a colour (classes 0 and 1 at the two ends of the diverging
map that two-class boundaries use, class 2 a bluish green; all distinct for
the common colour blindnesses) and a marker shape of its own, and
:func:`class_rgb` paints the plane. :class:`ClassRegions` (notebook 10) and the
K-class path of :class:`~backprop_lab.figures.DecisionBoundary` (the
playground) both use them.
"""

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import to_hex, to_rgb

from ..network import Network
from ..passes import forward
from ._axes import sticky
from ._style import CMAP, LABEL, TEXT, new_axes, style_axes
from .blit import still
from .plane import plane_image

__all__ = ["COLOURS", "MARKERS", "ClassRegions", "GridOutputs", "class_rgb", "plot_class_regions"]

#: One colour per class: the ends of the diverging map (orange, purple), then Okabe-Ito colours.
COLOURS = (to_hex(CMAP(0.15)), to_hex(CMAP(0.85)), "#009E73", "#56B4E9", "#CC79A7", "#0072B2")
MARKERS = ("o", "^", "s", "D", "v", "P")


def colour(k):
    """The colour of class `k` (tab10 beyond :data:`COLOURS`)."""
    return COLOURS[k] if k < len(COLOURS) else colormaps["tab10"](k % 10)


def class_rgb(out):
    """The colour of each point: its picked class's colour mixed with white, paler where less sure.

    Parameters
    ----------
    out : numpy.ndarray, shape (n, K)
        The network's outputs (K >= 2).

    Returns
    -------
    numpy.ndarray, shape (n, 3)
        The largest output from 1/K (a tie) to 1 (certain) sets the strength, from 0.25 to 0.75.
    """
    K = out.shape[1]
    rgb = np.array([to_rgb(colour(k)) for k in range(K)])
    sure = (out.max(axis=1) - 1.0 / K) / (1.0 - 1.0 / K)  # 0 at a tie, 1 when certain
    strength = 0.25 + 0.5 * np.clip(sure, 0.0, 1.0)[:, None]
    return 1.0 - strength * (1.0 - rgb[out.argmax(axis=1)])


def to_pixels(rgb):
    """RGB values in [0, 1] as opaque 8-bit RGBA, shape (..., 4): the form matplotlib draws fastest.

    (Float or 3-channel data is converted at screen size on every draw: 2-3 times the cost.)
    """
    rgb = np.rint(np.clip(rgb, 0.0, 1.0) * 255.0).astype(np.uint8)
    return np.concatenate([rgb, np.full((*rgb.shape[:-1], 1), 255, dtype=np.uint8)], axis=-1)


class GridOutputs:
    """A network's outputs on a grid, kept for the last few networks seen (by their weights).

    A slider moved back and forth shows the same few networks again (``explorers.runs`` keeps a run per
    setting); their pictures then cost no forward pass over the grid.
    """

    KEEP = 16

    def __init__(self, grid):
        self.grid, self.seen = grid, {}

    def __call__(self, net):
        """``forward(net, grid).output``, shape (len(grid), K)."""
        if type(net) is not Network:  # only a plain Network is known by its weights, biases and activations
            return forward(net, self.grid).output
        key = (tuple(net.activations), *(a.tobytes() for a in (*net.weights, *net.biases)))
        out = self.seen.pop(key, None)  # popped and put back: the newest last
        if out is None:
            out = forward(net, self.grid).output
            if len(self.seen) >= self.KEEP:
                self.seen.pop(next(iter(self.seen)))
        self.seen[key] = out
        return out


def class_legend(ax, count):
    """A legend of `count` classes above `ax`, outside the plane: a live figure draws it once (``still``)."""
    legend = ax.legend(handles=ax.collections[-count:] if count else [], fontsize=TEXT, loc="lower center",
                       bbox_to_anchor=(0.5, 1.0), ncols=max(count, 1), frameon=False, borderaxespad=0.2,
                       handletextpad=0.2, columnspacing=1.0)
    return still(legend)[0]


class ClassRegions:
    """Handle of :func:`~backprop_lab.figures.plot_class_regions`.

    The background shows, at every grid point, the colour of the class with
    the largest output, paler where that output is less sure (:func:`class_rgb`).
    The data points carry their class's colour and marker; the legend sits above the plane.

    Attributes
    ----------
    fig, ax
    image : AxesImage
        8-bit RGBA, shape ``(resolution, resolution, 4)`` (:func:`class_rgb` × 255, opaque), row 0 at the
        bottom.
    grid : numpy.ndarray, shape (resolution**2, 2)
    points : list of PathCollection
        One per class.
    legend : Legend
    """

    def __init__(self, net, X, Y, ax=None, resolution=80):
        self.fig, self.ax = new_axes(ax, (5.0, 4.4))
        X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
        if Y.ndim != 2 or Y.shape[1] < 2:
            raise ValueError(f"Y must be one-hot, shape (n, K) with K >= 2, got shape {Y.shape}")
        self.K, self.resolution = Y.shape[1], int(resolution)
        ax = self.ax
        style_axes(ax)
        ax.set_xlabel("$x_1$", fontsize=LABEL)
        ax.set_ylabel("$x_2$", fontsize=LABEL)
        self.image = plane_image(ax, np.ones((2, 2, 4)), zorder=0)
        labels = Y.argmax(axis=1)
        self.points = [ax.scatter(X[labels == k, 0], X[labels == k, 1], marker=MARKERS[k % len(MARKERS)],
                                  color=colour(k), edgecolors="black", linewidths=0.8, s=45, zorder=3,
                                  label=f"class {k}") for k in range(self.K)]
        self.legend = class_legend(ax, self.K)
        lo, hi = X.min(axis=0), X.max(axis=0)
        pad = np.maximum(0.1 * (hi - lo), 0.2)
        sticky(ax, "x", lo[0], hi[0], pad[0], fill=0.6)
        sticky(ax, "y", lo[1], hi[1], pad[1], fill=0.6)
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        g1, g2 = np.linspace(x0, x1, self.resolution), np.linspace(y0, y1, self.resolution)
        self.grid = np.column_stack([np.tile(g1, len(g2)), np.repeat(g2, len(g1))])
        self.outputs = GridOutputs(self.grid)
        self.image.set_extent((x0, x1, y0, y1))
        self.update(net)

    def update(self, net):
        """Recompute the picked class and its output on the grid for `net` (2 inputs, K outputs)."""
        if net.sizes[0] != 2 or net.sizes[-1] != self.K:
            raise ValueError(f"the class regions need a network with 2 inputs and {self.K} outputs,"
                             f" got sizes {net.sizes}")
        rgb = to_pixels(class_rgb(self.outputs(net)))
        self.image.set_data(rgb.reshape(self.resolution, self.resolution, 4))
        return self


def plot_class_regions(net, X, Y, ax=None, resolution=80):
    """For K classes: the plane coloured by the class the network picks, with the data points on top.

    Parameters
    ----------
    net : Network
        Two inputs, K outputs (e.g. a softmax output layer).
    X : array_like, shape (n, 2)
    Y : array_like, shape (n, K)
        One-hot targets.
    ax : matplotlib Axes, optional
    resolution : int
        Grid points per side.

    Returns
    -------
    ClassRegions
        ``update(net)``.
    """
    return ClassRegions(net, X, Y, ax=ax, resolution=resolution)
