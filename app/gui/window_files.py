"""Pictures in and results out for the main window: open dialogs, loading in a worker, paste, drops, the
recent files, and saving (never over an original, never over a file unless the save dialog asked).

A part of :class:`app.gui.main_window.MainWindow` (a mixin); texts use ``tr()`` from :mod:`.i18n`.
"""
import json
import os
from pathlib import Path

from PyQt5.QtCore import QStandardPaths
from PyQt5.QtWidgets import QFileDialog, QMessageBox

from app.pipeline import transfer
from app.pipeline.errors import UserError
from app.pipeline.imageio import READABLE, check_size, write_image
from app.pipeline.paths import version

from .history import Result
from .i18n import tr
from .image_pane import RECENT_WIDTH, dropped_files
from .images import from_qimage, load_picture, loaded_from_array
from .messages import translated
from .recipe import safe_stem, unique_path
from .text import elided_path
from .workers import Task

NAME_PART = 20       # characters of the photo's and the style's names in a suggested file name


def short_part(text: str, limit: int = NAME_PART) -> str:
    """``text`` cut to ``limit`` characters, at a separator when one is near the end ("van_gogh_the_starry")."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    at = max(cut.rfind(c) for c in "_- .")
    return (cut[:at] if at >= limit // 2 else cut).rstrip("_- .")


class PictureFiles:
    # --- opening pictures ----------------------------------------------------------------------------
    def open_content_dialog(self) -> None:
        path = self._ask_image(tr("Open a photo"), "content")
        if path:
            self.open_content(path)

    def open_style_dialog(self) -> None:
        path = self._ask_image(tr("Open a style image"), "style")
        if path:
            self.open_style(path)

    def _ask_image(self, title: str, kind: str):
        patterns = " ".join(f"*{s}" for s in sorted(READABLE))
        path, _ = QFileDialog.getOpenFileName(self, title, self.settings.last_dir(kind),
                                              tr("Images ({patterns})").format(patterns=patterns))
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
        self.show_message(tr("Opening {name}…").format(name=path.name))
        task = Task(lambda cancel, report: load_picture(path))
        task.succeeded.connect(lambda loaded: self._loaded(loaded, kind))
        task.failed.connect(lambda message: self._load_failed(message, kind, path))
        self._loads[kind] = task
        task.start()

    def opening(self) -> bool:
        """Whether a picture is still being read."""
        return bool(self._loads)

    def stop_opening(self) -> None:
        """Forget the pictures being read (the window closes)."""
        for task in self._loads.values():
            task.detach()
        self._loads.clear()

    def _loaded(self, loaded, kind: str) -> None:
        self._loads.pop(kind, None)
        self.settings.add_recent(kind, loaded.path)
        self.settings.set_last_dir(kind, loaded.path.parent)
        self._set_content(loaded) if kind == "content" else self._set_style(loaded)
        self._update_recent()
        if not self._loads and self.renderer.unqueue():  # Render was clicked while it opened
            self.render()

    def _load_failed(self, message: str, kind: str, path: Path) -> None:
        self._loads.pop(kind, None)
        self.renderer.unqueue()  # the message below says why nothing is rendered
        previous = self.content if kind == "content" else self.style_image
        pane = self.content_pane if kind == "content" else self.style_pane
        if previous is not None:
            pane.show_loaded(previous)
        else:
            pane.show_text("error", message.replace(str(path), path.name))
        self.show_error(tr("Could not open it: {reason}").format(reason=message))

    def _set_pasted(self, rgb, kind: str) -> None:
        try:
            check_size(rgb, tr("pasted"))
        except UserError as exc:
            self.show_error(translated(str(exc)))
            return
        loaded = loaded_from_array(rgb, tr("pasted"))
        self._set_content(loaded) if kind == "content" else self._set_style(loaded)

    def paste(self, kind: str) -> None:
        (self.content_pane if kind == "content" else self.style_pane).paste()  # the pane's signals load it

    def _set_content(self, loaded) -> None:
        self.content = loaded
        self.content_pane.show_loaded(loaded)
        self.current = None
        self.view.set_images(loaded.display, None, loaded.size, tr("Original"))
        self._content_changed()
        w, h = loaded.size
        out = self._output_size()
        note = "" if out == (w, h) else " " + tr("The result will be {w} × {h} (Output ▸ Size).").format(
            w=out[0], h=out[1])
        self.show_message(tr("Opened {name} ({w} × {h}).").format(name=loaded.name, w=w, h=h) + note)
        self._update_actions()

    def _set_style(self, loaded) -> None:
        self.style_image = loaded
        model = self.controls.model()
        if model is None or model.task != "stylize" or model.kind == "multistyle" or model.own_style:
            self.controls.select_model(transfer.any_style_model())  # a model with its own style would ignore this
        self._show_style()
        self.schedule_preview()

    def _update_recent(self) -> None:
        content = self.settings.recent("content")
        self.content_pane.set_recent(content)
        self.style_pane.set_recent(self.settings.recent("style"))
        self.gallery.set_recent_styles([p.resolve() for p in self.settings.recent("style")])
        self._show_style()
        self.recent_menu.clear()
        self.recent_menu.setToolTipsVisible(True)
        metrics = self.recent_menu.fontMetrics()
        for path in content:
            self.recent_menu.addAction(elided_path(metrics, path, RECENT_WIDTH).replace("&", "&&"),
                                       lambda p=path: self.open_content(p)).setToolTip(str(path))
        self.recent_menu.setEnabled(bool(content))

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
            self._set_pasted(from_qimage(event.mimeData().imageData()), "content")
        event.acceptProposedAction()

    # --- saving --------------------------------------------------------------------------------------

    def _default_name(self, result: Result) -> str:
        """photo_style_model (the model too: one style image can go to several), or photo_model; long names of
        the photo and the style are cut short."""
        parts = [short_part(result.name), short_part(result.label)] + (
            [result.model] if result.model not in ("", result.label) else [])
        return safe_stem("_".join(parts))

    def save(self) -> None:
        """Save the result on screen into the last save folder under a new name (never over a file)."""
        result = self.current
        if result is None:
            self.show_error(tr("Nothing to save yet: render first (Ctrl+R)."))
            return
        if result.saved is not None:
            self.show_message(tr("Already saved as {path}.").format(path=result.saved))
            return
        folder = self.settings.get("dirs/save", "", str)
        if not folder or not Path(folder).is_dir():
            self.save_as(result)
            return
        self.save_to(unique_path(Path(folder), self._default_name(result), self.controls.save_suffix()), result)

    def save_as(self, result: Result = None) -> None:
        result = result or self.current
        if result is None:
            self.show_error(tr("Nothing to save yet: render first (Ctrl+R)."))
            return
        suggested = unique_path(self._save_folder(), self._default_name(result), self.controls.save_suffix())
        png, jpeg = tr("PNG image (*.png)"), tr("JPEG image (*.jpg *.jpeg)")
        path, chosen = QFileDialog.getSaveFileName(self, tr("Save the result"), str(suggested),
                                                   ";;".join([png, jpeg]),
                                                   jpeg if self.controls.save_suffix() == ".jpg" else png,
                                                   QFileDialog.DontConfirmOverwrite)  # asked below, once named
        if not path:
            return
        path = Path(path)
        if path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            path = path.with_name(path.name + (".jpg" if chosen == jpeg else ".png"))
        if path.exists() and not self._is_original(path):
            asked = QMessageBox.question(self, tr("Replace the file?"),
                                         tr("{name} already exists. Replace it?").format(name=path.name))
            if asked != QMessageBox.Yes:
                return
        self.save_to(path, result, overwrite=True)

    def _save_folder(self) -> Path:
        """The last folder saved into; the first time the photo's folder, or Pictures when that is not writable
        (a CD, a camera's read-only card), else home."""
        folder = self.settings.get("dirs/save", "", str)
        if folder and Path(folder).is_dir():
            return Path(folder)
        found = [self.content.path.parent] if self.content is not None and self.content.path else []
        pictures = QStandardPaths.writableLocation(QStandardPaths.PicturesLocation)
        found += [Path(pictures)] if pictures else []
        return next((f for f in found if f.is_dir() and os.access(f, os.W_OK)), Path.home())

    def _is_original(self, path: Path) -> bool:
        """True for the photo or the style image that was opened: never written over."""
        opened = [p for p in (self.content and self.content.path, self.style_image and self.style_image.path) if p]
        return Path(path).resolve() in [p.resolve() for p in opened]

    def save_to(self, path: Path, result: Result = None, overwrite: bool = False) -> bool:
        """Write ``result`` to ``path`` in a worker. Never over the photo it came from; never over any file
        unless ``overwrite`` (the user confirmed in the save dialog). Returns False when refused."""
        result = result or self.current
        path = Path(path)
        if self._is_original(path):
            self.show_error(tr("{name} is an original you opened; choose another name.").format(name=path.name))
            return False
        if path.exists() and not overwrite:
            self.show_error(tr("{name} already exists; choose another name.").format(name=path.name))
            return False
        rgb, alpha, quality = result.rgb, result.alpha, self.jpeg_quality()
        text = {"Software": f"Huafeng {version()}"}
        if result.settings:  # what made it, for whoever opens the file later (PNG text chunks, JPEG comment)
            text["Huafeng"] = json.dumps(result.settings, ensure_ascii=False)
        task = Task(lambda cancel, report: write_image(path, rgb, alpha, quality, text))
        task.succeeded.connect(lambda written: self._saved(result, written))
        task.failed.connect(lambda message: self.show_error(tr("Not saved: {reason}").format(reason=message)))
        self.show_message(tr("Saving {name}…").format(name=path.name))
        task.start()
        return True

    def _saved(self, result: Result, path: Path) -> None:
        result.saved = path
        self.settings.set_last_dir("save", path.parent)
        self.show_message(tr("Saved {path}").format(path=path))
