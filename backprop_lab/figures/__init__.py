"""Figures of networks, losses and gradients, with handles that update in place.

This subpackage holds all of the package's matplotlib code, and it is the only
place that knows ipympl (``_backend.py``). It knows nothing of widgets.

Every function draws on `ax` (or on a new figure, made with ``plt.subplots``
so that ipympl shows it) and returns a small handle holding the artists.
A handle's ``update(...)`` changes the artists' data in place -- it never
redraws; the caller runs ``handle.fig.canvas.draw_idle()`` (the explorers use
a :class:`~backprop_lab.figures.blit.Blitter`). Updates are cheap enough to
run at every slider event. Nothing here changes rcParams or reads global
state; fonts are at least 11 pt so that projected figures stay readable.

One module per kind of figure: ``diagram`` (the network), ``curves`` (loss
per epoch), ``slope`` (E against one weight), ``boundary`` (decision
boundary), ``bars`` (gradient norms), ``comparison`` (runs side by side: grouped
bars, loss curves), ``graph`` (a computational graph of ``autodiff.Value``
nodes and a walk through its backward pass), ``conv`` (signals, 1-D filters,
a convolution as a dense matrix), ``conv_slide`` (a filter slid along a
signal), ``matrices`` (a matrix product as grids of numbers), ``cost`` (what
a gradient costs by finite differences and by backpropagation); ``blit``
redraws live figures fast.

>>> import matplotlib.pyplot as plt
>>> curve = plot_loss_curve([0.5, 0.25, 0.125])
>>> curve.line.get_ydata().tolist()
[0.5, 0.25, 0.125]
>>> plt.close(curve.fig)
"""

import matplotlib.pyplot as plt

from .. import presenter
from ._backend import live_canvas, route_to_main_shell
from .bars import GradNormBars
from .blit import Blitter
from .boundary import DecisionBoundary
from .comparison import GroupedBars, TrainingComparison
from .conv import ConvMatrix, FilterBars, SignalGrid, plot_conv_matrix, plot_filters, plot_signals
from .conv_slide import ConvSlide, plot_conv_slide
from .cost import CostFigure, plot_gradient_cost
from .curves import LossCurve, LossCurves
from .diagram import NetworkDiagram
from .graph import GraphFigure, draw_graph, step_backward
from .matrices import MatrixProduct, plot_matrix_product
from .regions import ClassRegions, plot_class_regions
from .slope import LossVsWeight
from .validation import ValidationCurves, plot_validation_curves

__all__ = [
    "Blitter", "ConvMatrix", "ConvSlide", "CostFigure", "DecisionBoundary", "FilterBars", "GradNormBars",
    "GraphFigure", "GroupedBars", "LossCurve", "LossCurves", "LossVsWeight", "MatrixProduct",
    "NetworkDiagram", "SignalGrid", "TrainingComparison", "draw_graph", "draw_network", "freeze_layout",
    "live_canvas", "new_figure", "plot_conv_matrix", "plot_conv_slide", "plot_decision_boundary",
    "plot_filters", "plot_grad_norms", "plot_gradient_cost", "plot_grouped_bars", "plot_loss_curve",
    "plot_loss_curves", "plot_loss_vs_weight", "plot_matrix_product", "plot_signals",
    "plot_training_comparison", "route_to_main_shell", "step_backward",
    "ClassRegions", "ValidationCurves", "plot_class_regions", "plot_validation_curves",
]


def new_figure(ncols=1, width=5.0, height=4.0, nrows=1, **kwargs):
    """A figure for an explorer: built with interactive mode off, so it shows only inside its explorer.

    Parameters
    ----------
    ncols : int
        Panels side by side.
    width, height : float
        Inches per panel (the resolution grows in presenter mode).
    nrows : int
        Panels one above the other.
    **kwargs
        Passed to ``plt.subplots`` (e.g. ``sharey=True``).

    Returns
    -------
    fig, axes
        As ``plt.subplots`` returns them.
    """
    with plt.ioff():
        fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows), dpi=presenter.dpi(),
                                 layout="constrained", **kwargs)
    route_to_main_shell(fig.canvas)  # see _backend: one thread for everything drawn on it
    return fig, axes


def freeze_layout(fig):
    """Lay `fig` out once (constrained layout) and keep it so: sliders then never move the axes.

    Constrained layout costs more than a whole redraw, so a live figure runs it
    once, without drawing (ipympl must make the first drawing itself).
    """
    fig.get_layout_engine().execute(fig)
    fig.set_layout_engine("none")


def draw_network(net, trace=None, grads=None, show="weights", ax=None, highlight=None, values=True):
    """Draw a network: neurons in columns (inputs left), one coloured line per weight.

    Neurons carry their number on the notation card (``net.neuron_ids()``: 1, 2, ... from
    the input). Each line's colour and width show w_{j,i} (``show="weights"``)
    or ∂E/∂w_{j,i} (``show="gradients"``) on a colour-blind-safe diverging
    scale centred at 0; a neuron's fill shows its bias b_j = w_{j,0} (or
    ∂E/∂b_j) on the same scale. Layers of at most 4 neurons, given room, also
    get text: net_j and o_j above each neuron (with `trace`), b_j and δ_j below
    (δ with single-sample `grads`). Networks of at most 12 weights and no
    crossing lines (like the 1-1-1 chain of "Understanding Backpropagation in
    Deep Learning Networks") get each value written on its line.

    Parameters
    ----------
    net : Network
    trace : Trace, optional
        From ``forward(net, x)``. For a batch, the first sample is written.
    grads : Gradients, optional
        From ``backward``. Needed for ``show="gradients"`` (without it the
        lines are grey). δ is written only for a single sample.
    show : {"weights", "gradients"}
    ax : matplotlib Axes, optional
        Where to draw; if None, a new figure sized to the network.
    highlight : int, optional
        A weight layer (0 = the first) to emphasise, with its receiving
        neurons: the step being computed by a forward or backward walk.
    values : bool
        Write the numbers (net, o, b, δ, edge values) on the figure. A live explorer passes False
        and shows them in its table: text is what costs most when a figure is redrawn at every step.

    Returns
    -------
    NetworkDiagram
        ``update(net, trace=None, grads=None, show=None, highlight=None)``
        changes it in place; a network of other sizes rebuilds its artists.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> from backprop_lab import Network
    >>> diagram = draw_network(Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]]))
    >>> diagram.edges.get_array().tolist(), diagram.number_texts[2][0].get_text()
    ([0.2, 0.3], '3')
    >>> plt.close(diagram.fig)
    """
    return NetworkDiagram(net, trace, grads, show=show, ax=ax, highlight=highlight, values=values)


# --- loss curves -------------------------------------------------------------------------


def plot_loss_curve(losses=(), ax=None, log=True, label=None):
    """The loss per epoch, on a log scale by default.

    Parameters
    ----------
    losses : array_like, shape (epochs,)
        E of epochs 1, 2, ...; the curve stops before a NaN or infinite value.
    ax : matplotlib Axes, optional
    log : bool
        A logarithmic y axis.
    label : str, optional
        A legend entry for the line.

    Returns
    -------
    LossCurve
        ``update(losses, message=None)``; `message` is shown on the axes, e.g.
        ``History.message`` when training diverged.
    """
    return LossCurve(losses, ax=ax, log=log, label=label)


def plot_loss_curves(curves, ax=None, log=True):
    """Several loss curves on one axes, with a legend.

    Parameters
    ----------
    curves : dict of str to array_like
        Label -> losses per epoch. Later updates use the same labels.

    Returns
    -------
    LossCurves
        ``update(curves, message=None)``.
    """
    return LossCurves(dict(curves), ax=ax, log=log)


# --- the loss as a function of one weight ----------------------------------------------------


def plot_loss_vs_weight(net, x, target, layer, j, i, loss="half_sse", span=1.0, ax=None, values=True):
    """E as a function of one weight, with the tangent at the current value.

    All other weights stay fixed (E comes from :func:`~backprop_lab.landscape.loss_along_weight`).
    The tangent's slope is ∂E/∂w from :func:`~backprop_lab.backward`; the labels
    name the weight with the neuron numbers of the notation card
    (``weights[1][0, 0]`` of a 1-1-1 network is w_{3,2}).

    Parameters
    ----------
    net : Network
    x, target : array_like
        One sample (or a batch: E is then the mean loss).
    layer, j, i : int
        The weight ``net.weights[layer][j, i]``; ``i="b"`` (or None) means
        the bias ``net.biases[layer][j]``.
    loss : str
        A name from :data:`~backprop_lab.LOSSES`.
    span : float
        The curve covers span on either side of w (re-centred only when w
        moves more than span / 2 from its centre, so the curve stays still
        while a slider moves w a little).
    ax : matplotlib Axes, optional
    values : bool
        Write the slope's value in the legend. A live explorer passes False and
        shows it in its table; the legend then stays the same and is drawn once.

    Returns
    -------
    LossVsWeight
        ``update(net, x, target)``.
    """
    return LossVsWeight(net, x, target, layer, j, i, loss=loss, span=span, ax=ax, values=values)


# --- decision boundary -------------------------------------------------------------------------


def plot_decision_boundary(net, X, Y, ax=None, resolution=80, contour=True, colorbar=None):
    """The network's output over the plane, with the data points on top.

    Parameters
    ----------
    net : Network
        Two inputs; the first output neuron is shown, on a scale from 0 to 1.
    X : array_like, shape (n, 2)
    Y : array_like, shape (n, 1) or (n,)
        Classes 0 and 1 (circles and triangles).
    ax : matplotlib Axes, optional
    resolution : int
        Grid points per side.
    contour : bool
        Draw the line where the output is 0.5 (it is redrawn on every update).
    colorbar : bool, optional
        A colour bar for the output; by default only on a figure of its own
        (not when `ax` is given, where panels are usually narrow).

    Returns
    -------
    DecisionBoundary
        ``update(net)``; ``set_points(X, Y)`` for new data.
    """
    return DecisionBoundary(net, X, Y, ax=ax, resolution=resolution, contour=contour, colorbar=colorbar)



# --- gradient norms per layer -----------------------------------------------------------


def plot_grad_norms(norms, ax=None, slots=None):
    """One bar per weight layer: the norm of ∂E/∂W, on a log scale.

    Parameters
    ----------
    norms : array_like, shape (n_layers,)
        E.g. ``Gradients.norms()`` or a row of ``History.grad_norms``.
    ax : matplotlib Axes, optional
    slots : int, optional
        Keep room for this many bars: the axis stays the same while the number
        of layers changes up to it (so a live figure redraws only the bars).

    Returns
    -------
    GradNormBars
        ``update(norms)``: heights change in place; a different number of
        layers removes the bars and draws new ones.
    """
    return GradNormBars(norms, ax=ax, slots=slots)


# --- training runs side by side ------------------------------------------------------------


def plot_training_comparison(histories, epoch=1, ax=None):
    """Loss curves of several runs (left) and their gradient norms per weight layer at one epoch (right).

    Parameters
    ----------
    histories : dict of str to History or ModelHistory
        Label -> a run from :func:`~backprop_lab.train` or :func:`~backprop_lab.models.fit`;
        every run records the same number of weight layers.
    epoch : int
        The epoch whose gradient norms the bars show (1 = the first, −1 = the last);
        a dotted line marks it on the loss curves.
    ax : pair of matplotlib Axes, optional
        (loss axes, norm axes); by default a new figure.

    Returns
    -------
    TrainingComparison
        ``show_epoch(epoch)`` moves the bars and the marker to another epoch in place.
    """
    return TrainingComparison(histories, epoch=epoch, ax=ax)


def plot_grouped_bars(values, ax=None, ylabel="", legend=True, shrink=True, slots=None):
    """One group of bars per layer, one bar per run, on a log scale (e.g. without and with batch norm).

    Parameters
    ----------
    values : dict of str to array_like
        Label -> one positive value per layer (every run the same number of layers).
    ax : matplotlib Axes, optional
    ylabel : str
    legend : bool
        A legend on the axes (one entry per run).
    shrink : bool
        Let the y axis shrink again when the bars fill less than half of it
        (False: it only grows, so a live figure keeps its axis and only redraws bars).
    slots : int, optional
        Room for this many layers: up to it, another number keeps the axis (a live figure redraws bars).

    Returns
    -------
    GroupedBars
        ``update(values)`` with the same labels: heights change in place; another
        number of layers rebuilds the bars.
    """
    return GroupedBars(values, ax=ax, ylabel=ylabel, legend=legend, shrink=shrink, slots=slots)
