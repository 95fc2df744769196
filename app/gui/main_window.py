"""The main window: photo and style pickers, model controls, the live preview, render, save, history."""
import time
from pathlib import Path

from PyQt5.QtCore import QByteArray, QEvent, Qt, QTimer
from PyQt5.QtGui import QIcon, QKeySequence, QPixmap
from PyQt5.QtWidgets import (QAction, QActionGroup, QFileDialog, QHBoxLayout, QLabel, QMainWindow, QProgressBar,
                             QPushButton, QScrollArea, QSizePolicy, QSplitter, QStyle, QTabWidget, QToolBar,
                             QVBoxLayout, QWidget)

from app.pipeline import device, transfer, zoo
from app.pipeline.errors import UserError
from app.pipeline.imageio import READABLE, read_image, write_image
from app.pipeline.tensors import fit_max_side

from . import i18n
from .batch_dialog import BatchDialog
from .controls import ModelControls
from .gallery import APP_ICON, THUMBNAILS, StyleGallery, model_style_image, preset_title
from .history import ICON as THUMB_ICON
from .history import HistoryStrip, Result
from .image_pane import ImagePane, clipboard_picture, dropped_files
from .image_view import ImageView
from .images import display_image, load_picture, loaded_from_array
from .noise_panel import NoisePanel
from .recipe import Recipe, check_memory, run_model, safe_stem, unique_path, working_image
from .settings import Settings
from .workers import LatestWorker, Task, engine, wait_all

PREVIEW_SIDE = 448       # the live preview's longer side
PREVIEW_DELAY_MS = 150   # controls settle this long before a preview is asked for
ERROR_COLOR = "#e06c5a"


class MainWindow(QMainWindow):
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
        self._render_task = None
        self._preview_key = None
        self._finetune = self._batch = None
        self._model_styles = {}    # model id -> the style image it learnt
        self._restore_models = []
        self.devices = device.available()

        self._build_widgets()
        self._build_actions()
        self._build_status_bar()
        self._connect()
        self.preview_worker = LatestWorker()
        self.preview_worker.done.connect(self._preview_ready)
        self.preview_worker.failed.connect(self._preview_failed)
        self.preview_worker.start()
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
        column.addLayout(buttons)
        column.addStretch()
        self.sidebar = QScrollArea(widgetResizable=True, horizontalScrollBarPolicy=Qt.ScrollBarAlwaysOff)
        self.sidebar.setWidget(side)
        self.sidebar.setMinimumWidth(side.sizeHint().width() + 16)

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
        self.tabs.setMinimumWidth(300)

        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([self.sidebar.minimumWidth(), 700, 340])
        self.setCentralWidget(self.splitter)

    def _action(self, name, slot, shortcuts=(), icon=None, checkable=False) -> QAction:
        action = QAction(self, objectName=name, checkable=checkable)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.open_action = a("open", self.open_content_dialog, ["Ctrl+O"], QStyle.SP_DialogOpenButton)
        self.open_style_action = a("openStyle", self.open_style_dialog, ["Ctrl+Shift+O"])
        self.paste_action = a("paste", lambda: self.paste("content"), [QKeySequence.Paste])
        self.paste_style_action = a("pasteStyle", lambda: self.paste("style"), ["Ctrl+Shift+V"])
        self.save_action = a("save", self.save, [QKeySequence.Save], QStyle.SP_DialogSaveButton)
        self.save_as_action = a("saveAs", lambda: self.save_as(), ["Ctrl+Shift+S"])
        self.batch_action = a("batch", lambda: self.open_batch(), ["Ctrl+B"])
        self.finetune_action = a("finetune", self.open_finetune, ["Ctrl+T"])
        self.quit_action = a("quit", self.close, [QKeySequence.Quit])
        self.render_action = a("render", self.render, ["Ctrl+R", "F5"], QStyle.SP_MediaPlay)
        self.cancel_action = a("cancel", self.cancel, ["Esc"], QStyle.SP_MediaStop)
        self.zoom_in_action = a("zoomIn", self.view.zoom_in, ["Ctrl++", "Ctrl+="])
        self.zoom_out_action = a("zoomOut", self.view.zoom_out, ["Ctrl+-"])
        self.fit_action = a("fit", self.view.fit_to_window, ["Ctrl+0"])
        self.actual_action = a("actualSize", self.view.actual_size, ["Ctrl+1"])
        self.compare_action = a("compare", self.view.set_compare, ["Ctrl+K"], checkable=True)
        self.compare_action.setChecked(True)
        self.theme_group = QActionGroup(self)
        self.theme_actions = {name: a(f"theme-{name}", lambda _=False, n=name: self.set_theme(n), checkable=True)
                              for name in i18n.THEMES}
        self.language_group = QActionGroup(self)
        self.language_actions = {code: a(f"language-{code}", lambda _=False, c=code: self.set_language(c),
                                         checkable=True) for code in ("system", *i18n.LANGUAGES)}
        for group, actions in ((self.theme_group, self.theme_actions), (self.language_group, self.language_actions)):
            for action in actions.values():
                group.addAction(action)

        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.recent_menu = self.file_menu.addMenu("")
        self.view_menu = bar.addMenu("")
        self.theme_menu = self.view_menu.addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        self.tools_menu = bar.addMenu("")
        for action in (self.open_action, self.open_style_action, self.paste_action, self.paste_style_action):
            self.file_menu.addAction(action)
        self.file_menu.insertMenu(self.paste_action, self.recent_menu)
        self.file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action, self.actual_action,
                       self.compare_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addMenu(self.theme_menu)
        self.view_menu.addMenu(self.language_menu)
        for action in self.theme_actions.values():
            self.theme_menu.addAction(action)
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        for action in (self.render_action, self.cancel_action, self.batch_action, self.finetune_action):
            self.tools_menu.addAction(action)

        self.toolbar = QToolBar(objectName="mainToolbar", movable=False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        for action in (self.open_action, self.save_action, None, self.render_action, self.cancel_action, None,
                       self.fit_action, self.actual_action, self.compare_action, None, self.batch_action,
                       self.finetune_action):
            self.toolbar.addSeparator() if action is None else self.toolbar.addAction(action)
        self.addToolBar(self.toolbar)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.message = QLabel()
        self.message.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
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
        self._ticker = QTimer(self, interval=500, timeout=self._tick)

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
        self.gallery.presetChosen.connect(self.choose_preset)
        self.gallery.modelChosen.connect(lambda model: self.controls.select_model(model.id))
        self.gallery.styleFileChosen.connect(self.open_style)
        self.noise_panel.changed.connect(self.schedule_preview)
        self.noise_panel.restoreRequested.connect(self.restore_noisy)
        self.noise_panel.folderRequested.connect(lambda: self.open_batch(noise_only=True))
        self.history.chosen.connect(self.show_result)
        self.history.saveRequested.connect(self.save_as)
        self.history.useAsContent.connect(
            lambda r: self._set_content(loaded_from_array(r.rgb, f"{r.name}_{safe_stem(r.label)}")))
        self.view.zoomChanged.connect(lambda s: self.zoom_label.setText(f"{s * 100:.0f} %"))
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS, timeout=self._request_preview)

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
        self.controls.set_models([m for m in zoo_models if m.id not in mine_ids] + mine)
        self.gallery.set_models([m for m in zoo_models if m.kind == "lapstyle" and m.id not in mine_ids], mine)
        self._restore_models = [m for m in zoo_models + mine if m.task == "restore"]
        self._name_restore_models()

    def _name_restore_models(self) -> None:
        self.noise_panel.set_restore_models([(m.id, self.controls.model_title(m)) for m in self._restore_models])

    def choose_preset(self, name: str) -> None:
        self.preset = name
        if self.controls.model_id() != "multistyle26":
            self.controls.select_model("multistyle26")
        self._show_style()
        self.schedule_preview()

    def _model_changed(self, model) -> None:
        self._show_style()

    def model_style(self, model):
        """The style image a trained LapStyle model learnt, read once (None if it has none)."""
        path = model_style_image(model)
        if path is None:
            return None
        if model.id not in self._model_styles:
            try:
                self._model_styles[model.id] = read_image(path).rgb
            except UserError:
                return None
        return self._model_styles[model.id]

    def _show_style(self) -> None:
        """The style pane and the gallery follow the model: a preset, a style image, or no style."""
        model = self.controls.model()
        self.style_pane.setEnabled(model is not None and model.task == "stylize")
        if model is None or model.task != "stylize":
            self.style_pane.show_text("none")
            self.gallery.select(None)
        elif model.kind == "multistyle":
            self.style_pane.show_pixmap(QPixmap(str(THUMBNAILS / f"{self.preset}.jpg")),
                                        self.tr("Built-in style {n}").format(n=preset_title(self.preset)))
            self.gallery.select(("preset", self.preset))
        elif model_style_image(model) is not None:
            self.style_pane.show_pixmap(QPixmap(str(model_style_image(model))), self.tr("The style this model learnt"))
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
        elif model.kind == "lapstyle" and self.model_style(model) is not None:
            style, name = self.model_style(model), model.id
        elif model.task == "stylize":
            if self.style_image is None:
                raise UserError(self.tr("Choose a style: open or drop a style image, or pick one in the gallery."))
            style, name = self.style_image.rgb, self.style_image.name
        return Recipe(model, style, name, self.controls.alpha(), self.controls.preserve_color(),
                      self.controls.max_side(), self.noise_panel.noise(), self.controls.device())

    def noise_settings(self):
        return self.noise_panel.settings()

    def jpeg_quality(self) -> int:
        return self.controls.quality.value()

    # --- opening pictures ----------------------------------------------------------------------------
    def open_content_dialog(self) -> None:
        path = self._ask_image(self.tr("Open a photo"), "content")
        if path:
            self.open_content(path)

    def open_style_dialog(self) -> None:
        path = self._ask_image(self.tr("Open a style image"), "style")
        if path:
            self.open_style(path)

    def _ask_image(self, title: str, kind: str):
        patterns = " ".join(f"*{s}" for s in sorted(READABLE))
        path, _ = QFileDialog.getOpenFileName(self, title, self.settings.last_dir(kind),
                                              self.tr("Images ({patterns})").format(patterns=patterns))
        return Path(path) if path else None

    def open_content(self, path) -> None:
        self._load(Path(path), "content")

    def open_style(self, path) -> None:
        self._load(Path(path), "style")

    def _load(self, path: Path, kind: str) -> None:
        """Read a picture in a worker; the pane says it is loading, then shows it or says what is wrong."""
        pane = self.content_pane if kind == "content" else self.style_pane
        if kind in self._loads:
            self._loads.pop(kind).detach()
        pane.show_text("loading", path.name)
        self.show_message(self.tr("Opening {name}…").format(name=path.name))
        task = Task(lambda cancel, report: load_picture(path))
        task.succeeded.connect(lambda loaded: self._loaded(loaded, kind))
        task.failed.connect(lambda message: self._load_failed(message, kind, path))
        self._loads[kind] = task
        task.start()

    def _loaded(self, loaded, kind: str) -> None:
        self._loads.pop(kind, None)
        self.settings.add_recent(kind, loaded.path)
        self.settings.set_last_dir(kind, loaded.path.parent)
        self._set_content(loaded) if kind == "content" else self._set_style(loaded)
        self._update_recent()

    def _load_failed(self, message: str, kind: str, path: Path) -> None:
        self._loads.pop(kind, None)
        previous = self.content if kind == "content" else self.style_image
        pane = self.content_pane if kind == "content" else self.style_pane
        if previous is not None:
            pane.show_loaded(previous)
        else:
            pane.show_text("error", message.replace(str(path), path.name))
        self.show_error(self.tr("Could not open it: {reason}").format(reason=message))

    def _set_pasted(self, rgb, kind: str) -> None:
        loaded = loaded_from_array(rgb, self.tr("pasted"))
        self._set_content(loaded) if kind == "content" else self._set_style(loaded)

    def paste(self, kind: str) -> None:
        found = clipboard_picture()
        if found is None:
            self.show_error(self.tr("The clipboard holds no image."))
        elif found[0] == "file":
            self._load(found[1], kind)
        else:
            self._set_pasted(found[1], kind)

    def _set_content(self, loaded) -> None:
        self.content = loaded
        self.content_pane.show_loaded(loaded)
        self.current = None
        self.view.set_images(loaded.display, None, loaded.size, self.tr("Original"))
        self._content_changed()
        w, h = loaded.size
        out = self._output_size()
        note = "" if out == (w, h) else " " + self.tr("The result will be {w} × {h} (Output ▸ Size).").format(
            w=out[0], h=out[1])
        self.show_message(self.tr("Opened {name} ({w} × {h}).").format(name=loaded.name, w=w, h=h) + note)
        self._update_actions()

    def _set_style(self, loaded) -> None:
        self.style_image = loaded
        model = self.controls.model()
        if model is None or model.task != "stylize" or model.kind == "multistyle" or model_style_image(model):
            self.controls.select_model("arbitrary")  # a model that brings its own style would ignore this one
        self._show_style()
        self.schedule_preview()

    def _update_recent(self) -> None:
        content = self.settings.recent("content")
        self.content_pane.set_recent(content)
        self.style_pane.set_recent(self.settings.recent("style"))
        self.gallery.set_recent_styles([p.resolve() for p in self.settings.recent("style")])
        self._show_style()
        self.recent_menu.clear()
        for path in content:
            self.recent_menu.addAction(path.name, lambda p=path: self.open_content(p)).setToolTip(str(path))
        self.recent_menu.setEnabled(bool(content))

    def _content_changed(self) -> None:
        self.noise_panel.set_content(self.content.rgb if self.content else None, self.controls.max_side())
        self.controls.show_output_size(self._output_size())
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

    # --- preview -------------------------------------------------------------------------------------
    def schedule_preview(self) -> None:
        self._preview_timer.start()

    def _request_preview(self) -> None:
        if self.content is None:
            return
        try:
            recipe = self.recipe()
        except UserError as exc:
            self._preview_key = None
            if self.current is None:
                self.view.set_images(self.content.display, None, self.content.size, self.tr("Original"))
            self.show_message(str(exc))
            return
        key = (id(self.content), recipe.ref, id(recipe.style) if not isinstance(recipe.style, str) else recipe.style,
               recipe.alpha, recipe.preserve_color, recipe.max_side, recipe.noise, recipe.device)
        if key == self._preview_key:
            return
        self._preview_key = key
        content, size = self.content.rgb, recipe.output_size(self.content.size)

        def job(cancel):
            small = fit_max_side(working_image(content, recipe) if recipe.noise else content, PREVIEW_SIDE)
            with engine(cancel, recipe.device):
                after = run_model(small, recipe, cancel)
            return display_image(small), display_image(after), size
        self.preview_worker.submit(job)
        self.view.set_busy(self.tr("Updating the preview…"))

    def _preview_ready(self, request_id, result, seconds) -> None:
        if request_id != self.preview_worker.latest_id:
            return
        before, after, size = result
        self.current = None
        self.view.set_busy("")
        self.view.set_images(before, after, size, self.tr("Preview ({n} px) · Render for the full result").format(
            n=max(after.width(), after.height())))
        self.show_message(self.tr("Preview updated in {s:.1f} s.").format(s=seconds))
        self._update_actions()

    def _preview_failed(self, request_id, message) -> None:
        if request_id != self.preview_worker.latest_id:
            return
        self._preview_key = None
        self.view.set_busy("")
        self.show_error(self.tr("The preview failed: {reason}").format(reason=message))

    # --- render --------------------------------------------------------------------------------------
    def render(self) -> None:
        if self._render_task is not None:
            return
        if self.content is None:
            self.show_error(self.tr("Open a photo first (Ctrl+O, or drop one on the window)."))
            return
        try:
            recipe = self.recipe()
            check_memory(self.content.size, recipe)
        except UserError as exc:
            self.show_error(str(exc))
            return
        self._run(recipe, self.tr("Rendering with {model}…").format(model=self.controls.model_title(recipe.model)))

    def restore_noisy(self, model_id: str) -> None:
        """Run a restoration model on the photo with the noise panel's damage (the seed's demo, undone)."""
        if self._render_task is not None:
            return
        if self.content is None:
            self.show_error(self.tr("Open a photo first (Ctrl+O, or drop one on the window)."))
            return
        try:
            model = zoo.get(model_id)
            recipe = Recipe(model, max_side=self.controls.max_side(), noise=self.noise_panel.settings(),
                            device=self.controls.device())
            check_memory(self.content.size, recipe)
        except UserError as exc:
            self.show_error(str(exc))
            return
        self._run(recipe, self.tr("Restoring with {model}…").format(model=self.controls.model_title(model)))

    def _run(self, recipe: Recipe, message: str) -> None:
        content, alpha, name = self.content.rgb, self.content.alpha, self.content.name
        summary = self._summary(recipe)

        waiting = self.tr("waiting for the previous job to stop")

        def job(cancel, report):
            prepared = working_image(content, recipe)
            report(waiting)
            with engine(cancel, recipe.device):
                report("")
                rgb = run_model(prepared, recipe, cancel)
            return Result(rgb, alpha, display_image(prepared), display_image(rgb), name, recipe.label, summary, 0.0,
                          display_image(rgb, THUMB_ICON))
        task = self._render_task = Task(job)
        task.succeeded.connect(self._render_done)
        task.failed.connect(self._render_failed)
        task.cancelled.connect(self._render_idle)
        task.progress.connect(lambda note: setattr(self, "_stage_note", note))
        self._render_message, self._stage_note = message, ""
        self._set_busy(True)
        task.start()

    def _summary(self, recipe: Recipe) -> str:
        parts = [self.controls.model_title(recipe.model)]
        if recipe.model.task == "stylize":
            parts += [recipe.style_name, self.tr("strength {n} %").format(n=round(recipe.alpha * 100))]
            if recipe.preserve_color:
                parts.append(self.tr("photo's colours"))
        if recipe.noise:
            parts.append(self.tr("noise {p}, blur {k}").format(p=recipe.noise.prob, k=recipe.noise.kernel))
        return " · ".join(parts)

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0 if busy else 1)
        self.cancel_button.setVisible(busy)
        if busy:
            self._ticker.start()
            self._tick()
        else:
            self._ticker.stop()
        self._update_actions()

    def _tick(self) -> None:
        if self._render_task is not None:
            seconds = time.perf_counter() - self._render_task.started_at
            note = f" ({self._stage_note})" if self._stage_note else ""
            self.show_message(f"{self._render_message}{note} {seconds:.0f} s")

    def _render_done(self, result: Result) -> None:
        result.seconds = self._render_task.seconds
        self._render_task = None
        self._set_busy(False)
        self.history.add(result)
        self.show_result(result)
        w, h = result.size
        self.show_message(self.tr("Done: {w} × {h} in {s:.1f} s. Save it with Ctrl+S.").format(
            w=w, h=h, s=result.seconds))

    def _render_failed(self, message: str) -> None:
        self._render_task = None
        self._set_busy(False)
        self.show_error(self.tr("Rendering failed: {reason}").format(reason=message))

    def _render_idle(self) -> None:
        self._render_task = None
        self._set_busy(False)

    def cancel(self) -> None:
        """Stop the render now: the window is free at once; the worker stops at its next check and is ignored."""
        if self._render_task is not None:
            self._render_task.detach()
            self._render_idle()
            self.show_message(self.tr("Cancelled."))

    def is_rendering(self) -> bool:
        return self._render_task is not None

    def show_result(self, result: Result) -> None:
        self.current = result
        self.view.set_busy("")
        self.view.set_images(result.before, result.after, result.size,
                             self.tr("Result {w} × {h} px").format(w=result.size[0], h=result.size[1]))
        self._update_actions()

    # --- saving --------------------------------------------------------------------------------------
    def _default_name(self, result: Result) -> str:
        return safe_stem(f"{result.name}_{result.label}")

    def save(self) -> None:
        """Save the result on screen into the last save folder under a new name (never over a file)."""
        result = self.current
        if result is None:
            self.show_error(self.tr("Nothing to save yet: render first (Ctrl+R)."))
            return
        if result.saved is not None:
            self.show_message(self.tr("Already saved as {path}.").format(path=result.saved))
            return
        folder = self.settings.get("dirs/save", "", str)
        if not folder or not Path(folder).is_dir():
            self.save_as(result)
            return
        self.save_to(unique_path(Path(folder), self._default_name(result), self.controls.save_suffix()), result)

    def save_as(self, result: Result = None) -> None:
        result = result or self.current
        if result is None:
            self.show_error(self.tr("Nothing to save yet: render first (Ctrl+R)."))
            return
        folder = Path(self.settings.last_dir("save"))
        suggested = unique_path(folder, self._default_name(result), self.controls.save_suffix())
        png, jpeg = self.tr("PNG image (*.png)"), self.tr("JPEG image (*.jpg *.jpeg)")
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Save the result"), str(suggested),
                                                   ";;".join([png, jpeg]),
                                                   jpeg if self.controls.save_suffix() == ".jpg" else png)
        if not path:
            return
        path = Path(path)
        if path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            path = path.with_name(path.name + (".jpg" if chosen == jpeg else ".png"))
        self.save_to(path, result, overwrite=True)  # the dialog has asked before replacing a file

    def save_to(self, path: Path, result: Result = None, overwrite: bool = False) -> bool:
        """Write ``result`` to ``path`` in a worker. Never over the photo it came from; never over any file
        unless ``overwrite`` (the user confirmed in the save dialog). Returns False when refused."""
        result = result or self.current
        path = Path(path)
        originals = [p.resolve() for p in (self.content and self.content.path, self.style_image and
                                           self.style_image.path) if p]
        if path.resolve() in originals:
            self.show_error(self.tr("{name} is an original you opened; choose another name.").format(name=path.name))
            return False
        if path.exists() and not overwrite:
            self.show_error(self.tr("{name} already exists; choose another name.").format(name=path.name))
            return False
        rgb, alpha, quality = result.rgb, result.alpha, self.jpeg_quality()
        task = Task(lambda cancel, report: write_image(path, rgb, alpha, quality))
        task.succeeded.connect(lambda written: self._saved(result, written))
        task.failed.connect(lambda message: self.show_error(self.tr("Not saved: {reason}").format(reason=message)))
        self.show_message(self.tr("Saving {name}…").format(name=path.name))
        task.start()
        return True

    def _saved(self, result: Result, path: Path) -> None:
        result.saved = path
        self.settings.set_last_dir("save", path.parent)
        self.show_message(self.tr("Saved {path}").format(path=path))

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

    # --- appearance, language, messages --------------------------------------------------------------
    def set_theme(self, theme: str) -> None:
        theme = i18n.apply_theme(theme)
        self.settings.set("ui/theme", theme)
        self.theme_actions[theme].setChecked(True)

    def set_language(self, code: str) -> None:
        i18n.install_language(code)
        self.settings.set("ui/language", code)
        self.language_actions.get(code, self.language_actions["system"]).setChecked(True)

    def show_message(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.message.setToolTip(text)

    def show_error(self, text: str) -> None:
        self.message.setStyleSheet(f"color: {ERROR_COLOR};")
        self.message.setText(text)
        self.message.setToolTip(text)

    def _update_actions(self) -> None:
        busy = self._render_task is not None
        has_result = self.current is not None
        self.render_action.setEnabled(not busy)
        self.render_button.setEnabled(not busy)
        self.cancel_action.setEnabled(busy)
        self.save_action.setEnabled(has_result)
        self.save_as_action.setEnabled(has_result)
        self.save_button.setEnabled(has_result)

    # --- drops ---------------------------------------------------------------------------------------
    def dragEnterEvent(self, event):
        if dropped_files(event.mimeData()) or event.mimeData().hasImage():
            event.acceptProposedAction()

    def dropEvent(self, event):
        files = dropped_files(event.mimeData())
        if len(files) > 1:
            self.open_batch(files)
        elif files:
            self.open_content(files[0])
        elif event.mimeData().hasImage():
            from .images import from_qimage
            self._set_pasted(from_qimage(event.mimeData().imageData()), "content")
        event.acceptProposedAction()

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
        self.controls.restore_state({key: s.get(f"controls/{key}") for key in
                                     ("model", "alpha", "preserve", "max_side", "format", "quality", "device")
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
        if self._render_task is not None:
            self._render_task.detach()
        for task in list(self._loads.values()):
            task.detach()
        self.preview_worker.stop()
        self.noise_panel.stop()
        self.gallery.stop()
        wait_all()
        super().closeEvent(event)

    def changeEvent(self, event):
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Huafeng 画风 — style transfer"))
        texts = {
            self.open_action: self.tr("Open photo…"), self.open_style_action: self.tr("Open style image…"),
            self.paste_action: self.tr("Paste photo"), self.paste_style_action: self.tr("Paste style image"),
            self.save_action: self.tr("Save"), self.save_as_action: self.tr("Save as…"),
            self.batch_action: self.tr("Batch…"), self.finetune_action: self.tr("Fine-tune…"),
            self.quit_action: self.tr("Quit"), self.render_action: self.tr("Render"),
            self.cancel_action: self.tr("Cancel"), self.zoom_in_action: self.tr("Zoom in"),
            self.zoom_out_action: self.tr("Zoom out"), self.fit_action: self.tr("Fit to window"),
            self.actual_action: self.tr("Actual size"), self.compare_action: self.tr("Compare before/after"),
            self.theme_actions["dark"]: self.tr("Dark"), self.theme_actions["light"]: self.tr("Light"),
            self.language_actions["system"]: self.tr("System language"),
        }
        for code, name in i18n.LANGUAGES.items():
            texts[self.language_actions[code]] = name
        for action, text in texts.items():
            action.setText(text)
            keys = action.shortcut().toString(QKeySequence.NativeText)
            action.setToolTip(f"{text} ({keys})" if keys else text)
        self.file_menu.setTitle(self.tr("&File"))
        self.recent_menu.setTitle(self.tr("Open recent photo"))
        self.view_menu.setTitle(self.tr("&View"))
        self.theme_menu.setTitle(self.tr("Theme"))
        self.language_menu.setTitle(self.tr("Language"))
        self.tools_menu.setTitle(self.tr("&Tools"))
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
        if hasattr(self, "preview_worker"):  # not while the window is being built
            self._show_style()
            self._name_restore_models()
