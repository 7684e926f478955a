"""The one number formatter of the package.

Tables, figures, derivations, exercise feedback and reprs all write numbers
through :func:`fmt`, so that the same value reads the same everywhere:
``digits`` significant digits, plain decimals between 1e-4 and 1e6,
scientific notation outside, no trailing zeros, never ``-0``.

>>> fmt(0.5349429451582145), fmt(0.14), fmt(-4.96225e-05), fmt(1234567.8)
('0.534943', '0.14', '-4.96225e-05', '1.23457e+06')
>>> fmt(-0.0332441312, 3, minus="−"), fmt([0.6, 0.8]), fmt(-0.0)
('−0.0332', '[0.6, 0.8]', '0')
"""

import math

import numpy as np

__all__ = ["fmt", "sub"]

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def fmt(value, digits=6, minus="-"):
    """A number (or a vector of numbers, as ``[a, b]``) as text.

    Parameters
    ----------
    value : float or array_like
        One number, or numbers of any shape (written flat, in order).
    digits : int
        Significant digits.
    minus : str
        The minus sign: ``"-"`` for code and plain text, ``"−"`` (U+2212)
        for figures and feedback, where it reads better.

    Returns
    -------
    str
    """
    if not isinstance(value, (float, int)) and np.ndim(value) > 0:  # np.float64 is a float: no numpy call
        return "[" + ", ".join(fmt(v, digits, minus) for v in np.ravel(value)) + "]"
    v = float(value)
    if not math.isfinite(v):
        text = "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    elif v == 0:
        return "0"
    elif 1e-4 <= abs(v) < 1e6:
        decimals = max(digits - 1 - math.floor(math.log10(abs(v))), 0)
        text = f"{v:.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        if float(text) == 0:  # rounding reached zero: say so without a sign
            return "0"
    else:
        mantissa, exponent = f"{v:.{digits - 1}e}".split("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        text = f"{mantissa}e{exponent}"
    return text.replace("-", minus) if minus != "-" else text


def sub(number):
    """A neuron number as Unicode subscript digits: ``sub(32) == '₃₂'``."""
    return str(number).translate(_SUB)
