"""Images between numpy (HxWx3 uint8) and Paddle (NCHW float32 in [0, 1]), and size bookkeeping."""
import cv2
import numpy as np


def to_tensor(rgb: np.ndarray):
    from models import paddle

    return paddle.to_tensor(np.ascontiguousarray(rgb.transpose(2, 0, 1)[None], dtype=np.float32) / 255.0)


def to_rgb(tensor) -> np.ndarray:
    arr = tensor.numpy()[0].transpose(1, 2, 0)
    return (np.clip(arr, 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)


def to_nchw(rgb: np.ndarray) -> np.ndarray:
    """HxWx3 uint8 (or float in [0, 1]) -> 1x3xHxW float32 in [0, 1], the backends' input."""
    scale = 255.0 if rgb.dtype == np.uint8 else 1.0
    return np.ascontiguousarray(rgb.transpose(2, 0, 1)[None], dtype=np.float32) / np.float32(scale)


def to_uint8(hwc: np.ndarray) -> np.ndarray:
    """HxWxC floats in [0, 1] to rounded uint8, in place (a large image has no room for float temporaries)."""
    hwc = np.clip(hwc, 0.0, 1.0, out=hwc if hwc.flags.writeable else None)
    hwc *= 255.0
    hwc += 0.5
    return hwc.astype(np.uint8)


def pad_to_multiple(rgb: np.ndarray, multiple: int, min_side: int = 1) -> np.ndarray:
    """Reflect-pad the bottom and right so both sides are multiples of ``multiple`` and at least ``min_side``;
    crop back with [:h, :w]."""
    def padding(side):
        target = max(side, min_side)
        return target + (-target % multiple) - side

    ph, pw = padding(rgb.shape[0]), padding(rgb.shape[1])
    return np.pad(rgb, ((0, ph), (0, pw), (0, 0)), mode="reflect") if ph or pw else rgb


def fit_size(size, max_side, enlarge: bool = False) -> tuple:
    """``size`` = (width, height) shrunk so the longer side is at most ``max_side``; with ``enlarge``, a smaller
    size is enlarged to it."""
    w, h = size
    if not max_side or max(w, h) == max_side or (max(w, h) < max_side and not enlarge):
        return w, h
    scale = max_side / max(w, h)
    return max(1, round(w * scale)), max(1, round(h * scale))


def fit_max_side(rgb: np.ndarray, max_side) -> np.ndarray:
    """Shrink (never enlarge) so the longer side is at most ``max_side``, keeping the aspect ratio."""
    size = fit_size(rgb.shape[1::-1], max_side)
    return rgb if size == rgb.shape[1::-1] else cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)


def fit_long_side(rgb: np.ndarray, side, enlarge: bool) -> np.ndarray:
    """Shrink so the longer side is at most ``side``; with ``enlarge``, a smaller image is enlarged to it."""
    size = fit_size(rgb.shape[1::-1], side, enlarge)
    if size == rgb.shape[1::-1]:
        return rgb
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA if max(size) < max(rgb.shape[:2]) else cv2.INTER_CUBIC)


def resize_long_side(rgb: np.ndarray, side: int) -> np.ndarray:
    """Resize (up or down) so the longer side is ``side``, keeping the aspect ratio."""
    h, w = rgb.shape[:2]
    scale = side / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)


def center_square(rgb: np.ndarray, side: int) -> np.ndarray:
    """The central square crop, resized to ``side`` x ``side``."""
    h, w = rgb.shape[:2]
    s = min(h, w)
    top, left = (h - s) // 2, (w - s) // 2
    return _resized_square(rgb[top:top + s, left:left + s], side)


def _resized_square(square: np.ndarray, side: int) -> np.ndarray:
    """A square crop resized to ``side`` x ``side`` (area averaging to shrink, bicubic to enlarge)."""
    interpolation = cv2.INTER_AREA if square.shape[0] > side else cv2.INTER_CUBIC
    return cv2.resize(square, (side, side), interpolation=interpolation)


def spanning_squares(rgb: np.ndarray, side: int) -> list:
    """Squares that together span the image, each resized to ``side`` x ``side``: a square image whole; a longer
    one, a square at each end and evenly spaced between, ceil(long / short) + 1 in all."""
    h, w = rgb.shape[:2]
    short, long = min(h, w), max(h, w)
    count = 1 if long == short else -(-long // short) + 1
    squares = []
    for i in range(count):
        start = round(i * (long - short) / max(count - 1, 1))
        crop = rgb[start:start + short] if h > w else rgb[:, start:start + short]
        squares.append(_resized_square(crop, side))
    return squares


def is_grey(rgb: np.ndarray, tolerance: int = 2) -> bool:
    """Whether an image has no colour: its three channels agree within ``tolerance`` everywhere."""
    wide = rgb.astype(np.int16)
    return bool(np.abs(wide - wide[..., :1]).max() <= tolerance)


def to_grey(rgb: np.ndarray) -> np.ndarray:
    """The image's luminance in all three channels."""
    return np.repeat(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)[..., None], 3, axis=2)
