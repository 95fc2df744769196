"""Training losses: LapStyle's (as in the paper and PaddleGAN) and the GAN criteria.

Feature arguments are NCHW tensors from an encoder tap; images are NCHW RGB in [0, 1] unless said
otherwise. Two CPU fixes over PaddleGAN: the relaxed EMD takes its minima with
``argmin`` + ``take_along_axis`` (``min``'s backward over an NxN matrix is ~O(N^3) on CPU), and its
two directions are combined with ``maximum`` instead of ``concat`` of 0-D tensors (which fails since
paddle 2.5).
"""
import numpy as np
import paddle
import paddle.nn.functional as F

from .lapstyle import calc_mean_std


def mean_variance_norm(feat):
    """Each channel of each sample normalised to zero mean and unit std over H and W."""
    mean, std = calc_mean_std(feat)
    return (feat - mean) / std


def content_loss(pred, target, norm=False):
    """Mean squared error, of the raw features or (``norm``) of their mean/variance-normalised forms."""
    if norm:
        pred, target = mean_variance_norm(pred), mean_variance_norm(target)
    return F.mse_loss(pred, target)


def style_stats_loss(pred, target, relative=False):
    """MSE between channel means plus MSE between channel stds (AdaIN's style loss).

    ``relative`` divides by the mean square of the target's statistics, which makes the loss the same
    size for every tap whatever the scale of its activations (EfficientNet's ReLU6 taps are much
    smaller than VGG's)."""
    pred_mean, pred_std = calc_mean_std(pred)
    target_mean, target_std = calc_mean_std(target)
    loss = F.mse_loss(pred_mean, target_mean) + F.mse_loss(pred_std, target_std)
    if relative:
        loss = loss / ((target_mean ** 2).mean() + (target_std ** 2).mean() + 1e-8)
    return loss


def softmax_smoothed(feat):
    """SWAG's activation smoothing (Wang, Li & Vasconcelos, CVPR 2021): a softmax over all of a sample's
    activations, times their number (so the mean is 1). Residual networks such as EfficientNet give
    low-entropy, peaky features whose plain statistics carry a palette but no brush strokes; smoothed,
    their Gram matrices carry texture as VGG's do."""
    n, count = feat.shape[0], feat[0].numel()
    return F.softmax(feat.reshape([n, -1]), axis=1).reshape(feat.shape) * count


def gram_matrix(feat):
    """N x C x C channel correlations, divided by H*W."""
    n, c, h, w = feat.shape
    flat = feat.reshape([n, c, h * w])
    return paddle.bmm(flat, flat.transpose([0, 2, 1])) / (h * w)


def style_swag_loss(pred, target):
    """MSE between the Gram matrices of the smoothed features, relative to the target's mean square."""
    pred_gram, target_gram = gram_matrix(softmax_smoothed(pred)), gram_matrix(softmax_smoothed(target))
    return F.mse_loss(pred_gram, target_gram) / ((target_gram ** 2).mean() + 1e-8)


def cosine_distance_matrix(a, b):
    """N x Ha*Wa x Hb*Wb matrix of 1 - cosine similarity between the feature vectors of ``a`` and ``b``."""
    n, c = a.shape[0], a.shape[1]
    a = a.reshape([n, c, -1])
    b = b.reshape([n, c, -1])
    a = a / (a.norm(axis=1, keepdim=True) + 1e-8)
    b = b / (b.norm(axis=1, keepdim=True) + 1e-8)
    return 1.0 - paddle.bmm(a.transpose([0, 2, 1]), b)


def _row_min(matrix, axis):
    """Minimum along ``axis`` via argmin + gather: the same value and gradient as ``min``, fast on CPU."""
    index = matrix.argmin(axis=axis, keepdim=True)
    return paddle.take_along_axis(matrix, index, axis=axis)


def style_remd_loss(pred, target):
    """Relaxed earth mover's distance (Kolkin et al. 2019): the larger of the mean nearest-neighbour
    cosine distances from ``pred`` to ``target`` and from ``target`` to ``pred``."""
    distance = cosine_distance_matrix(pred, target)
    return paddle.maximum(_row_min(distance, 2).mean(), _row_min(distance, 1).mean())


def content_relt_loss(pred, target):
    """Self-similarity loss: the normalised pairwise cosine distances within ``pred`` should match
    those within ``target`` (PaddleGAN's ``CalcContentReltLoss``, scaled by H*W as there)."""
    def self_distance(feat):
        distance = cosine_distance_matrix(feat, feat)
        return distance / (distance.sum(axis=1, keepdim=True) + 1e-8)

    return (self_distance(pred) - self_distance(target)).abs().mean() * pred.shape[2] * pred.shape[3]


def total_variation(img):
    """Mean absolute difference between neighbouring pixels (removes a pixel dither)."""
    return ((img[:, :, 1:, :] - img[:, :, :-1, :]).abs().mean()
            + (img[:, :, :, 1:] - img[:, :, :, :-1]).abs().mean())


def gan_loss(logits, real, mode="vanilla"):
    """Generator/discriminator criterion on raw logits: 'vanilla' (binary cross-entropy, LapStyle) or
    'lsgan' (least squares, CycleGAN), against all-ones (``real``) or all-zeros targets."""
    target = paddle.full_like(logits, 1.0 if real else 0.0)
    if mode == "vanilla":
        return F.binary_cross_entropy_with_logits(logits, target)
    if mode == "lsgan":
        return F.mse_loss(logits, target)
    raise ValueError(f"unknown GAN mode {mode!r}")


def _sorted_samples(feat, count, quantiles):
    """Each channel's values over at most ``count`` positions (the same seeded draw for a given size), sorted and
    read at ``quantiles`` evenly spaced ranks: C x quantiles."""
    flat = feat[0].reshape([feat.shape[1], -1])
    positions = flat.shape[1]
    if positions > count:
        pick = np.random.default_rng(positions).choice(positions, count, replace=False)
        flat = paddle.gather(flat, paddle.to_tensor(pick), axis=1)
    ranks = np.linspace(0, min(positions, count) - 1, quantiles).round().astype("int64")
    return paddle.gather(paddle.sort(flat, axis=1), paddle.to_tensor(ranks), axis=1)


def patch_distribution(image, patch=7, directions=64, scales=3, positions=4096, quantiles=256, seed=0):
    """An image's (batch 1) ``patch`` x ``patch`` RGB patch distribution at ``scales`` levels of an average-pooled
    pyramid, as :func:`patch_swd_loss` compares it: per level, the patches' projections on ``directions`` random
    unit directions (convolutions with fixed random filters), sorted and read at ``quantiles`` ranks."""
    rng = np.random.default_rng(seed)
    filters = rng.standard_normal((directions, image.shape[1] * patch * patch)).astype("float32")
    filters = paddle.to_tensor(filters / np.linalg.norm(filters, axis=1, keepdims=True)).reshape(
        [directions, image.shape[1], patch, patch])
    out = []
    for level in range(scales):
        if level:
            image = F.avg_pool2d(image, 2)
        out.append(_sorted_samples(F.conv2d(image, filters), positions, quantiles))
    return out


def patch_swd_loss(pred, target):
    """Sliced Wasserstein distance between the 7x7 RGB patch distributions of ``pred`` (an image, batch 1) and
    ``target`` (the target image's :func:`patch_distribution`, computed once), at three scales (GPDM, Elnekave
    & Weiss, CVPR 2022): the sorted projections compared quantile by quantile. Colour, contrast and stroke shape
    count together, and the two images need not be the same size."""
    return sum((a - b).abs().mean() for a, b in zip(patch_distribution(pred), target))
