"""How long a student waits, in a real browser, from a key press on a slider to the new picture, as a ratio
to the round trip of the architecture measured in the same run; and the playground's frame rate.

Starts JupyterLab (127.0.0.1, free port, random token) and headless Chromium the same way as the browser
tests (tests/browser/_lab.py), but with JupyterLab's default notebook windowing (``contentVisibility``:
the browser skips cells out of view, as for a student; the tests keep every cell rendered), on a
temporary copy of the notebooks plus two generated ones:

* the echo floor: a slider whose value the kernel writes into an HTML label -- the same key press and
  round trip as an explorer, with nothing drawn. It stays open in a second page; before each explorer,
  ``--floor-reps`` presses on it give that explorer's reference.
* the naive way (``--naive``): the worked example's two panels re-plotted by ``interact`` with the
  inline backend (benchmarks/_naive.py).

For each explorer: the first slider whose key press changes the figure is pressed ``--reps`` times
(ArrowRight / ArrowLeft in turn). Each time is measured in the page, from the keydown event to the first
animation frame after the canvas was drawn with new pixels (for the floor: after the label changed; for
the naive way: after the new picture was decoded). Between presses the page waits for a round trip on
its own kernel connection (everything the press caused has arrived), not for a fixed time.

Then the playground trains a 2-8-8-1 network on its 200 points for ``--fps-seconds``: frames per second
in the browser, and epochs per frame; and, as its reference, the frame floor: a generated notebook whose
play ticks swap in the playground's own frames and tables, made beforehand (the same ticks, round trips
and picture size, nothing computed or drawn).

Budgets (docs/ARCHITECTURE.md): key -> figure pixels <= 1.5 x the echo floor, every explorer; playground
>= 20 frames/s with >= 10 epochs per frame.

    .venv/bin/python benchmarks/bench_browser_latency.py [--reps 20] [--only 02,03] [--naive] [--no-fps]

Prints the milliseconds and the ratios; asserts nothing. $BL_NOTEBOOKS_DIR selects the notebooks
(default notebooks/). Nothing in the repository is written.
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))

import _lab
from _naive import SOURCE as NAIVE_SOURCE

FLOOR_NOTEBOOK, NAIVE_NOTEBOOK = "echo_floor.ipynb", "naive_interact.ipynb"
FRAME_FLOOR_NOTEBOOK = "frame_floor.ipynb"
BUDGET_RATIO, BUDGET_FPS, BUDGET_EPOCHS = 1.5, 20, 10
FLOOR_SOURCE = """\
import ipywidgets as widgets

slider = widgets.FloatSlider(value=0.5, min=0.0, max=1.0, step=0.01, description="x", continuous_update=True)
label = widgets.HTML("x = 0.50")
slider.observe(lambda change: setattr(label, "value", f"x = {change['new']:.2f}"), names="value")
box = widgets.VBox([slider, label])
box.add_class("bl-floor")
box
"""

# The frame floor: what the playground's play / pause would show if a frame cost the kernel nothing. Each
# tick of a Play widget (the playground's interval) swaps in one of the playground's own frames and tables,
# made beforehand: the same ticks, round trips and picture size, with nothing computed or drawn.
FRAME_FLOOR_SOURCE = """\
import io

import ipywidgets as widgets
import matplotlib

matplotlib.use("agg")
import backprop_lab as bl

explorer = bl.explorers.playground()
explorer.set_values(layers=2, width=8)
frames, tables = [], []
for _ in range(40):
    explorer.step()
    buffer = io.BytesIO()
    explorer.fig.savefig(buffer, format="png")
    frames.append(buffer.getvalue())
    tables.append(explorer.numbers.value)
picture, numbers = widgets.Image(value=frames[0], format="png"), widgets.HTML(tables[0])
play = widgets.Play(value=0, min=0, max=10**9, interval=explorer.play.interval)


def tick(change):
    picture.value = frames[change["new"] % len(frames)]
    numbers.value = tables[change["new"] % len(frames)]


play.observe(tick, names="value")
box = widgets.VBox([play, picture, numbers])
box.add_class("bl-frame-floor")
box
"""

# --nodelay: the server's config sets TCP_NODELAY on every kernel websocket. Without it, a small message
# written while an earlier one is not yet acknowledged waits for the browser's delayed ACK (Nagle).
NODELAY_CONFIG = """\
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

_open = KernelWebsocketHandler.open


async def open(self, kernel_id):
    self.set_nodelay(True)
    await _open(self, kernel_id)


KernelWebsocketHandler.open = open
"""

# Arm a watcher on a box: window.__blLat gets the keydown time and the time of the first animation frame
# showing a new picture after it. mode "canvas": the box's ipympl canvas was drawn (drawImage, counted by
# a hook on its context) and its pixels differ; "text": the box's HTML widgets' text differs; "img": a new
# decoded <img>.
_ARM_JS = (
    """([box, mode, timeoutMs]) => {
  const canvas = box.querySelector('"""
    + _lab.IPYMPL_CANVAS
    + """');
  const img = () => box.querySelector('.widget-output img, .jp-OutputArea-output img');
  const picture = () => {
    if (mode === 'canvas') return String(window.__blPixels(canvas).hash);
    if (mode === 'text')  // the label the kernel writes, not the slider's own readout
      return [...box.querySelectorAll('.widget-html')].map(h => h.innerText).join('\\n');
    const i = img();
    return i && i.complete && i.naturalWidth > 0 ? i.src : null;
  };
  if (mode === 'canvas') {
    const ctx = canvas.getContext('2d');
    if (!ctx.__blCounted) {
      const draw = ctx.drawImage;
      ctx.drawImage = function (...args) { window.__blDraws = (window.__blDraws || 0) + 1;
                                           return draw.apply(this, args); };
      ctx.__blCounted = true;
    }
  }
  const base = picture();
  const lat = window.__blLat = {done: false, key: null, change: null, timedOut: false};
  let draws = window.__blDraws || 0;
  document.addEventListener('keydown', e => { lat.key = e.timeStamp; }, {capture: true, once: true});
  const start = performance.now();
  const tick = (frame) => {
    if (lat.key !== null) {
      let changed = false;
      if (mode !== 'canvas') {
        const now = picture();
        changed = now !== null && now !== base;
      } else if ((window.__blDraws || 0) !== draws) {  // hash only when ipympl drew something
        draws = window.__blDraws;
        changed = picture() !== base;
      }
      if (changed) { lat.change = frame; lat.done = true; return; }
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


class Page:
    """A notebook opened in JupyterLab in a page of its own, run top to bottom."""

    def __init__(self, browser, lab, notebook):
        self.page = _lab.new_page(browser)
        timeout = _lab.notebook_timeout(notebook)
        state = _lab.open_notebook(self.page, lab, f"notebooks/{notebook.name}", timeout=timeout)
        _lab.run_all(self.page, state["id"], timeout=timeout)
        self.panel_id, self.root = state["id"], _lab.notebook_root(state["id"])
        _lab.wait_rendered(self.page, self.root, timeout=30)
        self.page.evaluate(_lab.INSTALL_PIXEL_HASH_JS)

    def press(self, element, mode, key, timeout_ms=10_000):
        """Press `key` on the focused element: ms from keydown to the first frame with a new picture, or None.
        Afterwards everything the press caused has arrived (a round trip on the page's kernel connection)."""
        self.page.evaluate(_ARM_JS, [element, mode, timeout_ms])
        self.page.keyboard.press(key)
        self.page.wait_for_function("() => window.__blLat.done", timeout=timeout_ms + 5_000)
        lat = self.page.evaluate("() => window.__blLat")
        _lab.kernel_round_trip(self.page, self.panel_id)
        return None if lat["timedOut"] or lat["key"] is None else lat["change"] - lat["key"]

    def close(self):
        _lab.close_notebook(self.page, self.panel_id)
        self.page.context.close()


def label_of(slider, s):
    labels = slider.locator(".widget-label")
    return labels.first.inner_text() if labels.count() else f"#{s}"


def measure(nb, box, mode, reps):
    """Time `reps` alternating ArrowRight/ArrowLeft presses on the first slider whose press changes the
    picture (a slider like "epochs/step", or η before any training, changes nothing by design).

    Returns (slider label, latencies in ms, presses that showed nothing).
    """
    element, sliders = box.element_handle(), box.locator(_lab.SLIDER)
    for s in range(sliders.count()):
        sliders.nth(s).locator(".noUi-handle").first.focus()
        first = nb.press(element, mode, "ArrowRight", timeout_ms=3_000)
        if first is None:  # nothing to see for this slider: put it back, try the next
            nb.press(element, mode, "ArrowLeft", timeout_ms=1_000)
            continue
        times, missed = [first], 0
        for rep in range(1, reps):
            ms = nb.press(element, mode, "ArrowLeft" if rep % 2 else "ArrowRight")
            if ms is None:
                missed += 1
            else:
                times.append(ms)
        if reps % 2:  # an odd number of presses leaves the slider one step right: put it back
            nb.press(element, mode, "ArrowLeft", timeout_ms=1_000)
        return label_of(sliders.nth(s), s), times, missed
    return "(no slider changes the figure)", [], reps


def floor_block(floor, reps):
    box = floor.page.locator(f"{floor.root} .bl-floor").first
    floor.page.bring_to_front()
    box.locator(".noUi-handle").first.focus()
    return measure(floor, box, "text", reps)[1]


def set_slider(nb, box, label, value):
    """Move the slider called `label` to `value` with the keyboard."""
    handle = box.locator(_lab.SLIDER).filter(has_text=label).first.locator(".noUi-handle").first
    handle.focus()
    now = float(handle.get_attribute("aria-valuenow"))
    for _ in range(int(abs(value - now))):
        nb.page.keyboard.press("ArrowRight" if value > now else "ArrowLeft")
    _lab.kernel_round_trip(nb.page, nb.panel_id)
    assert float(handle.get_attribute("aria-valuenow")) == value, f"{label} did not reach {value}"


def epoch(box):
    found = re.search(r"epoch\s+(\d+)", box.inner_text())
    return int(found.group(1)) if found else None


def play_for(nb, box, seconds):
    """Press the box's play button, let it play `seconds` from its first frame, pause; every frame's time.

    The page must collect frame times in ``window.__blFrames`` (the caller installs the counter).
    """
    play = box.locator(".widget-play button").first
    play.click()
    nb.page.wait_for_function("() => window.__blFrames.length > 0", timeout=30_000)
    nb.page.wait_for_timeout(seconds * 1000)  # the measuring window (a benchmark, not a test)
    play.click()  # pause
    _lab.kernel_round_trip(nb.page, nb.panel_id)
    return nb.page.evaluate("() => window.__blFrames")


def per_second(frames, seconds):
    """Frames per second in the window of `seconds` from the first frame."""
    return len([t for t in frames if t - frames[0] <= seconds * 1000]) / seconds


def playground_fps(browser, lab, notebook, seconds):
    """Train 2-8-8-1 on the playground's 200 points for `seconds`: (frames/s, epochs per frame, frames)."""
    nb = Page(browser, lab, notebook)
    try:
        _lab.tag_explorers(nb.page, nb.root)
        box = _lab.explorer(nb.page, nb.root, 0)
        box.scroll_into_view_if_needed()
        set_slider(nb, box, "hidden layers", 2)
        set_slider(nb, box, "neurons each", 8)
        canvas = box.locator(_lab.IPYMPL_CANVAS).first
        canvas.evaluate("""c => { const ctx = c.getContext('2d'); const draw = ctx.drawImage;
            window.__blFrames = [];
            ctx.drawImage = function (...a) { window.__blFrames.push(performance.now());
                                              return draw.apply(this, a); };
        }""")
        epochs0 = epoch(box)
        frames = play_for(nb, box, seconds)
        epochs = epoch(box) - epochs0
        return per_second(frames, seconds), epochs / len(frames), len(frames)
    finally:
        nb.close()


def frame_floor_fps(browser, lab, notebook, seconds):
    """Frames per second the browser shows from the frame floor's ticks (FRAME_FLOOR_SOURCE)."""
    nb = Page(browser, lab, notebook)
    try:
        box = nb.page.locator(".bl-frame-floor").first
        box.scroll_into_view_if_needed()
        box.evaluate("""b => { window.__blFrames = [];  // load events do not bubble: listen while capturing
            b.addEventListener('load', e => {
                if (e.target.tagName === 'IMG') window.__blFrames.push(performance.now()); }, true); }""")
        return per_second(play_for(nb, box, seconds), seconds)
    finally:
        nb.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=20, help="key presses per explorer (default 20)")
    parser.add_argument("--floor-reps", type=int, default=10,
                        help="presses on the echo floor before each explorer (default 10)")
    parser.add_argument("--only", default="", help="notebooks to run, e.g. 02,03 (default: every explorer)")
    parser.add_argument("--naive", action="store_true", help="also time interact + inline (slow)")
    parser.add_argument("--no-fps", action="store_true", help="skip the playground's frame rate")
    parser.add_argument("--fps-seconds", type=float, default=8.0, help="how long the playground trains")
    parser.add_argument("--windowing", default="contentVisibility",
                        choices=["contentVisibility", "none", "full", "defer"],
                        help="JupyterLab's notebook windowing mode (default: JupyterLab's own default, "
                             "what a student has; the browser tests use none)")
    parser.add_argument("--nodelay", action="store_true",
                        help="switch off Nagle's algorithm on the server's kernel websockets (TCP_NODELAY; "
                             "jupyter_server leaves it on), to see how much of the floor it is")
    args = parser.parse_args(argv)

    if _lab.find_chromium() is None:
        print(_lab.CHROMIUM_MISSING)
        return 1
    import nbformat
    from playwright.sync_api import sync_playwright

    def notebook(name, *cells):
        nb = nbformat.v4.new_notebook(
            metadata={"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
            cells=[nbformat.v4.new_code_cell(c) for c in cells])
        nbformat.write(nb, folder / name)
        return folder / name

    rows, floors, fps = [], [], None
    with tempfile.TemporaryDirectory(prefix="bl-bench-") as tmp:
        folder = Path(tmp) / "root" / "notebooks"
        shutil.copytree(_lab.notebooks_dir(), folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        floor_nb = notebook(FLOOR_NOTEBOOK, FLOOR_SOURCE)
        naive_nb = notebook(NAIVE_NOTEBOOK, "%matplotlib inline", NAIVE_SOURCE)
        chosen = [p for p in sorted(folder.glob("[0-9]*.ipynb"))
                  if not args.only or p.name[:2] in args.only.split(",")]
        if args.nodelay:
            (Path(tmp) / "lab" / "config").mkdir(parents=True)
            (Path(tmp) / "lab" / "config" / "jupyter_server_config.py").write_text(NODELAY_CONFIG)
        lab = _lab.start_lab(folder.parent, workdir=Path(tmp) / "lab", settings={
            "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": args.windowing}})
        try:
            with sync_playwright() as p:
                browser = _lab.launch_browser(p)
                try:
                    floor = Page(browser, lab, floor_nb)
                    for path in chosen:
                        rows += bench_notebook(browser, lab, path, floor, args, floors)
                    if args.naive:
                        floors.append(floor_block(floor, args.floor_reps))
                        rows += bench_naive(browser, lab, naive_nb, args.reps, floors[-1])
                    floor.close()
                    playground = folder / "08_playground.ipynb"
                    if not args.no_fps and playground.exists():
                        fps = playground_fps(browser, lab, playground, args.fps_seconds)
                        reference = notebook(FRAME_FLOOR_NOTEBOOK, FRAME_FLOOR_SOURCE)
                        fps += (frame_floor_fps(browser, lab, reference, args.fps_seconds),)
                finally:
                    browser.close()
        finally:
            lab.stop()
    print(f"\nJupyterLab notebook windowing mode: {args.windowing}; kernel websockets "
          + ("with TCP_NODELAY (--nodelay)" if args.nodelay else "as jupyter_server leaves them (Nagle on)"))
    report(rows, floors, fps)
    return 0


def bench_notebook(browser, lab, path, floor, args, floors):
    rows = []
    nb = Page(browser, lab, path)
    try:
        count = _lab.tag_explorers(nb.page, nb.root)
        for index in range(count):
            box = _lab.explorer(nb.page, nb.root, index)
            if box.locator(_lab.IPYMPL_CANVAS).count() == 0:
                continue
            floors.append(floor_block(floor, args.floor_reps))
            nb.page.bring_to_front()
            box.scroll_into_view_if_needed()
            slider, times, missed = measure(nb, box, "canvas", args.reps)
            rows.append((path.stem, slider, times, missed, floors[-1]))
            print(f"  {path.stem} [{slider}]: median {statistics.median(times or [math.nan]):.0f} ms, "
                  f"floor {statistics.median(floors[-1] or [math.nan]):.0f} ms", file=sys.stderr)
    finally:
        nb.close()
    return rows


def bench_naive(browser, lab, path, reps, floor_times):
    nb = Page(browser, lab, path)
    try:
        box = nb.page.locator(f"{nb.root} .widget-interact").first
        nb.page.wait_for_function(
            "el => { const i = el.querySelector('img'); return i && i.complete && i.naturalWidth > 0; }",
            arg=box.element_handle(), timeout=60_000)
        box.scroll_into_view_if_needed()
        slider, times, missed = measure(nb, box, "img", reps)
        return [("naive (interact+inline)", slider, times, missed, floor_times)]
    finally:
        nb.close()


def report(rows, floors, fps):
    every = [t for block in floors for t in block]
    print()
    if every:
        print(f"echo floor (slider -> kernel -> HTML label, nothing drawn): median"
              f" {statistics.median(every):.0f} ms, p90 {p90(every):.0f} ms over {len(every)} presses in"
              f" {len(floors)} blocks"
              f" (block medians {', '.join(f'{statistics.median(b):.0f}' for b in floors if b)} ms)")
    head = (f"{'notebook':<24} {'slider':<16} {'n':>3} {'median':>7} {'p90':>6} {'floor':>6} {'ratio':>6}  "
            f"verdict (<= {BUDGET_RATIO} x the floor measured just before)")
    print(head)
    print("-" * len(head))
    for name, slider, times, missed, floor_times in rows:
        if not times or not floor_times:
            print(f"{name:<24} {slider[:16]:<16} {0:>3}      -      -      -      -  nothing measured")
            continue
        med, ref = statistics.median(times), statistics.median(floor_times)
        verdict = "ok" if med <= BUDGET_RATIO * ref else "OVER"
        if name.startswith("naive"):
            verdict = "(for comparison)"
        miss = f", {missed} presses showed nothing" if missed else ""
        print(f"{name:<24} {slider[:16]:<16} {len(times):>3} {med:7.0f} {p90(times):6.0f} {ref:6.0f} "
              f"{med / ref:6.2f}  {verdict}{miss}")
    if fps is not None:
        rate, per_frame, frames, floor = fps
        ok = "ok" if rate >= BUDGET_FPS and per_frame >= BUDGET_EPOCHS else "OVER"
        print(f"\nframe floor (play ticks that swap in stored playground frames and tables, nothing"
              f" computed): {floor:.1f} frames/s")
        print(f"playground training 2-8-8-1 on 200 points: {rate:.1f} frames/s in the browser"
              f" ({rate / floor:.2f} x the frame floor), {per_frame:.1f} epochs per frame ({frames} frames)"
              f"  {ok} (budget >= {BUDGET_FPS} frames/s, >= {BUDGET_EPOCHS} epochs per frame)")


if __name__ == "__main__":
    sys.exit(main())
