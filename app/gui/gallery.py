"""The style gallery: our LapStyle paintings first, then the built-in styles, the user's fine-tuned models and recent
style images; a combo at the top shows one kind only."""
import functools
from pathlib import Path

from PyQt5.QtCore import QSize, Qt, pyqtSignal
from PyQt5.QtGui import QIcon, QPixmap
from PyQt5.QtWidgets import (QAction, QButtonGroup, QComboBox, QHBoxLayout, QLabel, QScrollArea, QToolButton,
                             QVBoxLayout, QWidget)

from app.pipeline.paths import ASSETS
from app.pipeline.zoo import short_title, style_title, style_titles

from .flow_layout import FlowLayout
from .i18n import Retranslating, current_language
from .images import THUMB_SIDE, to_qimage
from .text import wrapped
from .workers import Task

THUMBNAILS = ASSETS / "thumbnails"
APP_ICON = ASSETS / "icons" / "huafeng-256.png"
ICON = 84
TEXT_WIDTH = ICON + 8  # a tile's label lines
TILE_LINES = {"lapstyle": 3, "mine": 3}  # a painting's name takes up to three lines ('The Great / Wave off / Kanagawa')


SECTIONS = ("lapstyle", "builtin", "mine", "recent")  # top to bottom: what we are proudest of first


@functools.lru_cache(maxsize=1)
def _style_titles() -> dict:
    return style_titles()


def preset_title(name: str, language: str = None) -> str:
    """A built-in style's name in ``language`` (default: the language in effect): 'style-07' -> 'Indigo pebbles'
    (the names are in weights/manifest.toml)."""
    return style_title(name, language or current_language(), _style_titles())


def model_painting(model) -> Path:
    """The painting a LapStyle preset learnt: NAME.painting.jpg beside its file, or None."""
    if model.file is not None and model.file.with_suffix(".painting.jpg").is_file():
        return model.file.with_suffix(".painting.jpg")
    return None


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
    mixRequested = pyqtSignal(object)     # a tile's key: ("preset", name) or ("file", path)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.filter_bar = QWidget(self)  # stays at the top while the tiles scroll (in the viewport's margin)
        self.filter_label, self.filter_combo = QLabel(), QComboBox()
        self.filter_label.setBuddy(self.filter_combo)
        bar = QHBoxLayout(self.filter_bar)
        bar.setContentsMargins(6, 4, 6, 2)
        bar.addWidget(self.filter_label)
        bar.addWidget(self.filter_combo, 1)
        self.filter_combo.currentIndexChanged.connect(self._apply_filter)
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._sections, self._boxes = {}, {}  # key -> (header, hint, flow); key -> the tiles' widget
        for key in SECTIONS:
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
            self._boxes[key] = box
        self._layout.addStretch()
        self.setWidget(body)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.tiles = {}  # key -> tool button; keys: ("preset", name) ("model", id) ("file", path)
        self._models = {}  # key -> zoo Model, for the model tiles
        self._presets = []  # the built-in styles' names, for their tiles
        self._loader = None
        self.retranslate()

    def _tile(self, section: str, key, text: str, tooltip: str, pixmap: QPixmap, on_click) -> QToolButton:
        button = QToolButton(toolButtonStyle=Qt.ToolButtonTextUnderIcon, checkable=True, autoRaise=True)
        button.setIconSize(QSize(ICON, ICON))
        lines = TILE_LINES.get(section, 2)  # a section's tiles are all one height
        button.setFixedSize(ICON + 12, ICON + 16 + lines * button.fontMetrics().lineSpacing())
        button.setIcon(QIcon(pixmap))
        button.setText(wrapped(button.fontMetrics(), text, TEXT_WIDTH, lines))
        button.setToolTip(tooltip)
        button.clicked.connect(on_click)
        if key[0] in ("preset", "file"):  # built-in styles mix with each other, style images likewise
            button.setContextMenuPolicy(Qt.ActionsContextMenu)
            mix = QAction(self.tr("Mix with the current style"), button)
            mix.triggered.connect(lambda: self.mixRequested.emit(key))
            button.addAction(mix)
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
        self._presets = list(names)
        for name in names:
            self._tile("builtin", ("preset", name), "", "",
                       self._square(THUMBNAILS / f"{name}.jpg"), lambda _=False, n=name: self.presetChosen.emit(n))
        self._label_presets()

    def _label_presets(self) -> None:
        """Built-in style tiles named in the language in effect; the tooltip adds the English name and the id."""
        for name in self._presets:
            button, title = self.tiles[("preset", name)], preset_title(name)
            button.setText(wrapped(button.fontMetrics(), title, TEXT_WIDTH, 2))
            button.setToolTip("\n".join(dict.fromkeys([title, preset_title(name, "en"), name])))

    def set_models(self, lapstyle, mine) -> None:
        self._models = {}
        lapstyle = sorted(lapstyle, key=lambda m: not m.own_style)  # the named paintings before the general model
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
            lines = TILE_LINES["lapstyle"]
            button.setText(wrapped(button.fontMetrics(), short_title(title), TEXT_WIDTH, lines))
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

    def show_kind(self, kind: str) -> None:
        """Show one section only ('lapstyle', 'builtin', 'mine', 'recent'), or all of them (None)."""
        self.filter_combo.setCurrentIndex(max(self.filter_combo.findData(kind), 0))

    def _apply_filter(self) -> None:
        kind = self.filter_combo.currentData()
        for key, (header, hint, flow) in self._sections.items():
            shown = kind is None or kind == key
            header.setVisible(shown)
            self._boxes[key].setVisible(shown)
            hint.setVisible(shown and flow.count() == 0 and bool(hint.text()))
        self.verticalScrollBar().setValue(0)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._place_filter_bar()

    def _place_filter_bar(self) -> None:
        self.filter_label.setVisible(self.width() >= 200)  # one column: the combo alone, with its tooltip
        height = self.filter_bar.sizeHint().height()
        self.setViewportMargins(0, height, 0, 0)
        rect = self.contentsRect()
        self.filter_bar.setGeometry(rect.x(), rect.y(), rect.width(), height)

    def _update_hints(self) -> None:
        for key, text in self._hints.items():
            header, hint, flow = self._sections[key]
            hint.setText(text if flow.count() == 0 else "")
            hint.setVisible(flow.count() == 0 and self.filter_combo.currentData() in (None, key))

    def retranslate(self) -> None:
        titles = {"builtin": self.tr("Built-in styles"), "lapstyle": self.tr("Paintings (LapStyle)"),
                  "mine": self.tr("My fine-tuned models"), "recent": self.tr("Recent style images")}
        for key, title in titles.items():
            self._sections[key][0].setText(title)
        self.filter_label.setText(self.tr("Show"))
        kind = self.filter_combo.currentData()
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        for text, data in ((self.tr("All styles"), None), (self.tr("Paintings"), "lapstyle"),
                           (self.tr("Built-in 26"), "builtin"), (self.tr("Mine (fine-tuned)"), "mine"),
                           (self.tr("Recent style images"), "recent")):
            self.filter_combo.addItem(text, data)
        self.filter_combo.setCurrentIndex(max(self.filter_combo.findData(kind), 0))
        self.filter_combo.blockSignals(False)
        self.filter_combo.setToolTip(self.tr("Which styles the gallery shows"))
        self._place_filter_bar()
        self._label_models()
        self._label_presets()
        self._hints = {"lapstyle": self.tr("None yet. LapStyle files put into the weights folder appear here."),
                       "mine": self.tr("None yet. Tools ▸ Fine-tune teaches a model a new style."),
                       "recent": self.tr("Style images you open or drop appear here.")}
        self._update_hints()
