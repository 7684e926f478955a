"""Sequential models, fit, pattern signals: agreement with the engine, central differences, pinned runs."""

import re

import numpy as np
import pytest

import backprop_lab as bl
from backprop_lab import models, signals
from backprop_lab.blocks import Activation, BatchNorm, Conv1d, Dense, MaxPool
from backprop_lab.gradcheck import _central_differences


def numerical_model_grads(model, X, T, loss):
    """∂E/∂θ of every parameter array by central differences, batch norm in training mode."""
    fn = bl.losses.get_loss(loss)

    def E():
        net = model.copy()._net(X, True)
        out = model.blocks[-1]
        return fn.evaluate(net, out.f.f(net), T, out.f)[0]

    return [_central_differences(p, E, 1e-6) for p in model.params()]


def test_without_batch_norm_fit_is_train_exactly():
    X, Y = bl.datasets.xor()
    net = bl.Network([2, 3, 1], seed=1)
    ours = models.fit(models.from_network(net), X, Y, lr=5.0, epochs=200)
    engine = bl.train(net, X, Y, lr=5.0, epochs=200)
    np.testing.assert_array_equal(ours.losses, engine.losses)
    np.testing.assert_array_equal(ours.grad_norms, engine.grad_norms)
    assert ours.model.blocks[0].params[0].tolist() == engine.network.weights[0].tolist()
    assert repr(ours) == "<ModelHistory: 200 epochs, loss 0.1306 → 0.07896>"


def test_from_network_computes_what_the_network_computes():
    net = bl.Network([3, 4, 2], activation=["tanh", "softmax"], seed=2)
    X = np.random.default_rng(0).normal(size=(5, 3))
    np.testing.assert_allclose(models.from_network(net).forward(X), bl.forward(net, X).output, rtol=1e-15)
    model = models.from_network(bl.Network([2, 3, 3, 1], seed=0), batch_norm=True)
    assert [type(b) for b in model.blocks] == [
        Dense,
        BatchNorm,
        Activation,
        Dense,
        BatchNorm,
        Activation,
        Dense,
        Activation,
    ]


@pytest.mark.parametrize(
    "loss, sizes, activation",
    [
        ("half_sse", [3, 5, 4, 2], "sigmoid"),
        ("cross_entropy", [2, 4, 4, 3], ["tanh", "relu", "softmax"]),
        ("mse", [4, 3, 1], ["sigmoid", "linear"]),
    ],
)
def test_sequential_gradients_with_batch_norm_against_central_differences(loss, sizes, activation):
    rng = np.random.default_rng(len(sizes))
    model = models.from_network(bl.Network(sizes, activation=activation, seed=3), batch_norm=True)
    for block in model.blocks:  # move γ and β away from 1 and 0, so that their gradients are tested too
        if isinstance(block, BatchNorm):
            block.params = [
                rng.uniform(0.5, 1.5, block.params[0].shape),
                rng.normal(size=block.params[1].shape),
            ]
    X = rng.normal(size=(6, sizes[0]))
    T = (
        np.eye(sizes[-1])[rng.integers(0, sizes[-1], 6)]
        if loss == "cross_entropy"
        else rng.uniform(size=(6, sizes[-1]))
    )
    E = model.gradients(X, T, loss)
    grads = model.grads()
    for g, n in zip(grads, numerical_model_grads(model, X, T, loss)):
        np.testing.assert_allclose(g, n, rtol=1e-5, atol=1e-8)
    assert E == pytest.approx(
        bl.losses.get_loss(loss).evaluate(
            model._net(X, True), model.forward(X, training=True), T, model.blocks[-1].f
        )[0],
        rel=1e-12,
    )


def test_conv_detector_gradients_against_central_differences():
    X, Y = signals.pattern_signals(n=8, length=9, seed=4)
    model = models.conv_detector(channels=3, kernel=3, activation="tanh", seed=5)
    model.gradients(X, Y, "cross_entropy")
    for g, n in zip(model.grads(), numerical_model_grads(model, X, Y, "cross_entropy")):
        np.testing.assert_allclose(g, n, rtol=1e-5, atol=1e-8)
    assert [p.shape for p in model.params()] == [(3, 1, 3), (3,), (1, 3), (1,)]


def test_batch_norm_rescues_a_deep_sigmoid_network():
    """Same data, same starting weights: 6 hidden sigmoid layers stall at ln 2; with batch norm they learn."""
    X, Y = bl.datasets.moons(200, noise=0.1, seed=0)
    net = bl.Network([2] + [16] * 6 + [1], seed=0)
    plain = models.fit(models.from_network(net), X, Y, lr=0.5, epochs=300, loss="cross_entropy")
    normed = models.fit(
        models.from_network(net, batch_norm=True), X, Y, lr=0.5, epochs=300, loss="cross_entropy"
    )
    assert plain.losses[0] == pytest.approx(1.193989, rel=1e-6)
    assert plain.losses[-1] == pytest.approx(0.693138, rel=1e-6)  # ln 2 = 0.693147: no better than a coin
    assert normed.losses[0] == pytest.approx(1.279202, rel=1e-6)
    assert normed.losses[-1] == pytest.approx(0.00996682, rel=1e-5)
    assert plain.grad_norms.shape == normed.grad_norms.shape == (300, 7)
    # In the first epoch the gradient shrinks 18 000-fold from the last layer to the first without batch norm.
    assert plain.grad_norms[0, [0, 6]] == pytest.approx([4.27913e-05, 0.789739], rel=1e-5)
    assert normed.grad_norms[0, [0, 6]] == pytest.approx([3.08896, 0.866438], rel=1e-5)
    assert plain.model.accuracy(X, Y) == 0.77 and normed.model.accuracy(X, Y) == 0.995
    assert normed.layer_names == ["dense 2→16"] + ["dense 16→16"] * 5 + ["dense 16→1"]


def test_the_conv_detector_learns_the_pattern_and_its_reverse():
    X, Y = signals.pattern_signals(n=200, length=20, seed=0)
    model = models.conv_detector(channels=2, kernel=4, seed=2)
    history = models.fit(model, X, Y, lr=0.5, epochs=300, loss="cross_entropy")
    assert history.losses[0] == pytest.approx(0.643537, rel=1e-5)
    assert history.losses[-1] == pytest.approx(0.00513209, rel=1e-5)
    assert history.model.accuracy(X, Y) == 1.0
    assert history.model.accuracy(*signals.pattern_signals(n=200, length=20, seed=1)) == 1.0
    filters = history.model.blocks[0].params[0][:, 0]
    np.testing.assert_allclose(
        filters, [[-1.6005, -1.5644, 1.802, 1.3343], [1.4863, 1.6306, -1.4684, -1.7253]], atol=5e-4
    )
    assert np.sign(filters[1]).tolist() == list(signals.FALLING_STEP)  # filter 2 is the pattern itself
    assert model.blocks[0].params[0][1, 0, 0] != filters[1, 0]  # and fit left the original alone


def test_batch_norm_keeps_running_estimates_for_use_outside_training():
    block = BatchNorm(2, momentum=0.5)
    x = np.array([[1.0, 0.0], [3.0, 4.0], [5.0, 2.0]])
    block.forward(x, training=True)
    assert block.running_mean.tolist() == [1.5, 1.0]  # ½·0 + ½·(3, 2)
    assert block.running_var == pytest.approx([0.5 + 0.5 * 4.0, 0.5 + 0.5 * 4.0])  # unbiased batch variance 4
    out = block.forward(x, training=False)
    np.testing.assert_allclose(out[:, 0], (x[:, 0] - 1.5) / np.sqrt(2.5 + 1e-5))


def test_pattern_signals_are_reproducible_and_balanced():
    X, Y, starts = signals.pattern_signals(n=50, length=12, noise=0.0, seed=7, positions=True)
    assert X.shape == (50, 1, 12) and Y.shape == (50, 1) and Y.sum() == 25
    for x, y, s in zip(X[:, 0], Y[:, 0], starts):
        shape = signals.FALLING_STEP if y == 1 else signals.FALLING_STEP[::-1]
        assert x[s : s + 4].tolist() == list(shape) and np.count_nonzero(x) == 4
    again = signals.pattern_signals(n=50, length=12, noise=0.3, seed=7)[0]
    np.testing.assert_array_equal(again, signals.pattern_signals(n=50, length=12, noise=0.3, seed=7)[0])


MODEL = models.from_network(bl.Network([2, 3, 1], seed=0), batch_norm=True)
X4, Y4 = bl.datasets.xor()


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            lambda: models.Sequential([]),
            TypeError,
            "blocks must be a non-empty list of blocks from backprop_lab.blocks",
        ),
        (
            lambda: models.Sequential([Dense([[1.0]], [0.0])]),
            ValueError,
            "the last block must be the output's Activation (the loss needs its net inputs), got dense 1→1",
        ),
        (lambda: models.from_network("net"), TypeError, "net must be a backprop_lab.Network, got str"),
        (
            lambda: models.from_network(bl.Network([1, 1]), batch_norm=1),
            TypeError,
            "batch_norm must be True or False, got 1",
        ),
        (
            lambda: MODEL.forward(np.ones((4, 3))),
            ValueError,
            "dense 2→3 expects input of shape (B, 2), got shape (4, 3)",
        ),
        (lambda: MODEL.forward("x"), TypeError, "x must be numbers or an array of numbers, got str"),
        (
            lambda: MODEL.gradients(X4[:1], Y4[:1]),
            ValueError,
            "batch norm 3 needs at least 2 samples per batch in training, got shape (1, 3)",
        ),
        (
            lambda: models.fit(MODEL, X4, Y4, lr=1.0, epochs=1, batch_size=3),
            ValueError,
            "batch_size 3 leaves a batch of one sample (4 samples), which batch normalisation"
            " cannot normalise;"
            " choose a batch size that leaves at least 2",
        ),
        (
            lambda: models.fit(MODEL, X4, Y4[:3], lr=1.0, epochs=1),
            ValueError,
            "Y has 3 samples but the input has 4",
        ),
        (
            lambda: models.fit(MODEL, X4, Y4, lr=0.0, epochs=1),
            ValueError,
            "lr must be a finite number > 0, got 0.0",
        ),
        (
            lambda: models.fit(MODEL, X4, Y4, lr=1.0, epochs=1, loss="l1"),
            ValueError,
            "unknown loss 'l1'; expected one of ['cross_entropy', 'half_sse', 'mse', 'sse']",
        ),
        (
            lambda: models.fit("model", X4, Y4, lr=1.0, epochs=1),
            TypeError,
            "model must be a backprop_lab.models.Sequential, got str",
        ),
        (
            lambda: models.Sequential(
                [Conv1d(np.ones((1, 1, 5)), [0.0]), MaxPool(), Activation("linear")]
            ).forward(np.ones((2, 1, 3))),
            ValueError,
            "conv 1→1, K = 5 needs signals of length >= 5, got shape (2, 1, 3)",
        ),
        (lambda: Activation("swish"), ValueError, "unknown activation 'swish'"),
        (
            lambda: Dense([[1.0, 2.0]], [0.0, 1.0]),
            ValueError,
            "weight must be (n_out, n_in) and bias (n_out,), got (1, 2) and (2,)",
        ),
        (lambda: Conv1d([[1.0]], [0.0]), ValueError, "weight must have 3 dimension(s), got shape (1, 1)"),
        (lambda: Dense("w", [0.0]), TypeError, "weight must be numbers or an array of numbers, got str"),
        (lambda: BatchNorm(2, momentum=2.0), ValueError, "momentum must be in (0, 1], got 2.0"),
        (lambda: models.conv_detector(channels=0), ValueError, "channels must be at least 1, got 0"),
        (
            lambda: signals.pattern_signals(length=3),
            ValueError,
            "length must be at least the pattern's length 4, got 3",
        ),
        (
            lambda: signals.pattern_signals(noise=-0.1),
            ValueError,
            "noise must be a finite number >= 0, got -0.1",
        ),
        (lambda: signals.pattern_signals(pattern=[]), ValueError, "pattern must hold at least one value"),
    ],
)
def test_bad_input_is_refused_in_plain_words(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()
