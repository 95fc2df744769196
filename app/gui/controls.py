"""The model selector and the controls each model has: strength, colours, output size, file format, device."""
from PyQt5.QtCore import Qt, pyqtSignal
from PyQt5.QtGui import QFontMetrics, QStandardItem, QStandardItemModel
from PyQt5.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QSizePolicy, QSlider,
                             QSpinBox, QToolButton, QVBoxLayout, QWidget)

from app.pipeline import lapstyle_schedule, transfer
from app.pipeline.zoo import short_title

from .i18n import Retranslating
from .recipe import model_title

OUTPUT_SIDES = (512, 768, 1024, 1536, 2048, 3072, 4096, 0)  # 0: the photo's own size
DEFAULT_SIDE = 1024
FAMILIES = ("stylize", "lapstyle", "multistyle", "translate", "restore")


def combo_title(model) -> str:
    """A model's name in the selector, under its group's header: a LapStyle preset's painting without its kind
    and artist ('The Great Wave off Kanagawa'), another LapStyle model without 'LapStyle: '; the full title is
    in the item's tooltip."""
    title = model_title(model)
    if model.kind != "lapstyle":
        return title
    return short_title(title) if model.own_style else title.split(": ", 1)[-1]


def family(model) -> str:
    """Which group of the selector a model belongs to."""
    if model.kind in ("lapstyle", "multistyle"):
        return model.kind
    return model.task


class ModelControls(Retranslating, QWidget):
    """Emits ``changed`` whenever something that changes the result changes."""
    changed = pyqtSignal()
    modelChanged = pyqtSignal(object)
    mixCleared = pyqtSignal()

    def __init__(self, devices, parent=None):
        super().__init__(parent)
        self._models = {}
        self._devices = list(devices)
        self._size, self._enlarged_from = None, None
        self._mix_partner = None  # the second style's name while two styles are mixed
        self.model_box = QGroupBox()
        self.model_combo = QComboBox()
        self.model_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.model_combo.setMinimumContentsLength(18)
        self.model_items = QStandardItemModel(self.model_combo)
        self.model_combo.setModel(self.model_items)
        self.model_note = QLabel(wordWrap=True)
        self.model_note.setEnabled(False)
        self.model_note.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.strength = QSlider(Qt.Horizontal, minimum=0, maximum=100, value=100)
        self.strength_value = QLabel("100 %", minimumWidth=44, alignment=Qt.AlignRight | Qt.AlignVCenter)
        self.strength.valueChanged.connect(lambda v: self.strength_value.setText(f"{v} %"))
        self.keep_colors = QCheckBox()
        self.levels = QSpinBox(minimum=0, maximum=lapstyle_schedule.MAX_LEVELS, value=0)  # 0: by size
        self.levels_label = QLabel()
        self.levels_note = QLabel(wordWrap=True)
        self.levels_note.setEnabled(False)
        self.mix_label = QLabel()
        self.mix = QSlider(Qt.Horizontal, minimum=0, maximum=100, value=50)
        self.mix_value = QLabel("50 %", minimumWidth=44, alignment=Qt.AlignRight | Qt.AlignVCenter)
        self.mix.valueChanged.connect(lambda v: self.mix_value.setText(f"{v} %"))
        self.mix_clear = QToolButton(text="×", autoRaise=True)
        self.mix_clear.clicked.connect(self.mixCleared)
        mix_row = QHBoxLayout()
        for widget, stretch in ((self.mix, 1), (self.mix_value, 0), (self.mix_clear, 0)):
            mix_row.addWidget(widget, stretch)
        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength, 1)
        strength_row.addWidget(self.strength_value)
        self.strength_label = QLabel()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.addRow(self.strength_label, strength_row)
        form.addRow(self.keep_colors)
        form.addRow(self.mix_label)
        form.addRow(mix_row)
        form.addRow(self.levels_label, self.levels)
        form.addRow(self.levels_note)
        box = QVBoxLayout(self.model_box)
        box.addWidget(self.model_combo)
        box.addWidget(self.model_note)
        box.addLayout(form)

        self.output_box = QGroupBox()
        self.size_combo = QComboBox()
        self.size_note = QLabel(wordWrap=True)
        self.size_note.setEnabled(False)
        self.format_combo = QComboBox()
        self.format_combo.addItems(["PNG", "JPEG"])
        self.quality = QSpinBox(minimum=1, maximum=100, value=92)
        self.device_combo = QComboBox()
        self.size_label, self.format_label, self.quality_label, self.device_label = (QLabel() for _ in range(4))
        out = QFormLayout(self.output_box)
        out.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        out.addRow(self.size_label, self.size_combo)
        out.addRow("", self.size_note)
        out.addRow(self.format_label, self.format_combo)
        out.addRow(self.quality_label, self.quality)
        out.addRow(self.device_label, self.device_combo)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.model_box)
        layout.addWidget(self.output_box)

        self.model_combo.currentIndexChanged.connect(self._model_changed)
        self.strength.valueChanged.connect(self.changed)
        self.mix.valueChanged.connect(self.changed)
        self.keep_colors.toggled.connect(self.changed)
        self.levels.valueChanged.connect(lambda: self.show_output_size(self._size, self._enlarged_from))
        self.levels.valueChanged.connect(self.changed)
        self.size_combo.currentIndexChanged.connect(self.changed)
        self.device_combo.currentIndexChanged.connect(self.changed)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.retranslate()
        self._format_changed()

    # --- models --------------------------------------------------------------------------------------
    def set_models(self, models, keep: str = None) -> None:
        """Fill the selector with ``models`` grouped by family; keep ``keep`` (an id, else the current) selected."""
        previous = self.model_id()
        keep = keep or previous
        self._all = list(models)
        self.model_combo.blockSignals(True)
        self.model_items.clear()
        self._models = {}
        for fam in FAMILIES:
            members = [m for m in self._all if family(m) == fam]
            header = QStandardItem(self._family_titles[fam])
            header.setFlags(Qt.NoItemFlags)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.model_items.appendRow(header)
            if not members and fam == "lapstyle":
                empty = QStandardItem("   " + self.tr("none yet: fine-tune one (Tools menu)"))
                empty.setFlags(Qt.NoItemFlags)
                self.model_items.appendRow(empty)
            for model in members:
                item = QStandardItem("   " + combo_title(model))
                item.setData(model.id, Qt.UserRole)
                item.setToolTip("\n".join(dict.fromkeys([model_title(model), model.title])) +
                                f"\n{model.source} · {model.license}")
                self.model_items.appendRow(item)
                self._models[model.id] = model
        target = keep if keep in self._models else transfer.any_style_model()
        self.model_combo.setCurrentIndex(self._row(target))
        self.model_combo.blockSignals(False)
        view = self.model_combo.view()  # the open list is as wide as its longest name, never cut off
        widest = max((QFontMetrics(item.font()).horizontalAdvance(item.text()) for item in
                      map(self.model_items.item, range(self.model_items.rowCount()))), default=0)
        view.setMinimumWidth(widest + view.verticalScrollBar().sizeHint().width() + 24)
        if target != previous:
            self._model_changed()
        elif self.model() is not None:
            self._describe(self.model())

    def _row(self, model_id: str) -> int:
        for row in range(self.model_items.rowCount()):
            if self.model_items.item(row).data(Qt.UserRole) == model_id:
                return row
        return -1

    def models(self) -> list:
        return list(self._models.values())

    def select_model(self, model_id: str) -> None:
        row = self._row(model_id)
        if row >= 0 and row != self.model_combo.currentIndex():
            self.model_combo.setCurrentIndex(row)  # emits currentIndexChanged -> _model_changed

    def model(self):
        return self._models.get(self.model_id())

    def model_id(self) -> str:
        return self.model_combo.currentData(Qt.UserRole)

    def _model_changed(self) -> None:
        model = self.model()
        if model is None:
            return
        styled = model.task == "stylize"
        for widget in (self.strength, self.strength_label, self.strength_value, self.keep_colors):
            widget.setEnabled(styled)
        for widget in (self.levels_label, self.levels, self.levels_note):
            widget.setVisible(model.kind == "lapstyle")
        self._describe(model)
        self.modelChanged.emit(model)
        self.changed.emit()

    def _note(self, model) -> str:
        if model.own_style:
            return self.tr("LapStyle, trained on one painting: paints in its style; needs no style image.")
        if model.task == "restore":
            if model.id.endswith("-x2"):
                return self.tr("Doubles the size; takes no style image.")
            return self.tr("Removes noise and doubles the size; takes no style image.") if model.scale == 2 else \
                self.tr("Removes noise; the result is {n}x the size; takes no style image.").format(n=model.scale)
        if transfer.drafted_by_arbitrary(model):
            return self.tr("Paints the photo in the style of any picture you choose: drafted at about {side} px, "
                           "then refined level by level, so a large render looks like its preview.").format(
                side=lapstyle_schedule.ARBITRARY_DRAFT)
        notes = {"stylize": self.tr("Paints the photo in the style of any picture you choose, in one quick pass at "
                                    "the photo's own size (a large result gets finer strokes than its preview)."),
                 "multistyle": self.tr("26 styles learned by one network; pick one in the gallery."),
                 "lapstyle": self.tr("LapStyle: a draft at low resolution, refined level by level. With any style "
                                     "image it restyles lightly; a preset or a fine-tune (Ctrl+T) paints more."),
                 "translate": self.tr("Translates the whole photo; takes no style image.")}
        return notes[family(model)]

    def _describe(self, model) -> None:
        self.model_note.setText(self._note(model))
        self.model_note.setToolTip(f"{model.title}\n{model.source} · {model.license}")
        self.model_combo.setToolTip(model_title(model))  # the whole name when the closed selector cuts it
        self.show_output_size(self._size, self._enlarged_from)

    # --- values --------------------------------------------------------------------------------------
    def alpha(self) -> float:
        return self.strength.value() / 100.0

    def preserve_color(self) -> bool:
        return self.keep_colors.isChecked()

    def max_side(self):
        return self.size_combo.currentData() or None

    def pyramid_levels(self):
        """LapStyle's revision levels as chosen, or None for 'by size'."""
        return self.levels.value() or None

    def device(self) -> str:
        return self.device_combo.currentData() or "auto"

    def save_suffix(self) -> str:
        return ".jpg" if self.format_combo.currentIndex() == 1 else ".png"

    def show_output_size(self, size, enlarged_from=None) -> None:
        """Show what size the result will have (``size`` (w, h) or None; ``enlarged_from`` the photo's size when
        it is enlarged to it), and for LapStyle the pyramid it takes: the draft at about 128 px, then one revision
        level per doubling up to that size."""
        self._size, self._enlarged_from = size, enlarged_from
        note = self.tr("→ {w} × {h} px").format(w=size[0], h=size[1]) if size else ""
        if size and enlarged_from:
            note = self.tr("→ {w} × {h} px, enlarged from {pw} × {ph}").format(
                w=size[0], h=size[1], pw=enlarged_from[0], ph=enlarged_from[1])
        self.size_note.setText(note)
        if size:
            model = self.model()
            drafted_by = "arbitrary" if model is not None and transfer.drafted_by_arbitrary(model) else None
            levels = lapstyle_schedule.revision_levels(size[1], size[0], self.pyramid_levels(), drafted_by)
            texts = {0: self.tr("Painted at {draft} px; no refining needed at this size"),
                     1: self.tr("Painted at {draft} px, then refined once for detail")}
            text = texts.get(levels, self.tr("Painted at {draft} px, then refined {n} times for detail"))
            self.levels_note.setText(text.format(draft=round(max(size) / 2 ** levels), n=levels))
        elif self.model() is not None and transfer.drafted_by_arbitrary(self.model()):
            self.levels_note.setText(self.tr("Painted at about {side} px first, then refined once more for detail each "
                                             "time the size doubles").format(side=lapstyle_schedule.ARBITRARY_DRAFT))
        else:
            self.levels_note.setText(self.tr("Painted small (about 128 px) first, then refined once more for "
                                             "detail each time the size doubles"))

    def _format_changed(self) -> None:
        jpeg = self.format_combo.currentIndex() == 1
        self.quality.setEnabled(jpeg)
        self.quality_label.setEnabled(jpeg)

    def state(self) -> dict:
        return {"model": self.model_id(), "alpha": self.strength.value(), "preserve": self.preserve_color(),
                "max_side": self.size_combo.currentData(), "format": self.format_combo.currentIndex(),
                "quality": self.quality.value(), "device": self.device(), "levels": self.levels.value()}

    def restore_state(self, state: dict) -> None:
        def number(key, default):
            try:
                return int(state.get(key, default))
            except (TypeError, ValueError):
                return default
        self.strength.setValue(number("alpha", 100))
        self.keep_colors.setChecked(state.get("preserve") in (True, "true"))
        index = self.size_combo.findData(number("max_side", DEFAULT_SIDE))
        self.size_combo.setCurrentIndex(index if index >= 0 else self.size_combo.findData(DEFAULT_SIDE))
        self.format_combo.setCurrentIndex(min(max(number("format", 0), 0), 1))
        self.quality.setValue(number("quality", 92))
        self.levels.setValue(min(max(number("levels", 0), 0), lapstyle_schedule.MAX_LEVELS))
        index = self.device_combo.findData(state.get("device", "auto"))
        self.device_combo.setCurrentIndex(max(index, 0))
        if state.get("model"):
            self.select_model(state["model"])

    # --- language ------------------------------------------------------------------------------------
    def set_mix_partner(self, name) -> None:
        """Show the mix slider for a second style named ``name``, or hide it (None)."""
        self._mix_partner = name
        for widget in (self.mix_label, self.mix, self.mix_value, self.mix_clear):
            widget.setVisible(name is not None)
        self.mix_label.setText(self.tr("Mixed with {name}").format(name=name) if name else "")

    def mix_amount(self) -> float:
        return self.mix.value() / 100.0

    def retranslate(self) -> None:
        self._family_titles = {"stylize": self.tr("Arbitrary style"), "lapstyle": self.tr("LapStyle"),
                               "multistyle": self.tr("Built-in styles"), "translate": self.tr("CycleGAN"),
                               "restore": self.tr("Restoration")}
        self.model_box.setTitle(self.tr("Model"))
        self.output_box.setTitle(self.tr("Output"))
        self.strength_label.setText(self.tr("Strength"))
        self.mix_clear.setToolTip(self.tr("Stop mixing: paint with the first style alone"))
        self.mix.setToolTip(self.tr("How much of the second style: 0 % is the first style alone, 100 % the second"))
        self.set_mix_partner(self._mix_partner)
        self.strength.setToolTip(self.tr("How much of the style to apply"))
        self.keep_colors.setText(self.tr("Keep the photo's colours"))
        self.levels_label.setText(self.tr("Pyramid levels"))
        self.levels.setSpecialValueText(self.tr("By size"))
        self.levels.setToolTip(self.tr("Fewer levels draft at a larger size and restyle more of the layout; more "
                                       "levels add detail at more scales"))
        self.size_label.setText(self.tr("Size"))
        self.format_label.setText(self.tr("Save as"))
        self.quality_label.setText(self.tr("JPEG quality"))
        self.device_label.setText(self.tr("Device"))
        self.size_combo.setToolTip(self.tr("The longer side of the result; large sizes take longer and need more "
                                           "memory"))
        side = self.size_combo.currentData()
        self.size_combo.blockSignals(True)
        self.size_combo.clear()
        for value in OUTPUT_SIDES:
            self.size_combo.addItem(self.tr("Original size") if value == 0 else
                                    self.tr("{n} px").format(n=value), value)
        self.size_combo.setCurrentIndex(max(self.size_combo.findData(DEFAULT_SIDE if side is None else side), 0))
        self.size_combo.blockSignals(False)
        device = self.device_combo.currentData()
        self.device_combo.blockSignals(True)
        self.device_combo.clear()
        best = "GPU" if "gpu" in self._devices else "CPU"
        self.device_combo.addItem(self.tr("Automatic ({device})").format(device=best), "auto")
        self.device_combo.addItem(self.tr("CPU"), "cpu")
        self.device_combo.addItem(self.tr("GPU") if "gpu" in self._devices else self.tr("GPU (Paddle found none)"),
                                  "gpu")
        if "gpu" not in self._devices:
            self.device_combo.model().item(2).setEnabled(False)
        self.device_combo.setCurrentIndex(max(self.device_combo.findData(device or "auto"), 0))
        self.device_combo.blockSignals(False)
        if self._models:
            self.set_models(self._all)
