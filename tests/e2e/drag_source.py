"""A small window that starts a real file drag when pressed: the end-to-end test's file manager.

    python drag_source.py FILE X Y
"""
import sys

from PyQt5.QtCore import QMimeData, Qt, QUrl
from PyQt5.QtGui import QDrag
from PyQt5.QtWidgets import QApplication, QLabel


class DragSource(QLabel):
    def __init__(self, path):
        super().__init__("drag me")
        self.path = path
        self.setAlignment(Qt.AlignCenter)
        self.setWindowTitle("drag source")

    def mousePressEvent(self, event):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(self.path)])
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec_(Qt.CopyAction)


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    source = DragSource(sys.argv[1])
    source.setGeometry(int(sys.argv[2]), int(sys.argv[3]), 160, 120)
    source.show()
    print("ready", flush=True)
    sys.exit(app.exec_())
