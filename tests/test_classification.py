"""Notebooks 10-12's package parts: the output per epoch, the initial bound, class regions,
validation curves, and the spiral and overfitting explorers."""

import matplotlib
import numpy as np
import pytest

import backprop_lab as bl
from backprop_lab import explorers
from backprop_lab.figures import regions

matplotlib.use("Agg")

NEURON = bl.Network.from_weights([[[2.0]]], [[2.0]])
X1, T0 = np.array([[1.0]]), np.array([[0.0]])


def test_output_per_epoch_follows_the_trainer_and_counts_the_slowdown():
    o = bl.slowdown.output_per_epoch(NEURON, X1, T0, lr=0.5, epochs=80)
    assert o.shape == (81, 1, 1)
    assert o[0, 0, 0] == pytest.approx(1 / (1 + np.exp(-4.0)), rel=1e-12)
    h = bl.train(NEURON, X1, T0, lr=0.5, epochs=80)
    # half_sse of one sample with T = 0 is o²/2: the recorded losses give the same outputs
    np.testing.assert_allclose(o[:80, 0, 0], np.sqrt(2 * h.losses), rtol=1e-12)
    assert bl.slowdown.first_epoch_below(o[:, 0, 0], 0.5) == 71
    ce = bl.slowdown.output_per_epoch(NEURON, X1, T0, lr=0.5, epochs=20, loss="cross_entropy")[:, 0, 0]
    assert bl.slowdown.first_epoch_below(ce, 0.5) == 5 and bl.slowdown.first_epoch_below(ce, 0.1) == 15
    assert bl.slowdown.first_epoch_below([0.9, 0.8], 0.5) is None
    with pytest.raises(ValueError, match="epochs"):
        bl.slowdown.output_per_epoch(NEURON, X1, T0, lr=0.5, epochs=0)
    with pytest.raises(ValueError, match="values"):
        bl.slowdown.first_epoch_below([[0.1]], 0.5)


def test_init_limit_is_the_bound_the_network_draws_within():
    assert bl.network.init_limit("xavier", 2, 8) == pytest.approx(np.sqrt(0.6), rel=1e-15)
    assert bl.network.init_limit("he", 8, 1) == pytest.approx(np.sqrt(0.75), rel=1e-15)
    W = bl.Network([50, 40, 1], activation=["relu", "sigmoid"], seed=0).weights
    assert np.abs(W[0]).max() <= bl.network.init_limit("he", 50, 40)
    assert np.abs(W[0]).max() > 0.95 * bl.network.init_limit("he", 50, 40)
    assert np.abs(W[1]).max() <= bl.network.init_limit("xavier", 40, 1)
    with pytest.raises(ValueError, match="kind must be 'xavier' or 'he', got 'normal'"):
        bl.network.init_limit("normal", 2, 2)
    with pytest.raises(ValueError, match="n_in"):
        bl.network.init_limit("he", 0, 2)


def test_class_regions_colour_each_point_by_the_class_picked():
    X, Y = bl.datasets.blobs(60, classes=3, noise=0.1, seed=0)
    net = bl.train(bl.Network([2, 3], activation="softmax", seed=0), X, Y, lr=1.0, epochs=200,
                   loss="cross_entropy").network
    fig = regions.ClassRegions(net, X, Y, resolution=20)
    out = bl.forward(net, fig.grid).output
    picked = out.argmax(axis=1)
    mixed = regions.class_rgb(out)
    for k in range(3):  # every pixel of class k is the class colour mixed with white
        colour = np.array(matplotlib.colors.to_rgb(regions.COLOURS[k]))
        mix = (1 - mixed[picked == k]) / (1 - colour)
        assert np.allclose(mix, mix[:, :1], atol=1e-9)
        assert mix.min() >= 0.25 - 1e-9 and mix.max() <= 0.75 + 1e-9
    rgba = np.asarray(fig.image.get_array())  # drawn as opaque 8-bit RGBA
    assert rgba.shape == (20, 20, 4) and rgba.dtype == np.uint8 and (rgba[..., 3] == 255).all()
    np.testing.assert_array_equal(rgba[..., :3].reshape(-1, 3), np.rint(mixed * 255))
    assert [len(p.get_offsets()) for p in fig.points] == [20, 20, 20]
    assert [t.get_text() for t in fig.legend.get_texts()] == ["class 0", "class 1", "class 2"]
    with pytest.raises(ValueError, match=r"one-hot, shape \(n, K\) with K >= 2, got shape \(60, 1\)"):
        regions.ClassRegions(net, X, Y[:, :1])
    with pytest.raises(ValueError, match="2 inputs and 3 outputs, got sizes"):
        fig.update(bl.Network([2, 4], activation="softmax"))


def test_class_regions_and_the_playground_share_one_palette():
    """Notebook 10's regions and the playground's three classes: the same colours, markers and pixels."""
    X, Y = bl.datasets.spiral(60, classes=3, noise=0.05, seed=0)
    net = bl.Network([2, 8, 3], activation=["tanh", "softmax"], seed=1)
    a = regions.ClassRegions(net, X, Y, resolution=30)
    b = bl.figures.plot_decision_boundary(net, X, Y, resolution=30)
    assert regions.COLOURS[:3] == ("#c96d0d", "#6a4c9a", "#009E73")
    for pa, pb in zip(a.points, b.points):
        np.testing.assert_allclose(pa.get_facecolor(), pb.get_facecolor())
        assert pa.get_paths()[0].vertices.tolist() == pb.get_paths()[0].vertices.tolist()
    assert b.image.get_array().dtype == np.uint8
    np.testing.assert_array_equal(b.image.get_array()[..., :3].reshape(-1, 3),
                                  np.rint(regions.class_rgb(bl.forward(net, b.grid).output) * 255))


def test_grid_outputs_are_kept_per_network_weights():
    grid = np.array([[0.0, 0.0], [1.0, -1.0]])
    outputs = regions.GridOutputs(grid)
    net = bl.Network([2, 3, 2], activation=["tanh", "softmax"], seed=0)
    first = outputs(net)
    assert outputs(net) is first  # the same weights: kept
    net.weights[0][0, 0] += 0.5  # trained in place: computed again
    second = outputs(net)
    assert second is not first
    np.testing.assert_allclose(second, bl.forward(net, grid).output, rtol=1e-15)


def test_validation_curves_mark_the_best_epoch():
    curves = bl.figures.plot_validation_curves([0.5, 0.3, 0.2], [0.6, 0.4, 0.5], best_epoch=1)
    assert curves.best_line.get_visible() and list(curves.best_line.get_xdata()) == [2.0, 2.0]
    assert curves.best_label.get_text() == " lowest validation loss: epoch 1"
    assert list(curves.lines["validation"].get_ydata()) == [0.6, 0.4, 0.5]
    curves.update([0.5], [], None)
    assert not curves.best_line.get_visible() and not curves.best_label.get_visible()
    live = bl.figures.plot_validation_curves([0.5, 0.3, 0.2], [0.6, 0.4, 0.5], best_epoch=1, values=False)
    assert live.best_line.get_visible() and not live.best_label.get_visible()  # the epoch: in a table
    assert [t.get_text() for t in live.legend.get_texts()] == [
        "training", "validation", "lowest validation loss"]


def test_spiral_explorer_trains_what_the_trainer_trains():
    e = explorers.spiral_explorer()  # starts after 100 epochs
    e.step()
    X, Y = bl.datasets.spiral(150, noise=0.05, seed=0, classes=3)
    net = bl.Network([2, 16, 16, 3], activation=["tanh", "tanh", "softmax"], seed=0)
    h = bl.train(net, X, Y, lr=1.0, epochs=120, loss="cross_entropy")
    np.testing.assert_allclose(e.handles["curve"].line.get_ydata(), h.losses, rtol=1e-12)
    assert "<td>epoch</td><td>120</td>" in e.numbers.value and e.error.value == ""
    e.controls["loss"].value = "half_sse"  # another loss: its own run from the start, to the same epoch
    sse = bl.train(net, X, Y, lr=1.0, epochs=120, loss="half_sse")
    np.testing.assert_allclose(e.handles["curve"].line.get_ydata(), sse.losses, rtol=1e-12)
    assert f"<td>accuracy</td><td>{bl.accuracy(sse.network, X, Y):.0%}</td>" in e.numbers.value
    e.controls["loss"].value = "cross_entropy"  # back: the run kept, not trained again
    np.testing.assert_allclose(e.handles["curve"].line.get_ydata(), h.losses, rtol=1e-12)
    e.reset()
    assert "<td>epoch</td><td>100</td>" in e.numbers.value and e.error.value == ""


def test_overfitting_explorer_shows_the_turning_point_and_stops_early():
    e = explorers.overfitting_explorer(epochs_per_tick=200)  # starts after 300 epochs
    e.step()
    X, Y = bl.datasets.noisy_circles(30, seed=0)
    val = bl.datasets.noisy_circles(200, seed=1)
    start = bl.Network([2, 64, 1], activation=["tanh", "sigmoid"], seed=0)
    h = bl.train(start, X, Y, lr=1.0, epochs=500, loss="cross_entropy", validation=val, seed=0)
    curves = e.handles["curves"]
    np.testing.assert_allclose(curves.lines["validation"].get_ydata(), h.val_losses, rtol=1e-12)
    assert h.best_epoch == 120
    assert "<td>lowest validation loss at epoch</td><td>120 (0.5791)</td>" in e.numbers.value
    assert list(curves.best_line.get_xdata()) == [121.0, 121.0]
    e.controls["patience"].value = 200  # trained to epoch 500 at most: stops after 321
    assert "stopped early after epoch 321" in e.numbers.value and e.error.value == ""
    e.controls["weight_decay"].value = 0.01  # a new setting: its own run, to the same epoch (321)
    assert "<td>epoch</td><td>321</td>" in e.numbers.value
    assert "λ = 0.01, dropout p = 0, early stopping patience 200; 2-64-1 tanh" in e.numbers.value
    e.reset()
    assert "<td>epoch</td><td>300</td>" in e.numbers.value and e.error.value == ""
