"""Refresh the locks from the ranges in pyproject.toml: exact versions with hashes, transitive packages included.

    python3 scripts/lock.py             add what a changed range needs; every other pin stays as it is
    python3 scripts/lock.py --upgrade   take the newest versions the ranges allow

requirements-dev.txt locks the app and the tests (what `scripts/bootstrap.py test` and CI install),
requirements.txt the app alone, with the same versions. pip-tools runs in a throwaway virtual environment.
Standard library only.
"""
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PIP_TOOLS = "pip-tools==7.7.0"
COMMON = ["--quiet", "--generate-hashes", "--strip-extras", "--no-emit-index-url", "--no-emit-find-links"]


def main(argv) -> int:
    if any(a in ("-h", "--help") for a in argv) or set(argv) - {"--upgrade"}:
        print(__doc__)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    with tempfile.TemporaryDirectory() as tmp:
        venv.create(tmp, with_pip=True)
        python = str(Path(tmp) / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python"))
        subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", PIP_TOOLS], check=True)
        compile_ = [python, "-m", "piptools", "compile", *COMMON, *argv]
        env = dict(os.environ, CUSTOM_COMPILE_COMMAND="python3 scripts/lock.py")  # the header names this script
        subprocess.run([*compile_, "--extra", "test", "-o", "requirements-dev.txt", "pyproject.toml"], cwd=REPO,
                       env=env, check=True)
        subprocess.run([*compile_, "-c", "requirements-dev.txt", "-o", "requirements.txt", "pyproject.toml"],
                       cwd=REPO, env=env, check=True)
    print("wrote requirements-dev.txt and requirements.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
