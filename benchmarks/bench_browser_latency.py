"""How long a student waits, in a real browser, from a key press on a slider to a changed figure.

Starts JupyterLab (127.0.0.1, free port, random token) and headless Chromium the same way as the browser
tests (tests/browser/_lab.py), opens every notebook that has a widget explorer (``.bl-explorer``), runs it,
and for each explorer: focuses its first slider (or the first one whose key press changes the figure at
all), then REPS times presses ArrowRight / ArrowLeft (alternating, so the value stays in range) and
measures in the page (``performance.now()`` clock) the time from the keydown event to the first
animation frame whose canvas pixels differ from before.

For comparison, the naive way: a generated notebook that re-plots the same 2-panel figure (the worked
example's network diagram and E against w32) with ``ipywidgets.interact`` and ``%matplotlib inline``;
timed from the keydown to the first animation frame showing the new, decoded ``<img>``.

    .venv/bin/python benchmarks/bench_browser_latency.py [--reps 20] [--no-naive]

Prints a table (median and p90 per explorer, in ms); asserts nothing. $BL_NOTEBOOKS_DIR selects the
notebooks (default notebooks/). The notebooks are copied to a temporary folder first, so nothing in the
repository is written.
"""

from __future__ import annotations

import argparse
import math
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

import _lab

NAIVE_NOTEBOOK = "naive_interact.ipynb"
BUDGET_MS = 80  # docs/ARCHITECTURE.md, Budgets: median per step, and at most half the naive version's median
NAIVE_SOURCE = """\
import matplotlib.pyplot as plt
from ipywidgets import FloatSlider, interact

import backprop_lab as bl


def slider(description, value, lo, hi):
    return FloatSlider(value=value, min=lo, max=hi, step=0.01, description=description,
                       continuous_update=True)


def show(o1, T, w21, b2, w32, b3):
    net = bl.Network.from_weights([[[w21]], [[w32]]], [[b2], [b3]])
    trace = bl.forward(net, [o1])
    grads = bl.backward(net, trace, [T])
    fig, (ax_net, ax_curve) = plt.subplots(1, 2, figsize=(9.2, 3.9), dpi=100)
    bl.figures.draw_network(net, trace, grads, show="gradients", ax=ax_net)
    bl.figures.plot_loss_vs_weight(net, [o1], [T], 1, 0, 0, span=2.0, ax=ax_curve)
    plt.show()


interact(show, o1=slider("o1", 0.2, -2, 2), T=slider("T", 0.7, 0, 1), w21=slider("w21", 0.2, -2, 2),
         b2=slider("b2", 0.1, -2, 2), w32=slider("w32", 0.3, -2, 2), b3=slider("b3", 0.1, -2, 2));
"""

# Arm a watcher on a box: resolves window.__blLat when a frame shows a new picture after the next keydown.
# mode "canvas": the first ipympl canvas's pixel hash differs; mode "img": a new, decoded <img> src.
_ARM_JS = (
    """([box, mode, timeoutMs]) => {
  const canvasSel = '"""
    + _lab.IPYMPL_CANVAS
    + """';
  const picture = () => {
    if (mode === 'canvas') return String(window.__blPixels(box.querySelector(canvasSel)).hash);
    const img = box.querySelector('.widget-output img, .jp-OutputArea-output img');
    return img && img.complete && img.naturalWidth > 0 ? img.src : null;
  };
  const base = picture();
  const lat = window.__blLat = {done: false, key: null, change: null, timedOut: false};
  document.addEventListener('keydown', e => { lat.key = e.timeStamp; }, {capture: true, once: true});
  const start = performance.now();
  const tick = () => {
    if (lat.key !== null) {
      const now = picture();
      if (now !== null && now !== base) { lat.change = performance.now(); lat.done = true; return; }
    }
    if (performance.now() - start > timeoutMs) { lat.timedOut = true; lat.done = true; return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""
)


def p90(values):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def press_and_time(page, element, mode, key, timeout_ms):
    """Press ``key`` on the focused slider: ms from keydown to the first frame with a new picture, or None."""
    page.evaluate(_ARM_JS, [element, mode, timeout_ms])
    page.keyboard.press(key)
    page.wait_for_function("() => window.__blLat.done", timeout=timeout_ms + 5_000)
    lat = page.evaluate("() => window.__blLat")
    return None if lat["timedOut"] or lat["key"] is None else lat["change"] - lat["key"]


def measure(page, box, mode, reps, timeout_ms=5_000):
    """Time ``reps`` alternating ArrowRight/ArrowLeft presses on the first slider whose press changes the
    picture every time (a slider like "epochs/step", or η before any training, changes nothing by design
    and is passed over).

    Returns (slider label, latencies in ms, presses that showed nothing within ``timeout_ms``).
    """
    page.evaluate(_lab.INSTALL_PIXEL_HASH_JS)
    element = box.element_handle()
    sliders = box.locator(_lab.SLIDER)
    fallback = None
    for s in range(sliders.count()):
        slider = sliders.nth(s)
        labels = slider.locator(".widget-label")
        label = labels.first.inner_text() if labels.count() else f"#{s}"
        slider.locator(".noUi-handle").first.focus()
        first = press_and_time(page, element, mode, "ArrowRight", timeout_ms)
        if first is None:  # nothing to see for this slider: put it back, try the next
            page.keyboard.press("ArrowLeft")
            page.wait_for_timeout(500)
            continue
        times, missed = [first], 0
        for rep in range(1, reps):
            page.wait_for_timeout(150)  # let any trailing redraw of the last change land first
            ms = press_and_time(page, element, mode, "ArrowLeft" if rep % 2 else "ArrowRight", timeout_ms)
            if ms is None:
                missed += 1
            else:
                times.append(ms)
        if reps % 2:  # an odd number of presses leaves the slider one step right: put it back
            page.keyboard.press("ArrowLeft")
        if missed > reps // 2:  # only the first press showed anything (η before any training): next slider
            fallback = fallback or (label, times, missed)
            continue
        return label, times, missed
    return fallback or ("(no slider changes the figure)", [], reps)


def open_and_run(browser, lab, rel_path, notebook):
    page = _lab.new_page(browser)
    state = _lab.open_notebook(page, lab, rel_path, timeout=_lab.notebook_timeout(notebook))
    _lab.run_all(page, state["id"], timeout=_lab.notebook_timeout(notebook))
    root = _lab.notebook_root(state["id"])
    _lab.wait_rendered(page, root, timeout=30)
    return page, root


def explorer_label(box, index):
    title = box.evaluate(
        "el => { const b = el.querySelector('.widget-html b'); return b ? b.innerText : ''; }"
    )
    return f"#{index} {title}".strip()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=20, help="key presses per explorer (default 20)")
    parser.add_argument("--no-naive", action="store_true", help="skip the interact + inline comparison")
    args = parser.parse_args(argv)

    if _lab.find_chromium() is None:
        print(_lab.CHROMIUM_MISSING)
        return 1
    from playwright.sync_api import sync_playwright

    source = _lab.notebooks_dir()
    rows = []  # (notebook, explorer, n, median, p90, missed)
    with tempfile.TemporaryDirectory(prefix="bl-bench-") as tmp:
        root_dir = Path(tmp) / "root"
        shutil.copytree(source, root_dir / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        if not args.no_naive:
            import nbformat

            nb = nbformat.v4.new_notebook(
                metadata={
                    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
                },
                cells=[
                    nbformat.v4.new_code_cell("%matplotlib inline"),
                    nbformat.v4.new_code_cell(NAIVE_SOURCE),
                ],
            )
            nbformat.write(nb, root_dir / "notebooks" / NAIVE_NOTEBOOK)

        lab = _lab.start_lab(root_dir, workdir=Path(tmp) / "lab")
        try:
            with sync_playwright() as p:
                browser = _lab.launch_browser(p)
                try:
                    for notebook in sorted((root_dir / "notebooks").glob("*.ipynb")):
                        if notebook.name == NAIVE_NOTEBOOK:
                            continue
                        rows += bench_notebook(browser, lab, notebook, args.reps)
                    if not args.no_naive:
                        rows += bench_naive(browser, lab, root_dir / "notebooks" / NAIVE_NOTEBOOK, args.reps)
                finally:
                    browser.close()
        finally:
            lab.stop()

    print()
    header = f"{'notebook':<26} {'explorer':<48} {'n':>3} {'median ms':>10} {'p90 ms':>8} {'missed':>6}"
    print(header)
    print("-" * len(header))
    naive = next((med for name, *_, med, _q, _m in rows if name.startswith("naive")), None)
    for name, label, n, med, q90, missed in rows:
        med_s = "-" if med is None else f"{med:.0f}"
        q90_s = "-" if q90 is None else f"{q90:.0f}"
        verdict = ""
        if med is not None and not name.startswith("naive"):
            verdict = "  within 80 ms" if med <= BUDGET_MS else "  OVER 80 ms"
            if naive:
                ok = "ok" if med <= naive / 2 else "OVER"
                verdict += f", {med / naive:.2f} of naive ({ok}: budget 0.5)"
        print(f"{name:<26} {label[:48]:<48} {n:>3} {med_s:>10} {q90_s:>8} {missed:>6}{verdict}")
    return 0


def bench_notebook(browser, lab, notebook, reps):
    rows = []
    page, root = open_and_run(browser, lab, f"notebooks/{notebook.name}", notebook)
    try:
        problems = _lab.visible_problems(page.locator(root).first)
        if problems:
            print(f"{notebook.name}: warning, the notebook shows problems: {problems[:2]}", file=sys.stderr)
        count = page.locator(root).first.evaluate(
            "el => { const b = [...el.querySelectorAll('.bl-explorer')];"
            " b.forEach((x, i) => x.setAttribute('data-bl-explorer', String(i))); return b.length; }"
        )
        for index in range(count):
            box = _lab.explorer(page, root, index)
            label = explorer_label(box, index)
            if box.locator(_lab.IPYMPL_CANVAS).count() == 0 or box.locator(_lab.SLIDER).count() == 0:
                rows.append((notebook.stem, label + " (no canvas/slider)", 0, None, None, 0))
                continue
            box.scroll_into_view_if_needed()
            slider, times, missed = measure(page, box, "canvas", reps)
            rows.append(summary(notebook.stem, f"{label} [{slider}]", times, missed))
            print(
                f"  {rows[-1][0]} {rows[-1][1]}: median {rows[-1][3] or float('nan'):.0f} ms", file=sys.stderr
            )
    finally:
        page.context.close()
    return rows


def bench_naive(browser, lab, notebook, reps):
    page, root = open_and_run(browser, lab, f"notebooks/{notebook.name}", notebook)
    try:
        problems = _lab.visible_problems(page.locator(root).first)
        box = page.locator(f"{root} .widget-interact").first
        if problems or not box.count():
            print(f"naive notebook failed: {problems or 'no interact box'}", file=sys.stderr)
            return [("naive (interact+inline)", "failed", 0, None, None, reps)]
        page.wait_for_function(
            "el => { const i = el.querySelector('img'); return i && i.complete && i.naturalWidth > 0; }",
            arg=box.element_handle(),
            timeout=30_000,
        )
        box.scroll_into_view_if_needed()
        slider, times, missed = measure(page, box, "img", reps)
        return [summary("naive (interact+inline)", f"2-panel worked example [{slider}]", times, missed)]
    finally:
        page.context.close()


def summary(name, label, times, missed):
    if not times:
        return (name, label, 0, None, None, missed)
    return (name, label, len(times), statistics.median(times), p90(times), missed)


if __name__ == "__main__":
    sys.exit(main())
