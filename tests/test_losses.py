"""Training losses: the CPU-fast relaxed EMD equals PaddleGAN's min/max form in value and gradient; the
other terms behave as their definitions say."""
import models  # noqa: F401,I001  (first: sets Paddle's thread count before paddle is imported)
import time

import numpy as np
import paddle
import pytest

from models import losses


def _paddlegan_remd(pred, target):
    """PaddleGAN's CalcStyleEmdLoss with min/max (its concat of 0-D tensors written as stack)."""
    distance = losses.cosine_distance_matrix(pred, target)
    return paddle.stack([distance.min(2).mean(), distance.min(1).mean()]).max()


def _grad(fn, pred, target):
    pred = paddle.to_tensor(pred, stop_gradient=False)
    value = fn(pred, paddle.to_tensor(target))
    value.backward()
    return float(value), pred.grad.numpy()


def test_remd_matches_the_min_max_form():
    rng = np.random.default_rng(0)
    pred, target = rng.random((2, 16, 6, 5), np.float32), rng.random((2, 16, 4, 7), np.float32)
    ours, theirs = _grad(losses.style_remd_loss, pred, target), _grad(_paddlegan_remd, pred, target)
    assert ours[0] == pytest.approx(theirs[0], rel=1e-6)
    np.testing.assert_allclose(ours[1], theirs[1], atol=1e-7)


def test_remd_backward_is_fast_on_cpu():
    """The reason for argmin + take_along_axis: min's backward over 2048 positions took 160 s here."""
    pred = paddle.rand([1, 96, 64, 32])
    pred.stop_gradient = False
    start = time.perf_counter()
    losses.style_remd_loss(pred, paddle.rand([1, 96, 64, 32])).backward()
    assert time.perf_counter() - start < 3.0


def test_remd_is_zero_for_identical_features_and_positive_otherwise():
    feat = paddle.rand([1, 8, 5, 5])
    assert float(losses.style_remd_loss(feat, feat)) == pytest.approx(0.0, abs=1e-5)
    assert float(losses.style_remd_loss(feat, paddle.rand([1, 8, 5, 5]) - 0.5)) > 0.1


def test_relt_ignores_scale_but_not_structure():
    feat = paddle.rand([1, 8, 6, 6])
    assert float(losses.content_relt_loss(feat * 3.0, feat)) == pytest.approx(0.0, abs=1e-4)
    assert float(losses.content_relt_loss(paddle.rand([1, 8, 6, 6]), feat)) > 0.01


def test_style_stats_loss():
    content, style = paddle.rand([2, 4, 8, 8]), paddle.rand([2, 4, 8, 8]) * 2 + 1
    assert float(losses.style_stats_loss(style, style)) == pytest.approx(0.0, abs=1e-8)
    absolute, relative = losses.style_stats_loss(content, style), losses.style_stats_loss(content, style, True)
    # relative: the same number whatever the scale of the activations
    assert float(losses.style_stats_loss(content * 10, style * 10, True)) == pytest.approx(float(relative), rel=1e-4)
    assert float(losses.style_stats_loss(content * 10, style * 10)) == pytest.approx(100 * float(absolute), rel=1e-4)


def test_swag_loss_sees_texture_that_channel_statistics_miss():
    """Two channels that rise and fall together (a stroke seen by both) vs the same channels with one
    shuffled in space: every channel keeps its mean and std, only the smoothed Gram matrix tells them apart."""
    rng = np.random.default_rng(0)
    pattern = rng.random((16, 16)).astype(np.float32) * 6
    strokes = np.stack([pattern, pattern * 0.5 + 1])[None]
    shuffled = strokes.copy()
    shuffled[0, 1] = rng.permutation(shuffled[0, 1].ravel()).reshape(16, 16)
    strokes, shuffled = paddle.to_tensor(strokes), paddle.to_tensor(shuffled)
    assert float(losses.style_stats_loss(shuffled, strokes)) == pytest.approx(0.0, abs=1e-6)
    assert float(losses.style_swag_loss(strokes, strokes)) == pytest.approx(0.0, abs=1e-7)
    assert float(losses.style_swag_loss(shuffled, strokes)) > 0.01
    smoothed = losses.softmax_smoothed(strokes)
    assert float(smoothed.mean()) == pytest.approx(1.0, rel=1e-5) and float(smoothed.min()) > 0


def test_content_loss_norm_ignores_channel_statistics():
    feat = paddle.rand([1, 4, 8, 8])
    assert float(losses.content_loss(feat * 5 + 2, feat, norm=True)) == pytest.approx(0.0, abs=1e-6)
    assert float(losses.content_loss(feat * 5 + 2, feat)) > 1.0


def test_gan_losses():
    logits = paddle.to_tensor([[0.0, 2.0]])
    assert float(losses.gan_loss(logits, True)) == pytest.approx(np.mean([np.log(2), np.log1p(np.exp(-2))]), rel=1e-5)
    assert float(losses.gan_loss(logits, False, "lsgan")) == pytest.approx(2.0)
    with pytest.raises(ValueError):
        losses.gan_loss(logits, True, "wgan")


def test_total_variation():
    flat = paddle.ones([1, 3, 8, 8])
    assert float(losses.total_variation(flat)) == 0.0
    stripes = paddle.to_tensor(np.tile([0.0, 1.0], (1, 3, 8, 4)).astype(np.float32))
    assert float(losses.total_variation(stripes)) == pytest.approx(1.0)


def _stripes(vertical, size=64, period=8):
    """Black and white stripes, vertical or horizontal: 1x3xHxW in [0, 1]."""
    line = (np.arange(size) // (period // 2)) % 2
    image = np.tile(line[None, :] if vertical else line[:, None], (size, 1) if vertical else (1, size))
    return paddle.to_tensor(np.repeat(image[None, None].astype(np.float32), 3, axis=1))


def _patch_swd(pred, target):
    return losses.patch_swd_loss(pred, losses.patch_distribution(target))


def test_patch_swd_compares_patch_distributions_not_positions():
    rng = np.random.default_rng(0)
    image = paddle.to_tensor(rng.random((1, 3, 64, 96), np.float32))
    assert float(_patch_swd(image, image)) == 0.0
    swapped = paddle.concat([image[:, :, :, 48:], image[:, :, :, :48]], axis=3)  # the same patches but the seam's
    other = paddle.to_tensor(rng.random((1, 3, 64, 96), np.float32) ** 2)  # darker: other patches
    assert float(_patch_swd(swapped, image)) < 0.1 * float(_patch_swd(other, image))
    larger = paddle.concat([image, image], axis=2)  # sizes may differ: the same patches, twice over
    assert float(_patch_swd(larger, image)) < 0.1 * float(_patch_swd(other, image))


def test_patch_swd_sees_stroke_direction_that_colour_statistics_miss():
    across, down = _stripes(True), _stripes(False)
    assert float(losses.style_stats_loss(across, down)) == pytest.approx(0.0, abs=1e-7)
    assert float(_patch_swd(across, down)) > 0.05
    pred = paddle.to_tensor(across.numpy(), stop_gradient=False)
    _patch_swd(pred, down).backward()
    assert np.abs(pred.grad.numpy()).max() > 0
