"""Backward passes with one real bug each, to plant and then catch with a gradient check.

Every function here has the signature of :func:`backprop_lab.backward`,
``(net, trace, target, loss="half_sse") -> Gradients``, and makes exactly one
of the slips students (and the source articles) make:

=====================================  ================================================================
function                               the bug
=====================================  ================================================================
``backward_without_hidden_f_prime``    hidden δ_j = Σ_k δ_k w_{k,j}: the factor f′(net_j) is missing
``backward_with_untransposed_weights`` hidden δ = f′ ⊙ (W δ_next) instead of f′ ⊙ (Wᵀ δ_next)
``backward_without_output_f_prime``    output δ_k = o_k − T_k with a squared error (f′(net_k) missing)
``backward_with_flipped_sign``         output δ_k = (T_k − o_k) f′(net_k): every gradient points uphill
``backward_without_batch_mean``        the batch's gradients summed, not averaged: the 1/B is missing
``backward_without_bias_gradient``     ∂E/∂b left at 0: the biases never learn
=====================================  ================================================================

A gradient check catches each of them (``bl.numerical_gradients`` and
``bl.relative_error``), with these relative errors:

>>> import backprop_lab as bl
>>> ex = bl.examples.NET_2_2_2
>>> net = ex.network()
>>> numeric = bl.numerical_gradients(net, ex.x, ex.T)
>>> slipped = backward_with_untransposed_weights(net, bl.forward(net, ex.x), ex.T)
>>> f"{bl.relative_error(slipped, numeric):.1e}"
'7.2e-02'
>>> tanh_net, x, T = bl.Network([2, 3, 2], activation="tanh", seed=0), [0.5, -0.3], [0.2, 0.8]
>>> slipped = backward_without_hidden_f_prime(tanh_net, bl.forward(tanh_net, x), T)
>>> f"{bl.relative_error(slipped, bl.numerical_gradients(tanh_net, x, T)):.1e}"
'2.4e-02'

Some bugs hide on some networks: W and Wᵀ are the same for a 1×1 weight
(the 1-1-1 network), the 1/B is invisible for one sample, the output f′
does not exist for cross-entropy. A gradient check finds a bug only where
it changes a number.
"""

from ..activations import ACTIVATIONS
from ..losses import as_target, get_loss
from ..passes import _backward, activation_funcs, backward
from ..records import Gradients

__all__ = [
    "SLIPS",
    "backward_with_flipped_sign",
    "backward_with_untransposed_weights",
    "backward_without_batch_mean",
    "backward_without_bias_gradient",
    "backward_without_hidden_f_prime",
    "backward_without_output_f_prime",
]

_LINEAR = ACTIVATIONS["linear"]


def _slipped(net, trace, target, loss, *, hidden_f_prime=True, transpose=True, output_f_prime=True,
             sign=1.0, batch_mean=True, bias=True):
    """The backward pass with the chosen bug; arguments are checked exactly as ``backward`` checks them."""
    right = backward(net, trace, target, loss)  # validates net, trace, target and loss
    funcs = activation_funcs(net)
    T = as_target(target, trace.output.shape)
    _, delta_out = get_loss(loss).evaluate(trace.nets[-1], trace.output, T,
                                           funcs[-1] if output_f_prime else _LINEAR)
    n_samples = trace.output.shape[0] if trace.output.ndim == 2 else 1
    delta_out = sign * delta_out * (1 if batch_mean else n_samples)
    weights = list(net.weights)
    if not transpose:
        for l, W in enumerate(weights[1:], 1):
            if W.shape[0] != W.shape[1]:
                raise ValueError(
                    f"W instead of Wᵀ only runs where the weights are square; weights[{l}] has shape"
                    f" {W.shape}, so numpy would stop this bug with a shape error")
        weights = [weights[0]] + [W.T for W in weights[1:]]
    hidden = funcs[:-1] if hidden_f_prime else [_LINEAR] * (len(funcs) - 1)
    deltas, dW, db = _backward(weights, hidden + funcs[-1:], trace.nets, trace.outputs, delta_out)
    if not bias:
        db = [0.0 * b for b in db]
    return Gradients(deltas, dW, db, right.loss)


def backward_without_hidden_f_prime(net, trace, target, loss="half_sse"):
    """Bug: the hidden δ leaves out f′, δ_j = Σ_k δ_k w_{k,j} instead of f′(net_j) Σ_k δ_k w_{k,j}.

    Parameters and return value as for :func:`backprop_lab.backward`.
    """
    return _slipped(net, trace, target, loss, hidden_f_prime=False)


def backward_with_untransposed_weights(net, trace, target, loss="half_sse"):
    """Bug: the hidden δ multiplies by W where Wᵀ belongs, δ = f′ ⊙ (W δ_next).

    The weights leaving neuron j are the *column* j of ``weights[l + 1]``
    (shape (n_out, n_in)); this bug uses row j, the weights *entering* neuron
    j of the next layer. It runs only where the next layers' weights are square
    (otherwise a ValueError says so, as numpy would stop the real bug) and
    changes nothing for 1×1 weights.
    """
    return _slipped(net, trace, target, loss, transpose=False)


def backward_without_output_f_prime(net, trace, target, loss="half_sse"):
    """Bug: the output δ leaves out f′(net_k): δ_k = o_k − T_k, right only for cross-entropy.

    With a squared-error loss the output δ is (o_k − T_k) f′(net_k); this bug
    drops the f′ (with ``loss="cross_entropy"`` it changes nothing: there f′
    really cancels).
    """
    return _slipped(net, trace, target, loss, output_f_prime=False)


def backward_with_flipped_sign(net, trace, target, loss="half_sse"):
    """Bug: the output δ has the wrong sign, (T_k − o_k) f′(net_k), so every δ and gradient is negated.

    This is the mix of conventions in "Understanding Backpropagation in Deep
    Learning Networks": δ written as (T − o) f′ while the update subtracts
    η ∂E/∂w. Gradient descent with these gradients climbs the error.
    """
    return _slipped(net, trace, target, loss, sign=-1.0)


def backward_without_batch_mean(net, trace, target, loss="half_sse"):
    """Bug: for a batch, the gradients are summed over the samples, not averaged (the 1/B is missing).

    E is the mean of the per-sample losses, so each sample's δ carries 1/B.
    Without it the gradients are B times too large; for one sample nothing changes.
    """
    return _slipped(net, trace, target, loss, batch_mean=False)


def backward_without_bias_gradient(net, trace, target, loss="half_sse"):
    """Bug: the bias gradients are forgotten (left at 0), so ∂E/∂b_j = δ_j is never used."""
    return _slipped(net, trace, target, loss, bias=False)


#: name -> (slipped backward pass, what the bug is): for loops in notebooks and tests.
SLIPS = {
    "no hidden f′": (backward_without_hidden_f_prime, "the hidden δ without f′(net_j)"),
    "W instead of Wᵀ": (backward_with_untransposed_weights, "the hidden δ with W where Wᵀ belongs"),
    "no output f′": (backward_without_output_f_prime, "the output δ without f′(net_k)"),
    "sign flipped": (backward_with_flipped_sign, "the output δ as (T − o) f′(net)"),
    "no 1/B": (backward_without_batch_mean, "the batch's gradients summed, not averaged"),
    "no bias gradient": (backward_without_bias_gradient, "∂E/∂b left at 0"),
}
