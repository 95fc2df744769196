"""Large images: time, peak RSS and the seam measure for tiled LapStyle, CycleGAN and the arbitrary network.

    .venv/bin/python bench/large_images.py [--sizes 4096x4096 8000x6000] [--models ...] [--out DIR]

The content is a mosaic of the image kit's photos at their own resolution (real detail at 100 % zoom,
nothing upsampled); the style is Starry Night. Each model x size runs in its own process (its peak RSS
is its own) on the default backend. The seam measure is :func:`seams.seam_ratio` on the
finest tiled level: mean step across tile borders (the blended band) over the mean step near them; within
5 % of 1 means the borders do not stand out. A 1024x1024 crop around an inner tile corner is written to
``--out`` for a look at 100 %.
"""
import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from seams import seam_ratio  # noqa: E402
from team_images import DATA  # noqa: E402


def mosaic(height, width):
    """The kit's photos side by side at their own size (odd columns mirrored, so side edges meet smoothly)."""
    from app.pipeline.imageio import read_image

    photos = [read_image(p).rgb for p in sorted((DATA / "content").glob("*.jpg"))]
    photos = [p for p in photos if p.shape[:2] == (321, 481)]
    rows = []
    for r in range(-(-height // 321)):
        cells = [photos[(r * 17 + c) % len(photos)] for c in range(-(-width // 481))]
        cells = [cell[:, ::-1] if c % 2 else cell for c, cell in enumerate(cells)]
        rows.append(np.concatenate(cells, axis=1))
    return np.ascontiguousarray(np.concatenate(rows, axis=0)[:height, :width])


def seam_layout(model_id, height, width):
    """(grid size, core, align, scale, band) of the finest tiled level, as transfer tiles it."""
    from app.pipeline import lapstyle_schedule, networks, transfer, zoo
    from app.pipeline.tensors import pad_to_multiple

    kind = zoo.get(model_id).kind
    tiles = transfer.TILES[kind]
    if kind == "lapstyle":
        levels = lapstyle_schedule.revision_levels(height, width, len(networks.network(model_id).revision_nets()))
        size = pad_to_multiple(np.zeros((height, width, 1), np.uint8), 2 ** (levels + 3),
                               lapstyle_schedule.DRAFT_MIN * 2 ** levels).shape[:2]
        return size, tiles.core, 2, tiles.blend + 1
    multiple = 4
    size = pad_to_multiple(np.zeros((height, width, 1), np.uint8), multiple).shape[:2]
    return size, tiles.core, multiple, tiles.blend + 1


def one(model_id, height, width, out_dir):
    from app.pipeline import tiling, transfer, zoo
    from app.pipeline.imageio import read_image, write_image

    content = mosaic(height, width)
    style = read_image(DATA / "style" / "van_gogh_the_starry_night_1889.jpg").rgb
    start = time.perf_counter()
    if zoo.get(model_id).task == "translate":
        out = transfer.translate(content, model_id)
    else:
        out = transfer.stylize(content, model_id, style)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the run's peak, before measuring it
    size, core, align, band = seam_layout(model_id, height, width)
    seams = seam_ratio(out, size, core, align, band=band)
    first_y, first_x = tiling.spans(size[0], core, align)[0][1], tiling.spans(size[1], core, align)[0][1]
    crop = out[max(0, first_y - 512):first_y + 512, max(0, first_x - 512):first_x + 512]
    out_dir.mkdir(parents=True, exist_ok=True)
    write_image(out_dir / f"{model_id}-{width}x{height}-corner.png", crop, None)
    write_image(out_dir / f"{model_id}-{width}x{height}-content-corner.png",
                content[max(0, first_y - 512):first_y + 512, max(0, first_x - 512):first_x + 512], None)
    return {"model": model_id, "size": f"{width}x{height}", "seconds": round(seconds, 2),
            "peak_rss_mb": round(peak),
            "seam_ratio": round(seams, 4), "shape_kept": out.shape == content.shape}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["4096x4096", "8000x6000"])
    parser.add_argument("--models", nargs="+", default=["lapstyle-random", "vintage", "arbitrary"])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "huafeng-bench")
    parser.add_argument("--one", nargs=3, metavar=("MODEL", "WIDTH", "HEIGHT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        model_id, width, height = args.one
        print(json.dumps(one(model_id, int(height), int(width), args.out)))
        return
    import os

    import random_lapstyle

    for model_id in args.models:
        env = dict(os.environ)
        if model_id == random_lapstyle.MODEL:
            env["HUAFENG_WEIGHTS"] = str(random_lapstyle.weights_folder())
        for size in args.sizes:
            width, height = size.split("x")
            done = subprocess.run([sys.executable, __file__, "--one", model_id, width, height, "--out", str(args.out)],
                                  capture_output=True, text=True, env=env)
            lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
            print(lines[-1] if lines else json.dumps({"model": model_id, "size": size,
                                                      "error": done.stderr.strip().splitlines()[-1:]}), flush=True)


if __name__ == "__main__":
    main()
