"""What a gradient costs: finite differences against backpropagation, as the network grows."""

import numpy as np

from .. import presenter
from ._axes import LogLabels
from ._style import LABEL, TEXT, style_axes

__all__ = ["CostFigure", "plot_gradient_cost"]

_FD, _BP, _TIME = "#e66100", "#3b6fb6", "#222222"


class CostFigure:
    """Handle of :func:`~backprop_lab.figures.plot_gradient_cost`.

    Attributes
    ----------
    fig, axes
        Left: multiply-adds of one gradient by each method against P; right:
        how many times more finite differences cost.
    lines : dict of str to Line2D
        ``"fd"``, ``"bp"`` (left), ``"ratio"`` (counted), ``"time"`` (measured;
        empty when not timed), ``"guide"`` (2P/3, right).
    """

    def __init__(self, sweep, axes=None):
        if axes is None:
            import matplotlib.pyplot as plt  # pyplot, so that ipympl shows the new figure

            _, axes = plt.subplots(1, 2, figsize=(11.5, 4.4), dpi=presenter.dpi(), layout="constrained")
        self.fig, self.axes = axes[0].figure, tuple(axes)
        left, right = self.axes
        fd_label = "finite differences (2P forward passes)"
        bp_label = "backpropagation (1 forward + 1 backward)"
        self.lines = {
            "fd": left.plot([], [], "o-", color=_FD, lw=2, label=fd_label)[0],
            "bp": left.plot([], [], "s-", color=_BP, lw=2, label=bp_label)[0],
            "ratio": right.plot([], [], "o-", color=_FD, lw=2, label="counted: multiply-adds")[0],
            "time": right.plot([], [], "D", color=_TIME, ms=7, label="measured: time")[0],
            "guide": right.plot([], [], "--", color="#777777", lw=1.2, label="2P/3")[0],
        }
        left.set_ylabel("multiply-adds for one gradient", fontsize=LABEL)
        right.set_ylabel("finite differences ÷ backprop", fontsize=LABEL)
        for ax in self.axes:
            ax.set_xscale("log")
            ax.set_yscale("log")
            ax.set_xlabel("parameters P (weights and biases)", fontsize=LABEL)
            ax.xaxis.set_major_formatter(LogLabels())
            ax.yaxis.set_major_formatter(LogLabels())
            ax.grid(True, which="major", alpha=0.3)
            style_axes(ax)
        self.update(sweep)

    def update(self, sweep):
        """Show another :class:`~backprop_lab.cost.CostSweep`."""
        P = sweep.column("parameters").astype(float)
        self.lines["fd"].set_data(P, sweep.column("fd_multiply_adds"))
        self.lines["bp"].set_data(P, sweep.column("bp_multiply_adds"))
        self.lines["ratio"].set_data(P, sweep.column("ratio"))
        times = sweep.time_ratios
        shown = np.isfinite(times)
        self.lines["time"].set_data(P[shown], times[shown])
        # not timed: no legend entry for points that are not there
        self.lines["time"].set_label("measured: time" if shown.any() else "_not timed")
        self.lines["guide"].set_data(P, 2 * P / 3)
        for ax in self.axes:
            ax.relim()
            ax.autoscale_view()
            ax.legend(fontsize=TEXT, loc="upper left")


def plot_gradient_cost(sweep, axes=None):
    """Multiply-adds of one gradient by finite differences and by backprop, and their ratio, against P.

    Parameters
    ----------
    sweep : backprop_lab.cost.CostSweep
        From ``bl.cost.cost_sweep``; with ``timed=True`` the measured time ratios are shown too.
    axes : pair of matplotlib Axes, optional

    Returns
    -------
    CostFigure
        ``update(sweep)``.
    """
    return CostFigure(sweep, axes=axes)
