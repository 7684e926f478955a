"""Exercises: a student's answer goes in, :class:`Feedback` comes out -- right, or which slip.

Three kinds of check, all returning a :class:`Feedback` (a coloured box in a
notebook, one deterministic line of text elsewhere; truthy when right):

* **number checks** -- ``check_output_delta(my_delta3)``: a typed number (or
  vector) against the engine's value and the values of known slips
  (``chain_rule.py``, ``gradients.py``, ``training.py``, ``inside.py``,
  ``layer_values.py``, worded by ``feedback.py``);
* **write-a-function checks** -- ``check_hidden_deltas(my_hidden_deltas)``:
  the student's function is called on inputs chosen to expose slips and
  compared with the engine and with *slip variants* (``functions.py`` is the
  machinery; ``write_deltas.py``, ``write_network.py``, ``write_training.py``,
  ``write_inside.py``, ``write_graph.py`` and ``write_layers.py`` the checks; each
  docstring gives the signature the stub copies);
* **verdict checks** -- ``check_gradient_verdict("wrong")``: a word among a
  few choices, judged as a word (``verdicts.py``).

:mod:`.slips` holds backward passes with one real bug each, for notebooks
to plant and catch with a gradient check. Expected values and slips are
computed with the engine; defaults are the notebooks' examples
(:mod:`backprop_lab.examples`). "Close" is said only of a rounding difference,
below 0.5 % (:data:`~backprop_lab.exercises.feedback.ROUNDING`).

>>> check_linear_neuron_gradient(-20)
✓ Right: ∂L/∂w = −20.
>>> check_linear_neuron_gradient(-10)
✗ Not yet: you forgot the factor 2 — the derivative of u² is 2u.
  Hint: ∂L/∂w = 2(wx − y)·x
>>> import numpy as np
>>> check_sigmoid_prime(lambda net: 1 / (1 + np.exp(-net))).message
'you returned σ(net) itself — the derivative is σ(net)·(1 − σ(net)).'
"""

from . import slips
from .chain_rule import (
    check_bias_update,
    check_hidden_delta,
    check_linear_neuron_gradient,
    check_multilayer_hidden_delta,
    check_multilayer_weight_gradient,
    check_output_delta,
    check_single_neuron_gradient,
)
from .feedback import Feedback, diagnose
from .functions import Case, FunctionExercise, Slip
from .generalisation import (
    check_cross_entropy_delta,
    check_distinct_hidden_neurons,
    check_early_stopping_epoch,
    check_softmax_delta,
    check_weight_decay_update,
    check_xavier_limit,
)
from .gradients import (
    check_central_difference,
    check_clip_by_norm,
    check_relative_error,
    check_sigmoid_chain_bound,
)
from .inside import (
    check_delta_alone,
    check_fd_forward_passes,
    check_fork_gradient,
    check_gradient_shape,
    check_sum_reduction_gradient,
)
from .layer_values import check_batch_norm_value, check_conv_output, check_shared_weight_gradient
from .training import (
    check_adam_first_step,
    check_decision_prediction,
    check_largest_stable_lr,
    check_momentum_velocity,
    check_parameter_count,
    check_sgd_update,
    check_step_decay,
)
from .verdicts import check_gradient_verdict, diagnose_choice
from .write_deltas import check_hidden_deltas, check_output_delta_function, check_sigmoid_prime
from .write_generalisation import (
    check_init_limit_function,
    check_softmax_function,
    check_weight_decay_step,
)
from .write_graph import check_topological_order
from .write_inside import check_batch_gradients, check_gradient_costs
from .write_layers import check_batch_norm_backward, check_conv_dw
from .write_network import check_backward_2_layer, check_forward_2_layer, check_parameter_count_function
from .write_training import (
    check_adam_step,
    check_clip_by_norm_function,
    check_gradient_check,
    check_lr_schedule,
)

__all__ = [
    "Case", "Feedback", "FunctionExercise", "Slip",
    # number checks
    "check_adam_first_step", "check_batch_norm_value", "check_bias_update", "check_central_difference",
    "check_clip_by_norm", "check_conv_output", "check_decision_prediction", "check_delta_alone",
    "check_fd_forward_passes", "check_fork_gradient", "check_gradient_shape", "check_hidden_delta",
    "check_largest_stable_lr", "check_shared_weight_gradient",
    "check_linear_neuron_gradient", "check_momentum_velocity", "check_multilayer_hidden_delta",
    "check_multilayer_weight_gradient", "check_output_delta", "check_parameter_count",
    "check_relative_error", "check_sgd_update", "check_sigmoid_chain_bound",
    "check_single_neuron_gradient", "check_step_decay", "check_sum_reduction_gradient",
    "check_cross_entropy_delta", "check_softmax_delta", "check_weight_decay_update",
    "check_early_stopping_epoch",
    "check_distinct_hidden_neurons", "check_xavier_limit",
    # write-a-function checks
    "check_adam_step", "check_backward_2_layer", "check_batch_gradients", "check_batch_norm_backward",
    "check_clip_by_norm_function", "check_conv_dw", "check_forward_2_layer", "check_gradient_check",
    "check_gradient_costs", "check_hidden_deltas", "check_lr_schedule", "check_output_delta_function",
    "check_parameter_count_function", "check_sigmoid_prime", "check_topological_order",
    "check_softmax_function", "check_weight_decay_step", "check_init_limit_function",
    # verdict checks
    "check_gradient_verdict",
    "diagnose", "diagnose_choice", "slips",
]
