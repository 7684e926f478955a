"""When an internal of ipympl or matplotlib that blitting relies on is gone, explorers still show the
right pixels.

figures/_backend.py names every such internal in ``INTERNALS``; renaming one here plays an upgrade
that renamed it. The Blitter must then say why it cannot blit and fall back to plain full redraws.
"""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import backprop_lab as bl
from backprop_lab.figures import _backend

pytestmark = pytest.mark.filterwarnings(r"ignore:Passing unrecognized arguments to super\(Toolbar\)")


@pytest.fixture
def ipympl_backend():
    """ipympl in interactive mode, as after ``%matplotlib widget``."""
    previous, interactive = plt.get_backend(), plt.isinteractive()
    plt.switch_backend("module://ipympl.backend_nbagg")
    plt.ion()
    yield
    plt.close("all")
    plt.interactive(interactive)
    plt.switch_backend(previous)


@pytest.mark.parametrize("internal, says", [
    ("draw handler", "the ipympl canvas has no handle_draw_renamed() any more"),
    ("stale callback", "matplotlib figures have no 'stale_callback_renamed' any more"),
    ("locator positions", "FixedLocator has no 'locs_renamed' any more"),
    ("formatter labels", "FixedFormatter has no 'seq_renamed' any more"),
    ("frame sender", "the ipympl canvas' manager has no refresh_all_renamed() any more"),
])
def test_a_missing_internal_is_named(ipympl_backend, monkeypatch, internal, says):
    monkeypatch.setitem(_backend.INTERNALS, internal, _backend.INTERNALS[internal] + "_renamed")
    fig, _ = bl.figures.new_figure()
    assert _backend.blit_problem(fig) == says


def test_nothing_is_missing_with_the_installed_versions(ipympl_backend):
    fig, _ = bl.figures.new_figure()
    assert _backend.blit_problem(fig) is None


def _front_end_draws(canvas):
    """Answer the canvas' "draw" request as ipympl's front end does (it asks back for a full picture)."""
    canvas.handle_event({"type": "draw"})
    return np.asarray(canvas.buffer_rgba()).copy()


def test_without_blitting_every_move_is_a_correct_full_redraw(ipympl_backend, monkeypatch):
    monkeypatch.setitem(_backend.INTERNALS, "draw handler", "handle_draw_renamed")
    explorer = bl.explorers.worked_example_explorer()
    canvas, blitter = explorer.fig.canvas, explorer.blitter
    assert blitter.problem == "the ipympl canvas has no handle_draw_renamed() any more"
    assert "handle_draw" not in vars(canvas)  # the front end's requests go to ipympl, untouched
    canvas.syncing_data_url = False
    first = _front_end_draws(canvas)
    requests, full_draws = [], blitter.full_draws
    canvas.draw_idle = lambda *args: requests.append(args)  # what would go to the front end
    for value in (0.0, 1.2, -0.7):
        explorer.controls["w32"].value = value
        assert len(requests) == 1, "one request for a full redraw per move"
        requests.clear()
        shown = _front_end_draws(canvas)
        canvas.draw()  # a full draw from scratch of the same state
        assert np.array_equal(shown, np.asarray(canvas.buffer_rgba()))
        assert not np.array_equal(shown, first)  # the picture did change
    assert blitter.blits == 0 and blitter.full_draws - full_draws == 3
    assert explorer.handles["curve"].w == -0.7  # and it shows the last move


@pytest.mark.parametrize("internal, renamed", [("frame encoder", "get_diff_image_renamed"),
                                               ("frame state", ("_png_is_old", "_force_full_renamed", "_x"))])
def test_without_the_fast_encoder_frames_come_from_matplotlib(ipympl_backend, monkeypatch, internal, renamed):
    monkeypatch.setitem(_backend.INTERNALS, internal, renamed)
    explorer = bl.explorers.worked_example_explorer()
    canvas, blitter = explorer.fig.canvas, explorer.blitter
    assert blitter.problem is None and not blitter.fast_frames  # blits still, with matplotlib's encoder
    assert "get_diff_image" not in vars(canvas)
    canvas.syncing_data_url = False
    canvas.handle_event({"type": "draw"})
    frames = []
    canvas.send_binary = frames.append
    explorer.controls["w32"].value = 0.5
    assert blitter.blits == 1 and len(frames) == 1 and frames[0][:8] == b"\x89PNG\r\n\x1a\n"
