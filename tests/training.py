"""Training jobs driven as the tests drive them: on the CPU, optionally cancelled at a step."""
import threading

from app.pipeline.training import train


def run_job(kind, options, run_dir, stop_at=None, resume=False):
    """Iterate a ``kind`` training job and return its events; with ``stop_at`` the cancel flag is set once that
    step is reported."""
    cancel, events = threading.Event(), []
    for event in train(kind, options, run_dir, "cpu", cancel, resume):
        events.append(event)
        if stop_at is not None and event.step == stop_at:
            cancel.set()
    return events
