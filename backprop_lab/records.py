"""What the passes return: a :class:`Trace` of the forward pass and the :class:`Gradients` of the
backward pass, with reprs that show what a student wants to see (one line per layer, 4 digits).
"""

from dataclasses import dataclass

import numpy as np

from ._checks import positive_float
from ._format import fmt
from .optim import clip_by_norm, clip_by_value

__all__ = ["Gradients", "Trace"]


def _row(values, digits=4):
    """A short vector for a repr: 4 significant digits, at most 6 entries."""
    values = np.ravel(values)
    shown = fmt(values[:6], digits)
    return shown[:-1] + ", …]" if values.size > 6 else shown


@dataclass(repr=False)
class Trace:
    """Everything the forward pass computed.

    Attributes
    ----------
    nets : list of numpy.ndarray
        ``nets[l]`` holds the net inputs of weight layer l, shape ``(n_out,)``
        for one sample or ``(B, n_out)`` for a batch.
    outputs : list of numpy.ndarray
        ``outputs[0]`` is the input x; ``outputs[l + 1] = f(nets[l])``.
        So ``outputs[l]`` are the o_i that weight layer l receives.
    activations : tuple of str
        The activation of every weight layer (the loss needs the output's).

    Examples
    --------
    >>> from backprop_lab import Network, forward
    >>> net = Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
    >>> forward(net, [0.2])
    Trace of one sample
      input                          o [0.2]
      layer 1 sigmoid  net [0.14]    o [0.5349]
      layer 2 sigmoid  net [0.2605]  o [0.5648]
    """

    nets: list
    outputs: list
    activations: tuple = ()

    @property
    def x(self):
        """The input, shape ``(n_in,)`` or ``(B, n_in)``."""
        return self.outputs[0]

    @property
    def output(self):
        """The prediction, with the same leading shape as x."""
        return self.outputs[-1]

    def dead_neurons(self):
        """The neurons of every weight layer whose output is exactly 0 for every sample.

        For a ReLU neuron that means f'(net) = 0 everywhere on these inputs: no gradient
        reaches its incoming weights (it is "dead" for this data, unless earlier layers change).

        Returns
        -------
        list of numpy.ndarray
            ``dead[l]``: the indices j (from 0) in weight layer l, one array per layer.

        >>> from backprop_lab import Network, forward
        >>> net = Network.from_weights([[[1.0], [-1.0]]], [[0.0, 0.0]], activation="relu")
        >>> [d.tolist() for d in forward(net, [[1.0], [2.0]]).dead_neurons()]
        [[1]]
        """
        return [np.flatnonzero(np.all(np.atleast_2d(o) == 0.0, axis=0)) for o in self.outputs[1:]]

    def __repr__(self):
        batch = self.x.ndim == 2
        first = (lambda a: a[0]) if batch else (lambda a: a)
        head = f"Trace of {self.x.shape[0]} samples (the first shown)" if batch else "Trace of one sample"
        acts = self.activations or ("?",) * len(self.nets)
        width, digits = max(len(a) for a in acts), len(str(len(self.nets)))
        nets = [f"net {_row(first(n))}" for n in self.nets]
        pad = max(len(n) for n in nets)
        rows = [f"  layer {l:<{digits}} {a:<{width}}  {n:<{pad}}  "
                for l, (a, n) in enumerate(zip(acts, nets), 1)]
        lines = [head, "  input".ljust(len(rows[0])) + f"o {_row(first(self.x))}"]
        lines += [row + f"o {_row(first(o))}" for row, o in zip(rows, self.outputs[1:])]
        return "\n".join(lines)


@dataclass(repr=False)
class Gradients:
    """What the backward pass computed.

    Attributes
    ----------
    deltas : list of numpy.ndarray
        ``deltas[l][..., j] = ∂E/∂net_j`` for weight layer l, shaped like ``Trace.nets[l]``.
        For a batch, E is the mean loss, so each sample's δ carries a factor 1/B.
    weights : list of numpy.ndarray
        ``∂E/∂w_{j,i}``, shaped like ``Network.weights``.
    biases : list of numpy.ndarray
        ``∂E/∂b_j``, shaped like ``Network.biases``.
    loss : float
        E at the point where the gradients were taken (NaN when unknown).

    Examples
    --------
    >>> from backprop_lab import Network, backward, forward
    >>> net = Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
    >>> backward(net, forward(net, [0.2]), [0.7])
    Gradients at E = 0.009146
      layer 1  δ [-0.002481]  ‖∂E/∂W‖ 0.0004962  ‖∂E/∂b‖ 0.002481
      layer 2  δ [-0.03324]   ‖∂E/∂W‖ 0.01778    ‖∂E/∂b‖ 0.03324
    """

    deltas: list
    weights: list
    biases: list
    loss: float = float("nan")

    def __neg__(self):
        """The same gradients with every sign flipped (for showing a sign slip)."""
        return Gradients([-d for d in self.deltas], [-g for g in self.weights], [-g for g in self.biases],
                         self.loss)

    def norms(self):
        """The Frobenius norm of ∂E/∂W for every weight layer, shape ``(n_layers,)``."""
        return np.array([np.sqrt(np.vdot(g, g)) for g in self.weights])

    def delta_norms(self):
        """The norm of δ = ∂E/∂net for every weight layer (over all samples), shape ``(n_layers,)``.

        Going back one layer multiplies δ by f'(net) and the weights, so these
        show that factor directly; ``norms()`` also carries the layer's inputs o_i.

        >>> from backprop_lab import Network, backward, forward
        >>> net = Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
        >>> backward(net, forward(net, [0.2]), [0.7]).delta_norms().round(6).tolist()
        [0.002481, 0.033244]
        """
        return np.array([np.sqrt(np.vdot(d, d)) for d in self.deltas])

    def clipped(self, by, c):
        """These gradients clipped as :func:`~backprop_lab.train` clips them; δ is left as it is.

        Parameters
        ----------
        by : {"value", "norm"}
            ``"value"``: every entry of ∂E/∂W and ∂E/∂b cut to [−c, c];
            ``"norm"``: all of them rescaled together so that their joint norm is at most c.
        c : float
            The threshold, > 0.

        Returns
        -------
        Gradients
        """
        if by not in ("value", "norm"):
            raise ValueError(f"by must be 'value' or 'norm', got {by!r}")
        c = positive_float("c", c)  # checked here so that the message names c, not max_norm
        n = len(self.weights)
        clipped = (clip_by_value if by == "value" else clip_by_norm)(self.weights + self.biases, c)
        return Gradients(self.deltas, clipped[:n], clipped[n:], self.loss)

    def __repr__(self):
        batch = self.deltas[0].ndim == 2
        head = f"Gradients at E = {fmt(self.loss, 4)}"
        if batch:
            head += f" (mean over {self.deltas[0].shape[0]} samples; δ not shown: one row per sample)"
        deltas = ["" if batch else f"δ {_row(d)}  " for d in self.deltas]
        pad = max(len(d) for d in deltas)
        W = [fmt(n, 4) for n in self.norms()]
        wpad = max(len(w) for w in W)
        lines = [head]
        for l, (d, w, b) in enumerate(zip(deltas, W, self.biases), 1):
            b_norm = fmt(np.sqrt(np.vdot(b, b)), 4)
            lines.append(f"  layer {l}  {d:<{pad}}‖∂E/∂W‖ {w:<{wpad}}  ‖∂E/∂b‖ {b_norm}")
        return "\n".join(lines)
