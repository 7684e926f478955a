"""The shared base of every explorer: controls, an optional play / step, Reset, an error line,
a live figure and a table of numbers.

The pattern (from ipympl's examples): the figure is built once under
``plt.ioff()``; on every change the engine recomputes, the plot handles
change their artists' data in place, and the canvas redraws only what moved
(:class:`~backprop_lab.figures.Blitter`). An exception inside a callback is
shown in the explorer, in red, never lost; the figure and numbers keep the
last state that worked.

Explorers hold no math: they read controls, call the engine, hand results to
the figures and write numbers with :func:`table`.
"""

import html
import traceback

import ipywidgets as widgets
from IPython.display import clear_output, display

from .. import figures, presenter
from .._format import fmt
from ..derivation import HTML_STYLE
from .sync import RoundTrip, route_to_main_shell

__all__ = ["Explorer", "dropdown", "int_slider", "slider", "table"]

_CSS = """<style>
.bl-numbers table {border-collapse: collapse; font-size: %dpx; font-family: sans-serif}
.bl-numbers td, .bl-numbers th {padding: 2px 10px; text-align: right; border-bottom: 1px solid #ddd}
.bl-numbers th {text-align: left; background: #f3f3f3}
.bl-numbers .bl-note {font-size: 14px; color: #444; padding-top: 4px}
.bl-numbers td.bl-note {text-align: left; border-bottom: none; padding-left: 0;
                        white-space: nowrap; max-width: 0}
.bl-numbers tr.bl-blank td {border-bottom-color: transparent}
.bl-error {color: #b00020; font-family: monospace; white-space: pre-wrap; font-size: 14px}
</style>"""

_WIDE = {"description_width": "90px"}


def slider(description, value, lo, hi, step=0.01, fmt=".3f"):
    """A float slider that reports values while it is dragged."""
    return widgets.FloatSlider(
        value=value, min=lo, max=hi, step=step, description=description, readout_format=fmt,
        continuous_update=True, style={"description_width": "70px"}, layout=widgets.Layout(width="330px"),
    )


def int_slider(description, value, lo, hi, continuous_update=True):
    """An integer slider with room for a longer description."""
    return widgets.IntSlider(value=value, min=lo, max=hi, description=description,
                             continuous_update=continuous_update, style=_WIDE)


def dropdown(description, options, value):
    """A dropdown; `options` is a list of values or of ``(label, value)`` pairs."""
    return widgets.Dropdown(options=options, value=value, description=description, style=_WIDE)


def live_derivation():
    """The widget beside a figure that shows a live derivation (``explain(...).to_html(style=False)``)
    and the derivation's style, for ``Explorer(side=widget, css=style)``.

    The derivation's lines never wrap (so that it keeps its height while the numbers change), so its
    room grows with the presenter scale: 620 px at most, times the scale, beside the figure (below it
    when the page is too narrow).

    Returns
    -------
    (widgets.HTML, str)
    """
    scale = presenter.current_scale()
    widget = widgets.HTML(layout=widgets.Layout(max_width=f"{round(620 * scale)}px"))
    widget.add_class("bl-live-derivation")
    return widget, HTML_STYLE % round(14 * scale)


def table(rows, header=None, note="", rows_up_to=None):
    """An HTML table of ``(label, value, ...)`` rows, for the numbers beside a figure.

    Numbers are written with the package's formatter (6 significant digits);
    strings are shown as they are (they may hold HTML).

    With `rows_up_to`, the table keeps room for that many rows: the note becomes
    its next row and blank rows follow, so that the table keeps its height when
    rows come and go (a slider for the number of layers) and the page below it
    does not move (moving it makes the browser repaint the whole notebook).
    """
    head = "" if header is None else "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"
    body = "".join(
        "<tr>" + "".join(f"<td>{c if isinstance(c, str) else fmt(c)}</td>" for c in row) + "</tr>"
        for row in rows
    )
    if rows_up_to is None:
        note = f"<div class='bl-note'>{note}</div>" if note else ""
        return f"<div class='bl-numbers'><table>{head}{body}</table>{note}</div>"
    columns = len(header) if header is not None else max((len(r) for r in rows), default=1)
    note = f"<tr><td class='bl-note' colspan='{columns}'>{note or '&nbsp;'}</td></tr>"
    blank = f"<tr class='bl-blank'><td colspan='{columns}'>&nbsp;</td></tr>" * max(rows_up_to - len(rows), 0)
    return f"<div class='bl-numbers'><table>{head}{body}{note}{blank}</table></div>"


class Explorer(widgets.VBox):
    """Controls, a live figure, a table of numbers and an error line.

    Parameters
    ----------
    controls : dict of str to widget
        Every control whose ``value`` the explorer reads; a change refreshes.
    fig : matplotlib.figure.Figure
        Made with :func:`backprop_lab.figures.new_figure`.
    refresh : callable
        ``refresh(values) -> html``: recompute from the controls' values (a
        dict), update the plot handles in place, return the numbers as HTML.
        It may also return ``(html, {widget: value, ...})``: other widgets'
        new values (a live derivation), set with the numbers. Both are set
        after the figure's new frame is sent: the browser lays out new HTML
        (in JupyterLab's page, several ms) before it draws a frame that
        arrives behind it.
    buttons : sequence of widgets.Button
        Extra buttons, shown before Reset.
    title : str
    on_reset : callable, optional
        Called on Reset before the controls go back (to reset the explorer's own state).
    handles : dict, optional
        The plot handles, for tests and curious students.
    advance : callable, optional
        With it, the explorer gets a play / pause control and a Step button,
        each tick or press calling ``advance()`` and then refreshing.
    interval : int
        Milliseconds between play ticks (40: up to 25 frames per second; a slower kernel gets fewer
        ticks, never a queue of them, because the front end merges changes the kernel has not taken yet).
    side : widget, optional
        Shown beside the figure (below it when the page is too narrow), e.g. a live derivation.
    css : str
        A ``<style>`` block for the HTML that `refresh` writes (e.g. a derivation's), sent once with
        the tables' style: a new ``<style>`` on every move would make the browser restyle the whole page.

    Attributes
    ----------
    controls, fig, handles
    numbers, error : widgets.HTML
        The table of numbers; the error line (empty when all is well).
    css : widgets.HTML
        The style of the tables (and `css`), hidden, sent once.
    reset_button : widgets.Button
        Reset wins over changes made before it: after a click in the front
        end, control changes and play ticks that were sent before the front end
        saw the reset are undone (see :class:`~backprop_lab.explorers.sync.RoundTrip`).
    play : widgets.Play or None
    step_button : widgets.Button or None
    blitter : Blitter or None
        Redraws the live figure; None when the figure is shown as a static image.
    sync_problem : str or None
        Why the kernel may handle this explorer's messages on more than one thread
        (see :func:`~backprop_lab.explorers.sync.route_to_main_shell`); None when all is well.
    """

    def __init__(self, controls, fig, refresh, buttons=(), title="", on_reset=None, handles=None,
                 advance=None, interval=40, side=None, css=""):
        self.controls, self.fig, self._refresh = dict(controls), fig, refresh
        self.handles = dict(handles or {})
        self._on_reset, self._advance = on_reset, advance
        self.reset_button = widgets.Button(description="Reset", icon="undo",
                                           tooltip="back to the starting values")
        self.reset_button.on_click(lambda _: self.reset())
        # A click from the front end (not button.click() in Python): changes queued there before it follow.
        self.reset_button.on_msg(self._on_front_end_click)
        self._round_trip = RoundTrip()
        self.play = self.step_button = None
        extra = list(buttons)
        if advance is not None:
            self.play = widgets.Play(value=0, min=0, max=10**9, step=1, interval=interval,
                                     description="play / pause", show_repeat=False)
            self.step_button = widgets.Button(description="Step", icon="step-forward",
                                              tooltip="train one step")
            self.play.observe(self._on_tick, names="value")
            self.step_button.on_click(lambda _: self.step())
            extra = [self.play, self.step_button, *extra]
        self.numbers = widgets.HTML()
        # The tables' style, once: a <style> in every new table would make the browser restyle the
        # whole page (JupyterLab's, thousands of elements) on every slider move.
        self.css = widgets.HTML(_CSS % round(15 * presenter.current_scale()) + css,
                                  layout=widgets.Layout(display="none"))
        self.error = widgets.HTML()
        self.error.add_class("bl-error")
        canvas = figures.live_canvas(fig)
        self.figure_widget = widgets.Output() if canvas is None else canvas
        self.blitter = None if canvas is None else figures.Blitter(fig)
        self._holding = False
        self._start = self.values()
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        grid = widgets.GridBox(
            list(self.controls.values()),
            layout=widgets.Layout(grid_template_columns="repeat(auto-fill, 340px)"),
        )
        header = [widgets.HTML(f"<b style='font-size:16px'>{html.escape(title)}</b>")] if title else []
        row = [widgets.HBox([*extra, self.reset_button])]
        # Figure above the numbers: side by side, a wide figure would be squeezed and clipped.
        top = self.figure_widget if side is None else widgets.HBox(
            [self.figure_widget, side], layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
        body = widgets.VBox([top, self.numbers])
        super().__init__([self.css] + header + [grid] + row + [self.error, body])
        self.add_class("bl-explorer")
        # One thread, arrival order, for everything the student does here (also for widgets added later).
        trip = self._round_trip
        self.sync_problem = route_to_main_shell(self, trip.ping, trip.pong, trip.link, *_descendants(self))
        self.observe(lambda _: route_to_main_shell(*_descendants(self)), names="children")
        self.refresh()
        figures.freeze_layout(fig)

    def values(self):
        """The controls' current values, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def set_values(self, **values):
        """Set several controls and refresh once (not once per control)."""
        self._holding = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._holding = False
        self.refresh()

    def reset(self):
        """Stop playing; every control back to its starting value (and the explorer's own state, if any)."""
        if self.play is not None:
            self.play.playing = False
        if self._on_reset is not None:
            self._on_reset()
        self.set_values(**self._start)

    def step(self):
        """One step of the explorer's `advance` (one play tick), then a refresh."""
        if self._guarded(self._advance):
            self.refresh()

    def show_error(self, message):
        """Show `message` in the explorer's error line (in red); the rest stays as it is."""
        self.error.value = f"⚠ {html.escape(message)}"

    def _on_front_end_click(self, _widget, content, _buffers):
        if content.get("event") == "click":  # reset() has run; now catch what the front end still sends
            self._round_trip.send()

    def _on_change(self, change):
        if self._holding:
            return
        if self._round_trip.pending():  # sent before the front end saw the Reset: put the control back
            self._holding = True
            try:
                change["owner"].value = change["old"]
            finally:
                self._holding = False
            return
        self.refresh()

    def _on_tick(self, _change):
        if not self._round_trip.pending():  # a tick sent before the front end saw the Reset is dropped
            self.step()

    def _guarded(self, action):
        """Run `action()`; an exception is shown in the error line and returns False."""
        try:
            action()
        except Exception as exc:  # shown to the student, not swallowed
            where = traceback.extract_tb(exc.__traceback__)[-1]
            self.error.value = (
                f"⚠ {type(exc).__name__}: {html.escape(str(exc))}"
                f"<br><small>(in {html.escape(where.name)}, line {where.lineno})</small>"
            )
            return False
        return True

    def refresh(self):
        """Recompute, update the figure and numbers; show any error in the widget."""
        result = {}
        ok = self._guarded(lambda: result.update(out=self._refresh(self.values())))
        self.redraw()  # the frame first (see `refresh` in the class docstring)
        if ok:
            html_out, others = result["out"] if isinstance(result["out"], tuple) else (result["out"], {})
            self.numbers.value = html_out
            for widget, value in others.items():
                widget.value = value
            self.error.value = ""

    def redraw(self):
        """Show the figure's current state."""
        if self.blitter is None:
            with self.figure_widget:
                clear_output(wait=True)
                display(self.fig)
        else:
            self.blitter.update()


def _descendants(box):
    """Every widget inside `box`, at any depth."""
    for child in getattr(box, "children", ()):
        yield child
        yield from _descendants(child)
