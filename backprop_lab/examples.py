"""The worked examples and the source articles, each defined once.

The notebooks, the explorers, the exercise checks, ``explain`` and the CLI
all take their numbers from here.

Examples
--------
>>> CHAIN.network()
<Network 1-1-1 sigmoid>
>>> CHAIN.source.short
'Deep Learning Networks'
"""

from dataclasses import dataclass, field

from .network import Network

__all__ = ["CHAIN", "EXAMPLES", "LINEAR_NEURON", "NET_2_2_2", "SIGMOID_NEURON", "SIMPLE_NN", "SOURCES",
           "XOR_BY_HAND", "Example", "Source"]


@dataclass(frozen=True)
class Source:
    """One of the four articles the project started from.

    Attributes
    ----------
    title : str
        The full title, as the article gives it.
    short : str
        The short title the notebooks use after the first citation.
    """

    title: str
    short: str

    def __str__(self):
        return f"“{self.title}”"


#: The four source articles, by key; cite them by title (``SOURCES["deep_dive"].title``).
SOURCES = {
    "deep_dive": Source("Understanding Backpropagation: A Deep Dive into the Core of Neural Network Training",
                        "A Deep Dive"),
    "how_networks_learn": Source("Backpropagation: How Networks Learn", "How Networks Learn"),
    "training": Source("Understanding Backpropagation in Neural Network Training", "Neural Network Training"),
    "deep_learning_networks": Source("Understanding Backpropagation in Deep Learning Networks",
                                     "Deep Learning Networks"),
}


@dataclass(frozen=True)
class Example:
    """A small network with one sample, its target and a learning rate.

    Attributes
    ----------
    weights, biases : list
        As for :meth:`Network.from_weights`: ``weights[l]`` of shape ``(n_out, n_in)``.
    activation : str or tuple of str
    x, T : tuple
        One input sample and its target (tuples of float), or, for an example
        over a batch such as :data:`SIMPLE_NN`, one tuple per sample.
    lr : float
        The learning rate η of the example.
    loss : str
        The loss the example uses.
    source : Source or None
        The article the numbers come from (None for the project's own examples).
    """

    weights: list
    biases: list
    x: tuple
    T: tuple
    lr: float = 0.1
    activation: object = "sigmoid"
    loss: str = "half_sse"
    source: object = field(default=None)

    def network(self):
        """A fresh :class:`Network` with the example's weights."""
        activation = list(self.activation) if isinstance(self.activation, tuple) else self.activation
        return Network.from_weights(self.weights, self.biases, activation)


#: The 1-1-1 sigmoid network of "Understanding Backpropagation in Deep Learning Networks":
#: neurons 1 (input), 2 (hidden), 3 (output); o1 = 0.2, T = 0.7,
#: w21 = 0.2, b2 = 0.1, w32 = 0.3, b3 = 0.1, η = 0.1.
CHAIN = Example(weights=[[[0.2]], [[0.3]]], biases=[[0.1], [0.1]], x=(0.2,), T=(0.7,), lr=0.1,
                source=SOURCES["deep_learning_networks"])

#: The linear neuron of "Backpropagation: How Networks Learn": ŷ = w x with w = 2, x = 5, y = 12,
#: L = (y − ŷ)².
LINEAR_NEURON = Example(weights=[[[2.0]]], biases=[[0.0]], x=(5.0,), T=(12.0,),
                        activation="linear", loss="sse", source=SOURCES["how_networks_learn"])

#: Notebook 01's sigmoid neuron (our own numbers): x = 1.5, w = 0.8, b = −0.5, target 1.
SIGMOID_NEURON = Example(weights=[[[0.8]]], biases=[[-0.5]], x=(1.5,), T=(1.0,))

#: Notebook 03's 2-2-2 sigmoid network (our own numbers): neurons 1-2 inputs, 3-4 hidden, 5-6 outputs.
NET_2_2_2 = Example(weights=[[[0.3, -0.2], [0.5, 0.4]], [[0.6, -0.4], [0.2, 0.7]]],
                    biases=[[0.1, -0.1], [0.2, 0.05]], x=(0.8, 0.3), T=(0.2, 0.9), lr=0.5)

#: A 2-2-1 sigmoid network built by hand to solve XOR: hidden OR and NAND neurons, an AND output.
XOR_BY_HAND = Example(weights=[[[20.0, 20.0], [-20.0, -20.0]], [[20.0, 20.0]]],
                      biases=[[-10.0, 30.0], [-30.0]], x=(1.0, 0.0), T=(1.0,))

#: The two-layer ``SimpleNN`` of "Understanding Backpropagation: A Deep Dive into the Core of Neural
#: Network Training": 2-2-1, ReLU hidden layer, linear output, PyTorch's ``MSELoss`` (the package's
#: "mse", a mean over the batch), ``SGD(lr=0.01)``, inputs [[1, 2], [3, 4]], targets [[1], [2]].
#: The article lets PyTorch draw the weights at random; these fixed ones are our own, chosen so that
#: hidden neuron 3 is off (net < 0) for the first sample and on for the second. What PyTorch prints
#: for one training step from them is in docs/pytorch_reference.md.
SIMPLE_NN = Example(weights=[[[0.5, -0.4], [0.3, 0.4]], [[0.6, -0.3]]], biases=[[0.2, -0.1], [0.2]],
                    x=((1.0, 2.0), (3.0, 4.0)), T=((1.0,), (2.0,)), lr=0.01, activation=("relu", "linear"),
                    loss="mse", source=SOURCES["deep_dive"])

#: Every example by name.
EXAMPLES = {"chain": CHAIN, "linear_neuron": LINEAR_NEURON, "sigmoid_neuron": SIGMOID_NEURON,
            "net_2_2_2": NET_2_2_2, "xor_by_hand": XOR_BY_HAND, "simple_nn": SIMPLE_NN}
