"""Every widget explorer reacts to the keyboard as a student expects, in JupyterLab in headless Chromium.

An explorer is a ``.bl-explorer`` box (sliders, buttons, a live figure, an HTML table of numbers).
For each: focus a slider's handle, press ArrowRight a few times; the numbers and the figure must
change. Then "Reset" must bring the numbers back.

The first slider is tried first. A slider whose change shows nothing by design (e.g. "epochs/step",
or a learning rate before any training step) is passed over for the next one: after the key presses,
two round trips on the page's kernel connection make sure everything they caused has arrived (the
first press is answered first; the moves the front end held back meanwhile go out when it is, ahead
of the second round trip), and then the numbers either changed or not. The test fails if no slider
changes anything. Nothing here waits for a fixed time.
"""

import _lab
import pytest

PRESSES = 5
WAIT_MS = int(15_000 * _lab.timeout_scale())

READOUT = "[...el.querySelectorAll('.widget-html')].map(h => h.innerText).join('\\n')"
CANVAS_HASH = f"window.__blPixels(el.querySelector('{_lab.IPYMPL_CANVAS}')).hash"
FOCUSED = "el => (el => el ? `${el.tagName}.${el.className}` : 'nothing')(document.activeElement)"


def _wait(page, predicate, arg, timeout):
    try:
        page.wait_for_function(predicate, arg=arg, timeout=timeout)
        return True
    except Exception:  # noqa: BLE001 - playwright's TimeoutError; the caller turns it into an assertion
        return False


@pytest.mark.parametrize("notebook", _lab.notebook_params())
def test_explorers_respond_to_sliders(lab_notebooks, notebook):
    nb = lab_notebooks.run(notebook)
    page = nb.page
    count = _lab.tag_explorers(page, nb.root)
    if count == 0:
        pytest.skip(f"{nb.name} has no widget explorer (no .bl-explorer, no slider)")
    page.evaluate(_lab.INSTALL_PIXEL_HASH_JS)

    for index in range(count):
        box = _lab.explorer(page, nb.root, index)
        where = f"{nb.name}, explorer {index}"
        box.scroll_into_view_if_needed()
        sliders = box.locator(_lab.SLIDER)
        assert sliders.count() > 0, f"{where}: no slider"
        assert box.locator(".widget-html").count() > 0, f"{where}: no HTML readout"
        canvases = box.locator(_lab.IPYMPL_CANVAS)
        assert canvases.count() > 0, f"{where}: no live figure canvas"
        pixels = _lab.canvas_pixels(canvases.first)
        assert pixels["drawn"], (
            f"{where}: the explorer's figure was never drawn: {pixels}" + _lab.console_hint(nb.console_errors)
        )
        element = box.element_handle()
        readout0 = _lab.readout_text(box)

        tried, used = [], None
        for s in range(sliders.count()):
            slider = sliders.nth(s)
            labels = slider.locator(".widget-label")
            label = labels.first.inner_text() if labels.count() else f"#{s}"
            handle = slider.locator(".noUi-handle").first
            readout, canvas_hash = _lab.readout_text(box), _lab.canvas_hash(canvases.first)
            value0 = handle.get_attribute("aria-valuetext")  # aria-valuenow is rounded to 1 decimal
            at_max = float(handle.get_attribute("aria-valuenow") or "nan") >= float(
                handle.get_attribute("aria-valuemax") or "inf"
            )
            key = "ArrowLeft" if at_max else "ArrowRight"
            handle.focus()
            for _ in range(PRESSES):
                page.keyboard.press(key)
            moved = _wait(page, "([h, old]) => h.getAttribute('aria-valuetext') !== old",
                          [handle.element_handle(), value0], WAIT_MS)
            assert moved, (f"{where}: slider {label!r} did not move with {PRESSES}x {key} (value {value0});"
                           f" the keys went to {page.evaluate(FOCUSED, None)}")
            _lab.kernel_round_trip(page, nb.panel_id)
            _lab.kernel_round_trip(page, nb.panel_id)
            if _lab.readout_text(box) != readout:
                used = (label, key, readout, canvas_hash)
                break
            tried.append(label)
        assert used is not None, (
            f"{where}: neither the numbers nor the figure changed after {PRESSES} key presses on any slider "
            f"(tried {tried})" + _lab.console_hint(nb.console_errors)
        )
        label, key, readout, canvas_hash = used
        assert _wait(page, f"([el, old]) => ({READOUT}) !== old", [element, readout], WAIT_MS), (
            f"{where}: the figure changed but the numbers did not after {PRESSES}x {key} "
            f"on slider {label!r}; "
            f"they still read:\n{_lab.readout_text(box)[-600:]}"
        )
        assert _wait(page, f"([el, old]) => ({CANVAS_HASH}) !== old", [element, canvas_hash], WAIT_MS), (
            f"{where}: the numbers changed but the figure did not after {PRESSES}x {key} on slider {label!r}"
            + _lab.console_hint(nb.console_errors)
        )
        assert not _lab.visible_problems(box), f"{where}: {_lab.visible_problems(box)}"

        reset = box.locator("button.widget-button", has_text="Reset")
        if reset.count():
            reset.first.click()
            assert _wait(page, f"([el, old]) => ({READOUT}) === old", [element, readout0], WAIT_MS), (
                f"{where}: after Reset the numbers are\n{_lab.readout_text(box)}\ninstead of\n{readout0}"
            )
