"""numpy images <-> QImage (safe in worker threads), and loading pictures for display."""
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PyQt5.QtGui import QImage

from app.pipeline.imageio import read_image
from app.pipeline.tensors import fit_max_side

# the view never holds more than this: a huge QImage costs the GUI thread (~150 ms at 8000x6000)
DISPLAY_SIDE = 2560
THUMB_SIDE = 160


def to_qimage(rgb: np.ndarray) -> QImage:
    """An HxWx3 uint8 array as a QImage that owns its pixels (bytesPerLine given, copied)."""
    rgb = np.ascontiguousarray(rgb)
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, rgb.strides[0], QImage.Format_RGB888).copy()


def display_image(rgb: np.ndarray, side: int = DISPLAY_SIDE) -> QImage:
    """A QImage no larger than ``side`` for showing ``rgb`` (scaled here, in the worker)."""
    return to_qimage(fit_max_side(rgb, side))


def from_qimage(image: QImage) -> np.ndarray:
    """A QImage (any format, e.g. from the clipboard) as an HxWx3 uint8 array."""
    image = image.convertToFormat(QImage.Format_RGB888)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    data = np.frombuffer(image.constBits().asstring(stride * h), np.uint8).reshape(h, stride)
    return data[:, :w * 3].reshape(h, w, 3).copy()


@dataclass
class Loaded:
    """A picture read for the GUI: the full pixels for the pipeline, small copies for the screen."""
    rgb: np.ndarray
    alpha: np.ndarray
    path: Path          # None for a pasted image
    name: str           # the file's stem (or "pasted")
    display: QImage
    thumb: QImage

    @property
    def size(self) -> tuple:
        return self.rgb.shape[1], self.rgb.shape[0]


def load_picture(path, cancel=None, report=None) -> Loaded:
    """Read ``path`` (raises UserError in plain words) and make its screen copies; a worker job."""
    path = Path(path)
    picture = read_image(path)
    display = fit_max_side(picture.rgb, DISPLAY_SIDE)
    return Loaded(picture.rgb, picture.alpha, path, path.stem, to_qimage(display),
                  to_qimage(fit_max_side(display, THUMB_SIDE)))


def loaded_from_array(rgb: np.ndarray, name: str) -> Loaded:
    """Wrap an image that is already in memory (pasted, or a result used as the new content)."""
    return Loaded(rgb, None, None, name, display_image(rgb), display_image(rgb, THUMB_SIDE))
