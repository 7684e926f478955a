"""The exercise checks: right answers pass, typical mistakes are named, nothing says only "wrong".

Every reference value here is computed independently of the engine, by the
hand formulas of the notation card (or taken from a published derivation).
"""

import math

import numpy as np
import pytest

import backprop_lab as bl
from backprop_lab import exercises as ex
from backprop_lab.exercises.feedback import STUB_MESSAGE, Feedback, diagnose


def sigma(z):
    return 1.0 / (1.0 + math.exp(-z))


# --- independent references ---

# 01: sigmoid neuron x = 1.5, w = 0.8, b = -0.5, y = 1
_s = sigma(0.8 * 1.5 - 0.5)
SINGLE = (_s - 1.0) * _s * (1 - _s) * 1.5

# 02: seed 003 (o1 = 0.2, T = 0.7, w21 = 0.2, b2 = 0.1, w32 = 0.3, b3 = 0.1, η = 0.1)
O2 = sigma(0.2 * 0.2 + 0.1)
O3 = sigma(0.3 * O2 + 0.1)
D3 = (O3 - 0.7) * O3 * (1 - O3)
D2 = O2 * (1 - O2) * D3 * 0.3

# 03: the 2-2-2 network (neurons 1-2 inputs, 3-4 hidden, 5-6 outputs)
O3M = sigma(0.3 * 0.8 - 0.2 * 0.3 + 0.1)
O4M = sigma(0.5 * 0.8 + 0.4 * 0.3 - 0.1)
O5M = sigma(0.6 * O3M - 0.4 * O4M + 0.2)
O6M = sigma(0.2 * O3M + 0.7 * O4M + 0.05)
D5 = (O5M - 0.2) * O5M * (1 - O5M)
D6 = (O6M - 0.9) * O6M * (1 - O6M)
FP3 = O3M * (1 - O3M)
D3M = FP3 * (D5 * 0.6 + D6 * 0.2)  # the column w_{5,3}, w_{6,3}
D4M = O4M * (1 - O4M) * (D5 * -0.4 + D6 * 0.7)

# The notebooks' exercises change one number of the example: 01 y = 0, w = 2.2 (linear); 02 T = 0.2;
# 03 the targets swapped, T5 = 0.9, T6 = 0.2.
SINGLE_Y0 = _s * _s * (1 - _s) * 1.5
D3_T02 = (O3 - 0.2) * O3 * (1 - O3)
D2_T02 = O2 * (1 - O2) * D3_T02 * 0.3
D5S, D6S = (O5M - 0.9) * O5M * (1 - O5M), (O6M - 0.2) * O6M * (1 - O6M)
D4S = O4M * (1 - O4M) * (D5S * -0.4 + D6S * 0.7)
D3S = FP3 * (D5S * 0.6 + D6S * 0.2)

# 08: hand-built XOR network at x = (1, 0)
_net_out = 20 * sigma(20 - 10) + 20 * sigma(-20 + 30) - 30
XOR_OUT = sigma(_net_out)

# 09: Adam's first step, g = 0.5, η = 0.01 (m = 0.1 g, v = 0.001 g²)
ADAM = -0.01 * 0.5 / (math.sqrt(0.25) + 1e-8)
ADAM_RAW = -0.01 * 0.05 / (math.sqrt(0.001 * 0.25) + 1e-8)

REL = 0.1 / (3.0 + math.sqrt(9.41))

# 13: the 2-3-1 network (seed 0) on XOR sample 3, x = (1, 0), T = 1, backpropagated alone (no 1/B)
_n231 = bl.Network([2, 3, 1], seed=0)
_h = 1 / (1 + np.exp(-(_n231.weights[0] @ [1.0, 0.0] + _n231.biases[0])))
_o = float(1 / (1 + np.exp(-(_n231.weights[1] @ _h + _n231.biases[1])))[0])
DELTA_ALONE = (_o - 1.0) * _o * (1 - _o)

# 15: SimpleNN, fc2.bias.grad with MSELoss(reduction="sum"): 2 Σ_b (o_b − T_b) = 2 (−1.1 − 2.46)
SUM_BIAS = 2 * ((-0.1 - 1.0) + (-0.46 - 2.0))
# 16: the batch 1, 2, 3, 10 (μ = 4, σ² = (9 + 4 + 1 + 36) / 4 = 12.5) and its last value; ε = 1e-5
XHAT = 6.0 / math.sqrt(12.5 + 1e-5)
# 17: x = (2, 0, −1, 3, 1), w = (1, 0, −2), b = 0.5; and x = (1, 2, 3, 4), dy = (1, −1, 3), ∂E/∂w[1]
CONV_Y = [0.5 + 2 + 2, 0.5 + 0 - 6, 0.5 - 1 - 2]
CONV_FLIPPED = [0.5 - 4 - 1, 0.5 + 0 + 3, 0.5 + 2 + 1]
DW1 = 1 * 2 - 1 * 3 + 3 * 4

# name -> (check function, keyword arguments, reference, [(mistake value, keyword in message)])
CASES = {
    "single": (ex.check_single_neuron_gradient, {}, SINGLE, [
        (-SINGLE, "sign"), ((_s - 1.0) * 1.5, "σ′"), ((_s - 1.0) * _s * (1 - _s), "factor x"),
        (2 * SINGLE, "½")]),
    "linear": (ex.check_linear_neuron_gradient, {}, -20.0, [
        (20.0, "sign"), (-10.0, "factor 2"), (-4.0, "inner derivative")]),
    "output_delta": (ex.check_output_delta, {}, D3, [
        (-D3, "the other convention"), (O3 - 0.7, "f′(net3)"),
        ((O3 - 0.7) * O2 * (1 - O2), "hidden neuron")]),
    "bias_update": (ex.check_bias_update, {}, 0.1 - 0.1 * D3, [
        (0.1 + 0.1 * D3, "sign slip"), (0.1 - D3, "learning rate"), (-0.1 * D3, "change")]),
    "hidden_delta": (ex.check_hidden_delta, {}, D2, [
        (O2 * (1 - O2) * D3, "w32"), (D3 * 0.3, "f′(net2)"), (-D2, "sign"),
        (O3 * (1 - O3) * D3 * 0.3, "output neuron")]),
    "multilayer_delta": (ex.check_multilayer_hidden_delta, {}, D3M, [
        (FP3 * D5 * 0.6, "only the δ5 term"), (FP3 * D6 * 0.2, "only the δ6 term"),
        (FP3 * (D5 * 0.6 + D6 * -0.4), "row"), (-D3M, "sign"), (D5 * 0.6 + D6 * 0.2, "f′(net3)")]),
    "multilayer_delta4": (ex.check_multilayer_hidden_delta, {"neuron": 4}, D4M, [(-D4M, "sign")]),
    "multilayer_grad": (ex.check_multilayer_weight_gradient, {}, D5 * O3M, [
        (D5 * O5M, "o5 instead of o3"), (-D5 * O3M, "sign"), (D3M * O3M, "δ3 instead of δ5"),
        (D5, "left out o3")]),
    "single_y0": (ex.check_single_neuron_gradient, {"y": 0.0}, SINGLE_Y0, [
        (SINGLE, "example's own y = 1 — this exercise has y = 0"), (-SINGLE_Y0, "sign")]),
    "linear_w22": (ex.check_linear_neuron_gradient, {"w": 2.2}, -10.0, [
        (-20.0, "example's own w = 2 — this exercise has w = 2.2"), (-5.0, "factor 2"), (10.0, "sign")]),
    "output_delta_T02": (ex.check_output_delta, {"T": 0.2}, D3_T02, [
        (D3, "example's own T = 0.7 — this exercise has T = 0.2"), (-D3_T02, "the other convention")]),
    "hidden_delta_T02": (ex.check_hidden_delta, {"T": 0.2}, D2_T02, [
        (D2, "example's own T = 0.7"), (D3_T02 * 0.3, "f′(net2)")]),
    "bias_update_T02": (ex.check_bias_update, {"T": 0.2}, 0.1 - 0.1 * D3_T02, [
        (0.1 - 0.1 * D3, "example's own T = 0.7"), (0.1 + 0.1 * D3_T02, "sign slip")]),
    "multilayer_delta4_swapped": (ex.check_multilayer_hidden_delta, {"neuron": 4, "target": [0.9, 0.2]},
                                  D4S, [
        (D4M, "example's own T = [0.2, 0.9] — this exercise has T = [0.9, 0.2]"), (D3S, "that is δ3, not δ4"),
        (O4M * (1 - O4M) * D5S * -0.4, "only the δ5 term")]),
    "multilayer_grad64_swapped": (ex.check_multilayer_weight_gradient,
                                  {"j": 6, "i": 4, "target": [0.9, 0.2]}, D6S * O4M, [
        (D6 * O4M, "example's own T = [0.2, 0.9]"), (D6S * O6M, "o6 instead of o4"),
        (D4S * O4M, "δ4 instead")]),
    "sgd": (ex.check_sgd_update, {}, 0.52, [(0.48, "added"), (0.7, "learning rate"), (0.02, "change")]),
    "count": (ex.check_parameter_count, {}, 9, [(6, "biases"), (5, "neurons"), (11, "input")]),
    "count_08": (ex.check_parameter_count, {"sizes": (2, 8, 8, 1)}, 105, [(88, "biases"), (19, "neurons")]),
    "stable_lr": (ex.check_largest_stable_lr, {}, 0.5, [(0.25, "fastest"), (8.0, "multiplied")]),
    "step_decay": (ex.check_step_decay, {}, 0.2, [
        (0.1, "too many"), (0.4, "too few"), (0.8 * 0.5**2.5, "round down")]),
    "chain_bound": (ex.check_sigmoid_chain_bound, {}, 0.25**5, [(1.25, "added"), (0.5**5, "σ(0)")]),
    "clip": (ex.check_clip_by_norm, {}, np.array([0.6, 0.8]), [
        ([1.0, 1.0], "by value"), ([3.0, 4.0], "unchanged"), ([0.12, 0.16], "‖g‖²")]),
    "central": (ex.check_central_difference, {}, 0.13, [
        (0.26, "2ε"), (-0.13, "wrong way round"), (0.00026, "divide")]),
    "relative": (ex.check_relative_error, {}, REL, [
        (0.1, "alone"), (0.1 / 3.0, "‖a‖ only"), (0.1 / math.sqrt(9.41), "‖b‖ only")]),
    "xor": (ex.check_decision_prediction, {}, XOR_OUT, [(_net_out, "net input"), (1 - XOR_OUT, "1 − o")]),
    "adam": (ex.check_adam_first_step, {}, ADAM, [
        (-0.005, "SGD"), (ADAM_RAW, "bias correction"), (0.01, "sign"), (-1.0, "learning rate")]),
    "momentum": (ex.check_momentum_velocity, {}, 2.8, [
        (1.0, "no momentum"), (3.0, "β = 1"), (2.9, "newest"), (0.28, "(1 − β)")]),
    "delta_alone": (ex.check_delta_alone, {}, DELTA_ALONE, [
        (DELTA_ALONE / 4, "inside the batch"), (DELTA_ALONE / 16, "divided by B"), (-DELTA_ALONE, "sign")]),
    "gradient_shape": (ex.check_gradient_shape, {}, [2, 5], [
        ([5, 2], "Wᵀ"), ([8, 2], "shape of Δ"), ([8, 5], "shape of O")]),
    "fd_passes": (ex.check_fd_forward_passes, {}, 2 * (40 + 10 + 30 + 3), [
        (83, "one pass per parameter"), (84, "one-sided"), (140, "biases")]),
    "fork": (ex.check_fork_gradient, {}, 6.0, [
        (2.0, "overwriting bug"), (4.0, "share of b·c"), (8.0, "multiplied")]),
    "sum_reduction": (ex.check_sum_reduction_gradient, {}, SUM_BIAS, [
        (SUM_BIAS / 2, "gradient of the mean"), (SUM_BIAS / 4, "divided by B"), (-SUM_BIAS, "sign")]),
    "bn_value": (ex.check_batch_norm_value, {}, XHAT, [
        (6.0 / math.sqrt(50.0 / 3.0), "B − 1"), (6.0 / 12.5, "square root"), (10.0 / math.sqrt(12.5), "mean"),
        (-XHAT, "wrong sign")]),
    "conv_output": (ex.check_conv_output, {}, np.array(CONV_Y), [
        (CONV_FLIPPED, "flipped"), ([y - 0.5 for y in CONV_Y], "left out the bias"),
        ([y + 1.0 for y in CONV_Y], "once per tap")]),
    "shared_gradient": (ex.check_shared_weight_gradient, {}, DW1, [
        (2.0, "first position only"), (DW1 / 3, "averaged"), (3.0, "Σ dy"), (1 - 2 + 9, "shift")]),
}
# 10-12: softmax of net = (2, 0.5, -0.5), target class 1; one weight-decay step; Xavier's bound for 2 -> 8
_e = [math.exp(v) for v in (2.0, 0.5, -0.5)]
SM = np.array(_e) / sum(_e)
SM_T = np.array([0.0, 1.0, 0.0])
CASES.update({
    "ce_delta": (ex.check_cross_entropy_delta, {"o": 0.3, "T": 1.0}, -0.7, [
        (-0.7 * 0.3 * 0.7, "f′ = o(1 − o)"), (0.7, "sign"), (-0.7 / 0.21, "∂E/∂o")]),
    "softmax_delta": (ex.check_softmax_delta, {}, SM - SM_T, [
        (SM_T - SM, "sign"), (np.array([2.0, -0.5, -0.5]), "net − T"),
        ([0.0, SM[1] - 1, 0.0], "only the entry"),
        (SM, "outputs o, not δ"), ((SM - SM_T) * SM * (1 - SM), "o(1 − o)")]),
    "decay_update": (ex.check_weight_decay_update, {}, 0.5 - 0.1 * (0.2 + 0.2 * 0.5), [
        (0.48, "left out"), (0.38, "without the factor η"), (0.475, "λw/2"), (0.49, "added λw")]),
    "early_stop": (ex.check_early_stopping_epoch, {}, 2, [(4, "stopped"), (3, "from 1"), (6, "last epoch")]),
    "distinct": (ex.check_distinct_hidden_neurons, {}, 1, [(3, "random weights"), (2, "two inputs")]),
    "xavier": (ex.check_xavier_limit, {}, math.sqrt(6 / 10), [
        (math.sqrt(3.0), "He"), (0.6, "square root"), (math.sqrt(0.2), "standard deviation")]),
})
MISTAKES = [(name, value, word) for name, (_, _, _, ms) in CASES.items() for value, word in ms]
INTEGER = {"count", "count_08", "fd_passes", "early_stop", "distinct"}


def run(name, answer):
    check, kwargs, _, _ = CASES[name]
    feedback = check(answer, **kwargs)
    assert isinstance(feedback, Feedback)
    return feedback


@pytest.mark.parametrize("name", CASES)
def test_reference_is_right(name):
    feedback = run(name, CASES[name][2])
    assert feedback.ok, feedback
    assert str(feedback).startswith("✓ Right: ")


@pytest.mark.parametrize("name", CASES)
def test_rounded_to_4_significant_digits_is_right(name):
    reference = np.asarray(CASES[name][2], dtype=float)
    rounded = np.vectorize(lambda v: float(f"{v:.4g}"))(reference)
    assert run(name, rounded.tolist()).ok
    if reference.ndim == 0:
        assert run(name, np.array([float(rounded)])).ok  # a 1-element array, e.g. trace.output


@pytest.mark.parametrize("name, value, word", MISTAKES)
def test_mistake_is_named(name, value, word):
    feedback = run(name, value)
    assert not feedback.ok
    assert word in feedback.message, feedback.message
    assert feedback.hint and "Hint:" in str(feedback)


@pytest.mark.parametrize("name", CASES)
def test_stub_asks_for_an_answer(name):
    for stub in (..., None):
        feedback = run(name, stub)
        assert not feedback.ok and feedback.message == STUB_MESSAGE
        assert str(feedback) == "✗ Not yet: Replace ... with your answer, then run the cell again."


@pytest.mark.parametrize("name", CASES)
def test_text_gets_a_clear_message(name):
    assert "text 'abc', not a number" in run(name, "abc").message
    assert "remove the quotes" in run(name, "0.5").message
    assert "not a number" in run(name, {"a": 1}).message


@pytest.mark.parametrize("name", CASES)
def test_unrelated_number_says_how_it_is_off(name):
    reference = np.asarray(CASES[name][2], dtype=float)
    if name in INTEGER:
        assert run(name, float(reference) + 3).message == "your count is 3 too high."
        assert run(name, float(reference) - 2).message == "your count is 2 too low."
        assert "whole number" in run(name, float(reference) + 0.5).message
        return
    assert run(name, (3.7 * reference).tolist()).message == "your value is 3.7 times too large."
    assert run(name, (reference / 6).tolist()).message == "your value is 6 times too small."
    message = run(name, (-3.7 * reference).tolist()).message
    assert "wrong sign" in message and "3.7 times too large" in message


# --- the diagnoser itself ---


def test_generic_diagnoses():
    assert diagnose(1.0, -1.0).message == "your value has the wrong sign; its size is right."
    assert "factor 2" in diagnose(2.0, 1.0).message
    assert "factor 4 is missing" in diagnose(0.25, 1.0).message
    assert "decimal point" in diagnose(0.1, 1.0).message
    assert diagnose(1.02, 1.0).message == "your value is 2% too large."
    assert diagnose(0.0, 1.0, name="δ3").message == "your value is 0, but δ3 is not zero here."
    assert "zero here" in diagnose(0.5, 0.0, name="δ3").message
    assert "direction" in diagnose([0.8, 0.6], [0.6, 0.8]).message
    assert "almost the opposite way" in diagnose([-0.7, -0.7], [0.6, 0.8]).message
    assert "twice" in diagnose([1.2, 1.6], [0.6, 0.8]).message


def test_tolerance_is_a_parameter():
    assert diagnose(1.01, 1.0, rtol=0.02).ok
    assert not diagnose(1.01, 1.0).ok
    assert diagnose(1e-7, 0.0).ok and not diagnose(1e-7, 0.0, atol=0.0).ok


def test_odd_answers_get_messages_not_exceptions():
    assert "yes/no" in diagnose(True, 1.0).message
    assert "complex" in diagnose(1 + 2j, 1.0).message
    assert "overflowed" in diagnose(float("nan"), 1.0).message
    assert "holds 2 numbers" in diagnose([1.0, 2.0], 1.0).message
    assert "is empty" in diagnose([], 1.0).message
    assert "vector of 2 numbers" in diagnose(5.0, [3.0, 4.0]).message
    assert "not a number" in diagnose([[1, 2], [3]], [1.0, 2.0]).message
    assert "not a number" in diagnose(object(), 1.0).message
    assert "remove the quotes" in diagnose(b"1.0", 1.0).message
    net = bl.Network.from_weights([[[0.2]], [[0.3]]], [[0.1], [0.1]])
    assert "trace.output" in diagnose(bl.forward(net, [0.2]), 0.5).message
    assert diagnose(np.float32(0.5), 0.5).ok and diagnose(np.int64(9), 9, integer=True).ok


def test_several_matching_mistakes_are_all_named():
    feedback = diagnose(2.0, 1.0, {"slip A": (2.0, "a."), "slip B": (2.001, "b.")})
    assert feedback.message == "slip A — a. Or: slip B — b."


def test_feedback_texts_are_deterministic():
    right = ex.check_output_delta(-0.0332441)
    assert repr(right) == str(right) == "✓ Right: δ3 = −0.0332441."
    assert bool(right)
    wrong = ex.check_output_delta(0.0332441)
    assert str(wrong) == (
        "✗ Not yet: your value has the wrong sign: that is (T − o3)·f′(net3), the other convention"
        " — with δ = ∂E/∂net the output delta is (o3 − T)·f′(net3).\n  Hint: δ3 = (o3 − T)·o3·(1 − o3)"
    )
    assert not wrong


def test_feedback_html():
    right, wrong = Feedback(True, "x < 1"), Feedback(False, "off", "use <b>")
    assert "✓ Right:" in right._repr_html_() and "#2e7d32" in right._repr_html_()
    assert "x &lt; 1" in right._repr_html_() and "font-size" in right._repr_html_()
    html = wrong._repr_html_()
    assert "✗ Not yet:" in html and "#e65100" in html and "use &lt;b&gt;" in html
    assert html == wrong._repr_html_()


def test_checks_follow_their_arguments():
    # another neuron, another seed-003 target, another layer size: the expected value is recomputed
    s = sigma(0.3 * 2.0 + 0.1)
    assert ex.check_single_neuron_gradient((s - 0.0) * s * (1 - s) * 2.0, x=2.0, w=0.3, b=0.1, y=0.0).ok
    o3 = sigma(0.3 * O2 + 0.1)
    assert ex.check_output_delta((o3 - 0.2) * o3 * (1 - o3), T=0.2).ok
    assert ex.check_largest_stable_lr(0.2, a=10.0).ok
    assert ex.check_sigmoid_chain_bound(0.25**10, layers=10).ok
    assert not ex.check_sigmoid_chain_bound(0.0, layers=10).ok  # a tiny bound is not "about 0"
    assert ex.check_clip_by_norm([0.3, 0.4], g=(0.3, 0.4)).ok  # short gradients stay as they are
    assert ex.check_momentum_velocity(0.5 * (0.5 * 1 + 1) + 1, grads=(1, 1, 1), beta=0.5).ok
    xor00 = sigma(20 * sigma(-10) + 20 * sigma(30) - 30)
    assert ex.check_decision_prediction(0, x=(0, 0)).ok and xor00 < 1e-3
    assert "biases" in ex.check_decision_prediction(1.0, x=(0, 0)).message
    assert ex.check_multilayer_weight_gradient(D3M * 0.8, j=3, i=1).ok


def test_known_published_values():
    # seed 003's rounded δ values, as the seed prints them
    assert ex.check_output_delta(-0.03326).ok and ex.check_hidden_delta(-0.002483).ok
    assert ex.check_linear_neuron_gradient(-20).ok and ex.check_step_decay(0.2).ok


def test_bad_exercise_arguments_raise():
    with pytest.raises(ValueError, match="not a hidden neuron"):
        ex.check_multilayer_hidden_delta(0.1, neuron=5)
    with pytest.raises(ValueError, match="no weight"):
        ex.check_multilayer_weight_gradient(0.1, j=5, i=1)
    with pytest.raises(ValueError, match="neurons 1 to 6"):
        ex.check_multilayer_hidden_delta(0.1, neuron=9)
    with pytest.raises(ValueError, match="must be a finite number > 0"):
        ex.check_largest_stable_lr(0.1, a=0.0)


def test_lazy_import():
    assert bl.exercises is ex


# --- "close" means a rounding difference only ---

ROUNDED = ("close: 0.3% too large — a rounding difference; keep at least 4 significant digits in every"
           " intermediate step.")


@pytest.mark.parametrize("name", sorted(set(CASES) - INTEGER))
def test_close_only_for_rounding(name):
    reference = np.asarray(CASES[name][2], dtype=float)
    assert run(name, (1.003 * reference).tolist()).message == ROUNDED
    for factor, text in ((1.007, "0.7% too large"), (1.02, "2% too large"), (0.97, "3% too small"),
                         (1.3, "30% too large")):
        message = run(name, (factor * reference).tolist()).message
        assert message == f"your value is {text}.", message
        assert "rounding" not in message and "significant" not in message


def test_rounding_of_vectors_and_slips_near_the_right_value():
    assert diagnose([0.601, 0.799], [0.6, 0.8]).message == (
        "close: off by 0.14% — a rounding difference; keep at least 4 significant digits in every"
        " intermediate step.")
    assert diagnose([0.63, 0.8], [0.6, 0.8]).message.startswith("your value points in another direction: 1°")
    # a named slip 1.2% away from the right value is named, not called rounding
    assert "hidden neuron" in ex.check_output_delta((O3 - 0.7) * O2 * (1 - O2)).message
    assert "output neuron" in ex.check_hidden_delta(O3 * (1 - O3) * D3 * 0.3).message
    assert "o5 instead of o3" in ex.check_multilayer_weight_gradient(D5 * O5M).message


# --- verdict questions check the verdict ---


def test_gradient_verdict_checks_the_word():
    assert ex.check_gradient_verdict("wrong").ok and ex.check_gradient_verdict(" Wrong. ").ok
    assert str(ex.check_gradient_verdict("suspicious")) == (
        "✗ Not yet: not 'suspicious': 0.0165 is above 1e-2, past suspicious: at that size one of the"
        " gradients is wrong (a missing f′ gives about 2e-2).\n"
        "  Hint: below 1e-6 good, between 1e-6 and 1e-2 suspicious, above 1e-2 wrong")
    assert ex.check_gradient_verdict("good").message.startswith("not 'good': 0.0165 is far above 1e-6")


@pytest.mark.parametrize("error, right", [(3e-11, "good"), (2e-4, "suspicious"), (0.024, "wrong")])
def test_gradient_verdict_each_wrong_word_has_its_reason(error, right):
    messages = set()
    for word in ("good", "suspicious", "wrong"):
        feedback = ex.check_gradient_verdict(word, error=error)
        assert feedback.ok == (word == right)
        assert feedback.message.startswith(f"{right} — " if word == right else f"not {word!r}: ")
        messages.add(feedback.message)
    assert len(messages) == 3


def test_gradient_verdict_odd_answers():
    choices = "write one of 'good', 'suspicious' or 'wrong', in quotes."
    assert ex.check_gradient_verdict("bad").message == f"'bad' is not one of the choices; {choices}"
    number = ex.check_gradient_verdict(0.0165).message
    assert number == f"your answer is 0.0165; the verdict is a word: {choices}"
    assert ex.check_gradient_verdict(True).message.startswith("your answer is True, a yes/no value")
    assert ex.check_gradient_verdict(...).message == STUB_MESSAGE
    assert ex.check_gradient_verdict("good", a=[1.0, 2.0], b=[1.0, 2.0]).ok
    with pytest.raises(ValueError, match="error must have 0 dimension"):
        ex.check_gradient_verdict("good", error=[1e-3, 1e-4])
