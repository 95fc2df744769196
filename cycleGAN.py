"""CycleGAN from the command line: ``python cycleGAN.py translate IMAGE... --model vintage -o OUT``.

A thin wrapper over ``python -m app translate``; the networks live in models/cyclegan.py.
"""
import sys

from app.cli import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if args in ([], ["-h"], ["--help"]):
        print(__doc__.strip().replace("``", ""))
        sys.exit(0 if args else 2)
    if args[0] != "translate":
        print(f"cycleGAN.py: unknown command {args[0]!r}; use: python cycleGAN.py translate --help", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(args))
