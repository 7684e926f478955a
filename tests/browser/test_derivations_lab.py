"""The live derivations of notebooks 02 and 03, in JupyterLab in headless Chromium: a key press on a
slider rewrites the derivation beside the figure with the new number put in, and in 03 the
Forward / Backward step-through moves the highlight to the formulas of the layer being computed.
"""

import _lab
import pytest

WAIT_MS = int(15_000 * _lab.timeout_scale())
DERIVATION = ".bl-live-derivation"
# The left-hand sides (plain text) of the highlighted rows of the derivation.
NOW_JS = (f"el => [...el.querySelectorAll('{DERIVATION} tr.bl-now td.bl-lhs')]"
          ".map(td => td.innerText.trim())")


def _notebook(name):
    """A parameter ``notebook``, so that these tests share the notebook's run with the other Lab tests."""
    path = _lab.notebooks_dir() / name
    return pytest.mark.parametrize("notebook", [path], ids=[name.removesuffix(".ipynb")])


def _explorer(nb):
    count = _lab.tag_explorers(nb.page, nb.root)
    assert count >= 1, f"{nb.name}: no explorer"
    box = _lab.explorer(nb.page, nb.root, 0)
    box.scroll_into_view_if_needed()
    assert box.locator(DERIVATION).count() == 1, f"{nb.name}: the explorer shows no live derivation"
    return box


def _press(page, box, label, key, times):
    """Focus the slider called `label` and press `key`; wait until its value moved."""
    slider = box.locator(_lab.SLIDER).filter(has_text=label).first
    handle = slider.locator(".noUi-handle").first
    before = handle.get_attribute("aria-valuetext")
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)
    page.wait_for_function("([h, old]) => h.getAttribute('aria-valuetext') !== old",
                           arg=[handle.element_handle(), before], timeout=WAIT_MS)


def _wait_text(page, box, text):
    try:
        page.wait_for_function("([el, t]) => el.querySelector('.bl-live-derivation').innerText.includes(t)",
                               arg=[box.element_handle(), text], timeout=WAIT_MS)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError, turned into an assertion with context
        shown = box.locator(DERIVATION).inner_text()
        pytest.fail(f"the derivation never showed {text!r}; it reads:\n{shown[:1500]}")


def _wait_now(page, box, expected):
    try:
        page.wait_for_function(f"([el, want]) => JSON.stringify(({NOW_JS})(el)) === JSON.stringify(want)",
                               arg=[box.element_handle(), expected], timeout=WAIT_MS)
    except Exception:  # noqa: BLE001
        pytest.fail(f"highlighted rows {box.evaluate(NOW_JS)}, expected {expected}")


@_notebook("02_worked_example.ipynb")
def test_a_slider_move_rewrites_the_worked_example_derivation(lab_notebooks, notebook):
    nb = lab_notebooks.run(notebook)
    box = _explorer(nb)
    start = box.locator(DERIVATION).inner_text()
    assert "0.3 · 0.534943 + 0.1" in start and "-0.0177837" in start, start[:800]
    _press(nb.page, box, "w₃,₂", "ArrowRight", 3)  # w32: 0.3 -> 0.33, in steps of 0.01
    _wait_text(nb.page, box, "0.33 · 0.534943 + 0.1")  # net3 with the new weight put in
    assert box.locator(DERIVATION).inner_text() != start
    assert not _lab.visible_problems(box), _lab.visible_problems(box)
    box.locator("button.widget-button", has_text="Reset").first.click()
    _wait_text(nb.page, box, "0.3 · 0.534943 + 0.1")


@pytest.mark.parametrize(("notebook", "label"), [
    (_lab.notebooks_dir() / "02_worked_example.ipynb", "o₁"),
    (_lab.notebooks_dir() / "03_multilayer.ipynb", "w₃,₁")],
    ids=["02_worked_example", "03_multilayer"])
def test_the_derivation_fits_and_keeps_its_height_while_the_numbers_change(lab_notebooks, notebook, label):
    # With cells that wrapped, one more digit in a value could re-wrap a row: 02's explorer grew or shrank
    # by a line on every other key press, and the whole notebook below it moved and was repainted.
    nb = lab_notebooks.run(notebook)
    box = _explorer(nb)
    size = ("el => { const d = el.querySelector('.bl-derivation'); "
            "return [el.getBoundingClientRect().height, d.scrollWidth - d.clientWidth]; }")
    heights = set()
    for key in ["ArrowRight", "ArrowLeft", "ArrowLeft", "ArrowRight"]:  # each changes many values' digits
        before = box.locator(DERIVATION).inner_text()
        _press(nb.page, box, label, key, 1)
        nb.page.wait_for_function("([el, old]) => el.querySelector('.bl-live-derivation').innerText !== old",
                                  arg=[box.element_handle(), before], timeout=WAIT_MS)
        height, overflow = box.evaluate(size)
        heights.add(height)
        assert overflow <= 0, f"the derivation is {overflow} px wider than its place beside the figure"
    assert len(heights) == 1, f"the explorer's height changed with the numbers: {sorted(heights)} px"


@_notebook("03_multilayer.ipynb")
def test_the_step_through_moves_the_highlight_and_sliders_keep_it(lab_notebooks, notebook):
    nb = lab_notebooks.run(notebook)
    box = _explorer(nb)
    assert box.evaluate(NOW_JS) == []
    button = {name: box.locator("button.widget-button", has_text=name).first
              for name in ("Forward", "Backward", "Reset")}
    button["Forward"].click()
    _wait_now(nb.page, box, ["net3", "o3", "net4", "o4"])
    button["Forward"].click()
    _wait_now(nb.page, box, ["net5", "o5", "net6", "o6", "E"])
    button["Backward"].click()
    _wait_now(nb.page, box, ["δ5", "δ6", "∂E/∂w5,3", "∂E/∂w5,4", "∂E/∂b5", "∂E/∂w6,3", "∂E/∂w6,4", "∂E/∂b6"])
    _press(nb.page, box, "o₁ (input)", "ArrowLeft", 3)  # o1: 0.8 -> 0.77, in the middle of the walk
    _wait_text(nb.page, box, "= 0.3 · 0.77 + (-0.2) · 0.3")  # net3 (its "+ 0.1" on the next line)
    assert box.evaluate(NOW_JS)[:2] == ["δ5", "δ6"]
    button["Backward"].click()
    _wait_now(nb.page, box, ["δ3", "δ4", "∂E/∂w3,1", "∂E/∂w3,2", "∂E/∂b3", "∂E/∂w4,1", "∂E/∂w4,2", "∂E/∂b4"])
    assert not _lab.visible_problems(box), _lab.visible_problems(box)
    button["Reset"].click()
    _wait_now(nb.page, box, [])
    _wait_text(nb.page, box, "= 0.3 · 0.8 + (-0.2) · 0.3")
