"""The figures of notebooks 16 and 17: training runs side by side, a convolution as a dense matrix."""

import matplotlib

matplotlib.use("Agg")  # headless; before pyplot is imported

import re  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import backprop_lab as bl  # noqa: E402
from backprop_lab import models  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def runs():
    X, Y = bl.datasets.xor()
    net = bl.Network([2, 3, 3, 1], seed=1)
    plain = models.fit(models.from_network(net), X, Y, lr=2.0, epochs=5)
    normed = models.fit(models.from_network(net, batch_norm=True), X, Y, lr=2.0, epochs=5)
    return {"plain": plain, "normed": normed}


def test_training_comparison_shows_the_losses_and_the_norms_of_one_epoch(runs):
    c = bl.figures.plot_training_comparison(runs)
    np.testing.assert_array_equal(c.curves.lines["normed"].get_ydata(), runs["normed"].losses)
    for label, h in runs.items():
        assert [b.get_height() for b in c.bars[label].patches] == h.grad_norms[0].tolist()
        assert c.bars[label].patches[0].get_facecolor() == plt.matplotlib.colors.to_rgba(
            c.curves.lines[label].get_color())
    assert c.title.get_text() == "gradient norms per layer in epoch 1" and c.epoch == 1
    assert c.show_epoch(-1) is c and c.epoch == 5
    assert [b.get_height() for b in c.bars["plain"].patches] == runs["plain"].grad_norms[4].tolist()
    assert c.marker.get_xdata() == [5, 5]
    assert c.norm_ax.get_yscale() == "log" and c.norm_ax.get_xticks().tolist() == [1, 2, 3]


def test_training_comparison_also_takes_train_histories_and_given_axes(runs):
    X, Y = bl.datasets.xor()
    h = bl.train(bl.Network([2, 3, 3, 1], seed=1), X, Y, lr=2.0, epochs=5, grad_norms=True)
    fig, axes = plt.subplots(1, 2)
    c = bl.figures.plot_training_comparison({"train": h, "fit": runs["plain"]}, epoch=3, ax=axes)
    assert c.fig is fig and c.norm_ax is axes[1]
    # without batch norm, fit is train: the same bars
    heights = {label: [b.get_height() for b in bars.patches] for label, bars in c.bars.items()}
    assert heights["train"] == heights["fit"]


def test_training_comparison_bad_input(runs):
    with pytest.raises(TypeError, match="histories must be a dict of label -> training history"):
        bl.figures.plot_training_comparison([runs["plain"]])
    with pytest.raises(TypeError, match=re.escape("histories['x'] must be a training history with losses and"
                                                  " grad_norms (from bl.train or bl.models.fit), got list")):
        bl.figures.plot_training_comparison({"x": [0.5, 0.4]})
    unrecorded = bl.train(bl.Network([2, 3, 3, 1], seed=1), *bl.datasets.xor(), lr=2.0, epochs=5)
    with pytest.raises(ValueError, match=re.escape("histories['x']: grad_norms were not recorded: pass"
                                                   " grad_norms=True to train()")):
        bl.figures.plot_training_comparison({"x": unrecorded})
    with pytest.raises(ValueError, match=re.escape("epoch must be at most 5 (the shortest run), got 6")):
        bl.figures.plot_training_comparison(runs, epoch=6)
    X, Y = bl.datasets.xor()
    other = models.fit(models.from_network(bl.Network([2, 3, 1], seed=1)), X, Y, lr=2.0, epochs=5)
    msg = "the runs record different numbers of weight layers: [2, 3]"
    with pytest.raises(ValueError, match=re.escape(msg)):
        bl.figures.plot_training_comparison({"a": runs["plain"], "b": other})


def test_conv_matrix_names_each_shared_weight():
    dense = bl.layers.conv1d_dense([[[-1.0, 2.0, 0.5]]], [0.0], length=5)
    m = bl.figures.plot_conv_matrix(dense)
    texts = [t.get_text() for t in m.texts]
    assert len(texts) == 3 * 5
    assert texts[:5] == ["w[0]\n−1", "w[1]\n2", "w[2]\n0.5", "0", "0"]
    assert texts[5:10] == ["0", "w[0]\n−1", "w[1]\n2", "w[2]\n0.5", "0"]
    assert [t.get_text() for t in m.ax.get_yticklabels()] == ["y[0]", "y[1]", "y[2]"]
    rgb = m.image.get_array()
    assert np.array_equal(rgb[0, 0], rgb[2, 2]) and not np.array_equal(rgb[0, 0], rgb[0, 1])
    assert rgb[0, 4].tolist() == [1.0, 1.0, 1.0]  # a structural zero stays white


def test_conv_matrix_with_channels_and_bad_input():
    dense = bl.layers.conv1d_dense(np.ones((2, 2, 2)), [0.0, 0.0], length=3)
    m = bl.figures.plot_conv_matrix(dense)
    assert m.texts[0].get_text() == "w[0,0,0]\n1"
    assert [t.get_text() for t in m.ax.get_xticklabels()][:4] == ["x[0,0]", "x[0,1]", "x[0,2]", "x[1,0]"]
    with pytest.raises(TypeError, match="dense must be the ConvDense from layers.conv1d_dense, got ndarray"):
        bl.figures.plot_conv_matrix(np.ones((2, 3)))


def test_conv_slide_draws_the_window_the_taps_and_the_response():
    x, w = [1.0, 4.0, 9.0, 16.0, 25.0], [-1.0, 1.0]
    s = bl.figures.plot_conv_slide(x, w, t=2)
    assert s.y.tolist() == [3.0, 5.0, 7.0, 9.0]  # differences of the squares
    assert list(s.here.get_data()[1]) == [7.0] and list(s.peak.get_data()[0]) == [3]
    assert [b.get_x() + b.get_width() / 2 for b in s.taps.patches] == [2.0, 3.0]
    assert [b.get_height() for b in s.taps.patches] == w
    assert s.window.get_x() == pytest.approx(1.55) and s.window.get_width() == pytest.approx(1.9)
    s.update(x[::-1], w, 0)
    assert s.y.tolist() == [-9.0, -7.0, -5.0, -3.0] and list(s.peak.get_data()[0]) == [3]
    with pytest.raises(ValueError, match=re.escape("t must be a position from 0 to 3 (L − K), got 4")):
        s.update(x, w, 4)
    with pytest.raises(ValueError, match=re.escape("w must keep its 2 taps, got 3")):
        s.update(x, [1.0, 2.0, 3.0], 0)
