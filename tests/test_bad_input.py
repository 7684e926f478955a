"""Every malformed argument gets a ValueError or TypeError that names it."""

import numpy as np
import pytest

import backprop_lab as bl

NET = bl.Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
NET22 = bl.Network([2, 2, 1], seed=0)
X, Y = bl.datasets.xor()


@pytest.mark.parametrize(
    "call, error, words",
    [
        # network construction
        (lambda: bl.Network([3]), ValueError, "sizes"),
        (lambda: bl.Network([]), ValueError, "sizes"),
        (lambda: bl.Network(3), TypeError, "sizes"),
        (lambda: bl.Network([2, 0, 1]), ValueError, "sizes"),
        (lambda: bl.Network([2, 1.5, 1]), TypeError, "sizes"),
        (lambda: bl.Network([2, 2, 1], activation="softmax"), ValueError, "activation"),
        (lambda: bl.Network([2, 2, 1], activation=["tanh"]), ValueError, "activation"),
        (lambda: bl.Network([2, 2, 1], activation=3), TypeError, "activation"),
        (lambda: bl.Network.from_weights([[[1, 2]], [[1, 2]]], [[0], [0]]), ValueError, "weights[1]"),
        (lambda: bl.Network.from_weights([[[1.0]]], [[0.0, 1.0]]), ValueError, "biases[0]"),
        (lambda: bl.Network.from_weights([[[1.0]]], [[0.0], [0.0]]), ValueError, "biases"),
        (lambda: bl.Network.from_weights([[[1.0], [2.0, 3.0]]], [[0.0, 0.0]]), ValueError, "weights[0]"),
        (lambda: bl.Network.from_weights([[["a"]]], [[0.0]]), TypeError, "weights[0]"),
        (lambda: bl.Network.from_weights([[[np.nan]]], [[0.0]]), ValueError, "weights[0]"),
        (lambda: bl.Network.from_weights([[[1.0]]], [[np.inf]]), ValueError, "biases[0]"),
        (lambda: bl.Network.from_weights([np.zeros((0, 1))], [np.zeros(0)]), ValueError, "zero-width"),
        (lambda: bl.Network.from_weights([], []), ValueError, "weights"),
        (lambda: bl.Network.from_weights("w", []), TypeError, "weights"),
        (lambda: bl.Network.from_weights([[1.0]], [[0.0]]), ValueError, "weights[0]"),
        # dicts
        (lambda: bl.Network.from_dict([1, 2]), TypeError, "dict"),
        (lambda: bl.Network.from_dict({"weights": [[[1.0]]]}), ValueError, "missing"),
        (lambda: bl.Network.from_dict({**NET.to_dict(), "sizes": [1, 2, 1]}), ValueError, "sizes"),
        (lambda: bl.Network.from_dict({**NET.to_dict(), "format": "other"}), ValueError, "format"),
        (lambda: bl.Network.from_dict({**NET.to_dict(), "activations": ["sigmoid"]}), ValueError, "activation"),
        # forward
        (lambda: bl.forward(NET22, [1.0, 2.0, 3.0]), ValueError, "x"),
        (lambda: bl.forward(NET22, [[1.0, 2.0, 3.0]]), ValueError, "x"),
        (lambda: bl.forward(NET22, [1.0, np.nan]), ValueError, "x"),
        (lambda: bl.forward(NET22, [[1.0, 2.0], [1.0]]), ValueError, "ragged"),
        (lambda: bl.forward(NET22, "12"), TypeError, "x"),
        (lambda: bl.forward(NET22, [["a", "b"]]), TypeError, "x"),
        (lambda: bl.forward(NET22, np.zeros((0, 2))), ValueError, "x"),
        (lambda: bl.forward(NET22, np.zeros((1, 1, 2))), ValueError, "x"),
        (lambda: bl.forward("net", [1.0, 2.0]), TypeError, "net"),
        # backward and loss
        (lambda: bl.backward(NET, bl.forward(NET, [0.2]), [0.7, 0.1]), ValueError, "target"),
        (lambda: bl.backward(NET22, bl.forward(NET22, X), [0.0, 1.0]), ValueError, "target"),
        (lambda: bl.backward(NET22, bl.forward(NET22, X), np.zeros((3, 1))), ValueError, "target"),
        (lambda: bl.backward(NET22, bl.forward(NET22, X), np.zeros((4, 2))), ValueError, "target"),
        (lambda: bl.backward(NET, bl.forward(NET, [0.2]), [np.inf]), ValueError, "target"),
        (lambda: bl.backward(NET, bl.forward(NET, [0.2]), [0.7], loss="hinge"), ValueError, "loss"),
        (lambda: bl.backward(NET, {"output": 1}, [0.7]), TypeError, "trace"),
        (lambda: bl.backward(NET22, bl.forward(NET, [0.2]), [0.7]), ValueError, "trace"),
        (lambda: bl.loss([0.5], [0.7], kind="l1"), ValueError, "kind"),
        (lambda: bl.loss([0.5, 0.5], [0.7], kind="sse"), ValueError, "target"),
        # sgd_step and gradient checking
        (lambda: bl.sgd_step(NET, bl.backward(NET, bl.forward(NET, [0.2]), [0.7]), 0), ValueError, "lr"),
        (lambda: bl.sgd_step(NET, bl.backward(NET, bl.forward(NET, [0.2]), [0.7]), -0.1), ValueError, "lr"),
        (lambda: bl.sgd_step(NET, bl.backward(NET, bl.forward(NET, [0.2]), [0.7]), np.nan), ValueError, "lr"),
        (lambda: bl.sgd_step(NET, bl.backward(NET, bl.forward(NET, [0.2]), [0.7]), "0.1"), TypeError, "lr"),
        (lambda: bl.sgd_step(NET22, bl.backward(NET, bl.forward(NET, [0.2]), [0.7]), 0.1), ValueError, "grads"),
        (lambda: bl.sgd_step(NET, [0.1], 0.1), TypeError, "grads"),
        (lambda: bl.numerical_gradients(NET, [0.2], [0.7], eps=0), ValueError, "eps"),
        # train
        (lambda: bl.train(NET22, X, Y, lr=0, epochs=5), ValueError, "lr"),
        (lambda: bl.train(NET22, X, Y, lr=float("inf"), epochs=5), ValueError, "lr"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=0), ValueError, "epochs"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=2.5), TypeError, "epochs"),
        (lambda: bl.train(NET22, X, Y[:3], lr=0.1, epochs=5), ValueError, "Y"),
        (lambda: bl.train(NET22, X[:, :1], Y, lr=0.1, epochs=5), ValueError, "X"),
        (lambda: bl.train(NET22, X[0], Y[0], lr=0.1, epochs=5), ValueError, "X"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=5, batch_size=0), ValueError, "batch_size"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=5, loss="hinge"), ValueError, "loss"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=5, optimizer="rmsprop"), ValueError, "optimizer"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=5, clip_value=-1), ValueError, "clip_value"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=5, schedule=0.5), TypeError, "schedule"),
        # datasets and optimizers
        (lambda: bl.datasets.circles(n=1), ValueError, "n"),
        (lambda: bl.datasets.moons(noise=-0.1), ValueError, "noise"),
        (lambda: bl.Adam(beta1=1.0), ValueError, "beta1"),
        (lambda: bl.Momentum(beta=-0.5), ValueError, "beta"),
        (lambda: bl.StepDecay(every=0), ValueError, "every"),
        (lambda: bl.clip_by_norm([np.ones(2)], 0), ValueError, "max_norm"),
    ],
)
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert words in str(info.value)


def test_single_number_conveniences_are_exact():
    """A bare number is accepted only where it cannot be ambiguous."""
    a = bl.backward(NET, bl.forward(NET, 0.2), 0.7)
    b = bl.backward(NET, bl.forward(NET, [0.2]), [0.7])
    assert a.weights[1][0, 0] == b.weights[1][0, 0]
    batch = bl.backward(NET22, bl.forward(NET22, X), Y.ravel())  # (B,) for one output
    assert batch.loss == bl.backward(NET22, bl.forward(NET22, X), Y).loss
