"""The playground's new controls, driven headless: a test part with both curves, weight decay, the loss,
three classes, points added by clicks, Clear, a CSV file, and a saved session that carries on exactly."""

import json
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backend_bases import MouseEvent  # noqa: E402

import backprop_lab as bl  # noqa: E402
from backprop_lab import session  # noqa: E402
from backprop_lab._format import fmt  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def click(explorer, ax, x1, x2, button=1):
    """A mouse press at data point (x1, x2) of `ax`, delivered as ipympl delivers it."""
    x, y = ax.transData.transform((x1, x2))
    MouseEvent("button_press_event", explorer.fig.canvas, x, y, button=button)._process()


def upload(explorer, name, text):
    """The FileUpload widget's state as its front end sends it after the student picks a file."""
    content = text.encode() if isinstance(text, str) else text
    explorer.upload.set_state({"value": [{"name": name, "type": "text/csv", "size": len(content),
                                          "content": memoryview(content), "last_modified": 0}]})


def cell(explorer, row):
    """The table's cells of `row` (e.g. "loss E"): training, test."""
    return re.search(rf"<td>{row}</td><td>([^<]*)</td><td>([^<]*)</td>", explorer.numbers.value).groups()


def points(explorer):
    return [len(p.get_offsets()) for p in explorer.handles["boundary"].points]


def test_a_test_part_gives_two_curves_ending_at_the_tables_losses():
    e = bl.explorers.playground()
    e.controls["test"].value = 0.3
    assert cell(e, "points") == ("140", "60")
    for _ in range(3):
        e.step_button.click()
    lines = e.handles["curve"].lines
    train, test = lines["training"].get_ydata(), lines["test"].get_ydata()
    assert len(train) == len(test) == 30 and lines["training"].get_xdata()[-1] == 30
    assert cell(e, "loss E") == (fmt(train[-1]), fmt(test[-1]))
    X, Y = bl.datasets.circles(200, 0.1, 0)
    X_train, Y_train, X_test, Y_test = bl.datasets.split(X, Y, validation=0.3, seed=0)
    trainer = bl.Trainer(bl.Network([2, 4, 1], activation=["tanh", "sigmoid"], seed=0), X_train, Y_train,
                         lr=0.5, seed=0)
    trainer.run(30)
    now = trainer.network
    assert train[-1] == pytest.approx(bl.loss(bl.forward(now, X_train), Y_train), rel=1e-12)
    assert test[-1] == pytest.approx(bl.loss(bl.forward(now, X_test), Y_test), rel=1e-12)
    assert cell(e, "loss E")[0] == "0.115383"


def test_weight_decay_carries_on_and_a_new_loss_starts_a_new_curve():
    e = bl.explorers.playground()
    e.step_button.click()
    e.controls["decay"].value = 0.01
    e.step_button.click()
    assert "<td>epoch</td><td>20</td>" in e.numbers.value  # carried on
    X, Y = bl.datasets.circles(200, 0.1, 0)
    trainer = bl.Trainer(bl.Network([2, 4, 1], activation=["tanh", "sigmoid"], seed=0), X, Y, lr=0.5, seed=0)
    trainer.run(10)
    trainer.configure(weight_decay=0.01)
    trainer.run(10)
    assert cell(e, "loss E")[0] == fmt(bl.loss(bl.forward(trainer.network, X), Y))
    e.controls["loss"].value = "cross_entropy"  # the same network, a new curve
    assert "<td>epoch</td><td>0</td>" in e.numbers.value
    assert cell(e, "loss E")[0] == fmt(bl.loss(bl.forward(trainer.network, X), Y, "cross_entropy"))
    assert len(e.handles["curve"].lines["training"].get_ydata()) == 0
    assert e.error.value == ""


def test_three_classes_train_a_softmax_layer_and_colour_three_regions():
    e = bl.explorers.playground()
    e.set_values(data="spiral (3 classes)", loss="cross_entropy")
    e.step_button.click()
    assert e.error.value == ""
    boundary = e.handles["boundary"]
    assert points(e) == [66, 67, 67]
    assert boundary.image.get_array().shape == (60, 60, 4) and boundary.contour is None
    diagram = e.handles["diagram"]
    assert [len(layer) for layer in diagram.number_texts] == [2, 4, 3]
    e.controls["data"].value = "circles"  # back to two classes: one output, the 0.5 line
    assert boundary.image.get_array().shape == (60, 60) and points(e) == [100, 100, 0]
    assert boundary.contour is not None


def test_a_click_adds_a_point_of_the_chosen_class_and_clear_removes_all():
    e = bl.explorers.playground()
    e.step_button.click()
    ax_data, ax_loss = e.handles["boundary"].ax, e.handles["curve"].ax
    click(e, ax_loss, 5, 0.1)  # another axes: nothing happens
    click(e, ax_data, 0.2, 0.3, button=3)  # the right button: nothing
    assert points(e) == [100, 100, 0] and e.controls["data"].value == "circles"
    e.controls["add"].value = 2
    click(e, ax_data, 0.2, 0.3)
    assert e.controls["data"].value == "your own points" and points(e) == [100, 100, 1]
    np.testing.assert_allclose(e.handles["boundary"].points[2].get_offsets(), [[0.2, 0.3]], atol=1e-9)
    assert "<td>epoch</td><td>0</td>" in e.numbers.value  # new data: fresh weights, 3 outputs
    assert [len(layer) for layer in e.handles["diagram"].number_texts][-1] == 3
    view = ax_data.get_xlim(), ax_data.get_ylim()
    e.clear_button.click()
    assert (ax_data.get_xlim(), ax_data.get_ylim()) == view  # your own points keep the view
    assert points(e) == [0, 0, 0] and "No points: click on the data plot" in e.numbers.value
    e.step_button.click()
    e.export_button.click()
    assert e.error.value == "⚠ there is nothing to export: add some points first"
    for x1, label in [(-0.5, 0), (0.5, 1)]:
        e.controls["add"].value = label
        click(e, ax_data, x1, 0.0)
    e.step_button.click()
    assert e.error.value == "" and points(e) == [1, 1, 0] and "<td>epoch</td><td>10</td>" in e.numbers.value
    e.controls["data"].value = "moons"
    e.controls["data"].value = "your own points"  # your points are kept
    assert points(e) == [1, 1, 0]


def test_a_csv_file_becomes_the_data_and_a_bad_one_changes_nothing():
    e = bl.explorers.playground()
    upload(e, "mine.csv", "x1,x2,label\n0,0,0\n1,1,1\n1,0,2\n0,1,1\n")
    assert e.error.value == "" and e.controls["data"].value == "your own points"
    assert points(e) == [1, 2, 1] and "Loaded 4 points from mine.csv." in e.numbers.value
    assert e.upload.value == ()  # ready for the next file
    before, shown = e.numbers.value, points(e)
    upload(e, "bad.csv", "x1,x2,label\n0,0,0\n1,one,1\n")
    assert e.error.value == ("⚠ could not load bad.csv: line 3: expected x1,x2,label with a whole-number"
                             " label, got &#x27;1,one,1&#x27;; the data stay as they were")
    upload(e, "four.csv", "0,0,3\n")
    assert "line 1: the label must be one of 0 to 2, got &#x27;3&#x27;" in e.error.value
    upload(e, "picture.png", b"\x89PNG\r\n\x1a\n\xff\xfe")
    assert "could not load picture.png: it is not a text file (UTF-8)" in e.error.value
    assert e.numbers.value == before and points(e) == shown
    e.controls["data"].value = "moons"  # the note about the file goes with its data
    assert "Loaded 4 points" not in e.numbers.value


def test_an_exported_session_carries_on_exactly_in_another_playground():
    a = bl.explorers.playground()
    a.set_values(data="blobs (3 classes)", test=0.2, batch=8, decay=0.002, loss="cross_entropy", lr=0.3)
    a.controls["add"].value = 1
    click(a, a.handles["boundary"].ax, 0.1, -0.2)  # own points too
    for _ in range(2):
        a.step_button.click()
    a.export_button.click()
    b = bl.explorers.playground()
    b.json_box.value = a.json_box.value
    b.load_button.click()
    assert b.error.value == "" and b.values() == a.values()
    assert "Carrying on with the session loaded from JSON (2-4-3 tanh/softmax, 20 epochs)." in b.numbers.value
    for e in (a, b):
        e.step_button.click()
        e.export_button.click()
    sa, sb = session.loads(a.json_box.value), session.loads(b.json_box.value)
    assert sa["network"] == sb["network"] and sa["resume"] == sb["resume"]
    assert len(sa["resume"]["history"]["losses"]) == 30
    for name in ("training", "test"):
        np.testing.assert_array_equal(a.handles["curve"].lines[name].get_ydata(),
                                      b.handles["curve"].lines[name].get_ydata())
    b.controls["width"].value = 5  # a new shape replaces the loaded network, and says so
    assert "loaded from JSON (2-4-3 tanh/softmax) was replaced by fresh weights" in b.numbers.value


def test_a_bad_session_keeps_the_current_state():
    e = bl.explorers.playground()
    e.export_button.click()
    d = json.loads(e.json_box.value)
    before = e.numbers.value
    for bad, message in [
        ({**d, "settings": {**d["settings"], "width": 99}},
         "settings[&#x27;width&#x27;] must be a number from 1 to 8, got 99"),
        ({**d, "settings": {**d["settings"], "data": "cats"}}, "settings[&#x27;data&#x27;] must be one of"),
        ({**d, "history": {**d["history"], "losses": [1.0]}}, "history&#x27;s lists must be as long"),
    ]:
        e.json_box.value = json.dumps(bad)
        e.load_button.click()
        assert e.error.value.startswith("⚠ could not load the JSON: ") and message in e.error.value
        assert e.numbers.value == before
