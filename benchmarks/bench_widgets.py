"""Kernel-side cost of one explorer update, as a ratio to the naive re-plot timed in the same run.

An update is what the kernel does when a slider moves: set the value,
recompute with the engine, update the plot handles, draw what changed and
encode the PNG that ipympl sends to the browser. Every slider of every
explorer is moved one step and back, ``--reps`` times.

The naive way, timed in the same run (before and after the explorers, to see
drift): ``interact`` with the inline backend, a new two-panel figure per move,
shown as a PNG (``benchmarks/_naive.py``, the same code bench_browser_latency.py
runs in JupyterLab).

Budget (docs/ARCHITECTURE.md): an explorer's median update <= 0.05 x the naive median.

    .venv/bin/python benchmarks/bench_widgets.py [--reps 6] [--only 02,03]

Prints one row per explorer (median and p90 in ms, the ratio, how many updates
were blitted, the slowest slider); asserts nothing.
"""

import argparse
import statistics
import time

import matplotlib

matplotlib.use("module://ipympl.backend_nbagg")  # the backend the notebooks use

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from _naive import SOURCE, inline_png  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from backprop_lab import explorers  # noqa: E402

BUDGET = 0.05
EXPLORERS = {
    "01": ("single neuron", explorers.single_neuron_explorer),
    "02": ("worked example", explorers.worked_example_explorer),
    "03": ("multilayer", explorers.multilayer_explorer),
    "04": ("training", explorers.training_explorer),
    "05": ("learning rate", explorers.learning_rate_explorer),
    "06": ("depth", explorers.depth_explorer),
    "08": ("playground", explorers.playground),
    "09": ("optimizers", explorers.optimizer_explorer),
    "10": ("spiral", explorers.spiral_explorer),
    "11": ("overfitting", explorers.overfitting_explorer),
    "16": ("batch norm", explorers.batch_norm_explorer),
    "17": ("convolution", explorers.conv_explorer),
}


class _InlinePyplot:
    """What ``plt`` is to the naive code under the inline backend: Agg figures, shown as a PNG."""

    def subplots(self, *args, figsize, dpi=100, **kwargs):
        self.fig = Figure(figsize=figsize, dpi=dpi)
        FigureCanvasAgg(self.fig)
        return self.fig, self.fig.subplots(*args, **kwargs)

    def show(self):
        inline_png(self.fig)


def naive_show():
    namespace = {"__name__": "__bench__"}
    exec(SOURCE, namespace)  # noqa: S102 - our own benchmark code
    namespace["plt"] = _InlinePyplot()
    return namespace["show"]


def time_naive(reps):
    show, times = naive_show(), []
    for k in range(reps):
        start = time.perf_counter()
        show(o1=0.2 + 0.01 * (k % 2), T=0.7, w21=0.2, b2=0.1, w32=0.3, b3=0.1)
        times.append(time.perf_counter() - start)
    return times


def sliders(explorer):
    return {name: c for name, c in explorer.controls.items()
            if isinstance(c, (ipywidgets.FloatSlider, ipywidgets.IntSlider))}


def time_explorer(make, reps):
    """Per slider: the times of `reps` moves one step up and back; and how many updates were blitted."""
    explorer = make()
    canvas = explorer.fig.canvas
    canvas.syncing_data_url = False  # as once a front end is connected: no extra full PNG per frame
    canvas.handle_event({"type": "draw"})  # the front end asks for its first picture
    blits0, per_slider = explorer.blitter.blits, {}
    for name, control in sliders(explorer).items():
        start = control.value
        other = start + control.step if start + control.step <= control.max else start - control.step
        times = []
        for k in range(2 * reps):
            t0 = time.perf_counter()
            control.value = other if k % 2 == 0 else start
            times.append(time.perf_counter() - t0)
        assert explorer.error.value == "", f"{name}: {explorer.error.value}"
        per_slider[name] = times
    blits = explorer.blitter.blits - blits0
    plt.close(explorer.fig)
    return per_slider, blits


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=6, help="moves up and back per slider (default 6)")
    parser.add_argument("--naive-reps", type=int, default=8,
                        help="naive re-plots before and after the explorers (default 8)")
    parser.add_argument("--only", default="", help="explorers to run, e.g. 02,03 (default: all)")
    args = parser.parse_args(argv)
    chosen = [k for k in EXPLORERS if not args.only or k in args.only.split(",")]

    naive_show()(o1=0.2, T=0.7, w21=0.2, b2=0.1, w32=0.3, b3=0.1)  # warm up imports and caches
    before = np.array(time_naive(args.naive_reps)) * 1e3
    rows = []
    for key in chosen:
        label, make = EXPLORERS[key]
        per_slider, blits = time_explorer(make, args.reps)
        rows.append((key, label, {n: np.array(t) * 1e3 for n, t in per_slider.items()}, blits))
    after = np.array(time_naive(args.naive_reps)) * 1e3
    naive = float(np.median(np.concatenate([before, after])))

    print(f"\nnaive re-plot (interact + inline, 2 panels of 02): median {naive:.0f} ms "
          f"(first {np.median(before):.0f} ms, last {np.median(after):.0f} ms)")
    print(f"budget: an explorer's median update <= {BUDGET} x naive = {BUDGET * naive:.1f} ms in this run\n")
    head = f"{'explorer':<19} {'moves':>5} {'median':>7} {'p90':>6} {'/naive':>7}  {'verdict':<7} " \
           f"{'blitted':>7}  slowest slider (median ms)"
    print(head)
    print("-" * len(head))
    for key, label, per_slider, blits in rows:
        t = np.concatenate(list(per_slider.values()))
        med, ratio = float(np.median(t)), float(np.median(t)) / naive
        slow = max(per_slider, key=lambda n: np.median(per_slider[n]))
        print(f"{key} {label:<16} {len(t):>5} {med:7.1f} {np.percentile(t, 90):6.1f} {ratio:7.3f}  "
              f"{'ok' if ratio <= BUDGET else 'OVER':<7} {blits:>3}/{len(t):<3}  "
              f"{slow} ({statistics.median(per_slider[slow]):.1f})")


if __name__ == "__main__":
    main()
