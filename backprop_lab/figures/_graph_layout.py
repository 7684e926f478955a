"""Where each node of a computational graph goes: columns by longest path, rows along chains.

Each :class:`~backprop_lab.autodiff.Value` is a box, and each operation that
made one is a small node of its own just left of it. Columns count the
longest path from the inputs (values in even columns, operations in odd
ones); a leaf sits just left of the first operation that uses it, so a
constant that enters late does not stretch an edge across the figure. Rows
come from a walk back from the output in which a chain of operations keeps
one straight row and the other operands take the nearest free rows beside
it. Long graphs are cut into bands of at most `max_columns` values, stacked
top to bottom; a value used in a later band is repeated there as a
dashed "carried" copy.
"""

from dataclasses import dataclass, field

__all__ = ["GraphLayout", "layout_graph"]


@dataclass
class GraphLayout:
    """Positions in layout units: x grows to the right, y downwards (row numbers).

    Attributes
    ----------
    values : list of Value
        Every value, in topological order.
    value_xy, op_xy : dict of int to (float, float)
        By ``id(value)``: the value's box, and the operation node that made it.
    edges : list of (str, int, int)
        ``("in", id(operand), id(value))`` from an operand's box (or its carried
        copy) to the operation node of `value`; ``("op", id(value), id(value))``
        from an operation node to its result.
    carried : dict of (int, int) to (float, float)
        ``(id(value), band)``: where the carried copy of a value sits in a later band.
    band_of : dict of int to int
        By ``id(value)``: the band the value (and the operation that made it) is drawn in.
    width : float
        The x of the rightmost centre plus half a value column (the leftmost centre is at 0).
    """

    values: list
    value_xy: dict = field(default_factory=dict)
    op_xy: dict = field(default_factory=dict)
    edges: list = field(default_factory=list)
    carried: dict = field(default_factory=dict)
    band_of: dict = field(default_factory=dict)
    width: float = 0.0


def _columns(order):
    column = {}
    for v in order:  # operands come first in topological order
        if v.operands:
            column[id(v)] = max(column[id(u)] for u in v.operands) + 2
        else:
            column[id(v)] = 0
    uses = {}
    for v in order:
        for u in v.operands:
            uses.setdefault(id(u), []).append(column[id(v)] - 1)  # the column of v's operation node
    for v in order:
        if not v.operands and id(v) in uses:  # a leaf moves right, to just before its first use
            column[id(v)] = min(uses[id(v)]) - 1
    return column


def _rows(order, column):
    """A row for every value (its operation node shares it), walking back from the output.

    Each value hands its own row on to its "spine" operand -- the one computed
    last, with the longest path behind it -- so a chain of operations runs in
    a straight line; the other operands take the nearest free rows, above it
    if they come before the spine operand (``T − o``: T above) and below if
    after (``w o + b``: b below).
    """
    row, wish, taken = {}, {id(order[-1]): (0, 1)}, set()
    for v in reversed(order):  # every user of v comes before v, so v's wish is set
        want, side = wish[id(v)]
        cols = (column[id(v)], column[id(v)] - 1) if v.operands else (column[id(v)],)
        tries = [want] + [want + d * s for d in range(1, len(order) + 1) for s in (side, -side)]
        r = next(y for y in tries if all((c, y) not in taken for c in cols))  # the nearest free row
        row[id(v)] = r
        taken.update((c, r) for c in cols)
        operands = list(dict.fromkeys(v.operands))
        if not operands:
            continue
        spine = max(
            range(len(operands)), key=lambda k: (column[id(operands[k])], bool(operands[k].operands), -k)
        )
        above = below = 0
        for k, u in enumerate(operands):
            if id(u) in wish:
                continue
            if k == spine:
                wish[id(u)] = (r, 1)
            elif k < spine:
                above -= 1
                wish[id(u)] = (r + above, -1)
            else:
                below += 1
                wish[id(u)] = (r + below, 1)
    return row


def layout_graph(order, value_width=1.0, op_width=0.45, max_columns=None):
    """Lay out the graph of `order` (a topological order ending with the output).

    Parameters
    ----------
    order : list of Value
        From :func:`~backprop_lab.autodiff.topological_order`.
    value_width, op_width : float
        The horizontal room of a value column and of an operation column.
    max_columns : int, optional
        At most this many value columns per band (at least 2; bands after the
        first give one of them to the carried copies); None keeps one band.

    Returns
    -------
    GraphLayout
    """
    column = _columns(order)
    row = _rows(order, column)
    n_value_cols = max(column.values()) // 2 + 1
    # Band 0 holds per_band value columns; every later band holds one fewer, after the column of
    # carried copies, so that all bands are equally wide. A band after the first starts with an
    # operation column (an operation and its result always share a band).
    per_band = n_value_cols if max_columns is None else max(2, int(max_columns))

    def band(col):
        v = (col + 1) // 2  # the value column of `col` (an operation's is its result's)
        return 0 if v < per_band else 1 + (v - per_band) // (per_band - 1)

    def first_value_column(b):
        return 0 if b == 0 else per_band + (b - 1) * (per_band - 1)

    # A leaf belongs to the band of its first use; one that would end the band before sits
    # in its use's band, in the column of carried copies.
    first_use = {}
    for v in order:
        for u in v.operands:
            first_use[id(u)] = min(first_use.get(id(u), column[id(v)] - 1), column[id(v)] - 1)
    home = {id(v): band(first_use[id(v)] if not v.operands and id(v) in first_use else column[id(v)])
            for v in order}

    # Each band is as tall as its own rows (and the rows of the values it carries over).
    rows_in = {}
    for v in order:
        rows_in.setdefault(home[id(v)], []).append(row[id(v)])
        for u in v.operands:
            rows_in.setdefault(home[id(v)], []).append(row[id(u)])
    top, y0 = {}, 0.0
    for b in sorted(rows_in):
        top[b] = y0 - min(rows_in[b])
        y0 += max(rows_in[b]) - min(rows_in[b]) + 1.4
    step = (value_width + op_width) / 2

    def xy(col, r, b):
        base = 0 if b == 0 else 2 * first_value_column(b) - 2  # column `base` holds the carried copies
        return (max(col - base, 0)) * step, top[b] + r

    lay = GraphLayout(values=list(order))
    carry_rows = {}  # band -> rows taken in its column of carried copies
    for v in order:  # every box first, so that carried copies can avoid the leaves in their column
        b = lay.band_of[id(v)] = home[id(v)]
        x, y = lay.value_xy[id(v)] = xy(column[id(v)], row[id(v)], b)
        if x == 0.0 and b > 0:
            carry_rows.setdefault(b, set()).add(y)
    for v in order:
        if not v.operands:
            continue
        b = home[id(v)]
        lay.op_xy[id(v)] = xy(column[id(v)] - 1, row[id(v)], b)
        lay.edges.append(("op", id(v), id(v)))
        for u in dict.fromkeys(v.operands):
            lay.edges.append(("in", id(u), id(v)))
            if home[id(u)] < b and (id(u), b) not in lay.carried:
                taken = carry_rows.setdefault(b, set())
                y = top[b] + row[id(u)]
                while y in taken:  # two values on one row of the carried column: move one down
                    y += 1.0
                taken.add(y)
                lay.carried[(id(u), b)] = (0.0, y)
    xs = [x for x, _ in list(lay.value_xy.values()) + list(lay.carried.values())]
    lay.width = max(xs) + value_width / 2  # x is a node's centre; the first column's is 0
    return lay
