"""Notebook 06's explorer: gradient norms per layer through depth, activation, weights, loss, clipping."""

from .. import datasets, figures
from .._format import fmt
from ..network import Network
from ..passes import backward, forward
from .base import Explorer, dropdown, int_slider, slider, table

__all__ = ["LOSS_CHOICES", "depth_explorer"]

#: The losses the depth explorer offers: label -> name in ``LOSSES``.
LOSS_CHOICES = [("½ squared error", "half_sse"), ("cross-entropy", "cross_entropy")]


def _ratio(norms):
    """First layer's norm over the last layer's, as text (the last may be exactly 0)."""
    if norms[-1] > 0:
        return fmt(norms[0] / norms[-1], 3)
    return "undefined (the last layer's is exactly 0)"


def depth_explorer(seed=0):
    """Per-layer gradient norms of a deep network, on a log scale.

    Controls: the number of hidden layers (1-10, 8 neurons each) and their
    activation; the output neuron is always a sigmoid, so that every network
    answers the 0/1 targets of the circles on the same scale (a ReLU output
    would give outputs far above 1, and gradients that measure that error,
    not depth). A factor on the initial weights; the loss (with ½ squared
    error a saturated output neuron has f'(net) ≈ 0 and stops every gradient;
    with cross-entropy its δ is o − T, so what large weights do to the layers
    below shows); and clipping by value or by norm, applied to the bars shown.

    The table gives ‖∂E/∂W‖ and ‖δ‖ for every layer; the note, how much
    larger the first layer's are than the last layer's.

    Returns
    -------
    Explorer
        ``handles["bars"]`` is the :class:`~backprop_lab.figures.GradNormBars`.
    """
    X, Y = datasets.circles(100, noise=0.1, seed=seed)
    controls = {
        "depth": int_slider("hidden layers", 5, 1, 10),
        "activation": dropdown("hidden f", ["sigmoid", "tanh", "relu"], "sigmoid"),
        "scale": slider("weight ×", 1.0, 0.25, 6.0, step=0.25, fmt=".2f"),
        "loss": dropdown("loss", LOSS_CHOICES, "half_sse"),
        "clip": dropdown("clipping", ["none", "by value", "by norm"], "none"),
        "c": slider("threshold c", 1.0, 0.01, 5.0, step=0.01, fmt=".2f"),
    }
    fig, ax = figures.new_figure(width=6.4, height=4.0)
    bars = figures.plot_grad_norms([1.0] * 6, ax=ax, slots=11)  # up to 10 hidden layers: 11 weight layers

    def refresh(v):
        net = Network([2] + [8] * v["depth"] + [1], activation=[v["activation"]] * v["depth"] + ["sigmoid"],
                      seed=seed).scaled(v["scale"])
        grads = backward(net, forward(net, X), Y, loss=v["loss"])
        if v["clip"] != "none":
            grads = grads.clipped(v["clip"].split()[-1], v["c"])
        norms, delta_norms = grads.norms(), grads.delta_norms()
        bars.update(norms)
        rows = [(f"layer {l + 1}", n, d) for l, (n, d) in enumerate(zip(norms, delta_norms))]
        note = f"first / last layer: ‖∂E/∂W‖ {_ratio(norms)}, ‖δ‖ {_ratio(delta_norms)}"
        return table(rows, ["weight layer", "‖∂E/∂W‖", "‖δ‖"], note=note, rows_up_to=11)  # 10 hidden layers

    return Explorer(controls, fig, refresh, title="Gradient norms through depth", handles={"bars": bars})
