"""The quality judges of bench/judges.py: style (b), sharpness and consistency mean what they say."""
from pathlib import Path

import cv2
import numpy as np
import pytest

from app.pipeline.imageio import read_image
from bench.judges import consistency, features, sharpness, style_b, swd, view

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def photo():
    return read_image(REPO / "assets" / "samples" / "chelsea.jpg").rgb  # 451x300


@pytest.fixture(scope="module")
def painting():
    return read_image(REPO / "tests" / "data" / "style" / "van_gogh_the_starry_night_1889.jpg").rgb


def half(rgb):
    return cv2.resize(rgb, (rgb.shape[1] // 2, rgb.shape[0] // 2), interpolation=cv2.INTER_AREA)


def test_features_are_fifteen_per_pixel_of_the_view(photo):
    assert view(photo, 512).shape == (341, 512, 3) and view(half(photo), 448).shape == (299, 448, 3)
    f = features(photo, 448)
    assert f.shape == (298 * 448, 15) and f.dtype == np.float32 and np.isfinite(f).all()
    flat = features(np.full_like(photo, 128))
    assert np.abs(flat[:, 3:]).max() < 1e-3 and np.ptp(flat[:, :3], axis=0).max() < 1e-5  # no texture
    assert flat[0, :3] == pytest.approx([53.59 / 25, 0, 0], abs=0.01)  # mid grey: L 53.6, in units of 25
    assert features(photo).max() > 1.0 and np.array_equal(features(photo), features(photo))


def test_swd(photo, painting):
    a, b = features(photo), features(painting)
    shift = np.linspace(-1, 1, 15, dtype=np.float32)
    assert swd(a, a) == 0.0 and swd(a, b) > 0.3 and swd(a, b) == swd(a, b)
    assert swd(a, a + 2 * shift) == pytest.approx(2 * swd(a, a + shift), rel=1e-4)  # a shift moves every quantile
    assert swd(a, np.tile(a, (3, 1))) < 0.1 * swd(a, a + shift)  # other counts are matched by quantile
    tiny = features(photo[:12, :20], 12)  # fewer pixels than samples: drawn with replacement
    assert len(tiny) < 20000 and 0 < swd(tiny, a) < np.inf


def test_style_b(photo, painting):
    assert style_b(painting, painting, photo) == 1.0
    assert style_b(photo, painting, photo) == 0.0
    large = cv2.resize(painting, None, fx=2.5, fy=2.5, interpolation=cv2.INTER_CUBIC)
    assert style_b(large, painting, photo) > 0.95  # seen whole at the same view, whatever its size
    assert 0.7 < style_b(half(painting), painting, photo) < style_b(large, painting, photo)  # softer when enlarged
    assert style_b(half(photo), painting, photo) == pytest.approx(0.0, abs=0.1)
    squeezed = cv2.resize(painting, photo.shape[1::-1], interpolation=cv2.INTER_AREA)
    blends = [cv2.addWeighted(photo, 1 - w, squeezed, w, 0) for w in (0.2, 0.5, 0.8, 1.0)]
    scores = [style_b(blend, painting, photo) for blend in blends]
    assert scores == sorted(scores) and scores[0] < 0.2 and scores[-1] > 0.7  # closer as more painting is mixed in
    assert style_b(cv2.GaussianBlur(photo, (0, 0), 4), painting, photo) < 0  # further from a painted texture
    assert style_b(blends[1], painting, photo) == style_b(blends[1].copy(), painting.copy(), photo.copy())


def test_sharpness(photo):
    assert sharpness(photo, photo) == 1.0
    assert sharpness(cv2.GaussianBlur(photo, (0, 0), 2), photo) < 0.5
    noisy = np.clip(photo + np.random.default_rng(0).normal(0, 12, photo.shape), 0, 255).astype(np.uint8)
    assert sharpness(noisy, photo) > 1.5
    assert sharpness(half(photo), photo) < 0.8  # a smaller result is enlarged to the photo: softer at 100 %
    assert sharpness(cv2.resize(photo, (902, 600), interpolation=cv2.INTER_CUBIC), photo) == pytest.approx(1, abs=0.1)


def test_consistency(photo, painting):
    preview = view(cv2.addWeighted(photo, 0.3, cv2.resize(painting, photo.shape[1::-1]), 0.7, 0), 448)
    assert consistency(preview, preview, photo) == 1.0
    assert consistency(photo, preview, photo) == 0.0
    render = cv2.resize(preview, (1802, 1200), interpolation=cv2.INTER_CUBIC)  # the same picture, large
    assert consistency(render, preview, photo) > 0.9
    other = cv2.addWeighted(photo, 0.8, cv2.resize(painting, photo.shape[1::-1]), 0.2, 0)
    assert 0 < consistency(other, preview, photo) < consistency(render, preview, photo)
