"""Paddle networks, weight readers and converters for Huafeng.

Nothing here imports Qt or ``app``, writes files, prints or downloads. Importing this package imports
paddle configured for this machine: Paddle runs one thread unless told otherwise before it is imported
(measured on a 2-core CPU), so code elsewhere takes paddle from here (``from models import paddle``).
"""
import contextlib
import io
import os
import signal
import threading
import warnings

_threads = str(os.cpu_count() or 1)
os.environ.setdefault("OMP_NUM_THREADS", _threads)
os.environ.setdefault("FLAGS_paddle_num_threads", _threads)
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("KMP_BLOCKTIME", "0")
os.environ.setdefault("GLOG_minloglevel", "2")  # paddle's C++ INFO/WARNING lines (type promotion, PIR notes)
warnings.filterwarnings("ignore", message="No ccache found")  # paddle warns at import; we compile nothing


@contextlib.contextmanager
def _sigterm_kept():
    """Keep the SIGTERM handler set before paddle's import (paddle's C++ one prints a stack dump and ends the
    process, skipping the program's cleanup); a SIGTERM during the import waits for it."""
    handler = signal.getsignal(signal.SIGTERM) if threading.current_thread() is threading.main_thread() else None
    masked = handler is not None and hasattr(signal, "pthread_sigmask")
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM}) if masked else None
    try:
        yield
    finally:
        if handler is not None:
            signal.signal(signal.SIGTERM, handler)
        if masked:
            signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)


with _sigterm_kept(), contextlib.redirect_stderr(io.StringIO()):  # paddle warns that OMP_NUM_THREADS > 1, on purpose
    import paddle  # noqa: E402
