"""The layout holds: the engine knows no figures, figures know no widgets, explorers hold no math.

Read from the source with ``ast`` (what each module imports and names), plus one
fresh interpreter for what ``import backprop_lab`` loads. docs/ARCHITECTURE.md
draws the same picture.
"""

import ast
import pathlib
import subprocess
import sys

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "backprop_lab"
MODULES = sorted(PACKAGE.rglob("*.py"))
ENGINE = [p for p in MODULES if p.parent == PACKAGE]
FIGURES = sorted((PACKAGE / "figures").glob("*.py"))
EXPLORERS = sorted((PACKAGE / "explorers").glob("*.py"))
EXERCISES = sorted((PACKAGE / "exercises").glob("*.py"))
LAYERS = {"figures", "explorers", "exercises"}


def rel(path):
    return str(path.relative_to(PACKAGE.parent))


def imports(path):
    """Every module `path` imports, as absolute dotted names (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            found.append(module)
            found += [f"{module}.{alias.name}" for alias in node.names]
    return found


def names_used(path):
    """Every identifier and attribute name in `path`'s code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}


def string_constants(path):
    """String literals in `path`'s code, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [n.value for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_the_layers_exist_and_are_found():
    assert {p.parent.name for p in MODULES} == {"backprop_lab"} | LAYERS
    assert len(ENGINE) >= 15 and FIGURES and EXPLORERS and EXERCISES


@pytest.mark.parametrize("path", ENGINE, ids=rel)
def test_the_engine_imports_neither_matplotlib_nor_widgets_nor_the_layers_above(path):
    bad = [m for m in imports(path) if m.split(".")[0] in ("matplotlib", "ipywidgets", "IPython", "ipympl")
           or (m.startswith("backprop_lab.") and m.split(".")[1] in LAYERS)]
    assert bad == [], f"{rel(path)} imports {bad}"


def test_importing_the_package_loads_neither_matplotlib_nor_widgets():
    code = ("import sys, backprop_lab as bl; bl.Network([2, 2, 1], seed=0);"
            " print(sorted(m for m in ('matplotlib', 'ipywidgets', 'IPython', 'ipympl')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("path", FIGURES, ids=rel)
def test_figures_know_no_widgets(path):
    bad = [m for m in imports(path) if m.split(".")[0] in ("ipywidgets", "IPython")
           or (m.startswith("backprop_lab.") and m.split(".")[1] in ("explorers", "exercises"))]
    assert bad == [], f"{rel(path)} imports {bad}"


@pytest.mark.parametrize("path", [p for p in MODULES if p.name != "_backend.py"], ids=rel)
def test_only_the_backend_module_knows_ipympl(path):
    """What ipympl is, and which of its internals are used, is written in figures/_backend.py alone."""
    assert not any(m.split(".")[0] == "ipympl" for m in imports(path))
    assert not [s for s in string_constants(path) if "ipympl" in s], rel(path)
    internals = {"handle_draw", "stale_callback", "refresh_all", "locs", "seq", "_colorbar", "get_diff_image",
                 "_png_is_old", "_force_full", "_last_buff", "_reply_subshell_for"}
    assert not internals & names_used(path), f"{rel(path)} uses {internals & names_used(path)}"


@pytest.mark.parametrize("path", EXPLORERS, ids=rel)
def test_explorers_hold_no_math(path):
    """No numpy, no matplotlib, no private engine functions, no derivatives: explorers call the engine."""
    bad = [m for m in imports(path)
           if m.split(".")[0] in ("numpy", "matplotlib")
           or (m.startswith("backprop_lab.") and m.rsplit(".", 1)[-1].startswith("_") and m.count(".") >= 2
               and m.split(".")[1] not in ("_format",))
           or m in ("backprop_lab.activations", "backprop_lab.gradcheck")]
    assert bad == [], f"{rel(path)} imports {bad}"
    math_names = {"f_prime", "backprop", "ACTIVATIONS", "evaluate", "per_sample", "_forward", "_backward"}
    assert not math_names & names_used(path), f"{rel(path)} uses {math_names & names_used(path)}"


@pytest.mark.parametrize("path", EXERCISES, ids=rel)
def test_exercises_draw_nothing(path):
    bad = [m for m in imports(path) if m.split(".")[0] in ("matplotlib", "ipywidgets")
           or (m.startswith("backprop_lab.") and m.split(".")[1] in ("figures", "explorers"))]
    assert bad == [], f"{rel(path)} imports {bad}"


@pytest.mark.parametrize("path", MODULES, ids=rel)
def test_modules_stay_small(path):
    """One idea per module: split a module before it passes about 300 lines."""
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 330


PUBLIC = [p for p in MODULES if not p.name.startswith("_") or p.name == "__init__.py"]


@pytest.mark.parametrize("path", PUBLIC, ids=rel)
def test_public_modules_declare_all(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    declared = [n for n in tree.body if isinstance(n, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets)]
    if path.name == "__main__.py":
        return
    assert declared, f"{rel(path)} has no __all__"
    names = ast.literal_eval(declared[0].value)
    defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    defined |= {t.id for n in tree.body if isinstance(n, ast.Assign)
                for t in n.targets if isinstance(t, ast.Name)}
    defined |= {a.asname or a.name.split(".")[0] for n in tree.body
                if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    missing = [name for name in names if name not in defined]
    if path.name == "__init__.py" and path.parent == PACKAGE:
        missing = [name for name in missing if name not in LAYERS]  # the lazy subpackages
    assert missing == [], f"{rel(path)}: __all__ lists {missing}, which it does not define"


def test_dir_shows_the_lazy_subpackages_and_hides_the_private():
    import backprop_lab as bl

    names = dir(bl)
    assert {"figures", "explorers", "exercises", "Network", "backward", "LOSSES"} <= set(names)
    assert not [n for n in names if n.startswith("_") and not n.startswith("__")]
    assert "importlib" not in names


def _log_calls(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr in ("log", "log1p")
            and isinstance(n.func.value, ast.Name) and n.func.value.id == "np"]


def test_every_loss_goes_through_the_one_loss_path():
    """Only losses.py computes a loss: no other module has the old hand copies or takes logs of outputs."""
    for path in MODULES:
        if path.name == "losses.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert "losses import _scale" not in source and "loss_and_grad" not in source, rel(path)
        if path.name not in ("_axes.py",):  # log-axis tick labels
            assert _log_calls(path) == [], f"{rel(path)} takes a logarithm: a loss outside losses.py?"
