"""One process at a time trains a run folder: two would overwrite each other's checkpoints and mix their logs."""
import contextlib
import os
from pathlib import Path

from ..atomic import alive
from ..errors import UserError

LOCK = "training.lock"  # holds the training process's id


@contextlib.contextmanager
def run_lock(run_dir: Path):
    """Hold ``run_dir`` for this process; a UserError names the process that holds it. A lock left behind by a
    process that is gone (a crash, a power cut) is taken over."""
    path = Path(run_dir) / LOCK
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            try:
                pid = int(path.read_text(encoding="ascii"))
            except FileNotFoundError:  # released meanwhile
                continue
            except (OSError, ValueError):  # being written this instant: held
                pid = None
            if pid is None or alive(pid):
                raise UserError(f"{run_dir} is already being trained (by process {pid or '?'}); wait for that "
                                f"training to finish or stop it (if none is running, delete {path})") from None
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(str(os.getpid()))
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()
