"""Render the pictures of notebooks 13-15 into docs/notebooks_13_15/ (run from the repository root).

Prints the counted and measured cost ratios the pictures show; the timings vary from run to run.
"""

import matplotlib

matplotlib.use("Agg")

import backprop_lab as bl  # noqa: E402
from backprop_lab.autodiff import Value  # noqa: E402

OUT = "docs/notebooks_13_15/"

# 13: Δᵀ O = ∂E/∂W for the 2-3-1 network on the four XOR points, entry (neuron 4, input 1) framed.
X, Y = bl.datasets.xor()
net = bl.Network([2, 3, 1], seed=0)
trace = bl.forward(net, X)
grads = bl.backward(net, trace, Y)
bl.figures.plot_matrix_product(grads.deltas[0].T, X, grads.weights[0], names=("Δ¹ᵀ", "O⁰ = X", "∂E/∂W¹"),
                               highlight=(1, 0)).fig.savefig(OUT + "matrix_product.png")

# 14: finite differences against backpropagation on 2-n-n-1 networks, 20 moons points; counted, then timed.
X20, Y20 = bl.datasets.moons(20, seed=0)
networks = [(2, n, n, 1) for n in (2, 4, 8, 16, 32, 64)]
counted = bl.cost.cost_sweep(networks, X20, Y20)
print(counted)
bl.figures.plot_gradient_cost(counted).fig.savefig(OUT + "cost_counted.png")
timed = bl.cost.cost_sweep(networks, X20, Y20, timed=True, repeat=5)
print(timed)
bl.figures.plot_gradient_cost(timed).fig.savefig(OUT + "cost_timed.png")

# 15: a value used twice: the shares add (7), and the chain of "Deep Learning Networks" filled in.
a = Value(3.0, label="a")
b = a * a + a
b.label = "b"
bl.figures.step_backward(b).show_step(2).fig.savefig(OUT + "fork.png")
o1, w21, b2, w32, b3, T = (Value(v, label=n) for v, n in zip((0.2, 0.2, 0.1, 0.3, 0.1, 0.7),
                                                             ("o1", "w21", "b2", "w32", "b3", "T")))
net2 = w21 * o1 + b2
o2 = net2.sigmoid()
net3 = w32 * o2 + b3
o3 = net3.sigmoid()
E = 0.5 * (T - o3) ** 2
for value, name in [(net2, "net2"), (o2, "o2"), (net3, "net3"), (o3, "o3"), (E, "E")]:
    value.label = name
E.backward()
bl.figures.draw_graph(E).fig.savefig(OUT + "chain_graph.png")
