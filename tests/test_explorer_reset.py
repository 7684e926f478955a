"""Reset wins over changes made before it, also when they reach the kernel after the click.

ipywidgets' front end holds a control's changes back while an earlier change of it is being handled
and sends them when the kernel reports idle; a button click goes at once. So after "drag, then Reset"
the kernel sees: first move, Reset, the rest of the drag. Here the front end's messages are played
by hand, in that order (``set_state`` is what a front-end update calls; ``_handle_custom_msg`` is what a
front-end click calls). tests/browser/test_reset_race.py plays the same race in JupyterLab, and
test_voila.py in Voilà.

With a kernel that has subshells, ipykernel may also handle two messages of one explorer on two threads
at once; ``route_to_main_shell`` (figures/_backend.py) keeps them on one. The last tests check that against
the installed ipykernel.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import backprop_lab as bl  # noqa: E402
from backprop_lab.explorers import sync  # noqa: E402
from backprop_lab.figures import _backend  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _front_end_click(button):
    button._handle_custom_msg({"event": "click"}, [])


def _front_end_answers(explorer):
    """What the front end's link does with a ping: copy it into the pong, which it sends back."""
    trip = explorer._round_trip
    trip.pong.set_state({"value": trip.ping.value})


def test_moves_sent_before_the_reset_was_seen_are_undone():
    e = bl.explorers.depth_explorer()
    start, numbers = e.values(), e.numbers.value
    depth = e.controls["depth"]
    depth.set_state({"value": 6})  # the first key press, handled at once
    assert "layer 7" in e.numbers.value
    _front_end_click(e.reset_button)
    assert e.values() == start and e.numbers.value == numbers
    depth.set_state({"value": 10})  # the other four presses, held back in the front end until now
    assert depth.value == 5, "a move made before Reset undid the reset"
    assert e.numbers.value == numbers and "layer 7" not in e.numbers.value
    _front_end_answers(e)  # from here on, the front end has seen the reset
    depth.set_state({"value": 7})
    assert depth.value == 7 and "layer 8" in e.numbers.value


def test_a_play_tick_sent_before_the_reset_was_seen_does_not_train():
    e = bl.explorers.training_explorer()
    e.step_button.click()
    assert "<td>epoch</td><td>20</td>" in e.numbers.value
    _front_end_click(e.reset_button)
    assert "<td>epoch</td><td>0</td>" in e.numbers.value
    e.play.set_state({"value": e.play.value + 1})  # a tick the front end sent before it stopped playing
    assert "<td>epoch</td><td>0</td>" in e.numbers.value
    _front_end_answers(e)
    e.play.set_state({"value": e.play.value + 1})
    assert "<td>epoch</td><td>20</td>" in e.numbers.value


def test_without_a_front_end_click_nothing_is_held():
    e = bl.explorers.depth_explorer()
    e.reset_button.click()  # from Python: no front end to wait for
    e.controls["depth"].value = 9
    assert "layer 10" in e.numbers.value


def test_an_unanswered_ping_is_given_up(monkeypatch):
    e = bl.explorers.depth_explorer()
    _front_end_click(e.reset_button)
    assert e._round_trip.pending()
    monkeypatch.setattr(sync.RoundTrip, "GIVE_UP_S", 0.0)  # the page was closed: no answer will come
    e.controls["depth"].set_state({"value": 8})
    assert e.controls["depth"].value == 8 and "layer 9" in e.numbers.value


class _KernelComm:
    """A widget's comm as ipykernel makes it (its base class decides where a message is handled)."""

    def __new__(cls):
        from ipykernel.comm.comm import BaseComm

        return type("Comm", (BaseComm,), {})(target_name="jupyter.widget")


class _Widget:
    def __init__(self):
        self.comm = _KernelComm()


def test_the_installed_ipykernel_routes_a_widgets_messages_where_we_say():
    widget = _Widget()
    router = getattr(widget.comm, _backend.INTERNALS["message router"])
    assert router({"method": "update"}, "subshell-1") == "subshell-1"  # the front end's subshell, by default
    assert sync.route_to_main_shell(widget) is None
    router = getattr(widget.comm, _backend.INTERNALS["message router"])
    assert router({"method": "update"}, "subshell-1") is None  # None: the main shell


def test_a_missing_router_is_named_and_nothing_changes(monkeypatch):
    monkeypatch.setitem(_backend.INTERNALS, "message router", "_reply_subshell_for_renamed")
    widget = _Widget()
    assert sync.route_to_main_shell(widget) == (
        "the kernel's comms have no _reply_subshell_for_renamed() (ipykernel 6, or renamed): "
        "widget messages keep its routing"
    )
    assert widget.comm._reply_subshell_for({}, "subshell-1") == "subshell-1"


def test_without_a_kernel_there_is_nothing_to_route():
    e = bl.explorers.worked_example_explorer()
    assert e.sync_problem is None
