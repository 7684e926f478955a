"""Explorers, driven headless: set controls, press buttons, read the numbers and the artists."""

import json

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import backprop_lab as bl  # noqa: E402
from backprop_lab import explorers as tw  # noqa: E402
from backprop_lab import explorers as w  # noqa: E402
from backprop_lab._format import fmt  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_single_neuron_shows_the_three_factors():
    e = w.single_neuron_explorer()
    assert "-0.110351" in e.numbers.value and "0.221713" in e.numbers.value  # ∂E/∂w and σ'(z)
    assert e.handles["curve"].slope == pytest.approx(-0.110351, abs=5e-7)
    e.controls["x"].value = 0.0  # ∂z/∂w = x = 0: no gradient for w
    assert e.handles["curve"].slope == 0.0
    assert e.error.value == ""


def test_worked_example_numbers_and_artists_follow_the_sliders():
    e = w.worked_example_explorer()
    for shown in ("0.14", "0.534943", "-0.0332441", "-0.00248113", "-0.0177837", "0.301778", "0.00900342"):
        assert shown in e.numbers.value
    diagram, curve = e.handles["diagram"], e.handles["curve"]
    edges_before = diagram.edges
    np.testing.assert_allclose(diagram.edges.get_array(), [-0.000496227, -0.0177837], atol=5e-8)
    assert curve.slope == pytest.approx(-0.0177837, abs=5e-8)

    e.controls["w32"].value = 0.0  # neuron 2 no longer reaches the error
    assert diagram.edges is edges_before  # updated in place, not rebuilt
    assert diagram.edges.get_array()[0] == 0.0
    x, y = curve.marker.get_data()
    assert float(np.ravel(x)[0]) == 0.0

    e.controls["T"].value = 0.3  # target below the output: δ3 turns positive
    grads = bl.backward(*_seed3(w32=0.0), [0.3])
    assert grads.deltas[1][0] > 0 and bl._format.fmt(grads.deltas[1][0]) in e.numbers.value


def _seed3(w32=0.3):
    net = bl.Network.from_weights([[[0.2]], [[w32]]], [[0.1], [0.1]])
    return net, bl.forward(net, [0.2])


def test_reset_restores_every_control():
    e = w.worked_example_explorer()
    before = e.numbers.value
    e.set_values(w21=1.5, lr=1.0, o1=-1.0)
    assert e.numbers.value != before
    e.reset_button.click()
    assert e.values()["w21"] == 0.2 and e.numbers.value == before


def test_an_error_in_a_callback_is_shown_and_the_widget_recovers():
    e = w.worked_example_explorer()
    refresh = e._refresh
    e._refresh = lambda v: 1 / 0
    e.controls["w21"].value = 0.5
    assert "ZeroDivisionError" in e.error.value
    e._refresh = refresh
    e.controls["w21"].value = 0.4
    assert e.error.value == "" and "0.4" in e.numbers.value


def test_multilayer_steps_forward_backward_and_updates():
    e = w.multilayer_explorer()
    assert "0.0105673" in e.numbers.value  # δ3, everything shown at the start
    e.buttons["forward"].click()
    assert "neurons 3, 4" in e.numbers.value and "0.0105673" not in e.numbers.value
    assert e.handles["diagram"].band.get_visible()
    e.buttons["backward"].click()  # not yet: the forward pass is unfinished
    assert "Finish the forward pass" in e.numbers.value
    e.buttons["forward"].click()
    e.buttons["backward"].click()
    assert "0.091551" in e.numbers.value and "0.0105673" not in e.numbers.value  # δ5 known, δ3 not yet
    e.buttons["backward"].click()
    assert "0.0105673" in e.numbers.value
    e.buttons["update"].click()
    # w53 ← 0.6 − 0.5 · δ5 o3
    assert e.controls["w53"].value == pytest.approx(0.6 - 0.5 * 0.052143, abs=1e-6)
    assert "E went from 0.10328 to 0.093096." in e.numbers.value


def test_training_explorer_steps_and_resets():
    e = tw.training_explorer(epochs_per_tick=20)
    e.step_button.click()
    e.step_button.click()
    line = e.handles["curve"].line
    assert len(line.get_ydata()) == 40
    assert "<td>40</td>" in e.numbers.value
    e.play.value += 1  # one tick of the play button
    assert len(line.get_ydata()) == 60
    e.reset_button.click()
    assert len(line.get_ydata()) == 0 and "<td>0</td>" in e.numbers.value
    X, Y = bl.datasets.xor()
    history = bl.train(bl.Network([2, 2, 1], seed=1), X, Y, lr=2.0, epochs=40)
    e.step_button.click()
    e.step_button.click()
    np.testing.assert_allclose(line.get_ydata(), history.losses)


def test_learning_rate_explorer_reports_divergence():
    e = tw.learning_rate_explorer()
    small, medium, large = e.handles["curves"]
    X, Y = bl.datasets.line()
    start = bl.Network.from_weights([[[0.0]]], [[0.0]], activation="linear")
    runs = {lr: bl.Trainer(start, X, Y, lr=lr).run(60) for lr in (0.05, 0.8, 2.5, 1.5)}
    for curve, lr in zip((small, medium), (0.05, 0.8)):
        np.testing.assert_allclose(curve.line.get_ydata(), runs[lr].losses, rtol=1e-12)
        assert f"<td>η = {fmt(lr)}</td><td>{fmt(runs[lr].losses[-1])}</td>" in e.numbers.value
    assert fmt(runs[0.05].losses[-1]) == "0.0851881" and fmt(runs[0.8].losses[-1]) == "0.00334913"
    assert large.message.get_text() == "diverged in epoch 25"
    assert small.message.get_text() == "" and medium.message.get_text() == ""
    # the finite losses before the run blew up: 24 epochs, rising
    np.testing.assert_allclose(large.line.get_ydata(), runs[2.5].losses, rtol=1e-12)
    assert len(large.line.get_ydata()) == 24 and large.line.get_ydata()[-1] > large.line.get_ydata()[0]
    assert "<td>η = 2.5</td><td>diverged</td>" in e.numbers.value
    e.controls["lr2"].value = 1.5
    assert large.message.get_text() == ""
    np.testing.assert_allclose(large.line.get_ydata(), runs[1.5].losses, rtol=1e-12)
    assert f"<td>η = 1.5</td><td>{fmt(runs[1.5].losses[-1])}</td>" in e.numbers.value


def test_depth_explorer_shows_vanishing_sigmoid_gradients():
    e = tw.depth_explorer()
    e.controls["depth"].value = 10
    X, Y = bl.datasets.circles(100, noise=0.1, seed=0)
    net = bl.Network([2] + [8] * 10 + [1], activation="sigmoid", seed=0)
    grads = bl.backward(net, bl.forward(net, X), Y)
    heights = [bar.get_height() for bar in e.handles["bars"].bars.patches]
    np.testing.assert_allclose(heights, grads.norms(), rtol=1e-12)  # the bars are the engine's norms
    assert len(heights) == 11 and heights[0] < 1e-3 * heights[-1]
    assert "<td>layer 11</td><td>0.0520756</td><td>0.0116464</td>" in e.numbers.value  # ‖∂E/∂W‖, ‖δ‖
    assert "first / last layer: ‖∂E/∂W‖ 9.96e-09, ‖δ‖ 9.12e-08" in e.numbers.value
    e.set_values(clip="by value", c=0.01)
    heights = [bar.get_height() for bar in e.handles["bars"].bars.patches]
    np.testing.assert_allclose(heights, grads.clipped("value", 0.01).norms(), rtol=1e-12)
    # every entry is clipped to ±c, so a layer of at most 8 × 8 entries has norm at most 8c;
    # the output layer's 8 entries all reach c: √8 · c
    assert max(heights) <= 0.01 * 8 + 1e-12
    assert heights[-1] == pytest.approx(np.sqrt(8) * 0.01, rel=1e-12)


def test_the_depth_tables_keep_their_height_when_layers_come_and_go():
    # One row per layer, then the note, then blank rows up to 11 layers: a depth slider changes no
    # height, so the notebook below the explorer stays put (moving it costs a repaint of the page).
    for make in (tw.depth_explorer, tw.batch_norm_explorer):
        e = make()
        shapes = set()
        for depth in (1, 4, 10):
            e.controls["depth"].value = depth
            html = e.numbers.value
            assert html.count("<tr") == 1 + 11 + 1 and html.count("class='bl-blank'") == 10 - depth
            assert f"<td>layer {depth + 1}</td>" in html and f"<td>layer {depth + 2}</td>" not in html
            shapes.add(html.count("<tr"))
        assert len(shapes) == 1 and "class='bl-note' colspan=" in html
        plt.close(e.fig)


def test_depth_explorer_shows_exploding_relu_gradients_with_cross_entropy():
    """Notebook 06, section 4: weights × s multiply the first / last δ ratio by about s⁵ over five
    ReLU layers -- visible with cross-entropy; with ½ squared error the saturated output stops everything."""
    e = tw.depth_explorer()
    X, Y = bl.datasets.circles(100, noise=0.1, seed=0)
    net = bl.Network([2] + [8] * 5 + [1], activation=["relu"] * 5 + ["sigmoid"], seed=0)
    ratios = {}
    for s in (1.0, 2.0):
        e.set_values(activation="relu", depth=5, scale=s, loss="cross_entropy")
        grads = bl.backward(net.scaled(s), bl.forward(net.scaled(s), X), Y, loss="cross_entropy")
        heights = [bar.get_height() for bar in e.handles["bars"].bars.patches]
        np.testing.assert_allclose(heights, grads.norms(), rtol=1e-12)
        d = grads.delta_norms()
        ratios[s] = d[0] / d[-1]
        assert f"‖δ‖ {fmt(ratios[s], 3)}" in e.numbers.value
    assert fmt(ratios[1.0], 3) == "3.07" and fmt(ratios[2.0], 3) == "97.9"
    assert ratios[2.0] / ratios[1.0] == pytest.approx(2**5, rel=0.01)
    e.set_values(scale=3.0, loss="half_sse")  # the output saturates: f'(net) is 0 in floating point
    assert [bar.get_height() for bar in e.handles["bars"].bars.patches] == [0.0] * 6
    assert "‖∂E/∂W‖ undefined (the last layer's is exactly 0)" in e.numbers.value
    assert e.error.value == ""


def test_playground_exports_and_loads_json():
    e = tw.playground()
    e.step_button.click()
    e.export_button.click()
    exported = bl.session.loads(e.json_box.value)["network"]
    X, Y = bl.datasets.circles(200, 0.1, 0)
    trained = bl.Trainer(bl.Network([2, 4, 1], activation=["tanh", "sigmoid"], seed=0), X, Y, lr=0.5, seed=0)
    trained.run(10)  # one Step: 10 epochs
    assert exported.sizes == (2, 4, 1) and exported == trained.network
    assert "<td>epoch</td><td>10</td>" in e.numbers.value
    now = bl.loss(bl.forward(trained.network, X), Y)  # the loss of the network as it stands now
    assert f"<td>loss E</td><td>{fmt(now)}</td>" in e.numbers.value and fmt(now) == "0.128913"
    # The curve: E after epochs 1 … 10, the last point being the loss of the network now (the table's).
    np.testing.assert_allclose(e.handles["curve"].lines["training"].get_ydata(), trained.losses[1:] + [now],
                               rtol=1e-12)
    e.json_box.value = "{not json"
    e.load_button.click()
    assert e.error.value.startswith("⚠ could not load the JSON: Expecting property name")
    loaded = bl.Network([2, 3, 3, 1], seed=5)
    e.json_box.value = json.dumps(loaded.to_dict())
    e.load_button.click()
    assert e.error.value == ""
    assert {k: e.values()[k] for k in ("layers", "width", "activation")} == dict(
        layers=2, width=3, activation="sigmoid")
    grads = bl.backward(loaded, bl.forward(loaded, X), Y)  # a fresh run with the loaded network
    assert "<td>epoch</td><td>0</td>" in e.numbers.value
    assert f"<td>loss E</td><td>{fmt(grads.loss)}</td>" in e.numbers.value
    assert "Training the network loaded from JSON (2-3-3-1 sigmoid).</div>" in e.numbers.value
    diagram = e.handles["diagram"]
    assert [[t.get_text() for t in layer] for layer in diagram.number_texts] == [
        ["1", "2"], ["3", "4", "5"], ["6", "7", "8"], ["9"]]  # four layers drawn
    np.testing.assert_allclose(diagram.edges.get_array(), np.concatenate([g.ravel() for g in grads.weights]),
                               rtol=1e-12)
    e.controls["data"].value = "spiral"
    assert e.error.value == "" and "<td>epoch</td><td>0</td>" in e.numbers.value
    assert ("The network loaded from JSON (2-3-3-1 sigmoid) was replaced by fresh weights for the new"
            " settings") in e.numbers.value


def test_optimizer_explorer_compares_three_runs():
    e = tw.optimizer_explorer()
    lines = e.handles["curves"].lines
    assert set(lines) == {"sgd", "momentum", "adam"}
    X, Y = bl.datasets.moons(100, noise=0.15, seed=3)
    start = bl.Network([2, 6, 1], activation=["tanh", "sigmoid"], seed=3)
    final = {}
    for name, lr in (("sgd", 1.0), ("momentum", 0.3), ("adam", 0.03)):
        history = bl.Trainer(start, X, Y, lr=lr, optimizer=name).run(300)
        np.testing.assert_allclose(lines[name].get_ydata(), history.losses, rtol=1e-12)
        accuracy = f"{bl.accuracy(history.network, X, Y):.0%}"
        reached = {"sgd": "not reached", "momentum": "not reached", "adam": "172"}[name]
        assert (f"<td>{name}</td><td>{fmt(history.losses[-1])}</td><td>{accuracy}</td><td>{reached}</td>"
                in e.numbers.value)
        final[name] = history.losses[-1]
    assert {line.get_ydata()[0] for line in lines.values()} == {lines["sgd"].get_ydata()[0]}  # one start
    assert final["adam"] < final["momentum"] < final["sgd"]  # with these η, on these moons
    e.controls["adam"].value = 0.1
    history = bl.Trainer(start, X, Y, lr=0.1, optimizer="adam").run(300)
    np.testing.assert_allclose(lines["adam"].get_ydata(), history.losses, rtol=1e-12)
    assert "<td>adam</td>" in e.numbers.value and "<td>100%</td><td>69</td>" in e.numbers.value
    e.controls["momentum"].value = 1.0  # notebook 09's "Try": momentum at SGD's η beats Adam at 0.03
    assert "<td>momentum</td><td>0.00103854</td><td>100%</td><td>109</td>" in e.numbers.value


def test_presentation_mode_enlarges_new_explorers():
    normal = w.worked_example_explorer()
    try:
        assert bl.presentation(True) == 1.6
        big = w.worked_example_explorer()
    finally:
        bl.presentation(False)
    assert big.fig.dpi == 160 and normal.fig.dpi == 100
    assert "font-size: 24px" in big.css.value and "font-size: 15px" in normal.css.value
    with pytest.raises(ValueError, match="^scale must be a number from 1 to 3, got 10$"):
        bl.presentation(True, scale=10)
