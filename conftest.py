"""Fixtures shared by the Binder test (tests/test_binder.py) and the JupyterHub test (tests/hub/).

``binder_env``: one fresh virtual environment per test session with binder/requirements.txt installed (what
Binder and a university hub's image built with repo2docker hold) plus tests/hub/requirements.txt (JupyterHub,
which repo2docker adds to every image). Built once, used by both, as building it takes minutes.
$BL_BINDER_ENV names an environment built before (by ``_hub.build_env``) to reuse instead, while iterating.
"""

import os
import sys
from pathlib import Path

import pytest

HUB_DIR = Path(__file__).resolve().parent / "tests" / "hub"
if str(HUB_DIR) not in sys.path:
    sys.path.insert(0, str(HUB_DIR))

import _hub  # noqa: E402 -- importable only once HUB_DIR is on sys.path


@pytest.fixture(scope="session")
def binder_env(tmp_path_factory):
    """The path of a virtual environment built from binder/requirements.txt (and JupyterHub)."""
    if os.environ.get("BL_BINDER_ENV"):
        return Path(os.environ["BL_BINDER_ENV"])
    return _hub.build_env(tmp_path_factory.mktemp("binder") / "venv")
