"""Regularisation: weight decay and dropout, the two ways to fight overfitting the trainer offers.

**Weight decay** with strength λ adds a penalty to the loss being minimised,

    P = (λ/2) Σ_l ‖W_l‖²   (the weights only; biases are not penalised),

so ∂P/∂w_{j,i} = λ w_{j,i} and the update becomes w ← w − η (∂E/∂w + λ w): before
the data's gradient acts, every weight shrinks by the factor 1 − ηλ -- it *decays*.

**Dropout** (inverted dropout) with rate p: while training, every hidden neuron's
output is kept with probability 1 − p and then divided by 1 − p, or set to 0. The
division keeps each output's expected value, so nothing changes when the network
is used afterwards: forward passes outside training use every neuron, unscaled.
A *mask* holds, for one hidden layer, the factor of every sample and neuron:
0 or 1/(1 − p). The forward pass multiplies o_j by it, and the backward pass must
use the same mask -- o_j = f(net_j) m_j gives δ_j = f'(net_j) m_j Σ_k δ_k w_{k,j}.
``forward(net, x, masks=...)`` takes fixed masks, so that gradients under one mask
can be checked against central differences.
"""

import numpy as np

from ._checks import as_float_array, positive_float, positive_int

__all__ = ["check_dropout", "check_masks", "check_weight_decay", "dropout_masks", "weight_penalty"]


def check_weight_decay(value, name="weight_decay"):
    """Return the weight-decay strength λ as a float >= 0, or raise naming `name`."""
    return positive_float(name, value, allow_zero=True)


def check_dropout(value, name="dropout"):
    """Return the dropout rate p as a float in [0, 1), or raise naming `name`."""
    p = positive_float(name, value, allow_zero=True)
    if p >= 1.0:
        raise ValueError(f"{name} must be a probability in [0, 1) (1 would drop every neuron), got {p:g}")
    return p


def weight_penalty(weights, weight_decay):
    """The weight-decay penalty ``(λ/2) Σ_l ‖W_l‖²``, a float.

    Parameters
    ----------
    weights : list of numpy.ndarray
        The weight matrices (``Network.weights``); biases are not penalised.
    weight_decay : float
        λ >= 0 (not checked: this is called on the hot path).

    >>> weight_penalty([np.array([[3.0, 4.0]])], 0.1)   # 0.05 · (9 + 16)
    1.25
    """
    return 0.5 * weight_decay * sum(float(np.vdot(w, w)) for w in weights)


def _draw(rng, shapes, p):
    """One mask per shape: each entry 1/(1 − p) with probability 1 − p, else 0."""
    keep = 1.0 / (1.0 - p)
    return [(rng.random(shape) >= p) * keep for shape in shapes]


def dropout_masks(net, n_samples, p, seed=None):
    """Random dropout masks for the hidden layers of `net`, as training draws them.

    Parameters
    ----------
    net : Network
    n_samples : int or None
        Masks for a batch of this many samples, or None for one sample.
    p : float
        The dropout rate, in [0, 1).
    seed : int or numpy.random.Generator, optional

    Returns
    -------
    list of numpy.ndarray
        One mask per hidden layer (``net.n_layers - 1`` of them), shape
        ``(n_samples, sizes[l + 1])`` or ``(sizes[l + 1],)``; entries 0 or 1/(1 − p).

    Examples
    --------
    >>> from backprop_lab import Network
    >>> [m.shape for m in dropout_masks(Network([2, 4, 3, 1], seed=0), 5, p=0.5, seed=0)]
    [(5, 4), (5, 3)]
    >>> sorted(set(dropout_masks(Network([2, 50, 1], seed=0), None, p=0.5, seed=0)[0].tolist()))
    [0.0, 2.0]
    """
    p = check_dropout(p, "p")
    lead = () if n_samples is None else (positive_int("n_samples", n_samples),)
    return _draw(np.random.default_rng(seed), [lead + (n,) for n in net.sizes[1:-1]], p)


def check_masks(net, masks, x_shape, name="masks"):
    """Return `masks` as a tuple of float64 arrays, one per hidden layer of `net`, or raise.

    Each mask must have the shape of the hidden layer's outputs for an input
    of shape `x_shape`: ``(sizes[l + 1],)`` for one sample, ``(B, sizes[l + 1])``
    for a batch of B. Nothing is broadcast.
    """
    if isinstance(masks, (str, bytes, dict)) or not hasattr(masks, "__len__"):
        raise TypeError(f"{name} must be a list with one array per hidden layer, got {type(masks).__name__}")
    hidden = net.sizes[1:-1]
    if len(masks) != len(hidden):
        raise ValueError(
            f"{name} must hold one mask per hidden layer ({len(hidden)} for a"
            f" {'-'.join(map(str, net.sizes))} network), got {len(masks)}"
        )
    checked = []
    for l, (mask, n) in enumerate(zip(masks, hidden)):
        mask = as_float_array(f"{name}[{l}]", mask)
        want = tuple(x_shape[:-1]) + (n,)
        if mask.shape != want:
            raise ValueError(f"{name}[{l}] must have shape {want} (the outputs of hidden layer {l + 1}),"
                             f" got shape {mask.shape}")
        checked.append(mask)
    return tuple(checked)
