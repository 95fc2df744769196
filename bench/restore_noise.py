"""How much of the noise panel's damage each restoration undoes: PSNR (dB, RGB) against the clean photo.

    .venv/bin/python bench/restore_noise.py --limit 8 --models dotfinder-clean srresnet-clean waifu2x-photo-n3

Each held-out photo is damaged with ``degrade`` (the original demo.py) at several settings, then restored by:
nothing, ``despeckle`` alone, and for each model: the model alone, ``despeckle`` then the model, and the steps
the app's Restore takes for that damage (``restoration.restore``); a dot finder only the last (it needs the
damage). The 2x results of waifu2x are shrunk back
(INTER_AREA) to be compared with the photo.
"""
import argparse
import sys
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.pipeline import restoration, transfer, zoo  # noqa: E402
from app.pipeline.degrade import degrade, despeckle  # noqa: E402
from app.pipeline.imageio import read_image  # noqa: E402
from team_images import DATA  # noqa: E402
from app.pipeline.training.metrics import psnr  # noqa: E402

DAMAGE = [(0.05, 0), (0.1, 0), (0.05, 3), (0.1, 3), (0.0, 5), (0.1, 5), (0.1, 20), (0.0, 0)]
# (salt-and-pepper probability, mean-blur kernel); the last is a clean photo: what each restoration does to one
# that needs none ("inf": left exactly as it was)


def restorations(models: list):
    def back(rgb, like):
        return cv2.resize(rgb, like.shape[1::-1], interpolation=cv2.INTER_AREA)
    methods = {"damaged": lambda bad, prob, blur: bad, "despeckle": lambda bad, prob, blur: despeckle(bad, blur)}
    for model in models:
        if zoo.get(model).kind != "dotfinder":  # a dot finder runs only knowing the damage, as Restore does
            methods[model] = lambda bad, prob, blur, m=model: back(transfer.restore(bad, m), bad)
            methods[f"despeckle + {model}"] = \
                lambda bad, prob, blur, m=model: back(transfer.restore(despeckle(bad, blur), m), bad)
        methods[f"Restore: {model}"] = lambda bad, prob, blur, m=model: back(
            restoration.restore(bad, m, restoration.Damage(prob, blur)).image, bad)
    return methods


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=8, help="the first N held-out BSDS photos (default 8)")
    parser.add_argument("--models", nargs="+", default=["dotfinder-clean", "waifu2x-photo-n3"],
                        help="restoration models (default dotfinder-clean waifu2x-photo-n3)")
    args = parser.parse_args(argv)
    photos = [read_image(p).rgb for p in sorted((DATA / "content").glob("bsds_test_*.jpg"))[:args.limit]]
    methods = restorations(args.models)
    print("| noise, blur | " + " | ".join(methods) + " |")
    print("|---" * (len(methods) + 1) + "|")
    for prob, blur in DAMAGE:
        scores = {name: [] for name in methods}
        for i, clean in enumerate(photos):
            bad = degrade(clean, prob, blur, seed=i)
            for name, restore in methods.items():
                scores[name].append(psnr(restore(bad, prob, blur), clean))
        print(f"| {prob}, {blur} | " + " | ".join(f"{np.mean(v):.2f}" for v in scores.values()) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
