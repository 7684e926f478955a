"""The handles behind :mod:`backprop_lab.plots`: loss curves, E against one weight,
decision boundary and gradient norms. Each ``update`` changes its artists in place.
"""

import textwrap

import numpy as np
from matplotlib.ticker import Formatter

from ._checks import choice
from ._diagram import CMAP, LABEL, TEXT, TICK, fmt, new_axes, style_axes
from .losses import LOSSES, _scale
from .passes import _forward, activation_funcs, backward, forward


class _LogLabels(Formatter):
    """Log-axis labels as plain numbers (0.01, 0.2); minor ticks only when the axis spans under a decade."""

    def __init__(self, minor=False):
        self.minor = minor

    def __call__(self, x, pos=None):
        if x <= 0:
            return ""
        if self.minor:
            lo, hi = sorted(self.axis.get_view_interval())
            decades = np.log10(hi / lo) if lo > 0 else np.inf
            mantissa = round(x / 10.0 ** np.floor(np.log10(x)))
            if decades > 1 or (decades > 0.5 and mantissa not in (2, 3, 5)):
                return ""
        exponent = int(np.round(np.log10(x)))
        if not 1e-4 <= x < 1e5 and np.isclose(x, 10.0**exponent):
            return f"$10^{{{exponent}}}$"
        return f"{x:.3g}".replace("-", "−")


def _sticky(ax, axis, lo, hi, pad, log=False, fill=0.4):
    """Set `ax`'s x or y limits to [lo − pad, hi + pad], unless the current ones still fit.

    They fit when they hold [lo, hi] and the padded data fills at least `fill` of them:
    limits that stay put while a slider moves let the live figure redraw only
    its data (see ``_blit``), and a steady axis is easier to read. With `log`,
    everything is in decades (lo, hi > 0; `pad` in decades), cut at 1e±200.
    """
    get, set_ = (ax.get_xlim, ax.set_xlim) if axis == "x" else (ax.get_ylim, ax.set_ylim)
    f, inv = (np.log10, lambda v: 10.0**v) if log else (float, float)
    old = [f(v) for v in get()] if getattr(ax, f"_bl_sticky_{axis}", False) else None
    lo, hi = f(lo), f(hi)
    fits = old is not None and old[0] <= lo and hi <= old[1]
    if fits and (hi - lo) + 2 * pad >= fill * (old[1] - old[0]):
        return
    lo, hi = lo - pad, hi + pad
    if log:  # 10**±308 would overflow the ticker
        lo, hi = max(lo, -200.0), min(hi, 200.0)
    set_(inv(lo), inv(hi))
    setattr(ax, f"_bl_sticky_{axis}", True)


def _finite_prefix(losses):
    """The losses up to (not including) the first NaN or infinity, as floats."""
    y = np.asarray(losses, dtype=float).ravel()
    bad = ~np.isfinite(y)
    return y[: np.argmax(bad)] if bad.any() else y


class LossCurves:
    """Handle of :func:`plot_loss_curves`: one line per run, a legend and a message.

    Attributes
    ----------
    fig, ax
    lines : dict of str to Line2D
    message : Text
        Hidden unless ``update(..., message=...)`` gives one.
    legend : Legend or None
    """

    def __init__(self, curves, ax=None, log=True):
        self.fig, self.ax = new_axes(ax, (6.4, 4.0))
        ax, self.log = self.ax, log
        if log:
            ax.set_yscale("log", nonpositive="mask")
            ax.yaxis.set_major_formatter(_LogLabels())
            ax.yaxis.set_minor_formatter(_LogLabels(minor=True))
        ax.set_xlabel("epoch", fontsize=LABEL)
        ax.set_ylabel("loss E", fontsize=LABEL)
        style_axes(ax)
        ax.grid(True, which="major", alpha=0.3)
        self.lines = {label: ax.plot([], [], lw=2.2, label=label)[0] for label in curves}
        named = [label for label in curves if label is not None]
        self.legend = ax.legend(fontsize=TEXT, loc="upper right") if named else None
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
            y = _finite_prefix(losses)
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
        # While a run grows, the axis grows by a quarter at a time, not every epoch.
        grown = max(right, 1.25 * self.ax.get_xlim()[1]) if right > self.ax.get_xlim()[1] else right
        _sticky(self.ax, "x", 0.0, grown, 0.0, fill=0.75)
        if len(ys) == 0:  # nothing to scale to (yet)
            _sticky(self.ax, "y", *((1e-3, 1.0) if self.log else (0.0, 1.0)), 0.0, log=self.log, fill=0.0)
            return
        lo, hi = np.clip([ys.min(), ys.max()], -1e200, 1e200)
        if self.log:
            lo, hi = max(lo, 1e-200), min(hi, 1e200)
            span = np.log10(hi) - np.log10(lo)
        else:
            span = hi - lo
        pad = 0.05 * span if hi > lo else max(0.5 if self.log else 0.1 * abs(hi), 1e-3)
        _sticky(self.ax, "y", lo, hi, pad, log=self.log)


class LossCurve(LossCurves):
    """Handle of :func:`plot_loss_curve`: like :class:`LossCurves` with one line, ``line``."""

    def __init__(self, losses=(), ax=None, log=True, label=None):
        self._label = label
        super().__init__({label: losses}, ax=ax, log=log)
        self.line = self.lines[label]

    def update(self, losses, message=None):
        """Replace the losses (one per epoch); `message` as for :meth:`LossCurves.update`."""
        return super().update({self._label: losses}, message=message)


def _name(net, layer, j, i):
    """The seed's name of a parameter, in mathtext: w_{3,2} or b_{3}."""
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
    w, E, slope : float
        The current weight, loss and gradient.
    """

    def __init__(self, net, x, target, layer, j, i, loss="half_sse", span=1.0, ax=None, resolution=121):
        if not 0 <= layer < net.n_layers:
            raise ValueError(f"layer must be from 0 to {net.n_layers - 1}, got {layer}")
        n_out, n_in = net.weights[layer].shape
        if i in ("b", None):
            i = None
        elif not 0 <= i < n_in:
            raise ValueError(f"i must be from 0 to {n_in - 1} (or 'b' for the bias), got {i}")
        if not 0 <= j < n_out:
            raise ValueError(f"j must be from 0 to {n_out - 1}, got {j}")
        self.layer, self.j, self.i = layer, j, i
        self.loss = choice("loss", loss, LOSSES)
        self.span, self._steps = float(span), np.linspace(-1.0, 1.0, resolution)
        self._center = None
        self.fig, self.ax = new_axes(ax, (6.0, 4.2))
        ax, name = self.ax, _name(net, layer, j, i)
        self.name = name
        ax.set_xlabel(f"{'bias' if i is None else 'weight'} ${name}$", fontsize=LABEL)
        ax.set_ylabel("loss $E$", fontsize=LABEL)
        ax.set_title(f"$E$ as a function of ${name}$", fontsize=LABEL)
        style_axes(ax)
        ax.grid(True, alpha=0.3)
        (self.curve,) = ax.plot([], [], lw=2.5, color="tab:blue", label=f"$E({name})$")
        (self.tangent,) = ax.plot([], [], lw=2.0, ls="--", color="tab:orange", label="slope")
        (self.marker,) = ax.plot([], [], "o", ms=10, color="black", zorder=5)
        self.legend = ax.legend(fontsize=TEXT, loc="best")
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
        # Only net_j of layer l depends on the weight: shift it, then run the later layers on all ws at once.
        o_in = 1.0 if i is None else trace.outputs[l][..., i]
        z = np.repeat(trace.nets[l][None], len(ws), axis=0)
        z[..., j] += (ws - w0).reshape((-1,) + (1,) * (z.ndim - 2)) * o_in
        funcs = activation_funcs(net)
        o = funcs[l][0](z)
        o = _forward(net.weights[l + 1 :], net.biases[l + 1 :], funcs[l + 1 :], o)[1][-1]
        T = np.asarray(target, dtype=float).reshape(trace.output.shape)
        d = o - T
        E = _scale(self.loss, o.shape[-1]) * np.sum(d * d, axis=-1)
        E = E.mean(axis=-1) if E.ndim == 2 else E
        self.curve.set_data(ws, E)
        self.marker.set_data(np.array([self.w]), np.array([self.E]))
        self.tangent.set_data(ws[[0, -1]], self.E + self.slope * (ws[[0, -1]] - self.w))
        self.legend.get_texts()[1].set_text(rf"slope $\partial E/\partial {self.name}$ = {fmt(self.slope)}")
        lo, hi = float(E.min()), float(E.max())
        pad = max(0.08 * (hi - lo), 1e-3 * max(abs(hi), 1e-9))
        _sticky(self.ax, "x", ws[0], ws[-1], 0.0, fill=1.0)
        _sticky(self.ax, "y", lo, hi, pad)
        return self


class DecisionBoundary:
    """Handle of :func:`plot_decision_boundary`.

    Attributes
    ----------
    fig, ax
    image : AxesImage
        The output on the grid, shape ``(resolution, resolution)``, row 0 at the bottom.
    grid : numpy.ndarray, shape (resolution**2, 2)
        The grid points, x fastest.
    points : list of PathCollection
        The data points of class 0 (circles) and class 1 (triangles).
    contour : ContourSet or None
        The line o = 0.5 (redrawn on update), when `contour` is True.
    colorbar : Colorbar or None
    """

    def __init__(self, net, X, Y, ax=None, resolution=80, contour=True, colorbar=None):
        colorbar = ax is None if colorbar is None else colorbar
        self.fig, self.ax = new_axes(ax, (5.2, 4.4))
        self.resolution, self.want_contour, self.contour = int(resolution), contour, None
        ax = self.ax
        style_axes(ax)
        ax.set_xlabel("$x_1$", fontsize=LABEL)
        ax.set_ylabel("$x_2$", fontsize=LABEL)
        self.image = ax.imshow(np.zeros((2, 2)), origin="lower", cmap=CMAP, vmin=0.0, vmax=1.0, aspect="auto",
                               interpolation="bilinear", zorder=0)
        style = dict(edgecolors="black", linewidths=0.8, s=55, zorder=3)
        self.points = [ax.scatter([], [], marker="o", color=CMAP(0.15), label="class 0", **style),
                       ax.scatter([], [], marker="^", color=CMAP(0.85), label="class 1", **style)]
        self.colorbar = None
        if colorbar:
            self.colorbar = self.fig.colorbar(self.image, ax=ax, shrink=0.9, pad=0.02)
            self.colorbar.set_label("network output $o$", fontsize=LABEL)
            self.colorbar.ax.tick_params(which="both", labelsize=TICK)
        self.set_points(X, Y)
        self.update(net)

    def set_points(self, X, Y):
        """Show new data points and fit the grid around them (call :meth:`update` next)."""
        X = np.asarray(X, dtype=float)
        Y = np.asarray(Y, dtype=float)
        label = (Y.reshape(len(X), -1)[:, 0] > 0.5) if Y.size == len(X) else Y.argmax(axis=1) > 0
        for k, points in enumerate(self.points):
            points.set_offsets(X[label == k].reshape(-1, 2))
        lo, hi = X.min(axis=0), X.max(axis=0)
        pad = np.maximum(0.15 * (hi - lo), 0.25)
        # New points of about the same spread (more noise, a new seed) keep the view.
        _sticky(self.ax, "x", lo[0], hi[0], pad[0], fill=0.6)
        _sticky(self.ax, "y", lo[1], hi[1], pad[1], fill=0.6)
        (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
        g1, g2 = np.linspace(x0, x1, self.resolution), np.linspace(y0, y1, self.resolution)
        self._g1, self._g2 = g1, g2
        self.grid = np.column_stack([np.tile(g1, len(g2)), np.repeat(g2, len(g1))])
        self.image.set_extent((x0, x1, y0, y1))
        return self

    def update(self, net):
        """Recompute the output of `net` (neuron 0 of its output layer) on the grid."""
        if net.sizes[0] != 2:
            raise ValueError(f"the decision boundary needs a network with 2 inputs, got sizes {net.sizes}")
        out = _forward(net.weights, net.biases, activation_funcs(net), self.grid)[1][-1][:, 0]
        Z = out.reshape(len(self._g2), len(self._g1))
        self.image.set_data(Z)
        if self.want_contour:
            if self.contour is not None:
                self.contour.remove()
                self.contour = None
            if Z.min() < 0.5 < Z.max():
                self.contour = self.ax.contour(self._g1, self._g2, Z, levels=[0.5], colors="black",
                                               linewidths=2.0, zorder=2)
        return self


class GradNormBars:
    """Handle of :func:`plot_grad_norms`.

    Attributes
    ----------
    fig, ax
    bars : BarContainer
        One bar per weight layer; rebuilt only when the number of layers changes.
    value_texts : list of Text
        The norm above each bar (up to 6 bars).
    """

    def __init__(self, norms, ax=None):
        self.fig, self.ax = new_axes(ax, (6.4, 4.0))
        ax = self.ax
        ax.set_yscale("log", nonpositive="clip")
        ax.set_ylabel(r"gradient norm $\|\partial E/\partial W\|$", fontsize=LABEL)
        ax.set_xlabel("weight layer (layer 1 is next to the input)", fontsize=LABEL)
        style_axes(ax)
        ax.grid(True, axis="y", alpha=0.3)
        self.bars, self.value_texts = None, []
        self.update(norms)

    def _build(self, n):
        if self.bars is not None:
            self.bars.remove()
            for t in self.value_texts:
                t.remove()
        ax = self.ax
        self.bars = ax.bar(np.arange(1, n + 1), np.ones(n), width=0.7, color="tab:blue", zorder=2)
        ax.set_xticks(np.arange(1, n + 1), [f"layer {k}" if n <= 6 else str(k) for k in range(1, n + 1)])
        ax.set_xlim(0.4, n + 0.6)
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
        _sticky(self.ax, "y", lo, hi, 1.0, log=True, fill=0.5)  # a decade of room either side
        return self
