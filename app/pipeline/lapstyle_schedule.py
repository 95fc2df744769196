"""How a LapStyle picture runs: how many revision levels its size gets, and the whole pyramid at once or, above
``WHOLE_SIDE``, the draft with the coarse levels whole and the finer levels in tiles, each level's progress a part
of the whole."""
import math

import cv2
import numpy as np

from . import backends, networks, tiling
from .errors import UserError, check_cancel
from .tensors import pad_to_multiple, resize_long_side, to_nchw, to_uint8
from .tiling import Tiles

DRAFT_SIDE = 128  # LapStyle drafts at about this short side (as trained); larger outputs get more levels
DRAFT_MIN = 32    # ... and never below this short side (VGG's r51 needs 2 pixels)
ARBITRARY_DRAFT = 384  # a LapStyle drafted by the arbitrary network drafts at about this long side (bench: docs)
WHOLE_SIDE = 1024  # LapStyle runs whole up to this long side; above, the finer levels run in tiles
TILES = Tiles(core=1024, margin=32, blend=8, above=WHOLE_SIDE * WHOLE_SIDE, norms=False)
MAX_LEVELS = 7  # revision levels a user may ask for (a draft of 128 px under 7 levels is a 16384 px result)


def revision_levels(height: int, width: int, wanted: int = None, drafted_by: str = None) -> int:
    """Revision levels for a content size.

    A LapStyle drafted by the arbitrary network (``drafted_by='arbitrary'``) drafts at about ``ARBITRARY_DRAFT``
    px on the long side, the size it paints best at: a picture up to about that size is the draft alone, a
    larger one gets one revision level per doubling, so a preview and a large render share their draft's look.

    Otherwise (PaddleGAN's layout) the draft's short side is about ``DRAFT_SIDE``, the scale LapStyle trains
    its draft at (square crops of photos shrunk to a short side of 136), with at least one level.

    ``wanted`` (0 or 1 to MAX_LEVELS) asks for a number of levels: fewer draft at a larger size (more of the
    picture's layout restyled), more add detail at more scales. Either is lowered where the draft's short side
    would fall under ``DRAFT_MIN``."""
    least = 0 if drafted_by else 1
    if wanted is None:
        if drafted_by:
            wanted = max(0, round(math.log2(max(height, width) / ARBITRARY_DRAFT)))
        else:
            short = min(height, width)
            wanted = round(math.log2(short / DRAFT_SIDE)) if short > DRAFT_SIDE else 1
    elif not least <= wanted <= MAX_LEVELS:
        raise UserError(f"pyramid levels must be between {least} and {MAX_LEVELS}, got {wanted}")
    fits = int(math.log2(min(height, width) / DRAFT_MIN)) if min(height, width) >= DRAFT_MIN else 0
    return max(least, min(wanted, fits))


def _level_progress(progress, scale: int, levels: int):
    """``progress`` for the tiled revision level at ``scale`` (0 the finest) of ``levels`` that run coarse to
    fine, each with a quarter of the pixels of the next: the level's fractions as fractions of them all."""
    if progress is None:
        return None
    work = [4 ** (levels - 1 - s) for s in range(levels)]
    before, total = sum(work[scale + 1:]), sum(work)
    return lambda fraction: progress((before + work[scale] * fraction) / total)


def _part(progress, start: float, share: float):
    """``progress`` for a step that does ``share`` of the work after ``start`` of it was done (None: None)."""
    return progress and (lambda fraction: progress(start + share * fraction))


def run(model_id, content, *, style_image=None, vector=None, paint=None, alpha, levels, backend, tile, cancel,
        progress):
    """LapStyle of ``content``: a model drafted by the arbitrary network paints after ``vector`` (a style vector
    [1, 100]), PaddleGAN's layout after ``style_image`` (HxWx3) or, given none, the statistics its preset carries.
    The whole pyramid at once, or above ``WHOLE_SIDE`` the draft and coarse levels whole and the finer levels in
    tiles; there, for a model drafted by the arbitrary network, ``paint(rgb, progress)`` is that network painting
    an image after ``vector`` (the level's repainting that its revision net revises)."""
    from . import graphs

    net = networks.network(model_id)
    h, w = content.shape[:2]
    image = graphs.image_spec
    repaints = hasattr(net, "net_draft")  # drafted by the arbitrary network, which also repaints each level
    if repaints:
        levels = revision_levels(h, w, levels, drafted_by="arbitrary")
        padded = pad_to_multiple(content, 4 * 2 ** levels, DRAFT_MIN * 2 ** levels)
        inputs = [vector.astype(np.float32)]

        def pyramid_graph(depth):
            return networks.graph(model_id, f"arbitrary-pyramid{depth}",
                                  lambda: graphs.ArbitraryLapStylePyramid(net, depth),
                                  [image("content"), graphs.vector_spec("vector", vector.shape[1])])
    else:
        levels = revision_levels(h, w, levels)
        padded = pad_to_multiple(content, 2 ** (levels + 3), DRAFT_MIN * 2 ** levels)
        inputs = [np.array([alpha], np.float32)]
        if style_image is None:  # a preset: the style statistics it carries
            stats = [part[None] for tap in graphs.ADAIN_TAPS for part in net.style_stats[tap]]  # mean, std per tap
            inputs = stats + inputs

            def pyramid_graph(depth):
                return networks.graph(model_id, f"preset-pyramid{depth}",
                                      lambda: graphs.LapStylePresetPyramid(net, depth), graphs.preset_specs(net))
        else:  # the style at the draft's scale (PaddleGAN halves the content-scale style once per level)
            low = pad_to_multiple(resize_long_side(style_image, max(1, round(max(h, w) / 2 ** levels))), 1, DRAFT_MIN)
            inputs = [to_nchw(low)] + inputs

            def pyramid_graph(depth):
                return networks.graph(model_id, f"pyramid{depth}", lambda: graphs.LapStylePyramid(net, depth),
                                      [image("content"), image("style"), graphs.scalar_spec("alpha")])

    def revision_graph(index):
        return networks.graph(model_id, f"revision{index}", lambda: graphs.LapStyleRevision(net, index),
                              [image("content"), image("previous")])

    check_cancel(cancel)
    tiles = TILES.plan(padded.shape[:2], backend, tile)
    if tiles is None:
        out = backends.runner(pyramid_graph(levels), backend, cancel)(to_nchw(padded), *inputs)[0][0]
        out = out.transpose(1, 2, 0)
    else:
        # content low-passes (2x2 means) down to the scale that runs whole: draft + coarse levels at once
        lows = [padded]
        while max(lows[-1].shape[:2]) > (tile or WHOLE_SIDE) and len(lows) <= levels - 1:
            lows.append(_halve(lows[-1]))
        whole = len(lows) - 1
        whole_run = backends.runner(pyramid_graph(levels - whole), backend, cancel, lean=True)
        out = whole_run(to_nchw(lows[whole]), *inputs)[0][0].transpose(1, 2, 0)
        for scale in range(whole - 1, -1, -1):
            level, index = _level_progress(progress, scale, whole), levels - 1 - scale
            revises = not repaints or index < len(net.revision_nets())
            content_at = lows[scale]
            if repaints:  # the arbitrary network's painting of the enlarged picture mixed with the photo
                content_at = paint(_mixed_with(out, content_at), _part(level, 0.0, 0.5 if revises else 1.0))
                level = _part(level, 0.5, 0.5)
            if revises:
                sources = [(tiling.window(content_at), 1), (tiling.window(out), 0.5)]
                level_run = backends.runner(revision_graph(index), backend, cancel, lean=True)
                out = tiling.run_tiled(level_run, sources, lows[scale].shape[:2], tiles, align=2, cancel=cancel,
                                       progress=level)
                del sources
            else:
                out = _enlarged_plus_band(out, content_at)
            del content_at, lows[scale + 1:]  # free the finished levels before the next, larger one
    check_cancel(cancel)
    return to_uint8(out[:h, :w])


def _mixed_with(image: np.ndarray, low: np.ndarray) -> np.ndarray:
    """What a level repaints, as uint8: ``image`` enlarged x2 (bilinear) mixed evenly with ``low``, the photo's
    low-pass at that level (uint8, or float in [0, 1])."""
    mixed = cv2.resize(image, low.shape[1::-1], interpolation=cv2.INTER_LINEAR)
    mixed *= 0.5
    mixed += low * np.float32(0.5 / 255 if low.dtype == np.uint8 else 0.5)
    return to_uint8(mixed)


def _enlarged_plus_band(image: np.ndarray, painted: np.ndarray) -> np.ndarray:
    """``image`` enlarged x2 (bilinear) plus the finest Laplacian band of ``painted`` (uint8, twice its size)."""
    size = painted.shape[1::-1]
    out = cv2.resize(image, size, interpolation=cv2.INTER_LINEAR)
    out += painted * np.float32(1 / 255)
    out -= cv2.resize(_halve(painted), size, interpolation=cv2.INTER_LINEAR)
    return out


def _halve(rgb: np.ndarray) -> np.ndarray:
    """The 2x2 mean of an HxWx3 image (uint8 or float) as float32 in [0, 1] (bilinear /2, half-pixel),
    summed in float32 without a full-size float copy of a uint8 input."""
    h, w = rgb.shape[0] // 2 * 2, rgb.shape[1] // 2 * 2
    total = rgb[:h, :w].reshape(h // 2, 2, w // 2, 2, 3).sum(axis=(1, 3), dtype=np.float32)
    total *= np.float32(0.25 / (255.0 if rgb.dtype == np.uint8 else 1.0))
    return total
