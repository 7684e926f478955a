"""Checks for notebooks 04, 05, 08 and 09: updates, learning rates, the playground, optimizers."""

import numpy as np

from .. import examples
from .._checks import positive_float, positive_int
from ..network import Network
from ..optim import SGD, Adam, Momentum, StepDecay
from ..passes import forward
from .feedback import diagnose

__all__ = [
    "check_adam_first_step",
    "check_decision_prediction",
    "check_largest_stable_lr",
    "check_momentum_velocity",
    "check_parameter_count",
    "check_sgd_update",
    "check_step_decay",
]

_SIGN = "your value has the wrong sign"


# --- 04 · the training loop; 08 · the playground ---


def check_sgd_update(answer, w=0.5, grad=-0.2, lr=0.1):
    """Exercise: the new weight after one gradient-descent step from w, with ∂E/∂w = `grad` and η = `lr`."""
    new_w = float(SGD().update([np.array(w, dtype=float)], [np.array(grad, dtype=float)], lr)[0])
    mistakes = {
        "you added the step instead of subtracting it": (w + lr * grad, "descent goes against the gradient."),
        "you forgot the learning rate η": (w - grad, "the step is η·∂E/∂w, not ∂E/∂w."),
        "you gave the change of w, not the new w": (new_w - w, "add the change to the old w."),
    }
    return diagnose(answer, new_w, mistakes, "the new w", hint="w ← w − η·∂E/∂w")


def check_parameter_count(answer, sizes=(2, 2, 1)):
    """Exercise: how many trainable numbers (weights and biases) a network of these layer sizes has."""
    net = Network(list(sizes), seed=0)
    n_weights = sum(W.size for W in net.weights)
    expected = n_weights + sum(b.size for b in net.biases)
    mistakes = {
        "you left out the biases": (n_weights, "every neuron after the input layer has a bias too."),
        "you counted neurons, not parameters": (
            sum(net.sizes), "count one weight per connection and one bias per non-input neuron."),
        "you gave the input neurons biases": (
            expected + net.sizes[0], "input neurons only pass x on; they have no bias."),
    }
    return diagnose(answer, expected, mistakes, "the parameter count", integer=True,
                    hint="layer l has n_out·n_in weights and n_out biases")


def check_decision_prediction(answer, x=(1.0, 0.0), net=None):
    """Exercise: the output of notebook 08's hand-built XOR network at the point x (use bl.forward)."""
    net = examples.XOR_BY_HAND.network() if net is None else net
    if net.sizes[-1] != 1:
        raise ValueError(f"net must have one output, got sizes {net.sizes}")
    trace = forward(net, x)
    o = trace.output[0]
    no_bias = Network.from_weights(net.weights, [0 * b for b in net.biases], list(net.activations))
    mistakes = {
        "you gave the output neuron's net input, not its output": (
            trace.nets[-1][0], "the output is o = f(net)."),
        "you forgot the biases": (forward(no_bias, x).output[0], "net_j = Σ_i w_{j,i} o_i + b_j."),
        "you gave 1 − o": (1.0 - o, "the prediction is the output o itself."),
    }
    return diagnose(answer, o, mistakes, "the network's output", atol=1e-3,
                    hint="trace = bl.forward(net, x); the prediction is trace.output[0]")


# --- 05 · the learning rate ---


def check_largest_stable_lr(answer, a=4.0):
    """Exercise: the largest η for which gradient descent on E(w) = ½·a·w² still converges."""
    a = positive_float("a", a)
    mistakes = {
        "that is the fastest learning rate, 1/a, not the largest stable one": (
            1.0 / a, "at η = 1/a one step lands on the minimum; w ← (1 − ηa)·w shrinks until 1 − ηa = −1."),
        "you multiplied by a instead of dividing": (2.0 * a, "one step multiplies w by (1 − η·a)."),
    }
    return diagnose(answer, 2.0 / a, mistakes, "the largest stable η",
                    hint="one step is w ← (1 − η·a)·w; when is |1 − η·a| < 1?")


def check_step_decay(answer, lr0=0.8, drop=0.5, every=10, epoch=25):
    """Exercise: the learning rate at `epoch` (counted from 0) under bl.StepDecay(drop, every) from lr0."""
    epoch = positive_int("epoch", epoch, minimum=0)
    expected, k = StepDecay(drop, every)(epoch, lr0), epoch // every
    mistakes = {
        "you applied one drop too many": (expected * drop, f"⌊{epoch}/{every}⌋ = {k}: round down, never up."),
        "you did not round down": (
            lr0 * drop ** (epoch / every), f"the rate drops in steps: ⌊{epoch}/{every}⌋ = {k}."),
        "you dropped the rate every epoch": (lr0 * drop**epoch, f"it drops once every {every} epochs."),
    }
    if k > 0:
        mistakes["you applied one drop too few"] = (
            expected / drop, f"by epoch {epoch}, ⌊{epoch}/{every}⌋ = {k} drops have happened.")
    return diagnose(answer, expected, mistakes, f"η at epoch {epoch}", hint="η_t = η0·drop^⌊t / every⌋")


# --- 09 · optimizers ---


def check_adam_first_step(answer, lr=0.01, g=0.5):
    """Exercise: how much Adam's first step (default β1, β2, ε) changes a parameter whose gradient is g."""
    adam = Adam()
    expected = float(adam.update([np.zeros(1)], [np.array([float(g)])], lr)[0][0])
    m, v = float(adam.m[0][0]), float(adam.v[0][0])
    raw = -lr * m / (np.sqrt(v) + adam.eps)
    mistakes = {
        "that is a plain SGD step, −η·g": (-lr * g, "Adam divides by √v̂: its first step is ≈ −η·sign(g)."),
        "you skipped the bias correction": (raw, "at t = 1 use m̂ = m / (1 − β1) and v̂ = v / (1 − β2)."),
        _SIGN: (-expected, "Adam steps against the gradient, like SGD."),
        "you forgot the learning rate η": (expected / lr, "the change is −η·m̂ / (√v̂ + ε)."),
    }
    hint = "m̂ = g and v̂ = g² at t = 1; Δθ = −η·m̂ / (√v̂ + ε)"
    return diagnose(answer, expected, mistakes, "the parameter change", hint=hint)


def check_momentum_velocity(answer, grads=(2.0, 1.0), beta=0.9):
    """Exercise: the velocity v of bl.Momentum(beta) after the gradients `grads`, starting from v = 0."""
    def velocity(gs, b=beta):
        opt = Momentum(b)
        for gr in gs:
            opt.update([np.zeros(1)], [np.array([float(gr)])], 1.0)
        return float(opt.velocity[0][0])

    expected = velocity(grads)
    mistakes = {
        "you used no momentum": (grads[-1], "v keeps β times the old velocity: v ← β·v + g."),
        "you used β = 1": (float(np.sum(grads)), "only the fraction β of the old velocity is kept."),
        "you applied β to the newest gradient": (
            velocity(grads[::-1]), "the old velocity is scaled by β, the new g is added as is."),
        "you used the (1 − β)·g form": (
            (1 - beta) * expected, "bl.Momentum, like PyTorch, adds g itself (Adam's m uses (1 − β)·g)."),
    }
    return diagnose(answer, expected, mistakes, "v", hint="v ← β·v + g, starting from v = 0")
