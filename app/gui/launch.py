"""Start the Qt application: environment fixes, theme, main window."""
import os
import sys


def _drop_cv2_qt_plugin_path() -> None:
    """A non-headless OpenCV points Qt at its own plugins, which aborts a real PyQt5 window (FINDINGS.md)."""
    path = os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", "")
    if os.path.join("cv2", "qt") in path:
        del os.environ["QT_QPA_PLATFORM_PLUGIN_PATH"]


def create_app(argv=()):
    _drop_cv2_qt_plugin_path()
    from PyQt5.QtWidgets import QApplication

    import qdarkstyle

    app = QApplication.instance() or QApplication(["huafeng", *argv])
    app.setApplicationName("Huafeng")
    app.setOrganizationName("Huafeng")
    app.setStyleSheet(qdarkstyle.load_stylesheet(qt_api="pyqt5"))
    return app


def main(argv) -> int:
    app = create_app(argv)
    from .main_window import MainWindow

    window = MainWindow(argv)
    window.show()
    return app.exec_()
