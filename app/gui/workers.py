"""Work off the GUI thread: QThread workers that run pipeline calls and report back through signals.

* :class:`Task` runs one job (render, save, batch, fine-tune, load) and can be cancelled.
* :class:`LatestWorker` runs the newest of a stream of requests (the live preview): a request that arrives
  while another waits replaces it, and one that arrives while another runs cancels it.
* :func:`engine` lets one job at a time use Paddle (its device and graph state are global).

A job is ``job(cancel, report)``: ``cancel`` is a threading.Event to stop at, ``report(event)`` sends an
event to the GUI thread. Jobs build QImages, never QPixmaps (those belong to the GUI thread).
"""
import contextlib
import threading
import time
import traceback

from PyQt5.QtCore import QThread, pyqtSignal

from app.pipeline import device
from app.pipeline.errors import Cancelled, UserError, check_cancel

from .messages import no_memory, translated

_ENGINE = threading.Lock()
_RUNNING = set()  # Python references to running threads: a QThread collected while it runs aborts the process


@contextlib.contextmanager
def engine(cancel=None, device_name="auto"):
    """Hold the Paddle engine (waiting for a previous job to stop) on ``device_name``."""
    while not _ENGINE.acquire(timeout=0.05):
        check_cancel(cancel)
    try:
        check_cancel(cancel)
        device.select(device_name)
        yield
    finally:
        _ENGINE.release()


def plain_error(exc: BaseException) -> str:
    """A one-line message for an exception: a UserError's own words (in the user's language when the app
    has them), else what failed and why."""
    if isinstance(exc, UserError):
        return translated(str(exc))
    if isinstance(exc, MemoryError):
        return no_memory()
    return f"{type(exc).__name__}: {exc}"


def _keep_until_finished(thread: QThread) -> None:
    _RUNNING.add(thread)
    thread.finished.connect(lambda: _RUNNING.discard(thread))


def busy() -> bool:
    """Whether a Task (render, save, batch, fine-tune, load) is running."""
    return any(isinstance(thread, Task) for thread in list(_RUNNING))


def wait_all(timeout_ms: int = 60000) -> None:
    """Wait for every worker thread to end (at exit, after cancelling them)."""
    for thread in list(_RUNNING):
        thread.wait(timeout_ms)


class Task(QThread):
    """One cancellable job. ``succeeded(result)``, ``failed(message)`` or ``cancelled()`` ends it."""
    progress = pyqtSignal(object)
    succeeded = pyqtSignal(object)
    failed = pyqtSignal(str)
    cancelled = pyqtSignal()

    def __init__(self, job):
        super().__init__()
        self._job = job
        self.cancel_event = threading.Event()
        self.started_at = time.perf_counter()
        self.seconds = 0.0

    def start(self):
        _keep_until_finished(self)
        self.started_at = time.perf_counter()
        super().start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def detach(self) -> None:
        """Cancel and forget: nothing this task reports reaches the GUI any more."""
        self.cancel()
        for signal in (self.progress, self.succeeded, self.failed, self.cancelled):
            with contextlib.suppress(TypeError):
                signal.disconnect()

    def run(self):
        try:
            result = self._job(self.cancel_event, self.progress.emit)
        except Cancelled:
            self.cancelled.emit()
            return
        except Exception as exc:  # noqa: BLE001  (a worker must report, never die silently)
            if not isinstance(exc, (UserError, MemoryError)):
                traceback.print_exc()
            self.seconds = time.perf_counter() - self.started_at
            self.failed.emit(plain_error(exc))
            return
        self.seconds = time.perf_counter() - self.started_at
        if self.cancel_event.is_set():
            self.cancelled.emit()
        else:
            self.succeeded.emit(result)


class LatestWorker(QThread):
    """A long-lived worker that always runs the newest request and drops stale ones."""
    done = pyqtSignal(int, object, float)  # request id, result, seconds
    failed = pyqtSignal(int, str)

    def __init__(self):
        super().__init__()
        self._wake = threading.Condition()
        self._pending = None
        self._running_cancel = None
        self._stopping = False
        self._last_id = 0

    def submit(self, job) -> int:
        """Queue ``job(cancel)``; returns its request id (newer requests have larger ids)."""
        with self._wake:
            self._last_id += 1
            self._pending = (self._last_id, job)
            if self._running_cancel is not None:
                self._running_cancel.set()
            self._wake.notify()
            return self._last_id

    @property
    def latest_id(self) -> int:
        return self._last_id

    def cancel(self) -> int:
        """Drop the waiting request and cancel the running one; returns the last request id (all up to it
        are now stale)."""
        with self._wake:
            self._pending = None
            if self._running_cancel is not None:
                self._running_cancel.set()
            return self._last_id

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self.cancel()  # the condition's lock is reentrant
            self._wake.notify()

    def start(self):
        _keep_until_finished(self)
        super().start()

    def run(self):
        while True:
            with self._wake:
                while self._pending is None and not self._stopping:
                    self._wake.wait()
                if self._stopping:
                    return
                request_id, job = self._pending
                self._pending = None
                cancel = self._running_cancel = threading.Event()
            start = time.perf_counter()
            try:
                result = job(cancel)
            except Cancelled:
                continue
            except Exception as exc:  # noqa: BLE001
                if not isinstance(exc, (UserError, MemoryError)):
                    traceback.print_exc()
                self.failed.emit(request_id, plain_error(exc))
                continue
            finally:
                with self._wake:
                    self._running_cancel = None
            if not cancel.is_set():
                self.done.emit(request_id, result, time.perf_counter() - start)
