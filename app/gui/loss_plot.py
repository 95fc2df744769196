"""A small live plot of training losses (log scale), drawn with QPainter."""
import math

from PyQt5.QtCore import QPointF, QRectF, Qt
from PyQt5.QtGui import QColor, QPainter, QPainterPath, QPen
from PyQt5.QtWidgets import QSizePolicy, QWidget

from .i18n import Retranslating

COLORS = ["#f0c05a", "#5ab0f0", "#e0735a", "#7ad07a", "#c08af0", "#f08ac8", "#8ae0e0", "#c8c87a", "#a0a0a0",
          "#f0a05a", "#5a7af0"]
MAX_POINTS = 2000  # older points are thinned to keep painting cheap


class LossPlot(Retranslating, QWidget):
    """``add(step, losses)`` appends a point per loss; 'total' is drawn thick, the others thin."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(320, 180)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.series = {}
        self.retranslate()

    def clear(self) -> None:
        self.series = {}
        self.update()

    def add(self, step: int, losses: dict) -> None:
        for name, value in losses.items():
            if value is not None and math.isfinite(value) and value > 0:
                points = self.series.setdefault(name, [])
                points.append((step, value))
                if len(points) > MAX_POINTS:
                    del points[1::2]
        self.update()

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        text = self.palette().color(self.foregroundRole())
        painter.fillRect(self.rect(), self.palette().color(self.backgroundRole()).darker(110))
        legend_width = max((self.fontMetrics().horizontalAdvance(self.legend(n)) for n in self.series), default=0)
        area = QRectF(self.rect()).adjusted(44, 10, -(legend_width + 16), -22)
        if not self.series or area.width() < 20 or area.height() < 20:
            painter.setPen(text)
            painter.drawText(self.rect().adjusted(8, 8, -8, -8), Qt.AlignCenter | Qt.TextWordWrap, self.empty_text)
            return
        steps = [s for points in self.series.values() for s, _ in points]
        values = [math.log10(v) for points in self.series.values() for _, v in points]
        s0, s1 = min(steps), max(max(steps), min(steps) + 1)
        v0, v1 = math.floor(min(values)), math.ceil(max(values) + 1e-9)
        v1 = max(v1, v0 + 1)

        def point(step, value):
            return QPointF(area.left() + (step - s0) / (s1 - s0) * area.width(),
                           area.bottom() - (math.log10(value) - v0) / (v1 - v0) * area.height())
        painter.setPen(QPen(text, 1))
        painter.drawRect(area)
        for decade in range(v0, v1 + 1):
            y = area.bottom() - (decade - v0) / (v1 - v0) * area.height()
            painter.drawText(QRectF(0, y - 8, 40, 16), Qt.AlignRight | Qt.AlignVCenter, f"1e{decade}")
        painter.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), 18), Qt.AlignLeft, str(s0))
        painter.drawText(QRectF(area.left(), area.bottom() + 2, area.width(), 18), Qt.AlignRight,
                         self.step_text.format(n=s1))
        names = sorted(self.series, key=lambda n: (n != "total", n))
        for i, name in enumerate(names):
            color = QColor(COLORS[i % len(COLORS)])
            path = QPainterPath()
            first, *rest = self.series[name]
            path.moveTo(point(*first))
            for step, value in rest:
                path.lineTo(point(step, value))
            painter.setPen(QPen(color, 2.2 if name == "total" else 1.0))
            painter.drawPath(path)
            painter.drawText(QRectF(area.right() + 8, area.top() + i * 15, legend_width + 8, 15),
                             Qt.AlignLeft | Qt.AlignVCenter,
                             self.legend(name))

    def legend(self, name: str) -> str:
        """A training loss's plain name in the legend ('swag' -> 'strokes'); an unknown one as it is."""
        return self.loss_names.get(name, name)

    def retranslate(self) -> None:
        # what each term of the LapStyle losses (app/pipeline/training/lapstyle.py) asks of the result
        self.loss_names = {"total": self.tr("total"), "content": self.tr("content"), "style": self.tr("style"),
                           "remd": self.tr("style match"), "relt": self.tr("layout"), "swag": self.tr("strokes"),
                           "tv": self.tr("smoothness"), "color": self.tr("colours"), "identity1": self.tr("identity"),
                           "identity2": self.tr("identity (features)"), "gan": self.tr("realism"),
                           "disc": self.tr("critic"), "patch": self.tr("patches")}
        self.empty_text = self.tr("The losses appear here while the model learns.")
        self.step_text = self.tr("step {n}")
        self.update()
