"""The original demo.py damage, vectorized: salt-and-pepper noise and a mean blur."""
import cv2
import numpy as np


def salt_and_pepper(rgb: np.ndarray, prob: float, rng: np.random.Generator) -> np.ndarray:
    """Set a pixel (all channels) to black with probability ``prob`` and to white with probability ``prob``.

    This is the seed's rule (one uniform draw per pixel: below prob -> 0, above 1 - prob -> 255).
    """
    draw = rng.random(rgb.shape[:2])
    out = rgb.copy()
    out[draw < prob] = 0
    out[draw > 1.0 - prob] = 255
    return out


def mean_blur(rgb: np.ndarray, kernel: int) -> np.ndarray:
    """A ``kernel`` x ``kernel`` box blur (OpenCV's ``blur``, as the seed used); 0 or 1 leaves the image as is."""
    return cv2.blur(rgb, (kernel, kernel)) if kernel > 1 else rgb.copy()


def degrade(rgb: np.ndarray, prob: float, kernel: int, seed=None) -> np.ndarray:
    """Salt-and-pepper noise, then the mean blur, as demo.py did."""
    if not 0.0 <= prob <= 0.5:
        raise ValueError("salt-and-pepper probability must be between 0 and 0.5")
    if kernel < 0:
        raise ValueError("blur kernel size must be 0 or more")
    return mean_blur(salt_and_pepper(rgb, prob, np.random.default_rng(seed)), kernel)
