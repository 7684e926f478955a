"""Exercises: a student's answer goes in, :class:`Feedback` comes out -- right, or which slip.

A notebook cell is ``bl.exercises.check_output_delta(my_delta3)``. Every
expected value, and the value of every typical mistake, is computed with the
engine; the defaults are the notebooks' examples (:mod:`backprop_lab.examples`).
``feedback.py`` compares and words the verdict; the checks are grouped by topic.

>>> check_linear_neuron_gradient(-20)
✓ Right: ∂L/∂w = −20.
>>> check_linear_neuron_gradient(-10)
✗ Not yet: you forgot the factor 2 — the derivative of u² is 2u.
  Hint: ∂L/∂w = 2(wx − y)·x
"""

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
from .gradients import (
    check_central_difference,
    check_clip_by_norm,
    check_relative_error,
    check_sigmoid_chain_bound,
)
from .training import (
    check_adam_first_step,
    check_decision_prediction,
    check_largest_stable_lr,
    check_momentum_velocity,
    check_parameter_count,
    check_sgd_update,
    check_step_decay,
)

__all__ = [
    "Feedback", "check_adam_first_step", "check_bias_update", "check_central_difference",
    "check_clip_by_norm", "check_decision_prediction", "check_hidden_delta", "check_largest_stable_lr",
    "check_linear_neuron_gradient", "check_momentum_velocity", "check_multilayer_hidden_delta",
    "check_multilayer_weight_gradient", "check_output_delta", "check_parameter_count",
    "check_relative_error", "check_sgd_update", "check_sigmoid_chain_bound",
    "check_single_neuron_gradient", "check_step_decay", "diagnose",
]
