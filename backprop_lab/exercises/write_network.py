"""Write-a-function checks for notebooks 04 and 08: the backward and forward pass of a 2-layer network.

Each check takes the student's function, calls it on a few inputs chosen to
expose slips and compares it with the engine (see :mod:`.functions`); the
backward pass's slips are those of :mod:`.slips`. Arrays follow the notation
card: ``W`` has shape (n_out, n_in), samples are rows of X.
"""

import numpy as np

from .. import examples
from ..activations import ACTIVATIONS
from ..gradcheck import numerical_gradients
from ..network import Network
from ..passes import backward, forward
from . import slips
from .functions import Case, FunctionExercise, Slip
from .write_deltas import rng_array

__all__ = ["check_backward_2_layer", "check_forward_2_layer", "check_parameter_count_function"]

_sigma = ACTIVATIONS["sigmoid"].f


# --- 04 · the backward pass of a 2-layer network; 08 · its forward pass ---


def _two_layer_cases(with_target=True):
    """(W1, b1, W2, b2, X[, T]) test inputs: the 2-2-2 example, square and non-square, B = 1 to 5."""
    ex = examples.NET_2_2_2
    first = [np.array(w) for w in ex.weights], [np.array(b) for b in ex.biases]
    out = [((first[0][0], first[1][0], first[0][1], first[1][1], np.array([ex.x])),
            np.array([ex.T]), "the 2-2-2 network, one sample")]
    for seed, (B, D, H, K), note in ((4, (3, 2, 2, 2), "a batch of 3, square weights, nonzero biases"),
                                     (5, (5, 3, 4, 2), "a batch of 5, W1 of shape (4, 3)"),
                                     (6, (4, 2, 3, 1), "a batch of 4, one output")):
        W1, b1 = rng_array(seed, (H, D)), rng_array(seed + 1, (H,), -0.5, 0.5)
        W2, b2 = rng_array(seed + 2, (K, H)), rng_array(seed + 3, (K,), -0.5, 0.5)
        X, T = rng_array(seed + 4, (B, D), -2.0, 2.0), rng_array(seed + 5, (B, K), 0.0, 1.0)
        out.append(((W1, b1, W2, b2, X), T, note))
    return tuple(Case(args + (T,) if with_target else args, note) for args, T, note in out)


def _as_net(W1, b1, W2, b2):
    return Network.from_weights([W1, W2], [b1, b2])


def _grads_tuple(grads):
    return grads.weights[0], grads.biases[0], grads.weights[1], grads.biases[1]


def check_backward_2_layer(fn):
    """Exercise: write ``my_backward(W1, b1, W2, b2, X, T)``, the whole backward pass of a 2-layer network.

    Signature: ``my_backward(W1, b1, W2, b2, X, T) -> (dW1, db1, dW2, db2)``.
    Sigmoid in both layers, E = the mean over the B samples of ½Σ_k(T_k − o_k)².
    W1 (H, D), b1 (H,), W2 (K, H), b2 (K,), X (B, D), T (B, K); return the
    gradients ∂E/∂W1 (H, D), ∂E/∂b1 (H,), ∂E/∂W2 (K, H), ∂E/∂b2 (K,).

    Recognises the slips of :mod:`.slips` -- hidden f′ missing, W where Wᵀ
    belongs, output f′ missing, the sign flipped, the 1/B missing, the bias
    gradients forgotten -- plus the biases left out of the forward pass and
    ∂E/∂W returned transposed; one δ per sample instead of the sum gets a
    shape message. A miss quotes the relative error against central differences.
    """
    def reference(W1, b1, W2, b2, X, T, bug=backward):
        net = _as_net(W1, b1, W2, b2)
        return _grads_tuple(bug(net, forward(net, X), T))

    def numeric(W1, b1, W2, b2, X, T):
        return _grads_tuple(numerical_gradients(_as_net(W1, b1, W2, b2), X, T))

    def variant(bug):
        return lambda *args: reference(*args, bug=bug)

    def no_bias(W1, b1, W2, b2, X, T):
        return reference(W1, 0 * b1, W2, 0 * b2, X, T)

    def transposed(*args):
        dW1, db1, dW2, db2 = reference(*args)
        return dW1.T, db1, dW2.T, db2

    words = {"no hidden f′": ("you left out f′ in the hidden δ", "δ1 = f′(net1) ⊙ (δ2 @ W2)."),
             "W instead of Wᵀ": ("you used W2 where W2ᵀ belongs in the hidden δ",
                                 "δ1 = o1(1 − o1) * (δ2 @ W2): column j of W2 leaves hidden neuron j."),
             "no output f′": ("you left out f′ in the output δ", "δ2 = (o2 − T)·o2(1 − o2) / B."),
             "sign flipped": ("every gradient has the wrong sign: (T − o) where (o − T) belongs",
                              "with δ = ∂E/∂net the output δ is (o − T)·f′(net)."),
             "no 1/B": ("your gradients are summed over the batch, not averaged",
                        "E is the mean over the B samples: divide the output δ by B."),
             "no bias gradient": ("you forgot the bias gradients", "∂E/∂b = δ summed over the samples.")}
    slip_list = tuple(Slip(*words[key], variant(bug)) for key, (bug, _) in slips.SLIPS.items()) + (
        Slip("you left the biases out of the forward pass", "net = X @ W.T + b: the biases change o, and so"
             " every δ.", no_bias),
        Slip("you returned ∂E/∂W transposed", "∂E/∂W has the shape of W: δᵀ @ o_in, (n_out, n_in).",
             transposed),
    )
    return FunctionExercise(
        "the gradients", ("W1", "b1", "W2", "b2", "X", "T"), reference, _two_layer_cases(), slip_list,
        hint="δ2 = (o2 − T)·o2(1 − o2) / B; δ1 = o1(1 − o1)·(δ2 @ W2); dW = δᵀ @ o_in; db = δ.sum(axis=0)",
        outputs=("dW1", "db1", "dW2", "db2"), numeric=numeric,
        shape_tip="W has shape (n_out, n_in); per sample in rows: net = X @ W.T + b, back: δ2 @ W2.",
    ).check(fn)


def check_forward_2_layer(fn):
    """Exercise: write ``my_predict(W1, b1, W2, b2, X)``, the outputs of a 2-layer sigmoid network.

    Signature: ``my_predict(W1, b1, W2, b2, X) -> O``; W1 (H, D), b1 (H,),
    W2 (K, H), b2 (K,), X (B, D) with one sample per row; return the
    outputs O = σ(σ(X W1ᵀ + b1) W2ᵀ + b2), shape (B, K).

    Recognises: biases left out; W where Wᵀ belongs; the output σ left out
    (net returned); the hidden σ left out; class labels (o > 0.5) instead of o.
    """
    def reference(W1, b1, W2, b2, X):
        return forward(_as_net(W1, b1, W2, b2), X).output

    def untransposed(W1, b1, W2, b2, X):
        return _sigma(_sigma(X @ W1 + b1) @ W2 + b2)

    def no_output_sigma(W1, b1, W2, b2, X):
        return forward(_as_net(W1, b1, W2, b2), X).nets[-1]

    xor = examples.XOR_BY_HAND
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    cases = (Case(tuple(np.array(a) for a in (xor.weights[0], xor.biases[0], xor.weights[1], xor.biases[1]))
                  + (corners,), "the hand-built XOR network at the 4 corners"),) + _two_layer_cases(False)
    slip_list = (
        Slip("you left out the biases", "net = X @ W.T + b.",
             lambda W1, b1, W2, b2, X: reference(W1, 0 * b1, W2, 0 * b2, X)),
        Slip("you used W where Wᵀ belongs", "with samples in rows, net = X @ W.T + b (W is (n_out, n_in)).",
             untransposed),
        Slip("you returned the output layer's net, not o = σ(net)", "apply σ in the output layer too.",
             no_output_sigma),
        Slip("you left out σ in the hidden layer", "o1 = σ(X @ W1.T + b1) is what the output layer receives.",
             lambda W1, b1, W2, b2, X: _sigma((X @ W1.T + b1) @ W2.T + b2)),
        Slip("you returned class labels", "return the outputs o themselves (probabilities), not o > 0.5.",
             lambda *a: (reference(*a) > 0.5).astype(float)),
    )
    return FunctionExercise("the outputs", ("W1", "b1", "W2", "b2", "X"), reference, cases, slip_list,
                            hint="O = σ(σ(X @ W1.T + b1) @ W2.T + b2)",
                            shape_tip="W has shape (n_out, n_in); with samples in rows, net = X @ W.T + b.",
                            ).check(fn)


def check_parameter_count_function(fn):
    """Exercise: write ``my_parameter_count(sizes)``, the number of weights and biases of a network.

    Signature: ``my_parameter_count(sizes) -> int``; `sizes` is a tuple of
    layer widths, input first, e.g. (2, 8, 8, 1).

    Recognises: biases left out; neurons counted; biases for the input layer;
    biases counted on the sending side (n_in instead of n_out).
    """
    def reference(sizes):
        return sum(w.size + b.size for w, b in zip(*_shapes(sizes)))

    def _shapes(sizes):
        net = Network(list(sizes), seed=0)
        return net.weights, net.biases

    def pairs(sizes):
        return list(zip(sizes[:-1], sizes[1:]))

    cases = (Case(((2, 2, 1),), "XOR's 2-2-1"), Case(((2, 8, 8, 1),), "the playground's 2-8-8-1"),
             Case(((3, 5, 2),), "3-5-2"), Case(((4, 1),), "one layer, 4-1"))
    slip_list = (
        Slip("you left out the biases", "every neuron after the input layer has one.",
             lambda s: sum(a * b for a, b in pairs(s))),
        Slip("you counted neurons, not parameters", "one weight per connection, one bias per neuron after"
             " the input.", lambda s: sum(s)),
        Slip("you gave the input neurons biases", "input neurons only pass x on.",
             lambda s: reference(s) + s[0]),
        Slip("you counted the biases on the sending side", "a layer has n_out biases, one per receiving"
             " neuron.",
             lambda s: sum(a * b + a for a, b in pairs(s))),
    )
    return FunctionExercise("the parameter count", ("sizes",), reference, cases, slip_list,
                            hint="layer l has n_out·n_in weights and n_out biases").check(fn)
