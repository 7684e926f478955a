"""Optimizers, schedules and clipping against hand-computed steps."""

import numpy as np
import pytest

import backprop_lab as bl


def test_sgd_step():
    (p,) = bl.SGD().update([np.array([1.0, -2.0])], [np.array([0.5, -1.0])], lr=0.1)
    np.testing.assert_allclose(p, [0.95, -1.9], rtol=1e-15)


def test_momentum_two_steps_by_hand():
    opt = bl.Momentum(beta=0.9)
    p = [np.array([1.0])]
    p = opt.update(p, [np.array([2.0])], lr=0.1)  # v = 2, p = 1 - 0.2
    assert p[0][0] == pytest.approx(0.8, rel=1e-15)
    p = opt.update(p, [np.array([1.0])], lr=0.1)  # v = 0.9*2 + 1 = 2.8, p = 0.8 - 0.28
    assert p[0][0] == pytest.approx(0.52, rel=1e-14)


def test_adam_three_steps_by_hand():
    # Kingma & Ba's Algorithm 1 with g = 0.5, then -1.0, then 2.0 on one parameter.
    b1, b2, eps, lr = 0.9, 0.999, 1e-8, 0.01
    opt, p = bl.Adam(b1, b2, eps), [np.array([1.0])]
    m = v = 0.0
    theta = 1.0
    for t, g in enumerate([0.5, -1.0, 2.0], start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        theta -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
        p = opt.update(p, [np.array([g])], lr)
        assert p[0][0] == pytest.approx(theta, rel=1e-14)
    # Written out: after step 1 the move is lr * g/|g| = 0.01 (to 1e-8).
    assert bl.Adam().update([np.array([1.0])], [np.array([0.5])], 0.01)[0][0] == pytest.approx(0.99, abs=1e-9)
    assert theta == pytest.approx(0.989464, abs=1e-6)  # 1 - 0.01 + 0.003661 - 0.0041966


def test_schedules():
    step = bl.StepDecay(drop=0.1, every=10)
    assert [step(t, 2.0) for t in (0, 9, 10, 25)] == pytest.approx([2.0, 2.0, 0.2, 0.02])
    expo = bl.ExponentialDecay(gamma=0.9)
    assert expo(3, 1.0) == pytest.approx(0.729)


def test_train_records_the_scheduled_lr():
    X, Y = bl.datasets.xor()
    history = bl.train(bl.Network([2, 2, 1], seed=1), X, Y, lr=1.0, epochs=5,
                       schedule=bl.ExponentialDecay(0.5))
    np.testing.assert_allclose(history.lrs, [1.0, 0.5, 0.25, 0.125, 0.0625])


def test_clipping():
    g = [np.array([3.0, -4.0]), np.array([12.0])]
    np.testing.assert_array_equal(bl.clip_by_value(g, 3.5)[0], [3.0, -3.5])
    clipped = bl.clip_by_norm(g, 6.5)  # joint norm is 13
    np.testing.assert_allclose(np.concatenate(clipped), [1.5, -2.0, 6.0])
    assert bl.clip_by_norm(g, 100.0)[1] is g[1]  # under the limit: untouched


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_every_optimizer_learns_xor(optimizer):
    X, Y = bl.datasets.xor()
    lr = {"sgd": 5.0, "momentum": 1.0, "adam": 0.05}[optimizer]
    history = bl.train(bl.Network([2, 3, 1], seed=2), X, Y, lr=lr, epochs=1500, optimizer=optimizer)
    assert history.losses[-1] < 0.01 < history.losses[0]


def test_clipping_tames_an_exploding_run():
    X = np.array([[1.0], [2.0], [3.0]])
    net = bl.Network.from_weights([[[0.5]]], [[0.0]], activation="linear")
    wild = bl.train(net, X, 2 * X, lr=0.4, epochs=200)
    assert wild.diverged and wild.losses[-1] > 1e3 * wild.losses[0]  # each step overshoots further
    tamed = bl.train(net, X, 2 * X, lr=0.4, epochs=200, clip_norm=0.1)
    assert not tamed.diverged and tamed.losses[-1] < tamed.losses[0]
