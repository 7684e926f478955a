"""Blitting for the live explorer figures: redraw only what moves.

A full Agg draw of a two-panel figure costs this machine 80-140 ms, most of
it ticks and tick labels that a slider never changes. So a :class:`Blitter`
draws the figure once without its *moving* artists (the lines, collections,
patches, images and texts inside each axes), keeps that picture as the
background, and on every update pastes the background back and draws only
the moving artists over it -- matplotlib's blitting recipe. The ipympl canvas
then sends just the pixels that changed.

What counts as background (the "scaffolding"): the axes' face, spines, axes
(ticks, tick labels, grid, axis labels), figure texts, whole colorbars, and
the artists a plot handle marked with :func:`still` (a fixed title or legend
that nothing moving overlaps). Other titles move with the data (a title may
show the learning rate). When any of the scaffolding changes -- new axis
limits or ticks, a resized canvas, a still artist that was changed after all
-- the background is stale and the update falls back to a full draw, which
captures a fresh one.

The moving artists are flagged ``animated`` only for the length of the
Blitter's own draws, so ``savefig`` and any other full draw still show the
whole figure.

What this relies on beyond matplotlib's and ipympl's public API is fenced in
``_backend.py``; when any of it is missing, the Blitter falls back to plain
full redraws (``Blitter.problem`` says why) and the pixels stay right.
"""

import weakref

import numpy as np
from matplotlib.axis import Axis
from matplotlib.spines import Spine

from . import _backend

__all__ = ["Blitter", "still"]

_STILL = weakref.WeakSet()


def still(*artists):
    """Draw these artists into the kept background, not again on every update.

    For artists that stay as they are while sliders move (a fixed title, a legend
    beside the axes) and that nothing moving overlaps: a blit draws the moving
    artists over the background, so a still artist must not lie above one of them.
    If a still artist is changed after all, the next update redraws everything
    (matplotlib marks it stale). Returns the artists.
    """
    _STILL.update(artists)
    return artists


class Blitter:
    """Fast in-place redraws of `fig`, whose canvas must support blitting (Agg, ipympl).

    Parameters
    ----------
    fig : matplotlib.figure.Figure

    Attributes
    ----------
    shown : bool
        Whether the front end has asked for a picture (ipympl) or someone else
        has drawn the canvas. Until then :meth:`update` only asks for a draw: a
        picture drawn before the front end is there never reaches it.
    full_draws, blits : int
        How many updates took each path (for tests and the benchmark).
    fast_frames : bool
        Whether the frames are encoded by ``_backend.fast_frames`` (else by matplotlib).
    problem : str or None
        Why this figure cannot be blitted (an internal of ipympl or matplotlib
        is missing, see ``_backend``); then every update is a full redraw.
    """

    def __init__(self, fig):
        self.fig = fig
        self.shown = False
        self.background = None
        self._scaffolding = None
        self._moving = None
        self.full_draws = self.blits = 0
        self.fast_frames = False
        self.problem = _backend.blit_problem(fig)
        if self.problem is not None:
            return  # plain full redraws: update() asks the canvas for one
        fig.canvas.mpl_connect("draw_event", self._on_draw)
        # ipympl's front end asks for every full picture (the first, after a resize)
        # with a "draw" message; answering it here keeps one drawing order for all
        # frames -- scaffolding, then the moving artists -- and a fresh background.
        _backend.take_over_draw_requests(fig.canvas, self._front_end_draw)
        # Each frame goes to the browser as a PNG; matplotlib's encoder costs more than a blit.
        self.fast_frames = _backend.fast_frames(fig.canvas)
        # In a plain Python REPL, pyplot's figures ask for a full redraw whenever they
        # turn stale; redraws of this figure are the Blitter's job alone.
        _backend.detach_stale_callback(fig)

    def moving_artists(self):
        """The artists an update may change, in drawing order (axes by axes, by zorder)."""
        found, axes = [], self.fig.axes
        for ax in axes:
            if not ax.get_visible() or _backend.is_colorbar(ax, axes):
                continue
            scaffold = {ax.patch, *ax.spines.values()}
            mine = [a for a in ax.get_children() if a not in scaffold and a not in _STILL
                    and not isinstance(a, (Axis, Spine)) and a.get_visible()]
            found.extend(sorted(mine, key=lambda a: a.get_zorder()))
        return found

    def scaffolding(self):
        """A summary of everything drawn into the background; when it changes, the background is stale."""
        canvas = self.fig.canvas
        parts = [tuple(canvas.get_width_height(physical=True)), self.fig.dpi]
        parts += [t.get_text() for t in self.fig.texts]
        # A still artist changed since the background was drawn (matplotlib's draw clears `stale`).
        parts.append(any(_changed(a) for a in _STILL if a.figure is self.fig))
        for ax in self.fig.axes:
            parts += [ax.get_visible(), tuple(ax.get_position().bounds), tuple(ax.viewLim.bounds),
                      ax.get_xscale(), ax.get_yscale(), ax.get_xlabel(), ax.get_ylabel(),
                      *_backend.ticking(ax.xaxis), *_backend.ticking(ax.yaxis)]
        return parts

    def update(self):
        """Show the figure's current state: blit when the background still fits, else draw it all."""
        canvas = self.fig.canvas
        if self.problem is not None:
            self.full_draws += 1
            canvas.draw_idle()
            return
        if not self.shown:
            canvas.draw_idle()
            return
        scaffolding = self.scaffolding()
        if self.background is None or not _same(scaffolding, self._scaffolding):
            self.full_draw()
            return
        canvas.restore_region(self.background)
        self._draw(self.moving_artists())
        self.blits += 1
        canvas.blit(self.fig.bbox)

    def full_draw(self):
        """Draw everything; the scaffolding is kept as the background for later blits."""
        self._moving = self.moving_artists()  # while set, the draw is the Blitter's own
        for artist in self._moving:
            artist.set_animated(True)
        try:
            self.full_draws += 1
            self.fig.canvas.draw()  # -> _on_draw, before ipympl sends the picture
        finally:
            for artist in self._moving:
                artist.set_animated(False)
            self._moving = None
            self.fig.stale = False  # see _draw

    def _front_end_draw(self, event=None):
        self.shown = True
        self.full_draw()

    def _on_draw(self, event):
        if self._moving is None:
            # Someone else's full draw (savefig, a direct canvas.draw()): it included
            # the moving artists, so it cannot serve as a background.
            self.shown, self.background = True, None
            return
        self.background = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        self._scaffolding = self.scaffolding()
        self._draw(self._moving)

    def _draw(self, moving):
        renderer = self.fig.canvas.get_renderer()
        for artist in moving:
            artist.draw(renderer)
        # The picture is current. Left stale, the figure would get a second, full
        # redraw from IPython's post-execute hook (pyplot's draw_all), which
        # ipykernel runs after widget messages too.
        self.fig.stale = False


def _changed(artist):
    """Whether `artist` or anything in it was changed since it was last drawn (a legend's texts, too)."""
    return artist.stale or any(_changed(child) for child in artist.get_children())


def _same(a, b):
    if b is None or len(a) != len(b):
        return False
    return all(np.array_equal(x, y) if isinstance(x, tuple) else x == y for x, y in zip(a, b))
