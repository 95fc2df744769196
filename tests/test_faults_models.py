"""Faults in the weights folder: a bad model card, a FIFO named like a model, weights that cannot load, a huge
card. Each leaves that one file out with one line and everything else working."""
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from safetensors.numpy import save_file

from app.pipeline import zoo
from app.pipeline.errors import UserError

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "weights" / "lapstyle-woodcut"


def app(folder, *args, timeout=180):
    """``python -m app ARGS`` with ``folder`` as the weights folder; a hang fails the test at ``timeout``."""
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True, cwd=REPO,
                          timeout=timeout, env={**os.environ, "HUAFENG_WEIGHTS": str(folder)})


def lines_naming(text, name):
    return [line for line in text.splitlines() if name in line]


@pytest.fixture
def folder(tmp_path):
    """A weights folder holding a copy of one shipped preset, lapstyle-woodcut."""
    weights = tmp_path / "weights"
    weights.mkdir()
    for suffix in (".safetensors", ".json"):
        shutil.copy(SHIPPED.with_suffix(suffix), weights)
    return weights


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "photo.jpg"
    Image.fromarray(np.random.default_rng(0).integers(0, 256, (64, 96, 3), np.uint8)).save(path)
    return path


def card(**fields):
    return json.dumps({**json.loads(SHIPPED.with_suffix(".json").read_text(encoding="utf-8")), **fields})


BAD_CARDS = {
    "titles": (card(id="bad", titles=5), "'titles'"),
    "id": (card(id=["bad"]), "'id'"),
    "kind": (card(id="bad", kind="hologram"), "unknown 'kind'"),
    "kind-list": (card(id="bad", kind=["lapstyle"]), "unknown 'kind'"),
    "deep": ("[" * 200_000 + "]" * 200_000, "nested too deeply"),
}


@pytest.mark.parametrize("fault", BAD_CARDS)
def test_a_bad_card_leaves_out_its_model_only(folder, photo, tmp_path, fault):
    text, why = BAD_CARDS[fault]
    shutil.copy(folder / "lapstyle-woodcut.safetensors", folder / "bad.safetensors")
    (folder / "bad.json").write_text(text, encoding="utf-8")
    run = app(folder, "stylize", photo, "--style", "style-07", "-o", tmp_path / "out.jpg")
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert (tmp_path / "out.jpg").is_file()
    said = lines_naming(run.stderr, "bad.json")
    assert len(said) == 1 and why in said[0] and str(folder / "bad.safetensors") in said[0], run.stderr
    listed = app(folder, "models", "list")
    assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
    assert "lapstyle-woodcut" in listed.stdout and len(lines_naming(listed.stderr, "bad.json")) == 1


def test_card_fields_are_checked_by_type(folder):
    for fields, why in [({"title": 7}, "'title'"), ({"license": None}, "'license'"), ({"options": []}, "'options'"),
                        ({"options": {"encoder": 1}}, "'encoder'"), ({"options": {"scale": "x"}}, "'scale'"),
                        ({"titles": {"zh_CN": ["x"]}}, "'titles'"), ({"id": ""}, "'id'")]:
        (folder / "lapstyle-woodcut.json").write_text(card(**fields), encoding="utf-8")
        with pytest.raises(UserError, match=f"lapstyle-woodcut.json is missing or unreadable .*{why}"):
            zoo.trained_model(folder / "lapstyle-woodcut.safetensors")
    (folder / "lapstyle-woodcut.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(UserError, match="a JSON object is expected, not list"):
        zoo.trained_model(folder / "lapstyle-woodcut.safetensors")


def test_fifos_named_like_models_are_left_out_unopened(folder, photo, tmp_path):
    shutil.copy(folder / "lapstyle-woodcut.safetensors", folder / "cardfifo.safetensors")
    os.mkfifo(folder / "cardfifo.json")
    (folder / "weightsfifo.json").write_text(card(id="weightsfifo"), encoding="utf-8")
    os.mkfifo(folder / "weightsfifo.safetensors")
    os.mkfifo(folder / "lapstyle_fifo.pdparams")
    fifos = ["cardfifo.json", "weightsfifo.safetensors", "lapstyle_fifo.pdparams"]
    out = tmp_path / "out.jpg"
    runs = {args[-1]: app(folder, *args, timeout=120) for args in (
        ["models", "list"], ["models", "verify"], ["stylize", photo, "--style", "style-07", "-o", out])}
    for run in runs.values():
        assert "Traceback" not in run.stderr, run.stderr
        for name in fifos:
            said = lines_naming(run.stderr, name)
            assert len(said) == 1 and "not a regular file" in said[0], run.stderr
    assert runs["list"].returncode == 0 and "lapstyle-woodcut" in runs["list"].stdout
    assert runs["verify"].returncode == 1 and "lapstyle-woodcut       ok" in runs["verify"].stdout  # three left out
    assert runs[out].returncode == 0 and out.is_file()


class _RunsCommand:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


def test_verify_loads_every_model_and_says_why_one_does_not(folder, tmp_path):
    marker = tmp_path / "pwned"
    (folder / "lapstyle_evil.pdparams").write_bytes(pickle.dumps({"x": _RunsCommand(marker)}, protocol=2))
    (folder / "CycleGAN_noise.pdparams").write_bytes(np.random.default_rng(1).bytes(4096))
    (folder / "lapstyle_empty.pdparams").write_bytes(b"")
    save_file({"foo": np.zeros((3, 3), np.float32)}, str(folder / "wrongkeys.safetensors"))
    (folder / "wrongkeys.json").write_text(card(id="wrongkeys", options={"encoder": "efficientnet-lite0"}))
    run = app(folder, "models", "verify")
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    verdicts = dict(line.split(None, 1) for line in run.stdout.splitlines())
    assert verdicts["lapstyle-woodcut"] == "ok"
    assert "refused global" in verdicts["lapstyle-evil"] and not marker.exists()
    assert verdicts["cyclegan-noise"].startswith("does not load") and verdicts["cyclegan-noise-reverse"] != "ok"
    assert "EOFError" in verdicts["lapstyle-empty"]
    assert "do not fit its network" in verdicts["wrongkeys"] and "(e.g. foo)" in verdicts["wrongkeys"]
    alone = app(folder, "models", "verify", "lapstyle-woodcut")
    assert alone.returncode == 0 and alone.stdout.split() == ["lapstyle-woodcut", "ok"], alone.stdout + alone.stderr


def test_a_huge_card_is_refused_unread(folder):
    shutil.copy(folder / "lapstyle-woodcut.safetensors", folder / "huge.safetensors")
    with open(folder / "huge.json", "wb") as f:
        f.truncate(300 * 2**20)  # sparse: 300 MB of zeros, no disk used
    run = app(folder, "models", "list", timeout=120)
    assert run.returncode == 0 and "lapstyle-woodcut" in run.stdout, run.stderr
    said = lines_naming(run.stderr, "huge.json")
    assert len(said) == 1 and "314,572,800 bytes; a card is at most 1,048,576" in said[0], run.stderr


def test_cards_are_read_once_per_process(folder, monkeypatch, capsys):
    """As a multi-file run looks its model up once per file: a card is read again only when it changes, and a huge
    one never."""
    monkeypatch.setenv("HUAFENG_WEIGHTS", str(folder))
    reads = []
    read_text = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: reads.append(self.name) or read_text(self, *a, **k))
    for _ in range(3):
        assert zoo.get("lapstyle-woodcut").file == folder / "lapstyle-woodcut.safetensors"
    assert reads.count("lapstyle-woodcut.json") == 1
    os.utime(folder / "lapstyle-woodcut.json", ns=(0, 0))  # changed: read again, once
    shutil.copy(folder / "lapstyle-woodcut.safetensors", folder / "huge.safetensors")
    with open(folder / "huge.json", "wb") as f:
        f.truncate(300 * 2**20)
    for _ in range(3):
        zoo.get("lapstyle-woodcut")
    assert reads.count("lapstyle-woodcut.json") == 2 and "huge.json" not in reads
    assert len(lines_naming(capsys.readouterr().err, "huge.json")) == 1
