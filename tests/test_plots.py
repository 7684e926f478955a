"""The figures: each handle's artists hold the engine's numbers, and update() changes them in place."""

import matplotlib

matplotlib.use("Agg")  # headless; before pyplot is imported

import re  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import backprop_lab as bl  # noqa: E402
from backprop_lab import figures as plots  # noqa: E402

SEED3 = dict(weights=[[[0.2]], [[0.3]]], biases=[[0.1], [0.1]], x=[0.2], T=[0.7])
TWO = dict(weights=[[[0.15, 0.20], [0.25, 0.30]], [[0.40, 0.45], [0.50, 0.55]]],
           biases=[[0.35, 0.35], [0.60, 0.60]], x=[0.05, 0.10], T=[0.01, 0.99])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def example(d):
    net = bl.Network.from_weights(d["weights"], d["biases"])
    trace = bl.forward(net, d["x"])
    return net, trace, bl.backward(net, trace, d["T"])


def texts(rows):
    return [[t.get_text() for t in row] for row in rows]


def visible_texts(fig):
    fig.canvas.draw()
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


# --- the network diagram -------------------------------------------------------------------


def test_diagram_seed3_shows_weights_numbers_and_values():
    net, trace, grads = example(SEED3)
    d = plots.draw_network(net, trace, grads)
    assert d.edges.get_array().tolist() == [0.2, 0.3]
    assert texts(d.number_texts) == [["1"], ["2"], ["3"]]
    assert texts(d.node_texts) == [["o₁ = 0.2"], ["net₂ = 0.14\no₂ = 0.535"], ["net₃ = 0.26\no₃ = 0.565"]]
    assert texts(d.bias_texts) == [["b₂ = 0.1"], ["b₃ = 0.1"]]
    assert texts(d.delta_texts) == [["δ₂ = −0.00248"], ["δ₃ = −0.0332"]]
    assert [t.get_text() for t in d.edge_texts] == ["0.2", "0.3"]
    assert d.colorbar.ax.get_xlabel() == "weight $w_{j,i}$"
    # colour scale: symmetric around 0, the smallest 1, 2 or 5 × 10^k that holds every weight and bias
    assert (d.edges.norm.vmin, d.edges.norm.vmax) == (-0.5, 0.5)
    assert d.colorbar.get_ticks().tolist() == [-0.5, 0.0, 0.5]
    # width 1 + 6 |w| / 0.5: wider for |w32| than for |w21|
    np.testing.assert_allclose(d.edges.get_linewidths(), [1 + 6 * 0.2 / 0.5, 1 + 6 * 0.3 / 0.5])
    d.fig.canvas.draw()
    np.testing.assert_allclose(d.edges.get_colors(), d.edges.cmap(d.edges.norm([0.2, 0.3])))
    # neurons: the input grey, the others coloured by their bias on the edges' scale
    np.testing.assert_allclose(d.neurons.get_facecolors(),
                               [[0.88, 0.88, 0.88, 1.0], *d.edges.cmap(d.edges.norm([0.1, 0.1]))])


def test_diagram_gradients_mode_colours_edges_by_dE_dw():
    net, trace, grads = example(SEED3)
    d = plots.draw_network(net, trace, grads, show="gradients")
    np.testing.assert_allclose(d.edges.get_array(), [grads.weights[0][0, 0], grads.weights[1][0, 0]])
    assert d.edges.get_array()[1] == pytest.approx(-0.0177837, abs=1e-7)
    assert d.colorbar.ax.get_xlabel() == r"gradient $\partial E/\partial w_{j,i}$"
    assert [t.get_text() for t in d.edge_texts] == ["−0.000496", "−0.0178"]
    # the scale now fits the gradients (|∂E/∂b3| = |δ3| = 0.0332 is the largest), and so do the neurons
    assert (d.edges.norm.vmin, d.edges.norm.vmax) == (-0.05, 0.05)
    d.fig.canvas.draw()
    np.testing.assert_allclose(d.edges.get_colors(), d.edges.cmap(d.edges.norm(d.edges.get_array())))
    np.testing.assert_allclose(d.neurons.get_facecolors()[1:],
                               d.edges.cmap(d.edges.norm([grads.biases[0][0], grads.biases[1][0]])))


def test_diagram_update_changes_the_same_artists():
    net, trace, grads = example(SEED3)
    d = plots.draw_network(net, trace, grads)
    edges, neurons, o3 = d.edges, d.neurons, d.node_texts[2][0]
    net2 = bl.Network.from_weights([[[0.2]], [[-0.8]]], [[0.1], [0.4]])
    trace2 = bl.forward(net2, [0.5])
    d.update(net2, trace2, bl.backward(net2, trace2, [0.7]))
    assert d.edges is edges and d.neurons is neurons and d.node_texts[2][0] is o3
    assert edges.get_array().tolist() == [0.2, -0.8]
    assert d.bias_texts[1][0].get_text() == "b₃ = 0.4"
    assert d.node_texts[0][0].get_text() == "o₁ = 0.5"
    d.update(net2)  # without trace and gradients: no values written
    assert not d.node_texts[1][0].get_visible() and not d.delta_texts[0][0].get_visible()
    grads2 = bl.backward(net2, trace2, [0.7])
    d.update(net2, trace2, grads2, show="gradients")
    assert d.colorbar.ax.get_xlabel() == r"gradient $\partial E/\partial w_{j,i}$"
    assert d.edges is edges
    np.testing.assert_array_equal(edges.get_array(), [grads2.weights[0][0, 0], grads2.weights[1][0, 0]])
    assert d.delta_texts[1][0].get_text() == "δ₃ = −0.0525"  # δ3 = −0.0524705


def test_diagram_two_layer_network_orders_edges_row_by_row():
    net, trace, grads = example(TWO)
    d = plots.draw_network(net, trace, grads, show="gradients")
    np.testing.assert_array_equal(d.edges.get_array(), np.concatenate([g.ravel() for g in grads.weights]))
    assert texts(d.number_texts) == [["1", "2"], ["3", "4"], ["5", "6"]]
    assert d.node_texts[2][1].get_text() == f"net₆ = {trace.nets[1][1]:.3g}\no₆ = {trace.output[1]:.3g}"
    # weight layer 1 runs from column 1 to column 2: w_{5,3}, w_{5,4}, w_{6,3}, w_{6,4}
    segments = d.edges.get_segments()
    assert [tuple(s[:, 0]) for s in segments[4:]] == [(1, 2)] * 4
    assert d.edge_texts == []  # crossing lines: values are not written on them


def test_diagram_highlight_emphasises_one_weight_layer():
    net, trace, grads = example(TWO)
    d = plots.draw_network(net, trace, grads)
    assert not d.band.get_visible()
    plain = d.edges.get_linewidths().copy()
    d.update(net, trace, grads, highlight=1)
    assert d.band.get_visible()
    widths = d.edges.get_linewidths()
    assert np.all(widths[4:] > plain[4:]) and np.allclose(widths[:4], plain[:4])
    np.testing.assert_array_equal(np.asarray(d.neurons.get_linewidths()) > 2, [False] * 4 + [True] * 2)
    d.update(net, trace, grads)
    assert not d.band.get_visible()
    message = "highlight must be a weight layer from 0 to 1 or None, got 2"
    with pytest.raises(ValueError, match=re.escape(message)):
        d.update(net, highlight=2)


def test_diagram_without_gradients_in_gradient_mode_hides_the_colours():
    net, trace, _ = example(TWO)
    d = plots.draw_network(net, trace, None, show="gradients")
    assert not d.edges.get_visible()
    assert d.underlay.get_visible()
    # the grey underlay draws every edge where the coloured one would be: weight layer 0, then 1
    np.testing.assert_array_equal(np.array(d.underlay.get_segments()), np.array(d.edges.get_segments()))
    assert [tuple(s[:, 0]) for s in d.underlay.get_segments()] == [(0, 1)] * 4 + [(1, 2)] * 4
    np.testing.assert_array_equal(d.neurons.get_facecolors(), np.ones((6, 4)))  # white: nothing to show
    assert d.node_texts[2][1].get_text() == f"net₆ = {trace.nets[1][1]:.3g}\no₆ = {trace.output[1]:.3g}"
    assert not any(t.get_visible() for row in d.delta_texts for t in row)


def test_diagram_batch_trace_writes_the_first_sample_and_no_batch_delta():
    net = bl.Network.from_weights(SEED3["weights"], SEED3["biases"])
    X, T = [[0.2], [0.9]], [[0.7], [0.1]]
    trace = bl.forward(net, X)
    grads = bl.backward(net, trace, T)
    d = plots.draw_network(net, trace, grads, show="gradients")
    assert d.node_texts[0][0].get_text() == "o₁ = 0.2"
    assert not d.delta_texts[0][0].get_visible()
    np.testing.assert_allclose(d.edges.get_array(), [grads.weights[0][0, 0], grads.weights[1][0, 0]])


def test_diagram_rebuilds_for_other_sizes_and_copes_with_a_deep_wide_network():
    net, trace, grads = example(SEED3)
    d = plots.draw_network(net, trace, grads)
    deep = bl.Network([2] + [8] * 6 + [1], seed=0)
    d.update(deep)
    assert len(d.edges.get_segments()) == sum(w.size for w in deep.weights) == 2 * 8 + 5 * 64 + 8
    np.testing.assert_array_equal(d.edges.get_array(), np.concatenate([w.ravel() for w in deep.weights]))
    assert texts(d.number_texts)[-1] == ["51"]
    assert not any(t.get_visible() for row in d.node_texts for t in row)  # too crowded for values
    d.update(net, trace, grads)
    assert texts(d.number_texts) == [["1"], ["2"], ["3"]]


def test_diagram_rejects_bad_arguments():
    net, trace, grads = example(SEED3)
    with pytest.raises(ValueError, match=re.escape("show must be 'weights' or 'gradients', got 'deltas'")):
        plots.draw_network(net, show="deltas")
    _, trace2, _ = example(TWO)
    with pytest.raises(ValueError, match=re.escape("trace does not fit a network of sizes (1, 1, 1)")):
        plots.draw_network(net, trace2)
    _, _, grads2 = example(TWO)
    with pytest.raises(ValueError, match=re.escape("grads do not fit a network of sizes (1, 1, 1)")):
        plots.draw_network(net, trace, grads2, show="gradients")


# --- loss curves ---------------------------------------------------------------------------


def test_loss_curve_holds_the_losses_and_updates_in_place():
    c = plots.plot_loss_curve([])
    line = c.line
    losses = [0.5, 0.3, 0.2, 0.15]
    c.update(losses)
    assert c.line is line
    assert line.get_ydata().tolist() == losses
    assert line.get_xdata().tolist() == [1, 2, 3, 4]  # epochs count from 1
    assert c.ax.get_yscale() == "log" and c.ax.get_xlabel() == "epoch" and c.ax.get_ylabel() == "loss E"
    assert c.ax.get_ylim()[0] <= 0.15 and c.ax.get_ylim()[1] >= 0.5  # autoscaled to the data
    assert not c.message.get_visible()


def test_loss_curve_stops_before_nan_and_shows_the_message():
    c = plots.plot_loss_curve([1.0, 2.0])
    c.update([1.0, 10.0, 1e200, np.inf, np.nan], message="training diverged in epoch 4")
    assert c.line.get_ydata().tolist() == [1.0, 10.0, 1e200]
    assert c.message.get_visible()
    assert c.message.get_text().replace("\n", " ") == "training diverged in epoch 4"
    c.fig.canvas.draw()  # huge losses still give drawable log ticks
    c.update([1.0, 0.5])
    assert not c.message.get_visible()
    exploding = plots.plot_loss_curve([0.5, 1e150, 1e300])  # finite but huge: still drawable
    exploding.fig.canvas.draw()
    assert exploding.ax.get_ylim()[1] <= 1e201


def test_loss_curves_on_shared_axes_fit_every_panel():
    fig, axes = plt.subplots(1, 2, sharey=True)
    left, right = plots.plot_loss_curve([], ax=axes[0]), plots.plot_loss_curve([], ax=axes[1])
    left.update([10.0, 5.0])
    right.update([0.01, 0.001])
    lo, hi = axes[0].get_ylim()
    assert lo < 0.001 and hi > 10.0


def test_loss_curves_draws_one_line_per_run_with_a_legend():
    runs = {"sgd": [0.5, 0.4], "adam": [0.5, 0.2, 0.1]}
    c = plots.plot_loss_curves({name: [] for name in runs}, log=False)
    lines = dict(c.lines)
    c.update(runs)
    assert c.lines == lines
    assert {name: line.get_ydata().tolist() for name, line in c.lines.items()} == runs
    assert [t.get_text() for t in c.legend.get_texts()] == ["sgd", "adam"]


def test_history_plots_directly():
    history = bl.train(bl.Network([2, 2, 1], seed=1), *bl.datasets.xor(), lr=5.0, epochs=50)
    c = plots.plot_loss_curve(history.losses, label="η = 5")
    np.testing.assert_array_equal(c.line.get_ydata(), history.losses)


# --- the loss against one weight ---------------------------------------------------------


def loss_at(net, x, target, layer, j, i, value):
    other = net.copy()
    if i is None:
        other.biases[layer][j] = value
    else:
        other.weights[layer][j, i] = value
    return bl.loss(bl.forward(other, x).output, target)


def test_loss_vs_weight_tangent_has_the_backprop_slope():
    net, trace, grads = example(SEED3)
    p = plots.plot_loss_vs_weight(net, SEED3["x"], SEED3["T"], 1, 0, 0, span=2.0)
    (x0, x1), (y0, y1) = p.tangent.get_xdata(), p.tangent.get_ydata()
    assert (y1 - y0) / (x1 - x0) == pytest.approx(grads.weights[1][0, 0], rel=1e-9)
    assert p.slope == pytest.approx(-0.0177837, abs=1e-7)
    assert p.marker.get_xdata().tolist() == [0.3]
    assert p.marker.get_ydata()[0] == pytest.approx(grads.loss)
    assert "w_{3,2}" in p.ax.get_xlabel() and "w_{3,2}" in p.ax.get_title()
    assert "−0.0178" in p.legend.get_texts()[1].get_text()
    ws, E = p.curve.get_xdata(), p.curve.get_ydata()
    assert ws[0] == pytest.approx(-1.7) and ws[-1] == pytest.approx(2.3)
    for k in (0, 37, len(ws) - 1):  # the vectorised curve agrees with forward on a changed copy
        assert E[k] == pytest.approx(loss_at(net, SEED3["x"], SEED3["T"], 1, 0, 0, ws[k]), rel=1e-12)


def test_loss_vs_weight_updates_in_place():
    net, _, _ = example(SEED3)
    p = plots.plot_loss_vs_weight(net, SEED3["x"], SEED3["T"], 0, 0, 0)
    curve, marker, tangent = p.curve, p.marker, p.tangent
    net2 = bl.Network.from_weights([[[0.9]], [[0.3]]], [[0.1], [0.1]])
    p.update(net2, [0.5], [0.2])
    assert (p.curve, p.marker, p.tangent) == (curve, marker, tangent)
    assert marker.get_xdata().tolist() == [0.9]
    expected = bl.backward(net2, bl.forward(net2, [0.5]), [0.2]).weights[0][0, 0]
    assert p.slope == pytest.approx(expected)
    assert p.ax.get_xlim() == pytest.approx((-0.1, 1.9))


def test_loss_vs_bias_and_batches():
    net, trace, grads = example(TWO)
    p = plots.plot_loss_vs_weight(net, TWO["x"], TWO["T"], 0, 1, "b")
    assert p.slope == pytest.approx(grads.biases[0][1])
    assert "b_{4}" in p.ax.get_xlabel()
    X, T = [[0.05, 0.1], [0.9, -0.3]], [[0.01, 0.99], [0.5, 0.5]]
    q = plots.plot_loss_vs_weight(net, X, T, 1, 1, 0, loss="mse", span=0.5)
    ws, E = q.curve.get_xdata(), q.curve.get_ydata()
    for k in (0, 60, len(ws) - 1):
        other = net.copy()
        other.weights[1][1, 0] = ws[k]
        assert E[k] == pytest.approx(bl.loss(bl.forward(other, X).output, T, "mse"), rel=1e-12)
    assert q.slope == pytest.approx(bl.backward(net, bl.forward(net, X), T, "mse").weights[1][1, 0])


def test_loss_vs_weight_rejects_a_weight_that_does_not_exist():
    net, _, _ = example(SEED3)
    with pytest.raises(ValueError, match=re.escape("layer must be a weight layer from 0 to 1, got 2")):
        plots.plot_loss_vs_weight(net, [0.2], [0.7], 2, 0, 0)
    message = "i must be an input from 0 to 0 (or 'b' for the bias), got 1"
    with pytest.raises(ValueError, match=re.escape(message)):
        plots.plot_loss_vs_weight(net, [0.2], [0.7], 0, 0, 1)


# --- decision boundary ---------------------------------------------------------------------


def test_decision_boundary_image_is_the_output_on_the_grid():
    X, Y = bl.datasets.xor()
    net = bl.Network([2, 3, 1], seed=0)
    b = plots.plot_decision_boundary(net, X, Y, resolution=30)
    image = b.image
    expected = bl.forward(net, b.grid).output[:, 0].reshape(30, 30)
    np.testing.assert_allclose(image.get_array(), expected, rtol=1e-12)
    # the samples by class: T = 0 at (0, 0) and (1, 1), T = 1 at (0, 1) and (1, 0)
    np.testing.assert_array_equal(b.points[0].get_offsets(), [[0, 0], [1, 1]])
    np.testing.assert_array_equal(b.points[1].get_offsets(), [[0, 1], [1, 0]])
    assert b.points[0].get_paths()[0] != b.points[1].get_paths()[0]  # circles and triangles
    trained = bl.train(net, X, Y, lr=5.0, epochs=500).network
    b.update(trained)
    assert b.image is image
    np.testing.assert_allclose(image.get_array(), bl.forward(trained, b.grid).output[:, 0].reshape(30, 30))


def test_decision_boundary_new_points_and_contour():
    X, Y = bl.datasets.circles(60, seed=1)
    net = bl.Network([2, 6, 1], activation=["tanh", "sigmoid"], seed=0)
    net = bl.train(net, X, Y, lr=2.0, epochs=300).network
    b = plots.plot_decision_boundary(net, *bl.datasets.xor(), resolution=40)
    b.set_points(X, Y)
    b.update(net)
    for k, points in enumerate(b.points):  # the new samples, split by class
        np.testing.assert_array_equal(points.get_offsets(), X[Y[:, 0] == k])
    assert sum(len(p.get_offsets()) for p in b.points) == 60
    lo, hi = b.grid.min(axis=0), b.grid.max(axis=0)
    assert np.all(lo < X.min(axis=0)) and np.all(hi > X.max(axis=0))
    assert list(b.contour.levels) == [0.5]
    # the line is where the network's output is 0.5 (up to the grid's linear interpolation)
    vertices = np.concatenate([p.vertices for p in b.contour.get_paths() if len(p.vertices)])
    assert len(vertices) > 10
    np.testing.assert_allclose(bl.forward(net, vertices).output[:, 0], 0.5, atol=0.01)
    flat = bl.Network.from_weights([[[0.0, 0.0]]], [[3.0]])  # output > 0.5 everywhere: no 0.5 line
    b.update(flat)
    assert b.contour is None
    with pytest.raises(ValueError, match=re.escape(
            "the decision boundary needs a network with 2 inputs, got sizes (3, 1)")):
        b.update(bl.Network([3, 1], seed=0))


# --- gradient norms ----------------------------------------------------------------------


def test_grad_norms_bars_have_the_norms_as_heights():
    net, trace, grads = example(TWO)
    g = plots.plot_grad_norms(grads.norms())
    bars = list(g.bars.patches)
    assert [b.get_height() for b in bars] == grads.norms().tolist()
    assert g.ax.get_yscale() == "log"
    assert [t.get_text() for t in g.ax.get_xticklabels()] == ["layer 1", "layer 2"]
    g.update([0.5, 2e-5])
    assert list(g.bars.patches) == bars and [b.get_height() for b in bars] == [0.5, 2e-5]
    lo, hi = g.ax.get_ylim()
    assert lo < 2e-5 and hi > 0.5
    g.update([1.0, 0.1, 0.01])  # another depth: the bars are rebuilt
    assert [b.get_height() for b in g.bars.patches] == [1.0, 0.1, 0.01]


# --- style: readable, and no global changes ---------------------------------------------------


def draw_everything():
    net, trace, grads = example(TWO)
    handles = [
        plots.draw_network(net, trace, grads, show="gradients", highlight=0),
        plots.plot_loss_curve([0.3, 0.2]).update([0.3, 0.2], message="diverged"),
        plots.plot_loss_curves({"a": [0.3, 0.2], "b": [0.4]}),
        plots.plot_loss_vs_weight(net, TWO["x"], TWO["T"], 1, 0, 1),
        plots.plot_decision_boundary(bl.Network([2, 2, 1], seed=0), *bl.datasets.xor()),
        plots.plot_grad_norms(grads.norms()),
        plots.plot_gradient_cost(bl.cost.cost_sweep([(1, 1, 1), (1, 2, 1)], [[0.5]], [[0.2]])),
        plots.plot_matrix_product([[1.0, -2.0]], [[0.5], [0.25]], [[0.0]]),
    ]
    return handles


def test_gradient_cost_figure_holds_the_counts():
    X, Y = bl.datasets.moons(20, seed=0)
    sweep = bl.cost.cost_sweep([(2, n, n, 1) for n in (2, 4, 8)], X, Y)
    figure = plots.plot_gradient_cost(sweep)
    lines = figure.lines
    assert lines["fd"].get_xdata().tolist() == [15, 37, 105]
    assert lines["fd"].get_ydata().tolist() == [6000, 41440, 369600]
    assert lines["bp"].get_ydata().tolist() == [520, 1520, 4960]
    np.testing.assert_allclose(lines["ratio"].get_ydata(), sweep.column("ratio"))
    np.testing.assert_allclose(lines["guide"].get_ydata(), [10, 37 * 2 / 3, 70])
    assert len(lines["time"].get_xdata()) == 0  # not timed: no measured points, and no legend entry for them
    legend = [t.get_text() for t in figure.axes[1].get_legend().get_texts()]
    assert legend == ["counted: multiply-adds", "2P/3"]
    assert [ax.get_xscale() for ax in figure.axes] == ["log", "log"]
    timed = bl.cost.cost_sweep([(2, 2, 1), (2, 3, 1)], X, Y, timed=True, repeat=1)
    figure.update(timed)
    assert len(lines["time"].get_xdata()) == 2 and np.all(lines["time"].get_ydata() > 0)
    assert "measured: time" in [t.get_text() for t in figure.axes[1].get_legend().get_texts()]


def test_matrix_product_writes_every_number_and_frames_one_entry():
    net = bl.Network([2, 3, 1], seed=0)
    X, Y = bl.datasets.xor()
    trace = bl.forward(net, X)
    grads = bl.backward(net, trace, Y)
    product = plots.plot_matrix_product(grads.deltas[0].T, X, grads.weights[0], highlight=(1, 0))
    left, right, result = product.texts
    assert (left.shape, right.shape, result.shape) == ((3, 4), (4, 2), (3, 2))
    assert result[1, 0].get_text() == "−0.00076" and right[2, 0].get_text() == "1"
    row, column, entry = product.outlines
    assert (row.get_width(), row.get_height()) == (4.0, 1.0)  # the row of Δᵀ: 4 cells of 1 inch
    assert (column.get_width(), column.get_height()) == (1.0, 4.0)
    x, y = result[1, 0].get_position()
    assert entry.get_width() == 1.0 and (entry.get_x(), entry.get_y()) == (x - 0.5, y - 0.5)
    shown = {t.get_text() for t in visible_texts(product.fig)}
    assert {"Δᵀ", "O", "∂E/∂W", "(3 × 4)", "(4 × 2)", "(3 × 2)", "·", "="} <= shown
    with pytest.raises(ValueError, match=re.escape("the shapes do not make a product: (3, 4) · (2, 2)")):
        plots.plot_matrix_product(np.ones((3, 4)), np.ones((2, 2)), np.ones((3, 2)))
    with pytest.raises(ValueError, match=re.escape("highlight must be an entry of the 3 × 2 result, got")):
        plots.plot_matrix_product(np.ones((3, 4)), np.ones((4, 2)), np.ones((3, 2)), highlight=(3, 0))
    with pytest.raises(ValueError, match="names must be three strings"):
        plots.plot_matrix_product(np.ones((1, 1)), np.ones((1, 1)), np.ones((1, 1)), names=("A", "B"))


def test_every_text_is_at_least_11_points():
    for handle in draw_everything():
        sizes = {t.get_text(): t.get_fontsize() for t in visible_texts(handle.fig)}
        assert sizes and min(sizes.values()) >= 11, sizes


def test_no_rcparams_change_and_given_axes_are_used():
    before = dict(matplotlib.rcParams)
    draw_everything()
    assert dict(matplotlib.rcParams) == before
    fig, axes = plt.subplots(1, 2)
    net, trace, grads = example(SEED3)
    d = plots.draw_network(net, trace, grads, ax=axes[0])
    c = plots.plot_loss_curve([1.0], ax=axes[1])
    assert d.ax is axes[0] and d.fig is fig and c.ax is axes[1] and c.fig is fig
