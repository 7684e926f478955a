"""Networks as a stack of blocks, for layers the :class:`~backprop_lab.Network` does not have.

A :class:`Sequential` runs its blocks (:mod:`~backprop_lab.blocks`) forward
in order and backward in reverse. Its last block is the output activation:
the loss (through :mod:`~backprop_lab.losses`, the one loss path) turns the
output's net inputs and outputs into E and the output δ = ∂E/∂net, and the
backward pass starts from there, exactly as in :func:`~backprop_lab.backward`.
:func:`fit` trains a copy and records a :class:`ModelHistory`.

Two builders for the notebooks: :func:`from_network` (a dense network, with
batch normalisation between hidden layers if asked, starting from the very
weights of a :class:`~backprop_lab.Network`) and :func:`conv_detector` (a
small 1-D convolutional network that says whether a pattern occurs in a signal).
"""

import copy
import math
from dataclasses import dataclass

import numpy as np

from ._checks import as_float_array, positive_float, positive_int
from ._format import fmt
from .blocks import Activation, BatchNorm, Block, Conv1d, Dense, MaxPool
from .losses import as_target, get_loss
from .network import Network
from .optim import make_optimizer

__all__ = ["ModelHistory", "Sequential", "conv_detector", "fit", "from_network"]


class Sequential:
    """Blocks applied one after the other; the last is the output's :class:`~backprop_lab.blocks.Activation`.

    Parameters
    ----------
    blocks : list of Block

    Examples
    --------
    >>> from backprop_lab import Network
    >>> model = from_network(Network([2, 3, 3, 1], seed=0), batch_norm=True)
    >>> model
    <Sequential: dense 2→3, batch norm 3, sigmoid, dense 3→3, batch norm 3, sigmoid, dense 3→1, sigmoid>
    """

    def __init__(self, blocks):
        blocks = list(blocks)
        if not blocks or not all(isinstance(b, Block) for b in blocks):
            raise TypeError("blocks must be a non-empty list of blocks from backprop_lab.blocks")
        if not isinstance(blocks[-1], Activation):
            raise ValueError(
                f"the last block must be the output's Activation (the loss needs its net inputs),"
                f" got {blocks[-1]!r}"
            )
        self.blocks = blocks

    @property
    def output_activation(self):
        """The name of the output activation (what a loss checks against)."""
        return self.blocks[-1].name

    def params(self):
        """Every parameter array, block by block (the arrays themselves, not copies)."""
        return [p for b in self.blocks for p in b.params]

    def set_params(self, params):
        """Replace the parameters by `params`, in the order of :meth:`params`."""
        params = list(params)
        for b in self.blocks:
            n = len(b.params)
            b.params, params = [np.asarray(p, dtype=float) for p in params[:n]], params[n:]

    def grads(self):
        """∂E/∂θ for every array of :meth:`params`, from the last :meth:`gradients` call."""
        return [g for b in self.blocks for g in b.grads]

    def weight_blocks(self):
        """The blocks with a weight (dense and convolution), whose gradient norms training records."""
        return [b for b in self.blocks if b.weight is not None]

    def _net(self, x, training):
        for block in self.blocks[:-1]:
            x = block.forward(x, training)
        return x

    def _check(self, x, name="x"):
        x = as_float_array(name, x, ndim=(2, 3))
        if x.shape[0] == 0:
            raise ValueError(f"{name} must hold at least one sample, got shape {x.shape}")
        return x

    def forward(self, x, training=False):
        """The outputs for a batch ``x`` (B, …); batch norm uses its running estimates unless `training`."""
        x = self._check(x)
        return self.blocks[-1].forward(self._net(x, training), training)

    def gradients(self, X, T, loss="half_sse"):
        """E of the batch, and ∂E/∂θ in every block's ``grads`` (a training-mode forward, then backward).

        Parameters
        ----------
        X : array_like, shape (B, …)
        T : array_like, shape (B, n_out)
        loss : {"half_sse", "sse", "mse", "cross_entropy"}

        Returns
        -------
        float
            E, the mean over the batch.
        """
        X = self._check(X, "X")
        fn = get_loss(loss)
        net = self._net(X, True)
        T = as_target(T, net.shape, name="T")
        fn.check(self.output_activation, T, name="T")
        return self._backward(fn, net, T)

    def _backward(self, fn, net, T):
        out = self.blocks[-1]
        o = out.forward(net, True)
        E, delta = fn.evaluate(net, o, T, out.f)  # the one loss path: E and δ = ∂E/∂net
        for block in reversed(self.blocks[:-1]):
            delta = block.backward(delta)
        return E

    def accuracy(self, X, Y, threshold=0.5):
        """The fraction of samples classified right (one output: o > threshold; several: the largest)."""
        o = self.forward(X)
        T = as_target(Y, o.shape, name="Y")
        hits = (
            (o[:, 0] > threshold) == (T[:, 0] > threshold) if o.shape[1] == 1 else o.argmax(1) == T.argmax(1)
        )
        return float(np.mean(hits))

    def copy(self):
        """A deep copy (parameters, running estimates, everything)."""
        return copy.deepcopy(self)

    def __repr__(self):
        return f"<Sequential: {', '.join(repr(b) for b in self.blocks)}>"


def from_network(net, batch_norm=False):
    """A :class:`Sequential` with the weights of `net`: dense, [batch norm,] activation, per layer.

    Parameters
    ----------
    net : Network
    batch_norm : bool
        Put a batch-norm block (γ = 1, β = 0) between every hidden layer's dense
        block and its activation. Without it the model computes exactly what `net` does.

    Returns
    -------
    Sequential
    """
    if not isinstance(net, Network):
        raise TypeError(f"net must be a backprop_lab.Network, got {type(net).__name__}")
    if not isinstance(batch_norm, bool):
        raise TypeError(f"batch_norm must be True or False, got {batch_norm!r}")
    blocks = []
    for l, (W, b, act) in enumerate(zip(net.weights, net.biases, net.activations)):
        blocks.append(Dense(W, b))
        if batch_norm and l < net.n_layers - 1:
            blocks.append(BatchNorm(W.shape[0]))
        blocks.append(Activation(act))
    return Sequential(blocks)


def conv_detector(channels=2, kernel=4, activation="relu", seed=None):
    """A 1-D convolutional pattern detector: conv → activation → global max pool → dense → sigmoid.

    For signals of shape (B, 1, L) of any length L ≥ `kernel`, such as
    :func:`backprop_lab.signals.pattern_signals`; train it with ``loss="cross_entropy"``.

    Parameters
    ----------
    channels : int
        How many filters.
    kernel : int
        K, the length of each filter.
    activation : str
        After the convolution.
    seed : int, optional

    Returns
    -------
    Sequential
    """
    rng = np.random.default_rng(seed)
    channels, kernel = positive_int("channels", channels), positive_int("kernel", kernel)
    conv = Conv1d.random(1, channels, kernel, rng, relu=activation == "relu")
    return Sequential(
        [conv, Activation(activation), MaxPool(), Dense.random(channels, 1, rng), Activation("sigmoid")]
    )


@dataclass
class ModelHistory:
    """What :func:`fit` recorded, one entry per epoch.

    Attributes
    ----------
    losses : numpy.ndarray, shape (epochs,)
        E of each epoch (full batch: at the start of the epoch; mini-batches: their mean).
    grad_norms : numpy.ndarray, shape (epochs, n_weight_blocks)
        ‖∂E/∂W‖ of every dense and convolution block, input side first (mean over the epoch's batches).
    layer_names : list of str
        The blocks whose norms are recorded.
    model : Sequential
        The trained model (the one passed to :func:`fit` is unchanged).
    diverged : bool
    message : str
    """

    losses: np.ndarray
    grad_norms: np.ndarray
    layer_names: list
    model: Sequential
    diverged: bool = False
    message: str = ""

    @property
    def epochs(self):
        return len(self.losses)

    def __repr__(self):
        if not len(self.losses):
            return "<ModelHistory: 0 epochs>"
        return (
            f"<ModelHistory: {self.epochs} epochs, loss {fmt(self.losses[0], 4)} → {fmt(self.losses[-1], 4)}"
            f"{', diverged' if self.diverged else ''}>"
        )


def fit(model, X, Y, lr, epochs, loss="half_sse", batch_size=None, seed=None, optimizer="sgd"):
    """Train a copy of `model` by gradient descent and record losses and gradient norms.

    Parameters
    ----------
    model : Sequential
    X : array_like, shape (B, …)
    Y : array_like, shape (B, n_out)
    lr : float
    epochs : int
    loss : {"half_sse", "sse", "mse", "cross_entropy"}
    batch_size : int, optional
        None: the whole batch per step.
    seed : int, optional
        The mini-batch order.
    optimizer : {"sgd", "momentum", "adam"} or optimizer object

    Returns
    -------
    ModelHistory
        Stops early, with ``diverged`` True, if E becomes NaN or infinite.
    """
    if not isinstance(model, Sequential):
        raise TypeError(f"model must be a backprop_lab.models.Sequential, got {type(model).__name__}")
    X = model._check(X, "X")
    lr, epochs = positive_float("lr", lr), positive_int("epochs", epochs)
    fn = get_loss(loss)
    model = model.copy()
    T = as_target(Y, model.forward(X).shape, name="Y")  # outside training: no running estimate moves
    fn.check(model.output_activation, T, name="Y")
    n = X.shape[0]
    size = n if batch_size is None else min(positive_int("batch_size", batch_size), n)
    if any(isinstance(b, BatchNorm) for b in model.blocks) and (size < 2 or n % size == 1):
        raise ValueError(
            f"batch_size {size} leaves a batch of one sample ({n} samples), which batch"
            " normalisation cannot normalise; choose a batch size that leaves at least 2"
        )
    rng, opt = np.random.default_rng(seed), make_optimizer(optimizer)
    weights = model.weight_blocks()
    losses, norms, diverged, message = [], [], False, ""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for epoch in range(epochs):
            order = np.arange(n) if size == n else rng.permutation(n)
            total, epoch_norms = 0.0, np.zeros(len(weights))
            for start in range(0, n, size):
                rows = order[start : start + size]
                E = model._backward(fn, model._net(X[rows], True), T[rows])
                if not math.isfinite(E):
                    break
                epoch_norms += [math.sqrt(float(np.vdot(b.grads[0], b.grads[0]))) for b in weights]
                model.set_params(opt.update(model.params(), model.grads(), lr))
                total += E * len(rows)
            if not math.isfinite(E):
                diverged, message = True, f"training diverged in epoch {epoch + 1}: the loss became {E}"
                break
            losses.append(total / n)
            norms.append(epoch_norms / -(-n // size))
    if not diverged:
        message = f"trained {len(losses)} epochs; final loss {losses[-1]:.6g}"
    return ModelHistory(
        np.array(losses),
        np.array(norms).reshape(-1, len(weights)),
        [b.name for b in weights],
        model,
        diverged,
        message,
    )
