"""The style gallery: built-in styles, LapStyle models, the user's fine-tuned models, recent style images."""
from pathlib import Path

from PyQt5.QtCore import QSize, Qt, pyqtSignal
from PyQt5.QtGui import QIcon, QPixmap
from PyQt5.QtWidgets import QButtonGroup, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

from app.pipeline.paths import ASSETS
from app.pipeline.zoo import short_title

from .flow_layout import FlowLayout
from .i18n import Retranslating, current_language
from .images import THUMB_SIDE, to_qimage
from .text import wrapped
from .workers import Task

THUMBNAILS = ASSETS / "thumbnails"
APP_ICON = ASSETS / "icons" / "huafeng-256.png"
ICON = 84
TEXT_WIDTH = ICON + 8  # a tile's label lines


def preset_title(name: str) -> str:
    """'style-07' -> '7'."""
    return str(int(name.rsplit("-", 1)[1]))


def model_thumbnail(model) -> Path:
    """A picture for a model: NAME.jpg or NAME.png beside its file (a stylized photo), or None."""
    for suffix in (".jpg", ".png"):
        if model.file is not None and model.file.with_suffix(suffix).is_file():
            return model.file.with_suffix(suffix)
    return None


def _thumbnails_job(paths):
    def job(cancel, report):
        from app.pipeline.errors import UserError
        from app.pipeline.imageio import read_image
        from app.pipeline.tensors import center_square

        for path in paths:
            if cancel.is_set():
                return
            try:
                report((path, to_qimage(center_square(read_image(path).rgb, THUMB_SIDE))))
            except UserError:
                continue
    return job


class StyleGallery(Retranslating, QScrollArea):
    """Tiles in sections; clicking one emits what it stands for."""
    presetChosen = pyqtSignal(str)
    modelChosen = pyqtSignal(object)      # a zoo Model
    styleFileChosen = pyqtSignal(object)  # Path

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._sections = {}
        for key in ("builtin", "lapstyle", "mine", "recent"):
            header, hint = QLabel(), QLabel(wordWrap=True)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            hint.setEnabled(False)
            hint.hide()
            box = QWidget()
            flow = FlowLayout(box, spacing=4)
            self._layout.addWidget(header)
            self._layout.addWidget(hint)
            self._layout.addWidget(box)
            self._sections[key] = (header, hint, flow)
        self._layout.addStretch()
        self.setWidget(body)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.tiles = {}  # key -> tool button; keys: ("preset", name) ("model", id) ("file", path)
        self._models = {}  # key -> zoo Model, for the model tiles
        self._loader = None
        self.retranslate()

    def _tile(self, section: str, key, text: str, tooltip: str, pixmap: QPixmap, on_click) -> QToolButton:
        button = QToolButton(toolButtonStyle=Qt.ToolButtonTextUnderIcon, checkable=True, autoRaise=True)
        button.setIconSize(QSize(ICON, ICON))
        lines = 1 if section == "builtin" else 2  # a section's tiles are all one height
        button.setFixedSize(ICON + 12, ICON + 16 + lines * button.fontMetrics().lineSpacing())
        button.setIcon(QIcon(pixmap))
        button.setText(wrapped(button.fontMetrics(), text, TEXT_WIDTH, lines))
        button.setToolTip(tooltip)
        button.clicked.connect(on_click)
        self.group.addButton(button)
        self._sections[section][2].addWidget(button)
        self.tiles[key] = button
        return button

    def _clear(self, section: str) -> None:
        flow = self._sections[section][2]
        while flow.count():
            widget = flow.takeAt(0).widget()
            key = next(k for k, b in self.tiles.items() if b is widget)
            del self.tiles[key]
            self.group.removeButton(widget)
            widget.deleteLater()

    @staticmethod
    def _square(path) -> QPixmap:
        pixmap = QPixmap(str(path)) if path else QPixmap()
        if pixmap.isNull():
            pixmap = QPixmap(str(APP_ICON))
        return pixmap.scaled(ICON, ICON, Qt.KeepAspectRatioByExpanding, Qt.SmoothTransformation)

    def set_presets(self, names) -> None:
        self._clear("builtin")
        for name in names:
            self._tile("builtin", ("preset", name), preset_title(name), name,
                       self._square(THUMBNAILS / f"{name}.jpg"), lambda _=False, n=name: self.presetChosen.emit(n))

    def set_models(self, lapstyle, mine) -> None:
        self._models = {}
        for section, models in (("lapstyle", lapstyle), ("mine", mine)):
            self._clear(section)
            for model in models:
                self._tile(section, ("model", model.id), "", "", self._square(model_thumbnail(model)),
                           lambda _=False, m=model: self.modelChosen.emit(m))
                self._models[("model", model.id)] = model
        self._label_models()
        self._update_hints()

    def _label_models(self) -> None:
        """Model tiles named in the language in effect (a card may give its title in Chinese)."""
        for key, model in self._models.items():
            button, title = self.tiles[key], model.title_in(current_language())
            button.setText(wrapped(button.fontMetrics(), short_title(title), TEXT_WIDTH, 2))
            button.setToolTip("\n".join(dict.fromkeys([title, model.title, model.source])))  # English too

    def set_recent_styles(self, paths) -> None:
        self._clear("recent")
        for path in paths:
            self._tile("recent", ("file", path), path.stem, str(path), self._square(None),
                       lambda _=False, p=path: self.styleFileChosen.emit(p))
        if self._loader is not None:
            self._loader.detach()
        self._loader = Task(_thumbnails_job(list(paths)))
        self._loader.progress.connect(self._thumbnail_ready)
        self._loader.start()
        self._update_hints()

    def _thumbnail_ready(self, item) -> None:
        path, image = item
        button = self.tiles.get(("file", path))
        if button is not None:
            button.setIcon(QIcon(QPixmap.fromImage(image).scaled(ICON, ICON, Qt.KeepAspectRatio,
                                                                  Qt.SmoothTransformation)))

    def select(self, key) -> None:
        """Mark the tile ``key`` as the current style (no tile when the style is not in the gallery)."""
        button = self.tiles.get(key)
        if button is not None:
            button.setChecked(True)
        elif self.group.checkedButton() is not None:
            self.group.setExclusive(False)
            self.group.checkedButton().setChecked(False)
            self.group.setExclusive(True)

    def stop(self) -> None:
        if self._loader is not None:
            self._loader.detach()

    def _update_hints(self) -> None:
        for key, text in self._hints.items():
            header, hint, flow = self._sections[key]
            hint.setText(text if flow.count() == 0 else "")
            hint.setVisible(flow.count() == 0)

    def retranslate(self) -> None:
        titles = {"builtin": self.tr("Built-in styles"), "lapstyle": self.tr("LapStyle models"),
                  "mine": self.tr("My fine-tuned models"), "recent": self.tr("Recent style images")}
        for key, title in titles.items():
            self._sections[key][0].setText(title)
        self._label_models()
        self._hints = {"lapstyle": self.tr("None yet. LapStyle files put into the weights folder appear here."),
                       "mine": self.tr("None yet. Tools ▸ Fine-tune teaches a model a new style."),
                       "recent": self.tr("Style images you open or drop appear here.")}
        self._update_hints()
