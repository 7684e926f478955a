"""Scalar autodiff: worked examples, each operation against central differences, forks, resets, bad input."""

import math
import re

import numpy as np
import pytest

import backprop_lab as bl
from backprop_lab.autodiff import Value, topological_order
from backprop_lab.autodiff_steps import OverwritingValue, backward_steps


def numeric(f, xs, eps=1e-6):
    """∂f/∂x_i by central differences, f taking plain floats."""
    grads = []
    for i in range(len(xs)):
        up, down = list(xs), list(xs)
        up[i] += eps
        down[i] -= eps
        grads.append((f(*up) - f(*down)) / (2 * eps))
    return grads


def autodiff(f, xs):
    values = [Value(x) for x in xs]
    out = f(*values)
    out.backward()
    return out.data, [v.grad for v in values]


def test_how_networks_learn_by_hand():
    # L = (y − w x)² with w = 2, x = 5, y = 12: ŷ = 10, ∂L/∂w = −2 (y − ŷ) x = −20.
    w, x, y = Value(2.0, label="w"), Value(5.0, label="x"), Value(12.0, label="y")
    loss = (y - w * x) ** 2
    loss.backward()
    assert (loss.data, w.grad, x.grad, y.grad) == (4.0, -20.0, -8.0, 4.0)
    assert repr(w) == "Value(data=2, grad=-20, label='w')"
    assert repr(loss) == "Value(data=4, grad=1)"


def test_the_chain_of_deep_learning_networks_matches_backward():
    ex = bl.examples.CHAIN
    o1, w21, b2, w32, b3, T = (Value(v) for v in (0.2, 0.2, 0.1, 0.3, 0.1, 0.7))
    o2 = (w21 * o1 + b2).sigmoid()
    o3 = (w32 * o2 + b3).sigmoid()
    E = 0.5 * (T - o3) ** 2
    E.backward()
    net = ex.network()
    grads = bl.backward(net, bl.forward(net, ex.x), ex.T)
    assert E.data == pytest.approx(grads.loss, rel=1e-14)
    assert w32.grad == pytest.approx(grads.weights[1][0, 0], rel=1e-12)  # −0.017784
    assert w32.grad == pytest.approx(-0.017784, abs=5e-7)
    assert b3.grad == pytest.approx(grads.biases[1][0], rel=1e-12)
    assert w21.grad == pytest.approx(grads.weights[0][0, 0], rel=1e-12)
    assert b2.grad == pytest.approx(-0.0024811, abs=5e-8)


def sigmoid(a):
    return 1.0 / (1.0 + math.exp(-a))


# name: (on Values, the same on floats with the math module, number of arguments)
OPERATIONS = {
    "add": (lambda a, b: a + b, lambda a, b: a + b, 2),
    "sub": (lambda a, b: a - b, lambda a, b: a - b, 2),
    "mul": (lambda a, b: a * b, lambda a, b: a * b, 2),
    "div": (lambda a, b: a / b, lambda a, b: a / b, 2),
    "neg": (lambda a: -a, lambda a: -a, 1),
    "square": (lambda a: a**2, lambda a: a**2, 1),
    "cube": (lambda a: a**3, lambda a: a**3, 1),
    "inverse": (lambda a: a**-1, lambda a: 1.0 / a, 1),
    "sqrt": (lambda a: a**0.5, math.sqrt, 1),
    "exp": (lambda a: a.exp(), math.exp, 1),
    "log": (lambda a: a.log(), math.log, 1),
    "tanh": (lambda a: a.tanh(), math.tanh, 1),
    "sigmoid": (lambda a: a.sigmoid(), sigmoid, 1),
    "relu": (lambda a: a.relu(), lambda a: max(a, 0.0), 1),
    "numbers_left": (lambda a: 2.0 - 3.0 * a + 1.0 / a + 4.0, lambda a: 2.0 - 3.0 * a + 1.0 / a + 4.0, 1),
    "numbers_right": (lambda a: (a - 2.0) * 3.0 / 2.0 + 1.0, lambda a: (a - 2.0) * 3.0 / 2.0 + 1.0, 1),
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_every_operation_against_central_differences(name):
    on_values, on_floats, n = OPERATIONS[name]
    rng = np.random.default_rng(len(name))
    for _ in range(5):
        xs = [float(x) for x in rng.uniform(0.3, 2.0, size=n) * rng.choice([-1.0, 1.0], size=n)]
        if name in ("log", "sqrt"):
            xs = [abs(x) for x in xs]
        value, grads = autodiff(on_values, xs)
        assert value == pytest.approx(on_floats(*xs), rel=1e-12)
        assert grads == pytest.approx(numeric(on_floats, xs), rel=1e-6, abs=1e-9)


def test_sigmoid_and_relu_at_the_edges():
    big, small = Value(800.0).sigmoid(), Value(-800.0).sigmoid()
    assert (big.data, small.data) == (1.0, 0.0)  # no overflow either way
    z = Value(0.0)
    z.relu().backward()
    assert z.grad == 0.0  # relu'(0) = 0, as in PyTorch


def test_a_composite_expression_with_forks_against_central_differences():
    def f(a, b, c):
        d = a * b + b**3
        e = (d * c).tanh() + (a - c).sigmoid() * d
        return (e + 2.0) * (b * b + 1.0).log() / (1.0 + (c * a).exp()) + (a + b).relu()

    rng = np.random.default_rng(0)
    for _ in range(10):
        xs = [float(x) for x in rng.uniform(-1.5, 1.5, size=3)]
        _, grads = autodiff(f, xs)
        assert grads == pytest.approx(numeric(lambda *a: f(*map(Value, a)).data, xs), rel=1e-6, abs=1e-9)


def test_gradients_add_where_a_value_is_used_twice_and_the_bug_overwrites():
    a = Value(3.0, label="a")
    (a * a + a).backward()
    assert a.grad == 7.0  # 2a + 1
    bad = OverwritingValue(3.0)
    out = bad * bad + bad
    assert isinstance(out, OverwritingValue)
    out.backward()
    assert bad.grad == 3.0  # the last share written wins: one factor of the product


def test_backward_resets_operation_nodes_and_adds_to_leaves_until_zero_grad():
    w, x = Value(2.0), Value(5.0)
    product = w * x
    loss = product * product  # (w x)², ∂/∂w = 2 w x² = 100
    loss.backward()
    assert (w.grad, product.grad) == (100.0, 20.0)
    loss.backward()  # leaves accumulate, as PyTorch's .grad does
    assert (w.grad, x.grad, product.grad, loss.grad) == (200.0, 80.0, 20.0, 1.0)
    loss.zero_grad()
    assert (w.grad, x.grad, product.grad, loss.grad) == (0.0, 0.0, 0.0, 0.0)
    loss.backward()
    assert w.grad == 100.0


def test_backward_steps_come_in_reverse_topological_order_with_their_shares():
    a, b = Value(3.0, label="a"), Value(-2.0, label="b")
    c = a * b
    c.label = "c"
    d = c + a
    d.label = "d"
    steps = backward_steps(d)
    assert [s.node for s in steps] == [d, c, b, a]
    assert [s.grad for s in steps] == [1.0, 1.0, 3.0, -1.0]
    assert [(u.label, share) for u, share in steps[-1].shares] == [("d", 1.0), ("c", -2.0)]
    assert repr(steps[-1]) == "<Step a: grad = 1 (from d) + -2 (from c) = -1>"
    assert repr(steps[0]) == "<Step d: grad = 1 (the output) = 1>"
    again = backward_steps(d)  # without zero_grad the leaves carry what they had
    assert again[-1].earlier == -1.0 and a.grad == -2.0
    assert repr(again[-1]) == "<Step a: grad = -1 (earlier) + 1 (from d) + -2 (from c) = -2>"


def test_topological_order_handles_long_chains_without_recursion():
    v = x = Value(0.5)
    for _ in range(5000):
        v = v * 1.0 + 0.0
    order = topological_order(v)
    assert order[-1] is v and order[0] is x and len(order) == 1 + 5000 * 4
    v.backward()
    assert x.grad == 1.0


def test_a_value_used_as_both_operands_counts_both_uses():
    a = Value(4.0)
    (a / a).backward()  # d(a/a)/da = 0
    assert a.grad == pytest.approx(0.0, abs=1e-15)
    b = Value(4.0)
    (b - b + b * b).backward()
    assert b.grad == 8.0


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: Value("2"), TypeError, "data must be a real number or a Value, got str '2'"),
        (lambda: Value(True), TypeError, "data must be a real number or a Value, got bool True"),
        (lambda: Value(Value(1.0)), TypeError, "data must be a number, got a Value; use the Value itself"),
        (lambda: Value(float("nan")), ValueError, "data must be finite, got nan"),
        (lambda: Value(1.0, label=3), TypeError, "label must be a string, got int"),
        (lambda: Value(1.0) + "a", TypeError, "operand must be a real number or a Value, got str 'a'"),
        (lambda: "a" * Value(1.0), TypeError, "operand must be a real number or a Value, got str 'a'"),
        (lambda: Value(1.0) / "2", TypeError, "divisor must be a real number or a Value, got str '2'"),
        (lambda: Value(1.0) ** Value(2.0), TypeError, "exponent must be a number (int or float), got Value"),
        (lambda: Value(1.0) ** "2", TypeError, "exponent must be a number (int or float), got str"),
        (lambda: 2.0 ** Value(3.0), TypeError, "exponent must be a number, not a Value: for a ** v write"),
        (lambda: Value(0.0).log(), ValueError, "log needs a positive number, got 0"),
        (lambda: Value(-1.0).log(), ValueError, "log needs a positive number, got -1"),
        (
            lambda: Value(-4.0) ** 0.5,
            ValueError,
            "a negative number (-4) cannot be raised to the fractional power 0.5",
        ),
        (lambda: Value(0.0) ** -1, ValueError, "0 cannot be raised to the power -1 here"),
        (lambda: Value(1.0) / Value(0.0), ZeroDivisionError, "division of 1 by a Value equal to 0"),
        (
            lambda: Value(710.0).exp(),
            ValueError,
            "exp(710) overflows a float (the largest is about exp(709))",
        ),
        (lambda: Value(1e200) * 1e200, ValueError, "× of 1e+200, 1e+200 overflows a float"),
        (lambda: topological_order(3.0), TypeError, "root must be a Value, got float"),
    ],
)
def test_bad_input_is_refused_in_plain_words(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()
