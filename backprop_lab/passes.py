"""The forward pass, the backward pass and one gradient-descent step.

Named like the equations on the notation card:

* forward:  ``net_j = Σ_i w_{j,i} o_i + b_j``, ``o_j = f(net_j)``
* backward: output δ from the loss (``losses.py``: ``(o_k − T_k) f'(net_k)``
  for ½Σ(T − o)², ``o_k − T_k`` for cross-entropy); hidden
  ``δ_j = f'(net_j) Σ_k δ_k w_{k,j}``
* gradients: ``∂E/∂w_{j,i} = δ_j o_i``, ``∂E/∂b_j = δ_j``
* update: ``w ← w − η ∂E/∂w``

The public functions check their arguments and call the private ``_forward``
and ``_backward``, which work on plain arrays so that training stays fast.
"""

from dataclasses import dataclass

import numpy as np

from ._checks import as_float_array, positive_float
from ._format import fmt
from .activations import ACTIVATIONS
from .losses import as_target, get_loss
from .network import Network
from .optim import clip_by_norm, clip_by_value

__all__ = ["Gradients", "Trace", "backward", "chain_factors", "check_input", "forward", "sgd_step"]


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

    def __repr__(self):
        batch = self.x.ndim == 2
        first = (lambda a: a[0]) if batch else (lambda a: a)
        head = f"Trace of {self.x.shape[0]} samples (the first shown)" if batch else "Trace of one sample"
        acts = self.activations or ("?",) * len(self.nets)
        width, digits = max(len(a) for a in acts), len(str(len(self.nets)))
        nets = [f"net {_row(first(n))}" for n in self.nets]
        pad = max(len(n) for n in nets)
        rows = [f"  layer {l:<{digits}} {a:<{width}}  {n:<{pad}}  " for l, (a, n) in enumerate(zip(acts, nets), 1)]
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
        return Gradients([-d for d in self.deltas], [-g for g in self.weights], [-g for g in self.biases], self.loss)

    def norms(self):
        """The Frobenius norm of ∂E/∂W for every weight layer, shape ``(n_layers,)``."""
        return np.array([np.sqrt(np.vdot(g, g)) for g in self.weights])

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


def activation_funcs(net):
    """The :class:`~backprop_lab.activations.Activation` of every layer of `net`."""
    return [ACTIVATIONS[name] for name in net.activations]


def _forward(weights, biases, funcs, x):
    """Forward pass on checked arrays; returns ``(nets, outputs)``."""
    nets, outputs = [], [x]
    o = x
    for W, b, act in zip(weights, biases, funcs):
        net = o @ W.T + b
        o = act.f(net)
        nets.append(net)
        outputs.append(o)
    return nets, outputs


def _backward(weights, funcs, nets, outputs, delta_out):
    """Backward pass on checked arrays, from the output layer's δ; returns ``(deltas, dE_dW, dE_db)``."""
    n_layers = len(weights)
    deltas, dE_dW, dE_db = [None] * n_layers, [None] * n_layers, [None] * n_layers
    delta = delta_out
    for l in range(n_layers - 1, -1, -1):
        if l < n_layers - 1:  # hidden: δ_j = f'(net_j) Σ_k δ_k w_{k,j}, the sum being (δ W)_j
            delta = funcs[l].backprop(nets[l], outputs[l + 1], delta @ weights[l + 1])
        o_in = outputs[l]
        if delta.ndim == 2:  # a batch: sum the per-sample products
            dE_dW[l] = delta.T @ o_in
            dE_db[l] = delta.sum(axis=0)
        else:
            dE_dW[l] = np.outer(delta, o_in)
            dE_db[l] = delta.copy()
        deltas[l] = delta
    return deltas, dE_dW, dE_db


def _check_network(net, name="net"):
    if not isinstance(net, Network):
        raise TypeError(f"{name} must be a backprop_lab.Network, got {type(net).__name__}")


def check_input(net, x, name="x"):
    """Return `x` as a float64 array of shape ``(n_in,)`` or ``(B, n_in)``, or raise."""
    _check_network(net)
    x = as_float_array(name, x, ndim=(0, 1, 2))
    if x.ndim == 0 and net.sizes[0] == 1:
        x = x.reshape(1)
    if x.ndim == 0 or x.shape[-1] != net.sizes[0]:
        raise ValueError(
            f"{name} must have {net.sizes[0]} input value(s) per sample (shape ({net.sizes[0]},)"
            f" or (B, {net.sizes[0]})), got shape {x.shape}"
        )
    if x.ndim == 2 and x.shape[0] == 0:
        raise ValueError(f"{name} holds no samples: shape {x.shape}")
    return x


def forward(net, x):
    """Run the network on one sample or a batch.

    Parameters
    ----------
    net : Network
    x : array_like, shape (n_in,) or (B, n_in)
        One sample, or B samples in rows. A single number is accepted when n_in is 1.

    Returns
    -------
    Trace
        Net inputs and outputs of every layer; ``trace.output`` is the prediction.

    Examples
    --------
    The forward pass of "Understanding Backpropagation in Deep Learning Networks" (o1 = 0.2):

    >>> net = Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
    >>> trace = forward(net, [0.2])
    >>> [round(float(v[0]), 5) for v in trace.nets]
    [0.14, 0.26048]
    >>> round(float(trace.output[0]), 5)
    0.56475
    """
    x = check_input(net, x)
    nets, outputs = _forward(net.weights, net.biases, activation_funcs(net), x)
    return Trace(nets, outputs, net.activations)


def backward(net, trace, target, loss="half_sse"):
    """Backpropagate: every δ, ∂E/∂W and ∂E/∂b for the sample(s) in `trace`.

    Parameters
    ----------
    net : Network
        The network `trace` was computed with.
    trace : Trace
        From ``forward(net, x)``.
    target : array_like
        T, shaped like ``trace.output``.
    loss : {"half_sse", "sse", "mse", "cross_entropy"}
        See :mod:`backprop_lab.losses`; cross_entropy needs a sigmoid or softmax output.

    Returns
    -------
    Gradients

    Examples
    --------
    The δ values of "Understanding Backpropagation in Deep Learning Networks",
    with the sign of δ = ∂E/∂net:

    >>> net = Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
    >>> grads = backward(net, forward(net, [0.2]), [0.7])
    >>> [round(float(d[0]), 7) for d in grads.deltas]
    [-0.0024811, -0.0332441]
    """
    _check_network(net)
    if not isinstance(trace, Trace):
        raise TypeError(f"trace must be the Trace returned by forward(net, x), got {type(trace).__name__}")
    fn = get_loss(loss)
    if len(trace.nets) != net.n_layers or any(
        n.shape[-1] != w.shape[0] for n, w in zip(trace.nets, net.weights)
    ):
        raise ValueError("trace does not match net: compute it with forward(net, x) on this network")
    T = as_target(target, trace.output.shape)
    fn.check(net.activations[-1], T)
    funcs = activation_funcs(net)
    E, delta_out = fn.evaluate(trace.nets[-1], trace.output, T, funcs[-1])
    deltas, dW, db = _backward(net.weights, funcs, trace.nets, trace.outputs, delta_out)
    return Gradients(deltas, dW, db, E)


def check_gradients(net, grads, name="grads"):
    """Raise unless `grads` has exactly the shapes of `net`'s parameters."""
    if not isinstance(grads, Gradients):
        raise TypeError(f"{name} must be the Gradients returned by backward(), got {type(grads).__name__}")
    shapes_ok = len(grads.weights) == net.n_layers and all(
        g.shape == w.shape for g, w in zip(grads.weights + grads.biases, net.weights + net.biases)
    )
    if not shapes_ok:
        raise ValueError(f"{name} do not match net's shapes: compute them with backward() on this network")


def sgd_step(net, grads, lr):
    """One step of gradient descent, ``w ← w − η ∂E/∂w``, as a new network.

    Parameters
    ----------
    net : Network
        Left unchanged.
    grads : Gradients
        From ``backward`` on this network.
    lr : float
        The learning rate η > 0.

    Returns
    -------
    Network

    Examples
    --------
    The update of w32 in "Understanding Backpropagation in Deep Learning Networks",
    with η = 0.1 and the correct sign (w32 grows; the article's sign slip shrinks it):

    >>> net = Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
    >>> new = sgd_step(net, backward(net, forward(net, [0.2]), [0.7]), lr=0.1)
    >>> round(float(new.weights[1][0, 0]), 6)
    0.301778
    """
    _check_network(net)
    check_gradients(net, grads)
    lr = positive_float("lr", lr)
    new = net.copy()
    for l in range(net.n_layers):
        new.weights[l] -= lr * grads.weights[l]
        new.biases[l] -= lr * grads.biases[l]
    return new


def chain_factors(net, x, target, loss="half_sse"):
    """The three chain-rule factors of ∂E/∂w for a single neuron (one input, one output).

    ∂E/∂w = ∂E/∂o · ∂o/∂net · ∂net/∂w, where o is the output (the articles' ŷ),
    net the net input (their z) and w the neuron's one weight.

    Parameters
    ----------
    net : Network
        One weight layer with one input and one output, element-wise activation.
    x, target : float or array_like of one number
    loss : {"half_sse", "sse", "mse"}

    Returns
    -------
    dict
        ``dE_do``, ``do_dnet``, ``dnet_dw`` (= x), and their products ``dE_dw``
        and ``dE_db`` (= ``dE_do · do_dnet``), all floats, taken from the engine's
        own backward pass.

    Examples
    --------
    >>> f = chain_factors(Network.from_weights([[[0.8]]], [[-0.5]]), 1.5, 1.0)
    >>> {k: round(v, 6) for k, v in f.items()}
    {'dE_do': -0.331812, 'do_dnet': 0.221713, 'dnet_dw': 1.5, 'dE_dw': -0.110351, 'dE_db': -0.073567}
    """
    _check_network(net)
    if net.sizes != (1, 1) or ACTIVATIONS[net.activations[0]].f_prime is None:
        raise ValueError(f"net must be a single neuron (sizes (1, 1), element-wise activation), got {net}")
    trace = forward(net, x)
    fn = get_loss(loss)
    if fn.name == "cross_entropy":
        raise ValueError("loss must be a squared error here: with cross_entropy f' cancels (δ = o − T)")
    T = as_target(target, trace.output.shape)
    act = activation_funcs(net)[0]
    # ∂E/∂o is what the loss sends back through a linear output (f' = 1).
    dE_do = float(fn.evaluate(trace.nets[0], trace.output, T, ACTIVATIONS["linear"])[1][0])
    do_dnet = float(act.f_prime(trace.nets[0], trace.output)[0])
    grads = backward(net, trace, T, loss)
    return {"dE_do": dE_do, "do_dnet": do_dnet, "dnet_dw": float(trace.x[0]),
            "dE_dw": float(grads.weights[0][0, 0]), "dE_db": float(grads.biases[0][0])}
