"""Central differences for one layer function and for a whole Sequential; relative error of gradient lists."""

import re

import numpy as np
import pytest

import backprop_lab as bl
from backprop_lab import layers, models, signals
from backprop_lab.gradcheck import layer_gradients, model_gradients


def test_layer_gradients_of_the_difference_filter_by_hand():
    x, w, b = [[[1.0, 4.0, 9.0, 16.0]]], [[[-1.0, 1.0]]], [0.5]
    dx, dw, db = layer_gradients(layers.conv1d_forward, [x, w, b], [[[1.0, 1.0, 1.0]]])
    np.testing.assert_allclose(dw, [[[14.0, 29.0]]], rtol=1e-9)
    np.testing.assert_allclose(db, [3.0], rtol=1e-9)
    np.testing.assert_allclose(dx, [[[-1.0, 0.0, 0.0, 1.0]]], atol=1e-9)


def test_layer_gradients_agree_with_batch_norm_backward_and_leave_the_inputs_alone():
    rng = np.random.default_rng(4)
    x, dy = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    gamma, beta = rng.normal(size=3), rng.normal(size=3)
    kept = x.copy()
    numeric = layer_gradients(layers.batch_norm_forward, [x, gamma, beta], dy)
    analytic = layers.batch_norm_backward(dy, layers.batch_norm_forward(x, gamma, beta)[1])
    assert bl.relative_error(list(analytic), numeric) < 1e-8
    assert bl.relative_error(list(analytic), numeric) > 0.0  # really computed, not copied
    assert np.array_equal(x, kept)


def test_layer_gradients_bad_input():
    with pytest.raises(TypeError, match="forward must be a layer function"):
        layer_gradients("conv", [[1.0]], [1.0])
    with pytest.raises(TypeError, match="inputs must be a list of the layer's arrays"):
        layer_gradients(layers.conv1d_forward, [], [1.0])
    msg = "dy must have the shape of the layer's output (1, 1, 3), got (3,)"
    with pytest.raises(ValueError, match=re.escape(msg)):
        layer_gradients(layers.conv1d_forward, [[[[1.0, 2, 3, 4]]], [[[1.0, 1.0]]], [0.0]], [1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match=re.escape("inputs[1] contains NaN or infinity")):
        layer_gradients(layers.conv1d_forward, [[[[1.0, 2]]], [[[np.nan]]], [0.0]], [[[1.0, 1.0]]])


@pytest.mark.parametrize("batch_norm", [False, True])
def test_model_gradients_agree_with_the_backward_pass(batch_norm):
    X, Y = bl.datasets.moons(12, noise=0.1, seed=3)
    model = models.from_network(bl.Network([2, 4, 3, 1], seed=5), batch_norm=batch_norm)
    before = [p.copy() for p in model.params()]
    running = [b.running_mean.copy() for b in model.blocks if hasattr(b, "running_mean")]
    numeric = model_gradients(model, X, Y, "cross_entropy")
    # a copy was perturbed: neither the parameters nor batch norm's running estimates moved
    assert all(np.array_equal(p, q) for p, q in zip(before, model.params()))
    assert len(running) == (2 if batch_norm else 0)
    assert all(np.array_equal(r, b.running_mean)
               for r, b in zip(running, [b for b in model.blocks if hasattr(b, "running_mean")]))
    model.gradients(X, Y, "cross_entropy")
    assert [g.shape for g in numeric] == [g.shape for g in model.grads()]
    assert 0.0 < bl.relative_error(model.grads(), numeric) < 1e-8


def test_model_gradients_of_the_conv_detector():
    X, Y = signals.pattern_signals(n=6, length=10, seed=3)
    model = models.conv_detector(channels=2, kernel=3, seed=1)
    numeric = model_gradients(model, X, Y, "cross_entropy")
    model.gradients(X, Y, "cross_entropy")
    assert bl.relative_error(model.grads(), numeric) < 1e-8


def test_model_gradients_bad_input():
    with pytest.raises(TypeError, match="model must be a backprop_lab.models.Sequential, got Network"):
        model_gradients(bl.Network([2, 1]), [[1.0, 2.0]], [[1.0]])
    model = models.from_network(bl.Network([2, 1], seed=0))
    with pytest.raises(ValueError, match="unknown loss"):
        model_gradients(model, [[1.0, 2.0]], [[1.0]], loss="hinge")


def test_relative_error_of_lists_of_arrays():
    a = [np.array([3.0, 0.0]), np.array([[0.0], [4.0]])]
    b = [np.array([3.0, 0.0]), np.array([[0.0], [-4.0]])]
    assert bl.relative_error(a, b) == pytest.approx(8.0 / 10.0)  # ‖a − b‖ = 8, ‖a‖ = ‖b‖ = 5
    assert bl.relative_error(a, a) == 0.0
    with pytest.raises(ValueError, match="cannot compare a list of 2 gradients with a list of 1"):
        bl.relative_error(a, b[:1])
    with pytest.raises(ValueError, match=re.escape("cannot compare gradients of shapes (2,) and (2, 1)")):
        bl.relative_error(a, b[::-1])
