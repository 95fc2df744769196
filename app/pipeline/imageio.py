"""Read every image a user may have as 8-bit RGB (+ alpha), and write results atomically.

Alpha is kept: the colour is composited on white for the networks and the original alpha is put back
on the result when the output format can hold it (PNG, WebP, TIFF); JPEG and BMP get the white composite.
"""
import io
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageCms, ImageOps, PngImagePlugin, UnidentifiedImageError

from .atomic import write_bytes
from .errors import UserError
from .tensors import fit_size

Image.MAX_IMAGE_PIXELS = 300_000_000  # 300 MP; larger files are refused before they are decoded
READABLE = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp"}
WRITERS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".bmp": "BMP", ".tif": "TIFF", ".tiff": "TIFF",
           ".webp": "WEBP"}
KEEPS_ALPHA = {"PNG", "WEBP", "TIFF"}
REDUCIBLE = {"L", "LA", "RGB", "RGBA", "CMYK", "I", "F"}  # the modes Pillow's reduce() takes
BAND = 1024  # rows converted at a time: temporaries of a band, not of the whole image


@dataclass
class Picture:
    """An image as the pipeline sees it: ``rgb`` HxWx3 uint8, ``alpha`` HxW uint8 or None."""
    rgb: np.ndarray
    alpha: np.ndarray = None


def _to_srgb(img: Image.Image) -> Image.Image:
    profile = img.info.get("icc_profile")
    if not profile or img.mode not in ("RGB", "RGBA", "CMYK"):
        return img
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        out_mode = "RGBA" if img.mode == "RGBA" else "RGB"
        if img.mode == out_mode:  # converted in place: no second copy of a large image
            ImageCms.profileToProfile(img, source, ImageCms.createProfile("sRGB"), inPlace=True)
            return img
        return ImageCms.profileToProfile(img, source, ImageCms.createProfile("sRGB"), outputMode=out_mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return img


def _high_depth_to_8bit(img: Image.Image) -> Image.Image:
    """16-bit and float grayscale modes: scale to 0-255 instead of clipping."""
    arr = np.asarray(img)
    if arr.dtype.kind == "f":
        lo, hi = float(np.nanmin(arr)), float(np.nanmax(arr))
        scaled = (arr - lo) / (hi - lo or 1.0) * 255.0
    else:
        scaled = arr.astype(np.float64) / (65535.0 if arr.max() > 255 else 255.0) * 255.0
    return Image.fromarray(np.clip(scaled + 0.5, 0, 255).astype(np.uint8), "L")


def decode(img: Image.Image, max_side=None) -> Picture:
    """Turn any opened PIL image into a Picture (EXIF orientation, colour profile, mode and depth handled),
    shrunk so its longer side is at most ``max_side`` when given: a JPEG is decoded at 1/2, 1/4 or 1/8 of its
    size where that is still large enough, any image is reduced by a whole factor right after decoding, and
    every later step works on the small image."""
    target = fit_size(img.size, max_side)
    if target != img.size:
        img.draft(None, target)  # JPEG only; other formats ignore it
    drafted = img.size
    ImageOps.exif_transpose(img, in_place=True)
    if img.size != drafted:  # turned a quarter
        target = target[::-1]
    factor = min(img.size[0] // target[0], img.size[1] // target[1])
    if factor > 1 and img.mode in REDUCIBLE:
        img = img.reduce(factor)
    if img.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        img = _high_depth_to_8bit(img)
    img = _to_srgb(img)
    if img.mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
    if img.mode in ("LA", "PA", "La"):
        img = img.convert("RGBA")
    mode, (w, h) = "RGBA" if img.mode == "RGBA" else "RGB", img.size
    rgb, alpha = np.empty((h, w, 3), np.uint8), np.empty((h, w), np.uint8) if mode == "RGBA" else None
    for y in range(0, h, BAND):  # whole, Pillow's conversion and export would make three more full-size copies
        band = img.crop((0, y, w, min(h, y + BAND)))
        band = np.asarray(band if band.mode == mode else band.convert(mode))
        if alpha is None:
            rgb[y:y + BAND] = band
        else:
            alpha[y:y + BAND] = band[..., 3]
            a = band[..., 3:].astype(np.float32) / 255.0
            rgb[y:y + BAND] = band[..., :3].astype(np.float32) * a + 255.0 * (1.0 - a) + 0.5
    picture = Picture(rgb, None if alpha is None or alpha.min() == 255 else alpha)
    if picture.rgb.shape[1::-1] != target:
        picture.rgb = cv2.resize(picture.rgb, target, interpolation=cv2.INTER_AREA)
        if picture.alpha is not None:
            picture.alpha = cv2.resize(picture.alpha, target, interpolation=cv2.INTER_AREA)
    return picture


MIN_SIDE = 16  # the networks pad by reflection, which needs a few pixels on every side at every scale


def check_size(rgb: np.ndarray, source=None) -> None:
    """UserError (said of ``source`` when given) for an image too small for any model to run on."""
    h, w = rgb.shape[:2]
    if min(h, w) < MIN_SIDE:
        said = f"image is too small ({w}x{h}); its sides must be at least {MIN_SIDE} pixels"
        raise UserError(said if source is None else f"{source}: {said}")


def read_image(path, max_side=None) -> Picture:
    """Read an image file, shrunk so its longer side is at most ``max_side`` when given (see :func:`decode`);
    anything unreadable, or too small to work on, raises UserError with a plain reason."""
    path = Path(path)
    try:
        if path.exists() and not (path.is_file() or path.is_dir()):  # a FIFO or a device: reading it never ends
            raise UserError(f"{path}: not a regular file")
        with Image.open(path) as img:
            picture = decode(img, max_side)
    except FileNotFoundError:
        raise UserError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not an image") from None
    except PermissionError:
        raise UserError(f"{path}: permission denied") from None
    except UnidentifiedImageError:
        raise UserError(f"{path}: not an image Huafeng can read (JPEG, PNG, BMP, TIFF, WebP)") from None
    except Image.DecompressionBombError:
        raise UserError(f"{path}: image is too large (over {Image.MAX_IMAGE_PIXELS // 1_000_000} megapixels)") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise UserError(f"{path}: damaged or truncated image ({exc})") from None
    check_size(picture.rgb, path)
    return picture


def image_files(folder, recursive=False) -> list:
    """The readable image files in ``folder`` (by extension), sorted."""
    folder = Path(folder)
    found = folder.rglob("*") if recursive else folder.iterdir()
    return sorted(p for p in found if p.is_file() and p.suffix.lower() in READABLE and not p.name.startswith("."))


def resize_alpha(alpha: np.ndarray, size) -> np.ndarray:
    """Resize an alpha plane to ``size`` = (width, height)."""
    return np.asarray(Image.fromarray(alpha).resize(size, Image.LANCZOS))


def _text_options(fmt: str, text: dict) -> dict:
    """Save options that carry ``text`` ({key: value}): PNG text chunks (tEXt, or iTXt for non-Latin-1 values),
    a JPEG comment of "key: value" lines in UTF-8; other formats carry none."""
    if not text:
        return {}
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        for key, value in text.items():
            info.add_text(str(key), str(value))  # Pillow writes iTXt (UTF-8) when the value is not Latin-1
        return {"pnginfo": info}
    if fmt == "JPEG":
        return {"comment": "\n".join(f"{key}: {value}" for key, value in text.items()).encode("utf-8")}
    return {}


def write_image(path, rgb: np.ndarray, alpha: np.ndarray = None, quality: int = 95, text: dict = None) -> Path:
    """Write atomically; the format comes from the suffix; alpha is kept where the format allows. ``text``
    ({key: value}, e.g. {"Software": ..., "Huafeng": settings as JSON}) goes into PNG text chunks or a JPEG
    comment; WebP, TIFF and BMP files are written without it."""
    path = Path(path)
    fmt = WRITERS.get(path.suffix.lower())
    if fmt is None:
        raise UserError(f"{path}: cannot write '{path.suffix}' files; use .png, .jpg, .webp, .tif or .bmp")
    img = Image.fromarray(np.ascontiguousarray(rgb), "RGB")
    if alpha is not None and fmt in KEEPS_ALPHA:
        if alpha.shape[:2] != rgb.shape[:2]:
            alpha = resize_alpha(alpha, img.size)
        img.putalpha(Image.fromarray(alpha, "L"))
    options = {"quality": quality} if fmt in ("JPEG", "WEBP") else {}
    options.update(_text_options(fmt, text))
    try:
        if path.exists() and not path.stat().st_mode & 0o222:  # read-only: someone meant to keep it (even root)
            raise PermissionError
        encoded = io.BytesIO()  # Pillow's own file writes ignore a short write: a full disk would cut the file
        img.save(encoded, fmt, **options)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, encoded.getbuffer())
    except PermissionError:
        raise UserError(f"{path}: cannot write here (permission denied)") from None
    except OSError as exc:
        raise UserError(f"{path}: could not be written ({exc.strerror or exc})") from None
    return path
