"""The demo.py noise tool, vectorized: same rule as the original per-pixel loop, and fast."""
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.pipeline.degrade import degrade, despeckle, mean_blur, noise_from_draws, uniform_draws
from app.pipeline.imageio import read_image
from app.pipeline.training.metrics import psnr


def original_loop(image, prob, draws):
    """The original demo.py's per-pixel loop, fed the same uniform draws."""
    output = np.zeros(image.shape, np.uint8)
    thres = 1 - prob
    for i in range(image.shape[0]):
        for j in range(image.shape[1]):
            rdn = draws[i, j]
            if rdn < prob:
                output[i][j] = 0
            elif rdn > thres:
                output[i][j] = 255
            else:
                output[i][j] = image[i][j]
    return output


@pytest.mark.parametrize("prob", [0.0, 0.1, 0.37, 0.5])
@pytest.mark.parametrize("channels", [3, 0])
def test_salt_and_pepper_matches_the_original_loop(prob, channels):
    shape = (40, 60, channels) if channels else (40, 60)
    image = np.random.default_rng(0).integers(1, 255, shape, dtype=np.uint8)
    draws = np.random.default_rng(7).integers(0, 1 << 16, (40, 60), dtype=np.uint16) / 65536.0
    ours = noise_from_draws(image, uniform_draws((40, 60), np.random.default_rng(7)), prob)
    assert np.array_equal(ours, original_loop(image, prob, draws))


def test_noise_rate_and_seed():
    image = np.full((400, 500, 3), 128, np.uint8)
    noisy = noise_from_draws(image, uniform_draws(image.shape[:2], np.random.default_rng(1)), 0.05)
    black, white = (noisy == 0).all(axis=2).mean(), (noisy == 255).all(axis=2).mean()
    assert abs(black - 0.05) < 0.005 and abs(white - 0.05) < 0.005
    assert np.array_equal(degrade(image, 0.05, 3, seed=4), degrade(image, 0.05, 3, seed=4))


@pytest.mark.parametrize("shape, kernel", [((301, 120, 3), 20), ((100, 80), 3), ((7, 9, 3), 20), ((64, 64, 3), 0)])
def test_banded_degrade_equals_the_whole_image(shape, kernel):
    image = np.random.default_rng(2).integers(0, 256, shape, dtype=np.uint8)
    draws = uniform_draws(shape[:2], np.random.default_rng(9))
    whole = mean_blur(noise_from_draws(image, draws, 0.2), kernel)
    assert np.array_equal(degrade(image, 0.2, kernel, seed=9), whole)


def test_blur_is_opencv_box_blur():
    image = np.random.default_rng(0).integers(0, 255, (50, 70, 3), dtype=np.uint8)
    assert np.array_equal(mean_blur(image, 20), cv2.blur(image, (20, 20)))
    assert np.array_equal(mean_blur(image, 0), image)


@pytest.mark.parametrize("prob, blur, gain", [(0.05, 0, 20), (0.3, 0, 18), (0.05, 3, 1)])
def test_despeckle_undoes_the_dots(kit, prob, blur, gain):
    """Unblurred dots are replaced and nothing else is touched; blurred ones are mostly removed (PSNR gain, dB)."""
    photo = read_image(sorted((kit / "content").glob("test_*.jpg"))[0]).rgb
    damaged = degrade(photo, prob, blur, seed=3)
    repaired = despeckle(damaged, blur)
    assert psnr(repaired, photo) > psnr(damaged, photo) + gain
    if blur == 0:
        kept = ~((damaged == 0).all(axis=2) | (damaged == 255).all(axis=2))
        assert np.array_equal(repaired[kept], damaged[kept])
    assert np.array_equal(despeckle(photo), photo)  # a clean photo has no dots to remove


def test_demo_py_keeps_file_names(tmp_path, kit):
    src = tmp_path / "in"
    src.mkdir()
    photos = sorted((kit / "content").glob("*.jpg"))[:2]
    for p in photos:
        (src / p.name).write_bytes(p.read_bytes())
    run = subprocess.run([sys.executable, str(Path(__file__).parents[1] / "demo.py"), str(src), str(tmp_path / "out"), "--prob", "0.1",
                          "--blur", "20", "--seed", "5"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [p.name for p in photos]
    out = read_image(tmp_path / "out" / photos[0].name).rgb
    original = read_image(photos[0]).rgb
    assert out.shape == original.shape
    # a 20x20 box blur leaves almost no edges: far smoother than the photo
    assert np.abs(np.diff(out.astype(int), axis=1)).mean() < 0.5 * np.abs(np.diff(original.astype(int), axis=1)).mean()
