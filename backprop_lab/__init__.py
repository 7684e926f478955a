"""backprop_lab: see backpropagation happen, number by number, on tiny networks.

>>> import backprop_lab as bl
>>> net = bl.Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
>>> grads = bl.backward(net, bl.forward(net, [0.2]), [0.7])
>>> round(float(grads.weights[1][0, 0]), 6)   # ∂E/∂w32 = δ3 · o2
-0.017784
"""

from . import datasets, examples
from .activations import ACTIVATIONS
from .explain import Derivation, explain
from .gradcheck import numerical_gradients, relative_error
from .losses import LOSSES, loss
from .network import Network
from .optim import SGD, Adam, ExponentialDecay, Momentum, StepDecay, clip_by_norm, clip_by_value
from .presenter import presentation
from .passes import Gradients, Trace, backward, forward, sgd_step
from .train import History, Trainer, accuracy, train

__version__ = "0.1.0"

# plots needs matplotlib, widgets needs ipywidgets (the "lab" extra): import them on first use,
# so `import backprop_lab` stays light and works without the notebook stack.
_LAZY = ("plots", "widgets", "training_widgets", "exercises")


def __getattr__(name):
    if name in _LAZY:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'backprop_lab' has no attribute {name!r}")

__all__ = [
    "ACTIVATIONS",
    "LOSSES",
    "SGD",
    "Adam",
    "Derivation",
    "ExponentialDecay",
    "Gradients",
    "History",
    "Momentum",
    "Network",
    "StepDecay",
    "Trace",
    "Trainer",
    "accuracy",
    "backward",
    "clip_by_norm",
    "clip_by_value",
    "datasets",
    "examples",
    "explain",
    "forward",
    "loss",
    "numerical_gradients",
    "presentation",
    "relative_error",
    "sgd_step",
    "train",
]
