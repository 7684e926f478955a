"""Notebook 01's explorer: one sigmoid neuron and the three chain-rule factors of ∂E/∂w."""

from .. import examples, figures
from ..network import Network
from ..passes import chain_factors, forward
from .base import Explorer, slider, table

__all__ = ["single_neuron_explorer"]


def single_neuron_explorer(x=None, w=None, b=None, y=None):
    """One sigmoid neuron: z = w x + b, ŷ = σ(z), E = ½ (y − ŷ)² (z, ŷ, y are net, o, T).

    Sliders for x, w, b and y (defaults: ``examples.SIGMOID_NEURON``); the three
    chain-rule factors of ∂E/∂w and their product update live, beside E
    plotted against w with its tangent.

    Returns
    -------
    Explorer
        ``handles["curve"]`` is the :class:`~backprop_lab.figures.LossVsWeight`.
    """
    ex = examples.SIGMOID_NEURON
    x = ex.x[0] if x is None else x
    w = ex.weights[0][0][0] if w is None else w
    b = ex.biases[0][0] if b is None else b
    y = ex.T[0] if y is None else y
    controls = {
        "x": slider("x", x, -3, 3),
        "w": slider("w", w, -3, 3),
        "b": slider("b", b, -3, 3),
        "y": slider("y (target)", y, 0, 1),
    }
    fig, ax = figures.new_figure(width=6.0, height=4.2)

    def network(v):
        return Network.from_weights([[[v["w"]]]], [[v["b"]]])

    curve = figures.plot_loss_vs_weight(network({"w": w, "b": b}), [x], [y], 0, 0, 0, span=3.0, ax=ax,
                                        values=False)  # the slope's value is in the table

    def refresh(v):
        net = network(v)
        curve.update(net, [v["x"]], [v["y"]])
        trace = forward(net, [v["x"]])
        f = chain_factors(net, v["x"], v["y"])
        rows = [
            ("z = w·x + b", trace.nets[0][0]), ("ŷ = σ(z)", trace.output[0]), ("E = ½(y − ŷ)²", curve.E),
            ("① ∂E/∂ŷ = ŷ − y", f["dE_do"]), ("② ∂ŷ/∂z = ŷ(1 − ŷ)", f["do_dnet"]),
            ("③ ∂z/∂w = x", f["dnet_dw"]),
            ("∂E/∂w = ① · ② · ③", f["dE_dw"]), ("∂E/∂b = ① · ②", f["dE_db"]),
        ]
        return table(rows, ["quantity", "value"], note="The slope of the orange tangent is ∂E/∂w.")

    return Explorer(controls, fig, refresh, title="One neuron", handles={"curve": curve})
