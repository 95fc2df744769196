"""LapStyle training: real short runs on tiny data (draft at 32 px, revision at 64 px).

Losses are finite and fall on a fixed batch; a run cancelled and resumed ends with exactly the weights of a
straight run; a cancelled run leaves a usable checkpoint; bad inputs fail before any work; the finished
model is listed by the zoo and stylizes through the normal pipeline.
"""
import models  # noqa: F401,I001  (first: sets Paddle's thread count before paddle is imported)
import csv
import json
import math
import os
import pickle
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import load_file

from app.cli import _train_options, build_parser
from app.pipeline import networks, transfer, zoo
from app.pipeline.errors import UserError
from app.pipeline.imageio import read_image
from app.pipeline.training import PRESETS, finetune, finetune_options, train
from app.pipeline.training import checkpoint
from app.pipeline.tensors import to_tensor
from app.pipeline.training.data import resize_short_side
from app.pipeline.training.base import write_model
from app.pipeline.training.lapstyle import ARBITRARY_REVISION_WEIGHTS, DEFAULTS, LapStyleTrainer, fresh_arbitrary_model
from app.pipeline.training.runner import resolve
from tests.training import assert_resume_is_exact, run_job

TINY = {"size": 32, "levels": 1, "preview_side": 64, "preview_every": 2, "batch": {"draft": 2, "net_rev": 1},
        "steps": {"draft": 2, "net_rev": 2}}


@pytest.fixture(scope="module")
def data(kit, tmp_path_factory):
    folder = tmp_path_factory.mktemp("content")
    for path in sorted((kit / "content").glob("train_*.jpg"))[:3]:
        shutil.copy(path, folder)
    return {"content": str(folder), "style": str(kit / "style" / "van_gogh_the_starry_night_1889.jpg")}


@pytest.fixture(autouse=True)
def weights_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HUAFENG_WEIGHTS", str(tmp_path / "weights"))
    return tmp_path / "weights"


run = partial(run_job, "lapstyle")  # run(options, run_dir, stop_at=None, resume=False) -> events


@pytest.mark.parametrize("stage", ["draft", "net_rev"])
def test_losses_are_finite_and_fall_on_a_fixed_batch(data, tmp_path, stage):
    steps = {"draft": 0, "net_rev": 0, stage: 8}
    settings = resolve(DEFAULTS, {**data, **TINY, "steps": steps})  # the default learning rate
    trainer = LapStyleTrainer(settings, tmp_path)
    history = [trainer.train_step(0) for _ in range(8)]  # step 0 again and again: the same batch
    assert all(math.isfinite(v) for losses in history for v in losses.values())
    assert history[-1]["total"] < 0.9 * history[0]["total"]
    if stage == "net_rev":
        assert "gan" in history[0] and "disc" in history[0]


def test_revision_weights_apply_to_the_revision_stages_only(data, tmp_path):
    reports = []
    for extra in ({}, {"revision_weights": {"content": 101.0}}):
        trainer = LapStyleTrainer(resolve(DEFAULTS, {**data, **TINY, **extra}), tmp_path)
        reports.append((trainer.train_step(0), trainer.train_step(2)))  # a draft step, then a revision step
    (draft, revision), (draft_w, revision_w) = reports
    assert draft_w["total"] == pytest.approx(draft["total"], rel=1e-5)
    assert revision_w["content"] == pytest.approx(revision["content"], rel=1e-4)
    assert revision_w["total"] - revision["total"] == pytest.approx(100 * revision["content"], rel=1e-3)
    with pytest.raises(UserError, match="unknown keys for 'revision_weights': contnet"):
        LapStyleTrainer(resolve(DEFAULTS, {**data, **TINY, "revision_weights": {"contnet": 8}}), tmp_path)


def test_the_encoder_stays_frozen_with_its_batchnorm_statistics(data, tmp_path):
    """The loss network sees features as inference does: no BatchNorm running statistics drift in training."""
    trainer = LapStyleTrainer(resolve(DEFAULTS, {**data, **TINY}), tmp_path)
    before = {k: v.numpy().copy() for k, v in trainer.model.net_enc.state_dict().items()}
    trainer.train_step(0)
    trainer.train_step(2)  # a revision step
    for key, value in trainer.model.net_enc.state_dict().items():
        np.testing.assert_array_equal(value.numpy(), before[key], err_msg=key)


def test_resume_gives_the_same_weights_as_a_straight_run(data, tmp_path):
    options = {**data, **TINY}
    straight = run(options, tmp_path / "straight")
    assert [e.step for e in straight[:-1]] == [1, 2, 3, 4] and straight[-1].model_path
    # stop in the draft stage, resume; stop in the revision stage, resume
    first = run(options, tmp_path / "resumed", stop_at=1)
    assert first[-1].step == 1 and first[-1].checkpoint and not first[-1].model_path
    arrays, info = checkpoint.load(first[-1].checkpoint)
    assert info["step"] == 1 and any(k.startswith("opt_g.") for k in arrays)
    second = run({}, tmp_path / "resumed", stop_at=3, resume=True)
    assert [e.step for e in second] == [2, 3, 3]
    third = run({}, tmp_path / "resumed", resume=True)
    assert third[-1].model_path
    a = load_file(str(tmp_path / "straight" / "lapstyle-straight.safetensors"))
    b = load_file(str(tmp_path / "resumed" / "lapstyle-resumed.safetensors"))
    assert a.keys() == b.keys()
    for key in a:
        np.testing.assert_array_equal(a[key], b[key], err_msg=key)
    with open(tmp_path / "resumed" / "losses.csv") as f:
        rows = list(csv.reader(f))
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"] and [r[2] for r in rows[1:]] == \
        ["draft", "draft", "net_rev", "net_rev"]
    with open(tmp_path / "straight" / "losses.csv") as f:
        straight_rows = list(csv.reader(f))
    assert [r[3:] for r in rows] == [r[3:] for r in straight_rows]  # the same losses at every step


def test_finished_model_is_in_the_zoo_and_stylizes(data, tmp_path, weights_folder, kit):
    events = run({**data, **TINY, "name": "Tiny Starry"}, tmp_path / "run")
    model_path = events[-1].model_path
    assert model_path == weights_folder / "lapstyle-tiny-starry.safetensors"
    assert (tmp_path / "run" / "lapstyle-tiny-starry.safetensors").exists()
    assert sorted(p.name for p in (tmp_path / "run" / "previews").iterdir()) == \
        ["step_000002.jpg", "step_000004.jpg"]
    model = zoo.get("lapstyle-tiny-starry")
    assert model.kind == "lapstyle" and model.own_style and model.options["encoder"] == "efficientnet-lite0"
    assert (weights_folder / "lapstyle-tiny-starry.jpg").is_file()  # the gallery's thumbnail
    assert not list(weights_folder.glob("*.style.*"))  # the painting itself is not kept
    photo = read_image(sorted((kit / "content").glob("test_*.jpg"))[0]).rgb[:100, :150]
    style = read_image(data["style"]).rgb
    own = transfer.stylize_preset(photo, "lapstyle-tiny-starry")  # the preset's own style
    assert own.shape == photo.shape and own.std() > 1  # not a blank image
    assert transfer.stylize(photo, "lapstyle-tiny-starry", style).shape == photo.shape  # any style image too
    assert transfer.stylize_preset(photo, str(model_path)).shape == photo.shape  # by path too
    assert "monochrome" not in model.options and own.std(axis=2).max() > 0  # a painting in colour draws in colour


def test_a_preset_of_a_black_and_white_painting_draws_in_grey(data, tmp_path, kit):
    woodcut = kit / "style" / "vallotton_portrait_of_camille_mauclair_woodcut.jpg"
    run({**data, **TINY, "style": str(woodcut), "name": "print"}, tmp_path / "run")
    assert zoo.get("lapstyle-print").options["monochrome"] is True
    photo = read_image(sorted((kit / "content").glob("test_*.jpg"))[0]).rgb[:100, :150]
    own = transfer.stylize_preset(photo, "lapstyle-print")
    assert own.std() > 1 and np.array_equal(own[..., 0], own[..., 1]) and np.array_equal(own[..., 1], own[..., 2])
    assert read_image(tmp_path / "run" / "lapstyle-print.jpg").rgb.std(axis=2).max() <= 2  # its thumbnail, grey
    colour = transfer.stylize(photo, "lapstyle-print", read_image(data["style"]).rgb)  # given a painting in colour
    assert colour.std(axis=2).max() > 10


def test_preset_keeps_what_it_trained_in_half_precision_and_the_style_as_statistics(data, tmp_path,
                                                                                     weights_folder):
    from models import paddle

    path = run({**data, **TINY, "name": "half"}, tmp_path / "run")[-1].model_path
    stored = load_file(str(path))
    assert not any(k.startswith("net_enc.") for k in stored)  # the encoder comes from the zoo
    assert {v.dtype for k, v in stored.items() if k.startswith("net_")} == {np.dtype(np.float16)}
    net = networks.network("lapstyle-half")
    side = TINY["size"] + TINY["size"] // 16  # the draft's training scale (its crops came from this size)
    with paddle.no_grad():
        stats = net.style_statistics(to_tensor(resize_short_side(read_image(data["style"]).rgb, side)))
    for tap, (mean, std) in stats.items():
        np.testing.assert_allclose(net.style_stats[tap][0], mean.numpy().reshape(-1), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(net.style_stats[tap][1], std.numpy().reshape(-1), rtol=1e-5, atol=1e-6)


def test_checkpoint_every_step_when_the_interval_is_zero(data, tmp_path):
    events = run({**data, **TINY, "checkpoint_minutes": 0, "steps": {"draft": 2, "net_rev": 0}}, tmp_path / "r")
    assert all(e.checkpoint for e in events)


def test_bad_inputs_fail_before_any_work(data, tmp_path):
    bad = tmp_path / "style.jpg"
    bad.write_text("not an image")
    with pytest.raises(UserError, match="style image.*not an image"):
        run({**data, **TINY, "style": str(bad)}, tmp_path / "r1")
    assert not (tmp_path / "r1").exists()
    with pytest.raises(UserError, match="content folder .* does not exist"):
        run({**data, **TINY, "content": str(tmp_path / "none")}, tmp_path / "r2")
    with pytest.raises(UserError, match="unknown training option 'stepz'"):
        run({**data, "stepz": 3}, tmp_path / "r3")
    with pytest.raises(UserError, match="no training run to resume"):
        run({}, tmp_path / "r4", resume=True)
    with pytest.raises(UserError, match="'blend' must be between 0 and 1"):
        run({**data, **TINY, "blend": 1.5}, tmp_path / "r6")
    with pytest.raises(UserError, match="unknown style_target 'corner'"):
        run({**data, **TINY, "style_target": "corner"}, tmp_path / "r7")
    with pytest.raises(UserError, match="style_target 'whole' needs one style image"):
        run({**data, **TINY, "style_target": "whole", "style": str(Path(data["style"]).parent)}, tmp_path / "r8")
    with pytest.raises(UserError, match="unknown preset"):
        list(finetune(data["style"], data["content"], tmp_path / "r5", preset="fast"))
    assert set(PRESETS) == {"quick", "standard", "high"}


def test_a_run_folder_is_not_overwritten(data, tmp_path):
    run({**data, **TINY, "steps": {"draft": 1, "net_rev": 0}}, tmp_path / "r")
    with pytest.raises(UserError, match="already holds a training run"):
        run({**data, **TINY}, tmp_path / "r")


def test_a_run_being_trained_is_refused_to_a_second_trainer(data, tmp_path):
    first = train("lapstyle", {**data, **TINY, "steps": {"draft": 2, "net_rev": 0}}, tmp_path / "r", "cpu")
    assert next(first).step == 1  # the run folder is held from here on
    with pytest.raises(UserError, match=rf"already being trained \(by process {os.getpid()}\)"):
        list(train("lapstyle", {}, tmp_path / "r", "cpu", resume=True))
    assert list(first)[-1].model_path is not None  # the first run was not disturbed
    assert not (tmp_path / "r" / "training.lock").exists()
    assert len(list(train("lapstyle", {}, tmp_path / "r", "cpu", resume=True))) == 1  # free again: resumable


def test_a_lock_left_by_a_process_that_is_gone_is_taken_over(data, tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "training.lock").write_text(gone.stdout.strip())
    events = run({**data, **TINY, "steps": {"draft": 1, "net_rev": 0}}, tmp_path / "r")
    assert events[-1].model_path is not None and not (tmp_path / "r" / "training.lock").exists()


def test_fine_tune_from_an_initial_model(data, tmp_path, weights_folder):
    """A model from one run is the starting point of the next: its weights are loaded, not re-initialised."""
    first = run({**data, **TINY, "steps": {"draft": 1, "net_rev": 1}}, tmp_path / "base")[-1].model_path
    events = run({**data, **TINY, "init": str(first), "steps": {"draft": 0, "net_rev": 1}, "lr": 0.0},
                 tmp_path / "tuned")
    a, b = load_file(str(first)), load_file(str(events[-1].model_path))
    for key in a:  # learning rate 0: nothing moved
        np.testing.assert_array_equal(a[key], b[key], err_msg=key)


def test_blend_ends_a_fine_tune_between_its_initial_and_its_trained_weights(data, tmp_path):
    """With ``blend`` the net a stage trains ends that share of the way from the initial model's weights to where
    training took it, once, at the stage's end: a run stopped mid-stage and resumed ends the same."""
    first = run({**data, **TINY, "steps": {"draft": 1, "net_rev": 1}}, tmp_path / "base")[-1].model_path
    tune = {**data, **TINY, "init": str(first), "steps": {"draft": 0, "net_rev": 3}, "lr": 1e-3}
    ends = {}
    for share in (1.0, 0.25):
        run({**tune, "blend": share}, tmp_path / str(share))
        ends[share] = checkpoint.load(tmp_path / str(share) / "checkpoint.safetensors")[0]
    start = {f"model.{key}": value for key, value in load_file(str(first)).items()
             if key.startswith(("net_dec.", "net_rev."))}
    trained = [key for key in start if key.startswith("model.net_rev.")]
    assert any(np.abs(ends[1.0][key] - start[key]).max() > 1e-4 for key in trained)
    for key in start:
        expected = start[key] + 0.25 * (ends[1.0][key] - start[key]) if key in trained else start[key]
        np.testing.assert_allclose(ends[0.25][key], expected, rtol=1e-5, atol=1e-6, err_msg=key)
    assert_resume_is_exact("lapstyle", {**tune, "blend": 0.25}, tmp_path)


def test_style_target_whole_takes_the_revision_style_terms_against_the_whole_painting(data, tmp_path):
    """The same steps on the same crops: with ``style_target`` whole the revision stage's style and colour terms
    differ (they see the painting whole), its content term and the draft stage do not."""
    rows = {}
    for target in ("crops", "whole"):
        run({**data, **TINY, "steps": {"draft": 1, "net_rev": 1}, "style_target": target}, tmp_path / target)
        with open(tmp_path / target / "losses.csv") as f:
            rows[target] = list(csv.DictReader(f))
    (draft, revision), (whole_draft, whole_revision) = rows["crops"], rows["whole"]
    assert draft["style"] == whole_draft["style"] and revision["content"] == whole_revision["content"]
    assert revision["style"] != whole_revision["style"] and revision["color"] != whole_revision["color"]


ARBITRARY = {"draft": "arbitrary", "levels": 1, "channels": 8, "size": 32, "preview_side": 64,
             "batch": {"vector": 1, "net_rev": 1}}


def test_vector_stage_fits_the_presets_style_vector_and_nothing_else(data, tmp_path):
    """The "vector" stage trains the painting's style vector against the patch loss (``patch`` in the log) and
    leaves the revision net as it was; the preset keeps the fitted vector, which ``blend`` moves back towards the
    predictor's; a run stopped in the stage and resumed ends the same; a general model (many paintings) has no
    one vector to fit."""
    fit = {**data, **ARBITRARY, "steps": {"vector": 3, "net_rev": 1}, "lr": 0.0}  # the revision net stands still
    fitted = load_file(str(run(fit, tmp_path / "fit")[-1].model_path))
    plain_path = run({**fit, "steps": {"vector": 0, "net_rev": 1}}, tmp_path / "plain")[-1].model_path
    plain = load_file(str(plain_path))
    predicted = transfer.style_vector("arbitrary", read_image(data["style"]).rgb, "paddle")
    np.testing.assert_allclose(plain["style.vector"], predicted, atol=1e-6)
    assert np.abs(fitted["style.vector"] - predicted).max() > 0.01
    blended = load_file(str(run({**fit, "init": str(plain_path), "blend": 0.25}, tmp_path / "blend")[-1].model_path))
    np.testing.assert_allclose(blended["style.vector"], predicted + 0.25 * (fitted["style.vector"] - predicted),
                               atol=1e-5)
    for key in plain:
        if key != "style.vector":
            np.testing.assert_array_equal(fitted[key], plain[key], err_msg=key)
    with open(tmp_path / "fit" / "losses.csv") as f:
        rows = list(csv.DictReader(f))
    assert [r["stage"] for r in rows] == ["vector"] * 3 + ["net_rev"] and all(float(r["patch"]) > 0 for r in rows[:3])
    assert_resume_is_exact("lapstyle", {**fit, "lr": 1e-3}, tmp_path)
    styles = tmp_path / "paintings"
    styles.mkdir()
    shutil.copy(data["style"], styles / "a.jpg")
    shutil.copy(data["style"], styles / "b.jpg")
    with pytest.raises(UserError, match="one style image"):
        run({**fit, "style": str(styles)}, tmp_path / "general")


def _arbitrary_general(folder, channels):
    """A general model drafted by the arbitrary network, its revision net random, written as the zoo's
    ``lapstyle-general``: its net_rev weights."""
    from models import paddle

    net = fresh_arbitrary_model(1, channels, seed=5)
    last = net.net_rev.UpBlock[-1]
    last.weight.set_value(paddle.randn(last.weight.shape) * 0.02)
    state = {k: v.numpy() for k, v in net.state_dict().items() if not k.startswith("net_draft.")}
    folder.mkdir(exist_ok=True)
    write_model(folder, "lapstyle-general", "lapstyle", "general", state, {"draft": "arbitrary"})
    return {k: v for k, v in state.items() if k.startswith("net_rev.")}


def test_fine_tune_trains_revision_nets_on_the_arbitrary_draft(data, tmp_path, weights_folder, monkeypatch, kit):
    """Without a general model drafted by the arbitrary network (none, or one with a draft of its own) the app's
    fine-tune trains a fresh revision net on the arbitrary network's draft; with one it starts from its
    revision net."""
    assert all(PRESETS[p]["size"] == 96 for p in PRESETS)
    assert PRESETS["standard"]["revision_weights"] == PRESETS["high"]["revision_weights"] == ARBITRARY_REVISION_WEIGHTS
    # every preset fits the style vector alone and keeps half of the fit; more effort, more steps and photos a step
    assert [(PRESETS[p]["steps"]["vector"], PRESETS[p]["batch"]["vector"], PRESETS[p]["steps"]["net_rev"])
            for p in PRESETS] == [(40, 1, 0), (120, 2, 0), (120, 4, 0)]
    assert all(PRESETS[p]["blend"] == 0.5 for p in PRESETS)
    quick = PRESETS["quick"]
    tiny = {**PRESETS["quick"], "size": 32, "steps": {"draft": 0, "net_rev": 1, "net_rev_2": 0},
            "batch": {"net_rev": 1}, "preview_side": 64}
    monkeypatch.setitem(PRESETS, "tiny", tiny)
    events = list(finetune(data["style"], data["content"], tmp_path / "scratch", preset="tiny"))
    settings = json.loads((tmp_path / "scratch" / "settings.json").read_text())
    assert settings["init"] is None and settings["draft"] == "arbitrary" and settings["steps"]["draft"] == 0
    assert (settings["levels"], settings["channels"]) == (1, 24)
    model = zoo.get("lapstyle-scratch")
    assert model.options["draft"] == "arbitrary" and model.options["trained_from"] == "scratch"
    assert load_file(str(events[-1].model_path))["net_rev.UpBlock.2.weight"].shape[1] == 24
    styles = tmp_path / "paintings"
    styles.mkdir()
    shutil.copy(data["style"], styles / "a.jpg")
    shutil.copy(kit / "style" / "munch_the_scream_1893.jpg", styles / "b.jpg")
    run({**data, **TINY, "style": str(styles), "name": "general", "steps": {"draft": 1, "net_rev": 0}},
        tmp_path / "general")  # a general model with a draft of its own: not one to start from
    assert finetune_options("quick")["init"] is None
    general = _arbitrary_general(weights_folder, channels=16)
    monkeypatch.setitem(PRESETS, "tiny", {**tiny, "lr": 0.0})
    events = list(finetune(data["style"], data["content"], tmp_path / "tuned", preset="tiny"))
    settings = json.loads((tmp_path / "tuned" / "settings.json").read_text())
    assert settings["init"] == "lapstyle-general" and settings["revision_weights"] == quick["revision_weights"]
    tuned = load_file(str(events[-1].model_path))
    for key, value in general.items():  # learning rate 0: the general model's revision net, unchanged
        np.testing.assert_allclose(tuned[key], value, atol=1e-3, err_msg=key)
    command = build_parser().parse_args(["train", "lapstyle", "run", "--style", str(data["style"]), "--preset", "tiny"])
    options = _train_options(command)  # the command line's --preset is the dialog's recipe
    assert options["init"] == "lapstyle-general" and options["revision_weights"] == quick["revision_weights"]


def test_vgg_encoder(data, tmp_path, weights_folder):
    """Without vgg_normalised.pdparams the VGG encoder is a clear error; with a file of that layout it trains
    (random values here: the real file is not reachable from this machine)."""
    with pytest.raises(UserError, match="vgg_normalised.pdparams"):
        run({**data, **TINY, "encoder": "vgg"}, tmp_path / "none")
    rng = np.random.default_rng(0)
    shapes = {0: (3, 3, 1, 1), 2: (64, 3, 3, 3), 5: (64, 64, 3, 3), 9: (128, 64, 3, 3), 12: (128, 128, 3, 3),
              16: (256, 128, 3, 3), 19: (256, 256, 3, 3), 22: (256, 256, 3, 3), 25: (256, 256, 3, 3),
              29: (512, 256, 3, 3), 32: (512, 512, 3, 3), 35: (512, 512, 3, 3), 38: (512, 512, 3, 3),
              42: (512, 512, 3, 3)}
    flat = {}
    for index, shape in shapes.items():
        flat[f"{index}.weight"] = rng.normal(0, np.sqrt(2 / np.prod(shape[1:])), shape).astype(np.float32)
        flat[f"{index}.bias"] = np.zeros(shape[0], np.float32)
    weights_folder.mkdir(parents=True, exist_ok=True)
    (weights_folder / "vgg_normalised.pdparams").write_bytes(pickle.dumps(flat, protocol=2))
    events = run({**data, **TINY, "encoder": "vgg", "size": 64, "preview_side": 128,
                  "steps": {"draft": 1, "net_rev": 0}}, tmp_path / "vgg")
    assert math.isfinite(events[0].losses["total"])
    model = zoo.get("lapstyle-vgg")
    assert model.options["encoder"] == "vgg19"  # the VGG weights come from the user's file, not the model's
    assert "net_enc.enc_1.0.weight" in zoo.load_state(model)
    assert networks.network("lapstyle-vgg").style_stats is not None  # a VGG preset carries its style too


def test_damaged_checkpoint_is_a_clear_error(data, tmp_path):
    run({**data, **TINY, "steps": {"draft": 2, "net_rev": 0}}, tmp_path / "r", stop_at=1)
    (tmp_path / "r" / "checkpoint.safetensors").write_bytes(b"half a file")
    with pytest.raises(UserError, match="checkpoint is unreadable"):
        run({}, tmp_path / "r", resume=True)
    with pytest.raises(UserError, match="holds a lapstyle run, not cyclegan"):
        list(train("cyclegan", {}, tmp_path / "r", "cpu", resume=True))
