"""1-D convolution (and global max pooling), forward and backward, as PyTorch's ``conv1d``.

x (B, C_in, L), w (C_out, C_in, K), b (C_out,); a cross-correlation, stride 1, no padding::

    y[b, o, t] = b_o + Σ_c Σ_k w[o, c, k] x[b, c, t + k]      t = 0 … L − K

Every weight w[o, c, k] is used at every position t, so its gradient is the
sum over positions: ``dw[o, c, k] = Σ_b Σ_t dy[b, o, t] x[b, c, t + k]``.
:func:`conv1d_dense` writes the same layer as a dense one to show it. Used
through :mod:`backprop_lab.layers`.
"""

from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._checks import as_float_array, positive_int, vector

__all__ = [
    "ConvDense", "conv1d_backward", "conv1d_dense", "conv1d_forward", "conv1d_terms", "max_pool_backward",
    "max_pool_forward",
]


def _conv_inputs(x, w):
    x = as_float_array("x", x, ndim=3)
    w = as_float_array("w", w, ndim=3)
    if w.shape[1] != x.shape[1]:
        raise ValueError(
            f"w has {w.shape[1]} input channels (shape {w.shape}) but x has {x.shape[1]}"
            f" (shape {x.shape}); w must be (C_out, C_in, K) with C_in = x.shape[1]"
        )
    if w.shape[2] > x.shape[2]:
        raise ValueError(f"the filter (K = {w.shape[2]}) is longer than the signal (L = {x.shape[2]})")
    if 0 in x.shape or 0 in w.shape:
        raise ValueError(f"x and w must not be empty, got shapes {x.shape} and {w.shape}")
    return x, w


def conv1d_forward(x, w, b):
    """Slide every filter along the signal: a cross-correlation, stride 1, no padding.

    Parameters
    ----------
    x : array_like, shape (B, C_in, L)
    w : array_like, shape (C_out, C_in, K)
    b : array_like, shape (C_out,)

    Returns
    -------
    numpy.ndarray, shape (B, C_out, L − K + 1)

    Examples
    --------
    A difference filter [−1, 1] on one signal:

    >>> conv1d_forward([[[1.0, 4.0, 9.0, 16.0]]], [[[-1.0, 1.0]]], [0.0]).tolist()
    [[[3.0, 5.0, 7.0]]]
    """
    x, w = _conv_inputs(x, w)
    return _conv1d_forward(x, w, vector("b", b, w.shape[0], "output channel (row of w)"))


def _conv1d_forward(x, w, b):
    """:func:`conv1d_forward` on checked arrays."""
    windows = sliding_window_view(x, w.shape[2], axis=2)  # (B, C_in, L − K + 1, K), no copy
    return np.einsum("bctk,ock->bot", windows, w, optimize=True) + b[:, None]


def conv1d_backward(dy, x, w):
    """The gradients of :func:`conv1d_forward`, from ∂E/∂y.

    Parameters
    ----------
    dy : array_like, shape (B, C_out, L − K + 1)
    x : array_like, shape (B, C_in, L)
        The input of the forward pass.
    w : array_like, shape (C_out, C_in, K)

    Returns
    -------
    dx : numpy.ndarray, shape (B, C_in, L)
        ``dx[b, c, t + k] += Σ_o dy[b, o, t] w[o, c, k]``: each input gets back a
        share from every output it helped compute.
    dw : numpy.ndarray, shape (C_out, C_in, K)
        ``Σ_b Σ_t dy[b, o, t] x[b, c, t + k]``: summed over every position the weight is used at.
    db : numpy.ndarray, shape (C_out,)
        ``Σ_b Σ_t dy[b, o, t]``.
    """
    x, w = _conv_inputs(x, w)
    dy = as_float_array("dy", dy, ndim=3)
    L_out = x.shape[2] - w.shape[2] + 1
    if dy.shape != (x.shape[0], w.shape[0], L_out):
        raise ValueError(
            f"dy must have the shape of the forward pass's output {(x.shape[0], w.shape[0], L_out)},"
            f" got {dy.shape}"
        )
    return _conv1d_backward(dy, x, w)


def _conv1d_backward(dy, x, w):
    """:func:`conv1d_backward` on checked arrays."""
    L_out = dy.shape[2]
    windows = sliding_window_view(x, w.shape[2], axis=2)
    dw = np.einsum("bot,bctk->ock", dy, windows, optimize=True)
    db = dy.sum(axis=(0, 2))
    dx = np.zeros_like(x)
    for k in range(w.shape[2]):  # K is small: one shifted product per filter tap
        dx[:, :, k : k + L_out] += np.einsum("bot,oc->bct", dy, w[:, :, k], optimize=True)
    return dx, dw, db


def conv1d_terms(x, w, t):
    """The products that make one output of one filter on one signal: ``w[c, k] · x[c, t + k]``.

    Their sum plus the bias is ``conv1d_forward``'s y[t] for that filter and signal.

    Parameters
    ----------
    x : array_like, shape (C_in, L)
        One signal.
    w : array_like, shape (C_in, K)
        One filter.
    t : int
        The position, 0 … L − K.

    Returns
    -------
    numpy.ndarray, shape (C_in, K)

    Examples
    --------
    >>> conv1d_terms([[1.0, 4.0, 9.0, 16.0]], [[-1.0, 1.0]], t=2).tolist()
    [[-9.0, 16.0]]
    """
    x = as_float_array("x", x, ndim=2)
    w = as_float_array("w", w, ndim=2)
    _conv_inputs(x[None], w[None])
    L_out = x.shape[1] - w.shape[1] + 1
    if isinstance(t, bool) or not isinstance(t, (int, np.integer)) or not 0 <= t < L_out:
        raise ValueError(f"t must be a position from 0 to {L_out - 1} (L − K), got {t!r}")
    return w * x[:, t : t + w.shape[1]]


@dataclass(repr=False)
class ConvDense:
    """A 1-D convolution written as a dense layer on the flattened signal.

    Attributes
    ----------
    matrix : numpy.ndarray, shape (C_out · L_out, C_in · L)
        W in the notation card's layout (row j receives, column i sends), so that
        ``y.reshape(B, -1) = x.reshape(B, -1) @ matrix.T + bias``.
    bias : numpy.ndarray, shape (C_out · L_out,)
    index : numpy.ndarray of int, shape like `matrix`
        Which filter weight each entry is: the flat index into w
        (``np.ravel_multi_index((o, c, k), w.shape)``), or −1 where the entry
        is a structural 0 (the output does not see that input).
    w_shape : tuple of int
    """

    matrix: np.ndarray
    bias: np.ndarray
    index: np.ndarray
    w_shape: tuple

    def positions(self, o, c, k):
        """Every (row, column) of `matrix` that holds the filter weight w[o, c, k]."""
        flat = np.ravel_multi_index((o, c, k), self.w_shape)
        return [tuple(int(i) for i in rc) for rc in np.argwhere(self.index == flat)]

    def shared_gradient(self, dense_grad):
        """Sum a dense layer's ∂E/∂W over the positions of each shared weight: the conv's ∂E/∂w.

        Parameters
        ----------
        dense_grad : array_like, shape like `matrix`

        Returns
        -------
        numpy.ndarray, shape `w_shape`
        """
        g = as_float_array("dense_grad", dense_grad, ndim=2)
        if g.shape != self.matrix.shape:
            raise ValueError(
                f"dense_grad must have the dense matrix's shape {self.matrix.shape}, got {g.shape}"
            )
        used = self.index >= 0
        sums = np.bincount(self.index[used], weights=g[used], minlength=int(np.prod(self.w_shape)))
        return sums.reshape(self.w_shape)

    def __repr__(self):
        shared = int(np.prod(self.w_shape))
        return (
            f"<ConvDense: {self.matrix.shape[0]}×{self.matrix.shape[1]} matrix,"
            f" {int(np.sum(self.index >= 0))} non-zero entries sharing {shared} filter weights>"
        )


def conv1d_dense(w, b, length):
    """The dense layer that computes the same as ``conv1d_forward(x, w, b)`` on signals of `length`.

    Parameters
    ----------
    w : array_like, shape (C_out, C_in, K)
    b : array_like, shape (C_out,)
    length : int
        L, the length of the input signals.

    Returns
    -------
    ConvDense

    Examples
    --------
    >>> dense = conv1d_dense([[[-1.0, 1.0]]], [0.5], length=4)
    >>> dense.matrix.tolist()
    [[-1.0, 1.0, 0.0, 0.0], [0.0, -1.0, 1.0, 0.0], [0.0, 0.0, -1.0, 1.0]]
    >>> dense.positions(0, 0, 1)      # w[0, 0, 1] is used three times
    [(0, 1), (1, 2), (2, 3)]
    """
    w = as_float_array("w", w, ndim=3)
    length = positive_int("length", length)
    if 0 in w.shape:
        raise ValueError(f"w must not be empty, got shape {w.shape}")
    C_out, C_in, K = w.shape
    if K > length:
        raise ValueError(f"the filter (K = {K}) is longer than the signal (length = {length})")
    b = vector("b", b, C_out, "output channel (row of w)")
    L_out = length - K + 1
    index = np.full((C_out * L_out, C_in * length), -1, dtype=np.int64)
    o, t, c, k = np.meshgrid(np.arange(C_out), np.arange(L_out), np.arange(C_in), np.arange(K), indexing="ij")
    index[(o * L_out + t).ravel(), (c * length + t + k).ravel()] = np.ravel_multi_index(
        (o, c, k), w.shape
    ).ravel()
    matrix = np.where(index >= 0, w.ravel()[np.maximum(index, 0)], 0.0)
    return ConvDense(matrix, np.repeat(b, L_out), index, w.shape)


def max_pool_forward(x):
    """The largest value of every channel over the whole signal: "is the pattern anywhere?".

    Parameters
    ----------
    x : array_like, shape (B, C, L)

    Returns
    -------
    y : numpy.ndarray, shape (B, C)
    argmax : numpy.ndarray of int, shape (B, C)
        Where each maximum is (the first, if several are equal).
    """
    x = as_float_array("x", x, ndim=3)
    if x.shape[2] == 0:
        raise ValueError(f"x must have at least one position to pool over, got shape {x.shape}")
    argmax = x.argmax(axis=2)
    return np.take_along_axis(x, argmax[:, :, None], axis=2)[:, :, 0], argmax


def max_pool_backward(dy, argmax, length):
    """∂E/∂x of global max pooling: each maximum gets ∂E/∂y, every other position 0.

    Parameters
    ----------
    dy : array_like, shape (B, C)
    argmax : numpy.ndarray of int, shape (B, C)
        From :func:`max_pool_forward`.
    length : int
        L, the length of the pooled signals.

    Returns
    -------
    numpy.ndarray, shape (B, C, L)
    """
    dy = as_float_array("dy", dy, ndim=2)
    length = positive_int("length", length)
    argmax = np.asarray(argmax)
    if (
        argmax.shape != dy.shape
        or argmax.dtype.kind not in "iu"
        or argmax.min() < 0
        or argmax.max() >= length
    ):
        raise ValueError(
            f"argmax must be the positions from max_pool_forward, shape {dy.shape}, in [0, {length})"
        )
    dx = np.zeros(dy.shape + (length,))
    np.put_along_axis(dx, argmax[:, :, None], dy[:, :, None], axis=2)
    return dx
