"""A derivation as :func:`~backprop_lab.explain` returns it: steps ``formula = numbers = value``,
written out as unicode text (a terminal, an exercise sheet), Markdown with LaTeX (Jupyter) or HTML
(a live explorer: cheap to rebuild on every slider move, no typesetting in the browser)."""

import functools
import html
import re
import textwrap
from dataclasses import dataclass

from ._format import fmt

__all__ = ["HTML_STYLE", "TITLES", "Derivation", "Step"]

TITLES = {"forward": "Forward pass", "loss": "Loss", "backward": "Backward pass: every δ",
          "gradients": "Gradients", "update": "Update", "check": "Check: forward pass with the new weights"}
_WIDTH = 96  # longer text lines break before the numbers
# In HTML a step longer than this (every number counted as 8 characters) takes two lines. The rule sees
# the formula and how many numbers there are, never their digits: a live derivation keeps its height
# while the numbers change, so the page below it does not jump (and is not repainted) on a slider move.
_HTML_WIDTH = 80
_HTML_NUMBERS = 52  # and its numbers take as many lines below the formula as they need at this width
# A number; a negative one with the parentheses it gets inside a product, so that a sign changes nothing.
_NUMBER = re.compile(r"(?:(?<=[\s(])|^)\(-[\d.e+-]+\)|-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
# Where a line of numbers may break: before an operator (a negative number's sign is "-", not "−");
# the parentheses are matched too, to know how deep each operator is.
_CUT = re.compile(r" [=·+−] |[()]")

#: The CSS of :meth:`Derivation.to_html` (``%d``: the font size in px).
HTML_STYLE = """<style>
.bl-derivation {font-family: sans-serif; font-size: %dpx; line-height: 1.4; color: #1b1b1b; overflow-x: auto}
.bl-derivation table {border-collapse: collapse}
.bl-derivation td {padding: 1px 5px; vertical-align: top; text-align: left; white-space: nowrap}
.bl-derivation td.bl-lhs {text-align: right}
.bl-derivation td.bl-value {font-weight: bold}
.bl-derivation th {text-align: left; padding: 8px 5px 2px 5px; border-bottom: 1px solid #ccc}
.bl-derivation tr.bl-now td {background: #ffe98a}
.bl-derivation tr.bl-later td {color: #9a9a9a}
.bl-derivation .bl-why {color: #555; font-size: 0.85em}
</style>"""
_SUP = re.compile(r"\^(\([^)]*\)|[\w.\-]+)")
_SUB = re.compile(r"_(?:\{([^}]*)\}|(\w+))")


def _html(s):
    """A formula in the package's unicode notation as HTML: ``w_{3,2}`` -> ``w<sub>3,2</sub>``."""
    if "_" not in s and "^" not in s:  # numbers only: the common case on every slider move
        return html.escape(s, quote=False)
    return _html_formula(s)


def _template(text):
    """`text` with every number as 8 characters (six significant digits): widths that do not depend on
    the digits."""
    return _NUMBER.sub("0" * 8, text)


def _number_lines(numbers):
    """`numbers` cut into lines of at most ``_HTML_NUMBERS`` characters of its template: each cut goes
    before an operator outside parentheses if one fits (``=``, ``+``, ``−`` before ``·``), deeper only if
    none does. Where the lines break depends on the formula and the count of numbers, never on digits."""
    lines = []
    while len(_template(numbers)) > _HTML_NUMBERS:
        best = None  # (depth, rank, -position): the shallowest, weakest-binding, latest operator that fits
        depth = 0
        for m in _CUT.finditer(numbers):
            depth += m[0].count("(") - m[0].count(")")
            fits = len(_template(numbers[:m.start()])) <= _HTML_NUMBERS
            if not m[0].startswith(" ") or m.start() == 0 or not fits:
                continue
            key = (depth, 0 if m[0].strip() in "=+−" else 1, -m.start())
            best = min(best or (key, m.start()), (key, m.start()))
        if best is None:
            break
        lines.append(numbers[:best[1]])
        numbers = numbers[best[1]:].lstrip()
    return lines + [numbers]


def _too_long(lhs, rhs, rest):
    """The rule of :meth:`Step.two_lines`, on the step's parts."""
    return len(re.sub(r"[_^{}]", "", lhs + rhs)) + len(_template(rest)) > _HTML_WIDTH


def _html_rows(s, kind, hidden):
    """The table rows of one step: ``formula = numbers = value`` in one row; or, for a long step
    (:meth:`Step.two_lines`), the formula in one line and the numbers in lines below it, the value beside
    the last. A note goes below the value. A hidden step (not computed yet) keeps its lines, blank."""
    lhs, op, rhs, rest = s.parts()
    value = "= …" if hidden else "= " + fmt(s.value, s.digits)
    note = "" if not s.note else "<br>" + ("&nbsp;" if hidden else
                                           f'<span class="bl-why">({html.escape(s.note)})</span>')
    if not _too_long(lhs, rhs, rest):
        numbers = f"= {_html(s.numbers)}" if s.numbers and not hidden else ""
        middle, above = f"<td>{_html(rhs)}</td><td>{numbers}</td>", ""
    else:
        lines = _number_lines(f"= {s.numbers}") if s.numbers else [""]
        shown = ["&nbsp;" if hidden else _html(line) for line in lines]
        middle, above = f'<td colspan="2">{"<br>".join([_html(rhs)] + shown)}</td>', "<br>" * len(lines)
        kind = f"{kind} bl-long".strip()
    kind = f' class="{kind}"' if kind else ""
    return [f'<tr{kind}><td class="bl-lhs">{_html(lhs)}</td><td>{op}</td>{middle}'
            f'<td class="bl-value">{above}{value}{note}</td></tr>']


@functools.lru_cache(maxsize=2048)
def _html_formula(s):  # formulas repeat from move to move; their numbers do not
    s = _SUP.sub(r"<sup>\1</sup>", html.escape(s, quote=False))
    return _SUB.sub(lambda m: f"<sub>{m[1] or m[2]}</sub>", s)


def _tex(s):
    """A formula in the package's unicode notation as LaTeX."""
    s = re.sub(r"∂E/∂(w_\{[^}]*\}|(?:net|[a-zA-Z])(?:_\w+)?)", r"\\frac{\\partial E}{\\partial \1}", s)
    s = re.sub(r"\bnet(?=_|\b)", r"\\mathrm{net}", s)
    s = re.sub(r"_(\d{2,})", r"_{\1}", s)
    s = re.sub(r"\((\w+)/(\w+)\)", r"\\tfrac{\1}{\2}", s)
    s = re.sub(r"(\d)e([+-])0*(\d+)", lambda m: rf"{m[1]} \times 10^{{{m[2].strip('+')}{m[3]}}}", s)
    for a, b in (("·", r"\cdot"), ("δ", r"\delta "), ("η", r"\eta "), ("σ", r"\sigma"), ("Σ", r"\sum"),
                 ("Δ", r"\Delta "), ("∂", r"\partial "), ("←", r"\leftarrow"), ("−", "-"), ("≤", r"\le"),
                 ("²", "^2"), ("½", r"\tfrac{1}{2}"), ("tanh", r"\tanh"), ("max", r"\max")):
        s = s.replace(a, b)
    return re.sub(r"(\\\w+) ([_^'])", r"\1\2", s).replace("  ", " ")


@dataclass
class Step:
    """One line ``formula = numbers = value``: unicode text (``net_2 = w_{2,1} o_1 + b_2``,
    ``0.2 · 0.2 + 0.1``; `numbers` may be empty) and the engine's float `value`."""

    section: str
    symbol: str
    formula: str
    numbers: str
    value: float
    note: str = ""
    digits: int = 6
    layer: int = None  # the weight layer the step belongs to (``weights[layer]``); None: inputs, E

    def parts(self):
        """``(lhs, op, rhs, rest)``: ``formula`` is ``lhs op rhs``; rest is ``= numbers = value``."""
        lhs, op, rhs = re.split(r" ([=←]) ", self.formula, maxsplit=1)
        rest = " = ".join([""] + [self.numbers] * bool(self.numbers) + [fmt(self.value, self.digits)])
        return lhs, op, rhs, rest.strip()

    def two_lines(self):
        """Whether the step takes two lines in HTML (:meth:`Derivation.to_html`): the numbers below the
        formula. Decided by the formula and the count of numbers, not by their digits."""
        lhs, _, rhs, rest = self.parts()
        return _too_long(lhs, rhs, rest)

    def text(self):
        """The step as one line of unicode text."""
        lhs, op, rhs, rest = self.parts()
        return f"{lhs} {op} {rhs} {rest}" + (f"   ({self.note})" if self.note else "")

    def latex(self):
        """The step as LaTeX (without ``$$``); a long step breaks into two aligned lines."""
        lhs, op, rhs, rest = (_tex(s) for s in self.parts())
        note = rf" \qquad \text{{({self.note})}}" if self.note else ""
        if len(self.text()) <= _WIDTH:
            return f"{lhs} {op} {rhs} {rest}{note}"
        return rf"\begin{{aligned}} {lhs} &{op} {rhs} \\ &{rest}{note} \end{{aligned}}"


@dataclass(repr=False)
class Derivation:
    """What :func:`explain` computed: the steps and the engine's own results."""

    steps: list
    trace: object
    grads: object
    new_net: object
    loss_before: float
    loss_after: float
    header: str = ""
    intros: dict = None

    def step(self, symbol):
        """The :class:`Step` with this symbol key (see the module docstring)."""
        for s in self.steps:
            if s.symbol == symbol:
                return s
        raise KeyError(f"no step {symbol!r}; the keys are: {', '.join(s.symbol for s in self.steps)}")

    def value(self, symbol):
        """The value of a step, e.g. ``d.value("delta_3")`` or ``d.value("w_3,2_new")``."""
        return self.step(symbol).value

    def _sections(self):
        present = [s for s in TITLES if any(step.section == s for step in self.steps)]
        for n, section in enumerate(present, 1):
            yield n, section, [s for s in self.steps if s.section == section]

    def to_text(self):
        """Plain unicode text for a terminal; within a section the ``=`` signs line up."""
        lines = [self.header.replace("$", ""), ""]
        for n, section, steps in self._sections():
            lines.append(f"{n}. {TITLES[section]}")
            intro = re.sub(r"\$(.+?)\$", lambda m: m[1].replace(" ", "\0"), self.intros[section])  # unbroken
            lines += [s.replace("\0", " ") for s in textwrap.wrap(intro, _WIDTH, initial_indent="   ",
                                                                   subsequent_indent="   ")]
            width = max(len(s.parts()[0]) for s in steps)
            for s in steps:
                lhs, op, rhs, rest = s.parts()
                note = f"   ({s.note})" if s.note else ""
                if len(s.text()) <= _WIDTH:
                    lines.append(f"     {lhs:<{width}} {op} {rhs} {rest}{note}")
                else:
                    lines += [f"     {lhs:<{width}} {op} {rhs}", f"     {'':<{width}} {rest}{note}"]
            lines.append("")
        return "\n".join(lines).rstrip("\n")

    def to_markdown(self):
        """Markdown: a heading per section, one LaTeX display ``$$...$$`` per step (for Jupyter)."""

        def md(s):
            return re.sub(r"\$(.+?)\$", lambda m: "$" + _tex(m[1]) + "$", s)

        title, given = self.header.split("\n")
        out = ["### " + title, "", md(given), ""]
        for n, section, steps in self._sections():
            title = TITLES[section].replace("δ", r"$\delta$")
            out += [f"#### {n}. {title}", "", md(self.intros[section]), ""]
            out += [line for s in steps for line in (f"$${s.latex()}$$", "")]
        return "\n".join(out)

    def symbols(self, section=None, layer=None):
        """The symbol keys of the steps in `section` (all if None) and weight layer `layer` (all if None).

        >>> import backprop_lab as bl
        >>> d = bl.explain(bl.examples.CHAIN.network(), 0.2, 0.7, lr=0.1)
        >>> d.symbols("forward", layer=1), d.symbols("backward")
        (['net_3', 'o_3'], ['delta_3', 'delta_2'])
        """
        return [s.symbol for s in self.steps
                if section in (None, s.section) and (layer is None or s.layer == layer)]

    def to_html(self, highlight=(), later=(), font_size=14, style=True):
        """HTML: one table, a row per step (``formula = numbers = value``, the ``=`` signs aligned).

        Parameters
        ----------
        highlight : collection of str
            Symbol keys of the steps to emphasise (the ones being computed now).
        later : collection of str
            Symbol keys of steps not computed yet: their formula is shown, their numbers not.
        font_size : int
            Pixels.
        style : bool
            Whether to begin with the ``<style>`` block (``HTML_STYLE``). A live explorer sends it
            once instead: each new ``<style>`` makes the browser restyle the whole page.

        Returns
        -------
        str
            A ``<style>`` block (with `style`) and a ``<div class="bl-derivation">``.

        >>> import backprop_lab as bl
        >>> d = bl.explain(bl.examples.CHAIN.network(), 0.2, 0.7, lr=0.1)
        >>> text = d.to_html(highlight={"net_2"})
        >>> text.count('class="bl-now"'), "<td>w<sub>2,1</sub> o<sub>1</sub> + b<sub>2</sub></td>" in text
        (1, True)
        """
        highlight, later = set(highlight), set(later)
        given = self.header.split("\n")[-1].replace("$", "")
        out = [HTML_STYLE % font_size if style else "",
               f'<div class="bl-derivation"><div>{_html(given)}</div><table>']
        for n, section, steps in self._sections():
            out.append(f'<tr><th colspan="5">{n}. {TITLES[section]}</th></tr>')
            for s in steps:
                kind = "bl-now" if s.symbol in highlight else "bl-later" if s.symbol in later else ""
                out += _html_rows(s, kind, hidden=s.symbol in later)
        out.append("</table></div>")
        return "".join(out)

    def _repr_markdown_(self):
        return self.to_markdown()

    def __repr__(self):
        sizes = "-".join(str(n) for n in self.new_net.sizes)
        E = f"E {fmt(self.loss_before)} -> {fmt(self.loss_after)}"
        return f"<Derivation: {sizes} network, {len(self.steps)} steps, {E}>"
