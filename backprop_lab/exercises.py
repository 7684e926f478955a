"""Exercise checks for the notebooks: write a value, call a check, read what is right or off.

Every expected value, and the value of every typical mistake, is computed with
the engine from the arguments; the defaults are the notebooks' examples, so a
notebook cell is just ``bl.exercises.check_output_delta(my_delta3)``.

>>> check_linear_neuron_gradient(-20)
✓ Right: ∂L/∂w = −20.
>>> check_linear_neuron_gradient(-10)
✗ Not yet: you forgot the factor 2 — the derivative of u² is 2u.
  Hint: ∂L/∂w = 2(wx − y)·x
"""

import numpy as np

from . import examples
from ._checks import as_float_array, positive_float, positive_int
from ._feedback import Feedback, diagnose, fmt
from .activations import ACTIVATIONS
from .gradcheck import relative_error
from .network import Network
from .optim import SGD, Adam, Momentum, StepDecay, clip_by_norm, clip_by_value
from .passes import backward, forward, sgd_step

__all__ = [
    "Feedback", "diagnose", "check_single_neuron_gradient", "check_linear_neuron_gradient",
    "check_output_delta", "check_bias_update", "check_hidden_delta", "check_multilayer_hidden_delta",
    "check_multilayer_weight_gradient", "check_sgd_update", "check_parameter_count",
    "check_largest_stable_lr", "check_step_decay", "check_sigmoid_chain_bound", "check_clip_by_norm",
    "check_central_difference", "check_relative_error", "check_decision_prediction",
    "check_adam_first_step", "check_momentum_velocity",
]

#: Notebook 08's hand-built XOR network: hidden OR and NAND neurons, an AND output.
XOR = dict(weights=[[[20.0, 20.0], [-20.0, -20.0]], [[20.0, 20.0]]], biases=[[-10.0, 30.0], [-30.0]])

_SIGN = "your value has the wrong sign"


# --- 01 · a single neuron ---


def check_single_neuron_gradient(answer, x=1.5, w=0.8, b=-0.5, y=1.0):
    """Exercise: for the sigmoid neuron z = wx + b, ŷ = σ(z), E = ½(y − ŷ)², compute ∂E/∂w."""
    net = Network.from_weights([[[w]]], [[b]])
    trace = forward(net, [x])
    grads = backward(net, trace, [y])
    y_hat, delta = trace.output[0], grads.deltas[0][0]
    mistakes = {
        _SIGN: (-grads.weights[0][0, 0], "∂E/∂w = (ŷ − y)·σ′(z)·x; the factor (y − ŷ) gives −∂E/∂w."),
        "you left out the σ′(z) factor": (
            (y_hat - y) * x, "the chain passes through the sigmoid: multiply by σ′(z) = ŷ(1 − ŷ)."),
        "you left out the factor x": (delta, "that is ∂E/∂z (= ∂E/∂b); since z = wx + b, ∂z/∂w = x."),
        "your value is twice the right one: you forgot the ½ in E": (
            backward(net, trace, [y], loss="sse").weights[0][0, 0],
            "with E = ½(y − ŷ)² the 2 from the square cancels the ½."),
    }
    return diagnose(answer, grads.weights[0][0, 0], mistakes, "∂E/∂w", hint="∂E/∂w = (ŷ − y)·ŷ(1 − ŷ)·x")


def check_linear_neuron_gradient(answer, w=2.0, x=5.0, y=12.0):
    """Exercise (seed 001): for the linear neuron ŷ = wx and L = (y − ŷ)², compute ∂L/∂w."""
    net = Network.from_weights([[[w]]], [[0.0]], activation="linear")
    trace = forward(net, [x])
    expected = backward(net, trace, [y], loss="sse").weights[0][0, 0]
    mistakes = {
        _SIGN: (-expected, "the inner derivative ∂(y − wx)/∂w = −x carries a minus."),
        "you forgot the factor 2": (
            backward(net, trace, [y]).weights[0][0, 0], "the derivative of u² is 2u."),
        "you forgot the inner derivative x": (
            backward(net, trace, [y], loss="sse").deltas[0][0], "by the chain rule, multiply by ∂(wx)/∂w."),
    }
    return diagnose(answer, expected, mistakes, "∂L/∂w", hint="∂L/∂w = 2(wx − y)·x")


# --- 02 · the worked example (seed 003), with δ = ∂E/∂net ---


def _seed3(o1, T, w21, b2, w32, b3):
    net = Network.from_weights([[[w21]], [[w32]]], [[b2], [b3]])
    trace = forward(net, [o1])
    return net, trace, backward(net, trace, [T])


def check_output_delta(answer, o1=0.2, T=0.7, w21=0.2, b2=0.1, w32=0.3, b3=0.1):
    """Exercise: compute the output delta δ3 = ∂E/∂net3 of seed 003's 1-1-1 network."""
    _, trace, grads = _seed3(o1, T, w21, b2, w32, b3)
    o2, o3, delta3 = trace.outputs[1][0], trace.output[0], grads.deltas[1][0]
    mistakes = {
        "your value has the wrong sign: that is the seed's (T − o3)·f′(net3)": (
            -delta3, "with δ = ∂E/∂net the output delta is (o3 − T)·f′(net3)."),
        "you left out f′(net3)": (o3 - T, "δ3 = (o3 − T)·f′(net3), with f′(net3) = o3(1 − o3)."),
        "you took f′ at the hidden neuron, o2(1 − o2)": (
            (o3 - T) * o2 * (1 - o2), "f′(net3) = o3(1 − o3) uses the output neuron's own o3."),
    }
    return diagnose(answer, delta3, mistakes, "δ3", hint="δ3 = (o3 − T)·o3·(1 − o3)")


def check_bias_update(answer, o1=0.2, T=0.7, w21=0.2, b2=0.1, w32=0.3, b3=0.1, lr=0.1):
    """Exercise: the new output bias b3 after one gradient-descent step with learning rate η = `lr`."""
    net, _, grads = _seed3(o1, T, w21, b2, w32, b3)
    new_b3 = sgd_step(net, grads, lr).biases[1][0]
    mistakes = {
        "you used the seed's sign slip, ∂E/∂b3 = −δ3": (
            sgd_step(net, -grads, lr).biases[1][0], "with δ = ∂E/∂net, ∂E/∂b3 = +δ3, so b3 ← b3 − η·δ3."),
        "you forgot the learning rate η": (b3 - grads.deltas[1][0], "the step is η·∂E/∂b3, not ∂E/∂b3."),
        "you gave the change of b3, not the new b3": (new_b3 - b3, "add the change to the old b3."),
    }
    return diagnose(answer, new_b3, mistakes, "the new b3", hint="b3 ← b3 − η·δ3")


def check_hidden_delta(answer, o1=0.2, T=0.7, w21=0.2, b2=0.1, w32=0.3, b3=0.1):
    """Exercise: compute the hidden delta δ2 = ∂E/∂net2 of seed 003's network."""
    _, trace, grads = _seed3(o1, T, w21, b2, w32, b3)
    o2, o3 = trace.outputs[1][0], trace.output[0]
    delta2, delta3 = grads.deltas[0][0], grads.deltas[1][0]
    mistakes = {
        "you left out w32": (o2 * (1 - o2) * delta3, "δ3 reaches neuron 2 through the weight w32."),
        "you left out f′(net2)": (delta3 * w32, "multiply δ3·w32 by f′(net2) = o2(1 − o2)."),
        _SIGN: (-delta2, "δ2 has the sign of δ3·w32; with δ = ∂E/∂net there is no extra minus."),
        "you took f′ at the output neuron, o3(1 − o3)": (
            o3 * (1 - o3) * delta3 * w32, "f′(net2) = o2(1 − o2) uses neuron 2's own output."),
    }
    return diagnose(answer, delta2, mistakes, "δ2", hint="δ2 = o2(1 − o2)·δ3·w32")


# --- 03 · a multilayer network (neurons numbered from 1, inputs first) ---


def _multilayer(net, x, target):
    net = examples.network(examples.MULTILAYER) if net is None else net
    x = examples.MULTILAYER["x"] if x is None else x
    target = examples.MULTILAYER["T"] if target is None else target
    trace = forward(net, x)
    return net, trace, backward(net, trace, target)


def _locate(net, neuron):
    """(layer, index) of a neuron number; layer 0 is the input layer."""
    ids = net.neuron_ids()
    for layer, numbers in enumerate(ids):
        if neuron in numbers:
            return layer, numbers.index(neuron)
    raise ValueError(f"the network has neurons 1 to {ids[-1][-1]}, got neuron={neuron!r}")


def check_multilayer_hidden_delta(answer, neuron=3, net=None, x=None, target=None):
    """Exercise: δ_j = f′(net_j)·Σ_k δ_k w_{k,j} of a hidden neuron (default: δ3 of notebook 03's network)."""
    net, trace, grads = _multilayer(net, x, target)
    L, j = _locate(net, neuron)
    if L == 0 or L == net.n_layers:
        hidden = net.neuron_ids()[1:-1]
        raise ValueError(f"neuron={neuron} is not a hidden neuron; the hidden neurons are {hidden}")
    W, d_next, n = net.weights[L], grads.deltas[L], neuron
    f_prime = ACTIVATIONS[net.activations[L - 1]][1](trace.nets[L - 1], trace.outputs[L])[j]
    expected = grads.deltas[L - 1][j]
    after = net.neuron_ids()[L + 1]
    mistakes = {}
    if len(after) > 1:
        for k, m in enumerate(after):
            mistakes[f"you kept only the δ{m} term"] = (
                f_prime * d_next[k] * W[k, j], f"neuron {n} feeds {after}: add δ_k·w_{{k,{n}}} for each one.")
    if W.shape[0] == W.shape[1]:
        mistakes["you summed a row of the weight matrix instead of a column"] = (
            f_prime * W[j, :] @ d_next,
            f"the weights leaving neuron {n} are the column weights[{L}][:, {j}];"
            f" the row weights[{L}][{j}, :] enters neuron {after[j]}.")
    mistakes[f"you left out f′(net{n})"] = (
        W[:, j] @ d_next, f"multiply the sum by f′(net{n}) = o{n}(1 − o{n}).")
    mistakes[_SIGN] = (-expected, "with δ = ∂E/∂net there is no minus sign anywhere in δ_j.")
    return diagnose(answer, expected, mistakes, f"δ{n}", hint=f"δ{n} = o{n}(1 − o{n})·Σ_k δ_k·w_{{k,{n}}}")


def check_multilayer_weight_gradient(answer, j=5, i=3, net=None, x=None, target=None):
    """Exercise: the weight gradient ∂E/∂w_{j,i} (default: ∂E/∂w_{5,3} of notebook 03's network)."""
    net, trace, grads = _multilayer(net, x, target)
    (Lj, rj), (Li, ri) = _locate(net, j), _locate(net, i)
    if Lj != Li + 1:
        raise ValueError(
            f"there is no weight w_{{{j},{i}}}: neuron {i} must be in the layer right before neuron {j}")
    expected, delta_j = grads.weights[Li][rj, ri], grads.deltas[Li][rj]
    mistakes = {
        f"you used o{j} instead of o{i}": (
            delta_j * trace.outputs[Lj][rj], f"the gradient uses the output of the sending neuron {i}."),
        _SIGN: (-expected, "∂E/∂w_{j,i} = +δ_j·o_i; the minus belongs to the update w ← w − η·∂E/∂w."),
        f"you left out o{i}": (delta_j, f"∂net{j}/∂w_{{{j},{i}}} = o{i}."),
    }
    if Li > 0:
        mistakes[f"you used δ{i} instead of δ{j}"] = (
            grads.deltas[Li - 1][ri] * trace.outputs[Li][ri],
            f"a weight's gradient uses δ{j}, of the neuron it feeds.")
    name = f"∂E/∂w_{{{j},{i}}}"
    return diagnose(answer, expected, mistakes, name, hint=f"{name} = δ{j}·o{i}")


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
    net = Network.from_weights(XOR["weights"], XOR["biases"]) if net is None else net
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


# --- 06 · vanishing and exploding gradients ---


def check_sigmoid_chain_bound(answer, layers=5):
    """Exercise: the largest factor Π f′ that `layers` sigmoid layers can put on a gradient."""
    f, f_prime = ACTIVATIONS["sigmoid"]
    slope = float(f_prime(0.0, f(0.0)))  # σ′ is largest at net = 0
    layers = positive_int("layers", layers)
    mistakes = {
        "you added instead of multiplying": (slope * layers, "the chain rule multiplies one f′ per layer."),
        "you used σ(0) = 0.5 instead of σ′(0) = 0.25": (
            float(f(0.0)) ** layers, "the sigmoid's largest slope is σ′(0) = 0.25."),
    }
    hint = "σ′(net) ≤ σ′(0) = 0.25 in every layer"
    return diagnose(answer, slope**layers, mistakes, "the bound", atol=0.0, hint=hint)


def check_clip_by_norm(answer, g=(3.0, 4.0), max_norm=1.0):
    """Exercise: the gradient g after bl.clip_by_norm(g, max_norm) (a vector answer, e.g. [.., ..])."""
    g = as_float_array("g", g, ndim=1)
    expected, norm = clip_by_norm([g], max_norm)[0], float(np.linalg.norm(g))
    mistakes = {
        "you clipped each entry by value": (
            clip_by_value([g], max_norm)[0], "that changes the direction; clipping by norm rescales g."),
        "you left g unchanged": (g, f"‖g‖ = {fmt(norm)} is above max_norm = {fmt(max_norm)}, so g shrinks."),
        "you divided by ‖g‖²": (g / norm**2, "scale by max_norm / ‖g‖."),
    }
    hint = "if ‖g‖ > max_norm: g ← g·max_norm / ‖g‖"
    return diagnose(answer, expected, mistakes, "the clipped gradient", hint=hint)


# --- 07 · gradient checking ---


def check_central_difference(answer, E_plus=0.25013, E_minus=0.24987, eps=1e-3):
    """Exercise: the central-difference slope from E(θ + ε) = `E_plus` and E(θ − ε) = `E_minus`."""
    eps = positive_float("eps", eps)
    expected = (E_plus - E_minus) / (2.0 * eps)
    mistakes = {
        "you forgot the 2 in 2ε": ((E_plus - E_minus) / eps, "θ + ε and θ − ε are 2ε apart."),
        "you subtracted the wrong way round": (-expected, "the slope is (E(θ + ε) − E(θ − ε)) / 2ε."),
        "you did not divide by 2ε": (E_plus - E_minus, "a slope is a difference divided by the distance."),
    }
    return diagnose(answer, expected, mistakes, "the slope estimate", hint="(E(θ + ε) − E(θ − ε)) / 2ε")


def check_relative_error(answer, a=(1.0, 2.0, 2.0), b=(1.0, 2.0, 2.1)):
    """Exercise: the relative error ‖a − b‖ / (‖a‖ + ‖b‖) of two gradients (as bl.relative_error)."""
    a, b = as_float_array("a", a), as_float_array("b", b)
    diff, why = float(np.linalg.norm(a - b)), "divide by ‖a‖ + ‖b‖: symmetric, and safe when one is 0."
    mistakes = {
        "you gave ‖a − b‖ alone": (diff, "divide by ‖a‖ + ‖b‖, so it does not grow with the gradients."),
        "you divided by ‖a‖ only": (diff / np.linalg.norm(a), why),
        "you divided by ‖b‖ only": (diff / np.linalg.norm(b), why),
    }
    hint = "‖a − b‖ / (‖a‖ + ‖b‖)"
    return diagnose(answer, relative_error(a, b), mistakes, "the relative error", hint=hint)


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
