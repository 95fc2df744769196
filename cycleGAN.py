"""CycleGAN from the command line: ``python cycleGAN.py translate IMAGE... --model vintage -o OUT``.

A thin wrapper over ``python -m app translate``; the networks live in models/cyclegan.py.
"""
import sys

from app.cli import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] not in ("translate",):
        print(__doc__.strip())
        sys.exit(2)
    sys.exit(main(args))
