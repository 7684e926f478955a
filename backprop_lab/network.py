"""The Network: layer sizes, weights, biases and one activation per layer.

Notation (the same in every notebook): layers are numbered from the input;
``weights[l]`` has shape ``(n_out, n_in)`` -- row j receives, column i sends,
so ``weights[l][j, i]`` is w_{j,i} (PyTorch's ``nn.Linear.weight`` layout);
``biases[l]`` has shape ``(n_out,)``: b_j, which "Understanding Backpropagation in Deep
Learning Networks" writes w_{j,0}.
"""

import numpy as np

from ._checks import as_float_array, choice, positive_float, positive_int
from .activations import ACTIVATIONS

__all__ = ["INITS", "NORMAL_STD", "Network", "init_limit"]

_FORMAT = "backprop_lab.Network"

#: The standard deviation of ``init="normal"``: a small fixed scale, whatever the layer's size.
NORMAL_STD = 0.1

#: The weight initialisations ``Network(init=...)`` accepts; see :class:`Network`.
INITS = ("auto", "xavier", "he", "normal", "zeros")


def init_limit(kind, n_in, n_out):
    """The bound a of the uniform draw U(−a, a) of ``init="xavier"`` or ``init="he"``.

    Xavier (Glorot): a = √(6 / (n_in + n_out)); He: a = √(6 / n_in).
    Both give the weights the variance a²/3: 2 / (n_in + n_out) and 2 / n_in.

    >>> round(init_limit("xavier", 2, 8), 4), round(init_limit("he", 2, 8), 4)
    (0.7746, 1.7321)
    """
    if kind not in ("xavier", "he"):
        raise ValueError(f"kind must be 'xavier' or 'he', got {kind!r}")
    n_in, n_out = positive_int("n_in", n_in), positive_int("n_out", n_out)
    return float(np.sqrt(6.0 / n_in) if kind == "he" else np.sqrt(6.0 / (n_in + n_out)))


def _initial_weights(rng, n_in, n_out, kind):
    """One weight matrix of shape (n_out, n_in) drawn as `kind` says (not "auto")."""
    if kind == "zeros":
        return np.zeros((n_out, n_in))
    if kind == "normal":
        return rng.normal(0.0, NORMAL_STD, size=(n_out, n_in))
    limit = init_limit(kind, n_in, n_out)
    return rng.uniform(-limit, limit, size=(n_out, n_in))


def _activation_names(activation, n_layers):
    """One activation name per weight layer, from one name or a list of names."""
    if isinstance(activation, str):
        names = [activation] * n_layers
    elif isinstance(activation, (list, tuple)):
        names = list(activation)
        if len(names) != n_layers:
            raise ValueError(
                f"activation lists {len(names)} names but the network has {n_layers} weight layers;"
                " give one name per weight layer"
            )
    else:
        raise TypeError(f"activation must be a name or a list of names, got {type(activation).__name__}")
    for l, name in enumerate(names):
        choice("activation", name, ACTIVATIONS)
        if ACTIVATIONS[name].output_only and l != n_layers - 1:
            raise ValueError(
                f"activation {name!r} is allowed only in the last weight layer (the output),"
                f" got it for weight layer {l} of {n_layers}"
            )
    return tuple(names)


class Network:
    """A fully connected feed-forward network of tiny size.

    Biases start at 0; the weights are drawn as `init` says. The default,
    ``"auto"``, draws each layer for its activation: Glorot/Xavier uniform,
    ±sqrt(6 / (n_in + n_out)), for sigmoid, tanh, linear and softmax layers,
    and He uniform, ±sqrt(6 / n_in), for ReLU layers. Both keep the size of
    the signal (and of the gradients) about the same from layer to layer --
    Xavier for activations that are close to linear around 0, He for ReLU,
    which zeroes half of its inputs -- so that deep networks neither vanish
    nor explode at the start. Every notebook's numbers rest on this default.

    Parameters
    ----------
    sizes : sequence of int
        Neurons per layer, input first, e.g. ``[2, 2, 1]``; at least two.
    activation : str or list of str
        ``"sigmoid"``, ``"tanh"``, ``"relu"``, ``"linear"`` or ``"softmax"``
        (output layer only): one name for every layer, or one per weight
        layer (``len(sizes) - 1`` names).
    seed : int, optional
        Seed for the random weights; the same seed gives the same network.
    init : {"auto", "xavier", "he", "normal", "zeros"}
        ``"auto"`` (the default, above); ``"xavier"`` or ``"he"``: that rule for
        every layer, whatever its activation; ``"normal"``: N(0, 0.1²) for every
        weight, a small fixed scale that ignores the layer's size (``NORMAL_STD``);
        ``"zeros"``: every weight 0, so all neurons of a layer stay identical
        while training (the symmetry that random weights break).
    scale : float
        A factor > 0 for every initial weight (1 by default), to show what
        too-small and too-large starting weights do to the gradients.

    Attributes
    ----------
    weights : list of numpy.ndarray
        ``weights[l]`` has shape ``(sizes[l + 1], sizes[l])``.
    biases : list of numpy.ndarray
        ``biases[l]`` has shape ``(sizes[l + 1],)``.
    sizes : tuple of int
    activations : tuple of str
        One name per weight layer.

    Examples
    --------
    >>> net = Network([2, 3, 1], seed=0)
    >>> [w.shape for w in net.weights]
    [(3, 2), (1, 3)]
    >>> Network([2, 3, 1], init="zeros").weights[1].tolist()
    [[0.0, 0.0, 0.0]]
    """

    def __init__(self, sizes, activation="sigmoid", seed=None, init="auto", scale=1.0):
        if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
            raise TypeError(f"sizes must be a list of layer widths, got {type(sizes).__name__}")
        if len(sizes) < 2:
            raise ValueError(f"sizes needs at least two layers (input and output), got {list(sizes)}")
        sizes = tuple(positive_int(f"sizes[{k}]", n) for k, n in enumerate(sizes))
        names = _activation_names(activation, len(sizes) - 1)
        if not isinstance(init, str):  # not choice(): it lists the names sorted, these read best in order
            raise TypeError(f"init must be a string, one of {list(INITS)}, got {type(init).__name__}")
        if init not in INITS:
            raise ValueError(f"unknown init {init!r}; expected one of {list(INITS)}")
        scale = positive_float("scale", scale)
        rng = np.random.default_rng(seed)
        weights, biases = [], []
        for n_in, n_out, name in zip(sizes[:-1], sizes[1:], names):
            kind = ("he" if name == "relu" else "xavier") if init == "auto" else init
            W = _initial_weights(rng, n_in, n_out, kind)
            weights.append(W if scale == 1.0 else W * scale)
            biases.append(np.zeros(n_out))
        self._set(weights, biases, names)

    def _set(self, weights, biases, names):
        self.weights = weights
        self.biases = biases
        self.activations = names
        self.sizes = (weights[0].shape[1],) + tuple(w.shape[0] for w in weights)

    @classmethod
    def from_weights(cls, weights, biases, activation="sigmoid"):
        """A network with the given weights and biases.

        Parameters
        ----------
        weights : list of array_like
            ``weights[l]`` of shape ``(n_out, n_in)``; consecutive layers must chain.
        biases : list of array_like
            ``biases[l]`` of shape ``(n_out,)``.
        activation : str or list of str
            As for :class:`Network`.

        Examples
        --------
        The 1-1-1 network of "Understanding Backpropagation in Deep Learning Networks"
        (w21 = 0.2, b2 = 0.1, w32 = 0.3, b3 = 0.1):

        >>> net = Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
        >>> net.sizes
        (1, 1, 1)
        """
        for name, value in (("weights", weights), ("biases", biases)):
            if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__len__"):
                raise TypeError(f"{name} must be a list with one array per layer, got {type(value).__name__}")
        if len(weights) == 0:
            raise ValueError("weights needs at least one layer")
        if len(biases) != len(weights):
            raise ValueError(f"biases has {len(biases)} layers but weights has {len(weights)}")
        W = [as_float_array(f"weights[{l}]", w, ndim=2) for l, w in enumerate(weights)]
        b = [as_float_array(f"biases[{l}]", v, ndim=1) for l, v in enumerate(biases)]
        for l, w in enumerate(W):
            if 0 in w.shape:
                raise ValueError(f"weights[{l}] has a zero-width layer: shape {w.shape}")
            if l > 0 and w.shape[1] != W[l - 1].shape[0]:
                raise ValueError(
                    f"weights[{l}] has shape {w.shape}: its {w.shape[1]} columns must match the"
                    f" {W[l - 1].shape[0]} rows of weights[{l - 1}] (layers must chain)"
                )
            if b[l].shape != (w.shape[0],):
                raise ValueError(
                    f"biases[{l}] must have shape ({w.shape[0]},) to match weights[{l}], got {b[l].shape}"
                )
        net = cls.__new__(cls)
        net._set(W, b, _activation_names(activation, len(W)))
        return net

    @property
    def n_layers(self):
        """The number of weight layers (``len(sizes) - 1``)."""
        return len(self.weights)

    def neuron_ids(self):
        """Neuron numbers as on the notation card: counted from 1, input layer first.

        The 1-1-1 network of "Deep Learning Networks" has neurons 1 (input), 2 (hidden), 3 (output),
        so its weights are w_{2,1} and w_{3,2}. Derivations and diagrams use these.

        Returns
        -------
        list of list of int
            ``ids[l][j]`` is the number of neuron j in layer l (layer 0 is the input).

        >>> Network([2, 2, 1], seed=0).neuron_ids()
        [[1, 2], [3, 4], [5]]
        """
        ids, first = [], 1
        for n in self.sizes:
            ids.append(list(range(first, first + n)))
            first += n
        return ids

    def scaled(self, factor):
        """A copy with every weight (not the biases) multiplied by `factor`.

        >>> Network.from_weights([[[0.5, -1.0]]], [[0.1]]).scaled(2.0).weights[0].tolist()
        [[1.0, -2.0]]
        """
        factor = as_float_array("factor", factor, ndim=0)
        net = self.copy()
        net.weights = [w * factor for w in net.weights]
        return net

    def copy(self):
        """A deep copy: changing it leaves this network alone."""
        net = Network.__new__(Network)
        net._set([w.copy() for w in self.weights], [b.copy() for b in self.biases], self.activations)
        return net

    def to_dict(self):
        """A JSON-serialisable dict; ``Network.from_dict`` rebuilds it exactly."""
        return {
            "format": _FORMAT,
            "version": 1,
            "sizes": list(self.sizes),
            "activations": list(self.activations),
            "weights": [w.tolist() for w in self.weights],
            "biases": [b.tolist() for b in self.biases],
        }

    @classmethod
    def from_dict(cls, d):
        """The network described by a dict made by :meth:`to_dict` (e.g. loaded from JSON)."""
        if not isinstance(d, dict):
            raise TypeError(f"d must be a dict as made by Network.to_dict, got {type(d).__name__}")
        missing = [key for key in ("weights", "biases", "activations") if key not in d]
        if missing:
            raise ValueError(f"d is missing the key(s) {missing}; expected a dict made by Network.to_dict")
        if d.get("format", _FORMAT) != _FORMAT:
            raise ValueError(f"d['format'] must be {_FORMAT!r}, got {d['format']!r}")
        net = cls.from_weights(d["weights"], d["biases"], d["activations"])
        if "sizes" in d and list(d["sizes"]) != list(net.sizes):
            raise ValueError(f"d['sizes'] is {list(d['sizes'])} but the weights give {list(net.sizes)}")
        return net

    def __eq__(self, other):
        if not isinstance(other, Network):
            return NotImplemented
        return (
            self.activations == other.activations
            and self.sizes == other.sizes
            and all(np.array_equal(a, b) for a, b in zip(self.weights, other.weights))
            and all(np.array_equal(a, b) for a, b in zip(self.biases, other.biases))
        )

    __hash__ = None  # mutable arrays inside: not hashable

    def __repr__(self):
        sizes = "-".join(str(n) for n in self.sizes)
        acts = self.activations[0] if len(set(self.activations)) == 1 else list(self.activations)
        return f"<Network {sizes} {acts}>"
