"""explain(): seed 003's worked example, number by number, and the command line around it."""

import json
import re

import pytest

import backprop_lab as bl
from backprop_lab.__main__ import main
from backprop_lab._format import fmt

SEED3 = dict(weights=[[[0.2]], [[0.3]]], biases=[[0.1], [0.1]])

# Seed 003 (o_1 = 0.2, T = 0.7, η = 0.1) with the correct sign; the seed prints 4 digits and +0.01779.
SEED3_NUMBERS = {
    "net_2": 0.14,
    "o_2": 0.534943,
    "net_3": 0.260483,
    "o_3": 0.564755,
    "E": 0.00914561,
    "delta_3": -0.0332441,
    "delta_2": -0.00248113,
    "dE/dw_3,2": -0.0177837,
    "w_3,2_new": 0.301778,
    "E_new": 0.00900342,
}


@pytest.fixture
def seed3():
    return bl.Network.from_weights(**SEED3)


@pytest.fixture
def d3(seed3):
    return bl.explain(seed3, 0.2, 0.7, lr=0.1)


@pytest.mark.parametrize("symbol, expected", SEED3_NUMBERS.items())
def test_seed3_numbers(d3, symbol, expected):
    assert d3.value(symbol) == pytest.approx(expected, rel=1e-5)
    assert fmt(d3.value(symbol)) == fmt(expected)  # what the student reads


def test_seed3_values_are_the_engines_own(seed3, d3):
    trace = bl.forward(seed3, [0.2])
    grads = bl.backward(seed3, trace, [0.7])
    new = bl.sgd_step(seed3, grads, 0.1)
    assert d3.value("o_3") == trace.output[0]
    assert d3.value("delta_2") == grads.deltas[0][0]
    assert d3.value("dE/dw_2,1") == grads.weights[0][0, 0]
    assert d3.value("dE/db_3") == grads.biases[1][0]
    assert d3.value("w_3,2_new") == new.weights[1][0, 0]
    assert d3.value("b_2_new") == new.biases[0][0]
    assert d3.new_net == new
    assert d3.loss_before == grads.loss == d3.value("E")
    assert d3.loss_after == bl.loss(bl.forward(new, [0.2]).output, [0.7]) == d3.value("E_new")
    assert d3.value("E_change") == pytest.approx(d3.loss_after - d3.loss_before)
    assert d3.loss_after < d3.loss_before


def test_steps_sections_and_order(d3):
    order = ["forward", "loss", "backward", "gradients", "update", "check"]
    assert [s.section for s in d3.steps] == sorted((s.section for s in d3.steps), key=order.index)
    assert [s.symbol for s in d3.steps] == [
        "o_1", "net_2", "o_2", "net_3", "o_3", "E", "delta_3", "delta_2",
        "dE/dw_3,2", "dE/db_3", "dE/dw_2,1", "dE/db_2", "w_3,2_new", "b_3_new", "w_2,1_new", "b_2_new",
        "o_2_new", "o_3_new", "E_new", "E_change",
    ]
    for step in d3.steps:  # each line ends in its own value, as the student reads it
        assert f"= {fmt(step.value)}" in step.text(), step.text()
    assert fmt(d3.value("b_3_new")) == "0.103324" and fmt(d3.value("E_change")) == "-0.00014219"
    with pytest.raises(KeyError, match="delta_3"):
        d3.value("delta_9")


def test_markdown_has_the_substituted_formulas(d3):
    md = d3.to_markdown()
    assert d3._repr_markdown_() == md
    for piece in [
        r"\mathrm{net}_2 = w_{2,1} o_1 + b_2 = 0.2 \cdot 0.2 + 0.1 = 0.14",
        r"o_2 = f(\mathrm{net}_2) = \sigma(0.14) = 0.534943",
        r"(0.564755 - 0.7) \cdot 0.564755 \cdot (1 - 0.564755) = -0.0332441",
        r"0.534943 \cdot (1 - 0.534943) \cdot ((-0.0332441) \cdot 0.3) = -0.00248113",
        r"\frac{\partial E}{\partial w_{3,2}} = \delta_3 o_2 = (-0.0332441) \cdot 0.534943 = -0.0177837",
        r"w_{3,2} \leftarrow w_{3,2} - \eta \frac{\partial E}{\partial w_{3,2}}"
        r" = 0.3 - 0.1 \cdot (-0.0177837) = 0.301778",
        r"E = \tfrac{1}{2} (T_3 - o_3)^2 = \tfrac{1}{2} (0.7 - 0.564755)^2 = 0.00914561",
        r"\text{(E went down)}",
        'what "Deep Learning Networks" writes $w_{j,0}$',
    ]:
        assert piece in md, piece
    for title in ["Forward pass", "Loss", "Backward pass", "Gradients", "Update", "Check"]:
        assert any(line.startswith("#### ") and title in line for line in md.splitlines()), title
    displays = [line for line in md.splitlines() if line.startswith("$$")]
    assert len(displays) == len(d3.steps) and all(line.endswith("$$") for line in displays)
    for step, line in zip(d3.steps, displays):  # one display per step, showing its value
        assert f"= {fmt(step.value)}" in line, line
    assert not any(c in "".join(displays) for c in "·δη∂σ−←")  # all LaTeX inside the displays


def test_text_form(d3):
    text = d3.to_text()
    assert "net_2 = w_{2,1} o_1 + b_2 = 0.2 · 0.2 + 0.1 = 0.14" in text
    assert "o_2   = f(net_2) = σ(0.14) = 0.534943" in text  # aligned on '='
    assert "w_{3,2} ← w_{3,2} − η ∂E/∂w_{3,2} = 0.3 − 0.1 · (-0.0177837) = 0.301778" in text
    assert "(E went down)" in text
    assert "$" not in text and "\\" not in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_two_two_two_hidden_delta_sums_over_both_downstream_neurons():
    net = bl.Network.from_weights([[[0.5, -0.2], [0.1, 0.4]], [[0.3, 0.6], [-0.7, 0.2]]],
                                  [[0, 0.1], [0.1, -0.05]])
    d = bl.explain(net, [1.0, 0.0], [1.0, 0.0], lr=0.5)
    step = d.step("delta_3")  # neurons: inputs 1, 2; hidden 3, 4; outputs 5, 6
    assert "Σ_k δ_k w_{k,3}" in step.formula and "(δ_5 w_{5,3} + δ_6 w_{6,3})" in step.formula
    d5, d6 = fmt(d.value("delta_5")), fmt(d.value("delta_6"))
    assert f"(({d5}) · 0.3 + {d6} · (-0.7))" in step.numbers
    assert step.value == bl.backward(net, bl.forward(net, [1.0, 0.0]), [1.0, 0.0]).deltas[0][0]
    assert d.step("E").formula == "E = ½ ((T_5 − o_5)² + (T_6 − o_6)²)"
    assert {s.symbol for s in d.steps} >= {"dE/dw_5,4", "w_3,2_new", "b_6_new", "o_6_new"}
    assert r"\delta_5 w_{5,3} + \delta_6 w_{6,3}" in d.to_markdown()


@pytest.mark.parametrize(
    "loss, factor_formula, factor_numbers",
    [("half_sse", "= (o_3 − T_3) ·", "= (0.564755 − 0.7) ·"),
     ("sse", "= 2 (o_3 − T_3) ·", "= 2 · (0.564755 − 0.7) ·"),
     ("mse", "= (2/K) (o_3 − T_3) ·", "= (2/1) · (0.564755 − 0.7) ·")],
)
def test_output_delta_factor_of_each_loss(seed3, loss, factor_formula, factor_numbers):
    d = bl.explain(seed3, 0.2, 0.7, lr=0.1, loss=loss)
    line = d.step("delta_3").text()
    assert factor_formula in line and factor_numbers in line
    assert d.value("delta_3") == bl.backward(seed3, bl.forward(seed3, [0.2]), [0.7], loss).deltas[1][0]
    assert d.value("E") == bl.loss([d.value("o_3")], [0.7], loss)


def test_mse_with_two_outputs_writes_one_over_k():
    net = bl.Network.from_weights([[[0.2], [-0.4]]], [[0.1, 0.0]])
    md = bl.explain(net, 0.2, [0.7, 0.1], lr=0.1, loss="mse").to_markdown()
    assert r"\tfrac{1}{K}" in md and r"\tfrac{1}{2} ((0.7 -" in md and r"\tfrac{2}{K}" in md and "K = 2" in md


@pytest.mark.parametrize(
    "activation, forms",
    [("tanh", ["(1 − o_3²)", "= tanh(0.260483) = 0.254747", "1 − o²."]),
     ("relu", ["(o_3 − T_3) · 1", "ReLU, net > 0: f' = 1", "= max(0, 0.260483) = 0.260483"]),
     ("linear", ["= f(net_3) = net_3 = 0.260483", "linear: f' = 1"])],
)
def test_activation_forms(activation, forms):
    net = bl.Network.from_weights(SEED3["weights"], SEED3["biases"], ["sigmoid", activation])
    text = bl.explain(net, 0.2, 0.7, lr=0.1).to_text()
    for form in forms:
        assert form in text, form
    assert "o_2 (1 − o_2)" in text  # the hidden sigmoid neuron
    assert "o (1 − o)," in text  # intros are never broken inside a formula


def test_relu_with_negative_net_has_zero_slope():
    net = bl.Network.from_weights([[[-1.0]]], [[0.0]], "relu")
    d = bl.explain(net, 0.5, 1.0, lr=0.1)
    assert d.value("delta_2") == 0 and "ReLU, net ≤ 0: f' = 0" in d.step("delta_2").text()
    assert "E stayed" in d.to_text()


def test_number_format():
    assert fmt(0.14) == "0.14" and fmt(-0.0332441234) == "-0.0332441" and fmt(0.0001) == "0.0001"
    assert fmt(4.96225e-05) == "4.96225e-05" and fmt(4.96e-05, digits=3) == "4.96e-05" and fmt(-0.0) == "0"
    assert fmt(123456789.0) == "1.23457e+08" and fmt(999999.0) == "999999"
    assert fmt(0.5349429, digits=3) == "0.535"
    net = bl.Network.from_weights([[[1.0]]], [[0.0]], "linear")
    md = bl.explain(net, 1e-5, 0.0, lr=0.1).to_markdown()
    assert r"1 \times 10^{-5}" in md


def test_digits(seed3):
    d = bl.explain(seed3, [0.2], [0.7], lr=0.1, digits=4)
    assert "σ(0.14) = 0.5349" in d.to_text()
    assert d.value("o_2") == pytest.approx(0.5349429451582145, rel=1e-15)  # values stay exact


@pytest.mark.parametrize(
    "kwargs, error, message",
    [(dict(x=[[0.2], [0.3]]), ValueError,
      "x must be one sample, shape (1,), for explain(); got shape (2, 1)"),
     (dict(x=[0.2, 0.3]), ValueError,
      "x must have 1 input value(s) per sample (shape (1,) or (B, 1)), got shape (2,)"),
     (dict(target=[0.7, 0.1]), ValueError,
      "target must have the network output's shape (1,), got shape (2,)"),
     (dict(lr=0.0), ValueError, "lr must be a finite number > 0, got 0.0"),
     (dict(loss="l1"), ValueError,
      "unknown loss 'l1'; expected one of ['cross_entropy', 'half_sse', 'mse', 'sse']"),
     (dict(digits=0), ValueError, "digits must be at least 1, got 0"),
     (dict(net="net"), TypeError, "net must be a backprop_lab.Network, got str")],
)
def test_bad_input(seed3, kwargs, error, message):
    args = dict(net=seed3, x=0.2, target=0.7, lr=0.1) | kwargs
    with pytest.raises(error, match=re.escape(message)):
        bl.explain(**args)


# ---------------------------------------------------------------- command line


def test_cli_default_is_seed_003(capsys, d3):
    assert main(["explain"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == d3.to_text().strip()
    assert "0.301778" in out and "E went down" in out


def test_cli_markdown_and_options(capsys):
    main(["explain", "--format", "markdown", "--x", "0.5", "--target", "0.1", "--lr", "0.5", "--loss", "sse",
          "--digits", "4", "--activation", "tanh"])
    out = capsys.readouterr().out
    assert out.startswith("### One step of backpropagation: 1-1-1 tanh network, loss sse")
    assert r"\tanh(0.2)" in out and r"\eta = 0.5" in out


def test_cli_weights_and_network_file(capsys, tmp_path):
    weights, biases = [[[0.5, -0.2], [0.1, 0.4]], [[0.3, 0.6]]], [[0, 0], [0.1]]
    main(["explain", "--weights", json.dumps(weights), "--biases", json.dumps(biases),
          "--activation", "tanh", "sigmoid", "--x", "1", "0", "--target", "1"])
    from_options = capsys.readouterr().out
    path = tmp_path / "net.json"
    path.write_text(json.dumps(bl.Network.from_weights(weights, biases, ["tanh", "sigmoid"]).to_dict()))
    main(["explain", "--network", str(path), "--x", "1", "0", "--target", "1"])
    assert capsys.readouterr().out == from_options
    assert "2-2-1 tanh/sigmoid network" in from_options and "(δ_5 w_{5,3})" in from_options


@pytest.mark.parametrize(
    "argv, message",
    [([], "error: the following arguments are required: COMMAND"),
     (["explain", "--lr", "-1"], "error: lr must be a finite number > 0, got -1.0"),
     (["explain", "--x", "1", "2"],
      "error: x must have 1 input value(s) per sample (shape (1,) or (B, 1)), got shape (2,)"),
     (["explain", "--x", "a"], "error: argument --x: invalid float value: 'a'"),
     (["explain", "--loss", "l1"], "error: argument --loss: invalid choice: 'l1'"),
     (["explain", "--weights", "[[[1.0]]]"], "error: --weights and --biases go together: give both"),
     (["explain", "--weights", "[[[1.0]]", "--biases", "[[0]]", "--x", "1", "--target", "1"],
      "error: --weights is not valid JSON: Expecting ',' delimiter"),
     (["explain", "--weights", "[[[1.0]]]", "--biases", "[[0]]"],
      "error: --x is needed with --network or --weights"),
     (["explain", "--activation", "softmax"],
      "error: activation 'softmax' is allowed only in the last weight layer (the output),"
      " got it for weight layer 0 of 2"),
     (["explain", "--network", "missing.json"], "error: cannot read --network missing.json: No such file"),
     (["explain", "--network", "n.json", "--weights", "[]"],
      "error: --network already holds weights, biases and activations; leave out the others")],
)
def test_cli_bad_input_exits_2_with_one_line(capsys, monkeypatch, tmp_path, argv, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1, captured.err
    assert captured.err.startswith(message) and "Traceback" not in captured.err


def test_cli_network_file_that_is_not_a_network(capsys, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"weights": [[[1.0]]]}))
    with pytest.raises(SystemExit) as exit_info:
        main(["explain", "--network", str(path), "--x", "1", "--target", "1"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == (
        f"error: --network {path} is not a network saved from Network.to_dict():"
        " d is missing the key(s) ['biases', 'activations']; expected a dict made by Network.to_dict\n"
    )


def test_explain_is_exported():
    assert {"explain", "Derivation"} <= set(bl.__all__)
    d = bl.explain(bl.Network.from_weights(**SEED3), 0.2, 0.7, 0.1)  # lr positional
    assert isinstance(d, bl.Derivation)
    assert repr(d) == "<Derivation: 1-1-1 network, 20 steps, E 0.00914561 -> 0.00900342>"
    assert d.value("o_1") == 0.2 and fmt(d.value("w_3,2_new")) == "0.301778"
