"""Layers beyond the dense one: batch normalisation, 1-D convolution and global max pooling.

Each layer is a pair of functions on plain arrays: ``*_forward`` computes the
output (and what the backward pass needs), ``*_backward`` turns ∂E/∂(output)
into ∂E/∂(input) and ∂E/∂(parameters) by the chain rule. The conventions are
PyTorch's, so results can be checked against it: ``batch_norm_*`` is
``BatchNorm1d`` in training mode, ``conv1d_*`` is ``torch.nn.functional.conv1d``
(a cross-correlation, stride 1, no padding). "Understanding Backpropagation in
Neural Network Training" introduces both.

Batch normalisation of x (B, D), per column d, over the batch::

    μ = mean_b x_bd    σ² = mean_b (x_bd − μ)²  (biased)    x̂ = (x − μ) / √(σ² + ε)    y = γ x̂ + β

1-D convolution of x (B, C_in, L) with w (C_out, C_in, K) and b (C_out,)::

    y[b, o, t] = b_o + Σ_c Σ_k w[o, c, k] x[b, c, t + k]      t = 0 … L − K

Every weight w[o, c, k] is used at every position t, so its gradient is the
sum over positions: ``dw[o, c, k] = Σ_b Σ_t dy[b, o, t] x[b, c, t + k]``.
:func:`conv1d_dense` writes the same layer as a dense one to show it.

The functions live in :mod:`~backprop_lab.batch_norm` and :mod:`~backprop_lab.convolution`;
this module gathers them under one name.
"""

from .batch_norm import BatchNormCache, batch_norm_backward, batch_norm_forward
from .convolution import (
    ConvDense,
    conv1d_backward,
    conv1d_dense,
    conv1d_forward,
    conv1d_terms,
    max_pool_backward,
    max_pool_forward,
)

__all__ = [
    "BatchNormCache", "ConvDense", "batch_norm_backward", "batch_norm_forward", "conv1d_backward",
    "conv1d_dense", "conv1d_forward", "conv1d_terms", "max_pool_backward", "max_pool_forward",
]
