"""``degrade`` against the original demo.py's per-pixel loop, side by side on the same image.

    .venv/bin/python bench/original_degrade.py [--size 2048] [--runs 5]

The original demo.py (before the port) drew one random number per pixel in a Python double loop and set the
pixel to black below ``prob``, white above ``1 - prob``, as reproduced in :func:`original_salt_and_pepper`;
then a mean blur (``cv2.blur``). Ours (``app.pipeline.degrade``) draws all numbers at once. Each runs in
its own process (its peak RSS is its own); the original loop runs once after no warm-up (it takes seconds),
ours is the median of ``--runs`` after a warm-up. Prints JSON lines like ``python -m app bench --json``.
"""
import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def original_salt_and_pepper(image, prob):
    """The original loop: one uniform draw per pixel; below prob -> 0, above 1 - prob -> 255, else kept."""
    output = np.zeros(image.shape, np.uint8)
    threshold = 1 - prob
    for i in range(image.shape[0]):
        for j in range(image.shape[1]):
            draw = random.random()
            if draw < prob:
                output[i][j] = 0
            elif draw > threshold:
                output[i][j] = 255
            else:
                output[i][j] = image[i][j]
    return output


def one(which, size, runs):
    from app.pipeline.benchmark import synthetic_image, timed
    from app.pipeline.degrade import degrade

    image = synthetic_image(size, 1)
    if which == "seed-loop":
        random.seed(1)
        work, runs = (lambda: cv2.blur(original_salt_and_pepper(image, 0.1), (20, 20))), 1
    else:
        work = lambda: degrade(image, 0.1, 20, seed=1)  # noqa: E731
        work()
    return {"model": "degrade", "size": size, "backend": which, **timed(work, runs)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2048)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one", choices=["seed-loop", "numpy"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.size, args.runs)))
        return
    rows = {}
    for which in ("numpy", "seed-loop"):
        done = subprocess.run([sys.executable, __file__, "--one", which, "--size", str(args.size), "--runs",
                               str(args.runs)], capture_output=True, text=True, check=True)
        rows[which] = json.loads(done.stdout.splitlines()[-1])
        print(json.dumps(rows[which]), flush=True)
    print(json.dumps({"speedup": round(rows["seed-loop"]["median_s"] / rows["numpy"]["median_s"], 1)}))


if __name__ == "__main__":
    main()
