"""Bad input never takes the app down: each case gets a plain message and the app keeps working."""
import numpy as np
import pytest
from PIL import Image

from app.gui import recipe as recipes
from app.gui.render_controller import RenderState
from app.pipeline import zoo
from app.pipeline.errors import UserError

from guitools import drop_files, wait_loaded, wait_preview, wait_render


@pytest.fixture(scope="module")
def huge_photo(tmp_path_factory):
    """A 12000 x 9000 JPEG (108 megapixels)."""
    path = tmp_path_factory.mktemp("huge") / "huge.jpg"
    gradient = np.linspace(0, 255, 12000, dtype=np.uint8)
    rgb = np.broadcast_to(gradient[None, :, None], (9000, 12000, 3))
    Image.fromarray(np.ascontiguousarray(rgb)).save(path, quality=80)
    return path


def test_a_dropped_non_image_and_a_truncated_jpeg(qtbot, window, photo, tmp_path):
    window.open_content(photo)
    wait_loaded(qtbot, window)
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    drop_files(window.content_pane, [text])
    wait_loaded(qtbot, window)
    assert "not an image Huafeng can read" in window.message.text()
    assert window.content.path == photo and "草地 été" in window.content_pane.info.text()  # the photo stays
    truncated = tmp_path / "cut.jpg"
    truncated.write_bytes(photo.read_bytes()[:2000])
    drop_files(window.style_pane, [truncated])
    wait_loaded(qtbot, window, "style")
    assert "damaged or truncated" in window.message.text() and window.style_image is None
    assert "damaged or truncated" in window.style_pane.info.text().replace("\n", " ")  # two lines
    window.request_preview()  # a preview asked for earlier, without a style, keeps the error on screen
    assert "damaged or truncated" in window.message.text()
    window.choose_preset("style-11")  # and the app goes on working
    window.render()
    wait_render(qtbot, window)
    assert window.current is not None


def test_a_12000_by_9000_photo(qtbot, window, huge_photo):
    window.controls.size_combo.setCurrentIndex(window.controls.size_combo.findData(1024))
    window.open_content(huge_photo)
    wait_loaded(qtbot, window, timeout=60000)
    assert window.content.size == (12000, 9000)
    assert "The result will be 1024 × 768" in window.message.text()
    assert max(window.content.display.width(), window.content.display.height()) <= 2560  # scaled in the worker
    window.choose_preset("style-26")
    wait_preview(qtbot, window)
    assert max(window.view.after.width(), window.view.after.height()) <= 448
    recipe = window.recipe()
    with pytest.raises(UserError, match=r"too large .* Choose an output size of \d+ px or less"):
        recipes.check_memory((12000, 9000), recipes.Recipe(recipe.model, "style-26", max_side=None),
                             available=8 * 2**30)
    window.controls.size_combo.setCurrentIndex(window.controls.size_combo.findData(512))
    window.render()
    wait_render(qtbot, window)
    assert window.current.size == (512, 384)


def test_memory_check_names_a_size_that_fits():
    model = zoo.get("vintage")
    recipe = recipes.Recipe(model, max_side=None)
    with pytest.raises(UserError) as error:
        recipes.check_memory((6000, 4000), recipe, available=4 * 2**30)
    fits = int(str(error.value).split("output size of ")[1].split(" px")[0])
    recipes.check_memory((6000, 4000), recipes.Recipe(model, max_side=fits), available=4 * 2**30)  # no error


def test_a_read_only_folder_when_saving(qtbot, window, photo, read_only_dir):
    window.open_content(photo)
    wait_loaded(qtbot, window)
    window.choose_preset("style-12")
    window.render()
    wait_render(qtbot, window)
    assert window.save_to(read_only_dir / "out.png")
    qtbot.waitUntil(lambda: "Not saved" in window.message.text(), timeout=10000)
    assert "permission denied" in window.message.text() and window.current.saved is None
    assert list(read_only_dir.iterdir()) == []


def test_no_photo_no_style_nothing_to_save(qtbot, window, painting):
    window.render()
    assert "Open a photo first" in window.message.text()
    window.save()
    assert "Nothing to save yet" in window.message.text()
    window.controls.select_model("arbitrary")
    window.open_content(painting)
    wait_loaded(qtbot, window)
    window.render()
    assert "Choose a style" in window.message.text() and window.renderer.state is RenderState.IDLE
