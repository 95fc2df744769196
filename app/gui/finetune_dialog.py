"""The fine-tune dialog: teach LapStyle a new style image, with a live loss plot and preview snapshots.

The arbitrary network drafts the picture; the run trains the painting's revision nets (its detail) on top of it.

Runs ``app.pipeline.training.finetune`` in a worker. Each training step holds the Paddle engine on its own,
so the main window's preview still gets its turn between steps. Cancel stops after the current step and
keeps a checkpoint; Resume continues it; the finished model is added to the style gallery.
"""
import shutil
import tempfile
import time
from pathlib import Path

from PyQt5.QtCore import QSize, Qt, pyqtSignal
from PyQt5.QtGui import QPixmap
from PyQt5.QtWidgets import (QComboBox, QDialog, QFileDialog, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLayout,
                             QLineEdit, QProgressBar, QPushButton, QSizePolicy, QVBoxLayout)

from app.pipeline.imageio import READABLE, image_files
from app.pipeline.paths import SAMPLES, weights_dir

from .batch_dialog import format_duration
from .i18n import LabelTexts, Retranslating, tr
from .images import to_qimage
from .loss_plot import LossPlot
from .settings import data_dir
from .workers import Task, engine

PREVIEW = 220
PROBE_STEPS = 3  # "Time it" measures this many training steps (after a first one that also loads the networks)
# What a step of each revision stage costs next to one of the first (192 px, batch 2): the second (384 px, batch 1)
# took 7.5 s to its 3.6 s (medians, interleaved, 2 cores); a step fitting the style vector (one photo drafted at
# 288-512 px) 1.43 s to the first's 3.97 s (medians of a "quick" run and of a revision run after it). The
# arbitrary network drafts: there is no draft stage.
STAGE_COST = {"vector": 0.36, "net_rev": 1.0, "net_rev_2": 2.1}
STAGE_BATCH = {"vector": 1, "net_rev": 2, "net_rev_2": 1}  # the samples a step of each STAGE_COST held
REVISIONS = ("net_rev", "net_rev_2")  # the revision stages, coarse to fine


def training():
    """The training package (imported when the dialog needs it: it pulls in the losses and trainers)."""
    from app.pipeline import training as package

    return package


def finetune_job(style: Path, content: Path, run_dir: Path, preset: str, device: str, resume: bool):
    """Run the fine-tuning generator one step at a time, each step holding the engine; reports
    (TrainEvent, preview QImage or None)."""
    def job(cancel, report):
        events = training().finetune(style, content, run_dir, preset, device, cancel, resume)
        last = None
        while True:
            with engine(None, device):
                try:
                    event = next(events)
                except StopIteration:
                    return last
            last = event
            report((event, to_qimage(event.preview) if event.preview is not None else None))
    return job


def stage_cost(key: str, batch: dict) -> float:
    """What a step of stage ``key`` costs with ``batch`` (samples a step per stage), in steps of the first revision
    stage: a step's work grows with its samples."""
    return STAGE_COST[key] * batch.get(key, STAGE_BATCH[key]) / STAGE_BATCH[key]


def step_costs(options: dict, done: int = 0) -> float:
    """The work left after ``done`` steps of a run with ``options`` (its ``steps`` and ``batch`` per stage), in steps
    of the first revision stage."""
    steps, batch = options.get("steps", {}), options.get("batch", {})
    cost, start = 0.0, 0
    for key in STAGE_COST:
        n = steps.get(key, 0)
        cost += max(0, start + n - max(done, start)) * stage_cost(key, batch)
        start += n
    return cost


def probe_job(style: Path, content: Path, preset: str, device: str, steps: int = PROBE_STEPS):
    """Time a few real steps of the first stage of ``preset`` on this machine (in a scratch folder, removed after);
    returns the seconds a step of the first revision stage takes (the median), reporting each step done."""
    def job(cancel, report):
        folder = Path(tempfile.mkdtemp(prefix="probe-", dir=data_dir()))
        options = training().finetune_options(preset)
        stage = next((key for key in STAGE_COST if options["steps"].get(key)), "net_rev")
        options.update(style=str(style), content=str(content), install=False, preview_every=0, preview_first=0,
                       checkpoint_minutes=1e6, checkpoint_steps=0,
                       steps={**dict.fromkeys(options["steps"], 0), stage: steps + 1000})  # stopped well before
        events = training().train("lapstyle", options, folder / "run", device, cancel)
        times, last = [], None
        try:
            for done in range(steps + 1):
                if cancel.is_set():
                    return None
                with engine(None, device):
                    next(events)
                now = time.perf_counter()
                if last is not None:
                    times.append(now - last)
                last = now
                report(done)
        finally:
            events.close()
            shutil.rmtree(folder, ignore_errors=True)
        return sorted(times)[len(times) // 2] / stage_cost(stage, options["batch"])
    return job


def in_words(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    if minutes < 100:
        return tr("{n} minutes").format(n=minutes) if minutes > 1 else tr("1 minute")
    return tr("{n} hours").format(n=f"{seconds / 3600:.1f}")


class WrappedNotesColumn(QVBoxLayout):
    """A dialog's column whose minimum height counts its word-wrapped notes at the lines they take in the
    narrowest dialog. Qt gives a window its layout's minimum size, where a wrapped label counts as one line:
    at that height the notes' second lines were cut off (and what sat under them squeezed)."""

    def minimumSize(self) -> QSize:
        size = super().minimumSize()
        return QSize(size.width(), max(size.height(), self.minimumHeightForWidth(size.width())))


class FinetuneDialog(Retranslating, QDialog):
    modelReady = pyqtSignal(object)  # Path of the finished model

    def __init__(self, settings, devices=("cpu",), parent=None):
        super().__init__(parent)
        self.setObjectName("finetuneDialog")
        self.settings = settings
        self.devices = list(devices)
        self.task = None
        self._stopping = False
        self.last_event = None
        self._texts = LabelTexts()  # words shown again after a language switch

        self.setup_box = QGroupBox()
        self.style_edit = QLineEdit(self.settings.get("finetune/style", "", str))
        self.style_browse = QPushButton(clicked=self._browse_style)
        self.content_edit = QLineEdit(self.settings.get("finetune/content", str(SAMPLES), str))
        self.content_browse = QPushButton(clicked=self._browse_content)
        self.content_note = QLabel()
        self.content_note.setEnabled(False)
        self.preset = QComboBox()
        self.preset_note = QLabel(wordWrap=True)
        self.preset_note.setEnabled(False)
        self.estimate_note = QLabel(wordWrap=True, objectName="estimateNote")
        self.measure_button = QPushButton(clicked=self.measure)
        self.probe = None  # the Task timing a few steps ("Time it")
        self.device = QComboBox()
        self.name_edit = QLineEdit(self.settings.get("finetune/name", "", str))
        self.name_note = QLabel(wordWrap=True)
        self.name_note.setEnabled(False)
        self.name_note.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        style_row, content_row = QHBoxLayout(), QHBoxLayout()
        style_row.addWidget(self.style_edit, 1)
        style_row.addWidget(self.style_browse)
        content_row.addWidget(self.content_edit, 1)
        content_row.addWidget(self.content_browse)
        self.labels = [QLabel() for _ in range(5)]
        preset_row = QHBoxLayout()
        preset_row.addWidget(self.preset, 1)
        preset_row.addWidget(self.measure_button)
        # A grid, not a QFormLayout: a form's row without a label asks for a wrapped note's size hint (its text
        # some 80 characters a line, two or three lines) however wide the note is; a grid for the lines it takes.
        grid = QGridLayout(self.setup_box)
        grid.setColumnStretch(1, 1)
        for row, (label, field) in enumerate((
                (self.labels[0], style_row), (self.labels[1], content_row), (None, self.content_note),
                (self.labels[2], preset_row), (None, self.preset_note), (None, self.estimate_note),
                (self.labels[3], self.device), (self.labels[4], self.name_edit), (None, self.name_note))):
            if label is not None:
                grid.addWidget(label, row, 0)
            if isinstance(field, QLayout):
                grid.addLayout(field, row, 1)
            else:
                grid.addWidget(field, row, 1)

        self.progress_box = QGroupBox()
        self.bar = QProgressBar()
        self.eta = QLabel()
        self.plot = LossPlot()
        self.snapshot = QLabel(alignment=Qt.AlignCenter, wordWrap=True)
        self.snapshot.setFixedSize(PREVIEW, PREVIEW)
        self.snapshot.setStyleSheet("border: 1px solid rgba(128, 128, 128, 110);")
        self.snapshot_note = QLabel(alignment=Qt.AlignCenter)
        self.status = QLabel(wordWrap=True)
        self.status.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        shots = QVBoxLayout()
        shots.addWidget(self.snapshot)
        shots.addWidget(self.snapshot_note)
        shots.addStretch()
        charts = QHBoxLayout()
        charts.addWidget(self.plot, 1)
        charts.addLayout(shots)
        prog = QVBoxLayout(self.progress_box)
        prog.addWidget(self.bar)
        prog.addWidget(self.eta)
        prog.addLayout(charts, 1)

        self.start_button = QPushButton(clicked=lambda: self.start(resume=False))
        self.resume_button = QPushButton(clicked=lambda: self.start(resume=True))
        self.cancel_button = QPushButton(clicked=self.cancel, enabled=False)
        self.close_button = QPushButton(clicked=self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.start_button, self.resume_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        layout = WrappedNotesColumn(self)
        layout.addWidget(self.setup_box)
        layout.addWidget(self.progress_box, 1)
        layout.addLayout(buttons)

        self.style_edit.textChanged.connect(self._suggest_name)
        self.name_edit.textChanged.connect(self._update)
        self.content_edit.textChanged.connect(self._update)
        self.preset.currentIndexChanged.connect(self._update)
        self.device.currentIndexChanged.connect(self._update)
        self.retranslate()
        self.resize(760, 680)

    # --- choices -------------------------------------------------------------------------------------
    def suggest_style(self, path) -> None:
        if self.task is None and not self.style_edit.text():
            self.style_edit.setText(str(path))

    def _browse_style(self) -> None:
        patterns = " ".join(f"*{s}" for s in sorted(READABLE))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Style image"), self.settings.last_dir("style"),
                                              self.tr("Images ({patterns})").format(patterns=patterns))
        if path:
            self.style_edit.setText(path)

    def _browse_content(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Photos to learn from"), self.content_edit.text())
        if folder:
            self.content_edit.setText(folder)

    def _suggest_name(self) -> None:
        """The style image's name, numbered when a model of that name exists (a shipped preset, say)."""
        if self.task is None:
            stem = Path(self.style_edit.text()).stem if self.style_edit.text() else ""
            name, n = stem, 2
            while stem and self._taken(name):
                name, n = f"{stem}-{n}", n + 1
            self.name_edit.setText(name)
        self._update()

    def _taken(self, name: str) -> bool:
        """A model of this name is in the zoo already (a run stopped before its end has none yet)."""
        return (weights_dir() / f"lapstyle-{training().runner.slug(name or 'style')}.safetensors").exists()

    def run_dir(self) -> Path:
        slug = training().runner.slug(self.name_edit.text() or "style")
        return data_dir() / "finetune" / slug

    def _update(self) -> None:
        folder = Path(self.content_edit.text()).expanduser()
        count = len(image_files(folder)) if folder.is_dir() else 0
        self.content_note.setText(self.tr("{n} photos").format(n=count) if folder.is_dir() else
                                  self.tr("no such folder"))
        name = self.preset.currentData()
        if name in training().PRESETS:
            self.preset_note.setText(self.describe_preset(training().PRESETS[name]))
            self.estimate_note.setText(self.describe_estimate(name))
        run_dir = self.run_dir()
        self.name_note.setText(self.tr("A model called “lapstyle-{slug}” exists already; choose another name.")
                               .format(slug=run_dir.name) if self._taken(self.name_edit.text()) else
                               self.tr("The model will be called “lapstyle-{slug}”.").format(slug=run_dir.name))
        self.name_note.setToolTip(self.tr("Training run folder: {folder}").format(folder=run_dir))
        self.resume_button.setEnabled(self.task is None and self.probe is None and
                                      (run_dir / "checkpoint.safetensors").exists())

    # --- how long it takes here ---------------------------------------------------------------------
    def _device_key(self) -> str:
        device = self.device.currentData() or "auto"
        return ("gpu" if "gpu" in self.devices else "cpu") if device == "auto" else device

    def step_seconds(self) -> float:
        """Seconds a step of the first revision stage took on this machine and device (timed, or measured in a
        run), 0 if never."""
        return self.settings.get(f"finetune/revision_seconds_{self._device_key()}", 0.0, float)

    def _remember_step_seconds(self, seconds: float) -> None:
        if seconds and seconds > 0:
            self.settings.set(f"finetune/revision_seconds_{self._device_key()}", float(seconds))

    def estimate(self, name: str):
        """Seconds the preset ``name`` takes here, or None when no step was measured yet."""
        seconds = self.step_seconds()
        return seconds * step_costs(training().PRESETS[name]) if seconds else None

    def describe_estimate(self, name: str) -> str:
        """The time preset ``name`` takes here, and its steps' mean time (or how to measure them)."""
        total = self.estimate(name)
        if total is None:
            return self.tr("How long it takes depends on this computer: “Time it” runs a few training steps "
                           "(about a minute) and says.")
        steps = sum(training().PRESETS[name].get("steps", {}).values())
        return self.tr("{preset}: about {time} here ({seconds} s a step, measured on this computer)").format(
            preset=self._titles().get(name, name), time=in_words(total), seconds=f"{total / max(1, steps):.1f}")

    def measure(self) -> None:
        """Time a few real training steps of the chosen preset (“Time it”)."""
        if self.task is not None or self.probe is not None:
            return
        style, content = (Path(edit.text()).expanduser() for edit in (self.style_edit, self.content_edit))
        if not style.is_file():
            self._say(lambda: self.tr("Choose a style image first."), error=True)
            return
        if not content.is_dir():
            self._say(lambda: self.tr("Choose a folder of photos to learn from."), error=True)
            return
        data_dir().mkdir(parents=True, exist_ok=True)
        self.probe = Task(probe_job(style, content, self.preset.currentData(), self.device.currentData()))
        self.probe.progress.connect(lambda done: self._say(
            lambda: self.tr("Timing: step {n} of {total}…").format(n=done + 1, total=PROBE_STEPS + 1)))
        self.probe.succeeded.connect(self._measured)
        self.probe.failed.connect(self._probe_failed)
        self.probe.cancelled.connect(self._probe_failed)
        self.measure_button.setEnabled(False)
        self.start_button.setEnabled(False)
        self._say(lambda: self.tr("Timing a few training steps on this computer: loading the networks…"))
        self.probe.start()

    def _probe_done(self) -> None:
        self.probe = None
        self.measure_button.setEnabled(self.task is None)
        self.start_button.setEnabled(self.task is None)
        self._update()

    def _measured(self, seconds) -> None:
        self._remember_step_seconds(seconds)
        self._probe_done()
        name = self.preset.currentData()
        self._say(lambda: self.describe_estimate(name))

    def _probe_failed(self, message: str = None) -> None:
        self._probe_done()
        if message:
            self._say(lambda: self.tr("Timing failed: {reason}").format(reason=message), error=True)
        else:
            self._texts.clear(self.status)

    def describe_preset(self, preset: dict) -> str:
        """The stages a preset trains (its style vector, its revision levels with their crop side) and their steps."""
        steps = preset.get("steps", {})
        size = preset.get("size", training().job.defaults("lapstyle")["size"])
        parts, photos = [], preset.get("batch", {}).get("vector", 1)
        if steps.get("vector"):
            parts.append(self.tr("style vector: {n} steps of {k} photos").format(n=steps["vector"], k=photos)
                         if photos > 1 else self.tr("style vector: {n} steps").format(n=steps["vector"]))
        parts += [self.tr("revision: {n} steps at {side} px").format(n=steps[key], side=size * 2 ** level)
                  for level, key in enumerate(REVISIONS, 1) if steps.get(key)]
        return self.tr("{stages}, on the arbitrary network's draft").format(stages=" · ".join(parts))

    # --- running -------------------------------------------------------------------------------------
    def start(self, resume: bool = False) -> None:
        if self.task is not None or self.probe is not None:
            return
        style, content = (Path(edit.text()).expanduser() for edit in (self.style_edit, self.content_edit))
        run_dir = self.run_dir()
        if not resume and not style.is_file():
            self._say(lambda: self.tr("Choose a style image first."), error=True)
            return
        if not resume and not content.is_dir():
            self._say(lambda: self.tr("Choose a folder of photos to learn from."), error=True)
            return
        for key, value in (("style", str(style)), ("content", str(content)), ("name", self.name_edit.text())):
            self.settings.set(f"finetune/{key}", value)
        self.plot.clear()
        self.snapshot.clear()
        self.snapshot_note.clear()
        self.last_event = None
        self.bar.setRange(0, 0)
        self._stopping, self._started, self._first_step = False, time.perf_counter(), None
        try:  # the steps and batch of each stage: the ETA weighs each step as the work it is
            self._plan = (training().runner.read_settings(run_dir) if resume else
                          training().PRESETS[self.preset.currentData()])
        except Exception:  # (an unreadable run is said by the job itself)
            self._plan = {}
        self._texts.clear(self.eta)
        if not resume and self.estimate(self.preset.currentData()) is not None:  # said at once, from an earlier
            total = in_words(self.estimate(self.preset.currentData()))       # measurement on this machine
            self._texts.show(self.eta, lambda: self.tr("about {time} in all here").format(time=total))
        self.task = Task(finetune_job(style, content, run_dir, self.preset.currentData(),
                                      self.device.currentData(), resume))
        self.task.progress.connect(self._event)
        self.task.succeeded.connect(self._finished)
        self.task.cancelled.connect(self._cancelled)
        self.task.failed.connect(self._failed)
        self._set_running(True)
        self._say(lambda: self.tr("Resuming…") if resume else self.tr("Starting: loading the networks…"))
        self.task.start()

    def cancel(self) -> None:
        if self.task is not None and not self._stopping:
            self._stopping = True
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self._texts.clear(self.eta)
            self._say(lambda: self.tr("Stopping after this step; the checkpoint is kept…"))

    def is_running(self) -> bool:
        return self.task is not None

    def _event(self, item) -> None:
        event, image = item
        self.bar.setRange(0, event.total)
        self.bar.setValue(event.step)
        if event.losses:
            self.plot.add(event.step, event.losses)
            if self._first_step is None:
                self._first_step, self._first_time, self._per_unit = event.step, time.perf_counter(), None
                if not self._stopping:
                    self._say(lambda: self.tr("Training: the loss plot and the snapshots follow it."))
            elif event.step > self._first_step and not self._stopping:
                spent = time.perf_counter() - self._first_time
                units = step_costs(self._plan, self._first_step) - step_costs(self._plan, event.step)
                if units > 0:  # seconds per first-revision-stage step, measured here; the work left in those
                    self._per_unit = spent / units
                    left = format_duration(self._per_unit * step_costs(self._plan, event.step))
                else:
                    left = format_duration(spent / (event.step - self._first_step) * (event.total - event.step))
                self._texts.show(self.eta, lambda: self.tr("about {eta} left").format(eta=left))
        if image is not None:
            self.snapshot.setPixmap(QPixmap.fromImage(image).scaled(PREVIEW, PREVIEW, Qt.KeepAspectRatio,
                                                                    Qt.SmoothTransformation))
            self._texts.show(self.snapshot_note, lambda: self.tr("after step {n}").format(n=event.step))
        if event.checkpoint is not None and not self._stopping:
            self._say(lambda: self.tr("Checkpoint saved at step {n}.").format(n=event.step))
        self.last_event = event

    def _keep_measurement(self) -> None:
        """A run's own pace is the best estimate for the next one on this machine."""
        if getattr(self, "_per_unit", None):
            self._remember_step_seconds(self._per_unit)

    def _finished(self, event) -> None:
        self.task = None
        self._keep_measurement()
        self._texts.clear(self.eta)
        self._set_running(False)
        if self._stopping or event is None or event.model_path is None:
            step = event.step if event is not None else 0
            self._say(lambda: self.tr("Stopped at step {n}; the checkpoint is kept. Resume continues it.").format(
                n=step))
            return
        spent = format_duration(time.perf_counter() - self._started)
        self._texts.show(self.eta, lambda: self.tr("Done in {time}.").format(time=spent))
        self._say(lambda: self.tr("The model is ready and in the style gallery: {path}").format(path=event.model_path))
        self.modelReady.emit(Path(event.model_path))

    def _cancelled(self) -> None:
        self.task = None
        self._keep_measurement()
        self._texts.clear(self.eta)
        self._set_running(False)
        step = self.last_event.step if self.last_event is not None else 0
        self._say(lambda: self.tr("Stopped at step {n}; the checkpoint is kept. Resume continues it.").format(n=step))

    def _failed(self, message: str) -> None:
        self.task = None
        self._texts.clear(self.eta)
        self._set_running(False)
        self._say(lambda: self.tr("Fine-tuning stopped: {reason}").format(reason=message), error=True)

    def _set_running(self, running: bool) -> None:
        self.setup_box.setEnabled(not running)
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        if not running:
            self.bar.setRange(0, max(self.bar.maximum(), 1))
        self._update()

    def _say(self, text, error: bool = False) -> None:
        self._texts.show(self.status, text)
        self.status.setStyleSheet("color: #e06c5a;" if error else "")

    def closeEvent(self, event):
        self.cancel()
        if self.probe is not None:
            self.probe.cancel()
        super().closeEvent(event)

    def _titles(self) -> dict:
        return {"quick": self.tr("Quick"), "standard": self.tr("Standard"), "high": self.tr("High")}

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fine-tune a style"))
        self.setup_box.setTitle(self.tr("What to learn"))
        for label, text in zip(self.labels, (self.tr("Style image"), self.tr("Photos to learn from"),
                                             self.tr("Effort"), self.tr("Device"), self.tr("Name"))):
            label.setText(text)
        self.style_browse.setText(self.tr("Browse…"))
        self.content_browse.setText(self.tr("Browse…"))
        self.content_edit.setToolTip(self.tr("Any folder of photos; the default is the sample photos that come "
                                             "with Huafeng"))
        titles = self._titles()  # how long each takes depends on the machine: describe_estimate says it
        current = self.preset.currentData()
        self.preset.blockSignals(True)
        self.preset.clear()
        for name in training().PRESETS:
            self.preset.addItem(titles.get(name, name), name)
        self.preset.setCurrentIndex(max(self.preset.findData(current or "quick"), 0))
        self.preset.blockSignals(False)
        device = self.device.currentData()
        self.device.clear()
        self.device.addItem(self.tr("Automatic"), "auto")
        self.device.addItem(self.tr("CPU"), "cpu")
        self.device.addItem(self.tr("GPU") if "gpu" in self.devices else self.tr("GPU (Paddle found none)"), "gpu")
        self.device.model().item(2).setEnabled("gpu" in self.devices)
        self.device.setCurrentIndex(max(self.device.findData(device or "auto"), 0))
        self.progress_box.setTitle(self.tr("Progress"))
        if self.snapshot.pixmap() is None:  # a snapshot on show stays through a language switch
            self.snapshot.setText(self.tr("Snapshots of the model's work appear here."))
        self.start_button.setText(self.tr("Start"))
        self.resume_button.setText(self.tr("Resume"))
        self.measure_button.setText(self.tr("Time it"))
        self.measure_button.setToolTip(self.tr("Run a few training steps on this computer to tell how long "
                                               "each effort takes here"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.close_button.setText(self.tr("Close"))
        self.bar.setFormat(self.tr("step %v of %m"))
        self._texts.retranslate()
        self._update()
