"""Write-a-function checks for notebooks 13 and 14: a batch gradient from per-sample δ; what a gradient costs.

The signatures below are the ones the notebooks' stubs copy; see
:mod:`.functions` for how the student's function is called and judged.
"""

import numpy as np

from .. import datasets
from ..cost import multiply_adds
from ..matrix_form import per_sample_gradients
from ..network import Network
from .functions import Case, FunctionExercise, Slip
from .write_deltas import rng_array

__all__ = ["check_batch_gradients", "check_gradient_costs"]


# --- 13 · the batch gradient in one matrix product ---


def _mean_of_outer_products(deltas, O_in):
    """The definition, one sample at a time: the mean over samples of δ_b o_bᵀ, and of δ_b."""
    dW = np.mean([np.outer(d, o) for d, o in zip(deltas, O_in)], axis=0)
    return dW, np.mean(deltas, axis=0)


def check_batch_gradients(fn):
    """Exercise: write ``my_batch_gradients(deltas, O_in)``: one layer's ∂E/∂W and ∂E/∂b for a batch, no loop.

    Signature: ``my_batch_gradients(deltas, O_in) -> (dW, db)``; `deltas`
    (B, n_out) holds each sample's δ of the layer **alone** (row b: δ of
    sample b backpropagated by itself, without the 1/B); `O_in` (B, n_in)
    what the layer receives, one row per sample. E is the mean over the
    batch, so return dW = Δᵀ O / B, shape (n_out, n_in), and db, the mean
    of the rows of Δ, shape (n_out,) -- the mean of the per-sample
    gradients δ_b o_bᵀ and δ_b, in one matrix product.

    Recognises: the 1/B left out (sums, not means); the 1/B left out of db
    only; dividing by B twice. Wrong shapes -- Oᵀ Δ, db over the neurons or
    one row per sample -- get a message saying which shape is expected.
    """
    net, (X, Y) = Network([2, 3, 1], seed=0), datasets.xor()
    loop = per_sample_gradients(net, X, Y)
    cases = [Case((loop.deltas[0], X), "notebook 13's hidden layer on the 4 XOR points")]
    for seed, (B, n_out, n_in), note in ((7, (3, 2, 5), "a batch of 3, 2 neurons receiving from 5"),
                                         (8, (1, 3, 2), "a batch of 1"),
                                         (9, (5, 1, 3), "a batch of 5, one neuron")):
        cases.append(Case((rng_array(seed, (B, n_out), -0.5, 0.5), rng_array(seed + 1, (B, n_in), 0.0, 1.0)),
                          note))

    def no_mean(d, O):
        dW, db = _mean_of_outer_products(d, O)
        return dW * len(d), db * len(d)

    slip_list = (
        Slip("your gradients are summed over the batch, not averaged", "E is the mean over the B samples:"
             " divide by B (these δ are the samples' own, without the 1/B).", no_mean),
        Slip("db is summed, not averaged", "db is the mean of the rows of Δ, like dW.",
             lambda d, O: (d.T @ O / len(d), d.sum(axis=0))),
        Slip("you divided by B twice", "one 1/B, from the mean over the batch.",
             lambda d, O: tuple(g / len(d) for g in _mean_of_outer_products(d, O))),
    )
    return FunctionExercise(
        "∂E/∂W and ∂E/∂b of the batch", ("deltas", "O_in"), _mean_of_outer_products, tuple(cases), slip_list,
        hint="dW = deltas.T @ O_in / B; db = deltas.mean(axis=0)", outputs=("dW", "db"),
        shape_tip="deltas.T (n_out, B) @ O_in (B, n_in) gives (n_out, n_in).",
    ).check(fn)


# --- 14 · the cost of one gradient, counted ---


def _costs(sizes, B, fd_passes_per_parameter=2, biases=True, send_first=False, send_back=True):
    """(finite differences, backprop) multiply-adds, with one of the counting slips if asked."""
    forward_cost, backward_cost = multiply_adds(sizes, B)
    net = Network(list(sizes), seed=0)
    P = sum(w.size + (b.size if biases else 0) for w, b in zip(net.weights, net.biases))
    first = B * sizes[0] * sizes[1]
    if send_first:
        backward_cost += first
    if not send_back:
        backward_cost = forward_cost
    return fd_passes_per_parameter * P * forward_cost, forward_cost + backward_cost


def check_gradient_costs(fn):
    """Exercise: write ``my_gradient_costs(sizes, B)``: the multiply-adds of one gradient, both ways.

    Signature: ``my_gradient_costs(sizes, B) -> (fd, bp)``; `sizes` lists the
    layer widths, input first, e.g. (2, 3, 1); `B` is the number of samples.
    A layer n_in → n_out costs B·n_out·n_in multiply-adds in a forward pass.
    Return `fd`, the multiply-adds of central differences (two forward passes
    per weight and bias), and `bp`, those of backpropagation: one forward
    pass, plus the backward pass, which forms every layer's ∂E/∂W = Δᵀ O (as
    much as the forward pass) and sends δ back through every layer but the
    first (δ W).

    Recognises: one forward pass per parameter; the biases left out of P; δ
    also sent back through the first layer; the backward pass counted like a
    forward pass; B left out.
    """
    cases = tuple(Case((sizes, B), note) for sizes, B, note in (
        ((2, 3, 1), 4, "2-3-1 on the 4 XOR points"), ((3, 5, 2), 1, "one sample"),
        ((2, 8, 8, 1), 20, "2-8-8-1 on 20 points"), ((4, 6, 6, 6, 2), 3, "four weight layers")))
    slip_list = (
        Slip("you counted one forward pass per parameter", "a central difference evaluates E twice, at θ + ε"
             " and at θ − ε.", lambda s, B: _costs(s, B, fd_passes_per_parameter=1)),
        Slip("you left the biases out of P", "every bias is nudged too.",
             lambda s, B: _costs(s, B, biases=False)),
        Slip("you also sent δ back through the first layer", "nothing needs δ of the inputs, so the first"
             " layer only forms its ∂E/∂W.", lambda s, B: _costs(s, B, send_first=True)),
        Slip("your backward pass costs only as much as a forward pass", "it forms ∂E/∂W (a forward pass's"
             " worth) and also sends δ back through every layer but the first.",
             lambda s, B: _costs(s, B, send_back=False)),
        Slip("you left out B", "every sample goes through every product: multiply by B.",
             lambda s, B: _costs(s, 1)),
    )
    return FunctionExercise(
        "the multiply-adds of both methods", ("sizes", "B"), _costs, cases, slip_list,
        hint="F = Σ B·n_out·n_in; fd = 2·P·F; bp = F + (F + the same sum without the first layer)",
        outputs=("fd", "bp"),
    ).check(fn)
