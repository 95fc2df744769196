"""Restoration speed and memory: x4 beside waifu2x 2x applied twice, and a 2048x2048 photo's damage undone.

    .venv/bin/python bench/restore_speed.py [--x4 srresnet-x4] [--clean dotfinder-clean] [--repeat 5]

x4: a 512x512 crop of a held-out BSDS photo (mirrored to size), enlarged 4x by the model and by waifu2x photo
2x twice, alternating, on the default backend; median of ``--repeat`` runs after one warm-up each.
Clean: a 2048x2048 photo damaged by ``degrade`` (noise 0.05, blur 3) and restored by Restore with the cleaning
model, in a process of its own (its peak RSS is its own), tiled as the app tiles it; the seam measure is the
largest difference between the tiled result and the same model run on the whole image at once.
"""
import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from team_images import DATA  # noqa: E402


def photo(side: int) -> np.ndarray:
    """A held-out BSDS photo mirrored out to ``side`` x ``side`` (real detail everywhere)."""
    from app.pipeline.imageio import read_image

    rgb = read_image(sorted((DATA / "content").glob("bsds_test_*.jpg"))[0]).rgb
    while min(rgb.shape[:2]) < side:
        rgb = np.concatenate([rgb, rgb[::-1]], axis=0)
        rgb = np.concatenate([rgb, rgb[:, ::-1]], axis=1)
    return np.ascontiguousarray(rgb[:side, :side])


def x4(model_id: str, repeat: int) -> dict:
    from app.pipeline import transfer

    low = photo(512)
    runs = {model_id: lambda: transfer.restore(low, model_id),
            "waifu2x-photo-x2 twice": lambda: transfer.restore(transfer.restore(low, "waifu2x-photo-x2"),
                                                               "waifu2x-photo-x2")}
    times = {name: [] for name in runs}
    for run in runs.values():
        run()  # warm-up: graph export and session
    for _ in range(repeat):
        for name, run in runs.items():
            began = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - began)
    return {name: float(np.median(values)) for name, values in times.items()}


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it does not carry over the parent's peak
    through fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def clean(model_id: str) -> dict:
    """In this process: Restore a damaged 2048x2048 photo (its model tiled), then whole; time, peak RSS, seam
    measure."""
    from app.pipeline import restoration
    from app.pipeline.degrade import degrade

    bad, damage = degrade(photo(2048), 0.05, 3, seed=0), restoration.Damage(0.05, 3)
    began = time.perf_counter()
    tiled = restoration.restore(bad, model_id, damage).image
    seconds = time.perf_counter() - began
    peak = peak_rss_mb()
    whole = restoration.restore(bad, model_id, damage, tile=4096).image
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(peak),
            "max_difference_tiled_vs_whole": int(np.abs(tiled.astype(int) - whole).max())}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--x4", default="srresnet-x4")
    parser.add_argument("--clean", default="dotfinder-clean")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--clean-only", action="store_true", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    if args.clean_only:
        print(json.dumps(clean(args.clean)))
        return 0
    speed = x4(args.x4, args.repeat)
    print(f"| x4 of 512x512 | median s (of {args.repeat}) |\n|---|---|")
    for name, seconds in speed.items():
        print(f"| {name} | {seconds:.2f} |")
    print(f"ratio: {speed[args.x4] / speed['waifu2x-photo-x2 twice']:.2f}")
    child = subprocess.run([sys.executable, __file__, "--clean-only", "--clean", args.clean], capture_output=True,
                           text=True, check=True)
    print("2048x2048, noise 0.05, blur 3:", child.stdout.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
