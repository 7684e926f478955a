"""Activation functions f, their derivatives f', and how δ passes through them.

Each activation is an :class:`Activation`: ``f(net)`` maps net inputs to
outputs, ``f_prime(net, o)`` is the derivative taken element by element (it
gets both the net input and the output ``o = f(net)``, because for sigmoid
and tanh the derivative is cheapest, and is taught, in terms of the output:
σ'(net) = o (1 − o)). ``backprop(net, o, dE_do)`` turns ∂E/∂o into
δ = ∂E/∂net; for the element-wise activations that is ``dE_do · f'(net)``.

Softmax is not element-wise: each output depends on every net input of its
layer, so it has no ``f_prime`` and its ``backprop`` multiplies by the
Jacobian, δ_i = o_i (g_i − Σ_k g_k o_k) with g = ∂E/∂o. It is allowed only
in the output layer (see :class:`~backprop_lab.Network`).

None of them overflows or warns for ``|net|`` up to 1e6 and beyond.

To add an activation: write ``f`` and ``f_prime`` here and add one entry to
:data:`ACTIVATIONS`; the network, the passes, the trainer, the gradient check
and ``explain`` pick it up from there (``docs/ARCHITECTURE.md``).
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = ["ACTIVATIONS", "Activation", "linear", "relu", "sigmoid", "softmax", "tanh"]


def sigmoid(net):
    """The logistic function ``1 / (1 + exp(-net))``, without overflow.

    ``exp(-net)`` overflows float64 for net below about −709, so net is
    first raised to at least −709: the result there is below 1e-307 either
    way, and no warning is raised. Large positive net gives exactly 1.

    >>> float(sigmoid(0.14))
    0.5349429451582145
    """
    return 1.0 / (1.0 + np.exp(-np.maximum(net, -709.0)))


def sigmoid_prime(net, o):
    """``f'(net) = o (1 - o)`` for the sigmoid; at most 0.25 (at net = 0)."""
    return o * (1.0 - o)


def tanh(net):
    """The hyperbolic tangent; numpy's is already overflow-free."""
    return np.tanh(net)


def tanh_prime(net, o):
    """``f'(net) = 1 - o**2`` for tanh; at most 1 (at net = 0)."""
    return 1.0 - o * o


def relu(net):
    """``max(0, net)``."""
    return np.maximum(net, 0.0)


def relu_prime(net, o):
    """1 where ``net > 0``, else 0. At ``net == 0`` we use 0, as PyTorch does."""
    return (net > 0.0).astype(np.float64)


def linear(net):
    """The identity: ``o = net``."""
    return net


def linear_prime(net, o):
    """``f'(net) = 1``."""
    return np.ones_like(net)


def softmax(net):
    """``o_k = exp(net_k) / Σ_i exp(net_i)`` over the last axis (each row sums to 1).

    The largest net input is subtracted first: the result is the same, and
    ``exp`` never overflows (net = ±800 gives exact zeros and ones, no warning).

    >>> softmax(np.array([0.0, np.log(3.0)])).round(6).tolist()
    [0.25, 0.75]
    """
    e = np.exp(net - np.max(net, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _softmax_backprop(net, o, dE_do):
    # δ_i = Σ_k (∂o_k/∂net_i) g_k with ∂o_k/∂net_i = o_k (1[k = i] − o_i): δ_i = o_i (g_i − Σ_k g_k o_k).
    return o * (dE_do - np.sum(dE_do * o, axis=-1, keepdims=True))


@dataclass(frozen=True, repr=False)
class Activation:
    """One activation function with what backpropagation needs of it.

    Attributes
    ----------
    name : str
    f : callable
        ``f(net) -> o``, any shape; softmax works along the last axis.
    f_prime : callable or None
        ``f_prime(net, o) -> f'(net)`` element by element; None for softmax.
    output_only : bool
        True when the activation may only be used in the output layer.
    """

    name: str
    f: Callable
    f_prime: Callable | None
    output_only: bool = False
    _backprop: Callable | None = None

    def __call__(self, net):
        return self.f(net)

    def backprop(self, net, o, dE_do):
        """δ = ∂E/∂net from ∂E/∂o, for net inputs `net` and outputs `o` of the same shape."""
        if self._backprop is not None:
            return self._backprop(net, o, dE_do)
        return dE_do * self.f_prime(net, o)

    def __repr__(self):
        return f"<Activation {self.name}>"


#: name -> :class:`Activation`; the names accepted by ``Network(activation=...)``.
ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime),
    "tanh": Activation("tanh", tanh, tanh_prime),
    "relu": Activation("relu", relu, relu_prime),
    "linear": Activation("linear", linear, linear_prime),
    "softmax": Activation("softmax", softmax, None, output_only=True, _backprop=_softmax_backprop),
}
