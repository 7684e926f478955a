"""The decision boundary: the network's output over the plane, with the data points on top.

One output neuron (two classes): its value on a diverging colour map, with the
line o = 0.5. K output neurons (K classes, softmax): the class regions of
``regions.py`` (the package's one class palette and markers), each pixel the
colour of the class picked, paler where the network is less sure.
"""

import numpy as np
from contourpy import contour_generator
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb

from ..datasets import class_numbers
from ._axes import sticky
from ._style import CMAP, LABEL, TICK, new_axes, style_axes
from .plane import plane_image
from .regions import COLOURS, MARKERS, GridOutputs, class_rgb, to_pixels

__all__ = ["CLASS_COLORS", "DecisionBoundary"]

#: The colours of classes 0, 1, 2 (``regions.COLOURS``): the ends of the diverging map, a bluish green.
CLASS_COLORS = tuple(to_rgb(c) for c in COLOURS[:3])


class DecisionBoundary:
    """Handle of :func:`plot_decision_boundary`.

    Attributes
    ----------
    fig, ax
    image : AxesImage
        The output on the grid, shape ``(resolution, resolution)``, row 0 at the bottom; for K outputs
        the class regions, 8-bit RGBA of shape ``(resolution, resolution, 4)``.
    grid : numpy.ndarray, shape (resolution**2, 2)
        The grid points, x fastest.
    points : list of PathCollection
        The data points of class 0 (circles), class 1 (triangles) and class 2 (squares).
    contour : LineCollection or None
        The line o = 0.5 (``contour.levels`` is ``[0.5]``), when `contour` is True,
        the network has one output and its output crosses 0.5 on the grid.
    colorbar : Colorbar or None
    """

    def __init__(self, net, X, Y, ax=None, resolution=80, contour=True, colorbar=None):
        colorbar = ax is None if colorbar is None else colorbar
        self.fig, self.ax = new_axes(ax, (5.2, 4.4))
        self.resolution, self.want_contour = int(resolution), contour
        ax = self.ax
        # One artist whose segments change: building a ContourSet on every update cost 60 % of it.
        self._line = ax.add_collection(LineCollection([], colors="black", linewidths=2.0, zorder=2),
                                       autolim=False)
        self._line.levels = [0.5]
        style_axes(ax)
        ax.set_xlabel("$x_1$", fontsize=LABEL)
        ax.set_ylabel("$x_2$", fontsize=LABEL)
        self.image = plane_image(ax, np.zeros((2, 2)), cmap=CMAP, vmin=0.0, vmax=1.0, zorder=0)
        style = dict(edgecolors="black", linewidths=0.8, s=55, zorder=3)
        self.points = [ax.scatter([], [], marker=m, color=c, label=f"class {k}", **style)
                       for k, (m, c) in enumerate(zip(MARKERS, CLASS_COLORS))]
        self.colorbar = None
        if colorbar:
            self.colorbar = self.fig.colorbar(self.image, ax=ax, shrink=0.9, pad=0.02)
            self.colorbar.set_label("network output $o$", fontsize=LABEL)
            self.colorbar.ax.tick_params(which="both", labelsize=TICK)
        self.set_points(X, Y)
        self.update(net)

    def set_points(self, X, Y, keep_view=False):
        """Show new data points and fit the grid around them (call :meth:`update` next).

        With `keep_view` the view only grows, to hold every point: points added
        one by one by clicks do not move the plot under the mouse.
        """
        X = np.asarray(X, dtype=float).reshape(-1, 2)
        label = class_numbers(Y) if len(X) else np.zeros(0, dtype=int)
        if len(label) and label.max() >= len(self.points):
            raise ValueError(f"the decision boundary shows up to {len(self.points)} classes, got class"
                             f" {label.max()}")
        for k, points in enumerate(self.points):
            points.set_offsets(X[label == k].reshape(-1, 2))
        if not len(X):  # no points (yet): keep the view
            return self._fit_grid()
        lo, hi = X.min(axis=0), X.max(axis=0)
        pad = np.maximum(0.15 * (hi - lo), 0.25)
        # New points of about the same spread (more noise, a new seed) keep the view.
        fill = 0.0 if keep_view else 0.6
        sticky(self.ax, "x", lo[0], hi[0], pad[0], fill=fill)
        sticky(self.ax, "y", lo[1], hi[1], pad[1], fill=fill)
        return self._fit_grid()

    def _fit_grid(self):
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        g1, g2 = np.linspace(x0, x1, self.resolution), np.linspace(y0, y1, self.resolution)
        self._g1, self._g2 = g1, g2
        self.grid = np.column_stack([np.tile(g1, len(g2)), np.repeat(g2, len(g1))])
        self.outputs = GridOutputs(self.grid)
        self.image.set_extent((x0, x1, y0, y1))
        return self

    def update(self, net):
        """Recompute the output of `net` on the grid: its one output, or the regions of its K classes."""
        if net.sizes[0] != 2:
            raise ValueError(f"the decision boundary needs a network with 2 inputs, got sizes {net.sizes}")
        if net.sizes[-1] > len(self.points):
            raise ValueError(f"the decision boundary shows up to {len(self.points)} classes, got sizes"
                             f" {net.sizes}")
        out = self.outputs(net)
        shape = (len(self._g2), len(self._g1))
        Z = out[:, 0].reshape(shape)
        self.image.set_data(Z if out.shape[1] == 1 else to_pixels(class_rgb(out)).reshape(*shape, 4))
        crosses = self.want_contour and out.shape[1] == 1 and Z.min() < 0.5 < Z.max()
        lines = contour_generator(self._g1, self._g2, Z, line_type="Separate").lines(0.5) if crosses else []
        self._line.set_segments(lines)
        return self

    @property
    def contour(self):
        """The line o = 0.5 (a LineCollection), or None when there is none."""
        return self._line if len(self._line.get_segments()) else None

    def on_click(self, callback):
        """Call ``callback(x1, x2)`` when the data axes is clicked with the left button.

        Clicks on other axes, outside the axes or while the toolbar's pan or zoom
        is on do nothing. Returns the connection id (for ``mpl_disconnect``).
        """
        def handle(event):
            toolbar = getattr(self.fig.canvas, "toolbar", None)
            if str(getattr(toolbar, "mode", "")) or event.inaxes is not self.ax or event.xdata is None:
                return
            if event.button == 1:
                callback(float(event.xdata), float(event.ydata))

        return self.fig.canvas.mpl_connect("button_press_event", handle)
