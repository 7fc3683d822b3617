"""Photo processing: what is kept is a re-encoded JPEG without metadata, upright, size-limited;
bad files are refused with the reason. All in memory."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from PIL import Image

from app import photos
from app.domain.errors import ValidationError

GPS_IFD = 0x8825


def _jpeg(size: tuple[int, int] = (64, 32), *, orientation: int | None = None, gps: bool = False,
          fmt: str = "JPEG") -> bytes:
    image = Image.new("RGB", size, (250, 250, 250))
    image.paste((200, 20, 20), (0, 0, size[0] // 2, size[1]))  # the left half red
    exif = Image.Exif()
    exif[0x010F] = "Invented Camera Co"  # Make
    exif[0x0132] = "2026:11:24 14:05:00"  # DateTime
    if orientation is not None:
        exif[0x0112] = orientation
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (31.0, 20.0, 0.0), 3: "W", 4: (110.0, 54.0, 0.0)})
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif.tobytes(), comment=b"invented comment" if fmt == "JPEG" else None,
               icc_profile=b"\0" * 8 if fmt == "JPEG" else None)
    return out.getvalue()


def _refused(data: bytes) -> str:
    with pytest.raises(ValidationError) as error:
        photos.process(data)
    [problem] = error.value.problems
    assert problem.where == "photo"
    return problem.message


def test_metadata_is_stripped() -> None:
    original = _jpeg(gps=True)
    with Image.open(io.BytesIO(original)) as check:
        assert check.getexif().get_ifd(GPS_IFD), "the test photo does carry a GPS position"
    kept = photos.process(original)
    assert kept.jpeg.startswith(b"\xff\xd8") and b"Exif" not in kept.jpeg and b"invented" not in kept.jpeg
    with Image.open(io.BytesIO(kept.jpeg)) as image:
        assert image.format == "JPEG" and image.mode == "RGB"
        assert not image.getexif() and "icc_profile" not in image.info and "comment" not in image.info
        assert "exif" not in image.info


def test_orientation_is_applied() -> None:
    kept = photos.process(_jpeg((64, 32), orientation=6))  # "rotate 90° clockwise to view"
    assert (kept.width, kept.height) == (32, 64)
    with Image.open(io.BytesIO(kept.jpeg)) as image:
        assert image.size == (32, 64)
        top, bottom = image.getpixel((16, 4)), image.getpixel((16, 60))
    assert top[0] > 150 and top[1] < 100, "the left half is at the top after the turn"
    assert bottom[1] > 200


def test_large_photos_are_scaled_to_the_longest_side() -> None:
    kept = photos.process(_jpeg((3000, 2000)))
    assert (kept.width, kept.height) == (1280, 853)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted(fmt: str) -> None:
    image = Image.new("RGBA", (20, 10), (0, 0, 255, 128))
    out = io.BytesIO()
    image.save(out, format=fmt)
    kept = photos.process(out.getvalue())
    assert (kept.width, kept.height) == (20, 10) and kept.jpeg.startswith(b"\xff\xd8")


def test_a_file_over_15_mb_is_refused_quickly() -> None:
    start = time.perf_counter()
    message = _refused(b"\xff\xd8" + b"\0" * (50 * 1024 * 1024))
    assert message == "the photo is 50 MB; the largest accepted is 15 MB"
    assert time.perf_counter() - start < 0.5


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 1024)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("size", [(100_000, 100_000), (8000, 6000)])
def test_a_decompression_bomb_is_refused(size: tuple[int, int]) -> None:
    assert "too many pixels" in _refused(_png_header(*size))


def test_not_an_image_is_refused() -> None:
    assert _refused(b"%PDF-1.7 this is no photo") == \
        "the file is not a photo (accepted are JPEG, PNG and WebP images)"


def test_another_image_format_is_named() -> None:
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="GIF")
    assert _refused(out.getvalue()) == "the photo is a GIF image; accepted are JPEG, PNG and WebP"


def test_a_truncated_file_is_refused() -> None:
    whole = _jpeg((400, 300))
    assert "damaged or incomplete" in _refused(whole[: len(whole) // 2])


def test_an_empty_file_is_refused() -> None:
    assert _refused(b"") == "the photo file is empty"
