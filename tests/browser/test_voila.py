"""The worked example (and the index) presented with Voilà, as a student sees it in headless Chromium:
no code, no errors, figures drawn, and the explorer's sliders work.

Screenshots go to artifacts/screenshots/voila_<name>.png.
"""

import _lab
import pytest

WAIT_MS = 15_000
# name -> whether the page must hold a widget explorer
PAGES = {"02_worked_example.ipynb": True, "00_index.ipynb": False}


@pytest.mark.parametrize("name", list(PAGES), ids=[n.removesuffix(".ipynb") for n in PAGES])
def test_voila_page(voila, page, notebooks_dir, name):
    notebook = notebooks_dir / name
    if not notebook.exists():
        pytest.skip(f"{notebook} does not exist (yet)")
    timeout = _lab.notebook_timeout(notebook)
    page.goto(voila.url_for(f"voila/render/{name}"), wait_until="load", timeout=timeout * 1000)
    # Voilà streams the page while the kernel runs the notebook: "load" fires once every cell has run,
    # then the widgets render in the page.
    page.wait_for_selector(".jp-Notebook", timeout=timeout * 1000)
    if PAGES[name]:
        page.wait_for_function(
            "() => document.querySelector('.bl-explorer') || /error when executing cell|Traceback/"
            ".test(document.body.innerText)",
            timeout=WAIT_MS,
        )
    rendered = _lab.wait_rendered(page, "body", timeout=30 * _lab.timeout_scale())
    stem = _lab.safe_name(notebook.stem)
    shot = _lab.screenshot_full(page, _lab.SCREENSHOTS / f"voila_{stem}.png")
    body = page.locator("body")

    code = body.evaluate(
        """el => [...el.querySelectorAll('.jp-CodeCell')].filter(c =>
              !c.classList.contains('jp-mod-noInput') || c.querySelector(
                  '.jp-InputArea, .jp-InputArea-editor, .cm-editor, .CodeMirror, .highlight')).length"""
    )
    assert code == 0, f"{name}: {code} code cells show their code in Voilà (screenshot: {shot})"
    assert body.locator(".jp-InputArea-editor, .cm-editor, .CodeMirror").count() == 0

    problems = _lab.visible_problems(body)
    assert not problems, f"{name}: the student sees problems (screenshot: {shot}):\n" + "\n".join(problems)
    assert rendered["loading"] == 0, f"{name}: widgets still loading: {rendered}"
    canvases = body.locator(_lab.IPYMPL_CANVAS)
    for i in range(canvases.count()):
        assert _lab.canvas_has_drawing(canvases.nth(i)), f"{name}: figure {i} is blank (screenshot: {shot})"

    if not PAGES[name]:
        return
    assert _lab.tag_explorers(page, "body") > 0, f"{name}: no widget explorer shown (screenshot: {shot})"
    box = _lab.explorer(page, "body", 0)
    assert box.locator(_lab.IPYMPL_CANVAS).count() > 0, f"{name}: the explorer has no live figure"
    readout0 = _lab.readout_text(box)
    derivation = box.locator(".bl-live-derivation")
    assert derivation.count() == 1, f"{name}: the explorer shows no live derivation in Voilà"
    derivation0 = derivation.inner_text()
    hash0 = _lab.canvas_hash(box.locator(_lab.IPYMPL_CANVAS).first)
    box.locator(_lab.SLIDER).first.locator(".noUi-handle").first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    readout = "[...el.querySelectorAll('.widget-html')].map(h => h.innerText).join('\\n')"
    try:
        page.wait_for_function(
            f"([el, old]) => ({readout}) !== old", arg=[box.element_handle(), readout0], timeout=WAIT_MS
        )
    except Exception:  # noqa: BLE001 - an assertion with context
        pytest.fail(f"{name}: the explorer's numbers did not change after pressing ArrowRight on a slider")
    # The live derivation is rewritten with the new numbers put in (w₃,₂ is the first slider).
    page.wait_for_function("([el, old]) => el.innerText !== old",
                           arg=[derivation.element_handle(), derivation0], timeout=WAIT_MS)
    page.evaluate(_lab.INSTALL_PIXEL_HASH_JS)
    page.wait_for_function(
        f"([el, old]) => window.__blPixels(el.querySelector('{_lab.IPYMPL_CANVAS}')).hash !== old",
        arg=[box.element_handle(), hash0],
        timeout=WAIT_MS,
    )
    _lab.screenshot_full(page, _lab.SCREENSHOTS / f"voila_{stem}_after_slider.png")
