"""The playground of notebook 08 in JupyterLab in headless Chromium: a click on the data plot adds a point,
a CSV file picked in the upload button becomes the data, and a malformed one is named in the widget while
the data stay. Screenshots (two classes with own points, three classes) go to artifacts/screenshots/.
"""

import _lab
import pytest

WAIT_MS = int(20_000 * _lab.timeout_scale())
NOTEBOOK = "08_playground.ipynb"
READOUT = "[...el.querySelectorAll('.widget-html')].map(h => h.innerText).join('\\n')"
GOOD_CSV = b"x1,x2,label\n-1,-1,0\n1,1,1\n1,-1,2\n-1,1,1\n0,0,0\n"
BAD_CSV = b"x1,x2,label\n0,0,0\n1,one,1\n"


def _wait_readout(page, box, pattern, what):
    """Wait until the explorer's text (numbers and error line) matches the regular expression `pattern`."""
    try:
        page.wait_for_function(f"([el, p]) => new RegExp(p).test({READOUT})",
                               arg=[box.element_handle(), pattern], timeout=WAIT_MS)
    except Exception:  # noqa: BLE001 - playwright's TimeoutError, turned into an assertion with context
        shown = _lab.readout_text(box)[-800:]
        pytest.fail(f"{what}: the playground never showed /{pattern}/; it reads:\n{shown}")


def _pick_file(page, box, name, content):
    """Press the Load CSV button and choose a file in the dialog it opens, as a student does."""
    with page.expect_file_chooser(timeout=WAIT_MS) as chooser:
        box.locator(".widget-upload").first.click()
    chooser.value.set_files(files=[{"name": name, "mimeType": "text/csv", "buffer": content}])


def _data_menu(box):
    return box.locator(".widget-dropdown", has_text="data set").locator("select")


@pytest.mark.parametrize("notebook", [_lab.notebooks_dir() / NOTEBOOK], ids=[NOTEBOOK.removesuffix(".ipynb")])
def test_playground_click_adds_a_point_and_a_csv_file_loads(lab_notebooks, notebook):
    nb = lab_notebooks.run(notebook)
    page = nb.page
    assert _lab.tag_explorers(page, nb.root) >= 1, f"{nb.name}: no explorer"
    box = page.locator(f"{nb.root} .bl-explorer").filter(has_text="Playground").first
    box.scroll_into_view_if_needed()
    _wait_readout(page, box, r"points\s+200\s+0", "at the start")
    canvas = box.locator(_lab.IPYMPL_CANVAS).first
    page.wait_for_function("c => c.width > 0 && c.height > 0", arg=canvas.element_handle(), timeout=WAIT_MS)

    # A click inside the data plot (the left panel, a fifth of the figure's width in).
    area = canvas.bounding_box()
    page.mouse.click(area["x"] + 0.19 * area["width"], area["y"] + 0.45 * area["height"])
    _wait_readout(page, box, r"points\s+201\s+0", "after a click on the data plot")
    assert _data_menu(box).locator("option:checked").inner_text().replace("\xa0", " ") == "your own points"
    step = box.locator("button.widget-button", has_text="Step")
    for _ in range(3):
        step.click()
    _wait_readout(page, box, r"epoch\s+30", "after three Steps")
    _lab.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    box.screenshot(path=str(_lab.SCREENSHOTS / "playground_own_point.png"))

    # A CSV file through the upload button.
    _pick_file(page, box, "mine.csv", GOOD_CSV)
    _wait_readout(page, box, r"Loaded 5 points from mine\.csv", "after uploading a good CSV")
    _wait_readout(page, box, r"points\s+5\s+0", "after uploading a good CSV")
    # A malformed one: the error is in the widget, the data stay.
    _pick_file(page, box, "bad.csv", BAD_CSV)
    _wait_readout(page, box, r"could not load bad\.csv: line 3: expected x1,x2,label with a whole-number"
                  r" label, got '1,one,1'", "after uploading a malformed CSV")
    assert "Loaded 5 points from mine.csv" in _lab.readout_text(box)
    for _ in range(4):
        step.click()
    _wait_readout(page, box, r"epoch\s+40", "training the loaded points")
    box.screenshot(path=str(_lab.SCREENSHOTS / "playground_csv_three_classes.png"))

    # Three classes from the menu, with a test part.
    _data_menu(box).select_option("spiral (3 classes)")
    _wait_readout(page, box, r"points\s+200\s+0", "after choosing spiral (3 classes)")
    page.evaluate(_lab.INSTALL_PIXEL_HASH_JS)
    for _ in range(4):
        step.click()
    _wait_readout(page, box, r"epoch\s+40", "training three classes")
    before = _lab.canvas_hash(canvas)
    step.click()
    _wait_readout(page, box, r"epoch\s+50", "training three classes")
    page.wait_for_function("([c, old]) => window.__blPixels(c).hash !== old",
                           arg=[canvas.element_handle(), before], timeout=WAIT_MS)  # epoch 50's figure too
    assert "Loaded 5 points" not in _lab.readout_text(box)  # the note went with the data
    box.screenshot(path=str(_lab.SCREENSHOTS / "playground_spiral_three_classes.png"))
    assert not _lab.visible_problems(box), _lab.visible_problems(box)
