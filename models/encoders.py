"""Frozen feature encoders behind one interface, for LapStyle's drafting net and its losses.

An encoder is an ``nn.Layer`` whose ``forward(x)`` takes NCHW RGB float32 in [0, 1] and returns a dict
of feature taps named after VGG's relu layers (``'r21'`` = relu2_1, ...). Class attributes say what a
decoder or a loss can count on:

- ``taps``: the tap names, shallow to deep;
- ``channels``: ``{tap: channels}``;
- ``strides``: ``{tap: stride}``; the same name always means the same stride (r11 1, r21 2, r31 4,
  r41 8, r51 16), so a decoder built from ``channels`` works on either encoder.
"""
import paddle.nn as nn

from .efficientnet import EfficientNetLite0Encoder
from .safe_pickle import read_pdparams


def _conv_relu(cin, cout):
    """PaddleGAN's VGG unit: reflection pad 1, 3x3 conv, ReLU (three Sequential entries)."""
    return [nn.Pad2D([1, 1, 1, 1], mode="reflect"), nn.Conv2D(cin, cout, 3), nn.ReLU()]


def _max_pool():
    return nn.MaxPool2D(2, 2, ceil_mode=True)


class VGGEncoder(nn.Layer):
    """VGG-19 ``vgg_normalised`` (from AdaIN) cut into relu1_1 .. relu5_1, in PaddleGAN's LapStyle layout.

    Input: NCHW RGB float32 in [0, 1], unnormalised: the leading 1x1 convolution of
    ``vgg_normalised`` maps it to the Caffe input (BGR, 0..255, mean removed). Convolutions pad by
    reflection; max pools round up (``ceil_mode``), so any side >= 2 passes; sides that are multiples
    of 16 keep every tap at exactly 1/stride of the input.
    """

    taps = ("r11", "r21", "r31", "r41", "r51")
    channels = {"r11": 64, "r21": 128, "r31": 256, "r41": 512, "r51": 512}
    strides = {"r11": 1, "r21": 2, "r31": 4, "r41": 8, "r51": 16}

    def __init__(self):
        super().__init__()
        self.enc_1 = nn.Sequential(nn.Conv2D(3, 3, 1), *_conv_relu(3, 64))
        self.enc_2 = nn.Sequential(*_conv_relu(64, 64), _max_pool(), *_conv_relu(64, 128))
        self.enc_3 = nn.Sequential(*_conv_relu(128, 128), _max_pool(), *_conv_relu(128, 256))
        self.enc_4 = nn.Sequential(*_conv_relu(256, 256), *_conv_relu(256, 256), *_conv_relu(256, 256),
                                   _max_pool(), *_conv_relu(256, 512))
        self.enc_5 = nn.Sequential(*_conv_relu(512, 512), *_conv_relu(512, 512), *_conv_relu(512, 512),
                                   _max_pool(), *_conv_relu(512, 512))

    def forward(self, x):
        out = {}
        for tap, stage in zip(self.taps, [self.enc_1, self.enc_2, self.enc_3, self.enc_4, self.enc_5]):
            x = stage(x)
            out[tap] = x
        return out


# Where PaddleGAN's Encoder cuts the flat vgg_normalised Sequential: enc_i = layers[start:stop].
VGG_STAGES = {"enc_1": (0, 4), "enc_2": (4, 11), "enc_3": (11, 18), "enc_4": (18, 31), "enc_5": (31, 44)}


def vgg_normalised_to_encoder(flat):
    """Map a flat ``vgg_normalised`` state dict (``'0.weight'``, ``'2.bias'``, ... ``'51.bias'``) onto
    :class:`VGGEncoder` keys; layers past relu5_1 (indices >= 44) are dropped, as PaddleGAN does."""
    state = {}
    for key, value in flat.items():
        index, name = key.split(".", 1)
        for stage, (start, stop) in VGG_STAGES.items():
            if start <= int(index) < stop:
                state[f"{stage}.{int(index) - start}.{name}"] = value
    return state


def convert_vgg_normalised(paths):
    """State dict of :class:`VGGEncoder` from ``[vgg_normalised.pdparams]`` (PaddleGAN's published file)."""
    return vgg_normalised_to_encoder(read_pdparams(paths[0]))


ENCODERS = {"vgg": VGGEncoder, "efficientnet": EfficientNetLite0Encoder}


def build_encoder(name):
    """A fresh encoder by name: ``'vgg'`` or ``'efficientnet'`` (weights are loaded separately)."""
    return ENCODERS[name]()
