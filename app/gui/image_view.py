"""The preview pane: before/after with a split slider, zoom (wheel, keys) and pan (drag), fit to window."""
from PyQt5.QtCore import QEvent, QPointF, QRectF, QSize, Qt, pyqtSignal
from PyQt5.QtGui import QColor, QFont, QPainter, QPen, QPixmap
from PyQt5.QtWidgets import QSizePolicy, QToolTip, QWidget

from .i18n import Retranslating

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.02, 16.0, 1.25
HANDLE_GRAB = 8  # pixels either side of the split line that grab it
MARGIN = 8


class ImageView(Retranslating, QWidget):
    """Shows a result over its original: the part left of the split line is "before", the right "after".

    Both images are drawn into the same rectangle, the result's size (``logical_size``) times the zoom, so a
    low-resolution preview and the full render line up."""
    zoomChanged = pyqtSignal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setMinimumSize(240, 200)
        self._before = self._after = None
        self._size = QSize()
        self._scale, self._fit = 1.0, True
        self._center = QPointF()
        self._split, self._compare = 0.5, True
        self._drag = None  # ("split" | "pan", press position, center at press)
        self.caption = ""
        self.caption_tooltip = ""   # shown when the pointer rests on the caption
        self.caption_rect = QRectF()  # where the caption was last painted
        self.busy = ""
        self.retranslate()

    # --- content -------------------------------------------------------------------------------------
    def set_images(self, before, after, logical_size, caption="", tooltip="") -> None:
        """Show ``before``/``after`` QImages (either may be None) as an image of ``logical_size`` (w, h); the
        caption's ``tooltip`` shows when the pointer rests on the caption."""
        self.caption_tooltip = tooltip
        changed = QSize(*logical_size) != self._size
        self._before = QPixmap.fromImage(before) if before is not None else None
        self._after = QPixmap.fromImage(after) if after is not None else None
        self._size = QSize(*logical_size)
        self.caption = caption
        if changed:  # another picture or output size: start from the whole image again
            self._fit = True
        self._relayout()

    @property
    def before(self) -> QPixmap:
        return self._before

    @property
    def after(self) -> QPixmap:
        return self._after

    def has_image(self) -> bool:
        return self._before is not None or self._after is not None

    def set_busy(self, text: str) -> None:
        self.busy = text
        self.update()

    # --- zoom and pan --------------------------------------------------------------------------------
    @property
    def scale(self) -> float:
        return self._scale

    @property
    def split(self) -> float:
        return self._split

    def fit_to_window(self) -> None:
        self._fit = True
        self._relayout()

    def zoom_to(self, scale: float, anchor: QPointF = None) -> None:
        """Zoom to ``scale`` (1.0 = one image pixel per screen pixel), keeping ``anchor`` (widget point) still."""
        if self._size.isEmpty():
            return
        scale = min(max(scale, ZOOM_MIN), ZOOM_MAX)
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        under = self._to_image(anchor)
        self._fit, self._scale = False, scale
        self._center = under - (anchor - QPointF(self.width() / 2, self.height() / 2)) / scale
        self._relayout()

    def zoom_in(self) -> None:
        self.zoom_to(self._scale * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_to(self._scale / ZOOM_STEP)

    def actual_size(self) -> None:
        self.zoom_to(1.0)

    def set_compare(self, on: bool) -> None:
        self._compare = on
        self.update()

    def set_split(self, fraction: float) -> None:
        self._split = min(max(fraction, 0.0), 1.0)
        self.update()

    def image_rect(self) -> QRectF:
        """Where the image is drawn, in widget coordinates."""
        w, h = self._size.width() * self._scale, self._size.height() * self._scale
        top_left = QPointF(self.width() / 2, self.height() / 2) - self._center * self._scale
        return QRectF(top_left.x(), top_left.y(), w, h)

    def _to_image(self, point: QPointF) -> QPointF:
        return self._center + (point - QPointF(self.width() / 2, self.height() / 2)) / self._scale

    def _relayout(self) -> None:
        if not self._size.isEmpty():
            iw, ih = self._size.width(), self._size.height()
            if self._fit:
                self._scale = max(min((self.width() - 2 * MARGIN) / iw, (self.height() - 2 * MARGIN) / ih), ZOOM_MIN)
                self._center = QPointF(iw / 2, ih / 2)
            self._center = QPointF(self._clamp(self._center.x(), iw, self.width()),
                                   self._clamp(self._center.y(), ih, self.height()))
            self.zoomChanged.emit(self._scale)
        self.update()

    def _clamp(self, center: float, image_side: float, view_side: float) -> float:
        half = view_side / 2 / self._scale
        if image_side <= 2 * half:
            return image_side / 2
        return min(max(center, half), image_side - half)

    # --- painting ------------------------------------------------------------------------------------
    def _split_x(self) -> float:
        rect = self.image_rect()
        return rect.left() + self._split * rect.width()

    def _comparing(self) -> bool:
        return self._compare and self._before is not None and self._after is not None

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(self.backgroundRole()).darker(115))
        if not self.has_image():
            painter.setPen(self.palette().color(self.foregroundRole()))
            painter.drawText(self.rect().adjusted(20, 20, -20, -20), Qt.AlignCenter | Qt.TextWordWrap,
                             self.placeholder)
            return
        rect = self.image_rect()
        painter.setRenderHint(QPainter.SmoothPixmapTransform, self._scale < 2.0)
        if self._comparing():
            x = self._split_x()
            painter.save()
            painter.setClipRect(QRectF(rect.left(), rect.top(), x - rect.left(), rect.height()))
            painter.drawPixmap(rect, self._before, QRectF(self._before.rect()))
            painter.setClipRect(QRectF(x, rect.top(), rect.right() - x, rect.height()))
            painter.drawPixmap(rect, self._after, QRectF(self._after.rect()))
            painter.restore()
            self._paint_handle(painter, x, rect)
        else:
            shown = self._after or self._before
            painter.drawPixmap(rect, shown, QRectF(shown.rect()))
        for text, corner in ((self.caption, Qt.AlignBottom | Qt.AlignLeft), (self.busy, Qt.AlignTop | Qt.AlignRight)):
            if text:
                box = self._paint_badge(painter, text, corner)
                if text is self.caption:
                    self.caption_rect = box

    def _paint_handle(self, painter, x, rect):
        top, bottom = max(rect.top(), 0), min(rect.bottom(), self.height())
        painter.setPen(QPen(QColor(255, 255, 255, 220), 2))
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        mid = (top + bottom) / 2
        painter.setBrush(QColor(30, 30, 30, 200))
        painter.drawEllipse(QPointF(x, mid), 11, 11)
        painter.drawText(QRectF(x - 11, mid - 11, 22, 22), Qt.AlignCenter, "\u2194")
        labels = ((self.before_label, QRectF(rect.left(), top, x - rect.left(), 30), Qt.AlignRight),
                  (self.after_label, QRectF(x, top, rect.right() - x, 30), Qt.AlignLeft))
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        for text, area, align in labels:
            if area.width() < metrics.horizontalAdvance(text) + 24:
                continue
            w = metrics.horizontalAdvance(text) + 12
            box = QRectF(area.right() - w - 6 if align == Qt.AlignRight else area.left() + 6, area.top() + 6, w,
                         metrics.height() + 4)
            painter.fillRect(box, QColor(0, 0, 0, 150))
            painter.setPen(Qt.white)
            painter.drawText(box, Qt.AlignCenter, text)

    def _paint_badge(self, painter, text, corner):
        metrics = painter.fontMetrics()
        text = metrics.elidedText(text, Qt.ElideRight, max(self.width() - 30, 20))  # a narrow view: "…", not cut
        w, h = metrics.horizontalAdvance(text) + 14, metrics.height() + 6
        x = 8 if corner & Qt.AlignLeft else self.width() - w - 8
        y = self.height() - h - 8 if corner & Qt.AlignBottom else 8
        box = QRectF(x, y, w, h)
        painter.fillRect(box, QColor(0, 0, 0, 160))
        painter.setPen(Qt.white)
        painter.drawText(box, Qt.AlignCenter, text)
        return box

    def event(self, event):
        if event.type() == QEvent.ToolTip:
            if self.caption and self.caption_tooltip and self.caption_rect.contains(QPointF(event.pos())):
                QToolTip.showText(event.globalPos(), self.caption_tooltip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    # --- input ---------------------------------------------------------------------------------------
    def _near_handle(self, pos) -> bool:
        rect = self.image_rect()
        return self._comparing() and abs(pos.x() - self._split_x()) <= HANDLE_GRAB and \
            rect.top() <= pos.y() <= rect.bottom()

    def mousePressEvent(self, event):
        if event.button() != Qt.LeftButton or not self.has_image():
            return super().mousePressEvent(event)
        kind = "split" if self._near_handle(event.pos()) else "pan"
        self._drag = (kind, QPointF(event.pos()), QPointF(self._center))
        self.setCursor(Qt.SplitHCursor if kind == "split" else Qt.ClosedHandCursor)

    def mouseMoveEvent(self, event):
        if self._drag is None:
            self.setCursor(Qt.SplitHCursor if self._near_handle(event.pos()) else Qt.OpenHandCursor
                           if self.has_image() else Qt.ArrowCursor)
            return
        kind, pressed, center = self._drag
        if kind == "split":
            rect = self.image_rect()
            self.set_split((event.pos().x() - rect.left()) / max(rect.width(), 1.0))
        else:
            self._fit = False
            self._center = center - (QPointF(event.pos()) - pressed) / self._scale
            self._relayout()

    def mouseReleaseEvent(self, event):
        self._drag = None
        self.setCursor(Qt.OpenHandCursor if self.has_image() else Qt.ArrowCursor)

    def mouseDoubleClickEvent(self, event):
        if self._fit:
            self.zoom_to(1.0, QPointF(event.pos()))
        else:
            self.fit_to_window()

    def wheelEvent(self, event):
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_to(self._scale * ZOOM_STEP ** steps, QPointF(event.pos()))

    def resizeEvent(self, event):
        self._relayout()

    def retranslate(self) -> None:
        self.placeholder = self.tr("Drop a photo here, or press Ctrl+O to open one.\n\n"
                                   "Then pick a style in the gallery on the right.")
        self.before_label = self.tr("Before")
        self.after_label = self.tr("After")
        self.update()
