"""LapStyle speed and memory against the arbitrary network (issue 17): time ratios per size, and peak memory.

    nice -n 10 .venv/bin/python bench/lapstyle_speed.py [--models ID ...] [--reference arbitrary]
        [--sizes 512 2560x1600] [--repeats 5] [--memory 4096x4096] [--photo JPG] [--style JPG] [--json]

Speed: for each size, each model and the reference run once to warm up, then ``--repeats`` times interleaved
with the reference (reference, model, reference, model, ...) so load changes hit both; the ratio is the model's
median seconds over the reference's median from the runs paired with it. A size N is the photo shrunk (or
enlarged) to a long side of N; WxH is the photo centre-cropped to that aspect and resized to exactly WxH.
Memory: at each ``--memory`` size the reference and each model stylize once in a process of their own, which
reports its peak resident memory (VmHWM) in MiB and the whole stylize call's seconds (graph loading included).
A LapStyle preset paints its own style (``stylize_preset``), the others paint after ``--style``.
"""
import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from restore_speed import peak_rss_mb  # noqa: E402
from team_images import DATA  # noqa: E402

STYLE = REPO / "tests" / "data" / "style" / "van_gogh_the_starry_night_1889.jpg"
LARGE_PHOTO = DATA / "large" / "kde_coldripple_pier.jpg"  # 2560x1600
SAMPLE_PHOTO = REPO / "assets" / "samples" / "rocket.jpg"  # 640x427, enlarged to 2560 px when no large photo
SAMPLE_SIDE = 2560


def load_photo(path) -> np.ndarray:
    """The photo at ``path``; the default is the team's large photo, else the sample photo enlarged."""
    from app.pipeline.imageio import read_image
    from app.pipeline.tensors import resize_long_side

    if path is not None:
        return read_image(path).rgb
    if LARGE_PHOTO.is_file():
        return read_image(LARGE_PHOTO).rgb
    return resize_long_side(read_image(SAMPLE_PHOTO).rgb, SAMPLE_SIDE)


def at_size(photo: np.ndarray, size: str) -> np.ndarray:
    """``photo`` at ``size``: 'N' resizes its long side to N, 'WxH' centre-crops it to W:H and resizes to WxH."""
    from app.pipeline.tensors import resize_long_side

    if "x" not in size:
        return resize_long_side(photo, int(size))
    width, height = map(int, size.split("x"))
    h, w = photo.shape[:2]
    crop_w, crop_h = min(w, round(h * width / height)), min(h, round(w * height / width))
    top, left = (h - crop_h) // 2, (w - crop_w) // 2
    crop = photo[top:top + crop_h, left:left + crop_w]
    return cv2.resize(crop, (width, height), interpolation=cv2.INTER_AREA if width < crop_w else cv2.INTER_CUBIC)


def positive(text: str) -> int:
    """argparse type: a positive integer."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"a positive whole number is expected, not {text!r}")
    return int(text)


def size_spec(text: str) -> str:
    """argparse type: 'N' or 'WxH' with positive integers."""
    parts = text.lower().split("x")
    if len(parts) > 2 or not all(p.isdigit() and int(p) > 0 for p in parts):
        raise argparse.ArgumentTypeError(f"a size is N (long side) or WxH, not {text!r}")
    return "x".join(str(int(p)) for p in parts)


def painter(model_id: str, style: np.ndarray):
    """A function content -> stylized content: a LapStyle preset with its own style, any other after ``style``."""
    from app.pipeline import transfer, zoo

    if zoo.get(model_id).own_style:
        return lambda content: transfer.stylize_preset(content, model_id)
    return lambda content: transfer.stylize(content, model_id, style)


def seconds_of(run, content) -> float:
    """Wall-clock seconds of ``run(content)``."""
    began = time.perf_counter()
    run(content)
    return time.perf_counter() - began


def significant(seconds: float) -> float:
    """Seconds to 4 significant digits, so a ratio of two small times survives the rounding."""
    return float(f"{seconds:.4g}")


def speed(models, reference, photo, style, sizes, repeats) -> list:
    """One row per size x model: its median seconds, the reference's median in the runs paired with it, ratio."""
    runs = {model_id: painter(model_id, style) for model_id in [reference, *models]}
    rows = []
    for size in sizes:
        content = at_size(photo, size)
        for run in runs.values():
            run(content)  # warm-up: graph export or load, session, style vector
        for model_id in models:
            times = {reference: [], model_id: []}
            for _ in range(repeats):
                for name in times:
                    times[name].append(seconds_of(runs[name], content))
            mine, theirs = float(np.median(times[model_id])), float(np.median(times[reference]))
            rows.append({"measure": "speed", "size": size, "shape": f"{content.shape[1]}x{content.shape[0]}",
                         "model": model_id, "median_s": significant(mine), "reference": reference,
                         "reference_median_s": significant(theirs), "ratio": round(mine / theirs, 3)})
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def memory_one(model_id, photo_path, style_path, size) -> dict:
    """In this process: one stylize call at ``size``; its seconds and the process's peak resident memory."""
    from app.pipeline.imageio import read_image

    content = at_size(load_photo(photo_path), size)
    run = painter(model_id, read_image(style_path).rgb)
    seconds = seconds_of(run, content)
    return {"measure": "memory", "model": model_id, "size": size, "peak_mib": round(peak_rss_mb()),
            "seconds": round(seconds, 2)}


def memory(models, photo_path, style_path, size) -> list:
    """One row per model: :func:`memory_one` in a child process (an ``error`` when it fails)."""
    rows = []
    for model_id in models:
        command = [sys.executable, __file__, "--one", model_id, size, "--style", str(style_path)]
        done = subprocess.run(command + (["--photo", str(photo_path)] if photo_path else []), capture_output=True,
                              text=True)
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        rows.append(json.loads(lines[-1]) if done.returncode == 0 and lines else
                    {"measure": "memory", "model": model_id, "size": size,
                     "error": (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]})
    return rows


def table(speed_rows, memory_rows, reference) -> str:
    """The rows as two text tables: speed, then memory."""
    wide = max(13, len(reference) + 2)
    lines = [f"{'size':<11} {'model':<24} {'median s':>9} {reference + ' s':>{wide}} {'ratio':>6}"]
    for row in speed_rows:
        lines.append(f"{row['shape']:<11} {row['model']:<24} {row['median_s']:>9.3f} "
                     f"{row['reference_median_s']:>{wide}.3f} {row['ratio']:>6.2f}")
    if memory_rows:
        lines += ["", f"{'model':<24} {'size':<11} {'peak MiB':>9} {'seconds':>8}"]
        for row in memory_rows:
            if "error" in row:
                lines.append(f"{row['model']:<24} {row['size']:<11} error: {row['error']}")
            else:
                lines.append(f"{row['model']:<24} {row['size']:<11} {row['peak_mib']:>9} {row['seconds']:>8.2f}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", nargs="+", help="LapStyle models (default: every one the zoo lists)")
    parser.add_argument("--reference", default="arbitrary")
    parser.add_argument("--style", type=Path, default=STYLE)
    parser.add_argument("--photo", type=Path, help=f"default: {LARGE_PHOTO}, else {SAMPLE_PHOTO} enlarged")
    parser.add_argument("--repeats", type=positive, default=5)
    parser.add_argument("--sizes", nargs="*", type=size_spec, default=["512", "2560x1600"])
    parser.add_argument("--memory", nargs="*", type=size_spec, default=["4096x4096"],
                        help="sizes whose peak memory is measured (none: skip)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--one", nargs=2, metavar=("MODEL", "SIZE"), help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(memory_one(args.one[0], args.photo, args.style, args.one[1])))
        return 0
    from app.pipeline import zoo
    from app.pipeline.imageio import read_image

    models = args.models or [m.id for m in zoo.models() if m.kind == "lapstyle"]
    speed_rows = speed(models, args.reference, load_photo(args.photo), read_image(args.style).rgb, args.sizes,
                       args.repeats)
    memory_rows = [row for size in args.memory for row in memory([args.reference, *models], args.photo, args.style,
                                                                 size)]
    if args.json:
        print("\n".join(json.dumps(row) for row in speed_rows + memory_rows))
    else:
        print(table(speed_rows, memory_rows, args.reference))
    return 1 if any("error" in row for row in memory_rows) else 0


if __name__ == "__main__":
    sys.exit(main())
