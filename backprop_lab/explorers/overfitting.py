"""Notebook 11's explorer: a large network overfitting 30 noisy points live, and three cures."""

from .. import datasets, figures
from .._format import fmt
from ..network import Network
from ..train import Trainer, accuracy
from .base import Explorer, dropdown, int_slider, slider, table
from .runs import Runs

__all__ = ["PATIENCES", "overfitting_explorer"]

#: Early-stopping choices: label -> patience (None: off).
PATIENCES = [("off", None), ("patience 50", 50), ("patience 200", 200)]


def overfitting_explorer(sizes=(2, 64, 1), lr=1.0, seed=0, epochs_per_tick=50, start_epochs=300):
    """Train a large network on ``noisy_circles(30)`` live, watching a validation set of 200 new points.

    It starts after `start_epochs` epochs (past the turning point). Controls:
    weight decay λ, dropout p and early stopping (patience); a new setting
    shows its own run, trained from the same start to the same epoch. The
    left panel shows the training and validation loss per epoch (dashed
    line: the epoch with the lowest validation loss), the right one the
    decision boundary over the training points.

    Returns
    -------
    Explorer
        ``handles["curves"]`` (:class:`~backprop_lab.figures.ValidationCurves`) and
        ``handles["boundary"]`` (:class:`~backprop_lab.figures.DecisionBoundary`).
    """
    X, Y = datasets.noisy_circles(30, seed=0)
    X_val, Y_val = datasets.noisy_circles(200, seed=1)
    acts = ["tanh"] * (len(sizes) - 2) + ["sigmoid"]
    start = Network(list(sizes), activation=acts, seed=seed)
    controls = {
        "weight_decay": slider("λ (decay)", 0.0, 0.0, 0.05, step=0.001, fmt=".3f"),
        "dropout": slider("dropout p", 0.0, 0.0, 0.8, step=0.05, fmt=".2f"),
        "patience": dropdown("early stop", PATIENCES, None),
        "per_tick": int_slider("epochs/step", epochs_per_tick, 1, 500, continuous_update=False),
    }
    fig, (ax_loss, ax_data) = figures.new_figure(ncols=2, width=4.8, height=3.9)

    def make(key):
        lam, p, patience = key
        return Trainer(start, X, Y, lr=lr, loss="cross_entropy", seed=seed, weight_decay=lam, dropout=p,
                       validation=(X_val, Y_val), early_stopping=patience)

    def settings(v):
        return v["weight_decay"], v["dropout"], v["patience"]

    runs = Runs(make, start_epochs)
    runs.get((0.0, 0.0, None))
    curves = figures.plot_validation_curves(ax=ax_loss, values=False)  # the best epoch: in the table
    boundary = figures.plot_decision_boundary(start, X, Y, ax=ax_data)

    def refresh(v):
        trainer = runs.get(settings(v))  # a new setting: its own run, trained as far as the one before
        h = trainer.history
        curves.update(h.losses, h.val_losses, h.best_epoch)
        net = h.network  # with early stopping: the best one
        boundary.update(net)
        best = "" if h.best_epoch is None else f"{h.best_epoch} ({fmt(h.val_losses[h.best_epoch], 4)})"
        rows = [("epoch", str(h.epochs)),
                ("training loss", "·" if not h.epochs else fmt(h.losses[-1], 4)),
                ("validation loss", "·" if not h.epochs else fmt(h.val_losses[-1], 4)),
                ("lowest validation loss at epoch", best),
                ("accuracy: training / validation",
                 f"{accuracy(net, X, Y):.0%} / {accuracy(net, X_val, Y_val):.0%}")]
        patience = "off" if v["patience"] is None else f"patience {v['patience']}"
        note = (f"λ = {fmt(v['weight_decay'])}, dropout p = {fmt(v['dropout'])}, early stopping {patience};"
                f" {'-'.join(map(str, sizes))} tanh, cross-entropy, η = {fmt(lr)}; 30 training points,"
                " 200 validation points")
        if trainer.stopped_early:
            note = f"{trainer.message}<br>{note}"
        return table(rows, ["", ""], note=note)

    def advance():
        runs.get(settings(explorer.values())).run(explorer.controls["per_tick"].value)

    explorer = Explorer(controls, fig, refresh, title="Overfitting 30 noisy points, and three cures",
                        on_reset=runs.reset, advance=advance,
                        handles={"curves": curves, "boundary": boundary})
    return explorer
