"""The session history: every result of this session as a thumbnail to go back to, save, or build on."""
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PyQt5.QtCore import QSize, Qt, pyqtSignal
from PyQt5.QtGui import QIcon, QImage, QPixmap
from PyQt5.QtWidgets import QListView, QListWidget, QListWidgetItem, QMenu

from .i18n import Retranslating

HISTORY_MAX = 20
ICON = 72


@dataclass(eq=False)
class Result:
    """One rendered result with what it came from."""
    rgb: np.ndarray
    alpha: np.ndarray     # the photo's transparency (None when opaque)
    before: QImage        # screen copies
    after: QImage
    name: str             # the photo's name
    label: str            # the style or model
    summary: str          # one line for the status bar and tooltips
    seconds: float
    thumb: QImage = None  # made in the worker: scaling a large result here would stall the GUI
    saved: Path = None
    title: str = ""       # what the history strip calls it (default: the label)
    model: str = ""       # the model's id

    @property
    def size(self) -> tuple:
        return self.rgb.shape[1], self.rgb.shape[0]


class HistoryStrip(Retranslating, QListWidget):
    chosen = pyqtSignal(object)
    saveRequested = pyqtSignal(object)
    useAsContent = pyqtSignal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setViewMode(QListView.IconMode)
        self.setFlow(QListView.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Static)
        self.setIconSize(QSize(ICON, ICON))
        self.setGridSize(QSize(ICON + 24, ICON + 30))
        self.setFixedHeight(ICON + 48)
        self.setHorizontalScrollMode(QListView.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemClicked.connect(lambda item: self.chosen.emit(item.data(Qt.UserRole)))
        self.hide()  # shown with the first result
        self.retranslate()

    def add(self, result: Result) -> None:
        item = QListWidgetItem(QIcon(QPixmap.fromImage(result.thumb if result.thumb is not None else result.after)),
                               result.title or result.label)
        item.setData(Qt.UserRole, result)
        item.setToolTip(f"{result.name}: {result.summary}")
        self.insertItem(0, item)
        self.setCurrentItem(item)
        self.show()
        while self.count() > HISTORY_MAX:
            self.takeItem(self.count() - 1)

    def results(self) -> list:
        return [self.item(i).data(Qt.UserRole) for i in range(self.count())]

    def _menu(self, pos) -> None:
        item = self.itemAt(pos)
        if item is None:
            return
        result = item.data(Qt.UserRole)
        menu = QMenu(self)
        menu.addAction(self.tr("Save as…"), lambda: self.saveRequested.emit(result))
        menu.addAction(self.tr("Use as the photo"), lambda: self.useAsContent.emit(result))
        menu.addAction(self.tr("Remove from history"), lambda: self.takeItem(self.row(item)))
        menu.exec_(self.mapToGlobal(pos))

    def retranslate(self) -> None:
        self.setToolTip(self.tr("Results of this session: click one to see it again; right-click to save it or "
                                "to use it as the photo"))
