"""Tiling: tiles cover the image exactly, tiled results match whole ones with no visible seams, cancel stops."""
import threading
from dataclasses import replace

import numpy as np
import pytest

from app.pipeline import lapstyle_schedule, tiling, transfer
from app.pipeline.errors import Cancelled, UserError
from bench.seams import seam_ratio
from tests.paddlegan import lapstyle_in_weights
from tests.test_backends import photo


@pytest.fixture(scope="module")
def lapstyle_id(tmp_path_factory):
    with lapstyle_in_weights(tmp_path_factory.mktemp("weights"), "tiletest", seed=11) as model_id:
        yield model_id


def test_spans_cover_the_axis_in_aligned_near_equal_parts():
    for size, core, align in [(1000, 300, 4), (64, 1024, 8), (4096, 1024, 2), (8192, 768, 4)]:
        parts = tiling.spans(size, core, align)
        assert parts[0][0] == 0 and parts[-1][1] == size
        assert all(a % align == 0 and b > a for a, b in parts)
        assert all(prev[1] == nxt[0] for prev, nxt in zip(parts, parts[1:]))
        lengths = [b - a for a, b in parts[:-1]]
        assert not lengths or max(lengths) - min(lengths) <= align


def test_blend_weights_sum_to_one_so_an_identity_network_returns_the_image():
    image = np.random.default_rng(0).random((203, 157, 3)).astype(np.float32)
    take = lambda y0, y1, x0, x1: image[y0:y1, x0:x1].transpose(2, 0, 1)[None]  # noqa: E731
    out = tiling.run_tiled(lambda tile: [tile], [(take, 1)], image.shape[:2], tiling.Tiles(core=50, margin=12, blend=6))
    assert np.abs(out - image).max() < 1e-6
    doubled = tiling.run_tiled(lambda tile: [tile.repeat(2, axis=2).repeat(2, axis=3)], [(take, 1)],
                               image.shape[:2], tiling.Tiles(core=64, margin=8, blend=4), scale=2)
    assert np.abs(doubled - image.repeat(2, axis=0).repeat(2, axis=1)).max() < 1e-6


def test_a_plan_says_when_and_in_which_tiles_an_input_runs():
    tiles = tiling.Tiles(core=512, margin=16, blend=4, above=1024 * 1024)
    assert tiles.plan((1024, 1024), "paddle") is None and tiles.plan((1024, 1025), "paddle") is tiles
    assert tiles.plan((300, 200), "paddle", core=256) == replace(tiles, core=256)
    assert tiles.plan((256, 200), "paddle", core=256) is None  # no side over the core asked for: whole
    normed = replace(tiles, norms=True)  # shared instance-norm statistics need the exported graph
    assert normed.plan((4000, 4000), "paddle") is None and normed.plan((4000, 4000), "onnx") is normed
    with pytest.raises(ValueError, match="within the margin"):
        tiling.Tiles(core=64, margin=4, blend=8)


def test_seam_measure_sees_a_seam_and_passes_a_clean_image():
    y, x = np.mgrid[0:256, 0:256] / 256.0
    image = np.stack([np.sin(9 * x + 4 * y), np.cos(7 * y), np.sin(5 * x * y)], axis=2) * 100 + 128
    assert abs(seam_ratio(image, (256, 256), core=64, align=1, band=4) - 1) < 0.05
    drift = np.add.outer(np.arange(256) // 64 % 2, np.arange(256) // 64 % 2)[..., None] * 2.0
    assert seam_ratio(image + drift, (256, 256), core=64, align=1, band=0) > 1.05  # tiles 2 levels off


def _close(a, b, mean=0.05, worst=2):
    diff = np.abs(a.astype(int) - b.astype(int))
    assert diff.mean() < mean and diff.max() <= worst, (diff.mean(), diff.max())


def test_tiles_match_the_whole_image_for_every_tiled_network(lapstyle_id):
    """With the global statistics shared and margins past the receptive field, tiles agree with a whole
    run (the statistics come from the image itself here, as it is below STATS_SIDE)."""
    content, style = photo(150, 230), photo(200, 200, 1)
    _close(transfer.stylize(content, "arbitrary", style, tile=96), transfer.stylize(content, "arbitrary", style))
    _close(transfer.translate(content, "vintage", tile=96), transfer.translate(content, "vintage"))
    _close(transfer.restore(content, "waifu2x-photo-n2", tile=64), transfer.restore(content, "waifu2x-photo-n2"))
    big = photo(300, 420)
    whole = transfer.stylize(big, lapstyle_id, style)
    tiled = transfer.stylize(big, lapstyle_id, style, tile=128)
    assert whole.std() > 5
    _close(tiled, whole)
    size = transfer.pad_to_multiple(big, 2 ** 5, 128).shape[:2]
    assert abs(seam_ratio(tiled, size, 128, 2, band=9) - 1) < 0.05


def test_tiled_runs_report_increasing_fractions_ending_at_one(lapstyle_id):
    """Each finished tile reports the share done; LapStyle's tiled levels share the scale by their pixels."""
    fractions = []
    transfer.stylize(photo(150, 230), "arbitrary", photo(200, 200, 1), tile=96, progress=fractions.append)
    assert len(fractions) == 6 and fractions[-1] == 1.0
    assert all(0 < a < b for a, b in zip(fractions, fractions[1:]))
    fractions.clear()
    transfer.stylize(photo(600, 900), lapstyle_id, photo(200, 200, 1), tile=128, progress=fractions.append)
    assert fractions[-1] == 1.0 and all(0 < a < b for a, b in zip(fractions, fractions[1:]))
    coarse = [f for f in fractions if f <= 0.2 + 1e-9]  # the half-size level is a fifth of the pixels
    assert 0 < len(coarse) < len(fractions) and coarse[-1] == pytest.approx(0.2)
    whole = []
    transfer.stylize_preset(photo(64, 64), "multistyle26", "style-03", progress=whole.append)
    assert whole == []  # one piece: nothing to count


def test_tiles_share_statistics_instead_of_drifting():
    """Per-tile instance-norm statistics would shift each tile's colours; shared ones do not."""
    content = photo(160, 240)
    content[:, 120:] = (content[:, 120:] * 0.4).astype(np.uint8)  # a dark right half
    whole = transfer.translate(content, "vintage")
    tiled = transfer.translate(content, "vintage", tile=120)
    assert np.abs(tiled.astype(float).mean(axis=(0, 1)) - whole.astype(float).mean(axis=(0, 1))).max() < 0.5


def test_lapstyle_levels_grow_with_the_output():
    """The draft's short side stays near the 128 px it was trained at."""
    assert lapstyle_schedule.revision_levels(512, 512) == 2
    assert lapstyle_schedule.revision_levels(321, 481) == 1  # a BSDS photo: drafted at 160 x 240, not 80 x 120
    assert lapstyle_schedule.revision_levels(200, 300) == 1
    assert lapstyle_schedule.revision_levels(100, 60) == 1
    assert lapstyle_schedule.revision_levels(683, 1024) == 2
    assert lapstyle_schedule.revision_levels(1024, 768) == 3
    assert lapstyle_schedule.revision_levels(4096, 4096) == 5
    assert lapstyle_schedule.revision_levels(6000, 8000) == 6
    assert lapstyle_schedule.revision_levels(300, 4096) == 1


def test_lapstyle_levels_can_be_chosen(lapstyle_id):
    assert lapstyle_schedule.revision_levels(512, 512, wanted=1) == 1
    assert lapstyle_schedule.revision_levels(512, 512, wanted=4) == 4
    assert lapstyle_schedule.revision_levels(300, 4096, wanted=7) == 3  # lowered: the draft keeps 32 px or more
    with pytest.raises(UserError, match="between 1 and 7"):
        lapstyle_schedule.revision_levels(512, 512, wanted=0)
    content, style = photo(160, 224), photo(128, 128, 1)
    one, three = (transfer.stylize(content, lapstyle_id, style, levels=n) for n in (1, 3))
    assert one.shape == three.shape == content.shape and np.abs(one.astype(int) - three).mean() > 1


def test_cancel_stops_between_tiles():
    cancel, calls = threading.Event(), []

    def slow_network(tile):
        calls.append(tile.shape)
        cancel.set()  # the user presses Cancel while the first tile runs
        return [tile]

    image = np.zeros((1, 3, 300, 300), np.float32)
    with pytest.raises(Cancelled):
        tiling.run_tiled(slow_network, [(lambda y0, y1, x0, x1: image[..., y0:y1, x0:x1], 1)], (300, 300),
                         tiling.Tiles(core=100, margin=8, blend=4), cancel=cancel)
    assert len(calls) == 1
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        transfer.translate(photo(64, 64), "vintage", cancel=stop, tile=32)


def test_cancel_stops_a_long_run_midway():
    """On the default backend a Cancel press ends even a single long network run within a second."""
    import time

    image = photo(1024, 1024)
    transfer.translate(image[:64, :64], "vintage")  # graph exported and loaded: time the run alone
    cancel = threading.Event()
    timer = threading.Timer(0.3, cancel.set)
    start = time.perf_counter()
    timer.start()
    with pytest.raises(Cancelled):
        transfer.translate(image, "vintage", cancel=cancel)
    assert time.perf_counter() - start < 1.3  # the whole run takes several seconds on 2 cores
