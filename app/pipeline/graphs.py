"""The functions of each network that a backend runs, as small layers (one ``forward`` each).

Each layer's ``forward`` is what the dynamic graph runs for the reference and what is traced for the
fast backends, so both compute the same thing. Images are NCHW float32 in [0, 1].
"""
from models import paddle
from models.cyclegan import on_unit_range
from models.lapstyle import ADAIN_TAPS, as_band, pyramid_images, revised, revision_net
from models.pyramid import laplacian_pyramid

nn = paddle.nn


def image_spec(name, side=None):
    """An RGB image input, ``side`` x ``side`` or (default) of any height and width."""
    return paddle.static.InputSpec([1, 3, side, side], "float32", name)


def vector_spec(name, size):
    return paddle.static.InputSpec([1, size], "float32", name)


def scalar_spec(name):
    return paddle.static.InputSpec([1], "float32", name)


class StyleVector(nn.Layer):
    """Arbitrary network: style image (256x256) -> style vector."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, style):
        return self.net.style_vector(style)


class Conditioned(nn.Layer):
    """Arbitrary or 26-style transformer: content + style vector (or style weights) -> image."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, content, condition):
        return self.net(content, condition)


class Generator(nn.Layer):
    """CycleGAN generator on [0, 1] images (sides multiples of 4)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, image):
        return on_unit_range(self.net, image)


class Upscale2x(nn.Layer):
    """waifu2x: exactly 2x, borders replicated as waifu2x does, clamped to [0, 1]."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, image):
        from models.waifu2x import upscale2x

        return upscale2x(self.net, image)


class Plain(nn.Layer):
    """A network called on the image alone (SRResNet)."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, image):
        return self.net(image)


def upsampled_conv_phases(x, conv):
    """``conv(reflection pad 1(nearest x2(x)))`` for a 3x3 ``conv``, computed at ``x``'s resolution and
    returned as its four output phases: [N, C*4, H, W], channel ``c * 4 + 2 * row parity + column parity``
    (what ``pixel_shuffle(., 2)`` interleaves into the image).

    Reflecting a nearest-upsampled image by one pixel is upsampling its edge-padded self, so each of the
    four output phases (even/odd row, even/odd column) is a 2x2 conv of the edge-padded ``x`` with the
    3x3 taps summed in pairs. The same numbers for 4/9 of the work."""
    w = conv.weight  # [out, in, 3, 3]
    kernels = []
    for rows in (paddle.stack([w[:, :, 0], w[:, :, 1] + w[:, :, 2]], axis=2),   # even rows: x rows i-1, i
                 paddle.stack([w[:, :, 0] + w[:, :, 1], w[:, :, 2]], axis=2)):  # odd rows: x rows i, i+1
        kernels.append(paddle.stack([rows[..., 0], rows[..., 1] + rows[..., 2]], axis=3))
        kernels.append(paddle.stack([rows[..., 0] + rows[..., 1], rows[..., 2]], axis=3))
    bias = paddle.concat([conv.bias] * 4)
    out = nn.functional.conv2d(nn.functional.pad(x, [1, 1, 1, 1], mode="replicate"), paddle.concat(kernels), bias)
    channels = w.shape[0]
    phases = [out[:, i * channels:(i + 1) * channels, rows, cols]
              for i, (rows, cols) in enumerate([(slice(0, -1), slice(0, -1)), (slice(0, -1), slice(1, None)),
                                                (slice(1, None), slice(0, -1)), (slice(1, None), slice(1, None))])]
    return paddle.flatten(paddle.stack(phases, axis=2), 1, 2)


# A 3x3 conv over the reflection-padded image, in phase space: output phase parity p and tap offset d (-1, 0, 1)
# read input parity (p + d) % 2 at phase offset (p + d) // 2. Per (output parity, input parity): the rows of v
# (None: zero) that land at phase offsets -1, 0, +1.
_PHASE_TAPS = {(0, 0): (None, 1, None), (0, 1): (0, 2, None), (1, 0): (None, 0, 2), (1, 1): (None, 1, None)}


def conv_on_phases(phases, conv):
    """``conv(reflection pad 1(image))`` for a 3x3 ``conv``, where ``image = pixel_shuffle(phases, 2)``,
    computed on the phases and returned as the output's phases (same layout).

    At the image border a reflected row is a row of the same phase one step in, so edge-padding the phases
    by one is the image's reflection padding; one 3x3 conv over all input phases gives each output phase."""
    v = conv.weight  # [out, in, 3, 3]
    zero = paddle.zeros_like(v[:, :, 0])
    out_phases = []
    for row_out, col_out in ((0, 0), (0, 1), (1, 0), (1, 1)):
        blocks = []
        for row_in, col_in in ((0, 0), (0, 1), (1, 0), (1, 1)):
            rows = paddle.stack([zero if t is None else v[:, :, t] for t in _PHASE_TAPS[row_out, row_in]], axis=2)
            blocks.append(paddle.stack([zero if t is None else rows[..., t]  # a column has a row's shape
                                        for t in _PHASE_TAPS[col_out, col_in]], axis=3))
        out_phases.append(paddle.flatten(paddle.stack(blocks, axis=2), 1, 2))  # input channel c * 4 + phase
    kernel = paddle.flatten(paddle.stack(out_phases, axis=1), 0, 1)  # output channel o * 4 + phase
    bias = paddle.flatten(paddle.stack([conv.bias] * 4, axis=1), 0, 1)
    return nn.functional.conv2d(nn.functional.pad(phases, [1, 1, 1, 1], mode="replicate"), kernel, bias)


def revision_residual(rev, x):
    """``RevisionNet.forward`` computed at half its output resolution (same numbers): the upsampling conv by
    :func:`upsampled_conv_phases`, the ReLU and the last conv on those phases (:func:`conv_on_phases`); only
    the 3-channel result is interleaved to full size."""
    up = rev.UpBlock  # nearest x2, pad, conv 64-64, ReLU, pad, conv 64-3
    phases = upsampled_conv_phases(rev.resblock(rev.DownBlock(x)), up[2])
    return nn.functional.pixel_shuffle(conv_on_phases(nn.functional.relu(phases), up[5]), 2)


def pyramid(net, levels, content, stats, alpha):
    """The whole LapStyle pyramid: the draft of the coarsest band, then ``levels`` revisions."""
    bands = laplacian_pyramid(content, levels)
    draft = net.draft(bands[-1], stats, alpha)
    return pyramid_images(bands, draft, net.revision_nets(), residual=revision_residual)[-1]


class LapStylePyramid(nn.Layer):
    """The whole LapStyle pyramid with ``levels`` revision levels: (content, style at the draft's scale,
    alpha [1]) -> the unclipped stylized image at the content's size (sides multiples of 2**(levels+3))."""

    def __init__(self, net, levels):
        super().__init__()
        self.net, self.levels = net, levels

    def forward(self, content, style, alpha):
        return pyramid(self.net, self.levels, content, self.net.style_statistics(style), alpha)


class ArbitraryLapStylePyramid(nn.Layer):
    """LapStyle drafted by the arbitrary network, with ``levels`` revision levels: (content, style vector
    [1, 100]) -> the unclipped stylized image at the content's size (sides multiples of 4 * 2**levels)."""

    def __init__(self, net, levels):
        super().__init__()
        self.net, self.levels = net, levels

    def forward(self, content, vector):
        return self.net.revise(content, vector, self.levels, residual=revision_residual)[-1]


class LapStylePresetPyramid(LapStylePyramid):
    """The pyramid of a preset, which carries its style as statistics: (content, then mean and std [1, C]
    for each of r21, r31, r41, alpha [1]) -> the unclipped stylized image."""

    def forward(self, content, mean21, std21, mean31, std31, mean41, std41, alpha):
        pairs = [(mean21, std21), (mean31, std31), (mean41, std41)]
        stats = {tap: (mean.reshape([1, -1, 1, 1]), std.reshape([1, -1, 1, 1])) for tap, (mean, std) in
                 zip(ADAIN_TAPS, pairs)}
        return pyramid(self.net, self.levels, content, stats, alpha)


def preset_specs(net):
    """Input specs of :class:`LapStylePresetPyramid` for ``net``'s encoder."""
    specs = [image_spec("content")]
    for tap in ADAIN_TAPS:
        specs += [vector_spec(f"mean{tap[1:]}", net.net_enc.channels[tap]),
                  vector_spec(f"std{tap[1:]}", net.net_enc.channels[tap])]
    return specs + [scalar_spec("alpha")]


class LapStyleRevision(nn.Layer):
    """One revision level on its own (for tiles): (content at this level's scale, the previous level's
    image at half of it) -> this level's unclipped image. For a LapStyle drafted by the arbitrary network the
    content is its repainting at this level (:meth:`models.lapstyle.ArbitraryLapStyle.repainted_band`)."""

    def __init__(self, net, index):
        super().__init__()
        self.net, self.index = net, index

    def forward(self, content, previous):
        band = as_band(content)
        net = revision_net(self.net.revision_nets(), self.index)
        return revised(net, band, previous, self.net.band_only, residual=revision_residual)
