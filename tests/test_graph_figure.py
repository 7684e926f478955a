"""The computational-graph figure: where nodes go, what each step of the backward walk shows; conv figures."""

import matplotlib

matplotlib.use("Agg")  # headless; before pyplot is imported

import re  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import backprop_lab as bl  # noqa: E402
from backprop_lab.autodiff import Value  # noqa: E402
from backprop_lab.figures import _graph_layout  # noqa: E402
from backprop_lab.figures.graph import OP_W, VALUE_W, op_symbol  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def linear_neuron():
    w, x, y = Value(2.0, label="w"), Value(5.0, label="x"), Value(12.0, label="y")
    y_hat = w * x
    y_hat.label = "ŷ"
    loss = (y - y_hat) ** 2
    loss.label = "L"
    return w, x, y, y_hat, loss


def chain():
    o1, w21, b2, w32, b3, T = (
        Value(v, label=n)
        for v, n in zip((0.2, 0.2, 0.1, 0.3, 0.1, 0.7), ("o1", "w21", "b2", "w32", "b3", "T"))
    )
    o2 = (w21 * o1 + b2).sigmoid()
    o3 = (w32 * o2 + b3).sigmoid()
    E = 0.5 * (T - o3) ** 2
    E.label = "E"
    return E


def test_columns_follow_the_longest_path_and_a_chain_keeps_one_row():
    w, x, y, y_hat, loss = linear_neuron()
    lay = _graph_layout.layout_graph(bl.autodiff.topological_order(loss), 1.0, 0.5)
    step = 0.75  # half a value column plus half an operation column
    xs = {v.label or v.op: lay.value_xy[id(v)][0] / step for v in lay.values}
    # w, x (column 0) → × → ŷ (2) → − → (y − ŷ) (4) → x² → L (6); y waits just before the − (column 2).
    assert xs == {"w": 0, "x": 0, "ŷ": 2, "y": 2, "−": 4, "L": 6}
    rows = {v.label or v.op: lay.value_xy[id(v)][1] for v in lay.values}
    assert rows["L"] == rows["−"] == rows["ŷ"] == rows["w"]  # the spine runs straight
    assert (
        rows["y"] == rows["ŷ"] - 1 and rows["x"] == rows["w"] + 1
    )  # y comes before ŷ: above; x after w: below
    assert lay.op_xy[id(loss)] == (5 * step, rows["L"])
    assert len(lay.edges) == 3 + 5 and not lay.carried


def test_a_long_graph_wraps_into_bands_and_carries_values_over():
    E = chain()
    lay = _graph_layout.layout_graph(bl.autodiff.topological_order(E), VALUE_W, OP_W, max_columns=6)
    assert len(lay.carried) == 1
    (key, band), (x, y) = next(iter(lay.carried.items()))
    carried = next(v for v in lay.values if id(v) == key)
    assert band == 1 and x == 0.0 and carried.op == "+"  # net3 continues in the second band
    assert all(ys > 1.5 for _, ys in [lay.value_xy[id(v)] for v in lay.values if v.label in ("T", "E")])
    one_band = _graph_layout.layout_graph(bl.autodiff.topological_order(E), VALUE_W, OP_W)
    assert not one_band.carried and one_band.width > 1.7 * lay.width


def test_the_backward_walk_fills_gradients_in_reverse_topological_order():
    w, x, y, y_hat, loss = linear_neuron()
    walk = bl.figures.step_backward(loss)
    assert walk.position == -1 and len(walk.steps) == 6
    assert {t.get_text() for t in walk.grad_texts.values()} == {"grad ?"}
    assert (
        walk.caption.get_text() == "Forward pass done: every data is known. The backward pass takes 6 steps."
    )
    assert walk.step().node is loss
    assert walk.grad_texts[id(loss)].get_text() == "grad 1"
    walk.step()
    step = walk.step()
    assert step.node is y_hat and walk.position == 2
    assert walk.grad_texts[id(y_hat)].get_text() == "grad −4"
    assert walk.grad_texts[id(w)].get_text() == "grad ?"
    assert walk.caption.get_text() == "step 3 of 6: grad of ŷ = −4 (from the − result) = −4"
    assert walk.boxes[id(y_hat)].get_linewidth() > walk.boxes[id(loss)].get_linewidth()
    shares = [t.get_text() for t in walk.share_texts.values() if t.get_text()]
    assert shares == ["−4"]
    while walk.step() is not None:
        pass
    assert walk.grad_texts[id(w)].get_text() == "grad −20" and walk.position == 5
    assert walk.step() is None
    walk.show_step(-1)
    assert walk.grad_texts[id(w)].get_text() == "grad ?"


def test_a_fork_shows_both_shares_and_says_they_add():
    a = Value(3.0, label="a")
    b = a * a + a
    b.label = "b"
    walk = bl.figures.step_backward(b).show_step(2)
    assert walk.caption.get_text().replace("\n", " ") == (
        "step 3 of 3: grad of a = 1 (from b) + 6 (from the × result) = 7; 2 uses, so the shares add"
    )
    assert sorted(t.get_text() for t in walk.share_texts.values() if t.get_text()) == ["1", "6"]


def test_draw_graph_shows_the_current_gradients_and_renders():
    E = chain()
    E.backward()
    graph = bl.figures.draw_graph(E)
    texts = {t.get_text() for t in graph.grad_texts.values()}
    assert "grad −0.01778" in texts and "grad 1" in texts  # ∂E/∂w32 of "Deep Learning Networks"
    assert graph.fig.get_figwidth() < 14 and graph.caption.get_text() == ""
    graph.fig.canvas.draw()
    assert graph.fig.dpi == 100
    with pytest.raises(
        ValueError, match=re.escape("this graph has no steps: make it with step_backward(root)")
    ):
        graph.step()


def test_op_symbols_and_bad_input():
    assert [op_symbol(o) for o in ("**2", "**3", "**-1", "**0.5", "+", "σ")] == [
        "x²",
        "x³",
        "x⁻¹",
        "x^0.5",
        "+",
        "σ",
    ]
    with pytest.raises(TypeError, match=re.escape("root must be a backprop_lab.autodiff.Value, got float")):
        bl.figures.draw_graph(1.0)
    with pytest.raises(ValueError, match=re.escape("max_columns must be a whole number >= 2 or None, got 1")):
        bl.figures.draw_graph(Value(1.0), max_columns=1)
    with pytest.raises(ValueError, match=re.escape("k must be a step from -1 to 0, got 1")):
        bl.figures.step_backward(Value(1.0)).show_step(1)


def test_conv_figures_hold_the_numbers():
    X, Y, starts = bl.signals.pattern_signals(n=6, length=10, seed=0, positions=True)
    grid = bl.figures.plot_signals(X, Y, n=4, starts=starts, pattern_length=4, ncols=2)
    assert len(grid.lines) == 4
    np.testing.assert_array_equal(grid.lines[2].get_ydata(), X[2, 0])
    w = np.array([[[1.0, -2.0, 0.5]], [[0.0, 1.0, 1.0]]])
    bars = bl.figures.plot_filters(w, before=np.zeros_like(w))
    assert [p.get_height() for p in bars.after[0].patches] == [1.0, -2.0, 0.5]
    assert len(bars.axes) == 2 and len(bars.before) == 2
    with pytest.raises(ValueError, match=re.escape("plot_filters draws filters of one input channel")):
        bl.figures.plot_filters(np.ones((2, 2, 3)))
