"""Batch norm, 1-D convolution, max pooling: hand cases, central differences on random shapes, bad input."""

import re

import numpy as np
import pytest

from backprop_lab import layers
from backprop_lab.gradcheck import _central_differences


def numerical(E, *arrays, eps=1e-6):
    """∂E/∂a for every array a (perturbed in place, then restored)."""
    return [_central_differences(a, E, eps) for a in arrays]


# --- batch normalisation ---------------------------------------------------------------------------


def test_batch_norm_by_hand():
    y, cache = layers.batch_norm_forward([[1.0, 10.0], [3.0, 10.0], [5.0, 16.0]], [2.0, 1.0], [0.5, -1.0])
    # column 0: μ = 3, σ² = 8/3 (biased); column 1: μ = 12, σ² = 8
    assert cache.mean.tolist() == [3.0, 12.0]
    assert cache.var == pytest.approx([8 / 3, 8.0], rel=1e-15)
    s0, s1 = np.sqrt(8 / 3 + 1e-5), np.sqrt(8.0 + 1e-5)
    assert y[:, 0] == pytest.approx([0.5 - 4 / s0, 0.5, 0.5 + 4 / s0], rel=1e-14)
    assert y[:, 1] == pytest.approx([-1 - 2 / s1, -1 - 2 / s1, -1 + 4 / s1], rel=1e-14)


def test_two_samples_normalise_to_minus_one_and_one_so_x_gets_no_gradient():
    # With B = 2 and ε = 0, x̂ = ±1 whatever x is: E cannot change with x, so ∂E/∂x = 0.
    y, cache = layers.batch_norm_forward([[0.3], [7.0]], [1.5], [0.25], eps=0.0)
    assert y.ravel() == pytest.approx([-1.25, 1.75], rel=1e-15)
    dx, dgamma, dbeta = layers.batch_norm_backward([[1.0], [2.0]], cache)
    assert dx.ravel() == pytest.approx([0.0, 0.0], abs=1e-16)
    assert dgamma == pytest.approx([1.0], rel=1e-15)  # Σ dy x̂ = −1 + 2
    assert dbeta.tolist() == [3.0]


@pytest.mark.parametrize("shape", [(2, 1), (3, 4), (7, 5), (16, 2)])
def test_batch_norm_backward_against_central_differences(shape):
    rng = np.random.default_rng(shape[0] * 10 + shape[1])
    x = rng.normal(size=shape) * rng.uniform(0.5, 3.0, size=shape[1]) + rng.normal(size=shape[1])
    gamma, beta = rng.normal(size=shape[1]), rng.normal(size=shape[1])
    dy = rng.normal(size=shape)

    def E():  # a loss whose ∂E/∂y is dy
        return float(np.sum(dy * layers.batch_norm_forward(x, gamma, beta)[0]))

    dx, dgamma, dbeta = layers.batch_norm_backward(dy, layers.batch_norm_forward(x, gamma, beta)[1])
    ndx, ndgamma, ndbeta = numerical(E, x, gamma, beta)
    np.testing.assert_allclose(dx, ndx, rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(dgamma, ndgamma, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(dbeta, ndbeta, rtol=1e-6, atol=1e-8)
    # Shifting a whole column does not change x̂, so dx sums to 0; with ε = 0 scaling it does not
    # either, so dx is also orthogonal to x̂.
    np.testing.assert_allclose(dx.sum(axis=0), 0.0, atol=1e-12)
    cache = layers.batch_norm_forward(x, gamma, beta, eps=0.0)[1]
    dx0 = layers.batch_norm_backward(dy, cache)[0]
    np.testing.assert_allclose(np.sum(dx0 * cache.x_hat, axis=0), 0.0, atol=1e-12)


# --- convolution -----------------------------------------------------------------------------------


def test_conv1d_by_hand():
    x, w = [[[1.0, 4.0, 9.0, 16.0]]], [[[-1.0, 1.0]]]
    assert layers.conv1d_forward(x, w, [0.5]).tolist() == [[[3.5, 5.5, 7.5]]]
    dx, dw, db = layers.conv1d_backward([[[1.0, 1.0, 1.0]]], x, w)
    assert dw.tolist() == [[[1.0 + 4.0 + 9.0, 4.0 + 9.0 + 16.0]]]  # each tap summed over its 3 positions
    assert db.tolist() == [3.0]
    assert dx.tolist() == [[[-1.0, 0.0, 0.0, 1.0]]]  # inner samples get +1 and −1 and cancel


def test_conv1d_with_two_channels_by_hand():
    x = [[[1.0, 2.0, 3.0], [0.0, 1.0, 0.0]]]  # C_in = 2, L = 3
    w = [[[1.0, 0.0], [0.0, 2.0]], [[0.0, 0.0], [1.0, 1.0]]]  # C_out = 2, K = 2
    y = layers.conv1d_forward(x, w, [0.0, 1.0])
    assert y.tolist() == [[[1.0 + 2.0, 2.0 + 0.0], [1.0 + 1.0, 1.0 + 1.0]]]


CONV_SHAPES = [(1, 1, 5, 1, 2), (2, 3, 7, 2, 3), (3, 2, 6, 4, 6), (2, 1, 9, 3, 1)]  # B, C_in, L, C_out, K


@pytest.mark.parametrize("B, C_in, L, C_out, K", CONV_SHAPES)
def test_conv1d_backward_against_central_differences(B, C_in, L, C_out, K):
    rng = np.random.default_rng(B + 10 * C_in + 100 * L + 1000 * C_out + 10000 * K)
    x, w, b = rng.normal(size=(B, C_in, L)), rng.normal(size=(C_out, C_in, K)), rng.normal(size=C_out)
    dy = rng.normal(size=(B, C_out, L - K + 1))

    def E():
        return float(np.sum(dy * layers.conv1d_forward(x, w, b)))

    dx, dw, db = layers.conv1d_backward(dy, x, w)
    ndx, ndw, ndb = numerical(E, x, w, b)
    np.testing.assert_allclose(dx, ndx, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(dw, ndw, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(db, ndb, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("B, C_in, L, C_out, K", CONV_SHAPES)
def test_conv1d_is_a_dense_layer_with_shared_weights(B, C_in, L, C_out, K):
    rng = np.random.default_rng(K)
    x, w, b = rng.normal(size=(B, C_in, L)), rng.normal(size=(C_out, C_in, K)), rng.normal(size=C_out)
    dense = layers.conv1d_dense(w, b, L)
    L_out = L - K + 1
    assert dense.matrix.shape == (C_out * L_out, C_in * L)
    y = x.reshape(B, -1) @ dense.matrix.T + dense.bias
    np.testing.assert_allclose(y, layers.conv1d_forward(x, w, b).reshape(B, -1), rtol=1e-13, atol=1e-13)
    # Each filter weight sits at L_out places; the dense gradient δᵀ o summed over them is the conv's dw.
    assert len(dense.positions(C_out - 1, C_in - 1, K - 1)) == L_out
    assert int(np.sum(dense.index >= 0)) == w.size * L_out
    dy = rng.normal(size=(B, C_out, L_out))
    dense_grad = dy.reshape(B, -1).T @ x.reshape(B, -1)
    np.testing.assert_allclose(
        dense.shared_gradient(dense_grad), layers.conv1d_backward(dy, x, w)[1], rtol=1e-12, atol=1e-12
    )


def test_conv1d_dense_by_hand():
    dense = layers.conv1d_dense([[[2.0, 3.0]]], [0.5], length=3)
    assert dense.matrix.tolist() == [[2.0, 3.0, 0.0], [0.0, 2.0, 3.0]]
    assert dense.index.tolist() == [[0, 1, -1], [-1, 0, 1]]
    assert dense.bias.tolist() == [0.5, 0.5]
    assert dense.shared_gradient([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]).tolist() == [[[1.0 + 5.0, 2.0 + 6.0]]]
    assert repr(dense) == "<ConvDense: 2×3 matrix, 4 non-zero entries sharing 2 filter weights>"


# --- max pooling -----------------------------------------------------------------------------------


def test_max_pool_by_hand_and_against_central_differences():
    y, argmax = layers.max_pool_forward([[[0.0, 3.0, 1.0], [-2.0, -5.0, -1.0]]])
    assert y.tolist() == [[3.0, -1.0]] and argmax.tolist() == [[1, 2]]
    assert layers.max_pool_backward([[10.0, 20.0]], argmax, 3).tolist() == [
        [[0.0, 10.0, 0.0], [0.0, 0.0, 20.0]]
    ]
    rng = np.random.default_rng(3)
    x, dy = rng.normal(size=(3, 2, 6)), rng.normal(size=(3, 2))
    dx = layers.max_pool_backward(dy, layers.max_pool_forward(x)[1], 6)
    (ndx,) = numerical(lambda: float(np.sum(dy * layers.max_pool_forward(x)[0])), x)
    np.testing.assert_allclose(dx, ndx, rtol=1e-6, atol=1e-9)


# --- bad input -------------------------------------------------------------------------------------

X3 = np.ones((2, 1, 5))
W3 = np.ones((2, 1, 3))
CACHE = layers.batch_norm_forward([[1.0], [2.0]], [1.0], [0.0])[1]


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            lambda: layers.batch_norm_forward([[1.0, 2.0]], [1.0, 1.0], [0.0, 0.0]),
            ValueError,
            "x must hold at least 2 samples to normalise over the batch, got shape (1, 2)",
        ),
        (
            lambda: layers.batch_norm_forward([1.0, 2.0], [1.0], [0.0]),
            ValueError,
            "x must have 2 dimension(s), got shape (2,)",
        ),
        (
            lambda: layers.batch_norm_forward([[1.0], [2.0]], [1.0, 1.0], [0.0]),
            ValueError,
            "gamma must have shape (1,), one entry per feature (column of x), got shape (2,)",
        ),
        (
            lambda: layers.batch_norm_forward([[1.0], [2.0]], [1.0], "b"),
            TypeError,
            "beta must be numbers or an array of numbers, got str",
        ),
        (
            lambda: layers.batch_norm_forward([[1.0], [2.0]], [1.0], [0.0], eps=-1.0),
            ValueError,
            "eps must be a finite number >= 0, got -1.0",
        ),
        (
            lambda: layers.batch_norm_forward([[1.0], [1.0]], [1.0], [0.0], eps=0.0),
            ValueError,
            "x has a feature that is the same in every sample; normalising it needs eps > 0",
        ),
        (
            lambda: layers.batch_norm_backward([[1.0], [2.0]], "cache"),
            TypeError,
            "cache must be the BatchNormCache from batch_norm_forward, got str",
        ),
        (
            lambda: layers.batch_norm_backward([[1.0, 2.0]], CACHE),
            ValueError,
            "dy must have the shape of the forward pass's output (2, 1), got (1, 2)",
        ),
        (
            lambda: layers.conv1d_forward(np.ones((2, 5)), W3, [0.0, 0.0]),
            ValueError,
            "x must have 3 dimension(s), got shape (2, 5)",
        ),
        (
            lambda: layers.conv1d_forward(X3, np.ones((2, 3, 3)), [0.0, 0.0]),
            ValueError,
            "w has 3 input channels (shape (2, 3, 3)) but x has 1 (shape (2, 1, 5));"
            " w must be (C_out, C_in, K) with C_in = x.shape[1]",
        ),
        (
            lambda: layers.conv1d_forward(X3, np.ones((2, 1, 6)), [0.0, 0.0]),
            ValueError,
            "the filter (K = 6) is longer than the signal (L = 5)",
        ),
        (
            lambda: layers.conv1d_forward(X3, W3, [0.0]),
            ValueError,
            "b must have shape (2,), one entry per output channel (row of w), got shape (1,)",
        ),
        (
            lambda: layers.conv1d_forward(X3, W3, [0.0, np.nan]),
            ValueError,
            "b contains NaN or infinity; every value must be finite",
        ),
        (
            lambda: layers.conv1d_backward(np.ones((2, 2, 4)), X3, W3),
            ValueError,
            "dy must have the shape of the forward pass's output (2, 2, 3), got (2, 2, 4)",
        ),
        (
            lambda: layers.conv1d_dense(W3, [0.0, 0.0], length=0),
            ValueError,
            "length must be at least 1, got 0",
        ),
        (
            lambda: layers.conv1d_dense(W3, [0.0, 0.0], length=2),
            ValueError,
            "the filter (K = 3) is longer than the signal (length = 2)",
        ),
        (
            lambda: layers.conv1d_dense(W3, [0.0, 0.0], 5).shared_gradient(np.ones((3, 3))),
            ValueError,
            "dense_grad must have the dense matrix's shape (6, 5), got (3, 3)",
        ),
        (
            lambda: layers.max_pool_forward(np.ones((2, 3))),
            ValueError,
            "x must have 3 dimension(s), got shape (2, 3)",
        ),
        (
            lambda: layers.max_pool_backward(np.ones((1, 2)), np.array([[0, 5]]), 5),
            ValueError,
            "argmax must be the positions from max_pool_forward, shape (1, 2), in [0, 5)",
        ),
    ],
)
def test_bad_input_is_refused_in_plain_words(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()
