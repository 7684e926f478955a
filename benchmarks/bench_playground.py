"""Kernel-side time of one playground training frame: 10 epochs, the figure updated, blitted and sent.

One frame is what a play tick costs in the kernel (``explorer.step()``): train
10 epochs, recompute the decision regions, the loss curves, the gradient
flow and the table, blit the figure and encode the PNG of the changed pixels
for the front end. Measured on a real ipympl canvas, as after the front end
asked for its first picture. Budget: ≤ 50 ms per frame (2-8-8-1, 200 points),
so that the browser can show ≥ 20 frames per second (docs/ARCHITECTURE.md, Budgets).

    python benchmarks/bench_playground.py            # the cases below
    python benchmarks/bench_playground.py --frames 80
"""

import argparse
import time

import matplotlib

matplotlib.use("module://ipympl.backend_nbagg")  # the backend the notebooks use

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from backprop_lab import explorers  # noqa: E402

# label -> control values set before timing (the defaults are circles, 200 points, 1 x 4 tanh)
BASE = {"layers": 2, "width": 8}
CASES = [
    ("2 classes, circles", {}),
    ("2 classes, 30 % test", {"test": 0.3}),
    ("3 classes, spiral", {"data": "spiral (3 classes)"}),
    ("3 classes, 30 % test, x-entropy", {"data": "spiral (3 classes)", "test": 0.3, "loss": "cross_entropy"}),
]


def time_frames(settings, frames):
    """Milliseconds per frame (explorer.step()): wall clock and this process's CPU time; frames blitted.

    On a shared machine the wall clock counts the waits for a core too; the CPU
    time is what the frame costs this kernel.
    """
    explorer = explorers.playground()
    wanted = {k: v for k, v in {**BASE, **settings}.items() if k in explorer.controls}
    skipped = sorted((set(BASE) | set(settings)) - set(wanted))
    explorer.set_values(**wanted)
    canvas = explorer.fig.canvas
    canvas.syncing_data_url = False  # as once a front end is connected
    canvas.handle_event({"type": "draw"})  # the front end asks for its first picture
    for _ in range(3):  # the first frames may grow the axes (full draws)
        explorer.step()
    blits = explorer.blitter.blits
    times, cpu = [], []
    for _ in range(frames):
        start, start_cpu = time.perf_counter(), time.process_time()
        explorer.step()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    assert explorer.error.value == "", explorer.error.value
    blitted = explorer.blitter.blits - blits
    plt.close(explorer.fig)
    return np.array(times) * 1e3, np.array(cpu) * 1e3, blitted, skipped


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=40)
    parser.add_argument("--cases", type=int, default=len(CASES), help="only the first N cases")
    args = parser.parse_args()
    print(f"{'case (2-8-8-1, 200 points, 10 epochs/frame)':<44} {'median':>7} {'p90':>7} {'CPU':>7}"
          "   ms per frame (CPU: median of this process's CPU time)")
    for label, settings in CASES[: args.cases]:
        t, cpu, blitted, skipped = time_frames(settings, args.frames)
        verdict = "within" if np.median(t) <= 50 else "OVER"
        note = f"  (no control {skipped}: not measured)" if skipped else ""
        print(f"{label:<44} {np.median(t):7.1f} {np.percentile(t, 90):7.1f} {np.median(cpu):7.1f}"
              f"   {verdict} the 50 ms budget ({blitted}/{len(t)} blitted){note}")


if __name__ == "__main__":
    main()
