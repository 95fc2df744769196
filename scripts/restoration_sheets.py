"""Before | after sheets at 100 % for the restoration models, from the app's public-domain sample photos.

    .venv/bin/python scripts/restoration_sheets.py [--out docs/restoration]

clean-NOISE-BLUR.png: per photo, a 256 px crop of [damaged by degrade | Restore's result | the photo].
x4.png: per photo, a 256 px crop of [bicubic 4x | srresnet-x4 | the photo], the input being the photo shrunk 4x.
"""
import argparse
import sys
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.pipeline import restoration, transfer  # noqa: E402
from app.pipeline.degrade import degrade  # noqa: E402
from app.pipeline.imageio import read_image, write_image  # noqa: E402
from app.pipeline.paths import SAMPLES  # noqa: E402
from app.pipeline.training.restore import shrink  # noqa: E402

CROPS = {"chelsea": (40, 120), "astronaut": (30, 170), "coffee": (60, 250)}  # (top, left) of a detailed part
SIDE, GAP = 256, 4


def crop(rgb, name):
    top, left = CROPS[name]
    return rgb[top:top + SIDE, left:left + SIDE]


def row(images):
    gap = np.full((SIDE, GAP, 3), 255, np.uint8)
    cells = [cells for image in images for cells in (image, gap)][:-1]
    return np.concatenate(cells, axis=1)


def sheet(rows):
    gap = np.full((GAP, rows[0].shape[1], 3), 255, np.uint8)
    return np.concatenate([cells for r in rows for cells in (r, gap)][:-1], axis=0)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "restoration")
    parser.add_argument("--clean", default="dotfinder-clean")
    parser.add_argument("--x4", default="srresnet-x4")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    photos = {name: read_image(SAMPLES / f"{name}.jpg").rgb for name in CROPS}
    for noise, blur in ((0.05, 3), (0.1, 5)):
        rows = []
        for i, (name, photo) in enumerate(photos.items()):
            bad = degrade(photo, noise, blur, seed=i)
            fixed = restoration.restore(bad, args.clean, restoration.Damage(noise, blur)).image
            rows.append(row([crop(bad, name), crop(fixed, name), crop(photo, name)]))
        write_image(args.out / f"clean-{noise}-{blur}.png", sheet(rows))
    rows = []
    for name, photo in photos.items():
        photo = photo[: photo.shape[0] // 4 * 4, : photo.shape[1] // 4 * 4]
        low = shrink(photo, 4)
        bicubic = cv2.resize(low, photo.shape[1::-1], interpolation=cv2.INTER_CUBIC)
        rows.append(row([crop(bicubic, name), crop(transfer.restore(low, args.x4), name), crop(photo, name)]))
    write_image(args.out / "x4.png", sheet(rows))
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
