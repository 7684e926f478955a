"""Reset wins over slider moves made before it, in JupyterLab: the race a student hits by pressing Reset
right after dragging.

ipywidgets' front end holds a slider's later changes back while the kernel is handling its first one
and sends them when the kernel reports idle, whereas a button click is sent at once; so the kernel
sees: first move, Reset, rest of the drag. The test sets that order up exactly instead of hoping for
it: it holds the kernel busy (``_lab.KernelHold``), presses the keys and Reset, lets the kernel go,
and then waits for everything to arrive with two round trips on the page's own kernel connection
(nothing time-based). Before the fix, the explorer ended at the moved value. The Voilà version is in
test_voila.py.
"""

import _lab
import pytest

PRESSES = 5
READOUT = "[...el.querySelectorAll('.widget-html')].map(h => h.innerText).join('\\n')"


def reset_race(page, box, panel_id, hold_dir, where, runtime_dir=None):
    """Play "move a slider, Reset at once" with the kernel held; assert the explorer ends at its start."""
    reset = box.locator("button.widget-button", has_text="Reset")
    if not reset.count():
        pytest.skip(f"{where}: no Reset button")
    reset.first.click()
    _lab.kernel_round_trip(page, panel_id)
    handle = box.locator(_lab.SLIDER).first.locator(".noUi-handle").first
    label = box.locator(_lab.SLIDER).first.locator(".widget-label").first.inner_text()
    start, readout0 = handle.get_attribute("aria-valuetext"), box.evaluate(f"el => {READOUT}")
    at_max = float(handle.get_attribute("aria-valuenow")) >= float(handle.get_attribute("aria-valuemax"))
    key = "ArrowLeft" if at_max else "ArrowRight"

    with _lab.KernelHold(page, panel_id, hold_dir, runtime_dir=runtime_dir) as hold:
        handle.focus()
        for _ in range(PRESSES):
            page.keyboard.press(key)
        moved = handle.get_attribute("aria-valuetext")
        assert moved != start, f"{where}: slider {label!r} did not move with {PRESSES}x {key}"
        reset.first.click()
        hold.release()
    # The first round trip is handled after the first move and the click, so by its end the front end has
    # sent the moves it held back; the second is handled after those.
    _lab.kernel_round_trip(page, panel_id)
    _lab.kernel_round_trip(page, panel_id)

    now = handle.get_attribute("aria-valuetext")
    assert now == start, (
        f"{where}: after {PRESSES}x {key} on {label!r} and Reset at once, the slider shows {now} "
        f"(moved to {moved}) instead of its start {start}: moves made before Reset undid it"
    )
    numbers = box.evaluate(f"el => {READOUT}")
    assert numbers == readout0, f"{where}: after Reset the numbers are not the start's"


@pytest.mark.parametrize("notebook", _lab.notebook_params())
def test_reset_wins_over_moves_made_before_it(lab_notebooks, notebook, tmp_path):
    nb = lab_notebooks.run(notebook)
    count = _lab.tag_explorers(nb.page, nb.root)
    if count == 0:
        pytest.skip(f"{nb.name} has no widget explorer")
    for index in range(count):
        box = _lab.explorer(nb.page, nb.root, index)
        box.scroll_into_view_if_needed()
        reset_race(nb.page, box, nb.panel_id, tmp_path / str(index), f"{nb.name}, explorer {index}")
