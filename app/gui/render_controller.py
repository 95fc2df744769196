"""The main window's live preview and full render, run off the GUI thread by a :class:`RenderController`.

The window says what to preview or render (a photo and a Recipe) and shows what comes back; the controller
decides when and whether work runs and delivers only results that still matter:

* Previews follow the controls: ``schedule_preview`` waits until they settle, then asks the window
  (``previewDue``), which answers with ``preview(content, recipe)``. The settings of the last preview asked for
  are not previewed again, and only the newest request's result is delivered.
* A render makes the preview of its own settings moot: the one due is dropped, the one on its way is cancelled,
  and one that finishes anyway is not delivered over the render's result.
* A render that gives no result (it failed or was cancelled) asks for that preview again, quietly: it only
  catches up, it has nothing to say.
* Render asked for while a picture is still opening waits (``queue``) until the window starts it.
"""
import enum
import time

from PyQt5.QtCore import QObject, QTimer, pyqtSignal

from app.pipeline.recipe import render_preview, run_model, working_image

from .history import ICON as THUMB_ICON
from .history import Result
from .i18n import tr
from .images import Loaded, display_image
from .recipe import Recipe, recipe_settings
from .workers import LatestWorker, Task, engine

PREVIEW_DELAY_MS = 150   # controls settle this long before a preview is asked for
PREVIEW_SIDE = 448       # the live preview's longer side


class RenderState(enum.Enum):
    IDLE = "idle"            # no render: Render can start one
    QUEUED = "queued"        # Render was asked for while a picture opens: it starts once the picture is in
    RENDERING = "rendering"  # a full render (or restoration) runs: Cancel stops it


class PreviewState(enum.Enum):
    IDLE = "idle"            # nothing due: the screen shows the last preview asked for, or no preview
    DUE = "due"              # the controls changed: a preview is asked for once they settle
    RUNNING = "running"      # a preview is being made (waiting for a render, when one runs)


def recipe_key(recipe: Recipe) -> tuple:
    """What makes the result of one recipe differ from another's on the same photo."""
    return (recipe.ref, id(recipe.style) if not isinstance(recipe.style, str) else recipe.style, recipe.alpha,
            recipe.preserve_color, recipe.max_side, recipe.noise, recipe.device, recipe.levels,
            recipe.mix and (recipe.mix[1], recipe.mix[2]))


class RenderController(QObject):
    """Runs the live preview (a LatestWorker) and one render at a time (a Task), and says what happened."""
    stateChanged = pyqtSignal(object)      # the RenderState now in effect
    previewDue = pyqtSignal()              # the controls have settled: answer with preview(), or with nothing
    previewStarted = pyqtSignal()          # a preview was asked of the worker
    # before, after (QImages at most PREVIEW_SIDE), the full result's (width, height), seconds, quiet (it catches
    # up after a render that gave no result: nothing to say)
    previewReady = pyqtSignal(object, object, object, float, bool)
    previewFailed = pyqtSignal(str, bool)  # message, quiet
    progress = pyqtSignal(object)          # the render's stage note (text), or the fraction done
    rendered = pyqtSignal(object)          # the Result
    renderFailed = pyqtSignal(str)         # message

    def __init__(self, parent=None):
        super().__init__(parent)
        self._state = RenderState.IDLE
        self._task = None
        self._asked = None      # (photo, recipe_key) of the last preview asked for: not asked for again
        self._awaited = None    # the request id of the preview to deliver
        self._quiet = False
        self._timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS, timeout=self.previewDue)
        self._previews = LatestWorker()
        self._previews.done.connect(self._preview_done)
        self._previews.failed.connect(self._preview_failed)
        self._previews.start()

    @property
    def state(self) -> RenderState:
        return self._state

    @property
    def preview_state(self) -> PreviewState:
        if self._timer.isActive():
            return PreviewState.DUE
        return PreviewState.IDLE if self._awaited is None else PreviewState.RUNNING

    def elapsed(self) -> float:
        """Seconds since the render started (0 when none runs)."""
        return time.perf_counter() - self._task.started_at if self._task is not None else 0.0

    # --- preview -------------------------------------------------------------------------------------
    def schedule_preview(self) -> None:
        """The controls changed: ask for a preview once they have settled."""
        self._quiet = False
        self._timer.start()

    def forget_preview(self) -> None:
        """The screen no longer shows the last preview asked for: the next one is made even for its settings."""
        self._asked = None

    def preview(self, content: Loaded, recipe: Recipe) -> None:
        """Preview ``recipe`` on ``content`` (a small copy) unless that is the last preview asked for."""
        asked = (id(content), recipe_key(recipe))
        if asked == self._asked:
            return
        self._asked = asked
        rgb, size = content.rgb, recipe.output_size(content.size)

        def job(cancel):
            with engine(cancel, recipe.device):
                small, after = render_preview(rgb, recipe, PREVIEW_SIDE, cancel)
            return display_image(small), display_image(after), size
        self._awaited = self._previews.submit(job)
        self.previewStarted.emit()

    def _preview_done(self, request_id: int, result, seconds: float) -> None:
        if request_id == self._awaited:
            self._awaited = None
            self.previewReady.emit(*result, seconds, self._quiet)

    def _preview_failed(self, request_id: int, message: str) -> None:
        if request_id == self._awaited:
            self._awaited = None
            self._asked = None
            self.previewFailed.emit(message, self._quiet)

    # --- render --------------------------------------------------------------------------------------
    def queue(self) -> None:
        """Render was asked for while a picture opens: once it is in, the window calls ``unqueue`` and ``render``."""
        if self._state is RenderState.IDLE:
            self._set_state(RenderState.QUEUED)

    def unqueue(self) -> bool:
        """Drop the render asked for while a picture opened; True when there was one."""
        if self._state is not RenderState.QUEUED:
            return False
        self._set_state(RenderState.IDLE)
        return True

    def render(self, content: Loaded, recipe: Recipe, *, summary: str, title: str, details: str,
               style_image: Loaded = None) -> None:
        """Render ``recipe`` on ``content`` at full size into a Result that says what made it (these words and
        ``style_image``: see history.Result); ``rendered``, ``renderFailed`` or ``cancel`` ends it."""
        if self._task is not None:
            return
        rgb, alpha, name = content.rgb, content.alpha, content.name
        waiting = tr("waiting for the previous job to stop")

        def job(cancel, report):
            prepared = working_image(rgb, recipe)
            report(waiting)
            with engine(cancel, recipe.device):
                report("")
                out = run_model(prepared, recipe, cancel, report)  # notes, then fractions done
            return Result(out, alpha, display_image(prepared), display_image(out), name, recipe.label, summary, 0.0,
                          display_image(out, THUMB_ICON), title=title, model=recipe.model.id,
                          settings=recipe_settings(recipe, (out.shape[1], out.shape[0])), details=details,
                          recipe=recipe, style_image=style_image)
        task = self._task = Task(job)
        task.succeeded.connect(self._render_done)
        task.failed.connect(self._render_failed)
        task.cancelled.connect(self._ended_without_result)
        task.progress.connect(self.progress)
        self._timer.stop()  # the preview of these settings is moot: not asked for, nor delivered
        self._asked = (id(content), recipe_key(recipe))
        self._previews.cancel()
        self._awaited = None
        task.start()
        self._set_state(RenderState.RENDERING)

    def cancel(self) -> bool:
        """Stop the queued or running render now (its worker stops at its next check, and is not heard from);
        True when there was one."""
        if self._state is RenderState.IDLE:
            return False
        if self._task is not None:
            self._task.detach()
        self._ended_without_result()
        return True

    def stop(self) -> None:
        """Let go of every worker (the window closes); wait for them with workers.wait_all."""
        self._timer.stop()
        if self._task is not None:
            self._task.detach()
        self._previews.stop()

    def _render_done(self, result: Result) -> None:
        result.seconds = self._task.seconds
        self._task = None
        self._set_state(RenderState.IDLE)
        self.rendered.emit(result)

    def _render_failed(self, message: str) -> None:
        self._ended_without_result()
        self.renderFailed.emit(message)

    def _ended_without_result(self) -> None:
        """No result came: the preview the render made moot is asked for again, quietly."""
        self._task = None
        self._asked = None
        self._timer.start()
        self._quiet = True
        self._set_state(RenderState.IDLE)

    def _set_state(self, state: RenderState) -> None:
        if state is not self._state:
            self._state = state
            self.stateChanged.emit(state)
