"""Checking downloaded bytes really are a harmless image, and re-encoding them without metadata.

The type comes from the magic bytes only (never the URL or Content-Type). Pillow is then told to
accept exactly that format, the full image is decoded (``verify()`` lets truncated JPEGs through),
and it is written out again, which is what strips EXIF/GPS/XMP/comments: only the pixels, the
colour profile and animation timing are carried over.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageFile, ImageOps, ImageSequence, features

#: Extension written for each Pillow format.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "AVIF": "avif", "BMP": "bmp"}


class ImageRejectedError(Exception):
    """The bytes are not an acceptable image; the message says why in plain words."""


@dataclass(frozen=True, slots=True)
class ImageOptions:
    """What ``process_image`` accepts and how it re-encodes."""

    formats: tuple[str, ...] = ("JPEG", "PNG", "GIF", "WEBP")
    max_pixels: int = 40_000_000
    max_frames: int = 1000
    max_width: int = 0
    quality: int = 85
    convert_to: str = ""
    """``""``, ``jpeg`` or ``webp``: target format for still images."""


@dataclass(frozen=True, slots=True)
class ProcessedImage:
    """A checked, re-encoded image file."""

    path: Path
    format: str
    width: int
    height: int
    frames: int
    digest: str
    """SHA-256 of the written bytes, hex."""

    @property
    def extension(self) -> str:
        """File extension for the format, without the dot."""
        return EXTENSIONS[self.format]


class PixelBudget:
    """Pixels that may be decoded at the same time, shared by threads: bounds peak memory.

    Eight threads each decoding a 40-megapixel image would need over a gigabyte; with a budget the
    big ones wait for each other while small ones pass.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._free = limit
        self._cond = threading.Condition()

    @contextlib.contextmanager
    def reserve(self, pixels: int) -> Iterator[None]:
        """Hold ``pixels`` of the budget (at most all of it, so one image can always proceed)."""
        pixels = min(pixels, self.limit)
        with self._cond:
            self._cond.wait_for(lambda: self._free >= pixels)
            self._free -= pixels
        try:
            yield
        finally:
            with self._cond:
                self._free += pixels
                self._cond.notify_all()


def sniff_format(head: bytes) -> str | None:
    """The image format named by the first bytes of a file, or None when they name none we know.

    HTML error pages, SVG and anything else text-like fall through to None.
    """
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "AVIF"
    if head[:2] == b"BM":
        return "BMP"
    return None


def supported_formats() -> tuple[str, ...]:
    """Formats this Pillow build can decode and encode."""
    names = ["JPEG", "PNG", "GIF", "BMP"]
    if features.check("webp"):
        names.append("WEBP")
    if features.check("avif"):
        names.append("AVIF")
    return tuple(names)


def _open(path: Path, fmt: str) -> Image.Image:
    try:
        return Image.open(path, formats=[fmt])
    except Image.DecompressionBombError as exc:
        raise ImageRejectedError(f"decompression bomb refused ({exc})") from None
    except Image.DecompressionBombWarning as exc:
        raise ImageRejectedError(f"image too large to decode safely ({exc})") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageRejectedError(f"not a readable {fmt} image ({exc})") from None


def _frames_of(im: Image.Image) -> int:
    return int(getattr(im, "n_frames", 1))


def process_image(src: Path, out_dir: Path, opts: ImageOptions, budget: PixelBudget | None = None) -> ProcessedImage:
    """Check ``src`` and write a clean copy into ``out_dir`` (temp name); raise ``ImageRejectedError``.

    The caller renames the result to its content-addressed name. ``budget``, shared by the threads
    of a run, bounds how many pixels are decoded at once.
    """
    with src.open("rb") as fh:
        head = fh.read(32)
    fmt = sniff_format(head)
    if fmt is None:
        stripped = head.lstrip().lower()
        if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
            raise ImageRejectedError("an HTML page, not an image")
        if stripped.startswith((b"<svg", b"<?xml")):
            raise ImageRejectedError("SVG/XML is not accepted (it can carry scripts)")
        raise ImageRejectedError("not an image (unknown magic bytes)")
    if fmt not in opts.formats:
        raise ImageRejectedError(f"{fmt} images are not accepted (formats: {', '.join(opts.formats)})")

    if ImageFile.LOAD_TRUNCATED_IMAGES:
        # Someone switched Pillow's lenient mode on: truncated files would be padded, not refused.
        raise ImageRejectedError("Pillow is set to accept truncated images; refusing to check with it")
    with _open(src, fmt) as im:
        width, height = im.size
        if width <= 0 or height <= 0:
            raise ImageRejectedError("image has no pixels")
        if width * height > opts.max_pixels:
            raise ImageRejectedError(
                f"{width}×{height} pixels is over the limit of {opts.max_pixels:,} (decompression bomb?)"
            )
        # Pillow only *warns* between its limit and twice it; that warning's condition is an error
        # here, checked directly: a warnings filter is process-wide state that runners and callers reset.
        if Image.MAX_IMAGE_PIXELS and width * height > Image.MAX_IMAGE_PIXELS:
            raise ImageRejectedError(f"decompression bomb refused ({width}×{height} is over Pillow's limit)")
        try:
            frames = _frames_of(im)  # GIF counts by walking the file: may hit a truncated end
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise ImageRejectedError(f"broken or truncated {fmt} image ({exc})") from None
        if frames > opts.max_frames:
            raise ImageRejectedError(f"{frames} frames is over the limit of {opts.max_frames}")
        # Every frame is held decoded while re-encoding: the whole animation counts against the cap.
        pixels = width * height * frames
        if pixels > opts.max_pixels:
            raise ImageRejectedError(
                f"{frames} frames of {width}×{height} is over the limit of {opts.max_pixels:,} pixels"
            )
        try:
            with budget.reserve(pixels) if budget else contextlib.nullcontext():
                # load() decodes every byte: truncated and corrupt files fail here, unlike verify().
                im.load()
                if frames > 1:
                    return _write_animation(im, fmt, out_dir, opts)
                return _write_still(im, fmt, out_dir, opts)
        except ImageRejectedError:
            raise
        except Image.DecompressionBombWarning as exc:
            raise ImageRejectedError(f"image too large to decode safely ({exc})") from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise ImageRejectedError(f"broken or truncated {fmt} image ({exc})") from None


def _still_target(fmt: str, opts: ImageOptions) -> str:
    if opts.convert_to == "jpeg":
        return "JPEG"
    if opts.convert_to == "webp":
        return "WEBP"
    return "PNG" if fmt == "BMP" else fmt


def _write_still(im: Image.Image, fmt: str, out_dir: Path, opts: ImageOptions) -> ProcessedImage:
    icc = im.info.get("icc_profile")
    transparency = im.info.get("transparency")
    img = ImageOps.exif_transpose(im)
    target = _still_target(fmt, opts)
    img = _to_mode_for(img, target, transparency)
    if opts.max_width and img.width > opts.max_width:
        height = max(1, round(img.height * opts.max_width / img.width))
        img = img.resize((opts.max_width, height), Image.Resampling.LANCZOS)
    params: dict[str, Any] = {}
    if icc:
        params["icc_profile"] = icc
    if target == "JPEG":
        params.update(quality=opts.quality, optimize=True, progressive=True)
    elif target == "WEBP":
        params.update(quality=opts.quality, method=4)
    elif target == "AVIF":
        params.update(quality=opts.quality)
    elif target in ("PNG", "GIF") and img.mode == "P" and "transparency" in img.info:
        params["transparency"] = img.info["transparency"]
    # A fresh info dict: nothing from the source (EXIF, XMP, comments, text chunks) can leak through.
    img.info = {}
    return _save(img, target, out_dir, params, frames=1)


def _to_mode_for(img: Image.Image, target: str, transparency: object) -> Image.Image:
    """Convert to a mode the target format can store, keeping alpha where it can."""
    has_alpha = img.mode in ("RGBA", "LA", "PA") or transparency is not None
    if target == "JPEG":
        if img.mode in ("L", "RGB"):
            return img
        if has_alpha:
            # JPEG has no alpha: flatten on white, as a browser shows it on a white page.
            rgba = img.convert("RGBA")
            bg = Image.new("RGB", rgba.size, (255, 255, 255))
            bg.paste(rgba, mask=rgba.getchannel("A"))
            return bg
        return img.convert("RGB")  # CMYK, YCbCr, P, I;16 ...
    if target in ("WEBP", "AVIF"):
        if img.mode in ("RGB", "RGBA"):
            return img
        return img.convert("RGBA" if has_alpha else "RGB")
    if target == "PNG":
        if img.mode in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16", "I"):
            return img
        return img.convert("RGBA" if has_alpha else "RGB")
    return img


def _write_animation(im: Image.Image, fmt: str, out_dir: Path, opts: ImageOptions) -> ProcessedImage:
    """Re-encode every frame, keeping timing and looping; no resize (it would cost per frame)."""
    frames: list[Image.Image] = []
    durations: list[int] = []
    for frame in ImageSequence.Iterator(im):
        durations.append(int(frame.info.get("duration", 100)))
        frames.append(frame.convert("RGBA"))
    loop = int(im.info.get("loop", 0))
    first = frames[0]
    first.info = {}
    params: dict[str, Any] = {"save_all": True, "append_images": frames[1:], "duration": durations, "loop": loop}
    if fmt == "GIF":
        params.update(disposal=2, optimize=False)
    else:
        params.update(quality=opts.quality)
    return _save(first, fmt, out_dir, params, frames=len(frames))


def _save(img: Image.Image, target: str, out_dir: Path, params: dict[str, Any], *, frames: int) -> ProcessedImage:
    fd, name = tempfile.mkstemp(dir=out_dir, prefix=".img-", suffix="." + EXTENSIONS[target])
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            img.save(fh, format=target, **params)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return ProcessedImage(path, target, img.width, img.height, frames, digest)


def make_thumbnail(src: Path, out_dir: Path, width: int, quality: int) -> ProcessedImage:
    """A smaller still copy of an already processed image (first frame), for list pages."""
    with Image.open(src) as im:
        fmt = im.format or "PNG"
        im.seek(0)
        img = im.convert("RGBA") if _frames_of(im) > 1 else im.copy()
    target = "PNG" if fmt in ("GIF", "BMP") else fmt
    if img.width > width:
        height = max(1, round(img.height * width / img.width))
        img = img.resize((width, height), Image.Resampling.LANCZOS)
    img = _to_mode_for(img, target, None)
    params: dict[str, Any] = {"quality": quality} if target in ("JPEG", "WEBP", "AVIF") else {}
    img.info = {}
    return _save(img, target, out_dir, params, frames=1)
