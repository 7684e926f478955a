"""Loss functions: the one place where E and the output δ are computed.

Every caller -- :func:`~backprop_lab.backward`, the trainer, the gradient
check, the figures and ``explain`` -- looks its loss up in :data:`LOSSES` and
calls :meth:`Loss.evaluate` (or :meth:`Loss.per_sample` for many points at
once). To add a loss, write one :class:`Loss` subclass and add one entry.

=================  =============================================  ========================================
name               per-sample E                                   output δ_k = ∂E/∂net_k
=================  =============================================  ========================================
``half_sse``       ½ Σ_k (T_k − o_k)²                             (o_k − T_k) f'(net_k)
``sse``            Σ_k (T_k − o_k)²                               2 (o_k − T_k) f'(net_k)
``mse``            (1/K) Σ_k (T_k − o_k)²                         (2/K) (o_k − T_k) f'(net_k)
``cross_entropy``  sigmoid outputs: −Σ_k [T_k log o_k              o_k − T_k (f' cancels)
                   + (1 − T_k) log(1 − o_k)];
                   softmax outputs: −Σ_k T_k log o_k
=================  =============================================  ========================================

``half_sse`` is the loss of "Understanding Backpropagation in Deep Learning
Networks" (the default), ``sse`` that of "Backpropagation: How Networks
Learn", ``mse`` PyTorch's ``MSELoss``. For a batch of B samples, E is the
mean over samples of the per-sample loss, so each sample's δ carries 1/B.
"""

import numpy as np

from ._checks import as_float_array, choice
from .activations import ACTIVATIONS

__all__ = ["LOSSES", "CrossEntropy", "Loss", "SquaredError", "as_target", "get_loss", "loss"]


class Loss:
    """A loss E(o, T): its value and the δ of the output layer.

    Attributes
    ----------
    name : str
        The key in :data:`LOSSES`.
    formula : str
        The per-sample E in the package's notation (for derivations).
    """

    name = ""
    formula = ""

    def check(self, activation, T, name="target"):
        """Raise a ValueError if this loss cannot be used with `activation` outputs or targets `T`."""

    def per_sample(self, net, o, T, activation):
        """E of every sample: shape ``o.shape[:-1]`` (a 0-d array for one sample).

        Parameters
        ----------
        net, o, T : numpy.ndarray, shape (..., K)
            Net inputs and outputs of the output layer, and targets.
        activation : Activation
            The output layer's activation.
        """
        raise NotImplementedError

    def evaluate(self, net, o, T, activation):
        """``(E, δ)``: the loss (mean over samples) and the output layer's δ = ∂E/∂net.

        Parameters
        ----------
        net, o, T : numpy.ndarray, shape (K,) or (B, K)
            Checked arrays of the same shape (no validation here: this is the hot path).
        activation : Activation
            The output layer's activation.

        Returns
        -------
        E : float
        delta : numpy.ndarray, shape like `o`
            For a batch, each row carries the factor 1/B of the mean.
        """
        raise NotImplementedError

    def __repr__(self):
        return f"<Loss {self.name}: E = {self.formula}>"


class SquaredError(Loss):
    """E = c Σ_k (T_k − o_k)² per sample, for a constant c that may depend on K.

    Parameters
    ----------
    name : str
    scale : callable
        ``scale(K) -> c``.
    prefix, grad_prefix : str
        How derivations write c and 2c: E = prefix Σ_k (T_k − o_k)², ∂E/∂o_k = grad_prefix (o_k − T_k).
    """

    def __init__(self, name, scale, prefix, grad_prefix):
        self.name, self._scale, self.prefix, self.grad_prefix = name, scale, prefix, grad_prefix
        self.formula = f"{prefix}Σ_k (T_k − o_k)²"

    def per_sample(self, net, o, T, activation):
        d = o - T
        return self._scale(o.shape[-1]) * np.sum(d * d, axis=-1)

    def evaluate(self, net, o, T, activation):
        c = self._scale(o.shape[-1])
        n_samples = o.shape[0] if o.ndim == 2 else 1
        d = o - T
        E = c * float(np.vdot(d, d)) / n_samples
        return E, activation.backprop(net, o, d * (2.0 * c / n_samples))


def _softplus(z):
    """log(1 + e^z) without overflow or loss of precision."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


class CrossEntropy(Loss):
    """Cross-entropy for sigmoid outputs (binary, per output) or a softmax output layer.

    Computed from the net inputs, so that a saturated output (net = ±800)
    gives a finite E and no warning: for a sigmoid output
    −[T log σ(z) + (1 − T) log(1 − σ(z))] = softplus(z) − T z, and for softmax
    −Σ_k T_k log o_k = logsumexp(z) − Σ_k T_k z_k (as Σ_k T_k = 1).
    In both cases δ = o − T: the f' of the output cancels against ∂E/∂o.
    """

    name = "cross_entropy"
    formula = "−Σ_k [T_k log o_k + (1 − T_k) log(1 − o_k)] (sigmoid), −Σ_k T_k log o_k (softmax)"

    def check(self, activation, T, name="target"):
        if activation not in ("sigmoid", "softmax"):
            raise ValueError(
                f"loss 'cross_entropy' needs a sigmoid or softmax output layer, got {activation!r};"
                " use a squared-error loss ('half_sse', 'sse', 'mse') for other outputs"
            )
        if T.size and (T.min() < 0.0 or T.max() > 1.0):
            raise ValueError(
                f"{name} must lie in [0, 1] for cross_entropy (they are probabilities),"
                f" got values from {T.min():g} to {T.max():g}"
            )
        if activation == "softmax":
            sums = T.sum(axis=-1)
            if not np.allclose(sums, 1.0, atol=1e-6):
                bad = float(np.ravel(sums)[np.argmax(np.abs(np.ravel(sums) - 1.0))])
                raise ValueError(
                    f"{name} rows must sum to 1 for a softmax output with cross_entropy"
                    f" (one-hot or probabilities), got a row summing to {bad:g}"
                )

    def per_sample(self, net, o, T, activation):
        if activation.name == "softmax":
            m = np.max(net, axis=-1, keepdims=True)
            logsumexp = m[..., 0] + np.log(np.sum(np.exp(net - m), axis=-1))
            return logsumexp - np.sum(T * net, axis=-1)
        return np.sum(_softplus(net) - T * net, axis=-1)

    def evaluate(self, net, o, T, activation):
        n_samples = o.shape[0] if o.ndim == 2 else 1
        if activation.name == "softmax":
            m = np.max(net, axis=-1, keepdims=True)
            E = float(np.sum(m[..., 0] + np.log(np.sum(np.exp(net - m), axis=-1))) - np.vdot(T, net))
        else:
            E = float(np.sum(_softplus(net)) - np.vdot(T, net))
        return E / n_samples, (o - T) / n_samples


#: name -> :class:`Loss`; the names accepted everywhere a ``loss=`` or ``kind=`` argument is.
LOSSES = {
    "half_sse": SquaredError("half_sse", lambda K: 0.5, "½ ", ""),
    "sse": SquaredError("sse", lambda K: 1.0, "", "2 "),
    "mse": SquaredError("mse", lambda K: 1.0 / K, "(1/K) ", "(2/K) "),
    "cross_entropy": CrossEntropy(),
}


def get_loss(name, argument="loss"):
    """The :class:`Loss` called `name`, or a ValueError naming `argument` and listing the names."""
    return LOSSES[choice(argument, name, LOSSES)]


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


def loss(prediction, target, kind="half_sse", activation=None):
    """The loss of a prediction against its target.

    Parameters
    ----------
    prediction : Trace or array_like, shape (K,) or (B, K)
        The :class:`~backprop_lab.Trace` from ``forward(net, x)`` (exact for every
        loss), or the network outputs ``trace.output``.
    target : array_like, same shape as the outputs
        Desired outputs T (a number is accepted for one output).
    kind : {"half_sse", "sse", "mse", "cross_entropy"}
        Which loss; see the module docstring.
    activation : {"sigmoid", "softmax"}, optional
        Needed only for ``cross_entropy`` on plain outputs, to say which form
        applies; from outputs alone a saturated o of exactly 0 or 1 is cut at
        1e-300, so pass the Trace for the exact value.

    Returns
    -------
    float
        E; for a batch, the mean over samples.

    Examples
    --------
    The output 0.56475 of "Understanding Backpropagation in Deep Learning Networks"
    against its target 0.7:

    >>> round(loss([0.56475], [0.7]), 6)
    0.009146
    >>> round(loss([0.9, 0.1], [1.0, 0.0], "cross_entropy", activation="softmax"), 6)  # −log 0.9
    0.105361
    """
    fn = get_loss(kind, "kind")
    if hasattr(prediction, "nets") and hasattr(prediction, "activations"):  # a Trace
        net_in, o, act = prediction.nets[-1], prediction.outputs[-1], prediction.activations[-1]
        T = as_target(target, o.shape)
    else:
        o = as_float_array("prediction", prediction, ndim=(1, 2))
        T = as_target(target, o.shape)
        act = activation
        if kind == "cross_entropy":
            if activation not in ("sigmoid", "softmax"):
                raise ValueError(
                    "loss 'cross_entropy' of plain outputs needs activation='sigmoid' or 'softmax',"
                    f" got activation={activation!r}; or pass the Trace from forward(net, x) instead"
                    " of its outputs"
                )
            if o.min() < 0.0 or o.max() > 1.0:
                raise ValueError(
                    f"prediction must lie in [0, 1] for cross_entropy, got {o.min():g} to {o.max():g}"
                )
            p = np.clip(o, 1e-300, 1.0)
            # Net inputs that give these outputs (softmax: up to a constant per row, which E ignores).
            if activation == "softmax":
                net_in = np.log(p)
            else:
                net_in = np.log(p) - np.log(np.clip(1.0 - o, 1e-300, 1.0))
        else:
            net_in = o
    fn.check(act, T)
    return float(np.mean(fn.per_sample(net_in, o, T, ACTIVATIONS.get(act))))
