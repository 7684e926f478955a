"""Notebook 04's explorer: a network learning XOR live (play, pause, step, reset)."""

from .. import datasets, figures
from ..losses import loss
from ..network import Network
from ..passes import forward
from ..train import Trainer, accuracy
from .base import Explorer, int_slider, slider, table

__all__ = ["status_table", "training_explorer"]


def status_table(trainer, X, Y, note=""):
    """Epoch, loss and accuracy of the trainer's network as it stands now, as an HTML table."""
    net = trainer.network
    rows = [("epoch", str(len(trainer.losses))),
            ("loss E", loss(forward(net, X), Y, trainer.loss)),
            ("accuracy", f"{accuracy(net, X, Y):.0%}")]
    if trainer.diverged:
        note = f"<b style='color:#b00020'>{trainer.message}</b>" + (f"<br>{note}" if note else "")
    return table(rows, ["", ""], note=note)


def training_explorer(sizes=(2, 2, 1), lr=2.0, seed=1, epochs_per_tick=20):
    """Train a network on XOR live: play / pause / step / reset, loss curve, decision boundary.

    Each tick of the play button (and each press of Step) runs `epochs_per_tick`
    epochs of full-batch gradient descent -- forward, loss, backward, update.
    A new η or initial seed starts training again from the new start.

    Returns
    -------
    Explorer
        ``handles["curve"]`` (:class:`~backprop_lab.figures.LossCurve`) and
        ``handles["boundary"]`` (:class:`~backprop_lab.figures.DecisionBoundary`).
    """
    X, Y = datasets.xor()
    controls = {
        "lr": slider("η", lr, 0.05, 10.0, step=0.05, fmt=".2f"),
        "per_tick": int_slider("epochs/step", epochs_per_tick, 1, 200, continuous_update=False),
        "seed": int_slider("init seed", seed, 0, 20, continuous_update=False),
    }
    fig, (ax_loss, ax_data) = figures.new_figure(ncols=2, width=4.6, height=3.9)
    state = {}

    def restart(v):
        state["trainer"] = Trainer(Network(list(sizes), seed=v["seed"]), X, Y, lr=v["lr"])
        state["settings"] = (v["lr"], v["seed"])

    restart({"lr": lr, "seed": seed})
    curve = figures.plot_loss_curve([], ax=ax_loss)
    boundary = figures.plot_decision_boundary(state["trainer"].network, X, Y, ax=ax_data)

    def refresh(v):
        if state["settings"] != (v["lr"], v["seed"]):  # a new η or start: train from scratch
            restart(v)
        trainer = state["trainer"]
        curve.update(trainer.losses, message=trainer.message if trainer.diverged else None)
        boundary.update(trainer.network)
        return status_table(trainer, X, Y)

    def advance():
        state["trainer"].run(explorer.controls["per_tick"].value)

    explorer = Explorer(controls, fig, refresh, title="Training a 2-2-1 network on XOR",
                        on_reset=lambda: state.update(settings=None), advance=advance,
                        handles={"curve": curve, "boundary": boundary})
    return explorer
