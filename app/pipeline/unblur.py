"""Undoing the noise panel's damage once a dot finder has said where the dots fell: the dots taken out of the
blur, then the blur itself undone.

demo.py blurs the dotted photo with a ``k`` x ``k`` box ``K``: ``K(photo off the dots) + K(the dots' values)``.
The dots' values are known (0 or 255), so :func:`without_dots` takes their share out and divides by the share
of the photo that is left (normalized convolution): ``(blurred - K(dot values)) / K(1 - dot)`` is the box mean
of the photo's other pixels, a blurred photo without dots. :func:`deblur` then inverts the box, which is known
exactly, by a Tikhonov deconvolution: it restores what the box's spectrum keeps and, where the spectrum is near
zero, keeps the image smooth (a penalty on its gradient, ``weight``)."""
import cv2
import numpy as np

from .tensors import to_uint8

PAD = 32  # mirrored border around an image deblurred as one periodic signal: the filter's reach is shorter


def without_dots(rgb: np.ndarray, black: np.ndarray, white: np.ndarray, kernel: int) -> np.ndarray:
    """``rgb`` (uint8, blurred by a ``kernel`` box after the dots fell) without the dots: HxWx3 float32 on the
    0-255 scale. ``black`` and ``white`` [H, W] are each pixel's probabilities of a black or a white dot."""
    box = (kernel, kernel)
    dots = cv2.blur((255.0 * white).astype(np.float32), box)
    kept = np.maximum(cv2.blur((1.0 - black - white).astype(np.float32), box), 1.0 / kernel ** 2)
    return (rgb.astype(np.float32) - dots[..., None]) / kept[..., None]


def box_spectrum(shape: tuple, kernel: int) -> np.ndarray:
    """The 2-D real FFT of OpenCV's ``kernel`` x ``kernel`` box blur (``cv2.blur``: its anchor at ``kernel // 2``)
    as a circular convolution over ``shape``."""
    taps = range(kernel // 2 - kernel + 1, kernel // 2 + 1)
    rows, cols = np.zeros(shape[0]), np.zeros(shape[1])
    rows[list(taps)] = cols[list(taps)] = 1.0 / kernel
    return np.fft.fft(rows)[:, None] * np.fft.rfft(cols)[None, :]


def deblur(image: np.ndarray, kernel: int, weight: float) -> np.ndarray:
    """The Tikhonov deconvolution of a ``kernel`` box blur from ``image`` (HxWx3 on the 0-255 scale) as uint8:
    the image whose blur is nearest ``image``, its gradient's energy weighted by ``weight``."""
    padded = np.pad(image, ((PAD, PAD), (PAD, PAD), (0, 0)), mode="symmetric").astype(np.float32)
    h, w = padded.shape[:2]
    box = box_spectrum((h, w), kernel)
    gradient = (np.abs(1.0 - np.exp(-2j * np.pi * np.fft.fftfreq(h)))[:, None] ** 2
                + np.abs(1.0 - np.exp(-2j * np.pi * np.fft.rfftfreq(w)))[None, :] ** 2)
    inverse = (np.conj(box) / (np.abs(box) ** 2 + weight * gradient)).astype(np.complex64)
    out = np.empty((h - 2 * PAD, w - 2 * PAD, 3), np.float32)
    for c in range(3):
        spectrum = np.fft.rfft2(padded[..., c])
        spectrum *= inverse
        out[..., c] = np.fft.irfft2(spectrum, s=(h, w))[PAD:-PAD, PAD:-PAD]
    out /= 255.0
    return to_uint8(out)
