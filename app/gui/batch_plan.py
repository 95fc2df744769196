"""Planning a batch: which files, where each result goes, and the checks that keep originals safe."""
import contextlib
import os
import string
import tempfile
from pathlib import Path

from app.pipeline.errors import UserError
from app.pipeline.imageio import WRITERS, image_files
from app.pipeline.jobs import overwritten_inputs

from .i18n import tr
from .recipe import safe_stem

FIELDS = ("name", "style", "model", "n")
DEFAULT_PATTERN = "{name}_{style}"


def check_pattern(pattern: str) -> None:
    """Raise UserError unless ``pattern`` is a usable file-name pattern."""
    if not pattern.strip():
        raise UserError(tr("The file-name pattern is empty; use for example {name}_{style}."))
    if any(sep in pattern for sep in ("/", "\\")):
        raise UserError(tr("The file-name pattern must not contain / or \\."))
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(pattern) if field is not None]
    except ValueError as exc:
        raise UserError(tr("The file-name pattern is not valid ({reason}).").format(reason=exc)) from None
    unknown = [f for f in fields if f not in FIELDS]
    if unknown:
        raise UserError(tr("Unknown field {field} in the file-name pattern; use {fields}.").format(
            field="{" + unknown[0] + "}", fields=", ".join("{" + f + "}" for f in FIELDS)))
    if "name" not in fields and "n" not in fields:
        raise UserError(tr("The file-name pattern needs {name} or {n}, or every file would get the same name."))


def is_inside(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or lies under it."""
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents


def gather(folder=None, files=(), recursive=False, out_dir=None) -> list:
    """The images to process: those in ``folder`` (with subfolders when ``recursive``), or ``files``; files
    inside ``out_dir`` are left out, so results of an earlier run are never taken as inputs."""
    if folder is not None:
        folder = Path(folder)
        if not folder.is_dir():
            raise UserError(tr("{folder}: no such folder.").format(folder=folder))
        sources = image_files(folder, recursive)
        if out_dir is not None and not is_inside(folder, out_dir):
            sources = [s for s in sources if not is_inside(s, out_dir)]
        if not sources:
            raise UserError((tr("{folder}: no images here (JPEG, PNG, BMP, TIFF, WebP).") if recursive else
                             tr("{folder}: no images here (JPEG, PNG, BMP, TIFF, WebP); tick “Include "
                                "subfolders” to look deeper.")).format(folder=folder))
        return sources
    sources = [Path(f) for f in files]
    if not sources:
        raise UserError(tr("Add some images to the list first."))
    return sources


def plan(sources, out_dir, pattern=DEFAULT_PATTERN, suffix=None, style="", model="", root=None) -> list:
    """(source, target) pairs: the target is ``out_dir`` (plus the source's subfolder under ``root``) / the
    pattern filled in, with ``suffix`` (or the source's own when it can be written, else .png)."""
    check_pattern(pattern)
    out_dir, taken, pairs = Path(out_dir), set(), []
    for n, src in enumerate(sources, 1):
        ext = suffix or (src.suffix.lower() if src.suffix.lower() in WRITERS else ".png")
        folder = out_dir / src.parent.relative_to(root) if root is not None and is_inside(src, root) else out_dir
        stem = safe_stem(pattern.format(name=src.stem, style=safe_stem(style), model=safe_stem(model), n=f"{n:04d}"))
        target, k = folder / f"{stem}{ext}", 2
        while target in taken:
            target, k = folder / f"{stem} ({k}){ext}", k + 1
        taken.add(target)
        pairs.append((src, target))
    return pairs


def originals_at_risk(pairs) -> dict:
    """Targets that are one of the batch's own input files: {source: message}; such files are not processed."""
    at_risk = overwritten_inputs(pairs)
    return {src: tr("{name} is one of the input images; change the file-name pattern or the output "
                    "folder.").format(name=dst.name) for src, dst in pairs if src in at_risk}


def check_output_folder(out_dir) -> None:
    """Make ``out_dir`` if needed and prove it can be written to, or raise UserError saying why not."""
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".huafeng-probe-", dir=out_dir)
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(probe)
    except PermissionError:
        raise UserError(tr("{folder}: cannot write into this folder (permission denied); choose another "
                           "output folder.").format(folder=out_dir)) from None
    except OSError as exc:
        raise UserError(tr("{folder}: cannot write into this folder ({reason}).").format(
            folder=out_dir, reason=exc.strerror or exc)) from None
