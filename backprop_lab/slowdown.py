"""The output of a network epoch by epoch: how fast a confidently wrong output is corrected.

Notebook 10 trains one sigmoid neuron from a start where it is confidently
wrong (o ≈ 0.98 for a target of 0) with squared error and with cross-entropy,
and counts the epochs until its output crosses 0.5. :func:`output_per_epoch`
records the output after every epoch; :func:`first_epoch_below` counts.
"""

import numpy as np

from ._checks import as_float_array, positive_int
from .passes import forward
from .trainer import Trainer

__all__ = ["first_epoch_below", "output_per_epoch"]


def output_per_epoch(net, X, Y, lr, epochs, loss="half_sse"):
    """The network's outputs on `X` before training and after each of `epochs` full-batch epochs.

    Parameters
    ----------
    net : Network
        The start; it is not changed.
    X : array_like, shape (B, n_in)
    Y : array_like, shape (B, n_out)
    lr : float
    epochs : int
    loss : str
        A key of :data:`~backprop_lab.LOSSES`.

    Returns
    -------
    numpy.ndarray, shape (epochs + 1, B, n_out)
        Row e holds the outputs after e epochs (row 0: the start).

    Examples
    --------
    >>> from backprop_lab import Network
    >>> net = Network.from_weights([[[2.0]]], [[2.0]])
    >>> o = output_per_epoch(net, [[1.0]], [[0.0]], lr=0.5, epochs=3, loss="cross_entropy")
    >>> o.shape, round(float(o[0, 0, 0]), 4)
    ((4, 1, 1), 0.982)
    """
    epochs = positive_int("epochs", epochs)
    trainer = Trainer(net, X, Y, lr, loss=loss)
    outputs = [forward(trainer.network, trainer.X).output]
    for _ in range(epochs):
        trainer.run(1)
        outputs.append(forward(trainer.network, trainer.X).output)
    return np.array(outputs)


def first_epoch_below(values, threshold):
    """The first index e with ``values[e] < threshold``, or None if there is none.

    >>> first_epoch_below([0.9, 0.7, 0.4, 0.2], 0.5)
    2
    """
    values = as_float_array("values", values, ndim=1)
    below = np.flatnonzero(values < threshold)
    return int(below[0]) if below.size else None
