"""Training jobs driven as the tests drive them: on the CPU, optionally cancelled at a step; and the fixtures of the
trainers' tests (a module imports them by name)."""
import shutil
import threading

import numpy as np
import pytest
from safetensors.numpy import load_file

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


def assert_resume_is_exact(kind, options, folder, straight_only=None):
    """Train ``kind`` straight to the end in ``folder/straight`` (with ``straight_only`` options added), and in
    ``folder/resumed`` stopped at step 2 and resumed: both models must be the same to the bit."""
    straight = run_job(kind, {**options, **(straight_only or {})}, folder / "straight")
    run_job(kind, options, folder / "resumed", stop_at=2)
    resumed = run_job(kind, {}, folder / "resumed", resume=True)
    a, b = (load_file(str(events[-1].model_path)) for events in (straight, resumed))
    assert a.keys() == b.keys()
    for key in a:
        np.testing.assert_array_equal(a[key], b[key], err_msg=key)
