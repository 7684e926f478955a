"""Gradients by central differences, to check the backward pass against.

``∂E/∂θ ≈ (E(θ + ε) − E(θ − ε)) / 2ε`` for every weight, bias and net input
of a :class:`~backprop_lab.Network` (:func:`numerical_gradients`), every
parameter of a :class:`~backprop_lab.models.Sequential` (:func:`model_gradients`)
or every input of one layer function (:func:`layer_gradients`).
This needs two forward passes per number, so it is only for tiny networks:
exactly what it is for -- an independent reference.
"""

import numpy as np

from ._checks import as_float_array, positive_float
from .losses import as_target, get_loss
from .models import Sequential
from .passes import Gradients, _forward, activation_funcs, check_input
from .regularization import check_masks, check_weight_decay, weight_penalty

__all__ = ["layer_gradients", "model_gradients", "numerical_gradients", "relative_error"]


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


def layer_gradients(forward, inputs, dy, eps=1e-6):
    """∂E/∂(every input) of one layer function by central differences, for the E with ∂E/∂y = dy.

    Any upstream gradient `dy` comes from the loss ``E = Σ dy · y`` (summed
    over every entry of the layer's output y), so this checks a layer's
    backward pass for that `dy` without building a network around it.

    Parameters
    ----------
    forward : callable
        ``forward(*inputs)`` returns y, or ``(y, cache)`` like
        :func:`~backprop_lab.layers.batch_norm_forward`.
    inputs : sequence of array_like
        The layer's inputs and parameters, in the order `forward` takes them
        (copies are perturbed; yours are not changed).
    dy : array_like
        ∂E/∂y, shaped like y.
    eps : float

    Returns
    -------
    list of numpy.ndarray
        ∂E/∂(input) for every input, each shaped like that input.

    Examples
    --------
    The difference filter [−1, 1] on [1, 4, 9, 16] with dy = 1 everywhere:

    >>> from backprop_lab import layers
    >>> dx, dw, db = layer_gradients(layers.conv1d_forward,
    ...                              [[[[1.0, 4.0, 9.0, 16.0]]], [[[-1.0, 1.0]]], [0.0]], [[[1.0, 1.0, 1.0]]])
    >>> dw.round(6).tolist(), db.round(6).tolist()
    ([[[14.0, 29.0]]], [3.0])
    """
    if not callable(forward):
        raise TypeError(f"forward must be a layer function such as layers.conv1d_forward, got {forward!r}")
    if isinstance(inputs, (str, bytes)) or not hasattr(inputs, "__len__") or len(inputs) == 0:
        raise TypeError("inputs must be a list of the layer's arrays, in the order forward takes them")
    eps = positive_float("eps", eps)
    arrays = [as_float_array(f"inputs[{k}]", a) for k, a in enumerate(inputs)]

    def output():
        y = forward(*arrays)
        return y[0] if isinstance(y, tuple) else y

    y = np.asarray(output(), dtype=float)
    dy = as_float_array("dy", dy)
    if dy.shape != y.shape:
        raise ValueError(f"dy must have the shape of the layer's output {y.shape}, got {dy.shape}")
    return [_central_differences(a, lambda: float(np.sum(dy * output())), eps) for a in arrays]


def model_gradients(model, X, T, loss="half_sse", eps=1e-6):
    """∂E/∂θ for every parameter of a :class:`~backprop_lab.models.Sequential`, by central differences.

    E is the batch loss in training mode (batch normalisation uses the batch's
    statistics), as :meth:`~backprop_lab.models.Sequential.gradients` computes it.

    Parameters
    ----------
    model : Sequential
        Not changed (a copy is perturbed).
    X : array_like, shape (B, …)
    T : array_like, shape (B, n_out)
    loss : {"half_sse", "sse", "mse", "cross_entropy"}
    eps : float

    Returns
    -------
    list of numpy.ndarray
        In the order of ``model.params()``, like ``model.grads()`` after
        ``model.gradients(X, T, loss)``.
    """
    if not isinstance(model, Sequential):
        raise TypeError(f"model must be a backprop_lab.models.Sequential, got {type(model).__name__}")
    eps = positive_float("eps", eps)
    probe = model.copy()
    probe.gradients(X, T, loss)  # checks X, T and loss the way the backward pass does
    X = probe._check(X, "X")
    fn = get_loss(loss)
    out = probe.blocks[-1]
    T = as_target(T, out.forward(probe._net(X, True), True).shape, name="T")

    def E():
        net = probe._net(X, True)
        return fn.evaluate(net, out.forward(net, True), T, out.f)[0]

    return [_central_differences(p, E, eps) for p in probe.params()]


def relative_error(a, b):
    """``‖a − b‖ / (‖a‖ + ‖b‖)`` over all entries of two gradients (0 when both are 0).

    Both may be :class:`Gradients` (deltas, weights and biases are all compared),
    arrays, or lists of arrays of any shapes (such as ``model.grads()`` and
    :func:`model_gradients`). Taken over the whole vector, so tiny entries cannot inflate it.
    About 1e-7 or less means the two agree; above 1e-2 one of them is wrong.

    >>> relative_error(np.array([3.0, 4.0]), np.array([3.0, 4.0]))
    0.0
    >>> relative_error(np.array([1.0, 0.0]), np.array([-1.0, 0.0]))  # a sign slip
    1.0
    """
    if isinstance(a, Gradients) and isinstance(b, Gradients):
        pairs = list(zip(a.deltas + a.weights + a.biases, b.deltas + b.weights + b.biases))
    elif _array_list(a) and _array_list(b):
        if len(a) != len(b):
            raise ValueError(f"cannot compare a list of {len(a)} gradients with a list of {len(b)}")
        pairs = [(np.asarray(u, dtype=float), np.asarray(v, dtype=float)) for u, v in zip(a, b)]
    else:
        pairs = [(np.asarray(a, dtype=float), np.asarray(b, dtype=float))]
    for u, v in pairs:
        if u.shape != v.shape:
            raise ValueError(f"cannot compare gradients of shapes {u.shape} and {v.shape}")
    diff = np.sqrt(sum(float(np.sum((u - v) ** 2)) for u, v in pairs))
    size = (np.sqrt(sum(float(np.sum(u**2)) for u, _ in pairs))
            + np.sqrt(sum(float(np.sum(v**2)) for _, v in pairs)))
    return 0.0 if size == 0.0 else float(diff / size)


def _array_list(value):
    """A list or tuple of numpy arrays (one gradient per parameter), not a nested list of numbers."""
    return isinstance(value, (list, tuple)) and bool(value) and all(isinstance(v, np.ndarray) for v in value)
