"""Write-a-function checks for notebooks 05, 06, 07 and 09: a schedule, clipping, a gradient check, Adam.

The signatures below are the ones the notebooks' stubs copy; see
:mod:`.functions` for how the student's function is called and judged.
"""

import numpy as np

from .. import examples
from .._checks import positive_float, positive_int
from ..gradcheck import _central_differences
from ..losses import loss as _loss
from ..network import Network
from ..optim import Adam, StepDecay, clip_by_norm, clip_by_value
from ..passes import forward
from .functions import Case, FunctionExercise, Slip

__all__ = ["check_adam_step", "check_clip_by_norm_function", "check_gradient_check", "check_lr_schedule"]


# --- 05 · a learning-rate schedule ---


def check_lr_schedule(fn, drop=0.5, every=10):
    """Exercise: write ``my_schedule(epoch, lr0)``, step decay: η_t = η0·drop^⌊t / every⌋.

    Signature: ``my_schedule(epoch, lr0) -> float``; `epoch` counts from 0,
    `lr0` is the starting rate; `drop` and `every` are fixed numbers the
    exercise gives (default 0.5 and 10), as in ``bl.StepDecay(drop, every)``.

    Recognises: no rounding down (drop^(t / every)); one drop too many;
    a drop every epoch; epochs counted from 1; round() where ⌊ ⌋ belongs.
    """
    drop, every = positive_float("drop", drop), positive_int("every", every)
    reference = StepDecay(drop, every)
    cases = tuple(Case((t, lr0), note) for t, lr0, note in (
        (0, 0.8, "epoch 0"), (every - 1, 0.8, "the last epoch before the first drop"),
        (every, 0.8, "the first drop"), (every + 6 * every // 10, 0.8, "between two drops"),
        (4 * every, 0.1, "η0 = 0.1")))
    slip_list = (
        Slip("you did not round down", f"the rate drops in steps: use epoch // {every}.",
             lambda t, lr0: lr0 * drop ** (t / every)),
        Slip("you applied one drop too many", f"at epoch 0 the rate is η0; the first drop comes at epoch"
             f" {every}.",
             lambda t, lr0: lr0 * drop ** (t // every + 1)),
        Slip("you dropped the rate every epoch", f"it drops once every {every} epochs.",
             lambda t, lr0: lr0 * drop**t),
        Slip("you counted epochs from 1", f"epochs count from 0: the first drop is at epoch {every}.",
             lambda t, lr0: lr0 * drop ** ((t + 1) // every)),
        Slip("you used round() where ⌊ ⌋ belongs", "round() goes up from halfway, a drop too early;"
             " ⌊t / every⌋ is epoch // every.",
             lambda t, lr0: lr0 * drop ** round(t / every)),
    )
    return FunctionExercise(f"the step-decay rate (drop {drop:g} every {every} epochs)", ("epoch", "lr0"),
                            reference, cases, slip_list, hint=f"η_t = lr0 * {drop:g} ** (epoch // {every})"
                            ).check(fn)


# --- 06 · clipping by norm ---


def check_clip_by_norm_function(fn):
    """Exercise: write ``my_clip_by_norm(grads, max_norm)``, clipping all gradients together by their norm.

    Signature: ``my_clip_by_norm(grads, max_norm) -> list of arrays``;
    `grads` is a list of arrays of any shapes (e.g. [dW1, db1, dW2, db2]).
    Their joint norm is ‖g‖ = √(Σ of every entry squared); if ‖g‖ > max_norm,
    return every array times max_norm / ‖g‖, else return them unchanged
    (as ``bl.clip_by_norm``). Return a list of arrays of the same shapes.

    Recognises: clipping by value; each array clipped by its own norm;
    rescaling also when ‖g‖ ≤ max_norm; ‖g‖² (no √) where ‖g‖ belongs;
    max_norm left out (scaled to norm 1); the ratio upside down; g unchanged.
    """
    def norm(grads):
        return np.sqrt(sum(float(np.sum(g * g)) for g in grads))

    cases = (
        Case(([np.array([3.0, 4.0])], 1.0), "one vector of norm 5"),
        Case(([np.array([[0.6, -0.8], [0.0, 1.2]]), np.array([-0.9, 0.3])], 1.5),
             "two arrays, joint norm 1.83"),
        Case(([np.array([0.3, -0.4]), np.array([0.1])], 2.0), "norm below max_norm"),
        Case(([np.array([[-2.0, 1.0], [0.5, 3.0]]), np.array([1.0, -1.0]), np.array([[4.0, 0.2]]),
               np.array([0.5])], 0.5), "a 2-2-1 network's four gradients"),
    )
    slip_list = (
        Slip("you clipped by value", "clipping by norm rescales all entries together, keeping the direction.",
             lambda g, c: clip_by_value(g, c)),
        Slip("you clipped each array by its own norm", "the norm is taken over all arrays together.",
             lambda g, c: [clip_by_norm([a], c)[0] for a in g]),
        Slip("you also rescaled gradients that were short enough", "only when ‖g‖ > max_norm; else leave g.",
             lambda g, c: [a * (c / norm(g)) for a in g]),
        Slip("you used ‖g‖² where ‖g‖ belongs", "‖g‖ is the square root of the sum of squares.",
             lambda g, c: [a * (c / norm(g) ** 2) for a in g] if norm(g) ** 2 > c else g),
        Slip("you scaled to norm 1, leaving out max_norm", "the clipped gradient has norm max_norm.",
             lambda g, c: [a / norm(g) for a in g] if norm(g) > c else g),
        Slip("your ratio is upside down", "multiply by max_norm / ‖g‖ (which is < 1).",
             lambda g, c: [a * (norm(g) / c) for a in g] if norm(g) > c else g),
        Slip("you left the gradients unchanged", "where ‖g‖ > max_norm they must shrink.", lambda g, c: g),
    )
    return FunctionExercise("the clipped gradients", ("grads", "max_norm"), lambda g, c: clip_by_norm(g, c),
                            cases, slip_list, hint="if ‖g‖ > max_norm: g ← g · max_norm / ‖g‖, all arrays"
                            " together", outputs="list").check(fn)


# --- 07 · a central-difference gradient check ---


def _central(E, theta, eps):
    probe = np.array(theta, dtype=np.float64)
    return _central_differences(probe, lambda: E(probe), eps)


def _expects(shape, theta):
    theta = np.asarray(theta, dtype=np.float64)
    if theta.shape != shape:
        raise ValueError(f"E takes an array of shape {shape}, got shape {theta.shape}")
    return theta


def check_gradient_check(fn):
    """Exercise: write ``my_numerical_gradient(E, theta, eps)``: the central-difference gradient of E.

    Signature: ``my_numerical_gradient(E, theta, eps) -> array``; `E` is a
    function that takes an array shaped like `theta` and returns a number
    (one of them is a network's loss as a function of its first weights);
    `theta` is a float array of any shape. Return an array shaped like theta
    whose entry i is (E(θ + ε e_i) − E(θ − ε e_i)) / 2ε, where e_i nudges
    entry i alone. Nudge a copy (``theta.copy()``) or put each entry back.

    Recognises: the 2 in 2ε left out; a one-sided difference; the difference
    the wrong way round; all entries nudged at once; entries nudged in place
    and not put back.
    """
    ex = examples.NET_2_2_2
    W2, b = np.array(ex.weights[1]), [np.array(v) for v in ex.biases]

    def cubic(theta):
        t = _expects((3,), theta)
        return float(np.sum(t**3) + t[0] * t[1])

    def waves(theta):
        t = _expects((2, 2), theta)
        return float(np.sum(np.sin(t) * np.array([[1.0, 2.0], [3.0, 4.0]])) + t[0, 0] * t[1, 1])

    def loss_of_W1(theta):
        net = Network.from_weights([_expects((2, 2), theta), W2], b)
        return _loss(forward(net, ex.x), ex.T)

    cases = (Case((cubic, np.array([0.5, -1.2, 2.0]), 1e-3), "E = Σθ³ + θ0·θ1, θ of shape (3,)"),
             Case((waves, np.array([[0.3, -0.7], [1.1, 0.4]]), 1e-2), "θ of shape (2, 2)"),
             Case((loss_of_W1, np.array(ex.weights[0]), 1e-2),
                  "the 2-2-2 network's loss as a function of W1"))

    def all_at_once(E, theta, eps):
        slope = (E(theta + eps) - E(theta - eps)) / (2 * eps)
        return np.full(np.shape(theta), slope)

    def not_put_back(E, theta, eps):
        t, grad = np.array(theta, dtype=np.float64), np.zeros(np.shape(theta))
        for i in np.ndindex(t.shape):
            t[i] += eps
            E_plus = E(t)
            t[i] -= 2 * eps
            grad[i] = (E_plus - E(t)) / (2 * eps)
        return grad

    slip_list = (
        Slip("you left out the 2 in 2ε", "θ + ε and θ − ε are 2ε apart.", lambda *a: 2 * _central(*a)),
        Slip("you used a one-sided difference", "(E(θ + ε) − E(θ)) / ε is less accurate: its error shrinks"
             " like ε, the central difference's like ε².", _forward_diff),
        Slip("you subtracted the wrong way round", "the slope is (E(θ + ε) − E(θ − ε)) / 2ε.",
             lambda *a: -_central(*a)),
        Slip("you nudged all entries at once", "nudge one entry at a time: entry i of the gradient is the"
             " slope along θ_i alone.", all_at_once),
        Slip("you nudged θ in place and did not put it back", "after E(θ − ε) restore θ_i, or nudge a copy;"
             " otherwise every later entry is measured at the wrong point.", not_put_back),
    )
    hint = "grad[i] = (E(θ + ε·e_i) − E(θ − ε·e_i)) / (2ε), one entry at a time"
    return FunctionExercise("the central-difference gradient", ("E", "theta", "eps"), _central, cases,
                            slip_list, hint=hint).check(fn)


def _forward_diff(E, theta, eps):
    t = np.array(theta, dtype=np.float64)
    E0, grad = E(t.copy()), np.zeros(t.shape)
    for i in np.ndindex(t.shape):
        nudged = t.copy()
        nudged[i] += eps
        grad[i] = (E(nudged) - E0) / eps
    return grad


# --- 09 · one Adam step ---


def check_adam_step(fn):
    """Exercise: write ``my_adam_step(theta, g, m, v, t, lr, beta1, beta2, eps)``, one step of Adam.

    Signature: ``my_adam_step(theta, g, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8)
    -> (theta, m, v)``; `theta`, `g` (the gradient), `m` and `v` (the moment
    estimates before this step) are arrays of one shape; `t` is this step's
    number, counted from 1. Return the new theta, m and v::

        m ← β1·m + (1 − β1)·g          v ← β2·v + (1 − β2)·g²
        m̂ = m / (1 − β1^t)             v̂ = v / (1 − β2^t)
        theta ← theta − lr·m̂ / (√v̂ + eps)

    The check passes all nine arguments, and one test uses other β values.

    Recognises: no bias correction; the step added, not subtracted; m without
    the (1 − β1); no square root; lr left out; m̂ and v̂ returned instead of
    m and v; m and v not updated; t increased once more; β1, β2 fixed at 0.9 and 0.999.
    """
    def reference(theta, g, m, v, t, lr, beta1, beta2, eps):
        adam = Adam(beta1, beta2, eps)
        adam.m, adam.v, adam.t = [m], [v], t - 1
        return adam.update([theta], [g], lr)[0], adam.m[0], adam.v[0]

    def custom(theta, g, m, v, t, lr, b1, b2, eps, *, correct=True, root=True, m_factor=True, sign=-1.0,
               use_lr=True, give="mv"):
        m = b1 * m + ((1 - b1) if m_factor else 1.0) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat, v_hat = (m / (1 - b1**t), v / (1 - b2**t)) if correct else (m, v)
        step = m_hat / ((np.sqrt(v_hat) if root else v_hat) + eps)
        new = theta + sign * (lr if use_lr else 1.0) * step
        return (new, m, v) if give == "mv" else (new, m_hat, v_hat)

    theta0, g0 = np.array([0.5, -1.0, 2.0]), np.array([0.2, -0.05, 1.5])
    zeros = np.zeros(3)
    after1 = reference(theta0, g0, zeros, zeros, 1, 0.01, 0.9, 0.999, 1e-8)
    m3, v3 = np.array([[0.02, -0.3], [0.1, 0.05]]), np.array([[0.004, 0.02], [0.001, 0.0005]])
    cases = (Case((theta0, g0, zeros, zeros, 1, 0.01, 0.9, 0.999, 1e-8), "the first step, t = 1"),
             Case((after1[0], np.array([0.1, 0.3, -0.5]), after1[1], after1[2], 2, 0.01, 0.9, 0.999, 1e-8),
                  "the second step, t = 2"),
             Case((np.array([[1.0, -0.5], [0.25, 2.0]]), np.array([[-0.4, 0.8], [0.05, -0.1]]), m3, v3, 10,
                   0.001, 0.8, 0.99, 1e-8), "t = 10, β1 = 0.8, β2 = 0.99, a 2 × 2 parameter"))
    slip_list = (
        Slip("you skipped the bias correction", "divide m by (1 − β1^t) and v by (1 − β2^t).",
             lambda *a: custom(*a, correct=False)),
        Slip("you added the step", "Adam steps against the gradient: theta − lr·m̂ / (√v̂ + eps).",
             lambda *a: custom(*a, sign=1.0)),
        Slip("you left out the (1 − β1) in m", "m ← β1·m + (1 − β1)·g.",
             lambda *a: custom(*a, m_factor=False)),
        Slip("you left out the square root", "divide by √v̂ + eps.", lambda *a: custom(*a, root=False)),
        Slip("you left out lr", "the step is lr·m̂ / (√v̂ + eps).", lambda *a: custom(*a, use_lr=False)),
        Slip("you returned m̂ and v̂", "return the raw m and v: the next step corrects them again.",
             lambda *a: custom(*a, give="hats")),
        Slip("you increased t before using it", "t is already this step's number, counted from 1: use"
             " beta1**t as given.", lambda theta, g, m, v, t, *rest: custom(theta, g, m, v, t + 1, *rest)),
        Slip("you did not update m and v", "return the new m and v with the new theta.",
             lambda theta, g, m, v, *rest: (reference(theta, g, m, v, *rest)[0], m, v)),
        Slip("you used β1 = 0.9 and β2 = 0.999 instead of the arguments beta1, beta2",
             "use the parameters the function is given.",
             lambda theta, g, m, v, t, lr, b1, b2, eps: reference(theta, g, m, v, t, lr, 0.9, 0.999, eps)),
    )
    return FunctionExercise("one Adam step", ("theta", "g", "m", "v", "t", "lr", "beta1", "beta2", "eps"),
                            reference, cases, slip_list, outputs=("theta", "m", "v"),
                            hint="m̂ = m / (1 − beta1**t), v̂ = v / (1 − beta2**t);"
                                 " theta − lr * m̂ / (np.sqrt(v̂) + eps)").check(fn)
