"""Choose where Paddle runs: the GPU whenever paddle has CUDA and a device, else the CPU."""
from .errors import UserError


def available() -> list:
    """The devices this paddle build can use, best first ('gpu' only with CUDA and a device)."""
    from models import paddle

    has_gpu = paddle.device.is_compiled_with_cuda() and paddle.device.cuda.device_count() > 0
    return ["gpu", "cpu"] if has_gpu else ["cpu"]


def select(preferred: str = "auto") -> str:
    """Make ``preferred`` ('auto', 'gpu' or 'cpu') paddle's device and return the one used."""
    from models import paddle

    devices = available()
    if preferred == "auto":
        chosen = devices[0]
    elif preferred in devices:
        chosen = preferred
    else:
        raise UserError(f"device '{preferred}' is not available; this paddle can use: {', '.join(devices)} "
                        "(for an NVIDIA GPU install paddlepaddle-gpu, see the README)")
    paddle.set_device(chosen)
    return chosen
