"""The noise and blur panel: the original demo.py (salt-and-pepper, then a mean blur) with a live preview."""
import random

from PyQt5.QtCore import Qt, QTimer, pyqtSignal
from PyQt5.QtGui import QPixmap
from PyQt5.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                             QPushButton, QSlider, QSpinBox, QVBoxLayout, QWidget)

from app.pipeline.imageio import check_size
from app.pipeline.recipe import Noise
from app.pipeline.tensors import fit_long_side

from .i18n import Retranslating
from .images import to_qimage
from .messages import translated
from .workers import LatestWorker

CROP_W, CROP_H = 264, 200
PURPOSES = ("clean", "upscale", "both")  # the restoration models' purposes, in the order they are offered
DEFAULT_RESTORE = "dotfinder-clean"


def center_crop(rgb, width: int, height: int):
    h, w = rgb.shape[:2]
    top, left = max((h - height) // 2, 0), max((w - width) // 2, 0)
    return rgb[top:top + height, left:left + width]


class NoisePanel(Retranslating, QWidget):
    """Noise settings with a 100 % crop of the damaged photo; asks the main window to restore or batch."""
    changed = pyqtSignal()
    restoreRequested = pyqtSignal(str)   # restoration model id
    folderRequested = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.enabled_box = QCheckBox()
        self.prob = QDoubleSpinBox(minimum=0.0, maximum=0.5, singleStep=0.01, decimals=3, value=0.05)
        self.prob_slider = QSlider(Qt.Horizontal, minimum=0, maximum=500, value=50)
        self.kernel = QSpinBox(minimum=0, maximum=99, value=3)
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1, value=1)
        self.new_seed = QPushButton(clicked=lambda: self.seed.setValue(random.randrange(2**31 - 1)))
        self.crop = QLabel(alignment=Qt.AlignCenter, wordWrap=True)
        self.crop.setFixedSize(CROP_W, CROP_H)
        self.crop.setStyleSheet("border: 1px solid rgba(128, 128, 128, 110);")
        self.crop_note = QLabel(wordWrap=True)
        self.crop_note.setEnabled(False)
        self.restore_model = QComboBox()
        self.restore_button = QPushButton(clicked=lambda: self.restoreRequested.emit(
            self.restore_model.currentData() or ""))
        self.folder_button = QPushButton(clicked=self.folderRequested.emit)

        self.prob.valueChanged.connect(lambda v: self._sync_slider(round(v * 1000)))
        self.prob_slider.valueChanged.connect(lambda v: self.prob.setValue(v / 1000))
        prob_row = QHBoxLayout()
        prob_row.addWidget(self.prob_slider, 1)
        prob_row.addWidget(self.prob)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.new_seed)
        self.settings_box = QGroupBox()
        self.prob_label, self.kernel_label, self.seed_label = QLabel(), QLabel(), QLabel()
        form = QFormLayout(self.settings_box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.addRow(self.enabled_box)
        form.addRow(self.prob_label, prob_row)
        form.addRow(self.kernel_label, self.kernel)
        form.addRow(self.seed_label, seed_row)
        self.restore_box = QGroupBox()
        restore = QVBoxLayout(self.restore_box)
        restore.addWidget(self.restore_model)
        restore.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.settings_box)
        layout.addWidget(self.crop, 0, Qt.AlignHCenter)
        layout.addWidget(self.crop_note)
        layout.addWidget(self.restore_box)
        layout.addWidget(self.folder_button)
        layout.addStretch()

        self._content, self._max_side, self._enlarge = None, None, False
        self._restore_models = []
        self._timer = QTimer(self, singleShot=True, interval=80, timeout=self._submit)
        self._worker = LatestWorker()
        self._worker.done.connect(self._crop_ready)
        self._worker.failed.connect(self._crop_failed)
        self._worker.start()
        for signal in (self.prob.valueChanged, self.kernel.valueChanged, self.seed.valueChanged):
            signal.connect(self._settings_changed)
        self.enabled_box.toggled.connect(self._settings_changed)
        self.retranslate()

    def _sync_slider(self, value: int) -> None:
        self.prob_slider.blockSignals(True)
        self.prob_slider.setValue(value)
        self.prob_slider.blockSignals(False)

    def _settings_changed(self) -> None:
        self._timer.start()
        self.changed.emit()

    def settings(self) -> Noise:
        return Noise(round(self.prob.value(), 4), self.kernel.value(), self.seed.value())

    def noise(self):
        """The noise to apply before stylizing, or None when it is switched off."""
        return self.settings() if self.enabled_box.isChecked() else None

    def set_restore_models(self, models) -> None:
        """``models``: (id, title, purpose) of the restoration models, offered under what they are for."""
        current = self.restore_model.currentData()
        self.restore_model.clear()
        self._restore_models = list(models)
        for purpose in PURPOSES:
            chosen = [(model_id, title) for model_id, title, what in self._restore_models if what == purpose]
            if chosen:
                self.restore_model.addItem(self.purpose_titles[purpose])
                self.restore_model.model().item(self.restore_model.count() - 1).setEnabled(False)
            for model_id, title in chosen:
                self.restore_model.addItem("    " + title, model_id)
        index = self.restore_model.findData(current or DEFAULT_RESTORE)
        self.restore_model.setCurrentIndex(index if index >= 0 else min(1, self.restore_model.count() - 1))

    def set_content(self, rgb, max_side, enlarge=False) -> None:
        """The photo (full pixels) and the output size the noise is applied at (a smaller photo enlarged to it
        when ``enlarge``, as the render does)."""
        self._content, self._max_side, self._enlarge = rgb, max_side, enlarge
        self._timer.start()

    def _submit(self) -> None:
        if self._content is None:
            self.crop.clear()
            self.crop.setText(self.no_photo_text)
            return
        content, max_side, enlarge, noise = self._content, self._max_side, self._enlarge, self.settings()

        def job(cancel):
            check_size(content)  # said plainly, whatever a library does with a tiny image
            return to_qimage(center_crop(noise.apply(fit_long_side(content, max_side, enlarge)), CROP_W, CROP_H))
        self._worker.submit(job)

    def _crop_ready(self, request_id, image, seconds) -> None:
        if request_id == self._worker.latest_id:
            self.crop.setPixmap(QPixmap.fromImage(image))

    def _crop_failed(self, request_id, message) -> None:
        if request_id == self._worker.latest_id:  # no stale crop of another photo stays on screen
            self.crop.clear()
            self.crop.setText(translated(message))

    def stop(self) -> None:
        self._worker.stop()

    def retranslate(self) -> None:
        self.settings_box.setTitle(self.tr("Salt-and-pepper noise, then a mean blur"))
        self.enabled_box.setText(self.tr("Apply to the photo before stylizing"))
        self.prob_label.setText(self.tr("Noise"))
        self.prob.setToolTip(self.tr("Probability that a pixel turns black, and the same that it turns white"))
        self.kernel_label.setText(self.tr("Blur"))
        self.kernel.setSuffix(self.tr(" px"))
        self.kernel.setToolTip(self.tr("Mean-blur kernel size in pixels; 0 or 1 for no blur"))
        self.seed_label.setText(self.tr("Seed"))
        self.seed.setToolTip(self.tr("The same seed gives the same noise"))
        self.new_seed.setText(self.tr("New"))
        self.crop_note.setText(self.tr("A 100 % crop from the middle of the photo, at the output size."))
        self.no_photo_text = self.tr("Open a photo to see the noise")
        self.restore_box.setTitle(self.tr("Restore the damaged photo"))
        self.restore_button.setText(self.tr("Restore"))
        self.restore_button.setToolTip(self.tr(
            "Undo this noise and blur. A cleaning model gets the photo as it is; without a blur, the dots alone are "
            "replaced, exactly. An upscaling model gets the photo with its dots removed first."))
        self.purpose_titles = {"clean": self.tr("Clean (noise and blur, same size)"),
                               "upscale": self.tr("Upscale a clean photo"),
                               "both": self.tr("Light denoising and 2x")}
        self.set_restore_models(self._restore_models)
        self.folder_button.setText(self.tr("Apply to a folder…"))
        if self._content is None:
            self.crop.setText(self.no_photo_text)
