"""The main window driven as a user would: pick, drop, paste, preview, render, cancel, save."""
import time

import numpy as np
from PyQt5.QtCore import Qt
from PyQt5.QtGui import QImage
from PyQt5.QtWidgets import QApplication

from app.gui.images import to_qimage
from app.gui.main_window import MainWindow
from app.gui.render_controller import PreviewState, RenderState
from app.gui.workers import busy

from guitools import drop_files, pixels, wait_loaded, wait_preview, wait_render

PREVIEW_SETTLE_MS = 400  # longer than the preview's throttle: no request is still to come


def test_command_line_images_open_as_photo_and_style(qtbot, settings, photo, painting):
    win = MainWindow([str(photo), str(painting)], settings)
    qtbot.addWidget(win)
    try:
        wait_loaded(qtbot, win, "content")
        wait_loaded(qtbot, win, "style")
        assert win.content.path == photo and win.content.name == "草地 été"
        assert win.content.size == (320, 213)
        assert win.style_image.path == painting
        assert win.controls.model_id() == "arbitrary"
        assert "草地 été" in win.content_pane.info.text()
    finally:
        win.close()


def test_drop_a_non_ascii_file_on_each_pane_and_on_the_window(qtbot, window, photo, painting, tmp_path):
    drop_files(window.content_pane, [photo])
    wait_loaded(qtbot, window)
    assert window.content.path == photo
    drop_files(window.style_pane, [painting])
    wait_loaded(qtbot, window, "style")
    assert window.style_image.path == painting
    other = tmp_path / "второй.png"
    other.write_bytes(photo.read_bytes())  # a JPEG named .png: read by content, not by suffix
    drop_files(window.view, [other])       # the preview pane does not take drops itself: the window does
    wait_loaded(qtbot, window)
    assert window.content.path == other
    recent = window.settings.recent("content")
    assert recent[:2] == [other.resolve(), photo.resolve()]
    labels = [a.text() for a in window.recent_menu.actions()][:2]  # paths, elided in the middle when long
    assert labels[0].endswith("второй.png") and labels[1].endswith("草地 été.jpg")


def test_the_window_fits_a_1024_px_wide_screen(qtbot, window, photo):
    window.open_content(photo)
    wait_loaded(qtbot, window)
    assert window.minimumSizeHint().width() <= 1024 and window.minimumSize().width() <= 1024


def answering(answers):
    """Answer the app's modal dialogs in turn as a person would: ("file", path) types a name in the file dialog
    and clicks Save; ("box", button) clicks that button of a message box. Empties ``answers`` as it goes."""
    from PyQt5.QtCore import QTimer
    from PyQt5.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit, QMessageBox

    def tick():
        dialog = QApplication.activeModalWidget()
        if not answers or dialog is None:
            return
        kind, value = answers[0]
        if kind == "file" and isinstance(dialog, QFileDialog):
            dialog.findChild(QLineEdit, "fileNameEdit").setText(value)
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Save).click()
        elif kind == "box" and isinstance(dialog, QMessageBox):
            dialog.button(value).click()
        else:
            return
        answers.pop(0)
    timer = QTimer(interval=50, timeout=tick)
    timer.start()
    return timer


def test_save_as_asks_before_replacing_and_never_offers_an_original(qtbot, window, photo, tmp_path):
    from PyQt5.QtWidgets import QMessageBox

    opened = tmp_path / "photo.jpg"
    opened.write_bytes(photo.read_bytes())
    window.open_content(opened)
    wait_loaded(qtbot, window)
    window.choose_preset("style-07")
    window.render()
    wait_render(qtbot, window)
    result = window.current
    taken = tmp_path / "taken.png"
    taken.write_bytes(b"keep")
    def save_as(*answers):
        answers = list(answers)
        timer = answering(answers)
        window.save_as(result)
        timer.stop()
        assert answers == []  # every dialog that was to come came, and no other

    save_as(("file", str(tmp_path / "taken")), ("box", QMessageBox.No))  # taken.png (the suffix added): asked
    assert taken.read_bytes() == b"keep" and result.saved is None
    save_as(("file", str(opened)))                                        # the original: refused, not asked
    assert "is an original you opened" in window.message.text() and opened.read_bytes() == photo.read_bytes()
    save_as(("file", str(tmp_path / "taken")), ("box", QMessageBox.Yes))
    qtbot.waitUntil(lambda: result.saved == taken, timeout=10000)
    assert np.array_equal(pixels(taken), result.rgb)


def test_paste_a_picture_from_the_clipboard(qtbot, window, photo):
    QApplication.clipboard().setImage(to_qimage(pixels(photo)))
    window.paste("content")
    assert window.content.name == "pasted" and window.content.size == (320, 213)
    assert np.array_equal(window.content.rgb, pixels(photo))
    QApplication.clipboard().clear()
    window.paste("style")
    assert "clipboard holds no image" in window.message.text()


def test_preview_follows_the_controls_and_skips_stale_requests(qtbot, window, photo):
    window.open_content(photo)
    wait_loaded(qtbot, window)
    window.choose_preset("style-03")
    wait_preview(qtbot, window)
    first = window.view.after.toImage()
    assert window.controls.model_id() == "multistyle26"
    asked = []
    window.renderer.previewStarted.connect(lambda: asked.append(True))
    for value in range(100, 40, -6):  # dragging the strength slider: ten changes in quick succession
        window.controls.strength.setValue(value)
        qtbot.wait(15)
    wait_preview(qtbot, window)
    qtbot.wait(PREVIEW_SETTLE_MS)
    assert len(asked) == 1, "a burst of changes makes one preview, not one per change"
    assert window.view.after.toImage() != first
    window.choose_preset("style-04")  # the gallery changes the preview too
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=30000)
    assert window.gallery.tiles[("preset", "style-04")].isChecked()


def test_render_and_save_never_overwrite(qtbot, window, photo, tmp_path):
    window.open_content(photo)
    wait_loaded(qtbot, window)
    window.choose_preset("style-07")
    qtbot.keyClick(window, Qt.Key_R, Qt.ControlModifier)
    assert window.renderer.state is RenderState.RENDERING
    wait_render(qtbot, window)
    assert window.history.count() == 1
    result = window.current
    assert result.size == (320, 213) and result.label == "style-07"

    out = tmp_path / "out"
    out.mkdir()
    taken = out / "草地 été_style-07_multistyle26.png"
    taken.write_bytes(b"not to be touched")
    window.settings.set_last_dir("save", out)
    qtbot.keyClick(window, Qt.Key_S, Qt.ControlModifier)  # Save: a new name in the last folder
    qtbot.waitUntil(lambda: result.saved is not None, timeout=10000)
    assert result.saved == out / "草地 été_style-07_multistyle26 (2).png"
    assert taken.read_bytes() == b"not to be touched"
    assert np.array_equal(pixels(result.saved), result.rgb)

    assert window.save_to(taken, result) is False               # exists: refused without the dialog's consent
    assert "already exists" in window.message.text() and taken.read_bytes() == b"not to be touched"
    assert window.save_to(photo, result, overwrite=True) is False  # the original photo: always refused
    assert "original" in window.message.text()
    jpeg = out / "result.jpg"
    assert window.save_to(jpeg, result)
    qtbot.waitUntil(lambda: result.saved == jpeg, timeout=10000)
    assert np.abs(pixels(jpeg).astype(int) - result.rgb).mean() < 6


def test_render_clicked_while_the_app_is_busy_gives_its_result(qtbot, window, photo):
    """Render clicked while the photo opens, before its preview is asked for, and while a preview runs: each
    click gives a result, and a preview that finishes later never replaces it (it did: Save then said
    "render first" and the click looked lost)."""
    window.choose_preset("style-05")
    window.open_content(photo)
    qtbot.mouseClick(window.render_button, Qt.LeftButton)  # still opening: queued, and the window says so
    assert "as soon as the picture has opened" in window.message.text()
    assert not window.render_button.isEnabled()
    wait_loaded(qtbot, window)
    assert window.renderer.state is RenderState.RENDERING
    wait_render(qtbot, window)
    assert window.history.count() == 1 and window.current.label == "style-05"

    window.choose_preset("style-06")                       # the preview is due in 150 ms
    assert window.renderer.preview_state is PreviewState.DUE
    qtbot.mouseClick(window.render_button, Qt.LeftButton)
    wait_render(qtbot, window)
    qtbot.wait(PREVIEW_SETTLE_MS)
    assert window.history.count() == 2 and window.current.label == "style-06"

    window.choose_preset("style-07")
    qtbot.waitUntil(lambda: window.view.busy != "", timeout=5000)  # the preview is on its way
    qtbot.mouseClick(window.render_button, Qt.LeftButton)
    wait_render(qtbot, window)
    qtbot.wait(1500)                                       # a preview still finishing would land by now
    assert window.history.count() == 3 and window.current.label == "style-07"
    assert window.view.after.toImage().convertToFormat(QImage.Format_RGB888) == window.current.after
    assert window.save_action.isEnabled()


def _open_big_photo_at_original_size(qtbot, window, kit, tmp_path, painting, size):
    """Open the kit photo enlarged to ``size`` and the painting, and choose the original size: a tiled render."""
    from PIL import Image
    big = tmp_path / "big.jpg"
    Image.open(kit / "content/test_chelsea.jpg").resize(size).save(big)
    window.open_content(big)
    window.open_style(painting)
    wait_loaded(qtbot, window)
    wait_loaded(qtbot, window, "style")
    window.controls.size_combo.setCurrentIndex(window.controls.size_combo.findData(0))


def test_cancel_frees_the_window_at_once_and_keeps_no_result(qtbot, window, kit, tmp_path, painting):
    _open_big_photo_at_original_size(qtbot, window, kit, tmp_path, painting, (2400, 1600))
    qtbot.wait(50)
    window.render()
    qtbot.wait(300)
    assert window.renderer.state is RenderState.RENDERING
    start = time.perf_counter()
    qtbot.keyClick(window, Qt.Key_Escape)
    assert window.renderer.state is RenderState.IDLE and time.perf_counter() - start < 1.0  # the window is free at once
    assert window.render_button.isEnabled() and "Cancelled" in window.message.text()
    qtbot.waitUntil(lambda: not busy(), timeout=10000)  # the worker stops at its next check (between tiles)
    print(f"worker stopped {time.perf_counter() - start:.2f} s after Esc")
    qtbot.wait(100)
    assert window.history.count() == 0 and window.current is None
    wait_preview(qtbot, window)                        # the preview the render made moot comes back
    assert "Cancelled" in window.message.text()        # without a word over what the status bar said
    window.controls.size_combo.setCurrentIndex(window.controls.size_combo.findData(512))
    window.render()                                    # and the next render works
    wait_render(qtbot, window)
    assert window.history.count() == 1 and window.current.size == (512, 341)


def test_a_tiled_render_shows_how_far_it_has_got(qtbot, window, kit, tmp_path, painting):
    """The bar is a busy indicator until the pipeline's first fraction, then counts the tiles up to full."""
    _open_big_photo_at_original_size(qtbot, window, kit, tmp_path, painting, (2200, 2000))
    seen = []
    window.progress.valueChanged.connect(lambda value: seen.append((window.progress.maximum(), value)))
    window.render()
    assert window.progress.isVisible() and window.progress.maximum() == 0
    wait_render(qtbot, window, 120000)
    assert window.current.size == (2200, 2000)
    counted = [value for maximum, value in seen if maximum > 0 and value > 0]
    assert len(counted) >= 4 and counted[-1] == max(maximum for maximum, _ in seen)  # the last tile: full
    assert all(a < b for a, b in zip(counted, counted[1:]))
    assert not window.progress.isVisible()


def test_history_goes_back_to_an_earlier_result(qtbot, window, photo):
    window.open_content(photo)
    wait_loaded(qtbot, window)
    for preset in ("style-02", "style-05"):
        window.choose_preset(preset)
        window.render()
        wait_render(qtbot, window)
    assert [r.label for r in window.history.results()] == ["style-05", "style-02"]
    item = window.history.item(1)
    window.history.itemClicked.emit(item)
    assert window.current.label == "style-02"
    shown = window.view.after.toImage().convertToFormat(QImage.Format_RGB888)
    assert shown == window.current.after and shown != window.history.item(0).data(Qt.UserRole).after
