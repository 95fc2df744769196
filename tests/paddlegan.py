"""PaddleGAN as it is written, for tests to compare against: its ``F.interpolate`` Laplacian pyramid, and
LapStyle files in its layout with random weights."""
import models  # noqa: F401,I001  (first: sets Paddle's thread count before paddle is imported)
import pickle
from contextlib import contextmanager

import paddle
import paddle.nn.functional as F
import pytest


def resample(x, size):
    """PaddleGAN's resize: bilinear ``F.interpolate`` without aligned corners."""
    return F.interpolate(x, size, mode="bilinear", align_corners=False)


def pyramid(x, levels):
    """PaddleGAN's make_laplace_pyramid: ``levels`` bands, finest first, then the smallest image."""
    bands = []
    for _ in range(levels):
        h, w = x.shape[2:]
        bands.append(x - resample(resample(x, [h // 2, w // 2]), [h, w]))
        x = resample(x, [h // 2, w // 2])
    return bands + [x]


def fold(bands):
    """PaddleGAN's fold_laplace_pyramid: the image a pyramid was built from."""
    x = bands[-1]
    for band in reversed(bands[:-1]):
        x = band + resample(x, band.shape[2:])
    return x


def write_lapstyle(path, seed=None):
    """Write a LapStyle (VGG encoder, 2 revision nets) with random weights (``paddle.seed(seed)`` first unless
    None) to ``path`` in PaddleGAN's file layout."""
    from models.lapstyle import LapStyle

    if seed is not None:
        paddle.seed(seed)
    net = LapStyle("vgg", revision_levels=2)
    state = {part: {k: v.numpy() for k, v in getattr(net, part).state_dict().items()}
             for part in ("net_enc", "net_dec", "net_rev", "net_rev_2")}
    path.write_bytes(pickle.dumps(state, protocol=2))


@contextmanager
def lapstyle_in_weights(folder, name, seed):
    """``folder/lapstyle_<name>.pdparams`` with random weights; inside the block ``folder`` is the weights folder
    the zoo reads (``HUAFENG_WEIGHTS``, restored after). Yields the model id."""
    write_lapstyle(folder / f"lapstyle_{name}.pdparams", seed)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HUAFENG_WEIGHTS", str(folder))
        yield f"lapstyle-{name}"
