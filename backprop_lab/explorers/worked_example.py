"""Notebook 02's explorer: the 1-1-1 network of "Understanding Backpropagation in Deep Learning
Networks", every number of one training step live, and the derivation written out beside it."""

from .. import examples, figures
from ..explain import explain
from ..network import Network
from ..passes import backward, forward
from .base import Explorer, live_derivation, slider, table
from .tables import network_tables

__all__ = ["worked_example_explorer"]


def worked_example_explorer(**start):
    """The 1-1-1 chain (``examples.CHAIN``) with sliders for o1, T, w21, b2, w32, b3 and η.

    Top: the network with every o and δ, edges coloured by ∂E/∂w. Below: E
    against w32 with the tangent whose slope is ∂E/∂w32. Beside the figure,
    the derivation of :func:`~backprop_lab.explain` -- every formula with the
    current numbers put in -- rebuilt on every slider move. Below, every
    number of the forward pass, the backward pass and the update.

    Parameters
    ----------
    **start
        Starting values for any of ``o1, T, w21, b2, w32, b3, lr``.

    Returns
    -------
    Explorer
        ``handles["diagram"]`` and ``handles["curve"]`` are the plot handles;
        ``derivation`` is the HTML widget with the derivation.
    """
    ex = examples.CHAIN
    v0 = dict(o1=ex.x[0], T=ex.T[0], w21=ex.weights[0][0][0], b2=ex.biases[0][0],
              w32=ex.weights[1][0][0], b3=ex.biases[1][0], lr=ex.lr)
    unknown = set(start) - set(v0)
    if unknown:
        raise TypeError(
            f"worked_example_explorer() got unknown start values {sorted(unknown)}; expected {list(v0)}"
        )
    v0.update(start)
    controls = {
        "o1": slider("o₁ (input)", v0["o1"], -2, 2),
        "T": slider("T (target)", v0["T"], 0, 1),
        "w21": slider("w₂,₁", v0["w21"], -2, 2),
        "b2": slider("b₂ = w₂,₀", v0["b2"], -2, 2),
        "w32": slider("w₃,₂", v0["w32"], -2, 2),
        "b3": slider("b₃ = w₃,₀", v0["b3"], -2, 2),
        "lr": slider("η", v0["lr"], 0.01, 2, step=0.01, fmt=".2f"),
    }
    # One panel above the other, so that the derivation fits beside them.
    fig, (ax_net, ax_curve) = figures.new_figure(nrows=2, width=4.8, height=3.5)

    def network(v):
        return Network.from_weights([[[v["w21"]]], [[v["w32"]]]], [[v["b2"]], [v["b3"]]])

    net0 = network(v0)
    trace0 = forward(net0, [v0["o1"]])
    # The numbers are in the tables below the figure: as text on it they would cost most of each redraw.
    diagram = figures.draw_network(net0, trace0, backward(net0, trace0, [v0["T"]]), show="gradients",
                                   ax=ax_net, values=False)
    curve = figures.plot_loss_vs_weight(net0, [v0["o1"]], [v0["T"]], 1, 0, 0, span=2.0, ax=ax_curve,
                                        values=False)

    derivation, derivation_css = live_derivation()

    def refresh(v):
        net = network(v)
        d = explain(net, [v["o1"]], [v["T"]], v["lr"])  # forward, backward, update and check, written out
        diagram.update(net, d.trace, d.grads)
        curve.update(net, [v["o1"]], [v["T"]])
        verdict = "went down ✓" if d.loss_after < d.loss_before else "did not go down"
        numbers = network_tables(net, d.trace, d.grads, d.new_net, v["lr"]) + table(
            [("E before the update", d.loss_before), ("E after the update", d.loss_after)],
            note=f"One step of gradient descent: E {verdict}.",
        )
        return numbers, {derivation: d.to_html(style=False)}  # its style is sent once, by the explorer

    explorer = Explorer(controls, fig, refresh, title="The 1-1-1 network, live",
                        handles={"diagram": diagram, "curve": curve}, side=derivation,
                        css=derivation_css)
    explorer.derivation = derivation
    return explorer
