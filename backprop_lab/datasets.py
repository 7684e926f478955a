"""Small two-dimensional data sets, generated from a seed (nothing is downloaded).

Every function returns ``(X, Y)``: X of shape ``(n, 2)`` with coordinates
roughly in [−1.5, 1.5], and Y of shape ``(n, 1)`` holding the class, 0 or 1
-- the form a sigmoid output neuron is trained on.
"""

import numpy as np

from ._checks import positive_float, positive_int

__all__ = ["DATASETS", "and_", "circles", "line", "moons", "or_", "spiral", "xor"]


def _gate(outputs):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array(outputs, dtype=float).reshape(4, 1)


def xor():
    """The four points of XOR: 1 where exactly one input is 1.

    >>> X, Y = xor()
    >>> Y.ravel().tolist()
    [0.0, 1.0, 1.0, 0.0]
    """
    return _gate([0, 1, 1, 0])


def and_():
    """The four points of AND (named ``and_`` because ``and`` is a Python keyword)."""
    return _gate([0, 0, 0, 1])


def or_():
    """The four points of OR (named ``or_`` because ``or`` is a Python keyword)."""
    return _gate([0, 1, 1, 1])


def _check(n, noise):
    return positive_int("n", n, minimum=2), positive_float("noise", noise, allow_zero=True)


def _labels(n):
    """Half the points (rounded down) in class 0, the rest in class 1."""
    return np.repeat([0.0, 1.0], [n // 2, n - n // 2])


def circles(n=200, noise=0.1, seed=0):
    """An inner disc (class 1) inside a ring (class 0).

    Parameters
    ----------
    n : int
        Number of points, at least 2.
    noise : float
        Standard deviation of the Gaussian noise added to each coordinate.
    seed : int
        The same seed gives the same points.
    """
    n, noise = _check(n, noise)
    rng = np.random.default_rng(seed)
    y = _labels(n)
    radius = np.where(y == 1, rng.uniform(0.0, 0.5, n), rng.uniform(0.9, 1.3, n))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return X + rng.normal(0.0, noise, X.shape), y.reshape(-1, 1)


def moons(n=200, noise=0.1, seed=0):
    """Two interleaving half circles, centred on the origin (arguments as for :func:`circles`)."""
    n, noise = _check(n, noise)
    rng = np.random.default_rng(seed)
    y = _labels(n)
    t = rng.uniform(0.0, np.pi, n)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where(y[:, None] == 0, upper, lower) - [0.5, 0.25]
    return X + rng.normal(0.0, noise, X.shape), y.reshape(-1, 1)


def spiral(n=200, noise=0.1, seed=0, turns=1.0):
    """Two interleaved spiral arms, one per class (arguments as for :func:`circles`).

    Parameters
    ----------
    turns : float
        How many times each arm winds around the centre; more is harder.
    """
    n, noise = _check(n, noise)
    turns = positive_float("turns", turns)
    rng = np.random.default_rng(seed)
    y = _labels(n)
    r = rng.uniform(0.1, 1.0, n)
    angle = 2 * np.pi * turns * r + np.pi * y
    X = 1.3 * np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    return X + rng.normal(0.0, noise, X.shape), y.reshape(-1, 1)


def line(n=21, slope=2.0, intercept=1.0, noise=0.1, seed=0):
    """Points near the line y = slope · x + intercept, for x evenly spaced in [−1, 1].

    A regression problem (Y is not a class): a single linear neuron can fit
    it, which makes the effect of the learning rate easy to see.

    >>> X, Y = line(n=3, noise=0.0)
    >>> Y.ravel().tolist()
    [-1.0, 1.0, 3.0]
    """
    n, noise = _check(n, noise)
    rng = np.random.default_rng(seed)
    X = np.linspace(-1.0, 1.0, n).reshape(-1, 1)
    return X, slope * X + intercept + rng.normal(0.0, noise, X.shape)


#: name -> generator, for menus in the widgets.
DATASETS = {"xor": xor, "and": and_, "or": or_, "circles": circles, "moons": moons, "spiral": spiral}
