"""Training: repeat forward, loss, backward and update, and record what happened.

:class:`Trainer` keeps a training run's state so a widget can advance it a
few epochs at a time; :func:`train` runs it to the end in one call.
"""

import math
from dataclasses import dataclass

import numpy as np

from ._checks import positive_float, positive_int
from ._format import fmt
from .losses import as_target, get_loss
from .network import Network
from .optim import clip_by_norm, clip_by_value, make_optimizer
from .passes import _backward, _forward, activation_funcs, check_input

__all__ = ["DIVERGENCE_FACTOR", "History", "Trainer", "accuracy", "train"]


#: Training stops as diverged when the loss exceeds this many times its first value
#: (or becomes NaN or infinite): no run that is learning ever gets there.
DIVERGENCE_FACTOR = 1e8


@dataclass
class History:
    """What a training run recorded, one entry per completed epoch.

    Attributes
    ----------
    losses : numpy.ndarray, shape (epochs,)
        The loss of each epoch: for full-batch training the loss of the
        network at the start of the epoch; with mini-batches, the mean of
        the mini-batch losses seen during the epoch.
    grad_norms : numpy.ndarray, shape (epochs, n_layers)
        The norm of ∂E/∂W per weight layer (mean over the epoch's mini-batches).
    lrs : numpy.ndarray, shape (epochs,)
        The learning rate used in each epoch.
    network : Network
        The trained network (after the last update whose loss was finite).
    diverged : bool
        True when the loss became NaN or infinite and training stopped.
    message : str
        A sentence saying how training ended.
    """

    losses: np.ndarray
    grad_norms: np.ndarray
    lrs: np.ndarray
    network: Network
    diverged: bool = False
    message: str = ""

    @property
    def epochs(self):
        """The number of epochs completed."""
        return len(self.losses)

    def epochs_to(self, target):
        """How many epochs (updates) it took until the recorded loss was below `target`.

        ``losses[k]`` is the loss after k epochs, so this is the first such k;
        None if the loss never got below `target` in this run.

        >>> History(np.array([0.5, 0.2, 0.05, 0.01]), np.zeros((4, 1)), np.ones(4), None).epochs_to(0.1)
        2
        """
        target = positive_float("target", target)
        below = np.flatnonzero(self.losses < target)
        return int(below[0]) if below.size else None

    def __repr__(self):
        sizes = "-".join(map(str, self.network.sizes))
        if not len(self.losses):
            return f"<History: 0 epochs, {sizes} network>"
        end = "diverged" if self.diverged else "trained"
        return (f"<History: {self.epochs} epochs {end},"
                f" loss {fmt(self.losses[0], 4)} → {fmt(self.losses[-1], 4)}, {sizes} network>")


class Trainer:
    """A training run that can be advanced step by step (see :func:`train` for the arguments).

    Examples
    --------
    >>> from backprop_lab import Network, datasets
    >>> X, Y = datasets.xor()
    >>> trainer = Trainer(Network([2, 2, 1], seed=0), X, Y, lr=2.0)
    >>> trainer.run(10).epochs, trainer.run(5).epochs
    (10, 15)
    """

    def __init__(self, net, X, Y, lr, loss="half_sse", batch_size=None, seed=None,
                 optimizer="sgd", schedule=None, clip_value=None, clip_norm=None):
        X = check_input(net, X, name="X")
        if X.ndim != 2:
            raise ValueError(f"X must be a batch of shape (B, {net.sizes[0]}), got shape {X.shape}")
        self.X = X
        self.Y = as_target(Y, (X.shape[0], net.sizes[-1]), name="Y")
        self.lr0 = positive_float("lr", lr)
        self.loss_fn = get_loss(loss)
        self.loss = self.loss_fn.name
        self.loss_fn.check(net.activations[-1], self.Y, name="Y")
        n = X.shape[0]
        self.batch_size = n if batch_size is None else min(positive_int("batch_size", batch_size), n)
        if schedule is not None and not callable(schedule):
            raise TypeError(f"schedule must be callable as schedule(epoch, lr), got {schedule!r}")
        self.schedule = schedule
        self.clip_value = None if clip_value is None else positive_float("clip_value", clip_value)
        self.clip_norm = None if clip_norm is None else positive_float("clip_norm", clip_norm)
        self.optimizer = make_optimizer(optimizer)
        self.rng = np.random.default_rng(seed)
        self.activations = net.activations
        self.funcs = activation_funcs(net)
        self.n_layers = net.n_layers
        self.params = [w.copy() for w in net.weights] + [b.copy() for b in net.biases]
        self._previous = self.params
        self.losses, self.grad_norms, self.lrs = [], [], []
        self.diverged, self.message = False, ""

    def configure(self, lr=None, batch_size=None):
        """Change the learning rate or the batch size for the epochs still to come.

        The network, the history and the optimizer's state are kept, so training
        continues where it is (the playground uses this when η or the batch size change).
        ``batch_size=0`` means the whole batch.
        """
        if lr is not None:
            self.lr0 = positive_float("lr", lr)
        if batch_size is not None:
            n = self.X.shape[0]
            self.batch_size = n if batch_size == 0 else min(positive_int("batch_size", batch_size), n)
        return self

    @property
    def network(self):
        """The network as it stands now (a copy)."""
        L = self.n_layers
        return Network.from_weights(self.params[:L], self.params[L:], list(self.activations))

    def _epoch(self, lr):
        """One epoch; returns ``(loss, grad_norms, new_params)`` (loss may be non-finite).

        This is the hot path, so it calls the unchecked ``_forward`` and ``_backward``.
        """
        L, funcs, params, evaluate = self.n_layers, self.funcs, self.params, self.loss_fn.evaluate
        n, size = self.X.shape[0], self.batch_size
        order = None if size >= n else self.rng.permutation(n)
        total, norms = 0.0, [0.0] * L
        for start in range(0, n, size):
            if order is None:
                X, Y = self.X, self.Y
            else:
                rows = order[start : start + size]
                X, Y = self.X[rows], self.Y[rows]
            nets, outputs = _forward(params[:L], params[L:], funcs, X)
            E, delta_out = evaluate(nets[-1], outputs[-1], Y, funcs[-1])
            if not math.isfinite(E):
                return E, norms, params
            _, dW, db = _backward(params[:L], funcs, nets, outputs, delta_out)
            for l in range(L):
                norms[l] += math.sqrt(float(np.vdot(dW[l], dW[l])))
            grads = dW + db
            if self.clip_value is not None:
                grads = clip_by_value(grads, self.clip_value)
            if self.clip_norm is not None:
                grads = clip_by_norm(grads, self.clip_norm)
            params = self.optimizer.update(params, grads, lr)
            total += E * X.shape[0]
        n_batches = -(-n // size)
        return total / n, [v / n_batches for v in norms], params

    def run(self, epochs):
        """Train `epochs` more epochs (fewer if the loss diverges) and return the history so far."""
        epochs = positive_int("epochs", epochs)
        # Overflow in a diverging run is reported through History, not as warnings.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for _ in range(epochs):
                if self.diverged:
                    break
                epoch = len(self.losses)
                lr = self.lr0 if self.schedule is None else float(self.schedule(epoch, self.lr0))
                E, norms, params = self._epoch(lr)
                blown_up = math.isfinite(E) and self.losses and E > DIVERGENCE_FACTOR * self.losses[0]
                if not math.isfinite(E) or blown_up:
                    # The last update broke the network: keep the one before it,
                    # whose (finite) loss is the last one recorded.
                    self.diverged = True
                    self.params = self._previous
                    what = (f"grew to {E:.3g}, over {DIVERGENCE_FACTOR:.0e} times its first value" if blown_up
                            else f"became {'infinite' if math.isinf(E) else 'NaN'}")
                    self.message = (f"training diverged in epoch {epoch + 1}: the loss {what};"
                                    f" try a learning rate smaller than {lr:g}")
                    break
                self._previous, self.params = self.params, params
                self.losses.append(E)
                self.grad_norms.append(norms)
                self.lrs.append(lr)
        if not self.diverged:
            self.message = f"trained {len(self.losses)} epochs; final loss {self.losses[-1]:.6g}"
        return self.history

    def __repr__(self):
        weights = self.params[: self.n_layers]
        sizes = "-".join(str(w.shape[1]) for w in weights) + f"-{weights[-1].shape[0]}"
        state = (f"loss {fmt(self.losses[-1], 4)}" if self.losses else "not started")
        if self.diverged:
            state = "diverged"
        return (f"<Trainer: {sizes} network, {self.loss}, {self.optimizer!r}, η = {fmt(self.lr0, 4)},"
                f" {len(self.losses)} epochs, {state}>")

    @property
    def history(self):
        """The :class:`History` of the run so far."""
        return History(
            losses=np.array(self.losses),
            grad_norms=np.array(self.grad_norms).reshape(-1, self.n_layers),
            lrs=np.array(self.lrs),
            network=self.network,
            diverged=self.diverged,
            message=self.message,
        )


def train(net, X, Y, lr, epochs, loss="half_sse", batch_size=None, seed=None,
          optimizer="sgd", schedule=None, clip_value=None, clip_norm=None):
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
        Seed for the mini-batch order.
    optimizer : {"sgd", "momentum", "adam"} or optimizer object
    schedule : callable, optional
        ``schedule(epoch, lr) -> lr``, e.g. ``StepDecay`` or ``ExponentialDecay``.
    clip_value, clip_norm : float, optional
        Clip gradients by value (each entry to [−c, c]) or by their joint norm.

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
    trainer = Trainer(net, X, Y, lr, loss, batch_size, seed, optimizer, schedule, clip_value, clip_norm)
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
