"""The worked examples the notebooks use, in one place.

* ``SEED3``: seed article 003's 1-1-1 network (o1 = 0.2, T = 0.7,
  w21 = 0.2, b2 = 0.1, w32 = 0.3, b3 = 0.1, η = 0.1).
* ``MULTILAYER``: our own 2-2-2 network for notebook 03 (neurons 1-2 are
  inputs, 3-4 hidden, 5-6 outputs).
"""

from .network import Network

SEED3 = dict(weights=[[[0.2]], [[0.3]]], biases=[[0.1], [0.1]], x=[0.2], T=[0.7], lr=0.1)

MULTILAYER = dict(
    weights=[[[0.3, -0.2], [0.5, 0.4]], [[0.6, -0.4], [0.2, 0.7]]],
    biases=[[0.1, -0.1], [0.2, 0.05]],
    x=[0.8, 0.3],
    T=[0.2, 0.9],
    lr=0.5,
)


def network(example):
    """The Network of an example dict above.

    >>> network(SEED3)
    <Network 1-1-1 sigmoid>
    """
    return Network.from_weights(example["weights"], example["biases"])
