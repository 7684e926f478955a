"""A validation set watched while training: its loss every epoch, the best epoch, early stopping.

Training lowers the loss on the data it sees; the loss on held-out data says
whether the network has learned something that carries over. When the training
loss keeps falling while the validation loss turns up, the network has started
to fit the noise of its training set (overfitting); *early stopping* ends
training once the validation loss has not improved for `patience` epochs and
hands back the network that had the lowest.
"""

import math

import numpy as np

from ._checks import positive_int
from .losses import as_target
from .passes import _forward, check_input

__all__ = ["Validation"]


class Validation:
    """The validation set of a training run and what was seen on it.

    Parameters
    ----------
    net : Network
        The network being trained (for the shapes).
    validation : (X_val, Y_val)
        X_val of shape (B, n_in), Y_val of shape (B, n_out) (``(B,)`` for one output).
    loss_fn : Loss
        The loss being trained on; the validation loss is the same loss, without
        any weight-decay penalty and without dropout.
    patience : int, optional
        Early stopping: stop after this many epochs without a lower validation loss.

    Attributes
    ----------
    losses : list of float
        The validation loss of the network at the start of every epoch so far.
    best_epoch : int or None
        The epoch whose validation loss is the lowest so far.
    best_params : numpy.ndarray or None
        With early stopping, a copy of the parameters (the trainer's flat vector)
        the lowest validation loss was measured on.
    stopped : bool
        True once early stopping has ended training.
    """

    def __init__(self, net, validation, loss_fn, patience=None):
        if not isinstance(validation, (tuple, list)):
            raise TypeError(f"validation must be a pair (X_val, Y_val), got {type(validation).__name__}")
        if len(validation) != 2:
            raise ValueError(f"validation must be a pair (X_val, Y_val), got {len(validation)} items")
        X = check_input(net, validation[0], name="X_val")
        if X.ndim != 2:
            raise ValueError(f"X_val must be a batch of shape (B, {net.sizes[0]}), got shape {X.shape}")
        self.X, self.Y = X, as_target(validation[1], (X.shape[0], net.sizes[-1]), name="Y_val")
        loss_fn.check(net.activations[-1], self.Y, name="Y_val")
        self.loss_fn = loss_fn
        self.patience = None if patience is None else positive_int("early_stopping", patience)
        self.losses, self.best_epoch, self.best_loss = [], None, math.inf
        self.best_params, self.stopped = None, False

    def loss_of(self, weights, biases, funcs):
        """The loss on the validation set of the network with these parameters (as ``bl.loss`` gives it)."""
        nets, outputs = _forward(weights, biases, funcs, self.X)
        return float(np.mean(self.loss_fn.per_sample(nets[-1], outputs[-1], self.Y, funcs[-1])))

    def record(self, epoch, loss, params):
        """Record the validation loss of `epoch`, measured on `params`; stop early if it is time."""
        self.losses.append(loss)
        if loss < self.best_loss:
            self.best_loss, self.best_epoch = loss, epoch
            if self.patience is not None:
                self.best_params = params.copy()
            return
        since = epoch - (-1 if self.best_epoch is None else self.best_epoch)
        self.stopped = self.patience is not None and since >= self.patience

    def summary(self):
        """What to say about the validation set when training ends (after early stopping, why it stopped)."""
        best = "" if self.best_epoch is None else (
            f"the lowest validation loss, {self.best_loss:.6g}, came after {self.best_epoch} epochs"
            + (" (the network returned)" if self.patience is not None else ""))
        if not self.stopped:
            return best
        why = f"the validation loss has not improved for {self.patience} epochs"
        return f"{why}; {best}" if best else why
