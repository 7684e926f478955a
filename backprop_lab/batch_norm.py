"""Batch normalisation of a (B, D) batch, forward and backward, as PyTorch's ``BatchNorm1d`` in training mode.

Per feature (column) d, over the B samples of the batch::

    μ = mean_b x_bd    σ² = mean_b (x_bd − μ)²  (biased)    x̂ = (x − μ) / √(σ² + ε)    y = γ x̂ + β

"Understanding Backpropagation in Neural Network Training" gives x̂. Used through :mod:`backprop_lab.layers`.
"""

from dataclasses import dataclass

import numpy as np

from ._checks import as_float_array, positive_float, vector

__all__ = ["BatchNormCache", "batch_norm_backward", "batch_norm_forward"]


@dataclass(repr=False)
class BatchNormCache:
    """What :func:`batch_norm_forward` keeps for the backward pass.

    Attributes
    ----------
    x_hat : numpy.ndarray, shape (B, D)
        The normalised inputs (x − μ) / √(σ² + ε).
    mean, var : numpy.ndarray, shape (D,)
        μ and the biased σ² of the batch.
    inv_std : numpy.ndarray, shape (D,)
        1 / √(σ² + ε).
    gamma : numpy.ndarray, shape (D,)
    """

    x_hat: np.ndarray
    mean: np.ndarray
    var: np.ndarray
    inv_std: np.ndarray
    gamma: np.ndarray

    def __repr__(self):
        return f"<BatchNormCache: batch of {self.x_hat.shape[0]}, {self.x_hat.shape[1]} features>"


def batch_norm_forward(x, gamma, beta, eps=1e-5):
    """Normalise every feature over the batch, then scale by γ and shift by β.

    Parameters
    ----------
    x : array_like, shape (B, D)
        B ≥ 2 samples in rows (one sample has no spread to normalise by).
    gamma, beta : array_like, shape (D,)
    eps : float
        ε > 0, added to the variance (PyTorch's default).

    Returns
    -------
    y : numpy.ndarray, shape (B, D)
    cache : BatchNormCache

    Examples
    --------
    >>> y, cache = batch_norm_forward([[1.0], [3.0]], [1.0], [0.0], eps=0.0)
    >>> y.ravel().tolist(), cache.mean.tolist(), cache.var.tolist()
    ([-1.0, 1.0], [2.0], [1.0])
    """
    x = as_float_array("x", x, ndim=2)
    if x.shape[0] < 2:
        raise ValueError(f"x must hold at least 2 samples to normalise over the batch, got shape {x.shape}")
    gamma = vector("gamma", gamma, x.shape[1], "feature (column of x)")
    beta = vector("beta", beta, x.shape[1], "feature (column of x)")
    eps = positive_float("eps", eps, allow_zero=True)
    if eps == 0.0 and np.any(np.ptp(x, axis=0) == 0.0):
        raise ValueError("x has a feature that is the same in every sample; normalising it needs eps > 0")
    return _batch_norm_forward(x, gamma, beta, eps)


def _batch_norm_forward(x, gamma, beta, eps):
    """:func:`batch_norm_forward` on checked arrays (the training loop's hot path)."""
    scale = 1.0 / x.shape[0]
    mean = x.sum(axis=0) * scale
    centred = x - mean
    var = (centred * centred).sum(axis=0) * scale
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = centred * inv_std
    return gamma * x_hat + beta, BatchNormCache(x_hat, mean, var, inv_std, gamma)


def batch_norm_backward(dy, cache):
    """The gradients of batch normalisation, from ∂E/∂y.

    Every x_bd moves the batch's μ_d and σ²_d, and through them every x̂ of
    feature d; summing those paths gives, with g = γ ∂E/∂y::

        ∂E/∂x = (1/√(σ² + ε)) (g − mean_b g − x̂ mean_b (g x̂))

    Parameters
    ----------
    dy : array_like, shape (B, D)
        ∂E/∂y.
    cache : BatchNormCache
        From :func:`batch_norm_forward`.

    Returns
    -------
    dx : numpy.ndarray, shape (B, D)
    dgamma, dbeta : numpy.ndarray, shape (D,)
        ``Σ_b ∂E/∂y_bd x̂_bd`` and ``Σ_b ∂E/∂y_bd``.
    """
    if not isinstance(cache, BatchNormCache):
        raise TypeError(
            f"cache must be the BatchNormCache from batch_norm_forward, got {type(cache).__name__}"
        )
    dy = as_float_array("dy", dy, ndim=2)
    if dy.shape != cache.x_hat.shape:
        raise ValueError(
            f"dy must have the shape of the forward pass's output {cache.x_hat.shape}, got {dy.shape}"
        )
    return _batch_norm_backward(dy, cache)


def _batch_norm_backward(dy, cache):
    """:func:`batch_norm_backward` on checked arrays."""
    x_hat, scale = cache.x_hat, 1.0 / dy.shape[0]
    dgamma = (dy * x_hat).sum(axis=0)
    dbeta = dy.sum(axis=0)
    g = dy * cache.gamma  # ∂E/∂x̂
    dx = cache.inv_std * (g - g.sum(axis=0) * scale - x_hat * ((g * x_hat).sum(axis=0) * scale))
    return dx, dgamma, dbeta


