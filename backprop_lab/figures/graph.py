"""A computational graph of :class:`~backprop_lab.autodiff.Value` nodes, and a walk through its backward pass.

Every value is a box with its label, its data and its gradient; every
operation is a small node of its own between its operands and its result.
The graph runs left to right (see ``_graph_layout`` for where each node
goes); a long graph wraps into bands, top to bottom.

``GraphFigure.step()`` walks the backward pass in reverse topological
order: the node whose gradient is complete at that step is outlined in
orange, the edges that brought its shares are orange with each share
written on them, and gradients not yet reached read "grad ?".
"""

import textwrap

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .. import presenter
from .._format import fmt as _fmt
from ..autodiff import Value, topological_order
from ..autodiff_steps import backward_steps
from ._graph_layout import layout_graph
from ._style import LABEL, TEXT

__all__ = ["GraphFigure", "draw_graph", "op_symbol", "step_backward"]

#: Room in inches: a value column, an operation column, a row.
VALUE_W, OP_W, ROW_H = 1.55, 0.6, 1.0
_BOX_W, _OP_H = 1.35, 0.42
_HOT, _DONE, _TODO = "#e66100", "#222222", "#9a9a9a"
_SUPER = str.maketrans("0123456789-.", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻·")


def fmt(value):
    """A number as the graph writes it: 4 significant digits, a real minus sign."""
    return _fmt(value, 4, minus="−")


def op_symbol(op):
    """How an operation node is written: ``"**2"`` as ``"x²"``, ``"**-1"`` as ``"x⁻¹"``, others as they are.

    >>> op_symbol("**2"), op_symbol("**-1"), op_symbol("**0.5"), op_symbol("σ")
    ('x²', 'x⁻¹', 'x^0.5', 'σ')
    """
    if not op.startswith("**"):
        return op
    n = op[2:]
    return "x" + n.translate(_SUPER) if n.lstrip("-").isdigit() else f"x^{n}"


class GraphFigure:
    """Handle of :func:`~backprop_lab.figures.draw_graph` and :func:`~backprop_lab.figures.step_backward`.

    Attributes
    ----------
    fig, ax
    root : Value
        The output.
    values : list of Value
        Every node, in topological order.
    boxes : dict of int to FancyBboxPatch
        The box of each value, by ``id(value)``.
    grad_texts, data_texts : dict of int to Text
    op_nodes : dict of int to FancyBboxPatch
        The operation node that made each computed value, by ``id(value)``.
    edges : dict of (str, int, int) to FancyArrowPatch
        As in ``GraphLayout.edges``: ``("in", id(operand), id(value))`` and ``("op", id(v), id(v))``.
    share_texts : dict of (str, int, int) to Text
        The share written on an "in" edge while its step is shown.
    caption : Text
        What the current step computes.
    steps : list of Step or None
        The backward pass, when made by ``step_backward``.
    position : int
        The step shown: −1 before the first, ``len(steps) − 1`` at the end.
    """

    def __init__(self, root, ax=None, max_columns=5, steps=None):
        if not isinstance(root, Value):
            raise TypeError(f"root must be a backprop_lab.autodiff.Value, got {type(root).__name__}")
        if max_columns is not None and (
            isinstance(max_columns, bool) or not isinstance(max_columns, int) or max_columns < 2
        ):
            raise ValueError(f"max_columns must be a whole number >= 2 or None, got {max_columns!r}")
        self.root, self.steps, self.position = root, steps, -1
        self.values = topological_order(root)
        lay = layout_graph(self.values, VALUE_W, OP_W, max_columns)
        ys = [y for _, y in list(lay.value_xy.values()) + list(lay.carried.values())]
        top, bottom = -0.55, max(ys) + 0.55 + (0.75 if steps is not None else 0.0)  # room for the caption
        size = (lay.width + VALUE_W / 2 + 0.1, (bottom - top) * ROW_H)
        if ax is None:
            import matplotlib.pyplot as plt  # pyplot, so that ipympl shows the new figure

            self.fig, self.ax = plt.subplots(figsize=size, dpi=presenter.dpi())
            self.ax.set_position([0, 0, 1, 1])
        else:
            self.fig, self.ax = ax.figure, ax
        ax = self.ax
        ax.set_xlim(-VALUE_W / 2 - 0.05, lay.width + 0.05)
        ax.set_ylim(bottom, top)  # rows count downwards
        ax.set_axis_off()
        self.boxes, self.grad_texts, self.data_texts, self.op_nodes = {}, {}, {}, {}
        for v in self.values:
            self._value_box(v, lay.value_xy[id(v)])
            if v.operands:
                self._op_node(v, lay.op_xy[id(v)])
        carried = {key: self._carried_box(key[0], xy) for key, xy in lay.carried.items()}
        self.edges, self.share_texts = {}, {}
        for kind, a, b in lay.edges:
            if kind == "op":
                patch_a, patch_b = self.op_nodes[a], self.boxes[b]
            else:
                band = lay.band_of[b]
                patch_a, patch_b = carried.get((a, band), self.boxes[a]), self.op_nodes[b]
            (xa, ya), (xb, yb) = _centre(patch_a), _centre(patch_b)
            # Ends on the outlines, computed once: clipping to the patches at every draw would cost
            # most of a live walk's frame.
            start, end = _leave(patch_a, (xa, ya), (xb, yb)), _leave(patch_b, (xb, yb), (xa, ya))
            arrow = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14, lw=1.4, color=_TODO,
                                    shrinkA=1, shrinkB=1, zorder=1)
            self.edges[(kind, a, b)] = ax.add_patch(arrow)
            if kind == "in":
                self.share_texts[(kind, a, b)] = ax.text(  # just above the operation node, between two rows
                    xb - 0.1,
                    yb - 0.36,
                    "",
                    ha="center",
                    va="center",
                    fontsize=TEXT,
                    color=_HOT,
                    fontweight="bold",
                    zorder=4,
                    bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.9),
                )
        self.caption = ax.text(-VALUE_W / 2 + 0.05, bottom - 0.7, "", ha="left", va="top", fontsize=LABEL)
        if steps is None:
            self.show_all()
        else:
            self.show_step(-1)

    # -- drawing the nodes --------------------------------------------------------

    def _value_box(self, v, xy):
        x, y = xy
        lines = [v.label] if v.label else []
        h = 0.42 + 0.22 * len(lines)
        box = FancyBboxPatch(
            (x - _BOX_W / 2, y - h / 2),
            _BOX_W,
            h,
            boxstyle="round,pad=0.02,rounding_size=0.08",
            facecolor="#eef3fb" if not v.operands else "white",
            edgecolor=_DONE,
            lw=1.3,
            zorder=2,
        )
        self.boxes[id(v)] = self.ax.add_patch(box)
        top = y - h / 2 + 0.13
        if v.label:
            self.ax.text(
                x, top + 0.02, v.label, ha="center", va="center", fontsize=LABEL, fontweight="bold", zorder=3
            )
            top += 0.22
        self.data_texts[id(v)] = self.ax.text(
            x, top + 0.02, f"data {fmt(v.data)}", ha="center", va="center", fontsize=TEXT, zorder=3
        )
        self.grad_texts[id(v)] = self.ax.text(
            x, top + 0.24, "", ha="center", va="center", fontsize=TEXT, zorder=3
        )

    def _op_node(self, v, xy):
        x, y = xy
        symbol = op_symbol(v.op)
        w = max(_OP_H, 0.16 + 0.11 * len(symbol))
        node = FancyBboxPatch(
            (x - w / 2, y - _OP_H / 2),
            w,
            _OP_H,
            boxstyle=f"round,pad=0,rounding_size={_OP_H / 2}",
            facecolor="#f4f4f4",
            edgecolor=_DONE,
            lw=1.2,
            zorder=2,
        )
        self.op_nodes[id(v)] = self.ax.add_patch(node)
        self.ax.text(x, y, symbol, ha="center", va="center", fontsize=LABEL, zorder=3)

    def _carried_box(self, key, xy):
        """A dashed copy of a value from an earlier band, where a later band uses it."""
        v = next(u for u in self.values if id(u) == key)
        x, y = xy
        box = FancyBboxPatch(
            (x - _BOX_W / 2, y - 0.21),
            _BOX_W,
            0.42,
            boxstyle="round,pad=0.02,rounding_size=0.08",
            facecolor="none",
            edgecolor=_TODO,
            lw=1.2,
            ls="--",
            zorder=2,
        )
        self.ax.add_patch(box)
        name = v.label or fmt(v.data)  # the number, where the value has no name
        self.ax.text(
            x, y, f"{name} (above)", ha="center", va="center", fontsize=TEXT, color="#555555", zorder=3
        )
        return box

    # -- what is shown --------------------------------------------------------------

    def _paint(self, filled, hot=None, shares=()):
        for v in self.values:
            done = id(v) in filled
            self.grad_texts[id(v)].set_text(f"grad {fmt(filled[id(v)])}" if done else "grad ?")
            self.grad_texts[id(v)].set_color(_DONE if done else _TODO)
            is_hot = hot is not None and v is hot
            self.boxes[id(v)].set_edgecolor(_HOT if is_hot else _DONE)
            self.boxes[id(v)].set_linewidth(3.2 if is_hot else 1.3)
        hot_edges = {("in", id(hot), id(u)): share for u, share in shares} if hot is not None else {}
        for key, arrow in self.edges.items():
            arrow.set_color(_HOT if key in hot_edges else _TODO)
            arrow.set_linewidth(2.6 if key in hot_edges else 1.4)
        for key, text in self.share_texts.items():
            share = hot_edges.get(key)
            text.set_text("" if share is None else fmt(share))

    def show_all(self):
        """Every value's current ``.grad``, nothing highlighted."""
        self.position = -1 if self.steps is None else len(self.steps) - 1
        self._paint({id(v): v.grad for v in self.values})
        self.caption.set_text("")
        return self

    def show_step(self, k):
        """Show the backward pass after `k` + 1 steps (k = −1: before it starts)."""
        if self.steps is None:
            raise ValueError(
                "this graph has no steps: make it with step_backward(root) to walk the backward pass"
            )
        n = len(self.steps)
        if isinstance(k, bool) or not isinstance(k, int) or not -1 <= k < n:
            raise ValueError(f"k must be a step from -1 to {n - 1}, got {k!r}")
        self.position = k
        if k == -1:
            self._paint({})
            self.caption.set_text(
                f"Forward pass done: every data is known. The backward pass takes {n} steps."
            )
            return self
        step = self.steps[k]
        self._paint({id(s.node): s.grad for s in self.steps[: k + 1]}, step.node, step.shares)
        caption = f"step {k + 1} of {n}: " + _sentence(step, self.root)
        self.caption.set_text(
            textwrap.fill(caption, max(30, int(self.fig.get_figwidth() * 72 / (0.58 * LABEL))))
        )
        return self

    def step(self):
        """Advance one step of the backward pass and return it (None when the pass is complete)."""
        if self.steps is None:
            raise ValueError(
                "this graph has no steps: make it with step_backward(root) to walk the backward pass"
            )
        if self.position + 1 >= len(self.steps):
            return None
        self.show_step(self.position + 1)
        return self.steps[self.position]


def _centre(patch):
    return patch.get_x() + patch.get_width() / 2, patch.get_y() + patch.get_height() / 2


def _inside(patch, x, y):
    """Whether (x, y) lies inside the rounded box `patch` draws (its pad and rounded corners included)."""
    style = patch.get_boxstyle()
    pad, r = style.pad, style.rounding_size
    x0, y0 = patch.get_x() - pad, patch.get_y() - pad
    x1, y1 = patch.get_x() + patch.get_width() + pad, patch.get_y() + patch.get_height() + pad
    r = min(r, (x1 - x0) / 2, (y1 - y0) / 2)
    dx = x - min(max(x, x0 + r), x1 - r)  # how far outside the box shrunk by r
    dy = y - min(max(y, y0 + r), y1 - r)
    return dx * dx + dy * dy <= r * r


def _leave(patch, inner, outer):
    """Where the segment from `inner` (inside `patch`) towards `outer` crosses the patch's outline."""
    (xa, ya), (xb, yb) = inner, outer
    lo, hi = 0.0, 1.0
    if _inside(patch, xb, yb):
        return inner
    for _ in range(40):  # bisection: the box is convex
        mid = (lo + hi) / 2
        if _inside(patch, xa + mid * (xb - xa), ya + mid * (yb - ya)):
            lo = mid
        else:
            hi = mid
    return xa + lo * (xb - xa), ya + lo * (yb - ya)


def _name(v):
    """How a caption names a value: its label, else "the × result", else its number."""
    return v.label or (f"the {op_symbol(v.op)} result" if v.op else fmt(v.data))


def _sentence(step, root):
    """The caption of a step: where the node's gradient comes from."""
    out = root.label or "the output"
    if not step.shares:
        return f"∂{out}/∂{out} = 1: the backward pass starts at the output"
    parts = [f"{fmt(s)} (from {_name(u)})" for u, s in step.shares]
    if step.earlier:
        parts.insert(0, f"{fmt(step.earlier)} (from an earlier backward pass)")
    fork = f"; {len(step.shares)} uses, so the shares add" if len(step.shares) > 1 else ""
    return f"grad of {_name(step.node)} = {' + '.join(parts)} = {fmt(step.grad)}{fork}"


def draw_graph(root, ax=None, max_columns=5):
    """Draw the graph that computed `root`, with every value's data and current gradient."""
    return GraphFigure(root, ax=ax, max_columns=max_columns)


def step_backward(root, ax=None, max_columns=5):
    """Run ``root``'s backward pass and draw it, ready to be walked with ``.step()``."""
    if not isinstance(root, Value):
        raise TypeError(f"root must be a backprop_lab.autodiff.Value, got {type(root).__name__}")
    return GraphFigure(root, ax=ax, max_columns=max_columns, steps=backward_steps(root))
