"""One draw of the picture of the plane behind a decision boundary (float values through the colour map)
and behind class regions (8-bit RGBA): ``figures.plane.PlaneImage`` against matplotlib's own bilinear
``imshow``, the naive way, timed in the same run, interleaved.

The picture is an 80 x 80 grid scaled to the axes of a 5.2 x 4.4 inch figure at 100 dpi (the playground's
and the spiral's size). Prints the medians, their ratio and the largest pixel difference; asserts nothing.

    .venv/bin/python benchmarks/bench_plane.py [--rounds 41]
"""

import argparse
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from backprop_lab.figures._style import CMAP  # noqa: E402
from backprop_lab.figures.plane import plane_image  # noqa: E402

EXTENT = (-1.3, 2.1, -0.9, 1.4)


def _grid():
    rows, cols = np.mgrid[0:80, 0:80]
    noise = np.random.default_rng(0).random((80, 80))
    return 0.9 / (1 + np.exp(-(cols / 8.0 - 3.0 - rows / 15.0))) + 0.1 * noise


def _setup(make, data, style):
    fig, ax = plt.subplots(figsize=(5.2, 4.4), dpi=100)
    ax.set_xlim(EXTENT[:2])
    ax.set_ylim(EXTENT[2:])
    image = make(ax, data, style)
    fig.canvas.draw()
    return fig, image, fig.canvas.get_renderer()


def _imshow(ax, data, style):
    return ax.imshow(data, origin="lower", aspect="auto", interpolation="bilinear", extent=EXTENT, **style)


def _plane(ax, data, style):
    return plane_image(ax, data, extent=EXTENT, **style)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=41, help="draws of each, interleaved (default 41)")
    args = parser.parse_args(argv)
    values = _grid()
    cases = {
        "values (decision boundary)": (values, {"cmap": CMAP, "vmin": 0.0, "vmax": 1.0}),
        "8-bit RGBA (class regions)": ((plt.get_cmap("viridis")(values) * 255).astype(np.uint8), {}),
    }
    print(f"{'picture':<28} {'imshow ms':>9} {'PlaneImage ms':>13} {'ratio':>6} {'max pixel diff':>15}")
    for name, (data, style) in cases.items():
        naive = _setup(_imshow, data, style)
        ours = _setup(_plane, data, style)
        times = {id(naive): [], id(ours): []}
        for _ in range(args.rounds):
            for setup in (naive, ours):
                _, image, renderer = setup
                image.set_data(data)  # as an explorer does on every move
                start = time.perf_counter()
                image.draw(renderer)
                times[id(setup)].append(time.perf_counter() - start)
        pixels = [np.asarray(fig.canvas.buffer_rgba()).astype(int) for fig, _, _ in (naive, ours)]
        for fig, _, _ in (naive, ours):
            plt.close(fig)
        a, b = (statistics.median(times[id(s)]) * 1000 for s in (naive, ours))
        print(f"{name:<28} {a:9.2f} {b:13.2f} {b / a:6.2f} {np.abs(pixels[0] - pixels[1]).max():15d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
