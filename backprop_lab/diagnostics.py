"""What happens inside a :class:`~backprop_lab.models.Sequential` on one batch, layer by layer.

Three numbers per layer, the ones notebook 16 compares with and without batch
normalisation:

* :func:`net_input_spread` -- how far the net inputs of each hidden
  activation spread over the batch. In a deep sigmoid network it shrinks
  layer after layer, until every sample looks the same to the last layers;
  after a batch-norm block it is about γ = 1 again.
* :func:`batch_norm_scales` -- 1/√(σ² + ε) of each batch-norm block: the
  factor by which it stretches its inputs, and (the same factor) ∂E/∂x in
  the backward pass.
* :func:`gradient_norms` -- ‖∂E/∂W‖ of every weight block, as
  :func:`~backprop_lab.models.fit` records it in its first epoch.

Each works on a copy in training mode (batch statistics), so the model and its
running estimates are not changed. :func:`layer_report` gives all three from
one forward and backward pass (what a live explorer needs).
"""

import math
from dataclasses import dataclass

import numpy as np

from .blocks import Activation, BatchNorm
from .models import Sequential

__all__ = ["LayerReport", "batch_norm_scales", "gradient_norms", "layer_report", "net_input_spread"]


@dataclass
class LayerReport:
    """The numbers of :func:`layer_report`, each per layer, input side first."""

    spread: np.ndarray
    scales: np.ndarray
    norms: np.ndarray
    loss: float


def layer_report(model, X, T, loss="half_sse"):
    """:func:`net_input_spread`, :func:`batch_norm_scales` and :func:`gradient_norms` from one pass.

    Returns
    -------
    LayerReport
        ``spread``, ``scales``, ``norms`` as those functions give them, and ``loss``, E of the batch.
    """
    if not isinstance(model, Sequential):
        raise TypeError(f"model must be a backprop_lab.models.Sequential, got {type(model).__name__}")
    if model._check(X, "X").shape[0] < 2:
        raise ValueError(f"X must hold at least 2 samples to have a spread, got shape {np.shape(X)}")
    probe = model.copy()
    E = probe.gradients(X, T, loss)  # a training-mode forward pass (it keeps every net input), then backward
    return LayerReport(_spread(probe), _scales(probe), _norms(probe), float(E))


def _spread(probe):
    return np.array([float(b.net.std(axis=0).mean()) for b in probe.blocks[:-1] if isinstance(b, Activation)])


def _scales(probe):
    return np.array([float(b.cache.inv_std.mean()) for b in probe.blocks if isinstance(b, BatchNorm)])


def _norms(probe):
    return np.array([math.sqrt(float(np.vdot(b.grads[0], b.grads[0]))) for b in probe.weight_blocks()])


def _probe(model, X):
    if not isinstance(model, Sequential):
        raise TypeError(f"model must be a backprop_lab.models.Sequential, got {type(model).__name__}")
    probe = model.copy()
    probe.forward(probe._check(X, "X"), training=True)
    return probe


def net_input_spread(model, X):
    """The spread of every hidden activation's net inputs over the batch `X`.

    Parameters
    ----------
    model : Sequential
    X : array_like, shape (B, …)
        B ≥ 2 samples.

    Returns
    -------
    numpy.ndarray, shape (n_hidden_activations,)
        For each activation block before the output, the standard deviation
        over the samples of each neuron's net input, averaged over its neurons
        (and positions, for signals).

    Examples
    --------
    >>> from backprop_lab import Network, datasets, models
    >>> X, _ = datasets.moons(50, seed=0)
    >>> net = Network([2, 8, 8, 8, 1], seed=0)
    >>> net_input_spread(models.from_network(net), X).round(3).tolist()
    [0.462, 0.13, 0.032]
    >>> net_input_spread(models.from_network(net, batch_norm=True), X).round(3).tolist()
    [1.0, 1.0, 0.999]
    """
    if isinstance(model, Sequential) and model._check(X, "X").shape[0] < 2:
        raise ValueError(f"X must hold at least 2 samples to have a spread, got shape {np.shape(X)}")
    return _spread(_probe(model, X))


def batch_norm_scales(model, X):
    """1/√(σ² + ε) of every batch-norm block on the batch `X`, averaged over its features.

    Returns
    -------
    numpy.ndarray, shape (n_batch_norm_blocks,)
        Empty for a model without batch normalisation.
    """
    return _scales(_probe(model, X))


def gradient_norms(model, X, T, loss="half_sse"):
    """‖∂E/∂W‖ of every dense and convolution block on the batch (`X`, `T`), input side first.

    The same numbers as ``fit(model, X, T, ...).grad_norms[0]`` (full batch).

    Returns
    -------
    numpy.ndarray, shape (n_weight_blocks,)
    """
    if not isinstance(model, Sequential):
        raise TypeError(f"model must be a backprop_lab.models.Sequential, got {type(model).__name__}")
    probe = model.copy()
    probe.gradients(X, T, loss)
    return _norms(probe)
