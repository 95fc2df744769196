"""Training jobs driven as the tests drive them: on the CPU, optionally cancelled at a step; and the fixtures of the
trainers' tests (a module imports them by name)."""
import shutil
import threading

import pytest

from app.pipeline.training import train


@pytest.fixture(scope="module")
def photos(kit, tmp_path_factory):
    """A folder of three training photos of the kit."""
    folder = tmp_path_factory.mktemp("photos")
    for path in sorted((kit / "content").glob("train_*.jpg"))[:3]:
        shutil.copy(path, folder)
    return str(folder)


@pytest.fixture(autouse=True)
def weights_folder(tmp_path, monkeypatch):
    """The zoo's weights folder of each test of a module that imports this: where a finished run installs its
    model."""
    monkeypatch.setenv("HUAFENG_WEIGHTS", str(tmp_path / "weights"))
    return tmp_path / "weights"


def run_job(kind, options, run_dir, stop_at=None, resume=False):
    """Iterate a ``kind`` training job and return its events; with ``stop_at`` the cancel flag is set once that
    step is reported."""
    cancel, events = threading.Event(), []
    for event in train(kind, options, run_dir, "cpu", cancel, resume):
        events.append(event)
        if stop_at is not None and event.step == stop_at:
            cancel.set()
    return events
