"""The backward pass of a :class:`~backprop_lab.autodiff.Value` graph one step at a time, and its classic bug.

:func:`backward_steps` runs the same backward pass as ``Value.backward()`` and
records, for every node, where its gradient came from: the share each use
sent back. The figure ``figures.graph`` walks through these steps.
:class:`OverwritingValue` writes each share over the last instead of adding
it, which is wrong wherever a value is used more than once.
"""

from dataclasses import dataclass

from ._format import fmt
from .autodiff import Value, start_backward

__all__ = ["OverwritingValue", "Step", "backward_steps"]


class OverwritingValue(Value):
    """A Value with the classic bug: each use *overwrites* the gradient instead of adding to it.

    For the notebook on computational graphs only: wherever a value is used
    twice, its gradient keeps only the last use's share, and comes out wrong.

    >>> a = OverwritingValue(3.0)
    >>> b = a * a          # b = a², so ∂b/∂a = 2a = 6
    >>> b.backward()
    >>> a.grad             # the bug keeps one of the two shares of 3
    3.0
    """

    def _add_grad(self, amount):
        self.grad = amount


@dataclass(repr=False)
class Step:
    """One step of the backward pass: the node whose gradient is now complete.

    Attributes
    ----------
    node : Value
    grad : float
        Its gradient: `earlier` plus the sum of `shares` (1 for the output).
    shares : list of (Value, float)
        Each node that uses `node` and what it sent back (empty for the output).
    earlier : float
        What a leaf's ``grad`` held before this backward pass (0 unless it was not reset).
    """

    node: Value
    grad: float
    shares: list
    earlier: float = 0.0

    def __repr__(self):
        name = self.node.label or self.node.op or "value"
        parts = [f"{fmt(self.earlier, 4)} (earlier)"] if self.earlier else []
        parts += [f"{fmt(s, 4)} (from {u.label or u.op})" for u, s in self.shares]
        if not self.shares:
            parts.append("1 (the output)")
        return f"<Step {name}: grad = {' + '.join(parts)} = {fmt(self.grad, 4)}>"


def backward_steps(root):
    """Run ``root.backward()`` and return its steps, in the order the gradients were completed.

    Parameters
    ----------
    root : Value
        The output (a loss).

    Returns
    -------
    list of Step
        One per node, in reverse topological order: the output first, leaves
        last. When a step is reached, every use of its node has sent back its
        share, so ``step.grad`` is final; the figure ``figures.graph`` steps
        through these.

    Examples
    --------
    >>> a = Value(3.0, label="a")
    >>> b = a * a + a       # b = a² + a: a is used by two operations
    >>> steps = backward_steps(b)
    >>> steps[-1]           # 1 from the sum, 2a = 6 from the product
    <Step a: grad = 1 (from +) + 6 (from ×) = 7>
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    order = start_backward(root)
    earlier = {id(node): node.grad for node in order}  # 0 for operation nodes; what leaves held before
    earlier[id(root)] -= 1.0
    shares = {id(node): [] for node in order}
    steps = []
    for node in reversed(order):
        steps.append(Step(node, node.grad, shares[id(node)], earlier[id(node)]))
        before = {id(child): child.grad for child in node.operands}
        node._backward()
        for child in dict.fromkeys(node.operands):  # a child used twice (a × a) gets one share
            shares[id(child)].append((node, child.grad - before[id(child)]))
    return steps
