"""What an explorer shows is what it holds: a loaded network stays loaded, an update reports what is shown.

Two bugs found by reading the explorers as a new maintainer (both failed before their fix):
the playground's "Load from JSON" left the controls describing another network, whose next
change silently threw the loaded one away; and the 2-2-2 explorer's Update reported E of an
unclamped step while its sliders (and tables) showed the clamped one.
"""

import json
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import backprop_lab as bl  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _load(explorer, net):
    explorer.json_box.value = json.dumps(net.to_dict())
    explorer.load_button.click()


def test_playground_load_sets_the_controls_and_keeps_the_network():
    e = bl.explorers.playground()
    loaded = bl.Network([2, 3, 3, 1], activation="sigmoid", seed=7)
    _load(e, loaded)
    assert e.error.value == ""
    values = e.values()
    assert (values["layers"], values["width"], values["activation"]) == (2, 3, "sigmoid")
    assert "loaded from JSON (2-3-3-1 sigmoid)" in e.numbers.value
    e.step_button.click()  # train 10 epochs from the loaded network
    e.controls["lr"].value = 1.5  # a new η carries on with the same network
    e.step_button.click()
    e.export_button.click()
    now = bl.session.loads(e.json_box.value)["network"]
    assert now.sizes == (2, 3, 3, 1) and now.activations == loaded.activations
    assert not np.array_equal(now.weights[0], loaded.weights[0])  # trained on, not replaced by fresh weights
    assert re.search(r"<td>epoch</td><td>20</td>", e.numbers.value)


def test_a_change_that_replaces_the_loaded_network_says_so():
    e = bl.explorers.playground()
    _load(e, bl.Network([2, 3, 3, 1], activation="sigmoid", seed=7))
    e.controls["width"].value = 5
    assert "The network loaded from JSON (2-3-3-1 sigmoid) was replaced by fresh weights" in e.numbers.value
    e.export_button.click()
    assert bl.session.loads(e.json_box.value)["network"].sizes == (2, 5, 5, 1)


def test_a_loaded_network_the_controls_cannot_show_is_named():
    e = bl.explorers.playground()
    _load(e, bl.Network([2, 3, 5, 1], activation=["relu", "tanh", "sigmoid"], seed=1))
    assert "the loaded network is kept" in e.numbers.value
    e.export_button.click()
    assert bl.session.loads(e.json_box.value)["network"].sizes == (2, 3, 5, 1)


def test_a_bad_json_keeps_the_current_state():
    e = bl.explorers.playground()
    before = e.numbers.value
    e.json_box.value = '{"weights": [[[1.0, 2.0]]]'
    e.load_button.click()
    assert e.error.value.startswith("⚠ could not load the JSON: Expecting")  # the JSON is cut short
    assert e.numbers.value == before
    e.json_box.value = json.dumps(bl.Network([3, 2, 1], seed=0).to_dict())
    e.load_button.click()
    assert "needs 2 inputs and 1 output, got sizes [3, 2, 1]" in e.error.value
    assert e.numbers.value == before


def _shown_E(explorer):
    """E under the neuron table (the first 'E = ...' note)."""
    return float(re.search(r"E = (-?[0-9.e+-]+)</div>", explorer.numbers.value).group(1))


def test_update_reports_the_loss_of_what_the_sliders_show():
    e = bl.explorers.multilayer_explorer()
    e.controls["lr"].value = 2.0
    for _ in range(6):  # large steps push some weights past the sliders' ±2
        e.buttons["update"].click()
    message = re.search(r"E went from [-0-9.e]+ to ([-0-9.e]+)\.", e.numbers.value)
    assert message, e.numbers.value
    assert float(message.group(1)) == pytest.approx(_shown_E(e), rel=1e-5)
    values = e.values()
    net = bl.Network.from_weights(
        [[[values["w31"], values["w32"]], [values["w41"], values["w42"]]],
         [[values["w53"], values["w54"]], [values["w63"], values["w64"]]]],
        [[values["b3"], values["b4"]], [values["b5"], values["b6"]]])
    E = bl.loss(bl.forward(net, [values["x1"], values["x2"]]), [values["T5"], values["T6"]])
    assert float(message.group(1)) == pytest.approx(E, rel=1e-5)


def test_update_says_when_a_slider_held_a_weight_back():
    e = bl.explorers.multilayer_explorer()
    e.set_values(w53=1.99, T5=1.0, b5=-2.0, w54=-2.0, lr=2.0)  # δ5 < 0: w53 wants to grow past 2
    e.buttons["update"].click()
    held = "Held at the end of their sliders, so the step was cut short: w₅,₃ (2.09039 → 2)."
    assert held in e.numbers.value
    assert e.controls["w53"].value == 2.0
    assert "E went from 0.427691 to 0.380574." in e.numbers.value
    assert _shown_E(e) == pytest.approx(0.380574, abs=5e-7)
