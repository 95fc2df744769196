"""Where a network runs: the Paddle dynamic graph (the reference) or a fast exported graph.

- ``onnx``: our exported ONNX graph in onnxruntime (the CPU default: 3-10x faster than the dynamic graph);
- ``inference``: the ``jit.save``'d program in Paddle Inference, with CUDA on a GPU (the GPU default) and
  oneDNN on a CPU;
- ``paddle``: the dynamic graph, the reference the others must agree with (within 1e-3).

A :class:`Graph` names one exported function of one network; its key holds the model id, a digest of the
weights and the variant (e.g. the pyramid depth), so exported files are cached per model and size class
and a changed or fine-tuned network gets a new file. Files live in ``<cache>/graphs``.
"""
import functools
import hashlib
import os
import re
import threading
import warnings
from dataclasses import dataclass, field

import numpy as np

from .atomic import atomic_path
from .errors import Cancelled, UserError
from .paths import cache_dir

BACKENDS = ("onnx", "inference", "paddle")
EXPORT_VERSION = 10  # bump when the exporter (export.py and what it uses) or a graph's function changes what it writes
_lock = threading.Lock()


@dataclass(frozen=True)
class Graph:
    """One function of a network to run: ``make()`` builds a layer whose ``forward(*inputs)`` returns a
    tensor or a list of tensors (a fresh one each time: tracing converts the layer it is given).

    ``norms`` ('plain', 'record' or 'fixed') and ``even`` are for the ONNX export only: 'record' outputs
    each instance norm's mean and variance, 'fixed' takes them as inputs (tiles share global statistics)."""
    key: str
    make: object = field(compare=False, hash=False)
    specs: tuple = field(compare=False, hash=False)
    norms: str = "plain"
    even: bool = False  # inputs have sides that are multiples of 4 (see export.to_onnx)


def weights_digest(net) -> str:
    """A short digest of a network's weights (changes whenever any weight does)."""
    digest = hashlib.sha256()
    for name, tensor in sorted(net.state_dict().items()):
        digest.update(name.encode())
        digest.update(np.ascontiguousarray(tensor.numpy()).tobytes())
    return digest.hexdigest()[:16]


def _safe(model_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", model_id)[-60:]


def graph_key(model_id: str, digest: str, variant: str) -> str:
    from models import paddle

    return f"{_safe(model_id)}-{digest}-{variant}-e{EXPORT_VERSION}-p{paddle.__version__}"


def _forget_stale(key: str) -> None:
    """Remove the cached graphs of the same model made from other weights, exporter or paddle versions."""
    match = re.match(r"(.+)-([0-9a-f]{16})-.+(-e\d+-p[^/]+)$", key)
    if not match:
        return
    model, digest, versions = match.groups()
    pattern = re.compile(re.escape(model) + r"-([0-9a-f]{16})-.+?(-e\d+-p.+?)\.(onnx|json|pdiparams)$")
    for path in graphs_dir().iterdir():
        found = pattern.match(path.name)
        if found and (found.group(1) != digest or found.group(2) != versions):
            path.unlink(missing_ok=True)


def _has_onnxruntime() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def available() -> list:
    """The backends this installation can run, fastest default first."""
    from . import device

    fast = ["inference", "onnx"] if "gpu" in device.available() else ["onnx", "inference"]
    return [b for b in fast if b != "onnx" or _has_onnxruntime()] + ["paddle"]


def default() -> str:
    """The backend users get without asking: Paddle Inference on a GPU, else onnxruntime."""
    return available()[0]


def check(name) -> str:
    """``name`` if this installation can run it ('auto' or None: the default), else a UserError."""
    if name in (None, "auto"):
        return default()
    if name not in available():
        hint = " (pip install onnxruntime)" if name == "onnx" else ""
        raise UserError(f"backend '{name}' is not available{hint}; available: {', '.join(available())}")
    return name


def graphs_dir():
    return cache_dir() / "graphs"


def runner(graph: Graph, backend: str, cancel=None, lean=False):
    """A function of numpy arrays (float32, NCHW) returning a list of numpy arrays. On onnx, setting
    ``cancel`` (a threading.Event) stops a run midway (Cancelled); elsewhere runs finish first.
    ``lean`` (onnx): no memory arena, so each run's memory goes back to the system; ~20 % slower, for
    the graphs of a tiled image, which run in turn and would otherwise each keep their peak."""
    if backend == "paddle":
        return functools.partial(_run_dynamic, graph.make())
    if backend == "onnx":
        return functools.partial(_onnx_session(graph, lean).run_arrays, cancel=cancel)
    if backend == "inference":
        return _predictor(graph).run_arrays
    raise UserError(f"unknown backend '{backend}'; choose one of {', '.join(BACKENDS)}")


def _as_list(out):
    return list(out) if isinstance(out, (list, tuple)) else [out]


def _run_dynamic(layer, *arrays):
    from models import paddle

    with paddle.no_grad():
        return [t.numpy() for t in _as_list(layer(*[paddle.to_tensor(a) for a in arrays]))]


def _threads() -> int:
    return int(os.environ.get("OMP_NUM_THREADS") or os.cpu_count() or 1)


class _OnnxSession:
    def __init__(self, path, lean):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = _threads()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        options.enable_cpu_mem_arena = not lean
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.names = [i.name for i in self.session.get_inputs()]

    def run_arrays(self, *arrays, cancel=None):
        import onnxruntime as ort

        feeds = {name: np.ascontiguousarray(a, dtype=np.float32) for name, a in zip(self.names, arrays)}
        options = ort.RunOptions()
        if cancel is None:
            return self.session.run(None, feeds, options)
        finished = threading.Event()

        def watch():  # a Cancel press terminates the run within ~50 ms
            while not finished.wait(0.05):
                if cancel.is_set():
                    options.terminate = True
                    return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            return self.session.run(None, feeds, options)
        except Exception:
            if cancel.is_set():
                raise Cancelled() from None
            raise
        finally:
            finished.set()
            watcher.join()


def close_sessions() -> None:
    """Let go of the open onnxruntime sessions and Paddle predictors, with the memory their arenas kept (a
    run opens them again from the exported files)."""
    _onnx_session.cache_clear()
    _predictor.cache_clear()


@functools.lru_cache(maxsize=8)
def _onnx_session(graph: Graph, lean=False):
    path = graphs_dir() / f"{graph.key}.onnx"
    if path.exists():
        try:
            return _OnnxSession(path, lean)
        except Exception:  # unreadable (damaged, or from another onnxruntime): export it again
            path.unlink(missing_ok=True)
    with _lock:
        if not path.exists():
            from .export import to_onnx, trace

            model = to_onnx(trace(graph.make(), list(graph.specs)), norms=graph.norms, even=graph.even)
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(path) as tmp:
                tmp.write_bytes(model.SerializeToString())
            _forget_stale(graph.key)
    return _OnnxSession(path, lean)


class _Predictor:
    def __init__(self, prefix, use_gpu):
        from paddle import inference

        config = inference.Config(f"{prefix}.json", f"{prefix}.pdiparams")
        if use_gpu:
            config.enable_use_gpu(256, 0)
        else:
            config.disable_gpu()
            config.enable_mkldnn()
            config.delete_pass("conv_activation_onednn_fuse_pass")  # crashes on leaky_relu (paddle 3.3.1)
            config.set_cpu_math_library_num_threads(_threads())
        config.disable_glog_info()
        self.predictor = inference.create_predictor(config)
        self.lock = threading.Lock()

    def run_arrays(self, *arrays):
        with self.lock:
            for name, array in zip(self.predictor.get_input_names(), arrays):
                self.predictor.get_input_handle(name).copy_from_cpu(np.ascontiguousarray(array, dtype=np.float32))
            self.predictor.run()
            return [self.predictor.get_output_handle(n).copy_to_cpu() for n in self.predictor.get_output_names()]


@functools.lru_cache(maxsize=8)
def _predictor(graph: Graph):
    from models import paddle

    from . import device

    if graph.norms != "plain":
        raise UserError("the inference backend runs whole images only")
    prefix = graphs_dir() / graph.key
    with _lock:
        if not prefix.with_suffix(".json").exists():
            prefix.parent.mkdir(parents=True, exist_ok=True)
            static = paddle.jit.to_static(graph.make(), input_spec=list(graph.specs), full_graph=True)
            tmp = prefix.parent / f".{prefix.name}.tmp{os.getpid()}"
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="Tensor do not have 'place'")
                paddle.jit.save(static, str(tmp))
            os.replace(f"{tmp}.pdiparams", f"{prefix}.pdiparams")
            os.replace(f"{tmp}.json", f"{prefix}.json")
            _forget_stale(graph.key)
    return _Predictor(prefix, "gpu" in device.available() and paddle.get_device().startswith("gpu"))
