"""SRResNet: shapes at any size and scale, a correction over bicubic, the fast backends agree, and it learns."""
import numpy as np
import paddle
import pytest
from PIL import Image

from models.srresnet import DotFinder, SRResNet


def test_default_net_upscales_4x_at_a_non_square_size():
    net = SRResNet()
    net.eval()
    with paddle.no_grad():
        out = net(paddle.rand([2, 3, 12, 20]))
    assert out.shape == [2, 3, 48, 80]
    assert len(net.blocks) == 16
    state = net.state_dict()
    assert state["head.0.weight"].shape == [64, 3, 9, 9]
    assert state["tail.weight"].shape == [3, 64, 9, 9]
    assert state["upsample.0.weight"].shape == [64, 64, 4, 4] and "upsample.2.weight" in state


@pytest.mark.parametrize("scale", [1, 2, 8])
def test_other_scales(scale):
    net = SRResNet(num_blocks=1, channels=8, scale=scale)
    assert net(paddle.rand([1, 3, 6, 10])).shape == [1, 3, 6 * scale, 10 * scale]


def test_the_net_learns_a_correction_and_loads_by_its_shape():
    """With its output conv at zero the net gives bicubic (scale 1: its input); the registry builds any depth,
    width, scale, kernel and fold from a state."""
    from models.registry import build

    x = paddle.rand([1, 3, 6, 10])
    for scale in (1, 4):
        net = SRResNet(num_blocks=2, channels=8, scale=scale)
        for p in net.tail.parameters():
            p.set_value(paddle.zeros(p.shape))
        bicubic = paddle.nn.functional.interpolate(x, scale_factor=scale, mode="bicubic") if scale > 1 else x
        np.testing.assert_array_equal(net(x).numpy(), bicubic.numpy())
    for blocks, channels, scale, kernel, fold in [(2, 8, 1, 9, 1), (3, 16, 4, 3, 1), (2, 8, 1, 3, 2)]:
        state = {k: v.numpy() for k, v in SRResNet(blocks, channels, scale, kernel, fold).state_dict().items()}
        built = build("srresnet", state)
        assert (len(built.blocks), built.scale, built.fold, built.size_multiple) == (blocks, scale, fold, fold)
        assert built.set_state_dict(state) == ([], [])


def test_a_folded_net_works_on_pixel_blocks():
    """fold 2: the head's stride-2 conv equals a conv of the 2x2 pixel blocks stacked as channels."""
    net = SRResNet(num_blocks=1, channels=8, scale=1, outer_kernel=3, fold=2)
    x = paddle.rand([1, 3, 8, 12])
    assert net(x).shape == [1, 3, 8, 12]
    weight = net.head[0].weight.numpy()  # [8, 3, 6, 6] -> [8, 12, 3, 3] in pixel_unshuffle's channel order
    blocks = weight.reshape(8, 3, 3, 2, 3, 2).transpose(0, 1, 3, 5, 2, 4).reshape(8, 12, 3, 3)
    stacked = paddle.nn.functional.conv2d(paddle.nn.functional.pixel_unshuffle(x, 2), paddle.to_tensor(blocks),
                                          net.head[0].bias, padding=1)
    np.testing.assert_allclose(net.head[0](x).numpy(), stacked.numpy(), atol=1e-5)


@pytest.mark.parametrize("scale, fold", [(4, 1), (2, 1), (1, 2)])
def test_fast_backends_agree_with_the_dynamic_graph(scale, fold):
    from app.pipeline import backends, graphs

    paddle.seed(scale + fold)
    net = SRResNet(num_blocks=2, channels=8, scale=scale, outer_kernel=3, fold=fold)
    net.eval()
    state = net.state_dict()
    for key, value in state.items():  # an output that is more than the bicubic skip
        if key.startswith("tail"):
            value.set_value(value * 10)
    image = np.random.default_rng(0).random((1, 3, 14, 18)).astype(np.float32)

    def make():
        fresh = SRResNet(num_blocks=2, channels=8, scale=scale, outer_kernel=3, fold=fold)
        fresh.set_state_dict(state)
        fresh.eval()
        return graphs.Plain(fresh)
    graph = backends.Graph(f"srresnet-test-{scale}-{fold}", make, (graphs.image_spec("image"),))
    reference = backends.runner(graph, "paddle")(image)[0]
    assert reference.shape == (1, 3, 14 * scale, 18 * scale)
    for backend in backends.available():
        out = backends.runner(graph, backend)(image)[0]
        assert np.abs(out - reference).max() < 1e-4, backend


def test_scale_must_be_a_power_of_two():
    with pytest.raises(ValueError):
        SRResNet(scale=3)


def test_adam_steps_beat_bicubic_on_a_fixed_pair(kit):
    paddle.seed(0)
    hr = Image.open(kit / "sr/coffee.png").convert("RGB").resize((128, 128), Image.BICUBIC)
    lr = hr.resize((32, 32), Image.BICUBIC)
    x, y = (paddle.to_tensor(np.asarray(im, np.float32).transpose(2, 0, 1)[None] / 255.0) for im in (lr, hr))
    enlarged = paddle.nn.functional.interpolate(x, scale_factor=4, mode="bicubic")
    bicubic = float(paddle.nn.functional.l1_loss(enlarged, y))

    net = SRResNet(num_blocks=4, channels=32, outer_kernel=3)
    optimizer = paddle.optimizer.Adam(learning_rate=3e-4, parameters=net.parameters())
    losses = []
    for _ in range(40):
        loss = paddle.nn.functional.l1_loss(net(x), y)
        loss.backward()
        optimizer.step()
        optimizer.clear_grad()
        losses.append(float(loss))
    assert min(losses[-5:]) < 0.95 * bicubic, (bicubic, losses)


def test_the_dot_finder_gives_three_probabilities_and_loads_by_its_shape():
    from models.registry import build

    paddle.seed(4)
    net = DotFinder(num_blocks=2, channels=8, outer_kernel=3, fold=2)
    net.eval()
    image = paddle.to_tensor(np.random.default_rng(0).random((2, 3, 14, 18)).astype(np.float32))
    found = net(image).numpy()
    assert found.shape == (2, 3, 14, 18) and found.min() >= 0
    np.testing.assert_allclose(found.sum(axis=1), 1.0, atol=1e-6)
    scores = paddle.nn.functional.sigmoid(net(image, True)).numpy()
    np.testing.assert_allclose(found[:, 1], scores[:, 0] * scores[:, 1], atol=1e-6)  # a dot here, and it is white
    state = {k: v.numpy() for k, v in net.state_dict().items()}
    built = build("dotfinder", state)
    assert (len(built.blocks), built.fold, built.size_multiple) == (2, 2, 2)


def test_the_dot_finder_runs_the_same_on_every_backend():
    from app.pipeline import backends, graphs

    paddle.seed(5)
    net = DotFinder(num_blocks=2, channels=8, outer_kernel=3, fold=2)
    net.eval()
    state = net.state_dict()
    image = np.random.default_rng(1).random((1, 3, 14, 18)).astype(np.float32)

    def make():
        fresh = DotFinder(num_blocks=2, channels=8, outer_kernel=3, fold=2)
        fresh.set_state_dict(state)
        fresh.eval()
        return graphs.Plain(fresh)
    graph = backends.Graph("dotfinder-test", make, (graphs.image_spec("image"),))
    reference = backends.runner(graph, "paddle")(image)[0]
    for backend in backends.available():
        assert np.abs(backends.runner(graph, backend)(image)[0] - reference).max() < 1e-5, backend
