"""Render the pictures of docs/inside_the_machinery.md into docs/inside/ (run from the repository root)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

import backprop_lab as bl  # noqa: E402
from backprop_lab import models, signals  # noqa: E402
from backprop_lab.autodiff import Value  # noqa: E402

OUT = "docs/inside/"


def named(value, label):
    value.label = label
    return value


# The chain of "Understanding Backpropagation in Deep Learning Networks", step 8 of its backward walk.
o1, w21, b2, w32, b3, T = (Value(v, label=n) for v, n in zip((0.2, 0.2, 0.1, 0.3, 0.1, 0.7),
                                                             ("o1", "w21", "b2", "w32", "b3", "T")))
o2 = named(named(w21 * o1 + b2, "net2").sigmoid(), "o2")
o3 = named(named(w32 * o2 + b3, "net3").sigmoid(), "o3")
E = named(0.5 * (T - o3) ** 2, "E")
bl.figures.step_backward(E).show_step(7).fig.savefig(OUT + "graph_chain_step8.png")

# "Backpropagation: How Networks Learn" (w = 2, x = 5, y = 12), and a value used twice.
w, x, y = Value(2.0, label="w"), Value(5.0, label="x"), Value(12.0, label="y")
L = named((y - named(w * x, "ŷ")) ** 2, "L")
bl.figures.step_backward(L).show_step(5).fig.savefig(OUT + "graph_linear_neuron_done.png")
a = Value(3.0, label="a")
bl.figures.step_backward(named(a * a + a, "b")).show_step(2).fig.savefig(OUT + "graph_fork.png")
bl.presentation(True)
bl.figures.step_backward(L).show_step(2).fig.savefig(OUT + "graph_linear_neuron_presenter.png")
bl.presentation(False)

# The pattern detector: signals, and its filters before and after training.
X, Y, starts = signals.pattern_signals(n=200, length=20, seed=0, positions=True)
model = models.conv_detector(channels=2, kernel=4, seed=2)
trained = models.fit(model, X, Y, lr=0.5, epochs=300, loss="cross_entropy").model
bl.figures.plot_filters(trained.blocks[0].params[0], before=model.blocks[0].params[0]).fig.savefig(
    OUT + "conv_filters.png")
bl.figures.plot_signals(X, Y, n=6, starts=starts, pattern_length=4).fig.savefig(OUT + "conv_signals.png")

# Six hidden sigmoid layers, same data and start, without and with batch normalisation.
Xm, Ym = bl.datasets.moons(200, noise=0.1, seed=0)
net = bl.Network([2] + [16] * 6 + [1], seed=0)
options = dict(lr=0.5, epochs=300, loss="cross_entropy")
plain = models.fit(models.from_network(net), Xm, Ym, **options)
normed = models.fit(models.from_network(net, batch_norm=True), Xm, Ym, **options)
fig, axes = plt.subplots(1, 3, figsize=(15, 4), layout="constrained")
curves = {"without batch norm": plain.losses, "with batch norm": normed.losses}
bl.figures.plot_loss_curves(curves, ax=axes[0])
bl.figures.plot_grad_norms(plain.grad_norms[0], ax=axes[1])
axes[1].set_title("without batch norm, epoch 1")
bl.figures.plot_grad_norms(normed.grad_norms[0], ax=axes[2])
axes[2].set_title("with batch norm, epoch 1")
fig.savefig(OUT + "batch_norm_comparison.png")
