"""Every malformed argument gets a ValueError or TypeError that names it and says what was expected."""

import re

import numpy as np
import pytest

import backprop_lab as bl

NET = bl.Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
NET22 = bl.Network([2, 2, 1], seed=0)
TANH = bl.Network([1, 1], activation="tanh", seed=0)
GRADS = bl.backward(NET, bl.forward(NET, [0.2]), [0.7])
X, Y = bl.datasets.xor()
LOSS_NAMES = "['cross_entropy', 'half_sse', 'mse', 'sse']"
NOT_FINITE = "contains NaN or infinity; every value must be finite"


# Each message is matched literally (re.escape): the argument's name, what was expected and, where the
# message gives it, what was passed instead. A ragged list's message ends in numpy's own words, left out.
@pytest.mark.parametrize(
    "call, error, message",
    [
        # network construction
        (lambda: bl.Network([3]), ValueError, "sizes needs at least two layers (input and output), got [3]"),
        (lambda: bl.Network([]), ValueError, "sizes needs at least two layers (input and output), got []"),
        (lambda: bl.Network(3), TypeError, "sizes must be a list of layer widths, got int"),
        (lambda: bl.Network([2, 0, 1]), ValueError, "sizes[1] must be at least 1, got 0"),
        (lambda: bl.Network([2, 1.5, 1]), TypeError, "sizes[1] must be an integer, got float"),
        (lambda: bl.Network([2, 3, 2], activation="softmax"), ValueError,
         "activation 'softmax' is allowed only in the last weight layer (the output),"
         " got it for weight layer 0 of 2"),
        (lambda: bl.Network([2, 2, 1], activation=["softmax", "sigmoid"]), ValueError,
         "activation 'softmax' is allowed only in the last weight layer (the output),"
         " got it for weight layer 0 of 2"),
        (lambda: bl.Network([2, 2, 1], activation=["tanh"]), ValueError,
         "activation lists 1 names but the network has 2 weight layers; give one name per weight layer"),
        (lambda: bl.Network([2, 2, 1], activation=3), TypeError,
         "activation must be a name or a list of names, got int"),
        (lambda: bl.Network([2, 2, 1], activation="bogus"), ValueError,
         "unknown activation 'bogus'; expected one of ['linear', 'relu', 'sigmoid', 'softmax', 'tanh']"),
        (lambda: bl.Network.from_weights([[[1, 2]], [[1, 2]]], [[0], [0]]), ValueError,
         "weights[1] has shape (1, 2): its 2 columns must match the 1 rows of weights[0]"
         " (layers must chain)"),
        (lambda: bl.Network.from_weights([[[1.0]]], [[0.0, 1.0]]), ValueError,
         "biases[0] must have shape (1,) to match weights[0], got (2,)"),
        (lambda: bl.Network.from_weights([[[1.0]]], [[0.0], [0.0]]), ValueError,
         "biases has 2 layers but weights has 1"),
        (lambda: bl.Network.from_weights([[[1.0], [2.0, 3.0]]], [[0.0, 0.0]]), ValueError,
         "weights[0] is ragged: every row must have the same length"),
        (lambda: bl.Network.from_weights([[["a"]]], [[0.0]]), TypeError,
         "weights[0] must hold real numbers, got dtype <U1"),
        (lambda: bl.Network.from_weights([[[np.nan]]], [[0.0]]), ValueError, f"weights[0] {NOT_FINITE}"),
        (lambda: bl.Network.from_weights([[[1.0]]], [[np.inf]]), ValueError, f"biases[0] {NOT_FINITE}"),
        (lambda: bl.Network.from_weights([np.zeros((0, 1))], [np.zeros(0)]), ValueError,
         "weights[0] has a zero-width layer: shape (0, 1)"),
        (lambda: bl.Network.from_weights([], []), ValueError, "weights needs at least one layer"),
        (lambda: bl.Network.from_weights("w", []), TypeError,
         "weights must be a list with one array per layer, got str"),
        (lambda: bl.Network.from_weights([[1.0]], [[0.0]]), ValueError,
         "weights[0] must have 2 dimension(s), got shape (1,)"),
        (lambda: bl.examples.CHAIN.network().scaled("2"), TypeError,
         "factor must be numbers or an array of numbers, got str"),
        # dicts
        (lambda: bl.Network.from_dict([1, 2]), TypeError,
         "d must be a dict as made by Network.to_dict, got list"),
        (lambda: bl.Network.from_dict({"weights": [[[1.0]]]}), ValueError,
         "d is missing the key(s) ['biases', 'activations']; expected a dict made by Network.to_dict"),
        (lambda: bl.Network.from_dict({**NET.to_dict(), "sizes": [1, 2, 1]}), ValueError,
         "d['sizes'] is [1, 2, 1] but the weights give [1, 1, 1]"),
        (lambda: bl.Network.from_dict({**NET.to_dict(), "format": "other"}), ValueError,
         "d['format'] must be 'backprop_lab.Network', got 'other'"),
        (lambda: bl.Network.from_dict({**NET.to_dict(), "activations": ["sigmoid"]}), ValueError,
         "activation lists 1 names but the network has 2 weight layers"),
        # forward
        (lambda: bl.forward(NET22, [1.0, 2.0, 3.0]), ValueError,
         "x must have 2 input value(s) per sample (shape (2,) or (B, 2)), got shape (3,)"),
        (lambda: bl.forward(NET22, [[1.0, 2.0, 3.0]]), ValueError,
         "x must have 2 input value(s) per sample (shape (2,) or (B, 2)), got shape (1, 3)"),
        (lambda: bl.forward(NET22, [1.0, np.nan]), ValueError, f"x {NOT_FINITE}"),
        (lambda: bl.forward(NET22, [[1.0, 2.0], [1.0]]), ValueError,
         "x is ragged: every row must have the same length"),
        (lambda: bl.forward(NET22, "12"), TypeError, "x must be numbers or an array of numbers, got str"),
        (lambda: bl.forward(NET22, [["a", "b"]]), TypeError, "x must hold real numbers, got dtype <U1"),
        (lambda: bl.forward(NET22, np.zeros((0, 2))), ValueError,
         "x must hold at least one sample, got shape (0, 2)"),
        (lambda: bl.forward(NET22, np.zeros((1, 1, 2))), ValueError,
         "x must have 0, 1 or 2 dimension(s), got shape (1, 1, 2)"),
        (lambda: bl.forward("net", [1.0, 2.0]), TypeError, "net must be a backprop_lab.Network, got str"),
        # backward and loss
        (lambda: bl.backward(NET, bl.forward(NET, [0.2]), [0.7, 0.1]), ValueError,
         "target must have the network output's shape (1,), got shape (2,)"),
        (lambda: bl.backward(NET22, bl.forward(NET22, X), [0.0, 1.0]), ValueError,
         "target must have the network output's shape (4, 1), got shape (2,)"),
        (lambda: bl.backward(NET22, bl.forward(NET22, X), np.zeros((3, 1))), ValueError,
         "target has 3 samples but the input has 4"),
        (lambda: bl.backward(NET22, bl.forward(NET22, X), np.zeros((4, 2))), ValueError,
         "target must have the network output's shape (4, 1), got shape (4, 2)"),
        (lambda: bl.backward(NET, bl.forward(NET, [0.2]), [np.inf]), ValueError, f"target {NOT_FINITE}"),
        (lambda: bl.backward(NET, bl.forward(NET, [0.2]), [0.7], loss="hinge"), ValueError,
         f"unknown loss 'hinge'; expected one of {LOSS_NAMES}"),
        (lambda: bl.backward(NET, {"output": 1}, [0.7]), TypeError,
         "trace must be the Trace returned by forward(net, x), got dict"),
        (lambda: bl.backward(NET22, bl.forward(NET, [0.2]), [0.7]), ValueError,
         "trace does not match net: compute it with forward(net, x) on this network"),
        (lambda: bl.loss([0.5], [0.7], kind="l1"), ValueError,
         f"unknown kind 'l1'; expected one of {LOSS_NAMES}"),
        (lambda: bl.loss([0.5, 0.5], [0.7], kind="sse"), ValueError,
         "target must have the network output's shape (2,), got shape (1,)"),
        # cross-entropy: only for sigmoid or softmax outputs, with probabilities as targets
        (lambda: bl.loss([0.5], [0.7], kind="cross_entropy"), ValueError,
         "loss 'cross_entropy' of plain outputs needs activation='sigmoid' or 'softmax',"
         " got activation=None"),
        (lambda: bl.loss([0.5], [0.7], kind="cross_entropy", activation="tanh"), ValueError,
         "loss 'cross_entropy' of plain outputs needs activation='sigmoid' or 'softmax',"
         " got activation='tanh'"),
        (lambda: bl.backward(TANH, bl.forward(TANH, [0.2]), [0.7], loss="cross_entropy"), ValueError,
         "loss 'cross_entropy' needs a sigmoid or softmax output layer, got 'tanh';"
         " use a squared-error loss ('half_sse', 'sse', 'mse') for other outputs"),
        (lambda: bl.backward(NET, bl.forward(NET, [0.2]), [1.5], loss="cross_entropy"), ValueError,
         "target must lie in [0, 1] for cross_entropy (they are probabilities), got values from 1.5 to 1.5"),
        (lambda: bl.loss([0.5, 0.5], [-0.2, 1.0], kind="cross_entropy", activation="sigmoid"), ValueError,
         "target must lie in [0, 1] for cross_entropy (they are probabilities), got values from -0.2 to 1"),
        (lambda: bl.loss([0.2, 0.8], [0.5, 0.7], kind="cross_entropy", activation="softmax"), ValueError,
         "target rows must sum to 1 for a softmax output with cross_entropy (one-hot or probabilities),"
         " got a row summing to 1.2"),
        (lambda: bl.loss([1.2, 0.8], [0.5, 0.5], kind="cross_entropy", activation="sigmoid"), ValueError,
         "prediction must lie in [0, 1] for cross_entropy, got 0.8 to 1.2"),
        # sgd_step, clipping and gradient checking
        (lambda: bl.sgd_step(NET, GRADS, 0), ValueError, "lr must be a finite number > 0, got 0.0"),
        (lambda: bl.sgd_step(NET, GRADS, -0.1), ValueError, "lr must be a finite number > 0, got -0.1"),
        (lambda: bl.sgd_step(NET, GRADS, np.nan), ValueError, "lr must be a finite number > 0, got nan"),
        (lambda: bl.sgd_step(NET, GRADS, "0.1"), TypeError, "lr must be a real number, got str"),
        (lambda: bl.sgd_step(NET22, GRADS, 0.1), ValueError,
         "grads do not match net's shapes: compute them with backward() on this network"),
        (lambda: bl.sgd_step(NET, [0.1], 0.1), TypeError,
         "grads must be the Gradients returned by backward(), got list"),
        (lambda: GRADS.clipped(by="max", c=1), ValueError, "by must be 'value' or 'norm', got 'max'"),
        (lambda: GRADS.clipped(by="norm", c=0), ValueError, "c must be a finite number > 0, got 0.0"),
        (lambda: GRADS.clipped(by="value", c=-1), ValueError, "c must be a finite number > 0, got -1.0"),
        (lambda: bl.numerical_gradients(NET, [0.2], [0.7], eps=0), ValueError,
         "eps must be a finite number > 0, got 0.0"),
        (lambda: bl.chain_factors(bl.Network([2, 1], seed=0), [0.1, 0.2], [0.7]), ValueError,
         "net must be a single neuron (sizes (1, 1), element-wise activation), got <Network 2-1 sigmoid>"),
        (lambda: bl.chain_factors(bl.Network([1, 1], seed=0), 0.1, 0.7, loss="cross_entropy"), ValueError,
         "loss must be a squared error ('half_sse', 'sse' or 'mse') for chain_factors, got 'cross_entropy'"),
        # train and the Trainer
        (lambda: bl.train(NET22, X, Y, lr=0, epochs=5), ValueError,
         "lr must be a finite number > 0, got 0.0"),
        (lambda: bl.train(NET22, X, Y, lr=float("inf"), epochs=5), ValueError,
         "lr must be a finite number > 0, got inf"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=0), ValueError, "epochs must be at least 1, got 0"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=2.5), TypeError,
         "epochs must be an integer, got float"),
        (lambda: bl.train(NET22, X, Y[:3], lr=0.1, epochs=5), ValueError,
         "Y has 3 samples but the input has 4"),
        (lambda: bl.train(NET22, X[:, :1], Y, lr=0.1, epochs=5), ValueError,
         "X must have 2 input value(s) per sample (shape (2,) or (B, 2)), got shape (4, 1)"),
        (lambda: bl.train(NET22, X[0], Y[0], lr=0.1, epochs=5), ValueError,
         "X must be a batch of shape (B, 2), got shape (2,)"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=5, batch_size=0), ValueError,
         "batch_size must be at least 1, got 0"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=5, loss="hinge"), ValueError,
         f"unknown loss 'hinge'; expected one of {LOSS_NAMES}"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=5, optimizer="rmsprop"), ValueError,
         "unknown optimizer 'rmsprop'; expected one of ['adam', 'momentum', 'sgd']"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=5, clip_value=-1), ValueError,
         "clip_value must be a finite number > 0, got -1.0"),
        (lambda: bl.train(NET22, X, Y, lr=0.1, epochs=5, schedule=0.5), TypeError,
         "schedule must be callable as schedule(epoch, lr), got 0.5"),
        (lambda: bl.Trainer(NET22, X, Y, lr=0.1).configure(lr=-1), ValueError,
         "lr must be a finite number > 0, got -1.0"),
        (lambda: bl.Trainer(NET22, X, Y, lr=0.1).configure(batch_size=-1), ValueError,
         "batch_size must be at least 1, got -1"),
        # the loss landscape: which weight
        (lambda: bl.landscape.loss_along_weight(NET22, [0.1, 0.2], [0.7], 2, 0, 0, [0.1]), ValueError,
         "layer must be a weight layer from 0 to 1, got 2"),
        (lambda: bl.landscape.loss_along_weight(NET22, [0.1, 0.2], [0.7], 0, 2, 0, [0.1]), ValueError,
         "j must be a neuron from 0 to 1, got 2"),
        (lambda: bl.landscape.loss_along_weight(NET22, [0.1, 0.2], [0.7], 0, 1, 5, [0.1]), ValueError,
         "i must be an input from 0 to 1 (or 'b' for the bias), got 5"),
        # datasets and optimizers
        (lambda: bl.datasets.circles(n=1), ValueError, "n must be at least 2, got 1"),
        (lambda: bl.datasets.moons(noise=-0.1), ValueError, "noise must be a finite number >= 0, got -0.1"),
        (lambda: bl.Adam(beta1=1.0), ValueError, "beta1 must be in [0, 1), got 1.0"),
        (lambda: bl.Momentum(beta=-0.5), ValueError, "beta must be a finite number >= 0, got -0.5"),
        (lambda: bl.StepDecay(every=0), ValueError, "every must be a whole number of epochs >= 1, got 0"),
        (lambda: bl.clip_by_norm([np.ones(2)], 0), ValueError,
         "max_norm must be a finite number > 0, got 0.0"),
    ],
)
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()


def test_single_number_conveniences_are_exact():
    """A bare number is accepted only where it cannot be ambiguous."""
    a = bl.backward(NET, bl.forward(NET, 0.2), 0.7)
    b = bl.backward(NET, bl.forward(NET, [0.2]), [0.7])
    assert a.weights[1][0, 0] == b.weights[1][0, 0]
    batch = bl.backward(NET22, bl.forward(NET22, X), Y.ravel())  # (B,) for one output
    assert batch.loss == bl.backward(NET22, bl.forward(NET22, X), Y).loss
