"""The original noise tool: salt-and-pepper noise, then a mean blur, over a folder (same file names).

    python demo.py IN_DIR OUT_DIR --prob 0.1 --blur 20 [--seed S]

A thin wrapper over ``python -m app degrade``.
"""
import argparse
import sys

from app.cli import main
from app.pipeline.degrade import MAX_BLUR

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("in_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--prob", type=float, default=0.1, help="salt-and-pepper probability (default 0.1)")
    parser.add_argument("--blur", type=int, default=20, help="mean-blur kernel size (default 20)")
    parser.add_argument("--seed", type=int)
    args = parser.parse_args()
    if not 0.0 <= args.prob <= 0.5 or not 0 <= args.blur <= MAX_BLUR:
        parser.error(f"--prob must be between 0 and 0.5 and --blur from 0 to {MAX_BLUR}")
    seed = [] if args.seed is None else ["--seed", str(args.seed)]
    sys.exit(main(["degrade", args.in_dir, "-o", args.out_dir, "--sp-prob", str(args.prob),
                   "--blur", str(args.blur), *seed]))
