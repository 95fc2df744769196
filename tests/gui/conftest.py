"""The desktop app under pytest-qt, offscreen, with real Paddle models, real files and isolated settings."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt creates the QApplication

import shutil  # noqa: E402
import subprocess  # noqa: E402

import pytest  # noqa: E402
from PyQt5.QtCore import QSettings  # noqa: E402

from guitools import small_copy  # noqa: E402

PHOTO = "content/test_chelsea.jpg"   # 451x300
PAINTING = "style/van_gogh_the_starry_night_1889.jpg"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Fine-tuned models and user data go to temporary folders, never into the repository or home."""
    monkeypatch.setenv("HUAFENG_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("HUAFENG_WEIGHTS", str(tmp_path / "weights"))


@pytest.fixture
def settings(tmp_path):
    from app.gui.settings import Settings

    return Settings(QSettings(str(tmp_path / "huafeng.ini"), QSettings.IniFormat))


@pytest.fixture
def photo(tmp_path, kit):
    """A small photo with a non-ASCII file name."""
    folder = tmp_path / "照片"
    folder.mkdir(exist_ok=True)
    return small_copy(kit / PHOTO, folder / "草地 été.jpg")


@pytest.fixture
def album(tmp_path, kit):
    """A folder of four small photos, one of them in a subfolder: (folder, [the photos])."""
    folder = tmp_path / "相册"
    (folder / "sub").mkdir(parents=True)
    names = sorted((kit / "content").glob("train_*.jpg"))[:4]
    good = [small_copy(src, folder / f"p{i}.jpg", 160) for i, src in enumerate(names[:3])]
    good.append(small_copy(names[3], folder / "sub" / "deep.jpg", 160))
    return folder, good


@pytest.fixture
def painting(tmp_path, kit):
    return small_copy(kit / PAINTING, tmp_path / "starry.jpg", 256)


@pytest.fixture
def window(qtbot, settings):
    """The main window, shown, at the photo's own size (a larger output size enlarges a small photo: the tests'
    small photos render quickly); closed (waiting for its workers) after the test."""
    from app.gui.main_window import MainWindow

    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.controls.size_combo.setCurrentIndex(win.controls.size_combo.findData(0))
    win.show()
    yield win
    win.close()


@pytest.fixture
def read_only_dir(tmp_path):
    """A folder nobody can write into; as root (who ignores permissions) it is made immutable."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    immutable = os.geteuid() == 0
    if immutable:
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(folder)]).returncode:
            pytest.skip("running as root and this file system cannot make a folder immutable")
    yield folder
    if immutable:
        subprocess.run(["chattr", "-i", str(folder)])
    folder.chmod(0o755)
