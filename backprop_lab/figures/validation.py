"""Training and validation loss per epoch, with the epoch where the validation loss was lowest."""

import numpy as np
from matplotlib.lines import Line2D

from ._style import TEXT
from .blit import still
from .curves import LossCurves

__all__ = ["ValidationCurves", "plot_validation_curves"]


class ValidationCurves(LossCurves):
    """Handle of :func:`~backprop_lab.figures.plot_validation_curves`.

    Attributes
    ----------
    lines : dict
        ``"training"`` and ``"validation"``.
    best_line : Line2D
        A vertical dashed line at the best epoch (hidden without one).
    best_label : Text
        " lowest validation loss: epoch N" beside the line; with ``values=False`` it stays
        hidden and the legend names the dashed line instead.
    """

    def __init__(self, losses=(), val_losses=(), best_epoch=None, ax=None, log=True, values=True):
        super().__init__({"training": [], "validation": []}, ax=ax, log=log)
        self.values = values
        self.legend.remove()  # centre right: between the validation loss (high) and the training loss (low)
        handles = list(self.lines.values())
        if not values:  # a live explorer: the epoch goes to its table, the legend (drawn once) names the line
            handles.append(Line2D([], [], color="#444444", ls="--", lw=1.6, label="lowest validation loss"))
        self.legend = self.ax.legend(handles=handles, fontsize=TEXT, loc="center right")
        self.legend.set_zorder(1.5)  # under the lines, drawn once into a live figure's background
        still(self.legend)
        self.best_line = self.ax.axvline(0.0, color="#444444", ls="--", lw=1.6, visible=False, zorder=1)
        self.best_label = self.ax.text(0.0, 0.02, "", transform=self.best_line.get_transform(),
                                       fontsize=TEXT, ha="left", va="bottom", visible=False)
        self.update(losses, val_losses, best_epoch)

    def update(self, losses, val_losses=(), best_epoch=None, message=None):
        """Replace both curves; mark `best_epoch` (the network after that many epochs), if given."""
        super().update({"training": losses, "validation": val_losses}, message=message)
        shown = best_epoch is not None and len(val_losses) > 0
        # losses[e] is the network after e epochs, drawn at x = e + 1 (as LossCurves does)
        x = float(best_epoch + 1) if shown else 0.0
        self.best_line.set_xdata(np.array([x, x]))
        self.best_line.set_visible(shown)
        self.best_label.set_position((x, 0.02))
        self.best_label.set_text(f" lowest validation loss: epoch {best_epoch}" if shown else "")
        self.best_label.set_visible(shown and self.values)
        return self


def plot_validation_curves(losses=(), val_losses=(), best_epoch=None, ax=None, log=True, values=True):
    """Training and validation loss per epoch, and a dashed line at the best epoch.

    Parameters
    ----------
    losses, val_losses : array_like, shape (epochs,)
        ``History.losses`` and ``History.val_losses``.
    best_epoch : int, optional
        ``History.best_epoch``.
    values : bool
        Write the best epoch beside the dashed line. A live explorer passes False and
        shows it in its table; the legend then names the line and is drawn once.

    Returns
    -------
    ValidationCurves
        ``update(losses, val_losses, best_epoch)``.
    """
    return ValidationCurves(losses, val_losses, best_epoch, ax=ax, log=log, values=values)
