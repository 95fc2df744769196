"""Make the pictures the app ships, from public-domain and CC0 photos that scikit-image carries.

    .venv/bin/python scripts/make_thumbnails.py

* assets/thumbnails/style-NN.jpg: a square crop of the cat photo (Chelsea, CC0) painted with each of the 26
  built-in styles through the pipeline, for the style gallery: close enough to show each style's strokes and
  texture, with the cat's face to show what it does to a subject (about 10-15 KB each);
* assets/icons/huafeng-N.png: the app icon drawn from assets/icons/huafeng.svg (with QtSvg);
* assets/samples/*.jpg: a few sample photos (the default content folder of the fine-tune dialog, and
  something to try the app on), listed with their sources in assets/samples/SOURCES.md.

scikit-image is a development dependency only: the outputs are committed and the app never imports it.
"""
import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

THUMB_SIDE = 160
STYLIZE_SIDE = 360  # the cat photo's longer side when painted: the strokes at about the scale a photo gets them
CROP = (0.22, 0.0, 0.887, 1.0)  # the square around the cat's face (left, top, right, bottom, in fractions)
THUMB_QUALITY = 85
SAMPLES = {  # skimage.data name -> (file name, credit and licence as skimage documents them)
    "astronaut": ("astronaut.jpg", "Eileen Collins, NASA Great Images database; public domain"),
    "coffee": ("coffee.jpg", "Coffee cup, Rachel Michetti (courtesy of Pikolo Espresso Bar); CC0"),
    "chelsea": ("chelsea.jpg", "Chelsea the cat, Stefan van der Walt; CC0"),
    "rocket": ("rocket.jpg", "DSCOVR launch on Falcon 9, SpaceX; released into the public domain"),
}


def thumbnails(cat: np.ndarray, folder: Path) -> None:
    import models  # noqa: F401  (paddle threads)
    from app.pipeline import transfer
    from app.pipeline.tensors import resize_long_side

    folder.mkdir(parents=True, exist_ok=True)
    photo = resize_long_side(cat, STYLIZE_SIDE)
    for name in transfer.presets():
        painted = Image.fromarray(transfer.stylize_preset(photo, "multistyle26", name))
        w, h = painted.size
        box = (round(CROP[0] * w), round(CROP[1] * h), round(CROP[2] * w), round(CROP[3] * h))
        painted.crop(box).resize((THUMB_SIDE, THUMB_SIDE), Image.LANCZOS).save(
            folder / f"{name}.jpg", quality=THUMB_QUALITY, optimize=True)
        print(folder / f"{name}.jpg")


def samples(folder: Path) -> None:
    import skimage.data

    folder.mkdir(parents=True, exist_ok=True)
    lines = ["# Sample photos", "", "Shipped with Huafeng: the fine-tune dialog's default content folder and "
             "photos to try the app on. Taken from scikit-image's bundled data (`skimage.data`), whose "
             "documentation gives these sources and licences:", ""]
    for key, (file_name, credit) in SAMPLES.items():
        Image.fromarray(getattr(skimage.data, key)()).save(folder / file_name, quality=90, optimize=True)
        lines.append(f"- `{file_name}` (`skimage.data.{key}`): {credit}")
        print(folder / file_name)
    (folder / "SOURCES.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def icons(svg: Path, sizes=(48, 128, 256)) -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PyQt5.QtCore import Qt
    from PyQt5.QtGui import QImage, QPainter
    from PyQt5.QtSvg import QSvgRenderer
    from PyQt5.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # noqa: F841  (QSvgRenderer needs an application)
    renderer = QSvgRenderer(str(svg))
    for side in sizes:
        image = QImage(side, side, QImage.Format_ARGB32)
        image.fill(Qt.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(svg.with_name(f"huafeng-{side}.png")))
        print(svg.with_name(f"huafeng-{side}.png"))


def main() -> None:
    import skimage.data

    icons(REPO / "assets" / "icons" / "huafeng.svg")
    samples(REPO / "assets" / "samples")
    thumbnails(skimage.data.chelsea(), REPO / "assets" / "thumbnails")


if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " ")).parse_args()  # --help
    main()
