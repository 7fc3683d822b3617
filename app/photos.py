"""A pre-verbal child's photo, made safe to keep: checked, turned upright, re-encoded, stripped.

Pure Python and Pillow, no Qt, no disk: the photo arrives as bytes (a JPEG, PNG or WebP file, or a
camera frame) and leaves as the bytes of a new JPEG (quality 85, longest side at most 1280 px)
with no metadata at all — no EXIF (so no GPS position, camera or time), no ICC profile, no
comment. Nothing is ever written to a file, temporary or not; the store that keeps the result is
encrypted. A file that is too big, not an image, in another format, a decompression bomb, or
damaged is refused with a ``ValidationError`` that says which.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from app.domain.errors import ValidationError

MAX_BYTES = 15 * 1024 * 1024  # the largest file accepted
MAX_PIXELS = 40_000_000  # larger images are refused before they are decoded (decompression bombs)
LONGEST_SIDE = 1280
QUALITY = 85
FORMATS = ("JPEG", "PNG", "WEBP")
FIELD = "photo"


@dataclass(frozen=True)
class Photo:
    """The re-encoded JPEG that is kept, and what is known of it."""

    jpeg: bytes
    width: int
    height: int
    sha256: str


def _refuse(message: str) -> ValidationError:
    return ValidationError.one(FIELD, message)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def check_size(size: int) -> None:
    """Refuse a file over :data:`MAX_BYTES` (before it is read, when the caller knows its size)."""
    if size > MAX_BYTES:
        raise _refuse(f"the photo is {_megabytes(size)}; the largest accepted is {_megabytes(MAX_BYTES)}")
    if size == 0:
        raise _refuse("the photo file is empty")


def process(data: bytes) -> Photo:
    """The photo to keep, made from the bytes of a JPEG, PNG or WebP file."""
    check_size(len(data))
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = _open(data)
            image = ImageOps.exif_transpose(image)  # decodes the pixels: damage shows here
            clean = _clean_copy(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise _refuse("the photo file is damaged or incomplete; take the photo again or choose another "
                          "file") from None
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=QUALITY, optimize=True)
    jpeg = out.getvalue()
    return Photo(jpeg, clean.width, clean.height, hashlib.sha256(jpeg).hexdigest())


def _too_many_pixels() -> ValidationError:
    return _refuse(f"the photo has too many pixels (more than {MAX_PIXELS // 1_000_000} megapixels); "
                   "it may be a damaged or a malicious file")


def _open(data: bytes) -> Image.Image:
    """The image, its header read (pixels not yet decoded); refused unless it is an accepted format of
    a sensible size."""
    if ImageFile.LOAD_TRUNCATED_IMAGES:  # a process-wide setting: never accept half a photo
        raise RuntimeError("PIL.ImageFile.LOAD_TRUNCATED_IMAGES must stay False")
    try:
        image = Image.open(io.BytesIO(data), formats=FORMATS)
    except UnidentifiedImageError:
        raise _refuse(_not_accepted(data)) from None
    width, height = image.size
    if width < 1 or height < 1:
        raise _refuse("the photo file is damaged or incomplete; take the photo again or choose another file")
    if width * height > MAX_PIXELS:
        raise _too_many_pixels()
    return image


def _not_accepted(data: bytes) -> str:
    try:
        other = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError):
        return "the file is not a photo (accepted are JPEG, PNG and WebP images)"
    return f"the photo is a {other.format} image; accepted are JPEG, PNG and WebP"


def _clean_copy(image: Image.Image) -> Image.Image:
    """An RGB copy at most :data:`LONGEST_SIDE` px long, with nothing of the original's metadata."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
    else:
        flat = image.convert("RGB")
    flat.thumbnail((LONGEST_SIDE, LONGEST_SIDE), Image.Resampling.LANCZOS)
    return Image.frombytes("RGB", flat.size, flat.tobytes())  # pixels only: no info, no EXIF, no ICC
