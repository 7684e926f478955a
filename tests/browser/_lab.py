"""Servers, browser and page helpers shared by the browser tests and benchmarks/bench_browser_latency.py.

Nothing here is pytest-specific: conftest.py wraps these in fixtures, the
benchmark calls them directly (after putting this folder on ``sys.path``).

Servers listen on 127.0.0.1 only, on a free port, with a random token, and are
stopped by their own PID (``Server.stop``). Each server gets isolated Jupyter
runtime/config/data dirs and JupyterLab user-settings and workspaces dirs under
a temporary folder; the lab extensions (ipywidgets, ipympl) are still found
because they live in ``sys.prefix/share/jupyter``, which Jupyter always searches.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
CHROMIUM_MISSING = (
    f"Chromium not found at {CHROMIUM_PATH}: install it with "
    "`sudo apt-get install chromium chromium-driver` to run the browser tests"
)

# JupyterLab user settings for the test server: no news/update toast, no autosave
# (running a notebook must never write outputs back into notebooks/), and every
# cell kept rendered (no windowing), so canvases and full screenshots are complete.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
STDERR_MIME = "application/vnd.jupyter.stderr"
# The main ipympl canvas (the second canvas of the div is the transparent rubber-band layer).
IPYMPL_CANVAS = ".jupyter-matplotlib-canvas-div > canvas:first-child"
SLIDER = ".widget-slider, .widget-hslider"


def notebooks_dir() -> Path:
    """The notebooks under test: $BL_NOTEBOOKS_DIR, else the repo's notebooks/."""
    return Path(os.environ.get("BL_NOTEBOOKS_DIR") or REPO_ROOT / "notebooks").resolve()


def list_notebooks() -> list[Path]:
    return sorted(notebooks_dir().glob("*.ipynb"))


def notebook_params():
    """One ``pytest.param`` per notebook (globbed at collection time), or one skipped param if none."""
    import pytest

    notebooks = list_notebooks()
    if not notebooks:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no notebooks in {notebooks_dir()}"))]
    return [pytest.param(nb, id=nb.stem) for nb in notebooks]


def timeout_scale() -> float:
    """$BL_BROWSER_TIMEOUT_SCALE multiplies every timeout (for slow machines)."""
    return float(os.environ.get("BL_BROWSER_TIMEOUT_SCALE", "1"))


def notebook_timeout(path: Path) -> float:
    """Seconds allowed for opening and running a whole notebook: scales with its code cells."""
    try:
        cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        cells = []
    n_code = sum(1 for c in cells if c.get("cell_type") == "code")
    return (60.0 + 4.0 * n_code) * timeout_scale()


def find_chromium() -> str | None:
    path = Path(CHROMIUM_PATH)
    return str(path) if path.exists() and os.access(path, os.X_OK) else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- servers --------------------------------------------------------------------------


@dataclass
class Server:
    """A JupyterLab or Voilà server we started: ``url`` is the base URL (ending in '/')."""

    kind: str
    url: str
    token: str
    root: Path
    proc: subprocess.Popen
    log_path: Path
    workdir: Path
    _log: object = field(repr=False, default=None)
    _own_workdir: bool = True

    def url_for(self, path: str, **query: str) -> str:
        """``url + path`` with the token (and any other query parameters) appended."""
        params = "&".join([f"{k}={v}" for k, v in query.items()] + [f"token={self.token}"])
        sep = "&" if "?" in path else "?"
        return f"{self.url}{path.lstrip('/')}{sep}{params}"

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self, timeout: float = 15.0) -> None:
        """Terminate our process (SIGTERM, then SIGKILL), close the log, remove the temp dir."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout)
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)


def _isolated_env(workdir: Path) -> dict:
    env = dict(os.environ)
    for name in ("runtime", "data", "config", "settings", "ipython"):
        (workdir / name).mkdir(parents=True, exist_ok=True)
    env.update(
        JUPYTER_RUNTIME_DIR=str(workdir / "runtime"),
        JUPYTER_DATA_DIR=str(workdir / "data"),
        JUPYTER_CONFIG_DIR=str(workdir / "config"),
        JUPYTERLAB_SETTINGS_DIR=str(workdir / "settings"),
        IPYTHONDIR=str(workdir / "ipython"),
        PYTHONUNBUFFERED="1",
    )
    env.pop("JUPYTER_PATH", None)
    env.pop("JUPYTER_CONFIG_PATH", None)
    # The kernel's own warnings filters must not be the test run's ("error").
    env.pop("PYTHONWARNINGS", None)
    return env


def _write_lab_settings(settings_dir: Path, overrides: dict | None = None) -> None:
    for rel, values in {**LAB_SETTINGS, **(overrides or {})}.items():
        path = settings_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=2), encoding="utf-8")


def _wait_until_up(server: Server, probe: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(
                f"{server.kind} exited with code {server.proc.returncode} before answering:\n"
                + server.log_tail()
            )
        try:
            with urllib.request.urlopen(server.url_for(probe), timeout=5) as response:
                if response.status == 200:
                    response.read()
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
            last = exc
        time.sleep(0.2)
    raise TimeoutError(
        f"{server.kind} did not answer {probe} within {timeout:.0f}s ({last}):\n{server.log_tail()}"
    )


def _start(kind: str, argv_for_port, root: Path, probe: str, workdir: Path | None, timeout: float,
           settings: dict | None = None) -> Server:
    own = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix=f"bl-{kind}-")) if own else Path(workdir)
    env = _isolated_env(workdir)
    _write_lab_settings(workdir / "settings", settings)
    (workdir / "workspaces").mkdir(exist_ok=True)
    last_error = None
    for _attempt in range(3):  # the free port may be taken between probing and binding
        token = secrets.token_hex(24)
        port = free_port()
        log_path = workdir / f"{kind}-{port}.log"
        log = open(log_path, "wb")  # noqa: SIM115 - open while the server runs; Server.stop closes it
        proc = subprocess.Popen(
            argv_for_port(port, token, workdir),
            cwd=str(root),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        server = Server(kind, f"http://127.0.0.1:{port}/", token, root, proc, log_path, workdir, log, own)
        try:
            _wait_until_up(server, probe, timeout * timeout_scale())
            return server
        except Exception as exc:  # noqa: BLE001 - retried, then re-raised
            last_error = exc
            server._own_workdir = False  # keep the logs for the next attempt's message
            server.stop()
            if "address already in use" not in server.log_tail().lower():
                break
    if own:
        shutil.rmtree(workdir, ignore_errors=True)
    raise RuntimeError(f"could not start {kind}: {last_error}")


def start_lab(root: Path, workdir: Path | None = None, timeout: float = 90.0,
              settings: dict | None = None) -> Server:
    """JupyterLab serving ``root``; ``window.jupyterapp`` is exposed to the page.

    `settings` replaces entries of ``LAB_SETTINGS`` (a settings file's name -> its values).
    """

    def argv(port, token, wd):
        return [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            f"--LabApp.workspaces_dir={wd / 'workspaces'}",
            f"--LabApp.user_settings_dir={wd / 'settings'}",
            "--ServerApp.open_browser=False",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.news_url=",
            "--ServerApp.terminals_enabled=False",
            # JupyterLab checkpoints a notebook when it opens it: keep those out of the notebooks' folder.
            f"--FileCheckpoints.checkpoint_dir={wd / 'checkpoints'}",
        ]

    return _start("lab", argv, Path(root), "api/status", workdir, timeout, settings)


def start_voila(notebooks: Path, workdir: Path | None = None, timeout: float = 90.0) -> Server:
    """Voilà serving the folder ``notebooks`` (pages at ``voila/render/NAME.ipynb``)."""

    def argv(port, token, wd):
        return [
            sys.executable,
            "-m",
            "voila",
            str(notebooks),
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            f"--port={port}",
            "--Voila.port_retries=0",
            f"--Voila.token={token}",
            "--Voila.open_browser=False",
            # Kernel connection files under the server's own folder (a test may connect to the kernel).
            f"--Voila.connection_dir_root={wd / 'runtime'}",
            # A failing cell shows its traceback (the test then reports it) instead of a generic message.
            "--VoilaConfiguration.show_tracebacks=True",
        ]

    return _start("voila", argv, Path(notebooks), "voila/tree", workdir, timeout)


# --- browser --------------------------------------------------------------------------


def launch_browser(playwright, executable_path: str = CHROMIUM_PATH):
    return playwright.chromium.launch(executable_path=executable_path, args=list(CHROMIUM_ARGS))


def new_page(browser, width: int = 1400, height: int = 1000):
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(30_000 * timeout_scale())
    return page


# --- JupyterLab ------------------------------------------------------------------------

# A JS function returning what state the Lab page is in for the notebook at `path`.
_LAB_STATE_JS = """(path) => {
  const toastNews = [...document.querySelectorAll('.Toastify__toast')]
      .some(t => /official Jupyter news/.test(t.textContent));
  const dialog = document.querySelector('.jp-Dialog');
  const app = window.jupyterapp;
  if (!app || !app.shell) return {stage: 'loading', dialog: !!dialog, toastNews};
  const panel = Array.from(app.shell.widgets('main')).find(w => w.context && w.context.path === path);
  if (!panel) return {stage: 'opening', dialog: !!dialog, toastNews};
  const sc = panel.sessionContext;
  const kernel = sc && sc.session && sc.session.kernel;
  return {
    stage: sc && sc.isReady && kernel && kernel.status === 'idle' && panel.content.widgets.length > 0
      ? 'ready' : 'starting',
    kernel: kernel ? kernel.status : null,
    dialog: !!dialog, dialogText: dialog ? dialog.textContent.slice(0, 300) : '', toastNews,
    id: panel.id,
  };
}"""


def _dismiss(page, state: dict) -> None:
    """Accept a kernel-selection (or any other) dialog; say 'No' to the news toast."""
    if state.get("toastNews"):
        toast = page.locator(".Toastify__toast", has_text="official Jupyter news")
        button = toast.get_by_role("button", name="No")
        if button.count():
            button.first.click()
    if state.get("dialog"):
        accept = page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept")
        if accept.count():
            accept.first.click()
        else:
            page.keyboard.press("Escape")


def lab_app_loaded(page, lab: Server) -> bool:
    """Whether ``page`` already shows JupyterLab from ``lab`` (so a notebook can open without a reload)."""
    if page.is_closed() or not page.url.startswith(lab.url):
        return False
    return page.evaluate("() => !!(window.jupyterapp && window.jupyterapp.shell)")


def open_notebook(page, lab: Server, nb_path: str, timeout: float = 60.0) -> dict:
    """Open ``nb_path`` (relative to the server root); wait until its kernel is idle. Returns its state
    (``id``: the notebook panel's DOM id).

    A page without JupyterLab loads it in a new, uniquely named workspace (so nothing from another tab
    is restored); in a page that already shows JupyterLab, the notebook is opened beside the others.
    """
    if lab_app_loaded(page, lab):
        page.evaluate("(path) => { window.jupyterapp.commands.execute('docmanager:open', {path}); }", nb_path)
    else:
        workspace = f"bl-{uuid.uuid4().hex[:8]}"
        page.goto(lab.url_for(f"lab/workspaces/{workspace}/tree/{nb_path}"), wait_until="domcontentloaded")
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + timeout
    state = {}
    # Something to act on: the notebook is ready, or a dialog or the news toast is in the way.
    actionable = (f"(path) => {{ const s = ({_LAB_STATE_JS})(path);"
                  " return s.stage === 'ready' || s.dialog || s.toastNews; }")
    while time.monotonic() < deadline:
        try:
            left_ms = max(1.0, deadline - time.monotonic()) * 1000
            page.wait_for_function(actionable, arg=nb_path, timeout=left_ms)
        except PlaywrightTimeout:
            break
        state = page.evaluate(_LAB_STATE_JS, nb_path)
        if state.get("dialog") or state.get("toastNews"):
            _dismiss(page, state)
        elif state.get("stage") == "ready":
            # The notebook gets the whole width (as after a student closes the file browser).
            page.evaluate(
                "(id) => { const s = window.jupyterapp.shell; s.collapseLeft(); s.activateById(id); }",
                state["id"],
            )
            return state
    state = page.evaluate(_LAB_STATE_JS, nb_path)
    raise TimeoutError(f"notebook {nb_path} not ready after {timeout:.0f}s: {state}\n{lab.log_tail()}")


def close_notebook(page, panel_id: str, timeout: float = 15.0) -> None:
    """Shut down an open notebook's kernel and close its tab without saving (no dialog)."""
    page.evaluate(
        """async ([id, ms]) => {
          const panel = Array.from(window.jupyterapp.shell.widgets('main')).find(w => w.id === id);
          if (!panel) return;
          if (panel.sessionContext.session)
            await Promise.race([panel.sessionContext.shutdown(), new Promise(r => setTimeout(r, ms))]);
          panel.context.model.dirty = false;
          panel.dispose();
        }""",
        [panel_id, int(timeout * 1000)],
    )


_RUN_ALL_JS = """() => {
  window.__blRun = {done: false, ok: null, error: null, start: performance.now()};
  window.jupyterapp.commands.execute('notebook:run-all-cells').then(
    ok => Object.assign(window.__blRun, {done: true, ok: ok}),
    err => Object.assign(window.__blRun, {done: true, error: String(err)}));
}"""

# True when the kernel is idle and no cell of the current notebook is queued or running.
_IDLE_JS = """(id) => {
  const app = window.jupyterapp;
  const panel = Array.from(app.shell.widgets('main')).find(w => w.id === id);
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  const busy = [...panel.node.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('[*]'));
  return !!kernel && kernel.status === 'idle' && !busy;
}"""


def run_all(page, panel_id: str, timeout: float) -> dict:
    """Run all cells of the active notebook; wait until done, the kernel idle and no '[*]' prompt, and until
    what the kernel sent for the cells (and for the widgets they showed) has arrived."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.evaluate(_RUN_ALL_JS)
    ms = int(timeout * 1000)
    try:
        page.wait_for_function("() => window.__blRun && window.__blRun.done", timeout=ms)
        page.wait_for_function(_IDLE_JS, arg=panel_id, timeout=ms)
        # New widgets' first messages (e.g. a figure asking for its first picture) were sent before
        # this round trip: after it, the kernel has handled them and their answers have arrived.
        kernel_round_trip(page, panel_id, timeout_ms=ms)
        page.wait_for_function(_IDLE_JS, arg=panel_id, timeout=ms)
    except PlaywrightTimeout:
        running = page.evaluate(_RUNNING_CELLS_JS, panel_id)
        raise TimeoutError(
            f"the notebook was still running after {timeout:.0f}s; cells queued or running: {running}"
        ) from None
    return page.evaluate("() => window.__blRun")


# The first line of every code cell of a notebook panel whose prompt shows '[*]'.
_RUNNING_CELLS_JS = """(id) => [...document.querySelectorAll('#' + id + ' .jp-CodeCell')]
  .filter(c => (c.querySelector('.jp-InputPrompt') || {}).textContent?.includes('[*]'))
  .map(c => ((c.querySelector('.jp-InputArea-editor .cm-line') || {}).textContent || '').slice(0, 80))"""


# --- what a student sees -----------------------------------------------------------------

# JS: an FNV-1a hash of a canvas's pixels, and whether it has more than one colour.
CANVAS_PIXELS_JS = """(canvas) => {
  const w = canvas.width, h = canvas.height;
  if (!w || !h) return {width: w, height: h, hash: 0, drawn: false, colours: 0};
  const data = canvas.getContext('2d').getImageData(0, 0, w, h).data;
  let hash = 0x811c9dc5 >>> 0;
  const seen = new Set();
  for (let i = 0; i < data.length; i += 4) {
    const px = (data[i] << 24 | data[i + 1] << 16 | data[i + 2] << 8 | data[i + 3]) >>> 0;
    hash = Math.imul(hash ^ px, 0x01000193) >>> 0;
    if (seen.size < 3) seen.add(px);
  }
  return {width: w, height: h, hash: hash, drawn: seen.size > 1, colours: seen.size};
}"""

# The same as a page-level function, for use inside other page scripts.
INSTALL_PIXEL_HASH_JS = "() => { window.__blPixels = " + CANVAS_PIXELS_JS + "; }"


def canvas_pixels(canvas_locator) -> dict:
    """``{width, height, hash, drawn, colours}`` of one canvas (``drawn``: not all one colour)."""
    return canvas_locator.evaluate(CANVAS_PIXELS_JS)


def canvas_hash(canvas_locator) -> int:
    return canvas_pixels(canvas_locator)["hash"]


def canvas_has_drawing(canvas_locator) -> bool:
    return canvas_pixels(canvas_locator)["drawn"]


# JS over a root element: problems a student would see, as a list of strings.
_PROBLEMS_JS = r"""(root) => {
  const problems = [];
  const text = el => (el.innerText || el.textContent || '').trim();
  const STDERR = '[data-mime-type="application/vnd.jupyter.stderr"], '
      + '[data-mime-type="application/vnd.jupyter.error"]';
  const errorOutputs = STDERR.split(', ').map(m => '.jp-OutputArea-output' + m).join(', ');
  for (const el of root.querySelectorAll(errorOutputs)) {
    const t = text(el);
    if (/Traceback|\b\w*(Error|Exception|Warning)\b/.test(t))
      problems.push('error output: ' + t.slice(0, 800));
  }
  for (const el of root.querySelectorAll('.jp-RenderedText')) {
    if (el.closest(STDERR)) continue;  // reported above
    const t = text(el);
    if (/Traceback \(most recent call last\)|^\w*Error: |\n\w*Error: /.test(t))
      problems.push('error text: ' + t.slice(0, 800));
  }
  const widgetOutputs = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]';
  for (const el of root.querySelectorAll(widgetOutputs)) {
    const t = el.childElementCount ? '' : text(el);
    if (/Error displaying widget/.test(text(el).slice(0, 60)))
      problems.push('widget failed: ' + text(el).slice(0, 300));
    else if (/^Loading widget/.test(t))
      problems.push('widget stuck: ' + t.slice(0, 100));
    else if (!el.childElementCount && !el.classList.contains('lm-mod-hidden') && t === '')
      problems.push('widget output empty');
  }
  for (const el of root.querySelectorAll('.bl-error')) {
    const t = text(el);
    if (t) problems.push('explorer error: ' + t.slice(0, 500));
  }
  for (const el of root.querySelectorAll('*')) {
    if (el.children.length === 0 && /There was an error when executing cell/.test(el.textContent))
      problems.push('voila: ' + text(el).slice(0, 300));
  }
  return problems;
}"""


def console_hint(console_errors) -> str:
    """Browser console errors worth showing in an assertion message (e.g. ipympl's "Error setting state")."""
    errors = [e for e in console_errors if "Failed to load resource" not in e]
    return ("\nbrowser console errors: " + " | ".join(errors[:5])) if errors else ""


def visible_problems(root_locator) -> list[str]:
    """Error outputs, tracebacks, failed or stuck widgets, explorer errors under ``root``."""
    return root_locator.evaluate(_PROBLEMS_JS)


# JS: widgets still loading, and ipympl canvases still blank, under root.
_PENDING_JS = (
    """(root) => {
  const loading = [...root.querySelectorAll('.jp-OutputArea-output')]
      .filter(el => !el.childElementCount && /^Loading widget/.test(el.textContent || '')).length;
  const canvases = [...root.querySelectorAll('"""
    + IPYMPL_CANVAS
    + """')];
  const blank = canvases.filter(c => !window.__blPixels(c).drawn).length;
  return {loading, blank, canvases: canvases.length};
}"""
)


def wait_rendered(page, root_selector: str, timeout: float) -> dict:
    """Wait until no widget under ``root_selector`` says "Loading widget..." and every ipympl canvas is drawn.

    Returns the last state; does not raise on timeout (the caller asserts on what is visible).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.evaluate(INSTALL_PIXEL_HASH_JS)
    root = page.locator(root_selector).first
    done = f"(root) => {{ const s = ({_PENDING_JS})(root); return s.loading === 0 && s.blank === 0; }}"
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(done, arg=root.element_handle(), timeout=timeout * 1000)
    return root.evaluate(_PENDING_JS)


def notebook_root(panel_id: str) -> str:
    """The CSS selector of an open notebook panel."""
    return f"#{panel_id}"


# How many pixels of the scroller's content (down to the last cell, not the scroll-past-end space) are hidden.
_CONTENT_OVERFLOW_JS = """el => {
  el.scrollTop = 0;
  const cells = el.querySelectorAll('.jp-Cell');
  const last = cells.length ? cells[cells.length - 1] : null;
  const top = el.getBoundingClientRect().top;
  const bottom = last ? last.getBoundingClientRect().bottom - top : el.scrollHeight;
  return Math.ceil(bottom - el.clientHeight);
}"""


_TAG_SCROLLER_JS = """() => {
  let best = null;
  for (const el of document.querySelectorAll('body *')) {
    const oy = getComputedStyle(el).overflowY;
    if ((oy === 'auto' || oy === 'scroll') && el.scrollHeight > el.clientHeight + 5 && el.clientHeight > 200
        && (!best || el.scrollHeight > best.scrollHeight)) best = el;
  }
  document.querySelectorAll('[data-bl-scroller]').forEach(el => el.removeAttribute('data-bl-scroller'));
  if (best) best.setAttribute('data-bl-scroller', '');
  return !!best;
}"""


def screenshot_full(page, path: Path, scroller_selector: str | None = None, max_height: int = 12000) -> Path:
    """A screenshot of the whole page. Pages that scroll inside an element (JupyterLab's notebook, Voilà)
    get a viewport grown until that element's content fits; ``scroller_selector`` names it, else the
    biggest scrolling element is used."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    grown = False
    # Without a selector: the page's biggest inner scrolling element, if any (Voilà has one).
    if scroller_selector is None and page.evaluate(_TAG_SCROLLER_JS):
        scroller_selector = "[data-bl-scroller]"
    if scroller_selector and page.locator(scroller_selector).count():
        scroller = page.locator(scroller_selector).first
        for _ in range(3):  # growing may re-flow the notebook: measure again
            extra = scroller.evaluate(_CONTENT_OVERFLOW_JS)
            height = page.viewport_size["height"]
            if extra <= 0 or height >= max_height:
                break
            page.set_viewport_size({"width": size["width"], "height": min(height + extra + 40, max_height)})
            grown = True
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        scroller.evaluate("el => { el.scrollTop = 0; }")
    try:
        page.screenshot(path=str(path), full_page=True)
    finally:
        if grown:
            page.set_viewport_size(size)
    return path


def lab_scroller(panel_id: str) -> str:
    return f"#{panel_id} .jp-WindowedPanel-outer"


def safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)


# --- explorers ---------------------------------------------------------------------------

# JS over a root: tag every explorer with data-bl-explorer="i"; return how many.
# Explorers are `.bl-explorer` boxes; without any, each widget output holding a slider counts as one.
_TAG_EXPLORERS_JS = """(root, slider) => {
  let boxes = [...root.querySelectorAll('.bl-explorer')]
      .filter(b => !b.parentElement.closest('.bl-explorer'));
  if (!boxes.length)
    boxes = [...root.querySelectorAll('.jp-OutputArea-output')].filter(o => o.querySelector(slider));
  boxes.forEach((b, i) => b.setAttribute('data-bl-explorer', String(i)));
  return boxes.length;
}"""


def tag_explorers(page, root_selector: str) -> int:
    return page.locator(root_selector).first.evaluate(_TAG_EXPLORERS_JS, SLIDER)


def explorer(page, root_selector: str, index: int):
    return page.locator(f'{root_selector} [data-bl-explorer="{index}"]')


def readout_text(explorer_locator) -> str:
    """The text of every HTML widget in the explorer (its numbers), joined."""
    return explorer_locator.evaluate(
        "el => [...el.querySelectorAll('.widget-html')].map(h => h.innerText).join('\\n')"
    )


# --- the kernel behind a page ------------------------------------------------------------

# JS: the kernel connection the page's widgets talk through (JupyterLab: that notebook panel's; Voilà:
# its own).
_KERNEL_JS = """(panelId) => panelId
  ? Array.from(window.jupyterapp.shell.widgets('main')).find(w => w.id === panelId)
      .sessionContext.session.kernel
  : window.jupyterapp.widgetManager.kernel"""


def kernel_round_trip(page, panel_id: str | None = None, timeout_ms: int = 30_000) -> None:
    """Ask the kernel for its info on the page's own kernel connection; wait until the reply and idle arrived.

    The kernel handles the messages of one connection that go to its main shell (every explorer's, see
    explorers/sync.py) in the order they were sent, and its output comes back in order: so afterwards,
    everything the page had sent before has been handled and what the kernel sent for it has arrived.
    (A kernel-info request, not an execution: Voilà lets no code run from the page.) ``panel_id`` names a
    JupyterLab notebook panel; None means a Voilà page.
    """
    page.evaluate(
        f"""async ([panelId, ms]) => {{
          const kernel = ({_KERNEL_JS})(panelId);
          const late = new Promise((_, no) => setTimeout(
            () => no(new Error('no reply to a kernel-info request within ' + ms + ' ms')), ms));
          await Promise.race([kernel.requestKernelInfo(), late]);
        }}""",
        [panel_id, timeout_ms],
    )


class KernelHold:
    """Keeps the page's kernel busy (code that waits for a file) until :meth:`release`.

    What the page sends meanwhile queues up in front of the kernel in the order it was sent, as
    when a slow update is running: so a test can set up a race exactly. Use as a context manager;
    leaving it releases the kernel. In JupyterLab the code runs through the page; Voilà runs no code
    from a page, so there (``panel_id`` None) it is sent by a client of our own, from the server's
    connection file in ``runtime_dir``.
    """

    def __init__(self, page, panel_id: str | None, folder: Path, timeout_s: float = 60.0,
                 runtime_dir: Path | None = None):
        self.page, self.panel_id, self.timeout_s, self.runtime_dir = page, panel_id, timeout_s, runtime_dir
        self.client = None
        folder.mkdir(parents=True, exist_ok=True)
        self.started, self.go = folder / "held", folder / "release"
        for path in (self.started, self.go):
            path.unlink(missing_ok=True)

    def __enter__(self):
        code = (
            "import pathlib as _p, time as _t\n"
            f"_p.Path({str(self.started)!r}).touch()\n"
            f"_end = _t.monotonic() + {self.timeout_s}\n"
            f"while not _p.Path({str(self.go)!r}).exists() and _t.monotonic() < _end:\n"
            "    _t.sleep(0.005)\n"
        )
        if self.panel_id is None:
            from jupyter_client import BlockingKernelClient

            kernel_id = self.page.evaluate("() => window.jupyterapp.widgetManager.kernel.id")
            connection = next(Path(self.runtime_dir).rglob(f"kernel-{kernel_id}.json"))
            self.client = BlockingKernelClient(connection_file=str(connection))
            self.client.load_connection_file()
            self.client.start_channels()
            self.client.execute(code, silent=True, store_history=False)
        else:
            self.page.evaluate(
                f"""([panelId, code]) => {{
                  const kernel = ({_KERNEL_JS})(panelId);
                  window.__blHold = kernel.requestExecute({{code, silent: true, store_history: false}}).done;
                }}""",
                [self.panel_id, code],
            )
        deadline = time.monotonic() + self.timeout_s
        while not self.started.exists():  # the kernel is now inside the request
            if time.monotonic() > deadline:
                raise TimeoutError(f"the kernel did not start the hold within {self.timeout_s:.0f} s")
            time.sleep(0.01)
        return self

    def release(self):
        self.go.touch()
        if self.client is not None:
            self.client.get_shell_msg(timeout=self.timeout_s)  # the reply: the kernel is free again
            self.client.stop_channels()
            return
        # Resolves once the request's reply and idle arrived.
        self.page.evaluate("() => window.__blHold.then(() => true)")

    def __exit__(self, *exc):
        if not self.go.exists():
            self.release()
