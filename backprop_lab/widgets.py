"""Explorers: sliders and buttons around a live figure and a table of numbers.

Each explorer is a function returning an :class:`Explorer`, an ipywidgets
``VBox`` ready to display. The pattern (from ipympl's examples): the figure is
built once under ``plt.ioff()``; on every change the engine recomputes, the
plot handles change their artists' data in place, and the canvas redraws only
what moved (see ``_blit``).
An exception inside a callback is shown in the explorer, in red, never lost.

Run ``%matplotlib widget`` first so figures are live ipympl canvases; with
another backend the figure is re-shown as a static image after each change.
"""

import html
import traceback

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import clear_output, display

from . import plots, presenter
from ._blit import Blitter
from .examples import MULTILAYER, SEED3
from .losses import loss
from .network import Network
from .passes import backward, forward, sgd_step

_CSS = """<style>
.bl-numbers table {border-collapse: collapse; font-size: %dpx; font-family: sans-serif}
.bl-numbers td, .bl-numbers th {padding: 2px 10px; text-align: right; border-bottom: 1px solid #ddd}
.bl-numbers th {text-align: left; background: #f3f3f3}
.bl-numbers .bl-note {font-size: 14px; color: #444; padding-top: 4px}
.bl-error {color: #b00020; font-family: monospace; white-space: pre-wrap; font-size: 14px}
</style>"""


def slider(description, value, lo, hi, step=0.01, fmt=".3f"):
    """A float slider that reports values while it is dragged."""
    return widgets.FloatSlider(
        value=value, min=lo, max=hi, step=step, description=description, readout_format=fmt,
        continuous_update=True, style={"description_width": "70px"}, layout=widgets.Layout(width="330px"),
    )


def fmt(value, digits=6):
    """A number as the notebooks print it: 6 significant digits, signed zero avoided."""
    return f"{value + 0.0:.{digits}g}"


def table(rows, header=None, note=""):
    """An HTML table of ``(label, value, ...)`` rows, for the numbers beside a figure."""
    head = "" if header is None else "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"
    body = "".join(
        "<tr>" + "".join(f"<td>{c if isinstance(c, str) else fmt(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    note = f"<div class='bl-note'>{note}</div>" if note else ""
    css = _CSS % round(15 * presenter.current_scale())
    return f"{css}<div class='bl-numbers'><table>{head}{body}</table>{note}</div>"


class Explorer(widgets.VBox):
    """Controls, a live figure, a table of numbers and an error line.

    Subclasses (or the explorer functions) set ``self.refresh`` to recompute
    and redraw from the controls' values. Attributes: ``controls`` (name ->
    widget), ``fig``, ``handles`` (name -> plot handle), ``numbers`` (HTML),
    ``error`` (HTML, empty when all is well), ``reset_button``, ``blitter``
    (redraws the live figure; None when the figure is a static image).
    """

    def __init__(self, controls, fig, refresh, buttons=(), title="", on_reset=None, handles=None):
        self.controls, self.fig, self._refresh = dict(controls), fig, refresh
        self.handles = dict(handles or {})  # the plot handles, for tests and curious students
        self._start, self._on_reset = self.values(), on_reset
        self.reset_button = widgets.Button(description="Reset", icon="undo", tooltip="back to the starting values")
        self.reset_button.on_click(lambda _: self.reset())
        self.numbers = widgets.HTML()
        self.error = widgets.HTML()
        self.error.add_class("bl-error")
        self.figure_widget = _figure_widget(fig)
        self.blitter = None if isinstance(self.figure_widget, widgets.Output) else Blitter(fig)
        self._holding = False
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        grid = widgets.GridBox(
            list(self.controls.values()),
            layout=widgets.Layout(grid_template_columns="repeat(auto-fill, 340px)"),
        )
        header = [widgets.HTML(f"<b style='font-size:16px'>{html.escape(title)}</b>")] if title else []
        buttons = [widgets.HBox(list(buttons) + [self.reset_button])]
        # Figure above the numbers: side by side, a wide figure would be squeezed and clipped.
        body = widgets.VBox([self.figure_widget, self.numbers])
        super().__init__(header + [grid] + buttons + [self.error, body])
        self.add_class("bl-explorer")
        self.refresh()
        # Lay the figure out once, then freeze it: constrained layout costs more
        # than the whole redraw, and the axes need not move while sliders do.
        # (No canvas.draw() here: ipympl must make the first drawing itself.)
        fig.get_layout_engine().execute(fig)
        fig.set_layout_engine("none")

    def values(self):
        """The controls' current values, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def set_values(self, **values):
        """Set several controls and refresh once (not once per control)."""
        self._holding = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self.refresh()

    def reset(self):
        """Every control back to its starting value (and the explorer's own state, if any)."""
        if self._on_reset is not None:
            self._on_reset()
        self.set_values(**self._start)

    def _on_change(self, change):
        if not self._holding:
            self.refresh()

    def refresh(self):
        """Recompute, update the figure and numbers; show any error in the widget."""
        try:
            self.numbers.value = self._refresh(self.values())
            self.error.value = ""
        except Exception as exc:  # shown to the student, not swallowed
            where = traceback.extract_tb(exc.__traceback__)[-1]
            self.error.value = (
                f"⚠ {type(exc).__name__}: {html.escape(str(exc))}"
                f"<br><small>(in {html.escape(where.name)}, line {where.lineno})</small>"
            )
        self.redraw()

    def redraw(self):
        if isinstance(self.figure_widget, widgets.Output):
            with self.figure_widget:
                clear_output(wait=True)
                display(self.fig)
        else:
            self.blitter.update()


def _figure_widget(fig):
    """The ipympl canvas itself, or an Output showing the figure for other backends."""
    canvas = fig.canvas
    if isinstance(canvas, widgets.DOMWidget):
        canvas.header_visible = False
        canvas.footer_visible = False
        canvas.toolbar_visible = False
        canvas.resizable = False
        return canvas
    return widgets.Output()


def new_figure(ncols=1, width=5.0, height=4.0, **kwargs):
    """A figure built with interactive mode off, so it is shown only inside its explorer."""
    with plt.ioff():
        fig, axes = plt.subplots(1, ncols, figsize=(width * ncols, height), dpi=presenter.dpi(),
                                 layout="constrained", **kwargs)
    return fig, axes


# --- notebook 01: one neuron -------------------------------------------------------


def single_neuron_explorer(x=1.5, w=0.8, b=-0.5, y=1.0):
    """One sigmoid neuron: z = w x + b, ŷ = σ(z), E = ½ (y − ŷ)².

    Sliders for x, w, b and y; the three chain-rule factors of ∂E/∂w and
    their product update live, beside E plotted against w with its tangent.
    """
    controls = {
        "x": slider("x", x, -3, 3),
        "w": slider("w", w, -3, 3),
        "b": slider("b", b, -3, 3),
        "y": slider("y (target)", y, 0, 1),
    }
    fig, ax = new_figure(width=6.0, height=4.2)

    def network(v):
        return Network.from_weights([[[v["w"]]]], [[v["b"]]])

    curve = plots.plot_loss_vs_weight(network({"w": w, "b": b}), [x], [y], 0, 0, 0, span=3.0, ax=ax)

    def refresh(v):
        net = network(v)
        curve.update(net, [v["x"]], [v["y"]])
        trace = forward(net, [v["x"]])
        grads = backward(net, trace, [v["y"]])
        z, y_hat = trace.nets[0][0], trace.output[0]
        dE_dy, dy_dz, dz_dw = y_hat - v["y"], y_hat * (1 - y_hat), v["x"]
        rows = [
            ("z = w·x + b", z), ("ŷ = σ(z)", y_hat), ("E = ½(y − ŷ)²", grads.loss),
            ("① ∂E/∂ŷ = ŷ − y", dE_dy), ("② ∂ŷ/∂z = ŷ(1 − ŷ)", dy_dz), ("③ ∂z/∂w = x", dz_dw),
            ("∂E/∂w = ① · ② · ③", grads.weights[0][0, 0]), ("∂E/∂b = ① · ②", grads.biases[0][0]),
        ]
        return table(rows, ["quantity", "value"], note="The slope of the orange tangent is ∂E/∂w.")

    return Explorer(controls, fig, refresh, title="One neuron", handles={"curve": curve})




def sub(number):
    """A neuron number as Unicode subscript digits: 32 -> '₃₂'."""
    return str(number).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def network_tables(net, trace, grads, lr, forward_done=None, backward_done=None):
    """Two HTML tables: per neuron (net, o, δ) and per weight (w, ∂E/∂w, w − η ∂E/∂w).

    `forward_done` counts weight layers already computed by the forward pass
    and `backward_done` layers already reached by the backward pass (from the
    output); what is not computed yet shows as "·". One sample only.
    """
    L = net.n_layers
    forward_done = L if forward_done is None else forward_done
    backward_done = L if backward_done is None else backward_done
    ids = net.neuron_ids()

    def known(done, value):
        return value if done else "·"

    neurons = [(f"o{sub(n)} (input)", "", trace.outputs[0][i], "") for i, n in enumerate(ids[0])]
    for l in range(L):
        fwd, bwd = l < forward_done, l >= L - backward_done
        for j, n in enumerate(ids[l + 1]):
            neurons.append((f"neuron {n}", known(fwd, trace.nets[l][j]), known(fwd, trace.outputs[l + 1][j]),
                            known(bwd, grads.deltas[l][j])))
    weights = []
    for l in range(L):
        bwd = l >= L - backward_done
        for j, n in enumerate(ids[l + 1]):
            for i, m in enumerate(ids[l]):
                g = grads.weights[l][j, i]
                weights.append((f"w{sub(n)},{sub(m)}", net.weights[l][j, i], known(bwd, g),
                                known(bwd, net.weights[l][j, i] - lr * g)))
            g = grads.biases[l][j]
            weights.append((f"b{sub(n)}", net.biases[l][j], known(bwd, g), known(bwd, net.biases[l][j] - lr * g)))
    E = known(forward_done == L, grads.loss)
    left = table(neurons, ["", "net", "o", "δ = ∂E/∂net"], note=f"E = {E if isinstance(E, str) else fmt(E)}")
    right = table(weights, ["", "value", "∂E/∂w", "after update"], note=f"η = {fmt(lr)}")
    return f"<div style='display:flex; gap:18px'>{left}{right}</div>"


# --- notebook 02: seed 003's worked example --------------------------------------------


def worked_example_explorer(**start):
    """Seed 003's 1-1-1 network with sliders for o1, T, w21, b2, w32, b3 and η.

    Left: the network with every o and δ, edges coloured by ∂E/∂w. Right: E
    against w32 with the tangent whose slope is ∂E/∂w32. Beside them, every
    number of the forward pass, the backward pass and the update.
    """
    v0 = dict(o1=SEED3["x"][0], T=SEED3["T"][0], w21=SEED3["weights"][0][0][0], b2=SEED3["biases"][0][0],
              w32=SEED3["weights"][1][0][0], b3=SEED3["biases"][1][0], lr=SEED3["lr"])
    v0.update(start)
    controls = {
        "o1": slider("o₁ (input)", v0["o1"], -2, 2),
        "T": slider("T (target)", v0["T"], 0, 1),
        "w21": slider("w₂,₁", v0["w21"], -2, 2),
        "b2": slider("b₂ = w₂,₀", v0["b2"], -2, 2),
        "w32": slider("w₃,₂", v0["w32"], -2, 2),
        "b3": slider("b₃ = w₃,₀", v0["b3"], -2, 2),
        "lr": slider("η", v0["lr"], 0.01, 2, step=0.01, fmt=".2f"),
    }
    fig, (ax_net, ax_curve) = new_figure(ncols=2, width=4.6, height=3.9)

    def network(v):
        return Network.from_weights([[[v["w21"]]], [[v["w32"]]]], [[v["b2"]], [v["b3"]]])

    net0 = network(v0)
    trace0 = forward(net0, [v0["o1"]])
    diagram = plots.draw_network(net0, trace0, backward(net0, trace0, [v0["T"]]), show="gradients", ax=ax_net)
    curve = plots.plot_loss_vs_weight(net0, [v0["o1"]], [v0["T"]], 1, 0, 0, span=2.0, ax=ax_curve)

    def refresh(v):
        net = network(v)
        trace = forward(net, [v["o1"]])
        grads = backward(net, trace, [v["T"]])
        diagram.update(net, trace, grads)
        curve.update(net, [v["o1"]], [v["T"]])
        E_after = loss(forward(sgd_step(net, grads, v["lr"]), [v["o1"]]).output, [v["T"]])
        verdict = "went down ✓" if E_after < grads.loss else "did not go down"
        return network_tables(net, trace, grads, v["lr"]) + table(
            [("E before the update", grads.loss), ("E after the update", E_after)],
            note=f"One step of gradient descent: E {verdict}.",
        )

    return Explorer(controls, fig, refresh, title="Seed 003's network, live",
                    handles={"diagram": diagram, "curve": curve})


# --- notebook 03: a 2-2-2 network, one layer at a time ----------------------------------


def multilayer_explorer(**start):
    """A 2-2-2 sigmoid network with a slider for every weight, bias, input, target and η.

    Buttons step through the computation one layer at a time: "Forward"
    (layer 1, then layer 2), "Backward" (the output δ, then the hidden δ),
    then "Update", which moves the weight sliders to their new values.
    The layer being computed is highlighted in the diagram.
    """
    v0 = {**MULTILAYER, **start}
    net0 = Network.from_weights(v0["weights"], v0["biases"])
    ids = net0.neuron_ids()
    controls, where = {}, {}
    for l in range(net0.n_layers):
        for j, n in enumerate(ids[l + 1]):
            for i, m in enumerate(ids[l]):
                name = f"w{n}{m}"
                controls[name] = slider(f"w{sub(n)},{sub(m)}", net0.weights[l][j, i], -2, 2)
                where[name] = ("w", l, j, i)
    for l in range(net0.n_layers):
        for j, n in enumerate(ids[l + 1]):
            controls[f"b{n}"] = slider(f"b{sub(n)}", net0.biases[l][j], -2, 2)
            where[f"b{n}"] = ("b", l, j, None)
    for i, n in enumerate(ids[0]):
        controls[f"x{n}"] = slider(f"o{sub(n)} (input)", v0["x"][i], -2, 2)
    for k, n in enumerate(ids[-1]):
        controls[f"T{n}"] = slider(f"T{sub(n)}", v0["T"][k], 0, 1)
    controls["lr"] = slider("η", v0["lr"], 0.01, 2, fmt=".2f")
    L = net0.n_layers
    # How far the step-by-step walk has got: forward layers done, backward layers done.
    state = {"forward": L, "backward": L, "message": "Press Forward to start a step-by-step pass."}

    def network(v):
        weights = [w.copy() for w in net0.weights]
        biases = [b.copy() for b in net0.biases]
        for name, (kind, l, j, i) in where.items():
            if kind == "w":
                weights[l][j, i] = v[name]
            else:
                biases[l][j] = v[name]
        return Network.from_weights(weights, biases)

    def sample(v):
        return [v[f"x{n}"] for n in ids[0]], [v[f"T{n}"] for n in ids[-1]]

    fig, ax = new_figure(width=6.4, height=4.4)
    x0, T0 = sample({**{f"x{n}": v0["x"][i] for i, n in enumerate(ids[0])}, **{f"T{n}": v0["T"][k] for k, n in enumerate(ids[-1])}})
    trace0 = forward(net0, x0)
    diagram = plots.draw_network(net0, trace0, backward(net0, trace0, T0), show="gradients", ax=ax)

    def refresh(v):
        net = network(v)
        x, T = sample(v)
        trace = forward(net, x)
        grads = backward(net, trace, T)
        f_done, b_done = state["forward"], state["backward"]
        if f_done < L:
            highlight = f_done - 1 if f_done > 0 else None
        elif b_done < L:
            highlight = L - b_done if b_done > 0 else None
        else:
            highlight = None
        diagram.update(net, trace if f_done == L else None, grads if b_done == L else None, highlight=highlight)
        return f"<div style='font-size:15px'>{state['message']}</div>" + network_tables(net, trace, grads, v["lr"], f_done, b_done)

    forward_button = widgets.Button(description="Forward ▶", tooltip="compute the next layer's net and o")
    backward_button = widgets.Button(description="◀ Backward", tooltip="compute the next layer's δ, from the output back")
    update_button = widgets.Button(description="Update", tooltip="w ← w − η ∂E/∂w for every weight and bias")

    def on_forward(_):
        if state["forward"] == L:  # start a new walk
            state["forward"], state["backward"] = 0, 0
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
        E_after = loss(forward(new, x).output, T)
        values = {}
        for name, (kind, l, j, i) in where.items():
            values[name] = float(new.weights[l][j, i] if kind == "w" else new.biases[l][j])
        state["forward"], state["backward"] = L, L
        state["message"] = f"Updated every weight: E went from {fmt(grads.loss)} to {fmt(E_after)}."
        explorer.set_values(**{k: min(max(val, -2.0), 2.0) for k, val in values.items()})

    def on_reset():
        state.update(forward=L, backward=L, message="Press Forward to start a step-by-step pass.")

    forward_button.on_click(on_forward)
    backward_button.on_click(on_backward)
    update_button.on_click(on_update)
    explorer = Explorer(controls, fig, refresh, buttons=[forward_button, backward_button, update_button],
                        title="A 2-2-2 network, one layer at a time", on_reset=on_reset,
                        handles={"diagram": diagram})
    explorer.buttons = {"forward": forward_button, "backward": backward_button, "update": update_button}
    return explorer
