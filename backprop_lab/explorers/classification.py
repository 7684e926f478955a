"""Notebook 10's explorer: a softmax network learning a 3-class spiral live."""

from .. import datasets, figures
from .._format import fmt
from ..losses import loss
from ..network import Network
from ..passes import forward
from ..train import Trainer, accuracy
from .base import Explorer, dropdown, int_slider, slider, table
from .runs import Runs

__all__ = ["spiral_explorer"]

#: The explorer's data: notebook 10 trains on the same points.
SPIRAL = {"n": 150, "noise": 0.05, "seed": 0, "classes": 3}
LOSS_NAMES = [("cross-entropy", "cross_entropy"), ("½ squared error", "half_sse")]


def spiral_explorer(sizes=(2, 16, 16, 3), lr=1.0, seed=0, epochs_per_tick=20, start_epochs=100):
    """Train a tanh network with a softmax output on three spiral arms: play / pause / step / reset.

    The left panel shows the loss per epoch, the right one the plane coloured
    by the class the network picks (paler where it is less sure). It starts
    after `start_epochs` epochs. A new η, loss or starting seed shows that
    setting's own run, trained from its start to the same epoch.

    Returns
    -------
    Explorer
        ``handles["curve"]`` (:class:`~backprop_lab.figures.LossCurve`) and
        ``handles["regions"]`` (:class:`~backprop_lab.figures.ClassRegions`).
    """
    X, Y = datasets.spiral(**SPIRAL)
    acts = ["tanh"] * (len(sizes) - 2) + ["softmax"]
    controls = {
        "lr": slider("η", lr, 0.05, 5.0, step=0.05, fmt=".2f"),
        "loss": dropdown("loss", LOSS_NAMES, "cross_entropy"),
        "per_tick": int_slider("epochs/step", epochs_per_tick, 1, 200, continuous_update=False),
        "seed": int_slider("init seed", seed, 0, 20, continuous_update=False),
    }
    fig, (ax_loss, ax_data) = figures.new_figure(ncols=2, width=4.6, height=3.9)
    def make(key):
        lr_, loss_, seed_ = key
        return Trainer(Network(list(sizes), activation=acts, seed=seed_), X, Y, lr=lr_, loss=loss_)

    runs = Runs(make, start_epochs)
    first = runs.get((lr, "cross_entropy", seed))
    curve = figures.plot_loss_curve([], ax=ax_loss)
    regions = figures.plot_class_regions(first.network, X, Y, ax=ax_data)

    def key(v):
        return v["lr"], v["loss"], v["seed"]

    def refresh(v):
        trainer = runs.get(key(v))  # a new η, loss or seed: its own run, trained as far as the one before
        net = trainer.network
        curve.update(trainer.losses, message=trainer.message if trainer.diverged else None)
        regions.update(net)
        rows = [("epoch", str(len(trainer.losses))),
                ("loss E", loss(forward(net, X), Y, v["loss"])),
                ("accuracy", f"{accuracy(net, X, Y):.0%}")]
        note = f"{'-'.join(map(str, sizes))} tanh, softmax output; {len(X)} points, η = {fmt(v['lr'])}"
        return table(rows, ["", ""], note=note)

    def advance():
        runs.get(key(explorer.values())).run(explorer.controls["per_tick"].value)

    explorer = Explorer(controls, fig, refresh, title="A softmax network learning three spiral arms",
                        on_reset=runs.reset, advance=advance,
                        handles={"curve": curve, "regions": regions})
    return explorer
