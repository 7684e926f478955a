"""Why backprop is cheap (counted) and the matrix form against the sample-by-sample loop."""

import math
import re

import numpy as np
import pytest

import backprop_lab as bl
from backprop_lab import cost, matrix_form


@pytest.mark.parametrize("sizes, batch", [([1, 1, 1], 1), ([2, 3, 1], 4), ([3, 5, 4, 2], 6)])
def test_finite_differences_take_two_forward_passes_per_parameter(sizes, batch):
    net = bl.Network(sizes, seed=0)
    rng = np.random.default_rng(1)
    X, T = rng.normal(size=(batch, sizes[0])), rng.uniform(size=(batch, sizes[-1]))
    fd = cost.finite_differences(net, X, T)
    P = sum(w.size + b.size for w, b in zip(net.weights, net.biases))
    assert fd.forward_passes == 2 * P
    reference = bl.numerical_gradients(net, X, T)
    for a, b in zip(fd.weights + fd.biases, reference.weights + reference.biases):
        np.testing.assert_array_equal(a, b)  # the same differences as gradcheck's
    assert fd.loss == pytest.approx(bl.backward(net, bl.forward(net, X), T).loss, rel=1e-15)


def test_gradient_cost_counts_by_hand():
    # 2-3-1 on 4 samples: a forward pass is 4 · (3·2 + 1·3) = 36 multiply-adds; backward forms both
    # ∂E/∂W (36) and sends δ back through the second layer (4 · 3 = 12): 48. P = 6 + 3 + 3 + 1 = 13.
    X, Y = bl.datasets.xor()
    c = cost.gradient_cost(bl.Network([2, 3, 1], seed=0), X, Y)
    assert (c.parameters, c.samples, c.fd_forward_passes, c.bp_forward_passes, c.bp_backward_passes) == (
        13,
        4,
        26,
        1,
        1,
    )
    assert (c.forward_multiply_adds, c.fd_multiply_adds, c.bp_multiply_adds) == (36, 26 * 36, 36 + 48)
    assert c.ratio == pytest.approx(936 / 84)
    assert c.relative_error < 1e-8
    assert math.isnan(c.fd_seconds) and math.isnan(c.bp_seconds)
    assert repr(c).splitlines()[:3] == [
        "GradientCost of 13 parameters on 4 sample(s)",
        "  finite differences: 26 forward passes, 936 multiply-adds",
        "  backpropagation:    1 forward + 1 backward pass, 84 multiply-adds",
    ]


def test_the_ratio_grows_with_the_network():
    X, Y = bl.datasets.moons(20, seed=0)
    ratios = [cost.gradient_cost(bl.Network([2, n, n, 1], seed=0), X, Y).ratio for n in (2, 4, 8, 16)]
    assert ratios == sorted(ratios) and ratios[-1] > 10 * ratios[0]
    assert [round(r, 2) for r in ratios] == [11.54, 27.26, 74.52, 232.84]


def test_multiply_adds_by_hand():
    assert cost.multiply_adds((2, 3, 1), batch=4) == (36, 36 + 12)
    assert cost.multiply_adds([4, 10, 3]) == (70, 70 + 30)  # the first layer sends no δ back
    assert cost.multiply_adds((2, 8, 8, 1), 20) == (20 * 88, 20 * 88 + 20 * 72)


def test_cost_sweep_counts_and_table():
    X, Y = bl.datasets.moons(20, seed=0)
    sweep = cost.cost_sweep([(2, n, n, 1) for n in (2, 8, 64)], X, Y)
    assert sweep.column("parameters").tolist() == [15, 105, 4417]
    assert sweep.column("fd_forward_passes").tolist() == [30, 210, 8834]
    assert [round(r, 2) for r in sweep.column("ratio")] == [11.54, 74.52, 2974.26]
    assert np.all(np.isnan(sweep.time_ratios))
    assert repr(sweep).splitlines() == [
        "network         P  FD passes  FD mult-adds  BP mult-adds  BP/forward     ratio  ratio/P",
        "2-2-2-1        15         30          6000           520        2.60      11.5    0.769",
        "2-8-8-1       105        210        369600          4960        2.82      74.5    0.710",
        "2-64-64-1    4417       8834     757603840        254720        2.97    2974.3    0.673",
    ]
    timed = cost.cost_sweep([(2, 2, 1), (2, 4, 1)], X, Y, timed=True, repeat=1)
    assert np.all(timed.time_ratios > 0) and "measured (varies from run to run):" in repr(timed)


def test_timing_is_measured_only_when_asked():
    c = cost.gradient_cost(bl.Network([2, 2, 1], seed=0), [0.1, 0.2], [1.0], timed=True, repeat=2)
    assert c.fd_seconds > 0 and c.bp_seconds > 0
    assert "varies from run to run" in repr(c)


@pytest.mark.parametrize(
    "loss, activation",
    [("half_sse", "sigmoid"), ("mse", ["tanh", "linear"]), ("cross_entropy", ["relu", "softmax"])],
)
def test_the_per_sample_loop_gives_the_batch_gradient(loss, activation):
    rng = np.random.default_rng(2)
    net = bl.Network([3, 4, 2], activation=activation, seed=1)
    X = rng.normal(size=(5, 3))
    Y = np.eye(2)[rng.integers(0, 2, 5)] if loss == "cross_entropy" else rng.uniform(size=(5, 2))
    loop = matrix_form.per_sample_gradients(net, X, Y, loss)
    batch = bl.backward(net, bl.forward(net, X), Y, loss)
    for a, b in zip(loop.weights + loop.biases, batch.weights + batch.biases):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)
    for alone, in_batch in zip(loop.deltas, batch.deltas):
        np.testing.assert_allclose(alone, 5 * in_batch, rtol=1e-12, atol=1e-15)  # the 1/B of the mean
    assert loop.loss == pytest.approx(batch.loss, rel=1e-12)


def test_the_per_sample_loop_on_simple_nn():
    ex = bl.examples.SIMPLE_NN
    loop = matrix_form.per_sample_gradients(ex.network(), ex.x, ex.T, ex.loss)
    np.testing.assert_allclose(loop.weights[0], [[-4.428, -5.904], [2.544, 3.612]], rtol=1e-12)
    # Hidden neuron 3 is off for sample 1 (net = −0.1), so that sample gives it no δ.
    assert loop.deltas[0][0, 0] == 0.0 and loop.deltas[0][1, 0] == pytest.approx(2 * -2.46 * 0.6)


def test_shapes_of_the_matrix_form():
    net = bl.Network([2, 3, 1], seed=0)
    assert matrix_form.shapes(net) == [
        {"layer": 1, "W": (3, 2), "O_in": (2,), "NET": (3,), "delta": (3,), "dE_dW": (3, 2), "dE_db": (3,)},
        {"layer": 2, "W": (1, 3), "O_in": (3,), "NET": (1,), "delta": (1,), "dE_dW": (1, 3), "dE_db": (1,)},
    ]
    assert matrix_form.shapes(net, batch=8)[1]["O_in"] == (8, 3)


NET = bl.Network([2, 2, 1], seed=0)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            lambda: cost.finite_differences(NET, [1.0, 2.0, 3.0], [1.0]),
            ValueError,
            "x must have 2 input value(s) per sample (shape (2,) or (B, 2)), got shape (3,)",
        ),
        (
            lambda: cost.finite_differences(NET, [1.0, 2.0], [1.0], eps=0),
            ValueError,
            "eps must be a finite number > 0, got 0.0",
        ),
        (
            lambda: cost.gradient_cost(NET, [1.0, 2.0], [1.0], timed="yes"),
            TypeError,
            "timed must be True or False, got 'yes'",
        ),
        (
            lambda: cost.gradient_cost(NET, [1.0, 2.0], [1.0], repeat=0),
            ValueError,
            "repeat must be at least 1, got 0",
        ),
        (
            lambda: matrix_form.per_sample_gradients(NET, [1.0, 2.0], [1.0]),
            ValueError,
            "X must be a batch of shape (B, 2), got shape (2,)",
        ),
        (
            lambda: matrix_form.per_sample_gradients(NET, [[1.0, 2.0]], [[1.0, 0.0]]),
            ValueError,
            "Y must have the network output's shape (1, 1), got shape (1, 2)",
        ),
        (lambda: matrix_form.shapes("net"), TypeError, "net must be a backprop_lab.Network, got str"),
        (lambda: cost.multiply_adds((3,)), ValueError, "sizes must list at least two layer widths, input"),
        (lambda: cost.multiply_adds("231"), ValueError, "sizes must list at least two layer widths"),
        (lambda: cost.multiply_adds((2, 0, 1)), ValueError, "sizes must be at least 1, got 0"),
        (lambda: cost.multiply_adds((2, 3, 1), batch=0), ValueError, "batch must be at least 1, got 0"),
        (lambda: cost.cost_sweep([], [[0.0, 0.0]], [[0.0]]), ValueError,
         "networks must list at least one network's layer sizes"),
        (lambda: matrix_form.shapes(NET, batch=0), ValueError, "batch must be at least 1, got 0"),
    ],
)
def test_bad_input_is_refused_in_plain_words(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()
