"""Calling a student's function safely: a time limit, and exceptions told in plain words.

Private to :mod:`backprop_lab.exercises.functions`.
"""

import contextlib
import os
import signal
import sys
import threading
import traceback

import numpy as np

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Frames from these places are not the student's code: the line quoted in a message is the last one outside.
_NOT_STUDENT = tuple({_PACKAGE, os.path.dirname(np.__file__), sys.prefix, sys.base_prefix, sys.exec_prefix})


class TooSlow(BaseException):  # not an Exception: a student's `except Exception` must not swallow it
    pass


@contextlib.contextmanager
def time_limit(seconds):
    """Raise _TooSlow in the main thread after `seconds`, where SIGALRM timers exist; otherwise do nothing."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    outer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer[0] > 0:  # someone else's timer was running: let it go on
            signal.setitimer(signal.ITIMER_REAL, *outer)


def exception_text(error, shape_tip):
    """'TypeError: ... (in line 2: `return ...`). Tip: ...' for an exception raised by the student's code."""
    message = str(error).strip().replace("\n", " ")
    message = message if len(message) <= 220 else message[:217] + "..."
    text = f"{type(error).__name__}" + (f": {message}" if message else "")
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if not os.path.abspath(f.filename).startswith(_NOT_STUDENT) and f.line]
    if frames:
        text += f" (in line {frames[-1].lineno} of your code: `{frames[-1].line.strip()}`)"
    low = message.lower()
    tips = (
        (("only length-1", "only size-1", "only 0-dimensional", "must be real number"),
         "math.exp and friends take one number; numpy's np.exp, np.sqrt, … work on whole arrays"),
        (("truth value of an array",), "`if` on an array is ambiguous: use np.where, np.maximum or np.any"),
        (("matmul", "not aligned", "could not be broadcast", "mismatch in its core dimension"),
         shape_tip or "check the shapes: print(x.shape) for each array"),
        (("positional argument", "unexpected keyword"), "the signature is given in the exercise text"),
    )
    for needles, tip in tips:
        if any(needle in low for needle in needles):
            return text + f". Tip: {tip.rstrip('.')}"
    if isinstance(error, NameError):
        return text + ". Tip: a name is not defined — a typo, or a cell above that did not run"
    if isinstance(error, RecursionError):
        return text + ". Tip: your function calls itself without end"
    return text
