"""Figures for 1-D convolution: signals with their class, filters before and after training, and a
convolution written as a dense matrix whose entries are shared filter weights."""

import numpy as np
from matplotlib import colormaps
from matplotlib.colors import to_rgb

from .. import presenter
from .._checks import as_float_array, positive_int
from .._format import fmt
from ._style import LABEL, TEXT, new_axes, style_axes

__all__ = ["ConvMatrix", "FilterBars", "SignalGrid", "plot_conv_matrix", "plot_filters", "plot_signals"]


def _figure(ncols, nrows, width, height):
    import matplotlib.pyplot as plt  # pyplot, so that ipympl shows the new figure

    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(width * ncols, height * nrows),
        dpi=presenter.dpi(),
        layout="constrained",
        sharey=True,
        squeeze=False,
    )
    return fig, axes.ravel()


class SignalGrid:
    """Handle of :func:`plot_signals`: ``fig``, ``axes`` and one ``lines`` entry per signal shown."""

    def __init__(self, X, Y, n=6, starts=None, pattern_length=None, ncols=3):
        X = as_float_array("X", X, ndim=3)
        Y = as_float_array("Y", Y, ndim=(1, 2)).reshape(-1)
        if len(Y) != len(X):
            raise ValueError(f"Y has {len(Y)} labels but X has {len(X)} signals")
        n = min(positive_int("n", n), len(X))
        ncols = min(positive_int("ncols", ncols), n)
        nrows = -(-n // ncols)
        self.fig, self.axes = _figure(ncols, nrows, 3.4, 2.2)
        self.lines = []
        t = np.arange(X.shape[2])
        for k, ax in enumerate(self.axes):
            if k >= n:
                ax.set_visible(False)
                continue
            colour = "tab:blue" if Y[k] > 0.5 else "tab:orange"
            self.lines.append(ax.plot(t, X[k, 0], "-o", color=colour, ms=3.5, lw=1.8)[0])
            if starts is not None and pattern_length:
                ax.axvspan(starts[k] - 0.4, starts[k] + pattern_length - 0.6, color=colour, alpha=0.15, lw=0)
            ax.set_title(f"signal {k + 1}: class {int(Y[k] > 0.5)}", fontsize=LABEL, color=colour)
            ax.axhline(0.0, color="0.6", lw=0.8, zorder=0)
            style_axes(ax)
        for ax in self.axes[-ncols:]:
            ax.set_xlabel("position t", fontsize=LABEL)


class FilterBars:
    """Handle of :func:`plot_filters`: ``fig``, ``axes`` (one per filter), ``after`` and ``before`` bars."""

    def __init__(self, weights, before=None, labels=("after training", "before training")):
        w = as_float_array("weights", weights, ndim=3)
        if w.shape[1] != 1:
            raise ValueError(
                f"plot_filters draws filters of one input channel, shape (C_out, 1, K); got {w.shape}"
            )
        b = None if before is None else as_float_array("before", before, ndim=3)
        if b is not None and b.shape != w.shape:
            raise ValueError(f"before must have the shape of weights {w.shape}, got {b.shape}")
        C, _, K = w.shape
        self.fig, self.axes = _figure(C, 1, max(2.8, 0.55 * K + 1.2), 2.9)
        k = np.arange(K)  # taps numbered as in the code: w[c, 0, k], k = 0 … K − 1
        self.after, self.before = [], []
        for c, ax in enumerate(self.axes):
            if b is not None:
                self.before.append(
                    ax.bar(
                        k,
                        b[c, 0],
                        width=0.75,
                        facecolor="none",
                        edgecolor="0.45",
                        lw=1.6,
                        ls="--",
                        label=labels[1],
                        zorder=3,
                    )
                )
            self.after.append(ax.bar(k, w[c, 0], width=0.55, color="tab:blue", label=labels[0], zorder=2))
            ax.axhline(0.0, color="0.3", lw=0.9)
            ax.set_xticks(k)
            ax.set_title(f"filter {c + 1}", fontsize=LABEL)
            ax.set_xlabel("tap k", fontsize=LABEL)
            style_axes(ax)
        self.axes[0].set_ylabel("weight w[c, 0, k]", fontsize=LABEL)
        if b is not None:
            self.fig.legend(
                handles=[self.after[0], self.before[0]],
                fontsize=TEXT,
                loc="outside upper center",
                ncols=2,
                frameon=False,
            )


class ConvMatrix:
    """Handle of :func:`plot_conv_matrix`: ``fig``, ``ax``, ``image``, ``texts`` (per entry, row by row)."""

    def __init__(self, dense, ax=None):
        for name in ("matrix", "index", "w_shape"):
            if not hasattr(dense, name):
                raise TypeError(
                    f"dense must be the ConvDense from layers.conv1d_dense, got {type(dense).__name__}")
        matrix, index = dense.matrix, dense.index
        rows, cols = matrix.shape
        C_out, C_in, K = dense.w_shape
        self.fig, self.ax = new_axes(ax, (max(3.6, 0.95 * cols + 1.4), max(2.4, 0.75 * rows + 1.3)))
        palette = colormaps["tab10"]
        rgb = np.ones((rows, cols, 3))
        for flat in np.unique(index[index >= 0]):  # one light colour per filter weight
            rgb[index == flat] = 0.45 * np.array(to_rgb(palette(int(flat) % 10))) + 0.55
        self.image = self.ax.imshow(rgb, aspect="equal")
        one = C_out == 1 and C_in == 1

        def weight_name(flat):
            o, c, k = np.unravel_index(flat, dense.w_shape)
            return f"w[{k}]" if one else f"w[{o},{c},{k}]"

        self.texts = []
        for r in range(rows):
            for c in range(cols):
                shared = index[r, c] >= 0
                text = f"{weight_name(index[r, c])}\n{fmt(matrix[r, c], 3, minus='−')}" if shared else "0"
                self.texts.append(self.ax.text(c, r, text, ha="center", va="center", fontsize=TEXT,
                                               color="black" if shared else "0.6"))
        L, L_out = cols // C_in, rows // C_out
        self.ax.set_xticks(range(cols), [f"x[{i % L}]" if C_in == 1 else f"x[{i // L},{i % L}]"
                                         for i in range(cols)], fontsize=TEXT)
        self.ax.set_yticks(range(rows), [f"y[{t % L_out}]" if C_out == 1 else f"y[{t // L_out},{t % L_out}]"
                                         for t in range(rows)], fontsize=TEXT)
        self.ax.xaxis.tick_top()
        self.ax.set_xticks(np.arange(-0.5, cols), minor=True)
        self.ax.set_yticks(np.arange(-0.5, rows), minor=True)
        self.ax.grid(which="minor", color="white", lw=2)
        self.ax.tick_params(which="minor", length=0)
        self.ax.set_xlabel("column i sends (input)", fontsize=LABEL)
        self.ax.set_ylabel("row receives (output)", fontsize=LABEL)


def plot_conv_matrix(dense, ax=None):
    """A convolution as a dense matrix: each entry names the filter weight it holds (colour = which weight).

    Parameters
    ----------
    dense : ConvDense
        From :func:`backprop_lab.layers.conv1d_dense`; best for a few dozen entries.
    ax : matplotlib Axes, optional

    Returns
    -------
    ConvMatrix
    """
    return ConvMatrix(dense, ax)


def plot_signals(X, Y, n=6, starts=None, pattern_length=None, ncols=3):
    """Draw the first `n` signals of ``X`` (B, 1, L), coloured by class, the pattern shaded (with `starts`).

    Parameters
    ----------
    X : array_like, shape (B, 1, L)
    Y : array_like, shape (B, 1) or (B,)
    n, ncols : int
        How many signals, in rows of `ncols`.
    starts : array_like of int, optional
        Where the pattern (or its reverse) starts, from ``pattern_signals(..., positions=True)``.
    pattern_length : int, optional
        Needed with `starts`.

    Returns
    -------
    SignalGrid
    """
    return SignalGrid(X, Y, n, starts, pattern_length, ncols)


def plot_filters(weights, before=None):
    """Bar charts of 1-D filters of shape (C_out, 1, K): one panel per filter, `before` as dashed outlines.

    Returns
    -------
    FilterBars
    """
    return FilterBars(weights, before)
