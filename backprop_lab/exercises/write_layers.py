"""Write-a-function checks for notebooks 16 and 17: batch norm's backward pass, a shared filter's gradient.

The signatures below are the ones the notebooks' stubs copy; see
:mod:`.functions` for how the student's function is called and judged. The
references are :func:`~backprop_lab.layers.batch_norm_backward` and
:func:`~backprop_lab.layers.conv1d_backward`; the feedback also quotes the
relative error against central differences (:func:`~backprop_lab.gradcheck.layer_gradients`).
"""

import numpy as np

from ..gradcheck import layer_gradients
from ..layers import BatchNormCache, batch_norm_backward, batch_norm_forward, conv1d_backward, conv1d_forward
from .functions import Case, FunctionExercise, Slip
from .write_deltas import rng_array

__all__ = ["check_batch_norm_backward", "check_conv_dw"]


# --- 16 · the backward pass of batch normalisation ---


def _bn_reference(dy, x_hat, gamma, inv_std):
    cache = BatchNormCache(x_hat, np.zeros(x_hat.shape[1]), np.zeros(x_hat.shape[1]), inv_std, gamma)
    return batch_norm_backward(dy, cache)


def _bn_numeric(dy, x_hat, gamma, inv_std):
    """Central differences of E = Σ dy·y at an x with this x̂ and 1/√(σ² + ε) (x = x̂ / inv_std has μ = 0)."""
    x = x_hat / inv_std
    return tuple(layer_gradients(batch_norm_forward, [x, gamma, np.zeros_like(gamma)], dy))


def _bn_slip(dx_of, dgamma_of=None, dbeta_of=None):
    """A slipped backward pass: dx from ``dx_of(g, x_hat, inv_std)``, g = γ·dy; dγ, dβ as given or right."""
    def slipped(dy, x_hat, gamma, inv_std):
        dx, dgamma, dbeta = _bn_reference(dy, x_hat, gamma, inv_std)
        if dx_of is not None:
            dx = dx_of(dy * gamma, x_hat, inv_std)
        return (dx, dgamma if dgamma_of is None else dgamma_of(dy, x_hat),
                dbeta if dbeta_of is None else dbeta_of(dy, x_hat))
    return slipped


def check_batch_norm_backward(fn):
    """Exercise: write ``my_batch_norm_backward(dy, x_hat, gamma, inv_std)``: ∂E/∂x, ∂E/∂γ and ∂E/∂β.

    Signature: ``my_batch_norm_backward(dy, x_hat, gamma, inv_std) -> (dx, dgamma, dbeta)``;
    `dy` (B, D) is ∂E/∂y for the output y = γ x̂ + β; `x_hat` (B, D) the
    normalised inputs; `gamma` (D,); `inv_std` (D,) = 1 / √(σ² + ε) of each
    feature. Return dx (B, D) and dgamma, dbeta (D,)::

        g = γ·dy                     (∂E/∂x̂)
        dx = inv_std·(g − mean_b g − x̂·mean_b(g·x̂))
        dγ = Σ_b dy·x̂                dβ = Σ_b dy

    Recognises: the two mean terms left out (μ and σ² treated as constants);
    the term through μ left out; the term through σ² left out; γ left out;
    1/√(σ² + ε) left out; sums where the means belong; dγ without x̂;
    dγ and dβ averaged over the batch instead of summed.
    """
    cases = []
    for seed, (B, D), note in ((1, (4, 1), "a batch of 4, one feature, γ = 1.5"),
                               (2, (3, 2), "a batch of 3, two features"),
                               (3, (6, 3), "a batch of 6, three features, negative γ")):
        x = rng_array(seed, (B, D), -2.0, 2.0) * np.arange(1, D + 1) + np.arange(D)
        gamma = rng_array(seed + 10, D, 0.5, 2.0) * (-1.0 if seed == 3 else 1.0)
        if seed == 1:
            gamma = np.array([1.5])
        _, cache = batch_norm_forward(x, gamma, np.zeros(D))
        cases.append(Case((rng_array(seed + 20, (B, D)), cache.x_hat, gamma, cache.inv_std), note))
    mean = {"axis": 0}
    slip_list = (
        Slip("you left out both mean terms", "μ and σ² are computed from the batch, so every x moves every"
             " x̂ of its feature: dx = inv_std·(g − mean(g) − x̂·mean(g·x̂)).",
             _bn_slip(lambda g, xh, s: s * g)),
        Slip("you left out the term through μ, − mean(g)", "x_b moves the mean μ, and μ moves every x̂.",
             _bn_slip(lambda g, xh, s: s * (g - xh * (g * xh).mean(**mean)))),
        Slip("you left out the term through σ², − x̂·mean(g·x̂)", "x_b moves the variance σ², and σ²"
             " moves every x̂.", _bn_slip(lambda g, xh, s: s * (g - g.mean(**mean)))),
        Slip("you left out γ", "y = γ·x̂ + β, so ∂E/∂x̂ = γ·dy.",
             lambda dy, xh, gamma, s: _bn_reference(dy, xh, np.ones_like(gamma), s)),
        Slip("you left out 1/√(σ² + ε)", "x̂ = (x − μ)·inv_std: every path from x to x̂ carries inv_std.",
             _bn_slip(lambda g, xh, s: g - g.mean(**mean) - xh * (g * xh).mean(**mean))),
        Slip("you summed where the means belong", "μ and σ² are means over the batch: each carries 1/B.",
             _bn_slip(lambda g, xh, s: s * (g - g.sum(**mean) - xh * (g * xh).sum(**mean)))),
        Slip("your dγ is Σ dy, without x̂", "y = γ·x̂ + β, so ∂y/∂γ = x̂: dγ = Σ_b dy·x̂.",
             _bn_slip(None, dgamma_of=lambda dy, xh: dy.sum(**mean))),
        Slip("you averaged dγ and dβ over the batch", "γ and β are used by every sample: their"
             " gradients add up over the batch, Σ_b (dy already carries the loss's 1/B).",
             _bn_slip(None, lambda dy, xh: (dy * xh).mean(**mean), lambda dy, xh: dy.mean(**mean))),
    )
    hint = ("g = gamma * dy; dx = inv_std * (g - g.mean(axis=0) - x_hat * (g * x_hat).mean(axis=0));"
            " dgamma = (dy * x_hat).sum(axis=0); dbeta = dy.sum(axis=0)")
    tip = "dy and x_hat are (B, D), gamma and inv_std (D,): means over the batch are .mean(axis=0)."
    return FunctionExercise("batch norm's backward pass", ("dy", "x_hat", "gamma", "inv_std"), _bn_reference,
                            tuple(cases), slip_list, hint=hint, outputs=("dx", "dgamma", "dbeta"),
                            numeric=_bn_numeric, shape_tip=tip).check(fn)


# --- 17 · the gradient of a shared filter ---


def _dw(dy, x, K):
    """The reference: conv1d_backward's dw for one input and one output channel."""
    return conv1d_backward(dy[:, None, :], x[:, None, :], np.zeros((1, 1, K)))[1][0, 0]


def _dw_numeric(dy, x, K):
    w = np.zeros((1, 1, K))
    return layer_gradients(conv1d_forward, [x[:, None, :], w, [0.0]], dy[:, None, :])[1][0, 0]


def _windows(x, K, L_out):
    return np.stack([x[:, k:k + L_out] for k in range(K)])  # (K, B, L_out): tap k meets x[b, t + k]


def check_conv_dw(fn):
    """Exercise: write ``my_conv_dw(dy, x, K)``: ∂E/∂w of one filter of K taps, used at every position.

    Signature: ``my_conv_dw(dy, x, K) -> array of shape (K,)``; `x` (B, L)
    holds B signals of one channel, `dy` (B, L − K + 1) the gradient ∂E/∂y of
    the outputs y[b, t] = b + Σ_k w[k]·x[b, t + k]. Return dw with
    ``dw[k] = Σ_b Σ_t dy[b, t]·x[b, t + k]``: w[k] is used at every position
    of every signal, so its gradient is the sum of all those uses. (This is
    ``conv1d_backward``'s dw with one input and one output channel.)

    Recognises: one position only; the mean over positions instead of the
    sum; the first signal only; the mean over the batch; the filter flipped;
    x not shifted by k; Σ dy (the bias's gradient) for every tap.
    """
    cases = []
    for seed, (B, L, K), note in ((1, (1, 5, 2), "one signal, K = 2"), (2, (3, 7, 3), "3 signals, K = 3"),
                                  (3, (2, 6, 4), "2 signals, K = 4")):
        x = rng_array(seed + 10, (B, L), -2.0, 2.0)
        cases.append(Case((rng_array(seed, (B, L - K + 1)), x, K), note))
    hand = (np.array([[1.0, -1.0, 2.0, 0.5]]), np.array([[1.0, 2.0, 3.0, 4.0, -1.0]]), 2)
    cases[0] = Case(hand, cases[0].note)

    def part(sum_of):
        return lambda dy, x, K: np.array([sum_of(dy, win) for win in _windows(x, K, dy.shape[1])])

    slip_list = (
        Slip("you took the first position only", "w[k] is used at every position t; each use adds"
             " dy[t]·x[t + k].", part(lambda dy, win: np.sum(dy[:, 0] * win[:, 0]))),
        Slip("you averaged over the positions", "the uses of a shared weight add up: sum, do not average.",
             lambda dy, x, K: _dw(dy, x, K) / dy.shape[1]),
        Slip("you used the first signal only", "every signal of the batch uses the filter: sum over b too.",
             lambda dy, x, K: _dw(dy[:1], x[:1], K)),
        Slip("you averaged over the batch", "dy already carries the loss's 1/B; sum over the signals.",
             lambda dy, x, K: _dw(dy, x, K) / dy.shape[0]),
        Slip("you flipped the filter", "tap k meets x[t + k] (no flip, as PyTorch's conv1d).",
             lambda dy, x, K: _dw(dy, x, K)[::-1]),
        Slip("you did not shift x by k", "at position t, w[k] meets x[t + k], not x[t].",
             lambda dy, x, K: np.full(K, np.sum(dy * x[:, :dy.shape[1]]))),
        Slip("you gave Σ dy for every tap, which is ∂E/∂b", "multiply each dy[t] by the input x[t + k]"
             " it met.",
             lambda dy, x, K: np.full(K, dy.sum())),
    )
    hint = "dw[k] = np.sum(dy * x[:, k:k + L_out]) with L_out = dy.shape[1], for k = 0 … K − 1"
    tip = "x[:, k:k + L_out] has the shape of dy, (B, L_out)."
    return FunctionExercise("the filter's gradient dw", ("dy", "x", "K"), _dw, tuple(cases), slip_list,
                            hint=hint, numeric=_dw_numeric, shape_tip=tip).check(fn)
