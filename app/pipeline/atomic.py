"""Write files so that a crash or a full disk never leaves a half-written file under the real name."""
import contextlib
import errno
import os
import re
import sys
import tempfile
import time
from pathlib import Path

_UMASK = os.umask(0o022)  # read once, at import (os.umask can only be read by setting it)
os.umask(_UMASK)

_MARK = ".huafeng-tmp-"  # temporary names are ".{stem}.huafeng-tmp-{pid}-{random}{suffix}"
_OURS = re.compile(r"\..*" + re.escape(_MARK) + r"(\d{1,9})-[a-z0-9_]{8}.*", re.DOTALL)
STALE_SECONDS = 600  # a temporary file untouched this long, its process gone, was left by a killed run
_swept = set()


def alive(pid: int) -> bool:
    """Whether process ``pid`` is running (Windows: os.kill would end it, so the process is asked for its exit code)."""
    if sys.platform == "win32":
        import ctypes

        kernel = ctypes.windll.kernel32
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel.GetLastError() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep(folder) -> None:
    """Remove the temporary files that killed runs left in ``folder``: only ours (by name), whose process is gone
    and which nothing wrote to for STALE_SECONDS (on a shared folder, the process may be another machine's)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        ours = _OURS.fullmatch(entry.name)
        with contextlib.suppress(OSError):
            if (ours and entry.is_file(follow_symlinks=False) and not alive(int(ours[1]))
                    and time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS):
                os.unlink(entry.path)


@contextlib.contextmanager
def atomic_path(target, suffix=None):
    """Yield a temporary path beside ``target``; once written it is flushed to disk and renamed onto ``target``,
    else removed. The first write into a folder sweeps it (see ``sweep``)."""
    target = Path(target)
    if os.path.abspath(target.parent) not in _swept:
        _swept.add(os.path.abspath(target.parent))
        sweep(target.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}{_MARK}{os.getpid()}-", suffix=suffix or target.suffix,
                               dir=target.parent)
    try:
        try:
            os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes it private; the file gets the mode any new file gets
            yield Path(tmp)
            os.fsync(fd)  # the data is on disk before the file takes the real name
        finally:
            os.close(fd)  # before the rename: Windows renames no open file
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes(target, data) -> None:
    """Write ``data`` (bytes or a buffer) to ``target`` atomically; a full disk is an OSError, never a cut-off
    file."""
    with atomic_path(target) as tmp:
        with tmp.open("wb") as f:
            f.write(data)
        written = tmp.stat().st_size
        if written != len(data):
            raise OSError(errno.EIO, f"only {written} of {len(data)} bytes reached the disk")
