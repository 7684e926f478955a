"""Every number "Understanding Backpropagation in Deep Learning Networks" prints for its example, against
the exact value: computed here by hand from the sigmoid, independently of the engine."""

import math

import pytest

from backprop_lab.errata import chain_as_printed


def sigma(z):
    return 1.0 / (1.0 + math.exp(-z))


O2 = sigma(0.2 * 0.2 + 0.1)
NET3 = 0.3 * O2 + 0.1
O3 = sigma(NET3)
D3 = (O3 - 0.7) * O3 * (1 - O3)
D2 = O2 * (1 - O2) * D3 * 0.3
EXACT = {  # the article's quantity: its gradients are −δ o (the sign slip)
    "o_2": O2, "w_{3,2} o_2": 0.3 * O2, "net_3": NET3, "o_3": O3, "o_3 − T": O3 - 0.7, "1 − o_3": 1 - O3,
    "δ_3": D3, "1 − o_2": 1 - O2, "o_2 (1 − o_2)": O2 * (1 - O2), "δ_3 w_{3,2}": D3 * 0.3, "δ_2": D2,
    "∂E/∂w_{3,2}": -D3 * O2, "∂E/∂w_{3,0}": -D3, "∂E/∂w_{2,1}": -D2 * 0.2, "∂E/∂w_{2,0}": -D2,
    "η ∂E/∂w_{3,2}": 0.1 * -D3 * O2, "new w_{3,2}": 0.3 - 0.1 * -D3 * O2,
}
ROWS = {r.quantity: r for r in chain_as_printed()}


def test_every_printed_number_is_listed_in_the_articles_order():
    assert list(ROWS) == list(EXACT)
    assert [r.printed for r in ROWS.values()] == [
        "0.5349", "0.16047", "0.26047", "0.5647", "-0.1353", "0.4353", "-0.03326", "0.4651", "0.2488",
        "-0.009978", "-0.002483", "0.01779", "0.03326", "0.000497", "0.002483", "0.001779", "0.298221"]


@pytest.mark.parametrize("quantity", list(EXACT))
def test_exact_values_agree_with_the_hand_formulas(quantity):
    assert ROWS[quantity].exact == pytest.approx(EXACT[quantity], rel=1e-12)


def test_which_printed_numbers_are_off_in_their_last_digit():
    right = [q for q, r in ROWS.items() if r.agrees]
    assert right == ["o_2", "1 − o_2", "o_2 (1 − o_2)"]
    rounded = [ROWS[q].rounded for q in ("o_3", "δ_3", "δ_2")]
    assert rounded == ["0.5648", "-0.03324", "-0.002481"]
    assert (ROWS["∂E/∂w_{3,2}"].rounded, ROWS["new w_{3,2}"].rounded) == ("0.01778", "0.298222")
    assert [q for q, r in ROWS.items() if r.slipped] == list(EXACT)[-6:]
