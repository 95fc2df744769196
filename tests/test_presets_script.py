"""scripts/presets.py on a tiny run: the model it installs runs without its painting, and its card holds the
facts issue readers need (painting and source, data and held-out photos, stages, losses, quality beside
the arbitrary network), with a thumbnail made from a shipped sample photo and a contact sheet."""
import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file

from app.pipeline import transfer, zoo
from app.pipeline.imageio import read_image

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def presets(tmp_path, monkeypatch, kit):
    spec = importlib.util.spec_from_file_location("presets", REPO / "scripts" / "presets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setenv("HUAFENG_WEIGHTS", str(tmp_path / "weights"))
    (tmp_path / "weights").mkdir()
    monkeypatch.setattr(module, "WEIGHTS", tmp_path / "weights")
    monkeypatch.setattr(module, "SHEETS", tmp_path / "sheets")
    monkeypatch.setattr(module, "HELD_OUT", 2)
    monkeypatch.setattr(module, "DATA", kit)
    monkeypatch.setattr(module, "TRAIN_PREFIX", "train_")
    monkeypatch.setattr(module, "HELD_OUT_PREFIX", "test_")
    monkeypatch.setattr(module, "PRESET", {**module.PRESET, "init": None, "channels": 16, "size": 32,
                                           "preview_side": 64, "preview_every": 0,
                                           "steps": {"draft": 0, "net_rev": 1, "net_rev_2": 0}})
    monkeypatch.setattr(module, "SHEET_SIDE", 640)
    monkeypatch.setattr(module, "SHEET_VIEW", 256)
    return module


def test_a_preset_is_trained_installed_and_carded(presets, tmp_path):
    runs = tmp_path / "runs"
    presets.cmd_train("woodcut", runs)
    facts = presets.cmd_card("woodcut", runs)
    model = zoo.get("lapstyle-woodcut")
    assert model.own_style and model.title == "LapStyle: Woodcut (Felix Vallotton)"
    card = json.loads((tmp_path / "weights" / "lapstyle-woodcut.json").read_text(encoding="utf-8"))["card"]
    assert card == facts
    assert card["style"]["file"] == "vallotton_portrait_of_camille_mauclair_woodcut.jpg"
    assert "Public domain" in card["style"]["pd_note"]
    assert card["held_out"] == [p.name for p in presets.held_out()] and all("test" in n for n in card["held_out"])
    assert not any(p.name.startswith("test_") for p in (runs / "content-train").iterdir())
    assert card["stages"] == {"net_rev": {"steps": 1, "batch": 2, "crop": 64}}
    assert set(card["final_losses"]) == {"net_rev"} and "gan" in card["final_losses"]["net_rev"]
    for who in ("ours", "arbitrary_same_painting"):
        quality = card["quality"][who]
        assert 0 < quality["style_a"] <= 1 and quality["style_b"] <= 1 and 0 < quality["content"] <= 1
    thumbnail = read_image(tmp_path / "weights" / "lapstyle-woodcut.jpg").rgb
    assert max(thumbnail.shape[:2]) == 256
    sheet = read_image(tmp_path / "sheets" / "lapstyle-woodcut.jpg").rgb  # rows: whole | centre at 100 %
    assert sheet.shape[1] == 2 * 256 + 8 and sheet.shape[0] >= 4 * 170
    painting = read_image(tmp_path / "weights" / "lapstyle-woodcut.painting.jpg").rgb  # the style pane shows it
    assert max(painting.shape[:2]) == 256
    overview = (tmp_path / "sheets" / "README.md").read_text(encoding="utf-8")
    assert "| `lapstyle-woodcut` | Camille Mauclair, Felix Vallotton | predicted | 1 |" in overview
    assert "(lapstyle-woodcut.jpg)" in overview
    photo = read_image(REPO / "assets" / "samples" / "coffee.jpg").rgb[:128, :160]
    assert transfer.stylize_preset(photo, "lapstyle-woodcut").shape == photo.shape


def test_settings_change_a_new_runs_recipe_and_are_refused_for_a_started_run(presets, tmp_path):
    runs = tmp_path / "runs"
    presets.cmd_train("scream", runs, ["steps.net_rev=2", "weights.style=5", "lr=0.001"])
    settings = json.loads((runs / "scream" / "settings.json").read_text(encoding="utf-8"))
    assert settings["steps"] == {"draft": 0, "vector": 0, "net_rev": 2, "net_rev_2": 0} and settings["lr"] == 0.001
    assert settings["weights"]["style"] == 5 and settings["draft"] == "arbitrary"
    assert presets.PRESET["steps"]["net_rev"] == 1  # the recipe itself is left as it was
    assert presets.main(["train", "scream", "--runs", str(runs), "--set", "lr=0.01"]) == 1
    assert json.loads((runs / "scream" / "settings.json").read_text(encoding="utf-8"))["lr"] == 0.001
    assert presets.main(["train", "scream", "--runs", str(runs), "--set", "lr"]) == 1


def write_general(weights: Path) -> dict:
    """A general model (a revision net of 16 channels that is not the identity) in ``weights``; its arrays."""
    from models import paddle

    from app.pipeline.training.base import write_model
    from app.pipeline.training.lapstyle import fresh_arbitrary_model

    net = fresh_arbitrary_model(1, 16, seed=1)
    rev = net.net_rev.UpBlock[-1]
    rev.weight.set_value(paddle.randn(rev.weight.shape) * 0.01)
    general = {k: v.numpy() for k, v in net.state_dict().items() if k.startswith("net_rev.")}
    write_model(weights, "lapstyle-general", "lapstyle", "general", general, {"draft": "arbitrary"})
    return general


def test_a_preset_fits_its_paintings_vector_on_the_general_models_net_and_its_card_says_so(presets, tmp_path):
    general = write_general(tmp_path / "weights")
    presets.PRESET.update(init="lapstyle-general", steps={"draft": 0, "vector": 2, "net_rev": 0, "net_rev_2": 0})
    runs = tmp_path / "runs"
    presets.cmd_train("woodcut", runs)
    settings = json.loads((runs / "woodcut" / "settings.json").read_text(encoding="utf-8"))
    assert Path(settings["content"]) == REPO / "assets" / "samples"  # the photos the fine-tune dialog offers
    state = load_file(str(zoo.get("lapstyle-woodcut").file))
    assert all(np.array_equal(state[k], general[k].astype(state[k].dtype)) for k in general)  # a run writes halves
    painting = read_image(presets.DATA / "style" / presets.STYLES["woodcut"]).rgb
    predicted = transfer.style_vector("arbitrary", painting, "paddle")
    assert np.abs(state[zoo.PRESET_VECTOR] - predicted).max() > 1e-3  # fitted, not the predictor's
    facts = presets.cmd_card("woodcut", runs)
    assert facts["revision_net"].startswith("the general model's")
    fit = facts["style_vector"]
    assert (fit["steps"], fit["photos_a_step"], fit["share_kept"], fit["photos"]) == (2, 2, 0.5, "samples (4)")
    assert fit["final_patch_loss"] > 0
    overview = (tmp_path / "sheets" / "README.md").read_text(encoding="utf-8")
    assert "| `lapstyle-woodcut` | Camille Mauclair, Felix Vallotton | fitted, 2 x 2 | the general's |" in overview


def test_a_preset_without_steps_is_the_general_model_with_its_paintings_vector(presets, tmp_path):
    general = write_general(tmp_path / "weights")
    presets.PRESET["steps"] = {"draft": 0, "vector": 0, "net_rev": 0, "net_rev_2": 0}
    presets.cmd_train("woodcut", tmp_path / "runs")
    assert not (tmp_path / "runs" / "woodcut").exists()  # no run: nothing trained
    model = zoo.get("lapstyle-woodcut")
    assert model.own_style and model.options["monochrome"] and model.options["trained_from"] == "lapstyle-general"
    state = load_file(str(model.file))
    assert all(np.array_equal(state[k], general[k]) for k in general)
    painting = read_image(presets.DATA / "style" / presets.STYLES["woodcut"]).rgb
    np.testing.assert_allclose(state[zoo.PRESET_VECTOR], transfer.style_vector("arbitrary", painting, "paddle"))
