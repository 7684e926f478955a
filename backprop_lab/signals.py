"""Short noisy signals, some holding a pattern: data for a 1-D convolutional network, from a seed.

Every signal is Gaussian noise. Half of them (class 1) have the pattern
added at a random position; the other half (class 0) have the *reversed*
pattern there instead, so that telling them apart needs the order of the
values, not just their size -- a job for a filter shaped like the pattern.
"""

import numpy as np

from ._checks import as_float_array, positive_float, positive_int

__all__ = ["FALLING_STEP", "pattern_signals"]

#: The default pattern: high, high, low, low -- a falling step. Reversed, it rises.
FALLING_STEP = (1.0, 1.0, -1.0, -1.0)


def pattern_signals(n=200, length=20, pattern=FALLING_STEP, noise=0.3, seed=0, positions=False):
    """Signals of shape (n, 1, length) and whether each holds `pattern`.

    Parameters
    ----------
    n : int
        How many signals; the first ⌈n/2⌉ … are mixed in a random order.
    length : int
        L, samples per signal; at least the pattern's length.
    pattern : sequence of float
        The shape to detect (class 1); class 0 holds it reversed.
    noise : float
        The standard deviation of the noise (≥ 0).
    seed : int
    positions : bool
        Also return where the pattern (or its reverse) starts in each signal.

    Returns
    -------
    X : numpy.ndarray, shape (n, 1, length)
    Y : numpy.ndarray, shape (n, 1)
        1 where the pattern occurs, 0 where its reverse does.
    starts : numpy.ndarray of int, shape (n,)
        Only with ``positions=True``.

    Examples
    --------
    >>> X, Y = pattern_signals(n=4, length=8, noise=0.0, seed=1)
    >>> X.shape, Y.ravel().tolist()
    ((4, 1, 8), [0.0, 1.0, 0.0, 1.0])
    >>> X[1, 0].tolist()
    [1.0, 1.0, -1.0, -1.0, 0.0, 0.0, 0.0, 0.0]
    """
    n = positive_int("n", n)
    pattern = as_float_array("pattern", pattern, ndim=1)
    if pattern.size == 0:
        raise ValueError("pattern must hold at least one value")
    length = positive_int("length", length)
    if length < pattern.size:
        raise ValueError(f"length must be at least the pattern's length {pattern.size}, got {length}")
    noise = positive_float("noise", noise, allow_zero=True)
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(n) % 2).astype(float)
    starts = rng.integers(0, length - pattern.size + 1, size=n)
    X = noise * rng.standard_normal((n, 1, length))
    for i in range(n):
        shape = pattern if labels[i] == 1.0 else pattern[::-1]
        X[i, 0, starts[i] : starts[i] + pattern.size] += shape
    X = X + 0.0  # no −0.0 where the noise is 0
    Y = labels.reshape(n, 1)
    return (X, Y, starts) if positions else (X, Y)
