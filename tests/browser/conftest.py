"""Fixtures for the real-browser tests: Chromium, one JupyterLab and one Voilà server per session.

Every test in this folder is marked ``browser`` (deselect with ``-m "not browser"``).
Without Chromium at /usr/bin/chromium the tests are skipped, or fail when $CI is set.
$BL_NOTEBOOKS_DIR points the tests at another folder of notebooks (default: notebooks/).

Fixtures (all session-scoped except ``page``):
  chromium_path  the browser's path (skips/fails when missing)
  lab            a running JupyterLab ``_lab.Server`` (``.url``, ``.token``, ``.url_for(path)``)
  voila          a running Voilà ``_lab.Server`` serving $BL_NOTEBOOKS_DIR
  browser        one Playwright Chromium
  page           a fresh page (own context) per test, closed afterwards
  lab_notebooks  ``.run(path)``: a NotebookRun, the notebook opened in JupyterLab and run;
                 shared by consecutive tests of the same notebook (opened and run once)
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import _lab  # noqa: E402 -- importable only once HERE is on sys.path

# Order of the browser tests: per notebook, the Lab checks, the explorer checks, the derivation checks,
# the playground's and the reset race (they share one opened and run notebook, see LabNotebooks); Voilà last.
_MODULE_ORDER = {"test_notebooks_lab.py": 0, "test_explorers_lab.py": 1, "test_derivations_lab.py": 2,
                 "test_playground_lab.py": 3, "test_reset_race.py": 4}


def _browser_sort_key(item):
    params = getattr(item, "callspec", None)
    notebook = params.params.get("notebook") if params else None
    module = _MODULE_ORDER.get(item.path.name)
    if module is None:
        return (1, "", 0)
    return (0, Path(notebook).name if notebook else "", module)


def pytest_collection_modifyitems(config, items):
    slots = [i for i, item in enumerate(items) if item.path.is_relative_to(HERE)]
    ordered = sorted((items[i] for i in slots), key=_browser_sort_key)  # stable: keeps the rest's order
    for i, item in zip(slots, ordered, strict=True):
        item.add_marker(pytest.mark.browser)
        items[i] = item


@pytest.fixture(scope="session")
def chromium_path():
    path = _lab.find_chromium()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(_lab.CHROMIUM_MISSING + " (CI is set, so this is a failure)", pytrace=False)
        pytest.skip(_lab.CHROMIUM_MISSING)
    return path


@pytest.fixture(scope="session")
def notebooks_dir():
    return _lab.notebooks_dir()


@pytest.fixture(scope="session")
def lab(chromium_path, notebooks_dir, tmp_path_factory):
    """JupyterLab serving the parent of the notebooks folder (so paths are ``notebooks/NAME.ipynb``)."""
    server = _lab.start_lab(notebooks_dir.parent, workdir=tmp_path_factory.mktemp("lab"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def voila(chromium_path, notebooks_dir, tmp_path_factory):
    server = _lab.start_voila(notebooks_dir, workdir=tmp_path_factory.mktemp("voila"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def playwright_instance(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance, chromium_path):
    browser = _lab.launch_browser(playwright_instance, chromium_path)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    page = _lab.new_page(browser)
    yield page
    page.context.close()


@dataclass
class NotebookRun:
    """A notebook opened in JupyterLab and run: its page, panel and what the run reported."""

    name: str
    page: object
    panel_id: str
    root: str  # CSS selector of the notebook panel
    scroller: str  # CSS selector of the notebook's scrolling element
    run: dict  # window.__blRun: {done, ok, error}
    rendered: dict  # state right after the run (_lab.wait_rendered): {loading, blank, canvases}
    _console_log: list  # the page's console errors, shared by every notebook opened in it
    _console_from: int  # where this notebook's errors start in that log

    @property
    def console_errors(self) -> list:
        """Browser console errors logged since this notebook was opened."""
        return self._console_log[self._console_from :]


class LabNotebooks:
    """Opens and runs a notebook once for all the tests that look at it (they are ordered to run together).

    One browser tab holds JupyterLab for the whole session; opening the next notebook closes the
    previous one and shuts down its kernel. If the tab is lost, a new one is opened.
    """

    def __init__(self, browser, lab, notebooks_dir):
        self.browser, self.lab, self.dir = browser, lab, notebooks_dir
        self.page = None
        self.console_errors: list[str] = []
        self._current: NotebookRun | None = None
        self._failed: dict[str, str] = {}

    def run(self, notebook: Path) -> NotebookRun:
        notebook = Path(notebook)
        if notebook.name in self._failed:  # fail fast instead of timing out a second time
            raise RuntimeError(
                f"opening/running {notebook.name} already failed: {self._failed[notebook.name]}"
            )
        if self._current is not None and self._current.name == notebook.stem:
            return self._current
        self._close_current()
        try:
            self._current = self._open_and_run(notebook)
        except Exception as exc:
            self._failed[notebook.name] = f"{type(exc).__name__}: {exc}"[:2000]
            self._drop_page()  # the next notebook starts from a fresh tab
            raise
        return self._current

    def _open_and_run(self, notebook: Path) -> NotebookRun:
        timeout = _lab.notebook_timeout(notebook)
        if self.page is None or self.page.is_closed():
            self.page = _lab.new_page(self.browser)
            self.page.on(
                "console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None
            )
        page = self.page
        errors_from = len(self.console_errors)
        state = _lab.open_notebook(page, self.lab, f"{self.dir.name}/{notebook.name}", timeout=timeout)
        try:
            run = _lab.run_all(page, state["id"], timeout=timeout)
        except Exception:  # e.g. a cell that never ends: stop its kernel before giving up on the tab
            with contextlib.suppress(Exception):
                _lab.close_notebook(page, state["id"], timeout=5)
            raise
        root = _lab.notebook_root(state["id"])
        rendered = _lab.wait_rendered(page, root, timeout=20 * _lab.timeout_scale())
        return NotebookRun(
            notebook.stem,
            page,
            state["id"],
            root,
            _lab.lab_scroller(state["id"]),
            run,
            rendered,
            self.console_errors,
            errors_from,
        )

    def _close_current(self):
        current, self._current = self._current, None
        if current is not None and self.page is not None and not self.page.is_closed():
            try:
                _lab.close_notebook(self.page, current.panel_id)
            except Exception:  # noqa: BLE001 - a broken tab is replaced by a fresh one
                self._drop_page()

    def _drop_page(self):
        if self.page is not None and not self.page.is_closed():
            self.page.context.close()
        self.page = None

    def close(self):
        self._close_current()
        self._drop_page()


@pytest.fixture(scope="session")
def lab_notebooks(browser, lab, notebooks_dir):
    runs = LabNotebooks(browser, lab, notebooks_dir)
    yield runs
    runs.close()
