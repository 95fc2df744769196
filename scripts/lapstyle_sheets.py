"""Large renders side by side: the arbitrary network at full size, at 640 px enlarged, and our LapStyle, each seen whole
and at 100 %, from the app's public-domain sample photos enlarged to 2048 px.

    .venv/bin/python scripts/lapstyle_sheets.py --style PAINTING.jpg [--out docs/lapstyle]

Writes NAME-PAINTING.jpg per sample photo: a row seen whole (each result shrunk to 512 px wide), then a row of the
central 384 px of each at 100 %; columns [arbitrary | arbitrary@640 | lapstyle-general].
"""
import argparse
import sys
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.pipeline import transfer  # noqa: E402
from app.pipeline.imageio import read_image, write_image  # noqa: E402
from app.pipeline.paths import SAMPLES  # noqa: E402
from app.pipeline.tensors import fit_max_side  # noqa: E402

SIDE, VIEW, CROP, GAP = 2048, 512, 384, 6
PHOTOS = ("chelsea", "astronaut")


def renders(photo: np.ndarray, style: np.ndarray) -> list:
    """[arbitrary at full size, arbitrary at 640 px enlarged back, lapstyle-general], all of ``photo``'s size."""
    small = transfer.stylize(fit_max_side(photo, 640), "arbitrary", style)
    enlarged = cv2.resize(small, photo.shape[1::-1], interpolation=cv2.INTER_CUBIC)
    return [transfer.stylize(photo, "arbitrary", style), enlarged, transfer.stylize(photo, "lapstyle-general", style)]


def sheet(results: list) -> np.ndarray:
    """Seen whole above, the centre at 100 % below, GAP px apart."""
    wholes = [cv2.resize(r, (VIEW, round(r.shape[0] * VIEW / r.shape[1])), interpolation=cv2.INTER_AREA)
              for r in results]
    top, left = (results[0].shape[0] - CROP) // 2, (results[0].shape[1] - CROP) // 2
    crops = [np.pad(r[top:top + CROP, left:left + CROP], ((0, 0), (0, VIEW - CROP), (0, 0)), constant_values=255)
             for r in results]

    def row(cells):
        gap = np.full((cells[0].shape[0], GAP, 3), 255, np.uint8)
        return np.concatenate([part for cell in cells for part in (cell, gap)][:-1], axis=1)

    whole, detail = row(wholes), row(crops)
    return np.concatenate([whole, np.full((GAP, whole.shape[1], 3), 255, np.uint8), detail])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--style", required=True, help="the painting (not copied into the sheet)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "lapstyle")
    args = parser.parse_args(argv)
    style = read_image(args.style).rgb
    args.out.mkdir(parents=True, exist_ok=True)
    for name in PHOTOS:
        photo = read_image(SAMPLES / f"{name}.jpg").rgb
        scale = SIDE / max(photo.shape[:2])
        photo = cv2.resize(photo, (round(photo.shape[1] * scale), round(photo.shape[0] * scale)),
                           interpolation=cv2.INTER_CUBIC)
        out = args.out / f"{name}-{Path(args.style).stem}.jpg"
        write_image(out, sheet(renders(photo, style)), quality=90)
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
