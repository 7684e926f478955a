"""Feedback for exercises: right, or *what* is off -- never only "wrong".

:func:`diagnose` compares a student's answer with the expected value and with
the values that known mistakes produce, and returns a :class:`Feedback` that
shows as a green or orange box in a notebook and as one deterministic line of
plain text everywhere else (nbval compares that text).
"""

import html
import numbers
from dataclasses import dataclass

import numpy as np

from .._format import fmt as _fmt

__all__ = ["ROUNDING", "STUB_MESSAGE", "Feedback", "diagnose", "fmt", "how_off"]

STUB_MESSAGE = "Replace ... with your answer, then run the cell again."

#: Below this relative difference (0.5 %) a miss is called a rounding difference; above it, never.
ROUNDING = 0.005

_STYLE = {  # ok -> (symbol, word, border colour, background colour)
    True: ("✓", "Right", "#2e7d32", "#e8f5e9"),
    False: ("✗", "Not yet", "#e65100", "#fff3e0"),
}

# Factors a slip typically multiplies the answer by, and how to say so.
_FACTORS = (
    (2.0, "twice the right value — a factor 2 too many (from the square's derivative, or a missing ½?)"),
    (0.5, "half the right value — a factor 2 is missing"),
    (4.0, "four times the right value — a factor 4 too many"),
    (0.25, "a quarter of the right value — a factor 4 is missing"),
    (10.0, "10 times too large — check the decimal point"),
    (0.1, "10 times too small — check the decimal point"),
    (100.0, "100 times too large — check the decimal point"),
    (0.01, "100 times too small — check the decimal point"),
)


@dataclass(frozen=True, repr=False)
class Feedback:
    """The answer of a check: `ok`, a `message` saying what is right or off, and a `hint`.

    Shows as a coloured box in a notebook (``_repr_html_``) and as plain text
    (``str`` and ``repr`` give the same deterministic text). Truthy when ok.
    """

    ok: bool
    message: str
    hint: str = ""

    def __bool__(self):
        return self.ok

    def __str__(self):
        symbol, word = _STYLE[self.ok][:2]
        text = f"{symbol} {word}: {self.message}"
        if self.hint and not self.ok:
            text += f"\n  Hint: {self.hint}"
        return text

    __repr__ = __str__

    def _repr_html_(self):
        symbol, word, border, background = _STYLE[self.ok]
        hint = ""
        if self.hint and not self.ok:
            hint = (f'<div style="margin-top: 0.35em; font-size: 0.95em;"><em>Hint:</em>'
                    f" {html.escape(self.hint)}</div>")
        return (
            f'<div role="status" style="border-left: 6px solid {border}; background: {background};'
            ' color: #1b1b1b; padding: 0.6em 1em; margin: 0.3em 0; border-radius: 4px;'
            ' font-size: 1.1em; line-height: 1.45;">'
            f'<strong style="color: {border};">{symbol} {word}:</strong>'
            f" {html.escape(self.message)}{hint}</div>"
        )


def fmt(value):
    """A number (or a vector) as feedback writes it: 6 significant digits, a typographic minus sign.

    >>> fmt(-0.0332441312), fmt(20.0), fmt([0.6, 0.8])
    ('−0.0332441', '20', '[0.6, 0.8]')
    """
    return _fmt(value, 6, minus="−")


def _not_a_number(answer, size):
    """A message if `answer` cannot be read as real number(s), else None; the values otherwise."""
    if answer is None or answer is Ellipsis:
        return STUB_MESSAGE, None
    if isinstance(answer, (str, bytes)):
        text = answer.decode() if isinstance(answer, bytes) else answer
        try:
            float(text)
        except ValueError:
            return (f"your answer is the text {text!r}, not a number; write a number or a Python"
                    " expression such as 0.1 * 0.3 (without quotes)."), None
        return (f"your answer is the text {text!r}: remove the quotes, so that Python sees a number."), None
    if isinstance(answer, (bool, np.bool_)):
        return f"your answer is {answer}, a yes/no value; the answer here is a number.", None
    if hasattr(answer, "outputs") and hasattr(answer, "nets"):
        return "you passed the whole Trace; pass the number you want, e.g. trace.output[0].", None
    if isinstance(answer, numbers.Complex) and not isinstance(answer, numbers.Real):
        return f"your answer {answer} is a complex number; the answer here is a real number.", None
    try:
        values = np.asarray(answer)
        if values.dtype.kind in "USb":
            raise TypeError
        values = values.astype(np.float64)
    except (TypeError, ValueError):
        what = "a number" if size == 1 else f"{size} numbers, like [1.0, 2.0]"
        return f"your answer is a {type(answer).__name__}, not a number: write {what}.", None
    if not np.all(np.isfinite(values)):
        return (f"your answer is {fmt(values)}: something overflowed or divided by zero on the way."
                " Check each step."), None
    return None, values


def _ratio_text(r, noun="your value", rounding=True):
    """Say how an answer r times the right value is off (r > 0, r not ≈ 1).

    Only a relative difference below :data:`ROUNDING` is called a rounding
    difference (and only for typed numbers, ``rounding=True``); anything larger
    says how far off it is and blames nothing.
    """
    for factor, text in _FACTORS:
        if abs(r / factor - 1.0) < ROUNDING and (rounding or "decimal" not in text):
            return text
    percent, way = 100 * abs(r - 1.0), "large" if r > 1 else "small"
    if abs(r - 1.0) < ROUNDING and rounding:
        return (f"close: {percent:.2g}% too {way} — a rounding difference; keep at least 4 significant"
                " digits in every intermediate step")
    if 0.5 < r < 1.5:
        return f"{noun} is {percent:.2g}% too {way}"
    return f"{noun} is {r:.2g} times too large" if r > 1 else f"{noun} is {1 / r:.2g} times too small"


def how_off(a, e, name, *, noun="your value", rounding=True, integer=False):
    """What is off with `a` against the expected `e` (float arrays of equal shape, not close): one clause.

    Says the ratio (a factor 2, 3.7 times, 12 %), the sign, or for vectors
    the direction; calls it rounding only below :data:`ROUNDING` and only when
    `rounding` is True (a typed number, not a function's result).

    >>> how_off(np.array(1.003), np.array(1.0), "δ3")[:45]
    'close: 0.3% too large — a rounding difference'
    >>> how_off(np.array(1.03), np.array(1.0), "δ3")
    'your value is 3% too large'
    >>> how_off(np.array(-3.0), np.array(1.0), "δ3")
    'your value has the wrong sign, and its size is off too: it is 3 times too large'
    """
    if integer:
        d = float(np.sum(a - e))
        return f"your count is {fmt(abs(d))} too {'high' if d > 0 else 'low'}"
    ee = float(np.vdot(e, e))
    if ee == 0.0:
        return f"{noun} is {fmt(a)}, but {name} is (almost) zero here"
    if not np.any(a):
        return f"{noun} is 0, but {name} is not zero here"
    r = float(np.vdot(a, e)) / ee  # the best scalar with a ≈ r·e
    off = np.sqrt(float(np.vdot(a - e, a - e)) / ee)  # the relative distance, over all entries
    if a.size > 1 and not np.allclose(a, r * e, rtol=1e-3, atol=0.0):  # not a rescaled e
        if rounding and off < ROUNDING:
            return (f"close: off by {100 * off:.2g}% — a rounding difference; keep at least 4 significant"
                    " digits in every intermediate step")
        cos = float(np.vdot(a, e)) / np.sqrt(ee * float(np.vdot(a, a)))
        angle = np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))
        if angle >= 135:
            return (f"{noun} points almost the opposite way ({angle:.0f}° from the right one): a sign slip,"
                    " and something else besides")
        return (f"{noun} points in another direction: {angle:.0f}° away from the right one"
                " (a rescaled vector would keep its direction)")
    if abs(r + 1.0) < ROUNDING:
        return f"{noun} has the wrong sign; its size is right"
    if r < 0:
        return f"{noun} has the wrong sign, and its size is off too: {_ratio_text(-r, 'it', rounding)}"
    return _ratio_text(r, noun, rounding)


def diagnose(answer, expected, mistakes=None, name="the answer", *, rtol=1e-3, atol=1e-6,
             hint="", integer=False):
    """Compare an answer with the expected value and known mistakes; say what is off.

    Parameters
    ----------
    answer : object
        What the student wrote: a number, a 1-element array, or (for vector
        answers) an array shaped like `expected`. ``...`` or None (the
        unanswered stub), text and other objects get a clear message, never
        an exception.
    expected : float or array_like
        The right value, computed by the engine.
    mistakes : dict, optional
        ``label -> (value, explanation)``: what a known slip gives, and why it
        is a slip. `label` is a clause such as ``"your value has the wrong sign"``.
    name : str
        How to call the quantity in the message, e.g. ``"δ3"``.
    rtol, atol : float
        Correct if ``|answer − expected| <= atol + rtol·|expected|`` (entry by
        entry); students type rounded numbers. A mistake matches with the same
        tolerance; every matching mistake is named, the closest first.
    hint : str
        Shown with a wrong answer, e.g. the formula to use.
    integer : bool
        A count: the answer must be a whole number, and the message gives the difference.

    Returns
    -------
    Feedback

    Examples
    --------
    >>> diagnose(-0.03324, -0.0332441, name="δ3")
    ✓ Right: δ3 = −0.0332441.
    >>> diagnose(0.0332441, -0.0332441, {"this is the other sign": (0.0332441, "use (o − T)·f′(net).")})
    ✗ Not yet: this is the other sign — use (o − T)·f′(net).
    >>> diagnose(-0.1, -0.0332441, name="δ3", hint="δ3 = (o3 − T)·o3·(1 − o3)")
    ✗ Not yet: your value is 3 times too large.
      Hint: δ3 = (o3 − T)·o3·(1 − o3)
    >>> diagnose(..., 1.0).message
    'Replace ... with your answer, then run the cell again.'
    """
    e = np.asarray(expected, dtype=np.float64)
    problem, a = _not_a_number(answer, e.size)
    if problem is not None:
        return Feedback(False, problem, "" if problem == STUB_MESSAGE else hint)
    if e.ndim == 0 and a.size == 1:
        a = a.reshape(())
    if a.shape != e.shape:
        if e.ndim == 0:
            got = f"holds {a.size} numbers" if a.size else "is empty"
            return Feedback(False, f"your answer {got}; {name} is a single number.", hint)
        got = "is a single number" if a.ndim == 0 else f"has shape {a.shape}"
        return Feedback(False, f"your answer {got}; {name} is a vector of {e.size} numbers.", hint)
    if integer and not np.array_equal(a, np.round(a)):
        return Feedback(False, f"a count is a whole number; yours is {fmt(a)}.", hint)

    def close(u, v):
        return bool(np.allclose(u, v, rtol=rtol, atol=atol))

    if close(a, e):
        return Feedback(True, f"{name} = {fmt(e)}.")
    matches = []
    for label, (value, explanation) in (mistakes or {}).items():
        v = np.asarray(value, dtype=np.float64)
        if v.shape == e.shape and not close(v, e) and close(a, v):
            distance = float(np.max(np.abs(a - v))) / (atol + rtol * float(np.max(np.abs(v))) + 1e-300)
            matches.append((distance, label, explanation))
    if matches:  # the closest first; several can fit, e.g. two slips that give the same number
        matches.sort(key=lambda m: m[0])
        verdict = " Or: ".join(f"{label} — {explanation}" for _, label, explanation in matches)
        return Feedback(False, verdict, hint)
    return Feedback(False, how_off(a, e, name, integer=integer) + ".", hint)
