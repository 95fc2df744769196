"""The main window: photo and style pickers, model controls, the live preview, render, save, history.

Its parts live in their own modules as mixins: :mod:`.window_actions` (actions, menus, toolbar),
:mod:`.window_files` (opening pictures, drops, paste, saving) and :mod:`.window_render` (preview, render,
progress, cancel: the window's side of its :class:`.render_controller.RenderController`). This module builds the
window and holds models, styles, settings and messages.
"""
from pathlib import Path

from PyQt5.QtCore import QByteArray, Qt, QTimer
from PyQt5.QtGui import QIcon, QPixmap
from PyQt5.QtWidgets import (QHBoxLayout, QLabel, QMainWindow, QProgressBar, QPushButton, QScrollArea, QSplitter,
                             QTabWidget, QVBoxLayout, QWidget)

from app.pipeline import device, memory, transfer, zoo
from app.pipeline.errors import UserError
from app.pipeline.imageio import read_image

from . import i18n
from .batch_dialog import BatchDialog
from .controls import ModelControls
from .gallery import APP_ICON, THUMBNAILS, StyleGallery, model_painting, model_thumbnail, preset_title
from .history import HistoryStrip
from .i18n import Retranslating
from .image_pane import ImagePane
from .image_view import ImageView
from .images import loaded_from_array
from .messages import translated
from .noise_panel import NoisePanel
from .recipe import Recipe, model_title, safe_stem
from .settings import Settings
from .status_message import StatusMessage
from .window_actions import WindowActions
from .window_files import PictureFiles
from .window_render import Rendering
from .workers import busy, wait_all

IDLE_CHECK_MS = 2000     # how often the window looks whether the work has ended, to give its memory back
TABS_WIDTH = 340         # the gallery's width when there is room (two columns and more)
TABS_TWO_COLUMNS = 236   # two gallery columns
TABS_MIN_WIDTH = 136     # one gallery column: on a small screen the gallery gives way to the preview


class PreviewSplitter(QSplitter):
    """The sidebar | preview | gallery splitter: on a small window the preview stays the widest column.

    The gallery keeps the width the user gave it (by dragging, or a saved layout) when there is room, and
    gives way (down to one column of styles, or folded away while not even that fits) when the preview would
    otherwise be narrower than a side column. A column the user folded away stays so."""
    def __init__(self, *args):
        super().__init__(*args)
        self.wanted_tabs = TABS_WIDTH
        self.squeezed = False  # the gallery was folded away for want of room (not by the user)
        self.splitterMoved.connect(self._remember)

    def _remember(self, *_) -> None:
        sizes = self.sizes()
        if len(sizes) == 3:
            self.squeezed = False  # the user's choice now, folded away or not
            if sizes[2] > 0:
                self.wanted_tabs = sizes[2]

    def restoreState(self, state) -> bool:
        done = super().restoreState(state)
        self._remember()
        self.share()
        return done

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.share()

    def share(self) -> None:
        sizes = self.sizes()
        if len(sizes) != 3 or sum(sizes) <= 0 or (sizes[2] == 0 and not self.squeezed):
            return
        side, total = sizes[0], sum(sizes)
        least = self.widget(2).minimumWidth()
        tabs = min(self.wanted_tabs, total - 2 * side - 1, total // 3)  # the preview widest
        tabs = tabs if tabs >= TABS_TWO_COLUMNS else least  # in between, the second column would not fit anyway
        self.squeezed = total - side - tabs <= side  # not even one column fits: folded away until there is room
        tabs = 0 if self.squeezed else tabs
        if tabs != sizes[2]:
            self.setSizes([side, total - side - tabs, tabs])


class MainWindow(Rendering, PictureFiles, WindowActions, Retranslating, QMainWindow):
    def __init__(self, images=(), settings: Settings = None):
        super().__init__()
        self.settings = settings or Settings()
        self.setObjectName("mainWindow")
        self.setWindowIcon(QIcon(str(APP_ICON)))
        self.setAcceptDrops(True)
        self.content = None        # images.Loaded
        self.style_image = None    # images.Loaded
        self.preset = self.settings.get("render/preset", transfer.presets()[0], str)
        if self.preset not in transfer.presets():
            self.preset = transfer.presets()[0]
        self.current = None        # the Result on screen
        self._loads = {}           # kind -> Task reading a file
        self.mix_partner = None  # (model kind, second style, its name) while two styles are mixed
        self._finetune = self._batch = None
        self._restore_models = []
        self.devices = device.available()

        self._build_widgets()
        self._build_actions()
        self._build_status_bar()
        self._connect()
        self._build_renderer()
        self.retranslate()
        self.refresh_models()
        self._restore_settings()
        self._update_actions()
        paths = [Path(p) for p in images]
        if paths:
            self.open_content(paths[0])
        if len(paths) > 1:
            self.open_style(paths[1])

    # --- building ------------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.content_pane = ImagePane("content")
        self.style_pane = ImagePane("style")
        self.controls = ModelControls(self.devices)
        self.render_button = QPushButton(objectName="renderButton")
        self.render_button.setMinimumHeight(36)
        font = self.render_button.font()
        font.setBold(True)
        self.render_button.setFont(font)
        self.save_button = QPushButton(objectName="saveButton")
        self.save_button.setMinimumHeight(36)
        buttons = QHBoxLayout()
        buttons.addWidget(self.render_button, 2)
        buttons.addWidget(self.save_button, 1)
        side = QWidget()
        column = QVBoxLayout(side)
        column.setContentsMargins(6, 6, 6, 6)
        panes = QHBoxLayout()
        panes.setSpacing(6)
        panes.addWidget(self.content_pane)
        panes.addWidget(self.style_pane)
        column.addLayout(panes)
        column.addWidget(self.controls)
        column.addStretch()
        self.sidebar = QScrollArea(widgetResizable=True, horizontalScrollBarPolicy=Qt.ScrollBarAlwaysOff)
        self.sidebar.setWidget(side)
        self._fit_sidebar()
        # Render and Save sit under the scrolling controls, never scrolled out of sight on a low screen
        self.side_column = QWidget(objectName="sideColumn")
        bottom = QVBoxLayout(self.side_column)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.setSpacing(0)
        bottom.addWidget(self.sidebar, 1)
        buttons.setContentsMargins(6, 6, 6, 6)
        bottom.addLayout(buttons)

        self.view = ImageView()
        self.history = HistoryStrip()
        center = QWidget()
        middle = QVBoxLayout(center)
        middle.setContentsMargins(0, 0, 0, 0)
        middle.setSpacing(2)
        middle.addWidget(self.view, 1)
        middle.addWidget(self.history)

        self.gallery = StyleGallery()
        self.gallery.set_presets(transfer.presets())
        self.noise_panel = NoisePanel()
        noise_scroll = QScrollArea(widgetResizable=True)
        noise_scroll.setWidget(self.noise_panel)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.gallery, "")
        self.tabs.addTab(noise_scroll, "")
        self.tabs.setMinimumWidth(TABS_MIN_WIDTH)

        self.splitter = PreviewSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.side_column)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([self.sidebar.minimumWidth(), 700, TABS_WIDTH])
        self.setCentralWidget(self.splitter)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.message = StatusMessage()
        self.progress = QProgressBar(maximumWidth=180, textVisible=False, visible=False)
        self.cancel_button = QPushButton(visible=False, clicked=self.cancel)
        self.zoom_label = QLabel(alignment=Qt.AlignRight | Qt.AlignVCenter, minimumWidth=64)
        self.device_label = QLabel()
        self.device_label.setContentsMargins(12, 0, 6, 0)
        bar.addWidget(self.message, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.zoom_label)
        bar.addPermanentWidget(self.device_label)
        self._worked = False  # a job ran since memory was last given back
        self._idle_timer = QTimer(self, interval=IDLE_CHECK_MS, timeout=self._release_when_idle)
        self._idle_timer.start()

    def _connect(self) -> None:
        for pane, kind in ((self.content_pane, "content"), (self.style_pane, "style")):
            pane.fileChosen.connect(lambda path, k=kind: self._load(path, k))
            pane.imagePasted.connect(lambda rgb, k=kind: self._set_pasted(rgb, k))
            pane.message.connect(self.show_error)
        self.content_pane.openRequested.connect(self.open_content_dialog)
        self.style_pane.openRequested.connect(self.open_style_dialog)
        self.render_button.clicked.connect(self.render)
        self.save_button.clicked.connect(self.save)
        self.controls.changed.connect(self._controls_changed)
        self.controls.modelChanged.connect(self._model_changed)
        self.controls.mixCleared.connect(lambda: self.mix_with(None))
        self.gallery.mixRequested.connect(self.mix_with)
        self.gallery.presetChosen.connect(self.choose_preset)
        self.gallery.modelChosen.connect(lambda model: self.controls.select_model(model.id))
        self.gallery.styleFileChosen.connect(self.open_style)
        self.noise_panel.changed.connect(self.schedule_preview)
        self.noise_panel.restoreRequested.connect(self.restore_noisy)
        self.noise_panel.folderRequested.connect(lambda: self.open_batch(noise_only=True))
        self.history.chosen.connect(self.show_result)
        self.history.saveRequested.connect(self.save_as)
        self.history.useSettings.connect(self.use_settings)
        self.history.useAsContent.connect(
            lambda r: self._set_content(loaded_from_array(r.rgb, f"{r.name}_{safe_stem(r.label)}")))
        self.view.zoomChanged.connect(lambda s: self.zoom_label.setText(f"{s * 100:.0f} %"))

    # --- models and styles ---------------------------------------------------------------------------
    def finetuned_models(self) -> list:
        """The user's fine-tuned models that still exist."""
        found = []
        for path in self.settings.paths("models/finetuned"):
            try:
                found.append(zoo.trained_model(path))
            except UserError:
                continue
        return [m for m in found if m.file.is_file()]

    def add_finetuned(self, path) -> None:
        paths = [p for p in self.settings.paths("models/finetuned") if p != Path(path)]
        self.settings.set_paths("models/finetuned", paths + [Path(path)])
        self.refresh_models()

    def refresh_models(self) -> None:
        """Read the zoo again (new LapStyle files, fine-tuned models) into the selector and the gallery."""
        zoo_models = [m for m in zoo.models() if m.task in ("stylize", "translate", "restore")]
        mine = self.finetuned_models()
        mine_ids = {m.id for m in mine}
        # a dot finder undoes the noise panel's damage, so only the noise panel, which knows that damage, offers it
        self.controls.set_models([m for m in zoo_models if m.id not in mine_ids and m.kind != "dotfinder"] + mine)
        # styles: presets and PaddleGAN's per-style files; a general model (no style of its own) is only a model
        self.gallery.set_models([m for m in zoo_models if m.kind == "lapstyle" and m.id not in mine_ids and
                                 (m.own_style or m.converter != "safetensors")], mine)
        self._restore_models = [m for m in zoo_models + mine if m.task == "restore"]
        self._name_restore_models()

    def _name_restore_models(self) -> None:
        self.noise_panel.set_restore_models([(m.id, model_title(m), m.purpose) for m in self._restore_models])

    def choose_preset(self, name: str) -> None:
        self.preset = name
        if self.controls.model_id() != "multistyle26":
            self.controls.select_model("multistyle26")
        self._show_style()
        self.schedule_preview()

    def _model_changed(self, model) -> None:
        if self.mix_partner and self.mix_partner[0] != transfer.mixes_like(model):
            self.mix_with(None)  # the second style was for the other kind of model
        self._show_style()

    def mix_with(self, key) -> None:
        """Blend a second style, a gallery tile's (``("preset", name)`` or ``("file", path)``), into the current
        one; None stops mixing. Built-in styles mix with built-in styles, style images with style images."""
        self.mix_partner = None
        if key is not None:
            kind, value = key
            model = self.controls.model()
            wanted = "multistyle" if kind == "preset" else "arbitrary"
            if model is None or transfer.mixes_like(model) != wanted:
                self.show_message(self.tr("Styles mix two built-in styles, or two style images with “Any style "
                                          "image”: choose the first style that way, then mix."))
            elif kind == "preset":
                self.mix_partner = ("multistyle", value, preset_title(value))
            else:
                try:
                    self.mix_partner = ("arbitrary", read_image(value).rgb, Path(value).stem)
                except UserError as exc:
                    self.show_message(translated(str(exc)))
        self.controls.set_mix_partner(self.mix_partner[2] if self.mix_partner else None)
        self.schedule_preview()

    def _show_style(self) -> None:
        """The style pane and the gallery follow the model: a preset, a style image, or no style."""
        model = self.controls.model()
        self.style_pane.setEnabled(model is not None and model.task == "stylize")
        if model is None or model.task != "stylize":
            self.style_pane.show_text("none")
            self.gallery.select(None)
        elif model.kind == "multistyle":
            self.style_pane.show_pixmap(QPixmap(str(THUMBNAILS / f"{self.preset}.jpg")),
                                        self.tr("Built-in style: {name}").format(name=preset_title(self.preset)))
            self.gallery.select(("preset", self.preset))
        elif model.own_style:
            painting = model_painting(model)  # the painting a preset learnt; a fine-tune keeps none: its result
            self.style_pane.show_pixmap(QPixmap(str(painting or model_thumbnail(model) or APP_ICON)),
                                        zoo.short_title(model_title(model)) if painting else
                                        self.tr("The style this model learnt"))
            self.gallery.select(("model", model.id))
        else:
            if self.style_image is not None:
                self.style_pane.show_loaded(self.style_image)
            elif self.style_pane.state != "loading":
                self.style_pane.show_text("empty")
            key = ("model", model.id) if model.kind == "lapstyle" else \
                ("file", self.style_image.path.resolve()) if self.style_image and self.style_image.path else None
            self.gallery.select(key)

    def recipe(self) -> Recipe:
        """What the controls say, as a Recipe; raises UserError when something is missing."""
        model = self.controls.model()
        if model is None:
            raise UserError(self.tr("No model is available; run: python -m app models fetch"))
        style, name = None, ""
        if model.kind == "multistyle":
            style, name = self.preset, self.preset
        elif model.own_style:  # a LapStyle preset paints with the style it carries
            name = model.id
        elif model.task == "stylize":
            if self.style_image is None:
                raise UserError(self.tr("Choose a style: open or drop a style image, or pick one in the gallery."))
            style, name = self.style_image.rgb, self.style_image.name
        mix = None
        if self.mix_partner and self.mix_partner[0] == model.kind:
            mix = (self.mix_partner[1], self.mix_partner[2], self.controls.mix_amount())
        return Recipe(model, style, name, self.controls.alpha(), self.controls.preserve_color(),
                      self.controls.max_side(), self.noise_panel.noise(), self.controls.device(),
                      self.controls.pyramid_levels(), mix)

    def noise_settings(self):
        return self.noise_panel.settings()

    def jpeg_quality(self) -> int:
        return self.controls.quality.value()

    def _content_changed(self) -> None:
        model = self.controls.model()
        enlarge = bool(self.content and model and Recipe(model, max_side=self.controls.max_side()).enlarges)
        self.noise_panel.set_content(self.content.rgb if self.content else None, self.controls.max_side(), enlarge)
        out = self._output_size()
        grown = enlarge and out is not None and max(out) > max(self.content.size)
        self.controls.show_output_size(out, self.content.size if grown else None)
        self.schedule_preview()

    def _controls_changed(self) -> None:
        self._content_changed()

    def _output_size(self):
        if self.content is None or self.controls.model() is None:
            return None
        return self.recipe_size(self.content.size)

    def recipe_size(self, size) -> tuple:
        model = self.controls.model()
        return Recipe(model, max_side=self.controls.max_side()).output_size(size)

    # --- dialogs -------------------------------------------------------------------------------------
    def open_batch(self, files=(), noise_only=False) -> BatchDialog:
        if self._batch is None:
            self._batch = BatchDialog(self.settings, self, self)
        if files:
            self._batch.set_files(files)
        self._batch.set_noise_only(noise_only)
        self._batch.describe()
        self._batch.show()
        self._batch.raise_()
        return self._batch

    def open_finetune(self):
        from .finetune_dialog import FinetuneDialog

        if self._finetune is None:
            self._finetune = FinetuneDialog(self.settings, self.devices, self)
            self._finetune.modelReady.connect(self._finetuned)
        if self.style_image is not None and self.style_image.path is not None:
            self._finetune.suggest_style(self.style_image.path)
        self._finetune.show()
        self._finetune.raise_()
        return self._finetune

    def _finetuned(self, path) -> None:
        self.add_finetuned(path)
        model = zoo.trained_model(Path(path))
        self.controls.select_model(model.id)
        self.show_message(self.tr("The new model “{name}” is in the style gallery.").format(name=model.title))

    # --- messages ------------------------------------------------------------------------------------
    def _release_when_idle(self) -> None:
        """Once a render, batch or fine-tune has ended and nothing runs, give back the memory it kept."""
        working = busy()
        if self._worked and not working:
            memory.release(self.controls.model_id())
        self._worked = working

    def show_message(self, text: str) -> None:
        self.message.say(text)

    def show_error(self, text: str) -> None:
        self.message.say_error(text)

    def show_hint(self, text: str) -> None:
        """Say something about the preview, unless it would hide an error that came after the preview was asked for."""
        self.message.hint(text)

    # --- settings and closing ------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.get("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)
        splitter = s.get("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        self.controls.restore_state({key: s.get(f"controls/{key}") for key in self.controls.state()
                                     if s.get(f"controls/{key}") is not None})
        noise = self.noise_panel
        noise.prob.setValue(s.get("noise/prob", 0.05, float))
        noise.kernel.setValue(s.get("noise/kernel", 3, int))
        noise.seed.setValue(s.get("noise/seed", 1, int))
        self.tabs.setCurrentIndex(s.get("window/tab", 0, int))
        self.theme_actions[s.get("ui/theme", "dark", str) if s.get("ui/theme") in i18n.THEMES else "dark"
                           ].setChecked(True)
        language = s.get("ui/language", "system", str)
        self.language_actions.get(language, self.language_actions["system"]).setChecked(True)
        self._update_recent()
        self._show_style()

    def save_settings(self) -> None:
        s = self.settings
        s.set("window/geometry", self.saveGeometry())
        s.set("window/splitter", self.splitter.saveState())
        s.set("window/tab", self.tabs.currentIndex())
        for key, value in self.controls.state().items():
            s.set(f"controls/{key}", value)
        s.set("render/preset", self.preset)
        noise = self.noise_panel.settings()
        s.set("noise/prob", noise.prob)
        s.set("noise/kernel", noise.kernel)
        s.set("noise/seed", noise.seed)
        s.sync()

    def closeEvent(self, event):
        self.save_settings()
        self.hide()
        for dialog in (self._batch, self._finetune):
            if dialog is not None:
                dialog.close()
        self.stop_opening()
        self.renderer.stop()
        self.noise_panel.stop()
        self.gallery.stop()
        wait_all()
        super().closeEvent(event)

    def _fit_sidebar(self) -> None:
        """The sidebar as wide as its controls in the language in effect, with room for its scroll bar."""
        scroll_bar = self.sidebar.verticalScrollBar().sizeHint().width()
        self.sidebar.setMinimumWidth(self.sidebar.widget().sizeHint().width() + scroll_bar + 4)

    def retranslate(self) -> None:
        QTimer.singleShot(0, self._fit_sidebar)  # once every control has its new texts
        self.setWindowTitle(self.tr("Huafeng 画风 — style transfer"))
        self._retranslate_actions()
        self.render_button.setText(self.tr("Render"))
        self.render_button.setToolTip(self.tr("Render the full result (Ctrl+R)"))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the result under a new name (Ctrl+S)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.tabs.setTabText(0, self.tr("Styles"))
        self.tabs.setTabText(1, self.tr("Noise && blur"))
        found = self.tr("GPU") if "gpu" in self.devices else self.tr("CPU only (Paddle found no GPU)")
        self.device_label.setText(self.tr("Paddle: {found}").format(found=found))
        if self.content is None:
            self.show_message(self.tr("Open a photo to begin: Ctrl+O, drop one here, or paste one."))
        if hasattr(self, "renderer"):  # not while the window is being built
            self._show_style()
            self._name_restore_models()
            if self.current is None and self.content is not None:  # the preview's caption and note, said anew
                self.renderer.forget_preview()
                self.schedule_preview()
