"""Checking a function the student wrote: run it on chosen inputs, compare, name the slip.

A write-a-function check such as ``check_hidden_deltas(my_hidden_deltas)`` is
a :class:`FunctionExercise`: a reference built on the engine, a few test
inputs chosen to expose slips (nonzero biases, non-square W, a batch of
B > 1, negative values), and *slip variants* -- the reference with one known
slip built in (missing f′, W where Wᵀ belongs, the sign, the 1/B, ...).
:meth:`FunctionExercise.check` calls the student's function on every input
and returns a :class:`~backprop_lab.exercises.feedback.Feedback`:

* right on every input: ✓, naming what the inputs covered;
* its outputs equal a slip variant's on every input: that slip, by name;
* it raised: the exception's type and message, the line of the student's
  code it came from, which test and with which arguments (shapes), and a tip
  for the usual causes (``math.exp`` on an array, a shape mismatch in ``@``);
* it returned something unusable (None, text, a list instead of an array,
  the wrong shape, NaN): what it returned and what is expected;
* otherwise: on which input, and how far off (ratio, sign, direction, which
  entries) -- never "rounding".

What the student's code may do, and what happens:

* Every call gets fresh copies of the arguments, so a function that changes
  its inputs in place cannot spoil the next call or the reference.
* ``print`` inside it works: the text appears above the feedback, once per test.
* A call that takes longer than :data:`TIME_LIMIT` seconds (an endless loop)
  is stopped and reported, where the platform allows it (a ``SIGALRM``
  timer: Linux and macOS, in the main thread, which is where a notebook cell
  runs). Elsewhere, stop it with the notebook's Interrupt button: the
  ``KeyboardInterrupt`` is never swallowed.
"""

import copy
import dis
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..gradcheck import relative_error
from ._calling import TooSlow, exception_text, time_limit
from ._results import close, flat, fmt, join, kind, read, show
from .feedback import Feedback, how_off

__all__ = ["TIME_LIMIT", "Case", "FunctionExercise", "Slip"]

#: Seconds one call of the student's function may take before it is stopped (where that is possible).
TIME_LIMIT = 10.0


def _does_nothing(fn):
    """True for the unchanged stub: a body of only `...` (or pass, a docstring) compiles to `return None`."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return False
    steps = [i for i in dis.get_instructions(code) if i.opname not in ("RESUME", "NOP", "CACHE")]
    return all(i.opname in ("LOAD_CONST", "RETURN_VALUE", "RETURN_CONST") and i.argval is None for i in steps)


@dataclass(frozen=True)
class Case:
    """One test input: the positional arguments, in the order of the signature, and what it exposes."""

    args: tuple
    note: str = ""


@dataclass(frozen=True)
class Slip:
    """A known slip: `label` names it (a clause), `why` explains it, `fn` is the reference with it built in.

    `fn` takes the same arguments as the student's function; it may raise
    where the slip cannot run (W instead of Wᵀ on a non-square W), which
    matches a student function that raises there too.
    """

    label: str
    why: str
    fn: Callable


@dataclass(frozen=True)
class FunctionExercise:
    """A write-a-function exercise.

    Parameters
    ----------
    what : str
        What the function computes, for the messages: ``"σ′(net)"``.
    params : tuple of str
        The argument names of the signature, as the docstring gives it.
    reference : callable
        The right function (built on the engine).
    cases : tuple of Case
    slips : tuple of Slip
    hint : str
        The formula, shown with every "not yet".
    outputs : tuple of str or "list"
        Names of the returned values when the function returns a tuple
        (``("dW1", "db1", "dW2", "db2")``); ``"list"`` when it returns a list
        of arrays as long as its input list; empty for one value.
    numeric : callable, optional
        Same arguments; the result by central differences, for a function
        that returns gradients: the feedback then quotes the relative error.
    shape_tip : str
        Added to shape errors raised inside the student's function.
    """

    what: str
    params: tuple
    reference: Callable
    cases: tuple
    slips: tuple = ()
    hint: str = ""
    outputs: tuple = ()
    numeric: Callable | None = None
    shape_tip: str = ""

    @property
    def signature(self):
        return f"({', '.join(self.params)})"

    def check(self, fn):
        """Call `fn` on every case and say what is right or off; never raises for anything `fn` does."""
        if fn is None or fn is Ellipsis:
            return Feedback(False, f"Replace ... with your function — def my_function{self.signature}: … —"
                                   " and pass it to the check (without parentheses).")
        if not callable(fn):
            return Feedback(False, f"pass your function itself, without parentheses; you passed"
                                   f" {kind(fn)}, not a function of {self.signature}.", self.hint)
        name = getattr(fn, "__name__", "") or "your function"
        name = "your function" if name == "<lambda>" else name
        if _does_nothing(fn):
            return Feedback(False, f"Write the body of {name} in place of ..., then run the cell again.")
        runs = [self._run(fn, name, i, case) for i, case in enumerate(self.cases)]
        if all(run.ok for run in runs):
            extra = " and agrees with central differences (relative error below 1e-7)" if self.numeric else ""
            notes = "; ".join(c.note for c in self.cases if c.note)
            notes = f" ({notes})" if notes else ""
            return Feedback(True, f"{name} computes {self.what} on all {len(runs)} test inputs"
                                  f"{notes}{extra}.")
        named = [slip for slip in self.slips if self._explains(slip, runs)]
        if named:
            text = " Or: ".join(f"{slip.label} — {slip.why}" for slip in named)
            failed = [str(run.i + 1) for run in runs if run.problem]
            if failed:
                text += (f" (On test{'s' if len(failed) > 1 else ''} {join(failed)} your function stopped"
                         " with an error, as this slip does there.)")
            return Feedback(False, text, self.hint)
        first = next(run for run in runs if not run.ok)
        right = [str(run.i + 1) for run in runs if run.ok]
        also = f" It is right on test{'s' if len(right) > 1 else ''} {join(right)}." if right else ""
        text = first.problem if first.problem.endswith(("?", ".")) else f"{first.problem}."
        text = text if first.problem else self._miss(first)
        return Feedback(False, text + also, self.hint)

    # --- one call ---

    def _run(self, fn, name, i, case):
        expected = flat(self.reference(*copy.deepcopy(case.args)))
        run = _Run(i, case, expected, f"test {i + 1} of {len(self.cases)}"
                   + (f" ({case.note})" if case.note else "")
                   + f": {name}({', '.join(f'{p}={show(a)}' for p, a in zip(self.params, case.args))})")
        try:
            with time_limit(TIME_LIMIT):
                value = fn(*copy.deepcopy(case.args))
        except TooSlow:
            run.problem = (f"{run.where} did not return within {fmt(TIME_LIMIT)} s — an endless loop? A"
                           " while loop whose condition never changes?")
            return run
        except Exception as error:  # the student's code: anything may happen, and it must read well
            run.problem = f"{run.where} raised {exception_text(error, self.shape_tip)}"
            return run
        values, problem = read(value, expected, self._names(expected))
        if problem:
            run.problem = f"{run.where} returned {problem}"
        else:
            run.values = values
            run.ok = all(close(a, e) for a, e in zip(values, expected))
        return run

    def _names(self, expected):
        if self.outputs == "list":
            return tuple(f"result[{k}]" for k in range(len(expected)))
        return self.outputs

    def _explains(self, slip, runs):
        """True if `slip` gives what the student's function gave on every test (and differs from right)."""
        differs = False
        for run in runs:
            try:
                with np.errstate(all="ignore"):
                    out = flat(slip.fn(*copy.deepcopy(run.case.args)))
            except Exception:  # the slip cannot run on this input: it explains a function that raised here
                out = None
            if out is not None and [o.shape for o in out] != [e.shape for e in run.expected]:
                out = None
            if out is None:
                if run.values is not None:
                    return False
                continue
            if run.values is None or not all(close(a, o) for a, o in zip(run.values, out)):
                return False
            differs = differs or not all(close(o, e) for o, e in zip(out, run.expected))
        return differs

    def _miss(self, run):
        """What is off on a test where the student's function returned well-formed but wrong values."""
        names = self._names(run.expected) or (self.what,)
        wrong = [k for k, (a, e) in enumerate(zip(run.values, run.expected)) if not close(a, e)]
        k = wrong[0]
        a, e, label = run.values[k], run.expected[k], names[k]
        text = f"{run.where} is off: "
        if len(names) > 1:
            right = [names[j] for j in range(len(names)) if j not in wrong]
            text += f"{join(right)} {'is' if len(right) == 1 else 'are'} right, but " if right else ""
            text += f"{join([names[j] for j in wrong])} {'is' if len(wrong) == 1 else 'are'} not; "
            text += f"{how_off(a, e, label, noun=f'your {label}', rounding=False)}."
        else:
            text += f"{how_off(a, e, label, noun='it', rounding=False)}."
        if a.size > 1:
            bad = ~np.isclose(a, e, rtol=1e-5, atol=1e-9 * max(float(np.max(np.abs(e))), 1e-3))
            where = np.argwhere(bad)[0]
            index = "[" + ", ".join(str(int(n)) for n in where) + "]"
            text += (f" {int(bad.sum())} of {a.size} entries differ; at {index} yours is"
                     f" {fmt(a[tuple(where)], 4)}, the reference {fmt(e[tuple(where)], 4)}.")
        if self.numeric is not None:
            numeric = flat(self.numeric(*copy.deepcopy(run.case.args)))
            error = relative_error(np.concatenate([v.ravel() for v in run.values]),
                                   np.concatenate([v.ravel() for v in numeric]))
            text += (f" Against central differences your gradients have a relative error of {fmt(error, 2)}"
                     " (a correct backward pass stays below 1e-7).")
        return text


@dataclass
class _Run:
    i: int
    case: Case
    expected: list
    where: str
    values: list | None = None
    problem: str = ""
    ok: bool = False

