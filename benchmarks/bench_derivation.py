"""What the live derivations of explorers 02 and 03 cost: in the kernel, and from key press to new text.

Kernel side (same run, same machine, so the ratios hold when the machine is busy):

* the derivation alone per slider move: ``explain`` (forward, backward, update, check, every formula
  written out) plus ``Derivation.to_html``; and, for comparison, ``to_markdown`` (what a MathJax display
  would need -- before the browser even starts typesetting);
* a whole explorer update (set a slider, recompute, derivation, full Agg render of the figure);
* the naive re-plot (new two-panel figure + PNG per move), the reference of the budget
  "explorer update <= 0.05 x naive" (docs/ARCHITECTURE.md, Budgets).

Browser side (``--browser``): JupyterLab in headless Chromium, as in tests/browser; a notebook with the
echo floor (a slider whose value the kernel writes into an HTML label) and both explorers. For each, a key
press on a slider, with the kernel idle, timed from keydown to the first animation frame whose text
differs (the label, or the derivation's text).

    .venv/bin/python benchmarks/bench_derivation.py [--reps 30] [--browser]

Prints milliseconds (median, p90) and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("module://ipympl.backend_nbagg")  # the backend the notebooks use

import matplotlib.pyplot as plt  # noqa: E402

import backprop_lab as bl  # noqa: E402

EXPLORERS = {"02 worked example": (bl.explorers.worked_example_explorer, "w32", (0.3, 0.31)),
             "03 multilayer": (bl.explorers.multilayer_explorer, "w53", (0.6, 0.61))}


def p90(values):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def timed(fn, reps):
    times = []
    for k in range(reps):
        start = time.perf_counter()
        fn(k)
        times.append((time.perf_counter() - start) * 1e3)
    return times


def naive(k):
    net = bl.Network.from_weights([[[0.2]], [[0.3 + 0.01 * (k % 2)]]], [[0.1], [0.1]])
    trace = bl.forward(net, [0.2])
    grads = bl.backward(net, trace, [0.7])
    fig, (a, b) = plt.subplots(1, 2, figsize=(9.2, 3.9), dpi=100, layout="constrained")
    bl.figures.draw_network(net, trace, grads, show="gradients", ax=a)
    bl.figures.plot_loss_vs_weight(net, [0.2], [0.7], 1, 0, 0, span=2.0, ax=b)
    fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)


def _kernel_rows(label, make, name, values, example, reps):
    net, x, T, lr = example.network(), list(example.x), list(example.T), example.lr
    d = bl.explain(net, x, T, lr)
    rows = [(f"{label}: explain + to_html", timed(lambda k: bl.explain(net, x, T, lr).to_html(), reps)),
            (f"{label}: to_markdown (MathJax)", timed(lambda k: d.to_markdown(), reps))]
    explorer = make()
    explorer.fig.canvas.syncing_data_url = False  # as once a front end is connected
    explorer.fig.canvas.handle_event({"type": "draw"})
    slider = explorer.controls[name]
    rows.append((f"{label}: whole update", timed(lambda k: setattr(slider, "value", values[k % 2]), reps)))
    plt.close(explorer.fig)
    return rows


def kernel(reps):
    examples = {"02 worked example": bl.examples.CHAIN, "03 multilayer": bl.examples.NET_2_2_2}
    rows = [("naive re-plot (02)", timed(naive, reps))]
    for label, (make, name, values) in EXPLORERS.items():
        rows += _kernel_rows(label, make, name, values, examples[label], reps)
    reference = statistics.median(rows[0][1])
    print(f"{'kernel, ms per slider move':<40} {'median':>8} {'p90':>8} {'/naive':>7}")
    for label, t in rows:
        median = statistics.median(t)
        print(f"{label:<40} {median:8.2f} {p90(t):8.2f} {median / reference:7.3f}")


# --- browser -------------------------------------------------------------------------------------

ECHO = """\
import ipywidgets as widgets
echo_slider = widgets.FloatSlider(value=0.5, min=0, max=1, step=0.01, description="echo")
echo_label = widgets.HTML("0.5")
echo_label.add_class("bl-echo")
echo_slider.observe(lambda change: setattr(echo_label, "value", f"{change['new']:.2f}"), names="value")
widgets.VBox([echo_slider, echo_label])"""

# Arm: window.__blLat resolves once, after the next keydown, the text of `el` differs (and, given a
# canvas, its pixels too): the time of the first animation frame showing each change.
ARM_JS = """([el, canvas, timeoutMs]) => {
  const text = () => el.innerText;
  const pixels = () => canvas ? window.__blPixels(canvas).hash : 0;
  const base = text(), baseHash = pixels();
  const lat = window.__blLat = {done: false, key: null, change: null, pixels: null, timedOut: false};
  document.addEventListener('keydown', e => { lat.key = e.timeStamp; }, {capture: true, once: true});
  const start = performance.now();
  const tick = () => {
    if (lat.key !== null) {
      if (lat.change === null && text() !== base) lat.change = performance.now();
      if (lat.pixels === null && canvas && pixels() !== baseHash) lat.pixels = performance.now();
      if (lat.change !== null && (!canvas || lat.pixels !== null)) { lat.done = true; return; }
    }
    if (performance.now() - start > timeoutMs) { lat.timedOut = true; lat.done = true; return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""


# True when the notebook's kernel is idle: each press is timed from a kernel with nothing left to do.
IDLE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}"""


def press_times(page, slider_handle, watched, canvas, reps):
    """Milliseconds from keydown to new text, and to new figure pixels (None without a canvas)."""
    times, figure = [], []
    for k in range(reps):
        page.wait_for_function(IDLE_JS, timeout=30_000)
        page.wait_for_timeout(100)
        slider_handle.focus()
        page.evaluate(ARM_JS, [watched, canvas, 5000])
        page.keyboard.press("ArrowRight" if k % 2 == 0 else "ArrowLeft")
        page.wait_for_function("() => window.__blLat.done", timeout=10_000)
        lat = page.evaluate("() => window.__blLat")
        if not lat["timedOut"] and lat["key"] is not None:
            times.append(lat["change"] - lat["key"])
            if lat["pixels"] is not None:
                figure.append(lat["pixels"] - lat["key"])
    return times, figure


def browser(reps):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
    import _lab
    import nbformat
    from playwright.sync_api import sync_playwright

    root = Path(tempfile.mkdtemp(prefix="bl-bench-derivation-"))
    (root / "nb").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in (
        "%matplotlib widget\nimport backprop_lab as bl", ECHO,
        "bl.explorers.worked_example_explorer()", "bl.explorers.multilayer_explorer()")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, root / "nb" / "bench.ipynb")
    server = _lab.start_lab(root)
    try:
        with sync_playwright() as p:
            chromium = _lab.launch_browser(p)
            page = _lab.new_page(chromium, height=2400)
            state = _lab.open_notebook(page, server, "nb/bench.ipynb", timeout=120)
            _lab.run_all(page, state["id"], timeout=300)
            _lab.wait_rendered(page, _lab.notebook_root(state["id"]), timeout=30)
            cases = [("echo floor (slider -> HTML label)", ".bl-echo", page.locator(".widget-slider").first)]
            boxes = page.locator(".bl-explorer")
            for k, (label, (_, name, _)) in enumerate(EXPLORERS.items()):
                box = boxes.nth(k)
                slider = box.locator(".widget-slider").filter(has_text=_slider_label(name)).first
                cases.append((f"{label}: derivation text", f'[data-bl-explorer="{k}"] .bl-live-derivation',
                              slider))
                box.evaluate(f"el => el.setAttribute('data-bl-explorer', '{k}')")
            page.evaluate(_lab.INSTALL_PIXEL_HASH_JS)
            rows = []
            for label, selector, slider in cases:
                slider.scroll_into_view_if_needed()
                watched = page.locator(selector).first.element_handle()
                box = selector.split(" ")[0]
                canvas = None if box == ".bl-echo" else page.locator(f"{box} {_lab.IPYMPL_CANVAS}").first
                handle = slider.locator(".noUi-handle").first
                text, figure = press_times(page, handle, watched, canvas and canvas.element_handle(), reps)
                rows.append((label, text))
                if figure:
                    rows.append((label.replace("derivation text", "figure pixels"), figure))
            chromium.close()
    finally:
        server.stop()
    floor = statistics.median(rows[0][1])
    print(f"\n{'browser, keydown -> new text (ms)':<40} {'median':>8} {'p90':>8} {'/echo':>7} {'n':>4}")
    for label, t in rows:
        print(f"{label:<40} {statistics.median(t):8.1f} {p90(t):8.1f} {statistics.median(t) / floor:7.2f}"
              f" {len(t):4d}")


def _slider_label(name):
    return {"w32": "w₃,₂", "w53": "w₅,₃"}[name]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--browser", action="store_true", help="also time key press -> new text in Chromium")
    args = parser.parse_args()
    kernel(args.reps)
    if args.browser:
        browser(args.reps)


if __name__ == "__main__":
    main()
