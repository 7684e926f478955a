"""Small two-dimensional data sets, generated from a seed (nothing is downloaded).

Every function returns ``(X, Y)``: X of shape ``(n, 2)`` with coordinates
roughly in [−1.5, 1.5], and Y of shape ``(n, 1)`` holding the class, 0 or 1
-- the form a sigmoid output neuron is trained on. :func:`spiral` and
:func:`blobs` also make K classes: with ``classes=K``, Y has shape ``(n, K)``
and each row is one-hot (a 1 in the column of its class) -- the form a softmax
output layer is trained on. ``flip`` changes that fraction of the labels to a
wrong class: label noise, which a large network learns by heart
(:func:`noisy_circles` is such a set, small enough to overfit).
:func:`split` divides a data set into a training and a validation part.
:func:`from_csv` reads your own points (``x1,x2,label`` lines), :func:`to_csv` writes them.
"""

import numpy as np

from ._checks import as_float_array, choice, positive_float, positive_int
from ._csv import class_numbers, from_csv, one_hot, to_csv

__all__ = ["DATASETS", "MULTICLASS", "and_", "blobs", "circles", "class_numbers", "from_csv", "line", "make",
           "moons", "noisy_circles", "one_hot", "or_", "spiral", "split", "to_csv", "xor"]


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


def _check(n, noise, classes=None, flip=0.0):
    """Checked ``(n, noise, K, flip)``; K is 2 when `classes` is None (one 0/1 column)."""
    K = 2 if classes is None else positive_int("classes", classes, minimum=2)
    n = positive_int("n", n, minimum=max(2, K))
    flip = positive_float("flip", flip, allow_zero=True)
    if flip > 1.0:
        raise ValueError(f"flip must be a fraction of the labels, from 0 to 1, got {flip:g}")
    return n, positive_float("noise", noise, allow_zero=True), K, flip


def _labels(n, K=2):
    """n class numbers 0 … K−1, in order: n // K of each, the remainder going to the last classes."""
    counts = [n // K + (k >= K - n % K) for k in range(K)]
    return np.repeat(np.arange(K, dtype=float), counts)


def _targets(y, K, classes, flip, rng):
    """Y from class numbers `y`: one 0/1 column (classes None) or one-hot rows; `flip` of them made wrong."""
    if flip:  # exactly round(flip · n) labels, each moved to another class
        wrong = rng.choice(len(y), int(round(flip * len(y))), replace=False)
        y = y.copy()
        y[wrong] = (y[wrong] + rng.integers(1, K, size=len(wrong))) % K
    return y.reshape(-1, 1) if classes is None else np.eye(K)[y.astype(int)]


def circles(n=200, noise=0.1, seed=0, flip=0.0):
    """An inner disc (class 1) inside a ring (class 0).

    Parameters
    ----------
    n : int
        Number of points, at least 2.
    noise : float
        Standard deviation of the Gaussian noise added to each coordinate.
    seed : int
        The same seed gives the same points.
    flip : float
        The fraction of labels changed to the other class (label noise), 0 to 1.
    """
    n, noise, K, flip = _check(n, noise, flip=flip)
    rng = np.random.default_rng(seed)
    y = _labels(n)
    radius = np.where(y == 1, rng.uniform(0.0, 0.5, n), rng.uniform(0.9, 1.3, n))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    X = X + rng.normal(0.0, noise, X.shape)
    return X, _targets(y, K, None, flip, rng)


def moons(n=200, noise=0.1, seed=0, flip=0.0):
    """Two interleaving half circles, centred on the origin (arguments as for :func:`circles`)."""
    n, noise, K, flip = _check(n, noise, flip=flip)
    rng = np.random.default_rng(seed)
    y = _labels(n)
    t = rng.uniform(0.0, np.pi, n)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where(y[:, None] == 0, upper, lower) - [0.5, 0.25]
    X = X + rng.normal(0.0, noise, X.shape)
    return X, _targets(y, K, None, flip, rng)


def spiral(n=200, noise=0.1, seed=0, turns=1.0, classes=None, flip=0.0):
    """Interleaved spiral arms, one per class (arguments as for :func:`circles`).

    Parameters
    ----------
    turns : float
        How many times each arm winds around the centre; more is harder.
    classes : int, optional
        None (the default): two arms and Y of shape (n, 1) holding 0 or 1.
        K >= 2: K arms and one-hot Y of shape (n, K). Two arms are the same
        points either way.

    Examples
    --------
    >>> X, Y = spiral(6, classes=3)
    >>> Y.argmax(axis=1).tolist(), Y.shape
    ([0, 0, 1, 1, 2, 2], (6, 3))
    """
    n, noise, K, flip = _check(n, noise, classes, flip)
    turns = positive_float("turns", turns)
    rng = np.random.default_rng(seed)
    y = _labels(n, K)
    r = rng.uniform(0.1, 1.0, n)
    angle = 2 * np.pi * turns * r + 2 * np.pi * y / K  # arm k starts at angle 2πk/K
    X = 1.3 * np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    X = X + rng.normal(0.0, noise, X.shape)
    return X, _targets(y, K, classes, flip, rng)


def blobs(n=200, classes=None, noise=0.2, seed=0, flip=0.0):
    """Round clusters, one per class, their centres spaced evenly on a circle of radius 0.9.

    The easiest data set: with little noise a straight line (two classes) or a
    few (K classes) separate the clusters.

    Parameters
    ----------
    n : int
        Number of points, at least 2 (and at least `classes`).
    classes : int, optional
        None (the default): two clusters and Y of shape (n, 1) holding 0 or 1.
        K >= 2: K clusters and one-hot Y of shape (n, K).
    noise : float
        Standard deviation of each cluster around its centre.
    seed : int
    flip : float
        The fraction of labels changed to another class (label noise), 0 to 1.

    Examples
    --------
    >>> X, Y = blobs(300, classes=3, noise=0.0)
    >>> np.round(X[0], 3).tolist(), Y[0].tolist()
    ([0.9, 0.0], [1.0, 0.0, 0.0])
    """
    n, noise, K, flip = _check(n, noise, classes, flip)
    rng = np.random.default_rng(seed)
    y = _labels(n, K)
    angle = 2 * np.pi * y / K
    X = 0.9 * np.column_stack([np.cos(angle), np.sin(angle)]) + rng.normal(0.0, noise, (n, 2))
    return X, _targets(y, K, classes, flip, rng)


def noisy_circles(n=30, seed=0):
    """A small set that a large network overfits: :func:`circles` with noise 0.2 and 10 % of labels flipped.

    A 2-32-32-1 network trained long enough classifies every one of these
    points right, the flipped ones included, and gets worse on new points from
    the same distribution (make them with another seed). Its validation loss
    falls and then rises again: the picture of overfitting.

    >>> X, Y = noisy_circles()
    >>> X.shape, int((Y != circles(30, noise=0.2, seed=0)[1]).sum())   # 3 labels flipped
    ((30, 2), 3)
    """
    return circles(n, noise=0.2, seed=seed, flip=0.1)


def line(n=21, slope=2.0, intercept=1.0, noise=0.1, seed=0):
    """Points near the line y = slope · x + intercept, for x evenly spaced in [−1, 1].

    A regression problem (Y is not a class): a single linear neuron can fit
    it, which makes the effect of the learning rate easy to see.

    >>> X, Y = line(n=3, noise=0.0)
    >>> Y.ravel().tolist()
    [-1.0, 1.0, 3.0]
    """
    n, noise, _, _ = _check(n, noise)
    rng = np.random.default_rng(seed)
    X = np.linspace(-1.0, 1.0, n).reshape(-1, 1)
    return X, slope * X + intercept + rng.normal(0.0, noise, X.shape)


def split(X, Y, validation=0.3, seed=0):
    """Divide a data set at random into a training part and a validation part.

    Parameters
    ----------
    X : array_like, shape (n, n_in)
    Y : array_like, shape (n, n_out) or (n,)
    validation : float
        The fraction of the samples held out for validation, between 0 and 1;
        rounded to a whole number of samples, at least one on each side.
    seed : int
        The same seed gives the same division.

    Returns
    -------
    X_train, Y_train, X_val, Y_val : numpy.ndarray
        Copies; each part keeps the samples in their original order.

    Examples
    --------
    >>> X_train, Y_train, X_val, Y_val = split(*circles(100), validation=0.3)
    >>> X_train.shape, Y_val.shape
    ((70, 2), (30, 1))
    """
    X = as_float_array("X", X, ndim=2)
    Y = as_float_array("Y", Y, ndim=(1, 2))
    n = X.shape[0]
    if Y.shape[0] != n:
        raise ValueError(f"Y has {Y.shape[0]} samples but X has {n}")
    if n < 2:
        raise ValueError(f"X must hold at least 2 samples to split, got {n}")
    fraction = positive_float("validation", validation)
    if fraction >= 1.0:
        raise ValueError(f"validation must be a fraction between 0 and 1, got {fraction:g}")
    n_val = min(max(int(round(fraction * n)), 1), n - 1)
    order = np.random.default_rng(seed).permutation(n)
    held, kept = np.sort(order[:n_val]), np.sort(order[n_val:])
    return X[kept], Y[kept], X[held], Y[held]


#: name -> generator, for menus in the widgets.
DATASETS = {"xor": xor, "and": and_, "or": or_, "circles": circles, "moons": moons, "spiral": spiral,
            "blobs": blobs}

#: The names in :data:`DATASETS` that can make more than two classes (``classes=K``).
MULTICLASS = ("spiral", "blobs")


def make(name, n=200, noise=0.1, seed=0, classes=None):
    """The data set `name` from the settings every data set shares (a playground's menu and sliders).

    Parameters
    ----------
    name : str
        A key of :data:`DATASETS`. The gates (``"xor"``, ``"and"``, ``"or"``)
        are their four fixed points: `n`, `noise` and `seed` do not change them.
    n, noise, seed
        As for :func:`circles`.
    classes : int, optional
        K classes with one-hot targets, for the names in :data:`MULTICLASS`.

    >>> make("spiral", n=90, classes=3)[1].shape
    (90, 3)
    """
    generate = DATASETS[choice("name", name, DATASETS)]
    if classes is not None and name not in MULTICLASS:
        raise ValueError(f"data set {name!r} has two classes; classes={classes!r} needs one of"
                         f" {list(MULTICLASS)}")
    if name in ("xor", "and", "or"):
        return generate()
    if name in MULTICLASS:
        return generate(n, noise=noise, seed=seed, classes=classes)
    return generate(n, noise=noise, seed=seed)
