"""Explorers for training: the loop, learning rates, deep networks, optimizers, a playground.

Same pattern as :mod:`backprop_lab.widgets`: figures are built once and
their artists updated in place; the engine (a :class:`~backprop_lab.Trainer`)
does all the math. A ``Play`` widget drives live training: each tick runs a
few epochs and redraws.
"""

import json

import ipywidgets as widgets
import numpy as np

from . import datasets, plots
from .losses import loss
from .network import Network
from .optim import ExponentialDecay, StepDecay, clip_by_norm, clip_by_value
from .passes import backward, forward
from .train import Trainer, accuracy
from .widgets import Explorer, fmt, new_figure, slider, table

_DATA = {
    "xor": lambda noise, seed: datasets.xor(),
    "circles": lambda noise, seed: datasets.circles(200, noise, seed),
    "moons": lambda noise, seed: datasets.moons(200, noise, seed),
    "spiral": lambda noise, seed: datasets.spiral(200, noise, seed),
}


def _play(interval=60):
    """A play / pause control whose value counts ticks."""
    return widgets.Play(value=0, min=0, max=10**9, step=1, interval=interval, description="play / pause",
                        show_repeat=False)


def _status(trainer, X, Y):
    """Epoch, loss and accuracy of the network as it stands, as a table."""
    net = trainer.network
    rows = [("epoch", str(len(trainer.losses))),
            ("loss E", fmt(loss(forward(net, X).output, Y))),
            ("accuracy", f"{accuracy(net, X, Y):.0%}")]
    note = f"<b style='color:#b00020'>{trainer.message}</b>" if trainer.diverged else ""
    return table(rows, ["", ""], note=note)


# --- notebook 04: the training loop -----------------------------------------------------


def training_explorer(sizes=(2, 2, 1), lr=2.0, seed=1, epochs_per_tick=20):
    """Train a network on XOR live: play / pause / step / reset, loss curve, decision boundary.

    Each tick of the play button (and each press of Step) runs `epochs_per_tick`
    epochs of full-batch gradient descent -- forward, loss, backward, update.
    """
    X, Y = datasets.xor()
    controls = {
        "lr": slider("η", lr, 0.05, 10.0, step=0.05, fmt=".2f"),
        "per_tick": widgets.IntSlider(value=epochs_per_tick, min=1, max=200, description="epochs/step",
                                      continuous_update=False, style={"description_width": "70px"}),
        "seed": widgets.IntSlider(value=seed, min=0, max=20, description="init seed", continuous_update=False,
                                  style={"description_width": "70px"}),
    }
    play = _play()
    step = widgets.Button(description="Step", icon="step-forward", tooltip="run one step of epochs")
    fig, (ax_loss, ax_data) = new_figure(ncols=2, width=4.6, height=3.9)
    state = {}

    def restart(v):
        state["trainer"] = Trainer(Network(list(sizes), seed=v["seed"]), X, Y, lr=v["lr"])
        state["settings"] = (v["lr"], v["seed"])

    restart({"lr": lr, "seed": seed})
    curve = plots.plot_loss_curve([], ax=ax_loss)
    boundary = plots.plot_decision_boundary(state["trainer"].network, X, Y, ax=ax_data)

    def refresh(v):
        if state["settings"] != (v["lr"], v["seed"]):  # a new η or start: train from scratch
            restart(v)
        trainer = state["trainer"]
        curve.update(trainer.losses, message=trainer.message if trainer.diverged else None)
        boundary.update(trainer.network)
        return _status(trainer, X, Y)

    def advance(*_):
        state["trainer"].run(explorer.controls["per_tick"].value)
        explorer.refresh()

    play.observe(advance, names="value")
    step.on_click(advance)
    explorer = Explorer(controls, fig, refresh, buttons=[play, step], title="Training a 2-2-1 network on XOR",
                        on_reset=lambda: (setattr(play, "playing", False), state.update(settings=None)),
                        handles={"curve": curve, "boundary": boundary})
    explorer.play, explorer.step_button = play, step
    return explorer


# --- notebook 05: the learning rate -----------------------------------------------------


def learning_rate_explorer(lrs=(0.05, 0.8, 2.5), epochs=60):
    """One linear neuron fitting a line, trained with three learning rates side by side.

    The same data and the same start for all three. A linear neuron is used
    because its loss is unbounded: a learning rate that is too big makes
    every step overshoot further, and the run stops as diverged (its panel
    says so). A schedule (step or exponential decay) applies to all three.
    """
    X, Y = datasets.line()
    controls = {f"lr{k}": slider(f"η {name}", value, 0.01, 3.0, step=0.01, fmt=".2f")
                for k, (name, value) in enumerate(zip(("small", "medium", "large"), lrs))}
    controls["schedule"] = widgets.Dropdown(options=list(SCHEDULES), value="constant", description="schedule",
                                            style={"description_width": "70px"})
    fig, axes = new_figure(ncols=3, width=3.4, height=3.2, sharey=True)
    curves = [plots.plot_loss_curve([], ax=ax) for ax in axes]
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
            curve.update(history.losses, message=f"diverged in epoch {history.epochs + 1}" if history.diverged else None)
            ax.set_title(f"η = {v[f'lr{k}']:g}")
            rows.append((f"η = {v[f'lr{k}']:g}", "diverged" if history.diverged else fmt(history.losses[-1])))
        return table(rows, ["run", f"E after {epochs} epochs"])

    return Explorer(controls, fig, refresh, title="Three learning rates, one start", handles={"curves": curves})


#: The schedules offered by the learning-rate explorer.
SCHEDULES = {"constant": None, "step decay": StepDecay(drop=0.5, every=15),
             "exponential decay": ExponentialDecay(gamma=0.95)}


# --- notebook 06: vanishing and exploding gradients --------------------------------------


def depth_explorer(seed=0):
    """Per-layer gradient norms of a deep network, on a log scale.

    Sliders: number of hidden layers (1-10), activation, a factor on the
    initial weights (large factors make gradients explode), and gradient
    clipping by value or by norm, applied to the bars shown.
    """
    X, Y = datasets.circles(100, noise=0.1, seed=seed)
    controls = {
        "depth": widgets.IntSlider(value=5, min=1, max=10, description="hidden layers",
                                   style={"description_width": "90px"}),
        "activation": widgets.Dropdown(options=["sigmoid", "tanh", "relu"], value="sigmoid",
                                       description="activation", style={"description_width": "90px"}),
        "scale": slider("weight ×", 1.0, 0.25, 6.0, step=0.25, fmt=".2f"),
        "clip": widgets.Dropdown(options=["none", "by value", "by norm"], value="none", description="clipping",
                                 style={"description_width": "90px"}),
        "c": slider("threshold c", 1.0, 0.01, 5.0, step=0.01, fmt=".2f"),
    }
    fig, ax = new_figure(width=6.4, height=4.0)
    bars = plots.plot_grad_norms(np.ones(6), ax=ax)

    def refresh(v):
        net = Network([2] + [8] * v["depth"] + [1], activation=v["activation"], seed=seed)
        net = Network.from_weights([w * v["scale"] for w in net.weights], net.biases, list(net.activations))
        grads = backward(net, forward(net, X), Y)
        g = grads.weights
        if v["clip"] == "by value":
            g = clip_by_value(g, v["c"])
        elif v["clip"] == "by norm":
            g = clip_by_norm(g, v["c"])
        norms = np.array([np.sqrt(np.vdot(a, a)) for a in g])
        bars.update(norms)
        ratio = norms[0] / norms[-1] if norms[-1] > 0 else float("inf")
        return table([(f"layer {l + 1}", n) for l, n in enumerate(norms)], ["weight layer", "‖∂E/∂W‖"],
                     note=f"first / last layer: {fmt(ratio, 3)}")

    return Explorer(controls, fig, refresh, title="Gradient norms through depth", handles={"bars": bars})


# --- notebook 08: the playground --------------------------------------------------------


def playground(seed=0):
    """Choose data, network and training settings; train live; export or load the network as JSON."""
    controls = {
        "data": widgets.Dropdown(options=list(_DATA), value="circles", description="data set",
                                 style={"description_width": "90px"}),
        "noise": slider("noise", 0.1, 0.0, 0.5, step=0.01, fmt=".2f"),
        "layers": widgets.IntSlider(value=1, min=1, max=6, description="hidden layers",
                                    style={"description_width": "90px"}, continuous_update=False),
        "width": widgets.IntSlider(value=4, min=1, max=8, description="neurons each",
                                   style={"description_width": "90px"}, continuous_update=False),
        "activation": widgets.Dropdown(options=["tanh", "sigmoid", "relu"], value="tanh",
                                       description="activation", style={"description_width": "90px"}),
        "lr": slider("η", 0.5, 0.01, 5.0, step=0.01, fmt=".2f"),
        "batch": widgets.Dropdown(options=[("full batch", 0), ("32", 32), ("8", 8), ("1", 1)], value=0,
                                  description="batch size", style={"description_width": "90px"}),
    }
    play = _play()
    step = widgets.Button(description="Step", icon="step-forward")
    json_box = widgets.Textarea(placeholder="network JSON", layout=widgets.Layout(width="660px", height="70px"))
    export = widgets.Button(description="Export to JSON", icon="download")
    load = widgets.Button(description="Load from JSON", icon="upload")
    fig, (ax_data, ax_loss, ax_net) = new_figure(ncols=3, width=3.7, height=3.5)
    state = {"loaded": None}

    def settings(v):
        return tuple(v[k] for k in ("data", "noise", "layers", "width", "activation", "lr", "batch"))

    def restart(v):
        X, Y = _DATA[v["data"]](v["noise"], seed)
        net = state.pop("loaded", None) or Network([2] + [v["width"]] * v["layers"] + [1],
                                                    activation=[v["activation"]] * v["layers"] + ["sigmoid"],
                                                    seed=seed)
        state.update(X=X, Y=Y, settings=settings(v), loaded=None,
                     trainer=Trainer(net, X, Y, lr=v["lr"], batch_size=v["batch"] or None, seed=seed))

    restart({k: c.value for k, c in controls.items()})
    net0 = state["trainer"].network
    boundary = plots.plot_decision_boundary(net0, state["X"], state["Y"], ax=ax_data, resolution=60)
    curve = plots.plot_loss_curve([], ax=ax_loss)
    diagram = plots.draw_network(net0, show="gradients", ax=ax_net)

    def refresh(v):
        if state["settings"] != settings(v):
            restart(v)
        trainer = state["trainer"]
        net = trainer.network
        if state.get("shown") is not state["X"]:  # a new data set or noise level
            boundary.set_points(state["X"], state["Y"])
            state["shown"] = state["X"]
        boundary.update(net)
        curve.update(trainer.losses, message=trainer.message if trainer.diverged else None)
        diagram.update(net, None, backward(net, forward(net, state["X"]), state["Y"]), show="gradients")
        return _status(trainer, state["X"], state["Y"])

    def advance(*_):
        state["trainer"].run(10)
        explorer.refresh()

    def on_export(_):
        json_box.value = json.dumps(state["trainer"].network.to_dict())

    def on_load(_):
        try:
            net = Network.from_dict(json.loads(json_box.value))
        except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
            explorer.error.value = f"⚠ could not load the network: {exc}"
            return
        if net.sizes[0] != 2 or net.sizes[-1] != 1:
            explorer.error.value = f"⚠ the playground needs 2 inputs and 1 output, got sizes {list(net.sizes)}"
            return
        state["loaded"] = net
        v = explorer.values()
        restart(v)
        explorer.refresh()

    play.observe(advance, names="value")
    step.on_click(advance)
    export.on_click(on_export)
    load.on_click(on_load)
    explorer = Explorer(controls, fig, refresh, buttons=[play, step, export, load], title="Playground",
                        on_reset=lambda: (setattr(play, "playing", False), state.update(settings=None)),
                        handles={"boundary": boundary, "curve": curve, "diagram": diagram})
    explorer.children = explorer.children + (json_box,)
    explorer.play, explorer.step_button, explorer.json_box = play, step, json_box
    explorer.export_button, explorer.load_button = export, load
    return explorer


# --- notebook 09: optimizers ------------------------------------------------------------


def optimizer_explorer(epochs=300, seed=3):
    """SGD, momentum and Adam from the same start on the same data, loss curves together."""
    X, Y = datasets.moons(100, noise=0.15, seed=seed)
    controls = {
        "sgd": slider("η SGD", 1.0, 0.01, 5.0, step=0.01, fmt=".2f"),
        "momentum": slider("η momentum", 0.3, 0.01, 5.0, step=0.01, fmt=".2f"),
        "adam": slider("η Adam", 0.03, 0.001, 0.5, step=0.001, fmt=".3f"),
    }
    fig, ax = new_figure(width=6.4, height=4.0)
    start = Network([2, 6, 1], activation=["tanh", "sigmoid"], seed=seed)
    curves = plots.plot_loss_curves({name: [] for name in controls}, ax=ax)
    cache = {}

    def run(name, lr):
        if (name, lr) not in cache:
            cache[(name, lr)] = Trainer(start, X, Y, lr=lr, optimizer=name).run(epochs)
        return cache[(name, lr)]

    def refresh(v):
        histories = {name: run(name, v[name]) for name in controls}
        curves.update({name: h.losses for name, h in histories.items()})
        rows = [(name, "diverged" if h.diverged else fmt(h.losses[-1]), f"{accuracy(h.network, X, Y):.0%}")
                for name, h in histories.items()]
        return table(rows, ["optimizer", f"E after {epochs} epochs", "accuracy"])

    return Explorer(controls, fig, refresh, title="SGD, momentum and Adam from the same start",
                    handles={"curves": curves})
