"""Axis helpers shared by the figures: limits that stay put while data moves, and log-axis labels."""

import numpy as np
from matplotlib.ticker import Formatter

__all__ = ["LogLabels", "finite_prefix", "sticky"]


class LogLabels(Formatter):
    """Log-axis labels as plain numbers (0.01, 0.2); minor ticks only when the axis spans under a decade."""

    def __init__(self, minor=False):
        self.minor = minor

    def __call__(self, x, pos=None):
        if x <= 0:
            return ""
        if self.minor:
            lo, hi = sorted(self.axis.get_view_interval())
            decades = np.log10(hi / lo) if lo > 0 else np.inf
            mantissa = round(x / 10.0 ** np.floor(np.log10(x)))
            if decades > 1 or (decades > 0.5 and mantissa not in (2, 3, 5)):
                return ""
        exponent = int(np.round(np.log10(x)))
        if not 1e-4 <= x < 1e5 and np.isclose(x, 10.0**exponent):
            return f"$10^{{{exponent}}}$"
        return f"{x:.3g}".replace("-", "−")


def sticky(ax, axis, lo, hi, pad, log=False, fill=0.4):
    """Set `ax`'s x or y limits to [lo − pad, hi + pad], unless the current ones still fit.

    They fit when they hold [lo, hi] and the padded data fills at least `fill` of them:
    limits that stay put while a slider moves let the live figure redraw only
    its data (see ``blit``), and a steady axis is easier to read. `pad` may be a
    pair (below, above): room for data that is expected to move one way. With
    `log`, everything is in decades (lo, hi > 0; `pad` in decades), cut at 1e±200.
    """
    below, above = pad if isinstance(pad, tuple) else (pad, pad)
    get, set_ = (ax.get_xlim, ax.set_xlim) if axis == "x" else (ax.get_ylim, ax.set_ylim)
    f, inv = (np.log10, lambda v: 10.0**v) if log else (float, float)
    old = [f(v) for v in get()] if getattr(ax, f"_bl_sticky_{axis}", False) else None
    lo, hi = f(lo), f(hi)
    fits = old is not None and old[0] <= lo and hi <= old[1]
    if fits and (hi - lo) + below + above >= fill * (old[1] - old[0]):
        return
    lo, hi = lo - below, hi + above
    if log:  # 10**±308 would overflow the ticker
        lo, hi = max(lo, -200.0), min(hi, 200.0)
    set_(inv(lo), inv(hi))
    setattr(ax, f"_bl_sticky_{axis}", True)


def finite_prefix(losses):
    """The losses up to (not including) the first NaN or infinity, as floats."""
    y = np.asarray(losses, dtype=float).ravel()
    bad = ~np.isfinite(y)
    return y[: np.argmax(bad)] if bad.any() else y
