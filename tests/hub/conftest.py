"""Fixtures for the JupyterHub test: the proxy from npm, a course repository, one hub per session.

Every test in this folder is marked ``hub`` (deselect with ``-m "not hub"``). Without
configurable-http-proxy in node_modules/ (``npm ci``) or without Chromium the tests are skipped with a
message saying how to install them; with $CI set, either missing is a failure.
"""

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
BROWSER = HERE.parent / "browser"
for folder in (HERE, BROWSER):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import _hub  # noqa: E402 -- importable only once HERE is on sys.path
import _lab  # noqa: E402


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.hub)


def _missing(message):
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so this is a failure)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def hub_tools():
    """The proxy and Chromium exist (else skip, or fail under CI)."""
    if _hub.find_proxy() is None:
        _missing(_hub.PROXY_MISSING)
    if _lab.find_chromium() is None:
        _missing(_lab.CHROMIUM_MISSING)


@pytest.fixture(scope="session")
def course(hub_tools, tmp_path_factory):
    """(bare repository the link points at, the instructor's clone of it)."""
    return _hub.course_repository(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="session")
def hub(hub_tools, binder_env, tmp_path_factory):
    """A running JupyterHub whose students' servers run from the Binder environment."""
    hub = _hub.start_hub(binder_env, tmp_path_factory.mktemp("hub"), timeout=90 * _lab.timeout_scale())
    yield hub
    leftovers = hub.stop()
    assert not leftovers, f"processes outlived the hub and were killed by PID: {leftovers}"
