"""The forward pass, the backward pass and one gradient-descent step.

Named like the equations on the notation card:

* forward:  ``net_j = Σ_i w_{j,i} o_i + b_j``, ``o_j = f(net_j)``
* backward: output δ from the loss (``losses.py``: ``(o_k − T_k) f'(net_k)``
  for ½Σ(T − o)², ``o_k − T_k`` for cross-entropy); hidden
  ``δ_j = f'(net_j) Σ_k δ_k w_{k,j}``
* gradients: ``∂E/∂w_{j,i} = δ_j o_i``, ``∂E/∂b_j = δ_j``
* update: ``w ← w − η ∂E/∂w``

The public functions check their arguments and call the private ``_forward``
and ``_backward``, which work on plain arrays so that training stays fast.
"""

import numpy as np

from ._checks import as_float_array, positive_float
from .activations import ACTIVATIONS
from .losses import as_target, get_loss
from .network import Network
from .records import Gradients, Trace
from .regularization import check_masks, check_weight_decay, weight_penalty

__all__ = ["Gradients", "Trace", "backward", "chain_factors", "check_input", "forward", "sgd_step"]


def activation_funcs(net):
    """The :class:`~backprop_lab.activations.Activation` of every layer of `net`."""
    return [ACTIVATIONS[name] for name in net.activations]


def _forward(weights, biases, funcs, x, masks=None):
    """Forward pass on checked arrays; returns ``(nets, outputs)``.

    With dropout `masks` (one per hidden layer), hidden outputs are ``f(net) · mask``.
    """
    nets, outputs = [], [x]
    o = x
    if masks is None:
        for W, b, act in zip(weights, biases, funcs):
            net = o @ W.T + b
            o = act.f(net)
            nets.append(net)
            outputs.append(o)
        return nets, outputs
    for l, (W, b, act) in enumerate(zip(weights, biases, funcs)):
        net = o @ W.T + b
        o = act.f(net) if l == len(masks) else act.f(net) * masks[l]
        nets.append(net)
        outputs.append(o)
    return nets, outputs


def _backward(weights, funcs, nets, outputs, delta_out, masks=None, out=None):
    """Backward pass on checked arrays, from the output layer's δ; returns ``(deltas, dE_dW, dE_db)``.

    `masks` are the dropout masks the forward pass used; `out`, a pair of lists of
    arrays shaped like the weights and biases, receives ∂E/∂W and ∂E/∂b of a batch
    (the trainer keeps its gradients in one buffer).
    """
    n_layers = len(weights)
    deltas = [None] * n_layers
    dE_dW, dE_db = out if out is not None else ([None] * n_layers, [None] * n_layers)
    delta, l = delta_out, n_layers - 1
    while True:
        o_in = outputs[l]  # the o_i that layer l receives: ∂E/∂w_{j,i} = δ_j o_i
        if out is not None:  # a batch, into the caller's arrays (out= by position: cheaper)
            np.matmul(delta.T, o_in, dE_dW[l])
            np.add.reduce(delta, 0, None, dE_db[l])
        elif delta.ndim == 2:  # a batch: sum the per-sample products
            dE_dW[l] = delta.T @ o_in
            dE_db[l] = delta.sum(axis=0)
        else:
            dE_dW[l] = np.outer(delta, o_in)
            dE_db[l] = delta.copy()
        deltas[l] = delta
        if l == 0:
            return deltas, dE_dW, dE_db
        # The layer below is hidden, so element-wise (only the output layer may be softmax):
        # δ_j = f'(net_j) Σ_k δ_k w_{k,j}, the sum being (δ W)_j.
        dE_do, l = delta @ weights[l], l - 1
        if masks is None:
            delta = dE_do * funcs[l].f_prime(nets[l], o_in)
        else:  # o_j = f(net_j) m_j: ∂E/∂f(net_j) = m_j ∂E/∂o_j, and f' needs f(net_j), not o_j
            delta = (dE_do * masks[l]) * funcs[l].f_prime(nets[l], funcs[l].f(nets[l]))


def _check_network(net, name="net"):
    if not isinstance(net, Network):
        raise TypeError(f"{name} must be a backprop_lab.Network, got {type(net).__name__}")


def check_input(net, x, name="x"):
    """Return `x` as a float64 array of shape ``(n_in,)`` or ``(B, n_in)``, or raise."""
    _check_network(net)
    x = as_float_array(name, x, ndim=(0, 1, 2))
    if x.ndim == 0 and net.sizes[0] == 1:
        x = x.reshape(1)
    if x.ndim == 0 or x.shape[-1] != net.sizes[0]:
        raise ValueError(
            f"{name} must have {net.sizes[0]} input value(s) per sample (shape ({net.sizes[0]},)"
            f" or (B, {net.sizes[0]})), got shape {x.shape}"
        )
    if x.ndim == 2 and x.shape[0] == 0:
        raise ValueError(f"{name} must hold at least one sample, got shape {x.shape}")
    return x


def forward(net, x, masks=None):
    """Run the network on one sample or a batch.

    Parameters
    ----------
    net : Network
    x : array_like, shape (n_in,) or (B, n_in)
        One sample, or B samples in rows. A single number is accepted when n_in is 1.
    masks : list of array_like, optional
        Dropout masks, one per hidden layer, each shaped like that layer's outputs
        (``(n,)`` or ``(B, n)``): hidden outputs become ``f(net) · mask``. Use
        :func:`~backprop_lab.regularization.dropout_masks` for the masks training draws;
        ``backward`` then uses the same masks. None (the default): no dropout.

    Returns
    -------
    Trace
        Net inputs and outputs of every layer; ``trace.output`` is the prediction.

    Examples
    --------
    The forward pass of "Understanding Backpropagation in Deep Learning Networks" (o1 = 0.2):

    >>> net = Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
    >>> trace = forward(net, [0.2])
    >>> [round(float(v[0]), 5) for v in trace.nets]
    [0.14, 0.26048]
    >>> round(float(trace.output[0]), 5)
    0.56475
    """
    x = check_input(net, x)
    if masks is not None:
        masks = check_masks(net, masks, x.shape)
    nets, outputs = _forward(net.weights, net.biases, activation_funcs(net), x, masks)
    return Trace(nets, outputs, net.activations, masks)


def backward(net, trace, target, loss="half_sse", weight_decay=0.0):
    """Backpropagate: every δ, ∂E/∂W and ∂E/∂b for the sample(s) in `trace`.

    Parameters
    ----------
    net : Network
        The network `trace` was computed with.
    trace : Trace
        From ``forward(net, x)``; if that pass took dropout ``masks``, the same masks are used here.
    target : array_like
        T, shaped like ``trace.output``.
    loss : {"half_sse", "sse", "mse", "cross_entropy"}
        See :mod:`backprop_lab.losses`; cross_entropy needs a sigmoid or softmax output.
    weight_decay : float
        λ >= 0: the gradients are those of E + (λ/2) Σ_l ‖W_l‖², so ∂/∂W gains λW
        (see :mod:`backprop_lab.regularization`), and ``Gradients.loss`` includes the penalty.

    Returns
    -------
    Gradients

    Examples
    --------
    The δ values of "Understanding Backpropagation in Deep Learning Networks",
    with the sign of δ = ∂E/∂net:

    >>> net = Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
    >>> grads = backward(net, forward(net, [0.2]), [0.7])
    >>> [round(float(d[0]), 7) for d in grads.deltas]
    [-0.0024811, -0.0332441]
    """
    _check_network(net)
    if not isinstance(trace, Trace):
        raise TypeError(f"trace must be the Trace returned by forward(net, x), got {type(trace).__name__}")
    fn = get_loss(loss)
    if len(trace.nets) != net.n_layers or any(
        n.shape[-1] != w.shape[0] for n, w in zip(trace.nets, net.weights)
    ):
        raise ValueError("trace does not match net: compute it with forward(net, x) on this network")
    weight_decay = check_weight_decay(weight_decay)
    T = as_target(target, trace.output.shape)
    fn.check(net.activations[-1], T)
    funcs = activation_funcs(net)
    E, delta_out = fn.evaluate(trace.nets[-1], trace.output, T, funcs[-1])
    deltas, dW, db = _backward(net.weights, funcs, trace.nets, trace.outputs, delta_out, trace.masks)
    if weight_decay:
        dW = [g + weight_decay * w for g, w in zip(dW, net.weights)]
        E += weight_penalty(net.weights, weight_decay)
    return Gradients(deltas, dW, db, E)


def check_gradients(net, grads, name="grads"):
    """Raise unless `grads` has exactly the shapes of `net`'s parameters."""
    if not isinstance(grads, Gradients):
        raise TypeError(f"{name} must be the Gradients returned by backward(), got {type(grads).__name__}")
    shapes_ok = len(grads.weights) == net.n_layers and all(
        g.shape == w.shape for g, w in zip(grads.weights + grads.biases, net.weights + net.biases)
    )
    if not shapes_ok:
        raise ValueError(f"{name} do not match net's shapes: compute them with backward() on this network")


def sgd_step(net, grads, lr):
    """One step of gradient descent, ``w ← w − η ∂E/∂w``, as a new network.

    Parameters
    ----------
    net : Network
        Left unchanged.
    grads : Gradients
        From ``backward`` on this network.
    lr : float
        The learning rate η > 0.

    Returns
    -------
    Network

    Examples
    --------
    The update of w32 in "Understanding Backpropagation in Deep Learning Networks",
    with η = 0.1 and the correct sign (w32 grows; the article's sign slip shrinks it):

    >>> net = Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
    >>> new = sgd_step(net, backward(net, forward(net, [0.2]), [0.7]), lr=0.1)
    >>> round(float(new.weights[1][0, 0]), 6)
    0.301778
    """
    _check_network(net)
    check_gradients(net, grads)
    lr = positive_float("lr", lr)
    new = net.copy()
    for l in range(net.n_layers):
        new.weights[l] -= lr * grads.weights[l]
        new.biases[l] -= lr * grads.biases[l]
    return new


def chain_factors(net, x, target, loss="half_sse"):
    """The three chain-rule factors of ∂E/∂w for a single neuron (one input, one output).

    ∂E/∂w = ∂E/∂o · ∂o/∂net · ∂net/∂w, where o is the output (the articles' ŷ),
    net the net input (their z) and w the neuron's one weight.

    Parameters
    ----------
    net : Network
        One weight layer with one input and one output, element-wise activation.
    x, target : float or array_like of one number
    loss : {"half_sse", "sse", "mse"}

    Returns
    -------
    dict
        ``dE_do``, ``do_dnet``, ``dnet_dw`` (= x), and their products ``dE_dw``
        and ``dE_db`` (= ``dE_do · do_dnet``), all floats, taken from the engine's
        own backward pass.

    Examples
    --------
    >>> f = chain_factors(Network.from_weights([[[0.8]]], [[-0.5]]), 1.5, 1.0)
    >>> {k: round(v, 6) for k, v in f.items()}
    {'dE_do': -0.331812, 'do_dnet': 0.221713, 'dnet_dw': 1.5, 'dE_dw': -0.110351, 'dE_db': -0.073567}
    """
    _check_network(net)
    if net.sizes != (1, 1) or ACTIVATIONS[net.activations[0]].f_prime is None:
        raise ValueError(f"net must be a single neuron (sizes (1, 1), element-wise activation), got {net}")
    trace = forward(net, x)
    fn = get_loss(loss)
    if fn.name == "cross_entropy":
        raise ValueError(
            f"loss must be a squared error ('half_sse', 'sse' or 'mse') for chain_factors, got {fn.name!r}:"
            " with cross_entropy f' cancels (δ = o − T)"
        )
    T = as_target(target, trace.output.shape)
    act = activation_funcs(net)[0]
    # ∂E/∂o is what the loss sends back through a linear output (f' = 1).
    dE_do = float(fn.evaluate(trace.nets[0], trace.output, T, ACTIVATIONS["linear"])[1][0])
    do_dnet = float(act.f_prime(trace.nets[0], trace.output)[0])
    grads = backward(net, trace, T, loss)
    return {"dE_do": dE_do, "do_dnet": do_dnet, "dnet_dw": float(trace.x[0]),
            "dE_dw": float(grads.weights[0][0, 0]), "dE_db": float(grads.biases[0][0])}
