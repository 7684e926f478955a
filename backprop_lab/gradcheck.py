"""Gradients by central differences, to check the backward pass against.

``∂E/∂θ ≈ (E(θ + ε) − E(θ − ε)) / 2ε`` for every weight, bias and net input.
This needs two forward passes per number, so it is only for tiny networks:
exactly what it is for -- an independent reference.
"""

import numpy as np

from ._checks import positive_float
from .losses import as_target, get_loss
from .passes import Gradients, _forward, activation_funcs, check_input
from .regularization import check_masks, check_weight_decay, weight_penalty

__all__ = ["numerical_gradients", "relative_error"]


def _loss_from_layer(net, funcs, l, net_l, T, fn, masks):
    """E when layer l's net inputs are replaced by `net_l` (for numerical δ)."""
    z, o = net_l, funcs[l].f(net_l)
    for k in range(l + 1, net.n_layers):
        if masks is not None:
            o = o * masks[k - 1]
        z = o @ net.weights[k].T + net.biases[k]
        o = funcs[k].f(z)
    return fn.evaluate(z, o, T, funcs[-1])[0]


def _central_differences(array, E_of, eps):
    """∂E/∂array by perturbing each entry of `array` in place (then restoring it)."""
    grad = np.zeros_like(array)
    for index in np.ndindex(array.shape):
        saved = array[index]
        array[index] = saved + eps
        E_plus = E_of()
        array[index] = saved - eps
        E_minus = E_of()
        array[index] = saved
        grad[index] = (E_plus - E_minus) / (2.0 * eps)
    return grad


def numerical_gradients(net, x, target, loss="half_sse", eps=1e-6, masks=None, weight_decay=0.0):
    """Every δ, ∂E/∂W and ∂E/∂b by central differences.

    Parameters
    ----------
    net : Network
        Not changed (a copy is perturbed).
    x : array_like, shape (n_in,) or (B, n_in)
    target : array_like
        T, shaped like the network's output for `x`.
    loss : {"half_sse", "sse", "mse", "cross_entropy"}
    eps : float
        The step ε; 1e-6 balances truncation and rounding error in float64.
    masks : list of array_like, optional
        Fixed dropout masks, as for ``forward(net, x, masks=...)``.
    weight_decay : float
        λ >= 0: differentiate E + (λ/2) Σ_l ‖W_l‖², as ``backward(..., weight_decay=λ)`` does.

    Returns
    -------
    Gradients
        The same structure as ``backward`` returns; ``loss`` includes the penalty.

    Examples
    --------
    >>> from backprop_lab import Network
    >>> net = Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
    >>> round(float(numerical_gradients(net, [0.2], [0.7]).weights[1][0, 0]), 6)
    -0.017784
    """
    x = check_input(net, x)
    fn = get_loss(loss)
    eps = positive_float("eps", eps)
    weight_decay = check_weight_decay(weight_decay)
    if masks is not None:
        masks = check_masks(net, masks, x.shape)
    probe = net.copy()
    funcs = activation_funcs(probe)
    nets, outputs = _forward(probe.weights, probe.biases, funcs, x, masks)
    T = as_target(target, outputs[-1].shape)
    fn.check(net.activations[-1], T)

    def E():
        z, o = _forward(probe.weights, probe.biases, funcs, x, masks)
        penalty = weight_penalty(probe.weights, weight_decay) if weight_decay else 0.0
        return fn.evaluate(z[-1], o[-1], T, funcs[-1])[0] + penalty

    dW = [_central_differences(w, E, eps) for w in probe.weights]
    db = [_central_differences(b, E, eps) for b in probe.biases]
    deltas = []
    for l, net_l in enumerate(nets):
        net_l = net_l.copy()

        def E_from_layer(l=l, net_l=net_l):  # binds this layer's l and net_l, not the loop's last
            return _loss_from_layer(probe, funcs, l, net_l, T, fn, masks)

        deltas.append(_central_differences(net_l, E_from_layer, eps))
    return Gradients(deltas, dW, db, E())


def relative_error(a, b):
    """``‖a − b‖ / (‖a‖ + ‖b‖)`` over all entries of two gradients (0 when both are 0).

    Both may be :class:`Gradients` (deltas, weights and biases are all compared)
    or arrays. Taken over the whole vector, so tiny entries cannot inflate it.
    About 1e-7 or less means the two agree; above 1e-2 one of them is wrong.

    >>> relative_error(np.array([3.0, 4.0]), np.array([3.0, 4.0]))
    0.0
    >>> relative_error(np.array([1.0, 0.0]), np.array([-1.0, 0.0]))  # a sign slip
    1.0
    """
    if isinstance(a, Gradients) and isinstance(b, Gradients):
        pairs = list(zip(a.deltas + a.weights + a.biases, b.deltas + b.weights + b.biases))
    else:
        pairs = [(np.asarray(a, dtype=float), np.asarray(b, dtype=float))]
    for u, v in pairs:
        if u.shape != v.shape:
            raise ValueError(f"cannot compare gradients of shapes {u.shape} and {v.shape}")
    diff = np.sqrt(sum(float(np.sum((u - v) ** 2)) for u, v in pairs))
    size = (np.sqrt(sum(float(np.sum(u**2)) for u, _ in pairs))
            + np.sqrt(sum(float(np.sum(v**2)) for _, v in pairs)))
    return 0.0 if size == 0.0 else float(diff / size)
