"""A picture of the plane that scales itself to the screen: what a decision boundary or class regions
show behind the data points.

matplotlib's resampler scaled an 80 x 80 grid to the axes' pixels with bilinear interpolation in
10-17 ms per draw (explorers 08, 10 and 11 redraw it on every move). The same interpolation is a gather
along x and one along y, with the indices and weights kept while the axes keep their size, and a
colour lookup (``benchmarks/bench_plane.py``).
"""

import functools

import numpy as np
from matplotlib.colors import Normalize
from matplotlib.image import AxesImage
from matplotlib.transforms import Bbox, IdentityTransform, TransformedBbox

__all__ = ["PlaneImage", "plane_image"]


@functools.lru_cache(maxsize=16)
def _weights(n, start, step, count):
    """Bilinear interpolation along one axis: for ``count`` output pixels whose centres are at
    ``start + step * i`` in cell units (cell k spans [k, k + 1)), the cell on each side and the weight of
    the right one: ``(left, right, frac)``, each of shape ``(count,)``."""
    u = np.clip(start + step * np.arange(count) - 0.5, 0.0, n - 1.0)  # distance past the first centre
    left = np.minimum(np.floor(u).astype(np.intp), max(n - 2, 0))
    right = np.minimum(left + 1, n - 1)
    frac = (u - left).astype(np.float32)
    for a in (left, right, frac):
        a.setflags(write=False)
    return left, right, frac


def _interpolate(A, x, y):
    """`A`, shape (..., rows, cols), at the output pixels: along x, then along y; float32, shape
    (..., height, width). The last two axes are the image's, so numpy's loops run along whole rows."""
    (lx, rx, fx), (ly, ry, fy) = x, y
    T = A[..., lx] * (1 - fx) + A[..., rx] * fx
    out, right = T[..., ly, :], T[..., ry, :]  # in place from here: these are the big arrays
    out -= right
    out *= (1 - fy)[:, None]
    out += right
    return out


class PlaneImage(AxesImage):
    """An ``imshow`` image (origin lower, bilinear) of a grid over the plane, scaled to the screen by
    :func:`_interpolate` instead of matplotlib's resampler. Float data goes through the colour map; 8-bit
    RGBA data is interpolated channel by channel. Everything else is an ordinary ``AxesImage``."""

    def make_image(self, renderer, magnification=1.0, unsampled=False):
        A = self.get_array()
        rgba8 = A.ndim == 3 and A.shape[2] == 4 and A.dtype == np.uint8  # other RGBA: matplotlib's scaling
        if unsampled or np.ma.is_masked(A) or not (A.ndim == 2 or rgba8):
            return super().make_image(renderer, magnification, unsampled)
        A = np.ma.getdata(A)
        x1, x2, y1, y2 = self.get_extent()
        out = TransformedBbox(Bbox([[x1, y1], [x2, y2]]), self.get_transform())
        clip = (self.get_clip_box() or self.axes.bbox) if self.get_clip_on() else \
            self.get_figure(root=True).bbox
        shown = Bbox.intersection(out, clip)
        if shown is None:
            return None, 0, 0, None
        # The output pixels, rounded to the pixel border the way matplotlib does it.
        e = shown.extents * magnification
        px0, py0 = np.floor(e[0] + 0.5), np.ceil(e[1] - 0.5 - 1e-8)
        px1, py1 = np.floor(e[2] + 0.5 + 1e-8), np.ceil(e[3] - 0.5)
        width, height = int(px1 - px0), int(py1 - py0)
        if width <= 0 or height <= 0:
            return None, 0, 0, None
        rows, cols = A.shape[:2]
        ox, oy = out.x0 * magnification, out.y0 * magnification
        sx, sy = cols / (out.width * magnification), rows / (out.height * magnification)
        along_x = _weights(cols, float((px0 + 0.5 - ox) * sx), float(sx), width)
        along_y = _weights(rows, float((py0 + 0.5 - oy) * sy), float(sy), height)
        if A.ndim == 2:
            Z = _interpolate(A.astype(np.float32), along_x, along_y)
            N = self.cmap.N
            if type(self.norm) is Normalize and self.norm.vmax > self.norm.vmin:  # skip the masked arrays
                x = (Z - self.norm.vmin) * (N / (self.norm.vmax - self.norm.vmin))
            else:
                x = np.ma.getdata(self.norm(Z)) * N
            # matplotlib's Colormap: colour floor(x * N), the top end into the last colour
            pixels = self._lut().take(np.clip(x, 0, N - 1, out=x).astype(np.intp), axis=0)
        else:
            opaque = bool((A[..., 3] == 255).all())
            # channel by channel, each contiguous
            planes = A.transpose(2, 0, 1)[:3 if opaque else 4].astype(np.float32, order="C")
            channels = _interpolate(planes, along_x, along_y)
            channels += 0.5  # round, not truncate
            pixels = np.full((height, width, 4), 255, dtype=np.uint8)
            pixels[..., :len(channels)] = channels.transpose(1, 2, 0)
        # Row 0 of the result is the bottom row of pixels, as for matplotlib's own images with origin lower.
        return np.ascontiguousarray(pixels), px0, py0, IdentityTransform()

    def _lut(self):
        key = (self.cmap.name, self.cmap.N)
        if getattr(self, "_lut_key", None) != key:
            self._lut_key, self._lut_colours = key, self.cmap(np.arange(self.cmap.N), bytes=True)
        return self._lut_colours


def plane_image(ax, data, extent=None, **kwargs):
    """``ax.imshow(data, origin="lower", aspect="auto", interpolation="bilinear", **kwargs)`` as a
    :class:`PlaneImage`.

    Parameters
    ----------
    ax : matplotlib Axes
    data : array_like, shape (rows, cols) or (rows, cols, 4)
        Row 0 at the bottom. Float data goes through `cmap` and `norm` (or `vmin`, `vmax`); 8-bit RGBA is
        drawn as it is (other RGBA, e.g. floats in [0, 1], by matplotlib's own scaling).
    extent : tuple, optional
        ``(x0, x1, y0, y1)`` in data coordinates.

    Returns
    -------
    PlaneImage
    """
    vmin, vmax = kwargs.pop("vmin", None), kwargs.pop("vmax", None)
    image = PlaneImage(ax, origin="lower", interpolation="bilinear", **kwargs)
    image.set_data(data)
    if vmin is not None or vmax is not None:
        image.set_clim(vmin, vmax)
    image.set_extent(image.get_extent() if extent is None else extent)  # as imshow: the data limits too
    ax.set_aspect("auto")
    ax.add_image(image)
    return image
