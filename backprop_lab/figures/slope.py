"""The loss as a function of one weight, with the tangent whose slope is ∂E/∂w."""

import numpy as np

from .._format import fmt as _fmt
from ..landscape import loss_along_weight, parameter
from ..losses import get_loss
from ..passes import backward, forward
from ._axes import sticky
from ._style import LABEL, TEXT, new_axes, style_axes
from .blit import still

__all__ = ["LossVsWeight"]


def fmt(value):
    return _fmt(value, 3, minus="−")


def _name(net, layer, j, i):
    """A parameter's name on the notation card, in mathtext: w_{3,2} or b_{3} (neurons numbered from 1)."""
    ids = net.neuron_ids()
    if i is None:
        return f"b_{{{ids[layer + 1][j]}}}"
    return f"w_{{{ids[layer + 1][j]},{ids[layer][i]}}}"


class LossVsWeight:
    """Handle of :func:`plot_loss_vs_weight`.

    Attributes
    ----------
    fig, ax
    curve : Line2D
        E at ``w_grid``.
    marker : Line2D
        The point (w, E) now.
    tangent : Line2D
        Slope ∂E/∂w through the marker.
    legend : Legend
        With `values`, its tangent entry gives the slope's value.
    w, E, slope : float
        The current weight, loss and gradient.
    """

    def __init__(self, net, x, target, layer, j, i, loss="half_sse", span=1.0, ax=None, resolution=121,
                 values=True):
        layer, j, i = parameter(net, layer, j, i)
        self.layer, self.j, self.i = layer, j, i
        self.loss = get_loss(loss).name
        self.span, self._steps = float(span), np.linspace(-1.0, 1.0, resolution)
        self._center = None
        self.fig, self.ax = new_axes(ax, (6.0, 4.2))
        ax, name = self.ax, _name(net, layer, j, i)
        self.name = name
        ax.set_xlabel(f"{'bias' if i is None else 'weight'} ${name}$", fontsize=LABEL)
        ax.set_ylabel("loss $E$", fontsize=LABEL)
        still(ax.set_title(f"$E$ as a function of ${name}$", fontsize=LABEL))
        style_axes(ax)
        ax.grid(True, alpha=0.3)
        self.values = bool(values)
        slope = "slope" if values else rf"tangent, slope $\partial E/\partial {name}$"
        (self.curve,) = ax.plot([], [], lw=2.5, color="tab:blue", label=f"$E({name})$")
        (self.tangent,) = ax.plot([], [], lw=2.0, ls="--", color="tab:orange", label=slope)
        (self.marker,) = ax.plot([], [], "o", ms=10, color="black", zorder=5)
        if values:  # the slope's value in the legend, which moves to where the curve leaves room
            self.legend = ax.legend(fontsize=TEXT, loc="best")
        else:  # fixed words in a fixed place, under the lines: drawn once, into the kept background
            self.legend = ax.legend(fontsize=TEXT, loc="upper center")
            self.legend.set_zorder(1.5)
            still(self.legend)
        self.update(net, x, target)

    def update(self, net, x, target):
        """Recompute E around the current weight of `net` for input `x` and `target`."""
        trace = forward(net, x)
        grads = backward(net, trace, target, self.loss)
        l, j, i = self.layer, self.j, self.i
        w0 = net.biases[l][j] if i is None else net.weights[l][j, i]
        self.slope = float(grads.biases[l][j] if i is None else grads.weights[l][j, i])
        self.w, self.E = float(w0), float(grads.loss)
        # The curve stays put while w moves within half a span of where it was centred:
        # the point slides along a still curve (and the figure only redraws its data).
        if self._center is None or abs(w0 - self._center) > 0.5 * self.span:
            self._center = float(w0)
        ws = self._center + self.span * self._steps
        E = loss_along_weight(net, x, target, l, j, i, ws, self.loss)
        self.curve.set_data(ws, E)
        self.marker.set_data(np.array([self.w]), np.array([self.E]))
        self.tangent.set_data(ws[[0, -1]], self.E + self.slope * (ws[[0, -1]] - self.w))
        if self.values:
            label = rf"slope $\partial E/\partial {self.name}$ = {fmt(self.slope)}"
            self.legend.get_texts()[1].set_text(label)
        lo, hi = float(E.min()), float(E.max())
        pad = max(0.08 * (hi - lo), 1e-3 * max(abs(hi), 1e-9))
        sticky(self.ax, "x", ws[0], ws[-1], 0.0, fill=1.0)
        sticky(self.ax, "y", lo, hi, pad)
        return self
