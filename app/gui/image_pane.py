"""A picker for one image, the photo or the style: open dialog, drag-and-drop, paste, recent files."""
from pathlib import Path

from PyQt5.QtCore import QMimeData, Qt, pyqtSignal
from PyQt5.QtGui import QPixmap
from PyQt5.QtWidgets import (QApplication, QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QSizePolicy,
                             QToolButton, QVBoxLayout)

from .i18n import Retranslating
from .images import from_qimage
from .text import elided_path, wrapped

THUMB_W, THUMB_H = 172, 124
RECENT_WIDTH = 420  # pixels of a recent file's path in its menu


def dropped_files(mime: QMimeData) -> list:
    """The local files in a drag or a clipboard, as paths."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


def clipboard_picture():
    """What the clipboard holds that can be an image: ('file', path), ('image', rgb array) or None."""
    mime = QApplication.clipboard().mimeData()
    if mime is None:
        return None
    files = dropped_files(mime)
    if files:
        return "file", files[0]
    if mime.hasImage():
        image = QApplication.clipboard().image()
        if not image.isNull():
            return "image", from_qimage(image)
    return None


class ImagePane(Retranslating, QFrame):
    """Shows the chosen image with its name and size; emits what the user picks."""
    fileChosen = pyqtSignal(object)      # Path
    imagePasted = pyqtSignal(object)     # HxWx3 array from the clipboard
    openRequested = pyqtSignal()
    message = pyqtSignal(str)            # a problem to show in the status bar

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind  # "content" or "style"
        self.setObjectName(f"{kind}Pane")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.StyledPanel)
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.thumb = QLabel(alignment=Qt.AlignCenter, wordWrap=True)
        self.thumb.setFixedSize(THUMB_W, THUMB_H)
        self.thumb.setObjectName("thumb")
        self.info = QLabel(wordWrap=True, alignment=Qt.AlignLeft | Qt.AlignTop)
        self.info.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.info.ensurePolished()  # the style sheet's font, not the default one
        self.info.setFixedHeight(2 * self.info.fontMetrics().lineSpacing() + 12)  # loading never shifts the layout
        self.open_button = QPushButton(clicked=self.openRequested.emit)
        self.paste_button = QPushButton(clicked=self.paste)
        self.recent_button = QToolButton(popupMode=QToolButton.InstantPopup, arrowType=Qt.DownArrow)  # compact
        self.recent_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")  # the arrow says it
        self.recent_menu = QMenu(self.recent_button)
        self.recent_button.setMenu(self.recent_menu)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for button in (self.open_button, self.paste_button, self.recent_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.thumb, 0, Qt.AlignHCenter)
        layout.addWidget(self.info)
        layout.addLayout(buttons)
        self._loaded = None
        self._recent = []
        self._state = ("empty", "")
        self._set_frame(False)
        self.retranslate()

    # --- what is shown -------------------------------------------------------------------------------
    @property
    def state(self) -> str:
        """'empty', 'loading', 'loaded', 'error', 'preset' or 'none'."""
        return self._state[0]

    def show_loaded(self, loaded) -> None:
        self._loaded = loaded
        self._state = ("loaded", "")
        self.thumb.setPixmap(QPixmap.fromImage(loaded.thumb).scaled(THUMB_W, THUMB_H, Qt.KeepAspectRatio,
                                                                    Qt.SmoothTransformation))
        self._show_info()

    def show_text(self, state: str, text: str = "") -> None:
        """'loading' a file name, 'error' a message, 'preset' a preset name or 'none' (model takes no style)."""
        self._state = (state, text)
        if state != "loading":
            self._loaded = None
            self.thumb.clear()
        self._show_info()

    def show_pixmap(self, pixmap: QPixmap, caption: str) -> None:
        """A built-in style or model chosen in the gallery."""
        self._loaded = None
        self._state = ("preset", caption)
        self.thumb.setPixmap(pixmap.scaled(THUMB_W, THUMB_H, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        self._show_info()

    def _show_info(self) -> None:
        state, text = self._state
        self.info.setStyleSheet("color: #e06c5a;" if state == "error" else "")
        if state == "loaded":
            w, h = self._loaded.size
            name = self.info.fontMetrics().elidedText(self._loaded.name, Qt.ElideMiddle, THUMB_W - 8)
            self.info.setText(f"{name}\n{w} × {h}")
            self.info.setToolTip(str(self._loaded.path or ""))
            return
        self.info.setToolTip(text)
        room = max(self.info.width(), THUMB_W) - 4  # one line of the pane: what does not fit ends in "…"
        if state == "loading":
            self.info.setText(self.info.fontMetrics().elidedText(self.tr("Loading {name}…").format(name=text),
                                                                 Qt.ElideMiddle, room))
        elif state in ("error", "preset"):
            self.info.setText(wrapped(self.info.fontMetrics(), text, room, 2) if state == "error" else text)
        else:
            self.info.setText("")
        if state in ("empty", "none", "error"):
            self.thumb.setText(self.empty_text if state != "none" else self.tr("This model takes no style"))

    def set_recent(self, paths) -> None:
        self._recent = list(paths)
        self.recent_menu.clear()
        self.recent_menu.setToolTipsVisible(True)
        for path in self._recent:  # the path elided in its middle, never a word broken; the full path on hover
            action = self.recent_menu.addAction(
                elided_path(self.recent_menu.fontMetrics(), path, RECENT_WIDTH).replace("&", "&&"))
            action.setToolTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.fileChosen.emit(p))
        self.recent_button.setEnabled(bool(self._recent))

    # --- input ---------------------------------------------------------------------------------------
    def paste(self) -> None:
        found = clipboard_picture()
        if found is None:
            self.message.emit(self.tr("The clipboard holds no image."))
        elif found[0] == "file":
            self.fileChosen.emit(found[1])
        else:
            self.imagePasted.emit(found[1])

    def dragEnterEvent(self, event):
        if dropped_files(event.mimeData()) or event.mimeData().hasImage():
            event.acceptProposedAction()
            self._set_frame(True)

    def dragLeaveEvent(self, event):
        self._set_frame(False)

    def dropEvent(self, event):
        self._set_frame(False)
        files = dropped_files(event.mimeData())
        if files:
            self.fileChosen.emit(files[0])
        elif event.mimeData().hasImage():
            self.imagePasted.emit(from_qimage(event.mimeData().imageData()))
        event.acceptProposedAction()

    def _set_frame(self, hovering: bool) -> None:
        color = "#3daee9" if hovering else "rgba(128, 128, 128, 110)"
        self.thumb.setStyleSheet(f"QLabel#thumb {{ border: 2px dashed {color}; border-radius: 4px; }}")

    def retranslate(self) -> None:
        if self.kind == "content":
            self.title.setText(self.tr("Photo"))
            self.empty_text = self.tr("Drop a photo here")
            self.open_button.setToolTip(self.tr("Open a photo (Ctrl+O)"))
            self.paste_button.setToolTip(self.tr("Paste a photo from the clipboard (Ctrl+V)"))
        else:
            self.title.setText(self.tr("Style"))
            self.empty_text = self.tr("Drop a painting here, or pick a style in the gallery")
            self.open_button.setToolTip(self.tr("Open a style image (Ctrl+Shift+O)"))
            self.paste_button.setToolTip(self.tr("Paste a style image from the clipboard (Ctrl+Shift+V)"))
        self.open_button.setText(self.tr("Open…"))
        self.paste_button.setText(self.tr("Paste"))
        self.recent_button.setToolTip(self.tr("Recent files"))
        self._show_info()
