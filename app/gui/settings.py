"""What the app remembers between runs (QSettings, an .ini file per user) and where it keeps user data."""
import os
from pathlib import Path

from PyQt5.QtCore import QSettings, QStandardPaths

RECENT_MAX = 10


def data_dir() -> Path:
    """Where fine-tuning runs and fine-tuned models go (``HUAFENG_DATA`` overrides the per-user folder)."""
    if os.environ.get("HUAFENG_DATA"):
        return Path(os.environ["HUAFENG_DATA"])
    return Path(QStandardPaths.writableLocation(QStandardPaths.AppDataLocation))


class Settings:
    """Typed access to the user's settings (``~/.config/Huafeng/Huafeng.ini`` on Linux)."""

    def __init__(self, store: QSettings = None):
        self.store = store or QSettings(QSettings.IniFormat, QSettings.UserScope, "Huafeng", "Huafeng")

    def get(self, key: str, default=None, kind=None):
        if kind is None:
            return self.store.value(key, default)
        value = self.store.value(key, default)
        try:
            return kind(value) if kind is not bool else value in (True, "true", "1", 1)
        except (TypeError, ValueError):
            return default

    def set(self, key: str, value) -> None:
        self.store.setValue(key, value)

    def paths(self, key: str) -> list:
        value = self.store.value(key, [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [Path(p) for p in items if p]

    def set_paths(self, key: str, paths) -> None:
        self.store.setValue(key, [str(p) for p in paths])

    def last_dir(self, kind: str) -> str:
        folder = self.get(f"dirs/{kind}", "", str)
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def set_last_dir(self, kind: str, folder) -> None:
        self.set(f"dirs/{kind}", str(folder))

    def recent(self, kind: str) -> list:
        """Recently used files of ``kind`` ('content' or 'style') that still exist, newest first."""
        return [p for p in self.paths(f"recent/{kind}") if p.is_file()]

    def add_recent(self, kind: str, path) -> None:
        path = Path(path).resolve()
        items = [path] + [p for p in self.paths(f"recent/{kind}") if p != path]
        self.set_paths(f"recent/{kind}", items[:RECENT_MAX])

    def sync(self) -> None:
        self.store.sync()
