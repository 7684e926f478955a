"""The matrix form of backpropagation, and the sample-by-sample loop it replaces.

For a batch of B samples in rows, with Δ^l the (B, n_l) matrix of δ values
(each row carries the 1/B of the mean loss) and O^{l−1} the (B, n_{l−1})
matrix of the outputs layer l receives::

    Δ^l = (Δ^{l+1} W^{l+1}) ⊙ f′(NET^l)        ∂E/∂W^l = (Δ^l)ᵀ O^{l−1}        ∂E/∂b^l = Σ_rows Δ^l

where ⊙ multiplies entry by entry. :func:`~backprop_lab.backward` computes
exactly this. :func:`per_sample_gradients` gets the same numbers the slow
way -- one sample at a time, each with its own δ (no 1/B), averaging the
per-sample gradients -- and :func:`shapes` lists every matrix's shape.
"""

import numpy as np

from ._checks import positive_int
from .losses import as_target
from .passes import Gradients, _check_network, backward, check_input, forward

__all__ = ["per_sample_gradients", "shapes"]


def per_sample_gradients(net, X, Y, loss="half_sse"):
    """The batch gradient computed sample by sample: backpropagate each sample alone, then average.

    Parameters
    ----------
    net : Network
    X : array_like, shape (B, n_in)
    Y : array_like, shape (B, n_out)
    loss : {"half_sse", "sse", "mse", "cross_entropy"}

    Returns
    -------
    Gradients
        ``weights`` and ``biases``: the mean of the B per-sample gradients,
        equal to ``backward(net, forward(net, X), Y, loss)``'s up to rounding.
        ``deltas[l]`` has shape (B, n_l): row b is sample b's δ *alone*, which is
        B times its row in the batch's Δ (the batch's E is the mean, so each
        sample's δ there carries 1/B). ``loss``: the mean of the per-sample losses.

    Examples
    --------
    >>> from backprop_lab import Network, datasets
    >>> net, (X, Y) = Network([2, 2, 1], seed=0), datasets.xor()
    >>> loop = per_sample_gradients(net, X, Y)
    >>> batch = backward(net, forward(net, X), Y)
    >>> bool(np.allclose(loop.weights[0], batch.weights[0]))
    True
    >>> bool(np.allclose(loop.deltas[1], 4 * batch.deltas[1]))   # alone, a sample's δ has no 1/B
    True
    """
    X = check_input(net, X, name="X")
    if X.ndim != 2:
        raise ValueError(f"X must be a batch of shape (B, {net.sizes[0]}), got shape {X.shape}")
    Y = as_target(Y, (X.shape[0], net.sizes[-1]), name="Y")
    B = X.shape[0]
    dW = [np.zeros_like(w) for w in net.weights]
    db = [np.zeros_like(b) for b in net.biases]
    deltas = [np.zeros((B, n)) for n in net.sizes[1:]]
    total = 0.0
    for s in range(B):  # the loop the matrix form does away with
        g = backward(net, forward(net, X[s]), Y[s], loss)
        for l in range(net.n_layers):
            dW[l] += g.weights[l]
            db[l] += g.biases[l]
            deltas[l][s] = g.deltas[l]
        total += g.loss
    return Gradients(deltas, [w / B for w in dW], [b / B for b in db], total / B)


def shapes(net, batch=None):
    """The shape of every matrix in the matrix form, layer by layer.

    Parameters
    ----------
    net : Network
    batch : int, optional
        B; None for a single sample (vectors instead of matrices).

    Returns
    -------
    list of dict
        One per weight layer l (from 1): ``layer``, ``W`` (n_l, n_{l−1}),
        ``O_in`` (what the layer receives), ``NET`` and ``delta`` (both (B, n_l)),
        ``dE_dW`` (like W) and ``dE_db`` (n_l,).

    Examples
    --------
    >>> from backprop_lab import Network
    >>> shapes(Network([2, 3, 1], seed=0), batch=4)[0]
    {'layer': 1, 'W': (3, 2), 'O_in': (4, 2), 'NET': (4, 3), 'delta': (4, 3), 'dE_dW': (3, 2), 'dE_db': (3,)}
    """
    _check_network(net)
    if batch is not None:
        batch = positive_int("batch", batch)
    lead = () if batch is None else (batch,)
    rows = []
    for l, w in enumerate(net.weights, 1):
        n_out, n_in = w.shape
        rows.append(
            {
                "layer": l,
                "W": (n_out, n_in),
                "O_in": lead + (n_in,),
                "NET": lead + (n_out,),
                "delta": lead + (n_out,),
                "dE_dW": (n_out, n_in),
                "dE_db": (n_out,),
            }
        )
    return rows
