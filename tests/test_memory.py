"""The memory guard: a pure estimate per model kind, and a refusal that names a size that fits."""
import re

import pytest

from app.pipeline import memory, transfer
from app.pipeline.errors import UserError

GB = 2 ** 30


def test_the_estimate_grows_with_the_pixels_for_every_kind_that_runs():
    for kind in transfer.TILES:  # every network kind the pipeline runs has a measured figure
        small, large = memory.estimate(kind, (100, 50)), memory.estimate(kind, (200, 100))
        assert 0 < small and large == 4 * small
    per_pixel = memory.BYTES_PER_PIXEL["cyclegan"] + memory.STREAMED
    assert memory.estimate("cyclegan", (1024, 1024)) == 1024 * 1024 * per_pixel
    assert memory.estimate("no-such-kind", (1024, 1024)) is None


def test_tiled_sizes_need_one_tile_at_a_time_not_the_whole_image_at_once():
    """8000x6000 ran within 2.7 GB for every kind (docs/PERFORMANCE.md): a 16 GB laptop must not be refused it."""
    for kind in ("arbitrary", "cyclegan", "lapstyle"):
        assert memory.estimate(kind, (8000, 6000)) < 8 * GB
        memory.check(kind, (8000, 6000), kind, available=12 * GB)


def test_the_check_refuses_what_would_not_fit_and_names_a_size_that_does():
    with pytest.raises(UserError, match=r"^6000x4000 is too large for vintage on this computer: it needs about "
                                        r"4\.7 GB of memory and 4\.0 GB are free") as error:
        memory.check("cyclegan", (6000, 4000), "vintage", available=4 * GB)
    fits = int(re.search(r"at most (\d+) px on its longer side$", str(error.value)).group(1))
    assert fits % memory.ROUND_TO == 0 and 64 <= fits < 6000
    memory.check("cyclegan", (fits, fits * 2 // 3), "vintage", available=4 * GB)  # the named size passes
    with pytest.raises(UserError):
        memory.check("cyclegan", (fits + memory.ROUND_TO * 2, fits), "vintage", available=4 * GB)
    memory.check("no-such-kind", (60000, 40000), "x", available=GB)  # not measured: not refused
    assert memory.free_memory() is None or memory.free_memory() > 0
