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
  lab_notebooks  ``.run(path)``: a page with that notebook opened in JupyterLab and run,
                 cached so each notebook is opened and run only once per session
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import _lab  # noqa: E402


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


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
    rendered: dict  # last state of _lab.wait_rendered: {loading, blank, canvases}
    console_errors: list


class LabNotebooks:
    """Opens and runs each notebook once per session, one browser tab each."""

    def __init__(self, browser, lab, notebooks_dir):
        self.browser, self.lab, self.dir = browser, lab, notebooks_dir
        self._runs: dict[str, NotebookRun | BaseException] = {}

    def run(self, notebook: Path) -> NotebookRun:
        key = Path(notebook).name
        if key not in self._runs:
            try:
                self._runs[key] = self._open_and_run(Path(notebook))
            except Exception as exc:  # remembered, so a second test fails fast instead of timing out again
                self._runs[key] = exc
                raise
        result = self._runs[key]
        if isinstance(result, BaseException):
            raise RuntimeError(f"opening/running {key} already failed earlier in this session: {result}")
        return result

    def _open_and_run(self, notebook: Path) -> NotebookRun:
        timeout = _lab.notebook_timeout(notebook)
        page = _lab.new_page(self.browser)
        console_errors = []
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        rel = f"{self.dir.name}/{notebook.name}"
        state = _lab.open_notebook(page, self.lab, rel, timeout=timeout)
        run = _lab.run_all(page, state["id"], timeout=timeout)
        root = _lab.notebook_root(state["id"])
        rendered = _lab.wait_rendered(page, root, timeout=20 * _lab.timeout_scale())
        return NotebookRun(notebook.stem, page, state["id"], root, _lab.lab_scroller(state["id"]), run, rendered,
                           console_errors)

    def close(self):
        for result in self._runs.values():
            if isinstance(result, NotebookRun):
                result.page.context.close()
        self._runs.clear()


@pytest.fixture(scope="session")
def lab_notebooks(browser, lab, notebooks_dir):
    runs = LabNotebooks(browser, lab, notebooks_dir)
    yield runs
    runs.close()

