"""Which Tikhonov weight undoes the noise panel's blur best: RGB PSNR (dB) of the steps of
``restoration.undo_damage`` (the dot finder, ``unblur.without_dots``, ``unblur.deblur``) with each weight, on BSDS *train* photos (the held-out test photos judge the result in bench/restore_noise.py).

    .venv/bin/python bench/deblur_weight.py --model dotfinder-clean

Each photo is damaged by ``degrade`` (seed = its index) at each setting; one row per setting, one column per
weight; the best weight of a row is starred. ``restoration.deblur_weight`` takes its values from this table.
"""
import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.pipeline import transfer, unblur  # noqa: E402
from app.pipeline.degrade import degrade  # noqa: E402
from app.pipeline.imageio import read_image  # noqa: E402
from app.pipeline.training.metrics import psnr  # noqa: E402
from team_images import DATA  # noqa: E402

DAMAGE = [(0.0, 2), (0.0, 3), (0.0, 5), (0.0, 9), (0.0, 20), (0.02, 3), (0.05, 2), (0.05, 3), (0.1, 3), (0.05, 4),
          (0.05, 5), (0.1, 5), (0.1, 9), (0.1, 20)]
WEIGHTS = [0.001, 0.003, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3, 1.0]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="dotfinder-clean", help="the dot finder (default dotfinder-clean)")
    parser.add_argument("--limit", type=int, default=8, help="the first N BSDS train photos (default 8)")
    args = parser.parse_args(argv)
    photos = [read_image(p).rgb for p in sorted((DATA / "content").glob("bsds_train_*.jpg"))[:args.limit]]
    print("| noise, blur | " + " | ".join(map(str, WEIGHTS)) + " |")
    print("|---" * (len(WEIGHTS) + 1) + "|")
    for prob, blur in DAMAGE:
        scores = {weight: [] for weight in WEIGHTS}
        for i, clean in enumerate(photos):
            image = bad = degrade(clean, prob, blur, seed=i)
            if prob > 0:
                found = transfer.dot_probabilities(bad, args.model, blur)
                image = unblur.without_dots(bad, found[..., 0], found[..., 1], blur)
            for weight in WEIGHTS:
                scores[weight].append(psnr(unblur.deblur(image, blur, weight), clean))
        means = {w: float(np.mean(v)) for w, v in scores.items()}
        best = max(means, key=means.get)
        print(f"| {prob}, {blur} | " + " | ".join(f"{m:.2f}" + ("*" if w == best else "") for w, m in means.items())
              + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
