"""The decision boundary: the network's output over the plane, with the data points on top."""

import numpy as np

from ..passes import forward
from ._axes import sticky
from ._style import CMAP, LABEL, TICK, new_axes, style_axes

__all__ = ["DecisionBoundary"]


class DecisionBoundary:
    """Handle of :func:`plot_decision_boundary`.

    Attributes
    ----------
    fig, ax
    image : AxesImage
        The output on the grid, shape ``(resolution, resolution)``, row 0 at the bottom.
    grid : numpy.ndarray, shape (resolution**2, 2)
        The grid points, x fastest.
    points : list of PathCollection
        The data points of class 0 (circles) and class 1 (triangles).
    contour : ContourSet or None
        The line o = 0.5 (redrawn on update), when `contour` is True.
    colorbar : Colorbar or None
    """

    def __init__(self, net, X, Y, ax=None, resolution=80, contour=True, colorbar=None):
        colorbar = ax is None if colorbar is None else colorbar
        self.fig, self.ax = new_axes(ax, (5.2, 4.4))
        self.resolution, self.want_contour, self.contour = int(resolution), contour, None
        ax = self.ax
        style_axes(ax)
        ax.set_xlabel("$x_1$", fontsize=LABEL)
        ax.set_ylabel("$x_2$", fontsize=LABEL)
        self.image = ax.imshow(np.zeros((2, 2)), origin="lower", cmap=CMAP, vmin=0.0, vmax=1.0, aspect="auto",
                               interpolation="bilinear", zorder=0)
        style = dict(edgecolors="black", linewidths=0.8, s=55, zorder=3)
        self.points = [ax.scatter([], [], marker="o", color=CMAP(0.15), label="class 0", **style),
                       ax.scatter([], [], marker="^", color=CMAP(0.85), label="class 1", **style)]
        self.colorbar = None
        if colorbar:
            self.colorbar = self.fig.colorbar(self.image, ax=ax, shrink=0.9, pad=0.02)
            self.colorbar.set_label("network output $o$", fontsize=LABEL)
            self.colorbar.ax.tick_params(which="both", labelsize=TICK)
        self.set_points(X, Y)
        self.update(net)

    def set_points(self, X, Y):
        """Show new data points and fit the grid around them (call :meth:`update` next)."""
        X = np.asarray(X, dtype=float)
        Y = np.asarray(Y, dtype=float)
        label = (Y.reshape(len(X), -1)[:, 0] > 0.5) if Y.size == len(X) else Y.argmax(axis=1) > 0
        for k, points in enumerate(self.points):
            points.set_offsets(X[label == k].reshape(-1, 2))
        lo, hi = X.min(axis=0), X.max(axis=0)
        pad = np.maximum(0.15 * (hi - lo), 0.25)
        # New points of about the same spread (more noise, a new seed) keep the view.
        sticky(self.ax, "x", lo[0], hi[0], pad[0], fill=0.6)
        sticky(self.ax, "y", lo[1], hi[1], pad[1], fill=0.6)
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        g1, g2 = np.linspace(x0, x1, self.resolution), np.linspace(y0, y1, self.resolution)
        self._g1, self._g2 = g1, g2
        self.grid = np.column_stack([np.tile(g1, len(g2)), np.repeat(g2, len(g1))])
        self.image.set_extent((x0, x1, y0, y1))
        return self

    def update(self, net):
        """Recompute the output of `net` (neuron 0 of its output layer) on the grid."""
        if net.sizes[0] != 2:
            raise ValueError(f"the decision boundary needs a network with 2 inputs, got sizes {net.sizes}")
        out = forward(net, self.grid).output[:, 0]
        Z = out.reshape(len(self._g2), len(self._g1))
        self.image.set_data(Z)
        if self.want_contour:
            if self.contour is not None:
                self.contour.remove()
                self.contour = None
            if Z.min() < 0.5 < Z.max():
                self.contour = self.ax.contour(self._g1, self._g2, Z, levels=[0.5], colors="black",
                                               linewidths=2.0, zorder=2)
        return self
