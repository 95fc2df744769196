"""Undoing the noise panel's damage once the dots are found: their share taken out of the blur, then the box
inverted."""
import cv2
import numpy as np
import pytest

from app.pipeline import unblur
from app.pipeline.degrade import dot_colours, mean_blur, noise_from_draws, uniform_draws
from app.pipeline.imageio import read_image
from app.pipeline.training.metrics import psnr


@pytest.fixture
def photo(kit):
    return read_image(kit / "sr" / "chelsea.png").rgb


@pytest.mark.parametrize("kernel", [2, 3, 4, 5])
def test_the_box_spectrum_is_opencvs_blur(kernel):
    image = np.random.default_rng(kernel).random((30, 41))
    circular = np.fft.irfft2(np.fft.rfft2(image) * unblur.box_spectrum(image.shape, kernel), s=image.shape)
    inside = (slice(kernel, -kernel),) * 2
    np.testing.assert_allclose(circular[inside], cv2.blur(image, (kernel, kernel))[inside], atol=1e-12)


@pytest.mark.parametrize("prob, kernel", [(0.05, 3), (0.1, 3), (0.1, 4)])
def test_dots_known_exactly_come_out_of_the_blur(photo, prob, kernel):
    """Told where each dot fell, the damaged photo becomes the blurred photo without dots; undoing the blur then
    lands nearer the photo than the blur did."""
    draws = uniform_draws(photo.shape[:2], np.random.default_rng(5))
    damaged = mean_blur(noise_from_draws(photo, draws, prob), kernel)
    black, white = (mask.astype(np.float32) for mask in dot_colours(draws, prob))
    assert (black.mean() - prob) ** 2 < 1e-4 and (white.mean() - prob) ** 2 < 1e-4
    blurred = mean_blur(photo, kernel)
    taken_out = unblur.without_dots(damaged, black, white, kernel)
    assert psnr(np.clip(taken_out, 0, 255).round().astype(np.uint8), blurred) > psnr(damaged, blurred) + 15
    assert psnr(unblur.deblur(taken_out, kernel, 0.01), photo) > psnr(blurred, photo) + 1


@pytest.mark.parametrize("kernel, gain", [(2, 8), (3, 4), (5, 3)])
def test_deblur_undoes_a_blur_alone(photo, kernel, gain):
    blurred = mean_blur(photo, kernel)
    restored = unblur.deblur(blurred, kernel, 0.003)
    assert restored.dtype == np.uint8 and restored.shape == photo.shape
    assert psnr(restored, photo) > psnr(blurred, photo) + gain


def test_no_dots_and_a_flat_image_stay_as_they_are():
    flat = np.full((20, 24, 3), 90, np.uint8)
    none = np.zeros((20, 24), np.float32)
    np.testing.assert_allclose(unblur.without_dots(flat, none, none, 3), 90.0, atol=1e-4)
    assert np.array_equal(unblur.deblur(flat, 3, 0.01), flat)
