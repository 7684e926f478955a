"""Gradient norms per weight layer, as bars on a log scale."""

import numpy as np

from ._axes import sticky
from ._style import LABEL, TEXT, new_axes, style_axes

__all__ = ["GradNormBars"]


class GradNormBars:
    """Handle of :func:`plot_grad_norms`.

    Attributes
    ----------
    fig, ax
    bars : BarContainer
        One bar per weight layer; rebuilt only when the number of layers changes.
    slots : int or None
        Room kept for this many bars (see :func:`plot_grad_norms`).
    value_texts : list of Text
        The norm above each bar (up to 6 bars).
    """

    def __init__(self, norms, ax=None, slots=None):
        self.fig, self.ax = new_axes(ax, (6.4, 4.0))
        self.slots = slots
        ax = self.ax
        ax.set_yscale("log", nonpositive="clip")
        ax.set_ylabel(r"gradient norm $\|\partial E/\partial W\|$", fontsize=LABEL)
        ax.set_xlabel("weight layer (layer 1 is next to the input)", fontsize=LABEL)
        style_axes(ax)
        ax.grid(True, axis="y", alpha=0.3)
        self.bars, self.value_texts, self.bars_room = None, [], None
        self.update(norms)

    def _build(self, n):
        if self.bars is not None:
            self.bars.remove()
            for t in self.value_texts:
                t.remove()
        ax = self.ax
        self.bars = ax.bar(np.arange(1, n + 1), np.ones(n), width=0.7, color="tab:blue", zorder=2)
        m = max(n, self.slots or 0)  # with room for `slots` bars, the axes stay the same as n changes
        if self.bars_room != m:
            ax.set_xticks(np.arange(1, m + 1), [f"layer {k}" if m <= 6 else str(k) for k in range(1, m + 1)])
            ax.set_xlim(0.4, m + 0.6)
            self.bars_room = m
        self.value_texts = [] if n > 6 else [
            ax.annotate("", (k, 1.0), xytext=(0, 3), textcoords="offset points", ha="center", va="bottom",
                        fontsize=TEXT) for k in range(1, n + 1)]

    def update(self, norms):
        """New norms; same number of layers: heights change in place, else the bars are rebuilt."""
        norms = np.asarray(norms, dtype=float).ravel()
        if self.bars is None or len(self.bars.patches) != len(norms):
            self._build(len(norms))
        shown = np.where(np.isfinite(norms), norms, 0.0)
        for bar, h in zip(self.bars.patches, shown):
            bar.set_height(h)
        for k, (t, h) in enumerate(zip(self.value_texts, norms)):
            t.xy = (k + 1, h if h > 0 and np.isfinite(h) else 1e-300)
            t.set_text(f"{h:.2g}" if np.isfinite(h) else "overflow")
        positive = shown[shown > 0]
        lo, hi = (positive.min(), positive.max()) if len(positive) else (1e-3, 1.0)
        sticky(self.ax, "y", lo, hi, 1.0, log=True, fill=0.5)  # a decade of room either side
        return self
