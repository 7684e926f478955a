"""Where a source article prints numbers: each one next to the exact value the engine computes.

"Understanding Backpropagation in Deep Learning Networks" works its 1-1-1
example (``examples.CHAIN``) by hand, rounding every intermediate value to
about four significant digits and computing on with the rounded numbers. So
several of its printed numbers disagree with the exact ones in their last
printed digit, and its gradients carry the article's sign slip
(∂E/∂w_{j,i} = −δ_j o_i with δ_j = (o_j − T) f′(net_j), where δ_j = ∂E/∂net_j
already carries the sign). :func:`chain_as_printed` lists every number the
article prints with the exact value of the *same* quantity (with the slip,
where the article has it) and the exact value rounded to the digits the
article shows. Notebook 02 prints this table; docs/audit_01_03.md quotes it.

>>> rows = chain_as_printed()
>>> [(r.quantity, r.printed, r.rounded) for r in rows if r.quantity in ("o_3", "δ_2")]
[('o_3', '0.5647', '0.5648'), ('δ_2', '-0.002483', '-0.002481')]
"""

from dataclasses import dataclass

from . import examples
from ._format import fmt
from .explain import explain

__all__ = ["AsPrinted", "chain_as_printed"]

#: Every number "Understanding Backpropagation in Deep Learning Networks" prints for its example, in order:
#: (quantity, the text it prints, what the quantity is, whether it carries the article's sign slip).
_PRINTED = (
    ("o_2", "0.5349", "o_2 = σ(net_2)", False),
    ("w_{3,2} o_2", "0.16047", "the product in net_3", False),
    ("net_3", "0.26047", "net_3 = w_{3,2} o_2 + b_3", False),
    ("o_3", "0.5647", "o_3 = σ(net_3)", False),
    ("o_3 − T", "-0.1353", "the first factor of δ_3", False),
    ("1 − o_3", "0.4353", "in f′(net_3) = o_3 (1 − o_3)", False),
    ("δ_3", "-0.03326", "δ_3 = (o_3 − T) o_3 (1 − o_3)", False),
    ("1 − o_2", "0.4651", "in f′(net_2) = o_2 (1 − o_2)", False),
    ("o_2 (1 − o_2)", "0.2488", "f′(net_2)", False),
    ("δ_3 w_{3,2}", "-0.009978", "the one term of δ_2's sum", False),
    ("δ_2", "-0.002483", "δ_2 = f′(net_2) δ_3 w_{3,2}", False),
    ("∂E/∂w_{3,2}", "0.01779", "printed as −δ_3 o_2", True),
    ("∂E/∂w_{3,0}", "0.03326", "the bias b_3, printed as −δ_3", True),
    ("∂E/∂w_{2,1}", "0.000497", "printed as −δ_2 o_1", True),
    ("∂E/∂w_{2,0}", "0.002483", "the bias b_2, printed as −δ_2", True),
    ("η ∂E/∂w_{3,2}", "0.001779", "the step, with the slipped gradient", True),
    ("new w_{3,2}", "0.298221", "w_{3,2} − η ∂E/∂w_{3,2}, with the slipped gradient", True),
)


@dataclass(frozen=True)
class AsPrinted:
    """One number an article prints, and the exact value of the same quantity.

    Attributes
    ----------
    quantity : str
        In the notation card's names (the article writes biases as w_{j,0}).
    printed : str
        As the article prints it.
    exact : float
        The same quantity computed exactly (with the article's sign slip where `slipped`).
    rounded : str
        `exact` rounded to as many significant digits as `printed` shows.
    what : str
    slipped : bool
        True where the printed value carries the sign slip: the true ∂E/∂w is −`exact`.
    """

    quantity: str
    printed: str
    exact: float
    rounded: str
    what: str
    slipped: bool

    @property
    def agrees(self):
        """Whether the article's last printed digit is right."""
        return float(self.printed) == float(self.rounded)


def _significant_digits(text):
    digits = text.lstrip("-").replace(".", "").lstrip("0")
    return max(len(digits), 1)


def chain_as_printed():
    """Every number the article prints for ``examples.CHAIN``, with its exact value.

    Returns
    -------
    list of AsPrinted
        In the order the article prints them.
    """
    ex = examples.CHAIN
    T, w32, lr = ex.T[0], ex.weights[1][0][0], ex.lr
    d = explain(ex.network(), list(ex.x), list(ex.T), lr)
    o2, o3, delta3 = d.value("o_2"), d.value("o_3"), d.value("delta_3")
    slipped_step = lr * -d.value("dE/dw_3,2")
    exact = {
        "o_2": o2, "w_{3,2} o_2": w32 * o2, "net_3": d.value("net_3"), "o_3": o3, "o_3 − T": o3 - T,
        "1 − o_3": 1 - o3, "δ_3": delta3, "1 − o_2": 1 - o2, "o_2 (1 − o_2)": o2 * (1 - o2),
        "δ_3 w_{3,2}": delta3 * w32, "δ_2": d.value("delta_2"),
        "∂E/∂w_{3,2}": -d.value("dE/dw_3,2"), "∂E/∂w_{3,0}": -d.value("dE/db_3"),
        "∂E/∂w_{2,1}": -d.value("dE/dw_2,1"), "∂E/∂w_{2,0}": -d.value("dE/db_2"),
        "η ∂E/∂w_{3,2}": slipped_step, "new w_{3,2}": w32 - slipped_step,
    }
    return [AsPrinted(q, text, float(exact[q]), fmt(exact[q], _significant_digits(text)), what, slipped)
            for q, text, what, slipped in _PRINTED]
