"""Presenter mode: figures and numbers large enough for the back row of a lecture hall.

``presentation(True)`` scales every figure the package creates afterwards
(through its resolution, so fonts, lines and markers grow together) and the
font of the number tables beside the explorers. Nothing else in matplotlib
is touched, and ``presentation(False)`` goes back to normal.
"""

__all__ = ["PRESENTATION_SCALE", "current_scale", "dpi", "presentation"]

_STATE = {"scale": 1.0}

#: How much larger presenter mode draws everything.
PRESENTATION_SCALE = 1.6


def presentation(on=True, scale=PRESENTATION_SCALE):
    """Switch presenter mode on or off (for explorers and figures created afterwards).

    Parameters
    ----------
    on : bool
        True to enlarge, False to go back to the normal size.
    scale : float
        The enlargement, between 1 and 3; 1.6 reads well on a projector.

    Returns
    -------
    float
        The scale now in force.

    >>> presentation(True)
    1.6
    >>> presentation(False)
    1.0
    """
    if not isinstance(on, bool):
        raise TypeError(f"on must be True or False, got {on!r}")
    if not isinstance(scale, (int, float)) or not 1.0 <= scale <= 3.0:
        raise ValueError(f"scale must be a number from 1 to 3, got {scale!r}")
    _STATE["scale"] = float(scale) if on else 1.0
    return _STATE["scale"]


def current_scale():
    """The enlargement in force: 1.0 normally, larger in presenter mode."""
    return _STATE["scale"]


def dpi():
    """The resolution for new figures: 100 dots per inch, times the scale."""
    return round(100 * _STATE["scale"])
