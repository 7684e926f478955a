"""Training options: weight decay, dropout, validation and early stopping, initialisation, data sets.

Every gradient is checked against central differences; every option is checked
against the update written out by hand, and pinned on real numbers.
"""

import re

import numpy as np
import pytest

import backprop_lab as bl
from backprop_lab.regularization import weight_penalty

HIDDEN = ["tanh", "sigmoid", "relu", "linear"]


def random_case(seed, output="sigmoid"):
    """A random network (random biases too), a batch or one sample, and targets that suit the output."""
    rng = np.random.default_rng(seed)
    sizes = [int(n) for n in rng.integers(1, 5, size=rng.integers(3, 5))]
    if output == "softmax":
        sizes[-1] = max(sizes[-1], 2)
    acts = [HIDDEN[seed % 4]] * (len(sizes) - 2) + [output]
    net = bl.Network(sizes, activation=acts, seed=seed)
    for l in range(net.n_layers):
        net.biases[l] = rng.normal(0, 0.5, net.biases[l].shape)
    shape = (sizes[0],) if seed % 3 == 0 else (3, sizes[0])
    x = rng.normal(size=shape)
    if output == "softmax":
        target = rng.dirichlet(np.ones(sizes[-1]), size=shape[:-1] or None)
    else:
        target = rng.uniform(size=shape[:-1] + (sizes[-1],))
    return net, x, target


# --- weight decay --------------------------------------------------------------------------------


@pytest.mark.parametrize("loss, output", [("half_sse", "sigmoid"), ("mse", "linear"),
                                          ("cross_entropy", "sigmoid"), ("cross_entropy", "softmax")])
@pytest.mark.parametrize("seed", range(5))
def test_weight_decay_gradient_matches_central_differences(loss, output, seed):
    net, x, target = random_case(seed, output)
    lam = 0.37
    analytic = bl.backward(net, bl.forward(net, x), target, loss=loss, weight_decay=lam)
    numeric = bl.numerical_gradients(net, x, target, loss=loss, weight_decay=lam)
    assert bl.relative_error(analytic, numeric) < 1e-7
    plain = bl.backward(net, bl.forward(net, x), target, loss=loss)
    for l in range(net.n_layers):  # ∂/∂W gains exactly λW; the biases and the δ are untouched
        np.testing.assert_allclose(analytic.weights[l], plain.weights[l] + lam * net.weights[l], rtol=1e-14)
        np.testing.assert_array_equal(analytic.biases[l], plain.biases[l])
        np.testing.assert_array_equal(analytic.deltas[l], plain.deltas[l])
    penalty = lam / 2 * sum(float(np.sum(w**2)) for w in net.weights)
    assert analytic.loss == pytest.approx(plain.loss + penalty, rel=1e-14)


def test_weight_decay_step_by_hand():
    """One epoch: w ← w − η(∂E/∂w + λw), b ← b − η ∂E/∂b; losses hold E, penalties (λ/2)Σ‖W‖²."""
    X, Y = bl.datasets.xor()
    net, lr, lam = bl.Network([2, 3, 1], seed=2), 0.7, 0.05
    history = bl.train(net, X, Y, lr=lr, epochs=1, weight_decay=lam)
    grads = bl.backward(net, bl.forward(net, X), Y)
    for l in range(2):
        by_hand = net.weights[l] - lr * (grads.weights[l] + lam * net.weights[l])
        np.testing.assert_allclose(history.network.weights[l], by_hand, rtol=1e-14)
        by_hand = net.biases[l] - lr * grads.biases[l]
        np.testing.assert_allclose(history.network.biases[l], by_hand, rtol=1e-14)
    assert history.losses[0] == pytest.approx(grads.loss, rel=1e-14)
    assert history.penalties[0] == pytest.approx(lam / 2 * sum(np.sum(w**2) for w in net.weights), rel=1e-14)
    assert history.penalties[0] == pytest.approx(0.1028867, abs=5e-8)
    assert weight_penalty(net.weights, lam) == pytest.approx(0.1028867, abs=5e-8)


def test_weight_decay_keeps_the_weights_small():
    """XOR, 2-2-1, η = 5, 2000 epochs: λ = 1e-4 keeps every weight smaller, and the penalty is recorded."""
    X, Y = bl.datasets.xor()
    net = bl.Network([2, 2, 1], seed=1)
    plain = bl.train(net, X, Y, lr=5.0, epochs=2000)
    decayed = bl.train(net, X, Y, lr=5.0, epochs=2000, weight_decay=1e-4)
    assert np.all(plain.penalties == 0.0) and plain.penalties.shape == (2000,)
    assert decayed.penalties[0] == pytest.approx(1.7580429e-4, rel=1e-7)
    largest = [[float(np.abs(w).max()) for w in h.network.weights] for h in (plain, decayed)]
    np.testing.assert_allclose(largest, [[6.092399, 8.871777], [4.608814, 7.244438]], atol=5e-7)
    assert decayed.penalties[-1] == pytest.approx(9.26979e-3, abs=5e-9)
    # It pays for smaller weights with a larger data loss, and still classifies all four points.
    assert (plain.losses[-1], decayed.losses[-1]) == pytest.approx((3.50223e-4, 2.19315e-3), abs=5e-9)
    assert bl.accuracy(decayed.network, X, Y) == 1.0
    # λ = 1e-3 is too strong for this start: every weight decays to about 0 and the net outputs 0.5.
    collapsed = bl.train(net, X, Y, lr=5.0, epochs=2000, weight_decay=1e-3)
    assert collapsed.losses[-1] == pytest.approx(0.125, abs=1e-9)


# --- dropout -------------------------------------------------------------------------------------


@pytest.mark.parametrize("loss, output", [("half_sse", "sigmoid"), ("cross_entropy", "softmax")])
@pytest.mark.parametrize("seed", range(8))
def test_dropout_gradient_with_a_fixed_mask_matches_central_differences(loss, output, seed):
    net, x, target = random_case(seed, output)
    n = None if x.ndim == 1 else x.shape[0]
    masks = bl.dropout_masks(net, n, p=0.5, seed=seed)
    trace = bl.forward(net, x, masks=masks)
    analytic = bl.backward(net, trace, target, loss=loss, weight_decay=0.1)
    numeric = bl.numerical_gradients(net, x, target, loss=loss, masks=masks, weight_decay=0.1)
    assert bl.relative_error(analytic, numeric) < 1e-7
    for l, mask in enumerate(masks):  # a dropped neuron passes nothing back: its δ is 0
        assert np.all(analytic.deltas[l][mask == 0] == 0.0)


def test_masks_drop_a_fraction_p_and_scale_the_rest():
    net = bl.Network([2, 400, 300, 1], seed=0)
    masks = bl.dropout_masks(net, 50, p=0.3, seed=4)
    assert [m.shape for m in masks] == [(50, 400), (50, 300)]
    values = np.concatenate([m.ravel() for m in masks])
    assert set(np.unique(values)) == {0.0, 1 / 0.7}
    assert np.mean(values == 0.0) == pytest.approx(0.3, abs=0.005)  # 35 000 draws
    again = bl.dropout_masks(net, 50, p=0.3, seed=4)
    assert all(np.array_equal(a, b) for a, b in zip(masks, again))


def test_dropout_masks_hidden_outputs_and_nothing_else():
    net = bl.Network([2, 3, 1], seed=0)
    x = np.array([[0.5, -1.0], [2.0, 0.1]])
    mask = np.array([[2.0, 0.0, 2.0], [0.0, 2.0, 0.0]])
    plain, dropped = bl.forward(net, x), bl.forward(net, x, masks=[mask])
    np.testing.assert_array_equal(dropped.nets[0], plain.nets[0])
    np.testing.assert_array_equal(dropped.outputs[1], plain.outputs[1] * mask)
    np.testing.assert_array_equal(bl.forward(net, x, masks=[np.ones((2, 3))]).output, plain.output)
    assert plain.masks is None and "dropout masks" in repr(dropped)


def test_a_dropout_epoch_is_forward_and_backward_under_one_mask():
    """The trainer's step, by hand: the masks the seed draws, the same in both passes."""
    X, Y = bl.datasets.moons(16, seed=3)
    net, lr = bl.Network([2, 5, 4, 1], activation=["tanh", "relu", "sigmoid"], seed=1), 0.8
    history = bl.train(net, X, Y, lr=lr, epochs=1, dropout=0.4, seed=7)
    masks = bl.dropout_masks(net, 16, p=0.4, seed=np.random.default_rng(7))
    grads = bl.backward(net, bl.forward(net, X, masks=masks), Y)
    assert history.network == bl.sgd_step(net, grads, lr)
    assert history.losses[0] == grads.loss


def test_dropout_is_reproducible_under_a_seed_and_off_at_p_0():
    X, Y = bl.datasets.circles(60, seed=2)
    net = bl.Network([2, 8, 8, 1], activation=["tanh", "tanh", "sigmoid"], seed=3)
    runs = [bl.train(net, X, Y, lr=0.5, epochs=30, dropout=0.25, seed=5, batch_size=16) for _ in range(2)]
    np.testing.assert_array_equal(runs[0].losses, runs[1].losses)
    assert runs[0].network == runs[1].network
    other = bl.train(net, X, Y, lr=0.5, epochs=30, dropout=0.25, seed=6, batch_size=16)
    assert not np.array_equal(other.losses, runs[0].losses)
    off = bl.train(net, X, Y, lr=0.5, epochs=30, dropout=0.0, seed=5, batch_size=16)
    plain = bl.train(net, X, Y, lr=0.5, epochs=30, seed=5, batch_size=16)
    np.testing.assert_array_equal(off.losses, plain.losses)
    # The network returned is a plain network: outside training every neuron works, unscaled.
    trained = runs[0].network
    np.testing.assert_array_equal(bl.forward(trained, X).output,
                                  bl.forward(trained, X, masks=[np.ones((60, 8))] * 2).output)


# --- validation and early stopping ---------------------------------------------------------------


@pytest.fixture(scope="module")
def overfitting():
    """noisy_circles: 30 training points, 100 validation points, a 2-32-32-1 network, cross-entropy, η = 1."""
    X, Y = bl.datasets.noisy_circles(30, seed=0)
    X_val, Y_val = bl.datasets.noisy_circles(100, seed=1)
    net = bl.Network([2, 32, 32, 1], activation=["tanh", "tanh", "sigmoid"], seed=0)
    settings = dict(lr=1.0, loss="cross_entropy", validation=(X_val, Y_val))
    return net, X, Y, X_val, Y_val, settings


def test_a_small_noisy_set_overfits(overfitting):
    net, X, Y, X_val, Y_val, settings = overfitting
    history = bl.train(net, X, Y, epochs=400, **settings)
    assert history.best_epoch == 57
    assert history.val_losses[57] == pytest.approx(0.514174, abs=5e-7)
    assert history.val_losses[-1] > 2 * history.val_losses[57]  # the validation loss turned up ...
    assert (history.losses[57], history.losses[-1]) == pytest.approx((0.151528, 0.001614), abs=5e-7)
    assert bl.accuracy(history.network, X, Y) == 1.0  # every training point, the 3 flipped ones too
    assert bl.accuracy(history.network, X_val, Y_val) == pytest.approx(0.78)
    assert not history.stopped_early and history.network == bl.train(net, X, Y, epochs=400, lr=1.0,
                                                                     loss="cross_entropy").network


def test_validation_losses_are_those_of_the_network_at_the_start_of_each_epoch():
    X, Y = bl.datasets.moons(40, seed=0)
    net = bl.Network([2, 6, 1], seed=0)
    history = bl.train(net, X, Y, lr=1.0, epochs=25, validation=(X, Y))
    # Full batch: validating on the training set itself repeats the training losses.
    np.testing.assert_allclose(history.val_losses, history.losses, rtol=1e-13)
    assert history.val_losses[0] == bl.loss(bl.forward(net, X), Y)
    assert history.best_epoch == 24 and history.network != net


def test_early_stopping_returns_the_best_network(overfitting):
    net, X, Y, X_val, Y_val, settings = overfitting
    history = bl.train(net, X, Y, epochs=400, early_stopping=50, **settings)
    assert history.stopped_early and history.epochs == 57 + 50 + 1
    assert history.best_epoch == 57
    assert bl.loss(bl.forward(history.network, X_val), Y_val, "cross_entropy") == history.val_losses[57]
    assert history.message == (
        "stopped early after epoch 108: the validation loss has not improved for 50 epochs;"
        " the lowest validation loss, 0.514174, came after 57 epochs (the network returned)")
    assert "stopped early" in repr(history)


def test_early_stopping_that_never_fires_still_returns_the_best():
    X, Y = bl.datasets.xor()
    net = bl.Network([2, 2, 1], seed=1)
    history = bl.train(net, X, Y, lr=5.0, epochs=50, validation=(X, Y), early_stopping=10)
    assert not history.stopped_early and history.epochs == 50 and history.best_epoch == 49
    assert bl.loss(bl.forward(history.network, X), Y) == history.val_losses[49]
    assert history.message.endswith("came after 49 epochs (the network returned)")


def test_trainer_stops_for_good_and_continues_after_configure():
    X, Y = bl.datasets.circles(40, seed=1)
    trainer = bl.Trainer(bl.Network([2, 4, 1], seed=0), X, Y, lr=0.5)
    trainer.run(5)
    trainer.configure(weight_decay=0.01, dropout=0.2)
    history = trainer.run(5)
    assert history.epochs == 10
    np.testing.assert_array_equal(history.penalties[:5], 0.0)
    assert np.all(history.penalties[5:] > 0)


# --- the short path, gradient norms, optimizer objects -------------------------------------------


def test_grad_norms_are_recorded_when_asked_and_the_numbers_do_not_change():
    X, Y = bl.datasets.moons(50, seed=1)
    net = bl.Network([2, 5, 5, 1], activation=["relu", "relu", "sigmoid"], seed=2)
    short = bl.train(net, X, Y, lr=0.5, epochs=40)
    full = bl.train(net, X, Y, lr=0.5, epochs=40, grad_norms=True)  # the trainer's longer path
    np.testing.assert_array_equal(short.losses, full.losses)
    assert short.network == full.network
    assert full.grad_norms.shape == (40, 3)
    first = bl.backward(net, bl.forward(net, X), Y).norms()
    np.testing.assert_allclose(full.grad_norms[0], first, rtol=1e-14)
    with pytest.raises(AttributeError, match=re.escape("grad_norms were not recorded: pass grad_norms=True")):
        short.grad_norms  # noqa: B018


def test_an_optimizer_object_gets_the_arrays_per_layer():
    class HandSGD:
        def update(self, params, grads, lr):
            assert [p.shape for p in params] == [(4, 2), (1, 4), (4,), (1,)]
            return [p - lr * g for p, g in zip(params, grads)]

    X, Y = bl.datasets.circles(30, seed=0)
    net = bl.Network([2, 4, 1], seed=0)
    mine = bl.train(net, X, Y, lr=0.3, epochs=20, optimizer=HandSGD())
    assert mine.network == bl.train(net, X, Y, lr=0.3, epochs=20).network


# --- initialisation ------------------------------------------------------------------------------


def old_rule(sizes, activation, seed):
    """Today's default, written out: Glorot uniform, He uniform for ReLU layers, in layer order."""
    rng = np.random.default_rng(seed)
    out = []
    for n_in, n_out, act in zip(sizes[:-1], sizes[1:], activation):
        limit = np.sqrt(6.0 / n_in) if act == "relu" else np.sqrt(6.0 / (n_in + n_out))
        out.append(rng.uniform(-limit, limit, size=(n_out, n_in)))
    return out


@pytest.mark.parametrize("sizes", [[2, 2, 1], [1, 1], [3, 5, 2], [2, 16, 16, 1], [4, 7, 3, 2]])
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu", "linear", "mixed"])
def test_the_default_init_is_todays_weights_bit_for_bit(sizes, activation):
    L = len(sizes) - 1
    acts = ([activation] * L if activation != "mixed"
            else (["relu", "tanh"] * L)[: L - 1] + ["softmax" if sizes[-1] > 1 else "sigmoid"])
    for seed in (0, 1, 7):
        net = bl.Network(sizes, activation=acts, seed=seed)
        assert all(np.array_equal(w, v) for w, v in zip(net.weights, old_rule(sizes, acts, seed)))
        assert net == bl.Network(sizes, activation=acts, seed=seed, init="auto", scale=1.0)


def test_named_inits():
    sig, relu = bl.Network([3, 4, 2], seed=5), bl.Network([3, 4, 2], activation="relu", seed=5)
    assert bl.Network([3, 4, 2], seed=5, init="xavier") == sig
    assert bl.Network([3, 4, 2], activation="relu", seed=5, init="he") == relu
    assert bl.Network([3, 4, 2], seed=5, init="he").weights[0].tolist() == relu.weights[0].tolist()
    assert all(np.all(w == 0) for w in bl.Network([3, 4, 2], init="zeros").weights)
    normal = bl.Network([300, 300, 1], seed=0, init="normal").weights[0]
    assert normal.std() == pytest.approx(0.1, rel=0.01) and abs(normal.mean()) < 0.001
    scaled = bl.Network([3, 4, 2], seed=5, scale=2.5)
    assert all(np.array_equal(a, 2.5 * b) for a, b in zip(scaled.weights, sig.weights))


def test_the_scale_of_the_start_sets_the_size_of_the_gradients():
    """A 2-8-8-8-8-1 sigmoid network on circles: ‖∂E/∂W‖ of the first and the last layer, three scales."""
    X, Y = bl.datasets.circles(100, seed=0)
    norms = {}
    for scale in (0.1, 1.0, 10.0):
        net = bl.Network([2, 8, 8, 8, 8, 1], seed=0, scale=scale)
        norms[scale] = bl.backward(net, bl.forward(net, X), Y).norms()[[0, -1]]
    np.testing.assert_allclose(norms[1.0], [4.125113e-6, 7.182501e-2], rtol=1e-6)
    # Too small: every layer multiplies δ by f' · w ≤ 0.25 · w, so the first layer hardly moves.
    np.testing.assert_allclose(norms[0.1], [2.005649e-9, 6.912270e-3], rtol=1e-6)
    # Too large: the sigmoids saturate (f' ≈ 0), and every layer's gradient vanishes.
    np.testing.assert_allclose(norms[10.0], [1.299294e-9, 1.789463e-8], rtol=1e-6)
    normal = bl.Network([2, 8, 8, 8, 8, 1], seed=0, init="normal")
    np.testing.assert_allclose(bl.backward(normal, bl.forward(normal, X), Y).norms()[[0, -1]],
                               [9.701231e-8, 1.533238e-2], rtol=1e-6)


def test_zero_weights_never_break_the_symmetry():
    X, Y = bl.datasets.circles(50, seed=0)
    history = bl.train(bl.Network([2, 4, 1], init="zeros"), X, Y, lr=1.0, epochs=200)
    W = history.network.weights
    # Every hidden neuron gets the same gradient, so they stay copies of each other:
    assert np.all(W[0] == W[0][0]) and np.all(W[1] == W[1][0, 0]) and W[1][0, 0] != 0.0
    random = bl.train(bl.Network([2, 4, 1], seed=0), X, Y, lr=1.0, epochs=200).network.weights
    assert len(np.unique(random[0].round(12), axis=0)) == 4


# --- data sets -----------------------------------------------------------------------------------


def test_split_divides_and_keeps_order():
    X, Y = bl.datasets.circles(10, seed=0)
    X_tr, Y_tr, X_val, Y_val = bl.datasets.split(X, Y, validation=0.3, seed=1)
    assert X_tr.shape == (7, 2) and Y_val.shape == (3, 1)
    rows = {tuple(x) for x in X}
    assert {tuple(x) for x in X_tr} | {tuple(x) for x in X_val} == rows
    assert not {tuple(x) for x in X_tr} & {tuple(x) for x in X_val}
    index = [np.flatnonzero((X == x).all(axis=1))[0] for x in X_val]
    assert index == sorted(index) == [4, 7, 8]
    again = bl.datasets.split(X, Y, validation=0.3, seed=1)
    assert all(np.array_equal(a, b) for a, b in zip((X_tr, Y_tr, X_val, Y_val), again))
    assert bl.datasets.split(X, Y, validation=0.01)[2].shape == (1, 2)  # at least one each side
    assert bl.datasets.split(X, Y, validation=0.99)[0].shape == (1, 2)


def test_multiclass_sets_are_one_hot():
    X, Y = bl.datasets.spiral(100, classes=3, seed=0)
    assert X.shape == (100, 2) and Y.shape == (100, 3)
    assert np.all(Y.sum(axis=1) == 1) and Y.sum(axis=0).tolist() == [33, 33, 34]
    X2, Y2 = bl.datasets.spiral(100, seed=0, classes=2)
    X_bin, Y_bin = bl.datasets.spiral(100, seed=0)
    np.testing.assert_array_equal(X2, X_bin)  # two classes: the same points as the 0/1 column
    np.testing.assert_array_equal(Y2[:, 1:], Y_bin)
    Xb, Yb = bl.datasets.blobs(90, classes=4, noise=0.0)
    assert Yb.shape == (90, 4) and len(np.unique(Xb.round(12), axis=0)) == 4
    assert bl.datasets.blobs().__len__() == 2 and bl.datasets.blobs()[1].shape == (200, 1)


def test_flip_changes_exactly_that_many_labels():
    _, Y = bl.datasets.moons(50, seed=3)
    _, flipped = bl.datasets.moons(50, seed=3, flip=0.2)
    assert int((Y != flipped).sum()) == 10
    _, Y3 = bl.datasets.spiral(60, classes=3, seed=1)
    _, F3 = bl.datasets.spiral(60, classes=3, seed=1, flip=0.5)
    assert int((Y3.argmax(1) != F3.argmax(1)).sum()) == 30 and np.all(F3.sum(axis=1) == 1)
    X, Y = bl.datasets.noisy_circles()
    assert X.shape == (30, 2) and int((Y != bl.datasets.circles(30, noise=0.2)[1]).sum()) == 3


def test_make_gives_every_set_from_the_same_settings():
    for name in bl.datasets.DATASETS:
        X, Y = bl.datasets.make(name, n=40, noise=0.2, seed=1)
        assert X.shape[1] == 2 and Y.shape == (X.shape[0], 1), name
    np.testing.assert_array_equal(bl.datasets.make("moons", 40, 0.2, 1)[0], bl.datasets.moons(40, 0.2, 1)[0])
    assert bl.datasets.make("blobs", n=30, classes=3)[1].shape == (30, 3)


def test_softmax_learns_three_spiral_arms():
    X, Y = bl.datasets.spiral(150, classes=3, noise=0.05, seed=0, turns=0.5)
    net = bl.Network([2, 16, 16, 3], activation=["tanh", "tanh", "softmax"], seed=0)
    history = bl.train(net, X, Y, lr=0.5, epochs=400, loss="cross_entropy")
    assert (history.losses[0], history.losses[-1]) == pytest.approx((1.215083, 0.014308), abs=5e-7)
    assert bl.accuracy(net, X, Y) == pytest.approx(0.12)
    assert bl.accuracy(history.network, X, Y) == 1.0


# --- bad input -----------------------------------------------------------------------------------

X4, Y4 = bl.datasets.xor()
NET = bl.Network([2, 2, 1], seed=0)


@pytest.mark.parametrize("call, error, message", [
    (lambda: bl.train(NET, X4, Y4, 0.1, 5, weight_decay=-0.1), ValueError,
     "weight_decay must be a finite number >= 0, got -0.1"),
    (lambda: bl.train(NET, X4, Y4, 0.1, 5, dropout=1), ValueError,
     "dropout must be a probability in [0, 1) (1 would drop every neuron), got 1"),
    (lambda: bl.train(NET, X4, Y4, 0.1, 5, dropout="half"), TypeError,
     "dropout must be a real number, got str"),
    (lambda: bl.train(NET, X4, Y4, 0.1, 5, validation=(X4, Y4), early_stopping=0), ValueError,
     "early_stopping must be at least 1, got 0"),
    (lambda: bl.train(NET, X4, Y4, 0.1, 5, early_stopping=5), ValueError,
     "early_stopping needs a validation set to watch: pass validation=(X_val, Y_val)"),
    (lambda: bl.train(NET, X4, Y4, 0.1, 5, validation=X4), TypeError,
     "validation must be a pair (X_val, Y_val), got ndarray"),
    (lambda: bl.train(NET, X4, Y4, 0.1, 5, validation=(X4, Y4, Y4)), ValueError,
     "validation must be a pair (X_val, Y_val), got 3 items"),
    (lambda: bl.train(NET, X4, Y4, 0.1, 5, validation=(X4[:, :1], Y4)), ValueError,
     "X_val must have 2 input value(s) per sample (shape (2,) or (B, 2)), got shape (4, 1)"),
    (lambda: bl.train(NET, X4, Y4, 0.1, 5, validation=(X4, np.ones((4, 2)))), ValueError,
     "Y_val must have the network output's shape (4, 1), got shape (4, 2)"),
    (lambda: bl.train(NET, X4, Y4, 0.1, 5, validation=(X4, Y4[:3])), ValueError,
     "Y_val has 3 samples but the input has 4"),
    (lambda: bl.train(NET, X4, Y4, 0.1, 5, seed=-1), ValueError, "seed must be at least 0, got -1"),
    (lambda: bl.train(NET, X4, Y4, 0.1, 5, seed="a"), TypeError, "seed must be an integer, got str"),
    (lambda: bl.train(NET, X4, Y4, 0.1, 5, grad_norms=1), TypeError,
     "grad_norms must be True or False, got int"),
    (lambda: bl.Trainer(NET, X4, Y4, 0.1).configure(dropout=1.5), ValueError,
     "dropout must be a probability in [0, 1)"),
    (lambda: bl.Network([2, 1], init="glorot"), ValueError,
     "unknown init 'glorot'; expected one of ['auto', 'xavier', 'he', 'normal', 'zeros']"),
    (lambda: bl.Network([2, 1], init=None), TypeError,
     "init must be a string, one of ['auto', 'xavier', 'he', 'normal', 'zeros'], got NoneType"),
    (lambda: bl.Network([2, 1], scale=0), ValueError, "scale must be a finite number > 0, got 0.0"),
    (lambda: bl.forward(NET, X4, masks=[np.ones((4, 3))]), ValueError,
     "masks[0] must have shape (4, 2) (the outputs of hidden layer 1), got shape (4, 3)"),
    (lambda: bl.forward(NET, X4, masks=[]), ValueError,
     "masks must hold one mask per hidden layer (1 for a 2-2-1 network), got 0"),
    (lambda: bl.forward(NET, X4, masks=np.ones((4, 2))), ValueError,
     "masks must hold one mask per hidden layer (1 for a 2-2-1 network), got 4"),
    (lambda: bl.forward(NET, X4, masks=[[[np.nan, 1.0]] * 4]), ValueError,
     "masks[0] contains NaN or infinity; every value must be finite"),
    (lambda: bl.backward(NET, bl.forward(NET, X4), Y4, weight_decay=-1), ValueError,
     "weight_decay must be a finite number >= 0, got -1.0"),
    (lambda: bl.dropout_masks(NET, 4, p=1.0), ValueError, "p must be a probability in [0, 1)"),
    (lambda: bl.dropout_masks(NET, 0, p=0.5), ValueError, "n_samples must be at least 1, got 0"),
    (lambda: bl.datasets.split(X4, Y4[:3]), ValueError, "Y has 3 samples but X has 4"),
    (lambda: bl.datasets.split(X4, Y4, validation=1.0), ValueError,
     "validation must be a fraction between 0 and 1, got 1"),
    (lambda: bl.datasets.split(X4, Y4, validation=0), ValueError,
     "validation must be a finite number > 0, got 0.0"),
    (lambda: bl.datasets.split(X4[0], Y4), ValueError, "X must have 2 dimension(s), got shape (2,)"),
    (lambda: bl.datasets.spiral(classes=1), ValueError, "classes must be at least 2, got 1"),
    (lambda: bl.datasets.blobs(n=3, classes=4), ValueError, "n must be at least 4, got 3"),
    (lambda: bl.datasets.moons(flip=1.5), ValueError,
     "flip must be a fraction of the labels, from 0 to 1, got 1.5"),
    (lambda: bl.datasets.make("moons", classes=3), ValueError,
     "data set 'moons' has two classes; classes=3 needs one of ['spiral', 'blobs']"),
    (lambda: bl.datasets.make("swirl"), ValueError, "unknown name 'swirl'; expected one of"),
])
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()
