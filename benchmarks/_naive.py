"""The naive way, shared by the benchmarks: ``interact`` with the inline backend, a new figure per move.

This is how a notebook without the package's explorers would show the worked
example (notebook 02): every slider move calls ``show``, which builds the
two-panel figure from scratch, and the inline backend turns it into a PNG
(``bbox_inches="tight"``, which draws the figure twice). bench_browser_latency.py
runs ``SOURCE`` in a notebook; bench_widgets.py times ``show`` in the kernel's
way (:func:`inline_png`).
"""

__all__ = ["SOURCE", "inline_png"]

# A notebook cell; `show` is also exec'd by bench_widgets.py.
SOURCE = """\
import matplotlib.pyplot as plt
from ipywidgets import FloatSlider, interact

import backprop_lab as bl


def slider(description, value, lo, hi):
    return FloatSlider(value=value, min=lo, max=hi, step=0.01, description=description,
                       continuous_update=True)


def show(o1, T, w21, b2, w32, b3):
    net = bl.Network.from_weights([[[w21]], [[w32]]], [[b2], [b3]])
    trace = bl.forward(net, [o1])
    grads = bl.backward(net, trace, [T])
    fig, (ax_net, ax_curve) = plt.subplots(1, 2, figsize=(9.2, 3.9), dpi=100)
    bl.figures.draw_network(net, trace, grads, show="gradients", ax=ax_net)
    bl.figures.plot_loss_vs_weight(net, [o1], [T], 1, 0, 0, span=2.0, ax=ax_curve)
    plt.show()


if __name__ != "__bench__":
    interact(show, o1=slider("o1", 0.2, -2, 2), T=slider("T", 0.7, 0, 1), w21=slider("w21", 0.2, -2, 2),
             b2=slider("b2", 0.1, -2, 2), w32=slider("w32", 0.3, -2, 2), b3=slider("b3", 0.1, -2, 2));
"""


def inline_png(fig):
    """The PNG the inline backend makes of `fig` when it is shown (IPython's formatter, tight bbox)."""
    from IPython.core.pylabtools import print_figure

    return print_figure(fig, "png", bbox_inches="tight", base64=False)
