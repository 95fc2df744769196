"""Restoration's steps follow the damage and the model's purpose, and restore runs exactly those steps."""
import numpy as np
import pytest

from app.pipeline import restoration, transfer, zoo
from app.pipeline.degrade import degrade, despeckle
from app.pipeline.imageio import read_image
from app.pipeline.restoration import DESPECKLE, Damage
from app.pipeline.training.base import write_model
from app.pipeline.training.metrics import psnr


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


def with_and_without_the_ensemble(model_id, alone, folder, monkeypatch):
    """A weights folder for the test with the shipped ``model_id`` (its card asks for the self-ensemble) and its
    weights again as ``alone``, under a card without the option."""
    import json
    import shutil

    shipped = zoo.get(model_id)
    assert shipped.self_ensemble
    monkeypatch.setenv("HUAFENG_WEIGHTS", str(folder))
    for name, options in ((model_id, shipped.options), (alone, {k: v for k, v in shipped.options.items()
                                                               if k != "self_ensemble"})):
        shutil.copy(shipped.file, folder / f"{name}.safetensors")
        card = {"id": name, "kind": shipped.kind, "title": name, "license": "ours", "options": options}
        (folder / f"{name}.json").write_text(json.dumps(card))


def test_srresnet_x4_averages_its_results_on_the_mirror_images(kit, tmp_path, monkeypatch):
    """The shipped 4x card asks for the self-ensemble: the result is the mean of the net's results on the photo and
    its three mirror images (mirrored back), so the result of a mirrored photo is the mirrored result. The net
    alone, the same weights under a card without the option, is not that symmetric."""
    with_and_without_the_ensemble("srresnet-x4", "srresnet-x4-alone", tmp_path, monkeypatch)
    photo = read_image(kit / "content" / "test_chelsea.jpg").rgb[40:88, 60:124]
    mirror = np.ascontiguousarray(photo[:, ::-1])
    ensemble = transfer.restore(photo, "srresnet-x4").astype(int)
    assert ensemble.shape == (192, 256, 3)
    assert np.abs(transfer.restore(mirror, "srresnet-x4")[:, ::-1] - ensemble).max() <= 1
    alone = [transfer.restore(np.ascontiguousarray(photo[::r, ::c]), "srresnet-x4-alone") for r, c in transfer.MIRRORS]
    assert np.abs(transfer.restore(mirror, "srresnet-x4-alone")[:, ::-1].astype(int) - alone[0]).max() > 4
    mean = np.mean([out[::r, ::c].astype(float) for (r, c), out in zip(transfer.MIRRORS, alone)], axis=0)
    assert np.abs(ensemble - mean).max() <= 1


@pytest.mark.parametrize("noise, blur, gain", [(0.05, 3, 6), (0.1, 3, 5), (0.1, 4, 4), (0.0, 5, 3)])
def test_the_shipped_cleaner_undoes_the_noise_panels_damage(kit, noise, blur, gain):
    """dotfinder-clean with Restore: the dots it finds are taken out of the blur and the blur is undone; the result
    is nearer the photo than the damaged photo by ``gain`` dB (docs/MODELS.md measures the held-out photos)."""
    photo = read_image(kit / "sr" / "chelsea.png").rgb
    damaged = degrade(photo, noise, blur, seed=2)
    done = restoration.restore(damaged, "dotfinder-clean", Damage(noise, blur))
    assert done.steps == ("dotfinder-clean",)
    assert psnr(done.image, photo) > psnr(damaged, photo) + gain


def test_a_mirror_image_of_an_even_blur_finds_its_dots_where_they_fell(kit, tmp_path, monkeypatch):
    """An even box is off-centre, so the self-ensemble moves each mirror image's answer one pixel back: it then
    agrees with the single pass and restores at least as well; not moved, it misplaces the dots."""
    with_and_without_the_ensemble("dotfinder-clean", "dotfinder-single", tmp_path, monkeypatch)
    photo = read_image(kit / "sr" / "chelsea.png").rgb[:160, :200]
    damaged = degrade(photo, 0.05, 2, seed=4)
    single = transfer.dot_probabilities(damaged, "dotfinder-single", 2)
    ensemble = transfer.dot_probabilities(damaged, "dotfinder-clean", 2)
    unmoved = transfer.dot_probabilities(damaged, "dotfinder-clean", 3)  # an odd box's rule: no move
    np.testing.assert_allclose(ensemble.sum(axis=2), 1.0, atol=0.01)
    assert np.abs(ensemble - single).mean() < 0.5 * np.abs(unmoved - single).mean()
    scores = {name: psnr(restoration.restore(damaged, name, Damage(0.05, 2)).image, photo)
              for name in ("dotfinder-clean", "dotfinder-single")}
    assert scores["dotfinder-clean"] >= scores["dotfinder-single"] - 0.1, scores
