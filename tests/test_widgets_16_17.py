"""Notebook 16's and 17's explorers, driven headless: the numbers and artists are the engine's."""

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import backprop_lab as bl  # noqa: E402
from backprop_lab import diagnostics, explorers, models, signals  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_batch_norm_explorer_shows_both_networks_layer_by_layer():
    e = explorers.batch_norm_explorer()
    X, Y = bl.datasets.moons(200, noise=0.1, seed=0)
    net = bl.Network([2] + [16] * 6 + [1], seed=0)
    plain, normed = models.from_network(net), models.from_network(net, batch_norm=True)
    spread, norms = e.handles["spread"], e.handles["norms"]
    np.testing.assert_allclose(spread.heights("without batch norm"),
                               diagnostics.net_input_spread(plain, X), rtol=1e-12)
    np.testing.assert_allclose(norms.heights("with batch norm"),
                               diagnostics.gradient_norms(normed, X, Y, "cross_entropy"), rtol=1e-12)
    # the same numbers as fit records in its first epoch (notebook 16's comparison)
    first = models.fit(plain, X, Y, lr=0.01, epochs=1, loss="cross_entropy").grad_norms[0]
    np.testing.assert_array_equal(norms.heights("without batch norm"), first)
    assert "<td>layer 7</td><td></td><td></td><td>0.789739</td><td>0.866438</td>" in e.numbers.value
    assert "layer 1 / layer 7: 5.42e-05 without batch norm, 3.57 with it" in e.numbers.value
    e.set_values(depth=2, activation="relu", scale=0.5)
    assert len(spread.heights("with batch norm")) == 2 and len(norms.heights("with batch norm")) == 3
    # fewer layers only hide bars: the ones for layers 3-7 are still there, invisible
    assert [b.get_visible() for b in norms.bars["with batch norm"].patches] == [True] * 3 + [False] * 4
    assert e.error.value == ""
    assert all(abs(h - 1.0) < 1e-3 for h in spread.heights("with batch norm"))


def test_conv_explorer_writes_out_one_output():
    X, Y = signals.pattern_signals(n=200, length=20, seed=0)
    e = explorers.conv_explorer()
    assert list(e.controls["filter"].options) == ["falling step (the pattern)", "rising step (its reverse)"]
    e.set_values(signal=2, t=3)
    x, w = X[1, 0], np.array(signals.FALLING_STEP)
    y = bl.layers.conv1d_forward(X[1:2], w[None, None], [0.0])[0, 0]
    np.testing.assert_allclose(e.handles["slide"].y, y, rtol=1e-15)
    assert f"<td>y[3] = Σ</td><td></td><td></td><td>{bl._format.fmt(y[3])}</td>" in e.numbers.value
    assert f"<td>k = 2</td><td>-1</td><td>{bl._format.fmt(x[5])}</td><td>{bl._format.fmt(-x[5])}</td>" in (
        e.numbers.value)
    best = int(np.argmax(y))
    assert f"The largest response is y[{best}] = {bl._format.fmt(y[best], 4)}" in e.numbers.value
    assert f"only the window x[{best}] … x[{best + 3}] of this signal" in e.numbers.value


def test_conv_explorer_offers_a_trained_models_filters():
    model = models.conv_detector(channels=2, kernel=4, seed=2)
    e = explorers.conv_explorer(model)
    assert list(e.controls["filter"].options)[:2] == ["trained filter 1", "trained filter 2"]
    e.controls["filter"].value = "trained filter 2"
    assert [b.get_height() for b in e.handles["slide"].taps.patches] == model.blocks[0].weight[1, 0].tolist()
    three = models.conv_detector(channels=1, kernel=3, seed=0)
    assert list(explorers.conv_explorer(three).controls["filter"].options) == ["trained filter 1"]
    with pytest.raises(TypeError, match="model must be a conv_detector"):
        explorers.conv_explorer(models.from_network(bl.Network([2, 1])))


def test_conv1d_terms_bad_input():
    with pytest.raises(ValueError, match=re.escape("t must be a position from 0 to 2 (L − K), got 3")):
        bl.layers.conv1d_terms([[1.0, 2.0, 3.0, 4.0]], [[1.0, 1.0]], 3)
    with pytest.raises(ValueError, match=re.escape("w has 2 input channels")):
        bl.layers.conv1d_terms([[1.0, 2.0, 3.0, 4.0]], [[1.0], [1.0]], 0)


def test_layer_report_is_the_three_diagnostics_at_once():
    X, Y = bl.datasets.moons(40, noise=0.1, seed=2)
    model = models.from_network(bl.Network([2, 6, 6, 1], seed=4), batch_norm=True)
    report = diagnostics.layer_report(model, X, Y, "cross_entropy")
    np.testing.assert_array_equal(report.spread, diagnostics.net_input_spread(model, X))
    np.testing.assert_array_equal(report.scales, diagnostics.batch_norm_scales(model, X))
    np.testing.assert_array_equal(report.norms, diagnostics.gradient_norms(model, X, Y, "cross_entropy"))
    assert report.loss == model.copy().gradients(X, Y, "cross_entropy")
    assert diagnostics.batch_norm_scales(models.from_network(bl.Network([2, 3, 1])), X).tolist() == []
    with pytest.raises(TypeError, match="model must be a backprop_lab.models.Sequential, got Network"):
        diagnostics.layer_report(bl.Network([2, 1]), X, Y)
    with pytest.raises(ValueError, match=re.escape("X must hold at least 2 samples to have a spread")):
        diagnostics.net_input_spread(model, X[:1])
