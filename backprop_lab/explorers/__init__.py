"""The explorers: ipywidgets controls around a live figure and a table of numbers, one per notebook.

Every explorer is a function returning an :class:`Explorer` (an ipywidgets
``VBox``) built on one shared base (``base.py``: controls, play / step,
Reset, the error line). Explorers hold no math: they call the engine and
hand its results to :mod:`backprop_lab.figures`.

:func:`picture` (``pictures.py``) makes a static picture of an explorer, stored in the
notebooks for readers without a kernel (``tests/regenerate_notebooks.py``).

Run ``%matplotlib widget`` first so figures are live ipympl canvases; with
another backend the figure is shown again as a static image after each change.

======================================  ==========================================
explorer                                notebook
======================================  ==========================================
:func:`single_neuron_explorer`          01 · one neuron and the chain rule
:func:`worked_example_explorer`         02 · the worked example
:func:`multilayer_explorer`             03 · a 2-2-2 network
:func:`training_explorer`               04 · the training loop
:func:`learning_rate_explorer`          05 · the learning rate
:func:`depth_explorer`                  06 · vanishing and exploding gradients
:func:`playground`                      08 · the playground
:func:`optimizer_explorer`              09 · optimizers
:func:`spiral_explorer`                 10 · classification with softmax and cross-entropy
:func:`overfitting_explorer`            11 · generalisation
:func:`batch_norm_explorer`             16 · batch normalisation
:func:`conv_explorer`                   17 · convolution
======================================  ==========================================
"""

from .base import Explorer, table
from .batch_norm import batch_norm_explorer
from .classification import spiral_explorer
from .convolution import conv_explorer
from .depth import depth_explorer
from .learning_rate import learning_rate_explorer
from .multilayer import multilayer_explorer
from .neuron import single_neuron_explorer
from .optimizers import optimizer_explorer
from .overfitting import overfitting_explorer
from .pictures import picture, store_pictures
from .playground import playground
from .training import training_explorer
from .worked_example import worked_example_explorer

__all__ = [
    "Explorer", "batch_norm_explorer", "conv_explorer", "depth_explorer", "learning_rate_explorer",
    "multilayer_explorer", "optimizer_explorer", "picture", "playground", "single_neuron_explorer",
    "store_pictures", "table", "training_explorer", "worked_example_explorer",
    "overfitting_explorer", "spiral_explorer",
]
