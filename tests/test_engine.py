"""The engine against worked examples from the seeds and against central differences."""

import json

import numpy as np
import pytest

import backprop_lab as bl

# Seed 003's 1-1-1 network: o1 = 0.2, T = 0.7, w21 = 0.2, w20 = 0.1, w32 = 0.3, w30 = 0.1.
SEED3 = dict(weights=[[[0.2]], [[0.3]]], biases=[[0.1], [0.1]])


@pytest.fixture
def seed3():
    return bl.Network.from_weights(**SEED3)


def test_seed3_forward(seed3):
    trace = bl.forward(seed3, [0.2])
    assert trace.nets[0][0] == pytest.approx(0.14, abs=1e-15)
    assert trace.outputs[1][0] == pytest.approx(0.53494, abs=5e-6)
    assert trace.nets[1][0] == pytest.approx(0.26048, abs=5e-6)
    assert trace.output[0] == pytest.approx(0.56475, abs=5e-6)


def test_seed3_backward_has_the_correct_sign(seed3):
    grads = bl.backward(seed3, bl.forward(seed3, [0.2]), [0.7])
    assert grads.deltas[1][0] == pytest.approx(-0.033244, abs=5e-7)
    assert grads.deltas[0][0] == pytest.approx(-0.0024811, abs=5e-8)
    # ∂E/∂w = +δ·o with δ = ∂E/∂net. The seed prints +0.01779: the sign slip.
    assert grads.weights[1][0, 0] == pytest.approx(-0.017784, abs=5e-7)
    assert grads.biases[1][0] == pytest.approx(-0.033244, abs=5e-7)
    assert grads.weights[0][0, 0] == pytest.approx(-0.00049623, abs=5e-9)
    assert grads.biases[0][0] == pytest.approx(-0.0024811, abs=5e-8)
    assert grads.loss == pytest.approx(0.5 * (0.7 - 0.5647549915676211) ** 2, rel=1e-12)


def test_seed3_update_lowers_the_error(seed3):
    trace = bl.forward(seed3, [0.2])
    new = bl.sgd_step(seed3, bl.backward(seed3, trace, [0.7]), lr=0.1)
    assert new.weights[1][0, 0] == pytest.approx(0.301778, abs=5e-7)  # the seed prints 0.298221
    assert new.biases[1][0] == pytest.approx(0.103324, abs=5e-7)
    E_before = bl.loss(trace.output, [0.7])
    E_after = bl.loss(bl.forward(new, [0.2]).output, [0.7])
    assert E_before == pytest.approx(0.0091456, abs=5e-8)
    assert E_after == pytest.approx(0.0090034, abs=5e-8)


def test_seed1_linear_neuron():
    net = bl.Network.from_weights([[[2.0]]], [[0.0]], activation="linear")
    grads = bl.backward(net, bl.forward(net, [5.0]), [12.0], loss="sse")
    assert grads.weights[0][0, 0] == -20.0
    assert grads.loss == 4.0


def test_losses_by_hand():
    o, T = np.array([[0.0, 1.0], [1.0, 1.0]]), np.array([[1.0, 1.0], [1.0, 0.0]])
    # two samples, each with one error of size 1
    assert bl.loss(o, T, "half_sse") == 0.5
    assert bl.loss(o, T, "sse") == 1.0
    assert bl.loss(o, T, "mse") == 0.5


def test_batch_gradient_is_the_mean_of_sample_gradients():
    net = bl.Network([3, 4, 2], activation="tanh", seed=3)
    X = np.random.default_rng(0).normal(size=(5, 3))
    Y = np.random.default_rng(1).uniform(size=(5, 2))
    batch = bl.backward(net, bl.forward(net, X), Y)
    singles = [bl.backward(net, bl.forward(net, x), y) for x, y in zip(X, Y)]
    for l in range(2):
        np.testing.assert_allclose(batch.weights[l], np.mean([g.weights[l] for g in singles], axis=0),
                                   rtol=1e-12)
        np.testing.assert_allclose(batch.deltas[l], np.array([g.deltas[l] for g in singles]) / 5, rtol=1e-12)
    assert batch.loss == pytest.approx(np.mean([g.loss for g in singles]), rel=1e-12)


@pytest.mark.parametrize("output", sorted(bl.ACTIVATIONS))
@pytest.mark.parametrize("loss", list(bl.LOSSES))
@pytest.mark.parametrize("seed", range(6))
def test_backward_matches_central_differences(output, loss, seed):
    """Every loss with every output activation, hidden layers of every kind, one sample or a batch."""
    rng = np.random.default_rng(seed)
    sizes = [int(n) for n in rng.integers(1, 5, size=rng.integers(2, 5))]
    if output == "softmax":
        sizes[-1] = max(sizes[-1], 2)
    hidden = ["tanh", "sigmoid", "relu", "linear"][seed % 4]
    net = bl.Network(sizes, activation=[hidden] * (len(sizes) - 2) + [output], seed=seed)
    for l in range(net.n_layers):  # random biases too, so nothing is special about 0
        net.biases[l] = rng.normal(0, 0.5, net.biases[l].shape)
    shape = (sizes[0],) if seed % 2 else (3, sizes[0])
    x = rng.normal(size=shape)
    if output == "softmax":
        target = rng.dirichlet(np.ones(sizes[-1]), size=shape[:-1] or None)
    else:
        target = rng.uniform(size=shape[:-1] + (sizes[-1],))
    trace = bl.forward(net, x)
    if loss == "cross_entropy" and output not in ("sigmoid", "softmax"):
        with pytest.raises(ValueError, match=f"needs a sigmoid or softmax output layer, got '{output}'"):
            bl.backward(net, trace, target, loss=loss)
        return
    analytic = bl.backward(net, trace, target, loss=loss)
    numeric = bl.numerical_gradients(net, x, target, loss=loss)
    assert bl.relative_error(analytic, numeric) < 1e-7
    assert analytic.loss == pytest.approx(numeric.loss, rel=1e-14)


def test_mixed_activations_match_central_differences():
    net = bl.Network([2, 3, 3, 2], activation=["relu", "tanh", "sigmoid"], seed=4)
    x, target = [[0.3, -0.8], [1.2, 0.4]], [[0.1, 0.9], [0.5, 0.5]]
    analytic = bl.backward(net, bl.forward(net, x), target)
    assert bl.relative_error(analytic, bl.numerical_gradients(net, x, target)) < 1e-7


def test_relative_error_catches_a_sign_slip(seed3):
    grads = bl.backward(seed3, bl.forward(seed3, [0.2]), [0.7])
    assert bl.relative_error(grads.weights[1], -grads.weights[1]) == 1.0


@pytest.mark.parametrize("name", sorted(bl.ACTIVATIONS))
def test_activations_are_quiet_and_finite_far_out(name):
    act = bl.ACTIVATIONS[name]
    net = np.array([-1e6, -800.0, -1.0, 0.0, 1.0, 800.0, 1e6])
    o = act.f(net)  # filterwarnings=error turns any overflow warning into a failure
    delta = act.backprop(net, o, np.ones_like(net))
    assert np.all(np.isfinite(o)) and np.all(np.isfinite(delta))


def test_softmax_rows_sum_to_one_and_backprop_is_the_jacobian():
    softmax = bl.ACTIVATIONS["softmax"]
    net = np.array([[0.5, -1.0, 2.0], [800.0, -800.0, 0.0]])
    o = softmax.f(net)
    np.testing.assert_allclose(o.sum(axis=1), [1.0, 1.0], rtol=1e-15)
    np.testing.assert_allclose(o[0], np.exp(net[0]) / np.exp(net[0]).sum(), rtol=1e-14)
    g = np.array([0.3, -0.2, 0.7])
    jacobian = np.diag(o[0]) - np.outer(o[0], o[0])  # ∂o_k/∂net_i
    np.testing.assert_allclose(softmax.backprop(net[0], o[0], g), jacobian.T @ g, rtol=1e-13)


def test_softmax_only_in_the_output_layer():
    with pytest.raises(ValueError,
                       match="'softmax' is allowed only in the last weight layer .* weight layer 0 of 2"):
        bl.Network([2, 3, 2], activation="softmax")
    assert bl.Network([2, 3, 2], activation=["tanh", "softmax"]).activations == ("tanh", "softmax")


@pytest.mark.parametrize("output, K", [("sigmoid", 1), ("sigmoid", 3), ("softmax", 3)])
def test_cross_entropy_is_finite_when_saturated(output, K):
    """net = ±800: E is computed from the net inputs, δ = o − T; no NaN, no inf, no warning."""
    weights = np.full((K, 1), 800.0) * [[1.0], [-1.0], [0.5]][:K]
    net = bl.Network.from_weights([weights], [np.zeros(K)], output)
    trace = bl.forward(net, [1.0])
    T = np.eye(K)[K - 1] if output == "softmax" else np.zeros(K)
    grads = bl.backward(net, trace, T, loss="cross_entropy")
    assert np.isfinite(grads.loss) and grads.loss > 100  # confidently wrong: a large but finite loss
    np.testing.assert_array_equal(grads.deltas[0], trace.output - T)
    if output == "sigmoid" and K == 1:
        assert grads.loss == 800.0  # softplus(800) − 0 · 800


def test_cross_entropy_values():
    sigmoid = bl.Network.from_weights([[[1.0]]], [[0.0]])
    trace = bl.forward(sigmoid, [0.5])  # o = σ(0.5)
    o = 1 / (1 + np.exp(-0.5))
    expected = -(0.8 * np.log(o) + 0.2 * np.log(1 - o))
    assert bl.loss(trace, [0.8], "cross_entropy") == pytest.approx(expected, rel=1e-14)
    softmax = bl.Network.from_weights([[[1.0], [2.0], [0.0]]], [[0.0, 0.0, 0.0]], "softmax")
    trace = bl.forward(softmax, [[1.0], [-1.0]])
    o = trace.output
    expected = np.mean([-np.log(o[0, 1]), -np.log(o[1, 2])])
    assert bl.loss(trace, [[0, 1, 0], [0, 0, 1]], "cross_entropy") == pytest.approx(expected, rel=1e-14)
    grads = bl.backward(softmax, trace, [[0, 1, 0], [0, 0, 1]], "cross_entropy")
    np.testing.assert_allclose(grads.deltas[0], (o - [[0, 1, 0], [0, 0, 1]]) / 2, rtol=1e-14)


@pytest.mark.parametrize(
    "activation, target, message",
    [
        ("tanh", [0.5], "needs a sigmoid or softmax output layer, got 'tanh'"),
        ("sigmoid", [1.5], r"target must lie in \[0, 1\] for cross_entropy .* from 1.5 to 1.5"),
        ("softmax", [0.5, 0.2], "target rows must sum to 1 .* a row summing to 0.7"),
    ],
)
def test_cross_entropy_refuses_what_it_cannot_mean(activation, target, message):
    K = len(target)
    net = bl.Network([1, K], activation=activation, seed=0)
    with pytest.raises(ValueError, match=message):
        bl.backward(net, bl.forward(net, [0.3]), target, loss="cross_entropy")


def test_sigmoid_values():
    f, f_prime = bl.ACTIVATIONS["sigmoid"].f, bl.ACTIVATIONS["sigmoid"].f_prime
    np.testing.assert_array_equal(f(np.array([0.0, 1e6])), [0.5, 1.0])
    assert 0.0 <= f(np.array(-1e6)) < 1e-300
    assert f(np.array(-30.0)) == pytest.approx(9.357622968839299e-14, rel=1e-12)  # not rounded to 0
    assert f_prime(np.array(0.0), f(np.array(0.0))) == 0.25


def test_relu_derivative_at_zero_is_zero():
    f_prime = bl.ACTIVATIONS["relu"].f_prime
    np.testing.assert_array_equal(f_prime(np.array([-1.0, 0.0, 2.0]), None), [0.0, 0.0, 1.0])


def test_network_init_is_deterministic_and_glorot():
    a, b = bl.Network([2, 16, 1], seed=7), bl.Network([2, 16, 1], seed=7)
    assert a == b and a != bl.Network([2, 16, 1], seed=8)
    assert np.abs(a.weights[0]).max() <= np.sqrt(6 / 18)
    assert all(np.all(v == 0) for v in a.biases)
    assert [w.dtype for w in a.weights] == [np.float64, np.float64]


def test_to_dict_round_trip_is_exact_through_json():
    net = bl.Network([3, 5, 2], activation=["tanh", "sigmoid"], seed=11)
    net.biases[0][:] = [0.1, 1e-17, -3.3, 2.0 / 3.0, np.pi]
    again = bl.Network.from_dict(json.loads(json.dumps(net.to_dict())))
    assert again == net and again is not net


def test_sgd_step_leaves_the_old_network_alone(seed3):
    before = seed3.copy()
    grads = bl.backward(seed3, bl.forward(seed3, [0.2]), [0.7])
    bl.sgd_step(seed3, grads, 0.5)
    assert seed3 == before


def test_copy_is_deep(seed3):
    twin = seed3.copy()
    twin.weights[0][0, 0] = 9.0
    assert seed3.weights[0][0, 0] == 0.2


def test_xor_trains_below_0_01():
    X, Y = bl.datasets.xor()
    history = bl.train(bl.Network([2, 2, 1], seed=1), X, Y, lr=5.0, epochs=2000, grad_norms=True)
    assert not history.diverged
    assert history.losses[-1] < 0.01
    assert history.losses[0] > 0.12  # it really learned: at the start it is near 0.125
    assert bl.accuracy(history.network, X, Y) == 1.0
    assert history.grad_norms.shape == (2000, 2)


def test_training_is_deterministic_under_a_seed():
    X, Y = bl.datasets.moons(60, seed=2)
    runs = [bl.train(bl.Network([2, 4, 1], seed=5), X, Y, lr=1.0, epochs=30, batch_size=8, seed=9)
            for _ in range(2)]
    np.testing.assert_array_equal(runs[0].losses, runs[1].losses)
    assert runs[0].network == runs[1].network
    other = bl.train(bl.Network([2, 4, 1], seed=5), X, Y, lr=1.0, epochs=30, batch_size=8, seed=10)
    assert not np.array_equal(other.losses, runs[0].losses)


def test_full_batch_training_equals_repeated_sgd_steps():
    X, Y = bl.datasets.xor()
    net = bl.Network([2, 3, 1], seed=2)
    history = bl.train(net, X, Y, lr=0.7, epochs=3)
    by_hand, losses = net, []
    for _ in range(3):
        grads = bl.backward(by_hand, bl.forward(by_hand, X), Y)
        losses.append(grads.loss)
        by_hand = bl.sgd_step(by_hand, grads, 0.7)
    np.testing.assert_allclose(history.losses, losses, rtol=1e-14)
    for w1, w2 in zip(history.network.weights, by_hand.weights):
        np.testing.assert_allclose(w1, w2, rtol=1e-14)


def test_divergence_is_reported_not_returned_as_nan():
    X = np.array([[1.0], [2.0], [3.0]])
    Y = np.array([[2.0], [4.0], [6.0]])
    net = bl.Network.from_weights([[[0.5]]], [[0.0]], activation="linear")
    history = bl.train(net, X, Y, lr=50.0, epochs=1000)
    assert history.diverged
    assert "diverged" in history.message and "learning rate" in history.message
    assert 1 < history.epochs < 1000
    assert np.all(np.isfinite(history.losses))
    assert all(np.all(np.isfinite(w)) for w in history.network.weights)
    # a small learning rate converges on the same problem
    assert bl.train(net, X, Y, lr=0.2, epochs=500).losses[-1] < 1e-10


def test_datasets_are_seeded_and_shaped():
    for name, make in bl.datasets.DATASETS.items():
        X, Y = make()
        assert X.ndim == 2 and X.shape[1] == 2 and Y.shape == (X.shape[0], 1), name
        assert set(np.unique(Y)) <= {0.0, 1.0}
    for make in (bl.datasets.circles, bl.datasets.moons, bl.datasets.spiral):
        X1, Y1 = make(50, noise=0.2, seed=3)
        X2, _ = make(50, noise=0.2, seed=3)
        np.testing.assert_array_equal(X1, X2)
        assert X1.shape == (50, 2) and Y1.sum() == 25
        assert np.abs(X1).max() < 2.5
    assert bl.datasets.and_()[1].ravel().tolist() == [0, 0, 0, 1]
    assert bl.datasets.or_()[1].ravel().tolist() == [0, 1, 1, 1]
