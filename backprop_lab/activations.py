"""Activation functions f and their derivatives f'.

Each activation is a pair ``(f, f_prime)``. ``f(net)`` maps net inputs to
outputs; ``f_prime(net, o)`` gets both the net input and the output
``o = f(net)``, because for sigmoid and tanh the derivative is cheapest
(and is taught) in terms of the output: ``f'(net) = o (1 - o)``.

None of them overflows or warns for ``|net|`` up to 1e6 and beyond.
"""

import numpy as np


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


#: name -> (f, f_prime); the names accepted by ``Network(activation=...)``.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "linear": (linear, linear_prime),
}
