"""Quality judges that need no network (issue 17): style (b), sharpness and consistency.

Style (b) and consistency compare the distributions of per-pixel feature vectors with the sliced Wasserstein
distance (SWD). A pixel's vector is its CIE Lab colour (3) and the local energy of oriented gradients of the grey
image at 3 scales x 4 orientations (12), both in fixed units (the same for every image, so a distance means the
same thing for every pair), of the image first resized to a common view (512 px on the long side for style,
448 for consistency). The units give every one of the 15 dimensions a spread of about 0.4 to 1.1 units (standard
deviation on paintings and photos alike), so no dimension outweighs the others in the random projections.
"""
import cv2
import numpy as np

STYLE_VIEW = 512  # the long side at which style (b) sees both images, whole
PREVIEW_VIEW = 448  # the long side of a preview; consistency views render and preview there
SIGMAS = (1.0, 2.0, 4.0)  # gradient scales in view pixels
ANGLES = np.deg2rad([0.0, 45.0, 90.0, 135.0]).astype(np.float32)
LAB_UNIT = 25.0  # one feature unit = 25 Lab units (L 0..100 -> 0..4)
ENERGY_UNIT = 0.04  # one feature unit = this energy of sigma x gradient of the 0..1 grey image
SAMPLES = 20000  # pixels drawn from each image
DIRECTIONS = 96  # random projections of the SWD
SEED = 17
HF_SIGMA = 1.5  # sharpness: the blur whose residual is the high-frequency energy


def view(rgb: np.ndarray, side: int) -> np.ndarray:
    """The image resized (cv2 INTER_AREA) so its long side is ``side``."""
    h, w = rgb.shape[:2]
    scale = side / max(h, w)
    return cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)


def features(rgb: np.ndarray, side: int = STYLE_VIEW) -> np.ndarray:
    """Per-pixel feature vectors (N x 15 float32) of the HxWx3 uint8 image viewed at ``side``: Lab colour over
    LAB_UNIT, then the oriented gradient energies (scale by scale, 0/45/90/135 degrees) over ENERGY_UNIT."""
    rgb = view(rgb, side).astype(np.float32) / 255.0
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2Lab) / LAB_UNIT
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    channels = [lab[..., i] for i in range(3)]
    for sigma in SIGMAS:
        smooth = cv2.GaussianBlur(grey, (0, 0), sigma)
        gx = cv2.Sobel(smooth, cv2.CV_32F, 1, 0, ksize=1, scale=0.5 * sigma)  # central difference x sigma
        gy = cv2.Sobel(smooth, cv2.CV_32F, 0, 1, ksize=1, scale=0.5 * sigma)
        for angle in ANGLES:
            response = np.cos(angle) * gx + np.sin(angle) * gy
            channels.append(np.sqrt(cv2.GaussianBlur(response * response, (0, 0), 2 * sigma)) / ENERGY_UNIT)
    return np.stack(channels, axis=-1).reshape(-1, len(channels))


def _directions(dims: int) -> np.ndarray:
    """The fixed random unit directions (dims x DIRECTIONS) the SWD projects on."""
    d = np.random.default_rng(SEED).standard_normal((dims, DIRECTIONS))
    return d / np.linalg.norm(d, axis=0)


def _sample(x: np.ndarray) -> np.ndarray:
    """SAMPLES rows of ``x`` drawn with a fixed seed (with replacement when ``x`` has fewer)."""
    return x[np.random.default_rng(SEED).choice(len(x), SAMPLES, replace=len(x) < SAMPLES)]


def swd(a: np.ndarray, b: np.ndarray) -> float:
    """Sliced Wasserstein distance between two sets of vectors (N x D and M x D): each set is sampled to
    SAMPLES rows (seeded; with replacement when it has fewer), projected on DIRECTIONS fixed random unit
    directions and sorted; the mean absolute difference of the quantile-matched projections, over directions."""
    d = _directions(a.shape[1])
    return float(np.abs(np.sort(_sample(a) @ d, axis=0) - np.sort(_sample(b) @ d, axis=0)).mean())


def style_b(result: np.ndarray, painting: np.ndarray, photo: np.ndarray) -> float:
    """1 - SWD(result, painting) / SWD(photo, painting), all seen whole at STYLE_VIEW: 1 = the painting's colour
    and texture statistics, 0 = no closer to them than the photo, negative = further (nan if photo = painting)."""
    target = features(painting)
    floor = swd(features(photo), target)
    return 1.0 - swd(features(result), target) / floor if floor else float("nan")


def high_frequency(rgb: np.ndarray) -> float:
    """Mean |grey - GaussianBlur(grey, sigma HF_SIGMA)| of the grey image in 0..255."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY).astype(np.float32)
    return float(np.abs(grey - cv2.GaussianBlur(grey, (0, 0), HF_SIGMA)).mean())


def sharpness(result: np.ndarray, photo: np.ndarray) -> float:
    """High-frequency energy of the result at 100 % over the photo's (the result resized to the photo's size,
    cv2 INTER_AREA, if it differs): below 1 is softer than the photo."""
    if result.shape[:2] != photo.shape[:2]:
        result = cv2.resize(result, photo.shape[1::-1], interpolation=cv2.INTER_AREA)
    return high_frequency(result) / high_frequency(photo)


def consistency(render: np.ndarray, preview: np.ndarray, photo: np.ndarray) -> float:
    """1 - SWD(render, preview) / SWD(photo, preview), all viewed at PREVIEW_VIEW: 1 = the render looks like
    the preview, 0 = no more than the unstyled photo does (nan if photo = preview)."""
    target = features(preview, PREVIEW_VIEW)
    floor = swd(features(photo, PREVIEW_VIEW), target)
    return 1.0 - swd(features(render, PREVIEW_VIEW), target) / floor if floor else float("nan")
