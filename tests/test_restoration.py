"""Restoration's steps follow the damage and the model's purpose, and restore runs exactly those steps."""
import numpy as np
import pytest

from app.pipeline import restoration, transfer, zoo
from app.pipeline.degrade import degrade, despeckle
from app.pipeline.imageio import read_image
from app.pipeline.restoration import DESPECKLE, Damage
from app.pipeline.training.base import write_model


def model(purpose_scale, **options):
    return zoo.Model(id="m", kind="srresnet", title="", license="", converter="",
                     options={"scale": purpose_scale, **options})


@pytest.mark.parametrize("damage, clean, upscale", [
    (None, ("m",), ("m",)),                              # unknown damage: the model as asked
    (Damage(0.05, 0), (DESPECKLE,), (DESPECKLE, "m")),   # unblurred dots: found exactly, replaced
    (Damage(0.05, 3), ("m",), (DESPECKLE, "m")),          # blurred dots: what the cleaning model is for
    (Damage(0.0, 5), ("m",), ("m",)),                     # a blur alone
    (Damage(0.0, 1), (), ("m",)),                         # no damage: nothing to clean
])
def test_steps_follow_the_damage_and_the_purpose(damage, clean, upscale):
    assert restoration.steps(model(1), damage) == clean
    assert restoration.steps(model(4), damage) == upscale
    assert restoration.steps(model(2, purpose="both"), damage) == upscale


def test_models_say_what_they_are_for():
    assert zoo.get("waifu2x-photo-x2").purpose == "upscale"
    assert {zoo.get(f"waifu2x-photo-n{n}").purpose for n in range(4)} == {"both"}
    assert model(1).purpose == "clean" and model(4).purpose == "upscale"


@pytest.fixture
def cleaner(tmp_path, monkeypatch):
    """A same-size SRResNet (random weights) in a weights folder the zoo reads."""
    from models import paddle
    from models.srresnet import SRResNet

    monkeypatch.setenv("HUAFENG_WEIGHTS", str(tmp_path))
    paddle.seed(3)
    net = SRResNet(num_blocks=1, channels=8, scale=1, outer_kernel=3, fold=2)
    write_model(tmp_path, "srresnet-tiny", "srresnet", "tiny cleaner",
                {k: v.numpy() for k, v in net.state_dict().items()}, {"scale": 1})
    return "srresnet-tiny"


def test_restore_runs_the_planned_steps(cleaner, kit):
    photo = read_image(kit / "content" / "test_chelsea.jpg").rgb[:120, :160]
    dots, blurred = degrade(photo, 0.05, 0, seed=1), degrade(photo, 0.05, 3, seed=1)
    done = restoration.restore(dots, "waifu2x-photo-x2", Damage(0.05, 0))
    assert done.steps == (DESPECKLE, "waifu2x-photo-x2")
    assert np.array_equal(done.image, transfer.restore(despeckle(dots), "waifu2x-photo-x2"))
    assert restoration.restore(dots, cleaner, Damage(0.05, 0)).image.tobytes() == despeckle(dots).tobytes()
    done = restoration.restore(blurred, cleaner, Damage(0.05, 3))
    assert done.steps == (cleaner,) and np.array_equal(done.image, transfer.restore(blurred, cleaner))
    untouched = restoration.restore(photo, cleaner, Damage())
    assert untouched.steps == () and untouched.image is photo


def test_srresnet_x4_averages_its_results_on_the_mirror_images(kit, tmp_path, monkeypatch):
    """The shipped 4x card asks for the self-ensemble: the result is the mean of the net's results on the photo and
    its three mirror images (mirrored back), so the result of a mirrored photo is the mirrored result. The net
    alone, the same weights under a card without the option, is not that symmetric."""
    import json
    import shutil

    shipped = zoo.get("srresnet-x4")
    assert shipped.self_ensemble
    monkeypatch.setenv("HUAFENG_WEIGHTS", str(tmp_path))
    for name, ensemble in (("srresnet-x4", True), ("srresnet-x4-alone", False)):
        shutil.copy(shipped.file, tmp_path / f"{name}.safetensors")
        card = {"id": name, "kind": "srresnet", "title": name, "license": "ours",
                "options": {"scale": 4, **({"self_ensemble": True} if ensemble else {})}}
        (tmp_path / f"{name}.json").write_text(json.dumps(card))
    photo = read_image(kit / "content" / "test_chelsea.jpg").rgb[40:88, 60:124]
    mirror = np.ascontiguousarray(photo[:, ::-1])
    ensemble = transfer.restore(photo, "srresnet-x4").astype(int)
    assert ensemble.shape == (192, 256, 3)
    assert np.abs(transfer.restore(mirror, "srresnet-x4")[:, ::-1] - ensemble).max() <= 1
    alone = [transfer.restore(np.ascontiguousarray(m(photo)), "srresnet-x4-alone") for m in transfer.MIRRORS]
    assert np.abs(transfer.restore(mirror, "srresnet-x4-alone")[:, ::-1].astype(int) - alone[0]).max() > 4
    mean = np.mean([m(out).astype(float) for m, out in zip(transfer.MIRRORS, alone)], axis=0)
    assert np.abs(ensemble - mean).max() <= 1
