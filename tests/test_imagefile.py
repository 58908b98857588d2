"""imagefile.py: magic bytes, Pillow checks, bombs, metadata stripping, modes, animation."""

from __future__ import annotations

import io
import struct
import threading
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

from generator.imagefile import (
    ImageOptions,
    ImageRejectedError,
    PixelBudget,
    make_thumbnail,
    process_image,
    sniff_format,
)


def jpeg_with_exif(size: tuple[int, int] = (40, 20)) -> bytes:
    """A JPEG carrying camera EXIF, GPS, orientation 6 (rotate 90° CW) and a comment."""
    im = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 1.0), 3: "E", 4: (116.0, 23.0, 1.0)}  # GPS IFD
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif, comment=b"home address")
    return buf.getvalue()


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose IHDR claims a huge size (a decompression bomb's calling card)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    data = zlib.compress(b"\x00" * 10)
    idat = b"IDAT" + data
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + struct.pack(">I", len(data))
        + idat
        + struct.pack(">I", zlib.crc32(idat))
        + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    )


def encode(im: Image.Image, fmt: str, **params: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **params)
    return buf.getvalue()


def run(tmp_path: Path, data: bytes, opts: ImageOptions | None = None) -> Image.Image:
    src = tmp_path / "raw"
    src.write_bytes(data)
    out = process_image(src, tmp_path, opts or ImageOptions())
    im = Image.open(out.path)
    im.load()
    return im


def test_sniff_from_magic_bytes_only() -> None:
    assert sniff_format(b"\xff\xd8\xff\xe0") == "JPEG"
    assert sniff_format(b"\x89PNG\r\n\x1a\n") == "PNG"
    assert sniff_format(b"GIF89a") == "GIF"
    assert sniff_format(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "WEBP"
    assert sniff_format(b"\x00\x00\x00\x1cftypavif") == "AVIF"
    assert sniff_format(b"<!DOCTYPE html>") is None
    assert sniff_format(b"<svg xmlns=") is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<!DOCTYPE html><html><body>403</body></html>", "HTML"),
        (b"<?xml version='1.0'?><svg onload='alert(1)'/>", "SVG"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG"),
        (b"\x00\x01garbage", "not an image"),
    ],
)
def test_non_images_rejected(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(ImageRejectedError, match=reason):
        run(tmp_path, data)


def test_truncated_jpeg_rejected(tmp_path: Path) -> None:
    data = encode(Image.effect_noise((200, 200), 50).convert("RGB"), "JPEG")
    with pytest.raises(ImageRejectedError, match=r"truncated|broken|readable"):
        run(tmp_path, data[: len(data) // 2])


def test_format_not_allowed(tmp_path: Path) -> None:
    with pytest.raises(ImageRejectedError, match="not accepted"):
        run(tmp_path, encode(Image.new("RGB", (4, 4)), "PNG"), ImageOptions(formats=("JPEG",)))


def test_pixel_cap_refuses_before_decoding(tmp_path: Path) -> None:
    with pytest.raises(ImageRejectedError, match="over the limit"):
        run(tmp_path, png_header_claiming(10_000, 5_000))
    with pytest.raises(ImageRejectedError, match="over the limit"):
        run(tmp_path, encode(Image.new("RGB", (20, 20)), "PNG"), ImageOptions(max_pixels=100))


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_pillow_bomb_error_and_warning_are_refusals(tmp_path: Path) -> None:
    # Above twice Pillow's limit open() raises; between once and twice it only warns: both are refused.
    huge = ImageOptions(max_pixels=10**12)
    with pytest.raises(ImageRejectedError, match=r"bomb|too large"):
        run(tmp_path, png_header_claiming(100_000, 100_000), huge)
    with pytest.raises(ImageRejectedError, match=r"bomb|too large"):
        run(tmp_path, png_header_claiming(10_000, 10_000), huge)


def test_exif_orientation_applied_then_all_metadata_stripped(tmp_path: Path) -> None:
    data = jpeg_with_exif((40, 20))
    with Image.open(io.BytesIO(data)) as before:
        assert before.getexif()[0x0112] == 6
        assert before.getexif().get_ifd(0x8825)
        assert before.info.get("comment") == b"home address"
    im = run(tmp_path, data)
    assert im.format == "JPEG"
    assert im.size == (20, 40)  # rotated upright
    assert not im.getexif()
    assert "exif" not in im.info
    assert "comment" not in im.info
    raw = (tmp_path / Path(im.filename).name).read_bytes()  # type: ignore[attr-defined]
    assert b"SecretCam" not in raw
    assert b"home address" not in raw


def test_png_text_chunks_stripped_and_alpha_kept(tmp_path: Path) -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "someone private")
    im = Image.new("RGBA", (8, 8), (0, 0, 255, 100))
    out = run(tmp_path, encode(im, "PNG", pnginfo=info))
    assert out.mode == "RGBA"
    assert "Author" not in out.info
    assert out.getpixel((0, 0)) == (0, 0, 255, 100)


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path) -> None:
    out = run(tmp_path, encode(Image.new("CMYK", (8, 8), (0, 255, 255, 0)), "JPEG"))
    assert out.mode == "RGB"


def test_palette_png_with_transparency(tmp_path: Path) -> None:
    im = Image.new("P", (8, 8), 1)
    im.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    out = run(tmp_path, encode(im, "PNG", transparency=0))
    assert out.mode == "P"


def test_alpha_flattened_when_converting_to_jpeg(tmp_path: Path) -> None:
    out = run(tmp_path, encode(Image.new("RGBA", (8, 8), (0, 0, 0, 0)), "PNG"), ImageOptions(convert_to="jpeg"))
    assert out.format == "JPEG"
    assert out.getpixel((0, 0)) == (255, 255, 255)


def test_animated_gif_kept_animated(tmp_path: Path) -> None:
    frames = [Image.new("P", (10, 10), i) for i in range(3)]
    for f in frames:
        f.putpalette([v for i in range(256) for v in (i, 255 - i, 0)])
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=120, loop=0, comment=b"x")
    out = run(tmp_path, data)
    assert out.format == "GIF"
    assert getattr(out, "n_frames", 1) == 3
    assert "comment" not in out.info


def test_too_many_frames(tmp_path: Path) -> None:
    frames = [Image.new("L", (4, 4), i * 40) for i in range(4)]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    with pytest.raises(ImageRejectedError, match="frames"):
        run(tmp_path, data, ImageOptions(max_frames=2))


def test_resize_and_convert_to_webp(tmp_path: Path) -> None:
    out = run(tmp_path, encode(Image.new("RGB", (400, 200)), "PNG"), ImageOptions(max_width=100, convert_to="webp"))
    assert out.format == "WEBP"
    assert out.size == (100, 50)


def test_thumbnail(tmp_path: Path) -> None:
    src = tmp_path / "big.jpg"
    src.write_bytes(encode(Image.new("RGB", (600, 300)), "JPEG"))
    small = make_thumbnail(src, tmp_path, 150, 80)
    assert (small.width, small.height) == (150, 75)
    assert small.extension == "jpg"


def test_animation_total_pixels_count_against_the_cap(tmp_path: Path) -> None:
    frames = [Image.new("L", (10, 10), i * 40) for i in range(4)]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    with pytest.raises(ImageRejectedError, match="4 frames"):
        run(tmp_path, data, ImageOptions(max_pixels=300))  # 4 × 100 pixels


def test_pixel_budget_bounds_concurrent_decodes() -> None:
    budget = PixelBudget(100)
    inside = 0
    peak = 0
    lock = threading.Lock()

    def use(pixels: int) -> None:
        nonlocal inside, peak
        held = min(pixels, budget.limit)
        with budget.reserve(pixels):
            with lock:
                inside += held
                peak = max(peak, inside)
            time.sleep(0.01)
            with lock:
                inside -= held

    threads = [threading.Thread(target=use, args=(n,)) for n in (60, 60, 30, 500, 10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak <= 100  # the 500-pixel image is clamped to the whole budget and runs alone
