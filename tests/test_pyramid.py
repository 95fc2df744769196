"""The Laplacian pyramid matches PaddleGAN's interpolate-based one, inverts exactly, and exports without interp ops."""
import models  # noqa: F401,I001  (first: sets Paddle's thread count before paddle is imported)
import numpy as np
import paddle
import paddle.nn.functional as F
import pytest

from models.pyramid import (downsample, fold_pyramid, laplacian_pyramid, upsample_bilinear,
                            upsample_nearest)
from tests import paddlegan


def _rand(*shape, seed=0):
    return paddle.to_tensor(np.random.default_rng(seed).random(shape, dtype=np.float32))


def test_resampling_matches_interpolate():
    x = _rand(2, 3, 12, 20)
    np.testing.assert_allclose(upsample_bilinear(x).numpy(), paddlegan.resample(x, [24, 40]).numpy(), atol=1e-6)
    np.testing.assert_allclose(downsample(x).numpy(), paddlegan.resample(x, [6, 10]).numpy(), atol=1e-6)
    np.testing.assert_array_equal(upsample_nearest(x).numpy(), F.interpolate(x, scale_factor=2).numpy())


def test_pyramid_matches_paddlegan():
    x = _rand(1, 3, 48, 80, seed=1)
    ours, theirs = laplacian_pyramid(x, 3), paddlegan.pyramid(x, 3)
    assert [list(b.shape) for b in ours] == [[1, 3, 48, 80], [1, 3, 24, 40], [1, 3, 12, 20], [1, 3, 6, 10]]
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a.numpy(), b.numpy(), atol=1e-6)


@pytest.mark.parametrize("shape, levels", [((1, 3, 32, 48), 3), ((2, 3, 40, 24), 2), ((1, 1, 8, 8), 3)])
def test_fold_inverts_build(shape, levels):
    x = _rand(*shape, seed=2)
    np.testing.assert_allclose(fold_pyramid(laplacian_pyramid(x, levels)).numpy(), x.numpy(), atol=1e-6)


def test_no_interp_op_in_exported_graph():
    def round_trip(x):
        return fold_pyramid(laplacian_pyramid(x, 2)) + upsample_nearest(downsample(x))

    static = paddle.jit.to_static(round_trip, input_spec=[paddle.static.InputSpec([1, 3, 32, 48], "float32")],
                                  full_graph=True)
    program = str(static.concrete_program.main_program)
    assert "interp" not in program and "pool" in program
