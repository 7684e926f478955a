"""Training: repeat forward, loss, backward and update, and record what happened.

:func:`train` runs a :class:`~backprop_lab.trainer.Trainer` to the end in one
call and returns its :class:`~backprop_lab.history.History`; :func:`accuracy`
scores a network on labelled data.
"""

import numpy as np

from .history import History
from .losses import as_target
from .passes import _forward, activation_funcs, check_input
from .trainer import DIVERGENCE_FACTOR, Trainer

__all__ = ["DIVERGENCE_FACTOR", "History", "Trainer", "accuracy", "train"]


def train(net, X, Y, lr, epochs, loss="half_sse", batch_size=None, seed=None, optimizer="sgd",
          schedule=None, clip_value=None, clip_norm=None, weight_decay=0.0, dropout=0.0,
          validation=None, early_stopping=None, grad_norms=False):
    """Train a copy of `net` on ``(X, Y)`` by gradient descent.

    Parameters
    ----------
    net : Network
        The starting network; it is not changed.
    X : array_like, shape (B, n_in)
    Y : array_like, shape (B, n_out)
        Targets; shape ``(B,)`` is accepted for one output.
    lr : float
        The learning rate η > 0 (the starting one, if there is a schedule).
    epochs : int
        How many passes over the data, at least 1.
    loss : {"half_sse", "sse", "mse", "cross_entropy"}
    batch_size : int, optional
        Samples per update; None (the default) means the whole batch.
        Mini-batches are drawn in a fresh random order every epoch.
    seed : int, optional
        Seed for the mini-batch order and the dropout masks.
    optimizer : {"sgd", "momentum", "adam"} or optimizer object
    schedule : callable, optional
        ``schedule(epoch, lr) -> lr``, e.g. ``StepDecay`` or ``ExponentialDecay``.
    clip_value, clip_norm : float, optional
        Clip gradients by value (each entry to [−c, c]) or by their joint norm.
    weight_decay : float
        λ >= 0: minimise E + (λ/2) Σ_l ‖W_l‖² (weights, not biases), so every
        update gains −ηλW. ``History.losses`` stays the data loss E,
        ``History.penalties`` records the penalty.
    dropout : float
        p in [0, 1): inverted dropout on the hidden layers while training (each
        hidden output kept with probability 1 − p and divided by 1 − p); the
        backward pass uses the same masks. The network returned, and every
        forward pass outside training, use all neurons.
    validation : (X_val, Y_val), optional
        A validation set: ``History.val_losses`` gets its loss every epoch and
        ``History.best_epoch`` the epoch where it was lowest.
    early_stopping : int, optional
        Patience, >= 1 (needs `validation`): stop after this many epochs without
        a lower validation loss, and return the network that had the lowest.
    grad_norms : bool
        Record ``History.grad_norms``, the gradient norm of every layer per epoch.

    Returns
    -------
    History
        If the loss becomes NaN or infinite, or grows past ``DIVERGENCE_FACTOR``
        (1e8) times its first value, training stops: ``diverged`` is True,
        ``message`` says when, and ``losses`` holds only finite values.

    Examples
    --------
    >>> from backprop_lab import Network, datasets
    >>> X, Y = datasets.xor()
    >>> history = train(Network([2, 2, 1], seed=1), X, Y, lr=5.0, epochs=2000)
    >>> float(history.losses[-1]) < 0.01
    True
    """
    trainer = Trainer(net, X, Y, lr, loss, batch_size, seed, optimizer, schedule, clip_value, clip_norm,
                      weight_decay, dropout, validation, early_stopping, grad_norms)
    return trainer.run(epochs)


def accuracy(net, X, Y, threshold=0.5):
    """The fraction of samples classified right, for targets of 0 and 1.

    One output: predicted class is ``o > threshold``. Several outputs: the
    class is the largest output, compared with the largest target.
    """
    trace_out = _forward(net.weights, net.biases, activation_funcs(net), check_input(net, X, "X"))[1][-1]
    T = as_target(Y, trace_out.shape, name="Y")
    if trace_out.ndim == 1:
        trace_out, T = trace_out[None], T[None]
    if trace_out.shape[-1] == 1:
        hits = (trace_out[:, 0] > threshold) == (T[:, 0] > threshold)
    else:
        hits = trace_out.argmax(axis=1) == T.argmax(axis=1)
    return float(np.mean(hits))
