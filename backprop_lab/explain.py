"""One step of backpropagation written out, formula by formula, with the numbers put in.

``explain(net, x, target, lr)`` runs ``forward``, ``backward`` and ``sgd_step`` on one
sample and writes out the worked example of "Understanding Backpropagation in Deep
Learning Networks" for any tiny network: every net_j and o_j, E, every δ, every ∂E/∂w
and ∂E/∂b, every update, and a second forward pass that checks whether E went down.
It does no math of its own: every value comes from the engine.

Neurons carry their numbers on the notation card (``Network.neuron_ids()``: from 1, input first).
Keys for ``Derivation.value`` and ``Derivation.step``:

``"o_1"``, ``"net_2"``, ``"o_2"`` (forward; an input has o_i = x_i), ``"E"``, ``"delta_3"``,
``"dE/dw_3,2"``, ``"dE/db_3"``, ``"w_3,2_new"``, ``"b_3_new"``, and for the check (a second
forward pass) ``"o_3_new"``, ``"E_new"``, ``"E_change"`` (E_new − E, negative when E went down).
Numbers in formulas keep an ASCII ``-`` sign (negative ones in parentheses); ``−`` is the operator.
"""

from ._checks import positive_int
from ._format import fmt
from .derivation import Derivation, Step
from .losses import SquaredError, as_target, get_loss
from .losses import loss as loss_of
from .passes import backward, check_input, forward, sgd_step

__all__ = ["Derivation", "Step", "explain"]

_F = {"sigmoid": "σ({})", "tanh": "tanh({})", "relu": "max(0, {})", "linear": "{}", "softmax": "e^{}"}
_F_PRIME = {"sigmoid": "sigmoid $o (1 − o)$", "tanh": "tanh $1 − o²$",
            "relu": "ReLU 1 if $net > 0$ else 0", "linear": "linear 1"}


def explain(net, x, target, lr, loss="half_sse", digits=6):
    """Write out one step of backpropagation on one sample, with every number put in.

    Parameters
    ----------
    net : Network
    x : array_like, shape (n_in,)
        One sample (a number when n_in is 1); a batch is refused.
    target : array_like, shape (n_out,)
        T (a number when n_out is 1).
    lr : float
        The learning rate η > 0.
    loss : {"half_sse", "sse", "mse", "cross_entropy"}
        A softmax output is written out with cross_entropy only.
    digits : int
        Significant digits of every number shown (values are kept exact).

    Returns
    -------
    Derivation
        ``.steps`` (list of :class:`Step`), ``.trace``, ``.grads``, ``.new_net``,
        ``.loss_before``, ``.loss_after``; ``.to_markdown()``, ``.to_text()``,
        ``.value(key)`` with the keys in the module docstring.

    Examples
    --------
    The example of "Understanding Backpropagation in Deep Learning Networks"
    (o_1 = 0.2, T = 0.7, η = 0.1):

    >>> import backprop_lab as bl
    >>> d = explain(bl.Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]]), 0.2, 0.7, lr=0.1)
    >>> print(d.step("net_2").text())
    net_2 = w_{2,1} o_1 + b_2 = 0.2 · 0.2 + 0.1 = 0.14
    >>> print(d.step("dE/dw_3,2").text())
    ∂E/∂w_{3,2} = δ_3 o_2 = (-0.0332441) · 0.534943 = -0.0177837
    >>> round(d.value("w_3,2_new"), 6), d.loss_after < d.loss_before
    (0.301778, True)
    """
    digits = positive_int("digits", digits)
    x = check_input(net, x)
    if x.ndim != 1:
        raise ValueError(f"x must be one sample, shape ({net.sizes[0]},), for explain(); got shape {x.shape}")
    fn = get_loss(loss)
    softmax = net.activations[-1] == "softmax"
    if softmax and isinstance(fn, SquaredError):
        raise ValueError(
            f"explain() writes a softmax output with loss 'cross_entropy' only, got loss {loss!r}"
        )
    trace = forward(net, x)
    grads = backward(net, trace, target, loss)
    T = as_target(target, trace.output.shape)
    new = sgd_step(net, grads, lr)
    trace2 = forward(new, x)
    loss_after = loss_of(trace2, T, loss)
    ids, K, L = net.neuron_ids(), net.sizes[-1], net.n_layers
    steps = []

    shown = {}  # value -> text: most numbers appear in several steps (explain runs on every slider move)

    def p(v):  # a number to substitute: negative ones in parentheses
        v = float(v)
        if v not in shown:
            s = fmt(v, digits)
            shown[v] = f"({s})" if s.startswith("-") else s
        return shown[v]

    def add(section, symbol, formula, numbers, value, note="", layer=None):
        steps.append(Step(section, symbol, formula, numbers, float(value), note, digits, layer))

    def wsum(l, r, prime=""):  # (formula, numbers) of Σ_i w_{j,i} o_i + b_j for neuron r of layer l
        n, o = (new, trace2.outputs[l]) if prime else (net, trace.outputs[l])
        j, o_prime = ids[l + 1][r], prime * (l > 0)
        formula = " + ".join(f"w_{{{j},{i}}}{prime} o_{i}{o_prime}" for i in ids[l]) + f" + b_{j}{prime}"
        numbers = " + ".join(f"{p(w)} · {p(v)}" for w, v in zip(n.weights[l][r], o))
        return formula, f"{numbers} + {p(n.biases[l][r])}"

    def error_sum(prime=""):  # (formula, numbers) of E
        out = (trace2 if prime else trace).output
        if isinstance(fn, SquaredError):
            pre, pre_n = fn.prefix, fn.prefix.replace("K", str(K))
            f = [f"(T_{k} − o_{k}{prime})²" for k in ids[-1]]
            n = [f"({p(t)} − {p(v)})²" for t, v in zip(T, out)]
            return [pre + (t[0] if K == 1 else "(" + " + ".join(t) + ")")
                    for t, pre in ((f, pre), (n, pre_n))]
        if softmax:  # −Σ_k T_k log o_k
            f = [f"T_{k} log o_{k}{prime}" for k in ids[-1]]
            n = [f"{p(t)} · log {p(v)}" for t, v in zip(T, out)]
        else:  # binary cross-entropy per sigmoid output
            f = [f"T_{k} log o_{k}{prime} + (1 − T_{k}) log(1 − o_{k}{prime})" for k in ids[-1]]
            n = [f"{p(t)} · log {p(v)} + (1 − {p(t)}) · log(1 − {p(v)})" for t, v in zip(T, out)]
        return ["−(" + " + ".join(t) + ")" if len(t) > 1 else f"−[{t[0]}]" for t in (f, n)]

    def activation_step(l, r, j, prime=""):  # (formula, numbers) of o_j = f(net_j)
        act, nets = net.activations[l], (trace2 if prime else trace).nets[l]
        if act == "softmax":
            others = " + ".join(f"e^net_{k}{prime}" for k in ids[l + 1])
            numbers = f"e^{p(nets[r])} / (" + " + ".join(f"e^{p(v)}" for v in nets) + ")"
            return f"o_{j}{prime} = e^net_{j}{prime} / ({others})", numbers
        if act == "linear":
            return f"o_{j}{prime} = f(net_{j}{prime}) = net_{j}{prime}", ""
        return f"o_{j}{prime} = f(net_{j}{prime})", _F[act].format(fmt(nets[r], digits))

    for i, v in zip(ids[0], x):
        add("forward", f"o_{i}", f"o_{i} = x_{i}", "", v)
    for l in range(L):
        for r, j in enumerate(ids[l + 1]):
            formula, numbers = wsum(l, r)
            add("forward", f"net_{j}", f"net_{j} = {formula}", numbers, trace.nets[l][r], layer=l)
            add("forward", f"o_{j}", *activation_step(l, r, j), trace.outputs[l + 1][r], layer=l)
    add("loss", "E", "E = " + error_sum()[0], error_sum()[1], grads.loss)

    for l in reversed(range(L)):
        for r, j in enumerate(ids[l + 1]):
            o = p(trace.outputs[l + 1][r])
            if l == L - 1 and not isinstance(fn, SquaredError):  # cross-entropy: f' cancels
                formula, numbers = f"δ_{j} = ∂E/∂o_{j} · f'(net_{j}) = o_{j} − T_{j}", f"{o} − {p(T[r])}"
                note = "cross-entropy: ∂E/∂o_k times f'(net_k) leaves o_k − T_k"
            elif l == L - 1:
                pre, pre_n = fn.grad_prefix, fn.grad_prefix.replace("K", str(K)).replace(" ", " · ")
                fp, fp_n, note = _f_prime(net.activations[l], j, trace.nets[l][r], o)
                formula = f"δ_{j} = ∂E/∂o_{j} · f'(net_{j}) = {pre}(o_{j} − T_{j}) · {fp}"
                numbers = f"{pre_n}({o} − {p(T[r])}) · {fp_n}"
            else:
                fp, fp_n, note = _f_prime(net.activations[l], j, trace.nets[l][r], o)
                down = list(zip(ids[l + 2], grads.deltas[l + 1], net.weights[l + 1][:, r]))
                terms = " + ".join(f"δ_{k} w_{{{k},{j}}}" for k, _, _ in down)
                formula = f"δ_{j} = f'(net_{j}) Σ_k δ_k w_{{k,{j}}} = {fp} · ({terms})"
                numbers = f"{fp_n} · (" + " + ".join(f"{p(dk)} · {p(wk)}" for _, dk, wk in down) + ")"
            add("backward", f"delta_{j}", formula, numbers, grads.deltas[l][r], note, layer=l)

    def param(l, r, c):  # (name, key, ∂E/∂ formula, its numbers, old value, gradient, new value, layer)
        j = ids[l + 1][r]
        if c is None:
            return f"b_{j}", f"b_{j}", f"δ_{j}", "", net.biases[l][r], grads.biases[l][r], new.biases[l][r], l
        i, o_i = ids[l][c], trace.outputs[l][c]
        return (f"w_{{{j},{i}}}", f"w_{j},{i}", f"δ_{j} o_{i}", f"{p(grads.deltas[l][r])} · {p(o_i)}",
                net.weights[l][r, c], grads.weights[l][r, c], new.weights[l][r, c], l)

    params = [param(l, r, c) for l in reversed(range(L)) for r in range(net.sizes[l + 1])
              for c in [*range(net.sizes[l]), None]]
    for name, key, g_formula, g_numbers, _, g, _, l in params:
        add("gradients", f"dE/d{key}", f"∂E/∂{name} = {g_formula}", g_numbers, g, layer=l)
    for name, key, _, _, w, g, w_new, l in params:
        add("update", f"{key}_new", f"{name} ← {name} − η ∂E/∂{name}", f"{p(w)} − {p(lr)} · {p(g)}", w_new,
            layer=l)

    for l, act in enumerate(net.activations):
        for r, j in enumerate(ids[l + 1]):
            formula, numbers = wsum(l, r, prime="'")
            if act == "softmax":  # the net inputs first, then the normalised exponentials
                add("check", f"net_{j}_new", f"net_{j}' = {formula}", numbers, trace2.nets[l][r], layer=l)
                add("check", f"o_{j}_new", *activation_step(l, r, j, prime="'"), trace2.outputs[l + 1][r],
                    layer=l)
                continue
            if act != "linear":
                numbers = _F[act].format(numbers) + " = " + _F[act].format(fmt(trace2.nets[l][r], digits))
            add("check", f"o_{j}_new", f"o_{j}' = f({formula})", numbers, trace2.outputs[l + 1][r], layer=l)
    add("check", "E_new", "E' = " + error_sum("'")[0], error_sum("'")[1], loss_after)
    change = loss_after - grads.loss
    verdict = "E went down" if change < 0 else "E went up: η is too large here" if change > 0 else "E stayed"
    add("check", "E_change", "ΔE = E' − E", f"{p(loss_after)} − {p(grads.loss)}", change, verdict)
    return Derivation(steps, trace, grads, new, grads.loss, loss_after, *_words(net, x, T, lr, fn, digits))


def _f_prime(act, j, net_j, o):
    """``(formula, numbers, note)`` of f'(net_j); `o` is o_j, formatted."""
    if act == "sigmoid":
        return f"o_{j} (1 − o_{j})", f"{o} · (1 − {o})", ""
    if act == "tanh":
        return f"(1 − o_{j}²)", f"(1 − {o}²)", ""
    if act == "linear":
        return "1", "1", "linear: f' = 1"
    return ("1", "1", "ReLU, net > 0: f' = 1") if net_j > 0 else ("0", "0", "ReLU, net ≤ 0: f' = 0")


def _words(net, x, T, lr, fn, digits):
    """The header and the introduction of every section, with ``$math$`` in unicode notation."""
    def vec(a):
        return "(" + ", ".join(fmt(v, digits) for v in a) + ")"

    acts = net.activations[0] if len(set(net.activations)) == 1 else "/".join(net.activations)
    header = (f"One step of backpropagation: {'-'.join(map(str, net.sizes))} {acts} network, loss {fn.name}\n"
              f"$x = {vec(x)}$, $T = {vec(T)}$, learning rate $η = {fmt(lr, digits)}$")
    hidden = " hidden neuron: $δ_j = f'(net_j) Σ_k δ_k w_{k,j}$, summed over the neurons k it feeds."
    used = ", ".join(_F_PRIME[a] for a in dict.fromkeys(net.activations) if a in _F_PRIME)
    if isinstance(fn, SquaredError):
        k_note = f" (K = {net.sizes[-1]} outputs)" if "K" in fn.prefix else ""
        loss_intro = f"$E = {fn.formula}$ over the output neurons k{k_note}."
        backward_intro = (f"$δ_j = ∂E/∂net_j$. Output neuron: $δ_k = ∂E/∂o_k · f'(net_k)$ with"
                          f" $∂E/∂o_k = {fn.grad_prefix}(o_k − T_k)$;" + hidden + f" f' here: {used}.")
    else:
        form = ("−Σ_k T_k log o_k$ (softmax outputs; the targets sum to 1)"
                if net.activations[-1] == "softmax"
                else "−Σ_k [T_k log o_k + (1 − T_k) log(1 − o_k)]$ (sigmoid outputs)")
        loss_intro = f"Cross-entropy: $E = {form}, computed from the net inputs so that it stays finite."
        backward_intro = ("$δ_j = ∂E/∂net_j$. Output neuron: with cross-entropy the f' of the output cancels"
                          " against ∂E/∂o_k, leaving $δ_k = o_k − T_k$;" + hidden
                          + (f" f' here: {used}." if used else ""))
    return header, {
        "forward": "$net_j = Σ_i w_{j,i} o_i + b_j$ and $o_j = f(net_j)$, layer by layer;"
                   " the bias $b_j$ is what \"Deep Learning Networks\" writes $w_{j,0}$.",
        "loss": loss_intro,
        "backward": backward_intro,
        "gradients": "$∂E/∂w_{j,i} = δ_j o_i$ and $∂E/∂b_j = δ_j$. (\"Understanding Backpropagation in Deep"
                     " Learning Networks\" prints $−δ_j o_i$ here: a sign slip, since $δ_j = ∂E/∂net_j$"
                     " already carries the sign.)",
        "update": f"$w ← w − η ∂E/∂w$ with $η = {fmt(lr, digits)}$: a small step against the gradient.",
        "check": "A second forward pass with the updated (primed) weights: did E go down?",
    }
