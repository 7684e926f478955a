"""The forward pass, the backward pass and one gradient-descent step.

Named like the equations on the notation card:

* forward:  ``net_j = Σ_i w_{j,i} o_i + b_j``, ``o_j = f(net_j)``
* backward: output ``δ_k = ∂E/∂o_k · f'(net_k)``;
  hidden ``δ_j = f'(net_j) Σ_k δ_k w_{k,j}``
* gradients: ``∂E/∂w_{j,i} = δ_j o_i``, ``∂E/∂b_j = δ_j``
* update: ``w ← w − η ∂E/∂w``

The public functions check their arguments and call the private ``_forward``
and ``_backward``, which work on plain arrays so that training stays fast.
"""

from dataclasses import dataclass

import numpy as np

from ._checks import as_float_array, choice, positive_float
from .activations import ACTIVATIONS
from .losses import LOSSES, as_target, loss_and_grad
from .network import Network


@dataclass
class Trace:
    """Everything the forward pass computed.

    Attributes
    ----------
    nets : list of numpy.ndarray
        ``nets[l]`` holds the net inputs of weight layer l, shape ``(n_out,)``
        for one sample or ``(B, n_out)`` for a batch.
    outputs : list of numpy.ndarray
        ``outputs[0]`` is the input x; ``outputs[l + 1] = f(nets[l])``.
        So ``outputs[l]`` are the o_i that weight layer l receives.
    """

    nets: list
    outputs: list

    @property
    def x(self):
        """The input, shape ``(n_in,)`` or ``(B, n_in)``."""
        return self.outputs[0]

    @property
    def output(self):
        """The prediction, with the same leading shape as x."""
        return self.outputs[-1]


@dataclass
class Gradients:
    """What the backward pass computed.

    Attributes
    ----------
    deltas : list of numpy.ndarray
        ``deltas[l][..., j] = ∂E/∂net_j`` for weight layer l, shaped like ``Trace.nets[l]``.
        For a batch, E is the mean loss, so each sample's δ carries a factor 1/B.
    weights : list of numpy.ndarray
        ``∂E/∂w_{j,i}``, shaped like ``Network.weights``.
    biases : list of numpy.ndarray
        ``∂E/∂b_j``, shaped like ``Network.biases``.
    loss : float
        E at the point where the gradients were taken (NaN when unknown).
    """

    deltas: list
    weights: list
    biases: list
    loss: float = float("nan")

    def __neg__(self):
        """The same gradients with every sign flipped (for showing a sign slip)."""
        return Gradients([-d for d in self.deltas], [-g for g in self.weights], [-g for g in self.biases], self.loss)

    def norms(self):
        """The Frobenius norm of ∂E/∂W for every weight layer, shape ``(n_layers,)``."""
        return np.array([np.sqrt(np.vdot(g, g)) for g in self.weights])


def activation_funcs(net):
    """The ``(f, f_prime)`` pair of every layer of `net`."""
    return [ACTIVATIONS[name] for name in net.activations]


def _forward(weights, biases, funcs, x):
    """Forward pass on checked arrays; returns ``(nets, outputs)``."""
    nets, outputs = [], [x]
    o = x
    for W, b, (f, _) in zip(weights, biases, funcs):
        net = o @ W.T + b
        o = f(net)
        nets.append(net)
        outputs.append(o)
    return nets, outputs


def _backward(weights, funcs, nets, outputs, dE_do):
    """Backward pass on checked arrays; returns ``(deltas, dE_dW, dE_db)``."""
    n_layers = len(weights)
    deltas, dE_dW, dE_db = [None] * n_layers, [None] * n_layers, [None] * n_layers
    upstream = dE_do  # ∂E/∂o of the layer being processed
    for l in range(n_layers - 1, -1, -1):
        f_prime = funcs[l][1]
        delta = upstream * f_prime(nets[l], outputs[l + 1])
        o_in = outputs[l]
        if delta.ndim == 2:  # a batch: sum the per-sample products
            dE_dW[l] = delta.T @ o_in
            dE_db[l] = delta.sum(axis=0)
        else:
            dE_dW[l] = np.outer(delta, o_in)
            dE_db[l] = delta.copy()
        deltas[l] = delta
        if l > 0:
            upstream = delta @ weights[l]  # Σ_k δ_k w_{k,j}
    return deltas, dE_dW, dE_db


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
        raise ValueError(f"{name} holds no samples: shape {x.shape}")
    return x


def forward(net, x):
    """Run the network on one sample or a batch.

    Parameters
    ----------
    net : Network
    x : array_like, shape (n_in,) or (B, n_in)
        One sample, or B samples in rows. A single number is accepted when n_in is 1.

    Returns
    -------
    Trace
        Net inputs and outputs of every layer; ``trace.output`` is the prediction.

    Examples
    --------
    Seed 003's forward pass (o1 = 0.2):

    >>> net = Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
    >>> trace = forward(net, [0.2])
    >>> [round(float(v[0]), 5) for v in trace.nets]
    [0.14, 0.26048]
    >>> round(float(trace.output[0]), 5)
    0.56475
    """
    x = check_input(net, x)
    nets, outputs = _forward(net.weights, net.biases, activation_funcs(net), x)
    return Trace(nets, outputs)


def backward(net, trace, target, loss="half_sse"):
    """Backpropagate: every δ, ∂E/∂W and ∂E/∂b for the sample(s) in `trace`.

    Parameters
    ----------
    net : Network
        The network `trace` was computed with.
    trace : Trace
        From ``forward(net, x)``.
    target : array_like
        T, shaped like ``trace.output``.
    loss : {"half_sse", "sse", "mse"}

    Returns
    -------
    Gradients

    Examples
    --------
    Seed 003's δ values, with the sign of δ = ∂E/∂net:

    >>> net = Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
    >>> grads = backward(net, forward(net, [0.2]), [0.7])
    >>> [round(float(d[0]), 7) for d in grads.deltas]
    [-0.0024811, -0.0332441]
    """
    _check_network(net)
    if not isinstance(trace, Trace):
        raise TypeError(f"trace must be the Trace returned by forward(net, x), got {type(trace).__name__}")
    choice("loss", loss, LOSSES)
    if len(trace.nets) != net.n_layers or any(
        n.shape[-1] != w.shape[0] for n, w in zip(trace.nets, net.weights)
    ):
        raise ValueError("trace does not match net: compute it with forward(net, x) on this network")
    T = as_target(target, trace.output.shape)
    E, dE_do = loss_and_grad(trace.output, T, loss)
    deltas, dW, db = _backward(net.weights, activation_funcs(net), trace.nets, trace.outputs, dE_do)
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
    Seed 003's update of w32 with η = 0.1 (the correct sign: w32 grows):

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
