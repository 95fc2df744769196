"""The main window. For now it opens, shows the photos it was given, and points to the command line;
the full studio (pickers, gallery, preview, render) is the desktop-app issue."""
from pathlib import Path

from PyQt5.QtCore import Qt
from PyQt5.QtGui import QImage, QPixmap
from PyQt5.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from app.pipeline.errors import UserError
from app.pipeline.imageio import read_image
from app.pipeline.tensors import fit_max_side


def to_pixmap(rgb) -> QPixmap:
    h, w = rgb.shape[:2]
    return QPixmap.fromImage(QImage(rgb.tobytes(), w, h, 3 * w, QImage.Format_RGB888).copy())


class MainWindow(QMainWindow):
    def __init__(self, images=()):
        super().__init__()
        self.setWindowTitle("Huafeng 画风")
        self.resize(900, 640)
        self.preview = QLabel(alignment=Qt.AlignCenter)
        self.status = QLabel("Style transfer from the command line: python -m app stylize PHOTO --style PAINTING -o OUT",
                             alignment=Qt.AlignCenter, wordWrap=True)
        layout = QVBoxLayout()
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        if images:
            self.show_image(Path(images[0]))

    def show_image(self, path: Path) -> None:
        try:
            self.preview.setPixmap(to_pixmap(fit_max_side(read_image(path).rgb, 800)))
            self.status.setText(str(path))
        except UserError as exc:
            self.status.setText(str(exc))
