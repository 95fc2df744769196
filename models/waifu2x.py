"""waifu2x ``upconv_7`` (the photo models of waifu2x-ncnn-vulkan): denoise + 2x upscaling.

Six unpadded 3x3 convs (3-16-32-64-128-128-256, each + LeakyReLU 0.1), then a 4x4 stride-2
transposed conv (256 -> 3) with 3 pixels cropped from every side. Input and output are NCHW RGB in
[0, 1] (waifu2x-ncnn-vulkan scales pixels by 1/255 and back, clamping the result).

Border: the convs lose 6 input pixels per side and the transposed conv crops 3 output pixels per
side, so an HxW input gives a (2H - 28)x(2W - 28) output: 7 input pixels per side are lost.
:func:`upscale2x` pads by those 7 pixels (edge replication, as waifu2x-ncnn-vulkan's "prepadding")
so the output is exactly 2H x 2W.
"""
import numpy as np
import paddle.nn as nn
import paddle.nn.functional as F

from models.ncnn import read_ncnn

BORDER = 7  # input pixels lost on each side
CHANNELS = (3, 16, 32, 64, 128, 128, 256)
LEAKY_SLOPE = 0.1


class UpConv7(nn.Layer):
    """waifu2x upconv_7: [N, 3, H, W] in [0, 1] -> [N, 3, 2H - 28, 2W - 28], about [0, 1] (unclamped)."""

    def __init__(self):
        super().__init__()
        self.convs = nn.LayerList([nn.Conv2D(c_in, c_out, 3) for c_in, c_out in zip(CHANNELS, CHANNELS[1:])])
        self.act = nn.LeakyReLU(LEAKY_SLOPE)
        self.upconv = nn.Conv2DTranspose(CHANNELS[-1], 3, 4, stride=2, padding=3)

    def forward(self, x):
        for conv in self.convs:
            x = self.act(conv(x))
        return self.upconv(x)


def upscale2x(net, image):
    """Upscale NCHW RGB images in [0, 1] by exactly 2x: replicate-pad by BORDER, run, clamp to [0, 1]."""
    padded = F.pad(image, [BORDER] * 4, mode="replicate")
    return net(padded).clip(0.0, 1.0)


def _is_upconv7(layers):
    convs = [layer for layer in layers if layer.type == "Convolution"]
    deconvs = [layer for layer in layers if layer.type == "Deconvolution"]
    return (
        [layer.params[0] for layer in convs] == list(CHANNELS[1:])
        and all(layer.params.get(1) == 3 and layer.params.get(4, 0) == 0 and layer.params.get(3, 1) == 1
                and layer.params.get(9) == 2 and np.isclose(layer.params[10][0], LEAKY_SLOPE) for layer in convs)
        and len(deconvs) == 1
        and [deconvs[0].params.get(k) for k in (0, 1, 3, 4)] == [3, 4, 2, 3]
        and deconvs[0].params.get(9, 0) == 0
    )


def convert_waifu2x(paths):
    """``[param_path, bin_path]`` of an upconv_7 ncnn model -> UpConv7() state dict."""
    param_path, bin_path = paths
    layers = read_ncnn(param_path, bin_path)
    if not _is_upconv7(layers):
        raise ValueError(f"{param_path} is not a waifu2x upconv_7 model")
    state = {}
    convs = [layer for layer in layers if layer.type == "Convolution"]
    for i, layer in enumerate(convs):
        state[f"convs.{i}.weight"] = layer.weights["weight"]
        state[f"convs.{i}.bias"] = layer.weights["bias"]
    (deconv,) = [layer for layer in layers if layer.type == "Deconvolution"]
    state["upconv.weight"] = np.ascontiguousarray(deconv.weights["weight"].transpose(1, 0, 2, 3))
    state["upconv.bias"] = deconv.weights["bias"]
    return state
