"""Data-parallel training with Paddle's own launcher (``python -m paddle.distributed.launch``).

The launcher starts one process per device and tells each its rank through the environment; every
process takes its own slice of each batch and ``paddle.DataParallel`` averages the gradients. Only
rank 0 writes files. Without the launcher there is one process and nothing changes.
"""
import os


def world_size() -> int:
    return int(os.environ.get("PADDLE_TRAINERS_NUM", "1"))


def rank() -> int:
    return int(os.environ.get("PADDLE_TRAINER_ID", "0"))


def mine(batch: list) -> list:
    """This process's part of a whole batch (every process makes the whole batch from the same
    random draws, so the data are exactly those of a one-process run)."""
    size = world_size()
    if len(batch) % size:
        raise ValueError(f"batch {len(batch)} does not split over {size} processes")
    part = len(batch) // size
    return batch[rank() * part:(rank() + 1) * part]


def wrap(net):
    """The network ready for data-parallel training (itself when there is one process)."""
    if world_size() == 1:
        return net
    from models import paddle

    if not paddle.distributed.is_initialized():
        paddle.distributed.init_parallel_env()
    return paddle.DataParallel(net)
