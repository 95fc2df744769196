"""`python -m app train` end to end: a run, Ctrl-C writes a checkpoint, --resume finishes it, the model is
listed and stylizes; bad input is one error line."""
import os
import signal
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TINY = ["--set", "size=32", "--set", "levels=1", "--set", "preview_side=64", "--set", "batch.draft=1"]


def app(*args, env, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          timeout=600, env={**env, "PYTHONPATH": str(REPO)})


@pytest.fixture
def env(tmp_path):
    return {**os.environ, "HUAFENG_WEIGHTS": str(tmp_path / "weights")}


@pytest.fixture(scope="module")
def inputs(kit):
    return {"style": kit / "style" / "hokusai_the_great_wave_off_kanagawa_c1831.jpg",
            "photo": sorted((kit / "content").glob("test_*.jpg"))[0]}


def test_a_stop_signal_checkpoints_and_resume_finishes(tmp_path, env, inputs):
    """SIGTERM (a plain ``kill``; Ctrl-C's SIGINT takes the same path) checkpoints and stops."""
    run_dir = tmp_path / "wave"
    proc = subprocess.Popen([sys.executable, "-m", "app", "train", "lapstyle", str(run_dir), "--style",
                             str(inputs["style"]), *TINY, "--set", "steps.draft=400", "--set", "steps.net_rev=0"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    log = run_dir / "losses.csv"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (log.exists() and log.read_text().count("\n") > 2):
        time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    assert "cancelled at step" in err and f"--resume {run_dir}" in err and "Traceback" not in err
    assert (run_dir / "checkpoint.safetensors").exists()
    done = int(err.split("cancelled at step ")[1].split(";")[0])
    assert 2 <= done < 400
    (run_dir / "settings.json").write_text((run_dir / "settings.json").read_text().replace(
        '"draft": 400', f'"draft": {done + 2}'))  # finish soon: the resumed run reads its settings from here
    resumed = app("train", "lapstyle", "--resume", run_dir, env=env)
    assert resumed.returncode == 0, resumed.stderr
    assert "model written" in resumed.stdout and "lapstyle-wave" in resumed.stdout
    listed = app("models", "list", env=env)
    assert "lapstyle-wave" in listed.stdout
    out = tmp_path / "out.png"  # the run's model is a preset: it carries its style, no --style needed
    styled = app("stylize", inputs["photo"], "--model", "lapstyle-wave", "-o", out, "--max-side", "128", env=env)
    assert styled.returncode == 0, styled.stderr
    assert out.exists()
    other = app("stylize", inputs["photo"], "--style", inputs["style"], "--model", "lapstyle-wave", "-o",
                tmp_path / "other.png", "--max-side", "128", env=env)
    assert other.returncode == 0, other.stderr


def test_a_killed_run_resumes_from_its_last_checkpoint(tmp_path, env, inputs):
    run_dir = tmp_path / "killed"
    proc = subprocess.Popen([sys.executable, "-m", "app", "train", "lapstyle", str(run_dir), "--style",
                             str(inputs["style"]), *TINY, "--set", "steps.draft=6", "--set", "steps.net_rev=0",
                             "--set", "checkpoint_steps=2"], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    log = run_dir / "losses.csv"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (log.exists() and log.read_text().count("\n") >= 4):
        time.sleep(0.05)
    proc.kill()  # no chance to write anything more
    proc.wait()
    resumed = app("train", "lapstyle", "--resume", run_dir, env=env)
    assert resumed.returncode == 0, resumed.stderr
    steps = [line.split(",")[0] for line in log.read_text().splitlines()[1:]]
    assert steps == ["1", "2", "3", "4", "5", "6"]  # steps past the checkpoint were redone, not duplicated


def test_bad_style_is_one_line(tmp_path, env):
    bad = tmp_path / "style.png"
    bad.write_bytes(b"\x89PNG broken")
    run = app("train", "lapstyle", tmp_path / "r", "--style", bad, *TINY, env=env)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.strip().startswith("error: style image") and not (tmp_path / "r").exists()
    both = app("train", "lapstyle", tmp_path / "r", "--resume", tmp_path / "r", env=env)
    assert both.returncode == 1 and "--resume RUN_DIR" in both.stderr
    bad_set = app("train", "restore", tmp_path / "r", "--set", "steps", env=env)
    assert bad_set.returncode == 1 and "KEY=VALUE" in bad_set.stderr


@pytest.mark.parametrize("args, said", [
    (["lapstyle"], "no style image given"),
    (["cyclegan"], "no domain A folder given"),
    (["lapstyle", "--style", "STYLE", "--set", "size=0"], "'size' must be 1 or more, not 0"),
    (["lapstyle", "--style", "STYLE", "--set", "steps.draft=-2"], "'steps.draft' must be 0 or more, not -2"),
    (["lapstyle", "--style", "STYLE", "--set", "lr=abc"], "'lr' must be a number, not \"abc\""),
    (["lapstyle", "--style", "STYLE", "--set", "steps=5"], "'steps' must be a group of settings"),
    (["restore", "--set", "steps=0"], "nothing to train"),
    (["lapstyle", "--style", "STYLE", "--set", "size=1"], "'size' must be at least 32 for LapStyle, not 1"),
])
def test_missing_inputs_and_bad_settings_are_one_line_and_leave_the_folder_free(tmp_path, env, inputs, args, said):
    args = [str(inputs["style"]) if a == "STYLE" else a for a in args]
    run = app("train", args[0], tmp_path / "r", *args[1:], cwd=tmp_path, env=env)  # cwd: "" must not mean here
    assert run.returncode == 1 and "Traceback" not in run.stderr and said in run.stderr, run.stderr
    assert not (tmp_path / "r" / "settings.json").exists()


def test_a_run_that_fails_before_its_first_checkpoint_leaves_the_folder_free(tmp_path, env, inputs):
    """A photo whose header opens but whose data is cut fails the first step (a.jpg, the preview, is read before
    the run starts; b.jpg only in the first batch): the folder takes the run again."""
    run_dir, photos = tmp_path / "r", tmp_path / "photos"
    photos.mkdir()
    (photos / "a.jpg").write_bytes(inputs["photo"].read_bytes())
    (photos / "b.jpg").write_bytes(inputs["photo"].read_bytes()[:2000])
    settings = [*TINY, "--set", "batch.draft=2", "--set", "steps.draft=1", "--set", "steps.net_rev=0",
                "--set", "install=false"]
    failed = app("train", "lapstyle", run_dir, "--style", inputs["style"], "--content", photos, *settings, env=env)
    assert failed.returncode == 1 and "b.jpg" in failed.stderr and "Traceback" not in failed.stderr
    assert not (run_dir / "settings.json").exists()
    (photos / "b.jpg").write_bytes(inputs["photo"].read_bytes())
    again = app("train", "lapstyle", run_dir, "--style", inputs["style"], "--content", photos, *settings, env=env)
    assert again.returncode == 0, again.stderr
    assert "not installed into the zoo" in again.stdout  # install=false: the model stays in its run folder


def test_a_resumed_run_refuses_new_settings(tmp_path, env, inputs):
    run_dir = tmp_path / "r"
    (run_dir).mkdir()
    (run_dir / "settings.json").write_text('{"kind": "lapstyle"}')
    run = app("train", "lapstyle", "--resume", run_dir, "--style", inputs["style"], "--set", "lr=1", env=env)
    assert run.returncode == 1 and "--style, --set are for a new run" in run.stderr


def test_data_parallel_with_paddles_launcher(tmp_path, env, inputs, kit):
    """Two CPU processes under ``python -m paddle.distributed.launch`` (gloo): each trains on half of every
    batch, gradients are averaged, and only rank 0 writes the run folder and the model."""
    content = tmp_path / "content"
    content.mkdir()
    for path in sorted((kit / "content").glob("train_*.jpg"))[:2]:
        (content / path.name).write_bytes(path.read_bytes())
    run_dir, logs = tmp_path / "dp", tmp_path / "log"
    command = [sys.executable, "-m", "paddle.distributed.launch", "--nproc_per_node", "2", "--log_dir", str(logs),
               str(REPO / "app" / "__main__.py"), "train", "lapstyle", str(run_dir), "--style", str(inputs["style"]),
               "--content", str(content), *TINY, "--set", "batch.draft=2", "--set", "steps.draft=2",
               "--set", "steps.net_rev=0"]
    for attempt in range(2):  # Paddle's TCP store can fail to start on a busy machine; that, and only that, is retried
        launch = subprocess.run(command, cwd=tmp_path, env={**env, "PYTHONPATH": str(REPO)}, capture_output=True,
                                text=True, timeout=600)
        rank0, rank1 = (logs / "workerlog.0").read_text(), (logs / "workerlog.1").read_text()
        if launch.returncode == 0 or "TCP" not in rank0 + rank1 or attempt:
            break
        shutil.rmtree(run_dir, ignore_errors=True)
        shutil.rmtree(logs)
    assert launch.returncode == 0, f"{launch.stdout[-1500:]}\n{rank0[-1500:]}\n{rank1[-1500:]}"
    assert "model written" in rank0 and "model written" not in rank1
    assert (run_dir / "lapstyle-dp.safetensors").exists()
    assert (run_dir / "losses.csv").read_text().count("\n") == 3  # header + 2 steps, written once
