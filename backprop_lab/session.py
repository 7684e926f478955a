"""A playground session: your own points, a trainer with a held-out test part, and all of it as JSON.

:class:`Points` holds points in the plane with their class numbers (added
one by one, read from CSV, or copied from a generated data set).
:func:`make_trainer` trains a network on them, holding out a share as a
test set. :func:`curves` gives the loss curves and the losses *now* so that
the last point of each curve is the number a table shows. :func:`dumps` and
:func:`loads` keep everything needed to continue training exactly where it
was: the network, the points, the settings, the history and the random
generator's state (the order of the mini-batches).
"""

import json

import numpy as np

from . import datasets
from ._checks import as_float_array, choice, positive_float, positive_int
from .losses import LOSSES, loss
from .network import Network
from .passes import forward
from .train import Trainer, accuracy

__all__ = ["FORMAT", "Points", "curves", "dumps", "loads", "make_trainer"]

#: The ``format`` field of a session's JSON.
FORMAT = "backprop-lab playground session"


class Points:
    """Points in the plane and their classes 0, 1, 2, ... (a student's own data).

    Parameters
    ----------
    X : array_like, shape (n, 2), optional
    Y : array_like, shape (n, 1) or (n, K), optional
        Targets as a data set has them (0/1 or one-hot); their classes are kept.

    Attributes
    ----------
    X : numpy.ndarray, shape (n, 2)
    labels : numpy.ndarray of int, shape (n,)

    Examples
    --------
    >>> p = Points().add(0.5, -1.0, 2).add(0.0, 0.0, 0)
    >>> len(p), p.classes, p.targets().tolist()
    (2, 3, [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]])
    """

    def __init__(self, X=None, Y=None):
        self.X, self.labels = np.zeros((0, 2)), np.zeros(0, dtype=int)
        if X is not None:
            X = as_float_array("X", X, ndim=2)
            labels = datasets.class_numbers(Y)
            if X.shape[1] != 2 or len(labels) != len(X):
                raise ValueError(f"expected X of shape (n, 2) and n targets, got X {X.shape}"
                                 f" and {len(labels)} targets")
            self.X, self.labels = X, labels

    def __len__(self):
        return len(self.labels)

    @property
    def classes(self):
        """How many classes the targets have: 2, or the largest class number + 1."""
        return max(2, int(self.labels.max()) + 1) if len(self) else 2

    def add(self, x1, x2, label):
        """Add the point (x1, x2) of class `label` (0, 1, 2, ...); returns self."""
        point = as_float_array("point", [x1, x2], ndim=1)
        label = positive_int("label", label, minimum=0)
        self.X = np.vstack([self.X, point])
        self.labels = np.append(self.labels, label)
        return self

    def clear(self):
        """Remove every point; returns self."""
        self.__init__()
        return self

    def copy(self):
        """Another Points holding copies of these points."""
        return Points.from_dict(self.to_dict())

    def targets(self):
        """Y for training: shape (n, 1) of 0/1 for two classes, one-hot (n, K) for K >= 3."""
        return datasets.one_hot(self.labels, self.classes)

    @classmethod
    def from_csv(cls, text, classes=None):
        """The points of CSV text ``x1,x2,label`` (see :func:`backprop_lab.datasets.from_csv`)."""
        return cls(*datasets.from_csv(text, classes))

    def to_dict(self):
        """A JSON-serialisable dict; :meth:`from_dict` rebuilds the same points."""
        return {"X": self.X.tolist(), "labels": self.labels.tolist()}

    @classmethod
    def from_dict(cls, d):
        """The points of a dict made by :meth:`to_dict`."""
        if not isinstance(d, dict) or "X" not in d or "labels" not in d:
            raise ValueError("points must be a dict with the keys 'X' and 'labels'")
        labels = d["labels"]
        if not isinstance(labels, list) or not all(isinstance(k, int) and k >= 0 for k in labels):
            raise ValueError("points['labels'] must be a list of whole numbers 0, 1, 2, ...")
        X = as_float_array("points['X']", d["X"], ndim=(1, 2)).reshape(-1, 2) if d["X"] else np.zeros((0, 2))
        if len(X) != len(labels):
            raise ValueError(f"points['X'] has {len(X)} points but points['labels'] has {len(labels)}")
        points = cls()
        points.X, points.labels = X, np.array(labels, dtype=int)
        return points


def _settings(settings):
    """The training settings, checked: η, batch size (0: full batch), weight decay, loss, test share."""
    if not isinstance(settings, dict):
        raise TypeError(f"settings must be a dict, got {type(settings).__name__}")
    missing = [k for k in ("lr", "batch", "decay", "loss", "test") if k not in settings]
    if missing:
        raise ValueError(f"settings is missing {missing}")
    test = positive_float("settings['test']", settings["test"], allow_zero=True)
    if test >= 1.0:
        raise ValueError(f"settings['test'] must be a share from 0 to below 1, got {test:g}")
    return dict(lr=positive_float("settings['lr']", settings["lr"]),
                batch_size=positive_int("settings['batch']", settings["batch"], minimum=0) or None,
                weight_decay=positive_float("settings['decay']", settings["decay"], allow_zero=True),
                loss=choice("settings['loss']", settings["loss"], LOSSES)), test


def make_trainer(net, points, settings, seed=0, resume=None):
    """A :class:`~backprop_lab.Trainer` for `net` on `points`, a share of them held out as a test set.

    Parameters
    ----------
    net : Network
        2 inputs; 1 output for two classes, K outputs for K classes.
    points : Points
        At least one point.
    settings : dict
        ``lr`` (η), ``batch`` (0 for the full batch), ``decay`` (λ),
        ``loss`` (a name in LOSSES), ``test`` (the share held out, 0 for none;
        the split needs 2 points).
    seed : int
        Seeds the split and the order of the mini-batches.
    resume : dict, optional
        The ``history`` and ``rng`` of a session from :func:`loads`: training
        carries on as the saved trainer would have.
    """
    options, test = _settings(settings)
    if not len(points):
        raise ValueError("there are no points to train on: add some first")
    X, Y, validation = points.X, points.targets(), None
    if test and len(points) >= 2:
        X, Y, X_test, Y_test = datasets.split(X, Y, validation=test, seed=seed)
        validation = (X_test, Y_test)
    rng = seed
    if resume is not None:
        rng = np.random.default_rng()
        rng.bit_generator.state = resume["rng"]
    trainer = Trainer(net, X, Y, seed=rng, validation=validation, **options)
    if resume is not None:
        history = resume["history"]
        trainer.losses[:], trainer.penalties[:], trainer.lrs[:] = (
            history["losses"], history["penalties"], history["lrs"])
        if validation is not None:
            trainer.validation.losses[:] = history["test_losses"]
    return trainer


def curves(trainer):
    """The loss after each epoch on the training and test parts, and the accuracy, of the network now.

    ``trainer.losses[k]`` is E at the start of epoch k + 1 (for full-batch
    training, the loss after k epochs). So the curve after epochs 1 … N is
    ``losses[1:]`` with E of the network *now* as its last point: the same
    number a table of the network now shows. The test curve is built alike
    from the test losses. Nothing before the first epoch.

    Returns
    -------
    dict
        ``train``, ``test`` (lists, one value per epoch; test empty without a
        test part), ``E_train``, ``E_test``, ``accuracy_train``, ``accuracy_test``
        (None without a test part).
    """
    net, watch = trainer.network, trainer.validation
    E_train = loss(forward(net, trainer.X), trainer.Y, trainer.loss)
    out = dict(train=[], test=[], E_train=E_train, E_test=None,
               accuracy_train=accuracy(net, trainer.X, trainer.Y), accuracy_test=None)
    if watch is not None:
        out.update(E_test=loss(forward(net, watch.X), watch.Y, trainer.loss),
                   accuracy_test=accuracy(net, watch.X, watch.Y))
    if trainer.losses:
        out["train"] = [*trainer.losses[1:], E_train]
        if watch is not None:
            out["test"] = [*watch.losses[1:], out["E_test"]]
    return out


def dumps(trainer, points, settings, seed=0):
    """The session as JSON text: network, points, settings, history and random state.

    `settings` holds anything JSON can (the playground's controls); what
    :func:`make_trainer` reads must be in it.
    """
    watch = trainer.validation
    history = dict(losses=list(trainer.losses), penalties=list(trainer.penalties), lrs=list(trainer.lrs),
                   test_losses=[] if watch is None else list(watch.losses))
    return json.dumps({"format": FORMAT, "version": 1, "settings": settings, "seed": seed,
                       "points": points.to_dict(), "network": trainer.network.to_dict(),
                       "history": history, "rng": trainer.rng.bit_generator.state})


def loads(text):
    """A session from :func:`dumps`'s JSON, checked; raises ValueError naming what is wrong.

    Returns
    -------
    dict
        ``network`` (Network), ``points`` (Points), ``settings`` (dict),
        ``seed`` (int) and ``resume`` (for :func:`make_trainer`).
    """
    try:
        d = json.loads(text)
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        raise ValueError(f"this is not JSON: {exc}") from None
    if not isinstance(d, dict) or d.get("format") != FORMAT:
        raise ValueError(f"expected a session saved by the playground (format {FORMAT!r})")
    missing = [k for k in ("settings", "seed", "points", "network", "history", "rng") if k not in d]
    if missing:
        raise ValueError(f"the session is missing {missing}")
    try:
        net = Network.from_dict(d["network"])
    except (TypeError, ValueError) as exc:
        raise ValueError(f"network: {exc}") from None
    history = d["history"]
    keys = ("losses", "penalties", "lrs", "test_losses")
    if not isinstance(history, dict) or any(not isinstance(history.get(k), list) for k in keys):
        raise ValueError(f"history must be a dict of the lists {list(keys)}")
    n = len(history["losses"])
    lengths = [len(history[k]) for k in keys]
    if lengths[1:3] != [n, n] or lengths[3] not in (0, n):
        raise ValueError(f"history's lists must be as long as history['losses'] ({n} epochs)")
    for k in keys:
        if history[k]:
            as_float_array(f"history['{k}']", history[k], ndim=1)
    rng = d["rng"]
    try:
        np.random.default_rng().bit_generator.state = rng
    except (TypeError, ValueError, KeyError):
        raise ValueError("rng must be the state of numpy's PCG64 generator") from None
    seed = positive_int("seed", d["seed"], minimum=0)
    points = Points.from_dict(d["points"])
    _settings(d["settings"])
    return dict(network=net, points=points, settings=d["settings"], seed=seed,
                resume=dict(history=history, rng=rng))
