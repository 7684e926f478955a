"""Class regions: for a network with K outputs, the plane coloured by the class it picks."""

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import to_rgb

from ..passes import forward
from ._axes import sticky
from ._style import LABEL, TEXT, new_axes, style_axes

__all__ = ["ClassRegions", "plot_class_regions"]

#: One colour per class (Okabe-Ito: distinct for the common colour blindnesses), then tab10.
COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00")
MARKERS = ("o", "^", "s", "D", "v", "P")


def _colour(k):
    return COLOURS[k] if k < len(COLOURS) else colormaps["tab10"](k % 10)


class ClassRegions:
    """Handle of :func:`~backprop_lab.figures.plot_class_regions`.

    The background shows, at every grid point, the colour of the class with
    the largest output, paler where that output is less sure (its value
    from 1/K to 1 sets the strength). The data points carry their class's
    colour and marker.

    Attributes
    ----------
    fig, ax
    image : AxesImage
        RGB image of shape ``(resolution, resolution, 3)``, row 0 at the bottom.
    grid : numpy.ndarray, shape (resolution**2, 2)
    points : list of PathCollection
        One per class.
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
        self._rgb = np.array([to_rgb(_colour(k)) for k in range(self.K)])
        self.image = ax.imshow(np.ones((2, 2, 3)), origin="lower", aspect="auto", interpolation="nearest",
                               zorder=0)
        labels = Y.argmax(axis=1)
        self.points = [ax.scatter(X[labels == k, 0], X[labels == k, 1], marker=MARKERS[k % len(MARKERS)],
                                  color=_colour(k), edgecolors="black", linewidths=0.8, s=45, zorder=3,
                                  label=f"class {k}") for k in range(self.K)]
        ax.legend(fontsize=TEXT, loc="upper right", framealpha=0.8)
        lo, hi = X.min(axis=0), X.max(axis=0)
        pad = np.maximum(0.1 * (hi - lo), 0.2)
        sticky(ax, "x", lo[0], hi[0], pad[0], fill=0.6)
        sticky(ax, "y", lo[1], hi[1], pad[1], fill=0.6)
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        g1, g2 = np.linspace(x0, x1, self.resolution), np.linspace(y0, y1, self.resolution)
        self.grid = np.column_stack([np.tile(g1, len(g2)), np.repeat(g2, len(g1))])
        self.image.set_extent((x0, x1, y0, y1))
        self.update(net)

    def update(self, net):
        """Recompute the picked class and its output on the grid for `net` (2 inputs, K outputs)."""
        if net.sizes[0] != 2 or net.sizes[-1] != self.K:
            raise ValueError(f"the class regions need a network with 2 inputs and {self.K} outputs,"
                             f" got sizes {net.sizes}")
        out = forward(net, self.grid).output
        pick = out.argmax(axis=1)
        sure = (out.max(axis=1) - 1.0 / self.K) / (1.0 - 1.0 / self.K)  # 0 at a tie, 1 when certain
        strength = 0.25 + 0.5 * np.clip(sure, 0.0, 1.0)[:, None]
        rgb = 1.0 - strength * (1.0 - self._rgb[pick])  # the class colour, mixed with white
        self.image.set_data(rgb.reshape(self.resolution, self.resolution, 3))
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
