"""The preview pane: fit, zoom about the cursor, pan by dragging, the before/after split handle."""
import numpy as np
from PyQt5.QtCore import QEvent, QPoint, QPointF, Qt
from PyQt5.QtGui import QMouseEvent
from PyQt5.QtWidgets import QApplication

from app.gui.image_view import ImageView
from app.gui.images import to_qimage


def make_view(qtbot, size=(400, 300)):
    view = ImageView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    before = to_qimage(np.zeros((100, 200, 3), np.uint8))
    after = to_qimage(np.full((100, 200, 3), 255, np.uint8))
    view.set_images(before, after, (800, 400))  # a low-resolution preview of an 800 x 400 result
    return view


def drag(widget, start: QPoint, end: QPoint) -> None:
    """Press, move and release the left button (QTest's mouseMove carries no button in Qt 5)."""
    for kind, pos, buttons in ((QEvent.MouseButtonPress, start, Qt.LeftButton),
                               (QEvent.MouseMove, end, Qt.LeftButton),
                               (QEvent.MouseButtonRelease, end, Qt.NoButton)):
        QApplication.sendEvent(widget, QMouseEvent(kind, QPointF(pos), Qt.LeftButton, buttons, Qt.NoModifier))


def test_fit_zoom_about_the_cursor_and_back(qtbot):
    view = make_view(qtbot)
    assert abs(view.scale - (400 - 16) / 800) < 1e-6
    anchor = QPointF(300, 150)
    under = view._to_image(anchor)
    view.zoom_to(2.0, anchor)
    assert view.scale == 2.0
    assert (view._to_image(anchor) - under).manhattanLength() < 1e-6  # the point under the cursor stays put
    view.zoom_in()
    assert view.scale == 2.5
    view.fit_to_window()
    assert abs(view.scale - 0.48) < 1e-6 and view.image_rect().center() == QPointF(200, 150)
    view.zoom_to(100.0)
    assert view.scale == 16.0  # clamped


def test_pan_by_dragging_and_the_split_handle(qtbot):
    view = make_view(qtbot)
    view.actual_size()
    left = view.image_rect().left()
    drag(view, QPoint(100, 100), QPoint(160, 100))
    assert view.image_rect().left() == left + 60
    view.fit_to_window()
    rect = view.image_rect()
    handle = QPoint(int(rect.left() + 0.5 * rect.width()), int(rect.center().y()))
    drag(view, handle, QPoint(int(rect.left() + 0.25 * rect.width()), handle.y()))
    assert abs(view.split - 0.25) < 0.01
    image = view.grab().toImage()
    y = int(rect.center().y())
    assert image.pixelColor(int(rect.left() + 0.1 * rect.width()), y).lightness() < 30    # before: black
    assert image.pixelColor(int(rect.left() + 0.6 * rect.width()), y).lightness() > 225   # after: white
    view.set_compare(False)
    assert view.grab().toImage().pixelColor(int(rect.left() + 0.1 * rect.width()), y).lightness() > 225


def test_window_zoom_shortcuts(qtbot, window, photo):
    from guitools import wait_loaded

    window.open_content(photo)
    wait_loaded(qtbot, window)
    fit = window.view.scale
    qtbot.keyClick(window, Qt.Key_Equal, Qt.ControlModifier)
    assert window.view.scale > fit and window.zoom_label.text() == f"{window.view.scale * 100:.0f} %"
    qtbot.keyClick(window, Qt.Key_1, Qt.ControlModifier)
    assert window.view.scale == 1.0
    qtbot.keyClick(window, Qt.Key_0, Qt.ControlModifier)
    assert window.view.scale == fit
