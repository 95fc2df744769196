"""LapStyle (Lin et al., "Drafting and Revision: Laplacian Pyramid Network for Fast High-Quality
Artistic Style Transfer", CVPR 2021), as PaddleGAN implements and publishes it.

- Drafting: a frozen encoder, AdaIN at r41, r31 and r21, and :class:`DecoderNet`, which upsamples from
  r41 and adds the AdaIN'd r31 and r21 features as skips. It runs at 1/2**levels of the content size.
- Revision: per pyramid level a :class:`RevisionNet` takes [content Laplacian band, nearest-x2 upsampled
  current result] (6 channels) and predicts that level's stylized Laplacian band; folding it onto the
  bilinear-upsampled result gives the next, twice larger, image.
- :class:`ArbitraryLapStyle` drafts with the arbitrary network instead and revises, at each level, the band
  of that network's repainting of the level rather than the content's band.
- :class:`LapStyleDiscriminator` is the patch discriminator used to train the revision nets.

Sub-layer and parameter names are PaddleGAN's, so its files ``{'net_enc', 'net_dec', 'net_rev',
'net_rev_2'}`` load unchanged (``registry.convert('paddlegan_lapstyle', ...)`` flattens them).
"""
import paddle
import paddle.nn as nn

from .encoders import VGGEncoder, build_encoder
from .pyramid import (UpsampleNearest, downsample, fold_pyramid, laplacian_pyramid, low_passes, upsample_bilinear,
                      upsample_nearest)


def calc_mean_std(feat, eps=1e-5):
    """Per-sample, per-channel mean and std over H and W, shaped N,C,1,1 (unbiased variance + eps)."""
    mean = feat.mean(axis=[2, 3], keepdim=True)
    std = (feat.var(axis=[2, 3], keepdim=True) + eps).sqrt()
    return mean, std


def adain_to(content, mean, std):
    """Give ``content`` the channel statistics ``mean`` and ``std`` (N,C,1,1)."""
    content_mean, content_std = calc_mean_std(content)
    return (content - content_mean) / content_std * std + mean


def adain(content, style):
    """Adaptive instance normalisation: give ``content`` the channel mean and std of ``style``."""
    return adain_to(content, *calc_mean_std(style))


ADAIN_TAPS = ("r21", "r31", "r41")  # the taps whose style statistics the drafting net uses


def feature_statistics(feats):
    """``{tap: (mean, std)}`` of encoder features at :data:`ADAIN_TAPS`: all the draft uses of a style."""
    return {tap: calc_mean_std(feats[tap]) for tap in ADAIN_TAPS}


def adain_features(feats, stats, alpha=1.0):
    """The decoder's input: the content's features ``feats`` at :data:`ADAIN_TAPS` given the style's statistics
    ``stats``, mixed with the content's own by ``alpha`` (a number, or a tensor in exported graphs)."""
    def mixed(tap):
        target = adain_to(feats[tap], *stats[tap])
        whole = isinstance(alpha, (int, float)) and alpha == 1
        return target if whole else alpha * target + (1.0 - alpha) * feats[tap]

    return {tap: mixed(tap) for tap in ADAIN_TAPS}




def _conv3x3(cin, cout, stride=1):
    """Reflection pad 1 + 3x3 conv (two Sequential entries, as PaddleGAN lays them out)."""
    return [nn.Pad2D([1, 1, 1, 1], mode="reflect"), nn.Conv2D(cin, cout, 3, stride=stride)]


class ResnetBlock(nn.Layer):
    """x + conv(relu(conv(x))), reflection padded, no normalisation."""

    def __init__(self, dim):
        super().__init__()
        self.conv_block = nn.Sequential(*_conv3x3(dim, dim), nn.ReLU(), *_conv3x3(dim, dim))

    def forward(self, x):
        return x + self.conv_block(x)


class ConvBlock(nn.Layer):
    """Reflection pad + 3x3 conv + ReLU."""

    def __init__(self, cin, cout):
        super().__init__()
        self.conv_block = nn.Sequential(*_conv3x3(cin, cout), nn.ReLU())

    def forward(self, x):
        return self.conv_block(x)


class DecoderNet(nn.Layer):
    """Drafting decoder (PaddleGAN ``DecoderNet``): decodes r41 features, adding r31 and r21 features as skips.

    ``channels`` is the encoder's ``{tap: channels}``; with VGG's (512/256/128 at r41/r31/r21) this is
    exactly PaddleGAN's network. Its input is ``{tap: features}`` at :data:`ADAIN_TAPS`, already given the
    style (:func:`adain_features`); the output (unclipped RGB, trained towards [0, 1]) has 8x the size of
    r41, i.e. the encoder input's size when its sides are multiples of 8.
    """

    def __init__(self, channels=VGGEncoder.channels):
        super().__init__()
        c2, c3, c4 = channels["r21"], channels["r31"], channels["r41"]
        self.resblock_41 = ResnetBlock(c4)
        self.convblock_41 = ConvBlock(c4, c3)
        self.resblock_31 = ResnetBlock(c3)
        self.convblock_31 = ConvBlock(c3, c2)
        self.convblock_21 = ConvBlock(c2, c2)
        self.convblock_22 = ConvBlock(c2, 64)
        self.convblock_11 = ConvBlock(64, 64)
        self.upsample = UpsampleNearest()
        self.final_conv = nn.Sequential(*_conv3x3(64, 3))

    def forward(self, feats):
        out = self.convblock_41(self.resblock_41(feats["r41"]))
        out = self.upsample(out) + feats["r31"]
        out = self.convblock_31(self.resblock_31(out))
        out = self.upsample(out) + feats["r21"]
        out = self.convblock_22(self.convblock_21(out))
        out = self.convblock_11(self.upsample(out))
        return self.final_conv(out)


class RevisionNet(nn.Layer):
    """Predicts one level's stylized Laplacian band (PaddleGAN ``RevisionNet``: 64 channels, 152,963
    parameters; ``channels`` 32 does a quarter of the work).

    Input: N,6,H,W = concat([content Laplacian band, nearest-x2 upsampled stylized image]); H and W
    even. Output: N,3,H,W, a zero-mean-ish residual (no activation).
    """

    def __init__(self, input_nc=6, channels=64):
        super().__init__()
        c = channels
        self.DownBlock = nn.Sequential(*_conv3x3(input_nc, c), nn.ReLU(), *_conv3x3(c, c, stride=2), nn.ReLU())
        self.resblock = ResnetBlock(c)
        self.UpBlock = nn.Sequential(UpsampleNearest(), *_conv3x3(c, c), nn.ReLU(), *_conv3x3(c, 3))

    def forward(self, x):
        return self.UpBlock(self.resblock(self.DownBlock(x)))


class LapStyleDiscriminator(nn.Layer):
    """PaddleGAN's LapStyle patch discriminator: 3x3 convs (32 channels) + BatchNorm + LeakyReLU 0.2,
    ``num_layers`` convs in all, stride 1, a 1-channel logit map of the input size.

    ``norm=False`` leaves the BatchNorms out: judged one batch at a time, real and fake batches are each
    normalised by their own statistics, which hides the very difference in texture energy to be judged."""

    def __init__(self, num_layers=3, channels=32, norm=True):
        super().__init__()

        def norm_layer():
            return nn.BatchNorm2D(channels) if norm else nn.Identity()

        self.head = nn.Sequential(("conv", nn.Conv2D(3, channels, 3, padding=1)),
                                  ("norm", norm_layer()), ("LeakyRelu", nn.LeakyReLU(0.2)))
        self.body = nn.Sequential()
        for i in range(1, num_layers - 1):
            self.body.add_sublayer(f"conv{i}", nn.Conv2D(channels, channels, 3, padding=1))
            self.body.add_sublayer(f"norm{i}", norm_layer())
            self.body.add_sublayer(f"LeakyRelu{i}", nn.LeakyReLU(0.2))
        self.tail = nn.Conv2D(channels, 1, 3, padding=1)

    def forward(self, x):
        return self.tail(self.body(self.head(x)))


def revision_net_names(levels):
    """PaddleGAN's names for the revision nets, coarse to fine: net_rev, net_rev_2, net_rev_3, ..."""
    return ["net_rev"] + [f"net_rev_{i}" for i in range(2, levels + 1)]


def as_band(x):
    """The finest Laplacian band of ``x`` (a revision net's residual, a repainting, a level's content): ``x`` less
    its low-pass (2x2 means, enlarged back). Revising with bands only adds detail: the picture seen smaller stays
    the draft's."""
    return x - upsample_bilinear(downsample(x))


def revised(net, band, image, band_only=False, residual=None):
    """One pyramid step: ``net``'s residual for [``band``, nearest x2 of ``image``] (``band_only``: its band part,
    :func:`as_band`) folded onto the enlarged ``image``. ``residual(net, x)`` computes the net (default ``net(x)``;
    the exported graphs compute the same numbers with less work)."""
    x = paddle.concat([band, upsample_nearest(image)], axis=1)
    out = net(x) if residual is None else residual(net, x)
    return fold_pyramid([as_band(out) if band_only else out, image])


def revision_net(nets, index):
    """The net of the ``index``-th revision (0: the first above the draft). Levels beyond the trained ones reuse
    the finest, which was trained to add detail at twice the previous scale."""
    return nets[min(index, len(nets) - 1)]


def pyramid_images(bands, draft, nets, residual=None):
    """The stylized images coarse to fine, [draft, after each revision]: ``draft`` (of ``bands[-1]``, the content's
    low-pass) revised with each band of the content's Laplacian pyramid ``bands`` (finest first) by
    :func:`revision_net` of ``nets``; ``residual`` as in :func:`revised`."""
    images = [draft]
    for index, band in enumerate(reversed(bands[:-1])):
        images.append(revised(revision_net(nets, index), band, images[-1], residual=residual))
    return images


class LapStyle(nn.Layer):
    """The full LapStyle pyramid: draft at 1/2**levels of the size, then ``levels`` revision nets.

    ``encoder`` is ``'vgg'`` (PaddleGAN's, with which its published files load) or
    ``'efficientnet'`` (EfficientNet-Lite0 taps; the decoder takes their channel counts). The encoder
    is frozen. Inputs: content and style NCHW RGB float32 in [0, 1]. Content sides must be multiples
    of :attr:`size_multiple` = 2**(levels + 3) (32 for 2 levels): the pyramid halves them ``levels``
    times and the decoder upsamples r41 (stride 8) back. The style may have another size and aspect;
    only its low-pass image (halved ``levels`` times) is used, as in PaddleGAN. Both need sides of at
    least :attr:`min_size` = 2**(levels + 5) (128 for 2 levels): VGG's r51 must keep 2 pixels for
    its reflection padding.
    """

    band_only = False  # each revision adds its net's whole residual, as PaddleGAN's does

    def __init__(self, encoder="vgg", revision_levels=2):
        super().__init__()
        self.net_enc = build_encoder(encoder)
        for param in self.net_enc.parameters():
            param.stop_gradient = True
        self.net_dec = DecoderNet(self.net_enc.channels)
        self.revision_names = revision_net_names(revision_levels)
        for name in self.revision_names:
            self.add_sublayer(name, RevisionNet())
        self.size_multiple = 2 ** (revision_levels + 3)
        self.min_size = 2 ** (revision_levels + 5)
        self.style_stats = None  # a preset's {tap: (mean, std)} (numpy, C each): it runs without a style image

    def check_sizes(self, content_size, style_size):
        """Raise ValueError unless (H, W) of content and style suit :meth:`revise`."""
        if any(side % self.size_multiple or side < self.min_size for side in content_size):
            raise ValueError(f"LapStyle needs content sides that are multiples of {self.size_multiple} "
                             f"and at least {self.min_size}, got {content_size[0]}x{content_size[1]}")
        if min(style_size) < self.min_size:
            raise ValueError(f"LapStyle needs style sides of at least {self.min_size}, "
                             f"got {style_size[0]}x{style_size[1]}")

    def revision_nets(self):
        return [getattr(self, name) for name in self.revision_names]

    def style_statistics(self, style):
        """The style image's :func:`feature_statistics`."""
        return feature_statistics(self.net_enc(style))

    def draft(self, content, stats, alpha=1.0):
        """The drafting net alone, at the size it is given (sides multiples of 8), after the style statistics
        ``stats`` (:meth:`style_statistics`)."""
        return self.net_dec(adain_features(self.net_enc(content), stats, alpha))

    def revise(self, content, style, alpha=1.0):
        """Stylized images coarse to fine: [draft, after net_rev, after net_rev_2, ...], unclipped."""
        if paddle.in_dynamic_mode():
            self.check_sizes(content.shape[2:], style.shape[2:])
        bands = laplacian_pyramid(content, len(self.revision_names))
        for _ in self.revision_names:
            style = downsample(style)
        return pyramid_images(bands, self.draft(bands[-1], self.style_statistics(style), alpha), self.revision_nets())

    def stylize(self, content, style, alpha=1.0):
        """Content-sized stylized image in [0, 1]; ``alpha`` < 1 keeps more of the content features."""
        return self.revise(content, style, alpha)[-1].clip(0.0, 1.0)

    forward = stylize


class ArbitraryLapStyle(nn.Layer):
    """LapStyle drafted by the arbitrary network (:class:`models.arbitrary.ArbitraryStylizer`, frozen): any
    painting's 100-d style vector paints the coarsest band; at each finer level the arbitrary network paints the
    enlarged picture again and a revision net turns that painting's finest band into the level's band (kept a
    band by :func:`as_band`).

    The draft carries the global style at the scale the arbitrary network paints best; the revision nets,
    trained against a patch discriminator, revise the painted detail of the levels they were trained for, and
    levels beyond them take the repainting's band as it is, so any number of levels runs. Content sides must be
    multiples of ``4 * 2**levels`` (the arbitrary network needs multiples of 4 at the draft's scale).
    """

    band_only = True

    def __init__(self, revision_levels=1, channels=32):
        super().__init__()
        from .arbitrary import ArbitraryStylizer

        self.net_draft = ArbitraryStylizer()
        for param in self.net_draft.parameters():
            param.stop_gradient = True
        self.revision_names = revision_net_names(revision_levels)
        for name in self.revision_names:
            self.add_sublayer(name, RevisionNet(channels=channels))
        self.preset_vector = None  # a preset's style vector [1, 100] (numpy): it runs without a style image

    def revision_nets(self):
        return [getattr(self, name) for name in self.revision_names]

    def style_vector(self, style):
        """The arbitrary network's style vector of a style image (256x256 as the app feeds it)."""
        return self.net_draft.style_vector(style)

    def repainted_band(self, image, low, vector):
        """The band a revision at the next level revises: the finest Laplacian band of the arbitrary network's
        painting, after ``vector``, of ``image`` enlarged (bilinear x2) and mixed evenly with the content's
        low-pass ``low`` at that level. Painting the picture again at each scale gives strokes of that scale
        where the photo's band would give the photo's texture."""
        return as_band(self.net_draft(0.5 * (upsample_bilinear(image) + low), vector))

    def revise_draft(self, draft, lows, vector, residual=None):
        """[``draft``, after each level]: the draft of ``lows[-1]`` taken up each finer low-pass of ``lows`` (finest
        first) by :meth:`repainted_band`, which the level's revision net revises; a level beyond the trained nets
        adds the band as it is. ``residual`` as in :func:`revised`."""
        images, nets = [draft], self.revision_nets()
        for index, low in enumerate(reversed(lows[:-1])):
            band = self.repainted_band(images[-1], low, vector)
            if index < len(nets):
                images.append(revised(nets[index], band, images[-1], True, residual))
            else:
                images.append(fold_pyramid([band, images[-1]]))
        return images

    def revise(self, content, vector, levels, residual=None):
        """Stylized images coarse to fine: [draft, after each of ``levels`` revisions], unclipped."""
        lows = low_passes(content, levels)
        return self.revise_draft(self.net_draft(lows[-1], vector), lows, vector, residual)
