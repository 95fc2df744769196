"""``python -m app bench``: one row per model x size x backend with the documented keys."""
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from app.pipeline import benchmark

REPO = Path(__file__).resolve().parents[1]


def bench(*args, **env):
    return subprocess.run([sys.executable, "-m", "app", "bench", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=600, env={**os.environ, **env})


def test_an_unknown_model_is_one_line():
    run = bench("nosuch", "--size", 64)
    assert run.returncode == 2 and run.stderr.count("error:") == 1 and "unknown model 'nosuch'" in run.stderr


def test_json_rows_for_every_requested_cell():
    run = bench("degrade", "waifu2x-photo-n0", "--size", 48, 64, "--backend", "onnx", "paddle", "--runs", 2, "--json")
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    cells = {(r["model"], r["size"], r["backend"]) for r in rows}
    assert cells == {("degrade", 48, "numpy"), ("degrade", 64, "numpy")} | {
        ("waifu2x-photo-n0", s, b) for s in (48, 64) for b in ("onnx", "paddle")}
    for row in rows:
        assert {"model", "size", "backend", "median_s", "min_s", "max_s", "peak_rss_mb"} <= set(row)
        assert 0 < row["min_s"] <= row["median_s"] <= row["max_s"]
        assert row["peak_rss_mb"] > 20


def test_without_backend_every_available_one_is_measured_and_text_is_readable():
    from app.pipeline import backends

    run = bench("waifu2x-photo-n0", "--size", 32, "--runs", 1)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert [line.split()[2] for line in lines] == backends.available()
    assert all("median" in line and "peak" in line and "MB" in line for line in lines)


def test_a_failing_cell_is_reported_and_the_exit_code_says_so(tmp_path):
    (tmp_path / "lapstyle_broken.pdparams").write_bytes(b"not a pickle")  # listed by the zoo, fails to load
    run = bench("lapstyle-broken", "--size", 32, "--runs", 1, "--backend", "paddle", "--json",
                HUAFENG_WEIGHTS=str(tmp_path))
    assert run.returncode == 1
    row = json.loads(run.stdout.splitlines()[0])
    assert "is damaged or not a lapstyle file" in row["error"]


def test_synthetic_images_are_repeatable_and_photo_like():
    a, b = benchmark.synthetic_image(96, 1), benchmark.synthetic_image(96, 1)
    assert a.shape == (96, 96, 3) and a.dtype == np.uint8 and np.array_equal(a, b)
    assert 20 < a.std() < 100 and not np.array_equal(a, benchmark.synthetic_image(96, 2))


def test_lapstyle_speed_bench_gives_ratios_and_peak_memory():
    """bench/lapstyle_speed.py run small: a speed row per size x model with a positive ratio, a memory row per
    model and the reference."""
    models = ["lapstyle-general", "lapstyle-starry-night"]  # after a style image, and a preset with its own style
    run = subprocess.run([sys.executable, str(REPO / "bench" / "lapstyle_speed.py"), "--sizes", "128", "96x64",
                          "--repeats", "1", "--memory", "256x256", "--models", *models, "--json",
                          "--photo", REPO / "assets" / "samples" / "chelsea.jpg"],  # 451x300
                         capture_output=True, text=True, cwd=REPO, timeout=600)
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    speed = [r for r in rows if r["measure"] == "speed"]
    assert [(r["size"], r["model"]) for r in speed] == [(s, m) for s in ("128", "96x64") for m in models]
    assert [r["shape"] for r in speed] == ["128x85", "128x85", "96x64", "96x64"]
    for row in speed:
        assert row["reference"] == "arbitrary" and row["median_s"] > 0 and row["reference_median_s"] > 0
        assert row["ratio"] > 0 and row["ratio"] == pytest.approx(row["median_s"] / row["reference_median_s"], rel=0.1)
    memory = [r for r in rows if r["measure"] == "memory"]
    assert [(r["model"], r["size"]) for r in memory] == [(m, "256x256") for m in ["arbitrary", *models]]
    assert all(r["peak_mib"] > 100 and r["seconds"] > 0 for r in memory)
