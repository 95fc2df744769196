"""The main window's side of the live preview and the full render: what to preview or render, and what the
window shows of it. The window's :class:`.render_controller.RenderController` runs them: it says when a preview
is due and what came back; this part answers with the photo and the controls as a Recipe, and shows previews,
results, progress and errors.

A part of :class:`app.gui.main_window.MainWindow` (a mixin); texts use ``tr()`` from :mod:`.i18n`.
"""
from PyQt5.QtCore import QTimer

from app.pipeline import zoo
from app.pipeline.errors import UserError

from .gallery import preset_title
from .history import Result
from .i18n import tr
from .recipe import Recipe, check_memory, model_title, recipe_settings, settings_text, steps_text
from .render_controller import RenderController, RenderState, recipe_key

PROGRESS_STEPS = 1000    # the render's progress bar, once the pipeline reports fractions
TICK_MS = 500            # how often the status bar says how long the render has run


class Rendering:
    def _build_renderer(self) -> None:
        """The window's RenderController, heard from through its signals."""
        self.renderer = RenderController(self)
        self.renderer.previewDue.connect(self.request_preview)
        self.renderer.previewStarted.connect(lambda: self.view.set_busy(tr("Updating the preview…")))
        self.renderer.previewReady.connect(self._preview_ready)
        self.renderer.previewFailed.connect(self._preview_failed)
        self.renderer.stateChanged.connect(self._render_state_changed)
        self.renderer.progress.connect(self._render_progress)
        self.renderer.rendered.connect(self._render_done)
        self.renderer.renderFailed.connect(self._render_failed)
        self._ticker = QTimer(self, interval=TICK_MS, timeout=self._tick)
        self._render_message = self._stage_note = ""

    # --- preview -------------------------------------------------------------------------------------
    def schedule_preview(self) -> None:
        if self._batch is not None and self._batch.isVisible():
            self._batch.describe()  # an open batch dialog says what it will do with the settings as they are now
        self.message.mark_read()  # the person has moved on: the preview may speak over an older error
        self.renderer.schedule_preview()

    def request_preview(self) -> None:
        """Ask for a preview of the photo with the controls as they are now (once they have settled)."""
        if self.content is None:
            return
        try:
            recipe = self.recipe()
        except UserError as exc:
            self.renderer.forget_preview()
            if self.current is None:
                self.view.set_images(self.content.display, None, self.content.size, tr("Original"))
            self.show_hint(str(exc))
            return
        self.renderer.preview(self.content, recipe)

    def _preview_ready(self, before, after, size, seconds: float, quiet: bool) -> None:
        self.current = None
        self.view.set_busy("")
        self.view.set_images(before, after, size, tr("Preview ({n} px) · Render for the full result").format(
            n=max(after.width(), after.height())))
        if not quiet:
            self.show_hint(tr("Preview updated in {s:.1f} s.").format(s=seconds))
        self._update_actions()

    def _preview_failed(self, message: str, quiet: bool) -> None:
        self.view.set_busy("")
        if not (quiet and self.message.error_unread):  # the render's own failure, said first, stays
            self.show_error(tr("The preview failed: {reason}").format(reason=message))

    # --- render --------------------------------------------------------------------------------------

    def render(self) -> None:
        if self.renderer.state is RenderState.RENDERING:
            return
        if self.opening():
            self.renderer.queue()
            self.show_message(tr("Rendering starts as soon as the picture has opened."))
            return
        if self.content is None:
            self.show_error(tr("Open a photo first (Ctrl+O, or drop one on the window)."))
            return
        try:
            recipe = self.recipe()
            check_memory(self.content.size, recipe)
        except UserError as exc:
            self.show_error(str(exc))
            return
        self._run(recipe, tr("Rendering with {model}…").format(model=model_title(recipe.model)))

    def restore_noisy(self, model_id: str) -> None:
        """Run a restoration model on the photo with the noise panel's damage (the original demo.py's, undone)."""
        if self.renderer.state is RenderState.RENDERING:
            return
        if self.content is None:
            self.show_error(tr("Open a photo first (Ctrl+O, or drop one on the window)."))
            return
        try:
            model = zoo.get(model_id)
            recipe = Recipe(model, max_side=self.controls.max_side(), noise=self.noise_panel.settings(),
                            device=self.controls.device())
            check_memory(self.content.size, recipe)
        except UserError as exc:
            self.show_error(str(exc))
            return
        self._run(recipe, tr("Restoring: {steps}…").format(steps=steps_text(recipe.restoration_steps, model)))

    def _run(self, recipe: Recipe, message: str) -> None:
        """Render ``recipe`` on the photo; ``message`` says so in the status bar while it runs."""
        settings = recipe_settings(recipe, recipe.output_size(self.content.size))
        style_image = self.style_image if recipe.model.task == "stylize" and not isinstance(recipe.style, str) \
            and recipe.style is not None else None
        title = self._style_title(recipe)
        self._render_message, self._stage_note = message, ""
        self.renderer.render(self.content, recipe, summary=self._summary(recipe), title=title or recipe.title,
                             details=settings_text(settings, recipe.model, title), style_image=style_image)

    def _summary(self, recipe: Recipe) -> str:
        parts = [model_title(recipe.model)]
        if recipe.model.task == "stylize":
            parts += [self._style_title(recipe) or recipe.style_name,
                      tr("strength {n} %").format(n=round(recipe.alpha * 100))]
            if recipe.preserve_color:
                parts.append(tr("photo's colours"))
        if recipe.noise:
            parts.append(tr("noise {p}, blur {k}").format(p=recipe.noise.prob, k=recipe.noise.kernel))
        return " · ".join(parts)

    @staticmethod
    def _style_title(recipe: Recipe) -> str:
        """A built-in style's name for people ('Golden ink drawing' for 'style-07'), else ""."""
        return preset_title(recipe.style_name) if recipe.model.kind == "multistyle" and recipe.style_name else ""

    def _render_state_changed(self, state: RenderState) -> None:
        """The progress bar, Cancel and the status bar's running time while a render runs; the actions."""
        busy = state is RenderState.RENDERING
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0 if busy else 1)  # a busy indicator until a fraction arrives
        self.progress.setTextVisible(False)
        self.cancel_button.setVisible(busy)
        if busy:
            self.view.set_busy("")  # the preview the render made moot is not coming
            self._ticker.start()
            self._tick()
        else:
            self._ticker.stop()
        self._update_actions()

    def _render_progress(self, event) -> None:
        """A stage note (text), or the fraction done: the bar counts from the first fraction on."""
        if isinstance(event, str):
            self._stage_note = event
            return
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setValue(round(event * PROGRESS_STEPS))
        self.progress.setTextVisible(True)

    def _tick(self) -> None:
        if self.renderer.state is RenderState.RENDERING:
            note = f" ({self._stage_note})" if self._stage_note else ""
            self.show_message(f"{self._render_message}{note} {self.renderer.elapsed():.0f} s")

    def _render_done(self, result: Result) -> None:
        self.history.add(result)
        self.show_result(result)
        w, h = result.size
        done = tr("Done: {w} × {h} in {s:.1f} s. Save it with Ctrl+S.").format(w=w, h=h, s=result.seconds)
        if self._controls_differ(result):
            done += " " + tr("The controls changed while it rendered: it shows the settings it started with "
                             "({summary}); Render again for the new ones.").format(summary=result.summary)
        self.show_message(done)

    def _controls_differ(self, result: Result) -> bool:
        """True when the controls no longer say what ``result`` was rendered with."""
        try:
            now = self.recipe()
        except UserError:
            return True
        return result.recipe is not None and recipe_key(now) != recipe_key(result.recipe)

    def use_settings(self, result: Result) -> None:
        """Put the model, style, strength, colours, size, levels and noise of ``result`` back into the controls."""
        recipe = result.recipe
        if recipe is None:
            return
        model = recipe.model
        if model.id not in [m.id for m in self.controls.models()]:
            self.show_error(tr("The model of this result is no longer available: {model}").format(
                model=model_title(model)))
            return
        if model.kind == "multistyle" and isinstance(recipe.style, str):
            self.preset = recipe.style
        elif result.style_image is not None:
            self.style_image = result.style_image
        state = dict(self.controls.state(), model=model.id, alpha=round(recipe.alpha * 100),
                     preserve=bool(recipe.preserve_color), max_side=recipe.max_side or 0, levels=recipe.levels or 0)
        self.controls.restore_state(state)
        panel = self.noise_panel
        panel.enabled_box.setChecked(recipe.noise is not None)
        if recipe.noise is not None:
            panel.prob.setValue(recipe.noise.prob)
            panel.kernel.setValue(recipe.noise.kernel)
            panel.seed.setValue(recipe.noise.seed)
        self._show_style()
        self._content_changed()
        self.show_message(tr("The controls are set as for result {n}: {summary}").format(
            n=result.number, summary=result.summary))

    def _render_failed(self, message: str) -> None:
        self.show_error(tr("Rendering failed: {reason}").format(reason=message))

    def cancel(self) -> None:
        """Stop the render now: the window is free at once; the worker stops at its next check and is ignored."""
        if self.renderer.cancel():
            self.show_message(tr("Cancelled."))

    def show_result(self, result: Result) -> None:
        self.current = result
        self.view.set_busy("")
        caption = tr("Result {w} × {h} px").format(w=result.size[0], h=result.size[1])
        self.view.set_images(result.before, result.after, result.size,
                             f"{caption} · {result.summary}" if result.summary else caption,
                             f"{result.number}. {result.name}\n{result.details}" if result.details else result.summary)
        self._update_actions()
