"""The picture of the plane behind decision boundaries and class regions scales itself to the screen
(figures/plane.py): the same pixels as matplotlib's own bilinear imshow, within rounding."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from backprop_lab.figures._style import CMAP  # noqa: E402
from backprop_lab.figures.plane import PlaneImage, plane_image  # noqa: E402

EXTENT = (-1.3, 2.1, -0.9, 1.4)


def _grid():
    rows, cols = np.mgrid[0:60, 0:80]
    slope = 1 / (1 + np.exp(-(cols / 8.0 - 3.0 - rows / 15.0)))  # a boundary across the plane
    return slope * 0.9 + 0.1 * np.random.default_rng(0).random((60, 80))


def _pixels(draw, size=(5.2, 4.4)):
    fig, ax = plt.subplots(figsize=size, dpi=100)
    ax.set_xlim(EXTENT[:2])
    ax.set_ylim(EXTENT[2:])
    image = draw(ax)
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba()).astype(int)
    plt.close(fig)
    return image, pixels


@pytest.mark.parametrize("kind", ["values", "rgba"])
@pytest.mark.parametrize("size", [(5.2, 4.4), (3.1, 2.3)])
def test_the_same_pixels_as_matplotlibs_bilinear_imshow(kind, size):
    data = _grid()
    style, stage = {"cmap": CMAP, "vmin": 0.0, "vmax": 1.0}, "data"  # values interpolated, then coloured
    if kind == "rgba":  # 8-bit RGBA, as the class regions give it
        data, style, stage = (plt.get_cmap("viridis")(data) * 255).astype(np.uint8), {}, "rgba"
    _, want = _pixels(lambda ax: ax.imshow(data, origin="lower", aspect="auto", interpolation="bilinear",
                                           interpolation_stage=stage, extent=EXTENT, **style), size)
    image, got = _pixels(lambda ax: plane_image(ax, data, extent=EXTENT, **style), size)
    assert isinstance(image, PlaneImage) and image.get_array().shape == data.shape
    diff = np.abs(got - want).max(axis=2)
    # float values: colour-map bins differ where a value sits on a bin edge; RGBA: rounding only
    assert diff.max() <= (4 if kind == "values" else 1), diff.max()
    if kind == "values":
        assert (diff > 0).mean() < 0.02


def test_a_grid_of_one_cell_and_a_masked_grid_still_draw():
    image, pixels = _pixels(lambda ax: plane_image(ax, np.full((1, 1), 0.25), extent=EXTENT, cmap=CMAP,
                                                   vmin=0.0, vmax=1.0))
    centre = pixels[pixels.shape[0] // 2, pixels.shape[1] // 2, :3]
    assert np.abs(centre - np.array(plt.get_cmap(CMAP)(0.25, bytes=True)[:3])).max() <= 1
    masked = np.ma.masked_less(_grid(), 0.5)  # matplotlib's own path: masked cells are transparent
    _, pixels = _pixels(lambda ax: plane_image(ax, masked, extent=EXTENT, cmap=CMAP, vmin=0.0, vmax=1.0))
    assert pixels.shape[2] == 4


def test_float_rgba_is_drawn_as_matplotlib_draws_it():
    """Only 8-bit RGBA takes the fast path: floats in [0, 1] (the class regions' first picture) would be
    rounded as if they were 0-255, drawn as nearly transparent black."""
    data = plt.get_cmap("viridis")(_grid())  # float RGBA, opaque
    _, want = _pixels(lambda ax: ax.imshow(data, origin="lower", aspect="auto", interpolation="bilinear",
                                           extent=EXTENT))
    _, got = _pixels(lambda ax: plane_image(ax, data, extent=EXTENT))
    assert np.abs(got - want).max() <= 1  # as for 8-bit RGBA above: rounding only
