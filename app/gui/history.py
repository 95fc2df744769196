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
    settings: dict = None  # what made it (recipe.recipe_settings): the tooltips, the saved file's text
    details: str = ""     # the settings as lines for people (tooltips)
    recipe: object = None  # the Recipe it was rendered with ("Use these settings")
    style_image: object = None  # the style image it was rendered with (images.Loaded), if any
    number: int = 0       # its place in the session (1, 2, ...), set by the history

    @property
    def size(self) -> tuple:
        return self.rgb.shape[1], self.rgb.shape[0]


class HistoryStrip(Retranslating, QListWidget):
    chosen = pyqtSignal(object)
    saveRequested = pyqtSignal(object)
    useAsContent = pyqtSignal(object)
    useSettings = pyqtSignal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setViewMode(QListView.IconMode)
        self.setFlow(QListView.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Static)
        self.setIconSize(QSize(ICON, ICON))
        self.ensurePolished()  # the style sheet's font: two lines of text under each icon
        lines = 2 * self.fontMetrics().lineSpacing()
        width = max(ICON + 24, self.fontMetrics().horizontalAdvance("100 % · 1024 px") + 12)
        self.setGridSize(QSize(width, ICON + 12 + lines))
        self.setFixedHeight(ICON + 30 + lines)
        self._added = 0
        self.setHorizontalScrollMode(QListView.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemClicked.connect(lambda item: self.chosen.emit(item.data(Qt.UserRole)))
        self.hide()  # shown with the first result
        self.retranslate()

    def add(self, result: Result) -> None:
        self._added += 1
        result.number = result.number or self._added
        item = QListWidgetItem(QIcon(QPixmap.fromImage(result.thumb if result.thumb is not None else result.after)),
                               self.label(result))
        item.setData(Qt.UserRole, result)
        item.setToolTip(f"{result.number}. {result.name}\n{result.details or result.summary}")
        self.insertItem(0, item)
        self.setCurrentItem(item)
        self.show()
        while self.count() > HISTORY_MAX:
            self.takeItem(self.count() - 1)

    def label(self, result: Result) -> str:
        """Two lines that tell results apart: "3. starry_night" (the middle elided), "47 % · 512 px"."""
        width = self.gridSize().width() - 6
        name = self.fontMetrics().elidedText(f"{result.number}. {result.title or result.label}", Qt.ElideMiddle,
                                             width)
        settings = result.settings or {}
        parts = [f"{settings['strength']} %"] if "strength" in settings else []
        parts.append(f"{max(result.size)} px")
        return f"{name}\n{' · '.join(parts)}"

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
        menu.addAction(self.tr("Use these settings"), lambda: self.useSettings.emit(result)).setEnabled(
            result.recipe is not None)
        menu.addAction(self.tr("Remove from history"), lambda: self.takeItem(self.row(item)))
        menu.exec_(self.mapToGlobal(pos))

    def retranslate(self) -> None:
        self.setToolTip(self.tr("Results of this session: click one to see it again; right-click to save it, to "
                                "use it as the photo or to set the controls as for it"))
