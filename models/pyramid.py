"""Laplacian pyramid of an NCHW tensor, with the numerics of PaddleGAN's LapStyle.

PaddleGAN resamples with ``F.interpolate(mode='bilinear', align_corners=False)`` (half-pixel centres,
edges clamped). For an exact factor of 2 that is the same as:

- down: the mean of each 2x2 block (``avg_pool2d(2)``);
- up: each output pixel is 3/4 of its nearest input pixel plus 1/4 of the next one away, with the
  border pixel repeated past the edge.

This module writes both (and nearest x2) from pooling, slicing, ``stack`` and ``flatten`` only, so no
``*_interp`` op reaches an exported graph (oneDNN and paddle2onnx fail on those). The results equal
PaddleGAN's to float rounding, which the LapStyle weights depend on. Height and width must be
multiples of ``2**levels``.
"""
import paddle
import paddle.nn as nn
import paddle.nn.functional as F


def downsample(x):
    """Halve height and width: bilinear (half-pixel) resampling by 1/2, i.e. 2x2 mean."""
    return F.avg_pool2d(x, kernel_size=2, stride=2)


def _interleave(even, odd, axis):
    """Merge two tensors along ``axis`` as even, odd, even, odd, ... rows (axis 2) or columns (axis 3)."""
    return paddle.flatten(paddle.stack([even, odd], axis=axis + 1), start_axis=axis, stop_axis=axis + 1)


def _along(axis, part):
    """Index that applies the slice ``part`` to ``axis`` of a tensor."""
    return (slice(None),) * axis + (part,)


def _upsample_axis(x, axis):
    """Bilinear x2 along one spatial axis (2 or 3), half-pixel centres, edges clamped."""
    padded = paddle.concat([x[_along(axis, slice(0, 1))], x, x[_along(axis, slice(-1, None))]], axis=axis)
    before, after = padded[_along(axis, slice(None, -2))], padded[_along(axis, slice(2, None))]
    return _interleave(0.75 * x + 0.25 * before, 0.75 * x + 0.25 * after, axis)


def upsample_bilinear(x):
    """Double height and width like ``F.interpolate(x, scale_factor=2, mode='bilinear')``."""
    return _upsample_axis(_upsample_axis(x, 2), 3)


def upsample_nearest(x):
    """Double height and width by repeating each pixel into a 2x2 block (nearest x2)."""
    wide = _interleave(x, x, 3)
    return _interleave(wide, wide, 2)


class UpsampleNearest(nn.Layer):
    """Parameter-free layer form of :func:`upsample_nearest`, for use inside ``nn.Sequential``."""

    def forward(self, x):
        return upsample_nearest(x)


def laplacian_pyramid(x, levels):
    """``levels`` Laplacian bands, finest first, then the low-pass image at 1/2**levels of the size."""
    bands = []
    for _ in range(levels):
        low = downsample(x)
        bands.append(x - upsample_bilinear(low))
        x = low
    return bands + [x]


def low_passes(x, levels):
    """``x`` and its ``levels`` low-passes (2x2 means), finest first: the images :func:`laplacian_pyramid` takes
    its bands between."""
    lows = [x]
    for _ in range(levels):
        lows.append(downsample(lows[-1]))
    return lows


def fold_pyramid(bands):
    """Inverse of :func:`laplacian_pyramid`: start from the coarsest image, upsample, add each band."""
    x = bands[-1]
    for band in reversed(bands[:-1]):
        x = band + upsample_bilinear(x)
    return x
