"""Super-resolution quality as the app upscales (``transfer.restore``: a self-ensemble when the card asks for one),
beside bicubic and waifu2x photo 2x applied twice, on Set5 and Set14.

    .venv/bin/python bench/restore_sr.py [--models srresnet-x4 ...]

Y-channel PSNR / SSIM with ``scale`` border pixels shaved (the SR papers' protocol), inputs shrunk with OpenCV's
bicubic; the same measure as a training run's ``evaluation.csv``.
"""
import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from team_images import DATA  # noqa: E402


def main():
    from app.pipeline import transfer, zoo
    from app.pipeline.training.restore import evaluate_folder

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="+", default=["srresnet-x4"])
    args = parser.parse_args()
    scale = zoo.get(args.models[0]).scale
    methods = {m: (lambda low, m=m: transfer.restore(low, m)) for m in args.models}
    for folder in ("set5", "set14"):
        rows = evaluate_folder(DATA / "sr" / folder, scale, methods)
        if folder == "set5":
            print("| | " + " | ".join(r["method"] for r in rows) + " |\n" + "|---" * (len(rows) + 1) + "|")
        print(f"| {folder} | " + " | ".join(f"{r['psnr']:.2f} / {r['ssim']:.3f}" for r in rows) + " |")


if __name__ == "__main__":
    main()
