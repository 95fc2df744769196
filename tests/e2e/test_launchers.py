"""Double-click launchers: a valid Linux desktop entry whose command finds the launcher script, the menu
entry it installs, a Windows .bat that starts pythonw, a macOS .command with the run bit."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LAUNCHERS = REPO / "assets" / "launchers"


def validate(path):
    if not shutil.which("desktop-file-validate"):
        pytest.fail("desktop-file-validate is missing: python3 scripts/bootstrap.py test installs desktop-file-utils")
    run = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert run.returncode == 0 and not run.stdout.strip(), run.stdout + run.stderr


def split_exec(value: str) -> list:
    """Split an Exec value into arguments as the desktop entry spec says: whitespace separates, double quotes
    group, and inside them a backslash escapes one of " ` $ \\."""
    args, current, quoted, escaped, started = [], [], False, False, False
    for char in value:
        if escaped:
            current.append(char)
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted, started = not quoted, True
        elif char == " " and not quoted:
            if current or started:
                args.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
    if current or started:
        args.append("".join(current))
    return args


def exec_argv(entry: Path, files=()):
    """The command a desktop environment runs for ``entry`` (string escapes, then quoting, then field codes)."""
    line = next(l for l in entry.read_text(encoding="utf-8").splitlines() if l.startswith("Exec="))[5:]
    value = re.sub(r"\\(.)", lambda m: {"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(m.group(1), m.group(1)),
                   line)
    argv = []
    for arg in split_exec(value):
        if arg == "%k":
            argv.append(str(entry))
        elif arg == "%F":
            argv.extend(map(str, files))
        else:
            argv.append(arg.replace("%%", "%"))
    return argv


def test_the_desktop_entry_is_valid_and_its_command_reaches_the_launcher(tmp_path):
    entry = LAUNCHERS / "huafeng.desktop"
    validate(entry)
    argv = exec_argv(entry, ["/photos/a b.jpg"])
    assert argv[:2] == ["sh", "-c"]
    # run the entry's own shell line with "exec" replaced by "echo": it must name our launcher and pass the file
    echo = subprocess.run(["sh", "-c", argv[2].replace("exec ", "echo ", 1), *argv[3:]], capture_output=True, text=True)
    assert echo.stdout.strip() == f"{LAUNCHERS / 'huafeng.sh'} /photos/a b.jpg"
    as_uri = subprocess.run(["sh", "-c", argv[2].replace("exec ", "echo ", 1), f"file://{entry}"],
                            capture_output=True, text=True)  # some desktops pass %k as a file:// URI
    assert as_uri.stdout.strip() == str(LAUNCHERS / "huafeng.sh")


def test_the_launcher_installs_a_valid_menu_entry(tmp_path):
    run = subprocess.run([sys.executable, str(LAUNCHERS / "install_menu_entry.py")], capture_output=True, text=True,
                         env={**os.environ, "XDG_DATA_HOME": str(tmp_path)})
    assert run.returncode == 0, run.stderr
    installed = tmp_path / "applications" / "huafeng.desktop"
    validate(installed)
    assert exec_argv(installed, ["x.jpg"]) == [str(LAUNCHERS / "huafeng.sh"), "x.jpg"]
    icon = next(l for l in installed.read_text(encoding="utf-8").splitlines() if l.startswith("Icon="))[5:]
    assert Path(icon).is_file() and Path(icon).is_absolute()
    assert "Name[zh_CN]=画风" in installed.read_text(encoding="utf-8")


def test_scripts_are_executable_and_parse():
    for name in ("huafeng.sh", "huafeng.command"):
        path = LAUNCHERS / name
        assert os.access(path, os.X_OK), f"{name} needs the run bit"
        assert subprocess.run(["sh", "-n", str(path)]).returncode == 0
        assert "scripts/bootstrap.py app" in path.read_text(encoding="utf-8")


def test_the_windows_launcher_uses_pythonw_without_a_console():
    data = (LAUNCHERS / "huafeng.bat").read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n"), "a .bat wants CRLF line ends"
    text = data.decode("ascii")
    assert 'start "" "%REPO%\\.venv\\Scripts\\pythonw.exe" "%REPO%\\ui.py" %*' in text
    assert "scripts\\bootstrap.py\" app" in text
