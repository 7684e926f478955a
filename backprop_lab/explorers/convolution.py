"""Notebook 17's explorer: slide a filter along a signal, one position at a time."""

from .. import figures, layers, signals
from .._format import fmt
from .base import Explorer, dropdown, int_slider, table

__all__ = ["conv_explorer"]


def conv_explorer(model=None, seed=0):
    """A filter slid along one of the pattern signals: the window, each product w[k]·x[t + k], the response.

    Controls: which signal (of ``signals.pattern_signals(200, 20, seed=seed)``,
    the notebook's data), the position t, and the filter: the falling step
    (the pattern), the rising step (its reverse), and -- with `model`, a trained
    :func:`~backprop_lab.models.conv_detector` -- each of its learned filters.

    Parameters
    ----------
    model : Sequential, optional
        Its first block must be a one-channel ``Conv1d``.
    seed : int
        The data set's seed.

    Returns
    -------
    Explorer
        ``handles["slide"]`` is the :class:`~backprop_lab.figures.ConvSlide`.
    """
    X, Y = signals.pattern_signals(n=200, length=20, seed=seed)
    falling = list(signals.FALLING_STEP)
    filters = {"falling step (the pattern)": falling, "rising step (its reverse)": falling[::-1]}
    if model is not None:
        weight = getattr(model.blocks[0], "weight", None) if hasattr(model, "blocks") else None
        if weight is None or weight.ndim != 3 or weight.shape[1] != 1:
            raise TypeError("model must be a conv_detector: a Sequential starting with a one-channel Conv1d")
        trained = {f"trained filter {c + 1}": weight[c, 0].tolist() for c in range(weight.shape[0])}
        filters = trained if weight.shape[2] != len(falling) else {**trained, **filters}
    K = len(next(iter(filters.values())))
    controls = {
        "signal": int_slider("signal", 1, 1, 12),
        "t": int_slider("position t", 0, 0, X.shape[2] - K),
        "filter": dropdown("filter", list(filters), next(iter(filters))),
    }
    fig, axes = figures.new_figure(ncols=2, width=4.6, height=3.3)
    slide = figures.plot_conv_slide(X[0, 0], filters[controls["filter"].value], 0, axes=axes)

    def refresh(v):
        i, t, w = v["signal"] - 1, v["t"], filters[v["filter"]]
        x = X[i, 0]
        slide.update(x, w, t)
        axes[0].set_title(f"signal {i + 1}: class {int(Y[i, 0])}", fontsize=12)
        terms = layers.conv1d_terms([x], [w], t)[0]
        rows = [(f"k = {k}", w[k], x[t + k], terms[k]) for k in range(K)]
        rows.append((f"y[{t}] = Σ", "", "", slide.y[t]))
        _, where = layers.max_pool_forward([[slide.y]])
        best = int(where[0, 0])
        note = (f"The largest response is y[{best}] = {fmt(slide.y[best], 4)}: global max pooling passes it"
                f" on, so in the backward pass only the window x[{best}] … x[{best + K - 1}] of this signal"
                " adds to ∂E/∂w.")
        return table(rows, ["tap", "w[k]", f"x[{t} + k]", "w[k]·x[t + k]"], note=note)

    return Explorer(controls, fig, refresh, title="A filter slid along a signal", handles={"slide": slide})
