"""Number checks for notebooks 10, 11 and 12: output δ for cross-entropy and softmax, weight decay,
early stopping, initialisation."""

import numpy as np

from .._checks import as_float_array, positive_float, positive_int
from ..activations import ACTIVATIONS
from ..losses import LOSSES
from ..network import init_limit
from ..optim import SGD
from .feedback import diagnose

__all__ = [
    "check_cross_entropy_delta",
    "check_distinct_hidden_neurons",
    "check_early_stopping_epoch",
    "check_softmax_delta",
    "check_weight_decay_update",
    "check_xavier_limit",
]

_SIGN = "your value has the wrong sign"


def _net_of(o):
    """The net input whose sigmoid is o: σ⁻¹(o) = 2 artanh(2o − 1)."""
    return float(2.0 * np.arctanh(2.0 * o - 1.0))


# --- 10 · classification with cross-entropy ---


def check_cross_entropy_delta(answer, o=0.98, T=0.0):
    """Exercise: the output δ = ∂E/∂net of one sigmoid output `o` with target `T`, for cross-entropy."""
    o, T = positive_float("o", o), float(T)
    if not o < 1.0:
        raise ValueError(f"o must be a sigmoid output between 0 and 1, got {o:g}")
    net, oo, TT = np.array([_net_of(o)]), np.array([o]), np.array([T])
    sigmoid = ACTIVATIONS["sigmoid"]
    delta = float(LOSSES["cross_entropy"].evaluate(net, oo, TT, sigmoid)[1][0])
    sse = float(LOSSES["half_sse"].evaluate(net, oo, TT, sigmoid)[1][0])
    mistakes = {
        "you gave the δ of ½(T − o)², with the factor f′ = o(1 − o)": (
            sse, "for cross-entropy with a sigmoid output, f′ cancels: δ = o − T."),
        _SIGN: (-delta, "δ = o − T: positive when the output is too large."),
        "you gave ∂E/∂o, not ∂E/∂net": (
            (o - T) / (o * (1.0 - o)), "multiply ∂E/∂o by f′(net) = o(1 − o): the division cancels."),
    }
    return diagnose(answer, delta, mistakes, "δ", hint="δ = o − T for cross-entropy with a sigmoid output")


def check_softmax_delta(answer, net=(2.0, 0.5, -0.5), T=(0.0, 1.0, 0.0)):
    """Exercise: the output δ vector of a softmax layer with net inputs `net` and one-hot target `T`."""
    net = as_float_array("net", net, ndim=1)
    T = as_float_array("T", T, ndim=1)
    if net.shape != T.shape:
        raise ValueError(f"net and T must have the same shape, got {net.shape} and {T.shape}")
    softmax = ACTIVATIONS["softmax"]
    o = softmax(net)
    delta = LOSSES["cross_entropy"].evaluate(net, o, T, softmax)[1]
    mistakes = {
        _SIGN: (-delta, "δ = o − T."),
        "you gave net − T: first turn the net inputs into outputs with the softmax": (
            net - T, "o_k = exp(net_k) / Σ_i exp(net_i), then δ = o − T."),
        "you changed only the entry of the right class": (
            np.where(T > 0, o - T, 0.0), "every output gets δ_k = o_k − T_k: the wrong classes' o_k is"
            " pushed down too."),
        "you gave the softmax outputs o, not δ = o − T": (o, "subtract the target."),
        "you multiplied by o(1 − o) as for a sigmoid with squared error": (
            (o - T) * o * (1 - o), "for softmax with cross-entropy, δ = o − T exactly."),
    }
    return diagnose(answer, delta, mistakes, "δ", hint="o = softmax(net), then δ_k = o_k − T_k")


# --- 11 · generalisation ---


def check_weight_decay_update(answer, w=0.5, grad=0.2, lr=0.1, lam=0.2):
    """Exercise: the new weight after one step of gradient descent with weight decay λ = `lam`."""
    lam = positive_float("lam", lam, allow_zero=True)
    new_w = float(SGD().update([np.array(w, dtype=float)], [np.array(grad + lam * w)], lr)[0])
    mistakes = {
        "you left out the weight decay": (w - lr * grad, f"the gradient gains λw = {lam * w:g}."),
        "you subtracted λw without the factor η": (
            w - lr * grad - lam * w, "λw is part of the gradient, so it is multiplied by η too."),
        "you used λw/2": (w - lr * (grad + lam * w / 2), "the penalty (λ/2)w² has the derivative λw."),
        "you added λw": (w - lr * (grad - lam * w), "decay pulls w towards 0: ∂/∂w of (λ/2)w² is +λw."),
    }
    return diagnose(answer, new_w, mistakes, "the new w", hint="w ← w − η (∂E/∂w + λw)")


def check_early_stopping_epoch(answer, val_losses=(0.70, 0.62, 0.58, 0.60, 0.59, 0.61, 0.66), patience=2):
    """Exercise: early stopping with this patience watches these validation losses (one per epoch,
    from epoch 0): which epoch's network does it return?"""
    val_losses = as_float_array("val_losses", val_losses, ndim=1)
    patience = positive_int("patience", patience)
    best = int(np.argmin(val_losses))
    stop = min(best + patience, len(val_losses) - 1)
    mistakes = {
        "you gave the epoch where training stopped": (
            stop, "early stopping returns the network with the lowest validation loss."),
        "you counted epochs from 1": (best + 1, "epochs count from 0 here: val_losses[0] is epoch 0."),
        "you gave the last epoch": (len(val_losses) - 1, "the last network is the one that overfits most."),
    }
    return diagnose(answer, best, mistakes, "the epoch", integer=True,
                    hint="the epoch with the lowest validation loss")


# --- 12 · initialisation ---


def check_distinct_hidden_neurons(answer, width=3):
    """Exercise: after training a 2-`width`-1 network that started with all weights 0, how many
    different hidden neurons (different rows of weights[0]) does it have?"""
    width = positive_int("width", width)
    mistakes = {f"you counted {width}, as random weights would give": (
        width, "all rows start equal and get equal gradients, so they stay equal: one neuron, copied.")}
    if width != 2:
        mistakes["you counted the two inputs"] = (2, "count rows of weights[0]: one per hidden neuron.")
    return diagnose(answer, 1, mistakes, "the number of different hidden neurons", integer=True,
                    hint="equal rows get equal gradients")


def check_xavier_limit(answer, n_in=2, n_out=8):
    """Exercise: the bound a of the Xavier (Glorot) uniform draw U(−a, a) for a layer n_in → n_out."""
    expected = init_limit("xavier", n_in, n_out)
    mistakes = {
        "you gave the He bound √(6/n_in)": (init_limit("he", n_in, n_out), "He is for ReLU layers."),
        "you left out the square root": (6.0 / (n_in + n_out), "a = √(6 / (n_in + n_out))."),
        "you gave the standard deviation √(2/(n_in + n_out))": (
            np.sqrt(2.0 / (n_in + n_out)), "the uniform draw's bound is √3 times its standard deviation."),
    }
    return diagnose(answer, expected, mistakes, "a", hint="a = √(6 / (n_in + n_out))")
