"""Start the Qt application: environment fixes, theme, language, main window."""
import os
import sys


def _drop_cv2_qt_plugin_path() -> None:
    """A non-headless OpenCV points Qt at its own plugins, which aborts a real PyQt5 window ("could not load the
    Qt platform plugin xcb")."""
    path = os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", "")
    if os.path.join("cv2", "qt") in path:
        del os.environ["QT_QPA_PLATFORM_PLUGIN_PATH"]


def create_app(argv=()):
    _drop_cv2_qt_plugin_path()
    from PyQt5.QtCore import Qt
    from PyQt5.QtWidgets import QApplication

    QApplication.setAttribute(Qt.AA_EnableHighDpiScaling, True)
    QApplication.setAttribute(Qt.AA_UseHighDpiPixmaps, True)
    app = QApplication.instance() or QApplication(["huafeng", *argv])
    app.setApplicationName("Huafeng")
    app.setOrganizationName("Huafeng")
    app.setDesktopFileName("huafeng")
    return app


USAGE = """usage: python ui.py [PHOTO [STYLE]]

Huafeng (画风), the desktop app: opens PHOTO as the photo and STYLE as the style image when given.
Everything it does is also on the command line: python -m app --help"""


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if any(a in ("-h", "--help") for a in argv):
        print(USAGE)
        return 0
    app = create_app()
    import models  # noqa: F401  (paddle's threads are set before paddle is imported)

    from . import i18n
    from .main_window import MainWindow
    from .settings import Settings

    settings = Settings()
    i18n.apply_theme(settings.get("ui/theme", "dark", str))
    i18n.install_language(settings.get("ui/language", "system", str))
    window = MainWindow([a for a in argv if not a.startswith("-")], settings)
    window.show()
    return app.exec_()
