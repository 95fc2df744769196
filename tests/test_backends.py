"""The fast backends agree with the Paddle dynamic graph (within 1e-3), keep sizes, and cache their graphs."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from app.pipeline import backends, graphs, networks, transfer
from app.pipeline.errors import UserError
from app.pipeline.export import to_onnx, trace
from app.pipeline.tensors import to_nchw
from models import paddle
from models.lapstyle import revision_net
from tests.paddlegan import lapstyle_in_weights

REPO = Path(__file__).resolve().parents[1]
FAST = [b for b in backends.available() if b != "paddle"]


@pytest.fixture(scope="module")
def lapstyle_id(tmp_path_factory):
    """A LapStyle file with random weights in PaddleGAN's layout, in a weights folder the zoo reads."""
    with lapstyle_in_weights(tmp_path_factory.mktemp("weights"), "speedtest", seed=7) as model_id:
        yield model_id


def photo(height, width, seed=0):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width] / max(height, width)
    smooth = np.stack([np.sin(7 * x + 3 * y), np.cos(5 * y - 2 * x), np.sin(4 * x * y + 1)], axis=2)
    return np.clip((smooth + 1) * 110 + rng.normal(0, 12, (height, width, 3)), 0, 255).astype(np.uint8)


def _agree(graph, inputs, tolerance=1e-3):
    reference = backends.runner(graph, "paddle")(*inputs)
    for backend in FAST:
        for ref, out in zip(reference, backends.runner(graph, backend)(*inputs)):
            assert out.shape == ref.shape, backend
            assert np.abs(out - ref).max() < tolerance, f"{graph.key} on {backend}"
    return reference


def test_every_model_kind_agrees_with_the_dynamic_graph(lapstyle_id):
    image = to_nchw(photo(68, 92))
    arbitrary = networks.network("arbitrary")
    vector = _agree(networks.graph("arbitrary", "t-vector", lambda: graphs.StyleVector(arbitrary),
                                   [graphs.image_spec("style", 256)]), [to_nchw(photo(256, 256, 1))])[0]
    _agree(networks.graph("arbitrary", "t-transform", lambda: graphs.Conditioned(arbitrary),
                          [graphs.image_spec("image"), graphs.vector_spec("v", 100)]), [image, vector])
    multi = networks.network("multistyle26")
    _agree(networks.graph("multistyle26", "t", lambda: graphs.Conditioned(multi),
                          [graphs.image_spec("image"), graphs.vector_spec("w", 26)]),
           [image, np.eye(26, dtype=np.float32)[3:4]])
    cyclegan = networks.network("vintage")
    _agree(networks.graph("vintage", "t", lambda: graphs.Generator(cyclegan), [graphs.image_spec("image")]), [image])
    waifu = networks.network("waifu2x-photo-n1")
    up = _agree(networks.graph("waifu2x-photo-n1", "t", lambda: graphs.Upscale2x(waifu), [graphs.image_spec("image")],
                               even=False), [image])
    assert up[0].shape == (1, 3, 136, 184)
    lap = networks.network(lapstyle_id)
    specs = [graphs.image_spec("content"), graphs.image_spec("style"), graphs.scalar_spec("alpha")]
    for alpha in (1.0, 0.4):
        out = _agree(networks.graph(lapstyle_id, "t-pyramid2", lambda: graphs.LapStylePyramid(lap, 2), specs),
                     [to_nchw(photo(128, 160)), to_nchw(photo(32, 40, 2)), np.array([alpha], np.float32)])
        assert out[0].std() > 0.01  # a real image, not a constant the tolerance would hide


def test_lapstyle_pyramid_matches_the_model_and_reuses_the_finest_net(lapstyle_id):
    """Two levels equal the model's own stylize; a third level runs the finest revision net once more."""
    from models.pyramid import downsample

    net = networks.network(lapstyle_id)
    content = paddle.to_tensor(to_nchw(photo(128, 128)))
    style = paddle.to_tensor(to_nchw(photo(128, 128, 3)))
    low = downsample(downsample(style))
    with paddle.no_grad():
        reference = net.stylize(content, style, alpha=0.7).numpy()
        ours = graphs.LapStylePyramid(net, 2)(content, low, paddle.to_tensor([0.7])).clip(0, 1).numpy()
    assert np.abs(reference - ours).max() < 1e-3
    nets = net.revision_nets()
    assert revision_net(nets, 2) is net.net_rev_2 and revision_net(nets, 0) is net.net_rev


def test_preset_pyramid_given_statistics_equals_the_pyramid_given_their_style(lapstyle_id):
    """A preset carries its style as AdaIN statistics; fed those of a style image, its graph makes what the
    image graph makes from the image, on every backend."""
    lap = networks.network(lapstyle_id)
    content, style, alpha = to_nchw(photo(128, 160)), to_nchw(photo(32, 40, 2)), np.array([0.8], np.float32)
    with paddle.no_grad():
        stats = lap.style_statistics(paddle.to_tensor(style))
    vectors = [part.numpy().reshape(1, -1) for tap in ("r21", "r31", "r41") for part in stats[tap]]
    preset = _agree(networks.graph(lapstyle_id, "t-preset2", lambda: graphs.LapStylePresetPyramid(lap, 2),
                                   graphs.preset_specs(lap)), [content, *vectors, alpha])
    image = backends.runner(networks.graph(lapstyle_id, "t-pyramid2", lambda: graphs.LapStylePyramid(lap, 2),
                                           [graphs.image_spec("content"), graphs.image_spec("style"),
                                            graphs.scalar_spec("alpha")]), "paddle")(content, style, alpha)
    assert np.abs(preset[0] - image[0]).max() < 1e-4 and preset[0].std() > 0.01


@pytest.mark.parametrize("backend", backends.available())
def test_public_functions_keep_odd_sizes_on_every_backend(backend):
    content = photo(75, 101)
    reference = transfer.stylize(content, "arbitrary", photo(90, 90, 1), backend="paddle")
    out = transfer.stylize(content, "arbitrary", photo(90, 90, 1), backend=backend)
    assert out.shape == content.shape and np.abs(out.astype(int) - reference).max() <= 1
    assert transfer.stylize_preset(content, "multistyle26", "style-03", backend=backend).shape == content.shape
    assert transfer.restore(content, "waifu2x-photo-n0", backend=backend).shape == (150, 202, 3)


def test_default_is_a_fast_backend_and_unknown_ones_are_clear():
    assert backends.default() in ("onnx", "inference")
    assert backends.check(None) == backends.check("auto") == backends.default()
    assert "paddle" in backends.available()
    with pytest.raises(UserError, match="not available"):
        backends.check("tensorrt")


class Tiny(paddle.nn.Layer):
    def __init__(self):
        super().__init__()
        self.conv = paddle.nn.Conv2D(3, 3, 3, padding=1, padding_mode="reflect")

    def forward(self, image):
        return paddle.nn.functional.sigmoid(self.conv(image))


class Softmaxed(Tiny):
    def forward(self, image):
        return paddle.nn.functional.softmax(self.conv(image), axis=1)


def test_graphs_are_cached_per_weights_and_rebuilt_when_they_change(tmp_path, monkeypatch):
    monkeypatch.setenv("HUAFENG_CACHE", str(tmp_path))
    net = Tiny()
    image = np.random.default_rng(0).random((1, 3, 20, 24), dtype=np.float32)

    def graph():
        return backends.Graph(backends.graph_key("tiny", backends.weights_digest(net), "t"), lambda: graphs.Plain(net),
                              (graphs.image_spec("image"),))

    first = graph()
    out = backends.runner(first, "onnx")(image)[0]
    files = sorted(p.name for p in (tmp_path / "graphs").iterdir())
    assert len(files) == 1
    stamp = (tmp_path / "graphs" / files[0]).stat().st_mtime_ns
    assert graph().key == first.key  # same weights: same file, not exported again
    backends.runner(graph(), "onnx")(image)
    assert (tmp_path / "graphs" / files[0]).stat().st_mtime_ns == stamp

    with paddle.no_grad():  # "fine-tune": change one weight
        net.conv.bias.set_value(net.conv.bias.numpy() + 0.5)
    changed = graph()
    assert changed.key != first.key
    fast = backends.runner(changed, "onnx")(image)[0]
    assert sorted(p.name for p in (tmp_path / "graphs").iterdir()) == [f"{changed.key}.onnx"]  # the stale one went
    (tmp_path / "graphs" / f"{changed.key}.onnx").write_bytes(b"damaged")  # a damaged file is exported again
    backends.close_sessions()
    assert np.abs(backends.runner(changed, "onnx")(image)[0] - fast).max() == 0
    assert np.abs(fast - out).max() > 0.01
    assert np.abs(fast - backends.runner(changed, "paddle")(image)[0]).max() < 1e-5


class Phased(paddle.nn.Layer):
    """The convs the exporter rewrites on phases: a 3x3 stride-2 transposed conv, a 9x9 few-output conv, a
    reflect-padded stride-2 conv of its ReLU, and a reflect-padded conv of a nearest x2 upsampling."""

    def __init__(self):
        super().__init__()
        self.up = paddle.nn.Conv2DTranspose(5, 7, 3, stride=2, padding=1, output_padding=1)
        self.pad = paddle.nn.Pad2D(4, mode="reflect")
        self.conv = paddle.nn.Conv2D(7, 3, 9)
        self.down = paddle.nn.Conv2D(3, 6, 3, stride=2, padding=1, padding_mode="reflect")
        self.last = paddle.nn.Conv2D(6, 4, 3, padding=1, padding_mode="reflect")

    def forward(self, image):
        from models.pyramid import upsample_nearest

        x = self.conv(self.pad(self.up(image)))
        x = self.down(paddle.nn.functional.relu(x))
        return self.last(upsample_nearest(x))


def test_phase_rewrites_give_the_same_numbers():
    import onnxruntime as ort

    net = Phased()
    image = np.random.default_rng(3).standard_normal((1, 5, 12, 16)).astype(np.float32)
    model = to_onnx(trace(graphs.Plain(net), [paddle.static.InputSpec([1, 5, None, None], "float32", "image")]),
                    even=True)
    ops = [node.op_type for node in model.graph.node]
    assert "ConvTranspose" not in ops and "Resize" not in ops and "SpaceToDepth" in ops
    assert ops.count("DepthToSpace") == 2  # the 9x9 conv's is read as phases by the stride-2 conv
    out = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, {"image": image})
    with paddle.no_grad():
        reference = net(paddle.to_tensor(image)).numpy()
    assert out[0].shape == reference.shape == (1, 4, 24, 32)
    assert np.abs(out[0] - reference).max() < 1e-4 * np.abs(reference).max()


def test_revision_net_at_half_resolution_equals_the_net():
    """The upsampling conv, ReLU and last conv done on phases give RevisionNet's numbers, borders included."""
    from models.lapstyle import RevisionNet

    paddle.seed(5)
    net = RevisionNet()
    x = paddle.to_tensor(np.random.default_rng(4).standard_normal((2, 6, 10, 14)).astype(np.float32))
    with paddle.no_grad():
        ours, reference = graphs.revision_residual(net, x).numpy(), net(x).numpy()
    assert ours.shape == reference.shape == (2, 3, 10, 14)
    assert np.abs(ours - reference).max() < 1e-4 * np.abs(reference).max()


def test_an_op_without_a_translation_is_named():
    with pytest.raises(NotImplementedError, match="softmax"):
        to_onnx(trace(Softmaxed(), [graphs.image_spec("image")]))


def test_recorded_and_fixed_norm_statistics_reproduce_the_plain_graph():
    """'record' returns each instance norm's statistics; 'fixed' fed with them gives the plain result."""
    import onnxruntime as ort

    net = networks.network("vintage")
    image = to_nchw(photo(64, 72))

    def session(norms):
        model = to_onnx(trace(graphs.Generator(net), [graphs.image_spec("image")]), norms=norms)
        return ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])

    plain = session("plain").run(None, {"image": image})[0]
    stats = session("record").run(None, {"image": image})
    assert len(stats) == 2 * 23 and stats[0].shape == (1, 64, 1, 1)
    fixed = session("fixed")
    feed = {"image": image, **{i.name: s for i, s in zip(fixed.get_inputs()[1:], stats)}}
    assert np.abs(fixed.run(None, feed)[0] - plain).max() < 1e-4


def test_cli_backend_option(tmp_path, kit):
    photo_path = kit / "content" / "test_chelsea.jpg"
    outs = {}
    for backend in ("paddle", "auto"):
        outs[backend] = tmp_path / f"{backend}.png"
        run = subprocess.run([sys.executable, "-m", "app", "stylize", str(photo_path), "--style", "style-05",
                              "--max-side", "160", "--backend", backend, "-o", str(outs[backend])],
                             capture_output=True, text=True, cwd=REPO, timeout=300)
        assert run.returncode == 0, run.stderr
    from PIL import Image

    a, b = (np.asarray(Image.open(outs[k]), dtype=int) for k in ("paddle", "auto"))
    assert a.shape == b.shape == (106, 160, 3) and np.abs(a - b).max() <= 1
