"""Seconds per training step for every stage and size (CPU unless paddle has a GPU).

    .venv/bin/python bench/train_speed.py [--steps 3] [--only lapstyle]

Each row builds the real trainer on ../shared/data (content photos, Starry Night, Monet paintings), runs one
warm-up step and then times ``--steps`` steps. Other processes on the machine slow it: note the load.
"""
import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from team_images import DATA  # noqa: E402
from app.pipeline.training import cyclegan, lapstyle, restore  # noqa: E402
from app.pipeline.training.runner import resolve  # noqa: E402

STYLE = str(DATA / "style" / "van_gogh_the_starry_night_1889.jpg")

CASES = [  # (kind, label, options)
    ("lapstyle", "draft 128 px, batch 4", {"steps": {"draft": 9}, "batch": {"draft": 4}}),
    ("lapstyle", "draft 128 px, batch 4, no identity loss",
     {"steps": {"draft": 9}, "batch": {"draft": 4}, "weights": {"identity1": 0, "identity2": 0}}),
    ("lapstyle", "draft 128 px, batch 1", {"steps": {"draft": 9}, "batch": {"draft": 1}}),
    ("lapstyle", "revision 1 at 256 px, batch 2", {"steps": {"draft": 0, "net_rev": 9}, "batch": {"net_rev": 2}}),
    ("lapstyle", "revision 1 at 256 px, batch 1", {"steps": {"draft": 0, "net_rev": 9}, "batch": {"net_rev": 1}}),
    ("lapstyle", "revision 2 at 512 px, batch 1",
     {"steps": {"draft": 0, "net_rev": 0, "net_rev_2": 9}, "batch": {"net_rev_2": 1}}),
    ("cyclegan", "256 px, batch 1", {"size": 256, "load_size": 286, "steps": 9, "decay_steps": 0}),
    ("cyclegan", "128 px, batch 1", {"size": 128, "load_size": 143, "steps": 9, "decay_steps": 0}),
    ("restore", "SRResNet 4x (16 blocks x 32, 3x3 outer convs), 96 px crops, batch 16", {"steps": 9}),
    ("restore", "SRResNet 4x as in the paper (16 x 64, 9x9 outer convs), 96 px crops, batch 16",
     {"steps": 9, "channels": 64, "kernel": 9}),
    ("restore", "cleaner (same size, fold 2, 10 x 48), 64 px crops, batch 16",
     {"steps": 9, "scale": 1, "fold": 2, "blocks": 10, "channels": 48, "size": 64, "degraded": 1.0}),
]


def trainer_for(kind, options, run_dir):
    if kind == "lapstyle":
        return lapstyle.LapStyleTrainer(resolve(lapstyle.DEFAULTS, {"style": STYLE, "content": str(DATA / "content"),
                                                                     **options}), run_dir)
    if kind == "cyclegan":
        return cyclegan.CycleGANTrainer(resolve(cyclegan.DEFAULTS, {"domain_a": str(DATA / "content"),
                                                                     "domain_b": str(DATA / "style"), **options}),
                                        run_dir)
    return restore.RestoreTrainer(resolve(restore.DEFAULTS, {"content": str(DATA / "content"), **options}), run_dir)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=3)
    parser.add_argument("--only", help="lapstyle, cyclegan or restore")
    args = parser.parse_args(argv)
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        for kind, label, options in CASES:
            if args.only and kind != args.only:
                continue
            trainer = trainer_for(kind, options, Path(tmp))
            first = trainer.stage_start(trainer.stages[0][0])
            trainer.train_step(first)  # warm-up: builds optimizers, first allocations
            start = time.perf_counter()
            for step in range(first + 1, first + 1 + args.steps):
                trainer.train_step(step)
            seconds = (time.perf_counter() - start) / args.steps
            print(f"{kind:<9} {label:<45} {seconds:6.2f} s/step   (load {os.getloadavg()[0]:.2f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
