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
    assert "diverged" in large.message.get_text()
    assert small.message.get_text() == "" and medium.message.get_text() == ""
    assert np.all(np.isfinite(large.line.get_ydata()))
    assert "diverged" in e.numbers.value
    e.controls["lr2"].value = 1.5
    assert large.message.get_text() == ""


def test_depth_explorer_shows_vanishing_sigmoid_gradients():
    e = tw.depth_explorer()
    e.controls["depth"].value = 10
    heights = [bar.get_height() for bar in e.handles["bars"].bars.patches]
    assert len(heights) == 11 and heights[0] < 1e-3 * heights[-1]
    e.set_values(clip="by value", c=0.01)
    # every entry is clipped to ±c, so a layer of at most 8 × 8 entries has norm at most 8c
    assert max(bar.get_height() for bar in e.handles["bars"].bars.patches) <= 0.01 * 8 + 1e-12


def test_playground_exports_and_loads_json():
    e = tw.playground()
    e.step_button.click()
    e.export_button.click()
    exported = bl.Network.from_dict(json.loads(e.json_box.value))
    assert exported.sizes == (2, 4, 1)
    e.json_box.value = "{not json"
    e.load_button.click()
    assert "could not load" in e.error.value
    e.json_box.value = json.dumps(bl.Network([2, 3, 3, 1], seed=5).to_dict())
    e.load_button.click()
    assert "<td>0</td>" in e.numbers.value and e.error.value == ""  # a fresh run with the loaded network
    assert len(e.handles["diagram"].number_texts) == 4  # four layers drawn
    e.controls["data"].value = "spiral"
    assert e.error.value == ""


def test_optimizer_explorer_compares_three_runs():
    e = tw.optimizer_explorer()
    lines = e.handles["curves"].lines
    assert set(lines) == {"sgd", "momentum", "adam"}
    assert all(len(line.get_ydata()) == 300 for line in lines.values())
    for name in ("sgd", "momentum", "adam"):
        assert f"<td>{name}</td>" in e.numbers.value


def test_presentation_mode_enlarges_new_explorers():
    normal = w.worked_example_explorer()
    try:
        assert bl.presentation(True) == 1.6
        big = w.worked_example_explorer()
    finally:
        bl.presentation(False)
    assert big.fig.dpi == 160 and normal.fig.dpi == 100
    assert "font-size: 24px" in big.numbers.value and "font-size: 15px" in normal.numbers.value
    with pytest.raises(ValueError, match="scale"):
        bl.presentation(True, scale=10)
