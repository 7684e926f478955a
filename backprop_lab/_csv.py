"""Points in the plane as CSV text (``x1,x2,label``): parsed and checked line by line, and written back.

Re-exported as :func:`backprop_lab.datasets.from_csv` and :func:`backprop_lab.datasets.to_csv`.
"""

import math

import numpy as np

from ._checks import as_float_array, positive_int

__all__ = ["class_numbers", "from_csv", "one_hot", "to_csv"]

_HEADER = ["x1", "x2", "label"]


def one_hot(labels, classes=None):
    """Targets from class numbers: one 0/1 column for two classes, one-hot rows for three or more.

    >>> one_hot([0, 1]).tolist(), one_hot([0, 2]).tolist()
    ([[0.0], [1.0]], [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    """
    labels = np.asarray(labels, dtype=int).reshape(-1)
    K = max(2, int(labels.max()) + 1 if labels.size else 2) if classes is None else classes
    return labels.astype(float).reshape(-1, 1) if K == 2 else np.eye(K)[labels]


def class_numbers(Y):
    """The class of each target row: 0/1 from one column (at 0.5), the largest column of one-hot rows."""
    Y = as_float_array("Y", Y, ndim=(1, 2))
    Y = Y.reshape(len(Y), -1)
    return (Y[:, 0] > 0.5).astype(int) if Y.shape[1] == 1 else Y.argmax(axis=1)


def _number(text):
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def from_csv(text, classes=None):
    """Points and their classes from CSV text, one point a line: ``x1,x2,label``.

    Blank lines and lines starting with ``#`` are skipped; the first line may
    be the header ``x1,x2,label``. Labels are whole numbers 0, 1, 2, ...

    Parameters
    ----------
    text : str
        The file's contents.
    classes : int, optional
        The most classes allowed (labels 0 … classes−1); any number when None.

    Returns
    -------
    X : numpy.ndarray, shape (n, 2)
    Y : numpy.ndarray, shape (n, 1) or (n, K)
        One 0/1 column when every label is 0 or 1; else one-hot rows, K being
        the largest label + 1 (the form a softmax output is trained on).

    Raises
    ------
    ValueError
        Naming the line and what was expected, e.g. ``line 3: expected
        x1,x2,label with a whole-number label, got 'a,b'``.

    Examples
    --------
    >>> X, Y = from_csv("x1,x2,label\\n0.5,1,0\\n-1,2.5,1\\n")
    >>> X.tolist(), Y.tolist()
    ([[0.5, 1.0], [-1.0, 2.5]], [[0.0], [1.0]])
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str (the CSV file's contents), got {type(text).__name__}")
    top = None if classes is None else positive_int("classes", classes, minimum=2)
    points, labels = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split(",")]
        if not points and [f.lower() for f in fields] == _HEADER:
            continue
        values = [_number(f) for f in fields]
        if len(fields) != 3 or None in values or not values[2].is_integer() or values[2] < 0:
            raise ValueError(f"line {number}: expected x1,x2,label with a whole-number label, got {line!r}")
        if top is not None and values[2] >= top:
            raise ValueError(f"line {number}: the label must be one of 0 to {top - 1}, got {fields[2]!r}")
        points.append(values[:2])
        labels.append(int(values[2]))
    if not points:
        raise ValueError("expected at least one line x1,x2,label, got none")
    return np.array(points), one_hot(labels)


def to_csv(X, Y):
    """CSV text ``x1,x2,label`` (with that header) of points X, shape (n, 2), and their targets Y.

    >>> print(to_csv([[0.5, 1.0]], [[1.0]]), end="")
    x1,x2,label
    0.5,1,1
    """
    X = as_float_array("X", X, ndim=2)
    labels = class_numbers(Y)
    if X.shape[1] != 2 or len(labels) != len(X):
        raise ValueError(f"expected X of shape (n, 2) and n targets, got X {X.shape} and {len(labels)}"
                         " targets")
    rows = [f"{x1:.17g},{x2:.17g},{k}"
            for (x1, x2), k in zip(X.tolist(), labels.tolist())]
    return "\n".join([",".join(_HEADER), *rows]) + "\n"
