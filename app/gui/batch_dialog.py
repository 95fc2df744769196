"""The batch dialog: a folder (or a list of files) through the main window's settings, resumable, with a report."""
import time
from pathlib import Path

from PyQt5.QtCore import Qt, QTimer
from PyQt5.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QGridLayout,
                             QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QProgressBar,
                             QPushButton, QRadioButton, QSizePolicy, QVBoxLayout)

from app.pipeline.errors import UserError
from app.pipeline.imageio import READABLE
from app.pipeline.jobs import process_files
from app.pipeline.recipe import run_model, working_image

from . import batch_plan
from .i18n import LabelTexts, Retranslating
from .messages import translated
from .recipe import Recipe, model_title
from .workers import Task, engine

SUFFIXES = (None, ".png", ".jpg")


def batch_job(pairs, work, skip_existing, quality, refused, max_side=None):
    """Process ``pairs`` with ``work(rgb, cancel)``; reports each FileEvent (``refused``: {source: reason},
    files that are reported failed without being touched). Photos are read at most ``max_side`` large."""
    def job(cancel, report):
        allowed = [(s, d) for s, d in pairs if s not in refused]
        for src, reason in refused.items():
            report(("refused", src, reason))
        for event in process_files(allowed, lambda rgb: work(rgb, cancel), cancel=cancel,
                                   skip_existing=skip_existing, quality=quality, max_side=max_side):
            report(("file", event, len(allowed)))
        return None
    return job


def format_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else \
        f"{seconds // 60}:{seconds % 60:02d}"


class BatchDialog(Retranslating, QDialog):
    """Runs a batch in a worker; the main window gives it the current recipe when it starts."""
    def __init__(self, settings, source, parent=None):
        """``source`` (the main window) answers ``recipe()`` (raising UserError when the settings are not
        complete), ``noise_settings()`` and ``jpeg_quality()``."""
        super().__init__(parent)
        self.setObjectName("batchDialog")
        self.settings = settings
        self.source = source
        self.task = None
        self.failures = []
        self._texts, self._report_text = LabelTexts(), None  # words shown again after a language switch

        self.input_box = QGroupBox()
        self.folder_radio, self.files_radio = QRadioButton(), QRadioButton()
        self.folder_radio.setChecked(True)
        self.input_group = QButtonGroup(self)
        self.input_group.addButton(self.folder_radio)
        self.input_group.addButton(self.files_radio)
        self.folder_edit = QLineEdit(self.settings.get("dirs/batch_in", "", str))
        self.folder_browse = QPushButton(clicked=self._browse_input)
        self.recursive = QCheckBox()
        self.files_list = QListWidget()
        self.files_list.setMinimumHeight(70)
        self.files_add, self.files_remove = QPushButton(clicked=self._add_files), QPushButton(clicked=self._remove)
        grid = QGridLayout(self.input_box)
        grid.addWidget(self.folder_radio, 0, 0)
        grid.addWidget(self.folder_edit, 0, 1)
        grid.addWidget(self.folder_browse, 0, 2)
        grid.addWidget(self.recursive, 1, 1)
        grid.addWidget(self.files_radio, 2, 0, Qt.AlignTop)
        grid.addWidget(self.files_list, 2, 1, 2, 1)
        grid.addWidget(self.files_add, 2, 2)
        grid.addWidget(self.files_remove, 3, 2, Qt.AlignTop)
        self.found = QLabel(objectName="foundNote")  # how many photos Start would take, said before Start
        self.found.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.found.setFixedHeight(self.found.fontMetrics().lineSpacing() + 6)
        grid.addWidget(self.found, 4, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self._count_timer = QTimer(self, singleShot=True, interval=250, timeout=self.count_photos)
        self._suffix_chosen = False  # the output type follows the main window's until changed here

        self.output_box = QGroupBox()
        self.out_edit = QLineEdit(self.settings.get("dirs/batch_out", "", str))
        self.out_browse = QPushButton(clicked=self._browse_output)
        self.allow_input = QCheckBox()
        self.pattern = QLineEdit(self.settings.get("batch/pattern", batch_plan.DEFAULT_PATTERN, str))
        self.suffix = QComboBox()
        self.example = QLabel()
        self.example.setEnabled(False)
        self.skip_existing = QCheckBox(checked=True)
        out_row, name_row = QHBoxLayout(), QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(self.out_browse)
        name_row.addWidget(self.pattern, 1)
        name_row.addWidget(self.suffix)
        self.out_label, self.pattern_label = QLabel(), QLabel()
        form = QFormLayout(self.output_box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.addRow(self.out_label, out_row)
        form.addRow("", self.allow_input)
        form.addRow(self.pattern_label, name_row)
        form.addRow("", self.example)
        form.addRow("", self.skip_existing)

        self.operation_box = QGroupBox()
        self.style_radio, self.noise_radio = QRadioButton(checked=True), QRadioButton()
        self.style_summary, self.noise_summary = QLabel(wordWrap=True), QLabel(wordWrap=True)
        for label in (self.style_summary, self.noise_summary):
            label.setEnabled(False)
            label.setContentsMargins(22, 0, 0, 0)
        op = QVBoxLayout(self.operation_box)
        for widget in (self.style_radio, self.style_summary, self.noise_radio, self.noise_summary):
            op.addWidget(widget)

        self.progress_box = QGroupBox()
        self.current = QLabel()
        self.current.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.file_bar, self.overall_bar = QProgressBar(), QProgressBar()
        self.file_bar.setRange(0, 0)
        self.file_bar.setTextVisible(False)
        self.file_bar.hide()  # a busy bar for the file in work, shown while the batch runs
        self.eta = QLabel()
        for label in (self.current, self.eta):  # a line each, text or none: nothing below them moves
            label.setFixedHeight(label.fontMetrics().lineSpacing() + 6)
        self.eta.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.report = QPlainTextEdit(readOnly=True)
        self.report.setMinimumHeight(96)  # its room is kept (below): small enough for a low screen
        for widget in (self.file_bar, self.report):  # their room is kept while hidden: the buttons stay put
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        self.report.hide()
        prog = QVBoxLayout(self.progress_box)
        for widget in (self.current, self.file_bar, self.overall_bar, self.eta, self.report):
            prog.addWidget(widget)

        self.start_button = QPushButton(clicked=self.start)
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(clicked=self.cancel, enabled=False)
        self.close_button = QPushButton(clicked=self.close)
        buttons = QHBoxLayout()
        buttons.addStretch()
        for button in (self.start_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        for widget in (self.input_box, self.output_box, self.operation_box, self.progress_box):
            layout.addWidget(widget)
        layout.addLayout(buttons)

        for signal in (self.pattern.textChanged, self.suffix.currentIndexChanged, self.style_radio.toggled):
            signal.connect(self._show_example)
        self.folder_radio.toggled.connect(self._input_mode)
        for signal in (self.folder_edit.textChanged, self.recursive.toggled, self.folder_radio.toggled,
                       self.out_edit.textChanged, self.files_list.model().rowsInserted,
                       self.files_list.model().rowsRemoved, self.files_list.model().modelReset):
            signal.connect(self._count_timer.start)
        self.suffix.activated.connect(self._suffix_picked)
        main_format = getattr(getattr(source, "controls", None), "format_combo", None)
        if main_format is not None:  # the main window's PNG/JPEG, followed while the dialog is open
            main_format.currentIndexChanged.connect(self._follow_output_type)
        self.retranslate()
        self._input_mode()
        self.count_photos()
        self.resize(660, 800)

    # --- inputs --------------------------------------------------------------------------------------
    def set_files(self, paths) -> None:
        self.files_list.clear()
        self.files_list.addItems([str(p) for p in paths])
        self.files_radio.setChecked(True)

    def set_folder(self, folder) -> None:
        self.folder_edit.setText(str(folder))
        self.folder_radio.setChecked(True)

    def set_noise_only(self, on: bool) -> None:
        (self.noise_radio if on else self.style_radio).setChecked(True)

    def _input_mode(self) -> None:
        folder = self.folder_radio.isChecked()
        for widget in (self.folder_edit, self.folder_browse, self.recursive):
            widget.setEnabled(folder)
        for widget in (self.files_list, self.files_add, self.files_remove):
            widget.setEnabled(not folder)

    def count_photos(self):
        """Say how many photos Start would take (the folder, with subfolders when ticked, or the list); the
        number, or None when there are none."""
        self._count_timer.stop()
        folder = Path(self.folder_edit.text().strip()).expanduser() if self.folder_radio.isChecked() else None
        if folder is not None and not self.folder_edit.text().strip():
            self._texts.show(self.found, lambda: self.tr("Choose a folder of photos."))
            return None
        out = self.out_edit.text().strip()
        files = [Path(self.files_list.item(i).text()) for i in range(self.files_list.count())]
        try:
            n = len(batch_plan.gather(folder, files, self.recursive.isChecked(),
                                      Path(out).expanduser() if out else None))
        except (UserError, OSError) as exc:
            message = str(exc)
            self._texts.show(self.found, lambda: message)
            return None
        self._texts.show(self.found, lambda: self.tr("{n} photos found").format(n=n) if n != 1 else
                         self.tr("1 photo found"))
        return n

    def _suffix_picked(self) -> None:
        self._suffix_chosen = True

    def _follow_output_type(self) -> None:
        """The results take the main window's file type (PNG or JPEG) unless another was chosen here."""
        controls = getattr(self.source, "controls", None)
        if self._suffix_chosen or controls is None or not hasattr(controls, "save_suffix"):
            return
        index = self.suffix.findData(controls.save_suffix())
        if index >= 0 and index != self.suffix.currentIndex():
            self.suffix.setCurrentIndex(index)

    def _browse_input(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of photos"),
                                                  self.folder_edit.text() or self.settings.last_dir("batch_in"))
        if folder:
            self.set_folder(folder)

    def _add_files(self) -> None:
        patterns = " ".join(f"*{s}" for s in sorted(READABLE))
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Photos"), self.settings.last_dir("batch_in"),
                                                self.tr("Images ({patterns})").format(patterns=patterns))
        if files:
            self.files_list.addItems(files)
            self.files_radio.setChecked(True)

    def _remove(self) -> None:
        for item in self.files_list.selectedItems():
            self.files_list.takeItem(self.files_list.row(item))

    def _browse_output(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Output folder"),
                                                  self.out_edit.text() or self.settings.last_dir("batch_out"))
        if folder:
            self.out_edit.setText(folder)

    # --- what runs -----------------------------------------------------------------------------------
    def _recipe(self):
        """(recipe or None for noise only, label, work(rgb, cancel))."""
        if self.noise_radio.isChecked():
            noise = self.source.noise_settings()
            return None, "noise", lambda rgb, cancel: noise.apply(rgb)
        recipe: Recipe = self.source.recipe()

        def work(rgb, cancel):
            prepared = working_image(rgb, recipe)
            with engine(cancel, recipe.device):
                return run_model(prepared, recipe, cancel)
        return recipe, recipe.label, work

    def describe(self) -> None:
        """Show what each operation will do with the main window's current settings."""
        try:
            recipe = self.source.recipe()
            size = self.tr("original size") if not recipe.max_side else (
                self.tr("{n} px on the long side") if recipe.enlarges else self.tr("at most {n} px")).format(
                n=recipe.max_side)
            own = recipe.model.task != "stylize" or recipe.model.own_style  # no style image: the model says it
            parts = [recipe.title if own else f"{recipe.style_name} · {model_title(recipe.model)}", size]
            if recipe.model.task == "stylize":
                parts.insert(1, self.tr("strength {n} %").format(n=round(recipe.alpha * 100)))
            if recipe.noise:
                parts.append(self.tr("noise first"))
            self.style_summary.setText(" · ".join(parts))
        except UserError as exc:
            self.style_summary.setText(str(exc))
        self._follow_output_type()
        noise = self.source.noise_settings()
        self.noise_summary.setText(self.tr("noise {p}, blur {k} px, seed {s}; the original size is kept").format(
            p=noise.prob, k=noise.kernel, s=noise.seed))
        self._show_example()

    def _show_example(self) -> None:
        try:
            recipe = None if self.noise_radio.isChecked() else self.source.recipe()
            label, model = (recipe.label, recipe.model.id) if recipe else ("noise", "noise")
            pairs = batch_plan.plan([Path("photo.jpg")], Path("."), self.pattern.text(), self.suffix.currentData(),
                                    label, model)
            self.example.setText(self.tr("e.g. {name}").format(name=pairs[0][1].name))
        except UserError as exc:
            self.example.setText(str(exc))

    def plan(self) -> list:
        """Check everything and return the (source, target) pairs; raises UserError in plain words."""
        out = self.out_edit.text().strip()
        if not out:
            raise UserError(self.tr("Choose an output folder."))
        out_dir = Path(out).expanduser()
        folder = Path(self.folder_edit.text().strip()).expanduser() if self.folder_radio.isChecked() else None
        if folder is not None and not self.folder_edit.text().strip():
            raise UserError(self.tr("Choose a folder of photos."))
        files = [Path(self.files_list.item(i).text()) for i in range(self.files_list.count())]
        sources = batch_plan.gather(folder, files, self.recursive.isChecked(), out_dir)
        if not self.allow_input.isChecked() and out_dir.resolve() in {s.parent.resolve() for s in sources}:
            raise UserError(self.tr("The output folder is the input folder. Choose another folder, or tick "
                                    "“Allow writing into the input folder”."))
        recipe, label, _ = self._recipe()
        model = recipe.model.id if recipe is not None else "noise"
        pairs = batch_plan.plan(sources, out_dir, self.pattern.text(), self.suffix.currentData(), label, model,
                                root=folder if self.recursive.isChecked() else None)
        batch_plan.check_output_folder(out_dir)
        return pairs

    # --- running -------------------------------------------------------------------------------------
    def start(self) -> None:
        if self.task is not None:
            return
        self.report.hide()
        self.failures = []
        try:
            pairs = self.plan()
            recipe, _, work = self._recipe()
        except UserError as exc:
            message = str(exc)  # (``exc`` is gone once the except block ends; the report is shown again later)
            self._show_report(lambda: message, error=True)
            return
        self.settings.set("dirs/batch_in", self.folder_edit.text())
        self.settings.set("dirs/batch_out", self.out_edit.text())
        self.settings.set("batch/pattern", self.pattern.text())
        refused = batch_plan.originals_at_risk(pairs)
        self._pairs, self._written, self._skipped, self._spent = pairs, 0, 0, 0.0
        self._root = Path(self.folder_edit.text().strip()).expanduser() if self.folder_radio.isChecked() else None
        self._started = time.perf_counter()
        self._texts.clear(self.eta)
        self.overall_bar.setRange(0, len(pairs))
        self.overall_bar.setValue(0)
        self._set_running(True)
        self._show_current(0)
        self.task = Task(batch_job(pairs, work, self.skip_existing.isChecked(), self.source.jpeg_quality(),
                                   refused, recipe.max_side if recipe else None))
        self.task.progress.connect(self._event)
        self.task.succeeded.connect(lambda _: self._done(False))
        self.task.cancelled.connect(lambda: self._done(True))
        self.task.failed.connect(lambda message: self._done(False, message))
        self.task.start()

    def cancel(self) -> None:
        if self.task is not None:
            self.task.detach()
            self._done(True)

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        for box in (self.input_box, self.output_box, self.operation_box):
            box.setEnabled(not running)
        self.file_bar.setVisible(running)

    def _show_current(self, index: int) -> None:
        if index < len(self._pairs):
            src = self._pairs[index][0]
            self.current.setText(self.tr("Now: {name}").format(name=src.name))
            self.current.setToolTip(str(src))

    def _event(self, item) -> None:
        if item[0] == "refused":
            _, src, reason = item
            self.failures.append((src, reason))
            self.overall_bar.setValue(self.overall_bar.value() + 1)
            return
        _, event, total = item
        done = self.overall_bar.value() + 1
        self.overall_bar.setValue(done)
        if event.error:
            self.failures.append((event.source, event.error))
        elif event.skipped:
            self._skipped += 1
        else:
            self._written += 1
            self._spent += event.seconds
        remaining, total = len(self._pairs) - done, len(self._pairs)
        if remaining and self._written:
            eta = format_duration(self._spent / self._written * remaining)
            self._texts.show(self.eta, lambda: self.tr("{done} of {total} · about {eta} left").format(
                done=done, total=total, eta=eta))
        else:
            self._texts.show(self.eta, lambda: self.tr("{done} of {total}").format(done=done, total=total))
        self._show_current(done)

    def _done(self, cancelled: bool, error: str = None) -> None:
        if self.task is None:
            return
        self.task = None
        self._set_running(False)
        self.current.setText("")
        self._texts.clear(self.eta)  # the report says how it ended; an ETA would be stale
        elapsed = format_duration(time.perf_counter() - self._started)
        written, skipped, failures = self._written, self._skipped, list(self.failures)
        root = self._root

        def shown(src):  # a failed file by its path inside the input folder, else in full
            return src.relative_to(root) if root is not None and batch_plan.is_inside(src, root) else src

        def report():
            lines = [self.tr("Cancelled: run it again with “Skip files whose output already exists” to go on.")
                     if cancelled else self.tr("Done in {time}.").format(time=elapsed),
                     self.tr("{written} written, {skipped} skipped (already there), {failed} failed.").format(
                         written=written, skipped=skipped, failed=len(failures))]
            if error:
                lines.append(error)
            if failures:
                lines.append(self.tr("Failed files:"))
                lines += [f"  {shown(src)}: {translated(reason.removeprefix(f'{src}: '))}" for src, reason in failures]
            return "\n".join(lines)
        self._show_report(report, error=bool(error or failures))

    def _show_report(self, text, error: bool = False) -> None:
        self._report_text = text
        self.report.setPlainText(text())
        self.report.setStyleSheet("color: #e06c5a;" if error else "")
        self.report.show()

    def closeEvent(self, event):
        self.cancel()
        super().closeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Batch"))
        self.input_box.setTitle(self.tr("Photos"))
        self.folder_radio.setText(self.tr("Folder"))
        self.files_radio.setText(self.tr("Files"))
        self.folder_browse.setText(self.tr("Browse…"))
        self.recursive.setText(self.tr("Include subfolders"))
        self.files_add.setText(self.tr("Add…"))
        self.files_remove.setText(self.tr("Remove"))
        self.output_box.setTitle(self.tr("Results"))
        self.out_label.setText(self.tr("Folder"))
        self.out_browse.setText(self.tr("Browse…"))
        self.allow_input.setText(self.tr("Allow writing into the input folder"))
        self.pattern_label.setText(self.tr("File names"))
        self.pattern.setToolTip(self.tr("{name}: the photo's name, {style}: the style, {model}: the model, "
                                        "{n}: a running number"))
        current = self.suffix.currentIndex()
        self.suffix.clear()
        for suffix, title in zip(SUFFIXES, (self.tr("same type"), ".png", ".jpg")):
            self.suffix.addItem(title, suffix)
        self.suffix.setCurrentIndex(max(current, 0))
        self.skip_existing.setText(self.tr("Skip files whose output already exists (resume)"))
        self.operation_box.setTitle(self.tr("What to do"))
        self.style_radio.setText(self.tr("Stylize with the main window's settings"))
        self.noise_radio.setText(self.tr("Only add noise and blur (the noise panel's settings)"))
        self.progress_box.setTitle(self.tr("Progress"))
        self.start_button.setText(self.tr("Start"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("Close"))
        buttons = (self.start_button, self.cancel_button, self.close_button)
        width = max(b.sizeHint().width() for b in buttons) + 12  # one width for all: no button moves or jumps
        for button in buttons:
            button.setFixedWidth(width)
        self._texts.retranslate()
        if self._report_text is not None:
            self.report.setPlainText(self._report_text())
        self.describe()
