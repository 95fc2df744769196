"""Paddle networks, weight readers and converters for Huafeng.

Nothing here imports Qt or ``app``, writes files, prints or downloads. Importing this package imports
paddle configured for this machine: Paddle runs one thread unless told otherwise before it is imported
(../shared/docs/FINDINGS.md), so code elsewhere takes paddle from here (``from models import paddle``).
"""
import contextlib
import io
import os
import warnings

_threads = str(os.cpu_count() or 1)
os.environ.setdefault("OMP_NUM_THREADS", _threads)
os.environ.setdefault("FLAGS_paddle_num_threads", _threads)
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("KMP_BLOCKTIME", "0")
os.environ.setdefault("GLOG_minloglevel", "2")  # paddle's C++ INFO/WARNING lines (type promotion, PIR notes)
warnings.filterwarnings("ignore", message="No ccache found")  # paddle warns at import; we compile nothing

with contextlib.redirect_stderr(io.StringIO()):  # paddle warns that OMP_NUM_THREADS > 1, which is on purpose
    import paddle  # noqa: E402
