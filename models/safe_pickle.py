"""Read pickled weight files (Paddle ``.pdparams``, PyTorch ``.pth``) as data, never as code.

A pickle can name any importable function and call it while loading, so a downloaded weight file
could run a shell command. The unpicklers here admit only numpy arrays and scalars, plain
containers, numbers, strings and bytes; every other global raises :class:`UnsafeWeightsError`.
The handful of torch globals a state dict needs are replaced by small numpy functions, so torch is
never imported.
"""

import collections
import io
import pickle
import struct
import zipfile

import numpy as np

__all__ = ["UnsafeWeightsError", "read_pdparams", "read_torch"]


class UnsafeWeightsError(pickle.UnpicklingError):
    """A weight file asked for something other than arrays, containers and numbers."""


def _safe_dtype(*args):
    dtype = np.dtype(*args)
    if dtype.hasobject:
        raise UnsafeWeightsError("object arrays are not allowed in weight files")
    return dtype


def _latin1_encode(text, encoding="latin1"):
    # Python 3 pickles bytes at protocol < 3 as _codecs.encode(text, 'latin1').
    if encoding.replace("-", "").lower() != "latin1":
        raise UnsafeWeightsError(f"refused _codecs.encode with encoding {encoding!r}")
    return text.encode("latin1")


def _numpy_globals():
    """numpy's own pickling helpers, under the names numpy 1.x (``numpy.core``) and 2.x write."""
    core = getattr(np, "_core", None) or np.core
    allowed = {("numpy", "ndarray"): np.ndarray, ("numpy", "dtype"): _safe_dtype}
    for name in ("numpy.core", "numpy._core"):
        allowed[(name + ".multiarray", "_reconstruct")] = core.multiarray._reconstruct
        allowed[(name + ".multiarray", "scalar")] = core.multiarray.scalar
        allowed[(name + ".numeric", "_frombuffer")] = core.numeric._frombuffer
    return allowed


_SAFE_GLOBALS = {
    **_numpy_globals(),
    ("builtins", "dict"): dict,
    ("builtins", "list"): list,
    ("builtins", "tuple"): tuple,
    ("builtins", "set"): set,
    ("builtins", "frozenset"): frozenset,
    ("collections", "OrderedDict"): collections.OrderedDict,
    ("_codecs", "encode"): _latin1_encode,
}


class _SafeUnpickler(pickle.Unpickler):
    """An unpickler that resolves globals from an allow-list only."""

    extra_globals = {}

    def __init__(self, file, source):
        super().__init__(file, encoding="latin1")
        self.source = source

    def find_class(self, module, name):
        found = self.extra_globals.get((module, name), _SAFE_GLOBALS.get((module, name)))
        if found is None:
            raise UnsafeWeightsError(
                f"refused global '{module}.{name}' in weight file {self.source}: "
                "weight files may hold only arrays, containers and numbers"
            )
        return found

    def persistent_load(self, pid):
        raise UnsafeWeightsError(f"unexpected persistent id in weight file {self.source}")


# ---------------------------------------------------------------- Paddle

_PADDLE_NAME_TABLE = "StructuredToParameterName@@"
_PADDLE_BIG_PARAMS = "UnpackBigParamInfor@@"  # sic, Paddle's spelling


def _paddle_values_to_arrays(obj):
    """Unwrap Paddle's ``(tensor_name, ndarray)`` pairs and turn every mapping into a dict."""
    if isinstance(obj, tuple) and len(obj) == 2 and isinstance(obj[0], str) and isinstance(obj[1], np.ndarray):
        return obj[1]
    if isinstance(obj, dict):
        return {key: _paddle_values_to_arrays(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(_paddle_values_to_arrays(value) for value in obj)
    return obj


def _join_big_params(state):
    """Reassemble arrays that ``paddle.save`` (protocol 2/3) split into slices."""
    for key, info in state.pop(_PADDLE_BIG_PARAMS, {}).items():
        parts = [state.pop(part) for part in info["slices"]]
        state[key] = np.concatenate(parts).reshape(info["OriginShape"])
    return state


def read_pdparams(path):
    """Read a Paddle ``.pdparams`` file into a (possibly nested) dict of numpy arrays.

    Handles what ``paddle.save`` writes for a state dict (arrays plus a parameter-name table,
    nested tensors stored as ``(name, ndarray)`` pairs, big arrays split into slices) and the
    plain pickled-numpy dicts of older PaddleGAN releases.
    """
    with open(path, "rb") as f:
        obj = _SafeUnpickler(f, path).load()
    if not isinstance(obj, dict):
        raise ValueError(f"{path} does not hold a dict of weights (found {type(obj).__name__})")
    obj = _join_big_params(dict(obj))
    obj.pop(_PADDLE_NAME_TABLE, None)
    return _paddle_values_to_arrays(obj)


# ---------------------------------------------------------------- PyTorch

class _TorchStorageType:
    """Stands in for ``torch.FloatStorage`` and friends: only remembers the element type."""

    def __init__(self, dtype):
        self.dtype = dtype


_BFLOAT16 = "bfloat16"  # numpy has no bfloat16: stored as uint16, widened to float32 on read

_TORCH_DTYPES = {
    "Float": ("<f4", ("float32", "float")),
    "Double": ("<f8", ("float64", "double")),
    "Half": ("<f2", ("float16", "half")),
    "BFloat16": (_BFLOAT16, ("bfloat16",)),
    "Long": ("<i8", ("int64", "long")),
    "Int": ("<i4", ("int32", "int")),
    "Short": ("<i2", ("int16", "short")),
    "Char": ("<i1", ("int8",)),
    "Byte": ("<u1", ("uint8",)),
    "Bool": ("|b1", ("bool",)),
}


def _storage_from_bytes(raw, dtype, big_endian=False):
    """Turn raw storage bytes into a 1-D numpy array."""
    if dtype == _BFLOAT16:
        halves = np.frombuffer(raw, ">u2" if big_endian else "<u2")
        return (halves.astype(np.uint32) << 16).view(np.float32)
    np_dtype = np.dtype(dtype)
    if big_endian:
        np_dtype = np_dtype.newbyteorder(">")
    return np.frombuffer(raw, np_dtype).astype(np_dtype.newbyteorder("="))


def _rebuild_tensor(storage, storage_offset, size, stride, *_unused):
    """numpy version of ``torch._utils._rebuild_tensor(_v2)``: a strided view, copied out.

    Indexing (not ``as_strided``) keeps a malformed file from reading outside the storage.
    """
    size, stride = tuple(size), tuple(stride)
    contiguous = tuple(int(np.prod(size[i + 1:])) for i in range(len(size)))
    count = int(np.prod(size))
    if stride == contiguous or count <= 1:
        flat = storage[storage_offset:storage_offset + count]
        if flat.size != count:
            raise ValueError("tensor extends past the end of its storage")
        return flat.reshape(size).copy()
    index = np.full(size, storage_offset, dtype=np.int64)
    for axis, (n, step) in enumerate(zip(size, stride)):
        shape = [1] * len(size)
        shape[axis] = n
        index += (np.arange(n, dtype=np.int64) * step).reshape(shape)
    if index.min() < 0 or index.max() >= storage.size:
        raise ValueError("tensor extends past the end of its storage")
    return storage[index]


def _rebuild_parameter(data, *_unused):
    return data


def _torch_globals():
    allowed = {
        ("torch._utils", "_rebuild_tensor"): _rebuild_tensor,
        ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor,
        ("torch._utils", "_rebuild_parameter"): _rebuild_parameter,
        ("torch._utils", "_rebuild_parameter_with_state"): _rebuild_parameter,
    }
    for kind, (dtype, dtype_names) in _TORCH_DTYPES.items():
        allowed[("torch", kind + "Storage")] = _TorchStorageType(dtype)
        for name in dtype_names:
            allowed[("torch", name)] = dtype
    return allowed


class _TorchUnpickler(_SafeUnpickler):
    """Resolves torch's storage references through ``load_storage(key, dtype, numel)``; the device
    location ('cpu', 'cuda:0', ...) is ignored, since everything lands in numpy."""

    extra_globals = _torch_globals()

    def __init__(self, file, source, load_storage):
        super().__init__(file, source)
        self.load_storage = load_storage

    def persistent_load(self, pid):
        if not (isinstance(pid, tuple) and pid and pid[0] == "storage"):
            raise UnsafeWeightsError(f"unexpected persistent id {pid!r:.80} in weight file {self.source}")
        storage_type, key, _location, numel = pid[1:5]
        if not isinstance(storage_type, _TorchStorageType):
            raise UnsafeWeightsError(f"unknown storage type in weight file {self.source}")
        storage = self.load_storage(str(key), storage_type.dtype, int(numel))
        view = pid[5] if len(pid) > 5 else None  # legacy storage views: (view_key, offset, size)
        if view is not None:
            _view_key, offset, view_size = view
            storage = storage[offset:offset + view_size]
        return storage


def _read_torch_zip(path):
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        pickles = [name for name in names if name.endswith("data.pkl") and name.count("/") == 1]
        if len(pickles) != 1:
            raise ValueError(f"{path} is not a PyTorch zip checkpoint (no single */data.pkl)")
        prefix = pickles[0][: -len("data.pkl")]
        big_endian = False
        if prefix + "byteorder" in names:
            big_endian = archive.read(prefix + "byteorder").strip() == b"big"
        loaded = {}

        def load_storage(key, dtype, numel):
            if key not in loaded:
                raw = archive.read(f"{prefix}data/{key}")
                loaded[key] = _storage_from_bytes(raw, dtype, big_endian)
            if loaded[key].size < numel:
                raise ValueError(f"storage {key} in {path} is shorter than declared")
            return loaded[key]

        return _TorchUnpickler(io.BytesIO(archive.read(pickles[0])), path, load_storage).load()


_LEGACY_MAGIC = 0x1950A86A20F9469CFC6C


def _read_torch_legacy(path):
    with open(path, "rb") as f:
        data = f.read()
    stream = io.BytesIO(data)
    if _SafeUnpickler(stream, path).load() != _LEGACY_MAGIC:
        raise ValueError(f"{path} is neither a PyTorch zip nor a legacy PyTorch checkpoint")
    _SafeUnpickler(stream, path).load()  # protocol version
    sys_info = _SafeUnpickler(stream, path).load()
    big_endian = not sys_info.get("little_endian", True)
    object_start = stream.tell()

    # Pass 1: learn each storage's element type; the raw storages follow the object pickle.
    dtypes = {}

    def record_storage(key, dtype, numel):
        dtypes[key] = dtype
        return np.broadcast_to(np.float32(0), (numel,))

    _TorchUnpickler(stream, path, record_storage).load()
    keys = _SafeUnpickler(stream, path).load()
    storages, offset = {}, stream.tell()
    for key in keys:  # each storage: int64 element count, then the raw elements
        if offset + 8 > len(data):
            raise ValueError(f"storage {key} in {path} is missing")
        (numel,) = struct.unpack("<q", data[offset:offset + 8])
        itemsize = 2 if dtypes[key] == _BFLOAT16 else np.dtype(dtypes[key]).itemsize
        end = offset + 8 + numel * itemsize
        if numel < 0 or end > len(data):
            raise ValueError(f"storage {key} in {path} is truncated")
        storages[key] = _storage_from_bytes(data[offset + 8:end], dtypes[key], big_endian)
        offset = end

    # Pass 2: rebuild the object with the real storages.
    stream.seek(object_start)
    return _TorchUnpickler(stream, path, lambda key, dtype, numel: storages[key]).load()


def read_torch(path):
    """Read a PyTorch checkpoint (zip or legacy format) without importing torch.

    Tensors come back as numpy arrays (CPU or CUDA locations alike); containers come back as they
    were saved, so a ``{'state_dict': {...}}`` file stays nested.
    """
    if zipfile.is_zipfile(path):
        return _read_torch_zip(path)
    return _read_torch_legacy(path)
