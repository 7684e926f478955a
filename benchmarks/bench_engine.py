"""Time full-batch training: backprop_lab.train against a minimal hand-written numpy loop.

The reference is the shortest honest loop of the same math -- full batch,
E = ½Σ(T − o)² averaged over the samples, sigmoid everywhere, plain gradient
descent -- with the sigmoid written as ``1.0 / (1.0 + np.exp(-x))`` and nothing
recorded but the weights. ``bl.train`` does that and more: it guards the
sigmoid against overflow, records the loss of every epoch and the learning rate,
and watches for divergence (gradient norms are recorded only with
``grad_norms=True``, so they are left off here).

The two are timed in interleaved rounds (which of them goes first alternates),
so a change in the machine's load hits both alike. Each round gives a ratio
(bl.train's time over the loop's, measured back to back); the ratio reported is
the median over the rounds, printed with the median time per epoch of each.
``bl.train``'s time includes its checks and setup, spread over the round's epochs.
Time is the CPU time of this process (``time.process_time``): on a machine shared
with other work, time spent waiting for a core is not the code's; ``--wall``
uses wall-clock time instead. Budget: ratio <= 1.2 (docs/ARCHITECTURE.md, Budgets).

    python benchmarks/bench_engine.py [--rounds 61] [--wall]
"""

import argparse
import statistics
import time

import numpy as np

import backprop_lab as bl

BUDGET = 1.2


def minimal_loop(weights, biases, X, Y, lr, epochs):
    """Full-batch gradient descent on ½Σ(T − o)² (mean over samples) for an all-sigmoid network."""
    W, b = [w.copy() for w in weights], [v.copy() for v in biases]
    n = X.shape[0]
    for _ in range(epochs):
        outputs = [X]
        for W_l, b_l in zip(W, b):
            outputs.append(1.0 / (1.0 + np.exp(-(outputs[-1] @ W_l.T + b_l))))
        o = outputs[-1]
        delta = (o - Y) / n * o * (1.0 - o)
        for l in range(len(W) - 1, -1, -1):
            dW, db = delta.T @ outputs[l], delta.sum(axis=0)
            if l:
                delta = (delta @ W[l]) * outputs[l] * (1.0 - outputs[l])
            W[l] -= lr * dW
            b[l] -= lr * db
    return W, b


def compare(name, sizes, X, Y, lr, epochs, rounds, clock):
    """Print the time per epoch of both and their ratio; return the ratio."""
    net = bl.Network(sizes, seed=0)
    # The same result first: the benchmark must compare equal work.
    W, b = minimal_loop(net.weights, net.biases, X, Y, lr, 50)
    trained = bl.train(net, X, Y, lr, 50).network
    for mine, theirs in zip(W + b, trained.weights + trained.biases):
        np.testing.assert_allclose(theirs, mine, rtol=1e-10, atol=1e-14)
    runs = {
        "hand": lambda: minimal_loop(net.weights, net.biases, X, Y, lr, epochs),
        "lib": lambda: bl.train(net, X, Y, lr, epochs),
    }
    times = {"hand": [], "lib": []}
    for r in range(rounds):
        for key in ("hand", "lib") if r % 2 == 0 else ("lib", "hand"):
            start = clock()
            runs[key]()
            times[key].append((clock() - start) / epochs)
    ratio = statistics.median(lib / hand for lib, hand in zip(times["lib"], times["hand"]))
    hand, lib = statistics.median(times["hand"]), statistics.median(times["lib"])
    verdict = "within" if ratio <= BUDGET else "OVER"
    print(f"{name:<22} minimal loop {hand * 1e6:6.1f} us/epoch   bl.train {lib * 1e6:6.1f} us/epoch"
          f"   ratio {ratio:4.2f} ({verdict} the {BUDGET} budget; median of {rounds} rounds"
          f" of {epochs} epochs)")
    return ratio


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=61)
    parser.add_argument("--wall", action="store_true", help="wall-clock time instead of CPU time")
    args = parser.parse_args(argv)
    clock = time.perf_counter if args.wall else time.process_time
    X, Y = bl.datasets.xor()
    compare("XOR, 2-2-1", [2, 2, 1], X, Y, lr=2.0, epochs=500, rounds=args.rounds, clock=clock)
    X, Y = bl.datasets.moons(200, seed=0)
    compare("200 moons, 2-16-16-1", [2, 16, 16, 1], X, Y, lr=0.5, epochs=100, rounds=args.rounds, clock=clock)


if __name__ == "__main__":
    main()
