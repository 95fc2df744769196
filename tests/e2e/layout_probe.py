"""Print where the main window's photo pane and buttons are, as JSON, when it opens with the current settings
on the current display (same fonts, theme and layout as the real app), then exit without saving anything.

    python layout_probe.py
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PyQt5.QtWidgets import QApplication  # noqa: E402

from app.gui import i18n  # noqa: E402
from app.gui.launch import create_app  # noqa: E402
from app.gui.main_window import MainWindow  # noqa: E402
from app.gui.settings import Settings  # noqa: E402
from app.gui.workers import wait_all  # noqa: E402

if __name__ == "__main__":
    app = create_app()
    settings = Settings()
    i18n.apply_theme(settings.get("ui/theme", "dark", str))
    i18n.install_language(settings.get("ui/language", "system", str))
    window = MainWindow(settings=settings)
    window.show()
    for _ in range(20):
        QApplication.processEvents()
    widgets = {"photo": window.content_pane.thumb, "render": window.render_button, "save": window.save_button}
    spots = {name: [w.mapTo(window, w.rect().center()).x(), w.mapTo(window, w.rect().center()).y()]
             for name, w in widgets.items()}
    print(json.dumps(spots), flush=True)
    window.renderer.stop()
    window.noise_panel.stop()
    wait_all(5000)
    sys.exit(0)
