"""Add Huafeng to the desktop's application menu: writes ``huafeng.desktop`` into
``$XDG_DATA_HOME/applications`` (``~/.local/share/applications``) with this checkout's absolute paths.

    python3 assets/launchers/install_menu_entry.py

Standard library only: the Linux launcher runs it on the first start, before anything is installed.
"""
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def exec_quote(text: str) -> str:
    """An argument quoted for a desktop entry's Exec key (the spec's quoting, then the string escapes)."""
    quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in text) + '"'
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def menu_entry() -> str:
    """The launcher's desktop entry with absolute paths: the command and the icon of this checkout."""
    lines = []
    for line in (HERE / "huafeng.desktop").read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_quote(str(HERE / 'huafeng.sh'))} %F"
        elif line.startswith("Icon="):
            line = f"Icon={REPO / 'assets' / 'icons' / 'huafeng-256.png'}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def install() -> Path:
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    target = data / "applications" / "huafeng.desktop"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(menu_entry(), encoding="utf-8")
    return target


if __name__ == "__main__":
    print(f"menu entry: {install()}")
    sys.exit(0)
