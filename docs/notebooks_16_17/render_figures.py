"""Render the figures of notebooks 16 and 17 into docs/notebooks_16_17/ (run from the repository root).

The same calls, data and settings as the notebooks; the numbers they print are in docs/audit_16_17.md.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

import backprop_lab as bl  # noqa: E402

OUT = "docs/notebooks_16_17/"
SAVE = dict(dpi=100, metadata={"Software": None})

# --- 16: six hidden sigmoid layers, same data and start, without and with batch normalisation ---
X, Y = bl.datasets.moons(200, noise=0.1, seed=0)
net = bl.Network([2] + [16] * 6 + [1], seed=0)
plain, normed = bl.models.from_network(net), bl.models.from_network(net, batch_norm=True)
options = dict(lr=0.01, epochs=300, loss="cross_entropy", optimizer="momentum")
runs = {"without batch norm": bl.models.fit(plain, X, Y, **options),
        "with batch norm": bl.models.fit(normed, X, Y, **options)}
comparison = bl.figures.plot_training_comparison(runs)
comparison.fig.savefig(OUT + "batch_norm_comparison_epoch1.png", **SAVE)
comparison.show_epoch(300).fig.savefig(OUT + "batch_norm_comparison_epoch300.png", **SAVE)

fig, (left, right) = plt.subplots(1, 2, figsize=(11.2, 4.0), layout="constrained")
models = {"without batch norm": plain, "with batch norm": normed}
spreads = {k: bl.diagnostics.net_input_spread(m, X) for k, m in models.items()}
norms = {k: bl.diagnostics.gradient_norms(m, X, Y, "cross_entropy") for k, m in models.items()}
spread = bl.figures.plot_grouped_bars(spreads, ax=left, ylabel="spread of the net inputs", legend=False)
bl.figures.plot_grouped_bars(norms, ax=right, ylabel="gradient norm ‖∂E/∂W‖",
                             legend=False)
left.set_xlabel("hidden layer (1 is next to the input)", fontsize=12)
right.set_xlabel("weight layer (1 is next to the input)", fontsize=12)
fig.legend(handles=list(spread.bars.values()), loc="outside upper center", ncols=2, fontsize=12,
           frameon=False)
fig.savefig(OUT + "batch_norm_layers.png", **SAVE)

# --- 17: a convolution as a dense matrix; the pattern detector, its data and its filters ---
dense = bl.layers.conv1d_dense([[[-1.0, 2.0, 0.5]]], [0.0], length=6)
bl.figures.plot_conv_matrix(dense).fig.savefig(OUT + "conv_matrix.png", **SAVE)
X, Y, starts = bl.signals.pattern_signals(n=200, length=20, seed=0, positions=True)
signals = bl.figures.plot_signals(X, Y, n=6, starts=starts, pattern_length=4)
signals.fig.savefig(OUT + "conv_signals.png", **SAVE)
model = bl.models.conv_detector(channels=2, kernel=4, seed=2)
trained = bl.models.fit(model, X, Y, lr=0.5, epochs=300, loss="cross_entropy").model
before, after = model.blocks[0].weight, trained.blocks[0].weight
bl.figures.plot_filters(after, before=before).fig.savefig(OUT + "conv_filters.png", **SAVE)
slide = bl.figures.plot_conv_slide(X[0, 0], after[1, 0], t=1)  # the falling-step filter on signal 1
slide.signal_ax.set_title("signal 1 (class 1) and the trained filter 2 at t = 1", fontsize=12)
slide.fig.savefig(OUT + "conv_slide.png", **SAVE)
