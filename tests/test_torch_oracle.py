"""PyTorch as an independent reference (skipped when torch is not installed; it is not a dependency).

Batch norm against ``BatchNorm1d`` in training mode, conv1d against ``conv1d``, ``Value`` against autograd,
and SimpleNN's training step against the numbers stored in docs/pytorch_reference.md, which the scripts in
docs/pytorch/ must still print exactly.
"""

import contextlib
import functools
import io
import pathlib
import runpy

import numpy as np
import pytest

import backprop_lab as bl
from backprop_lab import layers, models
from backprop_lab.autodiff import Value

torch = pytest.importorskip("torch")

DOCS = pathlib.Path(__file__).resolve().parents[1] / "docs"


def t(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=grad)


@pytest.mark.parametrize("shape", [(2, 3), (5, 1), (8, 6)])
def test_batch_norm_matches_batchnorm1d_in_training_mode(shape):
    rng = np.random.default_rng(shape[0])
    x, gamma, beta = rng.normal(size=shape) * 3 + 1, rng.normal(size=shape[1]), rng.normal(size=shape[1])
    dy = rng.normal(size=shape)
    bn = torch.nn.BatchNorm1d(shape[1], dtype=torch.float64).train()
    with torch.no_grad():
        bn.weight.copy_(t(gamma))
        bn.bias.copy_(t(beta))
    xt = t(x, grad=True)
    yt = bn(xt)
    yt.backward(t(dy))
    y, cache = layers.batch_norm_forward(x, gamma, beta)
    dx, dgamma, dbeta = layers.batch_norm_backward(dy, cache)
    np.testing.assert_allclose(y, yt.detach().numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dgamma, bn.weight.grad.numpy(), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(dbeta, bn.bias.grad.numpy(), rtol=1e-12, atol=1e-12)
    block = bl.blocks.BatchNorm(shape[1])  # running estimates, and what they give outside training
    block.params = [gamma, beta]
    block.forward(x, training=True)
    np.testing.assert_allclose(block.running_mean, bn.running_mean.numpy(), rtol=1e-12)
    np.testing.assert_allclose(block.running_var, bn.running_var.numpy(), rtol=1e-12)
    np.testing.assert_allclose(block.forward(x), bn.eval()(t(x)).detach().numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("B, C_in, L, C_out, K", [(1, 1, 6, 1, 3), (3, 2, 9, 4, 4), (2, 3, 5, 2, 5)])
def test_conv1d_matches_torch_conv1d(B, C_in, L, C_out, K):
    rng = np.random.default_rng(L)
    x, w, b = rng.normal(size=(B, C_in, L)), rng.normal(size=(C_out, C_in, K)), rng.normal(size=C_out)
    dy = rng.normal(size=(B, C_out, L - K + 1))
    xt, wt, bt = t(x, True), t(w, True), t(b, True)
    yt = torch.nn.functional.conv1d(xt, wt, bt)
    yt.backward(t(dy))
    dx, dw, db = layers.conv1d_backward(dy, x, w)
    np.testing.assert_allclose(layers.conv1d_forward(x, w, b), yt.detach().numpy(), rtol=1e-12, atol=1e-12)
    for ours, theirs in ((dx, xt), (dw, wt), (db, bt)):
        np.testing.assert_allclose(ours, theirs.grad.numpy(), rtol=1e-12, atol=1e-12)


def test_value_matches_autograd():
    def f(a, b, exp, log, tanh, sigmoid, relu):
        c = a * b + b**3
        d = tanh(c * a) + sigmoid(a - b) * c
        e = (d + 2.0) * log(b * b + 1.0) / (1.0 + exp(a * 0.5)) - relu(a + b) / 3.0
        return e * e + 1.0 / e

    a, b = Value(-1.3), Value(0.7)
    out = f(a, b, Value.exp, Value.log, Value.tanh, Value.sigmoid, Value.relu)
    out.backward()
    at, bt = t(-1.3, True), t(0.7, True)
    out_t = f(at, bt, torch.exp, torch.log, torch.tanh, torch.sigmoid, torch.relu)
    out_t.backward()
    assert out.data == pytest.approx(out_t.item(), rel=1e-13)
    assert (a.grad, b.grad) == (
        pytest.approx(at.grad.item(), rel=1e-12),
        pytest.approx(bt.grad.item(), rel=1e-12),
    )


@functools.cache
def run(script):
    """What a script in docs/pytorch prints (run in this process: torch is slow to import)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(str(DOCS / "pytorch" / script), run_name="__main__")
    return out.getvalue()


def test_the_stored_pytorch_outputs_are_what_pytorch_prints():
    for name in ("simple_nn", "linear_neuron"):
        printed = run(f"{name}.py")
        assert printed == (DOCS / "pytorch" / f"{name}.out").read_text(encoding="utf-8")
        assert printed.strip() in (DOCS / "pytorch_reference.md").read_text(encoding="utf-8")


def test_simple_nn_one_step_matches_pytorch():
    printed = dict(line.split(": ", 1) for line in run("simple_nn.py").splitlines())
    theirs = {key: np.array(eval(value), dtype=float) for key, value in printed.items()}  # lists of numbers
    ex = bl.examples.SIMPLE_NN
    net = ex.network()
    trace = bl.forward(net, ex.x)
    grads = bl.backward(net, trace, ex.T, ex.loss)
    new = bl.sgd_step(net, grads, ex.lr)
    ours = {
        "outputs": trace.output.ravel(),
        "loss": grads.loss,
        "fc1.weight.grad": grads.weights[0],
        "fc1.bias.grad": grads.biases[0],
        "fc2.weight.grad": grads.weights[1],
        "fc2.bias.grad": grads.biases[1],
        "fc1.weight after the step": new.weights[0],
        "fc1.bias after the step": new.biases[0],
        "fc2.weight after the step": new.weights[1],
        "fc2.bias after the step": new.biases[1],
        "loss after the step": bl.loss(bl.forward(new, ex.x), ex.T, "mse"),
    }
    assert set(ours) == set(theirs)
    for key, value in ours.items():  # PyTorch computes in float32
        np.testing.assert_allclose(value, theirs[key], rtol=2e-6, atol=1e-7, err_msg=key)
    # the same step in float64 with torch, to the last digits, and through a Sequential model
    model = models.from_network(net)
    model.gradients(np.array(ex.x), np.array(ex.T), ex.loss)
    for g, h in zip(
        model.grads(), grads.weights[:1] + grads.biases[:1] + grads.weights[1:] + grads.biases[1:]
    ):
        np.testing.assert_allclose(g, h, rtol=1e-14)


def test_linear_neuron_matches_autograd():
    assert run("linear_neuron.py").strip() == "Gradient of loss w.r.t w: tensor([-20.])"
    w = Value(2.0)
    loss = (Value(12.0) - w * 5.0) ** 2
    loss.backward()
    assert w.grad == -20.0
