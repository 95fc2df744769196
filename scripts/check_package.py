"""Build Huafeng's wheel, install it into a fresh virtual environment outside the repository, and use it.

    python3 scripts/check_package.py

The environment gets the app's lock (requirements.txt) and then the wheel, without dependencies; from a
folder outside the repository, the installed `huafeng-cli` then stylizes a photo with a painting, with a
preset and with one of our LapStyle models (its weights come inside the wheel), and `huafeng --help` answers.
Registry weights come from the user's cache, as for any install. Standard library only.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PHOTO = REPO / "assets" / "samples" / "chelsea.jpg"
PAINTING = REPO / "tests" / "data" / "style" / "van_gogh_the_starry_night_1889.jpg"


def say(text):
    print(f"[package] {text}", flush=True)


def run(cmd, **kw):
    say(" ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


def check(work: Path) -> None:
    dist, env_dir, outside = work / "dist", work / "venv", work / "outside"
    outside.mkdir()
    source = work / "source"  # a copy, so that the build leaves nothing in the repository and finds nothing stale
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__",
                                                                 ".pytest_cache", ".bench", "out"))
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "--disable-pip-version-check", "-w", dist, source])
    wheel = next(dist.glob("huafeng-*.whl"))
    say(f"built {wheel.name} ({wheel.stat().st_size / 2**20:.1f} MiB)")
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    pip = [bin_dir / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    run([*pip, "--require-hashes", "--no-deps", "-r", REPO / "requirements.txt"])
    run([*pip, "--no-deps", wheel])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    shutil.copy(PHOTO, outside / "photo.jpg")
    shutil.copy(PAINTING, outside / "painting.jpg")
    cli = bin_dir / "huafeng-cli"
    for args in (["--style", "painting.jpg"], ["--style", "style-07"], ["--model", "lapstyle-starry-night"]):
        out = outside / "out.png"
        run([cli, "stylize", "photo.jpg", *args, "-o", out, "--max-side", "256"], cwd=outside, env=env)
        size = subprocess.run([bin_dir / "python", "-c", "import sys; from PIL import Image; "
                               "print(Image.open(sys.argv[1]).size)", out], capture_output=True, text=True,
                              check=True).stdout.strip()
        if size != "(256, 170)":
            raise SystemExit(f"[package] the output is {size}, not (256, 170)")
        out.unlink()
    located = subprocess.run([bin_dir / "python", "-c", "import app; print(app.__file__)"], cwd=outside, env=env,
                             capture_output=True, text=True, check=True).stdout
    if Path(located).resolve().is_relative_to(REPO):
        raise SystemExit("[package] the installed command ran the repository's code")
    run([bin_dir / "huafeng", "--help"], cwd=outside, env=env, stdout=subprocess.DEVNULL)
    say("the wheel installs and runs")


def main(argv) -> int:
    if argv:
        print(__doc__)
        return 0 if argv[0] in ("-h", "--help") else 2
    with tempfile.TemporaryDirectory(prefix="huafeng-package-") as tmp:
        check(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
