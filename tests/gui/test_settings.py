"""Settings persist between runs: folders, model and controls, noise, theme, language, window geometry."""
from PyQt5.QtCore import QRect
from PyQt5.QtWidgets import QApplication

from app.gui import i18n
from app.gui.main_window import MainWindow

from guitools import wait_loaded


def test_settings_survive_a_restart(qtbot, settings, photo, painting):
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.open_content(photo)
    first.open_style(painting)
    wait_loaded(qtbot, first)
    wait_loaded(qtbot, first, "style")
    first.choose_preset("style-21")
    first.controls.strength.setValue(65)
    first.controls.keep_colors.setChecked(True)
    first.controls.size_combo.setCurrentIndex(first.controls.size_combo.findData(2048))
    first.controls.format_combo.setCurrentIndex(1)
    first.controls.quality.setValue(80)
    first.controls.levels.setValue(2)
    first.noise_panel.prob.setValue(0.12)
    first.noise_panel.kernel.setValue(7)
    first.noise_panel.seed.setValue(99)
    first.tabs.setCurrentIndex(1)
    first.set_theme("light")
    first.setGeometry(QRect(40, 50, 1300, 760))
    first.close()
    assert QApplication.instance().styleSheet() == ""

    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    try:
        c = second.controls
        assert c.model_id() == "multistyle26" and second.preset == "style-21"
        assert (c.strength.value(), c.preserve_color(), c.max_side(), c.save_suffix(), c.quality.value()) == \
            (65, True, 2048, ".jpg", 80)
        assert c.pyramid_levels() == 2
        noise = second.noise_panel.settings()
        assert (noise.prob, noise.kernel, noise.seed) == (0.12, 7, 99)
        assert second.tabs.currentIndex() == 1 and second.theme_actions["light"].isChecked()
        assert second.size().width() == 1300 and second.size().height() == 760
        assert second.settings.last_dir("content") == str(photo.parent)
        assert [p.name for p in second.settings.recent("style")] == ["starry.jpg"]
        assert ("file", painting.resolve()) in second.gallery.tiles  # recent style images in the gallery
        assert second.content_pane.recent_menu.actions()[0].text().endswith("/草地 été.jpg")
    finally:
        second.close()
        i18n.apply_theme("dark")
