"""The playground's engine: own points, a trainer with a test part, curves that end at the table's numbers,
and a session saved as JSON that carries on training exactly as if it had never been saved."""

import json

import pytest

import backprop_lab as bl
from backprop_lab import session

SETTINGS = dict(lr=0.5, batch=32, decay=0.001, loss="cross_entropy", test=0.3)


def _spiral3():
    return session.Points(*bl.datasets.make("spiral", n=90, classes=3))


def _net(classes):
    out = 1 if classes == 2 else classes
    return bl.Network([2, 6, out], activation=["tanh", "sigmoid" if out == 1 else "softmax"], seed=3)


def test_points_add_clear_and_targets():
    p = session.Points()
    assert (len(p), p.classes, p.targets().shape) == (0, 2, (0, 1))
    p.add(0.5, 1.0, 0).add(-1.0, 2.0, 1)
    assert p.targets().tolist() == [[0.0], [1.0]]
    p.add(0.0, 0.0, 2)
    assert p.classes == 3 and p.targets().tolist()[2] == [0.0, 0.0, 1.0]
    assert len(p.copy().clear()) == 0 and len(p) == 3  # a copy is its own
    with pytest.raises(ValueError, match="label must be at least 0, got -1"):
        p.add(0.0, 0.0, -1)
    with pytest.raises(ValueError, match="point contains NaN"):
        p.add(float("nan"), 0.0, 1)


def test_make_trainer_holds_out_the_test_share():
    trainer = session.make_trainer(_net(3), _spiral3(), SETTINGS)
    assert trainer.X.shape == (63, 2) and trainer.validation.X.shape == (27, 2)
    assert (trainer.batch_size, trainer.weight_decay, trainer.loss) == (32, 0.001, "cross_entropy")
    whole = session.make_trainer(_net(3), _spiral3(), {**SETTINGS, "test": 0.0, "batch": 0})
    assert whole.validation is None and whole.batch_size == 90
    with pytest.raises(ValueError, match="no points to train on"):
        session.make_trainer(_net(2), session.Points(), SETTINGS)
    with pytest.raises(ValueError, match=r"settings\['test'\] must be a share from 0 to below 1, got 1"):
        session.make_trainer(_net(3), _spiral3(), {**SETTINGS, "test": 1.0})


def test_curves_end_at_the_losses_of_the_network_now():
    trainer = session.make_trainer(_net(3), _spiral3(), {**SETTINGS, "batch": 0})
    assert session.curves(trainer)["train"] == []  # nothing before the first epoch
    trainer.run(5)
    c = session.curves(trainer)
    net = trainer.network
    E_train = bl.loss(bl.forward(net, trainer.X), trainer.Y, "cross_entropy")
    E_test = bl.loss(bl.forward(net, trainer.validation.X), trainer.validation.Y, "cross_entropy")
    assert c["train"][-1] == E_train == c["E_train"] and c["test"][-1] == E_test == c["E_test"]
    # Full batch: the loss recorded at the start of epoch k + 1 is the loss after epoch k.
    assert c["train"][:-1] == trainer.losses[1:] and len(c["train"]) == len(c["test"]) == 5
    assert c["accuracy_test"] == bl.accuracy(net, trainer.validation.X, trainer.validation.Y)


def test_a_saved_session_carries_on_exactly():
    points = _spiral3()
    trainer = session.make_trainer(_net(3), points, SETTINGS, seed=4)
    trainer.run(7)
    text = session.dumps(trainer, points, {**SETTINGS, "data": "spiral (3 classes)"}, seed=4)
    s = session.loads(json.dumps(json.loads(text)))  # through plain JSON, as pasted back
    again = session.make_trainer(s["network"], s["points"], s["settings"], s["seed"], resume=s["resume"])
    trainer.run(6)  # mini-batches in a random order, weight decay, a test part: all continue alike
    again.run(6)
    assert again.network == trainer.network
    assert again.losses == trainer.losses and len(again.losses) == 13
    assert again.validation.losses == trainer.validation.losses
    assert s["settings"]["data"] == "spiral (3 classes)"


@pytest.mark.parametrize("change, message", [
    (lambda d: "{not json", "this is not JSON: Expecting property name"),
    (lambda d: json.dumps({**d, "format": "x"}), "expected a session saved by the playground"),
    (lambda d: json.dumps({k: v for k, v in d.items() if k != "rng"}), r"the session is missing \['rng'\]"),
    (lambda d: json.dumps({**d, "network": {"weights": 1}}), "network: d is missing the key"),
    (lambda d: json.dumps({**d, "rng": {**d["rng"], "state": 5}}), "rng must be the state of numpy's PCG64"),
    (lambda d: json.dumps({**d, "history": {**d["history"], "lrs": [0.5]}}),
     r"history's lists must be as long as history\['losses'\] \(2 epochs\)"),
    (lambda d: json.dumps({**d, "points": {"X": [[0, 0]], "labels": [0, 1]}}),
     r"points\['X'\] has 1 points but points\['labels'\] has 2"),
    (lambda d: json.dumps({**d, "settings": {**d["settings"], "loss": "hinge"}}),
     r"unknown settings\['loss'\] 'hinge'; expected one of \['cross_entropy'"),
])
def test_a_bad_session_is_named(change, message):
    points = _spiral3()
    trainer = session.make_trainer(_net(3), points, SETTINGS)
    trainer.run(2)
    d = json.loads(session.dumps(trainer, points, SETTINGS))
    with pytest.raises(ValueError, match=message):
        session.loads(change(d))
