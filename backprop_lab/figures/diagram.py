"""The network diagram: neurons in columns, one coloured line per weight.

Used through :func:`backprop_lab.figures.draw_network`.
"""

import numpy as np
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import Normalize
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Affine2D, blended_transform_factory

from .._format import fmt as _fmt
from .._format import sub
from ._style import CMAP, LABEL, TEXT, TICK, new_axes, nice_limit, outlines

__all__ = ["NetworkDiagram"]

_SHOW = {"weights": "weight $w_{j,i}$", "gradients": r"gradient $\partial E/\partial w_{j,i}$"}


def fmt(value):
    """A number as the diagram writes it: 3 significant digits, a real minus sign."""
    return _fmt(value, 3, minus="−")


def _first_row(array):
    return array[0] if array.ndim == 2 else array


class NetworkDiagram:
    """Handle of :func:`backprop_lab.plots.draw_network`; see there.

    Attributes
    ----------
    fig, ax : the figure and axes drawn on.
    edges : LineCollection
        One line per weight, ordered layer by layer, row j then column i
        (``np.concatenate([W.ravel() for W in net.weights])``); its colour
        array holds the values shown.
    neurons : PathCollection
        One circle per neuron; the fill shows b_j (or ∂E/∂b_j) on the edges' scale.
    number_texts : list of list of Text
        ``number_texts[l][j]``: the global number of neuron j of layer l. What
        is drawn is `numbers`, their outlines: drawn as text on every live
        redraw, the labels alone would cost more than the rest of the diagram.
    numbers : PathCollection
        The neuron numbers, centred on the neurons, white on a dark fill.
    node_texts : list of list of Text
        ``node_texts[l][j]``: net_j and o_j (only o for inputs); empty without a trace.
    bias_texts, delta_texts : list of list of Text
        ``bias_texts[l][j]`` (b_j) and ``delta_texts[l][j]`` (δ_j) of neuron j
        in layer l + 1, i.e. of weight layer l.
    edge_texts : list of Text
        The value at each edge (small networks only, else empty).
    band : Rectangle
        The highlight behind weight layer `highlight`.
    layer_names : list of str
        The layers' names ("input", "hidden 1", ..., "output"; shorter when narrow).
    layer_outlines : PathCollection
        `layer_names` drawn above the axes as outlines (a depth change then keeps the axes' ticks).
    colorbar : Colorbar
    """

    def __init__(self, net, trace=None, grads=None, show="weights", ax=None, highlight=None, values=True):
        self.values = bool(values)
        columns, H = len(net.sizes), max(net.sizes)
        size = (min(9.0, max(5.6, 1.5 * columns + 1.0)), min(5.2, max(3.4, 2.2 + 1.1 * H)))
        self.fig, self.ax = new_axes(ax, size)
        self.show = _check_show(show)
        self.sizes = None
        self.norm = Normalize(-1.0, 1.0)
        self._scaled = False
        ax = self.ax
        # Artists are placed in layer coordinates (layer l at x = l); `_place` fits them into the fixed
        # limits 0..1, so a network of other sizes keeps the axes (and a live figure its background).
        self._place = Affine2D()
        self._layers = self._place + ax.transData
        ax.set_xlim(0.0, 1.0)
        ax.set_ylim(0.0, 1.0)
        ax.set_yticks([])
        # The layer names are drawn as `layer_outlines` (outlines that move with the network's depth); one
        # invisible tick label keeps their room above the axes, so the ticks never change.
        ax.xaxis.tick_top()
        ax.set_xticks([0.5], ["hidden"])
        ax.tick_params(axis="x", length=0, labelsize=TICK, labelcolor="none")
        self.layer_names, self.layer_outlines = [], None
        for spine in ax.spines.values():
            spine.set_visible(False)
        # A thin grey wire on top of each coloured band: edges near 0 stay visible.
        self.underlay = LineCollection([], colors="0.55", linewidths=0.7, zorder=2.5, transform=self._layers)
        self.edges = LineCollection([], cmap=CMAP, norm=self.norm, zorder=2, capstyle="round",
                                    transform=self._layers)
        self.edges.set_array(np.zeros(0))
        ax.add_collection(self.underlay, autolim=False)
        ax.add_collection(self.edges, autolim=False)
        self.band = Rectangle((0, 0), 1, 1, transform=blended_transform_factory(self._layers, ax.transAxes),
                              facecolor="#ffd92f", alpha=0.35, edgecolor="none", zorder=0, visible=False)
        ax.add_patch(self.band)
        self.colorbar = self.fig.colorbar(self.edges, ax=ax, location="bottom", fraction=0.06,
                                      shrink=0.7, aspect=30, pad=0.03)
        self.colorbar.set_label(_SHOW[self.show], fontsize=LABEL)
        self.colorbar.ax.tick_params(which="both", labelsize=TICK)
        self.colorbar.set_ticks([-1.0, 0.0, 1.0])
        self.neurons = None
        self._artists = []
        self.update(net, trace, grads, highlight=highlight)

    # --- layout: only when the network's sizes change -----------------------------------

    def _build(self, net):
        for artist in self._artists:
            artist.remove()
        ax, sizes, L = self.ax, net.sizes, net.n_layers
        self.sizes = sizes
        H = max(sizes)
        bbox = ax.get_position()
        width_pt = bbox.width * self.fig.get_figwidth() * 72
        height_pt = bbox.height * self.fig.get_figheight() * 72
        unit_x = width_pt / (L + 0.6)
        line = 1.4 * TEXT

        def layout(margin):
            unit_y = height_pt / (H + 2 * margin)
            radius = float(np.clip(0.3 * min(unit_x, unit_y), 6.0, 14.0))
            # Inputs have one line of text (o), other neurons two above (net, o) and two below (b, δ).
            need = [2 * radius + (1 if l == 0 else 4) * line + 6 for l in range(L + 1)]
            detail = [self.values and n <= 4 and unit_x >= 80 and unit_y * H / n >= need[l]
                      for l, n in enumerate(sizes)]
            return unit_y, radius, detail

        small = 0.12
        margin = max(small, (14 + 2 * line + 8) / (height_pt / H) - 0.5)  # room for text above the top neuron
        margin = margin if self.values else small
        unit_y, radius, detail = layout(margin)
        if not any(d for d, n in zip(detail, sizes) if n == H):  # no text in the tallest layers: no room
            margin = small
            unit_y, radius, detail = layout(margin)
            detail = [d and n < H for d, n in zip(detail, sizes)]
        self._detail = detail
        # Each layer's neurons share the height equally, neuron 1 of the layer at the top.
        ys = [H / 2 - (H / n) * (np.arange(n) + 0.5) for n in sizes]
        x0, x1, y0, y1 = -0.3, L + 0.3, -H / 2 - margin, H / 2 + margin
        self._place.clear().translate(-x0, -y0).scale(1 / (x1 - x0), 1 / (y1 - y0))

        segments, layer_of_edge = [], []
        for l in range(L):
            for j in range(sizes[l + 1]):
                for i in range(sizes[l]):
                    segments.append(((l, ys[l][i]), (l + 1, ys[l + 1][j])))
                    layer_of_edge.append(l)
        self._edge_layer = np.array(layer_of_edge)
        self.underlay.set_segments(segments)
        self.edges.set_segments(segments)

        xy = np.array([(l, y) for l in range(L + 1) for y in ys[l]])
        self._layer_of_neuron = np.array([l for l in range(L + 1) for _ in ys[l]])
        self.neurons = ax.scatter(xy[:, 0], xy[:, 1], s=(2 * radius) ** 2, facecolors="white",
                                  edgecolors="black", linewidths=1.2, zorder=3, transform=self._layers)
        artists = [self.neurons]
        ids = net.neuron_ids()
        number_size = LABEL if radius >= 10 else TEXT
        show_numbers = radius >= 7.5 or max(ids[-1]) < 10

        box = dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none", alpha=0.8)

        blank = Text(visible=False)  # for layers without text (values=False, no room): never drawn

        def text(l, y, dy, va):
            if not detail[l]:
                return blank
            t = ax.annotate("", (l, y), xycoords=self._layers, xytext=(0, dy), textcoords="offset points",
                            ha="center", va=va,
                            fontsize=TEXT, zorder=5, visible=False, annotation_clip=False, bbox=box)
            artists.append(t)
            return t

        self.number_texts = [[Text(l, y, str(n), fontsize=number_size, fontweight="bold")
                              for n, y in zip(ids[l], ys[l])] for l in range(L + 1)]
        # In points, centred on each neuron (offsets in layer coordinates); points to pixels like text.
        self.numbers = PathCollection(
            outlines([str(n) for row in ids for n in row], number_size), offsets=xy,
            offset_transform=self._layers, transform=Affine2D().scale(1 / 72) + self.fig.dpi_scale_trans,
            facecolors="black", edgecolors="none", linewidths=0, zorder=4, visible=show_numbers)
        ax.add_collection(self.numbers, autolim=False)
        artists.append(self.numbers)
        self.node_texts, self.bias_texts, self.delta_texts = [], [], []
        for l in range(L + 1):
            if l == 0:  # inputs: o below the neuron
                self.node_texts.append([text(l, y, -radius - 3, "top") for y in ys[l]])
            else:
                self.node_texts.append([text(l, y, radius + 3, "bottom") for y in ys[l]])
                self.bias_texts.append([text(l, y, -radius - 3, "top") for y in ys[l]])
                self.delta_texts.append([text(l, y, -radius - 3 - line, "top") for y in ys[l]])
        self._ids = ids

        self.edge_texts = []
        crossing = any(a > 1 and b > 1 for a, b in zip(sizes[:-1], sizes[1:]))
        if len(segments) <= 12 and not crossing and all(detail) and unit_x >= 90:
            frame = dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="0.6")
            for (xa, ya), (xb, yb) in segments:  # without crossings, the midpoints are distinct
                self.edge_texts.append(ax.text((xa + xb) / 2, (ya + yb) / 2, "", ha="center", va="center",
                                               fontsize=TEXT, zorder=6, bbox=frame, transform=self._layers))
            artists += self.edge_texts

        short = unit_x < 60
        names = ["in" if short else "input"]
        names += [(f"h{l}" if short else "hidden" if L == 2 else f"hidden {l}") for l in range(1, L)]
        names.append("out" if short else "output")
        # Above the axes where the tick labels would be (pad 3.5 pt), baselines aligned.
        self.layer_names = names
        self.layer_outlines = PathCollection(
            outlines(names, TICK, baseline=3.5 + 0.3 * TICK), offsets=[(l, 1.0) for l in range(L + 1)],
            offset_transform=blended_transform_factory(self._layers, ax.transAxes),
            transform=Affine2D().scale(1 / 72) + self.fig.dpi_scale_trans,
            facecolors="black", edgecolors="none", linewidths=0, zorder=4)
        ax.add_collection(self.layer_outlines, autolim=False)
        self.layer_outlines.set_clip_on(False)
        self._artists = artists + [self.layer_outlines]

    # --- data: on every update ---------------------------------------------------------

    def update(self, net, trace=None, grads=None, show=None, highlight=None):
        """Show new values; artists change in place (rebuilt only when ``net.sizes`` changes).

        Parameters are those of :func:`backprop_lab.plots.draw_network`;
        ``show=None`` keeps the current choice. Does not redraw the canvas.
        """
        if show is not None and _check_show(show) != self.show:
            self.show = show
            self.colorbar.set_label(_SHOW[show], fontsize=LABEL)
        if net.sizes != self.sizes:
            self._build(net)
        L = net.n_layers
        if highlight is not None and not 0 <= highlight < L:
            raise ValueError(f"highlight must be a weight layer from 0 to {L - 1} or None, got {highlight}")
        if trace is not None and [len(_first_row(o)) for o in trace.outputs] != list(net.sizes):
            raise ValueError(f"trace does not fit a network of sizes {net.sizes}")
        if self.show == "weights":
            w, b = net.weights, net.biases
        elif grads is not None:
            w, b = grads.weights, grads.biases
        else:
            w = b = None

        if w is None:  # gradients not computed yet: grey edges, white neurons
            self.edges.set_visible(False)
            values = None
            face = np.ones((len(self._layer_of_neuron), 4))
        else:
            values = np.concatenate([a.ravel() for a in w])
            biases = np.concatenate([a.ravel() for a in b])
            if values.size != len(self._edge_layer) or biases.size != sum(net.sizes[1:]):
                raise ValueError(f"grads do not fit a network of sizes {net.sizes}")
            m = nice_limit(max(np.max(np.abs(values)), np.max(np.abs(biases))))
            # The scale follows the values up at once, down only when they fit a fifth of it: a new scale
            # redraws a live figure in full, and while training the gradients shrink a little every step.
            if m > self.norm.vmax or m <= self.norm.vmax / 5 or not self._scaled:
                self._scaled = True
                self.edges.set_clim(-m, m)
                self.colorbar.set_ticks([-m, 0.0, m])
            m = self.norm.vmax
            widths = 1.0 + 6.0 * np.minimum(np.abs(values) / m, 1.0)
            if highlight is not None:
                widths = np.where(self._edge_layer == highlight, widths * 1.6, widths)
            self.edges.set_array(values)
            self.edges.set_linewidths(widths)
            self.edges.set_visible(True)
            face = np.vstack([np.tile([0.88, 0.88, 0.88, 1.0], (net.sizes[0], 1)), CMAP(self.norm(biases))])
        self.neurons.set_facecolors(face)
        receiving = self._layer_of_neuron == (-1 if highlight is None else highlight + 1)
        self.neurons.set_linewidths(np.where(receiving, 3.5, 1.2))
        if highlight is None:
            self.band.set_visible(False)
        else:
            self.band.set_bounds(highlight + 0.3, 0.0, 1.15, 1.0)
            self.band.set_visible(True)

        dark = (face[:, :3] @ [0.299, 0.587, 0.114]) < 0.5
        self.numbers.set_facecolors(np.where(dark[:, None], [1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 1.0]))
        for number, d in zip((t for row in self.number_texts for t in row), dark):
            number.set_color("white" if d else "black")
        self._write_texts(net, trace, grads)
        for k, label in enumerate(self.edge_texts):
            label.set_text("" if values is None else fmt(values[k]))
            label.set_visible(values is not None)
        return self

    def _write_texts(self, net, trace, grads):
        ids, L = self._ids, net.n_layers
        deltas = None
        if grads is not None and all(d.ndim == 1 for d in grads.deltas):
            deltas = grads.deltas  # a batch's δ are per sample (and carry 1/B): not written
        for l in range(L + 1):
            if not self._detail[l]:
                continue
            o = None if trace is None else _first_row(trace.outputs[l])
            net_in = None if trace is None or l == 0 else _first_row(trace.nets[l - 1])
            for j, n in enumerate(ids[l]):
                if o is None:
                    node = ""
                elif l == 0:
                    node = f"o{sub(n)} = {fmt(o[j])}"
                else:
                    node = f"net{sub(n)} = {fmt(net_in[j])}\no{sub(n)} = {fmt(o[j])}"
                _set(self.node_texts[l][j], node)
                if l > 0:
                    _set(self.bias_texts[l - 1][j], f"b{sub(n)} = {fmt(net.biases[l - 1][j])}")
                    delta = "" if deltas is None else f"δ{sub(n)} = {fmt(deltas[l - 1][j])}"
                    _set(self.delta_texts[l - 1][j], delta)


def _set(text, value):
    text.set_text(value)
    text.set_visible(bool(value))


def _check_show(show):
    if show not in _SHOW:
        raise ValueError(f"show must be 'weights' or 'gradients', got {show!r}")
    return show
