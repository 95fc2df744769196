"""The ncnn reader: every weight encoding ncnn's ModelBin knows, and mismatched files."""
import numpy as np
import pytest

from models.ncnn import read_ncnn, read_param

PARAM = """7767517
3 3
Input            data   0 1 data 0=8 1=8 2=2
Convolution      conv   1 1 data c 0=3 1=1 5=1 6=6 9=2 -23310=1,0.25
Deconvolution    up     1 1 c out 0=1 1=2 3=2 5=0 6=12
"""
TAGS = {"float32": 0, "float16": 0x01306B47, "float32_scaled": 0x0002C056}


def blob(values, encoding):
    values = np.asarray(values, np.float32)
    if encoding == "float16":
        data = values.astype("<f2").tobytes()
        return TAGS[encoding].to_bytes(4, "little") + data + b"\0" * (-len(data) % 4)
    if encoding == "table":  # 256-entry lookup table + uint8 indices; any other non-zero tag
        table = np.linspace(-1, 1, 256, dtype=np.float32)
        indices = np.abs(values[:, None] - table[None]).argmin(1).astype(np.uint8)
        return bytes([1, 2, 3, 4]) + table.tobytes() + indices.tobytes() + b"\0" * (-len(values) % 4)
    return TAGS[encoding].to_bytes(4, "little") + values.astype("<f4").tobytes()


@pytest.mark.parametrize("encoding", ["float32", "float16", "float32_scaled", "table"])
def test_weight_encodings(tmp_path, encoding):
    conv_w = np.linspace(-1, 1, 6, dtype=np.float32)
    up_w = np.linspace(-0.5, 0.5, 12, dtype=np.float32)
    (tmp_path / "m.param").write_text(PARAM)
    bias = np.array([0.1, 0.2, 0.3], "<f4").tobytes()  # biases are raw float32, untagged
    (tmp_path / "m.bin").write_bytes(blob(conv_w, encoding) + bias + blob(up_w, encoding))

    layers = read_ncnn(tmp_path / "m.param", tmp_path / "m.bin")
    conv, up = layers[1], layers[2]
    assert conv.params == {0: 3, 1: 1, 5: 1, 6: 6, 9: 2, 10: [0.25]}
    assert conv.bottoms == ["data"] and conv.tops == ["c"]
    tolerance = {"float16": 1e-3, "table": 5e-3}.get(encoding, 0)
    np.testing.assert_allclose(conv.weights["weight"], conv_w.reshape(3, 2, 1, 1), atol=tolerance)
    np.testing.assert_allclose(conv.weights["bias"], [0.1, 0.2, 0.3])
    np.testing.assert_allclose(up.weights["weight"], up_w.reshape(1, 3, 2, 2), atol=tolerance)
    assert "bias" not in up.weights


def test_mismatched_bin_is_rejected(tmp_path):
    (tmp_path / "m.param").write_text(PARAM)
    good = blob(np.zeros(6), "float32") + bytes(12) + blob(np.zeros(12), "float32")
    (tmp_path / "short.bin").write_bytes(good[:-4])
    (tmp_path / "long.bin").write_bytes(good + bytes(4))
    for name in ("short.bin", "long.bin"):
        with pytest.raises(ValueError):
            read_ncnn(tmp_path / "m.param", tmp_path / name)


def test_int8_and_non_ncnn_files_are_rejected(tmp_path):
    (tmp_path / "m.param").write_text(PARAM)
    (tmp_path / "int8.bin").write_bytes((0x000D4B38).to_bytes(4, "little") + bytes(8))
    with pytest.raises(ValueError, match="int8"):
        read_ncnn(tmp_path / "m.param", tmp_path / "int8.bin")
    (tmp_path / "x.param").write_text("123\n0 0\n")
    with pytest.raises(ValueError, match="not a text ncnn"):
        read_param(tmp_path / "x.param")
