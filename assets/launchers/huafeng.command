#!/bin/sh
# Huafeng for macOS: double-click this in the Finder. The first start sets everything up
# (scripts/bootstrap.py: a virtual environment, the requirements, the default models); later starts open
# the app at once. Needs python3 (from python.org or Homebrew).
cd "$(dirname "$0")/../.." || exit 1
exec python3 scripts/bootstrap.py app "$@"
