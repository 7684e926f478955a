"""Number checks for notebooks 13-15: the matrix form, the cost of a gradient, graphs and PyTorch.

Expected values and slips are computed with the engine (``matrix_form``,
``cost``, ``autodiff``); defaults are the notebooks' examples.
"""

import numpy as np

from .. import datasets, examples
from .._checks import positive_int
from ..autodiff import Value
from ..autodiff_steps import OverwritingValue
from ..cost import finite_differences
from ..matrix_form import per_sample_gradients, shapes
from ..network import Network
from ..passes import backward, forward
from .feedback import diagnose

__all__ = [
    "check_delta_alone",
    "check_fd_forward_passes",
    "check_fork_gradient",
    "check_gradient_shape",
    "check_sum_reduction_gradient",
]


# --- 13 · the matrix form ---


def check_delta_alone(answer, sample=3, net=None):
    """Exercise: sample `sample`'s output δ when it is backpropagated alone, read from the batch's Δ.

    Default: notebook 13's 2-3-1 network (``Network([2, 3, 1], seed=0)``) on the
    four XOR points (B = 4); samples are numbered from 1.
    """
    net = Network([2, 3, 1], seed=0) if net is None else net
    X, Y = datasets.xor()
    s = positive_int("sample", sample) - 1
    if s >= len(X):
        raise ValueError(f"sample must be from 1 to {len(X)}, got {sample}")
    B = len(X)
    in_batch = backward(net, forward(net, X), Y).deltas[-1][s, 0]
    alone = per_sample_gradients(net, X, Y).deltas[-1][s, 0]
    mistakes = {
        "that is its δ inside the batch": (in_batch, f"there it carries the 1/B of the mean; alone it does"
                                                     f" not, so multiply by B = {B}."),
        f"you divided by B = {B} instead of multiplying": (
            in_batch / B, "the batch's δ is the one with the 1/B; the δ alone is B times larger."),
        "your value has the wrong sign": (-alone, f"multiplying by B = {B} keeps the sign."),
    }
    return diagnose(answer, alone, mistakes, f"sample {sample}'s δ alone",
                    hint=f"δ alone = B · δ in the batch, B = {B}")


def check_gradient_shape(answer, sizes=(3, 5, 2), batch=8, layer=2):
    """Exercise: the shape (rows, columns) of ∂E/∂W of weight layer `layer` (from 1) on a batch of `batch`.

    Default: a 3-5-2 network, B = 8, the second weight layer.
    """
    rows = shapes(Network(list(sizes), seed=0), batch=batch)
    layer = positive_int("layer", layer)
    if layer > len(rows):
        raise ValueError(f"layer must be from 1 to {len(rows)} for sizes {tuple(sizes)}, got {layer}")
    row = rows[layer - 1]
    why = "∂E/∂W has the shape of W: one row per receiving neuron, one column per sending one."
    mistakes = {
        "that is Wᵀ's shape": (row["dE_dW"][::-1], why),
        "that is the shape of Δ, one row per sample": (row["delta"], f"Δᵀ O sums over the {batch} samples. "
                                                                      + why),
        "that is the shape of O, what the layer receives": (row["O_in"], why),
    }
    return diagnose(answer, row["dE_dW"], mistakes, f"the shape of ∂E/∂W{layer}",
                    hint="(neurons of layer l, neurons of layer l − 1)")


# --- 14 · why backprop is cheap ---


def check_fd_forward_passes(answer, sizes=(4, 10, 3)):
    """Exercise: how many forward passes central differences need for the whole gradient of this network."""
    net = Network(list(sizes), seed=0)
    n_in = net.sizes[0]
    passes = finite_differences(net, np.zeros(n_in), np.zeros(net.sizes[-1])).forward_passes  # counted
    P = passes // 2
    n_weights = sum(w.size for w in net.weights)
    mistakes = {
        "that is one pass per parameter": (P, "a central difference evaluates E twice, at θ + ε and θ − ε."),
        "you counted one-sided differences": (P + 1, "(E(θ + ε) − E(θ)) / ε needs P + 1 passes; the central"
                                                     " difference needs two per parameter."),
        "you left out the biases": (2 * n_weights, "every bias is nudged too: it has a gradient as well."),
    }
    return diagnose(answer, passes, mistakes, "the number of forward passes", integer=True,
                    hint="2 per parameter; P = Σ_l (n_out·n_in + n_out)")


# --- 15 · computational graphs and PyTorch ---


def _fork(cls, a, b, c):
    A, B_, C = cls(a, label="a"), cls(b, label="b"), cls(c, label="c")
    (A * B_ + B_ * C).backward()
    return B_.grad


def check_fork_gradient(answer, a=2.0, b=-3.0, c=4.0):
    """Exercise: for f = a·b + b·c, the gradient ∂f/∂b (b is used by two operations)."""
    right = _fork(Value, a, b, c)
    bug = _fork(OverwritingValue, a, b, c)  # keeps the share of whichever use the backward pass visits last
    mistakes = {
        "you kept only the share of a·b": (a, "b·c sends back its share too: add c."),
        "you kept only the share of b·c": (c, "a·b sends back its share too: add a."),
        "you multiplied the shares": (a * c, "where paths fork, the shares add."),
    }
    for label, (value, why) in list(mistakes.items())[:2]:
        if np.isclose(value, bug):
            del mistakes[label]
            mistakes[label + " (the overwriting bug)"] = (value, why)
    return diagnose(answer, right, mistakes, "∂f/∂b", hint="∂f/∂b = a + c: one share per use")


def check_sum_reduction_gradient(answer):
    """Exercise: SimpleNN's fc2.bias.grad if MSELoss summed over the batch (``reduction="sum"``)."""
    ex = examples.SIMPLE_NN
    net = ex.network()
    trace = forward(net, ex.x)
    B = trace.output.shape[0]
    mean_grad = backward(net, trace, ex.T, "mse").biases[-1][0]
    summed = B * backward(net, trace, ex.T, "sse").biases[-1][0]  # K = 1: the sum over samples and outputs
    mistakes = {
        "that is the gradient of the mean": (mean_grad, f"with a sum there is no 1/B: B = {B} times larger."),
        f"you divided by B = {B}": (mean_grad / B, "summing removes the 1/B; it does not add another."),
        "your value has the wrong sign": (-summed, "only the size changes, not the direction."),
    }
    return diagnose(answer, summed, mistakes, "fc2.bias.grad with reduction='sum'",
                    hint="the sum is B times the mean, so its gradient is B times larger")
