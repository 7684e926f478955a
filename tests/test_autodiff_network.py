"""A Network built from Values gives bl.backward's gradients; the overwriting bug does not; the exercise
that asks for a topological order judges the property, not one order."""

import re

import numpy as np
import pytest

import backprop_lab as bl
from backprop_lab import exercises as ex
from backprop_lab.autodiff import Value, topological_order
from backprop_lab.autodiff_network import network_graph
from backprop_lab.autodiff_steps import OverwritingValue, backward_steps


def gradients_both_ways(net, x, T, loss):
    graph = network_graph(net, x, T, loss)
    graph.loss.backward()
    grads = bl.backward(net, bl.forward(net, x), T, loss)
    return graph, grads


@pytest.mark.parametrize("sizes, activation", [
    ([1, 1, 1], "sigmoid"), ([2, 3, 2], "tanh"), ([3, 4, 4, 2], ["relu", "tanh", "linear"]),
    ([2, 5, 1], ["sigmoid", "linear"])])
@pytest.mark.parametrize("loss", ["half_sse", "sse", "mse"])
@pytest.mark.parametrize("batch", [None, 3])
def test_the_value_graph_gives_bl_backward(sizes, activation, loss, batch):
    rng = np.random.default_rng(len(sizes) + (batch or 0))
    net = bl.Network(sizes, activation=activation, seed=4)
    shape = (sizes[0],) if batch is None else (batch, sizes[0])
    x, T = rng.normal(size=shape), rng.uniform(size=shape[:-1] + (sizes[-1],))
    graph, grads = gradients_both_ways(net, x, T, loss)
    dW, db = graph.gradients()
    for ours, theirs in zip(dW + db, grads.weights + grads.biases):
        np.testing.assert_allclose(ours, theirs, rtol=1e-11, atol=1e-14)
    assert graph.loss.data == pytest.approx(grads.loss, rel=1e-13)
    for z, d in zip(graph.nets, grads.deltas):  # δ is the gradient of each net node
        np.testing.assert_allclose(np.vectorize(lambda v: v.grad)(z), d, rtol=1e-11, atol=1e-14)


def test_labels_follow_the_notation_card_and_the_network_is_not_changed():
    ex_ = bl.examples.CHAIN
    net = ex_.network()
    before = [w.copy() for w in net.weights]
    graph = network_graph(net, ex_.x, ex_.T)
    assert [w.label for w in graph.weights[1].ravel()] == ["w32"] and graph.biases[0][0].label == "b2"
    assert graph.nets[1][0].label == "net3" and graph.outputs[1][0].label == "o2"
    assert graph.outputs[0][0].label == "o1" and graph.loss.label == "E"
    assert {v.label for v in topological_order(graph.loss)} >= {"w21·o1", "w32·o2"}
    assert repr(graph) == "<NetworkGraph: 4 parameters, E = 0.00914561>"
    batch = network_graph(bl.examples.SIMPLE_NN.network(), bl.examples.SIMPLE_NN.x, bl.examples.SIMPLE_NN.T)
    assert batch.outputs[0][1, 0].label == "o1[2]" and batch.nets[0].shape == (2, 2)
    wide = network_graph(bl.Network([12, 1], seed=0), np.zeros(12), [0.0])
    assert wide.weights[0][0, 11].label == "w13,12"  # a comma once a neuron number has two digits
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))


def test_the_chain_of_deep_learning_networks():
    graph, grads = gradients_both_ways(bl.examples.CHAIN.network(), [0.2], [0.7], "half_sse")
    assert graph.weights[1][0, 0].grad == pytest.approx(-0.017783719, abs=1e-9)
    assert graph.nets[1][0].grad == pytest.approx(-0.033244142, abs=1e-9)  # δ3


def test_the_overwriting_bug_halves_the_output_layer_and_breaks_the_fork():
    ex_ = bl.examples.NET_2_2_2
    net = ex_.network()
    grads = bl.backward(net, bl.forward(net, ex_.x), ex_.T)
    bug = network_graph(net, ex_.x, ex_.T, value=OverwritingValue)
    bug.loss.backward()
    dW, _ = bug.gradients()
    np.testing.assert_allclose(dW[1] / grads.weights[1], 0.5, rtol=1e-12)  # the square d·d: one of two shares
    np.testing.assert_allclose(dW[0] / grads.weights[0], [[0.6372, 0.6372], [0.2347, 0.2347]], atol=1e-4)
    error = bl.relative_error(np.concatenate([g.ravel() for g in dW]),
                              np.concatenate([g.ravel() for g in grads.weights]))
    assert round(error, 3) == 0.340
    # o3 feeds both outputs: two shares, which add to δ3 / f′(net3)
    steps = {s.node.label: s for s in backward_steps(network_graph(net, ex_.x, ex_.T).loss)}
    assert [u.label for u, _ in steps["o3"].shares] == ["w63·o3", "w53·o3"]
    assert steps["net3"].grad == pytest.approx(grads.deltas[0][0], rel=1e-12)


def test_simple_nn_from_values_is_pytorchs_graph():
    ex_ = bl.examples.SIMPLE_NN
    graph, grads = gradients_both_ways(ex_.network(), ex_.x, ex_.T, "mse")
    dW, db = graph.gradients()
    np.testing.assert_allclose(dW[0], [[-4.428, -5.904], [2.544, 3.612]], rtol=1e-12)
    np.testing.assert_allclose(db[1], [-3.56], rtol=1e-12)
    assert graph.loss.data == pytest.approx(3.6308, rel=1e-13)


NET = bl.Network([2, 2, 1], seed=0)


@pytest.mark.parametrize("call, error, message", [
    (lambda: network_graph(NET, [1.0, 2.0], [1.0], "cross_entropy"), ValueError,
     "network_graph builds the squared-error losses ['half_sse', 'sse', 'mse'], got 'cross_entropy'"),
    (lambda: network_graph(NET, [1.0, 2.0], [1.0], "hinge"), ValueError, "unknown loss 'hinge'"),
    (lambda: network_graph(bl.Network([2, 3], activation="softmax", seed=0), [1.0, 2.0], [0.5, 0.2, 0.3]),
     ValueError, "network_graph has no Value operation for the activation 'softmax'"),
    (lambda: network_graph(NET, [1.0, 2.0], [1.0], value=float), TypeError,
     "value must be Value or a subclass of it, got <class 'float'>"),
    (lambda: network_graph(NET, [1.0, 2.0, 3.0], [1.0]), ValueError,
     "x must have 2 input value(s) per sample"),
    (lambda: network_graph(NET, [[1.0, 2.0]], [[1.0, 0.0]]), ValueError,
     "target must have the network output's shape (1, 1), got shape (1, 2)"),
    (lambda: network_graph("net", [1.0], [1.0]), TypeError, "net must be a backprop_lab.Network, got str"),
])
def test_bad_input_is_refused_in_plain_words(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()


# --- the topological-order exercise ---


def depth_first(root):
    order, seen = [], set()

    def visit(v):
        if id(v) not in seen:
            seen.add(id(v))
            for child in v.operands:
                visit(child)
            order.append(v)

    visit(root)
    return order


def no_seen_set(root):
    order = []

    def visit(v):
        for child in v.operands:
            visit(child)
        order.append(v)

    visit(root)
    return order


def reversed_breadth_first(root):
    found = [root]
    for v in found:
        found += [c for c in v.operands if all(c is not u for u in found)]
    return found[::-1]


@pytest.mark.parametrize("fn, words", [
    (depth_first, "✓ Right: depth_first lists every value once, each after its operands, on all 4 test graphs"
                  " (6, 3, 9 and 43 values"),
    (topological_order, "✓ Right: topological_order lists every value once"),  # the package's own
    (lambda r: depth_first(r)[::-1], "returned the order the other way round: the output comes first"),
    (no_seen_set, "returned a list in which 'a' appears more than once: a value used by two operations is"
                  " reached twice"),
    (reversed_breadth_first, "returned a list in which the × node with data 9 comes before its operand 'a'"),
    (lambda r: [v for v in depth_first(r) if v.operands],
     "returned 3 of the 6 values; it misses 'y' (a leaf)"),
    (lambda r: depth_first(r) + [Value(1.0, label="z")], "holding 'z', which the output does not depend on"),
    (lambda r: [v.data for v in depth_first(r)],
     "a list holding the number 12; it must hold the Value objects"),
    (lambda r: {id(v): v for v in depth_first(r)}, "returned a dict; return a list of the Values"),
    (lambda r: depth_first(r) and None, "your function(root) returned None — replace ... with your code"),
    (lambda r: 1 / 0, "raised ZeroDivisionError: division by zero (in line "),
    (lambda r: r.children, "raised AttributeError: 'Value' object has no attribute 'children'"),
])
def test_topological_order_exercise(fn, words):
    feedback = ex.check_topological_order(fn)
    assert words in str(feedback), str(feedback)
    assert feedback.ok == words.startswith("✓")
    if not feedback.ok:
        assert "Hint: visit(v)" in str(feedback)


def test_topological_order_exercise_stubs_and_endless_recursion():
    def my_topological_order(root):
        ...

    def forever(root):
        return forever(root)

    assert str(ex.check_topological_order(my_topological_order)) == (
        "✗ Not yet: Write the body of my_topological_order in place of ..., then run the cell again.")
    assert ex.check_topological_order(...).message.startswith("Replace ... with your function")
    assert "pass your function itself" in ex.check_topological_order(3).message
    assert "recursed without end" in ex.check_topological_order(forever).message
