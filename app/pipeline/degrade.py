"""The original demo.py damage, vectorized: salt-and-pepper noise and a mean blur; and its undoing."""
import math
import os
from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np


def uniform_draws(shape, rng: np.random.Generator) -> np.ndarray:
    """One 16-bit uniform draw per pixel: ``d`` stands for ``u = d / 65536``."""
    return rng.integers(0, 1 << 16, shape, dtype=np.uint16)


def _thresholds(prob: float) -> tuple:
    """demo.py's rule in 16-bit draws: black where ``d < black``, white where ``d > white``."""
    return math.ceil(prob * 65536), math.floor((1.0 - prob) * 65536)


def noise_from_draws(rgb: np.ndarray, draws: np.ndarray, prob: float) -> np.ndarray:
    """demo.py's rule on uint8 images (per pixel, all channels: ``u < prob`` -> 0, ``u > 1 - prob`` -> 255,
    else kept), with OpenCV's masked operations. 16-bit draws put each probability within 1.5e-5 of ``prob``."""
    black, white = _thresholds(prob)
    kept = cv2.compare(draws, black, cv2.CMP_GE)  # d / 65536 >= prob
    whites = cv2.compare(draws, white, cv2.CMP_GT)  # d / 65536 > 1 - prob
    out = cv2.bitwise_and(rgb, rgb, mask=kept)  # the rest of a new array is zero: black
    cv2.bitwise_or(out, (255, 255, 255, 255), dst=out, mask=whites)
    return out


def dot_colours(draws: np.ndarray, prob: float) -> tuple:
    """Where :func:`noise_from_draws` puts its black dots and its white dots ([H, W] booleans each)."""
    black, white = _thresholds(prob)
    return draws < black, draws > white


def mean_blur(rgb: np.ndarray, kernel: int) -> np.ndarray:
    """A ``kernel`` x ``kernel`` box blur (OpenCV's ``blur``, as demo.py did); 0 or 1 leaves the image as is."""
    return cv2.blur(rgb, (kernel, kernel)) if kernel > 1 else rgb.copy()


MAX_BLUR = 255  # the widest blur: far wider boxes make OpenCV return a white image or run out of memory
WORKERS = os.cpu_count() or 1
_POOL = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="degrade")


def degrade(rgb: np.ndarray, prob: float, kernel: int, seed=None) -> np.ndarray:
    """Salt-and-pepper noise, then the mean blur, as demo.py did.

    The numbers are drawn once for the whole image; noise and blur then run in horizontal bands, one per
    core (OpenCV releases Python's lock), each band with ``kernel`` rows of context above and below, so the
    result equals ``mean_blur(noise_from_draws(...))`` of the whole image."""
    if not 0.0 <= prob <= 0.5:
        raise ValueError("salt-and-pepper probability must be between 0 and 0.5")
    if not 0 <= kernel <= MAX_BLUR:
        raise ValueError(f"blur kernel size must be from 0 to {MAX_BLUR}")
    if seed is not None and seed < 0:
        raise ValueError("seed must be 0 or more")
    draws = uniform_draws(rgb.shape[:2], np.random.default_rng(seed))
    height = rgb.shape[0]
    out = np.empty_like(rgb)

    def band(y0, y1):
        top, bottom = max(0, y0 - kernel), min(height, y1 + kernel)
        blurred = mean_blur(noise_from_draws(rgb[top:bottom], draws[top:bottom], prob), kernel)
        out[y0:y1] = blurred[y0 - top:y1 - top]

    cuts = np.linspace(0, height, min(WORKERS, max(1, height // (4 * kernel + 1))) + 1).astype(int)
    for job in [_POOL.submit(band, y0, y1) for y0, y1 in zip(cuts[:-1], cuts[1:])]:
        job.result()
    return out


def _dots(rgb: np.ndarray) -> np.ndarray:
    """Pixels that are pure black or pure white in every channel: what the noise leaves before any blur."""
    return (rgb == 0).all(axis=2) | (rgb == 255).all(axis=2)


def despeckle(rgb: np.ndarray, blur: int = 0) -> np.ndarray:
    """Undo the salt-and-pepper dots, knowing the mean blur (``blur``, 0 for none) that followed them.

    Unblurred, a dot is a pure black or white pixel: only those are replaced, by the median of their 3x3
    neighbourhood (5x5, then 7x7 where dots cluster), and the rest of the photo is kept as it is. A blur
    smears each dot into its neighbours, where it can no longer be told from detail: a 3x3 median of the
    whole image then removes most of what is left of them."""
    if blur > 1:
        return cv2.medianBlur(rgb, 3)
    out, dots = rgb.copy(), _dots(rgb)
    for size in (3, 5, 7):
        if not dots.any():
            break
        median = cv2.medianBlur(out, size)
        out[dots] = median[dots]
        dots &= _dots(out)
    return out
