"""Helpers for the GUI tests: drops as a file manager makes them, waiting for workers, reading pixels."""
import numpy as np
from PIL import Image
from PyQt5.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PyQt5.QtGui import QDragEnterEvent, QDropEvent
from PyQt5.QtWidgets import QApplication

from app.gui.render_controller import PreviewState, RenderState


def drop_files(widget, paths, pos=None):
    """Deliver a drop of local files onto ``widget`` as Qt does after a drag from a file manager."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = pos or QPoint(widget.width() // 2, widget.height() // 2)
    enter = QDragEnterEvent(point, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), f"{widget.objectName()} refused the drag"
    drop = QDropEvent(QPointF(point), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted(), f"{widget.objectName()} refused the drop"


def small_copy(src, dst, side=320):
    """A JPEG copy of ``src`` shrunk to ``side`` pixels at most."""
    img = Image.open(src).convert("RGB")
    img.thumbnail((side, side))
    img.save(dst, quality=92)
    return dst


def wait_loaded(qtbot, window, kind="content", timeout=20000):
    qtbot.waitUntil(lambda: kind not in window._loads, timeout=timeout)


def wait_render(qtbot, window, timeout=60000):
    qtbot.waitUntil(lambda: window.renderer.state is not RenderState.RENDERING, timeout=timeout)


def wait_preview(qtbot, window, timeout=60000):
    """Until the preview pane shows a preview for the current settings."""
    qtbot.waitUntil(lambda: window.renderer.preview_state is PreviewState.IDLE and window.view.busy == "" and
                    window.view.after is not None and window.current is None, timeout=timeout)


def pixels(path):
    return np.asarray(Image.open(path).convert("RGB"))
