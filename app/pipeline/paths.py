"""Where Huafeng keeps things: its weights/ and assets/ folders and a per-user cache.

In a checkout weights/ and assets/ sit beside app/; an installed package carries them inside app/."""
import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]
RESOURCES = next(p for p in (_PACKAGE.parent, _PACKAGE) if (p / "weights" / "manifest.toml").is_file())
MANIFEST = RESOURCES / "weights" / "manifest.toml"
ASSETS = RESOURCES / "assets"
SAMPLES = ASSETS / "samples"  # public-domain and CC0 photos: the default to train on


def weights_dir() -> Path:
    """Where PaddleGAN files and trained models are looked for (``HUAFENG_WEIGHTS`` overrides weights/)."""
    return Path(os.environ.get("HUAFENG_WEIGHTS") or RESOURCES / "weights")


def cache_dir() -> Path:
    """The cache for downloaded wheels and converted weights (``HUAFENG_CACHE`` overrides it)."""
    if os.environ.get("HUAFENG_CACHE"):
        return Path(os.environ["HUAFENG_CACHE"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "huafeng"


def version() -> str:
    """Huafeng's version: the installed package's, else the ``pyproject.toml`` of a checkout, else "unknown"."""
    from importlib import metadata

    try:
        return metadata.version("huafeng")
    except metadata.PackageNotFoundError:
        pass
    try:
        import tomllib

        project = tomllib.loads((RESOURCES / "pyproject.toml").read_text(encoding="utf-8"))
        return str(project["project"]["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return "unknown"
