"""Time models per size and backend, as ``python -m app bench`` does.

Each model x size x backend cell runs in its own process, so its peak memory (``ru_maxrss``) is its own:
one warm-up run (which also exports and loads the fast graph), then timed runs; the row reports the
median, min and max seconds and the process's peak RSS. Inputs are synthetic square images (their
content does not change the speed). Besides zoo models there is ``degrade``: the salt-and-pepper + mean-blur
damage of demo.py (backend ``numpy``).
"""
import json
import multiprocessing
import os
import resource
import statistics
import time

import numpy as np

from .errors import UserError

DEFAULT_MODELS = ["arbitrary", "vintage"]


def synthetic_image(size: int, seed: int) -> np.ndarray:
    """A size x size RGB photo stand-in: smooth colour gradients, soft blobs and fine noise."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:size, 0:size].astype(np.float32) / size
    channels = [np.sin(2 * np.pi * (rng.random() * 2 * x + rng.random() * 2 * y) + rng.random() * 6) for _ in range(3)]
    image = (np.stack(channels, axis=2) + 1.0) * 0.35
    for _ in range(12):
        cy, cx, radius = rng.random(), rng.random(), 0.05 + 0.15 * rng.random()
        blob = np.exp(-((y - cy) ** 2 + (x - cx) ** 2) / radius ** 2)[..., None]
        image += blob * (rng.random(3) - 0.5) * 0.6
    image += rng.normal(0, 0.03, image.shape)
    return (np.clip(image, 0, 1) * 255).astype(np.uint8)


def workload(model_id: str, size: int, backend: str):
    """A no-argument function that does one run of ``model_id`` on a ``size`` image."""
    content = synthetic_image(size, 1)
    if model_id == "degrade":
        from .degrade import degrade

        return lambda: degrade(content, 0.1, 20, seed=1)
    from . import transfer, zoo
    from .recipe import Recipe, run_model

    model = zoo.get(model_id)
    style = None
    if model.task == "stylize":
        style = transfer.presets()[7] if model.kind == "multistyle" else synthetic_image(512, 2)
    recipe = Recipe(model, style)
    return lambda: run_model(content, recipe, backend=backend)


def timed(work, runs: int) -> dict:
    """Call ``work`` ``runs`` times: a row's timing keys (median, min and max seconds) and this process's peak
    RSS after them. The reference scripts in bench/ time PaddleGAN and the original demo.py with it too."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"median_s": round(statistics.median(times), 6), "min_s": round(min(times), 6),
            "max_s": round(max(times), 6), "peak_rss_mb": round(peak_kb / 1024, 1)}


def measure(model_id: str, size: int, backend: str, runs: int = 5) -> dict:
    """Time ``runs`` runs after a warm-up in this process; the row's peak RSS is this process's."""
    work = workload(model_id, size, backend)
    work()
    return {"model": model_id, "size": size, "backend": backend, **timed(work, runs)}


def _backends_for(model_id: str, wanted) -> list:
    if model_id == "degrade":
        return ["numpy"]
    from . import backends

    return list(wanted) if wanted else backends.available()


def _cell(connection, model_id: str, size: int, backend: str, runs: int) -> None:
    """Measure one cell and send its row, an ``error`` row when it fails. What the process prints is dropped: the
    rows are the output."""
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    try:
        row = measure(model_id, size, backend, runs)
    except Exception as exc:
        error = str(exc) if isinstance(exc, UserError) else f"{type(exc).__name__}: {exc}"
        row = {"model": model_id, "size": size, "backend": backend, "error": error}
    connection.send(row)


def _measure_apart(model_id: str, size: int, backend: str, runs: int) -> dict:
    """:func:`measure` in a new process, so the row's peak RSS is the cell's own; Ctrl-C stops that process too."""
    spawn = multiprocessing.get_context("spawn")
    receive, send = spawn.Pipe(duplex=False)
    process = spawn.Process(target=_cell, args=(send, model_id, size, backend, runs))
    process.start()
    send.close()
    try:
        row = receive.recv()
    except EOFError:  # the process ended without a row (killed, or out of memory)
        row = None
    except BaseException:  # Ctrl-C: the cell stops with the command
        process.kill()
        raise
    finally:
        process.join()
    return row or {"model": model_id, "size": size, "backend": backend,
                   "error": f"the process ended with exit code {process.exitcode}"}


def run(models, sizes, wanted_backends=None, runs: int = 5):
    """Yield one row per model x size x backend, each measured in a fresh process (side by side: the
    cells run one after another in the same invocation). A failed cell's row has an ``error``."""
    for model_id in models:
        for size in sizes:
            for backend in _backends_for(model_id, wanted_backends):
                yield _measure_apart(model_id, size, backend, runs)


def format_row(row: dict, as_json: bool) -> str:
    if as_json:
        return json.dumps(row)
    head = f"{row['model']:<22} {row['size']:>5}  {row['backend']:<9}"
    if row.get("error"):
        return f"{head} error: {row['error']}"
    return (f"{head} median {row['median_s']:8.3f} s  min {row['min_s']:8.3f}  max {row['max_s']:8.3f}  "
            f"peak {row['peak_rss_mb']:7.0f} MB")
