"""Does the fine-tune dialog's preset ("quick", or ``--preset``) pay on a painting the general model never saw?

    .venv/bin/python bench/finetune_heldout.py --work ../runs/heldout --hold gauguin_te_fare_la_maison_1892.jpg \
        klee_clouds_over_bor_1940.jpg degas_the_dance_foyer_at_the_opera_1872.jpg toulouse_lautrec_in_bed_1893.jpg

A user's painting is not one of the paintings ``lapstyle-general`` trained on. This trains the general model's
recipe (``scripts/presets.py`` GENERAL) on the paintings of ../shared/data/style less the held-out ones, runs the
fine-tune dialog's preset (``finetune``, on the sample photos it offers) from it on each held-out painting, and
judges both on the first ``--limit`` large photos at their size (``bench/quality.py --large``): the general model
given the painting, then its fine-tune. Everything lives in ``--work`` and resumes: the runs, a weights folder of
its own (the repository's ``weights/`` less ``lapstyle-general``, which the held-out run replaces), the judged
crops and, per painting, ``sheet-PRESET-PAINTING.png``: the painting and the first photo painted by each model, whole,
above the photo and each result at 100 %. Separate processes can take the held-out paintings in turn (``--judge``;
each fine-tune holds its own run's lock).
"""
import argparse
import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from app.pipeline.atomic import atomic_path  # noqa: E402
from app.pipeline.imageio import read_image, write_image  # noqa: E402
from app.pipeline.jobs import expand_inputs  # noqa: E402
from app.pipeline.paths import SAMPLES  # noqa: E402  (the photos the fine-tune dialog offers)
from bench.quality import center_crop, evaluate_large, fit_tile, stylize  # noqa: E402
from bench.team_images import DATA  # noqa: E402
from presets import GENERAL, training_photos  # noqa: E402

CELL = (640, 400)  # a sheet's cells (width, height): each picture whole, and its middle at 100 %


def weights_folder(work: Path) -> Path:
    """``work/weights``: the repository's models less ``lapstyle-general`` (made the app's weights folder)."""
    folder = work / "weights"
    folder.mkdir(parents=True, exist_ok=True)
    for path in (REPO / "weights").iterdir():
        if not path.name.startswith("lapstyle-general.") and not (folder / path.name).exists():
            shutil.copyfile(path, folder / path.name)
    os.environ["HUAFENG_WEIGHTS"] = str(folder)
    return folder


def train_general(work: Path, weights: Path, held: list) -> str:
    """The general model's recipe on every painting but ``held``, installed into ``weights``."""
    from app.pipeline.training import train

    run = work / "general"
    if not (weights / "lapstyle-general.safetensors").exists():
        paintings = work / "paintings"
        paintings.mkdir(exist_ok=True)
        for painting in sorted((DATA / "style").glob("*.jpg")):
            if painting.name not in held and not (paintings / painting.name).exists():
                (paintings / painting.name).symlink_to(painting)
        options = {**GENERAL, "content": str(training_photos(work)), "style": str(paintings)}
        resume = (run / "settings.json").exists()
        for event in train("lapstyle", {} if resume else options, run, resume=resume):
            if event.step % 20 == 0:
                print(f"general model, {len(held)} held out: step {event.step}/{event.total}", flush=True)
    return "lapstyle-general"


def train_preset(work: Path, painting: Path, preset: str) -> str:
    """The dialog's fine-tune ``preset`` from the work folder's general model; the model's id."""
    from app.pipeline.training.finetune import finetune

    run = work / f"{preset}-{painting.stem}"
    if not list(run.glob("lapstyle-*.json")):  # the run exports its model (and installs it) when it ends
        resume = (run / "settings.json").exists()
        for event in finetune(painting, SAMPLES, run, preset, resume=resume):
            if event.step % 20 == 0:
                print(f"{preset} {painting.stem}: step {event.step}/{event.total}", flush=True)
    return json.loads(next(run.glob("lapstyle-*.json")).read_text())["id"]


def judge(work: Path, model: str, painting: Path, photos: list) -> dict:
    """``bench/quality.py --large`` of ``model`` with ``painting`` on ``photos`` (cached in the work folder)."""
    out = work / "judged" / painting.stem / model
    summary = out / "summary.json"
    if not summary.exists():
        out.mkdir(parents=True, exist_ok=True)
        result = evaluate_large(model, photos, [painting], 0, out)[1]
        with atomic_path(summary) as tmp:  # an interrupted run judges again, never reads half a file
            tmp.write_text(json.dumps(result, indent=1))
    return json.loads(summary.read_text())


def sheet(models: list, painting: Path, photo: Path) -> np.ndarray:
    """Above: the painting, then the photo painted by each model, whole; below: the photo and each result at
    100 % (their central CELL)."""
    content, style = read_image(photo).rgb, read_image(painting).rgb
    results = [stylize(model, content, style) for model in models]
    return np.concatenate([np.concatenate([fit_tile(image, *CELL) for image in [style] + results], axis=1),
                           np.concatenate([center_crop(image, *CELL) for image in [content] + results], axis=1)])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hold", nargs="+", required=True, help="paintings of ../shared/data/style to hold out")
    parser.add_argument("--work", required=True, type=Path, help="folder for the runs, models and judged crops")
    parser.add_argument("--judge", nargs="*", help="judge only these of the held-out paintings (default: all)")
    parser.add_argument("--limit", type=int, default=2, help="large photos to judge on")
    parser.add_argument("--preset", default="quick", help="the fine-tune preset (default: quick)")
    args = parser.parse_args(argv)
    missing = [name for name in args.hold if not (DATA / "style" / name).is_file()]
    if missing:
        parser.error(f"not in {DATA / 'style'}: {', '.join(missing)}")
    args.work.mkdir(parents=True, exist_ok=True)
    general = train_general(args.work, weights_folder(args.work), args.hold)
    photos = expand_inputs([str(DATA / "large")])[: args.limit]
    print(f"| painting | general: (b) · (b) at 100 % · consistency | {args.preset} | gain |\n|---|---|---|---|")
    for name in args.judge or args.hold:
        painting = DATA / "style" / name
        models = [general, train_preset(args.work, painting, args.preset)]
        rows = [judge(args.work, model, painting, photos) for model in models]
        keys = ("style_b", "style_b_100", "consistency")
        cells = [" · ".join(f"{row[key]:.3f}" for key in keys) for row in rows]
        gain = " · ".join(f"{rows[1][key] - rows[0][key]:+.3f}" for key in keys)
        print(f"| {painting.stem} | {cells[0]} | {cells[1]} | {gain} |", flush=True)
        picture = args.work / f"sheet-{args.preset}-{painting.stem}.png"
        if not picture.exists():
            write_image(picture, sheet(models, painting, photos[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
