"""Notebook 16's explorer: the same deep network without and with batch normalisation, layer by layer."""

from .. import datasets, diagnostics, figures
from .._format import fmt
from ..models import from_network
from ..network import Network
from .base import Explorer, dropdown, int_slider, slider, table

__all__ = ["batch_norm_explorer"]

RUNS = ("without batch norm", "with batch norm")


def batch_norm_explorer(seed=0):
    """How far the net inputs spread and how large the gradients are, per layer, without and with batch norm.

    Controls: the number of hidden layers (1-10), their width, their
    activation (the output is a sigmoid trained with cross-entropy), and a
    factor on the initial weights. Both networks start from the very same
    weights on 200 moons points; batch norm (γ = 1, β = 0) sits between each
    hidden layer's dense block and its activation.

    Returns
    -------
    Explorer
        ``handles["spread"]`` and ``handles["norms"]`` are the two
        :class:`~backprop_lab.figures.GroupedBars`.
    """
    X, Y = datasets.moons(200, noise=0.1, seed=0)
    controls = {
        "depth": int_slider("hidden layers", 6, 1, 10),
        "width": dropdown("neurons", [4, 8, 16, 32], 16),
        "activation": dropdown("hidden f", ["sigmoid", "tanh", "relu"], "sigmoid"),
        "scale": slider("weight ×", 1.0, 0.25, 4.0, step=0.25, fmt=".2f"),
    }
    fig, (left, right) = figures.new_figure(ncols=2, width=4.7, height=3.5)
    start = {run: [1.0] * 6 for run in RUNS}
    spread = figures.plot_grouped_bars(start, ax=left, ylabel="spread of the net inputs", legend=False,
                                       shrink=False, slots=10)  # slots: a depth change keeps the axes
    start = {run: [1.0] * 7 for run in RUNS}
    norms = figures.plot_grouped_bars(start, ax=right, ylabel="gradient norm ‖∂E/∂W‖",
                                      legend=False, shrink=False, slots=11)
    left.set_xlabel("hidden layer (1 is next to the input)", fontsize=12)
    right.set_xlabel("weight layer (1 is next to the input)", fontsize=12)
    fig.legend(handles=[spread.bars[run] for run in RUNS], loc="outside upper center", ncols=2, fontsize=12,
               frameon=False)

    def refresh(v):
        depth = v["depth"]
        net = Network([2] + [v["width"]] * depth + [1], activation=[v["activation"]] * depth + ["sigmoid"],
                      seed=seed).scaled(v["scale"])
        reports = {run: diagnostics.layer_report(from_network(net, batch_norm=run == RUNS[1]), X, Y,
                                                 "cross_entropy") for run in RUNS}
        s = {run: r.spread for run, r in reports.items()}
        g = {run: r.norms for run, r in reports.items()}
        spread.update(s)
        norms.update(g)
        rows = [(f"layer {l + 1}", s[RUNS[0]][l] if l < depth else "", s[RUNS[1]][l] if l < depth else "",
                 g[RUNS[0]][l], g[RUNS[1]][l]) for l in range(depth + 1)]
        ratios = [g[run][0] / g[run][-1] if g[run][-1] > 0 else float("inf") for run in RUNS]
        note = (f"‖∂E/∂W‖ of layer 1 / layer {depth + 1}: {fmt(ratios[0], 3)} without batch norm,"
                f" {fmt(ratios[1], 3)} with it")
        return table(rows, ["layer", "spread without", "spread with", "‖∂E/∂W‖ without", "‖∂E/∂W‖ with"],
                     note=note, rows_up_to=11)  # up to 10 hidden layers: 11 weight layers

    return Explorer(controls, fig, refresh, title="Batch normalisation, layer by layer",
                    handles={"spread": spread, "norms": norms})
