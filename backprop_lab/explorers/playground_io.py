"""The playground's files: a CSV of points through a file-upload widget, and the session as JSON in a box.

Everything here only moves text between widgets and the engine
(:mod:`backprop_lab.session`); a malformed file or JSON is named in the
explorer's error line and the current data, network and settings stay.
"""

import json

import ipywidgets as widgets

from .. import session
from ..network import Network

__all__ = ["SessionBox", "csv_upload"]


def csv_upload(on_points, on_error):
    """A "Load CSV" upload button: ``on_points(points, name)`` for a good file, else ``on_error(message)``.

    The file holds one point a line, ``x1,x2,label`` (an optional header line
    ``x1,x2,label``), labels 0, 1 or 2.
    """
    upload = widgets.FileUpload(accept=".csv,.txt", multiple=False, description="Load CSV",
                                tooltip="a file of lines x1,x2,label (label 0, 1 or 2)")

    def on_change(change):
        files = change["new"]
        if not files:
            return
        name = files[0]["name"]
        try:
            points = session.Points.from_csv(bytes(files[0]["content"]).decode("utf-8-sig"), classes=3)
        except UnicodeDecodeError:
            on_error(f"could not load {name}: it is not a text file (UTF-8); the data stay as they were")
        except (ValueError, TypeError) as exc:
            on_error(f"could not load {name}: {exc}; the data stay as they were")
        else:
            on_points(points, name)
        finally:
            upload.value = ()  # so that the same file can be chosen again

    upload.observe(on_change, names="value")
    return upload


def _check_settings(settings, controls):
    """A ValueError naming the first setting the controls cannot take."""
    if not isinstance(settings, dict):
        raise ValueError(f"settings must be a dict, got {type(settings).__name__}")
    for key, value in settings.items():
        control = controls.get(key)
        if control is None:
            raise ValueError(f"settings has an unknown key {key!r}; expected some of {sorted(controls)}")
        if isinstance(control, widgets.Dropdown):
            allowed = [o[1] if isinstance(o, tuple) else o for o in control.options]
            if value not in allowed:
                raise ValueError(f"settings[{key!r}] must be one of {allowed}, got {value!r}")
        elif (isinstance(value, bool) or not isinstance(value, (int, float))
              or not control.min <= value <= control.max):
            raise ValueError(f"settings[{key!r}] must be a number from {control.min} to {control.max},"
                             f" got {value!r}")


class SessionBox:
    """The JSON box with its Export and Load buttons, working on the playground's `state`.

    Export writes the whole session (:func:`backprop_lab.session.dumps`). Load
    takes such a session, and carries on exactly where it was saved, or a bare
    network (``Network.to_dict``), trained on the current data.
    """

    def __init__(self, state, controls, start, fresh, describe, own):
        self.state, self.controls, self.start, self.fresh, self.describe, self.own = (
            state, controls, start, fresh, describe, own)
        self.explorer = None  # set by the playground once it is built
        self.json_box = widgets.Textarea(placeholder="the session as JSON (Export); or paste one and Load",
                                         layout=widgets.Layout(width="660px", height="70px"))
        self.export_button = widgets.Button(description="Export to JSON", icon="download")
        self.load_button = widgets.Button(description="Load from JSON", icon="upload")
        self.export_button.on_click(lambda _: self.export())
        self.load_button.on_click(lambda _: self.load())

    def export(self):
        """Write the session (network, points, settings, history) into the box."""
        trainer = self.state["trainer"]
        if trainer is None:
            self.explorer.show_error("there is nothing to export: add some points first")
            return
        self.json_box.value = session.dumps(trainer, self.state["points"], self.explorer.values(),
                                            self.state["seed"])

    def load(self):
        """Load the box's JSON: a whole session, or a bare network; errors go to the error line."""
        try:
            d = json.loads(self.json_box.value)
            if isinstance(d, dict) and d.get("format") == session.FORMAT:
                self._load_session()
            else:
                self._load_network(Network.from_dict(d))
        except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
            self.explorer.show_error(f"could not load the JSON: {exc}")

    def _outputs(self, net, classes):
        n_out = 1 if classes == 2 else classes
        if net.sizes[0] != 2 or net.sizes[-1] != n_out:
            raise ValueError(f"the playground needs 2 inputs and {n_out} output{'s' * (n_out > 1)}, got sizes"
                             f" {list(net.sizes)} (the data have {classes} classes)")

    def _load_session(self):
        s = session.loads(self.json_box.value)
        settings, points, net = s["settings"], s["points"], s["network"]
        _check_settings(settings, self.controls)
        self._outputs(net, points.classes)
        v = {**self.explorer.values(), **settings}
        self.start(v, points, net, resume=s["resume"], split_seed=s["seed"])
        if v["data"] == self.own:
            self.state["own"] = points.copy()
        self.state["loaded"] = self.describe(net)
        epochs = len(s["resume"]["history"]["losses"])
        self.state["note"] = (f"Carrying on with the session loaded from JSON ({self.state['loaded']},"
                              f" {epochs} epochs).")
        self.explorer.set_values(**settings)

    def _load_network(self, net):
        points = self.state["points"]
        self._outputs(net, points.classes)
        hidden = net.sizes[1:-1]
        shown = {"layers": min(max(len(hidden), 1), 6), "width": min(max(hidden[0] if hidden else 1, 1), 8)}
        if net.activations[0] in self.controls["activation"].options:
            shown["activation"] = net.activations[0]
        v = {**self.explorer.values(), **shown}
        made = self.fresh(v, points.classes)
        exact = made.sizes == net.sizes and made.activations == net.activations
        self.start(v, points, net)
        self.state["loaded"] = self.describe(net)
        self.state["note"] = f"Training the network loaded from JSON ({self.state['loaded']})." + (
            "" if exact else " The controls show the nearest setting they can; the loaded network is kept"
            " until you change data, layers, width or activation.")
        self.explorer.set_values(**shown)
