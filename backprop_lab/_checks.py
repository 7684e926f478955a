"""Input checks shared by the package.

Every public function turns what the user passed into float64 arrays here,
so a mistake is reported once, in plain words, naming the argument --
never as a numpy traceback, a NaN, or a silent broadcast.
"""

import numbers

import numpy as np


def as_float_array(name, value, ndim=None):
    """Return `value` as a finite float64 array, or raise naming `name`.

    Parameters
    ----------
    name : str
        The argument's name, used in error messages.
    value : array_like
        Numbers, nested lists of numbers, or an array.
    ndim : int or tuple of int, optional
        The allowed numbers of dimensions.

    Returns
    -------
    numpy.ndarray
        A float64 array (a copy: the caller's data is never shared).
    """
    if isinstance(value, (str, bytes, dict, set)) or value is None:
        raise TypeError(f"{name} must be numbers or an array of numbers, got {type(value).__name__}")
    try:
        raw = np.array(value)
    except ValueError as error:  # numpy refuses ragged nested lists
        raise ValueError(f"{name} is ragged: every row must have the same length ({error})") from None
    if raw.dtype == object:
        raise ValueError(f"{name} is ragged or holds non-numbers: every row must have the same length")
    if raw.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold real numbers, got dtype {raw.dtype}")
    array = raw.astype(np.float64)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if array.ndim not in allowed:
            wanted = " or ".join(str(n) for n in allowed)
            if len(allowed) > 2:  # "0, 1 or 2"
                wanted = ", ".join(str(n) for n in allowed[:-1]) + f" or {allowed[-1]}"
            raise ValueError(f"{name} must have {wanted} dimension(s), got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinity; every value must be finite")
    return array


def positive_int(name, value, minimum=1):
    """Return `value` as an int ``>= minimum``, or raise naming `name`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def positive_float(name, value, allow_zero=False):
    """Return `value` as a finite float ``> 0`` (or ``>= 0``), or raise naming `name`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    value = float(value)
    if not np.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be a finite number {bound}, got {value}")
    return value


def choice(name, value, options):
    """Return `value` if it is one of `options`, or raise naming `name` and the options."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {sorted(options)}, got {type(value).__name__}")
    if value not in options:
        raise ValueError(f"unknown {name} {value!r}; expected one of {sorted(options)}")
    return value


def vector(name, value, size, of):
    """`value` as a float64 array of shape ``(size,)``, or a ValueError naming `name` and what it holds."""
    v = as_float_array(name, value, ndim=1)
    if v.shape != (size,):
        raise ValueError(f"{name} must have shape ({size},), one entry per {of}, got shape {v.shape}")
    return v
