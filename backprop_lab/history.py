"""What a training run recorded: the :class:`History` that ``train`` and ``Trainer`` return."""

from dataclasses import dataclass, field

import numpy as np

from ._checks import positive_float
from ._format import fmt
from .network import Network

__all__ = ["History"]


@dataclass
class History:
    """What a training run recorded, one entry per completed epoch.

    Attributes
    ----------
    losses : numpy.ndarray, shape (epochs,)
        The data loss E of each epoch (without the weight-decay penalty): for
        full-batch training the loss of the network at the start of the epoch;
        with mini-batches, the mean of the mini-batch losses seen during the
        epoch. With dropout, the loss of the thinned networks training used.
    penalties : numpy.ndarray, shape (epochs,)
        The weight-decay penalty (λ/2) Σ_l ‖W_l‖², taken where the loss was
        (all 0 without weight decay). Training minimises ``losses + penalties``.
    lrs : numpy.ndarray, shape (epochs,)
        The learning rate used in each epoch.
    val_losses : numpy.ndarray, shape (epochs,), or None
        With ``validation=(X_val, Y_val)``: the loss on the validation set of
        the network at the start of each epoch (no penalty, no dropout), so for
        full-batch training ``val_losses[e]`` and ``losses[e]`` belong to the
        same network. None without a validation set.
    best_epoch : int or None
        With a validation set: the epoch e whose ``val_losses[e]`` is the lowest
        (the network after e epochs of training). None without one.
    stopped_early : bool
        True when early stopping ended training (``message`` says why).
    network : Network
        The trained network: with early stopping, the one with the best
        validation loss (``best_epoch``); otherwise the one after the last
        update whose loss was finite.
    diverged : bool
        True when the loss became NaN or infinite and training stopped.
    message : str
        A sentence saying how training ended.
    grad_norms : numpy.ndarray, shape (epochs, n_layers)
        The norm of the gradient of each weight layer used for the update
        (before clipping; mean over the epoch's mini-batches). Recorded only
        with ``grad_norms=True`` (it costs time on tiny networks); reading it
        otherwise raises an AttributeError that says so.
    """

    losses: np.ndarray
    lrs: np.ndarray
    network: Network
    diverged: bool = False
    message: str = ""
    penalties: np.ndarray = None
    val_losses: np.ndarray | None = None
    best_epoch: int | None = None
    stopped_early: bool = False
    recorded_grad_norms: np.ndarray | None = field(default=None, repr=False)

    def __post_init__(self):
        if self.penalties is None:
            self.penalties = np.zeros(len(self.losses))

    @property
    def grad_norms(self):
        """The gradient norm of every weight layer per epoch, if recorded (see the class docstring)."""
        if self.recorded_grad_norms is None:
            raise AttributeError(
                "grad_norms were not recorded: pass grad_norms=True to train() or Trainer() to record"
                " the gradient norm of every layer in every epoch"
            )
        return self.recorded_grad_norms

    @property
    def epochs(self):
        """The number of epochs completed."""
        return len(self.losses)

    def epochs_to(self, target):
        """How many epochs (updates) it took until the recorded loss was below `target`.

        ``losses[k]`` is the loss after k epochs, so this is the first such k;
        None if the loss never got below `target` in this run.

        >>> History(losses=np.array([0.5, 0.2, 0.05, 0.01]), lrs=np.ones(4), network=None).epochs_to(0.1)
        2
        """
        target = positive_float("target", target)
        below = np.flatnonzero(self.losses < target)
        return int(below[0]) if below.size else None

    def __repr__(self):
        sizes = "-".join(map(str, self.network.sizes))
        if not len(self.losses):
            return f"<History: 0 epochs, {sizes} network>"
        end = "diverged" if self.diverged else "stopped early" if self.stopped_early else "trained"
        val = ""
        if self.val_losses is not None and self.best_epoch is not None:
            best = fmt(self.val_losses[self.best_epoch], 4)
            val = f", best validation loss {best} at epoch {self.best_epoch}"
        return (f"<History: {self.epochs} epochs {end},"
                f" loss {fmt(self.losses[0], 4)} → {fmt(self.losses[-1], 4)}{val}, {sizes} network>")
