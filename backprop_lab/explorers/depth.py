"""Notebook 06's explorer: gradient norms per layer through depth, activation, weight scale and clipping."""

from .. import datasets, figures
from .._format import fmt
from ..network import Network
from ..passes import backward, forward
from .base import Explorer, dropdown, int_slider, slider, table

__all__ = ["depth_explorer"]


def depth_explorer(seed=0):
    """Per-layer gradient norms of a deep network, on a log scale.

    Controls: the number of hidden layers (1-10, 8 neurons each), their
    activation (the output neuron is always a sigmoid, so that every network
    answers 0/1 targets on the same scale), a factor on the initial weights
    (large factors make gradients explode), and gradient clipping by value or
    by norm, applied to the bars shown.

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
        "clip": dropdown("clipping", ["none", "by value", "by norm"], "none"),
        "c": slider("threshold c", 1.0, 0.01, 5.0, step=0.01, fmt=".2f"),
    }
    fig, ax = figures.new_figure(width=6.4, height=4.0)
    bars = figures.plot_grad_norms([1.0] * 6, ax=ax, slots=11)  # up to 10 hidden layers: 11 weight layers

    def refresh(v):
        net = Network([2] + [8] * v["depth"] + [1], activation=[v["activation"]] * v["depth"] + ["sigmoid"],
                      seed=seed).scaled(v["scale"])
        grads = backward(net, forward(net, X), Y)
        if v["clip"] != "none":
            grads = grads.clipped(v["clip"].split()[-1], v["c"])
        norms = grads.norms()
        bars.update(norms)
        ratio = norms[0] / norms[-1] if norms[-1] > 0 else float("inf")
        return table([(f"layer {l + 1}", n) for l, n in enumerate(norms)], ["weight layer", "‖∂E/∂W‖"],
                     note=f"first / last layer: {fmt(ratio, 3)}")

    return Explorer(controls, fig, refresh, title="Gradient norms through depth", handles={"bars": bars})
