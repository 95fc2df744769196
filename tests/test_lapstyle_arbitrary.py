"""LapStyle drafted by the arbitrary network: the draft is the arbitrary network itself, the revision levels grow
with the picture, the fast graphs and tiles agree with the dynamic graph, a preset carries its style vector, and
training adds revision nets on top of the frozen draft."""
import models  # noqa: F401,I001  (first: sets Paddle's thread count before paddle is imported)
import numpy as np
import pytest
from safetensors.numpy import load_file

from app.pipeline import lapstyle_schedule, networks, transfer, zoo
from app.pipeline.errors import UserError
from app.pipeline.imageio import read_image
from app.pipeline.recipe import Recipe, render_preview, run_model
from app.pipeline.tensors import fit_max_side, spanning_squares, to_tensor
from app.pipeline.training.base import write_model
from app.pipeline.training.lapstyle import DEFAULTS, LapStyleTrainer, fresh_arbitrary_model
from app.pipeline.training.runner import resolve
from models.pyramid import upsample_bilinear
from tests.training import run_job


@pytest.fixture(autouse=True)
def weights_folder(tmp_path, monkeypatch):
    """A weights folder of the test's own; networks loaded from another test's folder are let go."""
    monkeypatch.setenv("HUAFENG_WEIGHTS", str(tmp_path / "weights"))
    networks.forget_networks()
    yield tmp_path / "weights"
    networks.forget_networks()


@pytest.fixture(scope="module")
def images(kit):
    photo = read_image(kit / "content" / "test_chelsea.jpg").rgb
    style = read_image(kit / "style" / "van_gogh_the_starry_night_1889.jpg").rgb
    return photo, style


def _model(folder, name="lapstyle-drafted", levels=1, vector=None, scale=0.02):
    """A LapStyle drafted by the arbitrary network with random revision nets (their last conv ``scale`` times
    normal noise), written where the zoo looks."""
    from models import paddle

    net = fresh_arbitrary_model(levels, 16, seed=3)
    for rev in net.revision_nets():
        last = rev.UpBlock[-1]
        last.weight.set_value(paddle.randn(last.weight.shape) * scale)
    state = {k: v.numpy() for k, v in net.state_dict().items() if not k.startswith("net_draft.")}
    options = {"draft": "arbitrary"}
    if vector is not None:
        state[zoo.PRESET_VECTOR], options["style"] = vector, "painting"
    folder.mkdir(exist_ok=True)
    write_model(folder, name, "lapstyle", name, state, options)
    return name


def test_levels_grow_with_the_picture_from_the_draft_alone():
    levels = [lapstyle_schedule.revision_levels(side * 3 // 4, side, drafted_by="arbitrary") for side in
              (300, 448, 700, 1024, 2560, 4096)]
    assert levels == [0, 0, 1, 1, 3, 3]
    assert lapstyle_schedule.revision_levels(1200, 1600, wanted=0, drafted_by="arbitrary") == 0
    with pytest.raises(UserError, match="between 1 and 7"):  # PaddleGAN's layout revises at least once
        lapstyle_schedule.revision_levels(1200, 1600, wanted=0)


def test_up_to_the_draft_size_it_is_the_arbitrary_network(weights_folder, images):
    photo, style = images
    model = _model(weights_folder)
    content = photo[:240, :320]
    ours = transfer.stylize(content, model, style, backend="paddle")
    theirs = transfer.stylize(content, "arbitrary", style, backend="paddle")
    np.testing.assert_array_equal(ours, theirs)


def test_revision_nets_revise_a_repainting_and_levels_beyond_add_its_band(weights_folder, images):
    """With a zero residual the trained level is the bilinear enlargement of the draft; the level beyond the one
    trained net adds the band of the arbitrary network's repainting as it is; a trained net adds its own."""
    from models import paddle

    net = fresh_arbitrary_model(1, 16, seed=0)
    vector = net.style_vector(to_tensor(images[1][:256, :256]))
    content = to_tensor(images[0][:256, :384])
    with paddle.no_grad():
        draft, first, second = net.revise(content, vector, 2)
        np.testing.assert_allclose(first.numpy(), upsample_bilinear(draft).numpy(), atol=1e-5)
        assert draft.shape[2:] == [64, 96] and second.shape[2:] == [256, 384]
        band = net.repainted_band(first, content, vector)
        np.testing.assert_allclose(second.numpy(), (upsample_bilinear(first) + band).numpy(), atol=1e-5)
        assert float(band.abs().mean()) > 1e-2  # the repainting adds detail of its own
        rev = net.revision_nets()[0].UpBlock[-1]
        rev.weight.set_value(paddle.randn(rev.weight.shape) * 0.05)
        revised = net.revise(content, vector, 2)[-1]
    assert float((revised - second).abs().mean()) > 1e-3


def test_fast_graph_and_tiles_agree_with_the_dynamic_graph(weights_folder, images):
    photo, style = images
    model = _model(weights_folder)
    content = np.ascontiguousarray(np.concatenate([photo, photo[:, ::-1]], axis=1)[:, :600])
    reference = transfer.stylize(content, model, style, levels=2, backend="paddle").astype(float)
    assert reference.shape == content.shape
    for options in ({"backend": "onnx"}, {"backend": "paddle", "tile": 128}):
        out = transfer.stylize(content, model, style, levels=2, **options).astype(float)
        assert np.abs(out - reference).mean() < 1.0, options
        assert np.abs(out - reference).max() < 40, options


def test_spanning_squares_cover_the_image_end_to_end():
    wide = np.arange(100 * 250 * 3, dtype=np.uint32).reshape(100, 250, 3).astype(np.uint8)
    squares = spanning_squares(wide, 100)
    assert len(squares) == 4  # ceil(250 / 100) + 1
    assert np.array_equal(squares[0], wide[:, :100]) and np.array_equal(squares[-1], wide[:, 150:])
    assert np.array_equal(spanning_squares(wide.transpose(1, 0, 2), 100)[-1], wide[:, 150:].transpose(1, 0, 2))
    assert [square.shape for square in spanning_squares(wide[:, :100], 64)] == [(64, 64, 3)]


def test_a_wide_images_style_vector_counts_its_ends_as_much_as_its_centre(images):
    """The painting beside the photo: the mean of the painting's, the seam's and the photo's vectors, far from the
    seam's alone (what the central square gave)."""
    photo, style = images
    painting, picture = style[:256, :256], photo[:256, :256]
    wide = np.ascontiguousarray(np.concatenate([painting, picture], axis=1))
    parts = [painting, wide[:, 128:384], picture]
    vectors = [transfer.style_vector("arbitrary", np.ascontiguousarray(part), "paddle") for part in parts]
    vector = transfer.style_vector("arbitrary", wide, "paddle")
    np.testing.assert_allclose(vector, np.mean(vectors, axis=0), atol=1e-5)
    assert np.linalg.norm(vector - vectors[1]) > 0.2 * np.linalg.norm(vectors[0] - vectors[2])


def test_a_preset_paints_with_the_vector_it_carries(weights_folder, images):
    photo, style = images
    vector = transfer.style_vector("arbitrary", style, "paddle")
    model = _model(weights_folder, "lapstyle-painting", vector=vector)
    assert zoo.get(model).own_style
    content = photo[:256, :384]
    preset = transfer.stylize_preset(content, model, levels=1, backend="paddle").astype(int)
    after_image = transfer.stylize(content, model, style, levels=1, backend="paddle").astype(int)
    assert np.abs(preset - after_image).max() <= 1
    weaker = transfer.stylize_preset(content, model, alpha=0.3, levels=1, backend="paddle").astype(int)
    assert np.abs(weaker - preset).mean() > 5


def test_training_adds_revision_nets_to_the_frozen_draft(kit, tmp_path, weights_folder):
    style = str(kit / "style" / "van_gogh_the_starry_night_1889.jpg")
    content = kit / "content"
    options = {"style": style, "content": str(content), "draft": "arbitrary", "levels": 1, "channels": 16,
               "size": 32, "steps": {"draft": 5, "net_rev": 2}, "batch": {"net_rev": 2}, "preview_side": 64,
               "revision_weights": {"remd": 0, "relt": 0, "swag": 0}}
    trainer = LapStyleTrainer(resolve(DEFAULTS, options), tmp_path / "t")
    assert trainer.stages == [("net_rev", 2)]  # the arbitrary network drafts: no drafting stage
    draft = {k: v.numpy().copy() for k, v in trainer.model.net_draft.state_dict().items()}
    losses = trainer.train_step(0)
    assert {"content", "style", "gan", "disc"} <= set(losses) and "remd" not in losses
    for key, value in trainer.model.net_draft.state_dict().items():
        np.testing.assert_array_equal(value.numpy(), draft[key], err_msg=key)

    run_job("lapstyle", {**options, "name": "trained"}, tmp_path / "run")
    path = weights_folder / "lapstyle-trained.safetensors"
    state = load_file(str(path))
    assert not any(k.startswith(("net_draft.", "net_enc.")) for k in state)
    assert state[zoo.PRESET_VECTOR].shape == (1, 100)
    model = zoo.get("lapstyle-trained")
    assert model.options["draft"] == "arbitrary" and model.own_style
    out = transfer.stylize_preset(read_image(content / "test_chelsea.jpg").rgb, model.id)
    assert out.shape == read_image(content / "test_chelsea.jpg").rgb.shape


def test_the_preview_is_the_render_smaller(weights_folder, images):
    """A 1600 px render drafts at 400 px: its preview drafts there too and is shrunk, so the render seen at the
    preview's size is the preview (the revision levels add bands, which shrinking takes out)."""
    import cv2

    photo, style = images
    recipe = Recipe(zoo.get(_model(weights_folder, scale=0.005)), style)
    content = cv2.resize(photo, (1600, 1200), interpolation=cv2.INTER_CUBIC)
    small, preview = render_preview(content, recipe, 448)
    assert small.shape == preview.shape == (336, 448, 3)
    render = fit_max_side(run_model(content, recipe), 448).astype(float)
    assert np.abs(render - preview).mean() < 3.0  # the levels add bands only; shrinking by 3.6 leaves a trace
    plain = fit_max_side(transfer.stylize(content, "arbitrary", style), 448).astype(float)
    assert np.abs(plain - preview).mean() > 4 * np.abs(render - preview).mean()  # unlike the network at full size


def test_the_general_model_on_the_arbitrary_draft_paints_any_style_image_by_default(weights_folder):
    assert transfer.any_style_model() == "arbitrary"  # no general model here
    general = zoo.get(_model(weights_folder, transfer.GENERAL_LAPSTYLE))
    assert transfer.any_style_model() == transfer.GENERAL_LAPSTYLE
    assert transfer.mixes_like(general) == "arbitrary"  # it mixes two style images, as the arbitrary network does
