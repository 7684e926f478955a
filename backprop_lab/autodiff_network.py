"""A whole :class:`~backprop_lab.Network` built from :class:`~backprop_lab.autodiff.Value` nodes.

:func:`network_graph` makes one leaf Value per weight and bias, computes the
forward pass neuron by neuron with Value operations (``net_j = Σ_i w_{j,i} o_i
+ b_j``, then ``.sigmoid()``, ``.tanh()``, ``.relu()`` or nothing), and the
loss with the per-sample formula of ``losses.py`` -- the same graph PyTorch
records when it runs such a network. ``graph.loss.backward()`` then fills
every weight's ``.grad``; :meth:`NetworkGraph.gradients` reads them back as
arrays shaped like ``Network.weights``, to compare with
:func:`~backprop_lab.backward`.

Where the graph forks -- a hidden output used by several neurons of the
next layer, a weight used once per sample of a batch -- the gradients of
the uses add. ``value=OverwritingValue`` builds the same graph with the
classic bug, to show what goes wrong without that sum.

>>> from backprop_lab import examples
>>> g = network_graph(examples.CHAIN.network(), examples.CHAIN.x, examples.CHAIN.T)
>>> g.loss.backward()
>>> g.weights[1][0, 0]            # ∂E/∂w32, as bl.backward gives it
Value(data=0.3, grad=-0.0177837, label='w32')
"""

from dataclasses import dataclass

import numpy as np

from .autodiff import Value
from .losses import as_target, get_loss
from .passes import check_input

__all__ = ["NetworkGraph", "network_graph"]

#: How each activation is applied to one Value (softmax mixes neurons and has no Value operation here).
_APPLY = {"sigmoid": Value.sigmoid, "tanh": Value.tanh, "relu": Value.relu, "linear": lambda v: v}
_SQUARED = ("half_sse", "sse", "mse")


def _name(kind, j, i=None):
    """``w32``, ``b3``; ``w12,3`` with a comma when a neuron number has two digits."""
    if i is None:
        return f"{kind}{j}"
    return f"{kind}{j}{i}" if j < 10 and i < 10 else f"{kind}{j},{i}"


@dataclass(repr=False)
class NetworkGraph:
    """A network's forward pass and loss as a graph of Values.

    Attributes
    ----------
    weights, biases : list of numpy.ndarray of Value
        Leaves shaped like ``Network.weights[l]`` (n_out, n_in) and
        ``Network.biases[l]`` (n_out,), labelled ``w32``, ``b3`` by neuron number.
    nets, outputs : list of numpy.ndarray of Value
        ``nets[l]``: the net inputs of weight layer l; ``outputs[0]`` the
        inputs (leaves), ``outputs[l + 1]`` what layer l sends on. Shape (n,)
        for one sample, (B, n) for a batch.
    loss : Value
        E: the mean over the samples of the per-sample loss.
    """

    weights: list
    biases: list
    nets: list
    outputs: list
    loss: Value

    def gradients(self):
        """``(dE_dW, dE_db)``: every weight's and bias's ``.grad``, as arrays shaped like the network's."""
        grad = np.vectorize(lambda v: v.grad, otypes=[float])
        return [grad(w) for w in self.weights], [grad(b) for b in self.biases]

    def __repr__(self):
        n = sum(w.size + b.size for w, b in zip(self.weights, self.biases))
        return f"<NetworkGraph: {n} parameters, E = {self.loss.data:.6g}>"


def network_graph(net, x, target, loss="half_sse", value=Value):
    """Build `net`'s forward pass and loss on `x` from Values, one operation at a time.

    Parameters
    ----------
    net : Network
        Sigmoid, tanh, ReLU or linear layers. Not changed: the weights are copied into new leaves.
    x : array_like, shape (n_in,) or (B, n_in)
        One sample, or a batch of B samples in rows.
    target : array_like
        As for :func:`~backprop_lab.backward`.
    loss : {"half_sse", "sse", "mse"}
        A squared-error loss from ``losses.py``; E is its mean over the samples.
    value : type
        :class:`~backprop_lab.autodiff.Value`, or a subclass such as
        :class:`~backprop_lab.autodiff_steps.OverwritingValue`.

    Returns
    -------
    NetworkGraph
        Run ``graph.loss.backward()``, then read ``graph.gradients()``.
    """
    x = check_input(net, x)
    if not (isinstance(value, type) and issubclass(value, Value)):
        raise TypeError(f"value must be Value or a subclass of it, got {value!r}")
    fn = get_loss(loss)
    if loss not in _SQUARED:
        raise ValueError(f"network_graph builds the squared-error losses {list(_SQUARED)}, got {loss!r}")
    odd = [a for a in net.activations if a not in _APPLY]
    if odd:
        raise ValueError(f"network_graph has no Value operation for the activation {odd[0]!r};"
                         f" it builds {sorted(_APPLY)} layers")
    T = as_target(target, x.shape[:-1] + (net.sizes[-1],))
    ids = net.neuron_ids()
    samples = x if x.ndim == 2 else x[None, :]
    suffix = (lambda s: f"[{s + 1}]") if x.ndim == 2 else (lambda s: "")

    def leaf(data, label):
        return value(float(data), label=label)

    o = np.array([[leaf(v, f"o{n}{suffix(s)}") for n, v in zip(ids[0], row)]
                  for s, row in enumerate(samples)], dtype=object)
    weights, biases, nets, outputs = [], [], [], [o]
    for l, (W, b, name) in enumerate(zip(net.weights, net.biases, net.activations)):
        receivers, senders = ids[l + 1], ids[l]
        Wv = np.array([[leaf(W[j, i], _name("w", n, m)) for i, m in enumerate(senders)]
                       for j, n in enumerate(receivers)], dtype=object)
        bv = np.array([leaf(b[j], _name("b", n)) for j, n in enumerate(receivers)], dtype=object)
        z = np.empty((len(samples), len(receivers)), dtype=object)
        for s in range(len(samples)):
            for j, n in enumerate(receivers):
                total = bv[j]
                for i in range(len(senders)):  # net_j = b_j + Σ_i w_{j,i} o_i
                    product = Wv[j, i] * o[s, i]
                    product.label = f"{Wv[j, i].label}·{o[s, i].label}"
                    total = total + product
                total.label = f"net{n}{suffix(s)}"
                z[s, j] = total
        o = np.empty_like(z)
        for s in range(len(samples)):
            for j, n in enumerate(receivers):
                o[s, j] = _APPLY[name](z[s, j])
                if o[s, j] is not z[s, j]:  # a linear layer's o is its net
                    o[s, j].label = f"o{n}{suffix(s)}"
        weights.append(Wv)
        biases.append(bv)
        nets.append(z)
        outputs.append(o)
    per_sample = fn.per_sample(None, o, T.reshape(o.shape), None)  # losses.py's formula, on Values
    E = per_sample[0] if len(samples) == 1 else np.sum(per_sample) / len(samples)  # the mean over samples
    E.label = "E"
    if x.ndim == 1:
        nets, outputs = [z[0] for z in nets], [v[0] for v in outputs]
    return NetworkGraph(weights, biases, nets, outputs, E)
