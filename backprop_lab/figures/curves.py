"""Loss curves: the loss per epoch of one or several training runs, with a message for divergence."""

import textwrap

import numpy as np

from ._axes import LogLabels, finite_prefix, sticky
from ._style import LABEL, TEXT, new_axes, style_axes
from .blit import still

__all__ = ["LossCurve", "LossCurves"]


class LossCurves:
    """Handle of :func:`plot_loss_curves`: one line per run, a legend and a message.

    Attributes
    ----------
    fig, ax
    lines : dict of str to Line2D
    message : Text
        Hidden unless ``update(..., message=...)`` gives one.
    legend : Legend or None
        In the axes; or, with ``legend="figure"``, one legend above the figure's
        middle, which a live figure never redraws (a legend inside the axes is
        redrawn with every blit: 30 % of the playground's).
    """

    def __init__(self, curves, ax=None, log=True, legend="axes"):
        self.fig, self.ax = new_axes(ax, (6.4, 4.0))
        ax, self.log = self.ax, log
        if log:
            ax.set_yscale("log", nonpositive="mask")
            ax.yaxis.set_major_formatter(LogLabels())
            ax.yaxis.set_minor_formatter(LogLabels(minor=True))
        ax.set_xlabel("epoch", fontsize=LABEL)
        ax.set_ylabel("loss E", fontsize=LABEL)
        style_axes(ax)
        ax.grid(True, which="major", alpha=0.3)
        self.lines = {label: ax.plot([], [], lw=2.2, label=label)[0] for label in curves}
        named = [label for label in curves if label is not None]
        if not named:
            self.legend = None
        elif legend == "figure":
            self.legend = self.fig.legend(handles=[self.lines[k] for k in named], fontsize=TEXT,
                                          loc="outside upper center", ncols=len(named), frameon=False)
        else:  # fixed labels: under the lines, drawn once into a live figure's background
            self.legend = ax.legend(fontsize=TEXT, loc="upper right")
            self.legend.set_zorder(1.5)
            still(self.legend)
        self.message = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center", fontsize=LABEL,
                               fontweight="bold", color="#b00020", visible=False, zorder=5,
                               bbox=dict(boxstyle="round,pad=0.4", facecolor="white", edgecolor="#b00020"))
        LossCurves.update(self, curves)

    def update(self, curves, message=None):
        """Replace the data: `curves` maps each label given at creation to its losses.

        Each curve stops before its first NaN or infinite value. `message`
        (e.g. "training diverged in epoch 37") is written across the axes.
        """
        top = 0
        for label, losses in curves.items():
            y = finite_prefix(losses)
            self.lines[label].set_data(np.arange(1, len(y) + 1), y)
            top = max(top, len(y))
        if message:  # wrapped to the axes' width (matplotlib's wrap=True uses the figure's)
            width_pt = self.ax.get_position().width * self.fig.get_figwidth() * 72
            message = textwrap.fill(message, max(12, int(width_pt / (0.62 * LABEL))))
        self.message.set_text(message or "")
        self.message.set_visible(bool(message))
        self._rescale(top)
        return self

    def _rescale(self, epochs):
        """Limits from the data of every line on this axes and on axes sharing its y axis.

        Computed here rather than by autoscaling, which overflows for the
        huge (finite) losses of an exploding run; those are cut at 1e200.
        """
        siblings = self.ax.get_shared_y_axes().get_siblings(self.ax)
        ys = [np.asarray(line.get_ydata(), dtype=float) for ax in siblings for line in ax.get_lines()]
        ys = np.concatenate(ys) if ys else np.zeros(0)
        ys = ys[(ys > 0) if self.log else np.isfinite(ys)]
        right = max(epochs, 2) * 1.03 + 0.5
        # While a run grows, the axis grows in steps of 1, 2, 5 x 10^k (10, 20, 50, 100, ...), not every
        # epoch: each move of a limit costs a live figure a full redraw instead of a blit.
        sticky(self.ax, "x", 0.0, _step_up(np.log10(right)), 0.0, fill=0.75)
        if len(ys) == 0:  # nothing to scale to (yet)
            sticky(self.ax, "y", *((1e-3, 1.0) if self.log else (0.0, 1.0)), 0.0, log=self.log, fill=0.0)
            return
        lo, hi = np.clip([ys.min(), ys.max()], -1e200, 1e200)
        if self.log:
            lo, hi = np.log10(max(lo, 1e-200)), np.log10(min(hi, 1e200))
            pad = 0.05 * (hi - lo) if hi > lo else 0.5
            # Limits on steps of 1, 2, 5 x 10^k: a falling loss moves them now and then, not at every
            # epoch (each move of a limit costs a live figure a full redraw instead of a blit).
            sticky(self.ax, "y", _step_down(lo - pad), _step_up(hi + pad), 0.0, log=True)
            return
        pad = 0.05 * (hi - lo) if hi > lo else max(0.1 * abs(hi), 1e-3)
        sticky(self.ax, "y", lo, hi, pad)


def _step_down(decades):
    """The largest of 1, 2, 5 x 10^k at or below 10**decades."""
    power = np.floor(decades)
    return max(10.0**power * s for s in (1.0, 2.0, 5.0) if power + np.log10(s) <= decades + 1e-12)


def _step_up(decades):
    """The smallest of 1, 2, 5, 10 x 10^k at or above 10**decades."""
    power = np.floor(decades)
    return min(10.0**power * s for s in (1.0, 2.0, 5.0, 10.0) if power + np.log10(s) >= decades - 1e-12)


class LossCurve(LossCurves):
    """Handle of :func:`plot_loss_curve`: like :class:`LossCurves` with one line, ``line``."""

    def __init__(self, losses=(), ax=None, log=True, label=None):
        self._label = label
        super().__init__({label: losses}, ax=ax, log=log)
        self.line = self.lines[label]

    def update(self, losses, message=None):
        """Replace the losses (one per epoch); `message` as for :meth:`LossCurves.update`."""
        return super().update({self._label: losses}, message=message)
