"""Paddle networks, weight readers and converters for Huafeng.

Nothing here imports Qt or ``app``, writes files, prints or downloads. Paddle runs with one thread unless
told otherwise before it is imported, so the thread count is set here, before any network module
imports paddle.
"""
import os
import warnings

_threads = str(os.cpu_count() or 1)
os.environ.setdefault("OMP_NUM_THREADS", _threads)
os.environ.setdefault("FLAGS_paddle_num_threads", _threads)
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("KMP_BLOCKTIME", "0")
warnings.filterwarnings("ignore", message="No ccache found")  # paddle warns at import; we compile nothing
