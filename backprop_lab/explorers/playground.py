"""Notebook 08's explorer: choose data, network and training settings, train live, export and load JSON."""

import json

import ipywidgets as widgets

from .. import datasets, figures
from ..network import Network
from ..passes import backward, forward
from ..train import Trainer
from .base import Explorer, dropdown, int_slider, slider
from .training import status_table

__all__ = ["playground"]

#: The data sets of the playground: name -> (noise, seed) -> (X, Y).
DATA = {
    "xor": lambda noise, seed: datasets.xor(),
    "circles": lambda noise, seed: datasets.circles(200, noise, seed),
    "moons": lambda noise, seed: datasets.moons(200, noise, seed),
    "spiral": lambda noise, seed: datasets.spiral(200, noise, seed),
}
_NETWORK = ("layers", "width", "activation")
_DATA = ("data", "noise")


def _describe(net):
    sizes = "-".join(map(str, net.sizes))
    acts = net.activations[0] if len(set(net.activations)) == 1 else "/".join(net.activations)
    return f"{sizes} {acts}"


def playground(seed=0):
    """Choose data, network and training settings; train live; export or load the network as JSON.

    A new data set or a new network shape (layers, width, activation) starts
    again from fresh weights; a new η or batch size carries on training the
    network as it is. A network loaded from JSON sets the controls to match
    it (as far as they can show it) and trains on; if a later change replaces
    it with fresh weights, the explorer says so.

    Returns
    -------
    Explorer
        With ``json_box``, ``export_button``, ``load_button`` and the handles
        ``boundary``, ``curve``, ``diagram``.
    """
    controls = {
        "data": dropdown("data set", list(DATA), "circles"),
        "noise": slider("noise", 0.1, 0.0, 0.5, step=0.01, fmt=".2f"),
        "layers": int_slider("hidden layers", 1, 1, 6, continuous_update=False),
        "width": int_slider("neurons each", 4, 1, 8, continuous_update=False),
        "activation": dropdown("activation", ["tanh", "sigmoid", "relu"], "tanh"),
        "lr": slider("η", 0.5, 0.01, 5.0, step=0.01, fmt=".2f"),
        "batch": dropdown("batch size", [("full batch", 0), ("32", 32), ("8", 8), ("1", 1)], 0),
    }
    json_box = widgets.Textarea(placeholder="network JSON",
                                layout=widgets.Layout(width="660px", height="70px"))
    export = widgets.Button(description="Export to JSON", icon="download")
    load = widgets.Button(description="Load from JSON", icon="upload")
    fig, (ax_data, ax_loss, ax_net) = figures.new_figure(ncols=3, width=3.7, height=3.5)
    state = {"loaded": None, "note": ""}

    def fresh(v):
        hidden = v["layers"]
        return Network([2] + [v["width"]] * hidden + [1], activation=[v["activation"]] * hidden + ["sigmoid"],
                       seed=seed)

    def start(v, net):
        X, Y = DATA[v["data"]](v["noise"], seed)
        state.update(X=X, Y=Y, keys={k: v[k] for k in _NETWORK + _DATA},
                     trainer=Trainer(net, X, Y, lr=v["lr"], batch_size=v["batch"] or None, seed=seed))

    v0 = {k: c.value for k, c in controls.items()}
    start(v0, fresh(v0))
    net0 = state["trainer"].network
    boundary = figures.plot_decision_boundary(net0, state["X"], state["Y"], ax=ax_data, resolution=60)
    curve = figures.plot_loss_curve([], ax=ax_loss)
    diagram = figures.draw_network(net0, show="gradients", ax=ax_net, values=False)

    def refresh(v):
        if any(state["keys"][k] != v[k] for k in _NETWORK + _DATA):
            if state["loaded"] is not None:
                state["note"] = (f"The network loaded from JSON ({state['loaded']}) was replaced by fresh"
                                 " weights for the new settings; its JSON is still in the box:"
                                 " press Load to get it back.")
                state["loaded"] = None
            start(v, fresh(v))
        trainer = state["trainer"]
        trainer.configure(lr=v["lr"], batch_size=v["batch"])  # these carry on with the same network
        net = trainer.network
        if state.get("shown") is not state["X"]:  # a new data set or noise level
            boundary.set_points(state["X"], state["Y"])
            state["shown"] = state["X"]
        boundary.update(net)
        curve.update(trainer.losses, message=trainer.message if trainer.diverged else None)
        diagram.update(net, None, backward(net, forward(net, state["X"]), state["Y"]), show="gradients")
        return status_table(trainer, state["X"], state["Y"], note=state["note"])

    def advance():
        state["trainer"].run(10)

    def on_export(_):
        json_box.value = json.dumps(state["trainer"].network.to_dict())

    def on_load(_):
        try:
            net = Network.from_dict(json.loads(json_box.value))
        except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
            explorer.show_error(f"could not load the network: {exc}")
            return
        if net.sizes[0] != 2 or net.sizes[-1] != 1:
            explorer.show_error(f"the playground needs 2 inputs and 1 output, got sizes {list(net.sizes)}")
            return
        hidden = net.sizes[1:-1]
        shown = {"layers": min(max(len(hidden), 1), 6), "width": min(max(hidden[0] if hidden else 1, 1), 8)}
        if net.activations[0] in controls["activation"].options:
            shown["activation"] = net.activations[0]
        v = {**explorer.values(), **shown}
        exact = (fresh(v).sizes == net.sizes and fresh(v).activations == net.activations)
        state["loaded"] = _describe(net)
        state["note"] = f"Training the network loaded from JSON ({state['loaded']})." + (
            "" if exact else " The controls show the nearest setting they can; the loaded network is kept"
            " until you change data, layers, width or activation.")
        start(v, net)
        explorer.set_values(**shown)

    def on_reset():
        state.update(loaded=None, note="", keys={k: None for k in _NETWORK + _DATA})

    export.on_click(on_export)
    load.on_click(on_load)
    explorer = Explorer(controls, fig, refresh, buttons=[export, load], title="Playground", on_reset=on_reset,
                        advance=advance, handles={"boundary": boundary, "curve": curve, "diagram": diagram})
    explorer.children = (*explorer.children, json_box)
    explorer.json_box, explorer.export_button, explorer.load_button = json_box, export, load
    return explorer
