"""Image measures for training reports and the quality harness: PSNR, SSIM, edge SSIM, style similarity."""
import cv2
import numpy as np

from ..tensors import center_square, to_tensor

STYLE_SIDE = 256  # the arbitrary network's style predictor sees images at 256x256


def psnr(a: np.ndarray, b: np.ndarray, peak: float = 255.0) -> float:
    """Peak signal-to-noise ratio in dB of two equally shaped images."""
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return float("inf") if mse == 0 else float(10.0 * np.log10(peak ** 2 / mse))


def ssim(a: np.ndarray, b: np.ndarray, peak: float = 255.0) -> float:
    """Structural similarity of two single-channel images (Wang et al. 2004: 11x11 Gaussian window,
    sigma 1.5, K1 0.01, K2 0.03), averaged over the image less the window's 5-pixel border, as scikit-image does."""
    a, b = a.astype(np.float64), b.astype(np.float64)
    c1, c2 = (0.01 * peak) ** 2, (0.03 * peak) ** 2

    def blur(x):
        return cv2.GaussianBlur(x, (11, 11), 1.5, borderType=cv2.BORDER_REFLECT)

    mu_a, mu_b = blur(a), blur(b)
    var_a, var_b, cov = blur(a * a) - mu_a ** 2, blur(b * b) - mu_b ** 2, blur(a * b) - mu_a * mu_b
    score = ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / ((mu_a ** 2 + mu_b ** 2 + c1) * (var_a + var_b + c2))
    return float(score[5:-5, 5:-5].mean())


def luma(rgb: np.ndarray) -> np.ndarray:
    """ITU-R BT.601 luma (Y of YCbCr, 16..235), the channel super-resolution papers report PSNR on."""
    rgb = rgb.astype(np.float64)
    return 16.0 + (65.481 * rgb[..., 0] + 128.553 * rgb[..., 1] + 24.966 * rgb[..., 2]) / 255.0


def sobel_edges(rgb: np.ndarray) -> np.ndarray:
    """Gradient magnitude of the grayscale image (3x3 Sobel divided by its gain of 4), clipped to 0..255."""
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    magnitude = np.hypot(cv2.Sobel(gray, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(gray, cv2.CV_32F, 0, 1, ksize=3))
    return np.clip(magnitude / 4.0, 0.0, 255.0)


def content_fidelity(content: np.ndarray, result: np.ndarray) -> float:
    """SSIM between the Sobel edge maps of the grayscale content and result (the result is resized to
    the content's size if it differs)."""
    if result.shape[:2] != content.shape[:2]:
        result = cv2.resize(result, content.shape[1::-1], interpolation=cv2.INTER_AREA)
    return ssim(sobel_edges(content), sobel_edges(result))


def style_embedding(rgb: np.ndarray) -> np.ndarray:
    """The 100-d style vector the arbitrary network's style predictor gives for the image's centre square."""
    from models import paddle

    from ..networks import network

    with paddle.no_grad():
        return network("arbitrary").style_vector(to_tensor(center_square(rgb, STYLE_SIDE))).numpy()[0]


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-12))


def style_fidelity(result: np.ndarray, style: np.ndarray) -> float:
    """Cosine similarity between the style embeddings of the result and the style image (1 = same style)."""
    return cosine(style_embedding(result), style_embedding(style))
