"""The command line: everything the GUI does, headless. ``python -m app <command> --help`` for details."""
import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from .pipeline.errors import UserError
from .progress import ProgressBar

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
TASKS = {"stylize": "a style model", "translate": "a CycleGAN model", "restore": "a restoration model",
         "component": "a part of other models"}


class UsageError(UserError):
    """A mistake in the command itself (an unknown model, a model for another command): exit code 2."""


def _model(model_id: str, task: str = None) -> str:
    """``model_id`` once it names a model of the zoo (made for ``task`` when given), else a UsageError before
    any file is read."""
    from .pipeline import zoo

    try:
        model = zoo.get(model_id)
    except UserError as exc:
        raise UsageError(str(exc)) from None
    if task is not None and model.task != task:
        raise UsageError(f"model '{model_id}' is {TASKS[model.task]}, not {TASKS[task]}; "
                         "python -m app models list shows them all")
    return model_id


def _add_io(p, what="IMAGE", device=True):
    p.add_argument("inputs", nargs="+", metavar=what, help="image files or folders of images")
    p.add_argument("-o", "--output", required=True, metavar="OUT",
                   help="output file (one input) or folder (several inputs)")
    p.add_argument("--skip-existing", action="store_true", help="leave outputs that already exist (resume a run)")
    p.add_argument("--quality", type=_whole(1, 100), default=95, help="JPEG/WebP quality, 1-100 (default 95)")
    if device:
        p.add_argument("--device", choices=["auto", "cpu", "gpu"], default="auto", help="where to run (default auto)")
        p.add_argument("--backend", choices=["auto", "onnx", "inference", "paddle"], default="auto",
                       help="how networks run: the fastest available (auto, default), onnx (onnxruntime), "
                       "inference (Paddle Inference), paddle (the dynamic graph, the reference)")


def _whole(low: int, high: int = None):
    """An argparse type: a whole number from ``low`` (to ``high``)."""
    def parse(text):
        value = int(text)
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"must be {low} or more, got {text}" if high is None else
                                             f"must be from {low} to {high}, got {text}")
        return value
    parse.__name__ = "whole number"  # argparse says "invalid whole number value: 'x'" for a word
    return parse


def _unit_interval(text):
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {text}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app", description="Huafeng (画风): GAN style transfer")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("stylize", help="paint photos in the style of a painting or a preset")
    _add_io(p, "CONTENT")
    p.add_argument("--style", help="a style image, or a preset name (see: models list); "
                                    "not needed with a LapStyle preset model, which carries its style")
    p.add_argument("--model", help="style model id (default: lapstyle-general, else arbitrary, for images; "
                                    "multistyle26 for presets)")
    p.add_argument("--alpha", type=_unit_interval, default=1.0, help="style strength 0..1 (default 1)")
    p.add_argument("--levels", type=int, help="LapStyle: revision levels of the pyramid (default: by size; "
                                               "fewer restyle more of the layout, more add finer detail)")
    p.add_argument("--preserve-color", action="store_true", help="keep the photo's colours")
    p.add_argument("--mix-with", metavar="STYLE", help="a second style of the same kind (a style image with a style "
                   "image, a preset with a preset) to blend with --style")
    p.add_argument("--mix", type=_unit_interval, default=0.5, help="how much of --mix-with: 0..1 (default 0.5)")
    _add_size(p, "content")

    p = sub.add_parser("translate", help="unpaired translation with a CycleGAN generator")
    _add_io(p)
    p.add_argument("--model", required=True, help="CycleGAN model id, e.g. vintage")
    _add_size(p, "input")

    p = sub.add_parser("restore", help="denoise and upscale")
    _add_io(p)
    p.add_argument("--model", default="waifu2x-photo-n1", help="restoration model id (default waifu2x-photo-n1)")
    p.add_argument("--sp-prob", type=float, metavar="P",
                   help="the photo has degrade's salt-and-pepper dots (probability P, 0..0.5): restore takes the "
                   "steps they call for")
    p.add_argument("--blur", type=_whole(0), metavar="N",
                   help="the photo has degrade's N-pixel mean blur (after the dots, if any)")

    p = sub.add_parser("degrade", help="salt-and-pepper noise then a mean blur (the original demo.py)")
    _add_io(p, device=False)
    p.add_argument("--sp-prob", type=float, default=0.1,
                   help="salt-and-pepper probability per pixel, 0..0.5 (default 0.1)")
    p.add_argument("--blur", type=int, default=20,
                   help="mean-blur kernel size in pixels, 0 for none, at most 255 (default 20)")
    p.add_argument("--seed", type=int, help="random seed, 0 or more, for repeatable noise")

    p = sub.add_parser("train", help="train a model: LapStyle for a style image, CycleGAN, restoration, the dot "
                       "finder that cleans the noise panel's damage",
                       description="Train, or with --resume continue, a model. Each run folder keeps its settings, "
                       "checkpoints, losses.csv, previews and the final model (also installed into the zoo).")
    p.add_argument("kind", choices=["lapstyle", "cyclegan", "restore", "dots"])
    p.add_argument("run_dir", nargs="?", metavar="RUN_DIR", help="folder for a new run")
    p.add_argument("--resume", metavar="RUN_DIR", help="continue the run in RUN_DIR exactly where it stopped")
    p.add_argument("--style", help="lapstyle: the style image")
    p.add_argument("--content", help="lapstyle, restore, dots: a folder of photos")
    p.add_argument("--init", help="lapstyle: start from this LapStyle model, an id or a file (fine-tuning)")
    p.add_argument("--preset", help="lapstyle: the app's fine-tune presets (quick, standard, high)")
    p.add_argument("--domain-a", help="cyclegan: folder of domain A images")
    p.add_argument("--domain-b", help="cyclegan: folder of domain B images")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="any setting, values in JSON: steps.draft=500 weights.remd=5 size=64 checkpoint_minutes=2 "
                   "(see docs/TRAINING.md)")
    p.add_argument("--device", choices=["auto", "cpu", "gpu"], default="auto", help="where to run (default auto)")

    p = sub.add_parser("bench", help="time models per size and backend (median of runs, peak memory)",
                       description="Each model x size x backend runs in its own process: a warm-up, then --runs "
                       "timed runs. Models are zoo ids, plus degrade.")
    p.add_argument("models", nargs="*", metavar="MODEL", help="default: arbitrary vintage")
    p.add_argument("--size", type=_whole(16), nargs="+", default=[512], metavar="N", help="square sizes (default 512)")
    p.add_argument("--backend", nargs="+", choices=["onnx", "inference", "paddle"],
                   help="default: every available backend, the paddle reference included")
    p.add_argument("--runs", type=_whole(1), default=5, help="timed runs after one warm-up (default 5)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")

    p = sub.add_parser("models", help="list, fetch and verify the model zoo")
    p.add_argument("action", choices=["list", "fetch", "verify"])
    p.add_argument("ids", nargs="*", help="model ids (fetch: default models when none given)")
    return parser


def _add_size(p, what: str) -> None:
    sizes = p.add_mutually_exclusive_group()
    sizes.add_argument("--max-side", type=_whole(16), help=f"shrink the {what} so its longer side is at most N pixels")
    sizes.add_argument("--size", type=_whole(16), help=f"make the result's longer side N pixels: a larger {what} is "
                       "shrunk, a smaller one enlarged (the network paints the detail at that size)")


def _one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped (``\\n``): a file name cannot split a line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _run_files(args, work) -> int:
    from .pipeline.imageio import WRITERS
    from .pipeline.jobs import expand_inputs, plan_outputs, process_files

    sources = expand_inputs(args.inputs)
    if not sources:
        raise UserError("no images found in " + ", ".join(args.inputs))
    out = Path(args.output)
    if (len(sources) == 1 and out.suffix and out.suffix.lower() not in WRITERS and not out.is_dir()
            and not args.output.endswith(("/", os.sep))):  # a file name we cannot write, not a new folder
        raise UsageError(f"{out}: cannot write '{out.suffix}' files; use .png, .jpg, .webp, .tif or .bmp "
                         "(or end a folder's name with /)")
    pairs = plan_outputs(sources, args.output)
    bar, failed, skipped = ProgressBar(len(pairs)), 0, 0
    for event in process_files(pairs, work, cancel=threading.Event(), skip_existing=args.skip_existing,
                               quality=args.quality,
                               max_side=getattr(args, "size", None) or getattr(args, "max_side", None)):
        if event.error:
            failed += 1
            bar.message(f"error: {_one_line(event.error)}")
        elif event.skipped:
            skipped += 1
            if len(pairs) == 1:
                print(f"{event.target} exists already; left as it is (--skip-existing)")
        elif len(pairs) == 1:
            print(f"{event.source} -> {event.target} ({event.seconds:.2f} s)")
        bar.update(event.index, _one_line(event.source.name))
    if len(pairs) > 1:
        written = len(pairs) - failed - skipped
        print(f"{written} of {len(pairs)} written to {args.output}" + (f", {skipped} already there" if skipped else "")
              + (f", {failed} failed" if failed else ""))
    return EXIT_FAILED if failed else EXIT_OK


def _run_recipe(args, recipe, prepare) -> int:
    """Run ``recipe`` on every input, each once ``prepare(rgb)`` has made it the model's image and the memory check
    passes for it (a UserError for that file if not)."""
    from .pipeline import memory, networks
    from .pipeline.recipe import run_model

    def work(rgb):
        rgb = prepare(rgb)
        memory.check(recipe.model.kind, (rgb.shape[1], rgb.shape[0]), recipe.model.id)
        return run_model(rgb, recipe, backend=args.backend)

    networks.network(recipe.ref)  # load once, so a missing model is one message, not one per file
    return _run_files(args, work)


def _sized(args):
    """A function that brings an image to the longer side the command's flags ask for: --size enlarges a smaller
    one, --max-side only shrinks."""
    from .pipeline.tensors import fit_long_side

    side, enlarge = (args.size, True) if args.size else (args.max_side, False)
    return lambda rgb: fit_long_side(rgb, side, enlarge)


def cmd_stylize(args) -> int:
    from .pipeline import lapstyle_schedule, transfer, zoo
    from .pipeline.imageio import read_image
    from .pipeline.recipe import Recipe

    if args.style is None:
        if not (args.model and zoo.get(_model(args.model, "stylize")).own_style):
            print("error: --style is needed: a style image or a preset name (only a LapStyle preset model, "
                  "given with --model, carries its own style)", file=sys.stderr)
            return EXIT_USAGE
        style, model = None, args.model
    else:
        is_preset = transfer.preset_index(args.style) is not None
        if not is_preset and not Path(args.style).exists():
            raise UsageError(f"style '{args.style}' is neither an image file nor a preset "
                            f"({transfer.presets()[0]} ... {transfer.presets()[-1]})")
        model = _model(args.model or ("multistyle26" if is_preset else transfer.any_style_model()), "stylize")
        style = args.style if is_preset else read_image(args.style).rgb
    least = 0 if transfer.drafted_by_arbitrary(zoo.get(model)) else 1
    most = lapstyle_schedule.MAX_LEVELS
    if args.levels is not None and (zoo.get(model).kind != "lapstyle" or not least <= args.levels <= most):
        print(f"error: --levels is for LapStyle models, from {least} to {most}", file=sys.stderr)
        return EXIT_USAGE
    mix = None
    if args.mix_with:
        if transfer.preset_index(args.mix_with) is None and not Path(args.mix_with).exists():
            raise UsageError(f"--mix-with '{args.mix_with}' is neither an image file nor a preset")
        other = args.mix_with if transfer.preset_index(args.mix_with) is not None else read_image(args.mix_with).rgb
        try:
            transfer.check_mix(transfer.mixes_like(zoo.get(model)), style, other, args.mix)
        except UserError as exc:
            raise UsageError(str(exc)) from None
        mix = (other, args.mix_with, args.mix)
    recipe = Recipe(zoo.get(model), style, alpha=args.alpha, preserve_color=args.preserve_color, levels=args.levels,
                    mix=mix)
    return _run_recipe(args, recipe, _sized(args))


def cmd_translate(args) -> int:
    from .pipeline import zoo
    from .pipeline.recipe import Recipe

    return _run_recipe(args, Recipe(zoo.get(_model(args.model, "translate"))), _sized(args))


def cmd_restore(args) -> int:
    from .pipeline import zoo
    from .pipeline.recipe import Noise, Recipe

    noise = None
    if args.sp_prob is not None or args.blur is not None:
        noise = Noise(args.sp_prob or 0.0, args.blur or 0)
        _check_damage(noise.prob, noise.kernel)
    recipe = Recipe(zoo.get(_model(args.model, "restore")), noise=noise)  # the damage the photos have
    print("steps: " + (", ".join(recipe.restoration_steps) or "none (a photo without damage is left as it is)"))
    return _run_recipe(args, recipe, lambda rgb: rgb)


def _check_damage(prob: float, blur: int) -> None:
    """A UsageError unless ``prob`` and ``blur`` are damage degrade can do (--sp-prob, --blur)."""
    from .pipeline.degrade import MAX_BLUR

    if not 0.0 <= prob <= 0.5:
        raise UsageError("--sp-prob must be between 0 and 0.5")
    if not 0 <= blur <= MAX_BLUR:
        raise UsageError(f"--blur must be from 0 to {MAX_BLUR}, got {blur}")


def cmd_degrade(args) -> int:
    from .pipeline.degrade import degrade

    _check_damage(args.sp_prob, args.blur)
    if args.seed is not None and args.seed < 0:
        raise UsageError(f"--seed must be 0 or more, got {args.seed}")
    return _run_files(args, lambda rgb: degrade(rgb, args.sp_prob, args.blur, args.seed))


def cmd_models(args) -> int:
    from .pipeline import zoo

    chosen = [zoo.get(i) for i in args.ids] if args.ids else zoo.models()
    if args.action == "list":
        rows = [(m.id, m.task, "ready" if zoo.is_ready(m) else "not fetched", m.source, m.license) for m in chosen]
        widths = [max(len(str(r[i])) for r in rows + [("id", "task", "status", "source", "")]) for i in range(4)]
        for row in [("id", "task", "status", "source", "license")] + rows:
            print("  ".join(f"{cell:<{w}}" for cell, w in zip(row, widths)) + "  " + row[4])
        from .pipeline.transfer import presets
        print("\npresets for --style (model multistyle26):")
        titles = zoo.style_titles()
        for name in presets():
            print(f"  {name}  {zoo.style_title(name, titles=titles)}")
        print("'component' models are used by others (LapStyle, training) and are not run on their own.")
        return EXIT_OK
    if args.action == "fetch":
        chosen = chosen if args.ids else [m for m in chosen if m.default]
        failed = 0
        for m in chosen:
            if m.file:
                print(f"{m.id}: local file {m.source}")
                continue
            try:
                print(f"{m.id}: {zoo.fetch(m)}")
            except UserError as exc:
                failed += 1
                print(f"error: {m.id}: {exc}", file=sys.stderr)
        return EXIT_FAILED if failed else EXIT_OK
    bad = 0 if args.ids else len(zoo.left_out())  # each already said on stderr
    for m in chosen:
        verdict = zoo.verify(m)
        bad += verdict not in ("ok", "not fetched")
        advice = f"; run: python -m app models fetch {m.id}" if verdict.startswith("corrupt") else ""
        print(f"{m.id:<22} {verdict}{advice}")
    return EXIT_FAILED if bad else EXIT_OK


def _train_options(args) -> dict:
    """The new run's options from the flags and the --set KEY=VALUE pairs (dotted keys nest)."""
    from .pipeline.paths import SAMPLES
    from .pipeline.training import PRESETS, finetune_options
    from .pipeline.training.runner import apply_settings

    options = {}
    if args.preset:  # the fine-tune dialog's recipe: from the general model when the zoo has it
        if args.kind != "lapstyle" or args.preset not in PRESETS:
            raise UserError(f"--preset is for lapstyle and one of {', '.join(PRESETS)}")
        options.update(finetune_options(args.preset))
    flags = {"style": args.style, "init": args.init, "domain_a": args.domain_a, "domain_b": args.domain_b,
             "content": args.content or (str(SAMPLES) if args.kind != "cyclegan" else None)}
    options.update({k: v for k, v in flags.items() if v is not None})
    return apply_settings(options, args.set)


def cmd_train(args) -> int:
    from .pipeline.paths import weights_dir
    from .pipeline.training import train

    if bool(args.run_dir) == bool(args.resume):
        raise UserError("give a RUN_DIR for a new run, or --resume RUN_DIR to continue one")
    new_run_flags = [flag for flag, value in (
        ("--style", args.style), ("--content", args.content), ("--init", args.init), ("--preset", args.preset),
        ("--domain-a", args.domain_a), ("--domain-b", args.domain_b), ("--set", args.set)) if value]
    if args.resume and new_run_flags:
        raise UserError(f"a run continues with the settings it started with; {', '.join(new_run_flags)} "
                        "are for a new run")
    run_dir = Path(args.resume or args.run_dir)
    in_the_way = next((p for p in (run_dir, *run_dir.parents) if p.exists() and not p.is_dir()), None)
    if in_the_way is not None:
        raise UsageError(f"{in_the_way} is a file; a run needs a folder")
    options = {} if args.resume else _train_options(args)
    cancel = threading.Event()
    stops = (signal.SIGINT, signal.SIGTERM)  # Ctrl-C or kill: checkpoint, then stop
    previous = [signal.signal(stop, lambda *_: cancel.set()) for stop in stops]
    bar, last = None, None
    try:
        for event in train(args.kind, options, run_dir, args.device, cancel, resume=bool(args.resume)):
            bar = bar or ProgressBar(event.total)
            last = event
            if event.model_path:
                installed = event.model_path.parent.resolve() == weights_dir().resolve()
                print(f"model written: {event.model_path} " + (f"(id {event.model_path.stem})" if installed else
                      "(not installed into the zoo; to use it, copy its .safetensors and .json into the weights "
                      "folder)"))
                if (run_dir / "evaluation.csv").exists():
                    print((run_dir / "evaluation.csv").read_text(), end="")
            elif bar.tty or event.step % max(1, event.total // 100) == 0 or event.step == event.total:
                loss = event.losses.get("total", event.losses.get("G", event.losses.get("l1")))
                bar.update(event.step, f"loss {loss:.4g}" if loss is not None else "")
    finally:
        for stop, handler in zip(stops, previous):
            signal.signal(stop, handler)
    if cancel.is_set() and last is not None and not last.model_path:
        print(f"cancelled at step {last.step}; checkpoint kept. Continue with: "
              f"python -m app train {args.kind} --resume {run_dir}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_bench(args) -> int:
    from .pipeline import benchmark

    models = args.models or benchmark.DEFAULT_MODELS
    for model_id in set(models) - {"degrade"}:  # said once, not once per cell
        _model(model_id)
    failed = False
    for row in benchmark.run(models, args.size, args.backend, args.runs):
        print(benchmark.format_row(row, args.json), flush=True)
        failed = failed or bool(row.get("error"))
    return EXIT_FAILED if failed else EXIT_OK


COMMANDS = {"stylize": cmd_stylize, "translate": cmd_translate, "restore": cmd_restore,
            "degrade": cmd_degrade, "models": cmd_models, "bench": cmd_bench, "train": cmd_train}


def _interrupted(*_):
    raise KeyboardInterrupt


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupted)  # a plain kill cleans up as Ctrl-C does (temporary files)
    try:
        if getattr(args, "device", None):
            from .pipeline import device
            try:
                device.select(args.device)  # loads paddle: Ctrl-C here is a plain "cancelled" too
            except UserError as exc:
                raise UsageError(str(exc)) from None
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except UserError as exc:
        print(f"error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("cancelled", file=sys.stderr)
        return EXIT_FAILED
