"""The locks are what gets installed: every package in this environment is pinned, at the version it has."""
import re
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[1]
BOOTSTRAP = {"pip", "setuptools", "wheel", "huafeng"}  # what a virtual environment starts with, and ourselves


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: str) -> dict:
    """{package: version} of a lock's ``name==version \\`` lines; each pin must carry hashes."""
    text = (REPO / lock).read_text(encoding="utf-8")
    found = dict(re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$", text, re.MULTILINE))
    assert found and text.count("--hash=sha256:") >= len(found)
    return {normal(name): version for name, version in found.items()}


def test_every_installed_package_is_locked_at_its_version():
    locked = pins("requirements-dev.txt")
    installed = {normal(d.metadata["Name"]): d.version for d in metadata.distributions()}
    stray = {name: version for name, version in installed.items()
             if name not in BOOTSTRAP and locked.get(name) != version}
    assert not stray, f"installed but not in requirements-dev.txt at that version: {stray}"
    assert not set(locked) - set(installed), "in the lock but not installed"


def test_the_app_lock_is_the_dev_lock_without_the_test_tools():
    app, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    assert all(dev.get(name) == version for name, version in app.items())
    assert {"pytest", "pytest-qt", "scikit-image"} <= set(dev) - set(app)


def test_every_declared_dependency_is_pinned_within_its_range():
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for lock, declared in (("requirements.txt", project["dependencies"]),
                           ("requirements-dev.txt", project["optional-dependencies"]["test"])):
        locked = pins(lock)
        for requirement in map(Requirement, declared):
            assert requirement.specifier.contains(locked[normal(requirement.name)]), (lock, requirement)
