"""Figures for 1-D convolution: a few signals with their class, and filters before and after training."""

import numpy as np

from .. import presenter
from .._checks import as_float_array, positive_int
from ._style import LABEL, TEXT, style_axes

__all__ = ["FilterBars", "SignalGrid", "plot_filters", "plot_signals"]


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
        k = np.arange(1, K + 1)
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
