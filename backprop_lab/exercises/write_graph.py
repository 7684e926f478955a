"""Write-a-function check for notebook 15: the order in which a backward pass visits a graph.

``check_topological_order(my_topological_order)`` calls the student's
function on a few graphs of :class:`~backprop_lab.autodiff.Value` nodes and
checks the *property* a topological order must have -- every Value the
output depends on, once each, each after its operands -- since a graph has
many such orders. The messages name the first value that breaks it.
"""

import copy

from .. import examples
from ..autodiff import Value, topological_order
from ..autodiff_network import network_graph
from ._calling import TooSlow, exception_text, time_limit
from ._results import join, kind
from .feedback import Feedback
from .functions import TIME_LIMIT, _does_nothing

__all__ = ["check_topological_order"]

_HINT = ("visit(v): if v is new, mark it seen, visit each of v.operands, then append v;"
         " call visit(root) and return the list")


def _name(v):
    return repr(v.label) if v.label else f"the {v.op or 'leaf'} node with data {v.data:g}"


def _graphs():
    """(description, root) of the test graphs; built fresh for every check."""
    w, x, y = Value(2.0, label="w"), Value(5.0, label="x"), Value(12.0, label="y")
    linear = (y - w * x) ** 2
    a = Value(3.0, label="a")
    fork = a + a * a
    u = Value(0.5, label="u")
    top, bottom = (u * 2.0).tanh(), (u + 1.0).sigmoid()
    diamond = top * bottom + top
    ex = examples.NET_2_2_2
    return (("L = (y − w·x)², a chain", linear), ("a + a·a: a used by two operations, twice by one", fork),
            ("a diamond: u feeds two paths that meet again", diamond),
            ("the 2-2-2 network of notebook 03 and its loss", network_graph(ex.network(), ex.x, ex.T).loss))


def _problem(order, root):
    """What is wrong with `order` as a topological order of `root`'s graph ('' if nothing)."""
    if order is None:
        return "None — replace ... with your code, and end with `return order`"
    if not isinstance(order, (list, tuple)):
        return f"{kind(order)}; return a list of the Values, leaves first and root last"
    strangers = [v for v in order if not isinstance(v, Value)]
    if strangers:
        return f"a list holding {kind(strangers[0])}; it must hold the Value objects themselves"
    everything = topological_order(root)
    known = {id(v) for v in everything}
    seen, where = set(), {}
    for k, v in enumerate(order):
        if id(v) in seen:
            return (f"a list in which {_name(v)} appears more than once: a value used by two operations is"
                    " reached twice; remember which values you have visited (a set of their ids)")
        if id(v) not in known:
            return f"a list holding {_name(v)}, which the output does not depend on"
        seen.add(id(v))
        where[id(v)] = k
    missing = [v for v in everything if id(v) not in seen]
    if missing:
        leaves = [v for v in missing if not v.operands]
        example = (leaves or missing)[0]
        return (f"{len(order)} of the {len(everything)} values; it misses {_name(example)}"
                f"{' (a leaf)' if not example.operands else ''} — visit every operand, down to the leaves")
    if order and order[0] is root and len(order) > 1:
        return ("the order the other way round: the output comes first. Return leaves first and the output"
                " last; backward() walks your list reversed")
    for v in order:
        late = [c for c in v.operands if where[id(c)] > where[id(v)]]
        if late:
            return (f"a list in which {_name(v)} comes before its operand {_name(late[0])}: append a value"
                    " only after all of its operands")
    return ""


def check_topological_order(fn):
    """Exercise: write ``my_topological_order(root)``, every Value `root` depends on, each after its operands.

    Signature: ``my_topological_order(root) -> list of Value``; a Value's
    operands are ``v.operands`` (empty for a leaf). Return each Value the
    output `root` was computed from exactly once (`root` included, last),
    every one after all of its operands: ``backward()`` walks this list in
    reverse, so that a value's gradient is complete before it is passed on.
    Many orders are right; the check tests this property on four graphs.

    Recognises: the order reversed (root first), a value listed twice (a value
    used twice, visited twice), values missing, a value before its operand.
    """
    if fn is None or fn is Ellipsis:
        return Feedback(False, "Replace ... with your function — def my_topological_order(root): … — and pass"
                               " it to the check (without parentheses).")
    if not callable(fn):
        return Feedback(False, f"pass your function itself, without parentheses; you passed {kind(fn)}.",
                        _HINT)
    name = getattr(fn, "__name__", "") or "your function"
    name = "your function" if name == "<lambda>" else name
    if _does_nothing(fn):
        return Feedback(False, f"Write the body of {name} in place of ..., then run the cell again.")
    graphs = _graphs()
    sizes = []
    for k, (what, root) in enumerate(graphs, 1):
        where = f"test {k} of {len(graphs)} ({what}): {name}(root)"
        try:
            with time_limit(TIME_LIMIT):
                order = fn(root)
        except TooSlow:
            return Feedback(False, f"{where} did not return within {TIME_LIMIT:g} s — an endless loop?",
                            _HINT)
        except RecursionError:
            return Feedback(False, f"{where} recursed without end: stop at values you have already visited.",
                            _HINT)
        except Exception as error:  # the student's code: report it in plain words
            return Feedback(False, f"{where} raised {exception_text(error, '')}", _HINT)
        problem = _problem(copy.copy(order), root)
        if problem:
            return Feedback(False, f"{where} returned {problem}.", _HINT)
        sizes.append(str(len(order)))
    return Feedback(True, f"{name} lists every value once, each after its operands, on all {len(graphs)}"
                          f" test graphs ({join(sizes)} values: a chain, a value used twice, a diamond,"
                          " a network).")
