"""Number checks for notebooks 16 and 17: a normalised value, a convolution's output, a shared gradient.

Every expected value comes from :mod:`backprop_lab.layers`; every slip is
computed from the same numbers with one known mistake built in.
"""

import numpy as np

from .._checks import as_float_array, positive_float
from ..layers import batch_norm_forward, conv1d_backward, conv1d_forward
from .feedback import diagnose

__all__ = ["check_batch_norm_value", "check_conv_output", "check_shared_weight_gradient"]


def _whole(name, value, size):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= value < size:
        raise ValueError(f"{name} must be a position from 0 to {size - 1}, got {value!r}")
    return int(value)


# --- 16 · batch normalisation ---


def check_batch_norm_value(answer, batch=(1.0, 2.0, 3.0, 10.0), index=3, eps=1e-5):
    """Exercise: x̂ = (x − μ) / √(σ² + ε) of ``batch[index]``; μ and σ² of the whole `batch` (one feature).

    Recognises: the variance with B − 1 (PyTorch uses it only for its running
    estimate), no square root, the mean not subtracted, (μ − x) instead of (x − μ).
    """
    x = as_float_array("batch", batch, ndim=1)
    if x.size < 2:
        raise ValueError(f"batch must hold at least 2 values, got {x.size}")
    index, eps = _whole("index", index, x.size), positive_float("eps", eps, allow_zero=True)
    _, cache = batch_norm_forward(x[:, None], [1.0], [0.0], eps=eps)
    expected = float(cache.x_hat[index, 0])
    mu, var, value = float(cache.mean[0]), float(cache.var[0]), float(x[index])
    unbiased = var * x.size / (x.size - 1)
    mistakes = {
        f"you divided by B − 1 = {x.size - 1} for σ²": (
            (value - mu) / np.sqrt(unbiased + eps),
            "batch normalisation takes the plain mean of (x − μ)² over the batch: divide by B."),
        "you left out the square root": (
            (value - mu) / (var + eps), "divide by the standard deviation √(σ² + ε), not by the variance."),
        "you did not subtract the mean": (value / np.sqrt(var + eps), "x̂ = (x − μ) / √(σ² + ε)."),
        "your x̂ has the wrong sign": (-expected, "it is (x − μ), so values above the mean get x̂ > 0."),
    }
    hint = "μ = mean of the batch, σ² = mean of (x − μ)², x̂ = (x − μ) / √(σ² + ε)"
    return diagnose(answer, expected, mistakes, "x̂", hint=hint)


# --- 17 · convolution ---


def check_conv_output(answer, x=(2.0, 0.0, -1.0, 3.0, 1.0), w=(1.0, 0.0, -2.0), b=0.5):
    """Exercise: every output y[t] = b + Σ_k w[k] x[t + k] of one filter on one signal (a vector answer).

    Recognises: the filter flipped (the convolution of signal processing;
    PyTorch's ``conv1d``, like this package, does not flip), the bias left out,
    the bias added once per tap.
    """
    x = as_float_array("x", x, ndim=1)
    w = as_float_array("w", w, ndim=1)
    b = as_float_array("b", [b], ndim=1)

    def y(filt, bias):
        return conv1d_forward(x[None, None, :], filt[None, None, :], bias)[0, 0]

    mistakes = {
        "you flipped the filter": (
            y(w[::-1], b), "this layer slides w as it is: y[t] = b + Σ_k w[k]·x[t + k], w[0] meets x[t]."),
        "you left out the bias": (y(w, [0.0]), f"every output gets b = {b[0]:g} added."),
        "you added the bias once per tap": (
            y(w, b * len(w)), "b is added once per output, not once per weight."),
    }
    hint = "y[t] = b + w[0]·x[t] + w[1]·x[t + 1] + w[2]·x[t + 2], for t = 0 … L − K"
    return diagnose(answer, y(w, b), mistakes, "y", hint=hint)


def check_shared_weight_gradient(answer, x=(1.0, 2.0, 3.0, 4.0), dy=(1.0, -1.0, 3.0), k=1):
    """Exercise: ∂E/∂w[k] of a filter used at every position, from the signal x and ∂E/∂y = dy.

    Recognises: one position only, the mean over positions instead of the sum,
    x not shifted by k, Σ dy (that is ∂E/∂b).
    """
    x = as_float_array("x", x, ndim=1)
    dy = as_float_array("dy", dy, ndim=1)
    K = x.size - dy.size + 1
    if K < 1:
        raise ValueError(f"dy must be shorter than x (L − K + 1 outputs), got {dy.size} and {x.size}")
    k = _whole("k", k, K)
    _, dw, db = conv1d_backward(dy[None, None, :], x[None, None, :], np.zeros((1, 1, K)))
    unshifted = float(dy @ x[: dy.size])
    mistakes = {
        "you took the first position only": (
            dy[0] * x[k], f"w[{k}] is used at all {dy.size} positions; each adds dy[t]·x[t + {k}]."),
        "you averaged over the positions": (
            dw[0, 0, k] / dy.size, "the contributions of a shared weight add up: sum, do not average."),
        "you gave Σ dy, which is ∂E/∂b": (db[0], f"for w[{k}] each dy[t] is multiplied by the input it met."),
    }
    if k != 0:
        mistakes["you did not shift x by k"] = (unshifted, f"at position t, w[{k}] meets x[t + {k}].")
    hint = f"∂E/∂w[{k}] = Σ_t dy[t]·x[t + {k}]"
    return diagnose(answer, dw[0, 0, k], mistakes, f"∂E/∂w[{k}]", hint=hint)
