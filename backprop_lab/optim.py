"""Optimizers, learning-rate schedules and gradient clipping.

An optimizer turns parameters and their gradients into new parameters;
``params`` and ``grads`` are lists of arrays in the same order (the trainer
passes ``weights + biases``). Optimizers keep their state (velocity, moments)
between calls, so use one optimizer object per training run.
"""

import numpy as np

from ._checks import choice, positive_float

__all__ = [
    "OPTIMIZERS", "SGD", "Adam", "ExponentialDecay", "Momentum", "StepDecay",
    "clip_by_norm", "clip_by_value", "make_optimizer",
]


class SGD:
    """Plain gradient descent: ``θ ← θ − η g``."""

    name = "sgd"

    def update(self, params, grads, lr):
        """New parameters after one step with learning rate `lr`."""
        return [p - lr * g for p, g in zip(params, grads)]

    def __repr__(self):
        return "SGD()"


class Momentum:
    """Gradient descent with momentum (the form PyTorch uses).

    ``v ← β v + g``, then ``θ ← θ − η v``: the velocity v remembers past
    gradients, so steps grow along directions where the gradient keeps its sign.

    Parameters
    ----------
    beta : float
        How much velocity is kept per step, in [0, 1).
    """

    name = "momentum"

    def __init__(self, beta=0.9):
        self.beta = _fraction("beta", beta)
        self.velocity = None

    def update(self, params, grads, lr):
        if self.velocity is None:
            self.velocity = [np.zeros_like(g) for g in grads]
        self.velocity = [self.beta * v + g for v, g in zip(self.velocity, grads)]
        return [p - lr * v for p, v in zip(params, self.velocity)]

    def __repr__(self):
        return f"Momentum(beta={self.beta})"


class Adam:
    """Adam (Kingma & Ba, 2015), exactly as published.

    With t counting steps from 1::

        m ← β1 m + (1 − β1) g          v ← β2 v + (1 − β2) g²
        m̂ = m / (1 − β1^t)             v̂ = v / (1 − β2^t)
        θ ← θ − η m̂ / (√v̂ + ε)

    Parameters
    ----------
    beta1, beta2 : float
        Decay rates of the first and second moment estimates, in [0, 1).
    eps : float
        Keeps the division finite where v̂ is 0.

    Examples
    --------
    The first Adam step moves every parameter by about η, whatever the gradient's size:

    >>> [round(float(p[0]), 6) for p in Adam().update([np.array([1.0])], [np.array([123.0])], lr=0.1)]
    [0.9]
    """

    name = "adam"

    def __init__(self, beta1=0.9, beta2=0.999, eps=1e-8):
        self.beta1 = _fraction("beta1", beta1)
        self.beta2 = _fraction("beta2", beta2)
        self.eps = positive_float("eps", eps)
        self.m = self.v = None
        self.t = 0

    def update(self, params, grads, lr):
        if self.m is None:
            self.m = [np.zeros_like(g) for g in grads]
            self.v = [np.zeros_like(g) for g in grads]
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        self.m = [b1 * m + (1.0 - b1) * g for m, g in zip(self.m, grads)]
        self.v = [b2 * v + (1.0 - b2) * g * g for v, g in zip(self.v, grads)]
        c1, c2 = 1.0 - b1**self.t, 1.0 - b2**self.t
        return [p - lr * (m / c1) / (np.sqrt(v / c2) + self.eps) for p, m, v in zip(params, self.m, self.v)]

    def __repr__(self):
        return f"Adam(beta1={self.beta1}, beta2={self.beta2}, eps={self.eps})"


OPTIMIZERS = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def make_optimizer(optimizer):
    """An optimizer object from a name (``"sgd"``, ``"momentum"``, ``"adam"``) or an object."""
    if isinstance(optimizer, str):
        return OPTIMIZERS[choice("optimizer", optimizer, OPTIMIZERS)]()
    if not callable(getattr(optimizer, "update", None)):
        raise TypeError(
            f"optimizer must be one of {sorted(OPTIMIZERS)} or an optimizer object, got {optimizer!r}"
        )
    return optimizer


def _fraction(name, value):
    value = positive_float(name, value, allow_zero=True)
    if value >= 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value}")
    return value


# --- learning-rate schedules: callables (epoch, lr0) -> lr, epochs counted from 0 ---


class StepDecay:
    """Multiply the learning rate by `drop` every `every` epochs: ``η_t = η0 · drop^⌊t / every⌋``.

    >>> [StepDecay(drop=0.5, every=2)(t, 1.0) for t in range(5)]
    [1.0, 1.0, 0.5, 0.5, 0.25]
    """

    def __init__(self, drop=0.5, every=100):
        self.drop = positive_float("drop", drop)
        if not isinstance(every, int) or isinstance(every, bool) or every < 1:
            raise ValueError(f"every must be a whole number of epochs >= 1, got {every!r}")
        self.every = every

    def __call__(self, epoch, lr0):
        return lr0 * self.drop ** (epoch // self.every)

    def __repr__(self):
        return f"StepDecay(drop={self.drop}, every={self.every})"


class ExponentialDecay:
    """Multiply the learning rate by `gamma` every epoch: ``η_t = η0 · γ^t``.

    >>> [round(ExponentialDecay(gamma=0.5)(t, 1.0), 3) for t in range(3)]
    [1.0, 0.5, 0.25]
    """

    def __init__(self, gamma=0.99):
        self.gamma = positive_float("gamma", gamma)

    def __call__(self, epoch, lr0):
        return lr0 * self.gamma**epoch

    def __repr__(self):
        return f"ExponentialDecay(gamma={self.gamma})"


# --- gradient clipping, on lists of gradient arrays ---


def clip_by_value(grads, c):
    """``clip(g, −c, c)`` entry by entry.

    The rule "Understanding Backpropagation in Neural Network Training" gives.

    >>> [g.tolist() for g in clip_by_value([np.array([-3.0, 0.5, 2.0])], 1.0)]
    [[-1.0, 0.5, 1.0]]
    """
    c = positive_float("c", c)
    return [np.clip(g, -c, c) for g in grads]


def clip_by_norm(grads, max_norm):
    """Rescale all gradients together so their joint L2 norm is at most `max_norm`.

    Unlike clipping by value, this keeps the gradient's direction.

    >>> [g.tolist() for g in clip_by_norm([np.array([3.0, 4.0])], 1.0)]
    [[0.6000000000000001, 0.8]]
    """
    max_norm = positive_float("max_norm", max_norm)
    norm = np.sqrt(sum(float(np.vdot(g, g)) for g in grads))
    if norm <= max_norm:
        return list(grads)
    return [g * (max_norm / norm) for g in grads]
