"""What a first-time user meets: the fine-tune time measured on this machine and said before Start, a first
snapshot early, no stale ETA after Cancel; the batch says what it found before Start, keeps its buttons still
and writes the main window's file type; on a 1024x700 screen the preview is the widest column and Render and
Save stay in sight."""
import re

import pytest
from PyQt5.QtWidgets import QApplication

from app.gui import finetune_dialog
from app.gui.settings import data_dir
from app.pipeline import training

TINY = {**training.PRESETS["quick"], "steps": {"draft": 0, "net_rev": 12, "net_rev_2": 0}, "batch": {"net_rev": 1},
        "size": 32, "preview_every": 0, "preview_first": 1, "preview_side": 128, "checkpoint_steps": 4}


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setitem(training.PRESETS, "tiny", TINY)
    monkeypatch.setattr(finetune_dialog, "PROBE_STEPS", 2)


def open_finetune(window, painting, preset):
    dialog = window.open_finetune()
    dialog.style_edit.setText(str(painting))
    dialog.preset.setCurrentIndex(dialog.preset.findData(preset))
    return dialog


def test_the_fine_tune_time_is_measured_here_and_said_before_start(qtbot, window, painting, tiny):
    dialog = open_finetune(window, painting, "quick")
    titles = [dialog.preset.itemText(i) for i in range(dialog.preset.count())]
    assert not any("minutes" in t or "hours" in t for t in titles), titles  # no promise made for another machine
    assert "“Time it”" in dialog.estimate_note.text()
    window.settings.set("finetune/revision_seconds_cpu", 4.0)   # as measured on an earlier run: 4 s a revision step
    dialog._update()
    assert dialog.estimate_note.text().startswith("Quick: about 1 minute here (1.4 s a step")  # 0.36 of 4 s, x 40
    dialog.preset.setCurrentIndex(dialog.preset.findData("standard"))  # two photos a step: twice the work a step
    assert dialog.estimate_note.text().startswith("Standard: about 6 minutes here (2.9 s a step")
    window.settings.set("finetune/revision_seconds_cpu", 0.0)
    dialog.preset.setCurrentIndex(dialog.preset.findData("tiny"))
    dialog.measure_button.click()                           # a few real steps on this machine
    assert not dialog.start_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.probe is None, timeout=120000)
    measured = window.settings.get("finetune/revision_seconds_cpu", 0.0, float)
    assert 0 < measured < 60
    assert re.match(r"tiny: about \d+ minutes? here", dialog.estimate_note.text()), dialog.estimate_note.text()
    assert dialog.start_button.isEnabled() and not list(data_dir().glob("probe-*"))  # the scratch run is gone
    dialog.preset.setCurrentIndex(dialog.preset.findData("standard"))  # every effort is estimated from it
    assert dialog.estimate_note.text().startswith("Standard: about ")


def test_a_first_snapshot_comes_early_and_cancel_clears_the_eta(qtbot, window, painting, tiny):
    dialog = open_finetune(window, painting, "tiny")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.snapshot.pixmap() is not None, timeout=120000)
    assert dialog.snapshot_note.text() == "after step 1"   # not only after preview_every steps
    qtbot.waitUntil(lambda: "left" in dialog.eta.text(), timeout=120000)
    dialog.cancel()
    assert dialog.eta.text() == ""
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    assert dialog.eta.text() == "" and "Stopped at step" in dialog.status.text()
    assert window.settings.get("finetune/revision_seconds_cpu", 0.0, float) > 0  # the next estimate uses this pace
    assert dialog.estimate_note.text().startswith("tiny: about ")


@pytest.fixture
def batch(qtbot, window):
    window.choose_preset("style-09")
    window.controls.size_combo.setCurrentIndex(window.controls.size_combo.findData(512))
    return window.open_batch()


def test_the_batch_says_how_many_photos_it_found_before_start(qtbot, batch, album, tmp_path):
    folder, good = album
    batch.set_folder(folder)
    qtbot.waitUntil(lambda: batch.found.text() == "3 photos found", timeout=3000)
    batch.recursive.setChecked(True)
    qtbot.waitUntil(lambda: batch.found.text() == "4 photos found", timeout=3000)
    batch.set_folder(tmp_path / "nowhere")
    qtbot.waitUntil(lambda: "no such folder" in batch.found.text(), timeout=3000)
    batch.set_files(good[:2])
    qtbot.waitUntil(lambda: batch.found.text() == "2 photos found", timeout=3000)
    batch.files_list.takeItem(0)
    qtbot.waitUntil(lambda: batch.found.text() == "1 photo found", timeout=3000)
    assert batch.task is None  # all said before Start


def test_batch_buttons_stay_put_and_no_eta_is_left_after_cancel(qtbot, batch, album, tmp_path):
    folder, _ = album
    batch.set_folder(folder)
    batch.recursive.setChecked(True)
    batch.out_edit.setText(str(tmp_path / "out"))
    QApplication.processEvents()
    buttons = (batch.start_button, batch.cancel_button, batch.close_button)

    def where():
        QApplication.processEvents()
        return [b.mapTo(batch, b.rect().topLeft()) for b in buttons] + [b.size() for b in buttons]
    before = where()
    assert len({b.width() for b in buttons}) == 1
    batch.start()
    qtbot.waitUntil(lambda: "left" in batch.eta.text(), timeout=60000)
    assert where() == before
    batch.cancel()
    assert batch.eta.text() == "" and "Cancelled" in batch.report.toPlainText()
    assert where() == before  # the report took the room kept for it


def test_the_batch_writes_the_main_windows_file_type_unless_changed_here(window, batch):
    assert batch.suffix.currentData() == ".png"            # the main window saves PNG
    window.controls.format_combo.setCurrentIndex(1)        # JPEG there: JPEG here
    assert batch.suffix.currentData() == ".jpg" and batch.example.text().endswith(".jpg")
    same = batch.suffix.findData(None)
    batch.suffix.setCurrentIndex(same)
    batch.suffix.activated.emit(same)                      # chosen in the dialog: it stays
    window.controls.format_combo.setCurrentIndex(0)
    assert batch.suffix.currentData() is None


@pytest.mark.parametrize("size", [(1024, 700), (1600, 1000)])
def test_on_a_small_screen_the_preview_comes_first_and_render_and_save_stay_in_sight(qtbot, window, size):
    window.resize(1024, 700)  # (the larger size after the smaller: the gallery comes back to its width)
    QApplication.processEvents()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0] and window.height() == size[1], timeout=3000)
    QApplication.processEvents()
    side, preview, gallery = window.splitter.sizes()
    assert preview > side and preview > gallery, window.splitter.sizes()
    assert window.view.width() == preview
    for button in (window.render_button, window.save_button):
        shown = button.visibleRegion().boundingRect()
        assert button.isVisible() and shown.size() == button.size(), (button.objectName(), shown)
        corner = button.mapTo(window, button.rect().bottomRight())
        assert corner.y() < window.statusBar().mapTo(window, window.statusBar().rect().topLeft()).y()
    if size == (1600, 1000):  # with room the gallery keeps its two columns and more, as before
        assert gallery >= 340 and side >= window.sidebar.minimumWidth()
    else:
        assert preview >= 440
