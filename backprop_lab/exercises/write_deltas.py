"""Write-a-function checks for notebooks 01-03: σ′, the output δ, the hidden δ of a whole layer.

Each check takes the student's function, calls it on a few inputs chosen to
expose slips and compares it with the engine (see :mod:`.functions`). The
signatures below are the ones the notebooks' stubs copy; arrays follow the
notation card: ``W`` has shape (n_out, n_in), δ and o have one row per sample.
"""

import numpy as np

from .. import examples
from .._checks import choice
from ..activations import ACTIVATIONS
from ..losses import LOSSES
from ..passes import backward, forward
from .functions import Case, FunctionExercise, Slip

__all__ = ["check_hidden_deltas", "check_output_delta_function", "check_sigmoid_prime"]

_SIGMOID = ACTIVATIONS["sigmoid"]
_sigma = _SIGMOID.f


def _sigma_prime(net):
    return _SIGMOID.f_prime(net, _sigma(net))


def rng_array(seed, shape, low=-1.5, high=1.5):
    """Fixed test numbers: uniform in [low, high), rounded to 3 decimals, from `seed`."""
    return np.random.default_rng(seed).uniform(low, high, size=shape).round(3)


# --- 01 · σ′ ---


def check_sigmoid_prime(fn):
    """Exercise: write ``my_sigmoid_prime(net)``, the derivative σ′(net) of the sigmoid.

    Signature: ``my_sigmoid_prime(net) -> array``; `net` is a numpy array of
    any shape (or one number); return σ′(net) element by element, the same
    shape. σ(net) = 1 / (1 + e^(−net)).

    Recognises: σ itself; net·(1 − net) (net where o = σ(net) belongs); σ
    applied twice; the tanh form 1 − σ²; the wrong sign; e^(−net)/(1 + e^(−net))
    without the square. ``math.exp`` on an array gets a tip to use ``np.exp``.
    """
    cases = (
        Case((np.array([-2.0, -0.5, 0.0, 1.5]),), "negative, zero and positive net"),
        Case((np.array([[0.3, -1.2, 2.5], [-4.0, 0.8, 6.0]]),), "a (2, 3) array"),
        Case((0.7,), "a single number"),
    )
    e = np.exp
    slip_list = (
        Slip("you returned σ(net) itself", "the derivative is σ(net)·(1 − σ(net)).", _sigma),
        Slip("you used net where o = σ(net) belongs", "f′ = o(1 − o) holds for the output o = σ(net),"
             " not for net.", lambda net: net * (1 - net)),
        Slip("you applied σ twice", "σ′(net) = o(1 − o) with o = σ(net); o needs no second σ.",
             lambda net: _sigma_prime(_sigma(net))),
        Slip("that is the form of tanh's derivative, 1 − o²", "the sigmoid's is o(1 − o).",
             lambda net: 1 - _sigma(net) ** 2),
        Slip("your σ′ has the wrong sign", "σ rises everywhere, so σ′(net) > 0.",
             lambda net: -_sigma_prime(net)),
        Slip("the square in the denominator is missing", "σ′(net) = e^(−net) / (1 + e^(−net))².",
             lambda net: e(-net) / (1 + e(-net))),
    )
    return FunctionExercise("σ′(net)", ("net",), _sigma_prime, cases, slip_list,
                            hint="σ′(net) = σ(net)·(1 − σ(net)), σ(net) = 1 / (1 + np.exp(−net))").check(fn)


# --- 02 · the output δ ---


def check_output_delta_function(fn, loss="half_sse"):
    """Exercise: write ``my_output_delta(net, o, T)``, the δ of a sigmoid output layer for one sample.

    Signature: ``my_output_delta(net, o, T) -> array``; `net`, `o` = σ(net)
    and `T` have shape (K,); return δ_k = ∂E/∂net_k, shape (K,). With
    ``loss="half_sse"`` (E = ½Σ(T − o)²) δ_k = (o_k − T_k)·f′(net_k); with
    ``loss="cross_entropy"`` δ_k = o_k − T_k.

    Recognises (half_sse): f′ missing; the wrong sign (T − o); f′ taken at
    net, net(1 − net); σ′(o) instead of σ′(net); the factor 2 of E = Σ(T − o)².
    (cross_entropy): f′ multiplied in although it cancels; the wrong sign;
    ∂E/∂o instead of ∂E/∂net.
    """
    choice("loss", loss, ("half_sse", "cross_entropy"))

    def reference(net, o, T):
        return LOSSES[loss].evaluate(net, o, T, _SIGMOID)[1]

    def case(net, T, note):
        net = np.array(net)
        return Case((net, _sigma(net), np.array(T)), note)

    chain = examples.CHAIN  # notebook 02's output neuron: net3 and T of the worked example
    cases = (case(forward(chain.network(), chain.x).nets[-1], chain.T, "one output"),
             case([1.5, -0.8, 2.2], [1.0, 0.0, 0.5], "three outputs"),
             case([-2.5, 0.4], [0.1, 0.9], "negative net"))
    sign = "your δ has the wrong sign: that is (T − o)"
    if loss == "half_sse":
        slip_list = (
            Slip("you left out f′(net_k)", "δ_k = (o_k − T_k)·f′(net_k), with f′(net_k) = o_k(1 − o_k).",
                 lambda net, o, T: o - T),
            Slip(f"{sign}·f′(net)", "with δ = ∂E/∂net it is (o − T)·f′(net).", lambda *a: -reference(*a)),
            Slip("you took f′ at net, net(1 − net)", "for the sigmoid f′(net) = o(1 − o), in terms of the"
                 " output o.", lambda net, o, T: (o - T) * net * (1 - net)),
            Slip("you took σ′(o) instead of σ′(net)", "o(1 − o) already is σ′(net); do not apply σ to o.",
                 lambda net, o, T: (o - T) * _sigma_prime(o)),
            Slip("your δ is twice the right one: the δ of E = Σ(T − o)²", "with E = ½Σ(T − o)² the ½ cancels"
                 " the 2 from the square.", lambda *a: 2 * reference(*a)),
        )
        hint = "δ = (o − T) * o * (1 − o)"
    else:
        slip_list = (
            Slip("you multiplied by f′(net)", "with cross-entropy and a sigmoid output, f′ cancels:"
                 " δ = o − T.",
                 lambda net, o, T: (o - T) * o * (1 - o)),
            Slip(sign, "with δ = ∂E/∂net it is o − T.", lambda net, o, T: T - o),
            Slip("that is ∂E/∂o, not ∂E/∂net", "multiply ∂E/∂o by f′(net) = o(1 − o): it cancels to o − T.",
                 lambda net, o, T: (o - T) / (o * (1 - o))),
        )
        hint = "δ = o − T"
    return FunctionExercise("the output δ", ("net", "o", "T"), reference, cases, slip_list, hint).check(fn)


# --- 03 · the hidden δ of a whole layer ---


def check_hidden_deltas(fn):
    """Exercise: write ``my_hidden_deltas(delta_next, W_next, o)``: a sigmoid hidden layer's δ, vectorised.

    Signature: ``my_hidden_deltas(delta_next, W_next, o) -> array``;
    `delta_next` (B, n_next) holds the next layer's δ, one row per sample;
    `W_next` (n_next, n_hidden) the weights from this layer to the next
    (row k receives, column j sends); `o` (B, n_hidden) this layer's outputs.
    Return δ (B, n_hidden): δ_j = o_j(1 − o_j)·Σ_k δ_k w_{k,j}, i.e.
    ``o * (1 - o) * (delta_next @ W_next)``. No loop needed.

    Recognises: f′ missing; W where Wᵀ belongs (``delta_next @ W_next.T``,
    which also fails on a non-square W); the wrong sign; o instead of
    f′ = o(1 − o); an extra 1/B (δ_next already carries it).
    """
    def reference(delta_next, W_next, o):
        return _SIGMOID.backprop(None, o, delta_next @ W_next)

    ex = examples.NET_2_2_2
    net = ex.network()
    trace = forward(net, ex.x)
    grads = backward(net, trace, ex.T)
    cases = [Case((grads.deltas[1][None, :], net.weights[1], trace.outputs[1][None, :]),
                  "the 2-2-2 network, one sample")]
    for seed, (B, n_next, n_hidden), note in ((1, (3, 3, 2), "a batch of 3, W_next of shape (3, 2)"),
                                               (2, (4, 1, 3), "a batch of 4, one neuron after"),
                                               (3, (2, 3, 3), "a batch of 2, W_next 3 × 3")):
        delta = rng_array(seed, (B, n_next), -0.1, 0.1) / B
        o = _sigma(rng_array(seed + 10, (B, n_hidden), -3.0, 3.0))
        cases.append(Case((delta, rng_array(seed + 20, (n_next, n_hidden)), o), note))
    slip_list = (
        Slip("you left out f′(net_j) = o_j(1 − o_j)", "the sum Σ_k δ_k w_{k,j} is ∂E/∂o_j; multiply by f′.",
             lambda d, W, o: d @ W),
        Slip("you used W where Wᵀ belongs", "the weights leaving neuron j are column j of W_next"
             " (shape (n_next, n_hidden)): delta_next @ W_next, not delta_next @ W_next.T.",
             lambda d, W, o: reference(d, W.T, o)),
        Slip("your δ has the wrong sign", "with δ = ∂E/∂net there is no minus in the hidden δ.",
             lambda *a: -reference(*a)),
        Slip("you multiplied by o instead of f′(net) = o(1 − o)", "σ′(net) = o(1 − o).",
             lambda d, W, o: o * (d @ W)),
        Slip("you divided by B", "delta_next already carries the 1/B of the batch mean; do not divide again.",
             lambda d, W, o: reference(d, W, o) / d.shape[0]),
    )
    tip = "delta_next (B, n_next) @ W_next (n_next, n_hidden) gives (B, n_hidden)."
    return FunctionExercise("the hidden δ", ("delta_next", "W_next", "o"), reference, tuple(cases), slip_list,
                            hint="δ = o * (1 - o) * (delta_next @ W_next)", shape_tip=tip).check(fn)
