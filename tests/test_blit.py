"""Blitting on ipympl canvases: a blitted frame must be pixel for pixel the frame a full draw gives.

Each explorer is built on a real ipympl canvas (no front end: its first draw is
made here, as the front end would ask for it), then every control is moved;
after each move the picture on the canvas is compared with a full redraw, and
the picture the browser puts together from the PNG frames it was sent (whole
pictures, or changed pixels over transparent ones) with the canvas.
"""

import io

import ipywidgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from backprop_lab import explorers as tw
from backprop_lab import explorers as w
from backprop_lab.figures import Blitter

# ipympl's Toolbar passes the canvas on to traitlets, which warns (ipympl 0.10, traitlets 5).
pytestmark = pytest.mark.filterwarnings(r"ignore:Passing unrecognized arguments to super\(Toolbar\)")

# explorer -> a slider whose small moves change only data (so they must be blitted)
EXPLORERS = {
    "single_neuron": (w.single_neuron_explorer, "w"),
    "worked_example": (w.worked_example_explorer, "w32"),
    "multilayer": (w.multilayer_explorer, "w53"),
    "training": (tw.training_explorer, "lr"),
    "learning_rate": (tw.learning_rate_explorer, "lr1"),
    "depth": (tw.depth_explorer, "c"),
    "playground": (tw.playground, "lr"),
    "optimizers": (tw.optimizer_explorer, "adam"),
    "spiral": (tw.spiral_explorer, "lr"),
    "overfitting": (tw.overfitting_explorer, "weight_decay"),
    "batch_norm": (tw.batch_norm_explorer, "scale"),
    "convolution": (tw.conv_explorer, "t"),
}


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


def _pixels(canvas):
    return np.asarray(canvas.buffer_rgba()).copy()


class FrontEnd:
    """What ipympl's front end does with the frames: a full one replaces its picture, a diff one is drawn
    over it (a transparent pixel keeps the old one), from the top-left corner."""

    def __init__(self, canvas):
        self.canvas, self.picture, self.frames = canvas, None, 0
        canvas.send_binary = self.receive  # what the canvas' manager calls with each frame

    def receive(self, data):
        image = np.asarray(Image.open(io.BytesIO(data)).convert("RGBA"))
        self.frames += 1
        if self.canvas._image_mode == "full":
            self.picture = image.copy()
            return
        h, w, _ = image.shape
        region = self.picture[:h, :w]
        region[...] = np.where(image[..., 3:] > 0, image, region)


def _moved(control):
    """A different value for a slider or a dropdown (a few steps up, or down at the top)."""
    if isinstance(control, ipywidgets.Dropdown):
        values = [v for _, v in control.options] if isinstance(control.options[0], tuple) else control.options
        return values[(list(values).index(control.value) + 1) % len(values)]
    up = control.value + 3 * control.step
    return up if up <= control.max else control.value - 3 * control.step


@pytest.mark.parametrize("name", list(EXPLORERS))
def test_blitted_frames_equal_full_redraws(ipympl_backend, name):
    make, small = EXPLORERS[name]
    explorer = make()
    canvas, blitter = explorer.fig.canvas, explorer.blitter
    canvas.syncing_data_url = False  # as with a front end connected
    front_end = FrontEnd(canvas)
    canvas.handle_event({"type": "draw"})  # the front end asks for its first picture
    assert blitter.shown and blitter.background is not None and blitter.fast_frames
    first = _pixels(canvas)
    assert np.array_equal(front_end.picture, first)
    explorer.redraw()  # nothing changed: a blit must give the very same picture
    assert blitter.blits == 1 and np.array_equal(first, _pixels(canvas))
    idle_draws = []  # a request to the front end for a full redraw would undo the blit
    canvas.draw_idle = lambda *args: idle_draws.append(args)
    # Every control twice (the first move may need new limits, the second rarely does), then one
    # step of `small` and back. Each value is taken when its move comes.
    moves = [(label, _moved) for label in explorer.controls for _ in range(2)]
    start = explorer.controls[small].value
    moves += [(small, lambda c: c.value + c.step), (small, lambda c: start)]
    blits = {}
    for label, new_value in moves:
        blits_before = blitter.blits
        control = explorer.controls[label]
        value = new_value(control)
        assert value != control.value
        control.value = value
        assert explorer.error.value == "", f"{label}: {explorer.error.value}"
        blits[label] = blitter.blits - blits_before
        assert not explorer.fig.stale, f"{name}: left stale, IPython would redraw it all after {label!r}"
        shown = _pixels(canvas)
        browser = f"{name}: the picture the browser put together differs after {label!r}"
        assert np.array_equal(front_end.picture, shown), browser
        blitter.full_draw()
        differ = np.any(shown != _pixels(canvas), axis=-1)
        assert not differ.any(), (
            f"{name}: after moving {label!r}, {differ.sum()} pixels differ from a full redraw "
            f"(first at row, column {np.argwhere(differ)[0].tolist()})"
        )
    assert blits[small] == 1, f"{name}: a small move of {small!r} was not blitted"
    assert front_end.frames == 2 + 2 * len(moves)  # first draw, redraw, then each move and its full redraw
    assert idle_draws == [], f"{name}: {len(idle_draws)} full redraws were requested besides the blits"
    assert not any(a.get_animated() for a in blitter.moving_artists())  # savefig still shows everything


@pytest.mark.parametrize("name, label", [("single_neuron", "w"), ("worked_example", "w32"),
                                         ("multilayer", "w53"), ("playground", "noise")])
def test_a_move_sends_the_frame_before_the_html(ipympl_backend, name, label):
    """The browser lays out new HTML (the tables, a live derivation) before it draws a frame that
    arrives behind it, so the frame goes first; the tables and the derivation follow in the same update."""
    explorer = EXPLORERS[name][0]()
    canvas = explorer.fig.canvas
    canvas.syncing_data_url = False
    canvas.handle_event({"type": "draw"})
    sent = []
    canvas.send_binary = lambda data: sent.append("frame")
    explorer.numbers.observe(lambda change: sent.append("numbers"), names="value")
    derivation = getattr(explorer, "derivation", None)
    if derivation is not None:
        derivation.observe(lambda change: sent.append("derivation"), names="value")
    control = explorer.controls[label]
    control.value = control.value + control.step
    assert explorer.error.value == ""
    assert sent == ["frame", "numbers"] + (["derivation"] if derivation is not None else [])


def test_blitter_blits_data_and_redraws_fully_for_new_limits(ipympl_backend):
    fig, ax = plt.subplots(figsize=(4, 3), dpi=50)
    (line,) = ax.plot([0, 1], [0, 1], color="red", lw=3)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    blitter = Blitter(fig)
    blitter.update()
    assert (blitter.full_draws, blitter.blits) == (0, 0)  # not shown yet: only a draw request
    fig.canvas.draw()
    assert blitter.shown
    blitter.update()  # no background yet: draws it all and keeps the scaffolding
    assert (blitter.full_draws, blitter.blits) == (1, 0)
    line.set_data([0, 1], [1, 0])
    blitter.update()
    assert (blitter.full_draws, blitter.blits) == (1, 1)
    red = np.all(_pixels(fig.canvas)[..., :3] == (255, 0, 0), axis=-1)
    rows, cols = np.nonzero(red)
    # The line now falls from left to right (row 0 is on top).
    assert rows[np.argmin(cols)] < rows[np.argmax(cols)]
    ax.set_ylim(0, 2)  # new limits: the ticks change, the background is stale
    blitter.update()
    assert (blitter.full_draws, blitter.blits) == (2, 1)
    fig.savefig(__import__("io").BytesIO(), format="png")  # someone else's full draw ...
    assert blitter.background is None  # ... cannot serve as a background
    assert not line.get_animated()


def test_playground_points_clicked_and_three_classes_blit_like_full_redraws(ipympl_backend):
    """Clicked points, Clear, three-colour regions and the two loss curves: blitted, pixel for pixel."""
    from matplotlib.backend_bases import MouseEvent

    explorer = tw.playground()
    canvas, blitter = explorer.fig.canvas, explorer.blitter
    canvas.syncing_data_url = False
    canvas.handle_event({"type": "draw"})
    ax = explorer.handles["boundary"].ax

    def click(x1, x2):
        x, y = ax.transData.transform((x1, x2))
        MouseEvent("button_press_event", canvas, x, y, button=1)._process()

    actions = [lambda: explorer.set_values(data="spiral (3 classes)", test=0.3), explorer.step, explorer.step,
               lambda: explorer.set_values(add=2), lambda: click(0.1, 0.2),
               explorer.step, lambda: click(-0.3, 0.4), explorer.step, explorer.clear_button.click,
               lambda: click(0.0, 0.0), lambda: click(0.5, 0.5)]
    for k, action in enumerate(actions):
        action()
        assert explorer.error.value == "", f"action {k}: {explorer.error.value}"
        shown = _pixels(canvas)
        blitter.full_draw()
        differ = np.any(shown != _pixels(canvas), axis=-1)
        assert not differ.any(), f"action {k}: {differ.sum()} pixels differ from a full redraw"
    assert blitter.blits >= 2  # a click on your own points keeps the axes: such frames are blitted
