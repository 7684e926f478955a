"""Checks for notebooks 01-03: one neuron, the worked 1-1-1 example, the 2-2-2 network.

Every check takes the example's numbers by default (:mod:`backprop_lab.examples`); an exercise may
change some of them (``check_output_delta(d, T=0.2)``), and then an answer computed with the example's
own numbers is recognised as such.
"""

import numpy as np

from .. import examples
from ..activations import ACTIVATIONS
from ..network import Network
from ..passes import backward, forward, sgd_step
from .feedback import diagnose, fmt

__all__ = [
    "check_bias_update",
    "check_hidden_delta",
    "check_linear_neuron_gradient",
    "check_multilayer_hidden_delta",
    "check_multilayer_weight_gradient",
    "check_output_delta",
    "check_single_neuron_gradient",
]

_SIGN = "your value has the wrong sign"


def _changed(**pairs):
    """``name -> (given, default)`` for the example's numbers an exercise changed (given, and different)."""
    return {k: (given, default) for k, (given, default) in pairs.items()
            if given is not None and np.any(np.asarray(given, float) != np.asarray(default, float))}


def _pick(given, default):
    return default if given is None else given


def _example_slip(changed, value):
    """The mistake of answering with the worked example's own numbers where the exercise changed some."""
    if not changed:
        return {}
    theirs = ", ".join(f"{k} = {fmt(default)}" for k, (_, default) in changed.items())
    ours = ", ".join(f"{k} = {fmt(given)}" for k, (given, _) in changed.items())
    return {f"that is the value for the example's own {theirs}": (value, f"this exercise has {ours}.")}


# --- 01 · a single neuron ---


def check_single_neuron_gradient(answer, x=None, w=None, b=None, y=None):
    """Exercise: for the sigmoid neuron z = wx + b, ŷ = σ(z), E = ½(y − ŷ)², compute ∂E/∂w.

    Defaults: ``examples.SIGMOID_NEURON``.
    """
    ex = examples.SIGMOID_NEURON
    x0, y0, w0, b0 = ex.x[0], ex.T[0], ex.weights[0][0][0], ex.biases[0][0]
    changed = _changed(x=(x, x0), w=(w, w0), b=(b, b0), y=(y, y0))
    x, y, w, b = _pick(x, x0), _pick(y, y0), _pick(w, w0), _pick(b, b0)
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
    if changed:
        own = ex.network()
        mistakes |= _example_slip(changed, backward(own, forward(own, [x0]), [y0]).weights[0][0, 0])
    return diagnose(answer, grads.weights[0][0, 0], mistakes, "∂E/∂w", hint="∂E/∂w = (ŷ − y)·ŷ(1 − ŷ)·x")


def check_linear_neuron_gradient(answer, w=None, x=None, y=None):
    """Exercise (“How Networks Learn”): for the linear neuron ŷ = wx and L = (y − ŷ)², compute ∂L/∂w."""
    ex = examples.LINEAR_NEURON
    w0, x0, y0 = ex.weights[0][0][0], ex.x[0], ex.T[0]
    changed = _changed(w=(w, w0), x=(x, x0), y=(y, y0))
    w, x, y = _pick(w, w0), _pick(x, x0), _pick(y, y0)
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
    if changed:
        own = ex.network()
        own_grads = backward(own, forward(own, [x0]), [y0], loss="sse")
        mistakes |= _example_slip(changed, own_grads.weights[0][0, 0])
    return diagnose(answer, expected, mistakes, "∂L/∂w", hint="∂L/∂w = 2(wx − y)·x")


# --- 02 · the worked 1-1-1 example (examples.CHAIN), with δ = ∂E/∂net ---


def _chain_changed(o1, T, w21, b2, w32, b3):
    ex = examples.CHAIN
    (w21_0,), (w32_0,) = ex.weights[0][0], ex.weights[1][0]
    return _changed(o1=(o1, ex.x[0]), T=(T, ex.T[0]), w21=(w21, w21_0), b2=(b2, ex.biases[0][0]),
                    w32=(w32, w32_0), b3=(b3, ex.biases[1][0]))


def _chain(o1, T, w21, b2, w32, b3):
    """The network, trace and gradients of ``examples.CHAIN``, with any of its numbers replaced."""
    ex = examples.CHAIN
    o1 = ex.x[0] if o1 is None else o1
    T = ex.T[0] if T is None else T
    w21 = ex.weights[0][0][0] if w21 is None else w21
    b2 = ex.biases[0][0] if b2 is None else b2
    w32 = ex.weights[1][0][0] if w32 is None else w32
    b3 = ex.biases[1][0] if b3 is None else b3
    net = Network.from_weights([[[w21]], [[w32]]], [[b2], [b3]])
    trace = forward(net, [o1])
    return net, trace, backward(net, trace, [T])


def check_output_delta(answer, o1=None, T=None, w21=None, b2=None, w32=None, b3=None):
    """Exercise: compute the output delta δ3 = ∂E/∂net3 of the 1-1-1 network (``examples.CHAIN``)."""
    _, trace, grads = _chain(o1, T, w21, b2, w32, b3)
    T = examples.CHAIN.T[0] if T is None else T
    o2, o3, delta3 = trace.outputs[1][0], trace.output[0], grads.deltas[1][0]
    mistakes = {
        "your value has the wrong sign: that is (T − o3)·f′(net3), the other convention": (
            -delta3, "with δ = ∂E/∂net the output delta is (o3 − T)·f′(net3)."),
        "you left out f′(net3)": (o3 - T, "δ3 = (o3 − T)·f′(net3), with f′(net3) = o3(1 − o3)."),
        "you took f′ at the hidden neuron, o2(1 − o2)": (
            (o3 - T) * o2 * (1 - o2), "f′(net3) = o3(1 − o3) uses the output neuron's own o3."),
    }
    mistakes |= _example_slip(_chain_changed(o1, T, w21, b2, w32, b3), _chain(*[None] * 6)[2].deltas[1][0])
    return diagnose(answer, delta3, mistakes, "δ3", hint="δ3 = (o3 − T)·o3·(1 − o3)")


def check_bias_update(answer, o1=None, T=None, w21=None, b2=None, w32=None, b3=None, lr=None):
    """Exercise: the new output bias b3 after one gradient-descent step with learning rate η = `lr`."""
    net, _, grads = _chain(o1, T, w21, b2, w32, b3)
    changed = _chain_changed(o1, T, w21, b2, w32, b3) | _changed(η=(lr, examples.CHAIN.lr))
    lr = _pick(lr, examples.CHAIN.lr)
    b3 = net.biases[1][0]
    new_b3 = sgd_step(net, grads, lr).biases[1][0]
    mistakes = {
        "you used the sign slip of “Deep Learning Networks”, ∂E/∂b3 = −δ3": (
            sgd_step(net, -grads, lr).biases[1][0], "with δ = ∂E/∂net, ∂E/∂b3 = +δ3, so b3 ← b3 − η·δ3."),
        "you forgot the learning rate η": (b3 - grads.deltas[1][0], "the step is η·∂E/∂b3, not ∂E/∂b3."),
        "you gave the change of b3, not the new b3": (new_b3 - b3, "add the change to the old b3."),
    }
    if changed:
        own_net, _, own_grads = _chain(*[None] * 6)
        mistakes |= _example_slip(changed, sgd_step(own_net, own_grads, examples.CHAIN.lr).biases[1][0])
    return diagnose(answer, new_b3, mistakes, "the new b3", hint="b3 ← b3 − η·δ3")


def check_hidden_delta(answer, o1=None, T=None, w21=None, b2=None, w32=None, b3=None):
    """Exercise: compute the hidden delta δ2 = ∂E/∂net2 of the 1-1-1 network (``examples.CHAIN``)."""
    net, trace, grads = _chain(o1, T, w21, b2, w32, b3)
    w32 = net.weights[1][0, 0]
    o2, o3 = trace.outputs[1][0], trace.output[0]
    delta2, delta3 = grads.deltas[0][0], grads.deltas[1][0]
    mistakes = {
        "you left out w32": (o2 * (1 - o2) * delta3, "δ3 reaches neuron 2 through the weight w32."),
        "you left out f′(net2)": (delta3 * w32, "multiply δ3·w32 by f′(net2) = o2(1 − o2)."),
        _SIGN: (-delta2, "δ2 has the sign of δ3·w32; with δ = ∂E/∂net there is no extra minus."),
        "you took f′ at the output neuron, o3(1 − o3)": (
            o3 * (1 - o3) * delta3 * w32, "f′(net2) = o2(1 − o2) uses neuron 2's own output."),
    }
    mistakes |= _example_slip(_chain_changed(o1, T, w21, b2, w32, b3), _chain(*[None] * 6)[2].deltas[0][0])
    return diagnose(answer, delta2, mistakes, "δ2", hint="δ2 = o2(1 − o2)·δ3·w32")


# --- 03 · a multilayer network (neurons numbered from 1, inputs first) ---


def _multilayer_changed(net, x, target):
    """The numbers of the example an exercise changed: its input or targets (not a network of its own)."""
    ex = examples.NET_2_2_2
    return {} if net is not None else _changed(x=(x, list(ex.x)), T=(target, list(ex.T)))


def _multilayer(net, x, target):
    ex = examples.NET_2_2_2
    net = ex.network() if net is None else net
    x = list(ex.x) if x is None else x
    target = list(ex.T) if target is None else target
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
    net_given = net
    net, trace, grads = _multilayer(net, x, target)
    L, j = _locate(net, neuron)
    if L == 0 or L == net.n_layers:
        hidden = net.neuron_ids()[1:-1]
        raise ValueError(f"neuron={neuron} is not a hidden neuron; the hidden neurons are {hidden}")
    W, d_next, n = net.weights[L], grads.deltas[L], neuron
    f_prime = ACTIVATIONS[net.activations[L - 1]].f_prime(trace.nets[L - 1], trace.outputs[L])[j]
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
    for k, other in enumerate(net.neuron_ids()[L]):
        if other != neuron:
            mistakes[f"that is δ{other}, not δ{n}"] = (
                grads.deltas[L - 1][k], f"δ{n} uses f′(net{n}) and the weights leaving neuron {n}:"
                f" column {j} of weights[{L}].")
    changed = _multilayer_changed(net_given, x, target)
    if changed:
        mistakes |= _example_slip(changed, _multilayer(None, None, None)[2].deltas[L - 1][j])
    return diagnose(answer, expected, mistakes, f"δ{n}", hint=f"δ{n} = o{n}(1 − o{n})·Σ_k δ_k·w_{{k,{n}}}")


def check_multilayer_weight_gradient(answer, j=5, i=3, net=None, x=None, target=None):
    """Exercise: the weight gradient ∂E/∂w_{j,i} (default: ∂E/∂w_{5,3} of notebook 03's network)."""
    changed = _multilayer_changed(net, x, target)
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
    if changed:
        mistakes |= _example_slip(changed, _multilayer(None, None, None)[2].weights[Li][rj, ri])
    name = f"∂E/∂w_{{{j},{i}}}"
    return diagnose(answer, expected, mistakes, name, hint=f"{name} = δ{j}·o{i}")
