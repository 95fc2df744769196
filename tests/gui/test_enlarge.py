"""Output sizes larger than the photo: a painting or translating model paints at that size; a restoration model
enlarges by itself."""
from guitools import wait_loaded, wait_render


def choose_size(window, side):
    combo = window.controls.size_combo
    combo.setCurrentIndex(combo.findData(side))


def test_a_small_photo_is_painted_at_the_chosen_size(qtbot, window, photo, painting):
    window.open_content(photo)  # 320 x 213
    window.open_style(painting)
    wait_loaded(qtbot, window)
    wait_loaded(qtbot, window, "style")
    choose_size(window, 1024)
    assert window.controls.size_note.text() == "→ 1024 × 682 px, enlarged from 320 × 213"
    window.render()
    wait_render(qtbot, window)
    assert window.current.size == (1024, 682) and window.current.rgb.shape == (682, 1024, 3)

    choose_size(window, 0)  # the original size
    assert window.controls.size_note.text() == "→ 320 × 213 px"
    window.controls.select_model("waifu2x-photo-x2")
    choose_size(window, 1024)
    assert window.controls.size_note.text() == "→ 640 × 426 px"  # it enlarges by itself: twice the photo
