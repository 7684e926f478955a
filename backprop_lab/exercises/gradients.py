"""Checks for notebooks 06 and 07: vanishing gradients, clipping, gradient checking."""

import numpy as np

from .._checks import as_float_array, positive_float, positive_int
from ..activations import ACTIVATIONS
from ..gradcheck import relative_error
from ..optim import clip_by_norm, clip_by_value
from .feedback import diagnose, fmt

__all__ = [
    "check_central_difference",
    "check_clip_by_norm",
    "check_relative_error",
    "check_sigmoid_chain_bound",
]

_SIGN = "your value has the wrong sign"


# --- 06 · vanishing and exploding gradients ---


def check_sigmoid_chain_bound(answer, layers=5):
    """Exercise: the largest factor Π f′ that `layers` sigmoid layers can put on a gradient."""
    sigmoid = ACTIVATIONS["sigmoid"]
    f, f_prime = sigmoid.f, sigmoid.f_prime
    slope = float(f_prime(0.0, f(0.0)))  # σ′ is largest at net = 0
    layers = positive_int("layers", layers)
    mistakes = {
        "you added instead of multiplying": (slope * layers, "the chain rule multiplies one f′ per layer."),
        "you used σ(0) = 0.5 instead of σ′(0) = 0.25": (
            float(f(0.0)) ** layers, "the sigmoid's largest slope is σ′(0) = 0.25."),
    }
    hint = "σ′(net) ≤ σ′(0) = 0.25 in every layer"
    return diagnose(answer, slope**layers, mistakes, "the bound", atol=0.0, hint=hint)


def check_clip_by_norm(answer, g=(3.0, 4.0), max_norm=1.0):
    """Exercise: the gradient g after bl.clip_by_norm(g, max_norm) (a vector answer, e.g. [.., ..])."""
    g = as_float_array("g", g, ndim=1)
    expected, norm = clip_by_norm([g], max_norm)[0], float(np.linalg.norm(g))
    mistakes = {
        "you clipped each entry by value": (
            clip_by_value([g], max_norm)[0], "that changes the direction; clipping by norm rescales g."),
        "you left g unchanged": (g, f"‖g‖ = {fmt(norm)} is above max_norm = {fmt(max_norm)}, so g shrinks."),
        "you divided by ‖g‖²": (g / norm**2, "scale by max_norm / ‖g‖."),
    }
    hint = "if ‖g‖ > max_norm: g ← g·max_norm / ‖g‖"
    return diagnose(answer, expected, mistakes, "the clipped gradient", hint=hint)


# --- 07 · gradient checking ---


def check_central_difference(answer, E_plus=0.25013, E_minus=0.24987, eps=1e-3):
    """Exercise: the central-difference slope from E(θ + ε) = `E_plus` and E(θ − ε) = `E_minus`."""
    eps = positive_float("eps", eps)
    expected = (E_plus - E_minus) / (2.0 * eps)
    mistakes = {
        "you forgot the 2 in 2ε": ((E_plus - E_minus) / eps, "θ + ε and θ − ε are 2ε apart."),
        "you subtracted the wrong way round": (-expected, "the slope is (E(θ + ε) − E(θ − ε)) / 2ε."),
        "you did not divide by 2ε": (E_plus - E_minus, "a slope is a difference divided by the distance."),
    }
    return diagnose(answer, expected, mistakes, "the slope estimate", hint="(E(θ + ε) − E(θ − ε)) / 2ε")


def check_relative_error(answer, a=(1.0, 2.0, 2.0), b=(1.0, 2.0, 2.1)):
    """Exercise: the relative error ‖a − b‖ / (‖a‖ + ‖b‖) of two gradients (as bl.relative_error)."""
    a, b = as_float_array("a", a), as_float_array("b", b)
    diff, why = float(np.linalg.norm(a - b)), "divide by ‖a‖ + ‖b‖: symmetric, and safe when one is 0."
    mistakes = {
        "you gave ‖a − b‖ alone": (diff, "divide by ‖a‖ + ‖b‖, so it does not grow with the gradients."),
        "you divided by ‖a‖ only": (diff / np.linalg.norm(a), why),
        "you divided by ‖b‖ only": (diff / np.linalg.norm(b), why),
    }
    hint = "‖a − b‖ / (‖a‖ + ‖b‖)"
    return diagnose(answer, relative_error(a, b), mistakes, "the relative error", hint=hint)
