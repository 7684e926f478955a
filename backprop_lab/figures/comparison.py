"""Runs side by side: bars per layer for several runs (grouped), and training runs' loss curves with them."""

import numpy as np
from matplotlib.ticker import FuncFormatter, NullLocator

from .. import presenter
from .._checks import positive_int
from ._axes import sticky
from ._style import LABEL, TEXT, new_axes, style_axes
from .curves import LossCurves

__all__ = ["GroupedBars", "TrainingComparison"]


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _decade(value, pos=None):
    """A log-axis tick label as plain text, 10⁻⁴ rather than mathtext (which makes each full draw slow).

    >>> [_decade(v) for v in (1e-4, 0.1, 1.0, 10.0, 1e3, 0.3)]
    ['10⁻⁴', '0.1', '1', '10', '10³', '']
    """
    if value <= 0:
        return ""
    exponent = np.log10(value)
    if not np.isclose(exponent, round(exponent)):
        return ""
    exponent = int(round(exponent))
    if -1 <= exponent <= 1:
        return f"{10.0 ** exponent:g}"
    return "10" + str(exponent).translate(_SUPERSCRIPT)


def _norms(label, history):
    try:
        norms = history.grad_norms
    except AttributeError as error:
        if "not recorded" in str(error):  # a History from bl.train without them says how to record them
            raise ValueError(f"histories[{label!r}]: {error}") from None
        norms = None
    if getattr(history, "losses", None) is None or norms is None:
        raise TypeError(
            f"histories[{label!r}] must be a training history with losses and grad_norms"
            f" (from bl.train or bl.models.fit), got {type(history).__name__}"
        )
    norms = np.asarray(norms, dtype=float)
    if norms.ndim != 2 or len(norms) == 0:
        raise ValueError(f"histories[{label!r}] recorded no epochs")
    return norms


class GroupedBars:
    """One group of bars per layer, one bar per run, on a log scale (handle of :func:`plot_grouped_bars`).

    Attributes
    ----------
    fig, ax
    bars : dict of str to BarContainer
        As many bars as the most layers shown so far; those beyond ``n`` are hidden,
        so fewer layers only hide bars and more layers add some.
    n : int
        The number of layers shown now.
    colours : dict of str to colour

    The y limits change only when the bars leave them (or, with `shrink`, fill
    less than half of them): a live figure then redraws only its bars.
    """

    def __init__(self, values, ax=None, ylabel="", colours=None, legend=True, shrink=True):
        if not isinstance(values, dict) or not values:
            raise TypeError("values must be a dict of label -> one value per layer, with at least one run")
        self.fig, self.ax = new_axes(ax, (6.4, 4.0))
        palette = ["tab:blue", "tab:orange", "tab:green", "tab:red"]
        self.colours = dict(colours or {label: palette[k % 4] for k, label in enumerate(values)})
        self.ax.set_yscale("log", nonpositive="clip")
        self.ax.yaxis.set_minor_locator(NullLocator())  # decades are enough, and cheap to draw
        self.ax.yaxis.set_major_formatter(FuncFormatter(_decade))
        self.ax.set_xlabel("layer (layer 1 is next to the input)", fontsize=LABEL)
        self.ax.set_ylabel(ylabel, fontsize=LABEL)
        self.ax.grid(True, axis="y", alpha=0.3)
        style_axes(self.ax)
        self.bars, self._legend, self._shrink, self._seen = {}, legend, shrink, None
        self.update(values)

    def _build(self, labels, n):
        for bars in self.bars.values():
            bars.remove()
        width = 0.8 / len(labels)
        self.bars = {}
        for r, label in enumerate(labels):
            x = np.arange(1, n + 1) + (r - (len(labels) - 1) / 2) * width
            self.bars[label] = self.ax.bar(x, np.ones(n), width=width * 0.95, color=self.colours[label],
                                           label=label, zorder=2)
        if self._legend and self.ax.get_legend() is None:
            self.ax.legend(fontsize=TEXT, loc="best")

    def heights(self, label):
        """The heights of the bars shown for `label` (one per layer)."""
        return [bar.get_height() for bar in self.bars[label].patches[: self.n]]

    def update(self, values):
        """New values (label -> one per layer); the same labels as at first."""
        values = {label: np.asarray(v, dtype=float).ravel() for label, v in values.items()}
        sizes = {len(v) for v in values.values()}
        if len(sizes) != 1 or 0 in sizes:
            raise ValueError(f"every run needs one value per layer, all as many; got sizes {sorted(sizes)}")
        n = sizes.pop()
        if list(self.bars) != list(values) or len(next(iter(self.bars.values())).patches) < n:
            self._build(list(values), n)  # new bars only for more layers than ever shown
        if n != getattr(self, "n", None):
            self.n = n
            self.ax.set_xticks(np.arange(1, n + 1))
            self.ax.set_xlim(0.4, n + 0.6)
        shown = []
        for label, v in values.items():
            for k, bar in enumerate(self.bars[label].patches):
                bar.set_visible(k < n)
                if k < n:
                    bar.set_height(v[k] if np.isfinite(v[k]) and v[k] > 0 else 0.0)
            shown += [h for h in v if np.isfinite(h) and h > 0]
        lo, hi = (min(shown), max(shown)) if shown else (1e-3, 1.0)
        if not self._shrink:  # everything shown so far stays inside
            seen = self._seen or (lo, hi)
            lo, hi = self._seen = (min(lo, seen[0]), max(hi, seen[1]))
        sticky(self.ax, "y", lo, hi, 0.6, log=True, fill=0.5)  # room to spare: small moves keep the limits
        return self


class TrainingComparison:
    """Handle of :func:`~backprop_lab.figures.plot_training_comparison`.

    Attributes
    ----------
    fig
    loss_ax, norm_ax
        The loss curves (left) and the gradient norms per layer (right).
    curves : LossCurves
    bars : dict of str to BarContainer
        One bar per weight layer for each run, in the colour of its loss curve.
    marker : Line2D
        The vertical line on the loss axes at the epoch the bars show.
    epoch : int
        That epoch, counted from 1.
    """

    def __init__(self, histories, epoch=1, ax=None):
        if not isinstance(histories, dict) or not histories:
            raise TypeError("histories must be a dict of label -> training history, with at least one run")
        self.norms = {label: _norms(label, h) for label, h in histories.items()}
        layers = {n.shape[1] for n in self.norms.values()}
        if len(layers) != 1:
            raise ValueError(f"the runs record different numbers of weight layers: {sorted(layers)}")
        if ax is None:
            import matplotlib.pyplot as plt  # pyplot, so that ipympl shows the new figure

            self.fig, (self.loss_ax, self.norm_ax) = plt.subplots(
                1, 2, figsize=(12.0, 4.2), dpi=presenter.dpi(), layout="constrained",
                gridspec_kw={"width_ratios": [1.0, 1.1]})
        else:
            self.loss_ax, self.norm_ax = ax
            self.fig = self.loss_ax.figure
        self.curves = LossCurves({label: h.losses for label, h in histories.items()}, ax=self.loss_ax)
        self.marker = self.loss_ax.axvline(1, color="0.35", lw=1.2, ls=":", zorder=1)
        colours = {label: line.get_color() for label, line in self.curves.lines.items()}
        self.grouped = GroupedBars({label: n[0] for label, n in self.norms.items()}, ax=self.norm_ax,
                                   ylabel="gradient norm ‖∂E/∂W‖", colours=colours,
                                   legend=False)
        self.bars = self.grouped.bars
        self.norm_ax.set_xlabel("weight layer (layer 1 is next to the input)", fontsize=LABEL)
        self.title = self.norm_ax.set_title("", fontsize=LABEL)
        self.show_epoch(epoch)

    def show_epoch(self, epoch):
        """Show the gradient norms of `epoch` (1 = the first; −1 = the last) and mark it on the curves."""
        if isinstance(epoch, (int, np.integer)) and not isinstance(epoch, bool) and epoch < 0:
            epoch = min(len(n) for n in self.norms.values()) + 1 + int(epoch)
        epoch = positive_int("epoch", epoch)
        shortest = min(len(n) for n in self.norms.values())
        if epoch > shortest:
            raise ValueError(f"epoch must be at most {shortest} (the shortest run), got {epoch}")
        self.epoch = epoch
        self.grouped.update({label: n[epoch - 1] for label, n in self.norms.items()})
        self.marker.set_xdata([epoch, epoch])
        self.title.set_text(f"gradient norms per layer in epoch {epoch}")
        return self
