"""Memory faults, measured on real processes: large photos read shrunk (and whole with fewer copies), memory
given back once a run is over; and the last one-line refusals (a file in a run's path, unbounded blurs)."""
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.cli import main
from app.pipeline.imageio import read_image
from app.pipeline.tensors import fit_max_side

REPO = Path(__file__).resolve().parents[1]
SIDE = 12000  # 144 megapixels: a 432 MB RGB array
MB = 2 ** 20

# a fresh parent runs the command, so its children's peak is that command's alone
PEAK_OF_CHILD = ("import json, resource, subprocess, sys;"
                 " code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL);"
                 " print(json.dumps([code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024]))")


def peak_of(*command):
    """(exit code, peak resident bytes) of ``command`` run in its own process."""
    out = subprocess.run([sys.executable, "-c", PEAK_OF_CHILD, *map(str, command)], capture_output=True, text=True,
                         cwd=REPO, timeout=300, check=True).stdout
    return tuple(json.loads(out))


def in_child(code: str) -> dict:
    """Run ``code`` (which leaves its findings in ``found``) in a fresh Python; ``found`` as it came back."""
    script = f"import json\nfound = {{}}\n{code}\nprint(json.dumps(found))"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


def write_stored_png(path: Path, rgb: np.ndarray) -> None:
    """An RGB PNG with stored (level 0) deflate blocks: as large as the image, and written in a second."""
    h, w = rgb.shape[:2]
    rows = np.zeros((h, 1 + w * 3), np.uint8)  # each row: filter type 0, then its pixels
    rows[:, 1:] = rgb.reshape(h, -1)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows, 0)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A 12000x12000 JPEG and PNG of noise on a gradient (nothing a codec squeezes away), and a small photo."""
    folder = tmp_path_factory.mktemp("large")
    rng = np.random.default_rng(0)
    rgb = np.empty((SIDE, SIDE, 3), np.uint8)
    rgb[:] = rng.integers(0, 48, (256, SIDE, 3), dtype=np.uint8)[np.arange(SIDE) % 256]
    rgb += (np.arange(SIDE) * 200 // SIDE).astype(np.uint8)[:, None, None]
    rgb[..., 1] += (np.arange(SIDE) * 200 // SIDE).astype(np.uint8)[None, :]
    Image.fromarray(rgb).save(folder / "large.jpg", quality=90)
    write_stored_png(folder / "large.png", rgb)
    Image.fromarray(rgb[:512, :512]).save(folder / "small.jpg", quality=90)
    return folder


def test_stylize_with_max_side_reads_a_large_photo_shrunk(tmp_path, large, kit):
    """Before: 2.8 GB for the JPEG and the PNG alike (the whole image decoded, then copied four times); after:
    the JPEG decodes at 1/8 (nothing above the command's own needs), the PNG once at full size."""
    painting = kit / "style" / "van_gogh_the_starry_night_1889.jpg"
    peaks = {}
    for name in ("small.jpg", "large.jpg", "large.png"):
        code, peaks[name] = peak_of(sys.executable, "-m", "app", "stylize", large / name, "--style", painting,
                                    "--max-side", 512, "-o", tmp_path / f"{name}.png")
        assert code == 0
        assert Image.open(tmp_path / f"{name}.png").size == (512, 512)
    decoded = SIDE * SIDE * 4  # Pillow holds RGB as 4 bytes a pixel
    assert peaks["large.jpg"] - peaks["small.jpg"] < 100 * MB, peaks
    assert peaks["large.png"] - peaks["small.jpg"] < decoded + 150 * MB, peaks


def test_a_large_photo_read_whole_holds_few_copies(large):
    """Before: 6 times the RGB array at the peak (Pillow's export and the conversions each copied it)."""
    found = in_child(f"""
from app.pipeline.imageio import read_image

def peak():  # this process's own high-water mark (getrusage's would include what the forking parent had)
    return int(next(line for line in open("/proc/self/status") if line.startswith("VmHWM")).split()[1]) * 1024

found["base"] = peak()
found["shape"] = read_image({str(large / "large.png")!r}).rgb.shape
found["peak"] = peak()
""")
    assert found["shape"] == [SIDE, SIDE, 3]
    assert found["peak"] - found["base"] < 3 * SIDE * SIDE * 3, found  # the decoded image (4 B/px) and the array


def test_reading_shrunk_matches_shrinking_what_was_read(tmp_path, kit):
    photo = np.asarray(Image.open(kit / "content" / "test_chelsea.jpg").convert("RGB"))  # 451x300
    alpha = np.tile(np.linspace(0, 255, photo.shape[1]).astype(np.uint8), (photo.shape[0], 1))
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned a quarter
    Image.fromarray(photo).save(tmp_path / "turned.jpg", exif=exif, quality=95)
    Image.fromarray(np.dstack([photo, alpha]), "RGBA").save(tmp_path / "clear.png")
    Image.fromarray(photo).convert("P").save(tmp_path / "palette.png")
    for name in ("turned.jpg", "clear.png", "palette.png"):
        whole = read_image(tmp_path / name)
        for side in (100, 200, 451, 1000):
            shrunk = read_image(tmp_path / name, side)
            expected = fit_max_side(whole.rgb, side)
            assert shrunk.rgb.shape == expected.shape, (name, side)
            assert np.abs(shrunk.rgb.astype(int) - expected).mean() < 4, (name, side)
            if whole.alpha is not None:
                assert shrunk.alpha.shape == expected.shape[:2]
                assert np.abs(shrunk.alpha.astype(int) - fit_max_side(whole.alpha, side)).mean() < 2
    assert np.array_equal(read_image(tmp_path / "clear.png", 451).rgb, read_image(tmp_path / "clear.png").rgb)


def test_release_gives_back_the_memory_of_a_large_render():
    """A 2040 px render keeps its onnxruntime arena (about 550 MB) until the memory is given back; the model stays
    loaded."""
    found = in_child("""
import numpy as np
from app.pipeline import memory, networks, transfer

def rss():
    return int(next(line for line in open("/proc/self/status") if line.startswith("VmRSS")).split()[1]) * 1024

rng = np.random.default_rng(0)
photo, style = rng.integers(0, 256, (2040, 2040, 3), np.uint8), rng.integers(0, 256, (256, 256, 3), np.uint8)
transfer.stylize(photo[:64, :64], "arbitrary", style)
found["loaded"] = rss()
net = networks.network("arbitrary")
transfer.stylize(photo, "arbitrary", style)
found["kept"] = rss()
memory.release("arbitrary")
found["released"] = rss()
found["same_network"] = networks.network("arbitrary") is net
transfer.stylize(photo[:448, :448], "arbitrary", style)
""")
    assert found["kept"] - found["released"] > 300 * MB, found
    assert found["released"] - found["loaded"] < 100 * MB, found
    assert found["same_network"]


def test_a_file_in_a_run_folders_path_is_one_line(tmp_path, capsys, kit):
    (tmp_path / "afile").write_text("not a folder")
    code = main(["train", "lapstyle", str(tmp_path / "afile" / "sub"), "--style",
                 str(kit / "style" / "van_gogh_the_starry_night_1889.jpg")])
    err = capsys.readouterr().err
    assert code == 2 and err == f"error: {tmp_path / 'afile'} is a file; a run needs a folder\n"
    assert not (tmp_path / "afile" / "sub").exists()


@pytest.mark.parametrize("blur", ["-1", "256"])
def test_demo_py_names_the_blur_bound_the_app_has(tmp_path, blur):
    run = subprocess.run([sys.executable, str(REPO / "demo.py"), str(tmp_path), str(tmp_path / "out"), "--blur", blur],
                         capture_output=True, text=True, cwd=REPO, timeout=120)
    assert run.returncode == 2 and "--blur from 0 to 255" in run.stderr, run.stderr
    assert not (tmp_path / "out").exists()


def test_restore_blur_is_bounded_as_degrade_blur(tmp_path, capsys, kit):
    code = main(["restore", str(kit / "content" / "test_chelsea.jpg"), "--blur", "256", "-o",
                 str(tmp_path / "out.png")])
    assert code == 2 and capsys.readouterr().err == "error: --blur must be from 0 to 255, got 256\n"
    assert not (tmp_path / "out.png").exists()
