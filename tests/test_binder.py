"""The Binder configuration works: install binder/requirements.txt into a fresh venv, run every notebook.

The venv (fixture ``binder_env`` in the repository's conftest.py) is built once per session and shared
with the JupyterHub test, whose students' servers run from it.
"""

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_binder_requirements_run_every_notebook(binder_env, tmp_path):
    env_dir = binder_env
    python = env_dir / "bin" / "python"
    for name in ("jupyterlab", "ipympl", "ipywidgets", "voila", "nbgitpuller", "jupyterlab_slideshow"):
        subprocess.run([python, "-c", f"import {name}"], check=True)
    # Binder's `pip install .` is not editable: the subpackages must ship in the wheel.
    shipped = subprocess.run(
        [python, "-c", "import backprop_lab, backprop_lab.figures, backprop_lab.explorers,"
         " backprop_lab.exercises; print(backprop_lab.__file__);"
         " print(sorted(backprop_lab.explorers.__all__))"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    assert "site-packages" in shipped[0] and str(ROOT) not in shipped[0], shipped[0]
    assert "worked_example_explorer" in shipped[1] and "playground" in shipped[1]
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    result = subprocess.run(
        [env_dir / "bin" / "jupyter", "nbconvert", "--to", "notebook", "--execute",
         "--output-dir", str(tmp_path / "out"), *map(str, notebooks)],
        cwd=ROOT / "notebooks", env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(list((tmp_path / "out").glob("*.ipynb"))) == len(notebooks)
    assert sys.version_info >= (3, 10)
