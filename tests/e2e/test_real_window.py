"""The real app in a real X server (Xvfb), driven with xdotool as a person would: drag a photo from
another window onto the photo pane, click Render, click Save, and check the written file."""
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image
from PyQt5.QtCore import QPoint, QSettings

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def xdotool(display, *args):
    return subprocess.run(["xdotool", *map(str, args)], env={**os.environ, "DISPLAY": display}, check=True,
                          capture_output=True, text=True, timeout=30).stdout


def wait_for(condition, timeout, what):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def window_origin(display, title):
    """Screen position of the first window whose title matches (no window manager: no decorations)."""
    window = xdotool(display, "search", "--sync", "--onlyvisible", "--name", title).split()[0]
    geometry = xdotool(display, "getwindowgeometry", "--shell", window)
    values = dict(line.split("=") for line in geometry.split())
    return window, int(values["X"]), int(values["Y"])


def layout(env, config):
    """Where the photo pane and the buttons are: the same window with the same settings on the same display
    (fonts, theme), opened by tests/e2e/layout_probe.py (on a copy of the settings) and measured."""
    probe_config = config.parent / "probe-config"
    shutil.copytree(config, probe_config)
    run = subprocess.run([sys.executable, str(HERE / "layout_probe.py")],
                         env={**env, "XDG_CONFIG_HOME": str(probe_config)}, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return {name: QPoint(*xy) for name, xy in json.loads(run.stdout.splitlines()[-1]).items()}


def test_drag_a_photo_in_render_and_save(xvfb, tmp_path, kit):
    photo = tmp_path / "夜景 photo.jpg"
    img = Image.open(kit / "content/test_chelsea.jpg")
    img.resize((480, 320)).save(photo, quality=92)
    out = tmp_path / "saved"
    out.mkdir()
    config = tmp_path / "config"
    ini = config / "Huafeng" / "Huafeng.ini"
    ini.parent.mkdir(parents=True)
    settings = QSettings(str(ini), QSettings.IniFormat)
    for key, value in {"dirs/save": str(out), "ui/language": "en", "controls/model": "multistyle26",
                       "render/preset": "style-05", "controls/max_side": 512}.items():
        settings.setValue(key, value)
    settings.sync()
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb", "XDG_CONFIG_HOME": str(config),
           "HUAFENG_DATA": str(tmp_path / "data"), "HUAFENG_WEIGHTS": str(tmp_path / "weights"),
           "XDG_RUNTIME_DIR": str(tmp_path / "runtime")}
    (tmp_path / "runtime").mkdir(mode=0o700)
    spots = layout(env, config)
    source = subprocess.Popen([sys.executable, str(HERE / "drag_source.py"), str(photo), "1420", "60"], env=env,
                              stdout=subprocess.PIPE, text=True)
    app = subprocess.Popen([sys.executable, str(REPO / "ui.py")], cwd=tmp_path, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert source.stdout.readline().strip() == "ready"
        window, x, y = window_origin(xvfb, "Huafeng")
        _, sx, sy = window_origin(xvfb, "drag source")
        target = QPoint(x, y) + spots["photo"]
        xdotool(xvfb, "mousemove", "--sync", sx + 80, sy + 60)
        xdotool(xvfb, "mousedown", "1")
        for step in range(1, 9):  # a person's drag: a few moves on the way
            xdotool(xvfb, "mousemove", "--sync", sx + 80 + (target.x() - sx - 80) * step // 8,
                    sy + 60 + (target.y() - sy - 60) * step // 8)
            time.sleep(0.05)
        xdotool(xvfb, "mouseup", "1")

        def recent():
            QSettings(str(ini), QSettings.IniFormat).sync()
            value = QSettings(str(ini), QSettings.IniFormat).value("recent/content", [])
            return [value] if isinstance(value, str) else list(value or [])
        wait_for(lambda: str(photo) in recent(), 30, "the dropped photo to open")

        render = QPoint(x, y) + spots["render"]
        xdotool(xvfb, "mousemove", "--sync", render.x(), render.y(), "click", "1")  # one click, as a person does
        save = QPoint(x, y) + spots["save"]

        def named():  # the files that took their name (a file being written has a hidden temporary one)
            return [path for path in out.iterdir() if not path.name.startswith(".")]

        def saved():  # a person clicks Save once the result is there (before, it says "render first"), then waits
            if not any(out.iterdir()):  # for the file being written to take its name
                xdotool(xvfb, "mousemove", "--sync", save.x(), save.y(), "click", "1")
            time.sleep(0.5)
            return bool(named())
        wait_for(saved, 120, "the saved result")
        written = named()[0]
        assert [path.name for path in out.iterdir()] == [written.name]  # no temporary left beside it
        assert written.name == "夜景 photo_style-05_multistyle26.png"  # photo_style_model
        result = np.asarray(Image.open(written).convert("RGB"))
        assert result.shape == (341, 512, 3)  # the 480 px photo enlarged to the chosen 512
        enlarged = np.asarray(Image.open(photo).resize((512, 341), Image.BICUBIC))
        assert np.abs(result.astype(int) - enlarged).mean() > 10  # really painted

        xdotool(xvfb, "windowfocus", "--sync", window)
        xdotool(xvfb, "key", "ctrl+q")
        assert app.wait(30) == 0
        assert QSettings(str(ini), QSettings.IniFormat).value("window/geometry") is not None
    finally:
        for process in (app, source):
            if process.poll() is None:
                process.terminate()
                process.wait(10)
    assert "Traceback" not in app.stderr.read()
