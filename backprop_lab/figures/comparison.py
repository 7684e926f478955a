"""Training runs side by side: their loss curves, and their gradient norms per layer at one epoch."""

import numpy as np

from .. import presenter
from .._checks import positive_int
from ._axes import sticky
from ._style import LABEL, style_axes
from .curves import LossCurves

__all__ = ["TrainingComparison"]


def _norms(label, history):
    norms = getattr(history, "grad_norms", None)
    if getattr(history, "losses", None) is None or norms is None:
        raise TypeError(
            f"histories[{label!r}] must be a training history with losses and grad_norms"
            f" (from bl.train or bl.models.fit), got {type(history).__name__}"
        )
    norms = np.asarray(norms, dtype=float)
    if norms.ndim != 2 or len(norms) == 0:
        raise ValueError(f"histories[{label!r}] recorded no epochs")
    return norms


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
        n, runs = layers.pop(), len(self.norms)
        width = 0.8 / runs
        ax = self.norm_ax
        ax.set_yscale("log", nonpositive="clip")
        self.bars = {}
        for r, label in enumerate(self.norms):
            x = np.arange(1, n + 1) + (r - (runs - 1) / 2) * width
            colour = self.curves.lines[label].get_color()
            self.bars[label] = ax.bar(x, np.ones(n), width=width * 0.95, color=colour, label=label, zorder=2)
        ax.set_xticks(np.arange(1, n + 1))
        ax.set_xlim(0.4, n + 0.6)
        ax.set_xlabel("weight layer (layer 1 is next to the input)", fontsize=LABEL)
        ax.set_ylabel(r"gradient norm $\|\partial E/\partial W\|$", fontsize=LABEL)
        ax.grid(True, axis="y", alpha=0.3)
        style_axes(ax)
        self.title = ax.set_title("", fontsize=LABEL)
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
        heights = []
        for label, bars in self.bars.items():
            for bar, h in zip(bars.patches, self.norms[label][epoch - 1]):
                bar.set_height(h if np.isfinite(h) else 0.0)
                heights.append(h)
        self.marker.set_xdata([epoch, epoch])
        self.title.set_text(f"gradient norms per layer in epoch {epoch}")
        shown = np.array([h for h in heights if np.isfinite(h) and h > 0])
        lo, hi = (shown.min(), shown.max()) if len(shown) else (1e-3, 1.0)
        sticky(self.norm_ax, "y", lo, hi, 0.3, log=True, fill=0.5)
        return self
