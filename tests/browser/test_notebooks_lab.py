"""Every notebook, opened in JupyterLab and run top to bottom in headless Chromium, shows what a student
should see: no error output, every widget rendered, every live (ipympl) figure drawn.

A full screenshot of each goes to artifacts/screenshots/lab_<name>.png.
"""

import _lab
import pytest


@pytest.mark.parametrize("notebook", _lab.notebook_params())
def test_notebook_runs_cleanly_in_lab(lab_notebooks, notebook):
    nb = lab_notebooks.run(notebook)
    page, root = nb.page, page_root(nb)
    shot = _lab.screenshot_full(page, _lab.SCREENSHOTS / f"lab_{_lab.safe_name(nb.name)}.png", nb.scroller)

    assert nb.run.get("error") is None, f"run-all-cells failed: {nb.run['error']} (screenshot: {shot})"
    problems = _lab.visible_problems(root)
    assert not problems, f"{nb.name}: the student sees problems (screenshot: {shot}):\n" + "\n".join(problems)
    assert nb.run.get("ok"), f"{nb.name}: run-all-cells stopped early (a cell failed?) (screenshot: {shot})"

    unexecuted = root.evaluate(
        """el => [...el.querySelectorAll('.jp-CodeCell')].filter(c => {
              const src = c.querySelector('.jp-InputArea-editor');
              const prompt = c.querySelector('.jp-InputPrompt');
              return src && src.textContent.trim() && !/\\[\\d+\\]/.test(prompt ? prompt.textContent : '');
           }).length"""
    )
    assert unexecuted == 0, f"{nb.name}: {unexecuted} non-empty code cells have no execution count"

    hint = _lab.console_hint(nb.console_errors)
    assert nb.rendered.get("loading") == 0, f"{nb.name}: widgets still 'Loading widget...': {nb.rendered}"
    # Right after the run (before any other test touched the page), every figure was drawn...
    assert nb.rendered.get("blank") == 0, (
        f"{nb.name}: {nb.rendered['blank']} of {nb.rendered['canvases']} figures were blank after running "
        f"(screenshot: {shot}){hint}"
    )
    # ... and still is now.
    canvases = root.locator(_lab.IPYMPL_CANVAS)
    for i in range(canvases.count()):
        pixels = _lab.canvas_pixels(canvases.nth(i))
        assert pixels["width"] > 0 and pixels["height"] > 0, (
            f"{nb.name}: figure {i} was never drawn (its canvas is {pixels['width']}x{pixels['height']}) "
            f"(screenshot: {shot}){hint}"
        )
        assert pixels["drawn"], f"{nb.name}: figure {i} is blank (one colour) (screenshot: {shot}){hint}"


def page_root(nb):
    return nb.page.locator(nb.root).first
