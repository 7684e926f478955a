"""Time one full-batch training epoch: backprop_lab.train against a hand-written numpy loop.

Both do the same math per epoch (forward pass, half-SSE loss, backward pass,
SGD update); the library additionally records gradient norms and watches
for divergence. The two are timed alternately in one run, so the ratio is
fair even on a noisy shared machine. Budget: ratio <= 1.3 (docs/ARCHITECTURE.md, Budgets).

    python benchmarks/bench_engine.py
"""

import statistics
import time

import numpy as np

import backprop_lab as bl
from backprop_lab.activations import sigmoid


def hand_loop(weights, biases, X, Y, lr, epochs):
    """Full-batch gradient descent for a sigmoid network, written out by hand."""
    W, b = [w.copy() for w in weights], [v.copy() for v in biases]
    n = X.shape[0]
    for _ in range(epochs):
        outputs = [X]
        for Wl, bl_ in zip(W, b):
            outputs.append(sigmoid(outputs[-1] @ Wl.T + bl_))
        d = outputs[-1] - Y
        losses = 0.5 * float(np.vdot(d, d)) / n
        delta = (d / n) * outputs[-1] * (1.0 - outputs[-1])
        for l in range(len(W) - 1, -1, -1):
            gW, gb = delta.T @ outputs[l], delta.sum(axis=0)
            if l > 0:
                delta = (delta @ W[l]) * outputs[l] * (1.0 - outputs[l])
            W[l] = W[l] - lr * gW
            b[l] = b[l] - lr * gb
    return W, b, losses


def per_epoch(fn, epochs, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) / epochs)
    return times


def compare(name, sizes, X, Y, lr, epochs=2000, rounds=7):
    net = bl.Network(sizes, seed=0)
    # The same result first: the benchmark must compare equal work.
    W, _, last = hand_loop(net.weights, net.biases, X, Y, lr, 50)
    history = bl.train(net, X, Y, lr, 50)
    np.testing.assert_allclose(history.network.weights[0], W[0], rtol=1e-12)
    hand, lib = [], []
    for _ in range(rounds):  # alternate, so drifting machine load hits both alike
        hand += per_epoch(lambda: hand_loop(net.weights, net.biases, X, Y, lr, epochs), epochs, 1)
        lib += per_epoch(lambda: bl.train(net, X, Y, lr, epochs), epochs, 1)
    h, b = statistics.median(hand), statistics.median(lib)
    ratio = b / h
    verdict = "within" if ratio <= 1.3 else "OVER"
    print(f"{name:<22} hand loop {h * 1e6:7.1f} us/epoch   backprop_lab {b * 1e6:7.1f} us/epoch"
          f"   ratio {ratio:4.2f} ({verdict} the 1.3 budget)")
    return ratio


def main():
    X, Y = bl.datasets.xor()
    compare("XOR, 2-2-1", [2, 2, 1], X, Y, lr=2.0)
    X, Y = bl.datasets.moons(200, seed=0)
    compare("200 moons, 2-16-16-1", [2, 16, 16, 1], X, Y, lr=0.5)


if __name__ == "__main__":
    main()
