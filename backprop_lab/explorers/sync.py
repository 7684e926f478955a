"""Keeping the kernel and the front end in step: one thread for an explorer's messages, and a round trip.

Two facts about the machinery under the explorers make "what the student did
last wins" harder than it looks:

1. **Threads.** With a kernel that has subshells (ipykernel 7), JupyterLab (4.4
   and later, setting "commsOverSubshells") sends widget messages to a
   subshell, and ipykernel handles a widget's message on the main shell or on
   that subshell's thread depending on where it last sent something for that
   widget. So two messages of one explorer (a slider move, a Reset click) can
   be handled at the same time on two threads, in either order -- and
   matplotlib, which is not thread-safe, draws the same figure from both
   (jupyterlab/jupyterlab#19719). :func:`route_to_main_shell` sends every
   message of the given widgets to the main shell: one thread, in the order
   they arrived, between cells (as with ipykernel 6).
2. **Held-back changes.** ipywidgets' front end holds a control's changes back
   while an earlier change of it is being handled and sends them when the
   kernel reports idle; a button click is sent at once. So a click can reach
   the kernel before moves that were made before it. :class:`RoundTrip` asks
   the front end for an answer that comes back behind everything it sent
   before.

(1) relies on an internal of ipykernel, so :func:`route_to_main_shell` lives
with the other internals in ``figures/_backend.py`` (which every live figure
uses too); when it is missing, it returns a sentence saying so and changes
nothing (the widgets still work; only the ordering guarantee is lost).
``tests/test_explorer_reset.py`` checks it with the installed ipykernel.
"""

import time

import ipywidgets as widgets

from ..figures import route_to_main_shell

__all__ = ["RoundTrip", "route_to_main_shell"]


class RoundTrip:
    """A message to the front end whose answer comes back behind everything the front end sent before.

    :meth:`send` sets `ping`; a link that runs in the front end (``jsdlink``)
    copies it into `pong`, and the front end sends that change back. Messages
    from one front end arrive in the order they were sent, and (routed to one
    thread, see :func:`route_to_main_shell`) are handled in that order; so
    when the answer is handled, every change the front end sent before it saw
    the ping has been handled.

    Attributes
    ----------
    ping, pong : widgets.IntText
        Never displayed; their models and the link live in the front end all the same.
    waiting : int or None
        The number of the ping whose answer has not come back yet.
    """

    #: After this many seconds without an answer (the page was closed), stop waiting.
    GIVE_UP_S = 5.0

    def __init__(self):
        self.ping, self.pong = widgets.IntText(0), widgets.IntText(0)
        self.link = widgets.jsdlink((self.ping, "value"), (self.pong, "value"))
        self.pong.observe(self._on_pong, names="value")
        self.waiting, self._sent = None, 0.0

    def send(self):
        """Send a new ping; :attr:`waiting` holds its number until the answer comes back."""
        self.waiting = self.ping.value + 1
        self._sent = time.monotonic()
        self.ping.value = self.waiting

    def pending(self):
        """Whether a ping is still unanswered (and not given up)."""
        if self.waiting is not None and time.monotonic() - self._sent > self.GIVE_UP_S:
            self.waiting = None
        return self.waiting is not None

    def _on_pong(self, change):
        if change["new"] == self.waiting:
            self.waiting = None
