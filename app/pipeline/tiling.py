"""Overlapped tiling for images too large to run whole, with seams blended away.

The image is cut into a grid of cores. Each tile runs on its core plus a ``margin`` of real neighbouring
pixels (at least the network's receptive radius, so the network sees what it would see in the whole
image), and contributes its core plus ``blend`` pixels on each inner side. Across each inner border two
linear ramps that sum to one mix the neighbours, so the weights need no normalising and a strip of any
width sums exactly. Statistics that must be global (style statistics, instance-norm statistics, the
LapStyle draft) are computed once for the whole image by the caller, never per tile.
"""
import math
from dataclasses import dataclass, replace

import numpy as np

from .errors import check_cancel
from .tensors import to_nchw


@dataclass(frozen=True)
class Tiles:
    """How a kind of network is tiled: cores of ``core`` pixels with ``margin`` pixels of context (at least the
    receptive radius) and ``blend`` pixels of cross-fade, once the input exceeds ``above`` pixels. ``norms``: the
    network has instance norms, whose statistics must be shared by all tiles."""
    core: int
    margin: int
    blend: int
    above: int = 0
    norms: bool = False

    def __post_init__(self):
        if self.blend > self.margin:
            raise ValueError("the blend band must lie within the margin")

    def plan(self, size, backend: str, core: int = None):
        """The tiles an input of ``size`` = (height, width) runs in on ``backend``, or None when it runs whole:
        tiled above ``above`` pixels, or, given a ``core``, when a side exceeds it (then in cores of that size).
        Instance-norm nets share their statistics through the exported graph, so they tile on onnx only."""
        if self.norms and backend != "onnx":
            return None
        if core is None:
            return self if size[0] * size[1] > self.above else None
        return replace(self, core=core) if max(size) > core else None


def window(rgb: np.ndarray):
    """A ``take(y0, y1, x0, x1)`` for :func:`run_tiled` over an HxWx3 image (uint8, or float in [0, 1])."""
    return lambda y0, y1, x0, x1: to_nchw(rgb[y0:y1, x0:x1])


def spans(size: int, core: int, align: int) -> list:
    """Split ``size`` (a multiple of ``align``) into near-equal spans of at most ~``core``, each a multiple
    of ``align``: [(start, stop), ...]."""
    count = max(1, math.ceil(size / core))
    step = math.ceil(size / count / align) * align
    edges = list(range(0, size, step)) + [size]
    return list(zip(edges[:-1], edges[1:]))


def ramp(start: int, stop: int, core: tuple, size: int, blend: int) -> np.ndarray:
    """Weights over [start, stop) for a tile whose core is ``core`` = (c0, c1) on an axis of ``size``:
    1 inside, a linear 0->1 ramp over [c0 - blend, c0 + blend) and 1->0 over [c1 - blend, c1 + blend)
    at inner borders; a neighbour's ramp is the complement, so the two sum to one."""
    pos = np.arange(start, stop, dtype=np.float32) + 0.5
    weight = np.ones(stop - start, np.float32)
    c0, c1 = core
    if c0 > 0:
        weight = np.minimum(weight, np.clip((pos - (c0 - blend)) / (2 * blend), 0.0, 1.0))
    if c1 < size:
        weight = np.minimum(weight, np.clip(((c1 + blend) - pos) / (2 * blend), 0.0, 1.0))
    return weight


def run_tiled(fn, sources, size, tiles: Tiles, *, channels=3, align=1, scale=1, cancel=None, progress=None):
    """Run ``fn(*windows) -> [NCHW array, ...]`` (a backend runner, given a tile's window of each source) tile by
    tile and blend the results into one HxWxC float32 image.

    ``size`` is the (H, W) grid the tiles are cut on (multiples of ``align``) by ``tiles`` (its core, margin and
    blend); ``sources`` are ``(take, factor)`` pairs: ``take(y0, y1, x0, x1)`` returns that window of an input as
    an NCHW float32 array, at ``factor`` times the grid's resolution (a half-size input has 0.5; windows are
    multiples of ``align``, so ``align * factor`` must be whole). The output is ``scale`` times the grid.
    ``cancel`` is checked before every tile; ``progress(fraction)``, when given, is called after each
    with the share of tiles done (the last call is 1.0).
    """
    core, margin, blend = tiles.core, tiles.margin, tiles.blend
    height, width = size
    out = np.zeros((height * scale, width * scale, channels), np.float32)
    rows, columns = spans(height, core, align), spans(width, core, align)
    done = 0
    for y0, y1 in rows:
        for x0, x1 in columns:
            check_cancel(cancel)
            wy0, wy1 = max(0, y0 - margin), min(height, y1 + margin)
            wx0, wx1 = max(0, x0 - margin), min(width, x1 + margin)
            windows = [take(int(wy0 * f), int(wy1 * f), int(wx0 * f), int(wx1 * f)) for take, f in sources]
            result = fn(*windows)[0][0].transpose(1, 2, 0)
            cy0, cy1 = max(0, y0 - blend) * scale, min(height, y1 + blend) * scale
            cx0, cx1 = max(0, x0 - blend) * scale, min(width, x1 + blend) * scale
            weight_y = ramp(cy0, cy1, (y0 * scale, y1 * scale), height * scale, blend * scale)
            weight_x = ramp(cx0, cx1, (x0 * scale, x1 * scale), width * scale, blend * scale)
            part = result[cy0 - wy0 * scale:cy1 - wy0 * scale, cx0 - wx0 * scale:cx1 - wx0 * scale]
            out[cy0:cy1, cx0:cx1] += part * weight_y[:, None, None] * weight_x[None, :, None]
            done += 1
            if progress is not None:
                progress(done / (len(rows) * len(columns)))
    return out
