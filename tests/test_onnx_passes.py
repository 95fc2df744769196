"""Each ONNX pass keeps the numbers of a small translated graph and rewrites the pattern it is for."""
import numpy as np
import onnxruntime as ort
import pytest

from app.pipeline import onnx_passes
from app.pipeline.export import trace
from app.pipeline.paddle_to_onnx import translate
from models import paddle

nn, F = paddle.nn, paddle.nn.functional


@pytest.fixture(autouse=True)
def seeded():
    paddle.seed(1)


def literal(layer, channels):
    """``layer`` on a [1, channels, H, W] image as the translator writes it."""
    spec = paddle.static.InputSpec([1, channels, None, None], "float32", "image")
    return translate(trace(layer, [spec]), "plain")


def rewritten(rewrite, model, height=12, width=16):
    """The node types of ``rewrite(model)``, which must give ``model``'s numbers on a random image."""
    channels = model.graph.input[0].type.tensor_type.shape.dim[1].dim_value
    image = np.random.default_rng(2).standard_normal((1, channels, height, width)).astype(np.float32)
    result = rewrite(model)
    before, after = (ort.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"])
                     .run(None, {"image": image})[0] for m in (model, result))
    assert after.shape == before.shape
    assert np.abs(after - before).max() < 1e-5 * np.abs(before).max()
    return [node.op_type for node in result.graph.node]


class Padded(nn.Layer):
    """A reflect-padded conv of an edge-padded image."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2D(3, 4, 3, padding=1, padding_mode="reflect")

    def forward(self, image):
        return self.conv(F.pad(image, [2, 1, 0, 3], mode="replicate"))


def test_an_image_is_padded_in_4d():
    ops = rewritten(onnx_passes.pads_in_4d, literal(Padded(), 3))
    assert ops.count("Pad") == 2 and "Unsqueeze" not in ops and "Squeeze" not in ops


class StackedCopies(nn.Layer):
    """Columns interleaved with their negatives, then each row repeated three times."""

    def forward(self, image):
        columns = paddle.flatten(paddle.stack([image, -image], axis=4), 3, 4)
        return paddle.flatten(paddle.stack([columns] * 3, axis=3), 2, 3)


def test_a_flattened_stack_of_copies_is_a_resize():
    ops = rewritten(onnx_passes.stacked_copies_as_resize, literal(StackedCopies(), 3))
    assert ops.count("Resize") == 1 and ops.count("Concat") == 2  # the interleave and its reshape's shape


def test_a_repeat_of_a_repeat_is_one_resize():
    from models.pyramid import UpsampleNearest

    model = onnx_passes.stacked_copies_as_resize(literal(UpsampleNearest(), 3))  # x2 along W, then along H
    assert [node.op_type for node in model.graph.node].count("Resize") == 2
    assert rewritten(onnx_passes.merged_resizes, model).count("Resize") == 1


def test_a_stride_2_transposed_conv_becomes_a_phase_conv():
    up = nn.Conv2DTranspose(5, 7, 3, stride=2, padding=1, output_padding=1)
    ops = rewritten(onnx_passes.transposed_convs_by_phases, literal(up, 5))
    assert "ConvTranspose" not in ops and ops.count("DepthToSpace") == 1


def test_a_large_few_output_conv_runs_on_space_to_depth_phases():
    ops = rewritten(onnx_passes.large_convs_by_phases, literal(nn.Conv2D(5, 3, 7), 5))
    assert ops.count("SpaceToDepth") == ops.count("DepthToSpace") == 1


class UpsampledConv(nn.Layer):
    """A reflect-padded 3x3 conv of a nearest x2 upsampling."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2D(4, 6, 3, padding=1, padding_mode="reflect")

    def forward(self, image):
        from models.pyramid import upsample_nearest

        return self.conv(upsample_nearest(image))


def test_a_conv_of_an_upsampling_runs_at_the_low_resolution():
    model = literal(UpsampledConv(), 4)
    for rewrite in (onnx_passes.pads_in_4d, onnx_passes.stacked_copies_as_resize, onnx_passes.merged_resizes):
        model = rewrite(model)
    ops = rewritten(onnx_passes.upsampled_convs_by_phases, model)
    assert "Resize" not in ops and ops.count("DepthToSpace") == 1


class BiasedPhasesDown(nn.Layer):
    """A reflect-padded stride-2 conv of the ReLU of depth-to-space(phases) plus a bias."""

    def __init__(self):
        super().__init__()
        self.bias = self.create_parameter([3], default_initializer=nn.initializer.Normal())
        self.down = nn.Conv2D(3, 5, 3, stride=2, padding=1, padding_mode="reflect")

    def forward(self, phases):
        return self.down(F.relu(F.pixel_shuffle(phases, 2) + self.bias.reshape([1, -1, 1, 1])))


def test_a_strided_conv_reads_the_phases_of_a_depth_to_space():
    model = onnx_passes.pads_in_4d(literal(BiasedPhasesDown(), 12))
    ops = rewritten(onnx_passes.strided_convs_on_phases, model)
    assert "DepthToSpace" not in ops and ops.count("Conv") == 1
