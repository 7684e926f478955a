"""Notebook 03's explorer: a 2-2-2 network, stepped through one layer at a time, with its derivation."""

import ipywidgets as widgets

from .. import examples, figures
from .._format import fmt, sub
from ..explain import explain
from ..losses import loss
from ..network import Network
from ..passes import backward, forward, sgd_step
from .base import Explorer, live_derivation, slider
from .tables import network_tables

__all__ = ["multilayer_explorer", "walk_marks"]

_START = "Press Forward to start a step-by-step pass."


def walk_marks(derivation, forward_done, backward_done):
    """Which steps of a derivation a step-by-step walk is computing now, and which come later.

    Parameters
    ----------
    derivation : Derivation
        From :func:`~backprop_lab.explain`.
    forward_done, backward_done : int
        Weight layers the forward pass has computed, and layers the backward
        pass has reached from the output, in a walk under way.

    Returns
    -------
    now, later : set of str
        Step symbols: the layer just computed (its net and o, or its δ and
        gradients; E with the last forward layer), and everything not computed yet.
    """
    d, L = derivation, len(derivation.trace.nets)
    now, later = set(), set(d.symbols("update")) | set(d.symbols("check"))
    for l in range(L):
        ahead = set(d.symbols("forward", l))
        back = set(d.symbols("backward", l)) | set(d.symbols("gradients", l))
        if l >= forward_done:
            later |= ahead
        elif l == forward_done - 1 and backward_done == 0:
            now |= ahead
        if l < L - backward_done:
            later |= back
        elif l == L - backward_done:
            now |= back
    loss_steps = set(d.symbols("loss"))
    if forward_done < L:
        later |= loss_steps
    elif backward_done == 0:
        now |= loss_steps
    return now, later


def multilayer_explorer(example=None):
    """A 2-2-2 sigmoid network with a slider for every weight, bias, input, target and η.

    Buttons step through the computation one layer at a time: "Forward"
    (layer 1, then layer 2), "Backward" (the output δ, then the hidden δ),
    then "Update", which moves the weight sliders to their new values. The
    layer being computed is highlighted in the diagram and, beside it, in the
    derivation of :func:`~backprop_lab.explain` (every formula with the
    current numbers; steps not computed yet show no numbers). Every slider
    move rebuilds the derivation.

    Parameters
    ----------
    example : Example, optional
        The network and sample to start from; default ``examples.NET_2_2_2``.

    Returns
    -------
    Explorer
        With ``buttons`` (``"forward"``, ``"backward"``, ``"update"``),
        ``handles["diagram"]`` and ``derivation`` (the HTML widget).
    """
    ex = examples.NET_2_2_2 if example is None else example
    net0 = ex.network()
    ids = net0.neuron_ids()
    controls, where = {}, {}
    for l in range(net0.n_layers):
        for j, n in enumerate(ids[l + 1]):
            for i, m in enumerate(ids[l]):
                controls[f"w{n}{m}"] = slider(f"w{sub(n)},{sub(m)}", net0.weights[l][j, i], -2, 2)
                where[f"w{n}{m}"] = ("w", l, j, i)
    for l in range(net0.n_layers):
        for j, n in enumerate(ids[l + 1]):
            controls[f"b{n}"] = slider(f"b{sub(n)}", net0.biases[l][j], -2, 2)
            where[f"b{n}"] = ("b", l, j, None)
    for i, n in enumerate(ids[0]):
        controls[f"x{n}"] = slider(f"o{sub(n)} (input)", ex.x[i], -2, 2)
    for k, n in enumerate(ids[-1]):
        controls[f"T{n}"] = slider(f"T{sub(n)}", ex.T[k], 0, 1)
    controls["lr"] = slider("η", ex.lr, 0.01, 2, fmt=".2f")
    L = net0.n_layers
    # How far the step-by-step walk has got: forward layers done, backward layers done.
    state = {"forward": L, "backward": L, "walking": False, "message": _START}

    def network(v):
        weights = [w.copy() for w in net0.weights]
        biases = [b.copy() for b in net0.biases]
        for name, (kind, l, j, i) in where.items():
            if kind == "w":
                weights[l][j, i] = v[name]
            else:
                biases[l][j] = v[name]
        return Network.from_weights(weights, biases, list(net0.activations))

    def sample(v):
        return [v[f"x{n}"] for n in ids[0]], [v[f"T{n}"] for n in ids[-1]]

    fig, ax = figures.new_figure(width=5.6, height=4.4)  # narrow enough for the derivation beside it
    trace0 = forward(net0, list(ex.x))
    diagram = figures.draw_network(net0, trace0, backward(net0, trace0, list(ex.T)), show="gradients", ax=ax,
                                   values=False)  # the numbers are in the tables

    derivation, derivation_css = live_derivation()

    def refresh(v):
        net = network(v)
        x, T = sample(v)
        d = explain(net, x, T, v["lr"])  # forward, backward, update and check, written out
        trace, grads = d.trace, d.grads
        f_done, b_done = state["forward"], state["backward"]
        now, later = walk_marks(d, f_done, b_done) if state["walking"] else ((), ())
        # The weight layer just computed: by the forward pass, then by the backward pass.
        highlight = None if not state["walking"] else L - b_done if b_done > 0 else f_done - 1
        diagram.update(net, trace if f_done == L else None, grads if b_done == L else None,
                       highlight=highlight)
        tables = network_tables(net, trace, grads, d.new_net, v["lr"], f_done, b_done)
        # The derivation's style is sent once, by the explorer.
        return (f"<div style='font-size:15px'>{state['message']}</div>" + tables,
                {derivation: d.to_html(now, later, style=False)})

    forward_button = widgets.Button(description="Forward ▶", tooltip="compute the next layer's net and o")
    backward_button = widgets.Button(description="◀ Backward",
                                     tooltip="compute the next layer's δ, from the output back")
    update_button = widgets.Button(description="Update", tooltip="w ← w − η ∂E/∂w for every weight and bias")

    def on_forward(_):
        if state["forward"] == L:  # start a new walk
            state["forward"], state["backward"], state["walking"] = 0, 0, True
        state["forward"] += 1
        l = state["forward"]
        state["message"] = (f"Forward: weight layer {l} gives net and o of neurons "
                            f"{', '.join(map(str, ids[l]))}." + (" Now press Backward." if l == L else ""))
        explorer.refresh()

    def on_backward(_):
        if state["forward"] < L:
            state["message"] = "Finish the forward pass first: δ needs every o."
        elif state["backward"] < L:
            state["backward"] += 1
            l = L - state["backward"] + 1
            kind = "output δ = (o − T)·f′(net)" if state["backward"] == 1 else "hidden δ = f′(net)·Σₖ δₖ wₖ,ⱼ"
            state["message"] = (f"Backward: {kind} for neurons {', '.join(map(str, ids[l]))}."
                                + (" Now press Update." if state["backward"] == L else ""))
        explorer.refresh()

    def on_update(_):
        v = explorer.values()
        net = network(v)
        x, T = sample(v)
        grads = backward(net, forward(net, x), T)
        new = sgd_step(net, grads, v["lr"])
        values, held = {}, []
        for name, (kind, l, j, i) in where.items():
            value = float(new.weights[l][j, i] if kind == "w" else new.biases[l][j])
            lo, hi = controls[name].min, controls[name].max
            if not lo <= value <= hi:  # a slider cannot show it: the weight stays at the slider's end
                held.append(f"{controls[name].description} ({fmt(value)} → {fmt(min(max(value, lo), hi))})")
            values[name] = min(max(value, lo), hi)
        # What is reported is what the sliders (and so the tables) show.
        E_after = loss(forward(network({**v, **values}), x), T)
        state["forward"], state["backward"], state["walking"] = L, L, False
        state["message"] = f"Updated every weight: E went from {fmt(grads.loss)} to {fmt(E_after)}."
        if held:
            state["message"] += (" Held at the end of their sliders, so the step was cut short: "
                                 + ", ".join(held) + ".")
        explorer.set_values(**values)

    def on_reset():
        state.update(forward=L, backward=L, walking=False, message=_START)

    forward_button.on_click(on_forward)
    backward_button.on_click(on_backward)
    update_button.on_click(on_update)
    explorer = Explorer(controls, fig, refresh, buttons=[forward_button, backward_button, update_button],
                        title="A 2-2-2 network, one layer at a time", on_reset=on_reset,
                        handles={"diagram": diagram}, side=derivation,
                        css=derivation_css)
    explorer.derivation = derivation
    explorer.buttons = {"forward": forward_button, "backward": backward_button, "update": update_button}
    return explorer
