"""Scalar reverse-mode automatic differentiation: what ``loss.backward()`` does, on numbers.

A :class:`Value` holds a number (``.data``) and, after ``.backward()``, the
derivative of the output with respect to it (``.grad``). Every operation
makes a new Value that remembers its operands and a small ``_backward``
function, written next to its forward computation, that passes the
output's gradient on to the operands by the chain rule. ``backward()``
visits the graph in reverse topological order, so a node's gradient is
complete (every path from it to the output counted) before it is passed on.
:func:`~backprop_lab.autodiff_steps.backward_steps` does the same pass step
by step, recording where each gradient came from, and
:class:`~backprop_lab.autodiff_steps.OverwritingValue` shows the classic bug.

In the style of Andrej Karpathy's micrograd. For the notebooks on
computational graphs and on PyTorch's ``loss.backward()`` ("Backpropagation:
How Networks Learn", "Understanding Backpropagation: A Deep Dive into the
Core of Neural Network Training").

>>> w, x, y = Value(2.0, label="w"), Value(5.0, label="x"), Value(12.0, label="y")
>>> loss = (y - w * x) ** 2       # "How Networks Learn": L = (y − ŷ)², ŷ = w x
>>> loss.backward()
>>> w
Value(data=2, grad=-20, label='w')
"""

import math
import numbers

from ._format import fmt

__all__ = ["Value", "start_backward", "topological_order"]


def _number(name, value):
    """`value` as a float, or a TypeError naming `name` (a string is refused, not converted)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number or a Value, got {type(value).__name__} {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


class Value:
    """One number in a computational graph, with the gradient of the output with respect to it.

    Parameters
    ----------
    data : float
        The number.
    label : str, optional
        A name for drawings and reprs (``"w"``, ``"net2"``).

    Attributes
    ----------
    data : float
    grad : float
        ∂(output)/∂(this value) after ``output.backward()``; 0 before.
    label : str
    op : str
        The operation that made this Value (``"+"``, ``"×"``, ``"exp"``, …); ``""`` for a leaf.
    operands : tuple of Value
        The Values it was computed from, in order (empty for a leaf).

    Notes
    -----
    Operators accept plain numbers on either side (``2 * v``, ``v - 1``,
    ``1 / v``), which become leaves. Gradients **add** where a value is used
    more than once: each use sends back its share and ``grad`` is their sum.

    When ``.grad`` is reset: ``output.backward()`` first sets the gradient
    of every node computed by an operation to 0 (and the output's own to 1),
    then fills them in. Leaves -- the Values you create, like weights -- are
    not reset: each ``backward()`` adds to their ``grad``, as PyTorch adds
    to a tensor's ``.grad``. Call ``output.zero_grad()`` (PyTorch:
    ``optimizer.zero_grad()``) before the next backward pass, unless you
    mean to sum the gradients of several outputs, e.g. of one sample at a time.
    """

    def __init__(self, data, label="", *, _operands=(), _op=""):
        if isinstance(data, Value):
            raise TypeError("data must be a number, got a Value; use the Value itself")
        self.data = _number("data", data)
        self.grad = 0.0
        if not isinstance(label, str):
            raise TypeError(f"label must be a string, got {type(label).__name__}")
        self.label = label
        self.op = _op
        self.operands = tuple(_operands)
        self._backward = lambda: None

    # -- making results --------------------------------------------------------

    def _lift(self, other, name="operand"):
        """`other` as a Value of this class (a number becomes a leaf)."""
        if isinstance(other, Value):
            return other
        return type(self)(_number(name, other))

    def _result(self, data, operands, op):
        if not math.isfinite(data):
            raise ValueError(f"{op} of {', '.join(f'{v.data:g}' for v in operands)} overflows a float")
        return type(self)(data, _operands=operands, _op=op)

    def _add_grad(self, amount):
        """Add one use's share of the gradient (the chain rule sums over every path)."""
        self.grad += amount

    # -- operations: each backward next to its forward -------------------------

    def __add__(self, other):
        other = self._lift(other)
        out = self._result(self.data + other.data, (self, other), "+")

        def _backward():  # ∂(a + b)/∂a = ∂(a + b)/∂b = 1
            self._add_grad(out.grad)
            other._add_grad(out.grad)

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = self._lift(other)
        out = self._result(self.data * other.data, (self, other), "×")

        def _backward():  # ∂(a b)/∂a = b, ∂(a b)/∂b = a
            self._add_grad(other.data * out.grad)
            other._add_grad(self.data * out.grad)

        out._backward = _backward
        return out

    def __sub__(self, other):
        other = self._lift(other)
        out = self._result(self.data - other.data, (self, other), "−")

        def _backward():  # ∂(a − b)/∂a = 1, ∂(a − b)/∂b = −1
            self._add_grad(out.grad)
            other._add_grad(-out.grad)

        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = self._lift(other, "divisor")
        if other.data == 0.0:
            raise ZeroDivisionError(f"division of {self.data:g} by a Value equal to 0")
        out = self._result(self.data / other.data, (self, other), "÷")

        def _backward():  # ∂(a / b)/∂a = 1 / b, ∂(a / b)/∂b = −a / b²
            self._add_grad(out.grad / other.data)
            other._add_grad(-self.data / other.data**2 * out.grad)

        out._backward = _backward
        return out

    def __neg__(self):
        out = self._result(-self.data, (self,), "neg")

        def _backward():  # ∂(−a)/∂a = −1
            self._add_grad(-out.grad)

        out._backward = _backward
        return out

    def __pow__(self, exponent):
        if isinstance(exponent, bool) or not isinstance(exponent, numbers.Real):  # a Value is no number here
            raise TypeError(f"exponent must be a number (int or float), got {type(exponent).__name__}")
        a, n = self.data, float(exponent)
        if a == 0.0 and 0 != n < 1:
            raise ValueError(f"0 cannot be raised to the power {n:g} here: a^{n:g} has no finite slope at 0")
        if a < 0.0 and not n.is_integer():
            raise ValueError(f"a negative number ({a:g}) cannot be raised to the fractional power {n:g}")
        try:
            data = self.data**n
        except OverflowError:
            data = math.inf  # reported by _result
        out = self._result(data, (self,), f"**{n:g}")

        def _backward():  # ∂(a^n)/∂a = n a^(n−1)
            self._add_grad((n * self.data ** (n - 1.0) if n else 0.0) * out.grad)

        out._backward = _backward
        return out

    def exp(self):
        """e to the power of this value."""
        if self.data > 709.0:
            raise ValueError(f"exp({self.data:g}) overflows a float (the largest is about exp(709))")
        out = self._result(math.exp(self.data), (self,), "exp")

        def _backward():  # ∂(e^a)/∂a = e^a
            self._add_grad(out.data * out.grad)

        out._backward = _backward
        return out

    def log(self):
        """The natural logarithm; the value must be positive."""
        if self.data <= 0.0:
            raise ValueError(f"log needs a positive number, got {self.data:g}")
        out = self._result(math.log(self.data), (self,), "log")

        def _backward():  # ∂(log a)/∂a = 1 / a
            self._add_grad(out.grad / self.data)

        out._backward = _backward
        return out

    def tanh(self):
        """The hyperbolic tangent."""
        out = self._result(math.tanh(self.data), (self,), "tanh")

        def _backward():  # tanh' = 1 − tanh²
            self._add_grad((1.0 - out.data**2) * out.grad)

        out._backward = _backward
        return out

    def sigmoid(self):
        """The logistic function σ(a) = 1 / (1 + e^−a)."""
        a = self.data  # written so that e^(−a) never overflows
        s = 1.0 / (1.0 + math.exp(-a)) if a >= 0 else math.exp(a) / (1.0 + math.exp(a))
        out = self._result(s, (self,), "σ")

        def _backward():  # σ' = σ (1 − σ)
            self._add_grad(out.data * (1.0 - out.data) * out.grad)

        out._backward = _backward
        return out

    def relu(self):
        """max(0, a); its derivative at 0 is taken as 0, as PyTorch does."""
        out = self._result(max(self.data, 0.0), (self,), "relu")

        def _backward():  # relu' = 1 where a > 0, else 0
            self._add_grad((1.0 if self.data > 0.0 else 0.0) * out.grad)

        out._backward = _backward
        return out

    # numbers on the left: 2 * v, 1 - v, 1 / v
    def __radd__(self, other):
        return self._lift(other) + self

    def __rmul__(self, other):
        return self._lift(other) * self

    def __rsub__(self, other):
        return self._lift(other) - self

    def __rtruediv__(self, other):
        return self._lift(other) / self

    def __rpow__(self, base):
        raise TypeError("exponent must be a number, not a Value: for a ** v write (v * math.log(a)).exp()")

    # -- the backward pass ------------------------------------------------------

    def backward(self):
        """Fill in ``.grad`` of every Value this one was computed from, by the chain rule.

        See the class notes for when ``.grad`` is reset (operation nodes: at
        every call; leaves: only by :meth:`zero_grad`).
        """
        for node in reversed(start_backward(self)):  # each node after every node that uses it
            node._backward()

    def zero_grad(self):
        """Set ``.grad`` to 0 on this Value and every Value it was computed from."""
        for node in topological_order(self):
            node.grad = 0.0

    def __repr__(self):
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={fmt(self.data)}, grad={fmt(self.grad)}{label})"


def topological_order(root):
    """Every Value `root` depends on, each after its operands (leaves first, `root` last).

    Parameters
    ----------
    root : Value

    Returns
    -------
    list of Value
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    order, seen, stack = [], set(), [(root, False)]
    while stack:  # depth first without recursion, so long chains do not hit the recursion limit
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.operands) if id(child) not in seen)
    return order


def start_backward(root):
    """Get the graph of `root` ready for a backward pass; returns its topological order.

    Operation nodes start from 0 (they are recomputed at every pass), leaves
    keep what they hold (they accumulate, as PyTorch's ``.grad`` does), and the
    output gets 1 added (∂root/∂root = 1).
    """
    order = topological_order(root)
    for node in order:
        if node.operands:
            node.grad = 0.0
    root.grad += 1.0
    return order
