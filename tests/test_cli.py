"""The command line end to end, with real weights: sizes kept, bad files reported, originals safe."""
import os
import re
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from tests.paddlegan import write_lapstyle

REPO = Path(__file__).resolve().parents[1]


def app(*args, **env):
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=600, env={**os.environ, **env})


@pytest.fixture(scope="module")
def photo(kit):
    return kit / "content" / "test_chelsea.jpg"  # 451x300


@pytest.fixture(scope="module")
def painting(kit):
    return kit / "style" / "van_gogh_the_starry_night_1889.jpg"


def size(path):
    with Image.open(path) as img:
        return img.size


def test_stylize_with_a_painting_keeps_size(tmp_path, photo, painting):
    run = app("stylize", photo, "--style", painting, "-o", tmp_path / "out.jpg")
    assert run.returncode == 0, run.stderr
    assert size(tmp_path / "out.jpg") == size(photo) == (451, 300)
    out = np.asarray(Image.open(tmp_path / "out.jpg"), dtype=float)
    assert np.abs(out - np.asarray(Image.open(photo), dtype=float)).mean() > 20  # really restyled


def test_stylize_options(tmp_path, photo, painting):
    run = app("stylize", photo, "--style", painting, "-o", tmp_path / "a.png", "--alpha", "0.5",
              "--preserve-color", "--max-side", "240")
    assert run.returncode == 0, run.stderr
    assert size(tmp_path / "a.png") == (240, 160)


def test_stylize_with_a_preset(tmp_path, photo):
    run = app("stylize", photo, "--style", "style-07", "-o", tmp_path / "p.png")
    assert run.returncode == 0, run.stderr
    assert size(tmp_path / "p.png") == size(photo)


def test_translate_and_restore(tmp_path, photo):
    run = app("translate", photo, "--model", "vintage", "-o", tmp_path / "v.png", "--max-side", "256")
    assert run.returncode == 0, run.stderr
    assert size(tmp_path / "v.png") == (256, 170)
    run = app("restore", tmp_path / "v.png", "--model", "waifu2x-photo-n1", "-o", tmp_path / "r.png")
    assert run.returncode == 0, run.stderr
    assert size(tmp_path / "r.png") == (512, 340)


def test_bad_files_among_good_ones(tmp_path, kit):
    src = tmp_path / "in"
    src.mkdir()
    good = sorted((kit / "content").glob("*.jpg"))[:2]
    for p in good:
        (src / p.name).write_bytes(p.read_bytes())
    (src / "notes.jpg").write_text("not an image")
    (src / "cut.png").write_bytes(good[0].read_bytes()[:3000])
    run = app("degrade", src, "-o", tmp_path / "out", "--sp-prob", "0.05", "--blur", "3")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and any("notes.jpg" in e for e in errors) and any("cut.png" in e for e in errors)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in good)


def test_a_photo_too_large_for_memory_is_refused_before_it_runs(tmp_path, photo, monkeypatch, capsys):
    """On a computer with 4 GB free (this one has more: the free figure is what is simulated), 8000x6000 through
    CycleGAN (~6.6 GB) gets one line naming a size that fits, and the other files still run."""
    from app import cli
    from app.pipeline import memory

    src = tmp_path / "in"
    src.mkdir()
    gradient = np.linspace(0, 255, 8000, dtype=np.uint8)
    Image.fromarray(np.ascontiguousarray(np.broadcast_to(gradient[None, :, None], (6000, 8000, 3)))).save(
        src / "huge.jpg", quality=80)
    (src / "small.jpg").write_bytes(photo.read_bytes())
    monkeypatch.setattr(memory, "free_memory", lambda: 4 * 2 ** 30)
    assert cli.main(["translate", str(src), "--model", "vintage", "-o", str(tmp_path / "out")]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {src / 'huge.jpg'}: 8000x6000 is too large for vintage")
    assert re.search(r"use an image of at most \d+ px on its longer side$", errors[0])
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["small.jpg"]


def test_original_is_never_overwritten(tmp_path, photo):
    copy = tmp_path / photo.name
    copy.write_bytes(photo.read_bytes())
    before = copy.read_bytes()
    run = app("degrade", copy, "-o", copy)
    assert run.returncode == 1 and "overwrite the original" in run.stderr
    assert copy.read_bytes() == before


def test_no_input_is_overwritten_by_another_inputs_output(tmp_path, photo):
    """``degrade a/ b/ -o b``: a/x.jpg's output would be b/x.jpg, itself an input: refused, b/x.jpg untouched
    (b/x.jpg's own output is b/x_1.jpg)."""
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        folder.mkdir()
        (folder / photo.name).write_bytes(photo.read_bytes())
    before = (b / photo.name).read_bytes()
    run = app("degrade", a, b, "-o", b)
    assert run.returncode == 1 and run.stderr.count("overwrite the original") == 1
    assert (b / photo.name).read_bytes() == before
    assert sorted(p.name for p in b.iterdir()) == sorted([photo.name, f"{photo.stem}_1{photo.suffix}"])


def test_usage_errors_exit_2(tmp_path, photo):
    run = app("stylize", photo, "-o", tmp_path / "x.png")  # no --style, and not a preset model
    assert run.returncode == 2 and "--style is needed" in run.stderr
    run = app("stylize", photo, "--style", "style-01", "--levels", "2", "-o", tmp_path / "x.png")
    assert run.returncode == 2 and "--levels is for LapStyle models" in run.stderr
    assert app("stylize", photo, "--style", "style-01", "--alpha", "3", "-o", tmp_path / "x.png").returncode == 2
    for option, value in (("--quality", 500), ("--max-side", 0)):
        run = app("degrade" if option == "--quality" else "stylize", photo, "--style", "style-01", option, value,
                  "-o", tmp_path / "x.jpg")
        assert run.returncode == 2 and "must be" in run.stderr and not (tmp_path / "x.jpg").exists()
    assert app("frobnicate").returncode == 2


def test_unknown_style_and_model_are_clear(tmp_path, photo):
    run = app("stylize", photo, "--style", "no-such-style", "-o", tmp_path / "x.png")
    assert run.returncode == 2 and "neither an image file nor a preset" in run.stderr
    run = app("translate", photo, "--model", "nope", "-o", tmp_path / "x.png")
    assert run.returncode == 2 and "unknown model 'nope'" in run.stderr and "Traceback" not in run.stderr
    run = app("stylize", photo, photo, "--style", photo, "--model", "vintage", "-o", tmp_path / "out")
    assert run.returncode == 2 and run.stderr.count("error:") == 1  # said once, not once per file
    assert "model 'vintage' is a CycleGAN model, not a style model" in run.stderr


def test_skip_existing_resumes_a_folder_and_says_what_it_left(tmp_path, kit):
    photos = tmp_path / "in"
    photos.mkdir()
    for path in sorted((kit / "content").glob("test_*.jpg"))[:3]:
        (photos / path.name).write_bytes(path.read_bytes())
    assert app("degrade", photos, "-o", tmp_path / "out").returncode == 0
    done = sorted((tmp_path / "out").iterdir())
    done[0].unlink()  # as if the run had stopped before it
    kept = {p: p.stat().st_mtime_ns for p in done[1:]}
    run = app("degrade", photos, "-o", tmp_path / "out", "--skip-existing")
    assert run.returncode == 0 and "1 of 3 written to" in run.stdout and "2 already there" in run.stdout
    assert done[0].exists() and {p: p.stat().st_mtime_ns for p in done[1:]} == kept
    one = app("degrade", photos / done[1].name, "-o", done[1], "--skip-existing")
    assert "exists already; left as it is" in one.stdout


def test_restore_told_the_damage_undoes_degrade(tmp_path, photo):
    from app.pipeline.training.metrics import psnr

    assert app("degrade", photo, "--sp-prob", "0.1", "--blur", "0", "-o", tmp_path / "bad.png").returncode == 0
    for flag, name in (([], "kept.png"), (["--sp-prob", "0.1"], "clean.png")):
        run = app("restore", tmp_path / "bad.png", "--model", "waifu2x-photo-x2", *flag, "-o", tmp_path / name)
        assert run.returncode == 0, run.stderr
        assert ("steps: despeckle, waifu2x-photo-x2" if flag else "steps: waifu2x-photo-x2") in run.stdout
    def pixels(path):
        return np.asarray(Image.open(path).convert("RGB"))

    clean, bad = pixels(photo), pixels(tmp_path / "bad.png")
    back = {name: cv2.resize(pixels(tmp_path / name), clean.shape[1::-1], interpolation=cv2.INTER_AREA)
            for name in ("kept.png", "clean.png")}
    assert psnr(back["kept.png"], clean) < psnr(bad, clean) + 3 < psnr(back["clean.png"], clean) - 10


def test_the_dot_finder_restores_blurred_dots_when_told_the_damage(tmp_path, photo):
    from app.pipeline.training.metrics import psnr

    assert app("degrade", photo, "--sp-prob", "0.05", "--blur", "3", "-o", tmp_path / "bad.png").returncode == 0
    unknown = app("restore", tmp_path / "bad.png", "--model", "dotfinder-clean", "-o", tmp_path / "x.png")
    assert unknown.returncode != 0 and "give --sp-prob and --blur" in unknown.stderr
    assert not (tmp_path / "x.png").exists()
    run = app("restore", tmp_path / "bad.png", "--model", "dotfinder-clean", "--sp-prob", "0.05", "--blur", "3",
              "-o", tmp_path / "clean.png")
    assert run.returncode == 0, run.stderr
    assert "steps: dotfinder-clean" in run.stdout
    clean, bad, fixed = (np.asarray(Image.open(p).convert("RGB")) for p in (photo, tmp_path / "bad.png",
                                                                           tmp_path / "clean.png"))
    assert psnr(fixed, clean) > psnr(bad, clean) + 3


def test_outputs_that_cannot_be_meant_are_refused(tmp_path, photo):
    (tmp_path / "taken.jpg").write_bytes(photo.read_bytes())
    for output, said in ((tmp_path / "x.gif", "cannot write '.gif' files"), ("", "no output given"),
                         (tmp_path / "taken.jpg", "2 images need an output folder")):
        run = app("degrade", photo, *([photo] if "2 images" in said else []), "-o", output)
        assert run.returncode == (2 if ".gif" in said else 1) and said in run.stderr, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.jpg"]


def test_models_list_and_verify():
    run = app("models", "list")
    assert run.returncode == 0
    for model_id in ["arbitrary", "multistyle26", "vintage", "waifu2x-photo-n0", "efficientnet-lite0"]:
        assert model_id in run.stdout
    run = app("models", "verify")
    assert run.returncode == 0 and "corrupt" not in run.stdout


def test_lapstyle_from_a_paddlegan_file_runs_end_to_end(tmp_path, photo, painting):
    """A file in PaddleGAN's layout dropped into the weights folder is listed and stylizes a non-square photo."""
    weights = tmp_path / "weights"
    weights.mkdir()
    write_lapstyle(weights / "lapstyle_test.pdparams")
    assert "lapstyle-test" in app("models", "list", HUAFENG_WEIGHTS=str(weights)).stdout
    run = app("stylize", photo, "--style", painting, "--model", "lapstyle-test", "-o", tmp_path / "lap.png",
              HUAFENG_WEIGHTS=str(weights))
    assert run.returncode == 0, run.stderr
    assert size(tmp_path / "lap.png") == size(photo)
    run = app("stylize", photo, "--style", painting, "--model", "lapstyle-test", "-o", tmp_path / "lap1.png",
              "--levels", "1", HUAFENG_WEIGHTS=str(weights))
    assert run.returncode == 0, run.stderr
    assert size(tmp_path / "lap1.png") == size(photo)


def test_size_enlarges_a_small_photo_and_max_side_only_shrinks(tmp_path, photo, painting):
    run = app("stylize", photo, "--style", painting, "-o", tmp_path / "big.png", "--size", "800")
    assert run.returncode == 0, run.stderr
    assert size(tmp_path / "big.png") == (800, 532)
    run = app("translate", photo, "--model", "vintage", "-o", tmp_path / "small.png", "--size", "256")
    assert run.returncode == 0, run.stderr
    assert size(tmp_path / "small.png") == (256, 170)
    run = app("stylize", photo, "--style", painting, "-o", tmp_path / "kept.png", "--max-side", "800")
    assert run.returncode == 0, run.stderr
    assert size(tmp_path / "kept.png") == (451, 300)
    run = app("stylize", photo, "--style", painting, "-o", tmp_path / "x.png", "--size", "800", "--max-side", "800")
    assert run.returncode == 2 and "not allowed with" in run.stderr


def test_two_styles_mix(tmp_path, photo, painting, kit):
    scream = kit / "style" / "munch_the_scream_1893.jpg"
    outputs = {}
    for name, extra in (("a", []), ("b", ["--mix-with", scream, "--mix", "1"]), ("half", ["--mix-with", scream]),
                        ("presets", ["--mix-with", "style-20"])):
        style = "style-07" if name == "presets" else painting
        run = app("stylize", photo, "--style", style, "-o", tmp_path / f"{name}.png", "--max-side", "160", *extra)
        assert run.returncode == 0, run.stderr
        outputs[name] = np.asarray(Image.open(tmp_path / f"{name}.png"), np.float32)
    only_scream = app("stylize", photo, "--style", scream, "-o", tmp_path / "s.png", "--max-side", "160")
    assert only_scream.returncode == 0
    assert np.abs(outputs["b"] - np.asarray(Image.open(tmp_path / "s.png"), np.float32)).max() <= 1  # mix 1: the other
    assert np.abs(outputs["half"] - outputs["a"]).mean() > 5 and np.abs(outputs["half"] - outputs["b"]).mean() > 5
    run = app("stylize", photo, "--style", painting, "--mix-with", "style-20", "-o", tmp_path / "x.png")
    assert run.returncode == 2 and "two style images" in run.stderr
