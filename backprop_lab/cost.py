"""What a gradient costs: finite differences against backpropagation, counted.

Finite differences nudge one parameter at a time, ``(E(θ + ε) − E(θ − ε)) / 2ε``:
two forward passes per parameter, so 2P passes for P parameters.
Backpropagation gets every ∂E/∂θ from one forward and one backward pass,
and the backward pass costs about two forward passes (one product to send δ
back, one to form ∂E/∂W, per layer). The counts here are exact and the
same on every machine; timings (``timed=True``) are not, so print them
only where nothing checks them.

Multiply-adds count the products of the matrix multiplications, which
dominate: a layer of n_in → n_out on B samples costs B · n_out · n_in.
Activations, biases and the loss are left out of the count (they add a
few operations per neuron, not per weight).
"""

import time
from dataclasses import dataclass

import numpy as np

from ._checks import positive_float, positive_int
from ._format import fmt
from .gradcheck import _central_differences, relative_error
from .losses import as_target, get_loss
from .network import Network
from .passes import _forward, activation_funcs, backward, check_input, forward

__all__ = ["CostSweep", "FiniteDifferences", "GradientCost", "cost_sweep", "finite_differences",
           "gradient_cost", "multiply_adds"]


@dataclass(repr=False)
class FiniteDifferences:
    """∂E/∂W and ∂E/∂b by central differences, and how many forward passes that took.

    Attributes
    ----------
    weights, biases : list of numpy.ndarray
        Shaped like ``Network.weights`` and ``Network.biases``.
    loss : float
        E at the unperturbed parameters.
    forward_passes : int
        Forward passes run to get the gradients: 2 per parameter (the one for
        `loss` is not counted).
    """

    weights: list
    biases: list
    loss: float
    forward_passes: int

    def __repr__(self):
        n = sum(w.size + b.size for w, b in zip(self.weights, self.biases))
        passes = self.forward_passes
        return f"<FiniteDifferences: {n} parameters, {passes} forward passes, E = {fmt(self.loss, 4)}>"


def finite_differences(net, x, target, loss="half_sse", eps=1e-6):
    """Every ∂E/∂w and ∂E/∂b by central differences, counting the forward passes.

    Parameters
    ----------
    net : Network
        Not changed.
    x : array_like, shape (n_in,) or (B, n_in)
    target : array_like
    loss : {"half_sse", "sse", "mse", "cross_entropy"}
    eps : float

    Returns
    -------
    FiniteDifferences

    Examples
    --------
    >>> from backprop_lab import Network
    >>> fd = finite_differences(Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]]), [0.2], [0.7])
    >>> fd.forward_passes, round(float(fd.weights[1][0, 0]), 6)     # 4 parameters, 2 passes each
    (8, -0.017784)
    """
    x = check_input(net, x)
    fn = get_loss(loss)
    eps = positive_float("eps", eps)
    probe = net.copy()
    funcs = activation_funcs(probe)
    nets, outputs = _forward(probe.weights, probe.biases, funcs, x)
    T = as_target(target, outputs[-1].shape)
    fn.check(net.activations[-1], T)
    E0 = fn.evaluate(nets[-1], outputs[-1], T, funcs[-1])[0]
    passes = [0]

    def E():  # one forward pass and the loss, counted
        passes[0] += 1
        z, o = _forward(probe.weights, probe.biases, funcs, x)
        return fn.evaluate(z[-1], o[-1], T, funcs[-1])[0]

    dW = [_central_differences(w, E, eps) for w in probe.weights]
    db = [_central_differences(b, E, eps) for b in probe.biases]
    return FiniteDifferences(dW, db, E0, passes[0])


def multiply_adds(sizes, batch=1):
    """The multiply-adds of one forward and one backward pass of a network of these layer sizes.

    Parameters
    ----------
    sizes : sequence of int
        Layer widths, input first, e.g. (2, 3, 1).
    batch : int
        B, the samples in the batch.

    Returns
    -------
    forward, backward : int
        forward = Σ_l B · n_out · n_in (every weight once per sample). backward =
        forward (each layer forms ∂E/∂W = Δᵀ O) + the same for every layer but
        the first (each sends δ back to the layer before it, δ W).

    Examples
    --------
    >>> multiply_adds((2, 3, 1), batch=4)     # 4 · (6 + 3) = 36; 36 + 4 · 3 = 48
    (36, 48)
    """
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__") or len(sizes) < 2:
        raise ValueError(f"sizes must list at least two layer widths, input first, e.g. (2, 3, 1); got"
                         f" {sizes!r}")
    sizes = [positive_int("sizes", n) for n in sizes]
    per_layer = [positive_int("batch", batch) * a * b for a, b in zip(sizes[:-1], sizes[1:])]
    return sum(per_layer), sum(per_layer) + sum(per_layer[1:])


@dataclass(repr=False)
class GradientCost:
    """The cost of one gradient of a network, by finite differences and by backpropagation.

    Attributes
    ----------
    parameters : int
        P, the number of weights and biases.
    samples : int
        B, the samples the gradient is taken over.
    fd_forward_passes : int
        2P.
    bp_forward_passes, bp_backward_passes : int
        1 and 1.
    forward_multiply_adds : int
        One forward pass (Σ_l B · n_out · n_in).
    fd_multiply_adds, bp_multiply_adds : int
        2P forward passes; one forward plus one backward pass.
    relative_error : float
        Between the two gradients (they agree to about 1e-8 or better).
    fd_seconds, bp_seconds : float
        Median wall-clock times with ``timed=True``, else NaN. They vary from run to run.
    """

    parameters: int
    samples: int
    fd_forward_passes: int
    bp_forward_passes: int
    bp_backward_passes: int
    forward_multiply_adds: int
    fd_multiply_adds: int
    bp_multiply_adds: int
    relative_error: float
    fd_seconds: float = float("nan")
    bp_seconds: float = float("nan")

    @property
    def ratio(self):
        """How many times more multiply-adds finite differences need than backpropagation."""
        return self.fd_multiply_adds / self.bp_multiply_adds

    def __repr__(self):
        rows = [
            f"GradientCost of {self.parameters} parameters on {self.samples} sample(s)",
            f"  finite differences: {self.fd_forward_passes} forward passes,"
            f" {self.fd_multiply_adds} multiply-adds",
            f"  backpropagation:    {self.bp_forward_passes} forward"
            f" + {self.bp_backward_passes} backward pass,"
            f" {self.bp_multiply_adds} multiply-adds",
            f"  ratio {fmt(self.ratio, 4)}; the gradients agree to {fmt(self.relative_error, 2)}",
        ]
        if np.isfinite(self.fd_seconds):
            rows.append(
                f"  time: {fmt(self.fd_seconds * 1e3, 3)} ms against {fmt(self.bp_seconds * 1e3, 3)} ms"
                " (varies from run to run)"
            )
        return "\n".join(rows)


def _median_seconds(run, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def gradient_cost(net, x, target, loss="half_sse", timed=False, repeat=5):
    """Count (and, if asked, time) one gradient by finite differences and by backpropagation.

    Parameters
    ----------
    net : Network
    x : array_like, shape (n_in,) or (B, n_in)
    target : array_like
    loss : {"half_sse", "sse", "mse", "cross_entropy"}
    timed : bool
        Also measure both (median of `repeat` runs each).
    repeat : int

    Returns
    -------
    GradientCost

    Examples
    --------
    >>> from backprop_lab import Network
    >>> cost = gradient_cost(Network([2, 3, 1], seed=0), [0.5, -0.5], [1.0])
    >>> cost.parameters, cost.fd_forward_passes, cost.fd_multiply_adds, cost.bp_multiply_adds
    (13, 26, 234, 21)
    """
    fd = finite_differences(net, x, target, loss)
    trace = forward(net, x)
    bp = backward(net, trace, target, loss)
    if not isinstance(timed, bool):
        raise TypeError(f"timed must be True or False, got {timed!r}")
    repeat = positive_int("repeat", repeat)
    P = sum(w.size + b.size for w, b in zip(net.weights, net.biases))
    B = trace.x.shape[0] if trace.x.ndim == 2 else 1
    f_cost, b_cost = multiply_adds(net.sizes, B)
    error = relative_error(
        np.concatenate([g.ravel() for g in fd.weights + fd.biases]),
        np.concatenate([g.ravel() for g in bp.weights + bp.biases]),
    )
    cost = GradientCost(
        P, B, fd.forward_passes, 1, 1, f_cost, fd.forward_passes * f_cost, f_cost + b_cost, error
    )
    if timed:
        cost.fd_seconds = _median_seconds(lambda: finite_differences(net, x, target, loss), repeat)
        cost.bp_seconds = _median_seconds(lambda: backward(net, forward(net, x), target, loss), repeat)
    return cost


@dataclass(repr=False)
class CostSweep:
    """:func:`gradient_cost` of several networks on the same data, as a table.

    Attributes
    ----------
    sizes : list of tuple of int
    costs : list of GradientCost
    """

    sizes: list
    costs: list

    def column(self, name):
        """One attribute of every :class:`GradientCost`, as an array (``"ratio"``, ``"fd_seconds"``, ...)."""
        return np.array([getattr(c, name) for c in self.costs])

    @property
    def time_ratios(self):
        """Measured time of finite differences over that of backpropagation (NaN where not timed)."""
        return self.column("fd_seconds") / self.column("bp_seconds")

    def __repr__(self):
        names = ["-".join(map(str, s)) for s in self.sizes]
        w = max(len(n) for n in names + ["network"]) + 2
        rows = [f"{'network':<{w}}{'P':>6}{'FD passes':>11}{'FD mult-adds':>14}{'BP mult-adds':>14}"
                f"{'BP/forward':>12}{'ratio':>10}{'ratio/P':>9}"]
        for name, c in zip(names, self.costs):
            rows.append(f"{name:<{w}}{c.parameters:>6}{c.fd_forward_passes:>11}{c.fd_multiply_adds:>14}"
                        f"{c.bp_multiply_adds:>14}{c.bp_multiply_adds / c.forward_multiply_adds:>12.2f}"
                        f"{c.ratio:>10.1f}{c.ratio / c.parameters:>9.3f}")
        if np.all(np.isfinite(self.column("fd_seconds"))):
            rows.append("measured (varies from run to run):")
            rows += [f"{name:<{w}}finite differences {c.fd_seconds * 1e3:9.2f} ms, backprop"
                     f" {c.bp_seconds * 1e3:7.3f} ms, ratio {c.fd_seconds / c.bp_seconds:8.1f}"
                     for name, c in zip(names, self.costs)]
        return "\n".join(rows)


def cost_sweep(networks, x, target, loss="half_sse", timed=False, repeat=3, seed=0):
    """:func:`gradient_cost` for each of several layer sizes, on the same data.

    Parameters
    ----------
    networks : sequence of sequence of int
        Layer sizes, e.g. ``[(2, n, n, 1) for n in (2, 4, 8)]``; each network is
        ``Network(sizes, seed=seed)``.
    x, target, loss, timed, repeat
        As for :func:`gradient_cost`.
    seed : int

    Returns
    -------
    CostSweep
    """
    sizes = [tuple(s) for s in networks]
    if not sizes:
        raise ValueError("networks must list at least one network's layer sizes")
    costs = [gradient_cost(Network(list(s), seed=seed), x, target, loss, timed=timed, repeat=repeat)
             for s in sizes]
    return CostSweep(sizes, costs)
