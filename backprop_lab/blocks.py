"""Layer objects for :class:`~backprop_lab.models.Sequential`: each has a forward and a backward.

A block's ``forward(x, training)`` returns its output and keeps what its
backward pass needs; ``backward(dy)`` takes ∂E/∂(output), stores
∂E/∂(parameters) in ``grads`` (same order as ``params``) and returns
∂E/∂(input). The math is in :mod:`~backprop_lab.activations` and
:mod:`~backprop_lab.layers`; a block only holds parameters and caches.
Shapes: dense and batch-norm blocks take ``(B, n)``, convolution and
pooling blocks ``(B, C, L)``.
"""

import numpy as np

from ._checks import as_float_array, choice, positive_float, positive_int
from .activations import ACTIVATIONS
from .batch_norm import _batch_norm_backward, _batch_norm_forward
from .convolution import _conv1d_backward, _conv1d_forward, max_pool_backward, max_pool_forward

__all__ = ["Activation", "BatchNorm", "Block", "Conv1d", "Dense", "MaxPool"]


def _glorot(rng, shape, fan_in, fan_out, relu):
    """Uniform weights as :class:`~backprop_lab.Network` draws them: He for ReLU, Glorot otherwise."""
    limit = np.sqrt(6.0 / fan_in) if relu else np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-limit, limit, size=shape)


def _expect(x, ndim, size, axis, what):
    if x.ndim != ndim or x.shape[axis] != size:
        raise ValueError(
            f"{what} expects input of shape {'(B, ' + str(size) + ')' if ndim == 2 else f'(B, {size}, L)'},"
            f" got shape {x.shape}"
        )


class Block:
    """What every block has: ``params``, ``grads`` (after a backward pass) and a name."""

    name = "block"

    def __init__(self):
        self.params, self.grads = [], []

    @property
    def weight(self):
        """The block's weight array (None if it has none): its gradient norm is what training records."""
        return None

    def forward(self, x, training=False):
        raise NotImplementedError

    def backward(self, dy):
        raise NotImplementedError

    def __repr__(self):
        return self.name


class _Weighted(Block):
    """A block with a weight array (its first parameter) and a bias with one entry per output."""

    shape_text = ""

    def __init__(self, weight, bias):
        super().__init__()
        ndim = self.shape_text.count(",") + 1
        W = as_float_array("weight", weight, ndim=ndim)
        b = as_float_array("bias", bias, ndim=1)
        if 0 in W.shape or b.shape != (W.shape[0],):
            n_out = self.shape_text[1:].split(",")[0]
            got = f"got {W.shape} and {b.shape}"
            raise ValueError(f"weight must be {self.shape_text} and bias ({n_out},), {got}")
        self.params = [W, b]

    @property
    def weight(self):
        return self.params[0]


class Dense(_Weighted):
    """A fully connected layer: ``net = x Wᵀ + b``, W of shape (n_out, n_in) as on the notation card.

    Parameters
    ----------
    weight : array_like, shape (n_out, n_in)
    bias : array_like, shape (n_out,)
    """

    shape_text = "(n_out, n_in)"

    def __init__(self, weight, bias):
        super().__init__(weight, bias)
        self.name = f"dense {self.weight.shape[1]}→{self.weight.shape[0]}"

    @classmethod
    def random(cls, n_in, n_out, rng, relu=False):
        """Weights drawn as :class:`~backprop_lab.Network` draws them, biases 0."""
        n_in, n_out = positive_int("n_in", n_in), positive_int("n_out", n_out)
        return cls(_glorot(rng, (n_out, n_in), n_in, n_out, relu), np.zeros(n_out))

    def forward(self, x, training=False):
        _expect(x, 2, self.params[0].shape[1], 1, self.name)
        self.x = x
        return x @ self.params[0].T + self.params[1]

    def backward(self, dy):
        self.grads = [dy.T @ self.x, dy.sum(axis=0)]  # ∂E/∂w_{j,i} = Σ_b δ_j o_i
        return dy @ self.params[0]


class Activation(Block):
    """``o = f(net)`` element by element, for one of the names in :data:`~backprop_lab.ACTIVATIONS`."""

    def __init__(self, name):
        super().__init__()
        self.name = choice("activation", name, ACTIVATIONS)
        self.f = ACTIVATIONS[name]

    def forward(self, x, training=False):
        self.net, self.o = x, self.f.f(x)
        return self.o

    def backward(self, dy):
        return self.f.backprop(self.net, self.o, dy)  # δ = ∂E/∂o · f'(net)


class BatchNorm(Block):
    """Batch normalisation of (B, D) inputs, as PyTorch's ``BatchNorm1d``.

    Training uses the batch's mean and biased variance (:func:`~backprop_lab.layers.batch_norm_forward`)
    and updates running estimates ``r ← (1 − momentum) r + momentum · (batch value)``,
    the running variance taking the unbiased batch variance; outside training,
    the running estimates normalise.

    Parameters
    ----------
    n : int
        D, the number of features.
    eps : float
    momentum : float
        In (0, 1].
    """

    def __init__(self, n, eps=1e-5, momentum=0.1):
        super().__init__()
        n = positive_int("n", n)
        self.eps = positive_float("eps", eps)
        self.momentum = positive_float("momentum", momentum)
        if self.momentum > 1.0:
            raise ValueError(f"momentum must be in (0, 1], got {momentum}")
        self.params = [np.ones(n), np.zeros(n)]  # γ = 1, β = 0: the block starts as a pure normalisation
        self.running_mean, self.running_var = np.zeros(n), np.ones(n)
        self.name = f"batch norm {n}"

    def forward(self, x, training=False):
        _expect(x, 2, self.params[0].shape[0], 1, self.name)
        gamma, beta = self.params
        if not training:
            return gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) + beta
        if x.shape[0] < 2:
            raise ValueError(
                f"{self.name} needs at least 2 samples per batch in training, got shape {x.shape}"
            )
        y, self.cache = _batch_norm_forward(x, gamma, beta, self.eps)
        B, m = x.shape[0], self.momentum
        self.running_mean = (1 - m) * self.running_mean + m * self.cache.mean
        self.running_var = (1 - m) * self.running_var + m * self.cache.var * B / (B - 1)
        return y

    def backward(self, dy):
        dx, dgamma, dbeta = _batch_norm_backward(dy, self.cache)
        self.grads = [dgamma, dbeta]
        return dx


class Conv1d(_Weighted):
    """A 1-D convolution (cross-correlation, stride 1, no padding) of (B, C_in, L) signals.

    Parameters
    ----------
    weight : array_like, shape (C_out, C_in, K)
    bias : array_like, shape (C_out,)
    """

    shape_text = "(C_out, C_in, K)"

    def __init__(self, weight, bias):
        super().__init__(weight, bias)
        C_out, C_in, K = self.weight.shape
        self.name = f"conv {C_in}→{C_out}, K = {K}"

    @classmethod
    def random(cls, c_in, c_out, k, rng, relu=False):
        """Filters drawn like dense weights with fan-in C_in·K and fan-out C_out·K; biases 0."""
        c_in, c_out, k = positive_int("c_in", c_in), positive_int("c_out", c_out), positive_int("k", k)
        return cls(_glorot(rng, (c_out, c_in, k), c_in * k, c_out * k, relu), np.zeros(c_out))

    def forward(self, x, training=False):
        _expect(x, 3, self.params[0].shape[1], 1, self.name)
        self.x = x
        if self.params[0].shape[2] > x.shape[2]:
            raise ValueError(
                f"{self.name} needs signals of length >= {self.params[0].shape[2]}, got shape {x.shape}"
            )
        return _conv1d_forward(x, *self.params)

    def backward(self, dy):
        dx, dw, db = _conv1d_backward(dy, self.x, self.params[0])
        self.grads = [dw, db]
        return dx


class MaxPool(Block):
    """Global max pooling: (B, C, L) → (B, C), the strongest response of each filter anywhere."""

    name = "max pool"

    def forward(self, x, training=False):
        if x.ndim != 3:
            raise ValueError(f"max pool expects input of shape (B, C, L), got shape {x.shape}")
        y, self.argmax = max_pool_forward(x)
        self.length = x.shape[2]
        return y

    def backward(self, dy):
        return max_pool_backward(dy, self.argmax, self.length)
