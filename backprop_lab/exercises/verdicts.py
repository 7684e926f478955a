"""Verdict questions: the student picks one word among a few, and the check judges the word.

:func:`diagnose_choice` compares a chosen word with the right one and says,
for each wrong choice, *why* it is wrong here. :func:`check_gradient_verdict`
is notebook 07's "good, suspicious or wrong?" about a relative error.
"""

import numpy as np

from .._checks import as_float_array
from .._format import fmt as _fmt
from ..gradcheck import relative_error
from .feedback import STUB_MESSAGE, Feedback, fmt

__all__ = ["GRADIENT_VERDICTS", "check_gradient_verdict", "diagnose_choice"]

#: The verdict on a relative error between two gradients: below 1e-6 "good" (a correct backward pass
#: agrees with central differences to about 1e-7 in float64), up to 1e-2 "suspicious", above "wrong".
GRADIENT_VERDICTS = ((1e-6, "good"), (1e-2, "suspicious"), (float("inf"), "wrong"))


def diagnose_choice(answer, right, why_not, name="the verdict", because="", hint=""):
    """Judge a chosen word: right, or why the chosen one does not fit.

    Parameters
    ----------
    answer : object
        What the student wrote, e.g. ``"suspicious"``; case and surrounding
        spaces do not matter. ``...`` or None is the unanswered stub.
    right : str
        The right choice.
    why_not : dict
        Every choice -> the sentence that explains why it is wrong here
        (the entry of `right` is not used).
    name : str
    because : str
        Why the right choice is right, shown with ✓.
    hint : str

    Returns
    -------
    Feedback

    Examples
    --------
    >>> diagnose_choice("Wrong ", "wrong", {"good": "", "wrong": ""}, because="0.0165 > 1e-2")
    ✓ Right: wrong — 0.0165 > 1e-2.
    >>> diagnose_choice("fine", "wrong", {"good": "", "wrong": ""})
    ✗ Not yet: 'fine' is not one of the choices; write one of 'good' or 'wrong', in quotes.
    """
    words = [repr(c) for c in why_not]
    choices = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    if answer is None or answer is Ellipsis:
        return Feedback(False, STUB_MESSAGE)
    if not isinstance(answer, str):
        if isinstance(answer, (bool, np.bool_)):
            shown = f"{answer}, a yes/no value"
        elif isinstance(answer, (int, float, np.integer, np.floating)):
            shown = fmt(answer)
        else:
            shown = f"a {type(answer).__name__}"
        return Feedback(False, f"your answer is {shown}; {name} is a word: write one of {choices},"
                               " in quotes.", hint)
    word = answer.strip().strip(".!").lower()
    if word not in why_not:
        return Feedback(False, f"{answer!r} is not one of the choices; write one of {choices}, in quotes.",
                        hint)
    if word == right:
        return Feedback(True, f"{right}" + (f" — {because}." if because else "."))
    return Feedback(False, f"not {word!r}: {why_not[word]}", hint)


def check_gradient_verdict(verdict, a=(1.0, 2.0, 2.0), b=(1.0, 2.0, 2.1), error=None):
    """Exercise: is the relative error between two gradients "good", "suspicious" or "wrong"?

    Parameters
    ----------
    verdict : str
        The student's word: ``"good"``, ``"suspicious"`` or ``"wrong"``.
    a, b : array_like
        The two gradients (default: notebook 07's (1, 2, 2) and (1, 2, 2.1)).
    error : float, optional
        The relative error itself, e.g. of a planted bug; then `a` and `b` are not used.

    The thresholds are :data:`GRADIENT_VERDICTS`: below 1e-6 good, up to 1e-2
    suspicious, above that wrong. Each wrong verdict gets its own reason.

    Examples
    --------
    >>> check_gradient_verdict("wrong").ok, check_gradient_verdict("good").message[:40]
    (True, "not 'good': 0.0165 is far above 1e-6, wh")
    >>> check_gradient_verdict("good", error=3e-11)
    ✓ Right: good — the relative error 3e-11 is below 1e-6: the two gradients agree as well as float64 \
central differences allow.
    """
    if error is None:
        error = relative_error(as_float_array("a", a), as_float_array("b", b))
    error = float(as_float_array("error", error, ndim=0))
    right = next(word for bound, word in GRADIENT_VERDICTS if error <= bound)
    e = _fmt(error, 3)  # plain "-": exponents, as in "1e-6" in the same sentence
    because = {
        "good": f"the relative error {e} is below 1e-6: the two gradients agree as well as float64 central"
                " differences allow",
        "suspicious": f"the relative error {e} lies between 1e-6 and 1e-2: not clearly right, not clearly a"
                      " bug — look closer (another ε, a kink such as ReLU at 0, a small slip)",
        "wrong": f"the relative error {e} is above 1e-2: one of the two gradients is wrong",
    }
    why_not = {
        "good": (f"{e} is far above 1e-6, where a correct backward pass lands; above 1e-2 one of the two"
                 " gradients is wrong." if right == "wrong" else
                 f"{e} is above 1e-6: a correct backward pass agrees to about 1e-7; this one needs a closer"
                 " look."),
        "suspicious": (f"{e} is below 1e-6 — as close as central differences get; nothing to suspect."
                       if right == "good" else
                       f"{e} is above 1e-2, past suspicious: at that size one of the gradients is wrong"
                       " (a missing f′ gives about 2e-2)."),
        "wrong": (f"{e} is below 1e-6: the gradients agree, the backward pass is right."
                  if right == "good" else
                  f"{e} is below 1e-2: that alone does not prove a bug; call it suspicious and look closer."),
    }
    return diagnose_choice(verdict, right, why_not, because=because[right],
                           hint="below 1e-6 good, between 1e-6 and 1e-2 suspicious, above 1e-2 wrong")
