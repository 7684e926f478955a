"""backprop_lab: see backpropagation happen, number by number, on tiny networks.

The engine (network, forward and backward passes, losses, training) is
imported here; the notebook layers -- :mod:`~backprop_lab.figures`
(matplotlib), :mod:`~backprop_lab.explorers` (ipywidgets) and
:mod:`~backprop_lab.exercises` -- are imported on first use, so that
``import backprop_lab`` needs neither matplotlib's pyplot nor ipywidgets.
``docs/ARCHITECTURE.md`` shows where everything lives.

>>> import backprop_lab as bl
>>> net = bl.examples.CHAIN.network()    # "Understanding Backpropagation in Deep Learning Networks"
>>> grads = bl.backward(net, bl.forward(net, [0.2]), [0.7])
>>> round(float(grads.weights[1][0, 0]), 6)   # ∂E/∂w32 = δ3 · o2
-0.017784
"""

import importlib

from . import (
    autodiff,
    autodiff_network,
    autodiff_steps,
    blocks,
    cost,
    datasets,
    diagnostics,
    errata,
    examples,
    landscape,
    layers,
    matrix_form,
    models,
    session,
    signals,
    slowdown,
)
from .activations import ACTIVATIONS
from .explain import Derivation, explain
from .gradcheck import numerical_gradients, relative_error
from .losses import LOSSES, loss
from .network import Network
from .optim import SGD, Adam, ExponentialDecay, Momentum, StepDecay, clip_by_norm, clip_by_value
from .passes import Gradients, Trace, backward, chain_factors, forward, sgd_step
from .presenter import presentation
from .regularization import dropout_masks, weight_penalty
from .train import History, Trainer, accuracy, train

__version__ = "0.2.0"

# figures needs matplotlib.pyplot, explorers ipywidgets (the "lab" extra): imported on first use.
_LAZY = ("exercises", "explorers", "figures")


def __getattr__(name):
    if name in _LAZY:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'backprop_lab' has no attribute {name!r}")


def __dir__():  # what tab completion offers: the public names, the lazy subpackages among them
    return sorted({name for name in globals() if not name.startswith("_")} - {"importlib"} | set(_LAZY))


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
    "autodiff",
    "autodiff_network",
    "autodiff_steps",
    "backward",
    "blocks",
    "chain_factors",
    "clip_by_norm",
    "clip_by_value",
    "cost",
    "datasets",
    "diagnostics",
    "dropout_masks",
    "errata",
    "examples",
    "exercises",
    "explain",
    "explorers",
    "figures",
    "forward",
    "landscape",
    "layers",
    "loss",
    "matrix_form",
    "models",
    "numerical_gradients",
    "presentation",
    "relative_error",
    "sgd_step",
    "session",
    "signals",
    "slowdown",
    "train",
    "weight_penalty",
]
