"""Every result says what made it: in the history, on the preview's caption, in the saved file, and it can put its
settings back into the controls."""
import json

from PIL import Image
from PyQt5.QtCore import QEvent, Qt, QTimer
from PyQt5.QtGui import QHelpEvent
from PyQt5.QtWidgets import QApplication, QToolTip

from app.gui.gallery import preset_title

from guitools import wait_loaded, wait_render


def render_preset(qtbot, window, preset, strength):
    window.choose_preset(preset)
    window.controls.strength.setValue(strength)
    window.render()
    wait_render(qtbot, window)
    return window.current


def choose_in_menu(text):
    """Click the entry ``text`` of the context menu about to open (as a person would); the menu closes."""
    def pick():
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(50, pick)
            return
        action = next(a for a in menu.actions() if a.text() == text)
        menu.close()
        action.trigger()
    QTimer.singleShot(50, pick)


def test_a_strength_change_during_a_render_does_not_hide_what_made_the_result(qtbot, window, photo):
    window.open_content(photo)
    wait_loaded(qtbot, window)
    window.choose_preset("style-07")
    window.controls.strength.setValue(100)
    window.render()
    window.controls.strength.setValue(47)  # the person moves the slider while the render runs
    wait_render(qtbot, window)
    result = window.current
    assert result.settings["strength"] == 100 and window.controls.strength.value() == 47
    assert "strength 100 %" in window.view.caption                      # the caption says it without a hover
    assert "changed while it rendered" in window.message.text()
    assert "Strength: 100 %" in window.history.item(0).toolTip()

    window.view.repaint()  # where the caption is: hovering it shows every setting
    qtbot.waitUntil(lambda: not window.view.caption_rect.isEmpty(), timeout=5000)
    pos = window.view.caption_rect.center().toPoint()
    QApplication.sendEvent(window.view, QHelpEvent(QEvent.ToolTip, pos, window.view.mapToGlobal(pos)))
    shown = QToolTip.text()
    for line in ("Model: 26 built-in styles", f"Style: {preset_title('style-07')} (style-07)", "Strength: 100 %",
                 "Size: 320 × 213 px", "Keep the photo's colours: no"):
        assert line in shown

    item = window.history.item(0)  # History ▸ right-click ▸ Use these settings
    choose_in_menu("Use these settings")
    window.history._menu(window.history.visualItemRect(item).center())
    qtbot.waitUntil(lambda: window.controls.strength.value() == 100, timeout=5000)
    assert window.preset == "style-07" and window.controls.model_id() == "multistyle26"
    assert "set as for result 1" in window.message.text()


def test_use_these_settings_brings_back_model_style_size_colours_and_noise(qtbot, window, photo, painting):
    window.open_content(photo)
    window.open_style(painting)
    wait_loaded(qtbot, window)
    wait_loaded(qtbot, window, "style")
    first_style = window.style_image
    window.controls.keep_colors.setChecked(True)
    window.controls.size_combo.setCurrentIndex(window.controls.size_combo.findData(0))  # the original size
    window.noise_panel.enabled_box.setChecked(True)
    window.noise_panel.kernel.setValue(5)
    window.controls.strength.setValue(60)
    window.render()
    wait_render(qtbot, window)
    first = window.current
    assert first.settings == {"model": "arbitrary", "style": "starry", "strength": 60, "keep_colours": True,
                              "size": [320, 213], "max_side": "original",
                              "noise": {"prob": 0.05, "blur": 5, "seed": 1}}
    window.choose_preset("style-02")  # everything else changes
    window.controls.keep_colors.setChecked(False)
    window.noise_panel.enabled_box.setChecked(False)
    window.controls.size_combo.setCurrentIndex(window.controls.size_combo.findData(256))
    window.controls.strength.setValue(30)

    window.history.useSettings.emit(first)
    c = window.controls
    assert (c.model_id(), c.alpha(), c.preserve_color(), c.max_side()) == ("arbitrary", 0.6, True, None)
    assert window.style_image is first_style and window.noise_panel.noise() == first.recipe.noise
    assert window.recipe().noise.kernel == 5


def test_history_labels_tell_results_apart(qtbot, window, photo):
    window.open_content(photo)
    wait_loaded(qtbot, window)
    render_preset(qtbot, window, "style-05", 100)
    render_preset(qtbot, window, "style-05", 40)
    labels = [window.history.item(i).text() for i in range(window.history.count())]
    assert labels[0] != labels[1]
    assert labels[0].startswith("2. ") and "40 %" in labels[0] and "320 px" in labels[0]
    assert window.history.item(0).data(Qt.UserRole).title == preset_title("style-05")  # its name, not its id
    assert labels[1].startswith("1. ") and "100 %" in labels[1]
    metrics = window.history.fontMetrics()
    width = window.history.gridSize().width()
    assert all(metrics.horizontalAdvance(line) <= width for label in labels for line in label.split("\n"))


def test_the_saved_png_and_jpeg_say_what_made_them(qtbot, window, photo, tmp_path):
    window.open_content(photo)
    wait_loaded(qtbot, window)
    result = render_preset(qtbot, window, "style-07", 47)
    png, jpeg = tmp_path / "r.png", tmp_path / "r.jpg"
    for path in (png, jpeg):
        assert window.save_to(path, result)
        qtbot.waitUntil(lambda p=path: result.saved == p, timeout=10000)
    text = Image.open(png).text
    assert text["Software"].startswith("Huafeng ")
    settings = json.loads(text["Huafeng"])
    assert settings["model"] == "multistyle26" and settings["style"] == "style-07"
    assert settings["strength"] == 47 and settings["size"] == [320, 213] and settings["keep_colours"] is False
    assert "noise" not in settings
    comment = Image.open(jpeg).info["comment"].decode("utf-8")
    assert '"strength": 47' in comment and "Software: Huafeng" in comment
