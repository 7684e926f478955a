"""Write-a-function checks for notebooks 10, 11 and 12: softmax, a weight-decay step, an initial bound.

The signatures below are the ones the notebooks' stubs copy; see
:mod:`.functions` for how the student's function is called and judged.
"""

import numpy as np

from ..activations import ACTIVATIONS, softmax
from ..network import init_limit
from .functions import Case, FunctionExercise, Slip

__all__ = ["check_init_limit_function", "check_softmax_function", "check_weight_decay_step"]


# --- 10 · softmax ---


def check_softmax_function(fn):
    """Exercise: write ``my_softmax(net)``, the softmax of every row of a batch of net inputs.

    Signature: ``my_softmax(net) -> array``; `net` has shape (B, K), one row
    per sample. Return o of the same shape with o_k = exp(net_k) / Σ_i exp(net_i)
    in each row. Subtract each row's largest net input first, so that exp
    never overflows (the result is the same).

    Recognises: the sum over the whole batch; over columns (axis=0); exp(net)
    not divided by its sum; a sigmoid per entry; overflow (a test with net
    inputs near ±1000 gives NaN without the shift, or with one shift for the
    whole batch).
    """
    cases = (
        Case((np.array([[1.0, 2.0, 3.0]]),), "one sample"),
        Case((np.array([[0.5, -1.0, 2.0], [-0.3, 0.0, 0.3], [2.0, 1.0, -2.0]]),), "three samples, K = 3"),
        Case((np.array([[0.2, -0.4, 1.1, 0.0], [-1.5, 0.5, 0.5, 2.5]]),), "K = 4"),
        Case((np.array([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -999.0]]),),
             "net inputs near ±1000: subtract each row's largest before exp"),
    )
    def e(net):  # exp as a student writes it: where it overflows, the slip cannot run (as theirs cannot)
        with np.errstate(all="ignore"):
            out = np.exp(net)
        if not np.all(np.isfinite(out)):
            raise FloatingPointError("overflow in exp")
        return out

    def ratio(top, bottom):
        with np.errstate(all="ignore"):
            out = top / bottom
        if not np.all(np.isfinite(out)):
            raise FloatingPointError("0 / 0")
        return out

    slip_list = (
        Slip("you divided by the sum over the whole batch", "each row (sample) is normalised by its own sum:"
             " sum with axis=1, keepdims=True.", lambda net: ratio(e(net), e(net).sum())),
        Slip("you normalised each column (axis=0)", "the K outputs of one sample sum to 1: a row, axis=1.",
             lambda net: ratio(e(net), e(net).sum(axis=0))),
        Slip("you returned exp(net) without dividing by the sum", "o_k = exp(net_k) / Σ_i exp(net_i).", e),
        Slip("you applied a sigmoid to each entry", "softmax couples the outputs: they sum to 1.",
             ACTIVATIONS["sigmoid"].f),
    )
    return FunctionExercise("the softmax of every row", ("net",), softmax, cases, slip_list,
                            hint="o = exp(net − max) / Σ exp(net − max), row by row (axis=1, keepdims=True)",
                            ).check(fn)


# --- 11 · one step with weight decay ---


def _decay(W, b, gW, gb, lr, lam, bias=False, eta=True, half=False, sign=1.0):
    factor = sign * lam * (0.5 if half else 1.0)
    new_W = W - lr * gW - (lr if eta else 1.0) * factor * W
    new_b = b - lr * gb - ((lr if eta else 1.0) * factor * b if bias else 0.0)
    return new_W, new_b


def check_weight_decay_step(fn):
    """Exercise: write ``my_decay_step(W, b, gW, gb, lr, lam)``, one gradient step with weight decay.

    Signature: ``my_decay_step(W, b, gW, gb, lr, lam) -> (W, b)``; W and gW
    have shape (n_out, n_in), b and gb shape (n_out,): a layer's weights,
    biases and their gradients ∂E/∂W, ∂E/∂b of the data loss. The loss
    minimised is E + (λ/2)‖W‖² (weights only, not biases), so return
    W − η(∂E/∂W + λW) and b − η ∂E/∂b.

    Recognises: biases decayed too; λW without η; λW/2; +λW (the sign);
    no decay at all.
    """
    rng = np.random.default_rng(11)
    cases = (
        Case((np.array([[0.5, -0.3]]), np.array([0.2]), np.array([[0.1, 0.2]]), np.array([-0.1]), 0.5, 0.1),
             "one neuron"),
        Case((rng.normal(size=(3, 2)), rng.normal(size=3), rng.normal(size=(3, 2)), rng.normal(size=3),
              0.1, 0.01), "a 2 → 3 layer, λ = 0.01"),
        Case((rng.normal(size=(2, 4)), np.array([1.0, -2.0]), np.zeros((2, 4)), np.zeros(2), 1.0, 0.05),
             "zero gradients: only the decay moves W"),
    )
    slip_list = (
        Slip("you decayed the biases too",
             "the penalty (λ/2)‖W‖² holds the weights only; b moves by −η ∂E/∂b.",
             lambda *a: _decay(*a, bias=True)),
        Slip("you subtracted λW without the factor η", "λW is part of the gradient: W − η(∂E/∂W + λW).",
             lambda *a: _decay(*a, eta=False)),
        Slip("you used λW/2", "∂/∂W of (λ/2)‖W‖² is λW.", lambda *a: _decay(*a, half=True)),
        Slip("you added λW instead of subtracting it", "decay pulls every weight towards 0.",
             lambda *a: _decay(*a, sign=-1.0)),
        Slip("you left out the weight decay", "the step is −η(∂E/∂W + λW).", lambda *a: _decay(*a, sign=0.0)),
    )
    return FunctionExercise("one step with weight decay", ("W", "b", "gW", "gb", "lr", "lam"), _decay, cases,
                            slip_list, hint="W − lr * (gW + lam * W), b − lr * gb",
                            outputs=("W", "b")).check(fn)


# --- 12 · the bound of Xavier and He ---


def _limit(n_in, n_out, activation):
    return init_limit("he" if activation == "relu" else "xavier", n_in, n_out)


def check_init_limit_function(fn):
    """Exercise: write ``my_init_limit(n_in, n_out, activation)``, the bound a of U(−a, a).

    Signature: ``my_init_limit(n_in, n_out, activation) -> float``; He,
    √(6 / n_in), for ``"relu"``; Xavier, √(6 / (n_in + n_out)), for
    ``"tanh"`` and ``"sigmoid"`` (as ``Network(init="auto")`` draws).

    Recognises: He for every layer; Xavier for every layer; the two swapped;
    no square root; n_out where He has n_in; the standard deviation instead
    of the bound.
    """
    cases = (Case((2, 8, "tanh"), "tanh"), Case((8, 8, "relu"), "ReLU"), Case((16, 4, "sigmoid"), "sigmoid"),
             Case((3, 5, "relu"), "ReLU, n_in ≠ n_out"))
    he, xavier = (lambda i, o: init_limit("he", i, o)), (lambda i, o: init_limit("xavier", i, o))
    slip_list = (
        Slip("you used He for every layer", "He, √(6/n_in), is for ReLU; tanh and sigmoid take Xavier.",
             lambda i, o, a: he(i, o)),
        Slip("you used Xavier for every layer", "ReLU zeroes half of its inputs; He's √(6/n_in) makes up for"
             " it.", lambda i, o, a: xavier(i, o)),
        Slip("you swapped Xavier and He", "He for ReLU, Xavier for tanh and sigmoid.",
             lambda i, o, a: xavier(i, o) if a == "relu" else he(i, o)),
        Slip("you left out the square root", "a = √(6 / …).", lambda i, o, a: _limit(i, o, a) ** 2),
        Slip("you used n_out in He's bound", "He counts the inputs: √(6 / n_in).",
             lambda i, o, a: np.sqrt(6.0 / o) if a == "relu" else xavier(i, o)),
        Slip("you gave the standard deviation, not the bound", "U(−a, a) has standard deviation a/√3;"
             " a = √(6 / …).", lambda i, o, a: _limit(i, o, a) / np.sqrt(3.0)),
    )
    return FunctionExercise("the bound a of U(−a, a)", ("n_in", "n_out", "activation"), _limit, cases,
                            slip_list, hint="relu: sqrt(6 / n_in); otherwise sqrt(6 / (n_in + n_out))",
                            ).check(fn)
