"""Training data: image folders read in a fixed, seed-determined order, random crops, batches.

All randomness of a step comes from ``step_rng(seed, step, stream)``, a generator made from the seed
and the step number alone, and the order of a folder is a permutation per epoch made from the seed and
the epoch. So a run resumed at step k sees exactly the images and crops a straight run sees at step k,
with no random state to save.
"""
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from ..errors import UserError
from ..imageio import image_files, read_image


def step_rng(seed: int, step: int, stream: int = 0) -> np.random.Generator:
    """The random generator for one purpose (``stream``) at one step."""
    return np.random.default_rng([seed, step, stream])


def readable_images(folder, what: str = "content") -> list:
    """The image files in ``folder`` whose headers open; a UserError when there are none."""
    if not str(folder or "").strip():  # "" would be the current folder
        raise UserError(f"no {what} folder given")
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"{what} folder {folder} does not exist")
    good = []
    for path in image_files(folder, recursive=True):
        try:
            with Image.open(path):
                good.append(path)
        except (OSError, UnidentifiedImageError, ValueError):
            continue
    if not good:
        raise UserError(f"{what} folder {folder} holds no images Huafeng can read (JPEG, PNG, BMP, TIFF, WebP)")
    return good


def check_image(path, what: str, min_side: int = 16) -> np.ndarray:
    """Read an image the run depends on (the style image), with a clear error when it is unusable."""
    path = Path(path)
    try:
        rgb = read_image(path).rgb
    except UserError as exc:
        raise UserError(f"{what} image: {exc}") from None
    if min(rgb.shape[:2]) < min_side:
        raise UserError(f"{what} image {path} is too small ({rgb.shape[1]}x{rgb.shape[0]}); "
                        f"it needs sides of at least {min_side} pixels")
    return rgb


class Folder:
    """Images of a folder in a per-epoch shuffled order that depends only on the seed."""

    def __init__(self, folder, what="content"):
        self.files = readable_images(folder, what)

    def paths(self, seed: int, first: int, count: int) -> list:
        """The ``count`` files from position ``first`` of the endless shuffled sequence."""
        n = len(self.files)
        out = []
        for k in range(first, first + count):
            epoch, pos = divmod(k, n)
            order = np.random.default_rng([seed, epoch, 7919]).permutation(n)
            out.append(self.files[order[pos]])
        return out

    def load(self, seed: int, first: int, count: int) -> list:
        return [read_image(path).rgb for path in self.paths(seed, first, count)]


def resize_short_side(rgb: np.ndarray, side: int) -> np.ndarray:
    """Resize so the shorter side is ``side``, keeping the aspect ratio."""
    h, w = rgb.shape[:2]
    scale = side / min(h, w)
    size = (max(side, round(w * scale)), max(side, round(h * scale)))
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)


def random_crop(rgb: np.ndarray, size: int, rng: np.random.Generator, load_size: int = None,
                flip: bool = False) -> np.ndarray:
    """Resize the shorter side to ``load_size`` (default ``size``), then a random ``size`` square crop."""
    rgb = resize_short_side(rgb, load_size or size)
    h, w = rgb.shape[:2]
    top, left = int(rng.integers(0, h - size + 1)), int(rng.integers(0, w - size + 1))
    crop = rgb[top:top + size, left:left + size]
    if flip and rng.random() < 0.5:
        crop = crop[:, ::-1]
    return np.ascontiguousarray(crop)


def center_crop(rgb: np.ndarray, size: int) -> np.ndarray:
    """The central ``size`` square after resizing the shorter side to ``size``."""
    rgb = resize_short_side(rgb, size)
    h, w = rgb.shape[:2]
    top, left = (h - size) // 2, (w - size) // 2
    return np.ascontiguousarray(rgb[top:top + size, left:left + size])


def crop_to_multiple(rgb: np.ndarray, multiple: int) -> np.ndarray:
    """The top-left part whose sides are the largest multiples of ``multiple`` that fit."""
    h, w = rgb.shape[0] // multiple * multiple, rgb.shape[1] // multiple * multiple
    return np.ascontiguousarray(rgb[:h, :w])


def to_batch(images: list):
    """HxWx3 uint8 images of one size -> an NCHW float32 tensor in [0, 1]."""
    from models import paddle

    return paddle.to_tensor(np.stack(images).transpose(0, 3, 1, 2).astype(np.float32) / 255.0)

