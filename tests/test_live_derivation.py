"""The derivation as HTML (every formula with the numbers put in) and the explorers of 02 and 03 that
rebuild it on every slider move; in 03 the step-through marks the layer being computed."""

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import backprop_lab as bl  # noqa: E402
from backprop_lab.explorers.multilayer import walk_marks  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def chain():
    return bl.explain(bl.examples.CHAIN.network(), 0.2, 0.7, lr=0.1)


def rows(html, marker):
    """The table rows of `html` whose cells contain `marker`."""
    return ["<tr" + r for r in html.split("<tr")[1:] if marker in r]


def test_a_step_is_one_row_with_subscripts_and_aligned_equals_signs():
    html = chain().to_html()
    assert rows(html, "net<sub>2</sub></td>") == [
        '<tr><td class="bl-lhs">net<sub>2</sub></td><td>=</td>'
        '<td>w<sub>2,1</sub> o<sub>1</sub> + b<sub>2</sub></td><td>= 0.2 · 0.2 + 0.1</td>'
        '<td class="bl-value">= 0.14</td></tr>']
    assert rows(html, '"bl-lhs">∂E/∂w<sub>3,2</sub></td>') == [
        '<tr><td class="bl-lhs">∂E/∂w<sub>3,2</sub></td><td>=</td><td>δ<sub>3</sub> o<sub>2</sub></td>'
        '<td>= (-0.0332441) · 0.534943</td><td class="bl-value">= -0.0177837</td></tr>']
    assert '<td class="bl-value">= -0.00014219<br><span class="bl-why">(E went down)</span></td>' in html
    assert html.count('<th colspan="5">') == 6 and html.count("<tr") == 6 + 20
    assert "<div>x = (0.2), T = (0.7), learning rate η = 0.1</div>" in html
    assert "font-size: 14px" in html and "font-size: 21px" in chain().to_html(font_size=21)


def test_a_long_step_takes_two_lines_whatever_its_digits():
    # The rule sees the formula and how many numbers there are, so a live derivation keeps its height
    # (and the page below it stays put) while the numbers change; every cell is unbroken.
    net = bl.examples.CHAIN.network()
    moves = [(0.2, 0.7, 0.1), (0.21, 0.7, 0.1), (-0.123456, 0.05, 1.5), (3, 0.999999, 0.01)]
    layouts = {tuple(s.two_lines() for s in bl.explain(net, x, T, lr=lr).steps) for x, T, lr in moves}
    assert len(layouts) == 1
    # 2-2-2, every sign flipped: the same lines, broken at the same places
    net = bl.examples.NET_2_2_2.network()
    flipped = bl.Network.from_weights([-w for w in net.weights], [-b for b in net.biases],
                                      list(net.activations))
    shapes = {tuple(re.findall("<[^>]+>", d.to_html(style=False)))
              for d in [bl.explain(net, [0.8, 0.3], [0.2, 0.9], lr=0.5),
                        bl.explain(flipped, [-0.81, 0.3], [0.25, 0.9], lr=0.55)]}
    assert len(shapes) == 1
    html = chain().to_html()
    (delta3,) = rows(html, '"bl-lhs">δ<sub>3</sub>')
    assert delta3 == (
        '<tr class="bl-long"><td class="bl-lhs">δ<sub>3</sub></td><td>=</td><td colspan="2">'
        "∂E/∂o<sub>3</sub> · f'(net<sub>3</sub>) = (o<sub>3</sub> − T<sub>3</sub>) · o<sub>3</sub> "
        "(1 − o<sub>3</sub>)<br>= (0.564755 − 0.7) · 0.564755<br>· (1 − 0.564755)</td>"
        '<td class="bl-value"><br><br>= -0.0332441</td></tr>')  # the value beside the last line
    assert [r.split("</td>")[0] for r in rows(html, "bl-long")] == [
        f'<tr class="bl-long"><td class="bl-lhs">{lhs}' for lhs in
        ("δ<sub>3</sub>", "δ<sub>2</sub>", "o<sub>3</sub>'")]
    assert ("td {padding: 1px 5px; vertical-align: top; text-align: left; white-space: nowrap}"
            in html)


def test_steps_now_are_marked_and_steps_later_show_no_numbers():
    d = chain()
    html = d.to_html(highlight=d.symbols("forward", layer=0), later=d.symbols("backward"))
    assert [r.split("</td>")[0] for r in rows(html, 'class="bl-now"')] == [
        '<tr class="bl-now"><td class="bl-lhs">net<sub>2</sub>',
        '<tr class="bl-now"><td class="bl-lhs">o<sub>2</sub>']
    later = rows(html, 'class="bl-later')
    # Not computed yet: blank lines where the numbers will be, so the table keeps its height.
    blank = '<br>&nbsp;<br>&nbsp;</td><td class="bl-value"><br><br>= …</td></tr>'
    assert len(later) == 2 and all(r.endswith(blank) for r in later)
    assert "-0.0332441" not in later[0] and "-0.0332441" in html  # δ3 hidden in its row, shown where used


def test_symbols_by_section_and_layer():
    d = bl.explain(bl.examples.NET_2_2_2.network(), [0.8, 0.3], [0.2, 0.9], lr=0.5)
    assert d.symbols("forward") == ["o_1", "o_2", "net_3", "o_3", "net_4", "o_4", "net_5", "o_5", "net_6",
                                    "o_6"]
    assert d.symbols("forward", layer=1) == ["net_5", "o_5", "net_6", "o_6"]
    assert d.symbols("gradients", layer=0) == ["dE/dw_3,1", "dE/dw_3,2", "dE/db_3", "dE/dw_4,1", "dE/dw_4,2",
                                               "dE/db_4"]
    assert d.symbols("check", layer=0) == ["o_3_new", "o_4_new"] and d.symbols("loss") == ["E"]


def test_softmax_exponents_are_superscripts():
    net = bl.Network.from_weights([[[0.5, -0.3], [0.2, 0.1]], [[1.0, -1.0], [0.5, 0.5]]], [[0, 0], [0, 0]],
                                  activation=["sigmoid", "softmax"])
    html = bl.explain(net, [1.0, 2.0], [1.0, 0.0], lr=0.1, loss="cross_entropy").to_html()
    (row,) = rows(html, "o<sub>5</sub></td>")
    assert ("<td>e<sup>net<sub>5</sub></sup> / (e<sup>net<sub>5</sub></sup> + e<sup>net<sub>6</sub></sup>)"
            "</td>") in row
    assert "<td>= e<sup>(-0.123667)</sup> / (e<sup>(-0.123667)</sup> + e<sup>0.536854</sup>)</td>" in row


def test_the_worked_example_rebuilds_its_derivation_on_every_slider_move():
    e = bl.explorers.worked_example_explorer()
    start = e.derivation.value
    assert '<td class="bl-value">= -0.00248113</td>' in start and 'bl-now' not in start
    e.controls["w32"].value = 0.0  # neuron 2 no longer reaches the error: δ2 = 0
    (delta2,) = rows(e.derivation.value, '"bl-lhs">δ<sub>2</sub>')
    assert delta2.endswith("= 0.534943 · (1 − 0.534943)<br>· ((-0.043646) · 0)</td>"
                           '<td class="bl-value"><br><br>= 0</td></tr>')
    e.controls["T"].value = 0.3  # output above the target: δ3 > 0, so w32's gradient turns positive
    (delta3,) = rows(e.derivation.value, '"bl-lhs">δ<sub>3</sub>')
    assert delta3.endswith('= (0.524979 − 0.3) · 0.524979<br>· (1 − 0.524979)</td>'
                           '<td class="bl-value"><br><br>= 0.0561044</td></tr>')
    e.reset_button.click()
    assert e.derivation.value == start


def _now(explorer):
    """The left-hand sides of the marked rows, as plain text."""
    lhs = [r.split('<td class="bl-lhs">')[1].split("</td>")[0] for r in rows(explorer.derivation.value,
                                                                                 'class="bl-now')]
    return [re.sub("<[^>]+>", "", s) for s in lhs]


def test_the_step_through_marks_the_layer_being_computed():
    e = bl.explorers.multilayer_explorer()
    html = e.derivation.value
    assert 'bl-now' not in html and 'bl-later' not in html
    e.buttons["forward"].click()  # layer 1: net and o of neurons 3, 4
    assert _now(e) == ["net3", "o3", "net4", "o4"] and e.handles["diagram"].band.get_visible()
    assert len(rows(e.derivation.value, 'class="bl-later')) == 4 + 1 + 4 + 12 + 12 + 6
    e.buttons["forward"].click()  # layer 2, and E
    assert _now(e) == ["net5", "o5", "net6", "o6", "E"]
    e.buttons["backward"].click()  # δ5, δ6 and the gradients of the weights into 5, 6
    assert _now(e) == ["δ5", "δ6", "∂E/∂w5,3", "∂E/∂w5,4", "∂E/∂b5", "∂E/∂w6,3", "∂E/∂w6,4", "∂E/∂b6"]
    e.buttons["backward"].click()
    assert _now(e) == ["δ3", "δ4", "∂E/∂w3,1", "∂E/∂w3,2", "∂E/∂b3", "∂E/∂w4,1", "∂E/∂w4,2", "∂E/∂b4"]
    assert len(rows(e.derivation.value, 'class="bl-later')) == 12 + 6  # the update and the check
    e.controls["x1"].value = 0.5  # a slider move mid-walk keeps the marks, with new numbers
    assert _now(e)[0] == "δ3" and '<td class="bl-value">= 0.5</td>' in e.derivation.value
    e.buttons["update"].click()
    assert 'bl-now' not in e.derivation.value and 'bl-later' not in e.derivation.value


def test_walk_marks_at_the_start_and_the_end_of_a_walk():
    d = bl.explain(bl.examples.NET_2_2_2.network(), [0.8, 0.3], [0.2, 0.9], lr=0.5)
    now, later = walk_marks(d, 0, 0)
    assert now == set() and len(later) == len(d.steps) - 2  # all but the inputs o1, o2
    now, later = walk_marks(d, 2, 2)
    assert sorted(now) == sorted(d.symbols("backward", 0) + d.symbols("gradients", 0))
    assert later == set(d.symbols("update") + d.symbols("check"))


def test_in_presenter_mode_the_derivation_gets_room_for_its_larger_unbroken_lines():
    bl.presenter.presentation(True)
    try:
        e = bl.explorers.multilayer_explorer()
    finally:
        bl.presenter.presentation(False)
    assert e.derivation.layout.max_width == "992px"  # 620 px x 1.6
    assert ".bl-derivation {font-family: sans-serif; font-size: 22px;" in e.css.value
    assert bl.explorers.worked_example_explorer().derivation.layout.max_width == "620px"
