"""Quality harness: stylize every (content, style) pair with a model and measure the results.

    .venv/bin/python bench/quality.py --model arbitrary --content ../shared/data/content --style STYLE.jpg \
        --limit 10 --max-side 512 --out bench/out/arbitrary

Per pair and on average it reports style fidelity (cosine similarity between the 100-d style embeddings
that the arbitrary network's style predictor gives the result and the style image), content fidelity
(SSIM between the Sobel edge maps of the grayscale content and result) and seconds per image. It
writes ``pairs.csv``, ``summary.json`` and ``contact_sheet.png`` (content | style | result rows for a
sample of pairs) to ``--out``. A LapStyle preset paints with the style it carries and is judged against
the painting given with ``--style`` (the one it learnt). ``--baseline`` adds a row for the unstyled content,
the floor any model should beat on style fidelity.
"""
import argparse
import csv
import json
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
from app.pipeline.tensors import fit_max_side  # noqa: E402
from app.pipeline.training.metrics import content_fidelity, cosine, style_embedding  # noqa: E402

THUMB = 192


def _thumb(rgb: np.ndarray) -> np.ndarray:
    """Fit into a THUMB x THUMB tile on a dark background."""
    h, w = rgb.shape[:2]
    scale = THUMB / max(h, w)
    small = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    tile = np.full((THUMB, THUMB, 3), 32, np.uint8)
    top, left = (THUMB - small.shape[0]) // 2, (THUMB - small.shape[1]) // 2
    tile[top:top + small.shape[0], left:left + small.shape[1]] = small
    return tile


def contact_sheet(rows: list) -> np.ndarray:
    """Rows of tiles, e.g. (content, style, result), 4 px apart."""
    gap, columns = 4, len(rows[0]) if rows else 3
    sheet = np.full((len(rows) * (THUMB + gap) + gap, columns * (THUMB + gap) + gap, 3), 255, np.uint8)
    for r, images in enumerate(rows):
        for c, image in enumerate(images):
            y, x = gap + r * (THUMB + gap), gap + c * (THUMB + gap)
            sheet[y:y + THUMB, x:x + THUMB] = _thumb(image)
    return sheet


def evaluate(model: str, contents: list, styles: list, max_side: int = 512, sample: int = 8, baseline=False,
             show_style=True):
    """Measure every pair; returns (rows, summary, contact sheet). Without ``show_style`` the sheet's rows
    are content | result (for sheets that are published: the painting stays where it came from)."""
    networks.network(model)  # load once so the first pair's time is the network's, not the loading's
    own = zoo.get(model).own_style  # a LapStyle preset paints with its own statistics; judged against --style
    style_images = {path: read_image(path).rgb for path in styles}
    style_vectors = {path: style_embedding(rgb) for path, rgb in style_images.items()}
    rows, sheet_rows = [], []
    for content_path in contents:
        content = fit_max_side(read_image(content_path).rgb, max_side)
        for style_path, style in style_images.items():
            start = time.perf_counter()
            if baseline:
                result = content
            else:
                result = transfer.stylize_preset(content, model) if own else transfer.stylize(content, model, style)
            seconds = time.perf_counter() - start
            rows.append({"content": content_path.name, "style": style_path.name,
                         "style_fidelity": cosine(style_embedding(result), style_vectors[style_path]),
                         "content_fidelity": content_fidelity(content, result), "seconds": seconds})
            if len(sheet_rows) < sample:
                sheet_rows.append((content, style, result) if show_style else (content, result))
    summary = {"model": "content (no stylization)" if baseline else model, "pairs": len(rows),
               **{key: float(np.mean([r[key] for r in rows])) for key in ("style_fidelity", "content_fidelity",
                                                                          "seconds")}}
    return rows, summary, contact_sheet(sheet_rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, help="a style model id or a trained .safetensors path")
    parser.add_argument("--content", nargs="+", required=True, help="content images or folders")
    parser.add_argument("--style", nargs="+", required=True, help="style images or folders")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N content images")
    parser.add_argument("--max-side", type=int, default=512, help="shrink contents to this longer side")
    parser.add_argument("--sample", type=int, default=8, help="pairs on the contact sheet")
    parser.add_argument("--baseline", action="store_true", help="measure the unstyled content instead")
    parser.add_argument("--out", required=True, help="folder for pairs.csv, summary.json, contact_sheet.png")
    args = parser.parse_args(argv)
    contents = expand_inputs(args.content)[: args.limit or None]
    styles = expand_inputs(args.style)
    rows, summary, sheet = evaluate(args.model, contents, styles, args.max_side, args.sample, args.baseline)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with atomic_path(out / "pairs.csv") as tmp, tmp.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with atomic_path(out / "summary.json") as tmp:
        tmp.write_text(json.dumps(summary, indent=1))
    write_image(out / "contact_sheet.png", sheet)
    for row in rows:
        print(f"{row['content'][:40]:<40} {row['style'][:36]:<36} style {row['style_fidelity']:.3f}  "
              f"content {row['content_fidelity']:.3f}  {row['seconds']:.2f} s")
    print(f"average over {summary['pairs']} pairs ({summary['model']}): style fidelity "
          f"{summary['style_fidelity']:.3f}, content fidelity {summary['content_fidelity']:.3f}, "
          f"{summary['seconds']:.2f} s per image")
    return 0


if __name__ == "__main__":
    sys.exit(main())
