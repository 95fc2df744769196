"""A LapStyle to time in PaddleGAN's VGG layout: VGG encoder, 2 revision nets, seeded random weights (no VGG
LapStyle weights are reachable here; speed does not depend on the values), written once in PaddleGAN's file
layout to ``<cache>/bench/weights`` and loaded like a file a user drops in. Prints that folder, for the zoo:

    HUAFENG_WEIGHTS=$(.venv/bin/python bench/random_lapstyle.py) .venv/bin/python -m app bench lapstyle-random
"""
import pickle
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

MODEL = "lapstyle-random"  # the zoo's id for lapstyle_random.pdparams


def weights_folder() -> Path:
    """The folder holding ``lapstyle_random.pdparams`` (made on first use): a weights folder for the zoo."""
    from app.pipeline.atomic import write_bytes
    from app.pipeline.paths import cache_dir

    folder = cache_dir() / "bench" / "weights"
    target = folder / "lapstyle_random.pdparams"
    if not target.exists():
        from models import paddle
        from models.lapstyle import LapStyle

        paddle.seed(0)
        net = LapStyle("vgg", revision_levels=2)
        state = {part: {k: v.numpy() for k, v in getattr(net, part).state_dict().items()}
                 for part in ("net_enc", "net_dec", "net_rev", "net_rev_2")}
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes(target, pickle.dumps(state, protocol=2))
    return folder


if __name__ == "__main__":
    print(weights_folder())
