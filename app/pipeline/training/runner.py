"""The training loop every trainer shares: settings, checkpoints, resume, the loss log, previews, cancel.

A run directory holds:

- ``settings.json``: the resolved settings (a resumed run reads them from here);
- ``checkpoint.safetensors``: networks, optimizer state and the step, written atomically every
  ``checkpoint_minutes`` (and every ``checkpoint_steps`` when set), on cancel and at the end;
- ``losses.csv``: one row per step (step, seconds, stage, each loss);
- ``previews/step_NNNNNN.jpg``: snapshots every ``preview_every`` steps (and one after ``preview_first``);
- ``training.lock``: the id of the process training it, while it trains;
- the final model (``NAME.safetensors`` + card ``NAME.json``), also installed into the zoo's weights
  folder so ``models list`` shows it and ``stylize --model NAME`` uses it.

Data order and crops are functions of (seed, step) (see ``data.step_rng``), so a resumed run repeats
exactly what a straight run does.
"""
import copy
import csv
import json
import math
import re
import shutil
import time
from pathlib import Path

from ..atomic import atomic_path
from ..errors import UserError
from ..imageio import write_image
from ..paths import weights_dir
from . import checkpoint
from .events import TrainEvent
from .lock import run_lock

SETTINGS, CHECKPOINT, LOSSES, PREVIEWS = "settings.json", "checkpoint.safetensors", "losses.csv", "previews"
COMMON = {"seed": 0, "checkpoint_minutes": 5.0, "checkpoint_steps": 0, "preview_every": 100, "preview_first": 0,
          "install": True}  # preview_first: one early snapshot after that step (0: none), before the first of every


def slug(text: str) -> str:
    """A model-id-friendly form of a name: lowercase ASCII letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "run"


def _check_value(key: str, value, default) -> None:
    """A UserError unless ``value`` has the kind of ``default`` (an int for an int, any number for a float,
    true/false for a flag); numbers must not be negative, and sizes and batches must be at least 1."""
    if default is None:
        return
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, bool):
        fits, kind = isinstance(value, bool), "true or false"
    elif isinstance(default, int):
        fits, kind = number and isinstance(value, int), "a whole number"
    elif isinstance(default, float):
        fits, kind = number, "a number"
    else:
        fits, kind = isinstance(value, type(default)), {str: "a text", list: "a list", dict: "a group of settings "
                                                         f"(set one with {key}.NAME=VALUE)"}[type(default)]
    if not fits:
        raise UserError(f"training option '{key}' must be {kind}, not {json.dumps(value)}")
    least = 1 if key.split(".")[0] in ("size", "batch") else 0
    if number and value < least:
        raise UserError(f"training option '{key}' must be {least} or more, not {value}")


def resolve(defaults: dict, options: dict) -> dict:
    """``defaults`` updated by ``options``; nested dicts (loss weights, steps per stage) merge key by key.
    An unknown key, or a value of the wrong kind, is a UserError that says so."""
    out = json.loads(json.dumps(defaults))
    for key, value in options.items():
        if key not in out:
            raise UserError(f"unknown training option '{key}'; known: {', '.join(sorted(out))}")
        _check_value(key, value, out[key])
        if isinstance(out[key], dict):
            unknown = set(value) - set(out[key])
            if unknown:
                raise UserError(f"unknown keys for '{key}': {', '.join(sorted(unknown))}; "
                                f"known: {', '.join(out[key])}")
            for name, item in value.items():
                _check_value(f"{key}.{name}", item, out[key][name])
            out[key].update(value)
        else:
            out[key] = value
    return out


def discard_untrained(run_dir: Path) -> None:
    """Remove what a new run wrote before it failed, with no checkpoint yet: the folder can start a run again."""
    for name in (SETTINGS, LOSSES):
        (run_dir / name).unlink(missing_ok=True)
    shutil.rmtree(run_dir / PREVIEWS, ignore_errors=True)


def apply_settings(options: dict, items) -> dict:
    """A copy of ``options`` with ``KEY=VALUE`` pairs set (dotted keys nest; a value is read as JSON when it
    parses, e.g. ``steps.draft=500``, ``lr=2e-4``, ``name=my-run``); the nested dicts of ``options``, often a
    recipe's constants, are left as they are."""
    options = copy.deepcopy(options)
    for item in items:
        key, sep, text = item.partition("=")
        if not sep or not key:
            raise UserError(f"a setting takes KEY=VALUE, got '{item}'")
        try:
            value = json.loads(text)
        except ValueError:
            value = text
        *parents, last = key.split(".")
        target = options
        for part in parents:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                raise UserError(f"'{part}' in '{item}' is not a group of settings")
        target[last] = value
    return options


def read_settings(run_dir: Path) -> dict:
    try:
        return json.loads((run_dir / SETTINGS).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{run_dir} holds no training run to resume (no {SETTINGS})") from None
    except (OSError, ValueError) as exc:
        raise UserError(f"{run_dir / SETTINGS} is unreadable ({exc})") from None


def write_json(path: Path, data: dict) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")


def _keep_log_until(path: Path, step: int) -> None:
    """Drop rows past ``step`` (a crash after the last checkpoint logged steps that will be redone)."""
    if not path.exists():
        return
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    kept = rows[:1] + [r for r in rows[1:] if r and int(r[0]) <= step]
    with atomic_path(path) as tmp, tmp.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(kept)


def _install(paths: list) -> Path:
    """Copy the model files into the zoo's weights folder; the copy of the first, or None if not writable."""
    folder = weights_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path in paths:
            with atomic_path(folder / path.name) as tmp:
                shutil.copyfile(path, tmp)
    except OSError:
        return None
    return folder / paths[0].name


def run(trainer, run_dir: Path, cancel=None, resume=False):
    """Drive ``trainer`` from its checkpoint (or step 0) to its last step; yields a TrainEvent per step.

    ``trainer`` provides ``settings``, ``total``, ``loss_names``, ``stage(step)``, ``train_step(step)``,
    ``arrays()``, ``restore(arrays, step)``, ``preview()`` and ``export(folder) -> [model files]``.
    The main process holds the run folder's lock throughout (a second process is refused, with a UserError, and
    touches nothing); a new run that fails before its first checkpoint leaves the folder free for another.
    """
    run_dir = Path(run_dir)
    if not trainer.is_main:
        yield from _steps(trainer, run_dir, cancel, resume)
        return
    run_dir.mkdir(parents=True, exist_ok=True)
    with run_lock(run_dir):
        try:
            yield from _steps(trainer, run_dir, cancel, resume)
        except BaseException:
            if not resume and not (run_dir / CHECKPOINT).exists():
                discard_untrained(run_dir)
            raise


def _steps(trainer, run_dir: Path, cancel, resume):
    settings = trainer.settings
    main = trainer.is_main
    start = 0
    if resume and (run_dir / CHECKPOINT).exists():
        arrays, info = checkpoint.load(run_dir / CHECKPOINT)
        start = info["step"]
        trainer.restore(arrays, start)
    elif main:
        write_json(run_dir / SETTINGS, settings)
    log_path = run_dir / LOSSES
    if main:
        _keep_log_until(log_path, start)
        (run_dir / PREVIEWS).mkdir(exist_ok=True)
    new_log = not log_path.exists()
    log = log_path.open("a", newline="", encoding="utf-8") if main else None
    writer = csv.writer(log) if log else None
    if writer and new_log:
        writer.writerow(["step", "seconds", "stage", *trainer.loss_names])

    def save_checkpoint(step):
        if not main:
            return None
        return checkpoint.save(run_dir / CHECKPOINT, trainer.arrays(),
                               {"step": step, "stage": trainer.stage(max(step - 1, 0)), "kind": trainer.kind})

    def snapshot(step):
        image = trainer.preview()
        if main:
            write_image(run_dir / PREVIEWS / f"step_{step:06d}.jpg", image, quality=90)
        return image

    try:
        last_saved = time.monotonic()
        interval = settings["checkpoint_minutes"] * 60.0
        for step in range(start, trainer.total):
            if cancel is not None and cancel.is_set():
                yield TrainEvent(step, trainer.total, checkpoint=save_checkpoint(step))
                return
            began = time.perf_counter()
            losses = trainer.train_step(step)
            seconds = time.perf_counter() - began
            bad = [name for name, value in losses.items() if not math.isfinite(value)]
            if bad:
                raise UserError(f"training diverged at step {step + 1}: loss '{bad[0]}' is {losses[bad[0]]}; "
                                "the last checkpoint is kept (try a lower learning rate)")
            done = step + 1
            if writer:
                writer.writerow([done, f"{seconds:.3f}", trainer.stage(step),
                                 *(f"{losses[n]:.6g}" if n in losses else "" for n in trainer.loss_names)])
                log.flush()
            saved = None
            every = settings["checkpoint_steps"]
            if time.monotonic() - last_saved >= interval or (every and done % every == 0) or \
                    trainer.stage(step) != trainer.stage(done):
                saved, last_saved = save_checkpoint(done), time.monotonic()
            every, first = settings["preview_every"], settings.get("preview_first", 0)  # (older runs have no first)
            preview = snapshot(done) if (every and done % every == 0) or done == first else None
            yield TrainEvent(done, trainer.total, losses, preview, saved)
        saved = save_checkpoint(trainer.total)
        preview = snapshot(trainer.total)
        model_path = None
        if main:
            files = trainer.export(run_dir)
            model_path = (_install(files) if settings["install"] else None) or files[0]
        yield TrainEvent(trainer.total, trainer.total, {}, preview, saved, model_path)
    finally:
        if log:
            log.close()
