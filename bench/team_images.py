"""The team's images for benchmarks and training: ../shared/data beside the repository (``HUAFENG_BENCH_DATA``
overrides it). Benchmarks and training scripts read them; the app and the tests never do."""
import os
from pathlib import Path

DATA = Path(os.environ.get("HUAFENG_BENCH_DATA") or Path(__file__).resolve().parents[2] / "shared" / "data")
