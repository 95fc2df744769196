"""SRResNet (Ledig et al. 2017, the generator of SRGAN): the restoration and super-resolution net.

``outer_kernel`` (9 in the paper) x ``outer_kernel`` conv + PReLU head; ``num_blocks`` residual blocks
(conv-BN-PReLU-conv-BN + identity); a conv-BN after the blocks with a long skip from the head; ``log2(scale)`` x2 stages of 4x4 stride-2 transposed
conv + PReLU; an ``outer_kernel`` output conv. The net learns a correction: its output is added to the bicubic
enlargement of its input (``scale=1``: to the input itself, as denoisers such as DnCNN do). The output
conv starts near zero, so an untrained net is about bicubic (or the identity) and training spends its
steps on the detail bicubic misses.

``fold`` > 1 makes a same-size net cheaper and wider-sighted, as FFDNet does: the body works at 1/``fold`` of
the size. The head is then a ``fold * outer_kernel`` conv of stride ``fold`` (the same as an ``outer_kernel``
conv of the image's ``fold`` x ``fold`` pixel blocks stacked as channels) and the output conv makes
``fold`` x ``fold`` blocks of pixels (depth-to-space).

Images are NCHW RGB in [0, 1] in and out. The output is not clamped (training wants the raw values);
clamp to [0, 1] before display or saving.
"""
import paddle
import paddle.nn as nn
import paddle.nn.functional as F


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

    def __init__(self, num_blocks=16, channels=64, scale=4, outer_kernel=9, fold=1):
        super().__init__()
        if scale < 1 or scale & (scale - 1):
            raise ValueError(f"scale must be a power of two, got {scale}")
        self.scale, self.fold = scale, fold
        head = nn.Conv2D(3, channels, fold * outer_kernel, stride=fold, padding=fold * (outer_kernel // 2))
        self.head = nn.Sequential(head, nn.PReLU(channels))
        self.blocks = nn.Sequential(*[ResidualBlock(channels) for _ in range(num_blocks)])
        self.fuse = nn.Sequential(*conv_bn(channels))
        upsample = []
        for _ in range(scale.bit_length() - 1):
            upsample += [nn.Conv2DTranspose(channels, channels, 4, stride=2, padding=1), nn.PReLU(channels)]
        self.upsample = nn.Sequential(*upsample)
        self.tail = nn.Conv2D(channels, 3 * fold * fold, outer_kernel, padding=outer_kernel // 2)
        self.tail.weight.set_value(self.tail.weight * 0.1)

    def forward(self, x):
        features = self.head(x)
        features = features + self.fuse(self.blocks(features))
        out = self.tail(self.upsample(features))
        out = F.pixel_shuffle(out, self.fold) if self.fold > 1 else out
        if self.scale == 1:
            return x + out
        return F.interpolate(x, scale_factor=self.scale, mode="bicubic", align_corners=False) + out


class DotFinder(nn.Layer):
    """Where demo.py's salt-and-pepper dots fell in a photo that was mean-blurred after them: [N, 3, H, W] in [0, 1]
    -> [N, 3, H, W], per pixel the probabilities of a black dot, a white dot and no dot (summing to 1).

    The same-size SRResNet body on ``fold`` x ``fold`` pixel blocks (head, residual blocks, long skip), with two
    scores per pixel: is a dot here, and is it white. Both become probabilities through a sigmoid, so the three
    classes need no softmax."""

    def __init__(self, num_blocks=6, channels=32, outer_kernel=3, fold=2):
        super().__init__()
        self.fold = fold
        head = nn.Conv2D(3, channels, fold * outer_kernel, stride=fold, padding=fold * (outer_kernel // 2))
        self.head = nn.Sequential(head, nn.PReLU(channels))
        self.blocks = nn.Sequential(*[ResidualBlock(channels) for _ in range(num_blocks)])
        self.fuse = nn.Sequential(*conv_bn(channels))
        self.tail = nn.Conv2D(channels, 2 * fold * fold, outer_kernel, padding=outer_kernel // 2)

    def forward(self, x, scores=False):
        """The three probabilities, or with ``scores`` (training) the logits of "a dot is here" and of "the dot is
        white" [N, 2, H, W]."""
        features = self.head(x - 0.5)
        features = features + self.fuse(self.blocks(features))
        out = self.tail(features)
        out = F.pixel_shuffle(out, self.fold) if self.fold > 1 else out
        if scores:
            return out
        out = F.sigmoid(out)
        dot, white = out[:, :1], out[:, 1:]
        return paddle.concat([dot * (1.0 - white), dot * white, 1.0 - dot], axis=1)
