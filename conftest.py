"""Fixtures shared by the Binder test (tests/test_binder.py) and the JupyterHub test (tests/hub/), and how
the README's command spreads the tests over pytest-xdist workers.

``binder_env``: one fresh virtual environment per test session with binder/requirements.txt installed (what
Binder and a university hub's image built with repo2docker hold) plus tests/hub/requirements.txt (JupyterHub,
which repo2docker adds to every image). Built once, used by both, as building it takes minutes; with
several xdist workers, the first that asks builds it and the others wait for it (a file lock).
$BL_BINDER_ENV names an environment built before (by ``_hub.build_env``) to reuse instead, while iterating.

Workers (``-n auto``): the browser tests and the JupyterHub test form one unit on one worker, in order
(they share one JupyterLab and one Chromium, several run on a notebook another one opened and ran, and two
of them at once on two cores would each take twice as long). Every other file is a unit of its own (a
notebook's nbval cells share one kernel). The Binder test comes next in line, so another worker builds
the Binder environment while the browser tests run, and it is ready when the hub test needs it.
"""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
HUB_DIR = ROOT / "tests" / "hub"
if str(HUB_DIR) not in sys.path:
    sys.path.insert(0, str(HUB_DIR))

import _hub  # noqa: E402 -- importable only once HUB_DIR is on sys.path

#: The unit of work that holds every browser and hub test (node ids start with these folders).
BROWSER_AND_HUB = "tests/browser and tests/hub"
_FIRST = {BROWSER_AND_HUB: 0, "tests/test_binder.py": 1}


def work_unit(nodeid):
    """The xdist unit a test belongs to: BROWSER_AND_HUB, else its file ("notebooks/02_x.ipynb")."""
    path = nodeid.split("::")[0]
    return BROWSER_AND_HUB if path.startswith(("tests/browser/", "tests/hub/")) else path


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """The long units first (a stable sort: each file keeps its order; tests/browser orders its own)."""
    items.sort(key=lambda item: _FIRST.get(work_unit(item.nodeid), 2))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """xdist's load-scope scheduling over :func:`work_unit`, handed out in collection order."""
    from xdist.scheduler import LoadScopeScheduling

    class WorkUnits(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            return work_unit(nodeid)

    config.option.loadscopereorder = False  # keep the order above: the long units start first
    return WorkUnits(config, log)


@pytest.fixture(scope="session")
def binder_env(tmp_path_factory):
    """The path of a virtual environment built from binder/requirements.txt (and JupyterHub)."""
    if os.environ.get("BL_BINDER_ENV"):
        return Path(os.environ["BL_BINDER_ENV"])
    import fcntl

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # one for all workers
    env_dir, done = shared / "binder-venv", shared / "binder-venv.done"
    with open(shared / "binder-venv.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker may be building it: wait
        if not done.exists():
            _hub.build_env(env_dir)
            done.touch()
    return env_dir
