"""Reading every kind of image a user may have, and writing results safely."""
import os

import numpy as np
import pytest
from PIL import Image

from app.pipeline.errors import UserError
from app.pipeline.imageio import read_image, write_image


@pytest.fixture
def photo(kit):
    return np.asarray(Image.open(next((kit / "content").glob("*.jpg"))).convert("RGB"))


def test_grayscale_becomes_rgb(tmp_path, photo):
    Image.fromarray(photo).convert("L").save(tmp_path / "g.png")
    pic = read_image(tmp_path / "g.png")
    assert pic.rgb.shape == photo.shape and pic.alpha is None
    assert np.array_equal(pic.rgb[..., 0], pic.rgb[..., 2])


def test_16bit_grayscale_is_scaled_not_clipped(tmp_path):
    ramp = np.tile(np.linspace(0, 65535, 256).astype(np.uint16), (16, 1))
    Image.fromarray(ramp).save(tmp_path / "deep.png")
    pic = read_image(tmp_path / "deep.png")
    assert pic.rgb[0, 0, 0] == 0 and pic.rgb[0, -1, 0] == 255 and 120 < pic.rgb[0, 128, 0] < 135


def test_alpha_is_kept_in_png_and_composited_in_jpeg(tmp_path, photo):
    rgba = np.dstack([photo, np.full(photo.shape[:2], 255, np.uint8)])
    rgba[:, : photo.shape[1] // 2, 3] = 0
    Image.fromarray(rgba, "RGBA").save(tmp_path / "a.png")
    pic = read_image(tmp_path / "a.png")
    assert pic.alpha is not None and (pic.rgb[:, 0] == 255).all()  # transparent part composited on white
    write_image(tmp_path / "out.png", pic.rgb, pic.alpha)
    write_image(tmp_path / "out.jpg", pic.rgb, pic.alpha)
    assert Image.open(tmp_path / "out.png").mode == "RGBA"
    assert Image.open(tmp_path / "out.jpg").mode == "RGB"


def test_cmyk_jpeg(tmp_path, photo):
    Image.fromarray(photo).convert("CMYK").save(tmp_path / "c.jpg", quality=95)
    pic = read_image(tmp_path / "c.jpg")
    assert pic.rgb.shape == photo.shape
    assert np.abs(pic.rgb.astype(int) - photo).mean() < 12


def test_exif_rotation_is_applied(tmp_path, photo):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise on display
    Image.fromarray(photo).save(tmp_path / "r.jpg", exif=exif)
    assert read_image(tmp_path / "r.jpg").rgb.shape == (photo.shape[1], photo.shape[0], 3)


@pytest.mark.parametrize("suffix", [".bmp", ".tif", ".webp", ".png"])
def test_other_formats(tmp_path, photo, suffix):
    Image.fromarray(photo).save(tmp_path / f"x{suffix}")
    assert read_image(tmp_path / f"x{suffix}").rgb.shape == photo.shape


def test_non_ascii_path(tmp_path, photo):
    folder = tmp_path / "照片 café"
    folder.mkdir()
    write_image(folder / "山水.jpg", photo)
    assert read_image(folder / "山水.jpg").rgb.shape == photo.shape


@pytest.mark.parametrize("content, reason", [(b"hello, not an image", "not an image"), (None, "damaged")])
def test_bad_files_get_a_plain_reason(tmp_path, kit, content, reason):
    bad = tmp_path / "bad.jpg"
    if content is None:  # a real JPEG cut in half
        content = next((kit / "content").glob("*.jpg")).read_bytes()
        content = content[: len(content) // 2]
    bad.write_bytes(content)
    with pytest.raises(UserError, match=reason):
        read_image(bad)


def test_tiny_images_are_refused_and_slivers_still_run(tmp_path):
    """A file under 16 px a side is refused when read; a sliver left by shrinking a long panorama still runs."""
    from app.pipeline import transfer

    write_image(tmp_path / "dot.png", np.zeros((1, 1, 3), np.uint8))
    with pytest.raises(UserError, match=r"too small \(1x1\); its sides must be at least 16 pixels"):
        read_image(tmp_path / "dot.png")
    sliver = np.random.default_rng(0).integers(0, 256, (2, 448, 3), dtype=np.uint8)
    assert transfer.stylize_preset(sliver, "multistyle26", transfer.presets()[3]).shape == (2, 448, 3)


def test_missing_file(tmp_path):
    with pytest.raises(UserError, match="not found"):
        read_image(tmp_path / "nope.png")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_destination(tmp_path, photo):
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(UserError, match="permission denied"):
            write_image(tmp_path / "x.png", photo)
    finally:
        tmp_path.chmod(0o700)


def test_a_read_only_file_is_not_replaced(tmp_path, photo):
    kept = tmp_path / "kept.png"
    kept.write_bytes(b"keep me")
    kept.chmod(0o444)
    with pytest.raises(UserError, match="kept.png: cannot write here \\(permission denied\\)"):
        write_image(kept, photo)
    assert kept.read_bytes() == b"keep me"


def test_unwritable_destination_is_a_plain_error(tmp_path, photo):
    (tmp_path / "blocker").write_text("a file where a folder should be")
    with pytest.raises(UserError, match="could not be written"):
        write_image(tmp_path / "blocker" / "x.png", photo)


def test_write_leaves_no_temporary_files(tmp_path, photo):
    write_image(tmp_path / "x.png", photo)
    with pytest.raises(UserError, match="cannot write '.xyz'"):
        write_image(tmp_path / "x.xyz", photo)
    assert [p.name for p in tmp_path.iterdir()] == ["x.png"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_written_files_get_the_usual_mode(tmp_path, photo):
    """Atomic writes go through a private temporary file; the result must not stay private."""
    umask = os.umask(0o022)
    os.umask(umask)
    write_image(tmp_path / "x.png", photo)
    assert (tmp_path / "x.png").stat().st_mode & 0o777 == 0o666 & ~umask


def test_text_goes_into_png_chunks_and_a_jpeg_comment(tmp_path, photo):
    text = {"Software": "Huafeng 0.9.0", "Huafeng": '{"style": "星月夜", "strength": 47}'}
    write_image(tmp_path / "r.png", photo, text=text)
    with Image.open(tmp_path / "r.png") as img:
        assert img.text == text  # tEXt for Latin-1, iTXt for the rest
    write_image(tmp_path / "r.jpg", photo, text=text)
    with Image.open(tmp_path / "r.jpg") as img:
        assert img.info["comment"].decode("utf-8") == "\n".join(f"{k}: {v}" for k, v in text.items())
    write_image(tmp_path / "r.webp", photo, text=text)  # other formats: written, without the text
    assert np.asarray(Image.open(tmp_path / "r.webp")).shape == photo.shape
