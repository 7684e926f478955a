"""The notebooks' structure: links that resolve, exercises with folded solutions, no logic in cells."""

import json
import pathlib
import re

import pytest
from exercise_cells import split_exercise_cell

NOTEBOOKS = sorted((pathlib.Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
NAMES = [p.stem for p in NOTEBOOKS]


def cells(path, kind):
    nb = json.loads(path.read_text())
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind]


def test_there_are_ten_notebooks():
    assert NAMES == ["00_index", "01_single_neuron", "02_worked_example", "03_multilayer", "04_training_loop",
                     "05_learning_rate", "06_vanishing_gradients", "07_gradient_checking", "08_playground",
                     "09_optimizers", "10_classification"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_every_notebook_link_points_to_a_notebook_that_exists(path):
    links = re.findall(r"\]\(([^)\s]+\.ipynb)\)", "\n".join(cells(path, "markdown")))
    assert links, "no links to other notebooks"
    for link in links:
        assert (path.parent / link).is_file(), f"{path.name} links to missing {link}"


@pytest.mark.parametrize("path", NOTEBOOKS[1:], ids=NAMES[1:])
def test_navigation_prev_index_next(path):
    text = "\n".join(cells(path, "markdown"))
    i = NAMES.index(path.stem)
    assert f"({NAMES[i - 1]}.ipynb)" in text and "(00_index.ipynb)" in text
    if i + 1 < len(NAMES):
        assert f"({NAMES[i + 1]}.ipynb)" in text


def test_index_lists_every_notebook():
    text = "\n".join(cells(NOTEBOOKS[0], "markdown"))
    for name in NAMES[1:]:
        assert f"({name}.ipynb)" in text


@pytest.mark.parametrize("path", NOTEBOOKS[1:], ids=NAMES[1:])
def test_exercises_have_checks_and_folded_solutions(path):
    code = cells(path, "code")
    checks = [c for c in code if split_exercise_cell(c)]
    assert len(checks) >= 2
    assert all("..." in split_exercise_cell(c)[0] for c in checks), "committed exercises keep their stubs"
    assert "\n".join(cells(path, "markdown")).count("<details><summary>Solution</summary>") >= 2


def defines_only_exercise_stubs(source):
    """No class; a function only in an exercise cell that passes it to a check (the student's function)."""
    if re.search(r"^\s*class ", source, re.M):
        return False
    return all(re.search(rf"bl\.exercises\.check_\w+\(\s*{name}\b", source)
               for name in re.findall(r"^\s*def (\w+)", source, re.M))


def test_the_def_rule():
    assert defines_only_exercise_stubs("def my_f(x):\n    ...\n\nbl.exercises.check_sigmoid_prime(my_f)")
    assert not defines_only_exercise_stubs("def helper(x):\n    return x\n\nhelper(2)")
    assert not defines_only_exercise_stubs("def my_f(x):\n    ...\nbl.exercises.check_sgd_update(0.5)")
    assert not defines_only_exercise_stubs("class A:\n    pass\nbl.exercises.check_sigmoid_prime(A)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_cells_hold_no_logic_and_are_small(path):
    for source in cells(path, "code"):
        assert defines_only_exercise_stubs(source), source
        assert len(source.splitlines()) <= 15, source
    assert path.stat().st_size < 1_000_000
