"""CycleGAN networks: PaddleGAN key layout, the vintagify port against a numpy forward, PaddleGAN files."""
import numpy as np
import paddle
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from PIL import Image

from models.cyclegan import (NLayerDiscriminator, ResnetGenerator, convert_paddlegan_cyclegan,
                             convert_vintagify, translate)
from models.safe_pickle import read_pdparams, read_torch

VINTAGE = ("vintagify", "vintagify/resources/G_A2B_epoch33.pth")
PHOTO = "content/test_chelsea.jpg"


# ---- an independent numpy forward of pytorch-CycleGAN's ResnetGenerator (float64)

def conv2d(x, w, b, stride=1, pad=0):
    x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    windows = sliding_window_view(x, w.shape[2:], axis=(2, 3))[:, :, ::stride, ::stride]
    return np.einsum("nchwij,ocij->nohw", windows, w) + b[None, :, None, None]


def conv_transpose2d(x, w, b, stride=2, pad=1, output_pad=1):
    n, _, h, wd = x.shape
    k = w.shape[2]
    full = np.zeros((n, w.shape[1], (h - 1) * stride + k + output_pad, (wd - 1) * stride + k + output_pad))
    for i in range(k):
        for j in range(k):
            full[:, :, i:i + (h - 1) * stride + 1:stride, j:j + (wd - 1) * stride + 1:stride] += \
                np.einsum("nchw,co->nohw", x, w[:, :, i, j])
    out_h, out_w = (h - 1) * stride - 2 * pad + k + output_pad, (wd - 1) * stride - 2 * pad + k + output_pad
    return full[:, :, pad:pad + out_h, pad:pad + out_w] + b[None, :, None, None]


def instance_norm(x, scale, bias, eps=1e-5):
    mean = x.mean(axis=(2, 3), keepdims=True)
    var = x.var(axis=(2, 3), keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * scale[None, :, None, None] + bias[None, :, None, None]


def reflect(x, p):
    return np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), mode="reflect")


def relu(x):
    return np.maximum(x, 0)


def numpy_generator(t, x):
    """pytorch-CycleGAN ResnetGenerator on torch keys ``t`` (vintagify naming)."""
    t = {k: v.astype(np.float64) for k, v in t.items()}

    def conv_norm(x, conv, norm, **kw):
        return instance_norm(conv2d(x, t[f"model.{conv}.weight"], t[f"model.{conv}.bias"], **kw),
                             t[f"model.{norm}.weight"], t[f"model.{norm}.bias"])

    x = relu(conv_norm(reflect(x, 3), 1, 2))
    x = relu(conv_norm(x, 4, 5, stride=2, pad=1))
    x = relu(conv_norm(x, 7, 8, stride=2, pad=1))
    for i in range(10, 19):
        r = relu(conv_norm(reflect(x, 1), f"{i}.block.1", f"{i}.block.2"))
        x = x + conv_norm(reflect(r, 1), f"{i}.block.5", f"{i}.block.6")
    for conv, norm in ((19, 20), (22, 23)):
        x = relu(instance_norm(conv_transpose2d(x, t[f"model.{conv}.weight"], t[f"model.{conv}.bias"]),
                               t[f"model.{norm}.weight"], t[f"model.{norm}.bias"]))
    return np.tanh(conv2d(reflect(x, 3), t["model.26.weight"], t["model.26.bias"]))


@pytest.fixture(scope="module")
def vintage(wheel_file):
    path = wheel_file(*VINTAGE)
    net = ResnetGenerator()
    missing, unexpected = net.set_state_dict(convert_vintagify([path]))
    assert not missing and not unexpected
    net.eval()
    return net, path


def load_photo(kit, size):
    image = Image.open(kit / PHOTO).convert("RGB").resize(size, Image.BICUBIC)
    return np.asarray(image, np.float32).transpose(2, 0, 1)[None] / 255.0


def test_generator_has_paddlegan_keys():
    state = ResnetGenerator().state_dict()
    assert state["model.1.weight"].shape == [64, 3, 7, 7]
    assert state["model.2.scale"].shape == [64]
    assert state["model.10.conv_block.5.weight"].shape == [256, 256, 3, 3]
    assert state["model.19.weight"].shape == [256, 128, 3, 3]  # transposed conv: [in, out, k, k]
    assert state["model.26.weight"].shape == [3, 64, 7, 7]
    assert len(state) == 94 and "model.27.weight" not in state


def test_discriminator_is_a_70x70_patchgan():
    net = NLayerDiscriminator()
    keys = sorted({k.rsplit(".", 1)[0] for k in net.state_dict()}, key=lambda k: int(k.split(".")[1]))
    assert keys == ["model.0", "model.2", "model.3", "model.5", "model.6", "model.8", "model.9", "model.11"]
    assert net(paddle.zeros([2, 3, 256, 256])).shape == [2, 1, 30, 30]
    # one logit sees a 70x70 patch (eval-mode batch norm keeps the net local, unlike instance norm)
    local = NLayerDiscriminator(norm="batch")
    local.eval()
    x = paddle.rand([1, 3, 128, 128])
    x.stop_gradient = False
    local(x)[0, 0, 6, 6].backward()
    rows, cols = np.nonzero(np.abs(x.grad.numpy()).sum(axis=(0, 1)))
    assert rows.max() - rows.min() + 1 == 70 and cols.max() - cols.min() + 1 == 70


def test_vintage_port_matches_numpy_reference(vintage, kit):
    net, path = vintage
    x = load_photo(kit, (48, 32))[:, :, 4:28, 10:34] * 2 - 1  # a 24x24 crop in [-1, 1]
    expected = numpy_generator(read_torch(path), x.astype(np.float64))
    got = net(paddle.to_tensor(x)).numpy()
    assert got.shape == (1, 3, 24, 24)
    assert np.abs(got - expected).max() < 1e-4


def test_vintage_translates_a_photo_at_its_own_size(vintage, kit):
    net, _ = vintage
    photo = load_photo(kit, (121, 81))  # not a multiple of 4 either way
    with paddle.no_grad():
        out = translate(net, paddle.to_tensor(photo)).numpy()
    assert out.shape == photo.shape
    assert 0.0 <= out.min() and out.max() <= 1.0
    assert np.abs(out - photo).mean() > 0.02  # it did restyle the photo
    assert np.corrcoef(out.mean(1).ravel(), photo.mean(1).ravel())[0, 1] > 0.5  # and kept its content


def test_paddlegan_cyclegan_file(tmp_path):
    g_a, g_b = ResnetGenerator(n_blocks=2), ResnetGenerator(n_blocks=2)
    for p in g_b.parameters():
        p.set_value(paddle.full(p.shape, 0.5))
    # PaddleGAN's trainer writes {'netG_A', 'netG_B', 'netD_A', 'netD_B'} (+ epoch, optimizers).
    state = {"netG_A": g_a.state_dict(), "netG_B": g_b.state_dict(),
             "netD_A": NLayerDiscriminator().state_dict(), "netD_B": NLayerDiscriminator().state_dict()}
    path = tmp_path / "CycleGAN_test.pdparams"
    paddle.save(state, str(path))
    checkpoint = read_pdparams(str(path))

    a2b = convert_paddlegan_cyclegan(checkpoint, "A2B")
    b2a = convert_paddlegan_cyclegan(checkpoint, direction="B2A")
    assert a2b.keys() == g_a.state_dict().keys() == b2a.keys()
    np.testing.assert_array_equal(a2b["model.1.weight"], g_a.state_dict()["model.1.weight"].numpy())
    assert (b2a["model.1.weight"] == 0.5).all()
    net = ResnetGenerator(n_blocks=2)
    assert net.set_state_dict(a2b) == ([], [])
    assert convert_paddlegan_cyclegan(a2b).keys() == a2b.keys()  # a bare generator file passes through
    with pytest.raises(KeyError):
        convert_paddlegan_cyclegan({"net_enc": {}})
