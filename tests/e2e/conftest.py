"""End-to-end fixtures: a virtual X display (Xvfb) for the real window."""
import os
import shutil
import subprocess
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # this process's own widgets; the app gets the display

import pytest  # noqa: E402


def _free_display() -> int:
    for number in range(90, 200):
        if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture(scope="module")
def xvfb():
    """An Xvfb display (1600x1000) for this module; its name, e.g. ':90'."""
    missing = [tool for tool in ("Xvfb", "xdotool") if not shutil.which(tool)]
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: python3 scripts/bootstrap.py test installs them")
    display = f":{_free_display()}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp", "-ac"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while not Path(f"/tmp/.X11-unix/X{display[1:]}").exists():  # the server listens on its socket
        if server.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"Xvfb did not start on {display}")
        time.sleep(0.1)
    yield display
    server.terminate()
    server.wait(10)
