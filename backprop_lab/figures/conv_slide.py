"""One filter slid along one signal: the window at position t over the signal, and the response at every t."""

import numpy as np
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from .. import presenter
from .._checks import as_float_array
from ..convolution import conv1d_forward
from ._axes import sticky
from ._style import LABEL, TEXT, style_axes

__all__ = ["ConvSlide", "plot_conv_slide"]


class ConvSlide:
    """Handle of :func:`~backprop_lab.figures.plot_conv_slide`.

    Attributes
    ----------
    fig, signal_ax, response_ax
    signal : Line2D
        x[t] against t.
    window : Rectangle
        The K inputs the filter sees at position t.
    taps : BarContainer
        The filter's weights, drawn over the window (w[k] at t + k).
    response : Line2D
        y[t] for every position.
    here, peak : Line2D
        y at the current t; the largest y (where global max pooling takes its value from).
    legend : Legend
        One for the figure, above both axes.
    y : numpy.ndarray
        The response shown, ``conv1d_forward`` of x with w and no bias.
    """

    def __init__(self, x, w, t=0, axes=None):
        if axes is None:
            import matplotlib.pyplot as plt  # pyplot, so that ipympl shows the new figure

            _, axes = plt.subplots(1, 2, figsize=(11.0, 3.8), dpi=presenter.dpi(), layout="constrained")
        self.signal_ax, self.response_ax = axes
        self.fig = self.signal_ax.figure
        ax = self.signal_ax
        self.signal = ax.plot([], [], "-o", color="0.35", ms=4, lw=1.6, label="signal x", zorder=3)[0]
        self.window = ax.add_patch(Rectangle((0, -1), 1, 2, color="tab:orange", alpha=0.18, lw=0, zorder=1))
        K = len(np.ravel(w))
        self.taps = ax.bar(np.arange(K), np.zeros(K), width=0.5, color="tab:orange", label="filter w",
                           zorder=2)
        ax.axhline(0.0, color="0.6", lw=0.8, zorder=0)
        ax.set_xlabel("position", fontsize=LABEL)
        ax.set_ylabel("value", fontsize=LABEL)
        style_axes(ax)
        r = self.response_ax
        self.response = r.plot([], [], "-o", color="tab:blue", ms=4, lw=1.6, zorder=2)[0]
        self.peak = r.plot([], [], "*", color="tab:red", ms=16, zorder=3, label="largest y")[0]
        self.here = r.plot([], [], "o", color="tab:orange", ms=11, zorder=4, label="y[t] now")[0]
        r.axhline(0.0, color="0.6", lw=0.8, zorder=0)
        r.set_xlabel("position t", fontsize=LABEL)
        r.set_ylabel("response y[t]", fontsize=LABEL)
        style_axes(r)
        # One legend for the figure, above the axes: it never moves, so a live figure's redraw skips it.
        self.legend = self.fig.legend(handles=[self.signal, self.taps, self.here, self.peak], fontsize=TEXT,
                                      loc="outside upper center", ncols=4, frameon=False)
        for a in axes:
            a.xaxis.set_major_locator(MaxNLocator(integer=True))
        self.update(x, w, t)

    def update(self, x, w, t):
        """A new signal x (L,), filter w (K,) and position t (0 … L − K)."""
        x, w = as_float_array("x", x, ndim=1), as_float_array("w", w, ndim=1)
        K, L = len(w), len(x)
        if K != len(self.taps.patches):
            raise ValueError(f"w must keep its {len(self.taps.patches)} taps, got {K}")
        y = conv1d_forward(x[None, None], w[None, None], [0.0])[0, 0]
        if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 0 <= t < len(y):
            raise ValueError(f"t must be a position from 0 to {len(y) - 1} (L − K), got {t!r}")
        self.y = y
        self.signal.set_data(np.arange(L), x)
        top = max(float(np.max(np.abs(x))), float(np.max(np.abs(w))), 1e-3)
        self.window.set_bounds(t - 0.45, -1.15 * top, K - 0.1, 2.3 * top)
        for k, bar in enumerate(self.taps.patches):
            bar.set_x(t + k - bar.get_width() / 2)
            bar.set_height(w[k])
        sticky(self.signal_ax, "x", -0.5, L - 0.5, 0.2, fill=0.9)
        sticky(self.signal_ax, "y", -top, top, 0.25 * top, fill=0.6)
        positions = np.arange(len(y))
        self.response.set_data(positions, y)
        self.here.set_data([t], [y[t]])
        best = int(np.argmax(y))
        self.peak.set_data([best], [y[best]])
        sticky(self.response_ax, "x", -0.5, L - 0.5, 0.2, fill=0.9)
        lo, hi = min(float(y.min()), 0.0), max(float(y.max()), 0.0)
        sticky(self.response_ax, "y", lo, hi, 0.15 * max(hi - lo, 1e-3), fill=0.6)
        return self


def plot_conv_slide(x, w, t=0, axes=None):
    """One filter slid along one signal: the window at position t (left), the response y at every t (right).

    Parameters
    ----------
    x : array_like, shape (L,)
        One signal of one channel.
    w : array_like, shape (K,)
        One filter; y[t] = Σ_k w[k]·x[t + k] (no bias), as ``layers.conv1d_forward`` computes it.
    t : int
        The position the window is drawn at, 0 … L − K.
    axes : pair of matplotlib Axes, optional

    Returns
    -------
    ConvSlide
        ``update(x, w, t)`` moves the window and redraws the response in place; ``y`` holds the response.
    """
    return ConvSlide(x, w, t, axes)
