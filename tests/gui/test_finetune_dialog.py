"""The fine-tune dialog trains a real (tiny) LapStyle run: live losses and snapshots, cancel keeps the
checkpoint, resume finishes it, and the model lands in the style gallery."""
import csv

import pytest
from PyQt5.QtCore import QSize
from PyQt5.QtWidgets import QWidget

from app.gui import i18n
from app.pipeline import training
from app.pipeline.paths import weights_dir

from guitools import wait_preview, wait_loaded

TINY = {**training.PRESETS["quick"], "steps": {"draft": 0, "net_rev": 4, "net_rev_2": 0}, "batch": {"net_rev": 1},
        "size": 32, "preview_every": 2, "preview_side": 128, "checkpoint_steps": 2}


@pytest.fixture
def tiny_presets(monkeypatch):
    """Two presets small enough for a test (the real ones take minutes to hours)."""
    monkeypatch.setitem(training.PRESETS, "tiny", TINY)
    monkeypatch.setitem(training.PRESETS, "tiny-long", {**TINY, "steps": {"draft": 0, "net_rev": 16, "net_rev_2": 0},
                                                        "preview_every": 0})


def open_dialog(window, painting, preset):
    dialog = window.open_finetune()
    dialog.style_edit.setText(str(painting))
    dialog.preset.setCurrentIndex(dialog.preset.findData(preset))
    return dialog


def test_fine_tune_shows_progress_and_adds_the_model_to_the_gallery(qtbot, window, painting, photo, tiny_presets):
    dialog = open_dialog(window, painting, "tiny")
    assert dialog.name_edit.text() == "starry" and "“lapstyle-starry”" in dialog.name_note.text()
    assert dialog.content_edit.text().endswith("assets/samples") and dialog.content_note.text() == "4 photos"
    assert dialog.preset_note.text() == "revision: 4 steps at 64 px, on the arbitrary network's draft"
    said = []
    with qtbot.waitSignal(dialog.modelReady, timeout=120000) as ready:
        dialog.start_button.click()
        dialog.task.progress.connect(lambda _: said.append(dialog.status.text()))  # after the dialog's own slot
    assert said[0].startswith("Training:")  # no longer "Starting: loading the networks…" once steps run
    assert dialog.bar.value() == 4 and "total" in dialog.plot.series and len(dialog.plot.series["total"]) == 4
    assert dialog.snapshot.pixmap() is not None and dialog.snapshot_note.text() == "after step 4"
    path = ready.args[0]
    assert path.name == "lapstyle-starry.safetensors"
    assert ("model", "lapstyle-starry") in window.gallery.tiles
    assert window.controls.model_id() == "lapstyle-starry"
    assert "lapstyle-starry" in window.message.text() or "LapStyle" in window.message.text()
    dialog.style_edit.clear()
    dialog.style_edit.setText(str(painting))  # again: the name is taken now, so the next free one is offered
    assert dialog.name_edit.text() == "starry-2" and "“lapstyle-starry-2”" in dialog.name_note.text()
    dialog.name_edit.setText("starry")
    assert "exists already" in dialog.name_note.text()
    i18n.install_language("zh_CN")                    # the snapshot stays through a language switch
    try:
        qtbot.waitUntil(lambda: dialog.start_button.text() == "开始", timeout=2000)
        assert dialog.snapshot.pixmap() is not None and dialog.snapshot_note.text() == "第 4 步后"
    finally:
        i18n.install_language("en")
    window.open_content(photo)                          # the new model paints with the style it learnt
    wait_loaded(qtbot, window)
    wait_preview(qtbot, window)
    assert window.recipe().model.id == "lapstyle-starry" and window.view.after is not None


def write_general_model(folder):
    """A general model drafted by the arbitrary network (its revision net fresh), where the zoo looks."""
    from app.pipeline.training.base import write_model
    from app.pipeline.training.lapstyle import fresh_arbitrary_model

    net = fresh_arbitrary_model(1, 16, seed=5)
    state = {k: v.numpy() for k, v in net.state_dict().items() if not k.startswith("net_draft.")}
    folder.mkdir(exist_ok=True)
    write_model(folder, "lapstyle-general", "lapstyle", "general", state, {"draft": "arbitrary"})


def test_cancel_keeps_the_checkpoint_and_resume_finishes(qtbot, window, painting, tiny_presets):
    """From the general model, as the app ships."""
    write_general_model(weights_dir())
    dialog = open_dialog(window, painting, "tiny-long")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.bar.value() >= 3, timeout=120000)
    dialog.cancel()
    assert "Stopping after this step" in dialog.status.text()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    assert "the checkpoint is kept" in dialog.status.text()
    run_dir = dialog.run_dir()
    assert (run_dir / "checkpoint.safetensors").exists() and dialog.resume_button.isEnabled()
    stopped = dialog.last_event.step
    assert 3 <= stopped < 16
    with qtbot.waitSignal(dialog.modelReady, timeout=180000):
        dialog.resume_button.click()
    with open(run_dir / "losses.csv", encoding="utf-8") as f:
        steps = [int(row["step"]) for row in csv.DictReader(f)]
    assert steps == list(range(1, 17)), "resumed where it stopped: every step once"
    assert training.runner.read_settings(run_dir)["init"] == "lapstyle-general"
    assert window.controls.model_id() == "lapstyle-starry"


def test_plain_messages_before_training(qtbot, window, tmp_path, tiny_presets):
    dialog = window.open_finetune()
    dialog.style_edit.setText(str(tmp_path / "missing.jpg"))
    dialog.start()
    assert "Choose a style image" in dialog.status.text() and not dialog.is_running()
    dialog.content_edit.setText(str(tmp_path / "nowhere"))
    assert dialog.content_note.text() == "no such folder"
    dialog.preset.setCurrentIndex(dialog.preset.findData("standard"))
    assert dialog.preset_note.text() == "style vector: 120 steps of 2 photos, on the arbitrary network's draft"


def cut_short(dialog):
    """The dialog's shown widgets that get less height than they need at their width: a word-wrapped label less
    than its heightForWidth, a group box less than its layout needs, anything less than its minimum."""
    short = []
    for widget in [dialog, *dialog.findChildren(QWidget)]:
        if widget.isVisible():
            need = max(widget.minimumHeight(), widget.minimumSizeHint().height(),
                       widget.heightForWidth(widget.width()) if widget.hasHeightForWidth() else 0)
            if widget.height() < need:
                short.append(f"{type(widget).__name__} “{getattr(widget, 'text', widget.objectName)()}”: "
                             f"{widget.height()} px of {need} at {widget.width()} px wide")
    return short


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_notes_get_every_line_they_wrap_to(qtbot, window, language):
    """The preset note and the time estimate wrap to two lines in a narrow dialog: it is tall enough for them,
    at its default size and at its minimum, for every preset, timed or not, in English and in Chinese."""
    dialog = window.open_finetune()
    i18n.install_language(language)
    try:
        qtbot.waitUntil(lambda: dialog.start_button.text() == ("Start" if language == "en" else "开始"),
                        timeout=2000)
        default = dialog.size()
        for seconds in (0.0, 3.6):  # not timed yet (“Time it” runs …), then timed (“Quick: about 1 minute …”)
            if seconds:
                dialog._remember_step_seconds(seconds)
            for preset in ("quick", "standard", "high"):
                dialog.preset.setCurrentIndex(dialog.preset.findData(preset))
                for size in (default, QSize(1, 1)):  # its default size, then as small as it goes
                    dialog.resize(size)
                    qtbot.wait(20)  # the layout takes the new texts and size in
                    assert not cut_short(dialog), (seconds, preset, dialog.size(), cut_short(dialog))
    finally:
        i18n.install_language("en")


def test_paths_under_the_home_folder_may_start_with_a_tilde(qtbot, window, photo, painting, tmp_path, monkeypatch,
                                                            tiny_presets):
    from app.pipeline.paths import cache_dir

    monkeypatch.setenv("HUAFENG_CACHE", str(cache_dir()))  # the models stay where they are
    monkeypatch.setenv("HOME", str(tmp_path))  # photo is in tmp_path/照片, painting in tmp_path
    dialog = window.open_finetune()
    dialog.content_edit.setText("~/照片")
    assert dialog.content_note.text() == "1 photos"
    dialog.style_edit.setText(f"~/{painting.name}")
    dialog.preset.setCurrentIndex(dialog.preset.findData("tiny"))
    dialog.start()
    assert dialog.is_running() and "Choose" not in dialog.status.text()
    dialog.cancel()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
