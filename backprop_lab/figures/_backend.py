"""Everything the live figures rely on in ipympl and matplotlib beyond their public API, in one place.

Why there is anything here at all: matplotlib's WebAgg core, which ipympl's
canvas builds on, declares ``supports_blit = False`` ("having bugs in
practice"), so matplotlib's own animation machinery never blits on it. Its
Agg methods ``copy_from_bbox``, ``restore_region`` and ``blit`` do work
there, and ipympl then sends only the pixels that changed (a "diff" image).
The explorers use that, which needs four things that are not public API:

1. ``canvas.handle_draw`` (WebAgg core): the handler of the front end's
   "draw" request. The :class:`~backprop_lab.figures.blit.Blitter` answers
   those requests itself, so that every full picture is drawn in its order
   (background first) and leaves a fresh background behind.
2. ``figure.stale_callback``: pyplot's hook that redraws a stale figure after
   every cell; on a blitted figure it would throw each blit away with a
   second, full redraw.
3. ``FixedLocator.locs`` and ``FixedFormatter.seq``: read to notice when a
   figure's fixed ticks change, which makes the kept background stale.
4. ``canvas.manager.refresh_all`` (WebAgg core): what ``canvas.blit`` calls to
   send the new pixels; without a manager there is no one to send them to.
5. ``canvas.get_diff_image`` and the state it keeps (``_png_is_old``,
   ``_force_full``, ``_last_buff``; WebAgg core): the PNG of each frame. Its
   own version encodes the whole canvas at zlib level 6 (15 ms for a
   two-panel figure, more than drawing a blitted frame);
   :func:`fast_frames` puts in one that sends the same pixels (changed pixels
   over transparent ones, or the whole picture) cropped to the rectangle from
   the top-left corner to the last changed pixel, at level 1.
6. ``comm._reply_subshell_for`` (ipykernel 7): which shell thread handles a
   message from the front end for a widget. JupyterLab (4.4 and later,
   setting "commsOverSubshells") sends widget messages to a subshell, and
   ipykernel then handles a widget's messages on the main shell or on that
   subshell's thread, depending on where it last sent something for the
   widget. So two figures (or a figure and its sliders) can be drawn at the
   same time on two threads -- matplotlib is not thread-safe
   (jupyterlab/jupyterlab#19719) -- and two messages of one explorer can be
   handled out of order. :func:`route_to_main_shell` sends every message of a
   live figure and of an explorer's widgets to the main shell: one thread, in
   the order they arrived, between cells (as with ipykernel 6). Without the
   internal nothing changes and the widgets still work.

:func:`blit_problem` checks all of them on the figure at hand. If any is
missing (a renamed internal after an upgrade), it says which, and the
Blitter falls back to ordinary full redraws (``canvas.draw_idle()``): slower,
but the pixels are always right. ``tests/test_blit.py`` forces that path.

This module is also the only place that knows what an ipympl canvas is
(:func:`live_canvas`).
"""

import struct
import zlib

import numpy as np
from matplotlib.ticker import FixedFormatter, FixedLocator

__all__ = ["blit_problem", "detach_stale_callback", "fast_frames", "is_colorbar", "live_canvas", "png",
           "route_to_main_shell", "take_over_draw_requests", "ticking"]

#: The attribute names this module relies on; a test renames one to force the fallback.
INTERNALS = {
    "draw handler": "handle_draw",
    "stale callback": "stale_callback",
    "locator positions": "locs",
    "formatter labels": "seq",
    "frame sender": "refresh_all",
    "frame encoder": "get_diff_image",
    "frame state": ("_png_is_old", "_force_full", "_last_buff"),
    "message router": "_reply_subshell_for",
}


def live_canvas(fig):
    """The figure's ipympl canvas, set up to sit inside an explorer, or None for other backends.

    The canvas is itself a widget; its header, footer and toolbar are hidden and
    it does not offer to be resized (the explorer lays it out).
    """
    canvas = fig.canvas
    if not type(canvas).__module__.startswith("ipympl"):
        return None
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.toolbar_visible = False
    canvas.resizable = False
    return canvas


def blit_problem(fig):
    """None if `fig` can be blitted in place, else a sentence saying what is missing."""
    canvas = fig.canvas
    for method in ("copy_from_bbox", "restore_region", "blit", "get_renderer"):
        if not callable(getattr(canvas, method, None)):
            return f"the canvas {type(canvas).__name__} has no {method}()"
    if not hasattr(fig, INTERNALS["stale callback"]):
        return f"matplotlib figures have no {INTERNALS['stale callback']!r} any more"
    locator, formatter = FixedLocator([0.0, 1.0]), FixedFormatter(["a", "b"])
    if not hasattr(locator, INTERNALS["locator positions"]):
        return f"FixedLocator has no {INTERNALS['locator positions']!r} any more"
    if not hasattr(formatter, INTERNALS["formatter labels"]):
        return f"FixedFormatter has no {INTERNALS['formatter labels']!r} any more"
    if type(canvas).__module__.startswith("ipympl"):
        if not callable(getattr(canvas, INTERNALS["draw handler"], None)):
            return f"the ipympl canvas has no {INTERNALS['draw handler']}() any more"
        manager = getattr(canvas, "manager", None)
        if not callable(getattr(manager, INTERNALS["frame sender"], None)):
            return f"the ipympl canvas' manager has no {INTERNALS['frame sender']}() any more"
    return None


def fast_frames(canvas):
    """Encode the frames `canvas` sends to the browser faster (see item 5 above); False if it cannot.

    Checked here rather than in :func:`blit_problem`: without it frames are only slower, never wrong.
    """
    if not callable(getattr(canvas, INTERNALS["frame encoder"], None)) or not all(
            hasattr(canvas, name) for name in INTERNALS["frame state"]) or not callable(
            getattr(canvas, "set_image_mode", None)):
        return False
    setattr(canvas, INTERNALS["frame encoder"], lambda: _diff_image(canvas))
    return True


def _diff_image(canvas):
    """WebAgg's get_diff_image, cropped, at zlib level 1: the PNG of the new frame (None if already sent)."""
    old, force, last = INTERNALS["frame state"]
    if not getattr(canvas, old):
        return None
    pixels = np.asarray(canvas.get_renderer().buffer_rgba())
    buff = pixels.view(np.uint32).squeeze(2)
    before = getattr(canvas, last)
    full = getattr(canvas, force) or buff.shape != before.shape
    if not full:
        changed = buff != before
        rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
        h, w = (rows[-1] + 1, cols[-1] + 1) if len(rows) else (1, 1)  # drawn from the top-left corner
        changed = changed[:h, :w]
        # A changed pixel that is not opaque would be blended with the old one, not replace it.
        full = bool((pixels[:h, :w, 3][changed] != 255).any())
    if full:
        canvas.set_image_mode("full")  # the browser replaces its picture with this one
        output = buff
    else:
        canvas.set_image_mode("diff")  # drawn over the browser's picture: 0 (transparent) keeps a pixel
        output = np.where(changed, buff[:h, :w], 0)
    setattr(canvas, last, buff.copy())
    setattr(canvas, force, False)
    setattr(canvas, old, False)
    return png(output.view(np.uint8).reshape(*output.shape, 4))


def png(rgba, level=1):
    """A PNG of an RGBA image, shape (height, width, 4), uint8: no row filters, zlib at `level`."""
    h, w, _ = rgba.shape
    rows = np.zeros((h, 4 * w + 1), np.uint8)  # each row starts with its filter type, 0 (none)
    rows[:, 1:] = rgba.reshape(h, 4 * w)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)  # 8 bits per channel, RGBA
    data = zlib.compress(rows.tobytes(), level)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def _main_shell(_data, _default):
    return None  # the subshell id None is the main shell


def route_to_main_shell(*widgets):
    """Have the kernel handle every front-end message for these widgets on its main shell thread (item 6).

    Returns None, or a sentence saying why it could not (then nothing is changed).
    """
    name = INTERNALS["message router"]
    for widget in widgets:
        comm = getattr(widget, "comm", None)
        if comm is None or type(comm).__name__ == "DummyComm":
            continue  # no kernel (a plain Python session): nothing is routed
        if not callable(getattr(comm, name, None)):
            return (f"the kernel's comms have no {name}() (ipykernel 6, or renamed): "
                    "widget messages keep its routing")
        setattr(comm, name, _main_shell)
    return None


def take_over_draw_requests(canvas, handler):
    """Answer the front end's "draw" requests with `handler(event)`; False where there are none (Agg)."""
    name = INTERNALS["draw handler"]
    if not hasattr(canvas, name):
        return False
    setattr(canvas, name, handler)
    return True


def detach_stale_callback(fig):
    """Stop pyplot from redrawing `fig` in full whenever it turns stale (its redraws are the Blitter's)."""
    setattr(fig, INTERNALS["stale callback"], None)


def ticking(axis):
    """What decides an axis' ticks besides its limits and scale: its locator and formatter.

    Asking for the ticks themselves would run the locator, which costs more than
    a blit; fixed ticks are compared by their positions and labels.
    """
    locator, formatter = axis.get_major_locator(), axis.get_major_formatter()
    return (id(locator), tuple(getattr(locator, INTERNALS["locator positions"], ())), id(formatter),
            tuple(getattr(formatter, INTERNALS["formatter labels"], ())), id(axis.get_minor_locator()))


def is_colorbar(ax, figure_axes):
    """Whether `ax` holds a colorbar of one of `figure_axes`.

    Found through the public ``mappable.colorbar``.
    """
    for other in figure_axes:
        for mappable in (*other.images, *other.collections):
            colorbar = getattr(mappable, "colorbar", None)
            if colorbar is not None and colorbar.ax is ax:
                return True
    return False
