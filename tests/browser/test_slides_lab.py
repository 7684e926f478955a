"""Notebooks 01-03 presented as slides in JupyterLab (jupyterlab-slideshow), offline, in presenter mode:
the deck starts from the notebook's toolbar, the remote's forward button reaches the slide with the
explorer, a slider moved there changes the numbers and the figure, and the deck keeps presenting.

The slide metadata comes from tools/slide_metadata.py. Presenter mode is switched on the way an
instructor does it (README, "Presenting"): ``bl.presentation(True)`` in the notebook's kernel (e.g. from
a console attached to it) before Run All. Every request the page makes stays on 127.0.0.1.

Screenshots go to artifacts/screenshots/slides_<name>_*.png (1920 x 1080, a projector's size).
"""

from urllib.parse import urlsplit

import _lab
import nbformat
import pytest

from backprop_lab.presenter import PRESENTATION_SCALE

DECKS = ["01_single_neuron.ipynb", "02_worked_example.ipynb", "03_multilayer.ipynb"]
WAIT_MS = int(30_000 * _lab.timeout_scale())
MAX_STEPS = 40

_PANEL = "Array.from(window.jupyterapp.shell.widgets('main')).find(w => w.id === id)"
_PRESENTER_ON = f"""async (id) => {{
  const kernel = {_PANEL}.sessionContext.session.kernel;
  await kernel.requestExecute({{code: 'import backprop_lab as bl\\nbl.presentation(True)'}}).done;
}}"""
_FIRST_CELL = f"(id) => {{ {_PANEL}.content.activeCellIndex = 0; }}"
_ACTIVE = f"(id) => {_PANEL}.content.activeCellIndex"
_ON_SCREEN = """() => [...document.querySelectorAll('.jp-deck-mod-onscreen')].map(cell => ({
  explorer: !!cell.querySelector('.bl-explorer'), text: (cell.innerText || '').slice(0, 60)}))"""


@pytest.fixture
def projector(browser):
    page = _lab.new_page(browser, width=1920, height=1080)
    outside = []
    page.on("request", lambda r: outside.append(r.url)
            if urlsplit(r.url).hostname not in ("127.0.0.1", None) and r.url.startswith("http") else None)
    page.outside_requests = outside
    yield page
    page.context.close()


@pytest.mark.parametrize("name", DECKS, ids=[n.removesuffix(".ipynb") for n in DECKS])
def test_the_deck_reaches_a_live_explorer(lab, projector, notebooks_dir, name):
    page = projector
    notebook = notebooks_dir / name
    types = [c.metadata.get("slideshow", {}).get("slide_type") for c in nbformat.read(notebook, 4).cells]
    assert types.count("slide") >= 3, f"{name} has no slide metadata: run python tools/slide_metadata.py"

    timeout = _lab.notebook_timeout(notebook)
    panel = _lab.open_notebook(page, lab, f"{notebooks_dir.name}/{name}", timeout=timeout)["id"]
    try:
        _present(page, panel, name, notebook, timeout)
    finally:
        # jupyterlab-slideshow keeps "presenting" in the server's user settings: stop it, or every
        # notebook the other browser tests open on this server would open as a deck.
        page.evaluate("() => window.jupyterapp.commands.execute('deck:stop')")
        page.wait_for_function("() => document.body.dataset.jpDeckMode !== 'presenting'", timeout=WAIT_MS)
        _lab.close_notebook(page, panel)


def _present(page, panel, name, notebook, timeout):
    page.evaluate(_PRESENTER_ON, panel)
    _lab.run_all(page, panel, timeout)
    page.evaluate(_FIRST_CELL, panel)
    if page.evaluate("() => document.body.dataset.jpDeckMode") != "presenting":
        page.locator(f'#{panel} [data-command="deck:toggle"]').first.click()
    page.wait_for_selector('body[data-jp-deck-mode="presenting"]', state="attached", timeout=WAIT_MS)
    forward = page.locator(".jp-Deck-Remote .jp-deck-mod-direction-forward").first
    seen = []
    for _ in range(MAX_STEPS):
        on_screen = page.evaluate(_ON_SCREEN)
        assert on_screen, f"{name}: an empty slide after {seen}"
        if on_screen[0]["text"].split("\n")[0] not in seen:
            seen.append(on_screen[0]["text"].split("\n")[0])
        if any(cell["explorer"] for cell in on_screen):
            break
        dialog = page.locator(".jp-Dialog")
        if dialog.count():  # e.g. "The kernel ... appears to have died": say so, not "click timed out"
            pytest.fail(f"{name}: a dialog covers the deck: {dialog.first.inner_text()[:300]}")
        # The remote steps through a slide cell by cell, then on to the next slide.
        active = page.evaluate(_ACTIVE, panel)
        forward.click()
        page.wait_for_function(f"([id, old]) => ({_ACTIVE})(id) !== old", arg=[panel, active],
                               timeout=WAIT_MS)
    else:
        pytest.fail(f"{name}: no slide with an explorer in {MAX_STEPS} steps: {seen}")

    slide = ".jp-deck-mod-onscreen:has(.bl-explorer)"
    rendered = _lab.wait_rendered(page, slide, timeout=30 * _lab.timeout_scale())
    assert rendered["loading"] == 0 and rendered["blank"] == 0, f"{name}: explorer not drawn: {rendered}"
    box = page.locator(f"{slide} .bl-explorer").first
    font = box.locator(".bl-numbers table").first.evaluate("t => getComputedStyle(t).fontSize")
    assert font == f"{round(15 * PRESENTATION_SCALE)}px", f"{name}: presenter mode not in force ({font})"
    canvas = box.locator(_lab.IPYMPL_CANVAS).first
    _lab.screenshot_full(page, _lab.SCREENSHOTS / f"slides_{_lab.safe_name(notebook.stem)}_explorer.png")
    readout, pixels = _lab.readout_text(box), _lab.canvas_hash(canvas)

    handle = box.locator(_lab.SLIDER).first.locator(".noUi-handle").first
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        """([el, readout, hash]) => [...el.querySelectorAll('.widget-html')].map(h => h.innerText)
             .join('\\n') !== readout && window.__blPixels(el.querySelector('CANVAS')).hash !== hash"""
        .replace("CANVAS", _lab.IPYMPL_CANVAS),
        arg=[box.element_handle(), readout, pixels], timeout=WAIT_MS,
    )
    assert page.evaluate("() => document.body.dataset.jpDeckMode") == "presenting"
    assert any(cell["explorer"] for cell in page.evaluate(_ON_SCREEN)), f"{name}: the slide moved on"
    assert not _lab.visible_problems(page.locator(slide).first)
    _lab.screenshot_full(page, _lab.SCREENSHOTS / f"slides_{_lab.safe_name(notebook.stem)}_after_slider.png")
    assert page.outside_requests == [], f"{name}: the deck asked the internet for {page.outside_requests}"
