"""Notebook 09's explorer: SGD, momentum and Adam from the same start, loss curves together."""

from .. import datasets, figures
from .._format import fmt
from ..network import Network
from ..train import Trainer, accuracy
from .base import Explorer, slider, table

__all__ = ["optimizer_explorer"]


def _epochs_text(n):
    return "not reached" if n is None else str(n)


def optimizer_explorer(epochs=300, seed=3, target=0.01):
    """SGD, momentum and Adam from the same start on the same data; one η slider each.

    The table gives each run's loss after `epochs` epochs, its accuracy, and how
    many epochs it took until the loss was below `target` (a fairer measure of
    speed than the last loss, as notebook 09 shows).

    Returns
    -------
    Explorer
        ``handles["curves"]`` is the :class:`~backprop_lab.figures.LossCurves`.
    """
    X, Y = datasets.moons(100, noise=0.15, seed=seed)
    controls = {
        "sgd": slider("η SGD", 1.0, 0.01, 5.0, step=0.01, fmt=".2f"),
        "momentum": slider("η momentum", 0.3, 0.01, 5.0, step=0.01, fmt=".2f"),
        "adam": slider("η Adam", 0.03, 0.001, 0.5, step=0.001, fmt=".3f"),
    }
    fig, ax = figures.new_figure(width=6.4, height=4.0)
    start = Network([2, 6, 1], activation=["tanh", "sigmoid"], seed=seed)
    curves = figures.plot_loss_curves({name: [] for name in controls}, ax=ax)
    cache = {}

    def run(name, lr):
        if (name, lr) not in cache:
            cache[(name, lr)] = Trainer(start, X, Y, lr=lr, optimizer=name).run(epochs)
        return cache[(name, lr)]

    def refresh(v):
        histories = {name: run(name, v[name]) for name in controls}
        curves.update({name: h.losses for name, h in histories.items()})
        rows = [(name, "diverged" if h.diverged else fmt(h.losses[-1]), f"{accuracy(h.network, X, Y):.0%}",
                 _epochs_text(h.epochs_to(target))) for name, h in histories.items()]
        header = ["optimizer", f"E after {epochs} epochs", "accuracy", f"epochs to E < {fmt(target)}"]
        return table(rows, header)

    return Explorer(controls, fig, refresh, title="SGD, momentum and Adam from the same start",
                    handles={"curves": curves})
