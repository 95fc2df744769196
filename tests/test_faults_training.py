"""Real processes, real signals: a run refused by a folder's lock touches nothing, a file given as the run
folder is one line, and SIGTERM during a network's work stops as Ctrl-C does."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
STYLE = REPO / "tests" / "data" / "style" / "van_gogh_the_starry_night_1889.jpg"
TINY = ["--set", "size=32", "--set", "levels=1", "--set", "preview_side=64", "--set", "batch.draft=1",
        "--set", "steps.net_rev=0", "--set", "install=false"]


def _as_from_a_terminal():
    """Ctrl-C as a terminal delivers it: a shell's background job (CI launched with ``&``) starts with SIGINT
    ignored, which Python and its children keep."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(*args, env):
    return subprocess.Popen([sys.executable, "-m", "app", *map(str, args)], cwd=REPO, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_as_from_a_terminal)


@pytest.fixture
def env(tmp_path):
    return {**os.environ, "HUAFENG_WEIGHTS": str(tmp_path / "weights"), "PYTHONPATH": str(REPO)}


def test_two_runs_started_on_one_new_folder_one_trains_and_one_is_refused(tmp_path, env):
    """Both start at once: the one that loses is refused by the lock, or, when it starts after the winner wrote
    its settings.json, by those; either way in one line, and the winner's run is whole."""
    run_dir = tmp_path / "run"
    runs = [start("train", "lapstyle", run_dir, "--style", STYLE, *TINY, "--set", "steps.draft=40", env=env)
            for _ in range(2)]
    results = [(run.returncode, out, err) for run in runs for out, err in [run.communicate(timeout=600)]]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 1], results
    refused = next(err for code, _, err in results if code == 1)
    assert "is already being trained" in refused or "already holds a training run" in refused, refused
    assert len(refused.strip().splitlines()) == 1 and "Traceback" not in refused, refused
    assert (run_dir / "settings.json").exists()
    steps = [row.split(",")[0] for row in (run_dir / "losses.csv").read_text().splitlines()[1:]]
    assert steps == [str(step) for step in range(1, 41)]


def test_a_run_refused_by_the_lock_leaves_the_other_runs_files(tmp_path, env):
    """While one process trains a folder, a second one resuming it is refused by the folder's lock and writes
    nothing; the first trains on as if alone until its Ctrl-C."""
    run_dir = tmp_path / "run"
    first = start("train", "lapstyle", run_dir, "--style", STYLE, *TINY, "--set", "steps.draft=100000", env=env)
    log = run_dir / "losses.csv"
    deadline = time.monotonic() + 300
    while not (log.exists() and log.read_text().count("\n") > 2):
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.2)
    second = start("train", "lapstyle", "--resume", run_dir, env=env)
    _, refused = second.communicate(timeout=300)
    assert first.poll() is None, "the first run must still be training"
    assert second.returncode == 1 and "is already being trained" in refused and "Traceback" not in refused, refused
    first.send_signal(signal.SIGINT)
    _, err = first.communicate(timeout=300)
    assert first.returncode == 1 and "cancelled at step" in err, err
    done = int(err.split("cancelled at step ")[1].split(";")[0])
    steps = [row.split(",")[0] for row in log.read_text().splitlines()[1:]]
    assert steps == [str(step) for step in range(1, done + 1)] and done >= 2
    assert (run_dir / "checkpoint.safetensors").exists() and not (run_dir / "training.lock").exists()


@pytest.mark.parametrize("how", ["new", "resume"])
def test_a_file_as_the_run_folder_is_one_line_and_exit_2(tmp_path, env, how):
    path = tmp_path / "notes.txt"
    path.write_text("mine")
    args = [path, "--style", STYLE, *TINY] if how == "new" else ["--resume", path]
    run = start("train", "lapstyle", *args, env=env)
    out, err = run.communicate(timeout=300)
    assert run.returncode == 2, err
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ") and str(path) in err, err
    assert path.read_text() == "mine"


def picture(path: Path, width: int, height: int) -> Path:
    ramp = np.linspace(0, 255, width * height * 3).reshape(height, width, 3).astype(np.uint8)
    Image.fromarray(ramp).save(path)
    return path


@pytest.mark.parametrize("command, stop, size", [
    (["stylize", "--style", STYLE], signal.SIGTERM, (3000, 2000)),
    (["stylize", "--style", STYLE], signal.SIGINT, (3000, 2000)),  # Ctrl-C: what SIGTERM must match
    (["restore"], signal.SIGTERM, (1200, 800)),
], ids=["stylize-SIGTERM", "stylize-SIGINT", "restore-SIGTERM"])
def test_a_stop_signal_while_a_network_runs_is_a_plain_cancel(tmp_path, env, command, stop, size):
    """The signal comes once the first (small) photo is written, so paddle is loaded and the second (large)
    one is being computed: a plain "cancelled", exit 1, the first output kept and no temporary file left."""
    photos, out = tmp_path / "photos", tmp_path / "out"
    photos.mkdir()
    picture(photos / "a.jpg", 160, 120)
    picture(photos / "b.jpg", *size)
    run = start(command[0], photos, *command[1:], "-o", out, env=env)
    deadline = time.monotonic() + 300
    while not (out / "a.jpg").exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (out / "a.jpg").exists() and run.poll() is None, run.communicate(timeout=60)
    os.kill(run.pid, stop)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 1, err
    assert err.strip().splitlines()[-1] == "cancelled" and "Termination signal" not in err, err
    assert "Traceback" not in err, err
    assert sorted(path.name for path in out.iterdir()) == ["a.jpg"]
