"""The planted bugs of backprop_lab.exercises.slips: each does exactly its one wrong thing, and the
gradient check catches it with the relative errors notebook 07 quotes.

The expected values come from hand formulas on the notation card, not from the engine.
"""

import numpy as np
import pytest

import backprop_lab as bl
from backprop_lab.exercises import slips


def sig(z):
    return 1 / (1 + np.exp(-z))


EX = bl.examples.NET_2_2_2
NET = EX.network()
TRACE = bl.forward(NET, EX.x)
W2 = np.array(EX.weights[1])
X = np.array(EX.x)
O1 = sig(np.array(EX.weights[0]) @ X + np.array(EX.biases[0]))
O2 = sig(W2 @ O1 + np.array(EX.biases[1]))
D2 = (O2 - np.array(EX.T)) * O2 * (1 - O2)
D1 = O1 * (1 - O1) * (W2.T @ D2)

# notebook 07's 2-3-2 tanh network
TANH = bl.Network([2, 3, 2], activation="tanh", seed=0)
TX, TT = [0.5, -0.3], [0.2, 0.8]


def slipped(bug, net=NET, x=EX.x, T=EX.T):
    return bug(net, bl.forward(net, x), T)


def test_the_right_backward_pass_agrees_with_the_hand_formulas():
    grads = bl.backward(NET, TRACE, EX.T)
    assert np.allclose(grads.deltas[1], D2) and np.allclose(grads.deltas[0], D1)


@pytest.mark.parametrize("bug, hidden, output", [
    (slips.backward_without_hidden_f_prime, W2.T @ D2, D2),
    (slips.backward_with_untransposed_weights, O1 * (1 - O1) * (W2 @ D2), D2),
    (slips.backward_without_output_f_prime, O1 * (1 - O1) * (W2.T @ (O2 - EX.T)), O2 - np.array(EX.T)),
    (slips.backward_with_flipped_sign, -D1, -D2),
])
def test_each_bug_changes_the_deltas_as_described(bug, hidden, output):
    grads = slipped(bug)
    assert np.allclose(grads.deltas[0], hidden) and np.allclose(grads.deltas[1], output)
    assert np.allclose(grads.weights[1], np.outer(output, O1)) and np.allclose(grads.biases[0], hidden)


def test_relative_errors_notebook_07_quotes():
    numeric = bl.numerical_gradients(NET, EX.x, EX.T)
    assert round(bl.relative_error(slipped(slips.backward_with_untransposed_weights), numeric), 4) == 0.0716
    tanh_numeric = bl.numerical_gradients(TANH, TX, TT)
    missing = slipped(slips.backward_without_hidden_f_prime, TANH, TX, TT)
    assert round(bl.relative_error(missing, tanh_numeric), 4) == 0.0238
    assert bl.relative_error(slipped(slips.backward_with_flipped_sign), numeric) == pytest.approx(1.0)
    assert bl.relative_error(bl.backward(NET, TRACE, EX.T), numeric) < 1e-7


def test_bugs_that_hide():
    chain = bl.examples.CHAIN
    net = chain.network()
    right = bl.backward(net, bl.forward(net, chain.x), chain.T)
    # W and Wᵀ are the same 1×1 number; one sample has no 1/B to forget
    for bug in (slips.backward_with_untransposed_weights, slips.backward_without_batch_mean):
        assert bl.relative_error(bug(net, bl.forward(net, chain.x), chain.T), right) == 0.0
    # with cross-entropy the output f′ really cancels
    trace = bl.forward(NET, EX.x)
    assert bl.relative_error(slips.backward_without_output_f_prime(NET, trace, EX.T, loss="cross_entropy"),
                             bl.backward(NET, trace, EX.T, loss="cross_entropy")) == 0.0


def test_batch_mean_and_bias_gradient():
    X4, T4 = bl.datasets.xor()
    net = bl.Network([2, 3, 1], seed=1)
    trace = bl.forward(net, X4)
    right = bl.backward(net, trace, T4)
    summed = slips.backward_without_batch_mean(net, trace, T4)
    assert len(X4) == 4 and all(np.allclose(s, 4 * r) for s, r in zip(summed.weights, right.weights))
    no_bias = slips.backward_without_bias_gradient(net, trace, T4)
    assert all(not b.any() for b in no_bias.biases)
    assert all(np.array_equal(a, b) for a, b in zip(no_bias.weights, right.weights))
    assert no_bias.loss == right.loss


def test_untransposed_weights_need_square_weights():
    net = bl.Network([2, 3, 1], seed=0)
    with pytest.raises(ValueError, match=r"W instead of Wᵀ only runs where the weights are square;"
                                         r" weights\[1\] has shape \(1, 3\)"):
        slips.backward_with_untransposed_weights(net, bl.forward(net, [0.1, 0.2]), [0.5])


def test_slips_check_their_arguments_as_backward_does():
    with pytest.raises(TypeError, match="net must be a backprop_lab.Network, got list"):
        slips.backward_without_hidden_f_prime([1], TRACE, EX.T)
    with pytest.raises(ValueError, match="target must have the network output's shape"):
        slips.backward_with_flipped_sign(NET, TRACE, [0.1, 0.2, 0.3])


def test_the_table_of_slips():
    assert list(slips.SLIPS) == ["no hidden f′", "W instead of Wᵀ", "no output f′", "sign flipped", "no 1/B",
                                 "no bias gradient"]
    for bug, words in slips.SLIPS.values():
        assert bug.__doc__.startswith("Bug: ") and words
        assert isinstance(slipped(bug), bl.Gradients)
    assert bl.exercises.slips is slips
