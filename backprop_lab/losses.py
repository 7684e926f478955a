"""Loss functions E(o, T) and their gradient with respect to the outputs.

All three losses are a constant times the sum of squared errors of one
sample, so they share one implementation:

=============  ===========================  =====================
kind           per-sample E                 where it comes from
=============  ===========================  =====================
``half_sse``   ½ Σ_k (T_k − o_k)²           seed 003 (the default)
``sse``        Σ_k (T_k − o_k)²             seed 001
``mse``        (1/K) Σ_k (T_k − o_k)²       seed 002, PyTorch MSELoss
=============  ===========================  =====================

For a batch of B samples, E is the mean over samples of the per-sample loss.
"""

import numpy as np

from ._checks import as_float_array, choice

#: The loss names accepted everywhere a ``loss=`` or ``kind=`` argument is.
LOSSES = ("half_sse", "sse", "mse")


def _scale(kind, n_outputs):
    """The constant c in E = c Σ_k (T_k − o_k)² for one sample."""
    return {"half_sse": 0.5, "sse": 1.0, "mse": 1.0 / n_outputs}[kind]


def as_target(target, output_shape, name="target"):
    """Check a target against the network output's shape and return it as float64.

    The target must have exactly the output's shape, with two conveniences
    that cannot hide a mistake: a single number for a single sample of a
    one-output network, and shape ``(B,)`` for a batch of a one-output network.
    Anything else raises; nothing is broadcast silently.
    """
    T = as_float_array(name, target, ndim=(0, 1, 2))
    if T.shape == tuple(output_shape):
        return T
    one_output = output_shape[-1] == 1
    if one_output and T.ndim == 0 and len(output_shape) == 1:
        return T.reshape(1)
    if one_output and T.ndim == 1 and len(output_shape) == 2 and T.shape[0] == output_shape[0]:
        return T.reshape(-1, 1)
    if len(output_shape) == 2 and T.ndim == 2 and T.shape[0] != output_shape[0]:
        raise ValueError(f"{name} has {T.shape[0]} samples but the input has {output_shape[0]}")
    raise ValueError(
        f"{name} must have the network output's shape {tuple(output_shape)}, got shape {T.shape}"
    )


def loss_and_grad(o, T, kind):
    """E and ∂E/∂o for checked arrays of equal shape (no validation: the hot path).

    Parameters
    ----------
    o, T : numpy.ndarray, shape (K,) or (B, K)
        Outputs and targets.
    kind : str
        One of :data:`LOSSES`.

    Returns
    -------
    E : float
        The loss, averaged over samples.
    dE_do : numpy.ndarray, same shape as `o`
        Its gradient with respect to every output.
    """
    c = _scale(kind, o.shape[-1])
    n_samples = o.shape[0] if o.ndim == 2 else 1
    d = o - T
    E = c * float(np.vdot(d, d)) / n_samples
    return E, d * (2.0 * c / n_samples)


def loss(prediction, target, kind="half_sse"):
    """The loss of a prediction against its target.

    Parameters
    ----------
    prediction : array_like, shape (K,) or (B, K)
        Network outputs, e.g. ``forward(net, x).output``.
    target : array_like, same shape as `prediction`
        Desired outputs T (a number is accepted for one output).
    kind : {"half_sse", "sse", "mse"}
        Which loss; see the module docstring.

    Returns
    -------
    float
        E; for a batch, the mean over samples.

    Examples
    --------
    Seed 003's output 0.56475 against the target 0.7:

    >>> round(loss([0.56475], [0.7]), 6)
    0.009146
    """
    choice("kind", kind, LOSSES)
    o = as_float_array("prediction", prediction, ndim=(1, 2))
    T = as_target(target, o.shape)
    return loss_and_grad(o, T, kind)[0]
