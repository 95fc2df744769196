"""PaddleGAN's own dynamic-graph pipelines, timed the way ``python -m app bench`` times ours.

Runs inside its own virtual environment (``bench/setup_references.sh`` makes it: paddlepaddle 3.3.1,
``ppgan==2.1.0`` installed with ``--no-deps``, plus requests and tqdm). ``import ppgan.models`` fails on
every paddle with a Python 3.11 wheel, so this imports only the network files
(``generater_lapstyle.py``, ``resnet.py``) by path under empty parent packages: the workaround.

    .bench/ppgan/bin/python bench/paddlegan_reference.py lapstyle cyclegan --size 512 --runs 5

- ``lapstyle``: ``LapStylePredictor.run`` step by step (bilinear ``F.interpolate`` pyramid, Encoder,
  DecoderNet, two RevisionNets, fold, ``tensor2img``) with PaddleGAN's fixed 512x512 input (it squashes
  every photo to 512) and its random initial weights (no published weights are reachable here), without
  its file writes (its Encoder downloads VGG weights in its constructor: it gets an empty file instead);
- ``cyclegan``: ``ResnetGenerator(3, 3, 64, 'instance', 9)`` on a size x size image, [-1, 1] in and out.

Prints one JSON object per line with the keys of ``python -m app bench --json`` (backend
``paddlegan``). Each model is measured in its own process so that its peak RSS is its own.
"""
import argparse
import importlib.util
import json
import os
import pathlib
import subprocess
import sys
import types

os.environ.setdefault("OMP_NUM_THREADS", str(os.cpu_count()))
os.environ.setdefault("FLAGS_paddle_num_threads", str(os.cpu_count()))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))


def ppgan_module(name):
    """Load ``ppgan.<name>`` from its file, with the parent packages as empty namespaces."""
    import ppgan

    root = pathlib.Path(ppgan.__file__).parent
    for package in ("ppgan.models", "ppgan.models.generators"):
        if package not in sys.modules:
            module = types.ModuleType(package)
            module.__path__ = [str(root / package.split(".", 1)[1].replace(".", "/"))]
            sys.modules[package] = module
    spec = importlib.util.spec_from_file_location(name, root / (name.split(".", 1)[1].replace(".", "/") + ".py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def lapstyle_work(size):
    import numpy as np
    import paddle
    import paddle.nn.functional as F

    lap = ppgan_module("ppgan.models.generators.generater_lapstyle")
    utils = importlib.import_module("ppgan.utils.visual")
    empty = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / "ppgan-no-weights.pdparams"
    paddle.save({}, str(empty))
    lap.get_path_from_url = lambda url: str(empty)  # Encoder() downloads VGG weights: keep its random ones
    paddle.seed(0)
    enc, dec, rev, rev2 = lap.Encoder(), lap.DecoderNet(), lap.RevisionNet(), lap.RevisionNet()
    for net in (enc, dec, rev, rev2):
        net.eval()
    rng = np.random.default_rng(0)
    content = paddle.to_tensor(rng.random((1, 3, 512, 512), dtype=np.float32))
    style = paddle.to_tensor(rng.random((1, 3, 512, 512), dtype=np.float32))

    def resample(tensor, dst):
        return F.interpolate(tensor, dst, mode="bilinear", align_corners=False)

    def pyramid(x, levels):
        bands, current = [], x
        for _ in range(levels):
            h, w = current.shape[2], current.shape[3]
            bands.append(current - resample(resample(current, [h // 2, w // 2]), [h, w]))
            current = resample(current, (max(h // 2, 1), max(w // 2, 1)))
        return bands + [current]

    def fold(bands):
        current = bands[-1]
        for band in reversed(bands[:-1]):
            current = band + resample(current, (band.shape[2], band.shape[3]))
        return current

    def run():
        with paddle.no_grad():
            pyr_ci, pyr_si = pyramid(content, 2), pyramid(style, 2)
            small = dec(enc(pyr_ci[2]), enc(pyr_si[2]))
            lap1 = rev(paddle.concat([pyr_ci[1], F.interpolate(small, scale_factor=2)], axis=1))
            first = fold([lap1, small])
            lap2 = rev2(paddle.concat([pyr_ci[0], F.interpolate(first, scale_factor=2)], axis=1))
            return utils.tensor2img(fold([lap2, lap1, small]), min_max=(0.0, 1.0))
    return run


def cyclegan_work(size):
    import numpy as np
    import paddle

    resnet = ppgan_module("ppgan.models.generators.resnet")
    paddle.seed(0)
    net = resnet.ResnetGenerator(3, 3, 64, "instance", False, 9)
    net.eval()
    image = paddle.to_tensor(np.random.default_rng(0).random((1, 3, size, size), dtype=np.float32) * 2 - 1)

    def run():
        with paddle.no_grad():
            return ((net(image).numpy()[0].transpose(1, 2, 0) + 1) * 127.5).astype(np.uint8)
    return run


WORK = {"lapstyle": lapstyle_work, "cyclegan": cyclegan_work}


def measure(model, size, runs):
    from app.pipeline.benchmark import timed  # numpy and the standard library only: fine in this environment

    work = WORK[model](size)
    work()
    return {"model": model, "size": 512 if model == "lapstyle" else size, "backend": "paddlegan",
            **timed(work, runs)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", choices=sorted(WORK))
    parser.add_argument("--size", type=int, nargs="+", default=[512])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.in_process:
        print(json.dumps(measure(args.models[0], args.size[0], args.runs)))
        return
    for model in args.models:
        for size in ([512] if model == "lapstyle" else args.size):
            done = subprocess.run([sys.executable, __file__, model, "--size", str(size), "--runs", str(args.runs),
                                   "--in-process"], capture_output=True, text=True)
            lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
            print(lines[-1] if lines else json.dumps({"model": model, "size": size, "backend": "paddlegan",
                                                      "error": done.stderr.strip()[-300:]}), flush=True)


if __name__ == "__main__":
    main()
