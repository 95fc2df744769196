"""The main window's live preview and full render: the preview follows the controls in a LatestWorker; Render
runs in a Task (queued while a picture opens) with a progress bar; a render makes the preview of its own
settings moot, so a preview that finishes later never replaces its result.

A part of :class:`app.gui.main_window.MainWindow` (a mixin); texts use ``tr()`` from :mod:`.i18n`.
"""
import time

from app.pipeline import restoration, zoo
from app.pipeline.errors import UserError
from app.pipeline.tensors import fit_max_side

from .gallery import preset_title
from .history import ICON as THUMB_ICON
from .history import Result
from .i18n import tr
from .images import display_image
from .recipe import (Recipe, check_memory, model_title, recipe_settings, run_model, settings_text, steps_text,
                     working_image)
from .workers import Task, engine

PREVIEW_SIDE = 448       # the live preview's longer side
PROGRESS_STEPS = 1000    # the render's progress bar, once the pipeline reports fractions


class Rendering:
    # --- preview -------------------------------------------------------------------------------------
    def schedule_preview(self) -> None:
        if self._batch is not None and self._batch.isVisible():
            self._batch.describe()  # an open batch dialog says what it will do with the settings as they are now
        self._quiet_preview = False
        self.message.mark_read()  # the person has moved on: the preview may speak over an older error
        self._preview_timer.start()

    def _request_preview(self) -> None:
        if self.content is None:
            return
        try:
            recipe = self.recipe()
        except UserError as exc:
            self._preview_key = None
            if self.current is None:
                self.view.set_images(self.content.display, None, self.content.size, tr("Original"))
            self.show_hint(str(exc))
            return
        key = self._recipe_key(recipe)
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
        self.view.set_busy(tr("Updating the preview…"))

    def _recipe_key(self, recipe: Recipe) -> tuple:
        """What makes a preview of the photo on screen different from another."""
        return (id(self.content), recipe.ref, id(recipe.style) if not isinstance(recipe.style, str) else recipe.style,
                recipe.alpha, recipe.preserve_color, recipe.max_side, recipe.noise, recipe.device, recipe.levels,
                recipe.mix and (recipe.mix[1], recipe.mix[2]))

    def _stale_preview(self, request_id: int) -> bool:
        return request_id != self.preview_worker.latest_id or request_id <= self._superseded

    def _supersede_preview(self, recipe: Recipe) -> None:
        """A render makes the preview of its settings moot: none is asked for, the one on its way is
        cancelled, and one that finishes anyway is not shown over the render's result."""
        self._preview_timer.stop()
        self._preview_key = self._recipe_key(recipe)
        self._superseded = self.preview_worker.cancel()
        self.view.set_busy("")

    def _preview_ready(self, request_id, result, seconds) -> None:
        if self._stale_preview(request_id):
            return
        before, after, size = result
        self.current = None
        self.view.set_busy("")
        self.view.set_images(before, after, size, tr("Preview ({n} px) · Render for the full result").format(
            n=max(after.width(), after.height())))
        if not self._quiet_preview:
            self.show_hint(tr("Preview updated in {s:.1f} s.").format(s=seconds))
        self._update_actions()

    def _preview_failed(self, request_id, message) -> None:
        if self._stale_preview(request_id):
            return
        self._preview_key = None
        self.view.set_busy("")
        if not (self._quiet_preview and self.message.error_unread):  # the render's own failure, said first, stays
            self.show_error(tr("The preview failed: {reason}").format(reason=message))

    # --- render --------------------------------------------------------------------------------------

    def render(self) -> None:
        if self._render_task is not None:
            return
        if self.opening():
            self._render_queued = True
            self._update_actions()
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
        if self._render_task is not None:
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
        steps = restoration.steps(model, recipe.noise.damage)
        self._run(recipe, tr("Restoring: {steps}…").format(steps=steps_text(steps, model)))

    def _run(self, recipe: Recipe, message: str) -> None:
        content, alpha, name = self.content.rgb, self.content.alpha, self.content.name
        summary = self._summary(recipe)
        settings = recipe_settings(recipe, recipe.output_size(self.content.size))
        details = settings_text(settings, recipe.model, self._style_title(recipe))
        style_image = self.style_image if recipe.model.task == "stylize" and not isinstance(recipe.style, str) \
            and recipe.style is not None else None

        waiting = tr("waiting for the previous job to stop")

        def job(cancel, report):
            prepared = working_image(content, recipe)
            report(waiting)
            with engine(cancel, recipe.device):
                report("")
                rgb = run_model(prepared, recipe, cancel, report)  # notes, then fractions done
            return Result(rgb, alpha, display_image(prepared), display_image(rgb), name, recipe.label, summary, 0.0,
                          display_image(rgb, THUMB_ICON), title=self._style_title(recipe) or recipe.title,
                          model=recipe.model.id,
                          settings=dict(settings, size=[rgb.shape[1], rgb.shape[0]]), details=details,
                          recipe=recipe, style_image=style_image)
        task = self._render_task = Task(job)
        task.succeeded.connect(self._render_done)
        task.failed.connect(self._render_failed)
        task.cancelled.connect(self._render_idle)
        task.progress.connect(self._render_progress)
        self._render_message, self._stage_note = message, ""
        self._supersede_preview(recipe)
        self._set_busy(True)
        task.start()

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

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0 if busy else 1)  # a busy indicator until a fraction arrives
        self.progress.setTextVisible(False)
        self.cancel_button.setVisible(busy)
        if busy:
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
        return result.recipe is not None and self._recipe_key(now)[1:] != self._recipe_key(result.recipe)[1:]

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
        self._render_idle()
        self.show_error(tr("Rendering failed: {reason}").format(reason=message))

    def _render_idle(self) -> None:
        """No result came: the preview it made moot is asked for again, leaving the status bar's words be."""
        self._render_task = None
        self._set_busy(False)
        self._preview_key = None
        self.schedule_preview()
        self._quiet_preview = True

    def cancel(self) -> None:
        """Stop the render now: the window is free at once; the worker stops at its next check and is ignored."""
        if self._render_task is not None or self._render_queued:
            if self._render_task is not None:
                self._render_task.detach()
            self._render_queued = False
            self._render_idle()
            self.show_message(tr("Cancelled."))

    def is_rendering(self) -> bool:
        return self._render_task is not None

    def show_result(self, result: Result) -> None:
        self.current = result
        self.view.set_busy("")
        caption = tr("Result {w} × {h} px").format(w=result.size[0], h=result.size[1])
        self.view.set_images(result.before, result.after, result.size,
                             f"{caption} · {result.summary}" if result.summary else caption,
                             f"{result.number}. {result.name}\n{result.details}" if result.details else result.summary)
        self._update_actions()
