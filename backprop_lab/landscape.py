"""The loss along one weight: E(w) with every other weight and bias held fixed.

What the figure of E against a weight draws, computed by the engine, in one
forward pass for all values at once: only net_j of the weight's layer depends
on the weight, so it is shifted, and the later layers run on every value.
"""

import numpy as np

from ._checks import as_float_array
from .losses import as_target, get_loss
from .network import Network
from .passes import _forward, activation_funcs, check_input

__all__ = ["loss_along_weight", "parameter"]


def parameter(net, layer, j, i):
    """Check a parameter's position; returns ``(layer, j, i)`` with ``i = None`` for the bias.

    ``i`` may be an input index, or ``"b"`` / None for the bias b_j.
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a backprop_lab.Network, got {type(net).__name__}")
    if isinstance(layer, bool) or not isinstance(layer, (int, np.integer)) or not 0 <= layer < net.n_layers:
        raise ValueError(f"layer must be a weight layer from 0 to {net.n_layers - 1}, got {layer!r}")
    n_out, n_in = net.weights[layer].shape
    if i in ("b", None):
        i = None
    elif isinstance(i, bool) or not isinstance(i, (int, np.integer)) or not 0 <= i < n_in:
        raise ValueError(f"i must be an input from 0 to {n_in - 1} (or 'b' for the bias), got {i!r}")
    if isinstance(j, bool) or not isinstance(j, (int, np.integer)) or not 0 <= j < n_out:
        raise ValueError(f"j must be a neuron from 0 to {n_out - 1}, got {j!r}")
    return int(layer), int(j), None if i is None else int(i)


def loss_along_weight(net, x, target, layer, j, i, values, loss="half_sse"):
    """E for every value of one weight (or bias), all other parameters fixed.

    Parameters
    ----------
    net : Network
    x : array_like, shape (n_in,) or (B, n_in)
    target : array_like
        T, shaped like the network's output for `x`.
    layer, j, i : int
        The weight ``net.weights[layer][j, i]``; ``i="b"`` (or None) means ``net.biases[layer][j]``.
    values : array_like, shape (m,)
        The values of that weight to try.
    loss : str
        A name from :data:`~backprop_lab.LOSSES`.

    Returns
    -------
    numpy.ndarray, shape (m,)
        E at each value (for a batch, the mean over samples).

    Examples
    --------
    The 1-1-1 network of "Understanding Backpropagation in Deep Learning Networks", E against w32:

    >>> from backprop_lab import examples
    >>> loss_along_weight(examples.CHAIN.network(), [0.2], [0.7], 1, 0, 0, [0.3, 1.0]).round(6).tolist()
    [0.009146, 0.001076]
    """
    layer, j, i = parameter(net, layer, j, i)
    x = check_input(net, x)
    ws = as_float_array("values", values, ndim=1)
    fn = get_loss(loss)
    funcs = activation_funcs(net)
    nets, outputs = _forward(net.weights, net.biases, funcs, x)
    T = as_target(target, outputs[-1].shape)
    fn.check(net.activations[-1], T)
    w0 = net.biases[layer][j] if i is None else net.weights[layer][j, i]
    o_in = 1.0 if i is None else outputs[layer][..., i]
    z = np.repeat(nets[layer][None], len(ws), axis=0)  # (m, K) or (m, B, K)
    z[..., j] += (ws - w0).reshape((-1,) + (1,) * (z.ndim - 2)) * o_in
    if layer + 1 < net.n_layers:
        later = _forward(net.weights[layer + 1 :], net.biases[layer + 1 :], funcs[layer + 1 :],
                         funcs[layer].f(z))
        z = later[0][-1]
    E = fn.per_sample(z, funcs[-1].f(z), T, funcs[-1])  # (m,) or (m, B)
    return E.mean(axis=-1) if E.ndim == 2 else E
