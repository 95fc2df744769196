"""Huafeng (画风) desktop app: ``python ui.py [IMAGES...]``."""
import sys

from app.gui.launch import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
