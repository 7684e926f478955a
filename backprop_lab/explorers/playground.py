"""Notebook 08's explorer: choose data (or make your own), network and training settings, and train live."""

import ipywidgets as widgets

from .. import datasets, figures, session
from ..network import Network
from ..passes import backward, forward
from .base import Explorer, dropdown, int_slider, slider, table
from .playground_io import SessionBox, csv_upload

__all__ = ["OWN", "playground"]

#: The data menu's entry for the student's own points.
OWN = "your own points"
#: Menu entry -> (name, classes) for :func:`backprop_lab.datasets.make`, from its registry.
GENERATED = {**{name: (name, None) for name in datasets.DATASETS},
             **{f"{name} (3 classes)": (name, 3) for name in datasets.MULTICLASS}}
_CLASSES = [("class 0 (●)", 0), ("class 1 (▲)", 1), ("class 2 (■)", 2)]
_LOSSES = [("squared error", "half_sse"), ("cross-entropy", "cross_entropy")]


def _describe(net):
    sizes = "-".join(map(str, net.sizes))
    acts = net.activations[0] if len(set(net.activations)) == 1 else "/".join(net.activations)
    return f"{sizes} {acts}"


def _controls():
    controls = {
        "data": dropdown("data set", [*GENERATED, OWN], "circles"),
        "noise": slider("noise", 0.1, 0.0, 0.5, step=0.01, fmt=".2f"),
        "test": slider("test share", 0.0, 0.0, 0.5, step=0.1, fmt=".0%"),
        "layers": int_slider("hidden layers", 1, 1, 6, continuous_update=False),
        "width": int_slider("neurons each", 4, 1, 8, continuous_update=False),
        "activation": dropdown("activation", ["tanh", "sigmoid", "relu"], "tanh"),
        "loss": dropdown("loss", _LOSSES, "half_sse"),
        "lr": slider("η", 0.5, 0.01, 5.0, step=0.01, fmt=".2f"),
        "decay": slider("weight decay λ", 0.0, 0.0, 0.05, step=0.001, fmt=".3f"),
        "batch": dropdown("batch size", [("full batch", 0), ("32", 32), ("8", 8), ("1", 1)], 0),
        "add": dropdown("a click adds", _CLASSES, 0),
    }
    controls["decay"].style.description_width = "100px"  # room for its name
    return controls


def playground(seed=0):
    """Choose data, network and training settings; train live; add your own points; save and load it all.

    What each change does:

    - a new data set, noise level or test share, and every change to your own
      points (a click, Clear, a CSV file), and a new network shape (layers,
      width, activation; the number of classes sets the output layer: one
      sigmoid neuron for two classes, a softmax layer for three) start again
      from fresh weights;
    - a new η, batch size or weight decay carries on training the network as it is;
    - a new loss carries on with the network as it is, on a new loss curve
      (the two losses are not on one scale) starting at epoch 0.

    A session loaded from JSON (network, points, settings, history) carries on
    exactly where it was saved; a bare network's JSON (``Network.to_dict``) is
    trained on the current data. If a later change replaces a loaded network
    with fresh weights, the explorer says so.

    The loss curves show E after each epoch, on the training part and on the
    held-out test part; their last points are the losses of the network now,
    the numbers in the table.

    Returns
    -------
    Explorer
        With ``json_box``, ``export_button``, ``load_button``, ``clear_button``,
        ``upload`` and the handles ``boundary``, ``curve``, ``diagram``.
    """
    controls = _controls()
    fig, (ax_data, ax_loss, ax_net) = figures.new_figure(ncols=3, width=3.7, height=3.5)
    state = {"loaded": None, "note": "", "own": session.Points(), "version": 0, "keys": None, "trainer": None,
             "seed": seed}

    def fresh(v, classes):
        hidden, out = v["layers"], 1 if classes == 2 else classes
        last = "sigmoid" if out == 1 else "softmax"
        return Network([2] + [v["width"]] * hidden + [out], activation=[v["activation"]] * hidden + [last],
                       seed=seed)

    def points_for(v):
        if v["data"] == OWN:
            return state["own"].copy()
        name, classes = GENERATED[v["data"]]
        return session.Points(*datasets.make(name, n=200, noise=v["noise"], seed=seed, classes=classes))

    def keys(v, points):
        data = (v["data"], v["noise"], v["test"], state["version"] if v["data"] == OWN else None)
        return data, (v["layers"], v["width"], v["activation"], points.classes)

    def start(v, points, net, resume=None, split_seed=None):
        split = seed if split_seed is None else split_seed
        trainer = session.make_trainer(net, points, v, split, resume=resume) if len(points) else None
        state.update(points=points, keys=keys(v, points), seed=split, trainer=trainer, net=net)

    v0 = {k: c.value for k, c in controls.items()}
    p0 = points_for(v0)
    start(v0, p0, fresh(v0, p0.classes))
    boundary = figures.plot_decision_boundary(state["net"], p0.X, p0.targets(), ax=ax_data, resolution=60)
    curve = figures.LossCurves({"training": [], "test": []}, ax=ax_loss, legend="figure")
    diagram = figures.draw_network(state["net"], show="gradients", ax=ax_net, values=False)

    def rebuild(v):
        """Fresh weights when data or shape changed; a new trainer (same network) for a new loss."""
        same_data = keys(v, state["points"])[0] == state["keys"][0]
        points = state["points"] if same_data else points_for(v)
        if keys(v, points) != state["keys"]:
            state["note"] = state.pop("pending", "")  # what a new start says, if anything
            if state["loaded"] is not None:
                state["note"] = (f"The network loaded from JSON ({state['loaded']}) was replaced by fresh"
                                 " weights for the new settings; its JSON is still in the box:"
                                 " press Load to get it back.")
                state["loaded"] = None
            start(v, points, fresh(v, points.classes))
        elif state["trainer"] is not None and state["trainer"].loss != v["loss"]:
            start(v, points, state["trainer"].network, split_seed=state["seed"])

    def refresh(v):
        rebuild(v)
        trainer, points = state["trainer"], state["points"]
        if state.get("shown") is not points:  # new points
            boundary.set_points(points.X, points.targets(), keep_view=v["data"] == OWN)
            state["shown"] = points
        if trainer is None:  # no points yet
            boundary.update(state["net"])
            curve.update({"training": [], "test": []})
            diagram.update(state["net"], None, None, show="gradients")
            return table([("points", "0")], ["", ""], note="No points: click on the data plot to add some.")
        trainer.configure(lr=v["lr"], batch_size=v["batch"], weight_decay=v["decay"])  # these carry on
        net, now = trainer.network, session.curves(trainer)
        state["net"] = net
        boundary.update(net)
        curve.update({"training": now["train"], "test": now["test"]},
                     message=trainer.message if trainer.diverged else None)
        grads = backward(net, forward(net, trainer.X), trainer.Y, loss=trainer.loss)
        diagram.update(net, None, grads, show="gradients")
        return status(trainer, now)

    def status(trainer, now):
        rows = [("epoch", str(len(trainer.losses)), "")]
        test = now["E_test"] is not None
        rows += [("loss E", now["E_train"], now["E_test"] if test else "–"),
                 ("accuracy", f"{now['accuracy_train']:.0%}", f"{now['accuracy_test']:.0%}" if test else "–"),
                 ("points", str(len(trainer.X)), str(len(trainer.validation.X)) if test else "0")]
        note = state["note"]
        if trainer.diverged:
            note = f"<b style='color:#b00020'>{trainer.message}</b>" + (f"<br>{note}" if note else "")
        return table(rows, ["", "training", "test"], note=note)

    def advance():
        if state["trainer"] is not None:
            state["trainer"].run(10)

    def own_changed(note=""):
        state["version"] += 1
        state["pending"] = note
        if explorer.controls["data"].value == OWN:
            explorer.refresh()
        else:
            explorer.set_values(data=OWN)

    def on_click(x1, x2):
        if explorer.controls["data"].value != OWN:
            state["own"] = state["points"].copy()  # start from the points on the plot
        state["own"].add(x1, x2, explorer.controls["add"].value)
        own_changed()

    def on_clear(_):
        state["own"].clear()
        own_changed()

    def on_points(points, name):
        state["own"] = points
        own_changed(f"Loaded {len(points)} points from {name}.")

    def on_reset():
        state.update(loaded=None, note="", keys=(None, None))

    clear = widgets.Button(description="Clear points", icon="trash", tooltip="remove every point")
    clear.on_click(on_clear)
    box = SessionBox(state, controls, start, fresh, describe=_describe, own=OWN)
    upload = csv_upload(on_points, lambda message: explorer.show_error(message))
    explorer = Explorer(controls, fig, refresh, buttons=[clear, upload, box.export_button, box.load_button],
                        title="Playground", on_reset=on_reset, advance=advance,
                        handles={"boundary": boundary, "curve": curve, "diagram": diagram})
    box.explorer = explorer
    boundary.on_click(on_click)
    explorer.children = (*explorer.children, box.json_box)
    explorer.json_box, explorer.export_button, explorer.load_button = (
        box.json_box, box.export_button, box.load_button)
    explorer.clear_button, explorer.upload = clear, upload
    return explorer
