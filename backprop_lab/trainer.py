"""The :class:`Trainer`: a training run's state, advanced a few epochs at a time.

Each epoch repeats forward, loss, backward and update over the (mini-)batches
and records what happened; :func:`~backprop_lab.train` runs one to the end.

The trainer keeps every weight and bias in one flat vector (weights first),
``weights[l]`` and ``biases[l]`` being views into it, and the gradients in a
second one: a plain gradient-descent step is then two numpy calls however
deep the network is. On a tiny network per-call overhead is most of the cost,
so this keeps an epoch close to a hand-written numpy loop
(``benchmarks/bench_engine.py``).
"""

import math

import numpy as np

from ._checks import positive_float, positive_int
from ._format import fmt
from .history import History
from .losses import as_target, get_loss
from .network import Network
from .optim import SGD, clip_by_norm, clip_by_value, make_optimizer
from .passes import _backward, _forward, activation_funcs, check_input
from .regularization import _draw, check_dropout, check_weight_decay, weight_penalty
from .validation import Validation

__all__ = ["DIVERGENCE_FACTOR", "Trainer"]


#: Training stops as diverged when the loss exceeds this many times its first value
#: (or becomes NaN or infinite): no run that is learning ever gets there.
DIVERGENCE_FACTOR = 1e8


def _views(flat, shapes):
    """Arrays of the given shapes that share `flat`'s memory, one after the other."""
    views, start = [], 0
    for shape in shapes:
        size = math.prod(shape)
        views.append(flat[start : start + size].reshape(shape))
        start += size
    return views


class Trainer:
    """A training run that can be advanced step by step (see :func:`train` for the arguments).

    Attributes
    ----------
    losses, penalties, lrs : list of float
        Per completed epoch, as in :class:`~backprop_lab.history.History` (lists, so that
        a widget can read them each frame without building a History).
    validation : Validation or None
        With a validation set: ``validation.losses`` per epoch, ``validation.best_epoch``.
    network : Network
        The network as it stands now (a copy).
    diverged, stopped_early : bool
    message : str
        How training ended (or stands).

    Examples
    --------
    >>> from backprop_lab import Network, datasets
    >>> X, Y = datasets.xor()
    >>> trainer = Trainer(Network([2, 2, 1], seed=0), X, Y, lr=2.0)
    >>> trainer.run(10).epochs, trainer.run(5).epochs
    (10, 15)
    """

    def __init__(self, net, X, Y, lr, loss="half_sse", batch_size=None, seed=None,
                 optimizer="sgd", schedule=None, clip_value=None, clip_norm=None, weight_decay=0.0,
                 dropout=0.0, validation=None, early_stopping=None, grad_norms=False):
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
        self.weight_decay = check_weight_decay(weight_decay)
        self.dropout = check_dropout(dropout)
        patience = None if early_stopping is None else positive_int("early_stopping", early_stopping)
        if patience is not None and validation is None:
            raise ValueError("early_stopping needs a validation set to watch: pass validation=(X_val, Y_val)")
        self.validation = None if validation is None else Validation(net, validation, self.loss_fn, patience)
        if not isinstance(grad_norms, bool):
            raise TypeError(f"grad_norms must be True or False, got {type(grad_norms).__name__}")
        self.record_grad_norms = grad_norms
        if seed is not None and not isinstance(seed, np.random.Generator):
            positive_int("seed", seed, minimum=0)
        self._seed, self._rng = seed, None  # the generator is made when first needed: it costs ~15 µs
        self.activations = net.activations
        self.funcs = activation_funcs(net)
        self.n_layers = L = net.n_layers
        self._hidden = net.sizes[1:-1]
        self._shapes = [w.shape for w in net.weights] + [b.shape for b in net.biases]
        self._theta = np.concatenate([p.ravel() for p in net.weights + net.biases])
        self._grad = np.zeros_like(self._theta)
        n_weights = sum(w.size for w in net.weights)
        self._theta_W, self._grad_W = self._theta[:n_weights], self._grad[:n_weights]
        params, grads = _views(self._theta, self._shapes), _views(self._grad, self._shapes)
        self._params, self._W, self._b = params, params[:L], params[L:]
        self._gW, self._gb = grads[:L], grads[L:]
        self._gradients = (self._gW, self._gb)
        self._scratch = np.empty_like(self._theta)
        self._norms = [] if grad_norms else None  # the sums of this epoch's gradient norms, per layer
        self._plain_sgd = type(self.optimizer) is SGD and clip_value is None and clip_norm is None
        self._plain = self._plain_sgd and not (self.weight_decay or self.dropout or grad_norms)
        # Divergence goes back to the parameters at the start of the last completed epoch;
        # _start holds those of the epoch under way.
        self._start, self._previous = np.empty_like(self._theta), self._theta.copy()
        self.losses, self.penalties, self.lrs, self.grad_norms = [], [], [], []
        self.diverged = self.stopped_early = False
        self.message = ""

    def configure(self, lr=None, batch_size=None, weight_decay=None, dropout=None):
        """Change η, the batch size, the weight decay or the dropout rate for the epochs still to come.

        The network, the history and the optimizer's state are kept, so training
        continues where it is (the playground uses this when its sliders move).
        ``batch_size=0`` means the whole batch.
        """
        if lr is not None:
            self.lr0 = positive_float("lr", lr)
        if batch_size is not None:
            n = self.X.shape[0]
            self.batch_size = n if batch_size == 0 else min(positive_int("batch_size", batch_size), n)
        if weight_decay is not None:
            self.weight_decay = check_weight_decay(weight_decay)
        if dropout is not None:
            self.dropout = check_dropout(dropout)
        self._plain = self._plain_sgd and not (self.weight_decay or self.dropout or self.record_grad_norms)
        return self

    @property
    def rng(self):
        """The random generator for the mini-batch order and the dropout masks (from `seed`)."""
        if self._rng is None:
            self._rng = np.random.default_rng(self._seed)
        return self._rng

    @property
    def network(self):
        """The network as it stands now (a copy)."""
        return self._network(self._theta)

    def _network(self, flat):
        """A Network holding copies of the parameters in `flat` (checked once, when the trainer was made)."""
        params = [p.copy() for p in _views(flat, self._shapes)]
        net = Network.__new__(Network)
        net._set(params[: self.n_layers], params[self.n_layers :], self.activations)
        return net

    def _epoch(self, lr):
        """One epoch, updating the parameters in place; returns ``(E, penalty)``.

        Both are means over the epoch's mini-batches (for full-batch training: of
        the network at the start of the epoch). If E + penalty is not finite, the
        epoch stopped before the update that would have used it.
        """
        n = self.X.shape[0]
        if self.batch_size >= n:
            E, penalty = self._step(self.X, self.Y, lr)
            return E * n / n, penalty * n / n
        total = total_penalty = 0.0
        for X, Y in self._mini_batches():
            E, penalty = self._step(X, Y, lr)
            if not math.isfinite(E + penalty):
                return E, penalty
            total += E * X.shape[0]
            total_penalty += penalty * X.shape[0]
        return total / n, total_penalty / n

    def _step(self, X, Y, lr):
        """One update from the batch ``(X, Y)``; returns E and the penalty before it.

        No update if E + penalty is not finite. This is the hot path: it calls the
        unchecked ``_forward`` and ``_backward``. Without dropout, weight decay,
        clipping, gradient norms and with plain SGD it takes a short way, so that
        options which are off cost nothing (``benchmarks/bench_engine.py``).
        """
        W, b, funcs, evaluate = self._W, self._b, self.funcs, self.loss_fn.evaluate
        if self._plain:
            nets, outputs = _forward(W, b, funcs, X)
            E, delta_out = evaluate(nets[-1], outputs[-1], Y, funcs[-1])
            if math.isfinite(E):
                _backward(W, funcs, nets, outputs, delta_out, None, self._gradients)
                np.multiply(self._grad, lr, self._scratch)  # θ ← θ − η g; out= by position is cheaper
                np.subtract(self._theta, self._scratch, self._theta)
            return E, 0.0
        lam, p = self.weight_decay, self.dropout
        masks = _draw(self.rng, [(X.shape[0], k) for k in self._hidden], p) if p else None
        nets, outputs = _forward(W, b, funcs, X, masks)
        E, delta_out = evaluate(nets[-1], outputs[-1], Y, funcs[-1])
        penalty = weight_penalty([self._theta_W], lam) if lam else 0.0
        if not math.isfinite(E + penalty):
            return E, penalty
        _backward(W, funcs, nets, outputs, delta_out, masks, self._gradients)
        if lam:  # ∂/∂W of (λ/2)‖W‖² is λW
            self._grad_W += lam * self._theta_W
        if self._norms is not None:
            for l, g in enumerate(self._gW):
                self._norms[l] += math.sqrt(float(np.vdot(g, g)))
        self._update(lr)
        return E, penalty

    def _mini_batches(self):
        """The epoch's mini-batches ``(X, Y)``, in a fresh random order."""
        order, size = self.rng.permutation(self.X.shape[0]), self.batch_size
        for start in range(0, len(order), size):
            rows = order[start : start + size]
            yield self.X[rows], self.Y[rows]

    def _update(self, lr):
        """Clip the gradients as asked and let the optimizer move the parameters (in place)."""
        grad = self._grad
        if self.clip_value is not None or self.clip_norm is not None:
            grads = self._gW + self._gb  # per layer: the joint norm is summed as it always was
            if self.clip_value is not None:
                grads = clip_by_value(grads, self.clip_value)
            if self.clip_norm is not None:
                grads = clip_by_norm(grads, self.clip_norm)
            grad = np.concatenate([g.ravel() for g in grads])
        if type(self.optimizer) is SGD:  # θ ← θ − η g, as SGD.update computes it
            np.subtract(self._theta, grad * lr, self._theta)
        else:  # any other optimizer sees the arrays per layer, as the network has them
            new = self.optimizer.update(self._params, _views(grad, self._shapes), lr)
            for view, value in zip(self._params, new):
                view[...] = value

    def run(self, epochs):
        """Train `epochs` more epochs (fewer if it diverges or stops early) and return the history so far."""
        epochs = positive_int("epochs", epochs)
        losses, penalties, lrs = self.losses, self.penalties, self.lrs
        schedule, watch, norms = self.schedule, self.validation, self._norms is not None
        # Diverged: the loss (with its penalty) is not finite, or over DIVERGENCE_FACTOR times the first.
        limit = DIVERGENCE_FACTOR * (losses[0] + penalties[0]) if losses else math.inf
        # Overflow in a diverging run is reported through History, not as warnings.
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            for epoch in range(len(losses), len(losses) + epochs):
                if self.diverged or self.stopped_early:
                    break
                lr = self.lr0 if schedule is None else float(schedule(epoch, self.lr0))
                val = watch.loss_of(self._W, self._b, self.funcs) if watch else None
                if norms:
                    self._norms = [0.0] * self.n_layers
                self._start[...] = self._theta
                E, penalty = self._epoch(lr)
                objective = E + penalty
                if not math.isfinite(objective) or objective > limit:
                    self._diverge(epoch, objective, lr)
                    break
                if not losses:
                    limit = DIVERGENCE_FACTOR * objective
                self._previous, self._start = self._start, self._previous
                losses.append(E)
                penalties.append(penalty)
                lrs.append(lr)
                if norms:
                    n_batches = -(-self.X.shape[0] // self.batch_size)
                    self.grad_norms.append([v / n_batches for v in self._norms])
                if watch:
                    watch.record(epoch, val, self._previous)  # _previous: what `val` was measured on
                    self.stopped_early = watch.stopped
        if self.stopped_early:
            self.message = f"stopped early after epoch {len(losses)}: " + watch.summary()
        elif not self.diverged:
            self.message = f"trained {len(losses)} epochs; final loss {losses[-1]:.6g}"
            self.message += "; " + watch.summary() if watch and watch.best_epoch is not None else ""
        return self.history

    def _diverge(self, epoch, objective, lr):
        """Stop: the last update broke the network; go back to the one before it (its loss was recorded)."""
        self.diverged = True
        self._theta[...] = self._previous
        if math.isfinite(objective):  # finite, but over the limit
            what = f"grew to {objective:.3g}, over {DIVERGENCE_FACTOR:.0e} times its first value"
        else:
            what = f"became {'infinite' if math.isinf(objective) else 'NaN'}"
        self.message = (f"training diverged in epoch {epoch + 1}: the loss {what};"
                        f" try a learning rate smaller than {lr:g}")

    def __repr__(self):
        sizes = "-".join(str(w.shape[1]) for w in self._W) + f"-{self._W[-1].shape[0]}"
        state = ("diverged" if self.diverged else "stopped early" if self.stopped_early
                 else f"loss {fmt(self.losses[-1], 4)}" if self.losses else "not started")
        return (f"<Trainer: {sizes} network, {self.loss}, {self.optimizer!r}, η = {fmt(self.lr0, 4)},"
                f" {len(self.losses)} epochs, {state}>")

    @property
    def history(self):
        """The :class:`History` of the run so far."""
        watch = self.validation
        best = watch is not None and watch.best_params is not None
        return History(
            losses=np.array(self.losses),
            lrs=np.array(self.lrs),
            network=self._network(watch.best_params) if best else self.network,
            diverged=self.diverged,
            message=self.message,
            penalties=np.array(self.penalties),
            val_losses=None if watch is None else np.array(watch.losses),
            best_epoch=None if watch is None else watch.best_epoch,
            stopped_early=self.stopped_early,
            recorded_grad_norms=(np.array(self.grad_norms).reshape(-1, self.n_layers)
                                 if self.record_grad_norms else None),
        )
