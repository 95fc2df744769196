"""Jobs over many files: generators that yield one event per file and stop at a cancel flag.

Each file is read, processed and written atomically on its own, so one bad file never stops the rest,
and an original is never overwritten.
"""
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from .errors import Cancelled, UserError
from .imageio import WRITERS, image_files, read_image, write_image


@dataclass
class FileEvent:
    """What happened to one file: ``error`` is None on success; ``skipped`` when its output already existed."""
    index: int
    total: int
    source: Path
    target: Path
    seconds: float = 0.0
    error: str = None
    skipped: bool = False


def expand_inputs(paths, recursive=False) -> list:
    """Files as given, folders replaced by the images inside them."""
    files = []
    for path in map(Path, paths):
        files.extend(image_files(path, recursive) if path.is_dir() else [path])
    return files


def plan_outputs(sources: list, out, suffix: str = None) -> list:
    """Pair each source with its output: ``out`` is the file for a single source with an image suffix,
    else a folder that receives the sources' file names (with ``suffix`` if given). An output that can only
    be meant as a file it cannot be (a GIF, one file for several images, an existing file) is a UserError."""
    if not str(out).strip():
        raise UserError("no output given: name a file or a folder")
    out = Path(out)
    image_like = out.suffix.lower() in WRITERS or out.suffix.lower() in Image.registered_extensions()
    if not out.is_dir() and (image_like or out.exists()):
        if not out.suffix:
            raise UserError(f"{out} is a file, not a folder")
        if out.suffix.lower() not in WRITERS:
            raise UserError(f"{out}: cannot write '{out.suffix}' files; use .png, .jpg, .webp, .tif or .bmp")
        if len(sources) > 1:
            raise UserError(f"{out}: {len(sources)} images need an output folder, not a file name")
    if len(sources) == 1 and out.suffix.lower() in WRITERS and not out.is_dir():
        return [(sources[0], out)]
    pairs, taken = [], set()
    for src in sources:
        ext = suffix or (src.suffix if src.suffix.lower() in WRITERS else ".png")
        name, n = f"{src.stem}{ext}", 1
        while name in taken:
            name, n = f"{src.stem}_{n}{ext}", n + 1
        taken.add(name)
        pairs.append((src, out / name))
    return pairs


def _file_id(path: Path):
    """(device, inode) of an existing file, else None: names one file however its path is spelt."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


def overwritten_inputs(pairs: list) -> set:
    """The sources whose target is an input file of ``pairs`` (their own or another's): never processed."""
    inputs = {_file_id(src) for src, _ in pairs} - {None}
    return {src for src, dst in pairs if _file_id(dst) in inputs}


def process_files(pairs: list, work, cancel=None, skip_existing=False, quality=95, max_side=None):
    """Run ``work(rgb) -> rgb`` on every (source, target) pair, yielding a FileEvent per file; ``max_side``:
    each image is read shrunk so its longer side is at most this."""
    total, at_risk = len(pairs), overwritten_inputs(pairs)
    for index, (src, dst) in enumerate(pairs, 1):
        if cancel is not None and cancel.is_set():
            return
        if skip_existing and dst.exists() and src not in at_risk:
            yield FileEvent(index, total, src, dst, skipped=True)
            continue
        start = time.perf_counter()
        try:
            if src in at_risk:
                raise UserError(f"{src}: the output would overwrite the original; choose another output")
            picture = read_image(src, max_side)
            write_image(dst, work(picture.rgb), picture.alpha, quality=quality)
            yield FileEvent(index, total, src, dst, time.perf_counter() - start)
        except Cancelled:
            return
        except UserError as exc:  # said with the file it is about
            error = str(exc) if str(exc).startswith(f"{src}: ") else f"{src}: {exc}"
            yield FileEvent(index, total, src, dst, time.perf_counter() - start, error=error)
        except MemoryError:
            yield FileEvent(index, total, src, dst, time.perf_counter() - start,
                            error=f"{src}: not enough memory for this image; try a smaller --max-side")
        except Exception as exc:  # a failure inside a network must not stop the other files
            yield FileEvent(index, total, src, dst, time.perf_counter() - start,
                            error=f"{src}: failed ({type(exc).__name__}: {exc})")
