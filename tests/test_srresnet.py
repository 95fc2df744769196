"""SRResNet: shapes at any size and scale, and it learns."""
import numpy as np
import paddle
import pytest
from PIL import Image

from models.srresnet import SRResNet


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


def test_a_same_size_net_learns_the_correction_and_loads_by_its_shape():
    """scale 1 adds the net's output to its input; the registry builds any depth, width and scale from a state."""
    from models.registry import build

    net = SRResNet(num_blocks=2, channels=8, scale=1)
    for p in net.tail.parameters():
        p.set_value(paddle.zeros(p.shape))
    x = paddle.rand([1, 3, 6, 10])
    np.testing.assert_array_equal(net(x).numpy(), x.numpy())
    for blocks, channels, scale in [(2, 8, 1), (3, 16, 4)]:
        state = {k: v.numpy() for k, v in SRResNet(blocks, channels, scale).state_dict().items()}
        built = build("srresnet", state)
        assert (len(built.blocks), built.scale) == (blocks, scale) and built.set_state_dict(state) == ([], [])


def test_scale_must_be_a_power_of_two():
    with pytest.raises(ValueError):
        SRResNet(scale=3)


def test_adam_steps_reduce_l1_on_a_fixed_pair(kit):
    paddle.seed(0)
    hr = Image.open(kit / "sr/coffee.png").convert("RGB").resize((128, 128), Image.BICUBIC)
    lr = hr.resize((32, 32), Image.BICUBIC)
    x, y = (paddle.to_tensor(np.asarray(im, np.float32).transpose(2, 0, 1)[None] / 255.0) for im in (lr, hr))

    net = SRResNet(num_blocks=4, channels=32)
    optimizer = paddle.optimizer.Adam(learning_rate=1e-3, parameters=net.parameters())
    losses = []
    for _ in range(15):
        loss = paddle.nn.functional.l1_loss(net(x), y)
        loss.backward()
        optimizer.step()
        optimizer.clear_grad()
        losses.append(float(loss))
    assert losses[-1] < 0.5 * losses[0], losses
