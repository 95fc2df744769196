"""The workers: the newest preview request wins, a running one is cancelled, one engine user at a time."""
import threading
import time

import pytest

from app.gui.workers import LatestWorker, Task, engine
from app.pipeline.errors import Cancelled, UserError, check_cancel


def slow(value, seconds=0.2, log=None):
    def job(cancel):
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            check_cancel(cancel)
            time.sleep(0.005)
        if log is not None:
            log.append(value)
        return value
    return job


def test_a_newer_request_replaces_a_waiting_one_and_cancels_a_running_one(qtbot):
    worker = LatestWorker()
    worker.start()
    done, finished = [], []
    worker.done.connect(lambda request_id, value, seconds: done.append((request_id, value)))
    try:
        first = worker.submit(slow("first", 0.5, finished))
        qtbot.wait(100)                                   # "first" is running
        for value in ("second", "third", "fourth"):       # queued while it runs: each replaces the last
            worker.submit(slow(value, 0.05, finished))
        qtbot.waitUntil(lambda: len(done) > 0, timeout=5000)
        qtbot.wait(300)
    finally:
        worker.stop()
        worker.wait(5000)
    assert done == [(first + 3, "fourth")]
    assert finished == ["fourth"], "the running request was cancelled, the waiting ones never ran"


def test_a_task_reports_errors_in_plain_words_and_cancels(qtbot):
    def failing(cancel, report):
        report("half way")
        raise UserError("that photo is not there")
    task = Task(failing)
    with qtbot.waitSignal(task.failed, timeout=5000) as failed:
        task.start()
    assert failed.args == ["that photo is not there"]

    def crashing(cancel, report):
        return {}["missing"]
    task = Task(crashing)
    with qtbot.waitSignal(task.failed, timeout=5000) as failed:
        task.start()
    assert failed.args == ["KeyError: 'missing'"]

    def waiting(cancel, report):
        while True:
            check_cancel(cancel)
            time.sleep(0.01)
    task = Task(waiting)
    task.start()
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.cancel()


def test_the_engine_is_held_by_one_job_at_a_time():
    inside, overlap, lock = [], [], threading.Lock()

    def use(name):
        with engine(None, "cpu"):
            with lock:
                overlap.append(len(inside))
                inside.append(name)
            time.sleep(0.05)
            with lock:
                inside.remove(name)
    threads = [threading.Thread(target=use, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlap == [0, 0, 0, 0]
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        with engine(cancel):
            pass
