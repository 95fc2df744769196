"""CycleGAN (Zhu et al. 2017): the ResNet generator and the 70x70 PatchGAN discriminator.

Both follow PaddleGAN's ``ResnetGenerator`` / ``NLayerDiscriminator`` layer for layer, so their state
dicts use PaddleGAN's keys (``model.1.weight`` ... ``model.26.bias``; instance norms hold
``.scale``/``.bias``) and a PaddleGAN ``CycleGAN_*.pdparams`` loads directly.

Image range: as in the paper, the networks work on images in [-1, 1] (the generator ends in tanh).
:func:`translate` takes and returns [0, 1] images of any size and does the conversion.
"""
import numpy as np
import paddle
import paddle.nn as nn
import paddle.nn.functional as F

from models.safe_pickle import read_torch


def _fixed(value):
    """A parameter that starts at ``value`` and is never trained (PaddleGAN's instance norm)."""
    return paddle.ParamAttr(initializer=nn.initializer.Constant(value), learning_rate=0.0, trainable=False)


def norm_layer(norm, channels):
    """'instance': PaddleGAN's instance norm, whose scale/bias stay 1/0 during training (the
    non-affine norm of the paper) but load learned values from a file; 'batch': batch norm."""
    if norm == "instance":
        return nn.InstanceNorm2D(channels, weight_attr=_fixed(1.0), bias_attr=_fixed(0.0))
    if norm == "batch":
        return nn.BatchNorm2D(channels)
    raise ValueError(f"unknown norm {norm!r}: use 'instance' or 'batch'")


class ResnetBlock(nn.Layer):
    """x + (reflect pad - conv3x3 - norm - ReLU - reflect pad - conv3x3 - norm)(x)."""

    def __init__(self, dim, norm, use_bias):
        super().__init__()
        self.conv_block = nn.Sequential(
            nn.Pad2D(1, mode="reflect"), nn.Conv2D(dim, dim, 3, bias_attr=use_bias), norm_layer(norm, dim),
            nn.ReLU(),
            nn.Pad2D(1, mode="reflect"), nn.Conv2D(dim, dim, 3, bias_attr=use_bias), norm_layer(norm, dim))

    def forward(self, x):
        return x + self.conv_block(x)


class ResnetGenerator(nn.Layer):
    """c7s1-64, d128, d256, ``n_blocks`` x R256, u128, u64, c7s1-3, tanh. Images in [-1, 1].

    The two stride-2 convs and transposed convs need H and W divisible by 4 to give the input size
    back; :func:`translate` pads for that.
    """

    def __init__(self, input_nc=3, output_nc=3, ngf=64, norm="instance", n_blocks=9):
        super().__init__()
        use_bias = norm == "instance"
        layers = [nn.Pad2D(3, mode="reflect"), nn.Conv2D(input_nc, ngf, 7, bias_attr=use_bias),
                  norm_layer(norm, ngf), nn.ReLU()]
        for mult in (1, 2):  # downsampling
            layers += [nn.Conv2D(ngf * mult, ngf * mult * 2, 3, stride=2, padding=1, bias_attr=use_bias),
                       norm_layer(norm, ngf * mult * 2), nn.ReLU()]
        layers += [ResnetBlock(ngf * 4, norm, use_bias) for _ in range(n_blocks)]
        for mult in (4, 2):  # upsampling
            layers += [nn.Conv2DTranspose(ngf * mult, ngf * mult // 2, 3, stride=2, padding=1, output_padding=1,
                                          bias_attr=use_bias),
                       norm_layer(norm, ngf * mult // 2), nn.ReLU()]
        layers += [nn.Pad2D(3, mode="reflect"), nn.Conv2D(ngf, output_nc, 7), nn.Tanh()]
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x)


class NLayerDiscriminator(nn.Layer):
    """PatchGAN: with ``n_layers=3`` each output logit sees a 70x70 patch. Images in [-1, 1]."""

    def __init__(self, input_nc=3, ndf=64, n_layers=3, norm="instance"):
        super().__init__()
        use_bias = norm == "instance"
        layers = [nn.Conv2D(input_nc, ndf, 4, stride=2, padding=1, bias_attr=use_bias), nn.LeakyReLU(0.2)]
        mult = 1
        for n in range(1, n_layers + 1):
            prev, mult = mult, min(2 ** n, 8)
            stride = 2 if n < n_layers else 1
            layers += [nn.Conv2D(ndf * prev, ndf * mult, 4, stride=stride, padding=1, bias_attr=use_bias),
                       norm_layer(norm, ndf * mult), nn.LeakyReLU(0.2)]
        layers += [nn.Conv2D(ndf * mult, 1, 4, stride=1, padding=1)]
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x)


def on_unit_range(generator, image):
    """The generator on NCHW RGB images in [0, 1] (it works in [-1, 1]); sides must be multiples of 4."""
    return (generator(image * 2.0 - 1.0) + 1.0) / 2.0


def translate(generator, image):
    """Run a generator on NCHW RGB images in [0, 1] of any size; returns [0, 1] at the same size.

    The image is reflect-padded to a multiple of 4 (the generator's total stride) and cropped back.
    """
    height, width = image.shape[2], image.shape[3]
    pad_h, pad_w = -height % 4, -width % 4
    if pad_h or pad_w:
        image = F.pad(image, [0, pad_w, 0, pad_h], mode="reflect")
    return on_unit_range(generator, image)[:, :, :height, :width]


def convert_vintagify(paths):
    """The ``vintage`` generator of vintagify 0.1.2 (``G_A2B_epoch33.pth``) -> ResnetGenerator() keys.

    vintagify's generator is pytorch-CycleGAN's 9-block ResNet generator with affine instance norms;
    its residual blocks are called ``block`` and its norm weights ``weight``.
    """
    state = read_torch(paths[0])
    converted = {}
    for key, value in state.items():
        key = key.replace(".block.", ".conv_block.")
        if key.endswith(".weight") and value.ndim == 1:  # instance norm weight
            key = key[: -len("weight")] + "scale"
        converted[key] = np.asarray(value, dtype=np.float32)
    return converted


def convert_paddlegan_cyclegan(state, direction="A2B"):
    """The generator state dict for one direction of a PaddleGAN CycleGAN file.

    ``state`` is what :func:`models.safe_pickle.read_pdparams` returns for a PaddleGAN checkpoint:
    ``{'netG_A', 'netG_B', 'netD_A', 'netD_B'}`` of state dicts (plus ``epoch`` and optimizer states in
    training checkpoints). ``netG_A`` maps domain A to B, ``netG_B`` maps B to A. A file that already
    holds a single generator state dict is returned as is.
    """
    if "model.1.weight" in state:
        generator = state
    else:
        name = {"A2B": "netG_A", "B2A": "netG_B"}[direction.upper()]
        if name not in state:
            raise KeyError(f"not a PaddleGAN CycleGAN file: no {name!r} (found {sorted(state)[:6]})")
        generator = state[name]
    return {key: np.asarray(value, dtype=np.float32) for key, value in generator.items()}
