"""What notebooks 06, 08 and 09 read off a pass or a run: δ per layer, dead ReLUs, epochs to a loss."""

import numpy as np
import pytest

import backprop_lab as bl


def test_delta_norms_are_the_norms_of_delta_per_layer():
    X, Y = bl.datasets.circles(100, noise=0.1, seed=0)
    net = bl.Network([2] + [8] * 5 + [1], activation=["relu"] * 5 + ["sigmoid"], seed=0)
    grads = bl.backward(net, bl.forward(net, X), Y, loss="cross_entropy")
    d = grads.delta_norms()
    assert d.shape == (6,)
    np.testing.assert_allclose(d, [np.linalg.norm(delta) for delta in grads.deltas], rtol=1e-14)
    assert d[0] / d[-1] == pytest.approx(3.0711, abs=5e-5)  # notebook 06 prints 3.07


def test_scaling_relu_weights_multiplies_the_delta_ratio_by_s_per_layer():
    """Notebook 06, section 4: biases 0, so the on/off pattern stays; each hidden layer adds a factor s."""
    X, Y = bl.datasets.circles(100, noise=0.1, seed=0)
    net = bl.Network([2] + [8] * 5 + [1], activation=["relu"] * 5 + ["sigmoid"], seed=0)
    ratio = {}
    for s in (1, 2, 3):
        big = net.scaled(s)
        d = bl.backward(big, bl.forward(big, X), Y, loss="cross_entropy").delta_norms()
        ratio[s] = d[0] / d[-1]
    assert ratio[2] / ratio[1] == pytest.approx(2**5, rel=0.01)
    assert ratio[3] / ratio[1] == pytest.approx(3**5, rel=0.01)
    # with ½ squared error the saturated output stops everything instead
    big = net.scaled(3)
    assert not bl.backward(big, bl.forward(big, X), Y).norms().any()


def test_dead_neurons_are_those_off_for_every_sample():
    X, _ = bl.datasets.circles(200, 0.1, 0)
    deep = bl.Network([2] + [8] * 6 + [1], activation=["relu"] * 6 + ["sigmoid"], seed=0)
    trace = bl.forward(deep, X)
    dead = trace.dead_neurons()
    assert [len(d) for d in dead] == [0, 0, 1, 3, 2, 2, 0]  # notebook 08: 8 of 48 before training
    for l, d in enumerate(dead):
        assert np.all(trace.outputs[l + 1][:, d] == 0.0)
        alive = np.setdiff1d(np.arange(trace.outputs[l + 1].shape[1]), d)
        assert np.all(trace.outputs[l + 1][:, alive].max(axis=0) > 0.0)
    one = bl.forward(deep, X[0])  # one sample: off for it
    assert all(np.all(one.outputs[l + 1][d] == 0.0) for l, d in enumerate(one.dead_neurons()))


def test_epochs_to_counts_updates_until_the_loss_is_below_the_target():
    X, Y = bl.datasets.moons(100, noise=0.15, seed=3)
    start = bl.Network([2, 6, 1], activation=["tanh", "sigmoid"], seed=3)
    h = bl.train(start, X, Y, lr=0.03, epochs=300, optimizer="adam")
    n = h.epochs_to(0.01)
    assert n == 172  # notebook 09
    assert h.losses[n] < 0.01 <= h.losses[n - 1]
    assert bl.train(start, X, Y, lr=1.0, epochs=300).epochs_to(0.01) is None
    with pytest.raises(ValueError, match="target"):
        h.epochs_to(0)
