"""SRResNet (Ledig et al. 2017, the generator of SRGAN): the restoration and super-resolution net.

9x9 conv + PReLU head; ``num_blocks`` residual blocks (conv-BN-PReLU-conv-BN + identity); a conv-BN
after the blocks with a long skip from the head; ``log2(scale)`` x2 stages of 4x4 stride-2 transposed
conv + PReLU; a 9x9 output conv. ``scale=1`` gives a same-size restoration net, which adds its output to
its input (it learns the correction, as denoisers such as DnCNN do, and starts near the identity).

Images are NCHW RGB in [0, 1] in and out. The output is not clamped (training wants the raw values);
clamp to [0, 1] before display or saving.
"""
import paddle.nn as nn


def conv_bn(channels):
    """3x3 conv without bias (batch norm supplies it) + batch norm."""
    return [nn.Conv2D(channels, channels, 3, padding=1, bias_attr=False), nn.BatchNorm2D(channels)]


class ResidualBlock(nn.Layer):
    """x + (conv-BN-PReLU-conv-BN)(x)."""

    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(*conv_bn(channels), nn.PReLU(channels), *conv_bn(channels))

    def forward(self, x):
        return x + self.body(x)


class SRResNet(nn.Layer):
    """[N, 3, H, W] in [0, 1] -> [N, 3, scale*H, scale*W], about [0, 1]."""

    def __init__(self, num_blocks=16, channels=64, scale=4):
        super().__init__()
        if scale < 1 or scale & (scale - 1):
            raise ValueError(f"scale must be a power of two, got {scale}")
        self.scale = scale
        self.head = nn.Sequential(nn.Conv2D(3, channels, 9, padding=4), nn.PReLU(channels))
        self.blocks = nn.Sequential(*[ResidualBlock(channels) for _ in range(num_blocks)])
        self.fuse = nn.Sequential(*conv_bn(channels))
        upsample = []
        for _ in range(scale.bit_length() - 1):
            upsample += [nn.Conv2DTranspose(channels, channels, 4, stride=2, padding=1), nn.PReLU(channels)]
        self.upsample = nn.Sequential(*upsample)
        self.tail = nn.Conv2D(channels, 3, 9, padding=4)

    def forward(self, x):
        features = self.head(x)
        features = features + self.fuse(self.blocks(features))
        out = self.tail(self.upsample(features))
        return x + out if self.scale == 1 else out
