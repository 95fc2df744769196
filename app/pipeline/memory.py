"""Will a run fit in memory? The measured peak per model kind, and a plain refusal before a run that would
exhaust the computer's memory (the app checks before it renders, the command line before each file); and
memory given back once a run is over."""
import ctypes
import os
import sys

from .errors import UserError

# Peak memory of a run with the default (onnxruntime) backend, in bytes per pixel of the image the model is
# given, measured on CPU at 1024-2400 px, below the size at which it tiles (transfer.TILES): the arbitrary net 290,
# CycleGAN 1400, waifu2x 4000 below its tiling threshold and 520 above; LapStyle 3.8 GB at 1024x1024 in the
# dynamic graph; Restore with the dot finder 234 at 1024x1024 (its four views and the
# deconvolution). Above that size one tile at a time runs; the whole image is held only as input and output
# arrays: STREAMED bytes per pixel (measured 31-57 at 8000x6000, docs/PERFORMANCE.md).
BYTES_PER_PIXEL = {"arbitrary": 320, "multistyle": 320, "lapstyle": 4000, "cyclegan": 1500, "waifu2x": 1000,
                   "srresnet": 1000, "dotfinder": 300}
STREAMED = 64
MEMORY_SHARE = 0.7  # of the memory available now
ROUND_TO = 64       # a size that fits is named in steps of this many pixels


def free_memory():
    """Bytes of memory available now, or None when this system does not say."""
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def estimate(kind: str, size):
    """Estimated peak bytes of running a model of ``kind`` on an image of ``size`` = (width, height), the image
    it is given (a restoration model's output is larger); None for a kind that was not measured."""
    from .transfer import TILES

    per_pixel = BYTES_PER_PIXEL.get(kind)
    if per_pixel is None:
        return None
    pixels = size[0] * size[1]
    return min(pixels, TILES[kind].above) * per_pixel + STREAMED * pixels


def check(kind: str, size, model_id: str, available=None) -> None:
    """Raise UserError, naming a size that fits, when running ``model_id`` (of ``kind``) on an image of ``size``
    = (width, height) would need more than a share of the ``available`` bytes (default: what is free now)."""
    free = free_memory() if available is None else available
    need = estimate(kind, size)
    if not free or need is None or need <= free * MEMORY_SHARE:
        return
    w, h = size
    fits = max(w, h) // ROUND_TO * ROUND_TO
    while fits > ROUND_TO and estimate(kind, (w * fits // max(w, h), h * fits // max(w, h))) > free * MEMORY_SHARE:
        fits -= ROUND_TO
    raise UserError(f"{w}x{h} is too large for {model_id} on this computer: it needs about {need / 2**30:.1f} GB "
                    f"of memory and {free / 2**30:.1f} GB are free; use an image of at most {fits} px on its "
                    "longer side")


def trim() -> None:
    """Hand the heap's free pages back to the system (glibc keeps them after large frees); elsewhere nothing."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):
        pass


def release(model_id=None) -> None:
    """Give memory back once the work is over: the open onnxruntime sessions and Paddle predictors (their arenas
    keep a run's peak), the networks of models other than ``model_id``, Paddle's GPU cache and the free heap."""
    import gc

    from . import backends, networks

    backends.close_sessions()
    networks.forget_networks(keep=model_id)
    gc.collect()
    paddle = sys.modules.get("paddle")
    if paddle is not None and paddle.device.is_compiled_with_cuda():
        paddle.device.cuda.empty_cache()
    trim()
