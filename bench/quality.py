"""Quality harness: stylize every (content, style) pair with one or more models and judge the results.

    .venv/bin/python bench/quality.py --model arbitrary --content ../shared/data/content --style STYLE.jpg \
        --limit 10 --max-side 512 --out bench/out/arbitrary
    .venv/bin/python bench/quality.py --model arbitrary arbitrary@256 lapstyle-general --judges \
        --content ../shared/data/content --limit 8 --style ../shared/data/style --out bench/out/judges
    .venv/bin/python bench/quality.py --large --model arbitrary arbitrary@640 --content ../shared/data/large \
        --style ../shared/data/style/van_gogh_the_starry_night_1889.jpg --out bench/out/large

Per pair and on average it reports style fidelity (cosine similarity between the 100-d style embeddings
that the arbitrary network's style predictor gives the result and the style image), content fidelity
(SSIM between the Sobel edge maps of the grayscale content and result) and seconds per image. It
writes ``pairs.csv``, ``summary.json`` and ``contact_sheet.png`` (content | style | result rows for a
sample of pairs) to ``--out``. A LapStyle preset paints with the style it carries and is judged against
the painting given with ``--style`` (the one it learnt). ``--baseline`` adds a row for the unstyled content,
the floor any model should beat on style fidelity.

``--judges`` reports the judges of issue 17 (bench/judges.py) under their names: style_a (the style fidelity
above), style_b (the result's colour and texture statistics against the painting's: 1 = the painting's, 0 = the
photo's), content (the content fidelity above) and seconds. A model ``ID@SIDE`` stylizes the content shrunk to SIDE
px on its long side and enlarges the result back to the content's size (cv2 INTER_CUBIC). Several ``--model``
values are judged on the same pairs, one summary row each: ``pairs.csv`` then has a row per model and pair,
``summary.json`` is a list of summaries and each model has its ``contact_sheet-MODEL.png``.

``--large`` judges large outputs (the contents at their own size unless ``--max-side``): per pair style_b of the
result seen whole, style_b_100 of its central 1024x1024 crop at 100 % (against the photo's), sharpness at 100 %
against the photo, consistency with the preview the app shows for the same settings (448 px), and seconds; it
writes those crops of each result and photo instead of a contact sheet.
"""
import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

import cv2
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.pipeline import networks, transfer, zoo  # noqa: E402
from app.pipeline.atomic import atomic_path  # noqa: E402
from app.pipeline.imageio import read_image, write_image  # noqa: E402
from app.pipeline.jobs import expand_inputs  # noqa: E402
from app.pipeline.recipe import Recipe, render_preview  # noqa: E402
from app.pipeline.tensors import fit_max_side  # noqa: E402
from app.pipeline.training.metrics import content_fidelity, cosine, style_embedding  # noqa: E402
from bench.judges import PREVIEW_VIEW, consistency, sharpness, style_b  # noqa: E402

THUMB = 192
CROP = 1024  # the side of the crops --large writes
LEGACY = {"photo": "content", "painting": "style", "style_a": "style_fidelity", "content": "content_fidelity"}


def fit_tile(rgb: np.ndarray, width: int = THUMB, height: int = THUMB) -> np.ndarray:
    """Fit into a ``width`` x ``height`` tile on a dark background."""
    h, w = rgb.shape[:2]
    scale = min(width / w, height / h)
    small = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    tile = np.full((height, width, 3), 32, np.uint8)
    top, left = (height - small.shape[0]) // 2, (width - small.shape[1]) // 2
    tile[top:top + small.shape[0], left:left + small.shape[1]] = small
    return tile


def contact_sheet(rows: list) -> np.ndarray:
    """Rows of tiles, e.g. (content, style, result), 4 px apart."""
    gap, columns = 4, len(rows[0]) if rows else 3
    sheet = np.full((len(rows) * (THUMB + gap) + gap, columns * (THUMB + gap) + gap, 3), 255, np.uint8)
    for r, images in enumerate(rows):
        for c, image in enumerate(images):
            y, x = gap + r * (THUMB + gap), gap + c * (THUMB + gap)
            sheet[y:y + THUMB, x:x + THUMB] = fit_tile(image)
    return sheet


def parse_model(spec: str) -> tuple:
    """'ID' -> (ID, None); 'ID@SIDE' -> (ID, SIDE)."""
    model_id, at, side = spec.rpartition("@")
    return (model_id, int(side)) if at and side.isdigit() else (spec, None)


def stylize(model_id: str, content: np.ndarray, style: np.ndarray, side: int = None) -> np.ndarray:
    """The model's result for ``content`` after ``style`` (or its own style, for a LapStyle preset); with ``side``,
    of the content shrunk to ``side`` px on its long side, enlarged back to the content's size (INTER_CUBIC)."""
    small = fit_max_side(content, side)
    if zoo.get(model_id).own_style:
        out = transfer.stylize_preset(small, model_id)
    else:
        out = transfer.stylize(small, model_id, style)
    return out if out.shape == content.shape else cv2.resize(out, content.shape[1::-1], interpolation=cv2.INTER_CUBIC)


def summarize(label: str, rows: list) -> dict:
    """The model's label, the number of pairs and the mean of each measure."""
    keys = [key for key, value in rows[0].items() if isinstance(value, float)]
    return {"model": label, "pairs": len(rows), **{key: float(np.mean([r[key] for r in rows])) for key in keys}}


def evaluate(model: str, contents: list, styles: list, max_side: int = 512, sample: int = 8, baseline=False,
             show_style=True, judges=False):
    """Measure every pair with ``model`` (an id, a .safetensors path, or either @SIDE); returns (rows, summary,
    contact sheet). Without ``show_style`` the sheet's rows are content | result (for sheets that are published:
    the painting stays where it came from). With ``judges`` the measures are style_a, style_b, content and seconds;
    without, style_fidelity, content_fidelity and seconds, and the files are named in columns content and style."""
    model_id, side = parse_model(model)
    networks.network(model_id)  # load once so the first pair's time is the network's, not the loading's
    style_images = {path: read_image(path).rgb for path in styles}
    style_vectors = {path: style_embedding(rgb) for path, rgb in style_images.items()}
    label = "content (no stylization)" if baseline else model
    rows, sheet_rows = [], []
    for content_path in contents:
        content = fit_max_side(read_image(content_path).rgb, max_side)
        for style_path, style in style_images.items():
            start = time.perf_counter()
            result = content if baseline else stylize(model_id, content, style, side)
            seconds = time.perf_counter() - start
            row = {"model": label, "photo": content_path.name, "painting": style_path.name,
                   "style_a": cosine(style_embedding(result), style_vectors[style_path])}
            if judges:
                row["style_b"] = style_b(result, style, content)
            row.update(content=content_fidelity(content, result), seconds=seconds)
            rows.append(row if judges else {LEGACY.get(key, key): value for key, value in row.items()})
            if len(sheet_rows) < sample:
                sheet_rows.append((content, style, result) if show_style else (content, result))
    return rows, summarize(label, rows), contact_sheet(sheet_rows)


def center_crop(rgb: np.ndarray, side: int = CROP, height: int = None) -> np.ndarray:
    """The central ``side`` x ``side`` crop, or ``side`` wide and ``height`` high (less where the image is
    smaller)."""
    height = height or side
    top, left = max(0, (rgb.shape[0] - height) // 2), max(0, (rgb.shape[1] - side) // 2)
    return rgb[top:top + height, left:left + side]


def file_label(model: str) -> str:
    """A model spec as part of a file name."""
    return re.sub(r"[^\w@.-]+", "_", model).strip("_")


def evaluate_large(model: str, contents: list, styles: list, max_side: int, out: Path):
    """Judge ``model``'s large outputs: per pair style_b seen whole and of the central CROP x CROP at 100 %,
    sharpness at 100 %, consistency with the app's preview of the same settings (``recipe.render_preview`` at
    PREVIEW_VIEW), and seconds; writes that crop of each result and photo to ``out``. Returns (rows, summary)."""
    model_id, side = parse_model(model)
    networks.network(model_id)
    style_images = {path: read_image(path).rgb for path in styles}
    rows = []
    for content_path in contents:
        content = fit_max_side(read_image(content_path).rgb, max_side)
        photo_crop = center_crop(content)
        write_image(out / f"photo-{content_path.stem}.png", photo_crop)
        for style_path, style in style_images.items():
            recipe = Recipe(zoo.get(model_id), None if zoo.get(model_id).own_style else style)
            preview = render_preview(content, recipe, PREVIEW_VIEW)[1]  # what the app previews
            start = time.perf_counter()
            result = stylize(model_id, content, style, side)
            seconds = time.perf_counter() - start
            crop = center_crop(result)
            write_image(out / f"{file_label(model)}-{content_path.stem}-{style_path.stem}.png", crop)
            rows.append({"model": model, "photo": content_path.name, "painting": style_path.name,
                         "style_b": style_b(result, style, content), "style_b_100": style_b(crop, style, photo_crop),
                         "sharpness": sharpness(result, content),
                         "consistency": consistency(result, preview, content), "seconds": seconds})
    return rows, summarize(model, rows)


def _cell(key: str, value) -> str:
    if isinstance(value, str):
        return value[:40]
    if isinstance(value, int):
        return str(value)
    return f"{value:.2f}" if key == "seconds" else f"{value:.3f}"


def table(records: list) -> str:
    """Dicts with the same keys as a text table: a header line, then a line each."""
    keys = list(records[0])
    cells = [keys] + [[_cell(key, record[key]) for key in keys] for record in records]
    widths = [max(len(line[i]) for line in cells) for i in range(len(keys))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in cells)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", nargs="+", required=True,
                        help="style model ids or trained .safetensors paths, each optionally @SIDE")
    parser.add_argument("--content", nargs="+", required=True, help="content images or folders")
    parser.add_argument("--style", nargs="+", required=True, help="style images or folders")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N content images")
    parser.add_argument("--max-side", type=int, help="shrink contents to this longer side (default 512; --large: "
                                                     "their own size)")
    parser.add_argument("--sample", type=int, default=8, help="pairs on the contact sheet")
    parser.add_argument("--baseline", action="store_true", help="add a row for the unstyled content")
    parser.add_argument("--judges", action="store_true", help="report style_a, style_b, content and seconds")
    parser.add_argument("--large", action="store_true",
                        help="judge large outputs: style_b, sharpness, consistency with a preview, seconds")
    parser.add_argument("--out", required=True, help="folder for pairs.csv, summary.json and the pictures")
    args = parser.parse_args(argv)
    if args.large and args.baseline:
        parser.error("--baseline does not apply to --large")
    contents = expand_inputs(args.content)[: args.limit or None]
    styles = expand_inputs(args.style)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows, summaries = [], []
    if args.large:
        for model in args.model:
            model_rows, summary = evaluate_large(model, contents, styles, args.max_side or 0, out)
            rows += model_rows
            summaries.append(summary)
    else:
        runs = [(model, False) for model in args.model] + ([(args.model[0], True)] if args.baseline else [])
        for model, baseline in runs:
            model_rows, summary, sheet = evaluate(model, contents, styles, args.max_side or 512, args.sample,
                                                  baseline, judges=args.judges)
            rows += model_rows
            summaries.append(summary)
            name = "contact_sheet.png" if len(runs) == 1 else f"contact_sheet-{file_label(summary['model'])}.png"
            write_image(out / name, sheet)
    with atomic_path(out / "pairs.csv") as tmp, tmp.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with atomic_path(out / "summary.json") as tmp:
        tmp.write_text(json.dumps(summaries[0] if len(summaries) == 1 else summaries, indent=1))
    print(table(rows))
    print(f"\naverage per model over {summaries[0]['pairs']} pairs:")
    print(table(summaries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
