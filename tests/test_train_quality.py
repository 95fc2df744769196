"""The quality harness (bench/quality.py): its measures mean what they say on real images."""
import importlib.util
from pathlib import Path

import numpy as np
import pytest

from app.pipeline.imageio import read_image
from app.pipeline.training.metrics import content_fidelity, style_fidelity

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def quality():
    spec = importlib.util.spec_from_file_location("quality", REPO / "bench" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_measures(kit):
    photo = read_image(sorted((kit / "content").glob("test_*.jpg"))[0]).rgb
    wave = read_image(kit / "style" / "hokusai_the_great_wave_off_kanagawa_c1831.jpg").rgb
    assert content_fidelity(photo, photo) == pytest.approx(1.0)
    assert content_fidelity(photo, np.full_like(photo, 128)) < 0.3  # only flat areas agree
    assert style_fidelity(wave, wave) == pytest.approx(1.0, abs=1e-6)
    assert style_fidelity(photo, wave) < 0.99


def test_harness_scores_a_stylizer_above_the_unstyled_photo(quality, kit, tmp_path):
    contents = sorted((kit / "content").glob("test_*.jpg"))[:2]
    styles = [kit / "style" / "van_gogh_the_starry_night_1889.jpg"]
    rows, summary, sheet = quality.evaluate("arbitrary", contents, styles, max_side=256)
    _, floor, published = quality.evaluate("arbitrary", contents, styles, max_side=256, baseline=True,
                                           show_style=False)
    assert len(rows) == 2 and summary["pairs"] == 2 and summary["seconds"] > 0
    assert summary["style_fidelity"] > floor["style_fidelity"] and floor["content_fidelity"] == pytest.approx(1.0)
    assert sheet.shape == (2 * (quality.THUMB + 4) + 4, 3 * (quality.THUMB + 4) + 4, 3)
    assert published.shape[1] == 2 * (quality.THUMB + 4) + 4  # photo | result: the painting is left out
    assert quality.main(["--model", "arbitrary", "--content", str(contents[0]), "--style", str(styles[0]),
                         "--max-side", "128", "--out", str(tmp_path)]) == 0
    assert {p.name for p in tmp_path.iterdir()} == {"pairs.csv", "summary.json", "contact_sheet.png"}
