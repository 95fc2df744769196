"""Screenshots of the desktop app for the README: the main window, the noise panel, the batch dialog and the
fine-tune dialog, in English and in Simplified Chinese, into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--steps N]

Runs offscreen (no display needed) with its own settings and data in a temporary folder; it really renders,
runs a small batch and fine-tunes until the first snapshot so every screen shows real work. The pictures sit
in the Pictures folder of a made-up home folder, so the paths on screen read ~/Pictures/..., not this machine's.
The photos are the public-domain/CC0 samples in assets/samples; the style painting is Van Gogh's
"The Starry Night" (public domain) from the shared image kit when it is there, else a built-in style.
"""
import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from team_images import DATA  # noqa: E402

OUT = REPO / "docs" / "screenshots"
PAINTING = DATA / "style" / "van_gogh_the_starry_night_1889.jpg"
SAMPLES = REPO / "assets" / "samples"


def wait(app, condition, timeout=300.0):
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the app did not get there in time")
        app.processEvents()
        time.sleep(0.02)


def settle(app, seconds=0.3):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def save(widget, name):
    OUT.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "))
    parser.add_argument("--steps", type=int, default=10, help="at least this many fine-tuning steps (and until "
                        "the first snapshot) for its screenshot")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="huafeng-screenshots-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["HUAFENG_DATA"] = str(work / "data")
    os.environ["HUAFENG_WEIGHTS"] = str(work / "weights")  # the fine-tuned model goes there, not into weights/
    (work / "weights").mkdir()
    for path in (REPO / "weights").glob("lapstyle-*.*"):  # the presets, and what the fine-tune starts from
        shutil.copy(path, work / "weights")
    from app.pipeline.paths import cache_dir

    os.environ["HUAFENG_CACHE"] = str(cache_dir())  # the models stay where they are; the home folder is made up
    os.environ["HOME"] = str(work / "home")
    pictures = work / "home" / "Pictures"
    photos = pictures / "holiday"
    style = pictures / ("starry_night.jpg" if PAINTING.is_file() else "samples/rocket.jpg")
    shutil.copytree(SAMPLES, pictures / "samples", ignore=shutil.ignore_patterns("*.md"))
    if PAINTING.is_file():
        shutil.copyfile(PAINTING, style)

    from PyQt5.QtCore import QSettings

    from app.gui import i18n
    from app.gui.i18n import tr
    from app.gui.launch import create_app

    app = create_app()
    import models  # noqa: F401

    from app.gui.main_window import MainWindow
    from app.gui.render_controller import PreviewState, RenderState
    from app.gui.settings import Settings

    settings = Settings(QSettings(str(work / "huafeng.ini"), QSettings.IniFormat))
    i18n.apply_theme("dark")
    i18n.install_language("en")
    window = MainWindow(settings=settings)
    window.resize(1360, 860)
    window.show()
    settle(app)

    # the main window: a few results in the history, the last with a painting, compared half and half
    window.open_content(pictures / "samples" / "chelsea.jpg")
    wait(app, lambda: "content" not in window._loads)
    for preset in ("style-16", "style-03"):
        window.choose_preset(preset)
        window.render()
        wait(app, lambda: window.renderer.state is RenderState.IDLE)
    if PAINTING.is_file():
        window.open_style(style)
        wait(app, lambda: "style" not in window._loads)
    else:
        window.choose_preset("style-21")
    window.render()
    wait(app, lambda: window.renderer.state is RenderState.IDLE)
    window.view.set_split(0.45)

    # the batch dialog after a run over the samples plus one broken file
    shutil.copytree(pictures / "samples", photos)
    (photos / "broken.jpg").write_bytes((photos / "coffee.jpg").read_bytes()[:3000])
    batch = window.open_batch()
    batch.set_folder("~/Pictures/holiday")
    batch.out_edit.setText("~/Pictures/holiday styled")
    batch.skip_existing.setChecked(False)
    batch.hide()

    # the fine-tune dialog a few steps into the quick preset, with its first snapshot
    finetune = window.open_finetune()
    finetune.style_edit.setText(f"~/Pictures/{style.relative_to(pictures).as_posix()}")
    finetune.content_edit.setText("~/Pictures/samples")
    finetune.start()
    wait(app, lambda: finetune.last_event is not None and finetune.last_event.step >= args.steps and
         finetune.snapshot.pixmap() is not None, timeout=3600)
    finetune.cancel()
    wait(app, lambda: not finetune.is_running(), timeout=600)
    finetune.hide()

    for language in ("en", "zh_CN"):
        i18n.install_language(language)
        settle(app, 0.5)
        suffix = "" if language == "en" else "-zh"
        window.tabs.setCurrentIndex(0)
        window.show_result(window.history.results()[0])
        window.view.set_split(0.45)
        window.show_message(tr("Done: {w} × {h} in {s:.1f} s. Save it with Ctrl+S.").format(
            w=window.current.size[0], h=window.current.size[1], s=window.current.seconds))
        settle(app)
        save(window, f"main-window{suffix}")

        window.tabs.setCurrentIndex(1)
        window.noise_panel.prob.setValue(0.04)
        window.noise_panel.kernel.setValue(3)
        window.noise_panel.enabled_box.setChecked(True)
        wait(app, lambda: window.renderer.preview_state is PreviewState.IDLE and window.view.busy == ""
             and window.current is None)
        settle(app, 0.5)
        save(window, f"noise-panel{suffix}")
        window.noise_panel.enabled_box.setChecked(False)

        batch.show()
        batch.start()
        wait(app, lambda: batch.task is None)
        for dialog, name in ((batch, "batch-dialog"), (finetune, "finetune-dialog")):
            dialog.show()
            settle(app)
            save(dialog, f"{name}{suffix}")
            dialog.hide()
    i18n.install_language("en")
    window.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
