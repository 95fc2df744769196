"""The command line under real faults: a full disk, files that are not files, absurd options, killed runs,
odd file names and outputs that cannot be meant."""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.pipeline.atomic import STALE_SECONDS, atomic_path
from app.pipeline.degrade import degrade

REPO = Path(__file__).resolve().parents[1]
PHOTO = REPO / "assets" / "samples" / "chelsea.jpg"
PAGE = 4096


def app(*args, timeout=120):
    """Run ``python -m app ARGS``; a run that hangs fails the test instead of blocking it."""
    try:
        return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True,
                              cwd=REPO, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"python -m app {' '.join(map(str, args))} hung (no answer in {timeout} s)")


def decodes(path) -> bool:
    try:
        with Image.open(path) as img:
            img.load()
    except OSError:
        return False
    return True


@pytest.fixture
def cmyk(tmp_path):
    path = tmp_path / "cmyk.jpg"
    Image.open(PHOTO).convert("CMYK").save(path, quality=92)
    return path


@pytest.fixture
def disk(tmp_path):
    """A real 2 MB file system (tmpfs), to be filled."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True,
                          text=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` until only ``leave`` bytes (whole pages) are free."""
    stat = os.statvfs(disk)
    (disk / "fill").write_bytes(bytes(stat.f_bavail * stat.f_frsize - leave // PAGE * PAGE))


@pytest.mark.parametrize("kind", ["photo", "cmyk"])
def test_a_full_disk_is_an_error_and_leaves_no_cut_off_file(tmp_path, disk, cmyk, kind):
    source = PHOTO if kind == "photo" else cmyk
    command = ["stylize", source, "--style", "style-01", "--max-side", "300", "-o"]
    assert app(*command, tmp_path / "whole.jpg").returncode == 0
    size = (tmp_path / "whole.jpg").stat().st_size  # under 64 KB: Pillow writes it at once, cut short unchecked
    fill(disk, size // 2)
    run = app(*command, disk / "out.jpg")
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stderr.count("\n") == 1 and "out.jpg: could not be written (No space left on device)" in run.stderr
    assert sorted(p.name for p in disk.iterdir()) == ["fill"]  # neither the output nor a temporary file


def test_a_full_disk_in_a_folder_run_and_skip_existing_then_finishes_it(tmp_path, disk, cmyk):
    photos = tmp_path / "in"
    photos.mkdir()
    for path in (PHOTO, cmyk):
        (photos / path.name).write_bytes(path.read_bytes())
    assert app("degrade", photos, "-o", tmp_path / "whole").returncode == 0
    first, second = (p.stat().st_size for p in sorted((tmp_path / "whole").iterdir()))
    fill(disk, -(-first // PAGE) * PAGE + second // 2)  # room for the first output and half the second
    run = app("degrade", photos, "-o", disk / "out")
    assert run.returncode == 1 and "1 of 2 written" in run.stdout and "1 failed" in run.stdout
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cmyk.jpg: could not be written (No space left on device)" in errors[0]
    assert [p.name for p in (disk / "out").iterdir()] == ["chelsea.jpg"] and decodes(disk / "out" / "chelsea.jpg")
    (disk / "fill").unlink()
    run = app("degrade", photos, "-o", disk / "out", "--skip-existing")
    assert run.returncode == 0 and "1 of 2 written" in run.stdout and "1 already there" in run.stdout
    assert all(decodes(p) for p in (disk / "out").iterdir()) and len(list((disk / "out").iterdir())) == 2


@pytest.fixture(params=["fifo", "socket", "device"])
def not_a_file(request, tmp_path):
    """A FIFO (no writer: opening it blocks), a Unix socket or /dev/zero (endless), named like an image."""
    if request.param == "device":
        yield Path("/dev/zero")
        return
    path = tmp_path / f"{request.param}.jpg"
    if request.param == "fifo":
        os.mkfifo(path)
        yield path
        return
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        yield path


def test_what_is_not_a_regular_file_is_refused_before_it_is_opened(tmp_path, not_a_file):
    run = app("degrade", not_a_file, "-o", tmp_path / "out.png", timeout=60)
    assert run.returncode == 1 and run.stderr == f"error: {not_a_file}: not a regular file\n"
    run = app("stylize", PHOTO, "--style", not_a_file, "-o", tmp_path / "out.png", timeout=60)
    assert run.returncode == 1 and run.stderr == f"error: {not_a_file}: not a regular file\n"
    assert not (tmp_path / "out.png").exists()


@pytest.mark.parametrize("option, value", [("--blur", 100000), ("--blur", 99999999), ("--blur", 256),
                                           ("--blur", -1), ("--seed", -1)])
def test_degrade_bounds_are_usage_errors_before_any_file_is_read(tmp_path, option, value):
    run = app("degrade", tmp_path / "missing.jpg", option, value, "-o", tmp_path / "out.png")
    assert run.returncode == 2 and run.stderr.startswith(f"error: {option} must be") and run.stderr.count("\n") == 1
    assert not (tmp_path / "out.png").exists()


def test_the_widest_blur_still_blurs_and_degrade_checks_the_same_bounds(tmp_path):
    run = app("degrade", PHOTO, "--blur", 255, "--seed", 0, "-o", tmp_path / "out.png")
    assert run.returncode == 0, run.stderr
    assert 60 < np.asarray(Image.open(tmp_path / "out.png")).mean() < 200  # a blur, not a white page
    rgb = np.zeros((32, 32, 3), np.uint8)
    with pytest.raises(ValueError, match="from 0 to 255"):
        degrade(rgb, 0.1, 256)
    with pytest.raises(ValueError, match="seed must be 0 or more"):
        degrade(rgb, 0.1, 3, seed=-1)


KILLED = """
import os, signal, sys
from app.pipeline.atomic import atomic_path
with atomic_path(sys.argv[1]) as tmp:
    tmp.write_bytes(b"half an image")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_temporary_files_of_killed_runs_are_swept_and_no_other(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in ("old.png", "new.png"):  # two runs killed (a real SIGKILL) while writing
        killed = subprocess.run([sys.executable, "-c", KILLED, out / name], cwd=REPO)
        assert killed.returncode == -signal.SIGKILL
    old, new = (next(out.glob(f".{stem}.huafeng-tmp-*.png")) for stem in ("old", "new"))
    foreign = out / ".old.abcd1234.png"  # not named as ours: someone else's hidden file
    foreign.write_bytes(b"keep")
    with atomic_path(out / "live.png") as live:  # a run still writing: this process
        live.write_bytes(b"being written")
        long_ago = time.time() - STALE_SECONDS - 60
        for path in (old, foreign, live):
            os.utime(path, (long_ago, long_ago))
        run = app("degrade", PHOTO, "-o", out / "result.png")
        assert run.returncode == 0, run.stderr
        assert not old.exists() and new.exists() and foreign.exists() and live.exists()
    assert sorted(p.name for p in out.iterdir()) == sorted([new.name, foreign.name, "live.png", "result.png"])


def test_a_newline_in_a_file_name_does_not_split_its_error_line(tmp_path):
    photos = tmp_path / "in"
    photos.mkdir()
    (photos / "a\nbroken.jpg").write_bytes(b"not an image")
    (photos / "b.jpg").write_bytes(PHOTO.read_bytes())
    run = app("degrade", photos, "-o", tmp_path / "out")
    assert run.returncode == 1
    lines = run.stderr.splitlines()
    assert all(line.startswith(("error: ", "[")) for line in lines), run.stderr
    assert [line for line in lines if line.startswith("error: ")] == [
        f"error: {photos}/a\\nbroken.jpg: not an image Huafeng can read (JPEG, PNG, BMP, TIFF, WebP)"]
    run = app("degrade", photos / "a\nbroken.jpg", "-o", tmp_path / "one.png")
    assert run.returncode == 1 and run.stderr.count("\n") == 1 and "a\\nbroken.jpg" in run.stderr


def test_one_input_and_an_output_we_cannot_write_is_a_usage_error(tmp_path):
    run = app("degrade", PHOTO, "-o", tmp_path / "m.xyz")
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "cannot write '.xyz' files" in run.stderr
    assert not (tmp_path / "m.xyz").exists()
    run = app("degrade", PHOTO, "-o", f"{tmp_path / 'm.xyz'}/")  # a folder, said so
    assert run.returncode == 0 and (tmp_path / "m.xyz" / PHOTO.name).is_file()
