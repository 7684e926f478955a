"""HTML tables of a network's numbers: per neuron (net, o, δ) and per weight (w, ∂E/∂w, new w)."""

from .._format import fmt, sub
from .base import table

__all__ = ["network_tables"]


def network_tables(net, trace, grads, new_net, lr, forward_done=None, backward_done=None):
    """Two HTML tables side by side, for one sample.

    Parameters
    ----------
    net : Network
    trace : Trace
        ``forward(net, x)`` for one sample.
    grads : Gradients
        ``backward(net, trace, T)``.
    new_net : Network
        ``sgd_step(net, grads, lr)``: the "after update" column.
    lr : float
        η, shown under the weight table.
    forward_done, backward_done : int, optional
        Weight layers already computed by the forward pass, and layers
        already reached by the backward pass (from the output); what is not
        computed yet shows as "·". Default: everything.

    Returns
    -------
    str
        HTML.
    """
    L = net.n_layers
    forward_done = L if forward_done is None else forward_done
    backward_done = L if backward_done is None else backward_done
    ids = net.neuron_ids()

    def known(done, value):
        return value if done else "·"

    neurons = [(f"o{sub(n)} (input)", "", trace.outputs[0][i], "") for i, n in enumerate(ids[0])]
    for l in range(L):
        fwd, bwd = l < forward_done, l >= L - backward_done
        for j, n in enumerate(ids[l + 1]):
            neurons.append((f"neuron {n}", known(fwd, trace.nets[l][j]), known(fwd, trace.outputs[l + 1][j]),
                            known(bwd, grads.deltas[l][j])))
    weights = []
    for l in range(L):
        bwd = l >= L - backward_done
        for j, n in enumerate(ids[l + 1]):
            for i, m in enumerate(ids[l]):
                weights.append((f"w{sub(n)},{sub(m)}", net.weights[l][j, i],
                                known(bwd, grads.weights[l][j, i]), known(bwd, new_net.weights[l][j, i])))
            weights.append((f"b{sub(n)}", net.biases[l][j], known(bwd, grads.biases[l][j]),
                            known(bwd, new_net.biases[l][j])))
    E = fmt(grads.loss) if forward_done == L else "·"
    left = table(neurons, ["", "net", "o", "δ = ∂E/∂net"], note=f"E = {E}")
    right = table(weights, ["", "value", "∂E/∂w", "after update"], note=f"η = {fmt(lr)}")
    return f"<div style='display:flex; gap:18px'>{left}{right}</div>"
