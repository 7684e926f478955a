"""A static picture of an explorer, for wherever the live widget cannot run.

On GitHub, on nbviewer and in an exported PDF a notebook has no kernel, so an
explorer's output would show nothing. ``tests/regenerate_notebooks.py`` calls
:func:`store_pictures` in the kernel before it runs a notebook: from then on
every explorer the notebook displays carries, besides its live widget view, an
``image/png`` of its state at that moment -- the figure, the sliders' values
and the numbers below it (:func:`picture`). The regeneration keeps the picture
and drops the widget view, which needs a kernel.

Nothing here runs while a student uses a notebook: a live figure must not be
drawn by the kernel before the browser shows it.
"""

import html
from html.parser import HTMLParser

from .._format import fmt
from ..figures.picture import TextTable, png
from .base import Explorer

__all__ = ["CAPTION", "picture", "store_pictures", "text_blocks"]

#: The first line under every explorer picture.
CAPTION = "A picture of the explorer as it starts. Run the notebook to move its sliders."


class _Tables(HTMLParser):
    """Reads the explorers' own HTML (``table()``, notes, messages) into rows of text blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows = []  # rows of blocks shown side by side
        self._flex = None  # (depth, blocks) while inside a side-by-side div
        self._depth, self._skip = 0, False
        self._table = self._last = self._cells = self._cell = self._text = None
        self._header_row = self._note = self._blank = self._note_cell = False

    def _emit(self, block):
        if self._flex is not None:
            self._flex[1].append(block)
        else:
            self.rows.append([block])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "style":
            self._skip = True
        elif tag == "div":
            self._depth += 1
            if "flex" in (attrs.get("style") or "") and self._flex is None:
                self._flex = (self._depth, [])
            elif self._table is None and "bl-numbers" not in (attrs.get("class") or ""):
                self._text, self._note = [], "bl-note" in (attrs.get("class") or "")
        elif tag == "table":
            self._table = TextTable()
        elif tag == "tr":
            self._cells, self._header_row = [], False
            self._blank = "bl-blank" in (attrs.get("class") or "")  # room kept for rows to come
        elif tag in ("td", "th"):
            self._cell = []
            self._header_row = self._header_row or tag == "th"
            self._note_cell = "bl-note" in (attrs.get("class") or "")
        elif tag == "br" and self._text is not None:
            self._text.append(" ")

    def handle_endtag(self, tag):
        if tag == "style":
            self._skip = False
        elif tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if self._note_cell:  # the note, kept in the table's last row
                self._table.note = text or None
            else:
                self._cells.append(text)
            self._cell = None
        elif tag == "tr" and self._cells is not None:
            if self._blank or not self._cells:  # room kept for rows to come, or the note's row
                self._cells = None
                return
            if self._header_row and self._table.header is None and not self._table.rows:
                self._table.header = tuple(self._cells)
            else:
                self._table.rows.append(self._cells)
            self._cells = None
        elif tag == "table":
            self._emit(self._table)
            self._last, self._table = self._table, None
        elif tag == "div":
            if self._text is not None:
                text = " ".join("".join(self._text).split())
                if text and self._note and self._last is not None:
                    self._last.note = text
                elif text:
                    self._emit(text)
                self._text = None
            if self._flex is not None and self._depth == self._flex[0]:
                self.rows.append(self._flex[1])
                self._flex = None
            self._depth -= 1

    def handle_data(self, data):
        if self._skip:
            return
        for target in (self._cell, self._text):
            if target is not None:
                target.append(data)
                return


def text_blocks(numbers_html):
    """The explorers' numbers HTML as rows of blocks (strings and :class:`TextTable`) for a picture.

    >>> from backprop_lab.explorers import table
    >>> rows = text_blocks(table([("E", 0.5)], ["quantity", "value"], note="a note"))
    >>> rows[0][0].lines()
    ['quantity  value', '---------------', 'E           0.5', 'a note']
    """
    parser = _Tables()
    parser.feed(numbers_html or "")
    parser.close()
    return parser.rows


def picture(explorer):
    """PNG bytes: the explorer's figure, its sliders' values and its numbers, as they are now.

    Draws the figure with the kernel, so it is meant for notebooks being
    regenerated, never for a live explorer a browser is about to show.
    """
    values = []
    for control in explorer.controls.values():
        value = control.value
        label = html.unescape(control.description) or "value"
        values.append(f"{label} = {fmt(value) if isinstance(value, (int, float)) else value}")
    sliders, line = [], "Sliders:"
    for item in values:  # lines break between sliders, never inside "b₃ = w₃,₀ = 0.1"
        if len(line) + 2 + len(item) > 90:
            sliders.append(line + ",")
            line = "  " + item
        else:
            line += (" " if line == "Sliders:" else ", ") + item
    sliders.append(line)
    text = [[CAPTION], ["\n".join(sliders)], *text_blocks(explorer.numbers.value)]
    return png(explorer.fig, text)


def store_pictures(shell=None):
    """From now on, every explorer displayed in this IPython kernel carries an ``image/png`` picture.

    Parameters
    ----------
    shell : IPython InteractiveShell, optional
        Default: the running one.

    Returns
    -------
    bool
        False outside IPython (nothing to do).
    """
    if shell is None:
        from IPython import get_ipython

        shell = get_ipython()
    if shell is None:
        return False
    shell.display_formatter.formatters["image/png"].for_type(Explorer, picture)
    return True
