"""Write-a-function checks: right functions pass, typical wrong ones are named, broken ones read well.

The "students" here are hand-written numpy, independent of the package: one
right solution per check and a catalogue of the mistakes students make, each
with the words its feedback must contain.
"""

import math

import numpy as np
import pytest

import backprop_lab as bl
from backprop_lab import exercises as ex
from backprop_lab.exercises import functions
from backprop_lab.exercises.feedback import Feedback


def sig(z):
    return 1 / (1 + np.exp(-z))


# --- hand-written students ---


def sp(net, twice=False, no_square=False):
    s = sig(sig(net)) if twice else sig(net)
    return np.exp(-net) / (1 + np.exp(-net)) if no_square else s * (1 - s)


def od(net, o, T, ce=False):
    return o - T if ce else (o - T) * o * (1 - o)


def hd(d, W, o):
    return o * (1 - o) * (d @ W)


def bw(W1, b1, W2, b2, X, T, no_fp1=False, wt=False, no_fp2=False, sign=1, mean=True, bias=True,
       forward_bias=True, dw_t=False, one_per_sample=False):
    if not forward_bias:
        b1, b2 = 0 * b1, 0 * b2
    o1 = sig(X @ W1.T + b1)
    o2 = sig(o1 @ W2.T + b2)
    d2 = sign * (o2 - T) * (1 if no_fp2 else o2 * (1 - o2)) / (len(X) if mean else 1)
    d1 = (d2 @ (W2.T if wt else W2)) * (1 if no_fp1 else o1 * (1 - o1))
    dW1, dW2 = d1.T @ X, d2.T @ o1
    db1, db2 = (d1, d2) if one_per_sample else (d1.sum(0), d2.sum(0))
    if not bias:
        db1, db2 = 0 * db1, 0 * db2
    return (dW1.T, db1, dW2.T, db2) if dw_t else (dW1, db1, dW2, db2)


def fw(W1, b1, W2, b2, X):
    return sig(sig(X @ W1.T + b1) @ W2.T + b2)


def count(sizes):
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:]))


def schedule(epoch, lr0):
    return lr0 * 0.5 ** (epoch // 10)


def clip(grads, max_norm):
    n = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
    return [g * (max_norm / n) for g in grads] if n > max_norm else grads


def gradient(E, theta, eps, one_sided=False):
    g = np.zeros_like(theta)
    for i in np.ndindex(theta.shape):
        plus, minus = theta.copy(), theta.copy()
        plus[i] += eps
        minus[i] -= eps
        g[i] = (E(plus) - E(theta)) / eps if one_sided else (E(plus) - E(minus)) / (2 * eps)
    return g


def adam(theta, g, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8, correct=True, hats=False, bump=False):
    t = t + 1 if bump else t
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    mh, vh = (m / (1 - beta1**t), v / (1 - beta2**t)) if correct else (m, v)
    new = theta - lr * mh / (np.sqrt(vh) + eps)
    return (new, mh, vh) if hats else (new, m, v)


def batch_grads(d, O, mean=True, transpose=False):
    dW = np.einsum("bj,bi->ji", d, O)  # Σ_b δ_b o_bᵀ, written differently from the package
    dW, db = (dW.T if transpose else dW), d.sum(axis=0)
    return (dW / len(d), db / len(d)) if mean else (dW, db)


def costs(sizes, B, per_parameter=2, biases=True, send=(1, None)):
    layers = list(zip(sizes[:-1], sizes[1:]))
    forward = sum(B * i * o for i, o in layers)
    P = sum(i * o + (o if biases else 0) for i, o in layers)
    return per_parameter * P * forward, 2 * forward + sum(B * i * o for i, o in layers[slice(*send)])
def bn_back(dy, xh, gamma, s, mu=True, var=True, use_gamma=True, use_s=True, means=True, dgamma_x=True,
            sum_params=True):
    g = dy * gamma if use_gamma else dy
    avg = (lambda a: a.mean(axis=0)) if means else (lambda a: a.sum(axis=0))
    dx = g - (avg(g) if mu else 0) - (xh * avg(g * xh) if var else 0)
    params = (lambda a: a.sum(axis=0)) if sum_params else (lambda a: a.mean(axis=0))
    return (s if use_s else 1) * dx, params(dy * xh if dgamma_x else dy), params(dy)


def conv_dw(dy, x, K, first_t=False, first_b=False, flip=False, shift=True, per_position=False):
    if first_b:
        dy, x = dy[:1], x[:1]
    L = dy.shape[1]
    dw = [np.sum((dy * x[:, k:k + L] if shift else dy * x[:, :L])[:, :1] if first_t else
                 (dy * x[:, k:k + L] if shift else dy * x[:, :L])) for k in range(K)]
    dw = np.array(dw[::-1] if flip else dw)
    return dw / L if per_position else dw


def kw(f, **options):
    return lambda *args: f(*args, **options)


# check -> (keyword arguments, right function, [(wrong function, words its message contains)])
CHECKS = {
    "sigmoid_prime": (ex.check_sigmoid_prime, {}, sp, [
        (sig, "σ(net) itself"), (lambda z: z * (1 - z), "net where o = σ(net) belongs"),
        (kw(sp, twice=True), "σ twice"), (lambda z: 1 - sig(z) ** 2, "tanh"),
        (lambda z: -sp(z), "wrong sign"),
        (kw(sp, no_square=True), "square in the denominator")]),
    "output_delta": (ex.check_output_delta_function, {}, od, [
        (lambda n, o, T: o - T, "left out f′"), (lambda n, o, T: (T - o) * o * (1 - o), "wrong sign"),
        (lambda n, o, T: (o - T) * n * (1 - n), "f′ at net"), (lambda n, o, T: 2 * od(n, o, T), "twice"),
        (lambda n, o, T: (o - T) * sig(o) * (1 - sig(o)), "σ′(o)")]),
    "output_delta_ce": (ex.check_output_delta_function, {"loss": "cross_entropy"}, kw(od, ce=True), [
        (od, "multiplied by f′"), (lambda n, o, T: T - o, "wrong sign"),
        (lambda n, o, T: (o - T) / (o * (1 - o)), "∂E/∂o")]),
    "hidden_deltas": (ex.check_hidden_deltas, {}, hd, [
        (lambda d, W, o: d @ W, "left out f′"), (lambda d, W, o: o * (1 - o) * (d @ W.T), "W where Wᵀ"),
        (lambda d, W, o: o * (1 - o) * (W @ d.T).T, "W where Wᵀ"),
        (lambda d, W, o: -hd(d, W, o), "wrong sign"), (lambda d, W, o: o * (d @ W), "o instead of f′"),
        (lambda d, W, o: hd(d, W, o) / len(d), "divided by B")]),
    "backward_2_layer": (ex.check_backward_2_layer, {}, bw, [
        (kw(bw, no_fp1=True), "f′ in the hidden δ"), (kw(bw, wt=True), "W2 where W2ᵀ"),
        (kw(bw, no_fp2=True), "f′ in the output δ"), (kw(bw, sign=-1), "wrong sign"),
        (kw(bw, mean=False), "summed over the batch"), (kw(bw, bias=False), "bias gradients"),
        (kw(bw, forward_bias=False), "biases out of the forward pass"), (kw(bw, dw_t=True), "transposed"),
        (kw(bw, one_per_sample=True), "sum over the samples (axis=0)")]),
    "forward_2_layer": (ex.check_forward_2_layer, {}, fw, [
        (lambda W1, b1, W2, b2, X: sig(sig(X @ W1.T) @ W2.T), "left out the biases"),
        (lambda W1, b1, W2, b2, X: sig(sig(X @ W1 + b1) @ W2 + b2), "W where Wᵀ"),
        (lambda W1, b1, W2, b2, X: sig(X @ W1.T + b1) @ W2.T + b2, "net, not o"),
        (lambda W1, b1, W2, b2, X: sig((X @ W1.T + b1) @ W2.T + b2), "σ in the hidden layer"),
        (lambda *a: fw(*a) > 0.5, "class labels")]),
    "parameter_count": (ex.check_parameter_count_function, {}, count, [
        (lambda s: sum(a * b for a, b in zip(s[:-1], s[1:])), "left out the biases"),
        (sum, "counted neurons"), (lambda s: count(s) + s[0], "input neurons biases"),
        (lambda s: sum(a * b + a for a, b in zip(s[:-1], s[1:])), "sending side")]),
    "lr_schedule": (ex.check_lr_schedule, {}, schedule, [
        (lambda t, lr0: lr0 * 0.5 ** (t / 10), "did not round down"),
        (lambda t, lr0: lr0 * 0.5 ** (t // 10 + 1), "one drop too many"),
        (lambda t, lr0: lr0 * 0.5**t, "every epoch"), (lambda t, lr0: lr0 * 0.5 ** ((t + 1) // 10), "from 1"),
        (lambda t, lr0: lr0 * 0.5 ** round(t / 10), "round() where ⌊ ⌋")]),
    "clip_by_norm": (ex.check_clip_by_norm_function, {}, clip, [
        (lambda g, c: [np.clip(a, -c, c) for a in g], "by value"),
        (lambda g, c: [clip([a], c)[0] for a in g], "its own norm"),
        (lambda g, c: [a * c / math.sqrt(sum(np.sum(b * b) for b in g)) for a in g], "short enough"),
        (lambda g, c: clip(g, c) if sum(np.sum(b * b) for b in g) <= c else
         [a * c / sum(np.sum(b * b) for b in g) for a in g], "‖g‖² where ‖g‖"),
        (lambda g, c: g, "unchanged")]),
    "gradient_check": (ex.check_gradient_check, {}, gradient, [
        (lambda E, t, e: 2 * gradient(E, t, e), "the 2 in 2ε"), (kw(gradient, one_sided=True), "one-sided"),
        (lambda E, t, e: -gradient(E, t, e), "wrong way round"),
        (lambda E, t, e: np.full(t.shape, (E(t + e) - E(t - e)) / (2 * e)), "all entries at once")]),
    "adam_step": (ex.check_adam_step, {}, adam, [
        (kw(adam, correct=False), "bias correction"), (kw(adam, hats=True), "m̂ and v̂"),
        (kw(adam, bump=True), "increased t"),
        (lambda th, g, m, v, t, lr, b1, b2, eps: adam(th, g, m, v, t, lr), "β1 = 0.9 and β2 = 0.999"),
        (lambda *a: (a[0] - (adam(*a)[0] - a[0]), *adam(*a)[1:]), "added the step")]),
    "batch_gradients": (ex.check_batch_gradients, {}, batch_grads, [
        (kw(batch_grads, mean=False), "summed over the batch"),
        (kw(batch_grads, transpose=True),
         "a dW that is an array of shape (2, 3); the result has shape (3, 2), the transpose of yours"),
        (lambda d, O: (batch_grads(d, O)[0], d.sum(axis=0)), "db is summed"),
        (lambda d, O: (batch_grads(d, O)[0], d.mean(axis=1)),
         "a db that is an array of shape (4,); the result has shape (3,)"),
        (lambda d, O: tuple(g / len(d) for g in batch_grads(d, O)), "divided by B twice"),
        (lambda d, O: (batch_grads(d, O)[0], d / len(d)), "sum over the samples (axis=0)")]),
    "gradient_costs": (ex.check_gradient_costs, {}, costs, [
        (kw(costs, per_parameter=1), "one forward pass per parameter"), (kw(costs, biases=False), "biases"),
        (kw(costs, send=(0, None)), "through the first layer"), (kw(costs, send=(0, 0)), "only as much as"),
        (lambda s, B: costs(s, 1), "left out B")]),
    "batch_norm_backward": (ex.check_batch_norm_backward, {}, bn_back, [
        (kw(bn_back, mu=False, var=False), "both mean terms"), (kw(bn_back, mu=False), "through μ"),
        (kw(bn_back, var=False), "through σ²"), (kw(bn_back, use_gamma=False), "left out γ"),
        (kw(bn_back, use_s=False), "1/√(σ² + ε)"), (kw(bn_back, means=False), "summed where the means"),
        (kw(bn_back, dgamma_x=False), "without x̂"), (kw(bn_back, sum_params=False), "averaged dγ and dβ"),
        (lambda *a: (bn_back(*a)[0], bn_back(*a)[2], bn_back(*a)[1]), "dx is right, but dgamma and dbeta"),
        (lambda dy, xh, g, s: bn_back(dy, xh, g, s) if len(dy) == 3 else (0 * dy, *bn_back(dy, xh, g, s)[1:]),
         "your dx is 0, but dx is not zero here"),
        (lambda dy, xh, gamma, s: (bn_back(dy, xh, gamma, s)[0] * 1.1, *bn_back(dy, xh, gamma, s)[1:]),
         "Against central differences your gradients have a relative error of 0.0")]),
    "conv_dw": (ex.check_conv_dw, {}, conv_dw, [
        (kw(conv_dw, first_t=True), "first position only"),
        (kw(conv_dw, per_position=True), "averaged over the positions"),
        (kw(conv_dw, first_b=True), "first signal only"),
        (lambda dy, x, K: conv_dw(dy, x, K) / len(dy), "averaged over the batch"),
        (kw(conv_dw, flip=True), "flipped the filter"), (kw(conv_dw, shift=False), "did not shift x"),
        (lambda dy, x, K: np.full(K, dy.sum()), "∂E/∂b"),
        (lambda dy, x, K: np.array([np.sum(dy * x[:, k + 1:k + 1 + dy.shape[1]]) for k in range(K)]),
         "operands could not be broadcast")]),
}


def softmax(net):
    e = np.exp(net - net.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def decay(W, b, gW, gb, lr, lam):
    return W - lr * (gW + lam * W), b - lr * gb


def limit(n_in, n_out, activation):
    return math.sqrt(6 / n_in) if activation == "relu" else math.sqrt(6 / (n_in + n_out))


CHECKS.update({
    "softmax": (ex.check_softmax_function, {}, softmax, [
        (lambda n: np.exp(n) / np.exp(n).sum(axis=0), "each column (axis=0)"),
        (lambda n: np.exp(n) / np.exp(n).sum(), "whole batch"), (np.exp, "without dividing"),
        (lambda n: 0.5 * (1 + np.tanh(n / 2)), "sigmoid"),
        (lambda n: np.exp(n) / np.exp(n).sum(axis=1, keepdims=True), "near ±1000")]),
    "decay_step": (ex.check_weight_decay_step, {}, decay, [
        (lambda W, b, gW, gb, lr, lam: (W - lr * (gW + lam * W), b - lr * (gb + lam * b)), "biases too"),
        (lambda W, b, gW, gb, lr, lam: (W - lr * gW - lam * W, b - lr * gb), "without the factor η"),
        (lambda W, b, gW, gb, lr, lam: (W - lr * (gW + lam * W / 2), b - lr * gb), "λW/2"),
        (lambda W, b, gW, gb, lr, lam: (W - lr * (gW - lam * W), b - lr * gb), "added λW"),
        (lambda W, b, gW, gb, lr, lam: (W - lr * gW, b - lr * gb), "left out the weight decay")]),
    "init_limit": (ex.check_init_limit_function, {}, limit, [
        (lambda i, o, a: math.sqrt(6 / i), "He for every layer"),
        (lambda i, o, a: math.sqrt(6 / (i + o)), "Xavier for every layer"),
        (lambda i, o, a: math.sqrt(6 / (i + o)) if a == "relu" else math.sqrt(6 / i), "swapped"),
        (lambda i, o, a: limit(i, o, a) ** 2, "square root"),
        (lambda i, o, a: math.sqrt(6 / o) if a == "relu" else math.sqrt(6 / (i + o)), "n_out"),
        (lambda i, o, a: math.sqrt(2 / i) if a == "relu" else math.sqrt(2 / (i + o)), "standard deviation")]),
})
MISTAKES = [(name, i) for name, (_, _, _, ms) in CHECKS.items() for i in range(len(ms))]


def run(name, fn):
    check, kwargs, _, _ = CHECKS[name]
    feedback = check(fn, **kwargs)
    assert isinstance(feedback, Feedback)
    return feedback


@pytest.mark.parametrize("name", CHECKS)
def test_right_function_passes(name):
    feedback = run(name, CHECKS[name][2])
    assert feedback.ok, feedback
    assert str(feedback).startswith("✓ Right: ") and "on all" in feedback.message


@pytest.mark.parametrize("name, i", MISTAKES, ids=[f"{n}-{i}" for n, i in MISTAKES])
def test_typical_mistake_is_named(name, i):
    wrong, words = CHECKS[name][3][i]
    feedback = run(name, wrong)
    assert not feedback.ok
    assert words in feedback.message, feedback.message
    assert "rounding" not in feedback.message and "Hint: " in str(feedback)


def _exercise(name, monkeypatch):
    """The FunctionExercise a check builds (caught on its way to .check)."""
    seen = {}
    original = functions.FunctionExercise.check

    def grab(self, fn):
        seen["exercise"] = self
        return original(self, fn)

    monkeypatch.setattr(functions.FunctionExercise, "check", grab)
    run(name, CHECKS[name][2])
    return seen["exercise"]


@pytest.mark.parametrize("name", CHECKS)
def test_every_slip_variant_is_recognised_and_the_reference_passes(name, monkeypatch):
    exercise = _exercise(name, monkeypatch)
    assert exercise.check(exercise.reference).ok
    assert len(exercise.cases) >= 3 and exercise.slips
    for slip in exercise.slips:
        feedback = exercise.check(slip.fn)
        assert not feedback.ok and slip.label in feedback.message, (slip.label, feedback.message)


# --- functions that break: a readable message, never a traceback ---


def _single_array(name):
    return name in ("sigmoid_prime", "output_delta", "hidden_deltas", "forward_2_layer", "gradient_check",
                    "conv_dw", "softmax")


def _boom(*args):
    return 1 / 0


def _no_return(*args):
    args[0] is None  # noqa: B015 -- computes something, returns nothing


@pytest.mark.parametrize("name", CHECKS)
def test_broken_functions_get_messages(name):
    m = run(name, _no_return).message
    assert m.startswith("test 1 of ") and m.endswith(" returned None — replace ... with your code, and end"
                                                     " with a return statement.")
    m = run(name, _boom).message
    assert "raised ZeroDivisionError: division by zero (in line " in m and "`return 1 / 0`" in m
    assert " returned the text 'abc', not numbers." in run(name, lambda *a: "abc").message
    if _single_array(name):
        right = CHECKS[name][2]
        m = run(name, lambda *a: right(*a).tolist()).message
        assert "returned a list; return a numpy array of shape" in m
        assert "returned an array of shape (7, 7); the result has shape" in run(
            name, lambda *a: np.zeros((7, 7))).message
        assert "returned NaN — a division by zero" in run(name, lambda *a: right(*a) * np.nan).message
        m = run(name, lambda *a: 0.5).message
        assert "returned a single number; the result is an array of shape" in m
    assert run(name, ...).message.startswith("Replace ... with your function — def my_function(")
    m = run(name, 0.5).message
    assert "pass your function itself, without parentheses; you passed the number 0.5" in m


def test_the_unchanged_stub_asks_for_a_body():
    def my_hidden_deltas(delta_next, W_next, o):
        ...  # your code

    def my_other(delta_next, W_next, o):
        """What it computes."""
        ...

    assert str(ex.check_hidden_deltas(my_hidden_deltas)) == (
        "✗ Not yet: Write the body of my_hidden_deltas in place of ..., then run the cell again.")
    assert ex.check_hidden_deltas(my_other).message.startswith("Write the body of my_other")


def test_messages_pinned_and_deterministic():
    def my_delta(net, o, T):
        return o - T

    first, second = ex.check_output_delta_function(my_delta), ex.check_output_delta_function(my_delta)
    assert str(first) == str(second) == (
        "✗ Not yet: you left out f′(net_k) — δ_k = (o_k − T_k)·f′(net_k), with f′(net_k) = o_k(1 − o_k).\n"
        "  Hint: δ = (o − T) * o * (1 − o)")
    assert first._repr_html_() == second._repr_html_()
    assert str(ex.check_sigmoid_prime(sp)) == (
        "✓ Right: sp computes σ′(net) on all 3 test inputs (negative, zero and positive net; a (2, 3) array;"
        " a single number).")
    assert ex.check_sigmoid_prime(lambda z: sp(z) * 1.07).message == (
        "test 1 of 3 (negative, zero and positive net): your function(net=[-2, -0.5, 0, 1.5]) is off: it is"
        " 7% too large. 4 of 4 entries differ; at [0] yours is 0.1123, the reference 0.105.")


def test_an_unknown_miss_says_where_and_how_far_and_quotes_the_gradient_check():
    def my_backward(*args):
        dW1, db1, dW2, db2 = bw(*args)
        return dW1 * 3, db1, dW2, db2

    m = ex.check_backward_2_layer(my_backward).message
    assert m.startswith("test 1 of 4 (the 2-2-2 network, one sample): my_backward(W1=array of shape (2, 2),")
    assert "db1, dW2 and db2 are right, but dW1 is not; your dW1 is 3 times too large." in m
    assert "Against central differences your gradients have a relative error of 0.12" in m
    assert "rounding" not in m and "close" not in m


def test_a_slip_that_crashes_on_non_square_weights_is_still_named():
    m = ex.check_hidden_deltas(lambda d, W, o: o * (1 - o) * (d @ W.T)).message
    assert m.startswith("you used W where Wᵀ belongs")
    assert m.endswith("(On tests 2 and 3 your function stopped with an error, as this slip does there.)")


def test_exception_tips():
    m = ex.check_sigmoid_prime(lambda z: math.exp(-z)).message
    assert "raised TypeError" in m and "Tip: math.exp and friends take one number" in m
    assert "It is right on test 3." not in m  # math.exp(-z) is not σ′ even for one number
    m = ex.check_hidden_deltas(lambda d, W, o: o * (1 - o) * (W @ d)).message
    assert "Tip: delta_next (B, n_next) @ W_next (n_next, n_hidden) gives (B, n_hidden)." in m
    m = ex.check_adam_step(lambda theta, g, m, v, t, lr: (theta, m, v)).message
    assert "takes 6 positional arguments but 9 were given." in m
    assert "Tip: the signature is given in the exercise text." in m
    m = ex.check_sigmoid_prime(lambda z: undefined_name * z).message  # noqa: F821
    assert "raised NameError: name 'undefined_name' is not defined" in m and "Tip: a name is not defined" in m


def test_functions_that_change_their_inputs_spoil_nothing():
    def greedy(net):
        result = sp(net.copy()) if isinstance(net, np.ndarray) else sp(net)
        if isinstance(net, np.ndarray):
            net[...] = 99.0  # changes the caller's array: the next test and the reference get fresh copies
        return result

    assert ex.check_sigmoid_prime(greedy).ok

    def clip_in_place(grads, max_norm):
        n = math.sqrt(sum(float(np.sum(g * g)) for g in grads))
        for g in grads:
            g *= min(1.0, max_norm / n)
        return grads

    assert ex.check_clip_by_norm_function(clip_in_place).ok

    def perturb_in_place(E, theta, eps):
        g = np.zeros_like(theta)
        for i in np.ndindex(theta.shape):
            old = theta[i]
            theta[i] = old + eps
            up = E(theta)
            theta[i] = old - eps
            g[i] = (up - E(theta)) / (2 * eps)
            theta[i] = old
        return g

    assert ex.check_gradient_check(perturb_in_place).ok

    def not_put_back(E, theta, eps):
        g = np.zeros_like(theta)
        for i in np.ndindex(theta.shape):
            theta[i] += eps
            up = E(theta)
            theta[i] -= 2 * eps
            g[i] = (up - E(theta)) / (2 * eps)
        return g

    m = ex.check_gradient_check(not_put_back).message
    assert m.startswith("you nudged θ in place and did not put it back")


def test_endless_loops_are_stopped(monkeypatch):
    monkeypatch.setattr(functions, "TIME_LIMIT", 0.2)

    def forever(net):
        while True:
            try:
                pass
            except Exception:  # a student's catch-all must not swallow the time limit
                pass

    assert ex.check_sigmoid_prime(forever).message == (
        "test 1 of 3 (negative, zero and positive net): forever(net=[-2, -0.5, 0, 1.5]) did not return"
        " within 0.2 s — an endless loop? A while loop whose condition never changes?")
    assert ex.check_sigmoid_prime(sp).ok  # the timer is gone afterwards


def test_interrupting_the_kernel_is_not_swallowed():
    def interrupted(net):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ex.check_sigmoid_prime(interrupted)


def test_printing_students_still_get_feedback(capsys):
    def chatty(net):
        print("net is", np.shape(net))
        return sp(net)

    assert ex.check_sigmoid_prime(chatty).ok
    assert capsys.readouterr().out.count("net is") == 3  # once per test input


def test_bad_check_arguments_raise():
    with pytest.raises(ValueError, match=r"unknown loss 'mse'; expected one of \['cross_entropy', 'half_sse"):
        ex.check_output_delta_function(od, loss="mse")
    with pytest.raises(ValueError, match="every must be at least 1, got 0"):
        ex.check_lr_schedule(schedule, every=0)
    assert ex.check_lr_schedule(lambda t, lr0: lr0 * 0.1 ** (t // 3), drop=0.1, every=3).ok


def test_reference_matches_the_engine_optimizers():
    # the schedule and clipping checks accept exactly what bl.StepDecay and bl.clip_by_norm compute
    assert ex.check_lr_schedule(lambda t, lr0: bl.StepDecay(0.5, 10)(t, lr0)).ok
    assert ex.check_clip_by_norm_function(bl.clip_by_norm).ok
    assert ex.check_gradient_check(lambda E, t, e: gradient(E, t, e)).ok
