"""Reading what a student's function returned, and describing arguments and results in messages.

Private to :mod:`backprop_lab.exercises.functions`.
"""

import numbers

import numpy as np

from .._format import fmt as _fmt


def fmt(value, digits=6):
    """A number as the feedback writes it (typographic minus)."""
    return _fmt(value, digits, minus="−")


def flat(value):
    """A reference result as a list of float arrays (one number, an array, or a tuple/list of arrays)."""
    if isinstance(value, (tuple, list)):
        return [np.asarray(v, dtype=np.float64) for v in value]
    return [np.asarray(value, dtype=np.float64)]


def close(a, e):
    scale = max(float(np.max(np.abs(e))) if e.size else 0.0, 1e-3)
    return bool(np.allclose(a, e, rtol=1e-5, atol=1e-9 * scale))


def read(value, expected, names):
    """The student's result as float arrays shaped like `expected`, or (None, what is wrong with it)."""
    if names:
        if value is None or isinstance(value, (str, bytes)):
            return _read_one(value, expected[0])
        if not isinstance(value, (tuple, list)):
            if names[0].startswith("result["):
                return None, f"{kind(value)}; return a list of arrays, one for each array in the input list"
            return None, (f"{kind(value)}; return the {len(names)} values {join(names)}, as in"
                          f" `return {', '.join(names)}`")
        if len(value) != len(expected):
            return None, (f"{len(value)} value{'s' if len(value) != 1 else ''}; return {len(expected)}:"
                          f" {join(names)}")
        if names[0].startswith("result[") and not isinstance(value, list):
            value = list(value)
        out = []
        for v, e, n in zip(value, expected, names):
            a, problem = _read_one(v, e)
            if problem:
                return None, f"a {n} that is {problem}"
            out.append(a)
        return out, ""
    a, problem = _read_one(value, expected[0])
    return ([a], "") if not problem else (None, problem)


def _read_one(value, e):
    if value is None:
        return None, "None — replace ... with your code, and end with a return statement"
    if isinstance(value, (str, bytes)):
        return None, f"the text {value!r}, not numbers"
    if isinstance(value, (bool, np.bool_)):
        return None, f"{value}, a yes/no value, not a number"
    if isinstance(value, np.ndarray) and value.dtype == bool:  # compared as 0 and 1: a slip may explain it
        value = value.astype(np.float64)
    if e.ndim == 0:
        if isinstance(value, numbers.Real) or (isinstance(value, np.ndarray) and value.size == 1):
            a = np.asarray(value, dtype=np.float64).reshape(())
        elif isinstance(value, np.ndarray):
            return None, f"an array of shape {value.shape}; the result is a single number"
        else:
            return None, f"{kind(value)}; the result is a single number"
    else:
        if isinstance(value, (list, tuple)):
            return None, (f"a {type(value).__name__}; return a numpy array of shape {e.shape}"
                          " (np.array(...) turns a list into one)")
        if isinstance(value, numbers.Real) or (isinstance(value, np.ndarray) and value.ndim == 0):
            return None, f"a single number; the result is an array of shape {e.shape}"
        if not isinstance(value, np.ndarray) or value.dtype.kind not in "iuf":
            return None, f"{kind(value)}, not an array of numbers"
        if value.shape != e.shape:
            return None, f"an array of shape {value.shape}; {_shape_advice(value.shape, e.shape)}"
        a = value.astype(np.float64)
    if not np.all(np.isfinite(a)):
        what = "NaN" if np.any(np.isnan(a)) else "infinity"
        return None, f"{what} — a division by zero, a log of 0 or an overflow on the way"
    return a, ""


def _shape_advice(got, want):
    text = f"the result has shape {want}"
    if len(got) == 2 and got == want[::-1]:
        return text + ", the transpose of yours"
    if got[1:] == want and len(got) == len(want) + 1:
        return text + ": sum over the samples (axis=0) instead of keeping one per sample"
    if want[1:] == got and len(want) == len(got) + 1:
        return text + f": one row per sample ({want[0]} here)"
    return text


def kind(value):
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, numbers.Real):
        return f"the number {fmt(value)}"
    return f"a {type(value).__name__}"


def show(value):
    """An argument as a message shows it (as code, plain minus): small vectors by value, arrays by shape."""
    if isinstance(value, np.ndarray):
        return _fmt(value, 4) if value.ndim <= 1 and value.size <= 4 else f"array of shape {value.shape}"
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, np.ndarray) for v in value):
        return "[" + ", ".join(f"array {v.shape}" for v in value) + "]"
    if callable(value):
        return getattr(value, "__name__", "a function")
    return _fmt(value) if isinstance(value, numbers.Real) and not isinstance(value, bool) else repr(value)


def join(names):
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
