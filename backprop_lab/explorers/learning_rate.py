"""Notebook 05's explorer: one linear neuron trained with three learning rates side by side."""

from .. import datasets, figures
from .._format import fmt
from ..network import Network
from ..optim import ExponentialDecay, StepDecay
from ..train import Trainer
from .base import Explorer, dropdown, slider, table

__all__ = ["SCHEDULES", "learning_rate_explorer"]

#: The schedules offered by the learning-rate explorer.
SCHEDULES = {"constant": None, "step decay": StepDecay(drop=0.5, every=15),
             "exponential decay": ExponentialDecay(gamma=0.95)}


def learning_rate_explorer(lrs=(0.05, 0.8, 2.5), epochs=60):
    """One linear neuron fitting a line, trained with three learning rates side by side.

    The same data and the same start for all three. A linear neuron is used
    because its loss is unbounded: a learning rate that is too big makes
    every step overshoot further, and the run stops as diverged (its panel
    says so). A schedule (step or exponential decay) applies to all three.

    Returns
    -------
    Explorer
        ``handles["curves"]``: one :class:`~backprop_lab.figures.LossCurve` per panel.
    """
    X, Y = datasets.line()
    controls = {f"lr{k}": slider(f"η {name}", value, 0.01, 3.0, step=0.01, fmt=".2f")
                for k, (name, value) in enumerate(zip(("small", "medium", "large"), lrs))}
    controls["schedule"] = dropdown("schedule", list(SCHEDULES), "constant")
    fig, axes = figures.new_figure(ncols=3, width=3.4, height=3.2, sharey=True)
    curves = [figures.plot_loss_curve([], ax=ax) for ax in axes]
    start = Network.from_weights([[[0.0]]], [[0.0]], activation="linear")
    cache = {}

    def run(lr, schedule):
        if (lr, schedule) not in cache:  # only the run whose η changed is recomputed
            cache[(lr, schedule)] = Trainer(start, X, Y, lr=lr, schedule=SCHEDULES[schedule]).run(epochs)
        return cache[(lr, schedule)]

    def refresh(v):
        rows = []
        for k, (curve, ax) in enumerate(zip(curves, axes)):
            history = run(v[f"lr{k}"], v["schedule"])
            diverged = f"diverged in epoch {history.epochs + 1}" if history.diverged else None
            curve.update(history.losses, message=diverged)
            ax.set_title(f"η = {fmt(v[f'lr{k}'])}")
            end = "diverged" if history.diverged else fmt(history.losses[-1])
            rows.append((f"η = {fmt(v[f'lr{k}'])}", end))
        return table(rows, ["run", f"E after {epochs} epochs"])

    return Explorer(controls, fig, refresh, title="Three learning rates, one start",
                    handles={"curves": curves})
