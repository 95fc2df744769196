"""``train(kind, options, run_dir)``: the training job the command line and the GUI run."""
from pathlib import Path

from .. import device as devices
from ..errors import UserError
from ..paths import weights_dir
from . import runner


def _trainers() -> dict:
    from . import cyclegan, dots, lapstyle, restore

    return {"lapstyle": (lapstyle.LapStyleTrainer, lapstyle.DEFAULTS),
            "cyclegan": (cyclegan.CycleGANTrainer, cyclegan.DEFAULTS),
            "restore": (restore.RestoreTrainer, restore.DEFAULTS),
            "dots": (dots.DotsTrainer, dots.DEFAULTS)}


def defaults(kind: str) -> dict:
    """The default settings of a kind of training ('lapstyle', 'cyclegan', 'restore', 'dots')."""
    return _trainers()[kind][1]


def train(kind: str, options: dict, run_dir, device: str = "auto", cancel=None, resume: bool = False):
    """Train a model; a generator of TrainEvent. ``options`` override the kind's defaults (a new run
    only: a resumed run takes its settings from ``run_dir/settings.json``). Inputs are checked before
    any work starts; a folder that already holds a run must be resumed, not overwritten."""
    run_dir = Path(run_dir)
    trainers = _trainers()
    if resume:
        settings = runner.read_settings(run_dir)
        if settings.get("kind") != kind:
            raise UserError(f"{run_dir} holds a {settings.get('kind')} run, not {kind}")
    else:
        if kind not in trainers:
            raise UserError(f"unknown training kind '{kind}'; use one of {', '.join(trainers)}")
        if (run_dir / runner.SETTINGS).exists():
            raise UserError(f"{run_dir} already holds a training run; resume it or choose another folder")
        settings = {"kind": kind, **runner.resolve(trainers[kind][1], options)}
    devices.select(device)
    trainer = trainers[kind][0](settings, run_dir)
    taken = weights_dir() / f"{getattr(trainer, 'model_id', '')}.safetensors"
    if not resume and settings["install"] and taken.exists():
        raise UserError(f"a trained model named '{trainer.model_id}' exists already ({taken}); "
                        "choose another run folder or name")
    yield from runner.run(trainer, run_dir, cancel, resume)
