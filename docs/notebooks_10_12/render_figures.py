"""Render the figures of notebooks 10 and 11 for the closing note into docs/notebooks_10_12/ and print
their numbers (run from the repository root).

The same calls, data and settings as the notebooks; docs/audit_10_12.md lists every claim with its number.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import backprop_lab as bl  # noqa: E402

OUT = "docs/notebooks_10_12/"
SAVE = dict(dpi=100, metadata={"Software": None})

# --- 10: one confidently wrong sigmoid neuron (w = b = 2, x = 1, T = 0), η = 0.5 ---
neuron = bl.Network.from_weights([[[2.0]]], [[2.0]])
x, T = np.array([[1.0]]), np.array([[0.0]])
names = {"half_sse": "½ squared error", "cross_entropy": "cross-entropy"}
outputs = {loss: bl.slowdown.output_per_epoch(neuron, x, T, lr=0.5, epochs=300, loss=loss)[:, 0, 0]
           for loss in names}
trace = bl.forward(neuron, x)
deltas = {loss: bl.backward(neuron, trace, T, loss=loss).deltas[-1][0, 0] for loss in names}
o = np.linspace(0.5, 0.999, 200)
sigmoid = bl.ACTIVATIONS["sigmoid"]
net_o = 2 * np.arctanh(2 * o - 1)  # the net input whose sigmoid is o
curves = {loss: bl.LOSSES[loss].evaluate(net_o, o, np.zeros_like(o), sigmoid)[1]
          for loss in names}  # o as one sample of 200 outputs: its δ, with no 1/B

fig, (left, right) = plt.subplots(1, 2, figsize=(11.2, 4.2), layout="constrained")
for loss, label in names.items():
    left.plot(o, curves[loss], lw=2.4, label=label)
    right.plot(np.arange(301), outputs[loss], lw=2.4, label=label)
left.set_xlabel("output o (target T = 0)", fontsize=12)
left.set_ylabel("output δ = ∂E/∂net", fontsize=12)
left.set_title("the push on a wrong output", fontsize=13)
right.set_xlabel("epoch", fontsize=12)
right.set_ylabel("output o", fontsize=12)
right.set_title("training from o = 0.982 (w = b = 2), η = 0.5", fontsize=13)
for loss in names:
    n = bl.slowdown.first_epoch_below(outputs[loss], 0.5)
    right.annotate(f"o < 0.5 after {n} epochs", (n, 0.5), xytext=(n + 25, 0.62) if n > 20 else (120, 0.3),
                   fontsize=11, arrowprops=dict(arrowstyle="->"))
for ax in (left, right):
    ax.tick_params(labelsize=11)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=11)
fig.savefig(OUT + "slowdown.png", **SAVE)
print("10 · slowdown")
for loss in names:
    print(f"  {loss:13s} δ at o = 0.982: {deltas[loss]:.4f}   epochs until o < 0.5:"
          f" {bl.slowdown.first_epoch_below(outputs[loss], 0.5)}, until o < 0.1:"
          f" {bl.slowdown.first_epoch_below(outputs[loss], 0.1)}, o after 300: {outputs[loss][-1]:.4f}")

# --- 11: 2-64-1 tanh on noisy_circles(30), validation on noisy_circles(200, seed=1), η = 1.0, 3000 epochs ---
X, Y = bl.datasets.noisy_circles(30, seed=0)
X_val, Y_val = bl.datasets.noisy_circles(200, seed=1)
start = bl.Network([2, 64, 1], activation=["tanh", "sigmoid"], seed=0)
settings = dict(lr=1.0, epochs=3000, loss="cross_entropy", validation=(X_val, Y_val), seed=0)
runs = {"no cure": bl.train(start, X, Y, **settings),
        "weight decay λ = 0.01": bl.train(start, X, Y, weight_decay=0.01, **settings),
        "early stopping, patience 200": bl.train(start, X, Y, early_stopping=200, **settings),
        "dropout p = 0.7": bl.train(start, X, Y, dropout=0.7, **settings)}
plain = runs["no cure"]

fig, (left, right) = plt.subplots(1, 2, figsize=(11.2, 4.4), layout="constrained")
bl.figures.plot_validation_curves(plain.losses, plain.val_losses, plain.best_epoch, ax=left)
left.set_title("2-64-1 on 30 noisy points: training and validation loss", fontsize=13)
bl.figures.plot_decision_boundary(plain.network, X, Y, ax=right, colorbar=True)
right.set_title(f"after {plain.epochs} epochs: every training point right", fontsize=13)
fig.savefig(OUT + "overfitting.png", **SAVE)
b = plain.best_epoch
print("11 · overfitting")
print(f"  lowest validation loss after {b} epochs: {plain.val_losses[b]:.4f}"
      f" (training loss {plain.losses[b]:.4f});"
      f" after {plain.epochs}: validation {plain.val_losses[-1]:.4f}, training {plain.losses[-1]:.4f}")

fig, (left, right) = plt.subplots(1, 2, figsize=(12.0, 4.4), layout="constrained",
                                  gridspec_kw={"width_ratios": [1.5, 1]})
compare = bl.figures.plot_loss_curves({name: h.val_losses for name, h in runs.items()}, ax=left)
compare.legend.remove()
left.set_ylabel("validation loss", fontsize=12)
left.set_title("validation loss per epoch, same network and start", fontsize=13)
returned = {name: bl.loss(bl.forward(h.network, X_val), Y_val, "cross_entropy") for name, h in runs.items()}
accuracy = {name: bl.accuracy(h.network, X_val, Y_val) for name, h in runs.items()}
colours = [line.get_color() for line in compare.lines.values()]
bars = right.barh(list(returned)[::-1], list(returned.values())[::-1], color=colours[::-1])
for bar, name in zip(bars, list(returned)[::-1]):
    right.text(bar.get_width() + 0.02, bar.get_y() + bar.get_height() / 2,
               f"{returned[name]:.3f}  ({accuracy[name]:.1%} right)", va="center", fontsize=11)
right.set_xlim(0, 2.7)
right.set_xlabel("validation loss of the network returned", fontsize=12)
right.set_title("what each cure changed", fontsize=13)
for ax in (left, right):
    ax.tick_params(labelsize=11)
fig.savefig(OUT + "cures.png", **SAVE)
print("11 · cures (validation loss of the network returned, validation accuracy, epochs, best epoch)")
for name, h in runs.items():
    print(f"  {name:29s} {returned[name]:.4f}  {accuracy[name]:.1%}  {h.epochs:4d}  {h.best_epoch}")
